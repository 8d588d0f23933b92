//! The state of one conversation: who the bot talks to, in which language, and where in which
//! flow it is. All of it is serde, so the adapter stores it after every step and a restart resumes
//! mid-flow.
//!
//! What the state never holds: a chat or platform user id (the adapter keys the state by it, the
//! state does not contain it), a receipt code (a new one is shown and dropped in the same step; a
//! typed one goes straight into that step's query or command), or a case's questions and answers
//! (only the case id and the question number, while a follow-up is open).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sujarit_contracts::complaint::{AttachmentRef, Category, Channel};
use sujarit_contracts::people::Role;
use sujarit_contracts::query::OrgUnitView;
use sujarit_contracts::round::SubmissionContent;
use sujarit_contracts::Text;
use uuid::Uuid;

use crate::io::{ItemBrief, MyItem, QueueCase, ReviewItem, RoundInfo};
use crate::message::Button;

/// Minutes a flow may sit idle before the next input (or tick) resets it.
pub const IDLE_TIMEOUT_MINUTES: i64 = 30;

/// The language the bot speaks; Thai unless the person chose English.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// ภาษาไทย.
    #[default]
    Th,
    /// English.
    En,
}

impl Lang {
    /// Reads "th", "en", "thai", "english", "ไทย", "อังกฤษ" (any case).
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_lowercase().as_str() {
            "th" | "thai" | "ไทย" | "ภาษาไทย" => Some(Lang::Th),
            "en" | "eng" | "english" | "อังกฤษ" | "ภาษาอังกฤษ" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Who the chat account speaks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Identity {
    /// Not linked: a citizen, or staff who has not redeemed an invite code yet.
    #[default]
    Unlinked,
    /// Linked to a registered person with an invite code.
    Person {
        /// The person.
        person_id: Uuid,
        /// Their roles when linked (the ledger checks them again on every command).
        roles: Vec<Role>,
        /// The org unit an officer reports for.
        org_unit_id: Option<Uuid>,
        /// Their name.
        name: String,
    },
}

impl Identity {
    /// The linked person's id.
    pub fn person_id(&self) -> Option<Uuid> {
        match self {
            Identity::Person { person_id, .. } => Some(*person_id),
            Identity::Unlinked => None,
        }
    }

    /// Whether the linked person holds `role`.
    pub fn has_role(&self, role: Role) -> bool {
        match self {
            Identity::Person { roles, .. } => roles.contains(&role),
            Identity::Unlinked => false,
        }
    }

    /// Whether the person sees every agency (secretariat, committee or admin).
    pub fn sees_all(&self) -> bool {
        self.has_role(Role::Secretariat) || self.has_role(Role::Committee) || self.has_role(Role::Admin)
    }

    /// The linked person's org unit.
    pub fn org_unit_id(&self) -> Option<Uuid> {
        match self {
            Identity::Person { org_unit_id, .. } => *org_unit_id,
            Identity::Unlinked => None,
        }
    }
}

/// One conversation with one chat account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    /// The language spoken.
    pub lang: Lang,
    /// Who the chat account speaks for.
    pub identity: Identity,
    /// The channel, written into complaints filed here.
    pub channel: Channel,
    /// Where the conversation is.
    pub flow: Flow,
    /// The choice buttons shown last, which a typed number or label selects.
    pub menu: Vec<Button>,
    /// When the person last said something.
    pub last_active: Option<DateTime<Utc>>,
}

impl Conversation {
    /// A new conversation on a channel: Thai, unlinked, idle.
    pub fn new(channel: Channel) -> Self {
        Conversation {
            lang: Lang::Th,
            identity: Identity::Unlinked,
            channel,
            flow: Flow::Idle,
            menu: Vec::new(),
            last_active: None,
        }
    }
}

/// Where a conversation is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "flow", content = "state", rename_all = "snake_case")]
pub enum Flow {
    /// Nothing under way.
    #[default]
    Idle,
    /// Linking the account with an invite code.
    Linking(Linking),
    /// A query is under way; its answer decides what comes next.
    Loading(Loading),
    /// Officer: choosing an item to report on.
    ChoosingItem(ItemChoice),
    /// Officer: reporting progress on one item.
    Report(Box<Report>),
    /// Secretariat: reviewing submitted reports.
    Review(Box<Review>),
    /// Secretariat: the complaint queue.
    Queue(Box<QueueFlow>),
    /// Citizen: filing a complaint or tip.
    Tip(Box<Tip>),
    /// Citizen: following up a case with its receipt code.
    FollowUp(FollowUp),
    /// A linked person's notification mute is being saved.
    Muting(Muting),
}

/// A mute (or its end) on its way to the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Muting {
    /// Until when; `None` ends the mute.
    pub until: Option<chrono::DateTime<chrono::Utc>>,
}

impl Flow {
    /// Whether something is under way.
    pub fn is_active(&self) -> bool {
        !matches!(self, Flow::Idle)
    }

    /// Whether a command was sent to the ledger and its reply is awaited: leaving now may leave
    /// something recorded that the person is not told about.
    pub fn awaits_ledger(&self) -> bool {
        match self {
            Flow::Report(report) => matches!(report.step, ReportStep::Saving { .. } | ReportStep::Submitting),
            Flow::Review(review) => matches!(review.step, ReviewStep::Deciding { .. }),
            Flow::Queue(queue) => matches!(queue.step, QueueStep::Sending { .. }),
            Flow::Tip(tip) => tip.step == TipStep::Filing,
            Flow::FollowUp(follow_up) => matches!(follow_up.step, FollowUpStep::Sending { .. }),
            Flow::Muting(_) => true,
            Flow::Idle | Flow::Linking(_) | Flow::Loading(_) | Flow::ChoosingItem(_) => false,
        }
    }
}

/// Linking steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Linking {
    /// Waiting for the invite code.
    AwaitingCode,
    /// The code is being redeemed.
    Redeeming,
}

/// What a query under way is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "for", content = "purpose", rename_all = "snake_case")]
pub enum Loading {
    /// The officer's items.
    MyItems(ItemsPurpose),
    /// A round's status.
    RoundStatus(RoundPurpose),
    /// The complaint queue.
    ComplaintQueue,
    /// Plan approval status.
    Plans,
    /// The digest.
    Digest,
}

/// Why the officer's items are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemsPurpose {
    /// Every item and where it stands (`/items`).
    All,
    /// Pick one to report on (`/report`).
    Report,
    /// Those returned for correction, with the reasons (`/returned`).
    Returned,
}

/// Why a round's status is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundPurpose {
    /// To show it (`/round`).
    Overview,
    /// To review submissions (`/review`).
    Review,
}

/// The items an officer may pick from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemChoice {
    /// The round.
    pub round: RoundInfo,
    /// The items offered.
    pub items: Vec<MyItem>,
}

/// A progress report being written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The round.
    pub round: RoundInfo,
    /// The item.
    pub item: ItemBrief,
    /// What is reported so far.
    pub draft: SubmissionContent,
    /// The step.
    pub step: ReportStep,
    /// Changing one field from the review: go back to the review after it.
    pub editing: bool,
    /// The officer confirmed a disbursement above the budget.
    pub confirm_over_budget: bool,
    /// Why the secretariat returned it, if it was.
    pub returned_reason: Option<String>,
}

/// Steps of a progress report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum ReportStep {
    /// Choose the status.
    Status,
    /// Choose why it could not be carried out.
    Reason,
    /// Type the other reason.
    ReasonOther,
    /// Type the amount disbursed.
    Disbursed,
    /// Type the quarters carried out.
    Quarters,
    /// Type the indicator result.
    Indicator,
    /// Type what was done.
    Narrative,
    /// Send photos.
    Photos,
    /// Review and confirm.
    Review,
    /// Choose a field to change.
    ChooseField,
    /// Saving the draft (then submitting, if `submit`).
    Saving {
        /// Submit after saving.
        submit: bool,
    },
    /// The ledger asks to confirm a disbursement above the budget.
    ConfirmOverBudget {
        /// Submit after saving.
        submit: bool,
        /// The ledger's words.
        message: Text,
    },
    /// Submitting the saved draft.
    Submitting,
}

/// Reviewing submissions (secretariat).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The round.
    pub round: RoundInfo,
    /// Submissions still awaiting review.
    pub pending: Vec<ReviewItem>,
    /// The step.
    pub step: ReviewStep,
}

/// Steps of reviewing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum ReviewStep {
    /// Choose a submission.
    Choosing,
    /// Look at one and decide.
    Item {
        /// The item.
        item_id: Uuid,
    },
    /// Type why it is returned.
    Reason {
        /// The item.
        item_id: Uuid,
    },
    /// The decision is being sent.
    Deciding {
        /// The item.
        item_id: Uuid,
        /// `None`: accepted; `Some(reason)`: returned.
        returned: Option<String>,
    },
}

/// The complaint queue (secretariat).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueFlow {
    /// The cases offered, most urgent first.
    pub cases: Vec<QueueCase>,
    /// The Bangkok date the queue was fetched, which "due soon" and "overdue" count from.
    pub as_of: NaiveDate,
    /// The step.
    pub step: QueueStep,
}

/// Steps of the complaint queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum QueueStep {
    /// Choose a case.
    Choosing,
    /// Look at one and choose an action.
    Case {
        /// The case.
        case_id: Uuid,
    },
    /// Type the time frame to acknowledge a corruption case with.
    TimeFrame {
        /// The case.
        case_id: Uuid,
    },
    /// The org units are being fetched.
    LoadingUnits {
        /// The case.
        case_id: Uuid,
    },
    /// Choose (or search for) the unit to assign.
    ChoosingUnit {
        /// The case.
        case_id: Uuid,
        /// Every unit.
        units: Vec<OrgUnitView>,
    },
    /// A command about the case is being sent.
    Sending {
        /// The case.
        case_id: Uuid,
    },
}

/// A complaint or tip being written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tip {
    /// Without the reporter's identity.
    pub anonymous: bool,
    /// Corruption or general.
    pub category: Option<Category>,
    /// The agency, as the reporter names it.
    pub agency: Option<String>,
    /// What happened.
    pub text: Option<String>,
    /// Where.
    pub location: Option<String>,
    /// The channel's handles of the photos sent.
    pub photos: Vec<String>,
    /// The reporter's name (identified complaints only).
    pub name: Option<String>,
    /// How to reach them (identified complaints only).
    pub contact: Option<String>,
    /// The step.
    pub step: TipStep,
    /// Changing one field from the review: go back to the review after it.
    pub editing: bool,
}

/// Steps of filing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TipStep {
    /// Anonymous or named (`/complain` only).
    Identity,
    /// Corruption or general.
    Category,
    /// Which agency.
    Agency,
    /// What happened.
    Text,
    /// Where.
    Location,
    /// Photos.
    Photos,
    /// The reporter's name.
    Name,
    /// The reporter's contact.
    Contact,
    /// Review and confirm.
    Review,
    /// Choose a field to change.
    ChooseField,
    /// Being filed.
    Filing,
}

/// Following up a case with its receipt code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    /// What the citizen came to do.
    pub action: FollowUpAction,
    /// The step.
    pub step: FollowUpStep,
}

/// What a citizen follows a case up for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpAction {
    /// See where it stands and the messages (`/status`).
    View,
    /// Answer a question (`/answer`).
    Answer,
    /// Add evidence (`/evidence`).
    Evidence,
}

/// Steps of a follow-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum FollowUpStep {
    /// Type the receipt code.
    Code,
    /// The case is being looked up.
    Looking,
    /// The case is shown; choose what to do.
    Viewing {
        /// The case.
        case_id: Uuid,
        /// The latest unanswered question.
        open_question: Option<u32>,
    },
    /// Type the answer (photos may come first).
    Answer {
        /// The case.
        case_id: Uuid,
        /// The question answered.
        question: u32,
        /// Files stored so far.
        attachments: Vec<AttachmentRef>,
    },
    /// Send photos and/or a note, then finish.
    Evidence {
        /// The case.
        case_id: Uuid,
        /// The note so far.
        note: Option<String>,
        /// Files stored so far.
        attachments: Vec<AttachmentRef>,
    },
    /// Type the receipt code again to send: it is never kept between steps.
    ConfirmCode {
        /// The case.
        case_id: Uuid,
        /// What will be sent.
        action: ReporterAction,
    },
    /// Being sent.
    Sending {
        /// The case.
        case_id: Uuid,
        /// What is sent (kept to retry after a wrong code).
        action: ReporterAction,
    },
}

/// What a reporter sends about their case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReporterAction {
    /// An answer to a question.
    Answer {
        /// The question's number.
        question: u32,
        /// The answer.
        text: String,
        /// Files.
        attachments: Vec<AttachmentRef>,
    },
    /// New evidence.
    Evidence {
        /// What it shows.
        note: Option<String>,
        /// Files.
        attachments: Vec<AttachmentRef>,
    },
}
