//! The plan aggregate's contracts: commands and events of the plan approval workflow (DESIGN.md,
//! workflow 1).
//!
//! A plan covers one fiscal year or several (e.g. 2566–2570). Its items (projects, activities,
//! measures) have stable ids and may nest. Each approval step is its own fact with its own date:
//! submission to a meeting, endorsement or return, signing (signing date and effective date),
//! registration in e-PlanNACC. An amendment opens a new revision that needs approval again.
//!
//! Money is an integer number of satang, and a budget cell is one of three different values
//! ([`Budget`]): an amount (zero included), "no budget needed", or "not stated". Fiscal years are
//! Buddhist Era years, named by the year in which they end (FY2567 = 1 Oct 2023 – 30 Sep 2024).
//! Item events carry the revision they belong to, so read models never have to guess.
//!
//! The committee's meetings about the plan are part of its stream too: the secretariat schedules
//! a meeting (title, Bangkok start time, place, agenda), may move it by scheduling the same
//! meeting id again, or cancel it; the notifier reminds the committee and the secretariat the day
//! before.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{domain_commands, domain_events, StreamName};

/// Aggregate kind of plans: streams are `plan-<id>`.
pub const AGGREGATE: &str = "plan";

/// A budget cell: an amount, no budget needed, or not stated — three values, never collapsed.
///
/// On the wire: `{"kind":"amount","satang":1500000}`, `{"kind":"not_needed"}`, `{"kind":"not_stated"}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Budget {
    /// A stated amount in satang (1 baht = 100 satang); zero is a stated amount.
    Amount {
        /// The amount, in satang.
        satang: i64,
    },
    /// "ไม่ใช้งบประมาณ": the item needs no budget.
    NotNeeded,
    /// The document leaves the cell empty.
    #[default]
    NotStated,
}

impl Budget {
    /// The stated amount in satang, if any.
    pub fn satang(&self) -> Option<i64> {
        match self {
            Budget::Amount { satang } => Some(*satang),
            Budget::NotNeeded | Budget::NotStated => None,
        }
    }
}

/// What an item is, as the documents call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// โครงการ.
    Project,
    /// กิจกรรม.
    Activity,
    /// มาตรการ.
    Measure,
}

/// The budget of an item for one fiscal year of a multi-year plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearlyBudget {
    /// Fiscal year (BE).
    pub fiscal_year: u16,
    /// The budget of that year.
    pub budget: Budget,
}

/// One plan item as recorded: a project, activity or measure with its budget and responsible unit.
// Strict, like the commands that carry it: a misspelt field is an error, not a silent default.
// A later schema change goes through the events' schema number (upcasting).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    /// Stable id; kept across revisions.
    pub item_id: Uuid,
    /// The code as in the document (`1.2.3`); unique within a revision.
    pub code: String,
    /// The enclosing item of a sub-activity.
    #[serde(default)]
    pub parent_item_id: Option<Uuid>,
    /// Dimension (มิติ).
    pub dimension: String,
    /// Sub-dimension.
    #[serde(default)]
    pub sub_dimension: Option<String>,
    /// Project, activity or measure.
    pub kind: ItemKind,
    /// Name of the project, activity or measure.
    pub name: String,
    /// Objective.
    #[serde(default)]
    pub objective: Option<String>,
    /// Indicator (ตัวชี้วัด).
    #[serde(default)]
    pub indicator: Option<String>,
    /// Target of the indicator (ค่าเป้าหมาย).
    #[serde(default)]
    pub target: Option<String>,
    /// The item's budget (for a multi-year plan: over all its years).
    #[serde(default)]
    pub budget: Budget,
    /// Per-year budgets of a multi-year plan, by ascending fiscal year.
    #[serde(default)]
    pub yearly_budgets: Vec<YearlyBudget>,
    /// Quarters (Q1 = Oct–Dec … Q4 = Jul–Sep) in which the item is planned.
    #[serde(default)]
    pub planned_quarters: [bool; 4],
    /// The responsible organisation unit.
    #[serde(default)]
    pub org_unit_id: Option<Uuid>,
    /// The responsible agency as the document writes it, kept until it is linked to an org unit.
    #[serde(default)]
    pub org_unit_name: Option<String>,
}

/// Starts a plan: a draft, revision 1, covering fiscal years `fiscal_year_from..=fiscal_year_to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftPlan {
    /// Stable id of the plan, chosen by the sender.
    pub plan_id: Uuid,
    /// Title, as on the cover.
    pub title: String,
    /// First fiscal year (BE).
    pub fiscal_year_from: u16,
    /// Last fiscal year (BE); equal to `fiscal_year_from` for a one-year plan.
    pub fiscal_year_to: u16,
    /// The unit that owns the plan (province office, PAO, agency).
    #[serde(default)]
    pub owner_org_unit_id: Option<Uuid>,
}

/// Drafts a plan together with all its items (from a spreadsheet): one atomic step, so a bad item
/// leaves nothing half-imported. Parents must come before their sub-items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportPlan {
    /// Stable id of the plan, chosen by the sender.
    pub plan_id: Uuid,
    /// Title, as on the cover.
    pub title: String,
    /// First fiscal year (BE).
    pub fiscal_year_from: u16,
    /// Last fiscal year (BE).
    pub fiscal_year_to: u16,
    /// The unit that owns the plan.
    #[serde(default)]
    pub owner_org_unit_id: Option<Uuid>,
    /// The items, parents before their sub-items.
    pub items: Vec<PlanItem>,
}

impl ImportPlan {
    /// The draft part of the import.
    pub fn draft(&self) -> DraftPlan {
        DraftPlan {
            plan_id: self.plan_id,
            title: self.title.clone(),
            fiscal_year_from: self.fiscal_year_from,
            fiscal_year_to: self.fiscal_year_to,
            owner_org_unit_id: self.owner_org_unit_id,
        }
    }
}

/// Adds an item to the current revision (only while it is a draft or returned).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddPlanItem {
    /// The plan.
    pub plan_id: Uuid,
    /// The new item, with a stable id chosen by the sender.
    pub item: PlanItem,
}

/// Replaces every field of an item of the current revision (only while it is a draft or returned).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePlanItem {
    /// The plan.
    pub plan_id: Uuid,
    /// The item as it should now read; `item_id` says which one.
    pub item: PlanItem,
}

/// Removes an item without sub-items from the current revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemovePlanItem {
    /// The plan.
    pub plan_id: Uuid,
    /// The item.
    pub item_id: Uuid,
}

/// Puts the current revision on a meeting agenda "for consideration and endorsement".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmitPlanForEndorsement {
    /// The plan.
    pub plan_id: Uuid,
    /// The meeting (`ประชุมคณะทำงาน ครั้งที่ 2/2566`).
    pub meeting: String,
    /// The agenda item (`ระเบียบวาระที่ 3.1`).
    pub agenda_item: String,
}

/// Records the committee's endorsement of the submitted revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndorsePlan {
    /// The plan.
    pub plan_id: Uuid,
    /// Meeting number (`2/2566`).
    pub meeting_no: String,
    /// Date of the meeting.
    pub meeting_date: NaiveDate,
    /// The resolution, as minuted.
    pub resolution: String,
}

/// Sends the submitted revision back for correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnPlan {
    /// The plan.
    pub plan_id: Uuid,
    /// Why; at least one.
    pub reasons: Vec<String>,
}

/// Records the chief executive's signature putting the endorsed revision into force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignPlan {
    /// The plan.
    pub plan_id: Uuid,
    /// Date of signing.
    pub signed_on: NaiveDate,
    /// Date from which the plan is in force; required, and may differ from the signing date.
    pub effective_from: NaiveDate,
}

/// Records the signed revision's registration in the national system (e-PlanNACC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterPlan {
    /// The plan.
    pub plan_id: Uuid,
    /// The e-PlanNACC reference.
    pub reference: String,
    /// Date of registration.
    pub registered_on: NaiveDate,
}

/// Opens a new revision of a signed or registered plan, to be approved again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendPlan {
    /// The plan.
    pub plan_id: Uuid,
    /// Why the plan is amended.
    pub reason: String,
}

/// Schedules a committee meeting about the plan, or moves one: the same `meeting_id` again with a
/// new time, place or agenda replaces what was scheduled (the same content again changes nothing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleMeeting {
    /// The plan the committee meets about.
    pub plan_id: Uuid,
    /// Stable id of the meeting, chosen by the sender; the same id again reschedules it.
    pub meeting_id: Uuid,
    /// The meeting as it is called (`การประชุมคณะกรรมการ ครั้งที่ 1/2570`).
    pub title: String,
    /// When it starts, as Bangkok wall-clock time (`2027-01-12T09:30:00`); not in the past.
    pub starts_at: NaiveDateTime,
    /// Where it is held (room and building, or a video-call link).
    pub place: String,
    /// The agenda items, in order (1 to 30, none blank).
    pub agenda: Vec<String>,
}

/// Cancels a scheduled committee meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelMeeting {
    /// The plan.
    pub plan_id: Uuid,
    /// The meeting.
    pub meeting_id: Uuid,
    /// Why it is cancelled.
    pub reason: String,
}

domain_commands! {
    /// Commands of the plan aggregate.
    pub enum PlanCommand {
        DraftPlan,
        ImportPlan,
        AddPlanItem,
        ChangePlanItem,
        RemovePlanItem,
        SubmitPlanForEndorsement,
        EndorsePlan,
        ReturnPlan,
        SignPlan,
        RegisterPlan,
        AmendPlan,
        ScheduleMeeting,
        CancelMeeting,
    }
}

impl PlanCommand {
    /// The plan the command is about.
    pub fn plan_id(&self) -> Uuid {
        match self {
            PlanCommand::DraftPlan(c) => c.plan_id,
            PlanCommand::ImportPlan(c) => c.plan_id,
            PlanCommand::AddPlanItem(c) => c.plan_id,
            PlanCommand::ChangePlanItem(c) => c.plan_id,
            PlanCommand::RemovePlanItem(c) => c.plan_id,
            PlanCommand::SubmitPlanForEndorsement(c) => c.plan_id,
            PlanCommand::EndorsePlan(c) => c.plan_id,
            PlanCommand::ReturnPlan(c) => c.plan_id,
            PlanCommand::SignPlan(c) => c.plan_id,
            PlanCommand::RegisterPlan(c) => c.plan_id,
            PlanCommand::AmendPlan(c) => c.plan_id,
            PlanCommand::ScheduleMeeting(c) => c.plan_id,
            PlanCommand::CancelMeeting(c) => c.plan_id,
        }
    }

    /// The plan's stream.
    pub fn stream(&self) -> StreamName {
        stream(self.plan_id())
    }
}

/// The stream of one plan.
pub fn stream(plan_id: Uuid) -> StreamName {
    StreamName::for_id(AGGREGATE, plan_id)
}

/// A plan was drafted; revision 1 is open for editing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDrafted {
    /// Stable id.
    pub plan_id: Uuid,
    /// Title.
    pub title: String,
    /// First fiscal year (BE).
    pub fiscal_year_from: u16,
    /// Last fiscal year (BE).
    pub fiscal_year_to: u16,
    /// The owning unit.
    #[serde(default)]
    pub owner_org_unit_id: Option<Uuid>,
}

/// An item was added to a revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanItemAdded {
    /// The plan.
    pub plan_id: Uuid,
    /// The revision it was added to.
    pub revision: u32,
    /// The item, cleaned.
    pub item: PlanItem,
}

/// An item of a revision was replaced by a new version of itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanItemChanged {
    /// The plan.
    pub plan_id: Uuid,
    /// The revision.
    pub revision: u32,
    /// The item as it is now.
    pub item: PlanItem,
}

/// An item was removed from a revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanItemRemoved {
    /// The plan.
    pub plan_id: Uuid,
    /// The revision.
    pub revision: u32,
    /// The item.
    pub item_id: Uuid,
}

/// A revision was put on a meeting agenda for consideration and endorsement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSubmittedForEndorsement {
    /// The plan.
    pub plan_id: Uuid,
    /// The revision submitted.
    pub revision: u32,
    /// The meeting.
    pub meeting: String,
    /// The agenda item.
    pub agenda_item: String,
}

/// The committee endorsed a revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanEndorsed {
    /// The plan.
    pub plan_id: Uuid,
    /// The revision endorsed.
    pub revision: u32,
    /// Meeting number.
    pub meeting_no: String,
    /// Date of the meeting.
    pub meeting_date: NaiveDate,
    /// The resolution.
    pub resolution: String,
}

/// The committee returned a revision for correction; it is editable again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanReturned {
    /// The plan.
    pub plan_id: Uuid,
    /// The revision returned.
    pub revision: u32,
    /// Why.
    pub reasons: Vec<String>,
}

/// The chief executive signed a revision into force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSigned {
    /// The plan.
    pub plan_id: Uuid,
    /// The revision signed.
    pub revision: u32,
    /// Date of signing.
    pub signed_on: NaiveDate,
    /// Date from which it is in force.
    pub effective_from: NaiveDate,
}

/// A signed revision was registered in e-PlanNACC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRegistered {
    /// The plan.
    pub plan_id: Uuid,
    /// The revision registered.
    pub revision: u32,
    /// The e-PlanNACC reference.
    pub reference: String,
    /// Date of registration.
    pub registered_on: NaiveDate,
    /// The deadline: 30 September before the plan's first fiscal year starts.
    pub due_on: NaiveDate,
    /// Registered after `due_on`.
    pub late: bool,
}

/// A new revision was opened from a signed or registered one; it needs approval again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanAmendmentStarted {
    /// The plan.
    pub plan_id: Uuid,
    /// The new revision's number.
    pub revision: u32,
    /// The revision whose items it copies.
    pub based_on: u32,
    /// Why.
    pub reason: String,
}

/// A committee meeting about the plan was scheduled, or moved (the same `meeting_id` again): the
/// event holds the meeting as it now stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingScheduled {
    /// The plan.
    pub plan_id: Uuid,
    /// The meeting.
    pub meeting_id: Uuid,
    /// The meeting as it is called.
    pub title: String,
    /// When it starts, Bangkok wall-clock time.
    pub starts_at: NaiveDateTime,
    /// Where it is held.
    pub place: String,
    /// The agenda items, in order.
    pub agenda: Vec<String>,
    /// When it was to start before, if this moves a meeting already scheduled.
    #[serde(default)]
    pub previous_starts_at: Option<NaiveDateTime>,
}

/// A committee meeting was cancelled; nobody is reminded of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingCancelled {
    /// The plan.
    pub plan_id: Uuid,
    /// The meeting.
    pub meeting_id: Uuid,
    /// Why.
    pub reason: String,
}

domain_events! {
    /// Events of the plan aggregate.
    pub enum PlanEvent {
        PlanDrafted = 1,
        PlanItemAdded = 1,
        PlanItemChanged = 1,
        PlanItemRemoved = 1,
        PlanSubmittedForEndorsement = 1,
        PlanEndorsed = 1,
        PlanReturned = 1,
        PlanSigned = 1,
        PlanRegistered = 1,
        PlanAmendmentStarted = 1,
        MeetingScheduled = 1,
        MeetingCancelled = 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainEvent;

    const PLAN: Uuid = Uuid::from_u128(7);

    #[test]
    fn the_three_budget_values_have_three_different_json_shapes() {
        let cases = [
            (Budget::Amount { satang: 0 }, r#"{"kind":"amount","satang":0}"#),
            (Budget::NotNeeded, r#"{"kind":"not_needed"}"#),
            (Budget::NotStated, r#"{"kind":"not_stated"}"#),
        ];
        for (budget, json) in cases {
            assert_eq!(serde_json::to_string(&budget).unwrap(), json);
            assert_eq!(serde_json::from_str::<Budget>(json).unwrap(), budget);
        }
        assert!(serde_json::from_str::<Budget>(r#"{"kind":"amount","satang":1,"baht":2}"#).is_err());
    }

    #[test]
    fn an_item_command_needs_only_its_required_fields_and_an_absent_budget_is_not_stated() {
        let body = format!(
            r#"{{"plan_id":"{PLAN}","item":{{"item_id":"{}","code":"1.1","dimension":"มิติที่ 1","kind":"activity","name":"อบรม"}}}}"#,
            Uuid::from_u128(1)
        );
        let PlanCommand::AddPlanItem(c) = PlanCommand::decode("AddPlanItem", body.as_bytes()).unwrap() else {
            panic!("not AddPlanItem");
        };
        assert_eq!(c.item.budget, Budget::NotStated);
        assert_eq!(c.item.planned_quarters, [false; 4]);
        assert!(c.item.yearly_budgets.is_empty());
        let misspelt = body.replace("\"name\"", "\"nmae\"");
        let err = PlanCommand::decode("AddPlanItem", misspelt.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("nmae"), "{err}");
    }

    #[test]
    fn a_misspelt_command_field_is_refused_naming_it() {
        let body = format!(r#"{{"plan_id":"{PLAN}","reasons":["x"],"reson":"y"}}"#);
        let err = PlanCommand::decode("ReturnPlan", body.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("reson"), "{err}");
    }

    #[test]
    fn every_command_names_its_plan_and_writes_to_the_plan_stream() {
        let command: PlanCommand = AmendPlan {
            plan_id: PLAN,
            reason: "x".into(),
        }
        .into();
        assert_eq!(command.plan_id(), PLAN);
        assert_eq!(command.stream().to_string(), format!("plan-{PLAN}"));
        assert_eq!(PlanCommand::NAMES.len(), 13);
    }

    #[test]
    fn a_meeting_starts_at_a_bangkok_wall_clock_time_without_an_offset() {
        let body = format!(
            r#"{{"plan_id":"{PLAN}","meeting_id":"{}","title":"การประชุมคณะกรรมการ ครั้งที่ 1/2570","starts_at":"2027-01-12T09:30:00","place":"ห้องประชุม 1","agenda":["เรื่องแจ้งเพื่อทราบ","เรื่องเพื่อพิจารณา"]}}"#,
            Uuid::from_u128(1)
        );
        let PlanCommand::ScheduleMeeting(c) = PlanCommand::decode("ScheduleMeeting", body.as_bytes()).unwrap() else {
            panic!("not ScheduleMeeting");
        };
        let expected = NaiveDate::from_ymd_opt(2027, 1, 12)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        assert_eq!(c.starts_at, expected);
        assert_eq!(c.agenda.len(), 2);
        let event: PlanEvent = MeetingScheduled {
            plan_id: PLAN,
            meeting_id: c.meeting_id,
            title: c.title,
            starts_at: c.starts_at,
            place: c.place,
            agenda: c.agenda,
            previous_starts_at: None,
        }
        .into();
        let payload = event.to_payload().unwrap();
        assert!(
            payload.get().contains(r#""starts_at":"2027-01-12T09:30:00""#),
            "{}",
            payload.get()
        );
        assert_eq!(
            PlanEvent::from_payload("MeetingScheduled", payload.get()).unwrap(),
            event
        );
    }

    #[test]
    fn events_round_trip_through_their_type_name_and_payload() {
        let event: PlanEvent = PlanRegistered {
            plan_id: PLAN,
            revision: 1,
            reference: "ePlan-1".into(),
            registered_on: NaiveDate::from_ymd_opt(2023, 9, 25).unwrap(),
            due_on: NaiveDate::from_ymd_opt(2023, 9, 30).unwrap(),
            late: false,
        }
        .into();
        let payload = event.to_payload().unwrap();
        assert_eq!(event.event_type(), "PlanRegistered");
        assert_eq!(PlanEvent::from_payload("PlanRegistered", payload.get()).unwrap(), event);
    }
}
