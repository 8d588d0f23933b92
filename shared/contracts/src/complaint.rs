//! The complaint aggregate's contracts: commands and events of workflow 3 (DESIGN.md, "Complaints
//! and tips", "Anonymity").
//!
//! A case is filed (received) through a channel, in one of two categories (corruption, kept apart
//! to protect whistleblowers, or general), anonymously or with the reporter's identity; the
//! secretariat acknowledges it with a time frame, assigns it to an org unit, and the case is
//! investigated with two-way messages between the handling officers and the reporter; it ends
//! resolved with an outcome, referred to another body (NACC, PACC, police, other), or closed as
//! unfounded or as a duplicate of a kept case, and the outcome is told to the reporter. New
//! evidence after the end, or the reporter's one dispute, reopens it. After a retention period
//! counted from the end, its content is purged.
//!
//! What events may hold is the anonymity promise:
//! - every free text the case carries (the complaint, the reporter's identity, location,
//!   questions, answers, notes, outcome, reasons told to the reporter) is [`SealedText`]:
//!   ciphertext under a per-case key, so deleting the key erases it (crypto-shredding);
//!   commands carry the plaintext and the ledger seals it before anything is stored;
//! - the receipt code is never stored, only its keyed hash ([`ReceiptDigest`]);
//! - no chat user id, phone, LINE or Telegram id, name, IP address, or time finer than the hour
//!   (dates are Bangkok calendar dates; the ledger stores reporter-side events with their time
//!   truncated to the hour);
//! - an attachment is a reference to a blob stored encrypted elsewhere, with a digest keyed by
//!   the case's key (equal files match within the case only), never a public hash.
//!
//! Statistics (counts by category, channel, status, time taken, reopenings) stay after a purge.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{domain_commands, domain_events, StreamName};

/// Aggregate kind of complaints: streams are `complaint-<case id>`.
pub const AGGREGATE: &str = "complaint";

/// Days within which a general complaint must be resolved after receipt, unless the reporter is
/// told why it takes longer.
pub const GENERAL_RESOLUTION_DAYS: u16 = 15;

/// Days a case's content is kept after the case ends, unless its category says otherwise.
pub const DEFAULT_RETENTION_DAYS: u16 = 730;

/// Fewest characters of a receipt code once normalised (16 base-32 characters = 80 bits).
pub const MIN_RECEIPT_CODE_CHARS: usize = 16;

/// Most characters of a receipt code once normalised.
pub const MAX_RECEIPT_CODE_CHARS: usize = 64;

/// Ciphertext of one piece of case content, as opaque base64 text (sealed by the ledger's vault
/// under the case's key).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SealedText(pub String);

/// The keyed (peppered or salted) hash of a receipt code, as opaque text: what is stored instead
/// of the code. Only the vault that made it can tell whether a code matches.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReceiptDigest(pub String);

/// A receipt code as the reporter holds it. Never stored and never printed: `Debug` hides it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReceiptCode(pub String);

impl fmt::Debug for ReceiptCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReceiptCode(…)")
    }
}

impl ReceiptCode {
    /// The code with spaces and hyphens dropped and letters upper-cased; `None` unless it is
    /// ASCII letters and digits, [`MIN_RECEIPT_CODE_CHARS`] to [`MAX_RECEIPT_CODE_CHARS`] long.
    /// A new code must pass this; a code typed back is judged by the vault, which forgives more.
    pub fn normalized(&self) -> Option<String> {
        let code: String = self
            .0
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let length_ok = (MIN_RECEIPT_CODE_CHARS..=MAX_RECEIPT_CODE_CHARS).contains(&code.len());
        (length_ok && code.chars().all(|c| c.is_ascii_alphanumeric())).then_some(code)
    }
}

/// Which kind of complaint: corruption cases go through the dedicated channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// เรื่องร้องเรียนการทุจริต: a time frame is set at acknowledgement.
    Corruption,
    /// เรื่องร้องเรียนทั่วไป: resolved within 15 days of receipt, or the reporter told why.
    General,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 2] = [Category::Corruption, Category::General];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Corruption => "corruption",
            Category::General => "general",
        }
    }

    /// The Thai label.
    pub fn label_th(self) -> &'static str {
        match self {
            Category::Corruption => "เรื่องร้องเรียนการทุจริต",
            Category::General => "เรื่องร้องเรียนทั่วไป",
        }
    }

    /// Days the content of a case of this category is kept after it ends.
    pub fn retention_days(self) -> u16 {
        match self {
            Category::Corruption | Category::General => DEFAULT_RETENTION_DAYS,
        }
    }
}

/// How a complaint arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The web form or web chat.
    Web,
    /// Telegram.
    Telegram,
    /// LINE.
    Line,
    /// In person at the office.
    Walkin,
    /// By telephone.
    Phone,
    /// By letter.
    Letter,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 6] = [
        Channel::Web,
        Channel::Telegram,
        Channel::Line,
        Channel::Walkin,
        Channel::Phone,
        Channel::Letter,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Telegram => "telegram",
            Channel::Line => "line",
            Channel::Walkin => "walkin",
            Channel::Phone => "phone",
            Channel::Letter => "letter",
        }
    }

    /// The Thai label.
    pub fn label_th(self) -> &'static str {
        match self {
            Channel::Web => "เว็บไซต์",
            Channel::Telegram => "เทเลแกรม",
            Channel::Line => "ไลน์",
            Channel::Walkin => "ร้องเรียนด้วยตนเอง",
            Channel::Phone => "โทรศัพท์",
            Channel::Letter => "หนังสือ/จดหมาย",
        }
    }
}

/// The body a case was referred to.
///
/// On the wire: `{"kind":"nacc"}`, `{"kind":"pacc"}`, `{"kind":"police"}`,
/// `{"kind":"other","name":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ReferredTo {
    /// สำนักงาน ป.ป.ช. (National Anti-Corruption Commission).
    Nacc,
    /// สำนักงาน ป.ป.ท. (Public Sector Anti-Corruption Commission).
    Pacc,
    /// สำนักงานตำรวจแห่งชาติ / the police.
    Police,
    /// Another body, by name (required).
    Other {
        /// Its name.
        name: String,
    },
}

/// Why a case was closed without a resolution.
///
/// On the wire: `{"kind":"unfounded"}`, `{"kind":"duplicate","kept_case_id":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Closure {
    /// ไม่มีมูล: nothing to it.
    Unfounded,
    /// ซ้ำกับเรื่องอื่น: the same matter as a case that is kept.
    Duplicate {
        /// The case that is kept.
        kept_case_id: Uuid,
    },
}

/// Why a closed case was reopened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReopenCause {
    /// The reporter added evidence after the case ended.
    NewEvidence,
    /// The reporter disputed how it ended.
    Disputed,
}

/// On what grounds a case's content was purged.
///
/// On the wire: `{"kind":"retention"}`, `{"kind":"order","reference":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum PurgeBasis {
    /// The retention period after the case ended has passed.
    Retention,
    /// An order (a court order, a PDPA erasure decision), by its reference.
    Order {
        /// The order's reference.
        reference: String,
    },
}

/// A file the reporter sent, already stored encrypted by the ledger's blob store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentRef {
    /// The blob's id (random; an id that embeds a time is refused).
    pub id: Uuid,
    /// Digest of the (EXIF-stripped) content keyed by the case's key (`sujarit_privacy::
    /// attachment_digest`), in hex or base64: equal files give equal digests within the case only.
    /// Never a public hash such as a plain SHA-256, which would link the file to copies elsewhere.
    pub digest: String,
    /// `image/jpeg`, `image/png` or `application/pdf`.
    pub mime: String,
    /// Size in bytes (at most 10 MiB).
    pub bytes: u64,
}

/// An attachment as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The blob's id.
    pub id: Uuid,
    /// The case-keyed content digest.
    pub digest: String,
    /// Media type.
    pub mime: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// Who an identified reporter is, as they gave it. Sealed as one JSON text in the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReporterIdentity {
    /// Name.
    pub name: String,
    /// How to reach them (phone, e-mail, address), as they wrote it.
    #[serde(default)]
    pub contact: Option<String>,
}

/// Files a complaint or an anonymous tip. The front end generates the receipt code, shows it
/// once, and sends it here; only its keyed hash is stored, so a retry is idempotent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileComplaint {
    /// Stable id of the case, chosen by the sender (random; an id that embeds a time is refused).
    pub case_id: Uuid,
    /// The receipt code (≥ 80 random bits).
    pub receipt_code: ReceiptCode,
    /// How it arrived.
    pub channel: Channel,
    /// Corruption or general.
    pub category: Category,
    /// The agency complained about, if it is a registered org unit.
    #[serde(default)]
    pub subject_org_unit_id: Option<Uuid>,
    /// The agency complained about, as the reporter named it.
    #[serde(default)]
    pub subject_agency: Option<String>,
    /// What happened (plaintext; sealed before storage).
    pub text: String,
    /// Where it happened.
    #[serde(default)]
    pub location: Option<String>,
    /// Files sent with it (at most 10).
    #[serde(default)]
    pub attachments: Vec<AttachmentRef>,
    /// Who the reporter is; absent for an anonymous tip, which must be sent by actor `anonymous`.
    #[serde(default)]
    pub reporter: Option<ReporterIdentity>,
}

/// Acknowledges receipt with the expected time frame (secretariat).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcknowledgeComplaint {
    /// The case.
    pub case_id: Uuid,
    /// Days from today within which the case is expected to be dealt with: required for a
    /// corruption case; for a general one optional and within the 15-day limit.
    #[serde(default)]
    pub time_frame_days: Option<u16>,
}

/// Assigns (or reassigns) an acknowledged case to an org unit (secretariat).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignComplaint {
    /// The case.
    pub case_id: Uuid,
    /// The unit that handles it.
    pub org_unit_id: Uuid,
}

/// Asks the reporter a question (secretariat or the assigned unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskReporter {
    /// The case.
    pub case_id: Uuid,
    /// The question.
    pub text: String,
}

/// The reporter answers a question, with the receipt code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerQuestion {
    /// The case.
    pub case_id: Uuid,
    /// The receipt code.
    pub receipt_code: ReceiptCode,
    /// The question's number; absent: the latest question.
    #[serde(default)]
    pub in_reply_to: Option<u32>,
    /// The answer.
    pub text: String,
    /// Files sent with it (at most 10).
    #[serde(default)]
    pub attachments: Vec<AttachmentRef>,
}

/// The reporter adds evidence, with the receipt code; after the case ended this reopens it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddEvidence {
    /// The case.
    pub case_id: Uuid,
    /// The receipt code.
    pub receipt_code: ReceiptCode,
    /// What the evidence shows.
    #[serde(default)]
    pub note: Option<String>,
    /// The files (at most 10); a note or a file is required.
    #[serde(default)]
    pub attachments: Vec<AttachmentRef>,
}

/// Records an internal progress note, not shown to the reporter (secretariat or the assigned unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordProgress {
    /// The case.
    pub case_id: Uuid,
    /// The note.
    pub note: String,
}

/// Tells the reporter why the case takes longer and until when (secretariat).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplainExtension {
    /// The case.
    pub case_id: Uuid,
    /// Why.
    pub reason: String,
    /// The new due date, later than the current one.
    pub new_due_on: NaiveDate,
}

/// Resolves the case with its outcome (secretariat or the assigned unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolveComplaint {
    /// The case.
    pub case_id: Uuid,
    /// What was found and done.
    pub outcome: String,
}

/// Refers the case to another body (secretariat).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferComplaint {
    /// The case.
    pub case_id: Uuid,
    /// To whom.
    pub to: ReferredTo,
    /// A note on the referral.
    #[serde(default)]
    pub note: Option<String>,
}

/// Closes the case as unfounded or as a duplicate (secretariat).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloseComplaint {
    /// The case.
    pub case_id: Uuid,
    /// Unfounded, or a duplicate of a kept case.
    pub closure: Closure,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Tells the reporter how the case ended (secretariat or the assigned unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TellOutcome {
    /// The case.
    pub case_id: Uuid,
    /// The message to the reporter.
    pub message: String,
}

/// The reporter rates how the case was handled (1–5), with the receipt code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateHandling {
    /// The case.
    pub case_id: Uuid,
    /// The receipt code.
    pub receipt_code: ReceiptCode,
    /// 1 (poor) to 5 (very good).
    pub rating: u8,
}

/// The reporter disputes how the case ended (once), with the receipt code; this reopens it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisputeClosure {
    /// The case.
    pub case_id: Uuid,
    /// The receipt code.
    pub receipt_code: ReceiptCode,
    /// Why.
    pub reason: String,
}

/// Opens an identified reporter's identity, logged (a person holding the custodian role).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevealReporter {
    /// The case.
    pub case_id: Uuid,
    /// Why the identity is needed; required, and kept in the log.
    pub reason: String,
}

/// Erases the case's content: after the retention period (a service or the secretariat), or at
/// any time on an order (the secretariat, giving its reference).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurgeCaseContent {
    /// The case.
    pub case_id: Uuid,
    /// The order's reference; absent: the retention period.
    #[serde(default)]
    pub order: Option<String>,
}

domain_commands! {
    /// Commands of the complaint aggregate.
    pub enum ComplaintCommand {
        FileComplaint,
        AcknowledgeComplaint,
        AssignComplaint,
        AskReporter,
        AnswerQuestion,
        AddEvidence,
        RecordProgress,
        ExplainExtension,
        ResolveComplaint,
        ReferComplaint,
        CloseComplaint,
        TellOutcome,
        RateHandling,
        DisputeClosure,
        RevealReporter,
        PurgeCaseContent,
    }
}

impl ComplaintCommand {
    /// The case the command is about.
    pub fn case_id(&self) -> Uuid {
        match self {
            ComplaintCommand::FileComplaint(c) => c.case_id,
            ComplaintCommand::AcknowledgeComplaint(c) => c.case_id,
            ComplaintCommand::AssignComplaint(c) => c.case_id,
            ComplaintCommand::AskReporter(c) => c.case_id,
            ComplaintCommand::AnswerQuestion(c) => c.case_id,
            ComplaintCommand::AddEvidence(c) => c.case_id,
            ComplaintCommand::RecordProgress(c) => c.case_id,
            ComplaintCommand::ExplainExtension(c) => c.case_id,
            ComplaintCommand::ResolveComplaint(c) => c.case_id,
            ComplaintCommand::ReferComplaint(c) => c.case_id,
            ComplaintCommand::CloseComplaint(c) => c.case_id,
            ComplaintCommand::TellOutcome(c) => c.case_id,
            ComplaintCommand::RateHandling(c) => c.case_id,
            ComplaintCommand::DisputeClosure(c) => c.case_id,
            ComplaintCommand::RevealReporter(c) => c.case_id,
            ComplaintCommand::PurgeCaseContent(c) => c.case_id,
        }
    }

    /// The case's stream.
    pub fn stream(&self) -> StreamName {
        stream(self.case_id())
    }
}

/// The stream of one case.
pub fn stream(case_id: Uuid) -> StreamName {
    StreamName::for_id(AGGREGATE, case_id)
}

/// A complaint or tip was received. Holds no identity in plaintext and no time finer than the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintReceived {
    /// Stable id.
    pub case_id: Uuid,
    /// How it arrived.
    pub channel: Channel,
    /// Corruption or general.
    pub category: Category,
    /// Filed without an identity.
    pub anonymous: bool,
    /// The agency complained about, if registered.
    pub subject_org_unit_id: Option<Uuid>,
    /// The agency as the reporter named it, sealed.
    pub subject_agency: Option<SealedText>,
    /// What happened, sealed.
    pub text: SealedText,
    /// Where, sealed.
    pub location: Option<SealedText>,
    /// The files sent with it.
    pub attachments: Vec<Attachment>,
    /// The identified reporter's identity ([`ReporterIdentity`] as JSON), sealed.
    pub reporter: Option<SealedText>,
    /// The keyed hash of the receipt code.
    pub receipt_digest: ReceiptDigest,
    /// The Bangkok date of receipt.
    pub received_on: NaiveDate,
    /// The due date: 15 days after receipt for a general complaint; none for a corruption case
    /// until it is acknowledged.
    pub due_on: Option<NaiveDate>,
    /// Days the content is kept after the case ends.
    pub retention_days: u16,
}

/// The secretariat acknowledged receipt with the expected time frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintAcknowledged {
    /// The case.
    pub case_id: Uuid,
    /// The Bangkok date.
    pub acknowledged_on: NaiveDate,
    /// The time frame given, in days from acknowledgement.
    pub time_frame_days: Option<u16>,
    /// The due date from now on.
    pub due_on: NaiveDate,
}

/// The case was assigned to an org unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintAssigned {
    /// The case.
    pub case_id: Uuid,
    /// The unit that handles it.
    pub org_unit_id: Uuid,
    /// The Bangkok date.
    pub assigned_on: NaiveDate,
}

/// A handling officer asked the reporter a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionAsked {
    /// The case.
    pub case_id: Uuid,
    /// The question's number in the case, from 1.
    pub number: u32,
    /// The question, sealed.
    pub text: SealedText,
    /// The Bangkok date.
    pub asked_on: NaiveDate,
}

/// The reporter answered a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReporterAnswered {
    /// The case.
    pub case_id: Uuid,
    /// The question answered.
    pub in_reply_to: u32,
    /// The answer, sealed.
    pub text: SealedText,
    /// New files sent with it.
    pub attachments: Vec<Attachment>,
}

/// The reporter added evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceAdded {
    /// The case.
    pub case_id: Uuid,
    /// What it shows, sealed.
    pub note: Option<SealedText>,
    /// New files.
    pub attachments: Vec<Attachment>,
}

/// A handling officer recorded an internal progress note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressNoted {
    /// The case.
    pub case_id: Uuid,
    /// The note, sealed.
    pub note: SealedText,
    /// The Bangkok date.
    pub noted_on: NaiveDate,
}

/// The reporter was told why the case takes longer, and the due date moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionExplained {
    /// The case.
    pub case_id: Uuid,
    /// Why, sealed.
    pub reason: SealedText,
    /// The due date before.
    pub previous_due_on: NaiveDate,
    /// The due date now.
    pub new_due_on: NaiveDate,
    /// The Bangkok date.
    pub explained_on: NaiveDate,
}

/// The case was resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintResolved {
    /// The case.
    pub case_id: Uuid,
    /// What was found and done, sealed.
    pub outcome: SealedText,
    /// The Bangkok date.
    pub resolved_on: NaiveDate,
    /// Resolved after the due date.
    pub late: bool,
}

/// The case was referred to another body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintReferred {
    /// The case.
    pub case_id: Uuid,
    /// To whom.
    pub to: ReferredTo,
    /// A note, sealed.
    pub note: Option<SealedText>,
    /// The Bangkok date.
    pub referred_on: NaiveDate,
    /// Referred after the due date.
    pub late: bool,
}

/// The case was closed as unfounded or as a duplicate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintClosed {
    /// The case.
    pub case_id: Uuid,
    /// Unfounded, or a duplicate of a kept case.
    pub closure: Closure,
    /// Why, sealed.
    pub reason: Option<SealedText>,
    /// The Bangkok date.
    pub closed_on: NaiveDate,
    /// Closed after the due date.
    pub late: bool,
}

/// The reporter was told how the case ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeTold {
    /// The case.
    pub case_id: Uuid,
    /// The message, sealed.
    pub message: SealedText,
    /// The Bangkok date.
    pub told_on: NaiveDate,
}

/// The reporter rated the handling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandlingRated {
    /// The case.
    pub case_id: Uuid,
    /// 1 to 5.
    pub rating: u8,
}

/// The reporter disputed how the case ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosureDisputed {
    /// The case.
    pub case_id: Uuid,
    /// Why, sealed.
    pub reason: SealedText,
}

/// A case that had ended was reopened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseReopened {
    /// The case.
    pub case_id: Uuid,
    /// New evidence, or a dispute.
    pub cause: ReopenCause,
    /// The Bangkok date.
    pub reopened_on: NaiveDate,
    /// The new due date: the case's time frame again, counted from reopening.
    pub due_on: Option<NaiveDate>,
}

/// A custodian opened an identified reporter's identity: the access log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReporterIdentityAccessed {
    /// The case.
    pub case_id: Uuid,
    /// The custodian.
    pub by: Uuid,
    /// Why.
    pub reason: String,
}

/// The case's content was erased: its key is deleted, the statistics stay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseContentPurged {
    /// The case.
    pub case_id: Uuid,
    /// On what grounds.
    pub basis: PurgeBasis,
    /// The Bangkok date.
    pub purged_on: NaiveDate,
}

domain_events! {
    /// Events of the complaint aggregate.
    pub enum ComplaintEvent {
        ComplaintReceived = 1,
        ComplaintAcknowledged = 1,
        ComplaintAssigned = 1,
        QuestionAsked = 1,
        ReporterAnswered = 1,
        EvidenceAdded = 1,
        ProgressNoted = 1,
        ExtensionExplained = 1,
        ComplaintResolved = 1,
        ComplaintReferred = 1,
        ComplaintClosed = 1,
        OutcomeTold = 1,
        HandlingRated = 1,
        ClosureDisputed = 1,
        CaseReopened = 1,
        ReporterIdentityAccessed = 1,
        CaseContentPurged = 1,
    }
}

impl ComplaintEvent {
    /// Whether the reporter caused it (filing, answers, evidence, ratings, disputes and the
    /// reopenings they cause): the ledger stores these with their time truncated to the hour.
    pub fn is_reporter_side(&self) -> bool {
        matches!(
            self,
            ComplaintEvent::ComplaintReceived(_)
                | ComplaintEvent::ReporterAnswered(_)
                | ComplaintEvent::EvidenceAdded(_)
                | ComplaintEvent::HandlingRated(_)
                | ComplaintEvent::ClosureDisputed(_)
                | ComplaintEvent::CaseReopened(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainEvent;

    const CASE: Uuid = Uuid::from_u128(0x5);

    #[test]
    fn receipt_codes_are_normalised_and_need_eighty_bits() {
        let code = ReceiptCode(" abcd-efgh-jkmn-pqrs ".into());
        assert_eq!(code.normalized().as_deref(), Some("ABCDEFGHJKMNPQRS"));
        assert_eq!(ReceiptCode("ABCD-EFGH-JKMN-PQR".into()).normalized(), None);
        assert_eq!(ReceiptCode("ABCD-EFGH-JKMN-PQR!".into()).normalized(), None);
        assert_eq!(ReceiptCode("กขคง".repeat(5)).normalized(), None);
    }

    #[test]
    fn a_receipt_code_is_never_printed() {
        let command = RateHandling {
            case_id: CASE,
            receipt_code: ReceiptCode("ABCDEFGHJKMNPQRS".into()),
            rating: 5,
        };
        assert!(!format!("{command:?}").contains("ABCDEFGH"));
    }

    #[test]
    fn referrals_closures_and_purge_bases_have_tagged_json_shapes() {
        let cases = [
            (serde_json::to_string(&ReferredTo::Nacc).unwrap(), r#"{"kind":"nacc"}"#),
            (
                serde_json::to_string(&ReferredTo::Other {
                    name: "สตง.".into()
                })
                .unwrap(),
                r#"{"kind":"other","name":"สตง."}"#,
            ),
            (
                serde_json::to_string(&Closure::Unfounded).unwrap(),
                r#"{"kind":"unfounded"}"#,
            ),
            (
                serde_json::to_string(&PurgeBasis::Retention).unwrap(),
                r#"{"kind":"retention"}"#,
            ),
        ];
        for (json, expected) in cases {
            assert_eq!(json, expected);
        }
        let duplicate: Closure =
            serde_json::from_str(&format!(r#"{{"kind":"duplicate","kept_case_id":"{CASE}"}}"#)).unwrap();
        assert_eq!(duplicate, Closure::Duplicate { kept_case_id: CASE });
    }

    #[test]
    fn a_filing_needs_only_case_code_channel_category_and_text() {
        let body = format!(
            r#"{{"case_id":"{CASE}","receipt_code":"ABCDEFGHJKMNPQRS","channel":"line","category":"corruption","text":"x"}}"#
        );
        let ComplaintCommand::FileComplaint(c) = ComplaintCommand::decode("FileComplaint", body.as_bytes()).unwrap()
        else {
            panic!("not FileComplaint");
        };
        assert_eq!((c.channel, c.category), (Channel::Line, Category::Corruption));
        assert!(c.reporter.is_none() && c.attachments.is_empty() && c.location.is_none());
    }

    #[test]
    fn every_command_names_its_case_and_writes_to_the_complaint_stream() {
        let command: ComplaintCommand = RevealReporter {
            case_id: CASE,
            reason: "x".into(),
        }
        .into();
        assert_eq!(command.case_id(), CASE);
        assert_eq!(command.stream().to_string(), format!("complaint-{CASE}"));
        assert_eq!(ComplaintCommand::NAMES.len(), 16);
    }

    #[test]
    fn events_round_trip_through_their_type_name_and_payload() {
        let event: ComplaintEvent = CaseReopened {
            case_id: CASE,
            cause: ReopenCause::Disputed,
            reopened_on: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            due_on: None,
        }
        .into();
        let payload = event.to_payload().unwrap();
        assert_eq!(event.event_type(), "CaseReopened");
        assert!(event.is_reporter_side());
        assert_eq!(
            ComplaintEvent::from_payload("CaseReopened", payload.get()).unwrap(),
            event
        );
    }
}

/// Subject of case views, answered by the ledger (queue group `ledger`): only the ledger holds
/// the case keys that open the sealed content. Body [`ViewCase`], reply
/// `QueryReply<`[`CaseView`]`>`.
pub const DESK_VIEW: &str = "sujarit.desk.case";
/// Subject of attachment uploads, answered by the ledger: the body is the file's bytes, headers
/// [`HEADER_CASE_ID`] and (for the reporter) [`HEADER_RECEIPT_CODE`]; reply
/// `QueryReply<`[`AttachmentRef`]`>`. The file is checked, stripped of metadata and stored
/// sealed under the case key before the reference is returned.
pub const DESK_ATTACH: &str = "sujarit.desk.attach";
/// Header: the case an upload belongs to.
pub const HEADER_CASE_ID: &str = "Sujarit-Case-Id";
/// Header: the reporter's receipt code for an upload.
pub const HEADER_RECEIPT_CODE: &str = "Sujarit-Receipt-Code";

/// Asks for one case: the reporter with the receipt code, or a handler (the secretariat or an
/// officer of the assigned unit) as the actor of the request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewCase {
    /// The case.
    pub case_id: Uuid,
    /// The reporter's receipt code.
    #[serde(default)]
    pub receipt_code: Option<ReceiptCode>,
}

/// Who wrote a message of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageFrom {
    /// The reporter.
    Reporter,
    /// The handling officers or the secretariat.
    Handler,
}

/// One message of a case, opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseMessage {
    /// Who wrote it.
    pub from: MessageFrom,
    /// `question`, `answer`, `evidence`, `extension`, `outcome` or (handlers only) `note`.
    pub kind: String,
    /// The question's number (questions and answers).
    #[serde(default)]
    pub number: Option<u32>,
    /// The text; `None` after the content was purged.
    #[serde(default)]
    pub text: Option<String>,
    /// The Bangkok date, where the event records one.
    #[serde(default)]
    pub on: Option<NaiveDate>,
    /// Files attached to it.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

/// A case as the reporter or a handler may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    /// The case.
    pub case_id: Uuid,
    /// `received`, `acknowledged`, `assigned`, `resolved`, `referred` or `closed`.
    pub status: String,
    /// The status in Thai.
    pub status_th: String,
    /// Corruption or general.
    pub category: Category,
    /// How it arrived.
    pub channel: Channel,
    /// Filed without an identity.
    pub anonymous: bool,
    /// The Bangkok date of receipt.
    pub received_on: NaiveDate,
    /// The current due date.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    /// Open and past its due date.
    pub overdue: bool,
    /// What the reporter wrote; `None` after a purge.
    #[serde(default)]
    pub text: Option<String>,
    /// The agency named by the reporter.
    #[serde(default)]
    pub subject_agency: Option<String>,
    /// Where it happened.
    #[serde(default)]
    pub location: Option<String>,
    /// The complaint's own files.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The conversation, oldest first.
    pub messages: Vec<CaseMessage>,
    /// Questions not answered yet.
    pub open_questions: u32,
    /// The reporter may rate the handling now.
    pub can_rate: bool,
    /// The reporter may dispute the ending now.
    pub can_dispute: bool,
    /// Times reopened.
    pub reopen_count: u32,
    /// The content was purged.
    pub purged: bool,
    /// The unit it is assigned to (handlers only).
    #[serde(default)]
    pub assigned_to: Option<Uuid>,
    /// The identified reporter's name and contact: only for a custodian, and only after their
    /// access was recorded (`RevealReporter`).
    #[serde(default)]
    pub reporter: Option<ReporterIdentity>,
}
