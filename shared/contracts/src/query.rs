//! Queries as they cross NATS on `sujarit.qry.<view>` (queue group `query`), and the views the
//! query service answers with. Views are read models built from the event stream; a reply says
//! up to which global position it reflects, and a request may ask for at least a position
//! (header `Sujarit-Min-Position`) to read its own writes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::round::Period;
use crate::{DomainError, ErrorCode, Text};

/// Subject prefix of queries.
pub const PREFIX: &str = "sujarit.qry";
/// Queue group of the query service.
pub const QUEUE: &str = "query";
/// Header: answer only once the views include this global position (waits a few seconds).
pub const MIN_POSITION: &str = "Sujarit-Min-Position";

/// View: how far the read models are, and a digest of their content ([`QueryStatus`]).
pub const STATUS: &str = "status";
/// View: the folded state of one stream ([`StateRequest`] → [`StreamState`]).
pub const STATE: &str = "state";
/// View: every plan ([`PlanSummary`] list).
pub const PLAN_LIST: &str = "plan.list";
/// View: every reporting round ([`RoundSummary`] list).
pub const ROUND_LIST: &str = "round.list";
/// View: the consolidated table of a round ([`IdRequest`] → [`RoundReport`]).
pub const ROUND_REPORT: &str = "round.report";
/// View: every org unit with its aliases ([`OrgUnitView`] list).
pub const ORGUNIT_LIST: &str = "orgunit.list";
/// View: the org units closest to a name as written in a document ([`MatchRequest`] → [`OrgUnitMatch`] list).
pub const ORGUNIT_MATCH: &str = "orgunit.match";
/// Action: drop the read models and rebuild them from the event stream ([`RebuildReport`]).
pub const REBUILD: &str = "rebuild";

/// The subject of a view.
pub fn subject(view: &str) -> String {
    format!("{PREFIX}.{view}")
}

/// What the query service answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum QueryReply<T> {
    /// The view, as of `position`.
    Ok {
        /// The last global position the read models include.
        position: u64,
        /// The view.
        data: T,
    },
    /// No answer: why.
    Error {
        /// The closed-list code.
        code: ErrorCode,
        /// What was wrong, in Thai and English.
        message: Text,
    },
}

impl<T> QueryReply<T> {
    /// A refusal from a domain error.
    pub fn error(error: DomainError) -> Self {
        QueryReply::Error {
            code: error.code,
            message: error.message,
        }
    }

    /// The view, or the error as a [`DomainError`].
    pub fn into_result(self) -> Result<(u64, T), DomainError> {
        match self {
            QueryReply::Ok { position, data } => Ok((position, data)),
            QueryReply::Error { code, message } => Err(DomainError { code, message }),
        }
    }
}

/// A query about one thing, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdRequest {
    /// The plan, round, org unit… id.
    pub id: Uuid,
}

/// A query for the folded state of one stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateRequest {
    /// The stream, e.g. `plan-0190…`.
    pub stream: String,
}

/// The folded state of one stream, as the ledger's aggregate code folds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StreamState {
    /// The stream.
    pub stream: String,
    /// Events folded (the stream's version).
    pub version: u64,
    /// The aggregate's state as JSON.
    pub state: serde_json::Value,
}

/// How far the read models are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryStatus {
    /// Last global position applied.
    pub position: u64,
    /// Streams held, per aggregate kind.
    pub streams: Vec<(String, usize)>,
    /// Events that could not be applied (an unknown type from a newer ledger), skipped.
    pub skipped: u64,
    /// A digest of every view's content; equal digests mean identical read models.
    pub digest: String,
}

/// What a rebuild did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RebuildReport {
    /// Events replayed.
    pub events: u64,
    /// Milliseconds the replay took.
    pub millis: u64,
    /// Digest of the read models before.
    pub digest_before: String,
    /// Digest after.
    pub digest_after: String,
}

/// One plan in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    /// Id.
    pub plan_id: Uuid,
    /// Title.
    pub title: String,
    /// First fiscal year (BE).
    pub fiscal_year_from: u16,
    /// Last fiscal year (BE).
    pub fiscal_year_to: u16,
    /// The current revision's number.
    pub revision: u32,
    /// Where the current revision stands (draft, submitted, returned, endorsed, signed, registered).
    pub status: String,
    /// Items of the current revision.
    pub items: usize,
    /// Whether some revision is endorsed (progress can be reported).
    pub can_report: bool,
}

/// One reporting round in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    /// Id.
    pub round_id: Uuid,
    /// The plan.
    pub plan_id: Uuid,
    /// Fiscal year (BE).
    pub fiscal_year: u16,
    /// Period.
    pub period: Period,
    /// Due date.
    pub due_on: NaiveDate,
    /// Entry is open until this date (inclusive).
    pub entry_open_until: Option<NaiveDate>,
    /// Closed with a consolidated result.
    pub closed: bool,
    /// Items expected.
    pub items: usize,
    /// Items reported (submitted or accepted).
    pub reported: usize,
}

/// An org unit with its names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgUnitView {
    /// Id.
    pub org_unit_id: Uuid,
    /// Official name.
    pub name: String,
    /// Other spellings.
    pub aliases: Vec<String>,
}

/// Which org units a name may mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchRequest {
    /// The name as written.
    pub name: String,
    /// The province, dropped from names before comparing ("สำนักงานจังหวัดลำพูน" = "สำนักงานจังหวัด").
    #[serde(default)]
    pub province: Option<String>,
    /// At most this many suggestions (default 5).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// How sure a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The name or one of its aliases, once normalised: the same unit.
    Same,
    /// Close: a person must confirm before it is used.
    Likely,
}

/// One suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgUnitMatch {
    /// The unit.
    pub org_unit_id: Uuid,
    /// Its official name.
    pub name: String,
    /// The name or alias that matched.
    pub matched: String,
    /// Similarity in per mille (1000 = same after normalising).
    pub score_per_mille: u16,
    /// Same or likely.
    pub kind: MatchKind,
}

/// Money as a decimal string with two decimals (`"275145.00"`), never a float.
pub type Decimal = String;

/// Budget figures: the sum of amounts, and the counts of the two other values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetFigures {
    /// Sum of stated amounts.
    pub total: Decimal,
    /// Items that need no budget.
    pub not_needed: usize,
    /// Items whose budget is not stated.
    pub not_stated: usize,
}

/// Disbursement figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisbursedFigures {
    /// Sum of disbursed amounts of reported items.
    pub total: Decimal,
    /// Disbursed over budget, percent with two decimals; `None` when the budget is 0.
    pub percent: Option<String>,
    /// Reported items that disbursed nothing because they need no budget.
    pub not_needed: usize,
    /// Reported items that did not state what they disbursed.
    pub not_stated: usize,
}

/// Items per status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusFigures {
    /// ดำเนินการแล้ว
    pub completed: usize,
    /// อยู่ระหว่างดำเนินการ
    pub in_progress: usize,
    /// รอรายงาน (items not reported included)
    pub awaiting_report: usize,
    /// ไม่สามารถดำเนินการได้
    pub not_carried_out: usize,
}

/// The consolidated figures of a set of items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Items.
    pub items: usize,
    /// Budget.
    pub budget: BudgetFigures,
    /// Disbursed.
    pub disbursed: DisbursedFigures,
    /// Items per status.
    pub status: StatusFigures,
    /// Reported items carried out in Q1..Q4.
    pub quarters: [usize; 4],
    /// Reported items that disbursed more than their budget (confirmed by the sender).
    pub over_budget: usize,
    /// Items not reported.
    pub not_reported: usize,
    /// Org units with an item first submitted after the due date.
    pub late_org_units: usize,
}

/// The figures of one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionReport {
    /// The dimension, as written on its items.
    pub dimension: String,
    /// Its figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// A count out of the number expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Counted.
    pub counted: usize,
    /// Expected.
    pub expected: usize,
    /// Percent with two decimals; `None` when nothing is expected.
    pub percent: Option<String>,
}

/// Completeness and timeliness of one org unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgUnitReport {
    /// The unit (`None`: items without a responsible unit).
    pub org_unit_id: Option<Uuid>,
    /// Its name (or "ไม่ระบุหน่วยงาน").
    pub name: String,
    /// Items reported / expected.
    pub completeness: Coverage,
    /// Items reported on time / expected.
    pub timeliness: Coverage,
    /// Some item was first submitted after the due date.
    pub late: bool,
}

/// An item of the round, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRef {
    /// Stable id.
    pub item_id: Uuid,
    /// Code or number in the plan.
    pub code: String,
    /// Name.
    pub name: String,
    /// Responsible unit's name.
    pub org_unit: String,
}

/// A figure in the plan that disagrees with what its rows add up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatedDifference {
    /// The item's code.
    pub code: String,
    /// What the document states.
    pub stated: Decimal,
    /// What its parts add up to.
    pub computed: Decimal,
    /// `stated − computed`.
    pub difference: Decimal,
    /// `sub_items` (a parent and its sub-activities) or `fiscal_years` (an item and its yearly budgets).
    pub parts: String,
}

/// The consolidated table of a round, as the seed reports print it: per dimension and overall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundReport {
    /// The round.
    pub round_id: Uuid,
    /// The plan.
    pub plan_id: Uuid,
    /// The plan's title.
    pub plan_title: String,
    /// Fiscal year (BE).
    pub fiscal_year: u16,
    /// Period.
    pub period: Period,
    /// Due date.
    pub due_on: NaiveDate,
    /// Entry is open until this date (inclusive).
    pub entry_open_until: Option<NaiveDate>,
    /// Closed: the figures are final.
    pub closed: bool,
    /// The whole round.
    #[serde(flatten)]
    pub overall: Figures,
    /// Items reported / expected.
    pub completeness: Coverage,
    /// Items reported on time / expected.
    pub timeliness: Coverage,
    /// Per dimension, in plan order.
    pub dimensions: Vec<DimensionReport>,
    /// Per org unit, in order of their first item.
    pub org_units: Vec<OrgUnitReport>,
    /// The items not reported, in plan order.
    pub missing_items: Vec<ItemRef>,
    /// Figures the plan states that differ from what its rows add up to.
    pub stated_differences: Vec<StatedDifference>,
}

/// View: the case a receipt code belongs to ([`LocateRequest`] → [`Located`]). Wrong codes are
/// rate-limited and answer the same "not found" whether or not a case exists.
pub const COMPLAINT_LOCATE: &str = "complaint.locate";
/// View: open cases for the secretariat, most urgent first ([`ComplaintQueueItem`] list; no content).
pub const COMPLAINT_QUEUE: &str = "complaint.queue";
/// View: published statistics of one fiscal year ([`StatsRequest`] → [`ComplaintStats`]; no content).
pub const COMPLAINT_STATS: &str = "complaint.stats";
/// Header: an opaque key (e.g. a keyed hash of a chat id, never the id itself) that wrong-code
/// attempts are counted under, besides the global count.
pub const RATE_KEY: &str = "Sujarit-Rate-Key";

/// Which case does this receipt code belong to?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocateRequest {
    /// The code as typed.
    pub receipt_code: String,
}

/// The case a code belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located {
    /// The case.
    pub case_id: Uuid,
}

/// One open case in the secretariat's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintQueueItem {
    /// The case.
    pub case_id: Uuid,
    /// `corruption` or `general`.
    pub category: String,
    /// How it arrived.
    pub channel: String,
    /// Where it stands.
    pub status: String,
    /// Filed without an identity.
    pub anonymous: bool,
    /// Bangkok date of receipt.
    pub received_on: NaiveDate,
    /// Due date, if any.
    pub due_on: Option<NaiveDate>,
    /// Days left (negative: overdue).
    pub days_left: Option<i64>,
    /// `new` (not acknowledged), `overdue`, `due_soon` (≤ 3 days) or `open`.
    pub urgency: String,
    /// The unit it is assigned to.
    pub assigned_to: Option<Uuid>,
    /// Times reopened.
    pub reopen_count: u32,
}

/// Which fiscal year's statistics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatsRequest {
    /// Fiscal year (BE), e.g. 2566.
    pub fiscal_year: u16,
}

/// Counts of cases by where they stand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCounts {
    /// What the counts are of (a category, a channel, a month `2566-10`…).
    pub key: String,
    /// Received.
    pub received: u32,
    /// Still open.
    pub in_progress: u32,
    /// Ended with an outcome, or closed.
    pub completed: u32,
    /// Referred to another body.
    pub referred: u32,
}

/// Published complaint statistics of one fiscal year: counts and medians, no case content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintStats {
    /// Fiscal year (BE).
    pub fiscal_year: u16,
    /// All cases received in the year.
    pub total: CaseCounts,
    /// By category.
    pub by_category: Vec<CaseCounts>,
    /// By channel.
    pub by_channel: Vec<CaseCounts>,
    /// By month of receipt (`YYYY-MM`, BE year), in order.
    pub by_month: Vec<CaseCounts>,
    /// Median days from receipt to acknowledgement.
    pub median_days_to_acknowledge: Option<f64>,
    /// Median days from receipt to the end (resolved, referred or closed).
    pub median_days_to_resolve: Option<f64>,
    /// Cases reopened at least once.
    pub reopened_cases: u32,
    /// Reopenings in all.
    pub reopenings: u32,
    /// Cases that ended after their due date.
    pub ended_late: u32,
    /// Open cases past their due date today.
    pub overdue_open: u32,
    /// Anonymous tips.
    pub anonymous: u32,
}

/// View: the person an invite code was issued for ([`InviteRequest`] → [`PersonView`]); wrong
/// codes are rate-limited like receipt codes.
pub const PERSON_INVITE: &str = "person.invite";
/// View: the person a chat account acts for ([`ChatRequest`] → [`PersonView`]).
pub const PERSON_BY_CHAT: &str = "person.by_chat";

/// Who is this invite code for?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    /// The code as typed.
    pub invite_code: String,
}

/// Who does this chat account act for?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChatRequest {
    /// `telegram`, `line` or `web`.
    pub channel: String,
    /// The account on that channel.
    pub account: String,
}

/// A person as the bot needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    /// Id.
    pub person_id: Uuid,
    /// Name.
    pub name: String,
    /// Roles.
    pub roles: Vec<crate::people::Role>,
    /// The org unit an officer reports for.
    pub org_unit_id: Option<Uuid>,
    /// Its name.
    pub org_unit_name: Option<String>,
    /// The language they chose for notifications (`th` or `en`); `None`: never chosen (Thai).
    #[serde(default)]
    pub lang: Option<String>,
    /// Non-urgent notifications are held back until this instant; `None`: not muted.
    #[serde(default)]
    pub muted_until: Option<chrono::DateTime<chrono::Utc>>,
}

/// View: cases whose content is due to be purged for retention ([`RetentionRequest`] → case ids).
pub const COMPLAINT_RETENTION: &str = "complaint.retention";

/// Which cases are past their retention period on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionRequest {
    /// The Bangkok date to judge on (default today).
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
}

impl ComplaintStats {
    /// The statistics of a year without cases.
    pub fn empty(fiscal_year: u16) -> Self {
        ComplaintStats {
            fiscal_year,
            total: CaseCounts {
                key: "total".into(),
                ..Default::default()
            },
            by_category: Vec::new(),
            by_channel: Vec::new(),
            by_month: Vec::new(),
            median_days_to_acknowledge: None,
            median_days_to_resolve: None,
            reopened_cases: 0,
            reopenings: 0,
            ended_late: 0,
            overdue_open: 0,
            anonymous: 0,
        }
    }
}

/// View: one org unit's items in a round, with where each submission stands
/// ([`RoundItemsRequest`] → [`RoundItems`]).
pub const ROUND_ITEMS: &str = "round.items";
/// View: a round at a glance per agency, and the submissions waiting for review
/// ([`RoundStatusRequest`] → `Option<`[`RoundStatusView`]`>`).
pub const ROUND_STATUS: &str = "round.status";

/// Which items: an org unit's, in a round (default: the open round due soonest, else the latest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundItemsRequest {
    /// The round; `None` for the current one.
    #[serde(default)]
    pub round_id: Option<Uuid>,
    /// The org unit.
    pub org_unit_id: Uuid,
}

/// Which round's status (default: the current one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundStatusRequest {
    /// The round; `None` for the current one.
    #[serde(default)]
    pub round_id: Option<Uuid>,
}

/// One item of a round and its submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundItemView {
    /// Stable id.
    pub item_id: Uuid,
    /// Code or number in the plan.
    pub code: String,
    /// Name.
    pub name: String,
    /// Dimension.
    pub dimension: String,
    /// Responsible unit.
    pub org_unit_id: Option<Uuid>,
    /// Its name.
    pub org_unit: String,
    /// Budget.
    pub budget: crate::plan::Budget,
    /// `not_started`, `draft`, `submitted`, `accepted` or `returned`.
    pub state: String,
    /// First submitted after the due date (`None` until submitted).
    pub late: Option<bool>,
    /// Reasons it was returned, oldest first.
    pub returns: Vec<String>,
    /// What was last saved.
    pub content: Option<crate::round::SubmissionContent>,
}

/// An org unit's items in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundItems {
    /// The round (`None`: no round yet).
    pub round: Option<RoundSummary>,
    /// The unit's items, in plan order.
    pub items: Vec<RoundItemView>,
}

/// One agency's line of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyRow {
    /// The unit.
    pub org_unit_id: Option<Uuid>,
    /// Its name.
    pub name: String,
    /// Items.
    pub items: usize,
    /// Submitted or accepted.
    pub submitted: usize,
    /// Of those, first submitted late.
    pub late: usize,
    /// Not submitted (no submission, a draft, or returned).
    pub missing: usize,
    /// Returned and not resubmitted.
    pub returned: usize,
}

/// A round at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundStatusView {
    /// The round.
    pub round: RoundSummary,
    /// Per agency, in order of their first item.
    pub agencies: Vec<AgencyRow>,
    /// Submissions waiting for the secretariat's review.
    pub to_review: Vec<RoundItemView>,
}

/// View: the chat accounts a notification's recipient reaches ([`TargetsRequest`] →
/// [`ChatTarget`] list): a person's own accounts, everyone holding a role, or an org unit's
/// officers.
pub const NOTIFY_TARGETS: &str = "notify.targets";

/// Whom to reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetsRequest {
    /// `person`, `role` or `org_unit`.
    pub kind: String,
    /// The person or org unit id, or the role's wire name.
    pub id: String,
}

/// One chat account to deliver to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatTarget {
    /// The person it belongs to.
    pub person_id: Uuid,
    /// `telegram`, `line` or `web`.
    pub channel: String,
    /// The account on that channel.
    pub account: String,
}
