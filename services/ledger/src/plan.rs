//! The plan aggregate (DESIGN.md, workflow 1): a provincial or agency anti-corruption action plan,
//! its items, and its approval, as a pure decide (`handle`) and evolve (`apply`).
//!
//! One revision moves Draft → Submitted → Endorsed → Signed → Registered; the committee may instead
//! return a submitted revision (Returned), which is editable again and is submitted anew. Items are
//! edited only while the current revision is a draft or returned. `AmendPlan` on a signed or
//! registered revision opens revision n+1, a copy of its items, which needs submission, endorsement
//! and signing again. The last endorsed revision is kept apart ([`Plan::endorsed_revision`]):
//! progress is reported only against it, and an older one stays the reporting basis until the
//! amendment is itself endorsed.
//!
//! Registration deadline (e-PlanNACC, "by 30 September"): fiscal year B (BE) runs 1 Oct (B−544 CE)
//! to 30 Sep (B−543 CE), and a plan must be registered before its first fiscal year starts, so it
//! is due 30 Sep (B−544 CE) — FY2567 plans by 30 Sep 2023 ([`registration_due`]). A later
//! `registered_on` is recorded with `late: true`; the same deadline applies to every revision, and
//! the event carries the revision so reports can tell amendments apart.
//!
//! Authority: every command is refused for an anonymous actor. The committee endorses or returns;
//! the secretariat does everything else, recording the chief executive's signature and the
//! e-PlanNACC registration too; committee meetings are scheduled and cancelled by the secretariat
//! or an admin.
//!
//! Committee meetings ([`Meeting`]) live in the plan's stream, apart from its revisions: a meeting
//! is scheduled with a Bangkok start time that is not past (nor more than
//! [`MAX_MEETING_DAYS_AHEAD`] days ahead, which catches a BE year read as CE), a place and 1 to
//! [`MAX_AGENDA_ITEMS`] agenda items. Scheduling the same meeting id again moves it (the event
//! keeps the time it had before); the same content again records nothing. A cancelled meeting
//! stays cancelled: a new date is a new meeting.
//!
//! Totals are computed, never typed: a parent item with sub-items counts only through its leaves,
//! and the differences between typed and computed figures are listed, not hidden.

use std::collections::{HashMap, HashSet};

use chrono::{FixedOffset, NaiveDate, NaiveDateTime};
use sujarit_contracts::plan::{
    AddPlanItem, AmendPlan, Budget, CancelMeeting, ChangePlanItem, DraftPlan, EndorsePlan, ImportPlan,
    MeetingCancelled, MeetingScheduled, PlanAmendmentStarted, PlanCommand, PlanDrafted, PlanEndorsed, PlanEvent,
    PlanItem, PlanItemAdded, PlanItemChanged, PlanItemRemoved, PlanRegistered, PlanReturned, PlanSigned,
    PlanSubmittedForEndorsement, RegisterPlan, RemovePlanItem, ReturnPlan, ScheduleMeeting, SignPlan,
    SubmitPlanForEndorsement,
};
use sujarit_contracts::{Actor, DomainError};
use uuid::Uuid;

use crate::aggregate::{Aggregate, Context};
use crate::text::{self, clean_line, clean_optional, clean_text};
use sujarit_contracts::people::Role;

use messages::Field;

/// Longest title, name, dimension, meeting or reference accepted, in characters.
pub const MAX_LINE: usize = 1_000;
/// Longest item code accepted, in characters.
pub const MAX_CODE: usize = 50;
/// Longest free text (objective, indicator, target, resolution, reason), in characters.
pub const MAX_TEXT: usize = 5_000;
/// Most items one revision may hold.
pub const MAX_ITEMS: usize = 2_000;
/// Largest budget of one cell, in satang (10 trillion baht): keeps every total far from overflow.
pub const MAX_SATANG: i64 = 1_000_000_000_000_000;
/// Earliest fiscal year accepted (BE); catches CE years typed by mistake.
pub const EARLIEST_FISCAL_YEAR: u16 = 2500;
/// Latest fiscal year accepted (BE).
pub const LATEST_FISCAL_YEAR: u16 = 2800;
/// Most fiscal years one plan may span (the national master plan spans 2561–2580).
pub const MAX_PLAN_YEARS: u16 = 20;
/// Longest meeting title, place or agenda item accepted, in characters.
pub const MAX_MEETING_LINE: usize = 500;
/// Most agenda items one meeting may list.
pub const MAX_AGENDA_ITEMS: usize = 30;
/// Furthest ahead a meeting may be scheduled, in days (a CE year typed as BE lands centuries out).
pub const MAX_MEETING_DAYS_AHEAD: i64 = 730;

/// Where one revision stands in the approval workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionStatus {
    /// Being written; items may change.
    Draft,
    /// On a meeting agenda for consideration and endorsement.
    Submitted,
    /// Sent back with reasons; items may change, then it is submitted again.
    Returned,
    /// Endorsed by the committee; progress may be reported against it.
    Endorsed,
    /// Signed into force by the chief executive.
    Signed,
    /// Registered in e-PlanNACC.
    Registered,
}

impl RevisionStatus {
    /// Items may be added, changed or removed.
    pub fn is_editable(self) -> bool {
        matches!(self, RevisionStatus::Draft | RevisionStatus::Returned)
    }
}

/// A step of the workflow, with the statuses it may start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    EditItems,
    Submit,
    Endorse,
    Return,
    Sign,
    Register,
    Amend,
}

impl Step {
    fn allowed_from(self) -> &'static [RevisionStatus] {
        use RevisionStatus::*;
        match self {
            Step::EditItems | Step::Submit => &[Draft, Returned],
            Step::Endorse | Step::Return => &[Submitted],
            Step::Sign => &[Endorsed],
            Step::Register => &[Signed],
            Step::Amend => &[Signed, Registered],
        }
    }
}

/// One revision of a plan: its items and the approval facts recorded for it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Revision {
    /// 1 for the original plan, n+1 for each amendment.
    pub number: u32,
    /// Where it stands.
    pub status: RevisionStatus,
    /// First fiscal year of the plan (BE).
    pub fiscal_year_from: u16,
    /// Last fiscal year of the plan (BE).
    pub fiscal_year_to: u16,
    /// Items in document order.
    pub items: Vec<PlanItem>,
    /// Why this revision was opened (absent for revision 1).
    pub amendment: Option<PlanAmendmentStarted>,
    /// Every submission to a meeting, oldest first.
    pub submissions: Vec<PlanSubmittedForEndorsement>,
    /// Every return with its reasons, oldest first.
    pub returns: Vec<PlanReturned>,
    /// The endorsement.
    pub endorsement: Option<PlanEndorsed>,
    /// The signature.
    pub signing: Option<PlanSigned>,
    /// The e-PlanNACC registration.
    pub registration: Option<PlanRegistered>,
}

/// Budget figures over a set of leaf items: the amounts added up, and the other two values counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BudgetSum {
    /// Sum of the stated amounts, in satang.
    pub satang: i64,
    /// Leaves with a stated amount (zero included).
    pub amounts: usize,
    /// Leaves that need no budget.
    pub not_needed: usize,
    /// Leaves whose budget is not stated.
    pub not_stated: usize,
}

impl BudgetSum {
    fn add(&mut self, budget: Budget) -> Result<(), DomainError> {
        match budget {
            Budget::Amount { satang } => {
                self.satang = self.satang.checked_add(satang).ok_or_else(messages::total_too_large)?;
                self.amounts = self.amounts.saturating_add(1);
            }
            Budget::NotNeeded => self.not_needed = self.not_needed.saturating_add(1),
            Budget::NotStated => self.not_stated = self.not_stated.saturating_add(1),
        }
        Ok(())
    }
}

/// Totals of one dimension (มิติ).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DimensionTotals {
    /// The dimension, as written on its items.
    pub dimension: String,
    /// Items of the dimension, parents included.
    pub item_count: usize,
    /// Leaf items of the dimension.
    pub leaf_count: usize,
    /// Budget of its leaves.
    pub budget: BudgetSum,
}

/// Totals of one fiscal year, from the leaves' yearly budgets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FiscalYearTotals {
    /// Fiscal year (BE).
    pub fiscal_year: u16,
    /// Budget of the leaves in that year.
    pub budget: BudgetSum,
}

/// A typed figure that disagrees with the figure computed from the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discrepancy {
    /// A parent's own amount differs from the sum of its leaves.
    ParentAndLeaves {
        /// The parent.
        item_id: Uuid,
        /// Its code.
        code: String,
        /// What its own cell says, in satang.
        stated_satang: i64,
        /// What its leaves add up to, in satang.
        leaves_satang: i64,
    },
    /// An item's amount differs from the sum of its yearly amounts.
    ItemAndYears {
        /// The item.
        item_id: Uuid,
        /// Its code.
        code: String,
        /// What its budget cell says, in satang.
        stated_satang: i64,
        /// What its yearly amounts add up to, in satang.
        years_satang: i64,
    },
}

/// Computed totals of one revision.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// All items, parents included.
    pub item_count: usize,
    /// Items without sub-items; each is counted once.
    pub leaf_count: usize,
    /// Budget of the leaves: a parent contributes only through its sub-items.
    pub budget: BudgetSum,
    /// Per dimension, in order of first appearance.
    pub by_dimension: Vec<DimensionTotals>,
    /// Per fiscal year of the plan, in order. A leaf's budget in a year is its yearly entry; without
    /// yearly entries it is the item's budget in a one-year plan, "not needed" every year for an
    /// item that needs none, and otherwise not stated (the split over the years is unknown).
    pub by_fiscal_year: Vec<FiscalYearTotals>,
    /// Typed figures that disagree with the rows, in document order.
    pub discrepancies: Vec<Discrepancy>,
}

impl Revision {
    fn open(number: u32, header: &PlanDrafted, items: Vec<PlanItem>, amendment: Option<PlanAmendmentStarted>) -> Self {
        Revision {
            number,
            status: RevisionStatus::Draft,
            fiscal_year_from: header.fiscal_year_from,
            fiscal_year_to: header.fiscal_year_to,
            items,
            amendment,
            submissions: Vec::new(),
            returns: Vec::new(),
            endorsement: None,
            signing: None,
            registration: None,
        }
    }

    /// The item with this id.
    pub fn item(&self, item_id: Uuid) -> Option<&PlanItem> {
        self.items.iter().find(|item| item.item_id == item_id)
    }

    /// The direct sub-items of an item, in document order.
    pub fn children(&self, item_id: Uuid) -> impl Iterator<Item = &PlanItem> {
        self.items
            .iter()
            .filter(move |item| item.parent_item_id == Some(item_id))
    }

    /// Whether `candidate` is `ancestor` or lies somewhere below it.
    fn is_within(&self, candidate: Uuid, ancestor: Uuid) -> bool {
        let mut current = Some(candidate);
        // Bounded walk: a cycle cannot arise through `handle`, but stored state is not re-checked.
        for _ in 0..=self.items.len() {
            match current {
                Some(id) if id == ancestor => return true,
                Some(id) => current = self.item(id).and_then(|item| item.parent_item_id),
                None => return false,
            }
        }
        false
    }

    /// Index of each item's sub-items.
    fn child_index(&self) -> HashMap<Uuid, Vec<usize>> {
        let mut children: HashMap<Uuid, Vec<usize>> = HashMap::new();
        for (index, item) in self.items.iter().enumerate() {
            if let Some(parent) = item.parent_item_id {
                children.entry(parent).or_default().push(index);
            }
        }
        children
    }

    /// The leaves at or below `root` (the item itself when it has no sub-items).
    fn leaves_below<'a>(&'a self, root: &'a PlanItem, children: &HashMap<Uuid, Vec<usize>>) -> Vec<&'a PlanItem> {
        let mut leaves = Vec::new();
        let mut seen = HashSet::new();
        let mut stack = vec![root];
        while let Some(item) = stack.pop() {
            if !seen.insert(item.item_id) {
                continue;
            }
            match children.get(&item.item_id) {
                Some(below) => stack.extend(below.iter().rev().filter_map(|&index| self.items.get(index))),
                None => leaves.push(item),
            }
        }
        leaves
    }

    /// The budget of an item rolled up from its leaves (its own cell when it has no sub-items).
    pub fn rollup(&self, item_id: Uuid) -> Result<BudgetSum, DomainError> {
        let root = self.item(item_id).ok_or_else(|| messages::item_not_found(item_id))?;
        let mut sum = BudgetSum::default();
        for leaf in self.leaves_below(root, &self.child_index()) {
            sum.add(leaf.budget)?;
        }
        Ok(sum)
    }

    /// A leaf's budget in one fiscal year (see [`Totals::by_fiscal_year`]).
    fn budget_in_year(&self, item: &PlanItem, fiscal_year: u16) -> Budget {
        let single_year = self.fiscal_year_from == self.fiscal_year_to;
        let whole_plan = item.yearly_budgets.is_empty() && (single_year || item.budget == Budget::NotNeeded);
        match item
            .yearly_budgets
            .iter()
            .find(|yearly| yearly.fiscal_year == fiscal_year)
        {
            Some(yearly) => yearly.budget,
            None if whole_plan => item.budget,
            None => Budget::NotStated,
        }
    }

    /// The computed totals; an error only if stored amounts are too large to add up.
    pub fn totals(&self) -> Result<Totals, DomainError> {
        let children = self.child_index();
        let mut totals = Totals {
            item_count: self.items.len(),
            by_fiscal_year: (self.fiscal_year_from..=self.fiscal_year_to)
                .map(|fiscal_year| FiscalYearTotals {
                    fiscal_year,
                    budget: BudgetSum::default(),
                })
                .collect(),
            ..Totals::default()
        };
        for item in &self.items {
            let position = match totals.by_dimension.iter().position(|d| d.dimension == item.dimension) {
                Some(position) => position,
                None => {
                    totals.by_dimension.push(DimensionTotals {
                        dimension: item.dimension.clone(),
                        ..DimensionTotals::default()
                    });
                    totals.by_dimension.len() - 1
                }
            };
            let Some(dimension) = totals.by_dimension.get_mut(position) else {
                continue;
            };
            dimension.item_count += 1;
            if let Some(discrepancy) = self.years_discrepancy(item)? {
                totals.discrepancies.push(discrepancy);
            }
            if children.contains_key(&item.item_id) {
                if let Some(discrepancy) = self.leaves_discrepancy(item, &children)? {
                    totals.discrepancies.push(discrepancy);
                }
                continue;
            }
            dimension.leaf_count += 1;
            dimension.budget.add(item.budget)?;
            totals.leaf_count += 1;
            totals.budget.add(item.budget)?;
            for year in &mut totals.by_fiscal_year {
                year.budget.add(self.budget_in_year(item, year.fiscal_year))?;
            }
        }
        Ok(totals)
    }

    fn leaves_discrepancy(
        &self,
        parent: &PlanItem,
        children: &HashMap<Uuid, Vec<usize>>,
    ) -> Result<Option<Discrepancy>, DomainError> {
        let Budget::Amount { satang: stated } = parent.budget else {
            return Ok(None);
        };
        let mut leaves = BudgetSum::default();
        for leaf in self.leaves_below(parent, children) {
            leaves.add(leaf.budget)?;
        }
        Ok((leaves.satang != stated).then(|| Discrepancy::ParentAndLeaves {
            item_id: parent.item_id,
            code: parent.code.clone(),
            stated_satang: stated,
            leaves_satang: leaves.satang,
        }))
    }

    fn years_discrepancy(&self, item: &PlanItem) -> Result<Option<Discrepancy>, DomainError> {
        let Budget::Amount { satang: stated } = item.budget else {
            return Ok(None);
        };
        if item.yearly_budgets.is_empty() {
            return Ok(None);
        }
        let mut years = BudgetSum::default();
        for yearly in &item.yearly_budgets {
            years.add(yearly.budget)?;
        }
        Ok((years.satang != stated).then(|| Discrepancy::ItemAndYears {
            item_id: item.item_id,
            code: item.code.clone(),
            stated_satang: stated,
            years_satang: years.satang,
        }))
    }
}

/// A committee meeting about the plan, as last scheduled.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Meeting {
    /// The meeting as it now stands (the last `MeetingScheduled` of its id).
    pub schedule: MeetingScheduled,
    /// Its cancellation, once cancelled.
    pub cancellation: Option<MeetingCancelled>,
}

impl Meeting {
    /// The meeting's id.
    pub fn meeting_id(&self) -> Uuid {
        self.schedule.meeting_id
    }

    /// Whether it was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancellation.is_some()
    }
}

/// State of one plan: its header, every revision, which one is the endorsed basis for reports, and
/// the committee's meetings about it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    header: Option<PlanDrafted>,
    revisions: Vec<Revision>,
    endorsed: Option<u32>,
    /// In the order first scheduled; absent from states stored before meetings existed.
    #[serde(default)]
    meetings: Vec<Meeting>,
}

impl Plan {
    /// Title, fiscal years and owner; `None` until drafted.
    pub fn header(&self) -> Option<&PlanDrafted> {
        self.header.as_ref()
    }

    /// Every revision, oldest first.
    pub fn revisions(&self) -> &[Revision] {
        &self.revisions
    }

    /// The revision being worked on or in force: the newest one.
    pub fn current(&self) -> Option<&Revision> {
        self.revisions.last()
    }

    /// The revision with this number.
    pub fn revision(&self, number: u32) -> Option<&Revision> {
        self.revisions.iter().find(|revision| revision.number == number)
    }

    /// The last endorsed revision: the one progress is reported against.
    pub fn endorsed_revision(&self) -> Option<&Revision> {
        self.endorsed.and_then(|number| self.revision(number))
    }

    /// Whether progress may be reported: some revision has been endorsed.
    pub fn can_report(&self) -> bool {
        self.endorsed_revision().is_some()
    }

    /// An item of the endorsed revision (the only items progress can be reported on).
    pub fn item(&self, item_id: Uuid) -> Option<&PlanItem> {
        self.endorsed_revision().and_then(|revision| revision.item(item_id))
    }

    /// Totals of the current revision (empty before drafting). For reports on progress use
    /// `endorsed_revision().map(Revision::totals)`.
    pub fn totals(&self) -> Result<Totals, DomainError> {
        match self.current() {
            Some(revision) => revision.totals(),
            None => Ok(Totals::default()),
        }
    }

    /// Every meeting scheduled about the plan (cancelled ones included), in the order first
    /// scheduled.
    pub fn meetings(&self) -> &[Meeting] {
        &self.meetings
    }

    /// The meeting with this id.
    pub fn meeting(&self, meeting_id: Uuid) -> Option<&Meeting> {
        self.meetings.iter().find(|meeting| meeting.meeting_id() == meeting_id)
    }

    /// Meetings not cancelled that start at or after `now` (Bangkok wall-clock time), soonest first.
    pub fn upcoming_meetings(&self, now: NaiveDateTime) -> Vec<&Meeting> {
        let mut upcoming: Vec<&Meeting> = self
            .meetings
            .iter()
            .filter(|meeting| !meeting.is_cancelled() && meeting.schedule.starts_at >= now)
            .collect();
        upcoming.sort_by_key(|meeting| (meeting.schedule.starts_at, meeting.meeting_id()));
        upcoming
    }

    fn revision_mut(&mut self, number: u32) -> Option<&mut Revision> {
        self.revisions.iter_mut().find(|revision| revision.number == number)
    }

    fn drafted(&self) -> Result<(&PlanDrafted, &Revision), DomainError> {
        match (&self.header, self.revisions.last()) {
            (Some(header), Some(current)) => Ok((header, current)),
            _ => Err(messages::plan_not_found()),
        }
    }

    /// The header and current revision, if the revision's status allows `step`.
    fn ready_for(&self, step: Step) -> Result<(&PlanDrafted, &Revision), DomainError> {
        let (header, current) = self.drafted()?;
        if step.allowed_from().contains(&current.status) {
            Ok((header, current))
        } else {
            Err(messages::wrong_status(step, current.status, current.number))
        }
    }

    fn draft(&self, c: &DraftPlan) -> Result<Vec<PlanEvent>, DomainError> {
        if let Some(header) = &self.header {
            return Err(messages::plan_exists(&header.title));
        }
        let title = clean_line(&c.title, Field::Title, MAX_LINE)?;
        for year in [c.fiscal_year_from, c.fiscal_year_to] {
            if !(EARLIEST_FISCAL_YEAR..=LATEST_FISCAL_YEAR).contains(&year) {
                return Err(messages::fiscal_year_out_of_range(year));
            }
        }
        if c.fiscal_year_from > c.fiscal_year_to {
            return Err(messages::fiscal_years_reversed(c.fiscal_year_from, c.fiscal_year_to));
        }
        if c.fiscal_year_to - c.fiscal_year_from >= MAX_PLAN_YEARS {
            return Err(messages::plan_too_long(MAX_PLAN_YEARS));
        }
        Ok(vec![PlanDrafted {
            plan_id: c.plan_id,
            title,
            fiscal_year_from: c.fiscal_year_from,
            fiscal_year_to: c.fiscal_year_to,
            owner_org_unit_id: c.owner_org_unit_id,
        }
        .into()])
    }

    /// Draft plus every item, decided one after another on a scratch copy of the state, so each
    /// item is checked exactly as `AddPlanItem` would check it; all or nothing.
    fn import(&self, c: &ImportPlan) -> Result<Vec<PlanEvent>, DomainError> {
        let mut events = self.draft(&c.draft())?;
        let mut scratch = self.clone();
        for event in &events {
            scratch.apply(event);
        }
        for (index, item) in c.items.iter().enumerate() {
            let add = AddPlanItem {
                plan_id: c.plan_id,
                item: item.clone(),
            };
            let added = scratch
                .add_item(&add)
                .map_err(|e| messages::in_import_row(index + 1, &item.code, e))?;
            for event in &added {
                scratch.apply(event);
            }
            events.extend(added);
        }
        Ok(events)
    }

    fn add_item(&self, c: &AddPlanItem) -> Result<Vec<PlanEvent>, DomainError> {
        let (header, current) = self.ready_for(Step::EditItems)?;
        if let Some(existing) = current.item(c.item.item_id) {
            return Err(messages::item_exists(&existing.code));
        }
        if current.items.len() >= MAX_ITEMS {
            return Err(messages::too_many_items(MAX_ITEMS));
        }
        let item = clean_item(c.item.clone(), header)?;
        check_place(current, &item)?;
        Ok(vec![PlanItemAdded {
            plan_id: header.plan_id,
            revision: current.number,
            item,
        }
        .into()])
    }

    fn change_item(&self, c: &ChangePlanItem) -> Result<Vec<PlanEvent>, DomainError> {
        let (header, current) = self.ready_for(Step::EditItems)?;
        let existing = current
            .item(c.item.item_id)
            .ok_or_else(|| messages::item_not_found(c.item.item_id))?;
        let item = clean_item(c.item.clone(), header)?;
        check_place(current, &item)?;
        if &item == existing {
            return Ok(vec![]);
        }
        Ok(vec![PlanItemChanged {
            plan_id: header.plan_id,
            revision: current.number,
            item,
        }
        .into()])
    }

    fn remove_item(&self, c: &RemovePlanItem) -> Result<Vec<PlanEvent>, DomainError> {
        let (header, current) = self.ready_for(Step::EditItems)?;
        let existing = current
            .item(c.item_id)
            .ok_or_else(|| messages::item_not_found(c.item_id))?;
        let children = current.children(c.item_id).count();
        if children > 0 {
            return Err(messages::has_children(&existing.code, children));
        }
        Ok(vec![PlanItemRemoved {
            plan_id: header.plan_id,
            revision: current.number,
            item_id: c.item_id,
        }
        .into()])
    }

    fn submit(&self, c: &SubmitPlanForEndorsement) -> Result<Vec<PlanEvent>, DomainError> {
        let (header, current) = self.ready_for(Step::Submit)?;
        if current.items.is_empty() {
            return Err(messages::no_items());
        }
        let meeting = clean_line(&c.meeting, Field::Meeting, MAX_LINE)?;
        let agenda_item = clean_line(&c.agenda_item, Field::AgendaItem, MAX_LINE)?;
        Ok(vec![PlanSubmittedForEndorsement {
            plan_id: header.plan_id,
            revision: current.number,
            meeting,
            agenda_item,
        }
        .into()])
    }

    fn endorse(&self, c: &EndorsePlan, ctx: &Context) -> Result<Vec<PlanEvent>, DomainError> {
        let (header, current) = self.ready_for(Step::Endorse)?;
        let meeting_no = clean_line(&c.meeting_no, Field::MeetingNo, MAX_LINE)?;
        let resolution = clean_text(&c.resolution, Field::Resolution, MAX_TEXT)?;
        not_after_today(c.meeting_date, Field::MeetingDate, ctx)?;
        Ok(vec![PlanEndorsed {
            plan_id: header.plan_id,
            revision: current.number,
            meeting_no,
            meeting_date: c.meeting_date,
            resolution,
        }
        .into()])
    }

    fn return_for_correction(&self, c: &ReturnPlan) -> Result<Vec<PlanEvent>, DomainError> {
        let (header, current) = self.ready_for(Step::Return)?;
        let mut reasons = Vec::new();
        for reason in &c.reasons {
            if !reason.trim().is_empty() {
                reasons.push(clean_text(reason, Field::ReturnReasons, MAX_TEXT)?);
            }
        }
        if reasons.is_empty() {
            return Err(text::field_empty(Field::ReturnReasons));
        }
        Ok(vec![PlanReturned {
            plan_id: header.plan_id,
            revision: current.number,
            reasons,
        }
        .into()])
    }

    fn sign(&self, c: &SignPlan, ctx: &Context) -> Result<Vec<PlanEvent>, DomainError> {
        let (header, current) = self.ready_for(Step::Sign)?;
        not_after_today(c.signed_on, Field::SignedOn, ctx)?;
        if let Some(endorsement) = &current.endorsement {
            if c.signed_on < endorsement.meeting_date {
                return Err(messages::signed_before_endorsement(
                    c.signed_on,
                    endorsement.meeting_date,
                ));
            }
        }
        Ok(vec![PlanSigned {
            plan_id: header.plan_id,
            revision: current.number,
            signed_on: c.signed_on,
            effective_from: c.effective_from,
        }
        .into()])
    }

    fn register(&self, c: &RegisterPlan, ctx: &Context) -> Result<Vec<PlanEvent>, DomainError> {
        let (header, current) = self.ready_for(Step::Register)?;
        let reference = clean_line(&c.reference, Field::Reference, MAX_LINE)?;
        not_after_today(c.registered_on, Field::RegisteredOn, ctx)?;
        if let Some(signing) = &current.signing {
            if c.registered_on < signing.signed_on {
                return Err(messages::registered_before_signing(c.registered_on, signing.signed_on));
            }
        }
        let due_on = registration_due(header.fiscal_year_from)
            .ok_or_else(|| messages::fiscal_year_out_of_range(header.fiscal_year_from))?;
        Ok(vec![PlanRegistered {
            plan_id: header.plan_id,
            revision: current.number,
            reference,
            registered_on: c.registered_on,
            due_on,
            late: c.registered_on > due_on,
        }
        .into()])
    }

    fn amend(&self, c: &AmendPlan) -> Result<Vec<PlanEvent>, DomainError> {
        let (header, current) = self.drafted()?;
        if !Step::Amend.allowed_from().contains(&current.status) {
            return Err(match current.number {
                1 => messages::wrong_status(Step::Amend, current.status, current.number),
                _ => messages::amendment_in_progress(current.number),
            });
        }
        let reason = clean_text(&c.reason, Field::AmendmentReason, MAX_TEXT)?;
        let revision = current.number.checked_add(1).ok_or_else(messages::too_many_revisions)?;
        Ok(vec![PlanAmendmentStarted {
            plan_id: header.plan_id,
            revision,
            based_on: current.number,
            reason,
        }
        .into()])
    }

    fn schedule_meeting(&self, c: &ScheduleMeeting, ctx: &Context) -> Result<Vec<PlanEvent>, DomainError> {
        let (header, _) = self.drafted()?;
        let title = clean_line(&c.title, Field::MeetingTitle, MAX_MEETING_LINE)?;
        let place = clean_line(&c.place, Field::MeetingPlace, MAX_MEETING_LINE)?;
        if c.agenda.is_empty() {
            return Err(text::field_empty(Field::MeetingAgenda));
        }
        if c.agenda.len() > MAX_AGENDA_ITEMS {
            return Err(messages::too_many_agenda_items(c.agenda.len(), MAX_AGENDA_ITEMS));
        }
        let mut agenda = Vec::with_capacity(c.agenda.len());
        for (index, item) in c.agenda.iter().enumerate() {
            let item = clean_line(item, Field::MeetingAgenda, MAX_MEETING_LINE)
                .map_err(|e| messages::in_agenda_item(index + 1, e))?;
            agenda.push(item);
        }
        let existing = self.meeting(c.meeting_id);
        if let Some(meeting) = existing {
            if meeting.is_cancelled() {
                return Err(messages::meeting_cancelled(&meeting.schedule.title));
            }
            let same = &meeting.schedule;
            if same.title == title && same.starts_at == c.starts_at && same.place == place && same.agenda == agenda {
                return Ok(vec![]);
            }
        }
        let now = bangkok_now(ctx);
        if c.starts_at < now {
            return Err(messages::meeting_in_past(c.starts_at, now));
        }
        if c.starts_at - now > chrono::Duration::days(MAX_MEETING_DAYS_AHEAD) {
            return Err(messages::meeting_too_far(c.starts_at, MAX_MEETING_DAYS_AHEAD));
        }
        Ok(vec![MeetingScheduled {
            plan_id: header.plan_id,
            meeting_id: c.meeting_id,
            title,
            starts_at: c.starts_at,
            place,
            agenda,
            previous_starts_at: existing.map(|meeting| meeting.schedule.starts_at),
        }
        .into()])
    }

    fn cancel_meeting(&self, c: &CancelMeeting) -> Result<Vec<PlanEvent>, DomainError> {
        let (header, _) = self.drafted()?;
        let meeting = self
            .meeting(c.meeting_id)
            .ok_or_else(|| messages::meeting_not_found(c.meeting_id))?;
        if meeting.is_cancelled() {
            return Err(messages::meeting_cancelled(&meeting.schedule.title));
        }
        let reason = clean_text(&c.reason, Field::CancelReason, MAX_TEXT)?;
        Ok(vec![MeetingCancelled {
            plan_id: header.plan_id,
            meeting_id: c.meeting_id,
            reason,
        }
        .into()])
    }
}

/// The e-PlanNACC registration deadline of a plan whose first fiscal year is `fiscal_year_from`
/// (BE): 30 September before that year starts, i.e. 30 Sep (B−544 CE). FY2567 → 2023-09-30.
pub fn registration_due(fiscal_year_from: u16) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(fiscal_year_from) - 544, 9, 30)
}

/// Today's date in Thailand (UTC+7 all year), the calendar the documents' dates use.
fn today(ctx: &Context) -> NaiveDate {
    match FixedOffset::east_opt(7 * 3600) {
        Some(bangkok) => ctx.now.with_timezone(&bangkok).date_naive(),
        None => ctx.now.date_naive(),
    }
}

/// The Bangkok wall-clock time now, to the second: what a meeting's `starts_at` is compared with.
fn bangkok_now(ctx: &Context) -> NaiveDateTime {
    match FixedOffset::east_opt(7 * 3600) {
        Some(bangkok) => ctx.now.with_timezone(&bangkok).naive_local(),
        None => ctx.now.naive_utc(),
    }
}

fn not_after_today(date: NaiveDate, field: Field, ctx: &Context) -> Result<(), DomainError> {
    let today = today(ctx);
    if date > today {
        return Err(messages::date_in_future(field, date, today));
    }
    Ok(())
}

/// The form codes are compared in: no whitespace, Thai digits as Arabic ones ("๑.๒" = "1.2").
fn code_key(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '๐'..='๙' => char::from_digit(u32::from(c) - u32::from('๐'), 10).unwrap_or(c),
            other => other,
        })
        .collect()
}

fn check_budget(code: &str, fiscal_year: Option<u16>, budget: Budget) -> Result<(), DomainError> {
    match budget {
        Budget::Amount { satang } if satang < 0 => Err(messages::negative_budget(code, fiscal_year)),
        Budget::Amount { satang } if satang > MAX_SATANG => Err(messages::budget_too_large(code, fiscal_year)),
        _ => Ok(()),
    }
}

/// Cleans and checks an item on its own: texts, budgets, and yearly budgets within the plan's years.
fn clean_item(raw: PlanItem, header: &PlanDrafted) -> Result<PlanItem, DomainError> {
    let code = clean_line(&raw.code, Field::Code, MAX_CODE)?;
    let name = clean_line(&raw.name, Field::Name, MAX_LINE)?;
    let dimension = clean_line(&raw.dimension, Field::Dimension, MAX_LINE)?;
    let sub_dimension = clean_optional(raw.sub_dimension.as_deref(), Field::SubDimension, clean_line, MAX_LINE)?;
    let objective = clean_optional(raw.objective.as_deref(), Field::Objective, clean_text, MAX_TEXT)?;
    let indicator = clean_optional(raw.indicator.as_deref(), Field::Indicator, clean_text, MAX_TEXT)?;
    let target = clean_optional(raw.target.as_deref(), Field::Target, clean_text, MAX_TEXT)?;
    let org_unit_name = clean_optional(raw.org_unit_name.as_deref(), Field::OrgUnitName, clean_line, MAX_LINE)?;
    if raw.parent_item_id == Some(raw.item_id) {
        return Err(messages::parent_is_self(&code));
    }
    check_budget(&code, None, raw.budget)?;
    let years = header.fiscal_year_from..=header.fiscal_year_to;
    let mut yearly_budgets = raw.yearly_budgets;
    yearly_budgets.sort_by_key(|yearly| yearly.fiscal_year);
    let mut previous = None;
    for yearly in &yearly_budgets {
        if !years.contains(&yearly.fiscal_year) {
            return Err(messages::year_outside_plan(
                &code,
                yearly.fiscal_year,
                header.fiscal_year_from,
                header.fiscal_year_to,
            ));
        }
        if previous == Some(yearly.fiscal_year) {
            return Err(messages::duplicate_year(&code, yearly.fiscal_year));
        }
        previous = Some(yearly.fiscal_year);
        check_budget(&code, Some(yearly.fiscal_year), yearly.budget)?;
    }
    Ok(PlanItem {
        code,
        name,
        dimension,
        sub_dimension,
        objective,
        indicator,
        target,
        org_unit_name,
        yearly_budgets,
        ..raw
    })
}

/// Checks an item against the rest of the revision: a unique code, an existing parent, no cycle.
fn check_place(revision: &Revision, item: &PlanItem) -> Result<(), DomainError> {
    let key = code_key(&item.code);
    if let Some(other) = revision
        .items
        .iter()
        .find(|other| other.item_id != item.item_id && code_key(&other.code) == key)
    {
        return Err(messages::code_taken(&item.code, &other.name));
    }
    if let Some(parent_id) = item.parent_item_id {
        let parent = revision
            .item(parent_id)
            .ok_or_else(|| messages::parent_not_found(parent_id))?;
        if revision.is_within(parent_id, item.item_id) {
            return Err(messages::parent_cycle(&item.code, &parent.code));
        }
    }
    Ok(())
}

impl Aggregate for Plan {
    type Command = PlanCommand;
    type Event = PlanEvent;

    fn handle(&self, command: &PlanCommand, ctx: &Context) -> Result<Vec<PlanEvent>, DomainError> {
        if ctx.actor == Actor::Anonymous {
            return Err(messages::anonymous_forbidden());
        }
        // The committee endorses or returns; the secretariat does everything else, recording the
        // chief executive's signature and the e-PlanNACC registration too. Meetings are arranged
        // by the secretariat or an admin.
        let refusal = match command {
            PlanCommand::EndorsePlan(_) | PlanCommand::ReturnPlan(_) => {
                (!ctx.has_role(Role::Committee)).then(|| messages::role_required(Role::Committee))
            }
            PlanCommand::ScheduleMeeting(_) | PlanCommand::CancelMeeting(_) => {
                let allowed = ctx.has_role(Role::Secretariat) || ctx.has_role(Role::Admin);
                (!allowed).then(messages::meetings_role_required)
            }
            _ => (!ctx.has_role(Role::Secretariat)).then(|| messages::role_required(Role::Secretariat)),
        };
        if let Some(refusal) = refusal {
            return Err(refusal);
        }
        match command {
            PlanCommand::DraftPlan(c) => self.draft(c),
            PlanCommand::ImportPlan(c) => self.import(c),
            PlanCommand::AddPlanItem(c) => self.add_item(c),
            PlanCommand::ChangePlanItem(c) => self.change_item(c),
            PlanCommand::RemovePlanItem(c) => self.remove_item(c),
            PlanCommand::SubmitPlanForEndorsement(c) => self.submit(c),
            PlanCommand::EndorsePlan(c) => self.endorse(c, ctx),
            PlanCommand::ReturnPlan(c) => self.return_for_correction(c),
            PlanCommand::SignPlan(c) => self.sign(c, ctx),
            PlanCommand::RegisterPlan(c) => self.register(c, ctx),
            PlanCommand::AmendPlan(c) => self.amend(c),
            PlanCommand::ScheduleMeeting(c) => self.schedule_meeting(c, ctx),
            PlanCommand::CancelMeeting(c) => self.cancel_meeting(c),
        }
    }

    fn apply(&mut self, event: &PlanEvent) {
        match event {
            PlanEvent::PlanDrafted(e) => {
                self.revisions = vec![Revision::open(1, e, Vec::new(), None)];
                self.header = Some(e.clone());
                self.endorsed = None;
            }
            PlanEvent::PlanItemAdded(e) => {
                if let Some(revision) = self.revision_mut(e.revision) {
                    revision.items.push(e.item.clone());
                }
            }
            PlanEvent::PlanItemChanged(e) => {
                if let Some(revision) = self.revision_mut(e.revision) {
                    match revision.items.iter_mut().find(|item| item.item_id == e.item.item_id) {
                        Some(slot) => *slot = e.item.clone(),
                        None => revision.items.push(e.item.clone()),
                    }
                }
            }
            PlanEvent::PlanItemRemoved(e) => {
                if let Some(revision) = self.revision_mut(e.revision) {
                    revision.items.retain(|item| item.item_id != e.item_id);
                }
            }
            PlanEvent::PlanSubmittedForEndorsement(e) => {
                if let Some(revision) = self.revision_mut(e.revision) {
                    revision.status = RevisionStatus::Submitted;
                    revision.submissions.push(e.clone());
                }
            }
            PlanEvent::PlanEndorsed(e) => {
                if let Some(revision) = self.revision_mut(e.revision) {
                    revision.status = RevisionStatus::Endorsed;
                    revision.endorsement = Some(e.clone());
                    self.endorsed = Some(e.revision);
                }
            }
            PlanEvent::PlanReturned(e) => {
                if let Some(revision) = self.revision_mut(e.revision) {
                    revision.status = RevisionStatus::Returned;
                    revision.returns.push(e.clone());
                }
            }
            PlanEvent::PlanSigned(e) => {
                if let Some(revision) = self.revision_mut(e.revision) {
                    revision.status = RevisionStatus::Signed;
                    revision.signing = Some(e.clone());
                }
            }
            PlanEvent::PlanRegistered(e) => {
                if let Some(revision) = self.revision_mut(e.revision) {
                    revision.status = RevisionStatus::Registered;
                    revision.registration = Some(e.clone());
                }
            }
            PlanEvent::PlanAmendmentStarted(e) => {
                let items = self
                    .revision(e.based_on)
                    .map(|revision| revision.items.clone())
                    .unwrap_or_default();
                if let Some(header) = &self.header {
                    let revision = Revision::open(e.revision, header, items, Some(e.clone()));
                    self.revisions.push(revision);
                }
            }
            PlanEvent::MeetingScheduled(e) => match self.meetings.iter_mut().find(|m| m.meeting_id() == e.meeting_id) {
                Some(meeting) => meeting.schedule = e.clone(),
                None => self.meetings.push(Meeting {
                    schedule: e.clone(),
                    cancellation: None,
                }),
            },
            PlanEvent::MeetingCancelled(e) => {
                if let Some(meeting) = self.meetings.iter_mut().find(|m| m.meeting_id() == e.meeting_id) {
                    meeting.cancellation = Some(e.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use sujarit_contracts::plan::{ItemKind, YearlyBudget};
    use sujarit_contracts::ErrorCode;

    use super::*;
    use crate::aggregate::testing::{assert_refused, given_when, person};
    use crate::aggregate::Profile;

    const PLAN: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_5111);

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn baht(amount: i64) -> Budget {
        Budget::Amount { satang: amount * 100 }
    }

    /// A person acting on a given day (10:00 in Bangkok).
    fn on(y: i32, m: u32, d: u32) -> Context {
        let now: DateTime<Utc> = date(y, m, d).and_hms_opt(3, 0, 0).unwrap().and_utc();
        // Someone of the secretariat who also sits on the committee: every step is theirs.
        let profile = Some(Profile {
            roles: vec![Role::Secretariat, Role::Committee],
            org_unit_id: None,
        });
        Context {
            now,
            profile,
            ..person()
        }
    }

    /// Late enough for every date the fixtures use.
    fn later() -> Context {
        on(2024, 6, 1)
    }

    fn draft(from: u16, to: u16) -> PlanCommand {
        DraftPlan {
            plan_id: PLAN,
            title: format!("แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {from}"),
            fiscal_year_from: from,
            fiscal_year_to: to,
            owner_org_unit_id: Some(id(900)),
        }
        .into()
    }

    fn drafted(from: u16, to: u16) -> PlanEvent {
        PlanDrafted {
            plan_id: PLAN,
            title: format!("แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {from}"),
            fiscal_year_from: from,
            fiscal_year_to: to,
            owner_org_unit_id: Some(id(900)),
        }
        .into()
    }

    /// An item command with plain defaults: a project at the top, an activity below a parent.
    fn item(n: u128, code: &str, parent: Option<u128>, budget: Budget) -> AddPlanItem {
        AddPlanItem {
            plan_id: PLAN,
            item: PlanItem {
                item_id: id(n),
                code: code.into(),
                parent_item_id: parent.map(id),
                dimension: "มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต".into(),
                sub_dimension: None,
                kind: if parent.is_some() {
                    ItemKind::Activity
                } else {
                    ItemKind::Project
                },
                name: format!("โครงการ {code}"),
                objective: None,
                indicator: None,
                target: None,
                budget,
                yearly_budgets: vec![],
                planned_quarters: [false, true, true, false],
                org_unit_id: Some(id(901)),
                org_unit_name: None,
            },
        }
    }

    fn add(n: u128, code: &str, parent: Option<u128>, budget: Budget) -> PlanCommand {
        item(n, code, parent, budget).into()
    }

    fn change(add: &AddPlanItem) -> ChangePlanItem {
        ChangePlanItem {
            plan_id: add.plan_id,
            item: add.item.clone(),
        }
    }

    fn remove(n: u128) -> PlanCommand {
        RemovePlanItem {
            plan_id: PLAN,
            item_id: id(n),
        }
        .into()
    }

    fn submit() -> PlanCommand {
        SubmitPlanForEndorsement {
            plan_id: PLAN,
            meeting: "ประชุมคณะทำงาน ครั้งที่ 2/2566".into(),
            agenda_item: "ระเบียบวาระที่ 3.1 เรื่องเพื่อพิจารณา".into(),
        }
        .into()
    }

    fn endorse(meeting_date: NaiveDate) -> PlanCommand {
        EndorsePlan {
            plan_id: PLAN,
            meeting_no: "3/2566".into(),
            meeting_date,
            resolution: "ที่ประชุมมีมติเห็นชอบ".into(),
        }
        .into()
    }

    fn return_with(reasons: &[&str]) -> PlanCommand {
        ReturnPlan {
            plan_id: PLAN,
            reasons: reasons.iter().map(|r| r.to_string()).collect(),
        }
        .into()
    }

    fn sign(signed_on: NaiveDate, effective_from: NaiveDate) -> PlanCommand {
        SignPlan {
            plan_id: PLAN,
            signed_on,
            effective_from,
        }
        .into()
    }

    fn register(registered_on: NaiveDate) -> PlanCommand {
        RegisterPlan {
            plan_id: PLAN,
            reference: "ePlanNACC-2567-0042".into(),
            registered_on,
        }
        .into()
    }

    fn amend(reason: &str) -> PlanCommand {
        AmendPlan {
            plan_id: PLAN,
            reason: reason.into(),
        }
        .into()
    }

    /// Decides commands one after another from an empty plan; the events they record.
    fn history(commands: Vec<PlanCommand>) -> Vec<PlanEvent> {
        with(Vec::new(), commands)
    }

    /// Given these events, decides more commands, each of which must be accepted; all the events.
    fn with(mut events: Vec<PlanEvent>, more: Vec<PlanCommand>) -> Vec<PlanEvent> {
        let mut state = Plan::from_history(&events);
        let ctx = later();
        for command in more {
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

    /// A one-year FY2567 plan with one project, still a draft.
    fn one_item() -> Vec<PlanEvent> {
        history(vec![draft(2567, 2567), add(1, "1", None, baht(10_000))])
    }

    fn submitted() -> Vec<PlanEvent> {
        with(one_item(), vec![submit()])
    }

    fn endorsed() -> Vec<PlanEvent> {
        with(submitted(), vec![endorse(date(2023, 8, 15))])
    }

    fn signed() -> Vec<PlanEvent> {
        with(endorsed(), vec![sign(date(2023, 8, 20), date(2023, 10, 1))])
    }

    fn registered() -> Vec<PlanEvent> {
        with(signed(), vec![register(date(2023, 9, 25))])
    }

    fn when(given: Vec<PlanEvent>, command: impl Into<PlanCommand>) -> Result<Vec<PlanEvent>, DomainError> {
        given_when::<Plan>(given, command.into(), &later())
    }

    fn refused(given: Vec<PlanEvent>, command: impl Into<PlanCommand>) -> DomainError {
        match when(given, command) {
            Ok(events) => panic!("accepted: {events:?}"),
            Err(e) => e,
        }
    }

    // Drafting.

    #[test]
    fn drafting_a_plan_records_its_cleaned_title_years_and_owner() {
        let then = given_when::<Plan>(
            vec![],
            DraftPlan {
                plan_id: PLAN,
                title: "  แผนปฏิบัติการ   ป้องกันการทุจริต\n อบจ.พัทลุง ".into(),
                fiscal_year_from: 2566,
                fiscal_year_to: 2570,
                owner_org_unit_id: Some(id(900)),
            }
            .into(),
            &later(),
        )
        .unwrap();
        assert_eq!(
            then,
            vec![PlanDrafted {
                plan_id: PLAN,
                title: "แผนปฏิบัติการ ป้องกันการทุจริต อบจ.พัทลุง".into(),
                fiscal_year_from: 2566,
                fiscal_year_to: 2570,
                owner_org_unit_id: Some(id(900)),
            }
            .into()]
        );
        let plan = Plan::from_history(&then);
        let current = plan.current().unwrap();
        assert_eq!((current.number, current.status), (1, RevisionStatus::Draft));
        assert!(!plan.can_report());
    }

    #[test]
    fn drafting_a_plan_that_exists_is_a_conflict_naming_its_title() {
        let err = refused(vec![drafted(2567, 2567)], draft(2568, 2568));
        assert_refused(&err, ErrorCode::Conflict, "2567", "already drafted");
    }

    #[test]
    fn fiscal_years_must_be_buddhist_era_in_order_and_span_at_most_twenty_years() {
        let err = refused(vec![], draft(2024, 2024));
        assert_refused(&err, ErrorCode::Validation, "2024", "Buddhist Era");
        let err = refused(vec![], draft(2570, 2566));
        assert_refused(&err, ErrorCode::Validation, "2570", "after");
        let err = refused(vec![], draft(2561, 2581));
        assert_refused(&err, ErrorCode::Validation, "20", "20 fiscal years");
        assert!(
            when(vec![], draft(2561, 2580)).is_ok(),
            "the master plan's 2561–2580 fits"
        );
    }

    #[test]
    fn a_blank_title_is_a_validation_error_naming_the_title() {
        let err = refused(
            vec![],
            DraftPlan {
                plan_id: PLAN,
                title: " \n ".into(),
                fiscal_year_from: 2567,
                fiscal_year_to: 2567,
                owner_org_unit_id: None,
            },
        );
        assert_refused(&err, ErrorCode::Validation, "ชื่อแผนต้องไม่ว่าง", "title must not be empty");
    }

    #[test]
    fn commands_on_a_plan_never_drafted_are_not_found() {
        let commands = [
            add(1, "1", None, baht(1)),
            change(&item(1, "1", None, baht(1))).into(),
            remove(1),
            submit(),
            endorse(date(2023, 8, 15)),
            return_with(&["x"]),
            sign(date(2023, 8, 20), date(2023, 10, 1)),
            register(date(2023, 9, 25)),
            amend("x"),
        ];
        for command in commands {
            let err = refused(vec![], command);
            assert_refused(&err, ErrorCode::NotFound, "ไม่พบแผน", "no such plan");
        }
    }

    fn import(items: Vec<AddPlanItem>) -> PlanCommand {
        ImportPlan {
            plan_id: PLAN,
            title: "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2567".into(),
            fiscal_year_from: 2567,
            fiscal_year_to: 2567,
            owner_org_unit_id: Some(id(900)),
            items: items.into_iter().map(|add| add.item).collect(),
        }
        .into()
    }

    #[test]
    fn importing_a_plan_drafts_it_and_adds_every_item_in_one_decision() {
        let then = given_when::<Plan>(
            vec![],
            import(vec![item(1, "1", None, baht(0)), item(2, "1.1", Some(1), baht(7_250))]),
            &later(),
        )
        .unwrap();
        let types: Vec<&str> = then.iter().map(sujarit_contracts::DomainEvent::event_type).collect();
        assert_eq!(types, ["PlanDrafted", "PlanItemAdded", "PlanItemAdded"]);
        let plan = Plan::from_history(&then);
        assert_eq!(plan.current().map(|r| r.items.len()), Some(2));
    }

    #[test]
    fn an_import_with_one_bad_item_records_nothing_and_names_the_item() {
        // The sub-item comes before its parent: the parent is unknown at that point.
        let err = given_when::<Plan>(
            vec![],
            import(vec![item(2, "1.1", Some(1), baht(10)), item(1, "1", None, baht(0))]),
            &later(),
        )
        .unwrap_err();
        assert!(err.message.en.starts_with("item 1 (code 1.1)"), "{}", err.message.en);
        assert!(err.message.th.starts_with("รายการที่ 1 (รหัส 1.1)"), "{}", err.message.th);
        let err = given_when::<Plan>(
            vec![],
            import(vec![item(1, "1", None, baht(0)), item(2, "๑", None, baht(0))]),
            &later(),
        )
        .unwrap_err();
        assert!(err.message.en.starts_with("item 2 (code ๑)"), "{}", err.message.en);
    }

    #[test]
    fn importing_over_an_existing_plan_is_a_conflict() {
        let err = given_when::<Plan>(one_item(), import(vec![item(5, "5", None, baht(1))]), &later()).unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
    }

    #[test]
    fn only_the_committee_endorses_or_returns_and_only_the_secretariat_does_the_rest() {
        let as_role = |role: Role| Context {
            profile: Some(Profile {
                roles: vec![role],
                org_unit_id: None,
            }),
            ..later()
        };
        let secretariat = as_role(Role::Secretariat);
        let committee = as_role(Role::Committee);
        let err = given_when::<Plan>(submitted(), endorse(date(2023, 8, 15)), &secretariat).unwrap_err();
        assert_refused(&err, ErrorCode::Forbidden, "คณะกรรมการ", "only the committee");
        assert!(given_when::<Plan>(submitted(), endorse(date(2023, 8, 15)), &committee).is_ok());
        assert!(given_when::<Plan>(submitted(), return_with(&["x"]), &committee).is_ok());
        let err = given_when::<Plan>(vec![], draft(2567, 2567), &committee).unwrap_err();
        assert_refused(&err, ErrorCode::Forbidden, "ฝ่ายเลขานุการ", "only the secretariat");
        let err = given_when::<Plan>(vec![], draft(2567, 2567), &as_role(Role::Officer)).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        // A person the ledger does not know holds no role at all.
        let nobody = Context {
            profile: None,
            ..later()
        };
        assert_eq!(
            given_when::<Plan>(vec![], draft(2567, 2567), &nobody).unwrap_err().code,
            ErrorCode::Forbidden
        );
    }

    #[test]
    fn an_anonymous_actor_may_send_no_plan_command() {
        let ctx = Context {
            actor: Actor::Anonymous,
            ..later()
        };
        let commands = [
            draft(2567, 2567),
            add(2, "2", None, baht(1)),
            change(&item(1, "1", None, baht(1))).into(),
            remove(1),
            submit(),
            endorse(date(2023, 8, 15)),
            return_with(&["x"]),
            sign(date(2023, 8, 20), date(2023, 10, 1)),
            register(date(2023, 9, 25)),
            amend("x"),
            schedule_at(local(2024, 6, 12, 9, 30)).into(),
            cancel("x").into(),
        ];
        for command in commands {
            let err = given_when::<Plan>(one_item(), command.clone(), &ctx).unwrap_err();
            assert_eq!(err.code, ErrorCode::Forbidden, "{}", command.name());
        }
    }

    #[test]
    fn a_service_actor_may_draft_a_plan_for_an_import() {
        let ctx = Context {
            actor: Actor::Service("importer".into()),
            ..later()
        };
        assert!(given_when::<Plan>(vec![], draft(2567, 2567), &ctx).is_ok());
    }

    // Items.

    #[test]
    fn adding_an_item_records_it_cleaned_with_its_budget_kept_as_not_needed() {
        let mut command = item(1, " 1.2 ", None, Budget::NotNeeded);
        command.item.name = "  กิจกรรม  ประกาศเจตนารมณ์ No gift Policy ".into();
        command.item.objective = Some("  เพื่อสร้างวัฒนธรรมองค์กร\nที่ไม่รับของขวัญ  ".into());
        command.item.indicator = Some("   ".into());
        command.item.sub_dimension = Some("".into());
        let then = when(history(vec![draft(2567, 2567)]), command.clone()).unwrap();
        let expected = PlanItem {
            code: "1.2".into(),
            name: "กิจกรรม ประกาศเจตนารมณ์ No gift Policy".into(),
            objective: Some("เพื่อสร้างวัฒนธรรมองค์กร\nที่ไม่รับของขวัญ".into()),
            indicator: None,
            sub_dimension: None,
            ..command.item.clone()
        };
        assert_eq!(
            then,
            vec![PlanItemAdded {
                plan_id: PLAN,
                revision: 1,
                item: expected,
            }
            .into()]
        );
        let plan = Plan::from_history(&with(history(vec![draft(2567, 2567)]), vec![command.into()]));
        assert_eq!(plan.current().unwrap().items[0].budget, Budget::NotNeeded);
    }

    #[test]
    fn adding_an_item_whose_id_is_already_in_the_revision_is_a_conflict() {
        let err = refused(one_item(), add(1, "9", None, baht(1)));
        assert_refused(&err, ErrorCode::Conflict, "1", "already in the plan");
    }

    #[test]
    fn item_codes_are_unique_within_a_revision_whatever_digits_they_are_typed_in() {
        let given = history(vec![draft(2567, 2567), add(1, "1.2", None, baht(1))]);
        let err = refused(given.clone(), add(2, "๑.๒", None, baht(1)));
        assert_refused(&err, ErrorCode::Conflict, "๑.๒", "already used by \"โครงการ 1.2\"");
        assert!(when(given, add(2, "1.3", None, baht(1))).is_ok());
    }

    #[test]
    fn an_item_under_a_parent_that_does_not_exist_is_not_found() {
        let err = refused(one_item(), add(2, "1.1", Some(77), baht(1)));
        assert_refused(&err, ErrorCode::NotFound, "รายการหลัก", "parent item");
    }

    #[test]
    fn an_item_cannot_be_its_own_parent() {
        let mut command = change(&item(1, "1", None, baht(1)));
        command.item.parent_item_id = Some(id(1));
        let err = refused(one_item(), command);
        assert_refused(&err, ErrorCode::Validation, "1", "its own parent");
    }

    #[test]
    fn moving_an_item_below_its_own_sub_item_is_refused_as_a_cycle() {
        let given = with(
            one_item(),
            vec![add(2, "1.1", Some(1), baht(1)), add(3, "1.1.1", Some(2), baht(1))],
        );
        let mut command = change(&item(1, "1", None, baht(10_000)));
        command.item.parent_item_id = Some(id(3));
        let err = refused(given.clone(), command);
        assert_refused(&err, ErrorCode::Validation, "1.1.1", "lies under item 1");
        let mut sideways = change(&item(3, "1.1.1", Some(2), baht(1)));
        sideways.item.parent_item_id = Some(id(1));
        assert!(when(given, sideways).is_ok(), "moving up the tree is fine");
    }

    #[test]
    fn a_negative_budget_is_refused_for_the_item_and_for_each_year() {
        let err = refused(
            history(vec![draft(2567, 2567)]),
            add(1, "3.1", None, Budget::Amount { satang: -1 }),
        );
        assert_refused(&err, ErrorCode::Validation, "3.1", "must not be negative");
        let mut yearly = item(1, "3.1", None, baht(10));
        yearly.item.yearly_budgets = vec![YearlyBudget {
            fiscal_year: 2567,
            budget: Budget::Amount { satang: -5 },
        }];
        let err = refused(history(vec![draft(2567, 2567)]), yearly);
        assert_refused(&err, ErrorCode::Validation, "2567", "fiscal year 2567");
        let err = refused(
            history(vec![draft(2567, 2567)]),
            add(1, "3.1", None, Budget::Amount { satang: MAX_SATANG + 1 }),
        );
        assert_refused(&err, ErrorCode::Validation, "3.1", "too large");
    }

    #[test]
    fn yearly_budgets_must_lie_within_the_plans_years_once_each() {
        let given = history(vec![draft(2566, 2570)]);
        let mut outside = item(1, "1", None, baht(10));
        outside.item.yearly_budgets = vec![YearlyBudget {
            fiscal_year: 2571,
            budget: baht(10),
        }];
        let err = refused(given.clone(), outside);
        assert_refused(
            &err,
            ErrorCode::Validation,
            "2566–2570",
            "fiscal year 2571, which is outside",
        );
        let mut twice = item(1, "1", None, baht(10));
        twice.item.yearly_budgets = vec![
            YearlyBudget {
                fiscal_year: 2567,
                budget: baht(5),
            },
            YearlyBudget {
                fiscal_year: 2567,
                budget: baht(5),
            },
        ];
        let err = refused(given, twice);
        assert_refused(&err, ErrorCode::Validation, "2567", "more than once");
    }

    #[test]
    fn yearly_budgets_are_recorded_in_fiscal_year_order() {
        let mut command = item(1, "1", None, baht(30));
        command.item.yearly_budgets = vec![
            YearlyBudget {
                fiscal_year: 2568,
                budget: baht(20),
            },
            YearlyBudget {
                fiscal_year: 2566,
                budget: baht(10),
            },
        ];
        let then = when(history(vec![draft(2566, 2570)]), command).unwrap();
        let PlanEvent::PlanItemAdded(added) = &then[0] else {
            panic!("{then:?}")
        };
        let years: Vec<u16> = added.item.yearly_budgets.iter().map(|y| y.fiscal_year).collect();
        assert_eq!(years, vec![2566, 2568]);
    }

    #[test]
    fn an_item_needs_a_code_a_name_and_a_dimension() {
        let given = history(vec![draft(2567, 2567)]);
        let no_code = item(1, " ", None, baht(1));
        assert_refused(
            &refused(given.clone(), no_code),
            ErrorCode::Validation,
            "รหัสรายการ",
            "item code",
        );
        let mut no_name = item(1, "1", None, baht(1));
        no_name.item.name = "".into();
        assert_refused(
            &refused(given.clone(), no_name),
            ErrorCode::Validation,
            "ชื่อโครงการ",
            "name",
        );
        let mut no_dimension = item(1, "1", None, baht(1));
        no_dimension.item.dimension = "\t".into();
        assert_refused(
            &refused(given.clone(), no_dimension),
            ErrorCode::Validation,
            "มิติ",
            "dimension",
        );
        let long_code = item(1, &"1.".repeat(MAX_CODE), None, baht(1));
        assert_refused(
            &refused(given, long_code),
            ErrorCode::Validation,
            "รหัสรายการ",
            "longer than",
        );
    }

    #[test]
    fn changing_an_item_replaces_all_its_fields() {
        let mut changed = change(&item(1, "1", None, baht(10_000)));
        changed.item.name = "โครงการอบรมคุณธรรม".into();
        changed.item.kind = ItemKind::Measure;
        changed.item.budget = Budget::NotStated;
        changed.item.planned_quarters = [true, false, false, false];
        changed.item.org_unit_id = None;
        let then = when(one_item(), changed.clone()).unwrap();
        assert_eq!(
            then,
            vec![PlanItemChanged {
                plan_id: PLAN,
                revision: 1,
                item: changed.item.clone(),
            }
            .into()]
        );
        let plan = Plan::from_history(&[one_item(), then].concat());
        assert_eq!(plan.current().unwrap().items, vec![changed.item.clone()]);
    }

    #[test]
    fn changing_an_item_to_what_it_already_is_records_nothing() {
        let mut same = change(&item(1, "1", None, baht(10_000)));
        same.item.name = "  โครงการ   1 ".into();
        assert_eq!(when(one_item(), same).unwrap(), vec![]);
    }

    #[test]
    fn changing_or_removing_an_unknown_item_is_not_found() {
        let err = refused(one_item(), change(&item(5, "5", None, baht(1))));
        assert_refused(&err, ErrorCode::NotFound, "ไม่พบรายการ", "not in the current revision");
        let err = refused(one_item(), remove(5));
        assert_eq!(err.code, ErrorCode::NotFound);
    }

    #[test]
    fn changing_an_item_to_another_items_code_is_a_conflict_but_keeping_its_own_is_fine() {
        let given = with(one_item(), vec![add(2, "2", None, baht(5))]);
        let mut clash = change(&item(2, "1", None, baht(5)));
        clash.item.budget = baht(6);
        assert_refused(&refused(given.clone(), clash), ErrorCode::Conflict, "1", "already used");
        let mut keep = change(&item(2, "2", None, baht(5)));
        keep.item.budget = baht(6);
        assert_eq!(when(given, keep).unwrap().len(), 1);
    }

    #[test]
    fn removing_an_item_with_sub_items_is_a_conflict_but_a_leaf_goes() {
        let given = with(
            one_item(),
            vec![add(2, "1.1", Some(1), baht(1)), add(3, "1.2", Some(1), baht(1))],
        );
        let err = refused(given.clone(), remove(1));
        assert_refused(
            &err,
            ErrorCode::Conflict,
            "มีรายการย่อย 2 รายการ",
            "item 1 has 2 sub-items",
        );
        let then = when(given.clone(), remove(3)).unwrap();
        assert_eq!(
            then,
            vec![PlanItemRemoved {
                plan_id: PLAN,
                revision: 1,
                item_id: id(3),
            }
            .into()]
        );
        let plan = Plan::from_history(&[given, then].concat());
        assert_eq!(plan.current().unwrap().items.len(), 2);
    }

    #[test]
    fn items_cannot_be_changed_once_the_plan_is_submitted_for_endorsement() {
        for command in [
            add(2, "2", None, baht(1)),
            change(&item(1, "1", None, baht(1))).into(),
            remove(1),
        ] {
            let err = refused(submitted(), command);
            assert_refused(
                &err,
                ErrorCode::Conflict,
                "ร่างแผนถูกส่งให้ที่ประชุมพิจารณาแล้ว แก้ไขรายการไม่ได้",
                "the plan is submitted for endorsement; items cannot be changed",
            );
        }
    }

    #[test]
    fn items_cannot_be_changed_once_endorsed_signed_or_registered() {
        for (given, th, en) in [
            (endorsed(), "ได้รับความเห็นชอบ", "is endorsed"),
            (signed(), "ลงนามประกาศใช้แล้ว", "start an amendment"),
            (registered(), "e-PlanNACC", "start an amendment"),
        ] {
            let err = refused(given, add(2, "2", None, baht(1)));
            assert_refused(&err, ErrorCode::Conflict, th, en);
        }
    }

    #[test]
    fn a_plan_may_hold_at_most_max_items() {
        let mut commands = vec![draft(2567, 2567)];
        commands.extend((0..MAX_ITEMS as u128).map(|n| add(n + 1, &format!("{n}"), None, baht(1))));
        let err = refused(history(commands), add(99_999, "x", None, baht(1)));
        assert_refused(&err, ErrorCode::Validation, "2000", "at most 2000 items");
    }

    // Approval.

    #[test]
    fn submitting_records_the_meeting_and_agenda_item() {
        let then = when(one_item(), submit()).unwrap();
        assert_eq!(
            then,
            vec![PlanSubmittedForEndorsement {
                plan_id: PLAN,
                revision: 1,
                meeting: "ประชุมคณะทำงาน ครั้งที่ 2/2566".into(),
                agenda_item: "ระเบียบวาระที่ 3.1 เรื่องเพื่อพิจารณา".into(),
            }
            .into()]
        );
        let plan = Plan::from_history(&[one_item(), then].concat());
        assert_eq!(plan.current().unwrap().status, RevisionStatus::Submitted);
    }

    #[test]
    fn submitting_a_plan_without_items_is_a_validation_error() {
        let err = refused(history(vec![draft(2567, 2567)]), submit());
        assert_refused(&err, ErrorCode::Validation, "ยังไม่มีรายการ", "no items");
    }

    #[test]
    fn submitting_needs_a_meeting_and_an_agenda_item() {
        let err = refused(
            one_item(),
            SubmitPlanForEndorsement {
                plan_id: PLAN,
                meeting: " ".into(),
                agenda_item: "3.1".into(),
            },
        );
        assert_refused(&err, ErrorCode::Validation, "การประชุม", "the meeting must not be empty");
        let err = refused(
            one_item(),
            SubmitPlanForEndorsement {
                plan_id: PLAN,
                meeting: "ครั้งที่ 2/2566".into(),
                agenda_item: "".into(),
            },
        );
        assert_refused(&err, ErrorCode::Validation, "ระเบียบวาระ", "agenda item");
    }

    #[test]
    fn submitting_a_plan_already_submitted_or_endorsed_is_a_conflict() {
        let err = refused(submitted(), submit());
        assert_refused(&err, ErrorCode::Conflict, "ส่งให้ที่ประชุมพิจารณาไม่ได้", "cannot be submitted");
        let err = refused(endorsed(), submit());
        assert_eq!(err.code, ErrorCode::Conflict);
    }

    #[test]
    fn returning_needs_at_least_one_reason_and_blank_ones_are_dropped() {
        let err = refused(submitted(), return_with(&[" ", ""]));
        assert_refused(&err, ErrorCode::Validation, "เหตุผลที่ส่งกลับ", "reasons for returning");
        let then = when(submitted(), return_with(&["", " งบประมาณกิจกรรม 1.2 ไม่ระบุ "])).unwrap();
        assert_eq!(
            then,
            vec![PlanReturned {
                plan_id: PLAN,
                revision: 1,
                reasons: vec!["งบประมาณกิจกรรม 1.2 ไม่ระบุ".into()],
            }
            .into()]
        );
    }

    #[test]
    fn a_returned_plan_is_editable_and_can_be_submitted_again() {
        let given = with(submitted(), vec![return_with(&["แก้ไขงบประมาณ"])]);
        let plan = Plan::from_history(&given);
        assert_eq!(plan.current().unwrap().status, RevisionStatus::Returned);
        assert!(plan.current().unwrap().status.is_editable());
        let fixed = with(given, vec![change(&item(1, "1", None, baht(12_000))).into()]);
        let then = when(fixed.clone(), submit()).unwrap();
        let plan = Plan::from_history(&[fixed, then].concat());
        let current = plan.current().unwrap();
        assert_eq!(current.status, RevisionStatus::Submitted);
        assert_eq!((current.submissions.len(), current.returns.len()), (2, 1));
    }

    #[test]
    fn endorsing_or_returning_a_plan_not_submitted_is_a_conflict() {
        let err = refused(one_item(), endorse(date(2023, 8, 15)));
        assert_refused(
            &err,
            ErrorCode::Conflict,
            "แผนยังเป็นร่าง",
            "must be submitted for endorsement first",
        );
        let err = refused(one_item(), return_with(&["x"]));
        assert_refused(&err, ErrorCode::Conflict, "ส่งกลับไม่ได้", "cannot be returned");
        let err = refused(endorsed(), return_with(&["x"]));
        assert_eq!(err.code, ErrorCode::Conflict);
        let err = refused(endorsed(), endorse(date(2023, 8, 16)));
        assert_eq!(err.code, ErrorCode::Conflict);
    }

    #[test]
    fn endorsing_records_the_meeting_number_date_and_resolution() {
        let then = when(submitted(), endorse(date(2023, 8, 15))).unwrap();
        assert_eq!(
            then,
            vec![PlanEndorsed {
                plan_id: PLAN,
                revision: 1,
                meeting_no: "3/2566".into(),
                meeting_date: date(2023, 8, 15),
                resolution: "ที่ประชุมมีมติเห็นชอบ".into(),
            }
            .into()]
        );
        let err = refused(
            submitted(),
            EndorsePlan {
                plan_id: PLAN,
                meeting_no: "3/2566".into(),
                meeting_date: date(2023, 8, 15),
                resolution: "  ".into(),
            },
        );
        assert_refused(&err, ErrorCode::Validation, "มติที่ประชุม", "resolution");
    }

    #[test]
    fn an_endorsement_dated_after_today_in_bangkok_is_a_validation_error() {
        // 2023-11-14 20:00 UTC is already 15 November in Bangkok.
        let ctx = Context {
            now: date(2023, 11, 14).and_hms_opt(20, 0, 0).unwrap().and_utc(),
            ..later()
        };
        assert!(given_when::<Plan>(submitted(), endorse(date(2023, 11, 15)), &ctx).is_ok());
        let err = given_when::<Plan>(submitted(), endorse(date(2023, 11, 16)), &ctx).unwrap_err();
        assert_refused(&err, ErrorCode::Validation, "16 พ.ย. 2566", "2023-11-16 is after today");
    }

    #[test]
    fn signing_before_endorsement_is_a_conflict() {
        for given in [one_item(), submitted()] {
            let err = refused(given, sign(date(2023, 8, 20), date(2023, 10, 1)));
            assert_refused(&err, ErrorCode::Conflict, "ลงนามไม่ได้", "must be endorsed first");
        }
    }

    #[test]
    fn signing_records_the_signing_and_effective_dates_as_two_dates_in_either_order() {
        let then = when(endorsed(), sign(date(2023, 8, 20), date(2023, 10, 1))).unwrap();
        assert_eq!(
            then,
            vec![PlanSigned {
                plan_id: PLAN,
                revision: 1,
                signed_on: date(2023, 8, 20),
                effective_from: date(2023, 10, 1),
            }
            .into()]
        );
        // A plan signed late may be in force from the start of the fiscal year, before its signing.
        let backdated = when(endorsed(), sign(date(2023, 10, 20), date(2023, 10, 1))).unwrap();
        let PlanEvent::PlanSigned(signed) = &backdated[0] else {
            panic!("{backdated:?}")
        };
        assert_eq!(
            (signed.signed_on, signed.effective_from),
            (date(2023, 10, 20), date(2023, 10, 1))
        );
    }

    #[test]
    fn signing_before_the_endorsement_meeting_or_in_the_future_is_a_validation_error() {
        let err = refused(endorsed(), sign(date(2023, 8, 14), date(2023, 10, 1)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "15 ส.ค. 2566",
            "before the endorsement meeting on 2023-08-15",
        );
        let err =
            given_when::<Plan>(endorsed(), sign(date(2023, 8, 20), date(2023, 10, 1)), &on(2023, 8, 19)).unwrap_err();
        assert_refused(&err, ErrorCode::Validation, "วันที่ลงนาม", "signing date");
    }

    #[test]
    fn registering_before_signing_is_a_conflict_and_twice_is_a_conflict() {
        let err = refused(endorsed(), register(date(2023, 9, 25)));
        assert_refused(&err, ErrorCode::Conflict, "ลงทะเบียนไม่ได้", "must be signed first");
        let err = refused(registered(), register(date(2023, 9, 26)));
        assert_refused(&err, ErrorCode::Conflict, "e-PlanNACC แล้ว", "registered in e-PlanNACC");
    }

    #[test]
    fn registering_by_30_september_before_the_first_fiscal_year_is_on_time() {
        let then = when(signed(), register(date(2023, 9, 30))).unwrap();
        assert_eq!(
            then,
            vec![PlanRegistered {
                plan_id: PLAN,
                revision: 1,
                reference: "ePlanNACC-2567-0042".into(),
                registered_on: date(2023, 9, 30),
                due_on: date(2023, 9, 30),
                late: false,
            }
            .into()]
        );
    }

    #[test]
    fn registering_a_multi_year_plan_after_30_september_before_its_first_year_is_late() {
        let given = history(vec![
            draft(2566, 2570),
            add(1, "1", None, baht(500_000)),
            submit(),
            endorse(date(2022, 8, 1)),
            sign(date(2022, 8, 10), date(2022, 10, 1)),
        ]);
        let then = when(given, register(date(2022, 10, 1))).unwrap();
        let PlanEvent::PlanRegistered(registered) = &then[0] else {
            panic!("{then:?}")
        };
        assert_eq!((registered.due_on, registered.late), (date(2022, 9, 30), true));
    }

    #[test]
    fn registration_needs_a_reference_a_date_not_before_signing_and_not_in_the_future() {
        let err = refused(
            signed(),
            RegisterPlan {
                plan_id: PLAN,
                reference: " ".into(),
                registered_on: date(2023, 9, 25),
            },
        );
        assert_refused(&err, ErrorCode::Validation, "เลขอ้างอิง", "reference");
        let err = refused(signed(), register(date(2023, 8, 19)));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "20 ส.ค. 2566",
            "before the signing on 2023-08-20",
        );
        let err = given_when::<Plan>(signed(), register(date(2023, 9, 25)), &on(2023, 9, 24)).unwrap_err();
        assert_refused(&err, ErrorCode::Validation, "วันที่ลงทะเบียน", "registration date");
    }

    #[test]
    fn the_registration_deadline_is_30_september_before_the_first_fiscal_year_starts() {
        assert_eq!(registration_due(2567), Some(date(2023, 9, 30)));
        assert_eq!(registration_due(2566), Some(date(2022, 9, 30)));
    }

    // Amendments and reporting.

    #[test]
    fn amending_needs_a_signed_or_registered_revision() {
        for given in [one_item(), submitted(), endorsed()] {
            let err = refused(given, amend("เพิ่มโครงการ"));
            assert_refused(
                &err,
                ErrorCode::Conflict,
                "เริ่มการปรับปรุงแผนไม่ได้",
                "amendment cannot be started",
            );
        }
        assert!(when(signed(), amend("เพิ่มโครงการ")).is_ok());
        assert!(when(registered(), amend("เพิ่มโครงการ")).is_ok());
        let err = refused(registered(), amend(" "));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "เหตุผลการปรับปรุงแผน",
            "reason for the amendment",
        );
    }

    #[test]
    fn amending_opens_an_editable_revision_that_copies_the_items_and_records_edits_under_it() {
        let given = registered();
        let then = when(given.clone(), amend("เพิ่มโครงการตามนโยบายจังหวัด")).unwrap();
        assert_eq!(
            then,
            vec![PlanAmendmentStarted {
                plan_id: PLAN,
                revision: 2,
                based_on: 1,
                reason: "เพิ่มโครงการตามนโยบายจังหวัด".into(),
            }
            .into()]
        );
        let amended = [given, then].concat();
        let plan = Plan::from_history(&amended);
        let current = plan.current().unwrap();
        assert_eq!((current.number, current.status), (2, RevisionStatus::Draft));
        assert_eq!(current.items, plan.revision(1).unwrap().items);
        let edit = when(amended.clone(), add(2, "2", None, baht(5_000))).unwrap();
        let PlanEvent::PlanItemAdded(added) = &edit[0] else {
            panic!("{edit:?}")
        };
        assert_eq!(added.revision, 2);
        // Edits of the amendment leave the registered revision as it was.
        let plan = Plan::from_history(&with(amended, vec![remove(1)]));
        assert!(plan.current().unwrap().items.is_empty());
        assert_eq!(plan.revision(1).unwrap().items.len(), 1);
        assert_eq!(plan.revision(1).unwrap().status, RevisionStatus::Registered);
        assert!(plan.item(id(1)).is_some(), "still reportable on the endorsed revision");
    }

    #[test]
    fn a_second_amendment_while_one_is_in_progress_is_a_conflict() {
        let in_progress = with(registered(), vec![amend("ครั้งที่ 1")]);
        let err = refused(in_progress.clone(), amend("ครั้งที่ 2"));
        assert_refused(
            &err,
            ErrorCode::Conflict,
            "ฉบับที่ 2",
            "amendment (revision 2) is already in progress",
        );
        let endorsed_amendment = with(in_progress, vec![submit(), endorse(date(2024, 1, 20))]);
        let err = refused(endorsed_amendment, amend("ครั้งที่ 2"));
        assert_eq!(err.code, ErrorCode::Conflict);
    }

    #[test]
    fn progress_cannot_be_reported_before_a_revision_is_endorsed() {
        for given in [one_item(), submitted(), with(submitted(), vec![return_with(&["x"])])] {
            let plan = Plan::from_history(&given);
            assert!(!plan.can_report());
            assert!(plan.endorsed_revision().is_none());
            assert!(plan.item(id(1)).is_none());
        }
        let plan = Plan::from_history(&endorsed());
        assert!(plan.can_report());
        assert_eq!(plan.item(id(1)).map(|item| item.code.as_str()), Some("1"));
    }

    /// The whole path of workflow 1, with the registration on a given day.
    fn full_path(registered_on: NaiveDate, late: bool) {
        let project = item(1, "1", None, baht(100_000));
        let training = item(2, "1.1", Some(1), baht(60_000));
        let mut campaign = item(3, "1.2", Some(1), Budget::NotStated);
        let events = history(vec![
            draft(2567, 2567),
            project.into(),
            training.into(),
            campaign.clone().into(),
            submit(),
            return_with(&["กิจกรรม 1.2 ไม่ระบุงบประมาณ"]),
        ]);
        assert!(!Plan::from_history(&events).can_report());

        campaign.item.budget = baht(40_000);
        let events = with(
            events,
            vec![change(&campaign).into(), submit(), endorse(date(2023, 8, 15))],
        );
        let plan = Plan::from_history(&events);
        assert_eq!(plan.endorsed_revision().map(|r| r.number), Some(1));
        assert_eq!(plan.item(id(3)).map(|item| item.budget), Some(baht(40_000)));
        assert_eq!(plan.totals().unwrap().discrepancies, vec![]);

        let events = with(
            events,
            vec![sign(date(2023, 8, 20), date(2023, 10, 1)), register(registered_on)],
        );
        let plan = Plan::from_history(&events);
        let registration = plan.current().unwrap().registration.clone().unwrap();
        assert_eq!((registration.registered_on, registration.late), (registered_on, late));
        assert_eq!(plan.current().unwrap().status, RevisionStatus::Registered);

        // An amendment adds a project; until it is endorsed, reports still use revision 1.
        let events = with(
            events,
            vec![
                amend("เพิ่มโครงการตามนโยบายจังหวัด"),
                add(4, "2", None, baht(25_000)),
                submit(),
            ],
        );
        let plan = Plan::from_history(&events);
        assert_eq!(plan.current().map(|r| r.number), Some(2));
        assert_eq!(plan.endorsed_revision().map(|r| r.number), Some(1));
        assert!(plan.can_report());
        assert!(plan.item(id(4)).is_none());
        assert_eq!(
            plan.endorsed_revision().unwrap().totals().unwrap().budget.satang,
            10_000_000
        );
        assert_eq!(plan.totals().unwrap().budget.satang, 12_500_000);

        let events = with(events, vec![endorse(date(2024, 1, 20))]);
        let plan = Plan::from_history(&events);
        assert_eq!(plan.endorsed_revision().map(|r| r.number), Some(2));
        assert_eq!(plan.item(id(4)).map(|item| item.code.as_str()), Some("2"));
        assert_eq!(plan.revision(1).unwrap().status, RevisionStatus::Registered);
        assert_eq!(plan.current().unwrap().status, RevisionStatus::Endorsed);
    }

    #[test]
    fn the_full_path_from_draft_to_an_endorsed_amendment_with_registration_on_time() {
        full_path(date(2023, 9, 25), false);
    }

    #[test]
    fn the_full_path_from_draft_to_an_endorsed_amendment_with_late_registration() {
        full_path(date(2023, 10, 5), true);
    }

    // Totals.

    fn yearly(pairs: &[(u16, Budget)]) -> Vec<YearlyBudget> {
        pairs
            .iter()
            .map(|&(fiscal_year, budget)| YearlyBudget { fiscal_year, budget })
            .collect()
    }

    #[test]
    fn a_multi_year_plan_2566_to_2570_totals_each_fiscal_year_from_the_yearly_budgets() {
        let mut every_year = item(1, "1", None, baht(100_000));
        every_year.item.yearly_budgets = yearly(&[
            (2566, baht(20_000)),
            (2567, baht(20_000)),
            (2568, baht(20_000)),
            (2569, baht(20_000)),
            (2570, baht(20_000)),
        ]);
        let mut two_years = item(2, "2", None, baht(30_000));
        two_years.item.yearly_budgets = yearly(&[(2567, baht(10_000)), (2568, Budget::NotNeeded)]);
        let no_money = item(3, "3", None, Budget::NotNeeded);
        let plan = Plan::from_history(&history(vec![
            draft(2566, 2570),
            every_year.into(),
            two_years.into(),
            no_money.into(),
        ]));
        let totals = plan.totals().unwrap();
        assert_eq!(totals.budget.satang, 13_000_000);
        let by_year: Vec<(u16, i64, usize, usize, usize)> = totals
            .by_fiscal_year
            .iter()
            .map(|y| {
                (
                    y.fiscal_year,
                    y.budget.satang / 100,
                    y.budget.amounts,
                    y.budget.not_needed,
                    y.budget.not_stated,
                )
            })
            .collect();
        assert_eq!(
            by_year,
            vec![
                (2566, 20_000, 1, 1, 1),
                (2567, 30_000, 2, 1, 0),
                (2568, 20_000, 1, 2, 0),
                (2569, 20_000, 1, 1, 1),
                (2570, 20_000, 1, 1, 1),
            ]
        );
        // Item 2 states 30,000 but its years add up to 10,000: shown, not hidden.
        assert_eq!(
            totals.discrepancies,
            vec![Discrepancy::ItemAndYears {
                item_id: id(2),
                code: "2".into(),
                stated_satang: 3_000_000,
                years_satang: 1_000_000,
            }]
        );
    }

    #[test]
    fn a_one_year_plan_totals_its_only_year_from_the_item_budgets() {
        let plan = Plan::from_history(&with(one_item(), vec![add(2, "2", None, Budget::NotStated)]));
        let totals = plan.totals().unwrap();
        assert_eq!(
            totals.by_fiscal_year,
            vec![FiscalYearTotals {
                fiscal_year: 2567,
                budget: BudgetSum {
                    satang: 1_000_000,
                    amounts: 1,
                    not_needed: 0,
                    not_stated: 1,
                },
            }]
        );
    }

    #[test]
    fn a_nested_project_rolls_up_from_its_activities_counting_each_leaf_once() {
        // Project 1 (100,000) → 1.1 (60,000) and 1.2 (40,000) → 1.2.1 (25,000) and 1.2.2 (15,000).
        let plan = Plan::from_history(&history(vec![
            draft(2567, 2567),
            add(1, "1", None, baht(100_000)),
            add(2, "1.1", Some(1), baht(60_000)),
            add(3, "1.2", Some(1), baht(40_000)),
            add(4, "1.2.1", Some(3), baht(25_000)),
            add(5, "1.2.2", Some(3), baht(15_000)),
        ]));
        let totals = plan.totals().unwrap();
        assert_eq!((totals.item_count, totals.leaf_count), (5, 3));
        assert_eq!(
            totals.budget.satang, 10_000_000,
            "not 240,000: parent cells are not added again"
        );
        assert_eq!(totals.discrepancies, vec![]);
        let current = plan.current().unwrap();
        assert_eq!(current.rollup(id(1)).unwrap().satang, 10_000_000);
        assert_eq!(current.rollup(id(3)).unwrap().satang, 4_000_000);
        assert_eq!(current.rollup(id(4)).unwrap().satang, 2_500_000);
        assert_eq!(current.rollup(id(99)).unwrap_err().code, ErrorCode::NotFound);
    }

    #[test]
    fn a_parent_whose_own_amount_differs_from_its_leaves_is_flagged() {
        let plan = Plan::from_history(&history(vec![
            draft(2567, 2567),
            add(1, "1", None, baht(120_000)),
            add(2, "1.1", Some(1), baht(60_000)),
            add(3, "1.2", Some(1), baht(40_000)),
        ]));
        let totals = plan.totals().unwrap();
        assert_eq!(totals.budget.satang, 10_000_000);
        assert_eq!(
            totals.discrepancies,
            vec![Discrepancy::ParentAndLeaves {
                item_id: id(1),
                code: "1".into(),
                stated_satang: 12_000_000,
                leaves_satang: 10_000_000,
            }]
        );
    }

    #[test]
    fn totals_keep_zero_not_needed_and_not_stated_apart_per_dimension() {
        let mut other = item(4, "2.1", None, Budget::NotStated);
        other.item.dimension = "มิติที่ 2 การป้องกันการทุจริต".into();
        let plan = Plan::from_history(&history(vec![
            draft(2567, 2567),
            add(1, "1.1", None, baht(0)),
            add(2, "1.2", None, Budget::NotNeeded),
            add(3, "1.3", None, baht(15_000)),
            other.into(),
        ]));
        let totals = plan.totals().unwrap();
        assert_eq!(
            totals.budget,
            BudgetSum {
                satang: 1_500_000,
                amounts: 2,
                not_needed: 1,
                not_stated: 1,
            }
        );
        let dimensions: Vec<(&str, usize, i64, usize, usize)> = totals
            .by_dimension
            .iter()
            .map(|d| {
                (
                    d.dimension.as_str(),
                    d.item_count,
                    d.budget.satang,
                    d.budget.not_needed,
                    d.budget.not_stated,
                )
            })
            .collect();
        assert_eq!(
            dimensions,
            vec![
                ("มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต", 3, 1_500_000, 1, 0),
                ("มิติที่ 2 การป้องกันการทุจริต", 1, 0, 0, 1),
            ]
        );
    }

    #[test]
    fn totals_of_absurd_stored_amounts_are_an_error_not_a_panic() {
        let huge = |n: u128, code: &str| -> PlanEvent {
            PlanItemAdded {
                plan_id: PLAN,
                revision: 1,
                item: PlanItem {
                    budget: Budget::Amount { satang: i64::MAX },
                    ..item(n, code, None, baht(0)).item.clone()
                },
            }
            .into()
        };
        let plan = Plan::from_history(&[drafted(2567, 2567), huge(1, "1"), huge(2, "2")]);
        let err = plan.totals().unwrap_err();
        assert_refused(&err, ErrorCode::Validation, "ผลรวมงบประมาณ", "too large to add up");
    }

    #[test]
    fn totals_before_drafting_are_empty() {
        assert_eq!(Plan::default().totals().unwrap(), Totals::default());
    }

    // Committee meetings.

    const MEETING: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_3333);

    /// Bangkok wall-clock time.
    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    fn schedule_at(starts_at: NaiveDateTime) -> ScheduleMeeting {
        ScheduleMeeting {
            plan_id: PLAN,
            meeting_id: MEETING,
            title: "  การประชุมคณะกรรมการ   ครั้งที่ 1/2567 ".into(),
            starts_at,
            place: "ห้องประชุม 1 ศาลากลางจังหวัด".into(),
            agenda: vec![
                " เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ ".into(),
                "รับรองรายงานการประชุม".into(),
                "พิจารณาร่างแผนปฏิบัติการ".into(),
            ],
        }
    }

    fn scheduled_at(starts_at: NaiveDateTime, previous: Option<NaiveDateTime>) -> PlanEvent {
        MeetingScheduled {
            plan_id: PLAN,
            meeting_id: MEETING,
            title: "การประชุมคณะกรรมการ ครั้งที่ 1/2567".into(),
            starts_at,
            place: "ห้องประชุม 1 ศาลากลางจังหวัด".into(),
            agenda: vec![
                "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ".into(),
                "รับรองรายงานการประชุม".into(),
                "พิจารณาร่างแผนปฏิบัติการ".into(),
            ],
            previous_starts_at: previous,
        }
        .into()
    }

    fn cancel(reason: &str) -> CancelMeeting {
        CancelMeeting {
            plan_id: PLAN,
            meeting_id: MEETING,
            reason: reason.into(),
        }
    }

    fn with_meeting() -> Vec<PlanEvent> {
        let mut given = one_item();
        given.push(scheduled_at(local(2024, 6, 12, 9, 30), None));
        given
    }

    #[test]
    fn scheduling_a_meeting_records_it_cleaned_with_its_agenda_in_order() {
        let then = when(one_item(), schedule_at(local(2024, 6, 12, 9, 30))).unwrap();
        assert_eq!(then, vec![scheduled_at(local(2024, 6, 12, 9, 30), None)]);
        let plan = Plan::from_history(&with_meeting());
        let meeting = plan.meeting(MEETING).unwrap();
        assert!(!meeting.is_cancelled());
        assert_eq!(meeting.schedule.agenda.len(), 3);
        // Meetings stand apart from the revisions: the draft is still a draft.
        assert_eq!(plan.current().unwrap().status, RevisionStatus::Draft);
    }

    #[test]
    fn only_the_secretariat_or_an_admin_arranges_meetings() {
        let as_role = |role: Role| Context {
            profile: Some(Profile {
                roles: vec![role],
                org_unit_id: None,
            }),
            ..later()
        };
        let command: PlanCommand = schedule_at(local(2024, 6, 12, 9, 30)).into();
        for role in [Role::Committee, Role::Officer] {
            let err = given_when::<Plan>(one_item(), command.clone(), &as_role(role)).unwrap_err();
            assert_refused(
                &err,
                ErrorCode::Forbidden,
                "ฝ่ายเลขานุการหรือผู้ดูแลระบบ",
                "secretariat or an admin",
            );
            let err = given_when::<Plan>(with_meeting(), cancel("x").into(), &as_role(role)).unwrap_err();
            assert_eq!(err.code, ErrorCode::Forbidden);
        }
        for role in [Role::Secretariat, Role::Admin] {
            assert!(given_when::<Plan>(one_item(), command.clone(), &as_role(role)).is_ok());
            assert!(given_when::<Plan>(with_meeting(), cancel("x").into(), &as_role(role)).is_ok());
        }
        // An admin arranges meetings but still does not edit the plan.
        let err = given_when::<Plan>(one_item(), submit(), &as_role(Role::Admin)).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
    }

    #[test]
    fn a_meeting_cannot_start_in_the_past_by_bangkok_time_nor_years_ahead() {
        // later() is 1 June 2024, 10:00 in Bangkok (03:00 UTC).
        let err = refused(one_item(), schedule_at(local(2024, 6, 1, 9, 59)));
        assert_refused(&err, ErrorCode::Validation, "1 มิ.ย. 2567 เวลา 09.59 น.", "in the past");
        assert!(err.message.th.contains("ผ่านมาแล้ว"), "{}", err.message.th);
        assert!(when(one_item(), schedule_at(local(2024, 6, 1, 10, 30))).is_ok());
        // A BE year taken for CE: 2567 CE is centuries ahead.
        let err = refused(one_item(), schedule_at(local(2567, 1, 12, 9, 30)));
        assert_refused(&err, ErrorCode::Validation, "พ.ศ./ค.ศ.", "BE or CE");
        assert!(when(one_item(), schedule_at(local(2026, 5, 1, 9, 0))).is_ok());
    }

    #[test]
    fn a_meeting_needs_a_title_a_place_and_one_to_thirty_agenda_items_none_blank() {
        let at = local(2024, 6, 12, 9, 30);
        let mut no_title = schedule_at(at);
        no_title.title = " ".into();
        assert_refused(
            &refused(one_item(), no_title),
            ErrorCode::Validation,
            "ชื่อการประชุมต้องไม่ว่าง",
            "the meeting's title must not be empty",
        );
        let mut no_place = schedule_at(at);
        no_place.place = "".into();
        assert_refused(
            &refused(one_item(), no_place),
            ErrorCode::Validation,
            "สถานที่ประชุม",
            "place",
        );
        let mut no_agenda = schedule_at(at);
        no_agenda.agenda.clear();
        assert_refused(
            &refused(one_item(), no_agenda),
            ErrorCode::Validation,
            "ระเบียบวาระการประชุมต้องไม่ว่าง",
            "the agenda must not be empty",
        );
        let mut blank_item = schedule_at(at);
        blank_item.agenda[1] = "  ".into();
        assert_refused(
            &refused(one_item(), blank_item),
            ErrorCode::Validation,
            "ระเบียบวาระที่ 2:",
            "agenda item 2:",
        );
        let mut long_item = schedule_at(at);
        long_item.agenda[0] = "ก".repeat(MAX_MEETING_LINE + 1);
        assert_refused(
            &refused(one_item(), long_item),
            ErrorCode::Validation,
            "ระเบียบวาระที่ 1:",
            "longer than 500",
        );
        let mut thirty = schedule_at(at);
        thirty.agenda = (1..=MAX_AGENDA_ITEMS).map(|n| format!("วาระ {n}")).collect();
        assert!(when(one_item(), thirty.clone()).is_ok());
        thirty.agenda.push("วาระเพิ่ม".into());
        assert_refused(&refused(one_item(), thirty), ErrorCode::Validation, "30", "at most 30");
    }

    #[test]
    fn meetings_of_a_plan_never_drafted_are_not_found() {
        let err = refused(vec![], schedule_at(local(2024, 6, 12, 9, 30)));
        assert_refused(&err, ErrorCode::NotFound, "ไม่พบแผน", "no such plan");
        let err = refused(vec![], cancel("x"));
        assert_eq!(err.code, ErrorCode::NotFound);
    }

    #[test]
    fn scheduling_a_meeting_again_moves_it_and_the_same_content_again_records_nothing() {
        let same = when(with_meeting(), schedule_at(local(2024, 6, 12, 9, 30))).unwrap();
        assert_eq!(same, vec![], "a retried schedule is not a second fact");
        let moved = when(with_meeting(), schedule_at(local(2024, 6, 19, 13, 30))).unwrap();
        assert_eq!(
            moved,
            vec![scheduled_at(
                local(2024, 6, 19, 13, 30),
                Some(local(2024, 6, 12, 9, 30))
            )]
        );
        let mut history = with_meeting();
        history.extend(moved);
        let plan = Plan::from_history(&history);
        assert_eq!(plan.meetings().len(), 1, "moved, not added");
        assert_eq!(
            plan.meeting(MEETING).unwrap().schedule.starts_at,
            local(2024, 6, 19, 13, 30)
        );
        // A new place alone is a change too.
        let mut new_place = schedule_at(local(2024, 6, 12, 9, 30));
        new_place.place = "ห้องประชุม 2".into();
        assert_eq!(when(with_meeting(), new_place).unwrap().len(), 1);
    }

    #[test]
    fn cancelling_needs_a_scheduled_meeting_not_cancelled_and_a_reason() {
        let then = when(with_meeting(), cancel("  ประธานติดภารกิจ ")).unwrap();
        assert_eq!(
            then,
            vec![MeetingCancelled {
                plan_id: PLAN,
                meeting_id: MEETING,
                reason: "ประธานติดภารกิจ".into(),
            }
            .into()]
        );
        let err = refused(with_meeting(), cancel(" "));
        assert_refused(&err, ErrorCode::Validation, "เหตุผลที่ยกเลิกการประชุม", "reason");
        let err = refused(one_item(), cancel("x"));
        assert_refused(&err, ErrorCode::NotFound, "ไม่พบการประชุม", "not scheduled");
        let mut history = with_meeting();
        history.extend(then);
        let err = refused(history.clone(), cancel("again"));
        assert_refused(&err, ErrorCode::Conflict, "ถูกยกเลิกแล้ว", "was cancelled");
        let err = refused(history.clone(), schedule_at(local(2024, 6, 20, 9, 30)));
        assert_refused(
            &err,
            ErrorCode::Conflict,
            "นัดเป็นการประชุมครั้งใหม่",
            "schedule a new meeting",
        );
        let plan = Plan::from_history(&history);
        assert!(plan.meeting(MEETING).unwrap().is_cancelled());
    }

    #[test]
    fn upcoming_meetings_are_those_not_cancelled_and_not_started_soonest_first() {
        let other = Uuid::from_u128(0x4444);
        let cancelled = Uuid::from_u128(0x5555);
        let mut history = with_meeting();
        let mut add_meeting = |meeting_id: Uuid, starts_at: NaiveDateTime| {
            let mut command = schedule_at(starts_at);
            command.meeting_id = meeting_id;
            history = with(history.clone(), vec![command.into()]);
        };
        add_meeting(other, local(2024, 6, 5, 13, 0));
        add_meeting(cancelled, local(2024, 6, 7, 13, 0));
        let history = with(
            history,
            vec![CancelMeeting {
                plan_id: PLAN,
                meeting_id: cancelled,
                reason: "x".into(),
            }
            .into()],
        );
        let plan = Plan::from_history(&history);
        let ids = |now| -> Vec<Uuid> { plan.upcoming_meetings(now).iter().map(|m| m.meeting_id()).collect() };
        assert_eq!(ids(local(2024, 6, 1, 10, 0)), vec![other, MEETING]);
        assert_eq!(ids(local(2024, 6, 5, 13, 1)), vec![MEETING]);
        assert_eq!(plan.meetings().len(), 3);
    }
}

/// Every user-facing text of the plan aggregate, Thai first, then English.
mod messages {
    use crate::text::FieldName as _;
    use chrono::{NaiveDate, NaiveDateTime};
    use sujarit_contracts::{DomainError, ErrorCode, Text};
    use uuid::Uuid;

    use super::{RevisionStatus, Role, Step};

    /// A field of a command, named in errors.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Field {
        Title,
        Code,
        Name,
        Dimension,
        SubDimension,
        Objective,
        Indicator,
        Target,
        OrgUnitName,
        Meeting,
        AgendaItem,
        MeetingNo,
        MeetingDate,
        Resolution,
        ReturnReasons,
        SignedOn,
        RegisteredOn,
        Reference,
        AmendmentReason,
        MeetingTitle,
        MeetingPlace,
        MeetingAgenda,
        CancelReason,
    }

    impl crate::text::FieldName for Field {
        fn th(self) -> &'static str {
            match self {
                Field::Title => "ชื่อแผน",
                Field::Code => "รหัสรายการ",
                Field::Name => "ชื่อโครงการ/กิจกรรม",
                Field::Dimension => "มิติ",
                Field::SubDimension => "มิติย่อย",
                Field::Objective => "วัตถุประสงค์",
                Field::Indicator => "ตัวชี้วัด",
                Field::Target => "ค่าเป้าหมาย",
                Field::OrgUnitName => "หน่วยงานรับผิดชอบ",
                Field::Meeting => "การประชุม",
                Field::AgendaItem => "ระเบียบวาระ",
                Field::MeetingNo => "ครั้งที่ประชุม",
                Field::MeetingDate => "วันประชุม",
                Field::Resolution => "มติที่ประชุม",
                Field::ReturnReasons => "เหตุผลที่ส่งกลับ",
                Field::SignedOn => "วันที่ลงนาม",
                Field::RegisteredOn => "วันที่ลงทะเบียน",
                Field::Reference => "เลขอ้างอิงการลงทะเบียน e-PlanNACC",
                Field::AmendmentReason => "เหตุผลการปรับปรุงแผน",
                Field::MeetingTitle => "ชื่อการประชุม",
                Field::MeetingPlace => "สถานที่ประชุม",
                Field::MeetingAgenda => "ระเบียบวาระการประชุม",
                Field::CancelReason => "เหตุผลที่ยกเลิกการประชุม",
            }
        }

        fn en(self) -> &'static str {
            match self {
                Field::Title => "the plan's title",
                Field::Code => "the item code",
                Field::Name => "the item's name",
                Field::Dimension => "the dimension",
                Field::SubDimension => "the sub-dimension",
                Field::Objective => "the objective",
                Field::Indicator => "the indicator",
                Field::Target => "the target",
                Field::OrgUnitName => "the responsible agency",
                Field::Meeting => "the meeting",
                Field::AgendaItem => "the agenda item",
                Field::MeetingNo => "the meeting number",
                Field::MeetingDate => "the meeting date",
                Field::Resolution => "the resolution",
                Field::ReturnReasons => "the reasons for returning",
                Field::SignedOn => "the signing date",
                Field::RegisteredOn => "the registration date",
                Field::Reference => "the e-PlanNACC registration reference",
                Field::AmendmentReason => "the reason for the amendment",
                Field::MeetingTitle => "the meeting's title",
                Field::MeetingPlace => "the meeting's place",
                Field::MeetingAgenda => "the agenda",
                Field::CancelReason => "the reason for cancelling the meeting",
            }
        }
    }

    fn in_year_th(fiscal_year: Option<u16>) -> String {
        fiscal_year.map(|y| format!(" ปีงบประมาณ {y}")).unwrap_or_default()
    }

    fn in_year_en(fiscal_year: Option<u16>) -> String {
        fiscal_year.map(|y| format!(" in fiscal year {y}")).unwrap_or_default()
    }

    fn status_th(status: RevisionStatus) -> &'static str {
        match status {
            RevisionStatus::Draft => "แผนยังเป็นร่าง",
            RevisionStatus::Submitted => "ร่างแผนถูกส่งให้ที่ประชุมพิจารณาแล้ว",
            RevisionStatus::Returned => "ร่างแผนถูกส่งกลับให้แก้ไข",
            RevisionStatus::Endorsed => "แผนได้รับความเห็นชอบจากที่ประชุมแล้ว",
            RevisionStatus::Signed => "แผนลงนามประกาศใช้แล้ว",
            RevisionStatus::Registered => "แผนลงทะเบียนในระบบ e-PlanNACC แล้ว",
        }
    }

    fn status_en(status: RevisionStatus) -> &'static str {
        match status {
            RevisionStatus::Draft => "the plan is a draft",
            RevisionStatus::Submitted => "the plan is submitted for endorsement",
            RevisionStatus::Returned => "the plan was returned for correction",
            RevisionStatus::Endorsed => "the plan is endorsed",
            RevisionStatus::Signed => "the plan is signed into force",
            RevisionStatus::Registered => "the plan is registered in e-PlanNACC",
        }
    }

    pub(super) fn wrong_status(step: Step, status: RevisionStatus, revision: u32) -> DomainError {
        let signed = matches!(status, RevisionStatus::Signed | RevisionStatus::Registered);
        let (th, en) = match step {
            Step::EditItems if signed => (
                "แก้ไขรายการไม่ได้ หากต้องการแก้ไขให้เริ่มการปรับปรุงแผน",
                "items cannot be changed; start an amendment to change them",
            ),
            Step::EditItems => ("แก้ไขรายการไม่ได้", "items cannot be changed"),
            Step::Submit => (
                "ส่งให้ที่ประชุมพิจารณาไม่ได้ (ส่งได้เฉพาะร่างหรือแผนที่ถูกส่งกลับ)",
                "it cannot be submitted for endorsement (only a draft or a returned plan can)",
            ),
            Step::Endorse => (
                "ให้ความเห็นชอบไม่ได้ (ต้องส่งให้ที่ประชุมพิจารณาก่อน)",
                "it cannot be endorsed (it must be submitted for endorsement first)",
            ),
            Step::Return => (
                "ส่งกลับไม่ได้ (ส่งกลับได้เฉพาะแผนที่อยู่ระหว่างการพิจารณา)",
                "it cannot be returned (only a plan submitted for endorsement can)",
            ),
            Step::Sign => (
                "ลงนามไม่ได้ (ต้องได้รับความเห็นชอบก่อน)",
                "it cannot be signed (it must be endorsed first)",
            ),
            Step::Register => (
                "ลงทะเบียนไม่ได้ (ต้องลงนามก่อน)",
                "it cannot be registered (it must be signed first)",
            ),
            Step::Amend => (
                "เริ่มการปรับปรุงแผนไม่ได้ (แผนต้องลงนามหรือลงทะเบียนแล้ว)",
                "an amendment cannot be started (the current revision must be signed or registered)",
            ),
        };
        DomainError::new(
            ErrorCode::Conflict,
            format!("{} {th} (ฉบับที่ {revision})", status_th(status)),
            format!("{}; {en} (revision {revision})", status_en(status)),
        )
    }

    pub(super) fn amendment_in_progress(revision: u32) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("การปรับปรุงแผน (ฉบับที่ {revision}) ยังดำเนินการไม่เสร็จ ต้องลงนามก่อนจึงปรับปรุงครั้งใหม่ได้"),
            format!(
                "an amendment (revision {revision}) is already in progress; it must be signed before another starts"
            ),
        )
    }

    /// Puts the item's place in an import in front of what was wrong with it.
    pub(super) fn in_import_row(index: usize, code: &str, error: DomainError) -> DomainError {
        DomainError {
            code: error.code,
            message: Text::new(
                format!("รายการที่ {index} (รหัส {code}): {}", error.message.th),
                format!("item {index} (code {code}): {}", error.message.en),
            ),
        }
    }

    pub(super) fn role_required(role: Role) -> DomainError {
        let (th, en) = match role {
            Role::Committee => (
                "เฉพาะคณะกรรมการเท่านั้นที่ให้ความเห็นชอบหรือส่งแผนกลับไปแก้ไขได้",
                "only the committee may endorse or return a plan",
            ),
            _ => (
                "เฉพาะฝ่ายเลขานุการเท่านั้นที่จัดทำ แก้ไข เสนอ และบันทึกขั้นตอนของแผนได้",
                "only the secretariat may draft, change, submit and record the steps of a plan",
            ),
        };
        DomainError::new(ErrorCode::Forbidden, th, en)
    }

    pub(super) fn meetings_role_required() -> DomainError {
        DomainError::new(
            ErrorCode::Forbidden,
            "เฉพาะฝ่ายเลขานุการหรือผู้ดูแลระบบเท่านั้นที่นัดประชุม เลื่อน หรือยกเลิกการประชุมได้",
            "only the secretariat or an admin may schedule, move or cancel a meeting",
        )
    }

    /// "12 ม.ค. 2570 เวลา 09.30 น.", as Thai letters write a meeting's time.
    fn thai_date_time(at: NaiveDateTime) -> String {
        format!(
            "{} เวลา {} น.",
            sujarit_thai::format_thai_date(at.date()),
            at.format("%H.%M")
        )
    }

    pub(super) fn meeting_in_past(starts_at: NaiveDateTime, now: NaiveDateTime) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "เวลาเริ่มประชุม {} ผ่านมาแล้ว (ขณะนี้ {})",
                thai_date_time(starts_at),
                thai_date_time(now)
            ),
            format!(
                "the meeting's start {} is in the past (it is now {} in Bangkok)",
                starts_at.format("%Y-%m-%d %H:%M"),
                now.format("%Y-%m-%d %H:%M")
            ),
        )
    }

    pub(super) fn meeting_too_far(starts_at: NaiveDateTime, days: i64) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "เวลาเริ่มประชุม {} อยู่ห่างจากวันนี้เกิน {days} วัน (ตรวจสอบปี พ.ศ./ค.ศ.)",
                thai_date_time(starts_at)
            ),
            format!(
                "the meeting's start {} is more than {days} days ahead (check the year: BE or CE?)",
                starts_at.format("%Y-%m-%d %H:%M")
            ),
        )
    }

    pub(super) fn too_many_agenda_items(count: usize, max: usize) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("การประชุมหนึ่งครั้งมีระเบียบวาระได้ไม่เกิน {max} เรื่อง (ส่งมา {count} เรื่อง)"),
            format!("a meeting may have at most {max} agenda items ({count} were given)"),
        )
    }

    /// Puts the agenda item's number in front of what was wrong with it.
    pub(super) fn in_agenda_item(number: usize, error: DomainError) -> DomainError {
        DomainError {
            code: error.code,
            message: Text::new(
                format!("ระเบียบวาระที่ {number}: {}", error.message.th),
                format!("agenda item {number}: {}", error.message.en),
            ),
        }
    }

    pub(super) fn meeting_not_found(meeting_id: Uuid) -> DomainError {
        DomainError::new(
            ErrorCode::NotFound,
            format!("ไม่พบการประชุม {meeting_id} ของแผนนี้"),
            format!("meeting {meeting_id} is not scheduled for this plan"),
        )
    }

    pub(super) fn meeting_cancelled(title: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("\"{title}\" ถูกยกเลิกแล้ว หากจะประชุมใหม่ให้นัดเป็นการประชุมครั้งใหม่"),
            format!("\"{title}\" was cancelled; schedule a new meeting instead"),
        )
    }

    pub(super) fn anonymous_forbidden() -> DomainError {
        DomainError::new(
            ErrorCode::Forbidden,
            "ผู้ไม่ระบุตัวตนไม่มีสิทธิ์จัดทำ แก้ไข หรืออนุมัติแผนปฏิบัติการ",
            "an anonymous actor may not draft, change or approve a plan",
        )
    }

    pub(super) fn plan_exists(title: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("แผนนี้จัดทำไว้แล้วในชื่อ \"{title}\""),
            format!("this plan is already drafted as \"{title}\""),
        )
    }

    pub(super) fn plan_not_found() -> DomainError {
        DomainError::new(
            ErrorCode::NotFound,
            "ไม่พบแผนนี้ ต้องจัดทำร่างแผนก่อน",
            "no such plan; draft it first",
        )
    }

    pub(super) fn date_in_future(field: Field, date: NaiveDate, today: NaiveDate) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "{} {} อยู่หลังวันนี้ ({})",
                field.th(),
                sujarit_thai::format_thai_date(date),
                sujarit_thai::format_thai_date(today)
            ),
            format!("{} {date} is after today ({today})", field.en()),
        )
    }

    pub(super) fn signed_before_endorsement(signed_on: NaiveDate, meeting_date: NaiveDate) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "วันที่ลงนาม {} อยู่ก่อนวันประชุมที่ให้ความเห็นชอบ {}",
                sujarit_thai::format_thai_date(signed_on),
                sujarit_thai::format_thai_date(meeting_date)
            ),
            format!("the signing date {signed_on} is before the endorsement meeting on {meeting_date}"),
        )
    }

    pub(super) fn registered_before_signing(registered_on: NaiveDate, signed_on: NaiveDate) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "วันที่ลงทะเบียน {} อยู่ก่อนวันที่ลงนาม {}",
                sujarit_thai::format_thai_date(registered_on),
                sujarit_thai::format_thai_date(signed_on)
            ),
            format!("the registration date {registered_on} is before the signing on {signed_on}"),
        )
    }

    pub(super) fn fiscal_year_out_of_range(year: u16) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "ปีงบประมาณ {year} ไม่อยู่ในช่วง พ.ศ. {}–{} (ใช้ปีพุทธศักราช ไม่ใช่คริสต์ศักราช)",
                super::EARLIEST_FISCAL_YEAR,
                super::LATEST_FISCAL_YEAR
            ),
            format!(
                "fiscal year {year} is outside BE {}–{} (use Buddhist Era years, not CE)",
                super::EARLIEST_FISCAL_YEAR,
                super::LATEST_FISCAL_YEAR
            ),
        )
    }

    pub(super) fn fiscal_years_reversed(from: u16, to: u16) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("ปีงบประมาณเริ่มต้น {from} อยู่หลังปีสุดท้าย {to}"),
            format!("the first fiscal year {from} is after the last one {to}"),
        )
    }

    pub(super) fn plan_too_long(max: u16) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("แผนหนึ่งครอบคลุมได้ไม่เกิน {max} ปีงบประมาณ"),
            format!("a plan may span at most {max} fiscal years"),
        )
    }

    pub(super) fn too_many_items(max: usize) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("แผนหนึ่งมีรายการได้ไม่เกิน {max} รายการ"),
            format!("a plan may hold at most {max} items"),
        )
    }

    pub(super) fn too_many_revisions() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "แผนนี้ปรับปรุงครบจำนวนครั้งที่ระบบรองรับแล้ว",
            "this plan has reached the largest number of revisions",
        )
    }

    pub(super) fn item_exists(code: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("รายการนี้ (รหัส {code}) มีอยู่ในแผนแล้ว"),
            format!("this item (code {code}) is already in the plan"),
        )
    }

    pub(super) fn item_not_found(item_id: Uuid) -> DomainError {
        DomainError::new(
            ErrorCode::NotFound,
            format!("ไม่พบรายการ {item_id} ในแผนฉบับปัจจุบัน"),
            format!("item {item_id} is not in the current revision of the plan"),
        )
    }

    pub(super) fn code_taken(code: &str, other_name: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("รหัส {code} ใช้กับรายการ \"{other_name}\" แล้ว"),
            format!("code {code} is already used by \"{other_name}\""),
        )
    }

    pub(super) fn parent_not_found(parent_id: Uuid) -> DomainError {
        DomainError::new(
            ErrorCode::NotFound,
            format!("ไม่พบรายการหลัก {parent_id} ในแผนฉบับปัจจุบัน"),
            format!("the parent item {parent_id} is not in the current revision of the plan"),
        )
    }

    pub(super) fn parent_is_self(code: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("รายการ {code} เป็นรายการหลักของตัวเองไม่ได้"),
            format!("item {code} cannot be its own parent"),
        )
    }

    pub(super) fn parent_cycle(code: &str, parent_code: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("รายการ {parent_code} อยู่ภายใต้รายการ {code} จึงเป็นรายการหลักของ {code} ไม่ได้"),
            format!("item {parent_code} lies under item {code}, so it cannot be its parent"),
        )
    }

    pub(super) fn has_children(code: &str, count: usize) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("รายการ {code} มีรายการย่อย {count} รายการ ต้องลบหรือย้ายรายการย่อยก่อน"),
            format!("item {code} has {count} sub-items; remove or move them first"),
        )
    }

    pub(super) fn negative_budget(code: &str, fiscal_year: Option<u16>) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("งบประมาณของรายการ {code}{} ติดลบไม่ได้", in_year_th(fiscal_year)),
            format!(
                "the budget of item {code}{} must not be negative",
                in_year_en(fiscal_year)
            ),
        )
    }

    pub(super) fn budget_too_large(code: &str, fiscal_year: Option<u16>) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("งบประมาณของรายการ {code}{} สูงเกินกว่าที่ระบบรับได้", in_year_th(fiscal_year)),
            format!("the budget of item {code}{} is too large", in_year_en(fiscal_year)),
        )
    }

    pub(super) fn year_outside_plan(code: &str, year: u16, from: u16, to: u16) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("งบประมาณรายปีของรายการ {code} ระบุปี {year} ซึ่งอยู่นอกปีของแผน ({from}–{to})"),
            format!("item {code} has a budget for fiscal year {year}, which is outside the plan's years ({from}–{to})"),
        )
    }

    pub(super) fn duplicate_year(code: &str, year: u16) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("งบประมาณรายปีของรายการ {code} ระบุปี {year} ซ้ำ"),
            format!("item {code} gives a budget for fiscal year {year} more than once"),
        )
    }

    pub(super) fn no_items() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "แผนยังไม่มีรายการโครงการ/กิจกรรม จึงส่งให้ที่ประชุมพิจารณาไม่ได้",
            "the plan has no items yet, so it cannot be submitted for endorsement",
        )
    }

    pub(super) fn total_too_large() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "ผลรวมงบประมาณสูงเกินกว่าที่ระบบคำนวณได้",
            "the budget amounts are too large to add up",
        )
    }
}
