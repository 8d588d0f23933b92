//! The reporting-round aggregate's contracts: commands and events of workflow 2 (DESIGN.md,
//! "Reporting rounds and submissions").
//!
//! The secretariat opens a round on an endorsed plan revision for one period of a fiscal year
//! (a quarter, the first half, or the whole year) with a due date. The round is self-contained:
//! `OpenRound` carries a snapshot of the revision's items (id, code, name, dimension, responsible
//! unit, budget) that the ledger copies in from the plan, so later amendments never change what a
//! round asked for. Each item gets at most one submission per round, kept inside the round's
//! stream: saved as a draft, submitted (marked late after the due date), then accepted (locked)
//! or returned with a reason (editable again, then resubmitted).
//!
//! Money is satang and reuses [`Budget`]: an amount disbursed, "no budget needed", or "not
//! stated". Dates are Bangkok calendar dates; fiscal years are Buddhist Era years.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::plan::Budget;
use crate::{domain_commands, domain_events, StreamName};

/// Aggregate kind of reporting rounds: streams are `round-<id>`.
pub const AGGREGATE: &str = "round";

/// Days after the due date during which entry stays open unless a command says otherwise
/// (like DHIS2's "expiry days").
pub const DEFAULT_ENTRY_CLOSES_AFTER_DAYS: u16 = 10;

fn default_entry_closes_after_days() -> u16 {
    DEFAULT_ENTRY_CLOSES_AFTER_DAYS
}

/// The part of a fiscal year a round reports on; on the wire `q1`…`q4`, `h1`, `annual`. The
/// calendar type itself, so the days of each period and its Thai spellings come with it.
pub use sujarit_thai::Period;

/// Where a plan item stands, as its agency reports it. The progress CSV reads the same type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    /// รอรายงาน: not reported yet.
    AwaitingReport,
    /// อยู่ระหว่างดำเนินการ: under way.
    InProgress,
    /// ดำเนินการแล้ว: done.
    Completed,
    /// ไม่สามารถดำเนินการได้: could not be carried out (a reason is required).
    NotCarriedOut,
}

impl ProgressStatus {
    /// Every status, in reporting order.
    pub const ALL: [ProgressStatus; 4] = [
        ProgressStatus::AwaitingReport,
        ProgressStatus::InProgress,
        ProgressStatus::Completed,
        ProgressStatus::NotCarriedOut,
    ];

    /// The wire (and CSV) name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProgressStatus::AwaitingReport => "awaiting_report",
            ProgressStatus::InProgress => "in_progress",
            ProgressStatus::Completed => "completed",
            ProgressStatus::NotCarriedOut => "not_carried_out",
        }
    }

    /// The Thai label the report forms use.
    pub fn label_th(self) -> &'static str {
        match self {
            ProgressStatus::AwaitingReport => "รอรายงาน",
            ProgressStatus::InProgress => "อยู่ระหว่างดำเนินการ",
            ProgressStatus::Completed => "ดำเนินการแล้ว",
            ProgressStatus::NotCarriedOut => "ไม่สามารถดำเนินการได้",
        }
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            ProgressStatus::AwaitingReport => "awaiting report",
            ProgressStatus::InProgress => "in progress",
            ProgressStatus::Completed => "completed",
            ProgressStatus::NotCarriedOut => "could not be carried out",
        }
    }

    /// Reads the English name (any case; spaces or hyphens for underscores) or the Thai label
    /// (spaces inside ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let english: String = text
            .trim()
            .chars()
            .map(|c| {
                if c == ' ' || c == '-' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        let thai: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == english || status.label_th() == thai)
    }
}

/// The CSV and JSON name.
impl std::fmt::Display for ProgressStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an item could not be carried out, as the national e-PlanNACC form asks.
///
/// On the wire: `{"kind":"no_budget"}`, …, `{"kind":"other","text":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum NotCarriedOutReason {
    /// ไม่ได้รับจัดสรรงบประมาณ.
    NoBudget,
    /// นโยบายเปลี่ยนแปลง.
    PolicyChanged,
    /// บุคลากรไม่เพียงพอ.
    NotEnoughStaff,
    /// อื่น ๆ, with the reason in words (required).
    Other {
        /// The reason.
        text: String,
    },
}

/// One plan item as the round asks for it: a copy of the endorsed revision's item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundItem {
    /// Stable id of the plan item.
    pub item_id: Uuid,
    /// The code as in the plan (`1.2.3`).
    pub code: String,
    /// Name of the project, activity or measure.
    pub name: String,
    /// Dimension (มิติ).
    pub dimension: String,
    /// The responsible organisation unit; without one only the secretariat reports for it.
    #[serde(default)]
    pub org_unit_id: Option<Uuid>,
    /// The item's budget (a leaf item: counted as given).
    #[serde(default)]
    pub budget: Budget,
}

/// Opens a reporting round on an endorsed plan revision (secretariat only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenRound {
    /// Stable id of the round, chosen by the sender.
    pub round_id: Uuid,
    /// The plan.
    pub plan_id: Uuid,
    /// The endorsed revision the items come from.
    pub plan_revision: u32,
    /// Fiscal year (BE).
    pub fiscal_year: u16,
    /// `q1`…`q4`, `h1` or `annual`; Thai labels ("ไตรมาสที่ 2", "6 เดือน") are read too.
    pub period: String,
    /// Due date (Bangkok calendar date).
    pub due_on: NaiveDate,
    /// Entry stays open this many days after `due_on` (default 10).
    #[serde(default = "default_entry_closes_after_days")]
    pub entry_closes_after_days: u16,
    /// The items to report on; at least one.
    pub items: Vec<RoundItem>,
}

/// What an agency reports for one item: the same fields in the command that saves a draft and in
/// the event that records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionContent {
    /// Where the item stands.
    pub status: ProgressStatus,
    /// Money disbursed so far; absent means not stated.
    #[serde(default)]
    pub disbursed: Budget,
    /// Quarters Q1..Q4 in which the item was carried out.
    #[serde(default)]
    pub quarters_done: [bool; 4],
    /// The indicator's result (ผลการดำเนินงานตามตัวชี้วัด).
    #[serde(default)]
    pub indicator_result: Option<String>,
    /// What was done.
    #[serde(default)]
    pub narrative: Option<String>,
    /// References to evidence (photos, documents) already stored.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Remark (หมายเหตุ).
    #[serde(default)]
    pub remark: Option<String>,
    /// Required when `status` is `not_carried_out`.
    #[serde(default)]
    pub not_carried_out_reason: Option<NotCarriedOutReason>,
}

/// Saves (creates or replaces) the draft submission of one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveSubmission {
    /// The round.
    pub round_id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// What is reported.
    pub content: SubmissionContent,
    /// The sender confirms a disbursement above the item's budget (or on an item needing none).
    #[serde(default)]
    pub confirm_over_budget: bool,
}

/// Submits the saved draft of one item for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmitSubmission {
    /// The round.
    pub round_id: Uuid,
    /// The item.
    pub item_id: Uuid,
}

/// Accepts a submitted submission; it is locked afterwards (secretariat only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptSubmission {
    /// The round.
    pub round_id: Uuid,
    /// The item.
    pub item_id: Uuid,
}

/// Returns a submitted submission for correction (secretariat only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnSubmission {
    /// The round.
    pub round_id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// What to correct; required.
    pub reason: String,
}

/// Reopens entry after it closed, for another `entry_closes_after_days` days (secretariat only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReopenEntry {
    /// The round.
    pub round_id: Uuid,
    /// Why; required.
    pub reason: String,
}

/// Closes the round: nothing more is recorded in it (secretariat only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloseRound {
    /// The round.
    pub round_id: Uuid,
}

domain_commands! {
    /// Commands of the reporting-round aggregate.
    pub enum RoundCommand {
        OpenRound,
        SaveSubmission,
        SubmitSubmission,
        AcceptSubmission,
        ReturnSubmission,
        ReopenEntry,
        CloseRound,
    }
}

impl RoundCommand {
    /// The round the command is about.
    pub fn round_id(&self) -> Uuid {
        match self {
            RoundCommand::OpenRound(c) => c.round_id,
            RoundCommand::SaveSubmission(c) => c.round_id,
            RoundCommand::SubmitSubmission(c) => c.round_id,
            RoundCommand::AcceptSubmission(c) => c.round_id,
            RoundCommand::ReturnSubmission(c) => c.round_id,
            RoundCommand::ReopenEntry(c) => c.round_id,
            RoundCommand::CloseRound(c) => c.round_id,
        }
    }

    /// The round's stream.
    pub fn stream(&self) -> StreamName {
        stream(self.round_id())
    }
}

/// The stream of one round.
pub fn stream(round_id: Uuid) -> StreamName {
    StreamName::for_id(AGGREGATE, round_id)
}

/// A round was opened with its snapshot of plan items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundOpened {
    /// Stable id.
    pub round_id: Uuid,
    /// The plan.
    pub plan_id: Uuid,
    /// The endorsed revision the items come from.
    pub plan_revision: u32,
    /// Fiscal year (BE).
    pub fiscal_year: u16,
    /// The period reported on.
    pub period: Period,
    /// Due date (Bangkok).
    pub due_on: NaiveDate,
    /// Entry stays open this many days after `due_on`.
    pub entry_closes_after_days: u16,
    /// The last day of entry: `due_on + entry_closes_after_days` (Bangkok).
    pub entry_closes_on: NaiveDate,
    /// The items, cleaned, in plan order.
    pub items: Vec<RoundItem>,
}

/// The draft submission of one item was saved (created or replaced).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmissionDrafted {
    /// The round.
    pub round_id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// What is reported, cleaned.
    pub content: SubmissionContent,
    /// The disbursement exceeds the item's budget (or the item needs none) and was confirmed.
    #[serde(default)]
    pub over_budget: bool,
}

/// The draft of one item was submitted for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmissionSubmitted {
    /// The round.
    pub round_id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// The Bangkok date of submission.
    pub submitted_on: NaiveDate,
    /// Submitted after the due date.
    pub late: bool,
}

/// The secretariat accepted a submission; it is locked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmissionAccepted {
    /// The round.
    pub round_id: Uuid,
    /// The item.
    pub item_id: Uuid,
}

/// The secretariat returned a submission for correction; it is editable again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmissionReturned {
    /// The round.
    pub round_id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// What to correct.
    pub reason: String,
}

/// The secretariat reopened entry after it had closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundEntryReopened {
    /// The round.
    pub round_id: Uuid,
    /// Why.
    pub reason: String,
    /// Entry is open again through this Bangkok date.
    pub until: NaiveDate,
}

/// The round was closed; nothing more is recorded in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundClosed {
    /// The round.
    pub round_id: Uuid,
}

domain_events! {
    /// Events of the reporting-round aggregate.
    pub enum RoundEvent {
        RoundOpened = 1,
        SubmissionDrafted = 1,
        SubmissionSubmitted = 1,
        SubmissionAccepted = 1,
        SubmissionReturned = 1,
        RoundEntryReopened = 1,
        RoundClosed = 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainEvent;

    const ROUND: Uuid = Uuid::from_u128(11);

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_are_written_by_their_six_wire_names() {
        for period in Period::ALL {
            let json = serde_json::to_string(&period).unwrap();
            assert_eq!(json, format!("\"{}\"", period.as_str()));
            assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), period);
        }
        assert_eq!(serde_json::to_string(&Period::Annual).unwrap(), "\"annual\"");
    }

    #[test]
    fn a_save_command_needs_only_round_item_and_status() {
        let body = format!(
            r#"{{"round_id":"{ROUND}","item_id":"{}","content":{{"status":"in_progress"}}}}"#,
            Uuid::from_u128(1)
        );
        let RoundCommand::SaveSubmission(c) = RoundCommand::decode("SaveSubmission", body.as_bytes()).unwrap() else {
            panic!("not SaveSubmission");
        };
        assert_eq!(c.content.status, ProgressStatus::InProgress);
        assert_eq!(c.content.disbursed, Budget::NotStated);
        assert_eq!(c.content.quarters_done, [false; 4]);
        assert!(c.content.evidence.is_empty() && !c.confirm_over_budget && c.content.not_carried_out_reason.is_none());
    }

    #[test]
    fn opening_a_round_defaults_entry_to_ten_days_after_the_due_date() {
        let body = format!(
            r#"{{"round_id":"{ROUND}","plan_id":"{ROUND}","plan_revision":1,"fiscal_year":2566,
                "period":"h1","due_on":"2023-04-05","items":[]}}"#
        );
        let RoundCommand::OpenRound(c) = RoundCommand::decode("OpenRound", body.as_bytes()).unwrap() else {
            panic!("not OpenRound");
        };
        assert_eq!(c.entry_closes_after_days, 10);
    }

    #[test]
    fn not_carried_out_reasons_have_tagged_json_shapes() {
        let cases = [
            (NotCarriedOutReason::NoBudget, r#"{"kind":"no_budget"}"#),
            (NotCarriedOutReason::PolicyChanged, r#"{"kind":"policy_changed"}"#),
            (NotCarriedOutReason::NotEnoughStaff, r#"{"kind":"not_enough_staff"}"#),
            (
                NotCarriedOutReason::Other {
                    text: "น้ำท่วม".into()
                },
                r#"{"kind":"other","text":"น้ำท่วม"}"#,
            ),
        ];
        for (reason, json) in cases {
            assert_eq!(serde_json::to_string(&reason).unwrap(), json);
            assert_eq!(serde_json::from_str::<NotCarriedOutReason>(json).unwrap(), reason);
        }
        assert!(serde_json::from_str::<NotCarriedOutReason>(r#"{"kind":"other"}"#).is_err());
    }

    #[test]
    fn a_misspelt_command_field_is_refused_naming_it() {
        let body = format!(r#"{{"round_id":"{ROUND}","reason":"x","reson":"y"}}"#);
        let err = RoundCommand::decode("ReopenEntry", body.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("reson"), "{err}");
    }

    #[test]
    fn every_command_names_its_round_and_writes_to_the_round_stream() {
        let command: RoundCommand = CloseRound { round_id: ROUND }.into();
        assert_eq!(command.round_id(), ROUND);
        assert_eq!(command.stream().to_string(), format!("round-{ROUND}"));
        assert_eq!(RoundCommand::NAMES.len(), 7);
    }

    #[test]
    fn events_round_trip_through_their_type_name_and_payload() {
        let event: RoundEvent = SubmissionSubmitted {
            round_id: ROUND,
            item_id: Uuid::from_u128(2),
            submitted_on: date(2023, 4, 6),
            late: true,
        }
        .into();
        let payload = event.to_payload().unwrap();
        assert_eq!(event.event_type(), "SubmissionSubmitted");
        assert_eq!(
            RoundEvent::from_payload("SubmissionSubmitted", payload.get()).unwrap(),
            event
        );
    }
}
