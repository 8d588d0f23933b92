//! What crosses the boundary between the core and a channel adapter: inputs in, effects out, and
//! the outcomes of effects back in, with the views the adapter's queries answer.
//!
//! Every type the adapter hands in is serde, so an adapter may queue inputs or log outcomes; the
//! effects carry contract types ([`Command`], [`Actor`]) that already have their own wire form.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sujarit_contracts::complaint::{
    AttachmentRef, Category, Channel, ComplaintCommand, FileComplaint, ReceiptCode, ReporterIdentity,
};
use sujarit_contracts::people::Role;
use sujarit_contracts::plan::Budget;
use sujarit_contracts::query::{OrgUnitView, PlanSummary};
use sujarit_contracts::round::{Period, SubmissionContent};
use sujarit_contracts::{Actor, Command, ErrorCode, Reply, Text};
use uuid::Uuid;

use crate::command::BotCommand;
use crate::message::Message;

/// One thing that happened in a chat, or the result of an effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "input", content = "value", rename_all = "snake_case")]
pub enum Input {
    /// Text the person typed (a text starting with "/" is read as a command).
    Text(String),
    /// A button press: the button's payload.
    Button(String),
    /// A photo or document the person sent, stored by the channel under `file_ref`.
    Photo {
        /// The channel's handle for the file (Telegram file id, LINE message id, web upload id).
        file_ref: String,
        /// Its size in bytes.
        bytes: u64,
    },
    /// A slash command, already parsed (see [`Input::from_text`]).
    Command(BotCommand),
    /// The result of an effect the adapter carried out.
    Outcome(Outcome),
    /// The clock, so idle flows time out even when the person says nothing.
    Tick {
        /// Now.
        now: DateTime<Utc>,
    },
}

impl Input {
    /// A typed text: a known slash command becomes [`Input::Command`], anything else stays text.
    pub fn from_text(text: impl Into<String>) -> Input {
        let text = text.into();
        match BotCommand::parse(&text) {
            Ok(command) => Input::Command(command),
            Err(_) => Input::Text(text),
        }
    }
}

/// Something the adapter must do; its result, if any, comes back as [`Input::Outcome`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Show a message in the chat. No outcome.
    Reply(Message),
    /// Send a command to the ledger as `actor` (header `Sujarit-Actor`), with a fresh command id
    /// (reused on retries). Answer with [`Outcome::Command`].
    Send {
        /// The command.
        command: Command,
        /// Who it acts for: the linked person, or `anonymous` for everything a citizen sends.
        actor: Actor,
    },
    /// Run a query (or redeem an invite code). Answer with [`Outcome::Answer`], or
    /// [`Outcome::Failed`].
    Ask(Ask),
    /// Fetch the file from the channel and store it. `case_id: None`: as evidence of a progress
    /// report, answer [`Outcome::Evidence`]. `Some(case)`: strip its metadata (EXIF/GPS), store it
    /// encrypted under the case's key, answer [`Outcome::Attachment`].
    StoreEvidence {
        /// The channel's handle for the file.
        file_ref: String,
        /// The complaint case it belongs to, if any.
        case_id: Option<Uuid>,
    },
    /// File a complaint or tip: draw a random case id (UUID v4) and a random receipt code
    /// (≥ 80 bits), store `photos` as attachments of that case (as for
    /// [`Effect::StoreEvidence`]), build the command with [`TipFiling::command`], send it as
    /// [`TipFiling::actor`], and answer [`Outcome::Filed`] with the code only if it was accepted.
    /// Keep the code nowhere.
    File(TipFiling),
    /// The input just handled held a receipt code: do not log it, and delete the person's message
    /// where the channel allows. No outcome.
    ForgetInput,
}

/// A query the adapter runs against the query service (or its own stores, for `Redeem`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "ask", rename_all = "snake_case")]
pub enum Ask {
    /// Redeem a one-time invite code: link this chat account to the person it was issued for, and
    /// answer [`Answer::Linked`].
    Redeem {
        /// The code as typed.
        invite_code: String,
    },
    /// The items of an org unit in a round (`None`: the open round), [`Answer::MyItems`].
    MyItems {
        /// The round, or the one open now.
        round_id: Option<Uuid>,
        /// The officer's org unit.
        org_unit_id: Uuid,
    },
    /// A round's status per agency and the submissions awaiting review (`None`: the open round),
    /// [`Answer::RoundStatus`].
    RoundStatus {
        /// The round, or the one open now.
        round_id: Option<Uuid>,
    },
    /// Open complaint cases for triage, [`Answer::ComplaintQueue`].
    ComplaintQueue,
    /// Every org unit, [`Answer::OrgUnits`].
    OrgUnits,
    /// Every plan with its approval status, [`Answer::Plans`].
    PlanStatus,
    /// The open round, the complaint queue and the plans at once, [`Answer::Digest`].
    Digest,
    /// A case as its reporter may see it, [`Answer::Case`]; a wrong code is `not_found`.
    CaseByReceipt {
        /// The code as the reporter typed it (normalised).
        receipt_code: ReceiptCode,
    },
}

/// The answer to an [`Ask`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "answer", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// The invite code was redeemed: this chat now speaks for the person.
    Linked(PersonView),
    /// An org unit's items in a round.
    MyItems(MyItems),
    /// A round's status; `None` when no round is open.
    RoundStatus(Option<RoundStatus>),
    /// Open complaint cases.
    ComplaintQueue(Vec<QueueCase>),
    /// Every org unit.
    OrgUnits(Vec<OrgUnitView>),
    /// Every plan.
    Plans(Vec<PlanSummary>),
    /// Round, queue and plans.
    Digest(Digest),
    /// A case, as its reporter sees it.
    Case(CaseView),
}

/// The result of an effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", content = "value", rename_all = "snake_case")]
pub enum Outcome {
    /// The ledger's reply to [`Effect::Send`].
    Command(Reply),
    /// The answer to [`Effect::Ask`].
    Answer(Answer),
    /// A file stored as evidence of a progress report ([`Effect::StoreEvidence`] without a case).
    Evidence {
        /// The reference to put in `SubmissionContent::evidence`.
        reference: String,
    },
    /// A file stored for a complaint case ([`Effect::StoreEvidence`] with a case).
    Attachment(AttachmentRef),
    /// The result of [`Effect::File`]: the ledger's reply, and the receipt code if accepted.
    Filed {
        /// The ledger's reply.
        reply: Reply,
        /// The new receipt code, present only when accepted.
        receipt_code: Option<ReceiptCode>,
    },
    /// The effect could not be carried out (query refused, file too large for the channel,
    /// service unavailable).
    Failed {
        /// The closed-list code.
        code: ErrorCode,
        /// What went wrong, in Thai and English.
        message: Text,
    },
}

/// A complaint or tip ready to file, without the random parts the adapter adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TipFiling {
    /// How it arrived.
    pub channel: Channel,
    /// Corruption or general.
    pub category: Category,
    /// The agency complained about, as the reporter named it.
    pub subject_agency: Option<String>,
    /// What happened.
    pub text: String,
    /// Where.
    pub location: Option<String>,
    /// The reporter's own name and contact; `None` for an anonymous tip.
    pub reporter: Option<ReporterIdentity>,
    /// The channel's handles of the photos to attach (stored by the adapter under the new case).
    pub photos: Vec<String>,
}

impl TipFiling {
    /// Who files it: always `anonymous`. A citizen is not a registered person, and the chat account
    /// must not become the actor; an identified complaint names its reporter inside the command,
    /// where the ledger seals it.
    pub fn actor(&self) -> Actor {
        Actor::Anonymous
    }

    /// The command, once the adapter has drawn the case id and receipt code and stored the photos.
    pub fn command(&self, case_id: Uuid, receipt_code: ReceiptCode, attachments: Vec<AttachmentRef>) -> Command {
        ComplaintCommand::FileComplaint(FileComplaint {
            case_id,
            receipt_code,
            channel: self.channel,
            category: self.category,
            subject_org_unit_id: None,
            subject_agency: self.subject_agency.clone(),
            text: self.text.clone(),
            location: self.location.clone(),
            attachments,
            reporter: self.reporter.clone(),
        })
        .into()
    }
}

/// A person a chat account is linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    /// Id.
    pub person_id: Uuid,
    /// Name.
    pub name: String,
    /// Roles.
    pub roles: Vec<Role>,
    /// The org unit an officer reports for.
    pub org_unit_id: Option<Uuid>,
    /// That unit's name, for the greeting.
    #[serde(default)]
    pub org_unit_name: Option<String>,
}

/// A reporting round, as chats show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInfo {
    /// Id.
    pub round_id: Uuid,
    /// Fiscal year (BE).
    pub fiscal_year: u16,
    /// Period.
    pub period: Period,
    /// Due date (Bangkok).
    pub due_on: NaiveDate,
    /// Entry is open through this date (inclusive); `None`: closed.
    pub entry_open_until: Option<NaiveDate>,
}

/// Where one item's submission stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SubmissionState {
    /// Nothing saved yet.
    NotStarted,
    /// Saved as a draft, not submitted.
    Draft,
    /// Submitted, awaiting review.
    Submitted {
        /// After the due date.
        late: bool,
    },
    /// Accepted and locked.
    Accepted,
    /// Returned for correction.
    Returned {
        /// What to correct.
        reason: String,
    },
}

impl SubmissionState {
    /// Whether the officer may still change it (not submitted, not accepted).
    pub fn is_editable(&self) -> bool {
        matches!(
            self,
            SubmissionState::NotStarted | SubmissionState::Draft | SubmissionState::Returned { .. }
        )
    }
}

/// One item of an officer's agency in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyItem {
    /// Stable id.
    pub item_id: Uuid,
    /// Code in the plan.
    pub code: String,
    /// Name.
    pub name: String,
    /// The item's budget.
    pub budget: Budget,
    /// Where its submission stands.
    pub state: SubmissionState,
    /// What was saved last, if anything.
    pub content: Option<SubmissionContent>,
}

impl MyItem {
    /// The parts a report needs.
    pub fn brief(&self) -> ItemBrief {
        ItemBrief {
            item_id: self.item_id,
            code: self.code.clone(),
            name: self.name.clone(),
            budget: self.budget,
        }
    }
}

/// An item as a report in progress remembers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemBrief {
    /// Stable id.
    pub item_id: Uuid,
    /// Code in the plan.
    pub code: String,
    /// Name.
    pub name: String,
    /// Budget.
    pub budget: Budget,
}

/// An org unit's items in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyItems {
    /// The round; `None` when none is open.
    pub round: Option<RoundInfo>,
    /// The items, in plan order.
    pub items: Vec<MyItem>,
}

/// One agency's standing in a round: the query service's row as it is (no mirror to keep in
/// step with it).
pub use sujarit_contracts::query::AgencyRow as AgencyStatus;

/// A submission awaiting the secretariat's review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    /// The item.
    pub item_id: Uuid,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The reporting unit's name.
    pub org_unit: String,
    /// The item's budget.
    pub budget: Budget,
    /// Submitted after the due date.
    pub late: bool,
    /// What was reported.
    pub content: SubmissionContent,
}

/// A round at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundStatus {
    /// The round.
    pub round: RoundInfo,
    /// Per agency.
    pub agencies: Vec<AgencyStatus>,
    /// Submissions awaiting review.
    pub to_review: Vec<ReviewItem>,
}

/// Where a complaint case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Filed, not yet acknowledged.
    Received,
    /// Acknowledged with a time frame.
    Acknowledged,
    /// With an org unit.
    Assigned,
    /// Ended with an outcome.
    Resolved,
    /// Referred to another body.
    Referred,
    /// Closed as unfounded or duplicate.
    Closed,
}

impl CaseStatus {
    /// Whether the case has ended.
    pub fn has_ended(self) -> bool {
        matches!(self, CaseStatus::Resolved | CaseStatus::Referred | CaseStatus::Closed)
    }
}

/// A case in the secretariat's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCase {
    /// Id.
    pub case_id: Uuid,
    /// A short reference for people (e.g. the first characters of the id).
    pub reference: String,
    /// Category.
    pub category: Category,
    /// Channel.
    pub channel: Channel,
    /// Status.
    pub status: CaseStatus,
    /// Received (Bangkok date).
    pub received_on: NaiveDate,
    /// Due date, if one is set.
    pub due_on: Option<NaiveDate>,
    /// The unit handling it, by name.
    pub assigned_to: Option<String>,
}

/// A question the handling officers asked the reporter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseQuestion {
    /// Its number in the case, from 1.
    pub number: u32,
    /// The question.
    pub text: String,
    /// Asked on (Bangkok).
    pub asked_on: NaiveDate,
    /// Whether the reporter has answered it.
    pub answered: bool,
}

/// A case as its reporter sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    /// Id.
    pub case_id: Uuid,
    /// Category.
    pub category: Category,
    /// Status.
    pub status: CaseStatus,
    /// Received (Bangkok).
    pub received_on: NaiveDate,
    /// Due date, if set.
    pub due_on: Option<NaiveDate>,
    /// Questions asked, oldest first.
    pub questions: Vec<CaseQuestion>,
    /// The outcome told to the reporter, once told.
    pub outcome: Option<String>,
}

impl CaseView {
    /// The latest question not answered yet.
    pub fn open_question(&self) -> Option<&CaseQuestion> {
        self.questions.iter().rev().find(|question| !question.answered)
    }
}

/// Round, queue and plans at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    /// The open round, if any.
    pub round: Option<RoundStatus>,
    /// Open complaint cases.
    pub queue: Vec<QueueCase>,
    /// Plans.
    pub plans: Vec<PlanSummary>,
    /// The digest chart of the open round (completion by agency, disbursement by dimension,
    /// complaint figures), when there is a round to draw.
    #[serde(default)]
    pub chart: Option<crate::message::Png>,
}
