//! The complaint aggregate (DESIGN.md, workflow 3 "Complaints and tips", and "Anonymity"): one
//! case, from receipt to its outcome told to the reporter, as a pure decide (`handle`) and evolve
//! (`apply`).
//!
//! Lifecycle. Received → Acknowledged (with a time frame) → Assigned (to an org unit; reassigning
//! is allowed while the case is open) → ended: Resolved (with an outcome), Referred (NACC, PACC,
//! police, another body) or Closed (unfounded, or a duplicate of a kept case). A case must be
//! acknowledged before it is assigned, resolved or referred, so the reporter always has a time
//! frame first; closing needs no acknowledgement, so spam and duplicates can be closed at once.
//! An ended case refuses a second ending. Questions to the reporter and answers from them go back
//! and forth freely while the case is open (an answer needs a question); evidence may come at any
//! time, and evidence after the end reopens the case. The outcome is told once per ending; the
//! reporter may then rate the handling (1–5) once per outcome told, and may dispute an ending once
//! in the case's life, which reopens it. A reopened case returns to where it was before it ended
//! (assigned, acknowledged or received) with a new due date: its time frame again (15 days for a
//! general complaint, the acknowledged time frame for a corruption case), counted from reopening.
//!
//! Time limits. A general complaint is due 15 days after receipt; a corruption case is due when
//! the time frame given at acknowledgement ends. The secretariat may move the due date later by
//! telling the reporter why (`ExtensionExplained`), only while the case is open.
//!
//! Authority. The secretariat (and our services, which act with every role) acknowledges,
//! assigns, refers, closes and explains extensions, and may do all that the assigned unit may: an
//! officer of the assigned org unit asks the reporter questions, records progress notes, resolves
//! the case and tells the outcome. Nobody else acts on a case. The reporter acts only with the
//! receipt code, whose keyed hash must match the one stored; a wrong code or an unknown case give
//! the same "not found", which reveals nothing. Only a person holding the custodian role opens an
//! identified reporter's identity, and every opening is an event with its reason (services do not
//! count: an access is always a person's).
//!
//! Anonymity. An anonymous tip (no reporter identity) must be filed, and followed up, by actor
//! `anonymous`, so the envelope holds no one; its events hold no identity and no time finer than
//! the day, and reporter-side events are stored with their time truncated to the hour
//! ([`Aggregate::precision`]). Ids that embed a time (UUID v1, v6, v7) are refused for cases and
//! attachments. Every free text is sealed through the context's [`Vault`] under the case's key
//! before it reaches an event; the receipt code is kept only as its keyed hash, and only the vault
//! says whether a code matches it. Attachment digests are keyed by the case's key (the ledger's
//! blob store computes them), so the same file twice in one case is kept once and matches nothing
//! outside it.
//!
//! Retention. A case's content is kept for its category's retention period (730 days by default)
//! after it ends; then a service or the secretariat purges it (`CaseContentPurged`, after which the
//! ledger deletes the case's key). The secretariat may purge at any time on an order, giving its
//! reference. After a purge, commands that carry text or files are refused and the sealed content
//! is gone from the state; category, channel, dates, status and counts remain for statistics.

use std::collections::HashSet;

use chrono::{Days, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use sujarit_contracts::complaint::{
    AcknowledgeComplaint, AddEvidence, AnswerQuestion, AskReporter, AssignComplaint, Attachment, AttachmentRef,
    CaseContentPurged, CaseReopened, Category, Channel, CloseComplaint, Closure, ClosureDisputed,
    ComplaintAcknowledged, ComplaintAssigned, ComplaintClosed, ComplaintCommand, ComplaintEvent, ComplaintReceived,
    ComplaintReferred, ComplaintResolved, DisputeClosure, EvidenceAdded, ExplainExtension, ExtensionExplained,
    FileComplaint, HandlingRated, OutcomeTold, ProgressNoted, PurgeBasis, PurgeCaseContent, QuestionAsked,
    RateHandling, ReceiptCode, ReceiptDigest, RecordProgress, ReferComplaint, ReferredTo, ReopenCause,
    ReporterAnswered, ReporterIdentity, ReporterIdentityAccessed, ResolveComplaint, RevealReporter, SealedText,
    TellOutcome, GENERAL_RESOLUTION_DAYS,
};
use sujarit_contracts::people::Role;
use sujarit_contracts::{Actor, DomainError};
use sujarit_eventstore::TimePrecision;
use uuid::Uuid;

use crate::aggregate::{Aggregate, Context, Vault};
use crate::text::{clean_line, clean_optional, clean_text};

use messages::{Action, Field};

/// Longest complaint text, in characters.
pub const MAX_COMPLAINT_TEXT: usize = 20_000;
/// Longest message, note, outcome or reason, in characters.
pub const MAX_MESSAGE: usize = 5_000;
/// Longest one-line field (agency, location, name, contact, reference), in characters.
pub const MAX_LINE: usize = 1_000;
/// Most files one message (filing, answer, evidence) may carry.
pub const MAX_ATTACHMENTS_PER_MESSAGE: usize = 10;
/// Most files one case may hold.
pub const MAX_ATTACHMENTS_PER_CASE: usize = 200;
/// Largest file accepted, in bytes (10 MiB).
pub const MAX_ATTACHMENT_BYTES: u64 = 10 * 1024 * 1024;
/// Media types accepted for attachments.
pub const ATTACHMENT_TYPES: [&str; 3] = ["image/jpeg", "image/png", "application/pdf"];
/// Longest attachment digest accepted, in characters.
pub const MAX_DIGEST: usize = 128;
/// Longest time frame at acknowledgement, and furthest extension from today, in days.
pub const MAX_TIME_FRAME_DAYS: u16 = 365;
/// Best rating.
pub const MAX_RATING: u8 = 5;

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Filed, not yet acknowledged.
    Received,
    /// Acknowledged with a time frame, not yet assigned.
    Acknowledged,
    /// With an org unit.
    Assigned,
    /// Ended with an outcome.
    Resolved,
    /// Ended by referral to another body.
    Referred,
    /// Ended as unfounded or a duplicate.
    Closed,
}

impl CaseStatus {
    /// Whether the case has ended (resolved, referred or closed).
    pub fn has_ended(self) -> bool {
        matches!(self, CaseStatus::Resolved | CaseStatus::Referred | CaseStatus::Closed)
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Received => "received",
            CaseStatus::Acknowledged => "acknowledged",
            CaseStatus::Assigned => "assigned",
            CaseStatus::Resolved => "resolved",
            CaseStatus::Referred => "referred",
            CaseStatus::Closed => "closed",
        }
    }

    /// The Thai label.
    pub fn label_th(self) -> &'static str {
        match self {
            CaseStatus::Received => "รับเรื่องแล้ว",
            CaseStatus::Acknowledged => "ตอบรับเรื่องแล้ว",
            CaseStatus::Assigned => "มอบหมายหน่วยงานแล้ว",
            CaseStatus::Resolved => "ได้ข้อยุติ",
            CaseStatus::Referred => "ส่งต่อหน่วยงานอื่น",
            CaseStatus::Closed => "ยุติเรื่อง",
        }
    }
}

/// The facts of filing that statistics keep: no content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Filing {
    /// The case.
    pub case_id: Uuid,
    /// How it arrived.
    pub channel: Channel,
    /// Corruption or general.
    pub category: Category,
    /// Filed without an identity.
    pub anonymous: bool,
    /// The agency complained about, if registered.
    pub subject_org_unit_id: Option<Uuid>,
    /// The Bangkok date of receipt.
    pub received_on: NaiveDate,
    /// Days the content is kept after the case ends.
    pub retention_days: u16,
    receipt_digest: ReceiptDigest,
}

/// The sealed content of a case: what a purge removes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseContent {
    /// The complaint text.
    pub text: Option<SealedText>,
    /// The agency as the reporter named it.
    pub subject_agency: Option<SealedText>,
    /// Where it happened.
    pub location: Option<SealedText>,
    /// The identified reporter's identity.
    pub reporter: Option<SealedText>,
    /// Every file, in the order received.
    pub attachments: Vec<Attachment>,
    /// Questions, answers, evidence notes, progress notes, reasons and outcomes, in order.
    pub thread: Vec<SealedText>,
}

/// State of one complaint case.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Complaint {
    filing: Option<Filing>,
    content: Option<CaseContent>,
    status: Option<CaseStatus>,
    due_on: Option<NaiveDate>,
    time_frame_days: Option<u16>,
    acknowledged_on: Option<NaiveDate>,
    assigned_to: Option<Uuid>,
    assigned_on: Option<NaiveDate>,
    ended_on: Option<NaiveDate>,
    ended_late: Option<bool>,
    referred_to: Option<ReferredTo>,
    closure: Option<Closure>,
    extensions: u32,
    questions: u32,
    answers: u32,
    evidence: u32,
    outcome_told_on: Option<NaiveDate>,
    rated_since_told: bool,
    rating: Option<u8>,
    disputed: bool,
    reopen_count: u32,
    identity_accesses: u32,
    purged_on: Option<NaiveDate>,
}

impl Complaint {
    /// The facts of filing; `None` until filed.
    pub fn filing(&self) -> Option<&Filing> {
        self.filing.as_ref()
    }

    /// Where the case stands; `None` until filed.
    pub fn status(&self) -> Option<CaseStatus> {
        self.status
    }

    /// The sealed content; `None` before filing and after a purge.
    pub fn content(&self) -> Option<&CaseContent> {
        self.content.as_ref()
    }

    /// The Bangkok date the content was purged.
    pub fn purged_on(&self) -> Option<NaiveDate> {
        self.purged_on
    }

    /// The current due date: 15 days after receipt for a general complaint, the end of the
    /// acknowledged time frame for a corruption case, or as extended or reset by a reopening.
    pub fn due_on(&self) -> Option<NaiveDate> {
        self.due_on
    }

    /// Whether an open case is past its due date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.has_ended() && self.due_on.is_some_and(|due| today > due)
    }

    /// Days from `today` to the due date of an open case (negative once overdue); `None` for an
    /// ended case or one without a due date.
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        if self.has_ended() {
            return None;
        }
        self.due_on.map(|due| (due - today).num_days())
    }

    /// The first Bangkok date on which an ended case's content may be purged for retention;
    /// `None` while the case is open or once purged.
    pub fn purge_due_on(&self) -> Option<NaiveDate> {
        if self.purged_on.is_some() {
            return None;
        }
        let filing = self.filing.as_ref()?;
        self.ended_on?
            .checked_add_days(Days::new(u64::from(filing.retention_days)))
    }

    /// The Bangkok date it was acknowledged.
    pub fn acknowledged_on(&self) -> Option<NaiveDate> {
        self.acknowledged_on
    }

    /// The unit it is assigned to.
    pub fn assigned_to(&self) -> Option<Uuid> {
        self.assigned_to
    }

    /// The Bangkok date of the latest assignment.
    pub fn assigned_on(&self) -> Option<NaiveDate> {
        self.assigned_on
    }

    /// The Bangkok date it last ended (resolved, referred or closed); `None` while open.
    pub fn ended_on(&self) -> Option<NaiveDate> {
        self.ended_on
    }

    /// Whether it last ended after its due date.
    pub fn ended_late(&self) -> Option<bool> {
        self.ended_late
    }

    /// The body it was last referred to.
    pub fn referred_to(&self) -> Option<&ReferredTo> {
        self.referred_to.as_ref()
    }

    /// How it was last closed.
    pub fn closure(&self) -> Option<&Closure> {
        self.closure.as_ref()
    }

    /// How often the due date was extended.
    pub fn extensions(&self) -> u32 {
        self.extensions
    }

    /// Questions asked, answers given and evidence added.
    pub fn message_counts(&self) -> (u32, u32, u32) {
        (self.questions, self.answers, self.evidence)
    }

    /// The Bangkok date the outcome of the latest ending was told.
    pub fn outcome_told_on(&self) -> Option<NaiveDate> {
        self.outcome_told_on
    }

    /// The reporter's latest rating.
    pub fn rating(&self) -> Option<u8> {
        self.rating
    }

    /// Whether the reporter has disputed an ending.
    pub fn disputed(&self) -> bool {
        self.disputed
    }

    /// How often the case was reopened.
    pub fn reopen_count(&self) -> u32 {
        self.reopen_count
    }

    /// How often the reporter's identity was opened.
    pub fn identity_accesses(&self) -> u32 {
        self.identity_accesses
    }

    /// Whether `ctx` may see and act on the case as its handler: the secretariat (and services),
    /// or an officer of the assigned unit.
    pub fn may_handle(&self, ctx: &Context) -> bool {
        if ctx.has_role(Role::Secretariat) {
            return true;
        }
        let own_unit = ctx
            .profile
            .as_ref()
            .filter(|profile| profile.roles.contains(&Role::Officer))
            .and_then(|profile| profile.org_unit_id);
        own_unit.is_some() && own_unit == self.assigned_to
    }

    fn has_ended(&self) -> bool {
        self.status.is_some_and(CaseStatus::has_ended)
    }

    /// Whether a receipt code as typed is this case's (checked against its salted hash).
    pub fn receipt_matches(&self, receipt_code: &str) -> bool {
        self.filing
            .as_ref()
            .is_some_and(|filing| crate::vault::digest_matches(&filing.receipt_digest, receipt_code))
    }

    /// Whether the reporter may rate the handling now: the outcome was told and not rated since.
    pub fn may_rate(&self) -> bool {
        self.outcome_told_on.is_some() && !self.rated_since_told
    }

    /// Whether the reporter may dispute now: the case has ended and was never disputed.
    pub fn may_dispute(&self) -> bool {
        self.has_ended() && !self.disputed && self.purged_on.is_none()
    }

    /// The case, for its handlers.
    fn case(&self) -> Result<&Filing, DomainError> {
        self.filing.as_ref().ok_or_else(messages::case_not_found)
    }

    /// The case, open.
    fn open_case(&self) -> Result<&Filing, DomainError> {
        let filing = self.case()?;
        match (self.status, self.ended_on) {
            (Some(status), Some(on)) if status.has_ended() => Err(messages::case_ended(status, on)),
            _ => Ok(filing),
        }
    }

    /// The content, unless purged.
    fn content_kept(&self) -> Result<&CaseContent, DomainError> {
        self.content.as_ref().ok_or_else(messages::content_purged)
    }

    /// Acknowledged (or further along).
    fn acknowledged(&self) -> Result<(), DomainError> {
        match self.status {
            Some(CaseStatus::Received) | None => Err(messages::acknowledge_first()),
            Some(_) => Ok(()),
        }
    }

    /// The case, as its reporter: the receipt code must hash to the stored digest; a follow-up
    /// on an anonymous tip must come from actor `anonymous`.
    fn as_reporter(&self, code: &ReceiptCode, ctx: &Context) -> Result<&Filing, DomainError> {
        let filing = self.filing.as_ref().ok_or_else(messages::no_case_for_code)?;
        if !vault(ctx)?.receipt_matches(&filing.receipt_digest, &code.0) {
            return Err(messages::no_case_for_code());
        }
        if filing.anonymous && ctx.actor != Actor::Anonymous {
            return Err(messages::tip_not_anonymous());
        }
        Ok(filing)
    }

    /// The new due date when the case reopens on `today`: its time frame again.
    fn due_after_reopening(&self, filing: &Filing, today: NaiveDate) -> Result<Option<NaiveDate>, DomainError> {
        let days = match filing.category {
            Category::General => Some(GENERAL_RESOLUTION_DAYS),
            Category::Corruption => self.time_frame_days,
        };
        days.map(|days| add_days(today, days)).transpose()
    }

    /// Checks a message's files; files already in the case (or twice in the message) are dropped.
    fn clean_attachments(&self, raw: &[AttachmentRef]) -> Result<Vec<Attachment>, DomainError> {
        if raw.len() > MAX_ATTACHMENTS_PER_MESSAGE {
            return Err(messages::too_many_attachments(MAX_ATTACHMENTS_PER_MESSAGE));
        }
        let kept: &[Attachment] = self.content.as_ref().map_or(&[], |content| &content.attachments);
        let mut digests: HashSet<String> = kept.iter().map(|a| a.digest.clone()).collect();
        let mut ids: HashSet<Uuid> = kept.iter().map(|a| a.id).collect();
        let mut new = Vec::new();
        for (index, attachment) in (1..).zip(raw) {
            let clean = clean_attachment(index, attachment)?;
            if !digests.insert(clean.digest.clone()) {
                continue;
            }
            if !ids.insert(clean.id) {
                return Err(messages::attachment_id_reused(index));
            }
            new.push(clean);
        }
        if kept.len().saturating_add(new.len()) > MAX_ATTACHMENTS_PER_CASE {
            return Err(messages::case_attachments_full(MAX_ATTACHMENTS_PER_CASE));
        }
        Ok(new)
    }
}

/// Today's date in Thailand (UTC+7 all year), the calendar due dates are written in.
fn today(ctx: &Context) -> NaiveDate {
    bangkok_today(ctx.now)
}

/// The Bangkok calendar date of an instant.
pub fn bangkok_today(now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    match FixedOffset::east_opt(7 * 3600) {
        Some(bangkok) => now.with_timezone(&bangkok).date_naive(),
        None => now.date_naive(),
    }
}

fn add_days(date: NaiveDate, days: u16) -> Result<NaiveDate, DomainError> {
    date.checked_add_days(Days::new(u64::from(days)))
        .ok_or_else(messages::date_out_of_range)
}

fn vault(ctx: &Context) -> Result<&dyn Vault, DomainError> {
    ctx.vault.as_deref().ok_or_else(messages::no_vault)
}

/// A message of the case (a question, a note, a reason, an outcome): checked, then sealed with
/// the case's key.
fn sealed_message(ctx: &Context, case_id: Uuid, text: &str, field: Field) -> Result<SealedText, DomainError> {
    let text = clean_text(text, field, MAX_MESSAGE)?;
    vault(ctx)?.seal(case_id, &text)
}

/// An id that embeds its creation time (UUID v1, v6, v7) would tell when a reporter acted.
fn check_random_id(id: Uuid, what: Field) -> Result<(), DomainError> {
    match id.get_version_num() {
        1 | 6 | 7 => Err(messages::time_based_id(what)),
        _ => Ok(()),
    }
}

/// Anonymous actors act only as reporters; everyone else must hold a role checked later.
fn not_anonymous(ctx: &Context) -> Result<(), DomainError> {
    match ctx.actor {
        Actor::Anonymous => Err(messages::anonymous_forbidden()),
        _ => Ok(()),
    }
}

fn require_secretariat(ctx: &Context, action: Action) -> Result<(), DomainError> {
    not_anonymous(ctx)?;
    if ctx.has_role(Role::Secretariat) {
        Ok(())
    } else {
        Err(messages::secretariat_only(action))
    }
}

fn clean_attachment(index: usize, raw: &AttachmentRef) -> Result<Attachment, DomainError> {
    check_random_id(raw.id, Field::AttachmentId)?;
    let digest = raw.digest.trim();
    let digest_ok = !digest.is_empty() && digest.len() <= MAX_DIGEST && digest.chars().all(|c| c.is_ascii_graphic());
    if !digest_ok {
        return Err(messages::attachment_digest_bad(index));
    }
    let mime = raw.mime.trim().to_ascii_lowercase();
    if !ATTACHMENT_TYPES.contains(&mime.as_str()) {
        return Err(messages::attachment_type(index, &raw.mime));
    }
    if raw.bytes == 0 {
        return Err(messages::attachment_empty(index));
    }
    if raw.bytes > MAX_ATTACHMENT_BYTES {
        return Err(messages::attachment_too_large(index, MAX_ATTACHMENT_BYTES));
    }
    Ok(Attachment {
        id: raw.id,
        digest: digest.to_string(),
        mime,
        bytes: raw.bytes,
    })
}

impl Aggregate for Complaint {
    type Command = ComplaintCommand;
    type Event = ComplaintEvent;

    fn handle(&self, command: &ComplaintCommand, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        match command {
            ComplaintCommand::FileComplaint(c) => self.file(c, ctx),
            ComplaintCommand::AcknowledgeComplaint(c) => self.acknowledge(c, ctx),
            ComplaintCommand::AssignComplaint(c) => self.assign(c, ctx),
            ComplaintCommand::AskReporter(c) => self.ask(c, ctx),
            ComplaintCommand::AnswerQuestion(c) => self.answer(c, ctx),
            ComplaintCommand::AddEvidence(c) => self.add_evidence(c, ctx),
            ComplaintCommand::RecordProgress(c) => self.record_progress(c, ctx),
            ComplaintCommand::ExplainExtension(c) => self.explain_extension(c, ctx),
            ComplaintCommand::ResolveComplaint(c) => self.resolve(c, ctx),
            ComplaintCommand::ReferComplaint(c) => self.refer(c, ctx),
            ComplaintCommand::CloseComplaint(c) => self.close(c, ctx),
            ComplaintCommand::TellOutcome(c) => self.tell_outcome(c, ctx),
            ComplaintCommand::RateHandling(c) => self.rate(c, ctx),
            ComplaintCommand::DisputeClosure(c) => self.dispute(c, ctx),
            ComplaintCommand::RevealReporter(c) => self.reveal(c, ctx),
            ComplaintCommand::PurgeCaseContent(c) => self.purge(c, ctx),
        }
    }

    fn apply(&mut self, event: &ComplaintEvent) {
        match event {
            ComplaintEvent::ComplaintReceived(e) => {
                *self = Complaint {
                    filing: Some(Filing {
                        case_id: e.case_id,
                        channel: e.channel,
                        category: e.category,
                        anonymous: e.anonymous,
                        subject_org_unit_id: e.subject_org_unit_id,
                        received_on: e.received_on,
                        retention_days: e.retention_days,
                        receipt_digest: e.receipt_digest.clone(),
                    }),
                    content: Some(CaseContent {
                        text: Some(e.text.clone()),
                        subject_agency: e.subject_agency.clone(),
                        location: e.location.clone(),
                        reporter: e.reporter.clone(),
                        attachments: e.attachments.clone(),
                        thread: Vec::new(),
                    }),
                    status: Some(CaseStatus::Received),
                    due_on: e.due_on,
                    ..Complaint::default()
                };
            }
            ComplaintEvent::ComplaintAcknowledged(e) => {
                self.status = Some(CaseStatus::Acknowledged);
                self.acknowledged_on = Some(e.acknowledged_on);
                self.time_frame_days = e.time_frame_days;
                self.due_on = Some(e.due_on);
            }
            ComplaintEvent::ComplaintAssigned(e) => {
                self.status = Some(CaseStatus::Assigned);
                self.assigned_to = Some(e.org_unit_id);
                self.assigned_on = Some(e.assigned_on);
            }
            ComplaintEvent::QuestionAsked(e) => {
                self.questions = self.questions.max(e.number);
                self.add_to_thread(&e.text);
            }
            ComplaintEvent::ReporterAnswered(e) => {
                self.answers = self.answers.saturating_add(1);
                self.add_to_thread(&e.text);
                self.add_attachments(&e.attachments);
            }
            ComplaintEvent::EvidenceAdded(e) => {
                self.evidence = self.evidence.saturating_add(1);
                if let Some(note) = &e.note {
                    self.add_to_thread(note);
                }
                self.add_attachments(&e.attachments);
            }
            ComplaintEvent::ProgressNoted(e) => self.add_to_thread(&e.note),
            ComplaintEvent::ExtensionExplained(e) => {
                self.extensions = self.extensions.saturating_add(1);
                self.due_on = Some(e.new_due_on);
                self.add_to_thread(&e.reason);
            }
            ComplaintEvent::ComplaintResolved(e) => {
                self.end(CaseStatus::Resolved, e.resolved_on, e.late);
                self.add_to_thread(&e.outcome);
            }
            ComplaintEvent::ComplaintReferred(e) => {
                self.end(CaseStatus::Referred, e.referred_on, e.late);
                self.referred_to = Some(e.to.clone());
                if let Some(note) = &e.note {
                    self.add_to_thread(note);
                }
            }
            ComplaintEvent::ComplaintClosed(e) => {
                self.end(CaseStatus::Closed, e.closed_on, e.late);
                self.closure = Some(e.closure.clone());
                if let Some(reason) = &e.reason {
                    self.add_to_thread(reason);
                }
            }
            ComplaintEvent::OutcomeTold(e) => {
                self.outcome_told_on = Some(e.told_on);
                self.rated_since_told = false;
                self.add_to_thread(&e.message);
            }
            ComplaintEvent::HandlingRated(e) => {
                self.rating = Some(e.rating);
                self.rated_since_told = true;
            }
            ComplaintEvent::ClosureDisputed(e) => {
                self.disputed = true;
                self.add_to_thread(&e.reason);
            }
            ComplaintEvent::CaseReopened(e) => {
                self.status = Some(if self.assigned_to.is_some() {
                    CaseStatus::Assigned
                } else if self.acknowledged_on.is_some() {
                    CaseStatus::Acknowledged
                } else {
                    CaseStatus::Received
                });
                self.ended_on = None;
                self.ended_late = None;
                self.outcome_told_on = None;
                self.rated_since_told = false;
                self.due_on = e.due_on;
                self.reopen_count = self.reopen_count.saturating_add(1);
            }
            ComplaintEvent::ReporterIdentityAccessed(_) => {
                self.identity_accesses = self.identity_accesses.saturating_add(1);
            }
            ComplaintEvent::CaseContentPurged(e) => {
                self.content = None;
                self.purged_on = Some(e.purged_on);
            }
        }
    }

    fn precision(event: &ComplaintEvent) -> TimePrecision {
        if event.is_reporter_side() {
            TimePrecision::Hour
        } else {
            TimePrecision::Exact
        }
    }
}

impl Complaint {
    fn end(&mut self, status: CaseStatus, on: NaiveDate, late: bool) {
        self.status = Some(status);
        self.ended_on = Some(on);
        self.ended_late = Some(late);
    }

    fn add_to_thread(&mut self, text: &SealedText) {
        if let Some(content) = &mut self.content {
            content.thread.push(text.clone());
        }
    }

    fn add_attachments(&mut self, attachments: &[Attachment]) {
        if let Some(content) = &mut self.content {
            content.attachments.extend(attachments.iter().cloned());
        }
    }

    fn late(&self, today: NaiveDate) -> bool {
        self.due_on.is_some_and(|due| today > due)
    }

    fn file(&self, c: &FileComplaint, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        let code = c.receipt_code.normalized().ok_or_else(messages::bad_receipt_code)?;
        let vault = vault(ctx)?;
        if !vault.accepts_receipt_code(&code) {
            return Err(messages::bad_receipt_code());
        }
        if let Some(filing) = &self.filing {
            // The same filing sent again (a retry) changes nothing; another one under the same id
            // is a conflict.
            return if vault.receipt_matches(&filing.receipt_digest, &code) {
                Ok(vec![])
            } else {
                Err(messages::case_exists())
            };
        }
        check_random_id(c.case_id, Field::CaseId)?;
        if c.reporter.is_none() && ctx.actor != Actor::Anonymous {
            return Err(messages::tip_not_anonymous());
        }
        let text = clean_text(&c.text, Field::Text, MAX_COMPLAINT_TEXT)?;
        let subject_agency = clean_optional(c.subject_agency.as_deref(), Field::SubjectAgency, clean_line, MAX_LINE)?;
        let location = clean_optional(c.location.as_deref(), Field::Location, clean_line, MAX_LINE)?;
        let reporter = match &c.reporter {
            Some(identity) => {
                let identity = ReporterIdentity {
                    name: clean_line(&identity.name, Field::ReporterName, MAX_LINE)?,
                    contact: clean_optional(
                        identity.contact.as_deref(),
                        Field::ReporterContact,
                        clean_line,
                        MAX_LINE,
                    )?,
                };
                let json = serde_json::to_string(&identity).map_err(|e| messages::internal(&e.to_string()))?;
                Some(vault.seal(c.case_id, &json)?)
            }
            None => None,
        };
        let attachments = self.clean_attachments(&c.attachments)?;
        let receipt_digest = vault.receipt_digest(&code);
        let received_on = today(ctx);
        let due_on = match c.category {
            Category::General => Some(add_days(received_on, GENERAL_RESOLUTION_DAYS)?),
            Category::Corruption => None,
        };
        let seal = |text: &str| vault.seal(c.case_id, text);
        Ok(vec![ComplaintReceived {
            case_id: c.case_id,
            channel: c.channel,
            category: c.category,
            anonymous: reporter.is_none(),
            subject_org_unit_id: c.subject_org_unit_id,
            subject_agency: subject_agency.as_deref().map(seal).transpose()?,
            text: seal(&text)?,
            location: location.as_deref().map(seal).transpose()?,
            attachments,
            reporter,
            receipt_digest,
            received_on,
            due_on,
            retention_days: c.category.retention_days(),
        }
        .into()])
    }

    fn acknowledge(&self, c: &AcknowledgeComplaint, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        require_secretariat(ctx, Action::Acknowledge)?;
        let filing = self.open_case()?;
        if self.status != Some(CaseStatus::Received) {
            return Err(messages::already_acknowledged());
        }
        if let Some(days) = c.time_frame_days {
            if !(1..=MAX_TIME_FRAME_DAYS).contains(&days) {
                return Err(messages::time_frame_range(MAX_TIME_FRAME_DAYS));
            }
        }
        let today = today(ctx);
        let due_on = match (filing.category, c.time_frame_days, self.due_on) {
            (Category::Corruption, Some(days), _) => add_days(today, days)?,
            (Category::Corruption, None, _) => return Err(messages::time_frame_required()),
            (Category::General, Some(days), Some(due)) => {
                if add_days(today, days)? > due {
                    return Err(messages::time_frame_beyond_limit(due));
                }
                due
            }
            (Category::General, None, Some(due)) => due,
            // A general complaint is filed with its due date; without one, the 15 days count
            // from today.
            (Category::General, _, None) => add_days(today, GENERAL_RESOLUTION_DAYS)?,
        };
        Ok(vec![ComplaintAcknowledged {
            case_id: filing.case_id,
            acknowledged_on: today,
            time_frame_days: c.time_frame_days,
            due_on,
        }
        .into()])
    }

    fn assign(&self, c: &AssignComplaint, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        require_secretariat(ctx, Action::Assign)?;
        let filing = self.open_case()?;
        self.acknowledged()?;
        if self.assigned_to == Some(c.org_unit_id) {
            return Ok(vec![]);
        }
        Ok(vec![ComplaintAssigned {
            case_id: filing.case_id,
            org_unit_id: c.org_unit_id,
            assigned_on: today(ctx),
        }
        .into()])
    }

    /// The case, for the secretariat or an officer of the assigned unit.
    fn as_handler(&self, ctx: &Context) -> Result<&Filing, DomainError> {
        not_anonymous(ctx)?;
        let filing = self.case()?;
        if !self.may_handle(ctx) {
            return Err(messages::handler_only());
        }
        Ok(filing)
    }

    fn ask(&self, c: &AskReporter, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        self.as_handler(ctx)?;
        let filing = self.open_case()?;
        self.content_kept()?;
        let text = sealed_message(ctx, filing.case_id, &c.text, Field::Question)?;
        Ok(vec![QuestionAsked {
            case_id: filing.case_id,
            number: self.questions.saturating_add(1),
            text,
            asked_on: today(ctx),
        }
        .into()])
    }

    fn answer(&self, c: &AnswerQuestion, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        let filing = self.as_reporter(&c.receipt_code, ctx)?;
        self.content_kept()?;
        self.open_case()?;
        if self.questions == 0 {
            return Err(messages::no_question());
        }
        let in_reply_to = c.in_reply_to.unwrap_or(self.questions);
        if !(1..=self.questions).contains(&in_reply_to) {
            return Err(messages::unknown_question(in_reply_to, self.questions));
        }
        let text = clean_text(&c.text, Field::Answer, MAX_MESSAGE)?;
        let attachments = self.clean_attachments(&c.attachments)?;
        let vault = vault(ctx)?;
        Ok(vec![ReporterAnswered {
            case_id: filing.case_id,
            in_reply_to,
            text: vault.seal(filing.case_id, &text)?,
            attachments,
        }
        .into()])
    }

    fn add_evidence(&self, c: &AddEvidence, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        let filing = self.as_reporter(&c.receipt_code, ctx)?;
        self.content_kept()?;
        let note = clean_optional(c.note.as_deref(), Field::EvidenceNote, clean_text, MAX_MESSAGE)?;
        if note.is_none() && c.attachments.is_empty() {
            return Err(messages::evidence_empty());
        }
        let attachments = self.clean_attachments(&c.attachments)?;
        if note.is_none() && attachments.is_empty() {
            // Every file is already in the case: nothing new, nothing to reopen.
            return Ok(vec![]);
        }
        let vault = vault(ctx)?;
        let today = today(ctx);
        let mut events = vec![EvidenceAdded {
            case_id: filing.case_id,
            note: note.map(|note| vault.seal(filing.case_id, &note)).transpose()?,
            attachments,
        }
        .into()];
        if self.has_ended() {
            events.push(
                CaseReopened {
                    case_id: filing.case_id,
                    cause: ReopenCause::NewEvidence,
                    reopened_on: today,
                    due_on: self.due_after_reopening(filing, today)?,
                }
                .into(),
            );
        }
        Ok(events)
    }

    fn record_progress(&self, c: &RecordProgress, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        self.as_handler(ctx)?;
        let filing = self.open_case()?;
        self.content_kept()?;
        let note = sealed_message(ctx, filing.case_id, &c.note, Field::ProgressNote)?;
        Ok(vec![ProgressNoted {
            case_id: filing.case_id,
            note,
            noted_on: today(ctx),
        }
        .into()])
    }

    fn explain_extension(&self, c: &ExplainExtension, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        require_secretariat(ctx, Action::Extend)?;
        let filing = self.open_case()?;
        self.content_kept()?;
        let current = self.due_on.ok_or_else(messages::no_due_date)?;
        if c.new_due_on <= current {
            return Err(messages::extension_not_later(current));
        }
        let today = today(ctx);
        if c.new_due_on > add_days(today, MAX_TIME_FRAME_DAYS)? {
            return Err(messages::extension_too_far(MAX_TIME_FRAME_DAYS));
        }
        let reason = sealed_message(ctx, filing.case_id, &c.reason, Field::ExtensionReason)?;
        Ok(vec![ExtensionExplained {
            case_id: filing.case_id,
            reason,
            previous_due_on: current,
            new_due_on: c.new_due_on,
            explained_on: today,
        }
        .into()])
    }

    fn resolve(&self, c: &ResolveComplaint, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        self.as_handler(ctx)?;
        let filing = self.open_case()?;
        self.acknowledged()?;
        self.content_kept()?;
        let outcome = sealed_message(ctx, filing.case_id, &c.outcome, Field::Outcome)?;
        let today = today(ctx);
        Ok(vec![ComplaintResolved {
            case_id: filing.case_id,
            outcome,
            resolved_on: today,
            late: self.late(today),
        }
        .into()])
    }

    fn refer(&self, c: &ReferComplaint, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        require_secretariat(ctx, Action::Refer)?;
        let filing = self.open_case()?;
        self.acknowledged()?;
        let to = match &c.to {
            ReferredTo::Other { name } => ReferredTo::Other {
                name: clean_line(name, Field::OtherBody, MAX_LINE)?,
            },
            other => other.clone(),
        };
        let note = clean_optional(c.note.as_deref(), Field::ReferralNote, clean_text, MAX_MESSAGE)?;
        if note.is_some() {
            self.content_kept()?;
        }
        let vault = vault(ctx)?;
        let today = today(ctx);
        Ok(vec![ComplaintReferred {
            case_id: filing.case_id,
            to,
            note: note.map(|note| vault.seal(filing.case_id, &note)).transpose()?,
            referred_on: today,
            late: self.late(today),
        }
        .into()])
    }

    fn close(&self, c: &CloseComplaint, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        require_secretariat(ctx, Action::Close)?;
        let filing = self.open_case()?;
        if let Closure::Duplicate { kept_case_id } = c.closure {
            if kept_case_id == filing.case_id {
                return Err(messages::duplicate_of_itself());
            }
        }
        let reason = clean_optional(c.reason.as_deref(), Field::ClosureReason, clean_text, MAX_MESSAGE)?;
        if reason.is_some() {
            self.content_kept()?;
        }
        let vault = vault(ctx)?;
        let today = today(ctx);
        Ok(vec![ComplaintClosed {
            case_id: filing.case_id,
            closure: c.closure.clone(),
            reason: reason.map(|reason| vault.seal(filing.case_id, &reason)).transpose()?,
            closed_on: today,
            late: self.late(today),
        }
        .into()])
    }

    fn tell_outcome(&self, c: &TellOutcome, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        let filing = self.as_handler(ctx)?;
        if !self.has_ended() {
            return Err(messages::not_ended());
        }
        if let Some(on) = self.outcome_told_on {
            return Err(messages::already_told(on));
        }
        self.content_kept()?;
        let message = sealed_message(ctx, filing.case_id, &c.message, Field::OutcomeMessage)?;
        Ok(vec![OutcomeTold {
            case_id: filing.case_id,
            message,
            told_on: today(ctx),
        }
        .into()])
    }

    fn rate(&self, c: &RateHandling, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        let filing = self.as_reporter(&c.receipt_code, ctx)?;
        if !(1..=MAX_RATING).contains(&c.rating) {
            return Err(messages::rating_range(MAX_RATING));
        }
        if self.outcome_told_on.is_none() {
            return Err(messages::not_told());
        }
        if self.rated_since_told {
            return Err(messages::already_rated());
        }
        Ok(vec![HandlingRated {
            case_id: filing.case_id,
            rating: c.rating,
        }
        .into()])
    }

    fn dispute(&self, c: &DisputeClosure, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        let filing = self.as_reporter(&c.receipt_code, ctx)?;
        self.content_kept()?;
        if !self.has_ended() {
            return Err(messages::not_ended());
        }
        if self.disputed {
            return Err(messages::already_disputed());
        }
        let reason = sealed_message(ctx, filing.case_id, &c.reason, Field::DisputeReason)?;
        let today = today(ctx);
        Ok(vec![
            ClosureDisputed {
                case_id: filing.case_id,
                reason,
            }
            .into(),
            CaseReopened {
                case_id: filing.case_id,
                cause: ReopenCause::Disputed,
                reopened_on: today,
                due_on: self.due_after_reopening(filing, today)?,
            }
            .into(),
        ])
    }

    fn reveal(&self, c: &RevealReporter, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        // Services act with every role, but an access to an identity is always a person's.
        let custodian = match (&ctx.actor, &ctx.profile) {
            (Actor::Person(id), Some(profile)) if profile.roles.contains(&Role::Custodian) => *id,
            _ => return Err(messages::custodian_only()),
        };
        let filing = self.case()?;
        if filing.anonymous {
            return Err(messages::no_identity());
        }
        self.content_kept()?;
        let reason = clean_text(&c.reason, Field::AccessReason, MAX_MESSAGE)?;
        Ok(vec![ReporterIdentityAccessed {
            case_id: filing.case_id,
            by: custodian,
            reason,
        }
        .into()])
    }

    fn purge(&self, c: &PurgeCaseContent, ctx: &Context) -> Result<Vec<ComplaintEvent>, DomainError> {
        require_secretariat(ctx, Action::Purge)?;
        let filing = self.case()?;
        if self.purged_on.is_some() {
            return Ok(vec![]);
        }
        let today = today(ctx);
        let basis = match c.order.as_deref() {
            Some(order) => PurgeBasis::Order {
                reference: clean_line(order, Field::OrderReference, MAX_LINE)?,
            },
            None => {
                let due = self.purge_due_on().ok_or_else(messages::retention_not_started)?;
                if today < due {
                    return Err(messages::retention_running(due));
                }
                PurgeBasis::Retention
            }
        };
        Ok(vec![CaseContentPurged {
            case_id: filing.case_id,
            basis,
            purged_on: today,
        }
        .into()])
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{DateTime, Utc};
    use sujarit_contracts::{DomainEvent, ErrorCode};

    use super::*;
    use crate::aggregate::testing::{assert_refused, given_when, person, FakeVault};
    use crate::aggregate::Profile;

    /// A random (v4) case id.
    const CASE: Uuid = Uuid::from_u128(0x5d1c_a5e0_7a11_4c3e_9b2d_0000_0000_0001);
    /// The case a duplicate points to.
    const KEPT: Uuid = Uuid::from_u128(0x5d1c_a5e0_7a11_4c3e_9b2d_0000_0000_0002);
    /// สำนักงานพระพุทธศาสนาจังหวัด.
    const UNIT_A: Uuid = Uuid::from_u128(901);
    /// สำนักงานที่ดินจังหวัด.
    const UNIT_B: Uuid = Uuid::from_u128(902);
    const CUSTODIAN: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0c0d);
    const CITIZEN: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0ca7);

    const CODE: &str = "k7qm-4xrt-9bwn-2hdp";
    const NORMALIZED_CODE: &str = "K7QM4XRT9BWN2HDP";
    const WRONG_CODE: &str = "K7QM-4XRT-9BWN-2HDQ";
    const TIP_TEXT: &str =
        "ปลัด อบต. เรียกรับเงินค่าใบอนุญาตก่อสร้าง 20,000 บาท ติดต่อผมทาง LINE id somchai_99 หรือ Telegram 5550123456";
    const LOCATION: &str = "ที่ทำการ อบต.บ้านนาเหนือ หมู่ 4";
    const AGENCY: &str = "องค์การบริหารส่วนตำบลบ้านนาเหนือ";
    const GENERAL_TEXT: &str = "ไฟส่องสว่างหน้าโรงเรียนเสียมาสามเดือน แจ้งแล้วไม่มีผู้ใดมาซ่อม";
    const NAME: &str = "นายสมชาย ใจกล้า";
    const CONTACT: &str = "081-234-5678";
    const DIGEST_1: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    const DIGEST_2: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    const DIGEST_3: &str = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    const QUESTION: &str = "ขอทราบวันเวลาที่มีการเรียกรับเงินโดยประมาณ";
    const ANSWER: &str = "ประมาณต้นเดือนเมษายน ช่วงบ่าย มีพยานอีกสองคน";
    const EVIDENCE: &str = "ภาพถ่ายใบเสร็จที่ไม่มีตราประทับ";
    const OUTCOME: &str = "ตรวจสอบแล้วพบมูล ส่งเรื่องให้ดำเนินการทางวินัย";
    const TOLD: &str = "เรื่องของท่านได้รับการตรวจสอบแล้ว และมีการดำเนินการทางวินัย";
    const DISPUTE: &str = "ผู้ถูกร้องยังเรียกรับเงินอยู่ การลงโทษไม่เพียงพอ";

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// 10:00 in Bangkok on a day of May 2024.
    fn may(d: u32) -> DateTime<Utc> {
        date(2024, 5, d).and_hms_opt(3, 0, 0).unwrap().and_utc()
    }

    /// 10:00 in Bangkok on a day of June 2024.
    fn june(d: u32) -> DateTime<Utc> {
        date(2024, 6, d).and_hms_opt(3, 0, 0).unwrap().and_utc()
    }

    fn acting(actor: Actor, profile: Option<Profile>, now: DateTime<Utc>) -> Context {
        Context {
            actor,
            profile,
            now,
            vault: Some(Arc::new(FakeVault)),
        }
    }

    fn with_roles(roles: Vec<Role>, org_unit_id: Option<Uuid>, now: DateTime<Utc>) -> Context {
        Context {
            profile: Some(Profile { roles, org_unit_id }),
            now,
            vault: Some(Arc::new(FakeVault)),
            ..person()
        }
    }

    fn secretariat(now: DateTime<Utc>) -> Context {
        with_roles(vec![Role::Secretariat], None, now)
    }

    fn officer(unit: Uuid, now: DateTime<Utc>) -> Context {
        with_roles(vec![Role::Officer], Some(unit), now)
    }

    fn committee(now: DateTime<Utc>) -> Context {
        with_roles(vec![Role::Committee], None, now)
    }

    fn custodian(now: DateTime<Utc>) -> Context {
        let profile = Profile {
            roles: vec![Role::Custodian],
            org_unit_id: None,
        };
        acting(Actor::Person(CUSTODIAN), Some(profile), now)
    }

    fn service(now: DateTime<Utc>) -> Context {
        acting(Actor::Service("retention".into()), None, now)
    }

    fn anonymous(now: DateTime<Utc>) -> Context {
        acting(Actor::Anonymous, None, now)
    }

    /// A citizen who signed in: a person the people registry does not know.
    fn citizen(now: DateTime<Utc>) -> Context {
        acting(Actor::Person(CITIZEN), None, now)
    }

    fn code(text: &str) -> ReceiptCode {
        ReceiptCode(text.into())
    }

    fn photo(n: u128, digest: &str) -> AttachmentRef {
        AttachmentRef {
            id: Uuid::from_u128(0x0a77_0000_0000_4000_8000_0000_0000_0000 + n),
            digest: digest.into(),
            mime: "image/jpeg".into(),
            bytes: 250_000,
        }
    }

    fn file_tip() -> FileComplaint {
        FileComplaint {
            case_id: CASE,
            receipt_code: code(CODE),
            channel: Channel::Telegram,
            category: Category::Corruption,
            subject_org_unit_id: None,
            subject_agency: Some(format!("  {AGENCY} ")),
            text: format!("\n {TIP_TEXT} \n"),
            location: Some(LOCATION.into()),
            attachments: vec![photo(1, DIGEST_1)],
            reporter: None,
        }
    }

    fn file_general() -> FileComplaint {
        FileComplaint {
            case_id: CASE,
            receipt_code: code(CODE),
            channel: Channel::Web,
            category: Category::General,
            subject_org_unit_id: Some(UNIT_B),
            subject_agency: None,
            text: GENERAL_TEXT.into(),
            location: None,
            attachments: vec![],
            reporter: Some(ReporterIdentity {
                name: format!(" {NAME}  "),
                contact: Some(CONTACT.into()),
            }),
        }
    }

    fn ack(days: Option<u16>) -> AcknowledgeComplaint {
        AcknowledgeComplaint {
            case_id: CASE,
            time_frame_days: days,
        }
    }

    fn assign(unit: Uuid) -> AssignComplaint {
        AssignComplaint {
            case_id: CASE,
            org_unit_id: unit,
        }
    }

    fn ask(text: &str) -> AskReporter {
        AskReporter {
            case_id: CASE,
            text: text.into(),
        }
    }

    fn answer(receipt: &str, in_reply_to: Option<u32>) -> AnswerQuestion {
        AnswerQuestion {
            case_id: CASE,
            receipt_code: code(receipt),
            in_reply_to,
            text: ANSWER.into(),
            attachments: vec![],
        }
    }

    fn evidence(receipt: &str, note: Option<&str>, attachments: Vec<AttachmentRef>) -> AddEvidence {
        AddEvidence {
            case_id: CASE,
            receipt_code: code(receipt),
            note: note.map(str::to_string),
            attachments,
        }
    }

    fn progress(note: &str) -> RecordProgress {
        RecordProgress {
            case_id: CASE,
            note: note.into(),
        }
    }

    fn extend(reason: &str, new_due_on: NaiveDate) -> ExplainExtension {
        ExplainExtension {
            case_id: CASE,
            reason: reason.into(),
            new_due_on,
        }
    }

    fn resolve() -> ResolveComplaint {
        ResolveComplaint {
            case_id: CASE,
            outcome: OUTCOME.into(),
        }
    }

    fn refer(to: ReferredTo) -> ReferComplaint {
        ReferComplaint {
            case_id: CASE,
            to,
            note: None,
        }
    }

    fn close(closure: Closure) -> CloseComplaint {
        CloseComplaint {
            case_id: CASE,
            closure,
            reason: None,
        }
    }

    fn tell() -> TellOutcome {
        TellOutcome {
            case_id: CASE,
            message: TOLD.into(),
        }
    }

    fn rate(receipt: &str, rating: u8) -> RateHandling {
        RateHandling {
            case_id: CASE,
            receipt_code: code(receipt),
            rating,
        }
    }

    fn dispute(receipt: &str) -> DisputeClosure {
        DisputeClosure {
            case_id: CASE,
            receipt_code: code(receipt),
            reason: DISPUTE.into(),
        }
    }

    fn reveal(reason: &str) -> RevealReporter {
        RevealReporter {
            case_id: CASE,
            reason: reason.into(),
        }
    }

    fn purge(order: Option<&str>) -> PurgeCaseContent {
        PurgeCaseContent {
            case_id: CASE,
            order: order.map(str::to_string),
        }
    }

    fn step(ctx: Context, command: impl Into<ComplaintCommand>) -> (Context, ComplaintCommand) {
        (ctx, command.into())
    }

    /// Given these events, decides more commands, each of which must be accepted; all the events.
    fn with(mut events: Vec<ComplaintEvent>, more: Vec<(Context, ComplaintCommand)>) -> Vec<ComplaintEvent> {
        let mut state = Complaint::from_history(&events);
        for (ctx, command) in more {
            let new = state
                .handle(&command, &ctx)
                .unwrap_or_else(|e| panic!("{} was refused: {e}", command.name()));
            for event in &new {
                state.apply(event);
            }
            events.extend(new);
        }
        events
    }

    fn when(
        given: Vec<ComplaintEvent>,
        command: impl Into<ComplaintCommand>,
        ctx: &Context,
    ) -> Result<Vec<ComplaintEvent>, DomainError> {
        given_when::<Complaint>(given, command.into(), ctx)
    }

    fn refused(given: Vec<ComplaintEvent>, command: impl Into<ComplaintCommand>, ctx: &Context) -> DomainError {
        match when(given, command, ctx) {
            Ok(events) => panic!("accepted: {events:?}"),
            Err(e) => e,
        }
    }

    fn state(events: &[ComplaintEvent]) -> Complaint {
        Complaint::from_history(events)
    }

    /// Every payload as JSON, one per line.
    fn payloads(events: &[ComplaintEvent]) -> String {
        events
            .iter()
            .map(|event| event.to_payload().unwrap().get().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Every string in the payloads that reads as an instant (a time of day), not a date.
    fn instants(events: &[ComplaintEvent]) -> Vec<String> {
        fn walk(value: &serde_json::Value, found: &mut Vec<String>) {
            match value {
                serde_json::Value::String(s) if DateTime::parse_from_rfc3339(s).is_ok() => found.push(s.clone()),
                serde_json::Value::Array(items) => items.iter().for_each(|item| walk(item, found)),
                serde_json::Value::Object(map) => map.values().for_each(|item| walk(item, found)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        for event in events {
            let value: serde_json::Value = serde_json::from_str(event.to_payload().unwrap().get()).unwrap();
            walk(&value, &mut found);
        }
        found
    }

    fn tip_filed() -> Vec<ComplaintEvent> {
        with(vec![], vec![step(anonymous(may(1)), file_tip())])
    }

    /// Acknowledged on 2 May with 30 days: due 1 June.
    fn tip_acknowledged() -> Vec<ComplaintEvent> {
        with(tip_filed(), vec![step(secretariat(may(2)), ack(Some(30)))])
    }

    fn tip_assigned() -> Vec<ComplaintEvent> {
        with(tip_acknowledged(), vec![step(secretariat(may(2)), assign(UNIT_A))])
    }

    fn tip_asked() -> Vec<ComplaintEvent> {
        with(tip_assigned(), vec![step(officer(UNIT_A, may(3)), ask(QUESTION))])
    }

    fn tip_resolved() -> Vec<ComplaintEvent> {
        with(tip_assigned(), vec![step(officer(UNIT_A, may(20)), resolve())])
    }

    fn tip_told() -> Vec<ComplaintEvent> {
        with(tip_resolved(), vec![step(officer(UNIT_A, may(21)), tell())])
    }

    fn general_filed() -> Vec<ComplaintEvent> {
        with(vec![], vec![step(citizen(may(1)), file_general())])
    }

    fn general_assigned() -> Vec<ComplaintEvent> {
        with(
            general_filed(),
            vec![
                step(secretariat(may(2)), ack(None)),
                step(secretariat(may(2)), assign(UNIT_B)),
            ],
        )
    }

    fn received(events: &[ComplaintEvent]) -> &ComplaintReceived {
        match events.first() {
            Some(ComplaintEvent::ComplaintReceived(received)) => received,
            other => panic!("not ComplaintReceived: {other:?}"),
        }
    }

    fn opened(sealed: &SealedText) -> String {
        FakeVault::open(sealed).unwrap_or_else(|| panic!("not sealed by the fake vault: {sealed:?}"))
    }

    // Filing.

    #[test]
    fn an_anonymous_tip_is_received_with_sealed_content_and_only_a_digest_of_the_receipt_code() {
        let then = when(vec![], file_tip(), &anonymous(may(1))).unwrap();
        let tip = received(&then);
        assert!(tip.anonymous && tip.reporter.is_none());
        assert_eq!((tip.channel, tip.category), (Channel::Telegram, Category::Corruption));
        assert_eq!(tip.received_on, date(2024, 5, 1));
        assert_eq!(tip.due_on, None, "a corruption case is due only once acknowledged");
        assert_eq!(tip.retention_days, 730);
        assert_eq!(opened(&tip.text), TIP_TEXT, "trimmed, then sealed");
        assert_eq!(tip.subject_agency.as_ref().map(opened).as_deref(), Some(AGENCY));
        assert_eq!(tip.location.as_ref().map(opened).as_deref(), Some(LOCATION));
        assert_eq!(tip.receipt_digest, FakeVault.receipt_digest(NORMALIZED_CODE));
        assert_eq!(tip.attachments.len(), 1);
        let state = state(&then);
        assert_eq!(state.status(), Some(CaseStatus::Received));
        assert!(state.content().is_some_and(|content| content.text.is_some()));
    }

    #[test]
    fn anonymous_tip_events_contain_no_plaintext_no_identity_and_no_time_of_day() {
        let events = with(
            tip_asked(),
            vec![
                step(anonymous(may(4)), answer(CODE, None)),
                step(
                    anonymous(may(5)),
                    evidence(CODE, Some(EVIDENCE), vec![photo(2, DIGEST_2)]),
                ),
                step(officer(UNIT_A, may(20)), resolve()),
                step(officer(UNIT_A, may(21)), tell()),
                step(anonymous(may(22)), rate(CODE, 2)),
                step(anonymous(may(23)), dispute(CODE)),
            ],
        );
        let json = payloads(&events);
        for secret in [
            "somchai_99",
            "5550123456",
            "เรียกรับเงิน",
            "บ้านนาเหนือ",
            NORMALIZED_CODE,
            CODE,
            "K7QM",
            ANSWER,
            EVIDENCE,
            QUESTION,
            OUTCOME,
            TOLD,
            DISPUTE,
        ] {
            assert!(!json.contains(secret), "{secret:?} is in the events:\n{json}");
        }
        assert_eq!(instants(&events), Vec::<String>::new(), "no event holds a time of day");
        assert!(!json.contains(&CITIZEN.to_string()) && !json.contains(&person().actor.to_string()));
    }

    #[test]
    fn an_identified_complaint_keeps_the_reporter_only_sealed() {
        let then = when(vec![], file_general(), &citizen(may(1))).unwrap();
        let complaint = received(&then);
        assert!(!complaint.anonymous);
        let identity: ReporterIdentity = serde_json::from_str(&opened(complaint.reporter.as_ref().unwrap())).unwrap();
        assert_eq!(
            identity,
            ReporterIdentity {
                name: NAME.into(),
                contact: Some(CONTACT.into())
            }
        );
        let json = payloads(&then);
        for secret in [NAME, "สมชาย", CONTACT, "234-5678", GENERAL_TEXT] {
            assert!(!json.contains(secret), "{secret:?} is in the events: {json}");
        }
    }

    #[test]
    fn an_identified_complaint_may_be_filed_by_any_actor() {
        for ctx in [anonymous(may(1)), citizen(may(1)), secretariat(may(1)), service(may(1))] {
            assert!(when(vec![], file_general(), &ctx).is_ok(), "{:?}", ctx.actor);
        }
    }

    #[test]
    fn an_anonymous_tip_must_be_sent_by_the_anonymous_actor() {
        for ctx in [citizen(may(1)), secretariat(may(1)), service(may(1))] {
            let err = refused(vec![], file_tip(), &ctx);
            assert_refused(
                &err,
                ErrorCode::Validation,
                "ผู้ไม่ระบุตัวตน (anonymous)",
                "actor `anonymous`",
            );
        }
    }

    #[test]
    fn a_general_complaint_is_due_fifteen_days_after_receipt() {
        let then = general_filed();
        assert_eq!(received(&then).due_on, Some(date(2024, 5, 16)));
        let state = state(&then);
        assert_eq!(state.due_on(), Some(date(2024, 5, 16)));
        assert_eq!(state.days_left(date(2024, 5, 10)), Some(6));
        assert!(!state.is_overdue(date(2024, 5, 16)));
        assert!(state.is_overdue(date(2024, 5, 17)));
        assert_eq!(state.days_left(date(2024, 5, 18)), Some(-2));
    }

    #[test]
    fn the_receipt_date_is_the_bangkok_date() {
        // 30 April 2024 at 20:00 UTC is already 1 May in Bangkok.
        let late_evening = date(2024, 4, 30).and_hms_opt(20, 0, 0).unwrap().and_utc();
        let then = when(vec![], file_general(), &citizen(late_evening)).unwrap();
        assert_eq!(received(&then).received_on, date(2024, 5, 1));
    }

    #[test]
    fn filing_again_with_the_same_receipt_code_changes_nothing_and_another_code_conflicts() {
        let mut retry = file_tip();
        retry.receipt_code = code(" K7QM 4XRT 9BWN 2HDP ");
        assert_eq!(when(tip_filed(), retry, &anonymous(may(1))).unwrap(), vec![]);
        let mut other = file_tip();
        other.receipt_code = code(WRONG_CODE);
        let err = refused(tip_filed(), other, &anonymous(may(1)));
        assert_refused(&err, ErrorCode::Conflict, "มีเรื่องร้องเรียน", "already exists");
    }

    #[test]
    fn a_receipt_code_shorter_than_eighty_bits_is_refused() {
        for short in ["K7QM-4XRT-9BWN", "", "K7QM-4XRT-9BWN-2HD!"] {
            let mut command = file_tip();
            command.receipt_code = code(short);
            let err = refused(vec![], command, &anonymous(may(1)));
            assert_refused(
                &err,
                ErrorCode::Validation,
                "รหัสติดตามเรื่อง",
                "16 to 64 letters or digits",
            );
        }
    }

    #[test]
    fn ids_that_embed_a_time_are_refused() {
        let mut command = file_tip();
        command.case_id = Uuid::now_v7();
        let err = refused(vec![], command, &anonymous(may(1)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "รหัสเรื่อง",
            "the case id must be a random id",
        );
        let mut command = file_tip();
        command.attachments[0].id = Uuid::now_v7();
        let err = refused(vec![], command, &anonymous(may(1)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "รหัสไฟล์แนบ",
            "an attachment id must be a random id",
        );
        let mut command = file_tip();
        command.case_id = Uuid::new_v4();
        assert!(when(vec![], command, &anonymous(may(1))).is_ok());
    }

    #[test]
    fn the_complaint_text_and_an_identified_reporters_name_are_required() {
        let mut command = file_tip();
        command.text = " \n ".into();
        let err = refused(vec![], command, &anonymous(may(1)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "รายละเอียดเรื่องร้องเรียนต้องไม่ว่าง",
            "the complaint text must not be empty",
        );
        let mut command = file_general();
        command.reporter = Some(ReporterIdentity {
            name: "  ".into(),
            contact: None,
        });
        let err = refused(vec![], command, &citizen(may(1)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "ชื่อผู้ร้องเรียน",
            "the reporter's name must not be empty",
        );
        let mut command = file_general();
        command.text = "ก".repeat(MAX_COMPLAINT_TEXT + 1);
        let err = refused(vec![], command, &citizen(may(1)));
        assert_refused(&err, ErrorCode::Validation, "ยาวเกิน 20000", "longer than 20000");
    }

    #[test]
    fn deciding_without_a_vault_is_an_internal_error() {
        let mut ctx = anonymous(may(1));
        ctx.vault = None;
        let err = refused(vec![], file_tip(), &ctx);
        assert_refused(&err, ErrorCode::Internal, "ภายในระบบ", "no vault");
    }

    /// A vault that salts every receipt digest afresh, as `sujarit_privacy::ReceiptHash` does:
    /// equal codes give different digests, and only `receipt_matches` can tell.
    #[derive(Debug, Default)]
    struct SaltedVault(std::sync::atomic::AtomicU32);

    impl Vault for SaltedVault {
        fn seal(&self, case_id: Uuid, plain: &str) -> Result<SealedText, DomainError> {
            FakeVault.seal(case_id, plain)
        }

        fn receipt_digest(&self, receipt_code: &str) -> ReceiptDigest {
            let salt = self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            ReceiptDigest(format!("{salt}/{}", FakeVault.receipt_digest(receipt_code).0))
        }

        fn receipt_matches(&self, stored: &ReceiptDigest, receipt_code: &str) -> bool {
            stored.0.split_once('/').map(|(_, digest)| digest) == Some(&FakeVault.receipt_digest(receipt_code).0)
        }
    }

    #[test]
    fn receipt_codes_are_checked_by_the_vault_so_a_salted_hash_works() {
        let salted = |ctx: Context| Context {
            vault: Some(Arc::new(SaltedVault::default())),
            ..ctx
        };
        let filed = with(vec![], vec![step(salted(anonymous(may(1))), file_tip())]);
        assert_eq!(
            when(filed.clone(), file_tip(), &salted(anonymous(may(1)))).unwrap(),
            vec![]
        );
        let asked = with(filed, vec![step(salted(secretariat(may(2))), ask(QUESTION))]);
        assert!(when(
            asked.clone(),
            answer(" K7QM 4XRT 9BWN 2HDP ", None),
            &salted(anonymous(may(3)))
        )
        .is_ok());
        let err = refused(asked, answer(WRONG_CODE, None), &salted(anonymous(may(3))));
        assert_eq!(err.code, ErrorCode::NotFound);
    }

    // Attachments.

    #[test]
    fn attachments_are_limited_in_number_size_and_type() {
        let mut eleven = file_tip();
        eleven.attachments = (1..=11).map(|n| photo(n, &format!("{n:064x}"))).collect();
        let err = refused(vec![], eleven, &anonymous(may(1)));
        assert_refused(&err, ErrorCode::Validation, "ไม่เกิน 10 ไฟล์", "at most 10 files");

        let mut large = file_tip();
        large.attachments[0].bytes = MAX_ATTACHMENT_BYTES + 1;
        let err = refused(vec![], large, &anonymous(may(1)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "ไฟล์แนบที่ 1 มีขนาดเกิน 10 MiB",
            "larger than 10 MiB",
        );

        let mut gif = file_tip();
        gif.attachments[0].mime = "image/gif".into();
        let err = refused(vec![], gif, &anonymous(may(1)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "`image/gif`",
            "only image/jpeg, image/png and application/pdf",
        );

        let mut empty = file_tip();
        empty.attachments[0].bytes = 0;
        let err = refused(vec![], empty, &anonymous(may(1)));
        assert_refused(&err, ErrorCode::Validation, "ว่างเปล่า", "is empty");

        let mut no_digest = file_tip();
        no_digest.attachments[0].digest = " ".into();
        let err = refused(vec![], no_digest, &anonymous(may(1)));
        assert_refused(&err, ErrorCode::Validation, "digest", "no valid digest");

        let mut fine = file_tip();
        fine.attachments = vec![photo(1, DIGEST_1), photo(2, DIGEST_2)];
        fine.attachments[0].bytes = MAX_ATTACHMENT_BYTES;
        fine.attachments[1].mime = " Application/PDF ".into();
        let then = when(vec![], fine, &anonymous(may(1))).unwrap();
        assert_eq!(received(&then).attachments[1].mime, "application/pdf");
    }

    #[test]
    fn the_same_file_twice_in_a_case_is_kept_once() {
        let mut twice = file_tip();
        twice.attachments = vec![photo(1, DIGEST_1), photo(2, DIGEST_1)];
        let then = when(vec![], twice, &anonymous(may(1))).unwrap();
        assert_eq!(received(&then).attachments.len(), 1);

        let again = evidence(CODE, None, vec![photo(3, DIGEST_1)]);
        assert_eq!(when(tip_filed(), again, &anonymous(may(2))).unwrap(), vec![]);

        let one_new = evidence(CODE, None, vec![photo(3, DIGEST_1), photo(4, DIGEST_2)]);
        let then = when(tip_filed(), one_new, &anonymous(may(2))).unwrap();
        let [ComplaintEvent::EvidenceAdded(added)] = then.as_slice() else {
            panic!("{then:?}")
        };
        assert_eq!(
            added.attachments.iter().map(|a| a.id).collect::<Vec<_>>(),
            vec![photo(4, DIGEST_2).id]
        );
    }

    #[test]
    fn reusing_an_attachment_id_for_another_file_is_refused() {
        let reused = evidence(CODE, None, vec![photo(1, DIGEST_3)]);
        let err = refused(tip_filed(), reused, &anonymous(may(2)));
        assert_refused(&err, ErrorCode::Validation, "ไฟล์แนบที่ 1 ใช้รหัสไฟล์ซ้ำ", "reuses the id");
    }

    // Acknowledgement and assignment.

    #[test]
    fn a_corruption_case_is_acknowledged_with_a_time_frame_that_sets_its_due_date() {
        let then = when(tip_filed(), ack(Some(30)), &secretariat(may(2))).unwrap();
        assert_eq!(
            then,
            vec![ComplaintAcknowledged {
                case_id: CASE,
                acknowledged_on: date(2024, 5, 2),
                time_frame_days: Some(30),
                due_on: date(2024, 6, 1),
            }
            .into()]
        );
        let state = state(&tip_acknowledged());
        assert_eq!(state.status(), Some(CaseStatus::Acknowledged));
        assert_eq!(state.acknowledged_on(), Some(date(2024, 5, 2)));
        assert_eq!(state.due_on(), Some(date(2024, 6, 1)));
    }

    #[test]
    fn a_corruption_case_needs_a_time_frame_of_one_to_365_days() {
        let err = refused(tip_filed(), ack(None), &secretariat(may(2)));
        assert_refused(&err, ErrorCode::Validation, "กรอบเวลาดำเนินการ", "needs a time frame");
        for days in [0, 366] {
            let err = refused(tip_filed(), ack(Some(days)), &secretariat(may(2)));
            assert_refused(&err, ErrorCode::Validation, "1 ถึง 365 วัน", "1 to 365 days");
        }
    }

    #[test]
    fn a_general_complaints_time_frame_must_fit_the_fifteen_day_limit() {
        let err = refused(general_filed(), ack(Some(20)), &secretariat(may(2)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "ภายใน 15 วัน คือภายใน 16 พ.ค. 2567",
            "within 15 days, by 2024-05-16; to take longer, explain an extension",
        );
        let then = when(general_filed(), ack(Some(10)), &secretariat(may(2))).unwrap();
        let [ComplaintEvent::ComplaintAcknowledged(acknowledged)] = then.as_slice() else {
            panic!("{then:?}")
        };
        assert_eq!(
            acknowledged.due_on,
            date(2024, 5, 16),
            "the legal limit stays the due date"
        );
    }

    #[test]
    fn acknowledging_twice_is_a_conflict() {
        let err = refused(tip_acknowledged(), ack(Some(30)), &secretariat(may(3)));
        assert_refused(&err, ErrorCode::Conflict, "ตอบรับเรื่องนี้ไปแล้ว", "already acknowledged");
    }

    #[test]
    fn a_case_must_be_acknowledged_before_it_is_assigned() {
        let err = refused(tip_filed(), assign(UNIT_A), &secretariat(may(2)));
        assert_refused(&err, ErrorCode::Conflict, "ต้องตอบรับเรื่อง", "acknowledge the case");
        let then = when(tip_acknowledged(), assign(UNIT_A), &secretariat(may(3))).unwrap();
        assert_eq!(
            then,
            vec![ComplaintAssigned {
                case_id: CASE,
                org_unit_id: UNIT_A,
                assigned_on: date(2024, 5, 3),
            }
            .into()]
        );
    }

    #[test]
    fn reassigning_moves_the_case_and_assigning_the_same_unit_changes_nothing() {
        assert_eq!(
            when(tip_assigned(), assign(UNIT_A), &secretariat(may(3))).unwrap(),
            vec![]
        );
        let moved = with(tip_assigned(), vec![step(secretariat(may(3)), assign(UNIT_B))]);
        let state = state(&moved);
        assert_eq!(state.assigned_to(), Some(UNIT_B));
        let err = refused(moved.clone(), ask(QUESTION), &officer(UNIT_A, may(4)));
        assert_eq!(err.code, ErrorCode::Forbidden, "the old unit no longer handles it");
        assert!(when(moved, ask(QUESTION), &officer(UNIT_B, may(4))).is_ok());
    }

    #[test]
    fn commands_on_a_case_never_filed_are_not_found() {
        let commands: Vec<ComplaintCommand> = vec![
            ack(Some(30)).into(),
            assign(UNIT_A).into(),
            ask(QUESTION).into(),
            progress("x").into(),
            extend("x", date(2024, 6, 1)).into(),
            resolve().into(),
            refer(ReferredTo::Nacc).into(),
            close(Closure::Unfounded).into(),
            tell().into(),
            purge(None).into(),
        ];
        for command in commands {
            let name = command.name();
            let err = refused(vec![], command, &secretariat(may(2)));
            assert_refused(&err, ErrorCode::NotFound, "ไม่พบเรื่องร้องเรียน", "no such complaint");
            assert!(!name.is_empty());
        }
        let err = refused(vec![], reveal("ศาลเรียกพยาน"), &custodian(may(2)));
        assert_eq!(err.code, ErrorCode::NotFound);
    }

    // Authority.

    #[test]
    fn only_the_secretariat_acknowledges_assigns_refers_closes_explains_extensions_and_purges() {
        let cases: Vec<(Vec<ComplaintEvent>, ComplaintCommand, &str)> = vec![
            (tip_filed(), ack(Some(30)).into(), "acknowledge"),
            (tip_acknowledged(), assign(UNIT_A).into(), "assign"),
            (tip_assigned(), refer(ReferredTo::Pacc).into(), "refer"),
            (tip_assigned(), close(Closure::Unfounded).into(), "close"),
            (
                tip_assigned(),
                extend("รอผลตรวจสอบบัญชี", date(2024, 6, 15)).into(),
                "explain an extension",
            ),
            (tip_assigned(), purge(Some("คำสั่งศาลที่ 12/2567")).into(), "purge"),
        ];
        for (given, command, verb) in cases {
            for ctx in [
                officer(UNIT_A, may(3)),
                committee(may(3)),
                citizen(may(3)),
                custodian(may(3)),
            ] {
                let err = refused(given.clone(), command.clone(), &ctx);
                assert_refused(&err, ErrorCode::Forbidden, "เฉพาะฝ่ายเลขานุการ", verb);
            }
            let err = refused(given.clone(), command.clone(), &anonymous(may(3)));
            assert_refused(&err, ErrorCode::Forbidden, "ผู้ไม่ระบุตัวตน", "anonymous actor");
            assert!(
                when(given.clone(), command.clone(), &secretariat(may(3))).is_ok(),
                "{verb}"
            );
            assert!(when(given, command, &service(may(3))).is_ok(), "{verb}");
        }
    }

    #[test]
    fn an_officer_of_the_assigned_unit_asks_notes_resolves_and_tells_the_outcome() {
        let cases: Vec<(Vec<ComplaintEvent>, ComplaintCommand)> = vec![
            (tip_assigned(), ask(QUESTION).into()),
            (tip_assigned(), progress("สอบถามเจ้าหน้าที่การเงินแล้ว").into()),
            (tip_assigned(), resolve().into()),
            (tip_resolved(), tell().into()),
        ];
        for (given, command) in cases {
            let name = command.name();
            assert!(
                when(given.clone(), command.clone(), &officer(UNIT_A, may(21))).is_ok(),
                "{name}"
            );
            assert!(
                when(given.clone(), command.clone(), &secretariat(may(21))).is_ok(),
                "{name}"
            );
            for ctx in [
                officer(UNIT_B, may(21)),
                committee(may(21)),
                with_roles(vec![Role::Committee], Some(UNIT_A), may(21)),
                citizen(may(21)),
            ] {
                let err = refused(given.clone(), command.clone(), &ctx);
                assert_refused(
                    &err,
                    ErrorCode::Forbidden,
                    "หน่วยงานที่ได้รับมอบหมาย",
                    "only the secretariat or officers of the assigned org unit",
                );
            }
            let err = refused(given, command, &anonymous(may(21)));
            assert_refused(&err, ErrorCode::Forbidden, "ผู้ไม่ระบุตัวตน", "anonymous actor");
        }
    }

    #[test]
    fn no_officer_handles_a_case_before_it_is_assigned_but_the_secretariat_may() {
        let err = refused(tip_acknowledged(), ask(QUESTION), &officer(UNIT_A, may(3)));
        assert_eq!(err.code, ErrorCode::Forbidden);
        let then = when(tip_filed(), ask(QUESTION), &secretariat(may(2))).unwrap();
        assert!(matches!(then.as_slice(), [ComplaintEvent::QuestionAsked(q)] if q.number == 1));
    }

    #[test]
    fn who_may_see_a_case_is_the_secretariat_or_the_assigned_unit() {
        let state = state(&tip_assigned());
        assert!(state.may_handle(&secretariat(may(3))));
        assert!(state.may_handle(&service(may(3))));
        assert!(state.may_handle(&officer(UNIT_A, may(3))));
        assert!(!state.may_handle(&officer(UNIT_B, may(3))));
        assert!(!state.may_handle(&committee(may(3))));
        assert!(!state.may_handle(&custodian(may(3))));
        assert!(!state.may_handle(&anonymous(may(3))));
        assert!(!Complaint::from_history(&tip_acknowledged()).may_handle(&officer(UNIT_A, may(3))));
    }

    // Messages with the reporter.

    #[test]
    fn questions_are_numbered_and_the_reporter_answers_the_latest_or_a_given_one() {
        let given = with(tip_asked(), vec![step(officer(UNIT_A, may(3)), ask("มีพยานหรือไม่"))]);
        let [ComplaintEvent::QuestionAsked(second)] = &given[given.len() - 1..] else {
            panic!("{given:?}")
        };
        assert_eq!(second.number, 2);
        assert_eq!(opened(&second.text), "มีพยานหรือไม่");
        let then = when(given.clone(), answer(CODE, None), &anonymous(may(4))).unwrap();
        assert!(matches!(then.as_slice(), [ComplaintEvent::ReporterAnswered(a)] if a.in_reply_to == 2));
        let then = when(given.clone(), answer(CODE, Some(1)), &anonymous(may(4))).unwrap();
        let [ComplaintEvent::ReporterAnswered(first)] = then.as_slice() else {
            panic!("{then:?}")
        };
        assert_eq!((first.in_reply_to, opened(&first.text).as_str()), (1, ANSWER));
        let counted = with(given, vec![step(anonymous(may(4)), answer(CODE, None))]);
        assert_eq!(state(&counted).message_counts(), (2, 1, 0));
    }

    #[test]
    fn an_answer_needs_a_question_and_an_open_case() {
        let err = refused(tip_assigned(), answer(CODE, None), &anonymous(may(4)));
        assert_refused(
            &err,
            ErrorCode::Conflict,
            "ยังไม่มีคำถาม",
            "no question to answer; add evidence",
        );
        let err = refused(tip_asked(), answer(CODE, Some(5)), &anonymous(may(4)));
        assert_refused(&err, ErrorCode::NotFound, "ไม่มีคำถามที่ 5", "no question 5 (1 asked)");
        let resolved = with(tip_asked(), vec![step(officer(UNIT_A, may(20)), resolve())]);
        let err = refused(resolved, answer(CODE, None), &anonymous(may(21)));
        assert_refused(
            &err,
            ErrorCode::Conflict,
            "สิ้นสุดแล้ว (ได้ข้อยุติ) เมื่อ 20 พ.ค. 2567",
            "already ended (resolved) on 2024-05-20",
        );
        let mut blank = answer(CODE, None);
        blank.text = "   ".into();
        let err = refused(tip_asked(), blank, &anonymous(may(4)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "คำตอบต้องไม่ว่าง",
            "the answer must not be empty",
        );
    }

    #[test]
    fn a_wrong_receipt_code_or_an_unknown_case_reveal_nothing() {
        type Build = fn(&str) -> ComplaintCommand;
        let cases: Vec<(Vec<ComplaintEvent>, Build)> = vec![
            (tip_asked(), |c| answer(c, None).into()),
            (tip_told(), |c| evidence(c, Some(EVIDENCE), vec![]).into()),
            (tip_told(), |c| rate(c, 5).into()),
            (tip_told(), |c| dispute(c).into()),
        ];
        let nothing_here = refused(vec![], answer(CODE, None), &anonymous(may(22)));
        assert_refused(
            &nothing_here,
            ErrorCode::NotFound,
            "รหัสติดตามเรื่อง",
            "no case matches this receipt code",
        );
        for (given, command) in cases {
            for wrong in [WRONG_CODE, "", "short", "ABCDEFGHJKMNPQRS"] {
                let err = refused(given.clone(), command(wrong), &anonymous(may(22)));
                assert_eq!(err, nothing_here, "{wrong}");
            }
            assert_eq!(refused(vec![], command(CODE), &anonymous(may(22))), nothing_here);
            assert!(when(given, command(CODE), &anonymous(may(22))).is_ok());
        }
    }

    #[test]
    fn a_follow_up_on_an_anonymous_tip_must_come_from_the_anonymous_actor() {
        for ctx in [citizen(may(4)), secretariat(may(4))] {
            let err = refused(tip_asked(), answer(CODE, None), &ctx);
            assert_refused(
                &err,
                ErrorCode::Validation,
                "ผู้ไม่ระบุตัวตน (anonymous)",
                "followed up by actor `anonymous`",
            );
        }
    }

    #[test]
    fn the_reporter_of_an_identified_complaint_follows_up_as_any_actor_with_the_code() {
        let given = with(general_assigned(), vec![step(officer(UNIT_B, may(3)), ask(QUESTION))]);
        for ctx in [citizen(may(4)), anonymous(may(4))] {
            assert!(when(given.clone(), answer(CODE, None), &ctx).is_ok());
        }
    }

    #[test]
    fn evidence_needs_a_note_or_a_file() {
        let err = refused(tip_filed(), evidence(CODE, Some("  "), vec![]), &anonymous(may(2)));
        assert_refused(&err, ErrorCode::Validation, "คำอธิบายหรือไฟล์", "a note or a file");
        let then = when(tip_filed(), evidence(CODE, Some(EVIDENCE), vec![]), &anonymous(may(2))).unwrap();
        let [ComplaintEvent::EvidenceAdded(added)] = then.as_slice() else {
            panic!("{then:?}")
        };
        assert_eq!(added.note.as_ref().map(opened).as_deref(), Some(EVIDENCE));
    }

    #[test]
    fn evidence_on_an_open_case_does_not_reopen_it() {
        let then = when(
            tip_assigned(),
            evidence(CODE, Some(EVIDENCE), vec![]),
            &anonymous(may(5)),
        )
        .unwrap();
        assert_eq!(then.len(), 1);
        assert_eq!(state(&with(tip_assigned(), vec![])).reopen_count(), 0);
    }

    // Ending a case.

    #[test]
    fn a_case_is_acknowledged_before_it_is_resolved_or_referred_but_may_be_closed_at_once() {
        let err = refused(tip_filed(), resolve(), &secretariat(may(2)));
        assert_refused(&err, ErrorCode::Conflict, "ต้องตอบรับเรื่อง", "acknowledge the case");
        let err = refused(tip_filed(), refer(ReferredTo::Nacc), &secretariat(may(2)));
        assert_refused(&err, ErrorCode::Conflict, "ต้องตอบรับเรื่อง", "acknowledge the case");
        let then = when(tip_filed(), close(Closure::Unfounded), &secretariat(may(2))).unwrap();
        assert_eq!(
            then,
            vec![ComplaintClosed {
                case_id: CASE,
                closure: Closure::Unfounded,
                reason: None,
                closed_on: date(2024, 5, 2),
                late: false,
            }
            .into()]
        );
    }

    #[test]
    fn an_ended_case_cannot_be_resolved_referred_or_closed_again() {
        let endings: Vec<ComplaintCommand> = vec![
            resolve().into(),
            refer(ReferredTo::Police).into(),
            close(Closure::Duplicate { kept_case_id: KEPT }).into(),
        ];
        for first in &endings {
            let ended = with(tip_assigned(), vec![step(secretariat(may(20)), first.clone())]);
            for second in &endings {
                let err = refused(ended.clone(), second.clone(), &secretariat(may(21)));
                assert_refused(&err, ErrorCode::Conflict, "สิ้นสุดแล้ว", "already ended");
            }
        }
    }

    #[test]
    fn the_end_records_whether_it_came_after_the_due_date() {
        let on_time = when(tip_assigned(), resolve(), &officer(UNIT_A, june(1))).unwrap();
        assert!(matches!(on_time.as_slice(), [ComplaintEvent::ComplaintResolved(r)] if !r.late));
        let late = when(tip_assigned(), resolve(), &officer(UNIT_A, june(2))).unwrap();
        let [ComplaintEvent::ComplaintResolved(resolved)] = late.as_slice() else {
            panic!("{late:?}")
        };
        assert!(resolved.late);
        assert_eq!(opened(&resolved.outcome), OUTCOME);
        let state = state(&with(tip_assigned(), vec![step(officer(UNIT_A, june(2)), resolve())]));
        assert_eq!(state.ended_late(), Some(true));
        assert_eq!(state.ended_on(), Some(date(2024, 6, 2)));
        assert!(!state.is_overdue(date(2024, 6, 10)), "an ended case is not overdue");
        assert_eq!(state.days_left(date(2024, 6, 10)), None);
    }

    #[test]
    fn a_referral_names_the_body_and_another_body_needs_its_name() {
        let err = refused(
            tip_assigned(),
            refer(ReferredTo::Other { name: " ".into() }),
            &secretariat(may(5)),
        );
        assert_refused(
            &err,
            ErrorCode::Validation,
            "ชื่อหน่วยงานที่ส่งต่อ",
            "the name of the body referred to",
        );
        let mut command = refer(ReferredTo::Other {
            name: " สำนักงานการตรวจเงินแผ่นดิน  ภูมิภาค ".into(),
        });
        command.note = Some("เกี่ยวกับการใช้จ่ายงบประมาณ".into());
        let then = with(tip_assigned(), vec![step(secretariat(may(5)), command)]);
        let state = state(&then);
        assert_eq!(state.status(), Some(CaseStatus::Referred));
        assert_eq!(
            state.referred_to(),
            Some(&ReferredTo::Other {
                name: "สำนักงานการตรวจเงินแผ่นดิน ภูมิภาค".into()
            })
        );
        assert!(!payloads(&then).contains("งบประมาณ"), "the note is sealed");
    }

    #[test]
    fn a_duplicate_names_another_kept_case() {
        let err = refused(
            tip_filed(),
            close(Closure::Duplicate { kept_case_id: CASE }),
            &secretariat(may(2)),
        );
        assert_refused(&err, ErrorCode::Validation, "ไม่ใช่ตัวเอง", "not itself");
        let closed = with(
            tip_filed(),
            vec![step(
                secretariat(may(2)),
                close(Closure::Duplicate { kept_case_id: KEPT }),
            )],
        );
        let state = state(&closed);
        assert_eq!(state.status(), Some(CaseStatus::Closed));
        assert_eq!(state.closure(), Some(&Closure::Duplicate { kept_case_id: KEPT }));
    }

    // Time limits.

    #[test]
    fn the_secretariat_explains_an_extension_to_move_the_due_date_later() {
        let command = extend("ต้องรอผลการตรวจสอบจากสำนักงานที่ดิน", date(2024, 5, 30));
        let then = when(general_assigned(), command.clone(), &secretariat(may(14))).unwrap();
        let [ComplaintEvent::ExtensionExplained(extension)] = then.as_slice() else {
            panic!("{then:?}")
        };
        assert_eq!(extension.previous_due_on, date(2024, 5, 16));
        assert_eq!(extension.new_due_on, date(2024, 5, 30));
        assert_eq!(opened(&extension.reason), "ต้องรอผลการตรวจสอบจากสำนักงานที่ดิน");
        let state = state(&with(general_assigned(), vec![step(secretariat(may(14)), command)]));
        assert_eq!(state.due_on(), Some(date(2024, 5, 30)));
        assert!(!state.is_overdue(date(2024, 5, 20)));
        assert_eq!(state.extensions(), 1);
    }

    #[test]
    fn an_extension_is_later_than_the_due_date_has_a_reason_and_comes_before_the_end() {
        let err = refused(
            general_assigned(),
            extend("x", date(2024, 5, 16)),
            &secretariat(may(14)),
        );
        assert_refused(
            &err,
            ErrorCode::Validation,
            "หลังวันครบกำหนดเดิม (16 พ.ค. 2567)",
            "after the current one (2024-05-16)",
        );
        let err = refused(
            general_assigned(),
            extend(" ", date(2024, 5, 30)),
            &secretariat(may(14)),
        );
        assert_refused(
            &err,
            ErrorCode::Validation,
            "เหตุผลที่ต้องขยายเวลาต้องไม่ว่าง",
            "the reason for the extension must not be empty",
        );
        let err = refused(general_assigned(), extend("x", date(2025, 6, 1)), &secretariat(may(14)));
        assert_refused(&err, ErrorCode::Validation, "ไม่เกิน 365 วัน", "at most 365 days");
        let resolved = with(general_assigned(), vec![step(officer(UNIT_B, may(10)), resolve())]);
        let err = refused(resolved, extend("x", date(2024, 5, 30)), &secretariat(may(14)));
        assert_refused(&err, ErrorCode::Conflict, "สิ้นสุดแล้ว", "already ended");
        let err = refused(tip_filed(), extend("x", date(2024, 5, 30)), &secretariat(may(2)));
        assert_refused(&err, ErrorCode::Conflict, "ยังไม่มีกำหนดเวลา", "no due date yet");
    }

    // Outcome, rating, dispute, reopening.

    #[test]
    fn the_outcome_is_told_once_per_ending_and_only_after_it() {
        let err = refused(tip_assigned(), tell(), &officer(UNIT_A, may(10)));
        assert_refused(&err, ErrorCode::Conflict, "ยังไม่สิ้นสุด", "has not ended yet");
        let err = refused(tip_told(), tell(), &officer(UNIT_A, may(22)));
        assert_refused(
            &err,
            ErrorCode::Conflict,
            "แจ้งผลแก่ผู้ร้องเรียนไปแล้วเมื่อ 21 พ.ค. 2567",
            "already told to the reporter on 2024-05-21",
        );
        let mut blank = tell();
        blank.message = "".into();
        let err = refused(tip_resolved(), blank, &officer(UNIT_A, may(21)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "ข้อความแจ้งผล",
            "the message to the reporter must not be empty",
        );
        assert_eq!(state(&tip_told()).outcome_told_on(), Some(date(2024, 5, 21)));
    }

    #[test]
    fn the_reporter_rates_the_handling_from_one_to_five_once_after_the_outcome_is_told() {
        let err = refused(tip_resolved(), rate(CODE, 4), &anonymous(may(22)));
        assert_refused(&err, ErrorCode::Conflict, "ยังไม่ได้แจ้งผล", "not been told yet");
        for wrong in [0, 6] {
            let err = refused(tip_told(), rate(CODE, wrong), &anonymous(may(22)));
            assert_refused(&err, ErrorCode::Validation, "1 ถึง 5", "1 to 5");
        }
        let rated = with(tip_told(), vec![step(anonymous(may(22)), rate(CODE, 4))]);
        assert_eq!(
            rated.last(),
            Some(
                &HandlingRated {
                    case_id: CASE,
                    rating: 4
                }
                .into()
            )
        );
        assert_eq!(state(&rated).rating(), Some(4));
        let err = refused(rated, rate(CODE, 5), &anonymous(may(23)));
        assert_refused(&err, ErrorCode::Conflict, "ให้คะแนน", "already been rated");
    }

    #[test]
    fn a_dispute_reopens_the_case_with_its_time_frame_again_and_is_allowed_once() {
        let err = refused(tip_assigned(), dispute(CODE), &anonymous(may(10)));
        assert_refused(&err, ErrorCode::Conflict, "ยังไม่สิ้นสุด", "has not ended yet");
        let then = when(tip_told(), dispute(CODE), &anonymous(may(23))).unwrap();
        let [ComplaintEvent::ClosureDisputed(disputed), ComplaintEvent::CaseReopened(reopened)] = then.as_slice()
        else {
            panic!("{then:?}")
        };
        assert_eq!(opened(&disputed.reason), DISPUTE);
        assert_eq!(
            reopened,
            &CaseReopened {
                case_id: CASE,
                cause: ReopenCause::Disputed,
                reopened_on: date(2024, 5, 23),
                due_on: Some(date(2024, 6, 22)),
            }
        );
        let reopened = with(tip_told(), vec![step(anonymous(may(23)), dispute(CODE))]);
        let state = state(&reopened);
        assert_eq!(state.status(), Some(CaseStatus::Assigned));
        assert_eq!(state.reopen_count(), 1);
        assert!(state.disputed());
        assert_eq!((state.ended_on(), state.outcome_told_on()), (None, None));
        assert_eq!(state.due_on(), Some(date(2024, 6, 22)));
        let ended_again = with(
            reopened,
            vec![
                step(officer(UNIT_A, may(30)), resolve()),
                step(officer(UNIT_A, may(30)), tell()),
            ],
        );
        let err = refused(ended_again.clone(), dispute(CODE), &anonymous(june(1)));
        assert_refused(&err, ErrorCode::Conflict, "โต้แย้งผลได้เพียงครั้งเดียว", "disputed only once");
        assert!(
            when(ended_again, rate(CODE, 3), &anonymous(june(1))).is_ok(),
            "a new outcome may be rated"
        );
    }

    #[test]
    fn new_evidence_after_the_end_reopens_the_case_every_time() {
        let then = when(
            tip_told(),
            evidence(CODE, None, vec![photo(2, DIGEST_2)]),
            &anonymous(may(25)),
        )
        .unwrap();
        let [ComplaintEvent::EvidenceAdded(_), ComplaintEvent::CaseReopened(reopened)] = then.as_slice() else {
            panic!("{then:?}")
        };
        assert_eq!(reopened.cause, ReopenCause::NewEvidence);
        let twice = with(
            tip_told(),
            vec![
                step(anonymous(may(25)), evidence(CODE, None, vec![photo(2, DIGEST_2)])),
                step(officer(UNIT_A, may(28)), resolve()),
                step(anonymous(may(29)), evidence(CODE, Some(EVIDENCE), vec![])),
            ],
        );
        let state = state(&twice);
        assert_eq!(state.reopen_count(), 2);
        assert_eq!(state.status(), Some(CaseStatus::Assigned));
        assert_eq!(state.message_counts().2, 2);
    }

    #[test]
    fn a_general_complaint_reopened_is_due_fifteen_days_later_and_a_closed_unacknowledged_one_returns_to_received() {
        let closed = with(
            general_filed(),
            vec![step(secretariat(may(2)), close(Closure::Unfounded))],
        );
        let reopened = with(closed, vec![step(citizen(may(10)), dispute(CODE))]);
        let state = state(&reopened);
        assert_eq!(state.status(), Some(CaseStatus::Received));
        assert_eq!(state.due_on(), Some(date(2024, 5, 25)));
    }

    #[test]
    fn a_reopened_case_must_end_and_be_told_again_before_it_is_rated_again() {
        let reopened = with(
            tip_told(),
            vec![
                step(anonymous(may(22)), rate(CODE, 1)),
                step(anonymous(may(23)), evidence(CODE, Some(EVIDENCE), vec![])),
            ],
        );
        let err = refused(reopened.clone(), rate(CODE, 2), &anonymous(may(24)));
        assert_eq!(err.code, ErrorCode::Conflict);
        let told_again = with(
            reopened,
            vec![
                step(officer(UNIT_A, may(28)), resolve()),
                step(officer(UNIT_A, may(28)), tell()),
                step(anonymous(may(29)), rate(CODE, 5)),
            ],
        );
        assert_eq!(state(&told_again).rating(), Some(5));
    }

    // The reporter's identity.

    #[test]
    fn only_a_custodian_opens_a_reporters_identity_and_every_access_is_logged_with_its_reason() {
        let then = when(
            general_filed(),
            reveal(" ศาลปกครองเรียกให้แจ้งชื่อพยาน "),
            &custodian(may(3)),
        )
        .unwrap();
        assert_eq!(
            then,
            vec![ReporterIdentityAccessed {
                case_id: CASE,
                by: CUSTODIAN,
                reason: "ศาลปกครองเรียกให้แจ้งชื่อพยาน".into(),
            }
            .into()]
        );
        for ctx in [
            secretariat(may(3)),
            service(may(3)),
            with_roles(
                vec![Role::Admin, Role::Secretariat, Role::Committee, Role::Officer],
                Some(UNIT_B),
                may(3),
            ),
            acting(Actor::Service("custodian".into()), None, may(3)),
            anonymous(may(3)),
        ] {
            let err = refused(general_filed(), reveal("x"), &ctx);
            assert_refused(&err, ErrorCode::Forbidden, "ผู้ดูแลข้อมูลผู้ร้องเรียน", "only a custodian");
        }
        let err = refused(general_filed(), reveal("  "), &custodian(may(3)));
        assert_refused(&err, ErrorCode::Validation, "เหตุผลที่ขอเปิดดูตัวตน", "must not be empty");
        let twice = with(
            general_filed(),
            vec![
                step(custodian(may(3)), reveal("หนึ่ง")),
                step(custodian(may(4)), reveal("สอง")),
            ],
        );
        assert_eq!(state(&twice).identity_accesses(), 2);
    }

    #[test]
    fn an_anonymous_tip_has_no_identity_to_open() {
        let err = refused(tip_filed(), reveal("ตรวจสอบ"), &custodian(may(3)));
        assert_refused(&err, ErrorCode::Conflict, "ไม่ระบุตัวตน", "no identity to open");
    }

    // Retention and purge.

    #[test]
    fn content_is_purged_once_the_retention_period_after_the_end_has_passed() {
        let resolved = tip_resolved();
        assert_eq!(
            state(&tip_assigned()).purge_due_on(),
            None,
            "retention counts from the end"
        );
        assert_eq!(state(&resolved).purge_due_on(), Some(date(2026, 5, 20)));
        let err = refused(tip_assigned(), purge(None), &service(may(20)));
        assert_refused(&err, ErrorCode::Conflict, "ยังไม่สิ้นสุด", "counts from its end");
        let day_before = date(2026, 5, 19).and_hms_opt(3, 0, 0).unwrap().and_utc();
        let err = refused(resolved.clone(), purge(None), &service(day_before));
        assert_refused(
            &err,
            ErrorCode::Conflict,
            "ลบได้ตั้งแต่ 20 พ.ค. 2569",
            "runs until 2026-05-20",
        );
        let due = date(2026, 5, 20).and_hms_opt(3, 0, 0).unwrap().and_utc();
        let then = when(resolved.clone(), purge(None), &service(due)).unwrap();
        assert_eq!(
            then,
            vec![CaseContentPurged {
                case_id: CASE,
                basis: PurgeBasis::Retention,
                purged_on: date(2026, 5, 20),
            }
            .into()]
        );
        assert!(when(resolved, purge(None), &secretariat(due)).is_ok());
    }

    #[test]
    fn purging_removes_the_content_from_the_state_and_keeps_the_statistics() {
        let due = date(2026, 6, 1).and_hms_opt(3, 0, 0).unwrap().and_utc();
        let before = with(
            tip_asked(),
            vec![
                step(anonymous(may(4)), answer(CODE, None)),
                step(officer(UNIT_A, may(20)), resolve()),
                step(officer(UNIT_A, may(21)), tell()),
                step(anonymous(may(22)), rate(CODE, 4)),
            ],
        );
        let purged = with(before.clone(), vec![step(service(due), purge(None))]);
        let (before, after) = (state(&before), state(&purged));
        assert!(before.content().is_some());
        assert_eq!(after.content(), None);
        assert_eq!(after.purged_on(), Some(date(2026, 6, 1)));
        assert_eq!(after.purge_due_on(), None);
        assert_eq!(after.filing(), before.filing());
        let filing = after.filing().unwrap();
        assert_eq!(
            (filing.category, filing.channel, filing.anonymous),
            (Category::Corruption, Channel::Telegram, true)
        );
        assert_eq!(after.status(), Some(CaseStatus::Resolved));
        assert_eq!(after.acknowledged_on(), Some(date(2024, 5, 2)));
        assert_eq!(after.ended_on(), Some(date(2024, 5, 20)));
        assert_eq!(after.message_counts(), (1, 1, 0));
        assert_eq!(after.rating(), Some(4));
        assert_eq!(after.reopen_count(), 0);
    }

    #[test]
    fn after_a_purge_commands_with_text_or_files_are_refused() {
        let purged = with(
            tip_told(),
            vec![step(secretariat(may(22)), purge(Some("คำสั่งศาลที่ 12/2567")))],
        );
        let cases: Vec<(Context, ComplaintCommand)> = vec![
            step(anonymous(may(23)), evidence(CODE, Some(EVIDENCE), vec![])),
            step(anonymous(may(23)), evidence(CODE, None, vec![photo(2, DIGEST_2)])),
            step(anonymous(may(23)), dispute(CODE)),
        ];
        for (ctx, command) in cases {
            let err = refused(purged.clone(), command, &ctx);
            assert_refused(&err, ErrorCode::Conflict, "ถูกลบแล้ว", "has been purged");
        }
        let purged_open = with(
            tip_asked(),
            vec![step(secretariat(may(4)), purge(Some("คำสั่งศาลที่ 12/2567")))],
        );
        let cases: Vec<(Context, ComplaintCommand)> = vec![
            step(officer(UNIT_A, may(5)), ask(QUESTION)),
            step(anonymous(may(5)), answer(CODE, None)),
            step(officer(UNIT_A, may(5)), progress("x")),
            step(officer(UNIT_A, may(5)), resolve()),
            step(secretariat(may(5)), extend("x", date(2024, 6, 10))),
        ];
        for (ctx, command) in cases {
            let err = refused(purged_open.clone(), command, &ctx);
            assert_refused(&err, ErrorCode::Conflict, "ถูกลบแล้ว", "has been purged");
        }
        let identified = with(
            general_filed(),
            vec![step(secretariat(may(4)), purge(Some("คำสั่งศาลที่ 12/2567")))],
        );
        let err = refused(identified, reveal("x"), &custodian(may(5)));
        assert_refused(&err, ErrorCode::Conflict, "ถูกลบแล้ว", "has been purged");
        assert!(
            when(purged.clone(), rate(CODE, 3), &anonymous(may(23))).is_ok(),
            "a rating holds no text"
        );
        assert!(
            when(purged_open, close(Closure::Unfounded), &secretariat(may(5))).is_ok(),
            "no reason given"
        );
    }

    #[test]
    fn the_secretariat_may_purge_at_any_time_on_an_order_and_purging_twice_changes_nothing() {
        let then = when(
            tip_assigned(),
            purge(Some("  คำสั่งศาลปกครอง   ที่ 12/2567 ")),
            &secretariat(may(3)),
        )
        .unwrap();
        assert_eq!(
            then,
            vec![CaseContentPurged {
                case_id: CASE,
                basis: PurgeBasis::Order {
                    reference: "คำสั่งศาลปกครอง ที่ 12/2567".into()
                },
                purged_on: date(2024, 5, 3),
            }
            .into()]
        );
        let purged = with(tip_assigned(), vec![step(secretariat(may(3)), purge(Some("x")))]);
        assert_eq!(when(purged, purge(Some("x")), &secretariat(may(4))).unwrap(), vec![]);
        let err = refused(tip_assigned(), purge(Some(" ")), &secretariat(may(3)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "เลขที่คำสั่ง",
            "the order's reference must not be empty",
        );
    }

    // Precision.

    #[test]
    fn reporter_side_events_are_stored_to_the_hour_and_handling_events_exactly() {
        let events = with(
            tip_asked(),
            vec![
                step(anonymous(may(4)), answer(CODE, None)),
                step(officer(UNIT_A, may(20)), resolve()),
                step(officer(UNIT_A, may(21)), tell()),
                step(anonymous(may(22)), rate(CODE, 4)),
                step(anonymous(may(23)), dispute(CODE)),
                step(anonymous(may(24)), evidence(CODE, Some(EVIDENCE), vec![])),
                step(officer(UNIT_A, may(25)), progress("x")),
            ],
        );
        let hour = [
            "ComplaintReceived",
            "ReporterAnswered",
            "HandlingRated",
            "ClosureDisputed",
            "CaseReopened",
            "EvidenceAdded",
        ];
        for event in &events {
            let expected = if hour.contains(&event.event_type()) {
                TimePrecision::Hour
            } else {
                TimePrecision::Exact
            };
            assert_eq!(Complaint::precision(event), expected, "{}", event.event_type());
        }
    }

    // The whole way.

    #[test]
    fn a_tip_goes_from_receipt_through_questions_to_a_told_and_rated_outcome() {
        let events = with(
            vec![],
            vec![
                step(anonymous(may(1)), file_tip()),
                step(secretariat(may(2)), ack(Some(30))),
                step(secretariat(may(2)), assign(UNIT_A)),
                step(officer(UNIT_A, may(3)), ask(QUESTION)),
                step(anonymous(may(4)), answer(CODE, None)),
                step(
                    anonymous(may(5)),
                    evidence(CODE, Some(EVIDENCE), vec![photo(2, DIGEST_2)]),
                ),
                step(officer(UNIT_A, may(6)), progress("เรียกเอกสารการเงินจาก อบต. แล้ว")),
                step(officer(UNIT_A, may(20)), resolve()),
                step(officer(UNIT_A, may(21)), tell()),
                step(anonymous(may(22)), rate(CODE, 5)),
            ],
        );
        let types: Vec<&str> = events.iter().map(DomainEvent::event_type).collect();
        assert_eq!(
            types,
            [
                "ComplaintReceived",
                "ComplaintAcknowledged",
                "ComplaintAssigned",
                "QuestionAsked",
                "ReporterAnswered",
                "EvidenceAdded",
                "ProgressNoted",
                "ComplaintResolved",
                "OutcomeTold",
                "HandlingRated",
            ]
        );
        let state = state(&events);
        assert_eq!(state.status(), Some(CaseStatus::Resolved));
        assert_eq!(state.ended_late(), Some(false));
        assert_eq!(state.message_counts(), (1, 1, 1));
        assert_eq!(state.rating(), Some(5));
        assert_eq!(state.content().map(|content| content.attachments.len()), Some(2));
        assert_eq!(state.content().map(|content| content.thread.len()), Some(6));
        assert_eq!(state.purge_due_on(), Some(date(2026, 5, 20)));
    }
}

mod messages {
    //! Every user-facing text of the complaint aggregate, Thai first then English. None of them
    //! says anything about a case to someone who has not shown they may know it.

    use chrono::NaiveDate;
    use sujarit_contracts::complaint::GENERAL_RESOLUTION_DAYS;
    use sujarit_contracts::{DomainError, ErrorCode};

    use super::CaseStatus;

    /// A field of a complaint command, as messages name it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Field {
        CaseId,
        AttachmentId,
        Text,
        SubjectAgency,
        Location,
        ReporterName,
        ReporterContact,
        Question,
        Answer,
        EvidenceNote,
        ProgressNote,
        ExtensionReason,
        Outcome,
        OtherBody,
        ReferralNote,
        ClosureReason,
        OutcomeMessage,
        DisputeReason,
        AccessReason,
        OrderReference,
    }

    impl crate::text::FieldName for Field {
        fn th(self) -> &'static str {
            match self {
                Field::CaseId => "รหัสเรื่อง",
                Field::AttachmentId => "รหัสไฟล์แนบ",
                Field::Text => "รายละเอียดเรื่องร้องเรียน",
                Field::SubjectAgency => "หน่วยงานที่ถูกร้องเรียน",
                Field::Location => "สถานที่เกิดเหตุ",
                Field::ReporterName => "ชื่อผู้ร้องเรียน",
                Field::ReporterContact => "ช่องทางติดต่อผู้ร้องเรียน",
                Field::Question => "คำถามถึงผู้ร้องเรียน",
                Field::Answer => "คำตอบ",
                Field::EvidenceNote => "คำอธิบายหลักฐาน",
                Field::ProgressNote => "บันทึกความคืบหน้า",
                Field::ExtensionReason => "เหตุผลที่ต้องขยายเวลา",
                Field::Outcome => "ผลการดำเนินการ",
                Field::OtherBody => "ชื่อหน่วยงานที่ส่งต่อ",
                Field::ReferralNote => "หมายเหตุการส่งต่อ",
                Field::ClosureReason => "เหตุผลที่ยุติเรื่อง",
                Field::OutcomeMessage => "ข้อความแจ้งผลถึงผู้ร้องเรียน",
                Field::DisputeReason => "เหตุผลที่โต้แย้ง",
                Field::AccessReason => "เหตุผลที่ขอเปิดดูตัวตนผู้ร้องเรียน",
                Field::OrderReference => "เลขที่คำสั่ง",
            }
        }

        fn en(self) -> &'static str {
            match self {
                Field::CaseId => "the case id",
                Field::AttachmentId => "an attachment id",
                Field::Text => "the complaint text",
                Field::SubjectAgency => "the agency complained about",
                Field::Location => "the location",
                Field::ReporterName => "the reporter's name",
                Field::ReporterContact => "the reporter's contact",
                Field::Question => "the question",
                Field::Answer => "the answer",
                Field::EvidenceNote => "the evidence note",
                Field::ProgressNote => "the progress note",
                Field::ExtensionReason => "the reason for the extension",
                Field::Outcome => "the outcome",
                Field::OtherBody => "the name of the body referred to",
                Field::ReferralNote => "the referral note",
                Field::ClosureReason => "the reason for closing",
                Field::OutcomeMessage => "the message to the reporter",
                Field::DisputeReason => "the reason for the dispute",
                Field::AccessReason => "the reason for opening the reporter's identity",
                Field::OrderReference => "the order's reference",
            }
        }
    }

    /// A secretariat-only step.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Action {
        Acknowledge,
        Assign,
        Extend,
        Refer,
        Close,
        Purge,
    }

    fn th_date(date: NaiveDate) -> String {
        sujarit_thai::format_thai_date(date)
    }

    pub(super) fn anonymous_forbidden() -> DomainError {
        DomainError::new(
            ErrorCode::Forbidden,
            "ผู้ไม่ระบุตัวตนดำเนินการกับเรื่องร้องเรียนได้เฉพาะในฐานะผู้ร้องเรียนด้วยรหัสติดตามเรื่องเท่านั้น",
            "an anonymous actor may act on a complaint only as its reporter, with the receipt code",
        )
    }

    pub(super) fn secretariat_only(action: Action) -> DomainError {
        let (th, en) = match action {
            Action::Acknowledge => ("ตอบรับเรื่องร้องเรียน", "acknowledge a complaint"),
            Action::Assign => ("มอบหมายเรื่องร้องเรียนให้หน่วยงาน", "assign a complaint"),
            Action::Extend => ("ขยายเวลาพร้อมแจ้งเหตุผลแก่ผู้ร้องเรียน", "explain an extension"),
            Action::Refer => ("ส่งต่อเรื่องร้องเรียนไปยังหน่วยงานอื่น", "refer a complaint"),
            Action::Close => ("ยุติเรื่องร้องเรียน", "close a complaint"),
            Action::Purge => ("ลบเนื้อหาของเรื่องร้องเรียน", "purge a complaint's content"),
        };
        DomainError::new(
            ErrorCode::Forbidden,
            format!("เฉพาะฝ่ายเลขานุการเท่านั้นที่{th}ได้"),
            format!("only the secretariat may {en}"),
        )
    }

    pub(super) fn handler_only() -> DomainError {
        DomainError::new(
            ErrorCode::Forbidden,
            "เฉพาะฝ่ายเลขานุการหรือเจ้าหน้าที่ของหน่วยงานที่ได้รับมอบหมายเท่านั้นที่ดำเนินการกับเรื่องนี้ได้",
            "only the secretariat or officers of the assigned org unit may act on this case",
        )
    }

    pub(super) fn custodian_only() -> DomainError {
        DomainError::new(
            ErrorCode::Forbidden,
            "เฉพาะผู้ดูแลข้อมูลผู้ร้องเรียนเท่านั้นที่เปิดดูตัวตนผู้ร้องเรียนได้",
            "only a custodian may open a reporter's identity",
        )
    }

    pub(super) fn case_not_found() -> DomainError {
        DomainError::new(ErrorCode::NotFound, "ไม่พบเรื่องร้องเรียนนี้", "no such complaint")
    }

    pub(super) fn no_case_for_code() -> DomainError {
        DomainError::new(
            ErrorCode::NotFound,
            "ไม่พบเรื่องที่ตรงกับรหัสติดตามเรื่องนี้ กรุณาตรวจสอบรหัสอีกครั้ง",
            "no case matches this receipt code; check the code",
        )
    }

    pub(super) fn bad_receipt_code() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "รหัสติดตามเรื่องต้องเป็นตัวอักษรภาษาอังกฤษหรือตัวเลข 16 ถึง 64 ตัว (ไม่นับช่องว่างและขีด)",
            "a receipt code is 16 to 64 letters or digits (spaces and hyphens aside)",
        )
    }

    pub(super) fn case_exists() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "มีเรื่องร้องเรียนที่ใช้รหัสเรื่องนี้อยู่แล้ว",
            "a case with this id already exists",
        )
    }

    pub(super) fn time_based_id(what: Field) -> DomainError {
        use crate::text::FieldName;
        DomainError::new(
            ErrorCode::Validation,
            format!("{}ต้องเป็นรหัสสุ่ม (UUID รุ่น 4) ไม่ใช่รหัสที่มีเวลาฝังอยู่", what.th()),
            format!(
                "{} must be a random id (UUID v4), not one that embeds a time",
                what.en()
            ),
        )
    }

    pub(super) fn tip_not_anonymous() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "เบาะแสแบบไม่ระบุตัวตนต้องส่งและติดตามในนามผู้ไม่ระบุตัวตน (anonymous) เพื่อไม่ให้มีข้อมูลระบุตัวตนถูกบันทึก",
            "an anonymous tip must be filed and followed up by actor `anonymous`, so that no identity is recorded",
        )
    }

    pub(super) fn too_many_attachments(max: usize) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("แนบไฟล์ได้ไม่เกิน {max} ไฟล์ต่อครั้ง"),
            format!("at most {max} files may be attached at a time"),
        )
    }

    pub(super) fn case_attachments_full(max: usize) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("เรื่องหนึ่งมีไฟล์แนบได้ไม่เกิน {max} ไฟล์"),
            format!("a case may hold at most {max} files"),
        )
    }

    pub(super) fn attachment_digest_bad(index: usize) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("ไฟล์แนบที่ {index} ไม่มีค่าตรวจสอบ (digest) ที่ถูกต้อง"),
            format!("attachment {index} has no valid digest"),
        )
    }

    pub(super) fn attachment_type(index: usize, mime: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("ไฟล์แนบที่ {index} เป็นชนิด `{mime}` ซึ่งไม่รับ รับเฉพาะรูปภาพ JPEG, PNG และเอกสาร PDF"),
            format!(
                "attachment {index} is of type `{mime}`; only image/jpeg, image/png and application/pdf are accepted"
            ),
        )
    }

    pub(super) fn attachment_empty(index: usize) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("ไฟล์แนบที่ {index} ว่างเปล่า"),
            format!("attachment {index} is empty"),
        )
    }

    pub(super) fn attachment_too_large(index: usize, max: u64) -> DomainError {
        let mib = max / (1024 * 1024);
        DomainError::new(
            ErrorCode::Validation,
            format!("ไฟล์แนบที่ {index} มีขนาดเกิน {mib} MiB"),
            format!("attachment {index} is larger than {mib} MiB"),
        )
    }

    pub(super) fn attachment_id_reused(index: usize) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("ไฟล์แนบที่ {index} ใช้รหัสไฟล์ซ้ำกับไฟล์อื่นที่มีเนื้อหาต่างกัน"),
            format!("attachment {index} reuses the id of a different file"),
        )
    }

    pub(super) fn already_acknowledged() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "ตอบรับเรื่องนี้ไปแล้ว",
            "the case is already acknowledged",
        )
    }

    pub(super) fn acknowledge_first() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "ต้องตอบรับเรื่องพร้อมแจ้งกรอบเวลาก่อน",
            "acknowledge the case with a time frame first",
        )
    }

    pub(super) fn time_frame_required() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "เรื่องร้องเรียนการทุจริตต้องแจ้งกรอบเวลาดำเนินการ (จำนวนวัน) เมื่อตอบรับเรื่อง",
            "a corruption case needs a time frame (in days) when it is acknowledged",
        )
    }

    pub(super) fn time_frame_range(max: u16) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("กรอบเวลาต้องอยู่ระหว่าง 1 ถึง {max} วัน"),
            format!("a time frame is 1 to {max} days"),
        )
    }

    pub(super) fn time_frame_beyond_limit(due: NaiveDate) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "เรื่องร้องเรียนทั่วไปต้องดำเนินการให้แล้วเสร็จภายใน {GENERAL_RESOLUTION_DAYS} วัน คือภายใน {} หากต้องใช้เวลานานกว่านั้นให้แจ้งเหตุผลการขยายเวลาแก่ผู้ร้องเรียน",
                th_date(due)
            ),
            format!(
                "a general complaint must be resolved within {GENERAL_RESOLUTION_DAYS} days, by {due}; to take longer, explain an extension to the reporter"
            ),
        )
    }

    pub(super) fn case_ended(status: CaseStatus, on: NaiveDate) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!(
                "เรื่องนี้สิ้นสุดแล้ว ({}) เมื่อ {} จะเปิดอีกครั้งได้เมื่อผู้ร้องเรียนส่งหลักฐานใหม่หรือโต้แย้งผล",
                status.label_th(),
                th_date(on)
            ),
            format!(
                "the case has already ended ({}) on {on}; it reopens only with new evidence or a dispute from the reporter",
                status.as_str()
            ),
        )
    }

    pub(super) fn not_ended() -> DomainError {
        DomainError::new(ErrorCode::Conflict, "เรื่องนี้ยังไม่สิ้นสุด", "the case has not ended yet")
    }

    pub(super) fn content_purged() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "เนื้อหาของเรื่องนี้ถูกลบแล้ว จึงบันทึกข้อความหรือไฟล์เพิ่มไม่ได้",
            "the case's content has been purged; no more text or files can be added",
        )
    }

    pub(super) fn no_question() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "ยังไม่มีคำถามให้ตอบ หากมีข้อมูลเพิ่มเติมให้ส่งเป็นหลักฐานเพิ่มเติม",
            "there is no question to answer; add evidence instead",
        )
    }

    pub(super) fn unknown_question(number: u32, asked: u32) -> DomainError {
        DomainError::new(
            ErrorCode::NotFound,
            format!("ไม่มีคำถามที่ {number} (มีคำถามทั้งหมด {asked} ข้อ)"),
            format!("there is no question {number} ({asked} asked)"),
        )
    }

    pub(super) fn evidence_empty() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "หลักฐานเพิ่มเติมต้องมีคำอธิบายหรือไฟล์อย่างน้อยหนึ่งอย่าง",
            "evidence needs a note or a file",
        )
    }

    pub(super) fn no_due_date() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "เรื่องนี้ยังไม่มีกำหนดเวลา ต้องตอบรับเรื่องพร้อมกรอบเวลาก่อน",
            "the case has no due date yet; acknowledge it with a time frame first",
        )
    }

    pub(super) fn extension_not_later(current: NaiveDate) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("วันครบกำหนดใหม่ต้องหลังวันครบกำหนดเดิม ({})", th_date(current)),
            format!("the new due date must be after the current one ({current})"),
        )
    }

    pub(super) fn extension_too_far(max: u16) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("ขยายเวลาได้ไม่เกิน {max} วันนับจากวันนี้"),
            format!("a due date may be at most {max} days from today"),
        )
    }

    pub(super) fn already_told(on: NaiveDate) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("แจ้งผลแก่ผู้ร้องเรียนไปแล้วเมื่อ {}", th_date(on)),
            format!("the outcome was already told to the reporter on {on}"),
        )
    }

    pub(super) fn rating_range(max: u8) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("คะแนนความพึงพอใจต้องอยู่ระหว่าง 1 ถึง {max}"),
            format!("a rating is 1 to {max}"),
        )
    }

    pub(super) fn not_told() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "ยังไม่ได้แจ้งผลการดำเนินการ จึงยังให้คะแนนไม่ได้",
            "the outcome has not been told yet, so the handling cannot be rated",
        )
    }

    pub(super) fn already_rated() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "ให้คะแนนผลการดำเนินการนี้ไปแล้ว",
            "this outcome has already been rated",
        )
    }

    pub(super) fn already_disputed() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "โต้แย้งผลได้เพียงครั้งเดียว และได้โต้แย้งไปแล้ว",
            "an ending can be disputed only once, and it has been",
        )
    }

    pub(super) fn duplicate_of_itself() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "เรื่องที่ซ้ำต้องอ้างถึงเรื่องอื่นที่เก็บไว้ ไม่ใช่ตัวเอง",
            "a duplicate must name another case as the kept one, not itself",
        )
    }

    pub(super) fn no_identity() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "เรื่องนี้ยื่นแบบไม่ระบุตัวตน ไม่มีข้อมูลตัวตนให้เปิดดู",
            "the case was filed anonymously; there is no identity to open",
        )
    }

    pub(super) fn retention_not_started() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "เรื่องนี้ยังไม่สิ้นสุด ระยะเวลาเก็บรักษานับจากวันที่เรื่องสิ้นสุด",
            "the case has not ended; its retention period counts from its end",
        )
    }

    pub(super) fn retention_running(due: NaiveDate) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("ยังอยู่ในระยะเวลาเก็บรักษา ลบได้ตั้งแต่ {}", th_date(due)),
            format!("the retention period runs until {due}, when the content may be purged"),
        )
    }

    pub(super) fn date_out_of_range() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "วันที่อยู่นอกช่วงที่ระบบรองรับ",
            "the date is out of range",
        )
    }

    pub(super) fn no_vault() -> DomainError {
        crate::messages::internal("no vault to seal complaint content")
    }

    pub(super) fn internal(detail: &str) -> DomainError {
        crate::messages::internal(detail)
    }
}
