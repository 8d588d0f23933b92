//! The reporting-round aggregate (DESIGN.md, workflow 2): one round of progress reports on an
//! endorsed plan revision, with the submission of every item inside it, as a pure decide
//! (`handle`) and evolve (`apply`), plus the pure figures a report is made of.
//!
//! A round is self-contained: `OpenRound` carries the snapshot of the endorsed revision's items,
//! which the ledger copies from the plan after checking the revision is endorsed; here the
//! snapshot is only validated. Each item has at most one submission per round, which moves
//! Draft → Submitted → Accepted (locked), or Submitted → Returned (with a reason) → Draft or
//! Submitted again. A draft may be replaced while it is a draft or returned; a submitted one only
//! after it is returned.
//!
//! Authority: the secretariat (and our services, which act with every role) opens, accepts,
//! returns, reopens and closes, and may report for any item; an officer reports only for the items
//! of their own org unit; anyone else, and anonymous actors, nothing.
//!
//! Dates are Bangkok calendar dates (UTC+7 all year). A submission is late when it is made after
//! the due date. Entry (save and submit, for everyone) is open through
//! `due_on + entry_closes_after_days`; after that the secretariat may reopen it with a reason, which
//! opens it for the same number of days again, counted from the day of reopening (through
//! `today + entry_closes_after_days`), and may do so again each time it closes. Accepting and
//! returning do not depend on the entry window. A closed round refuses every command.
//!
//! Report figures: an item counts as reported while its submission is submitted or accepted; a
//! draft or a returned submission counts as not reported, and its figures stay out of the totals
//! until it is submitted again. Timeliness judges an item by its first submission, so a correction
//! the secretariat asked for after the due date does not make an agency late. Percentages are
//! integer basis points (1 bp = 0.01 %), rounded half up; [`format_basis_points`] writes them
//! with two decimals.

use std::collections::{HashMap, HashSet};

use chrono::{Days, FixedOffset, NaiveDate};
use sujarit_contracts::people::Role;
use sujarit_contracts::plan::Budget;
use sujarit_contracts::round::{
    AcceptSubmission, CloseRound, NotCarriedOutReason, OpenRound, Period, ProgressStatus, ReopenEntry,
    ReturnSubmission, RoundClosed, RoundCommand, RoundEntryReopened, RoundEvent, RoundItem, RoundOpened,
    SaveSubmission, SubmissionAccepted, SubmissionContent, SubmissionDrafted, SubmissionReturned, SubmissionSubmitted,
    SubmitSubmission,
};
use sujarit_contracts::{Actor, DomainError};
use sujarit_thai::FiscalYear;
use uuid::Uuid;

use crate::aggregate::{Aggregate, Context};
use crate::plan::{
    BudgetSum, EARLIEST_FISCAL_YEAR, LATEST_FISCAL_YEAR, MAX_CODE, MAX_ITEMS, MAX_LINE, MAX_SATANG, MAX_TEXT,
};
use crate::text::{clean_line, clean_optional, clean_text};

use messages::{Action, Field, Money};

/// Most evidence references one submission may hold.
pub const MAX_EVIDENCE: usize = 50;
/// Longest entry window after the due date, in days.
pub const MAX_ENTRY_DAYS: u16 = 366;

/// Where one item's submission stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionState {
    /// Saved, not submitted; editable.
    Draft,
    /// Waiting for the secretariat's review; not editable.
    Submitted,
    /// Sent back for correction; editable, then submitted again.
    Returned,
    /// Accepted by the secretariat; locked.
    Accepted,
}

impl SubmissionState {
    /// Counts as reported: submitted or accepted.
    pub fn is_reported(self) -> bool {
        matches!(self, SubmissionState::Submitted | SubmissionState::Accepted)
    }
}

/// The submission of one item in a round.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Submission {
    /// Where it stands.
    pub state: SubmissionState,
    /// What was last saved.
    pub draft: SubmissionDrafted,
    /// Whether the first submission came after the due date (`None` until first submitted).
    pub first_submission_late: Option<bool>,
    /// The Bangkok date of the latest submission.
    pub last_submitted_on: Option<NaiveDate>,
    /// Every reason it was returned for, oldest first.
    pub returns: Vec<String>,
}

/// State of one reporting round.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Round {
    opened: Option<RoundOpened>,
    entry_open_until: Option<NaiveDate>,
    reopenings: Vec<RoundEntryReopened>,
    submissions: HashMap<Uuid, Submission>,
    closed: bool,
}

/// A count out of the number expected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Items that count (reported, or reported on time).
    pub counted: usize,
    /// Items expected.
    pub expected: usize,
}

impl Tally {
    /// `counted / expected` in basis points, rounded half up; `None` when nothing is expected.
    pub fn basis_points(&self) -> Option<i64> {
        let counted = i64::try_from(self.counted).ok()?;
        let expected = i64::try_from(self.expected).ok()?;
        basis_points(counted, expected)
    }

    fn count(&mut self, counts: bool) {
        self.expected = self.expected.saturating_add(1);
        if counts {
            self.counted = self.counted.saturating_add(1);
        }
    }
}

/// A tally of one org unit (`None`: items without a responsible unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgUnitTally {
    /// The unit.
    pub org_unit_id: Option<Uuid>,
    /// Its items.
    pub tally: Tally,
}

/// A tally overall and per org unit (units in order of their first item).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// All items.
    pub overall: Tally,
    /// Per responsible unit.
    pub by_org_unit: Vec<OrgUnitTally>,
}

impl Coverage {
    fn count(&mut self, org_unit_id: Option<Uuid>, counts: bool) {
        self.overall.count(counts);
        match self.by_org_unit.iter_mut().find(|unit| unit.org_unit_id == org_unit_id) {
            Some(unit) => unit.tally.count(counts),
            None => {
                let mut tally = Tally::default();
                tally.count(counts);
                self.by_org_unit.push(OrgUnitTally { org_unit_id, tally });
            }
        }
    }
}

/// Items per reported status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// Awaiting report, including every item not reported.
    pub awaiting_report: usize,
    /// In progress.
    pub in_progress: usize,
    /// Completed.
    pub completed: usize,
    /// Could not be carried out.
    pub not_carried_out: usize,
}

impl StatusCounts {
    /// The count of one status.
    pub fn get(&self, status: ProgressStatus) -> usize {
        match status {
            ProgressStatus::AwaitingReport => self.awaiting_report,
            ProgressStatus::InProgress => self.in_progress,
            ProgressStatus::Completed => self.completed,
            ProgressStatus::NotCarriedOut => self.not_carried_out,
        }
    }

    fn count(&mut self, status: ProgressStatus) {
        let slot = match status {
            ProgressStatus::AwaitingReport => &mut self.awaiting_report,
            ProgressStatus::InProgress => &mut self.in_progress,
            ProgressStatus::Completed => &mut self.completed,
            ProgressStatus::NotCarriedOut => &mut self.not_carried_out,
        };
        *slot = slot.saturating_add(1);
    }
}

/// The consolidated figures of a set of items (a dimension, or the whole round).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// Items.
    pub item_count: usize,
    /// Their budgets, as given in the round (amounts added, the other two values counted).
    pub budget: BudgetSum,
    /// Money disbursed by the reported items.
    pub disbursed: BudgetSum,
    /// Disbursed amounts over budget amounts, in basis points; `None` when the budget total is 0.
    pub disbursed_basis_points: Option<i64>,
    /// Items per status; items not reported count as awaiting report.
    pub statuses: StatusCounts,
    /// Reported items carried out in each quarter Q1..Q4.
    pub quarters_done: [usize; 4],
    /// Reported items that disbursed more than their budget (confirmed by the sender).
    pub over_budget: usize,
    /// Items not reported (no submission, a draft, or returned), in plan order.
    pub not_reported: Vec<Uuid>,
    /// Org units with at least one item first submitted after the due date, in order.
    pub late_org_units: Vec<Option<Uuid>>,
}

impl Figures {
    fn add(&mut self, item: &RoundItem, submission: Option<&Submission>) -> Result<(), DomainError> {
        self.item_count = self.item_count.saturating_add(1);
        add_money(&mut self.budget, item.budget)?;
        match submission.filter(|submission| submission.state.is_reported()) {
            Some(reported) => {
                let content = &reported.draft.content;
                self.statuses.count(content.status);
                add_money(&mut self.disbursed, content.disbursed)?;
                for (ticks, done) in self.quarters_done.iter_mut().zip(content.quarters_done) {
                    if done {
                        *ticks = ticks.saturating_add(1);
                    }
                }
                if reported.draft.over_budget {
                    self.over_budget = self.over_budget.saturating_add(1);
                }
            }
            None => {
                self.statuses.count(ProgressStatus::AwaitingReport);
                self.not_reported.push(item.item_id);
            }
        }
        let late = submission.is_some_and(|submission| submission.first_submission_late == Some(true));
        if late && !self.late_org_units.contains(&item.org_unit_id) {
            self.late_org_units.push(item.org_unit_id);
        }
        Ok(())
    }

    fn finish(&mut self) {
        self.disbursed_basis_points = basis_points(self.disbursed.satang, self.budget.satang);
    }
}

/// The figures of one dimension (มิติ).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DimensionFigures {
    /// The dimension, as written on its items.
    pub dimension: String,
    /// Its figures.
    pub figures: Figures,
}

/// The consolidated table of a round: per dimension (in order of first appearance) and overall.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Consolidated {
    /// Per dimension.
    pub by_dimension: Vec<DimensionFigures>,
    /// The whole round.
    pub overall: Figures,
}

/// `part / whole` in basis points (1 bp = 0.01 %), rounded half up; `None` unless `whole > 0`.
pub fn basis_points(part: i64, whole: i64) -> Option<i64> {
    if whole <= 0 {
        return None;
    }
    // i128 holds 10_000 × any i64 with room to spare, so none of this can overflow.
    let scaled = i128::from(part) * 10_000;
    let whole = i128::from(whole);
    let rounded = (2 * scaled + whole).div_euclid(2 * whole);
    i64::try_from(rounded).ok()
}

/// Basis points as a percentage with two decimals: 1552 → "15.52", -5 → "-0.05".
pub fn format_basis_points(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let abs = bp.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

fn add_money(sum: &mut BudgetSum, money: Budget) -> Result<(), DomainError> {
    match money {
        Budget::Amount { satang } => {
            sum.satang = sum.satang.checked_add(satang).ok_or_else(messages::total_too_large)?;
            sum.amounts = sum.amounts.saturating_add(1);
        }
        Budget::NotNeeded => sum.not_needed = sum.not_needed.saturating_add(1),
        Budget::NotStated => sum.not_stated = sum.not_stated.saturating_add(1),
    }
    Ok(())
}

impl Round {
    /// The round as opened; `None` until then.
    pub fn opened(&self) -> Option<&RoundOpened> {
        self.opened.as_ref()
    }

    /// The item with this id.
    pub fn item(&self, item_id: Uuid) -> Option<&RoundItem> {
        self.opened
            .as_ref()
            .and_then(|opened| opened.items.iter().find(|item| item.item_id == item_id))
    }

    /// The submission of an item, if anything was saved for it.
    pub fn submission(&self, item_id: Uuid) -> Option<&Submission> {
        self.submissions.get(&item_id)
    }

    /// Whether the round is closed.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// The last Bangkok date on which entry is open (after a reopening, its end).
    pub fn entry_open_until(&self) -> Option<NaiveDate> {
        self.entry_open_until
    }

    /// Every reopening of entry, oldest first.
    pub fn reopenings(&self) -> &[RoundEntryReopened] {
        &self.reopenings
    }

    /// Whether items may be saved and submitted on a Bangkok date.
    pub fn entry_open_on(&self, day: NaiveDate) -> bool {
        !self.closed && self.entry_open_until.is_some_and(|until| day <= until)
    }

    /// Reported items (submitted or accepted) out of all items, overall and per org unit.
    pub fn completeness(&self) -> Coverage {
        self.coverage(|submission| submission.state.is_reported())
    }

    /// Items whose first submission was on or before the due date, out of all items, overall and
    /// per org unit.
    pub fn timeliness(&self) -> Coverage {
        self.coverage(|submission| submission.first_submission_late == Some(false))
    }

    fn coverage(&self, counts: impl Fn(&Submission) -> bool) -> Coverage {
        let mut coverage = Coverage::default();
        for item in self.items() {
            let counted = self.submissions.get(&item.item_id).is_some_and(&counts);
            coverage.count(item.org_unit_id, counted);
        }
        coverage
    }

    /// The consolidated table; an error only if the amounts are too large to add up.
    pub fn consolidated(&self) -> Result<Consolidated, DomainError> {
        let mut table = Consolidated::default();
        for item in self.items() {
            let submission = self.submissions.get(&item.item_id);
            let position = match table.by_dimension.iter().position(|d| d.dimension == item.dimension) {
                Some(position) => position,
                None => {
                    table.by_dimension.push(DimensionFigures {
                        dimension: item.dimension.clone(),
                        figures: Figures::default(),
                    });
                    table.by_dimension.len() - 1
                }
            };
            if let Some(dimension) = table.by_dimension.get_mut(position) {
                dimension.figures.add(item, submission)?;
            }
            table.overall.add(item, submission)?;
        }
        for dimension in &mut table.by_dimension {
            dimension.figures.finish();
        }
        table.overall.finish();
        Ok(table)
    }

    fn items(&self) -> &[RoundItem] {
        self.opened
            .as_ref()
            .map(|opened| opened.items.as_slice())
            .unwrap_or_default()
    }

    /// The round, if it exists and is not closed.
    fn active(&self) -> Result<&RoundOpened, DomainError> {
        let opened = self.opened.as_ref().ok_or_else(messages::round_not_found)?;
        if self.closed {
            return Err(messages::round_closed());
        }
        Ok(opened)
    }

    fn check_entry_open(&self, ctx: &Context) -> Result<(), DomainError> {
        let today = today(ctx);
        match self.entry_open_until {
            Some(until) if today > until => Err(messages::entry_closed(until)),
            _ => Ok(()),
        }
    }

    fn open(&self, c: &OpenRound, ctx: &Context) -> Result<Vec<RoundEvent>, DomainError> {
        require_secretariat(ctx, Action::Open)?;
        if self.opened.is_some() {
            return Err(messages::round_exists());
        }
        if !(EARLIEST_FISCAL_YEAR..=LATEST_FISCAL_YEAR).contains(&c.fiscal_year) {
            return Err(messages::fiscal_year_out_of_range(c.fiscal_year));
        }
        let period = c
            .period
            .parse::<Period>()
            .map_err(|_| messages::unknown_period(&c.period))?;
        if c.plan_revision == 0 {
            return Err(messages::revision_zero());
        }
        let fiscal_year = FiscalYear::from_be(i32::from(c.fiscal_year))
            .map_err(|_| messages::fiscal_year_out_of_range(c.fiscal_year))?;
        let starts = *fiscal_year.period(period).start();
        if c.due_on < starts {
            return Err(messages::due_before_period(c.due_on, starts, period, c.fiscal_year));
        }
        if c.entry_closes_after_days > MAX_ENTRY_DAYS {
            return Err(messages::entry_days_too_many(MAX_ENTRY_DAYS));
        }
        let entry_closes_on = c
            .due_on
            .checked_add_days(Days::new(u64::from(c.entry_closes_after_days)))
            .ok_or_else(messages::date_out_of_range)?;
        if c.items.is_empty() {
            return Err(messages::no_items());
        }
        if c.items.len() > MAX_ITEMS {
            return Err(messages::too_many_items(MAX_ITEMS));
        }
        let mut seen = HashSet::new();
        let mut items = Vec::with_capacity(c.items.len());
        for raw in &c.items {
            let item = clean_item(raw)?;
            if !seen.insert(item.item_id) {
                return Err(messages::duplicate_item(&item.code));
            }
            items.push(item);
        }
        Ok(vec![RoundOpened {
            round_id: c.round_id,
            plan_id: c.plan_id,
            plan_revision: c.plan_revision,
            fiscal_year: c.fiscal_year,
            period,
            due_on: c.due_on,
            entry_closes_after_days: c.entry_closes_after_days,
            entry_closes_on,
            items,
        }
        .into()])
    }

    fn save(&self, c: &SaveSubmission, ctx: &Context) -> Result<Vec<RoundEvent>, DomainError> {
        let opened = self.active()?;
        let item = round_item(opened, c.item_id)?;
        may_report(ctx, item)?;
        let existing = self.submissions.get(&c.item_id);
        match existing.map(|submission| submission.state) {
            Some(SubmissionState::Accepted) => return Err(messages::locked(&item.code)),
            Some(SubmissionState::Submitted) => return Err(messages::already_submitted(&item.code)),
            Some(SubmissionState::Draft | SubmissionState::Returned) | None => {}
        }
        self.check_entry_open(ctx)?;
        let drafted = clean_submission(c, item, opened.period)?;
        if let Some(existing) = existing {
            if existing.state == SubmissionState::Draft && existing.draft == drafted {
                return Ok(vec![]);
            }
        }
        Ok(vec![drafted.into()])
    }

    fn submit(&self, c: &SubmitSubmission, ctx: &Context) -> Result<Vec<RoundEvent>, DomainError> {
        let opened = self.active()?;
        let item = round_item(opened, c.item_id)?;
        may_report(ctx, item)?;
        let submission = self
            .submissions
            .get(&c.item_id)
            .ok_or_else(|| messages::no_draft(&item.code))?;
        match submission.state {
            SubmissionState::Accepted => return Err(messages::locked(&item.code)),
            SubmissionState::Submitted => return Err(messages::already_submitted(&item.code)),
            SubmissionState::Draft | SubmissionState::Returned => {}
        }
        self.check_entry_open(ctx)?;
        if submission.draft.content.status == ProgressStatus::AwaitingReport {
            return Err(messages::nothing_to_report(&item.code));
        }
        let submitted_on = today(ctx);
        Ok(vec![SubmissionSubmitted {
            round_id: opened.round_id,
            item_id: item.item_id,
            submitted_on,
            late: submitted_on > opened.due_on,
        }
        .into()])
    }

    /// Checks that an item's submission is waiting for review.
    fn under_review(&self, opened: &RoundOpened, item_id: Uuid) -> Result<(), DomainError> {
        let item = round_item(opened, item_id)?;
        match self.submissions.get(&item_id).map(|submission| submission.state) {
            Some(SubmissionState::Submitted) => Ok(()),
            Some(SubmissionState::Accepted) => Err(messages::locked(&item.code)),
            Some(SubmissionState::Draft | SubmissionState::Returned) | None => Err(messages::not_submitted(&item.code)),
        }
    }

    fn accept(&self, c: &AcceptSubmission, ctx: &Context) -> Result<Vec<RoundEvent>, DomainError> {
        require_secretariat(ctx, Action::Accept)?;
        let opened = self.active()?;
        self.under_review(opened, c.item_id)?;
        Ok(vec![SubmissionAccepted {
            round_id: opened.round_id,
            item_id: c.item_id,
        }
        .into()])
    }

    fn return_for_correction(&self, c: &ReturnSubmission, ctx: &Context) -> Result<Vec<RoundEvent>, DomainError> {
        require_secretariat(ctx, Action::Return)?;
        let opened = self.active()?;
        self.under_review(opened, c.item_id)?;
        let reason = clean_text(&c.reason, Field::ReturnReason, MAX_TEXT)?;
        Ok(vec![SubmissionReturned {
            round_id: opened.round_id,
            item_id: c.item_id,
            reason,
        }
        .into()])
    }

    fn reopen(&self, c: &ReopenEntry, ctx: &Context) -> Result<Vec<RoundEvent>, DomainError> {
        require_secretariat(ctx, Action::Reopen)?;
        let opened = self.active()?;
        let today = today(ctx);
        if let Some(until) = self.entry_open_until.filter(|until| today <= *until) {
            return Err(messages::entry_still_open(until));
        }
        let reason = clean_text(&c.reason, Field::ReopenReason, MAX_TEXT)?;
        let until = today
            .checked_add_days(Days::new(u64::from(opened.entry_closes_after_days)))
            .ok_or_else(messages::date_out_of_range)?;
        Ok(vec![RoundEntryReopened {
            round_id: opened.round_id,
            reason,
            until,
        }
        .into()])
    }

    fn close(&self, _c: &CloseRound, ctx: &Context) -> Result<Vec<RoundEvent>, DomainError> {
        require_secretariat(ctx, Action::Close)?;
        let opened = self.active()?;
        Ok(vec![RoundClosed {
            round_id: opened.round_id,
        }
        .into()])
    }
}

/// An item of the round, or why not.
fn round_item(opened: &RoundOpened, item_id: Uuid) -> Result<&RoundItem, DomainError> {
    opened
        .items
        .iter()
        .find(|item| item.item_id == item_id)
        .ok_or_else(|| messages::item_not_found(item_id))
}

/// Today's date in Thailand (UTC+7 all year), the calendar due dates are written in.
fn today(ctx: &Context) -> NaiveDate {
    match FixedOffset::east_opt(7 * 3600) {
        Some(bangkok) => ctx.now.with_timezone(&bangkok).date_naive(),
        None => ctx.now.date_naive(),
    }
}

fn require_secretariat(ctx: &Context, action: Action) -> Result<(), DomainError> {
    if ctx.has_role(Role::Secretariat) {
        Ok(())
    } else {
        Err(messages::secretariat_only(action))
    }
}

/// The secretariat reports for any item; an officer only for the items of their own org unit.
fn may_report(ctx: &Context, item: &RoundItem) -> Result<(), DomainError> {
    if ctx.has_role(Role::Secretariat) {
        return Ok(());
    }
    let own_unit = ctx
        .profile
        .as_ref()
        .filter(|profile| profile.roles.contains(&Role::Officer))
        .and_then(|profile| profile.org_unit_id);
    match (own_unit, item.org_unit_id) {
        (Some(own), Some(responsible)) if own == responsible => Ok(()),
        (Some(_), _) => Err(messages::other_agency(&item.code)),
        (None, _) => Err(messages::may_not_report()),
    }
}

fn check_money(code: &str, what: Money, money: Budget) -> Result<(), DomainError> {
    match money {
        Budget::Amount { satang } if satang < 0 => Err(messages::negative_amount(code, what)),
        Budget::Amount { satang } if satang > MAX_SATANG => Err(messages::amount_too_large(code, what)),
        _ => Ok(()),
    }
}

fn clean_item(raw: &RoundItem) -> Result<RoundItem, DomainError> {
    let code = clean_line(&raw.code, Field::Code, MAX_CODE)?;
    let name = clean_line(&raw.name, Field::Name, MAX_LINE)?;
    let dimension = clean_line(&raw.dimension, Field::Dimension, MAX_LINE)?;
    check_money(&code, Money::Budget, raw.budget)?;
    Ok(RoundItem {
        item_id: raw.item_id,
        code,
        name,
        dimension,
        org_unit_id: raw.org_unit_id,
        budget: raw.budget,
    })
}

/// Checks and cleans a draft against its item and the round's period.
fn clean_submission(save: &SaveSubmission, item: &RoundItem, period: Period) -> Result<SubmissionDrafted, DomainError> {
    let code = item.code.as_str();
    let c = &save.content;
    let not_carried_out_reason = match (c.status, &c.not_carried_out_reason) {
        (ProgressStatus::NotCarriedOut, None) => return Err(messages::reason_required(code)),
        (ProgressStatus::NotCarriedOut, Some(NotCarriedOutReason::Other { text })) => {
            Some(NotCarriedOutReason::Other {
                text: clean_text(text, Field::OtherReason, MAX_TEXT)?,
            })
        }
        (ProgressStatus::NotCarriedOut, Some(reason)) => Some(reason.clone()),
        // A reason belongs only to "not carried out"; one left over from an earlier choice is dropped.
        (_, _) => None,
    };
    check_money(code, Money::Disbursed, c.disbursed)?;
    let over = match (item.budget, c.disbursed) {
        (Budget::Amount { satang: budget }, Budget::Amount { satang: spent }) if spent > budget => {
            Some(messages::over_budget(code, spent, budget))
        }
        (Budget::NotNeeded, Budget::Amount { satang: spent }) if spent > 0 => {
            Some(messages::spent_without_budget(code, spent))
        }
        _ => None,
    };
    if let Some(refusal) = &over {
        if !save.confirm_over_budget {
            return Err(refusal.clone());
        }
    }
    let last_quarter = period.quarters().last().map_or(4, |quarter| quarter.number());
    for (quarter, done) in (1u8..).zip(c.quarters_done) {
        if done && quarter > last_quarter {
            return Err(messages::quarter_after_period(code, quarter, period));
        }
    }
    let mut evidence: Vec<String> = Vec::new();
    for reference in &c.evidence {
        if reference.trim().is_empty() {
            continue;
        }
        let reference = clean_line(reference, Field::Evidence, MAX_LINE)?;
        if !evidence.contains(&reference) {
            evidence.push(reference);
        }
    }
    if evidence.len() > MAX_EVIDENCE {
        return Err(messages::too_much_evidence(MAX_EVIDENCE));
    }
    let content = SubmissionContent {
        status: c.status,
        disbursed: c.disbursed,
        quarters_done: c.quarters_done,
        indicator_result: clean_optional(
            c.indicator_result.as_deref(),
            Field::IndicatorResult,
            clean_text,
            MAX_TEXT,
        )?,
        narrative: clean_optional(c.narrative.as_deref(), Field::Narrative, clean_text, MAX_TEXT)?,
        evidence,
        remark: clean_optional(c.remark.as_deref(), Field::Remark, clean_text, MAX_TEXT)?,
        not_carried_out_reason,
    };
    Ok(SubmissionDrafted {
        round_id: save.round_id,
        item_id: save.item_id,
        content,
        over_budget: over.is_some(),
    })
}

impl Aggregate for Round {
    type Command = RoundCommand;
    type Event = RoundEvent;

    fn handle(&self, command: &RoundCommand, ctx: &Context) -> Result<Vec<RoundEvent>, DomainError> {
        if ctx.actor == Actor::Anonymous {
            return Err(messages::anonymous_forbidden());
        }
        match command {
            RoundCommand::OpenRound(c) => self.open(c, ctx),
            RoundCommand::SaveSubmission(c) => self.save(c, ctx),
            RoundCommand::SubmitSubmission(c) => self.submit(c, ctx),
            RoundCommand::AcceptSubmission(c) => self.accept(c, ctx),
            RoundCommand::ReturnSubmission(c) => self.return_for_correction(c, ctx),
            RoundCommand::ReopenEntry(c) => self.reopen(c, ctx),
            RoundCommand::CloseRound(c) => self.close(c, ctx),
        }
    }

    fn apply(&mut self, event: &RoundEvent) {
        match event {
            RoundEvent::RoundOpened(e) => {
                *self = Round {
                    opened: Some(e.clone()),
                    entry_open_until: Some(e.entry_closes_on),
                    ..Round::default()
                };
            }
            RoundEvent::SubmissionDrafted(e) => match self.submissions.get_mut(&e.item_id) {
                Some(submission) => {
                    submission.state = SubmissionState::Draft;
                    submission.draft = e.clone();
                }
                None => {
                    self.submissions.insert(
                        e.item_id,
                        Submission {
                            state: SubmissionState::Draft,
                            draft: e.clone(),
                            first_submission_late: None,
                            last_submitted_on: None,
                            returns: Vec::new(),
                        },
                    );
                }
            },
            RoundEvent::SubmissionSubmitted(e) => {
                if let Some(submission) = self.submissions.get_mut(&e.item_id) {
                    submission.state = SubmissionState::Submitted;
                    submission.first_submission_late.get_or_insert(e.late);
                    submission.last_submitted_on = Some(e.submitted_on);
                }
            }
            RoundEvent::SubmissionAccepted(e) => {
                if let Some(submission) = self.submissions.get_mut(&e.item_id) {
                    submission.state = SubmissionState::Accepted;
                }
            }
            RoundEvent::SubmissionReturned(e) => {
                if let Some(submission) = self.submissions.get_mut(&e.item_id) {
                    submission.state = SubmissionState::Returned;
                    submission.returns.push(e.reason.clone());
                }
            }
            RoundEvent::RoundEntryReopened(e) => {
                self.entry_open_until = Some(e.until);
                self.reopenings.push(e.clone());
            }
            RoundEvent::RoundClosed(_) => self.closed = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use sujarit_contracts::ErrorCode;

    use super::*;
    use crate::aggregate::testing::{assert_refused, given_when, person};
    use crate::aggregate::Profile;

    const ROUND: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_4001);
    const PLAN: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_5111);
    /// สำนักงานประชาสัมพันธ์จังหวัด.
    const UNIT_A: Uuid = Uuid::from_u128(901);
    /// สำนักงาน ป.ป.ช. ประจำจังหวัด.
    const UNIT_B: Uuid = Uuid::from_u128(902);
    /// สำนักงานพัฒนาชุมชนจังหวัด.
    const UNIT_C: Uuid = Uuid::from_u128(903);

    const DIM_1: &str = "มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต";
    const DIM_2: &str = "มิติที่ 2 การบริหารราชการเพื่อป้องกันการทุจริต";
    const DIM_3: &str = "มิติที่ 3 การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน";

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn baht(amount: i64) -> Budget {
        Budget::Amount { satang: amount * 100 }
    }

    /// 10:00 in Bangkok on a given day.
    fn morning(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        date(y, m, d).and_hms_opt(3, 0, 0).unwrap().and_utc()
    }

    fn with_roles(roles: Vec<Role>, org_unit_id: Option<Uuid>, now: DateTime<Utc>) -> Context {
        Context {
            profile: Some(Profile { roles, org_unit_id }),
            now,
            ..person()
        }
    }

    fn secretariat(now: DateTime<Utc>) -> Context {
        with_roles(vec![Role::Secretariat], None, now)
    }

    fn officer(unit: Uuid, now: DateTime<Utc>) -> Context {
        with_roles(vec![Role::Officer], Some(unit), now)
    }

    fn service(now: DateTime<Utc>) -> Context {
        Context {
            actor: Actor::Service("importer".into()),
            now,
            ..person()
        }
    }

    fn anonymous(now: DateTime<Utc>) -> Context {
        Context {
            actor: Actor::Anonymous,
            now,
            ..person()
        }
    }

    /// Before the due date of the fixture round (5 April 2023).
    fn early() -> DateTime<Utc> {
        morning(2023, 4, 1)
    }

    fn item(n: u128, code: &str, dimension: &str, unit: Option<Uuid>, budget: Budget) -> RoundItem {
        RoundItem {
            item_id: id(n),
            code: code.into(),
            name: format!("โครงการ {code}"),
            dimension: dimension.into(),
            org_unit_id: unit,
            budget,
        }
    }

    /// The five items of the fixture round, in three dimensions and three agencies.
    fn five_items() -> Vec<RoundItem> {
        vec![
            item(1, "1.1", DIM_1, Some(UNIT_A), baht(7_000)),
            item(2, "1.2", DIM_1, Some(UNIT_A), baht(39_750)),
            item(3, "2.1", DIM_2, Some(UNIT_B), Budget::NotNeeded),
            item(4, "2.2", DIM_2, Some(UNIT_B), baht(180_000)),
            item(5, "3.1", DIM_3, Some(UNIT_C), Budget::NotStated),
        ]
    }

    /// The 6-month round of FY2566 (1 Oct 2022 – 31 Mar 2023), due 5 April 2023.
    fn open_command(items: Vec<RoundItem>) -> OpenRound {
        OpenRound {
            round_id: ROUND,
            plan_id: PLAN,
            plan_revision: 1,
            fiscal_year: 2566,
            period: "h1".into(),
            due_on: date(2023, 4, 5),
            entry_closes_after_days: 10,
            items,
        }
    }

    fn opened() -> Vec<RoundEvent> {
        vec![RoundOpened {
            round_id: ROUND,
            plan_id: PLAN,
            plan_revision: 1,
            fiscal_year: 2566,
            period: Period::H1,
            due_on: date(2023, 4, 5),
            entry_closes_after_days: 10,
            entry_closes_on: date(2023, 4, 15),
            items: five_items(),
        }
        .into()]
    }

    fn save(n: u128, status: ProgressStatus, disbursed: Budget) -> SaveSubmission {
        SaveSubmission {
            round_id: ROUND,
            item_id: id(n),
            content: SubmissionContent {
                status,
                disbursed,
                quarters_done: [true, false, false, false],
                indicator_result: None,
                narrative: None,
                evidence: vec![],
                remark: None,
                not_carried_out_reason: None,
            },
            confirm_over_budget: false,
        }
    }

    fn in_progress(n: u128) -> SaveSubmission {
        save(n, ProgressStatus::InProgress, baht(1_000))
    }

    fn submit(n: u128) -> SubmitSubmission {
        SubmitSubmission {
            round_id: ROUND,
            item_id: id(n),
        }
    }

    fn accept(n: u128) -> AcceptSubmission {
        AcceptSubmission {
            round_id: ROUND,
            item_id: id(n),
        }
    }

    fn return_with(n: u128, reason: &str) -> ReturnSubmission {
        ReturnSubmission {
            round_id: ROUND,
            item_id: id(n),
            reason: reason.into(),
        }
    }

    fn reopen(reason: &str) -> ReopenEntry {
        ReopenEntry {
            round_id: ROUND,
            reason: reason.into(),
        }
    }

    fn close() -> CloseRound {
        CloseRound { round_id: ROUND }
    }

    /// Given these events, decides more commands, each with its context, each of which must be
    /// accepted; all the events.
    fn with(mut events: Vec<RoundEvent>, more: Vec<(Context, RoundCommand)>) -> Vec<RoundEvent> {
        let mut state = Round::from_history(&events);
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

    /// The command as the secretariat would send it before the due date.
    fn early_by_secretariat(command: impl Into<RoundCommand>) -> (Context, RoundCommand) {
        (secretariat(early()), command.into())
    }

    /// Item 1 (agency A) saved as a draft.
    fn drafted() -> Vec<RoundEvent> {
        with(opened(), vec![(officer(UNIT_A, early()), in_progress(1).into())])
    }

    /// Item 1 submitted on time.
    fn submitted() -> Vec<RoundEvent> {
        with(drafted(), vec![(officer(UNIT_A, early()), submit(1).into())])
    }

    fn when(
        given: Vec<RoundEvent>,
        command: impl Into<RoundCommand>,
        ctx: &Context,
    ) -> Result<Vec<RoundEvent>, DomainError> {
        given_when::<Round>(given, command.into(), ctx)
    }

    fn refused(given: Vec<RoundEvent>, command: impl Into<RoundCommand>, ctx: &Context) -> DomainError {
        match when(given, command, ctx) {
            Ok(events) => panic!("accepted: {events:?}"),
            Err(e) => e,
        }
    }

    fn drafted_event(events: &[RoundEvent]) -> &SubmissionDrafted {
        match events {
            [RoundEvent::SubmissionDrafted(drafted)] => drafted,
            other => panic!("not one SubmissionDrafted: {other:?}"),
        }
    }

    // Opening.

    #[test]
    fn opening_a_round_records_the_cleaned_snapshot_and_the_last_day_of_entry() {
        let mut items = five_items();
        items[0].name = "  โครงการ   ประชาสัมพันธ์\n สื่อดิจิทัล ".into();
        items[0].code = " 1.1 ".into();
        let mut command = open_command(items);
        command.period = " 6 เดือน ".into();
        let then = when(vec![], command, &secretariat(morning(2023, 3, 1))).unwrap();
        let mut expected = five_items();
        expected[0].name = "โครงการ ประชาสัมพันธ์ สื่อดิจิทัล".into();
        let RoundEvent::RoundOpened(round) = &then[0] else {
            panic!("{then:?}")
        };
        assert_eq!(round.period, Period::H1);
        assert_eq!(round.entry_closes_on, date(2023, 4, 15));
        assert_eq!(round.items, expected);
        let state = Round::from_history(&then);
        assert!(state.entry_open_on(date(2023, 4, 15)));
        assert!(!state.entry_open_on(date(2023, 4, 16)));
    }

    #[test]
    fn only_the_secretariat_or_a_service_may_open_a_round() {
        let command = open_command(five_items());
        assert!(when(vec![], command.clone(), &service(early())).is_ok());
        for ctx in [
            officer(UNIT_A, early()),
            with_roles(vec![Role::Committee], None, early()),
            person(),
        ] {
            let err = refused(vec![], command.clone(), &ctx);
            assert_refused(&err, ErrorCode::Forbidden, "เลขานุการ", "only the secretariat may open");
        }
        let err = refused(vec![], command, &anonymous(early()));
        assert_refused(&err, ErrorCode::Forbidden, "ผู้ไม่ระบุตัวตน", "anonymous");
    }

    #[test]
    fn a_round_needs_items_and_a_known_period() {
        let ctx = secretariat(early());
        let err = refused(vec![], open_command(vec![]), &ctx);
        assert_refused(&err, ErrorCode::Validation, "ไม่มีรายการ", "no items");
        let mut command = open_command(five_items());
        command.period = "q5".into();
        let err = refused(vec![], command, &ctx);
        assert_refused(&err, ErrorCode::Validation, "q5", "q1, q2, q3, q4, h1 or annual");
    }

    #[test]
    fn the_period_is_read_as_a_code_or_a_thai_label_and_recorded_as_its_code() {
        for (text, period) in [
            ("q1", Period::Q1),
            (" Q2 ", Period::Q2),
            ("ไตรมาสที่ ๓", Period::Q3),
            ("ไตรมาส 4", Period::Q4),
            ("H1", Period::H1),
            ("๑๒ เดือน", Period::Annual),
        ] {
            let mut command = open_command(five_items());
            command.period = text.into();
            command.due_on = date(2023, 10, 5);
            let then = when(vec![], command, &secretariat(early())).unwrap();
            let [RoundEvent::RoundOpened(round)] = then.as_slice() else {
                panic!("{then:?}")
            };
            assert_eq!(round.period, period, "{text}");
        }
    }

    #[test]
    fn opening_a_round_twice_is_a_conflict() {
        let err = refused(opened(), open_command(five_items()), &secretariat(early()));
        assert_refused(&err, ErrorCode::Conflict, "เปิดไว้แล้ว", "already open");
    }

    #[test]
    fn round_items_need_unique_ids_codes_names_dimensions_and_non_negative_budgets() {
        let ctx = secretariat(early());
        let mut twice = five_items();
        twice.push(item(1, "9.9", DIM_1, Some(UNIT_A), baht(1)));
        assert_refused(
            &refused(vec![], open_command(twice), &ctx),
            ErrorCode::Validation,
            "9.9",
            "more than once",
        );
        let mut no_name = five_items();
        no_name[2].name = " ".into();
        assert_refused(
            &refused(vec![], open_command(no_name), &ctx),
            ErrorCode::Validation,
            "ชื่อโครงการ",
            "name must not be empty",
        );
        let mut no_dimension = five_items();
        no_dimension[2].dimension = "".into();
        assert_refused(
            &refused(vec![], open_command(no_dimension), &ctx),
            ErrorCode::Validation,
            "มิติ",
            "dimension",
        );
        let mut negative = five_items();
        negative[3].budget = Budget::Amount { satang: -1 };
        assert_refused(
            &refused(vec![], open_command(negative), &ctx),
            ErrorCode::Validation,
            "2.2",
            "budget of item 2.2 must not be negative",
        );
    }

    #[test]
    fn the_fiscal_year_revision_due_date_and_entry_days_must_make_sense() {
        let ctx = secretariat(early());
        let mut ce_year = open_command(five_items());
        ce_year.fiscal_year = 2023;
        assert_refused(
            &refused(vec![], ce_year, &ctx),
            ErrorCode::Validation,
            "2023",
            "Buddhist Era",
        );
        let mut revision = open_command(five_items());
        revision.plan_revision = 0;
        assert_refused(
            &refused(vec![], revision, &ctx),
            ErrorCode::Validation,
            "ฉบับ",
            "revision",
        );
        let mut early_due = open_command(five_items());
        early_due.due_on = date(2022, 9, 30);
        assert_refused(
            &refused(vec![], early_due, &ctx),
            ErrorCode::Validation,
            "1 ต.ค. 2565",
            "2022-09-30 is before the period starts on 2022-10-01",
        );
        let mut long = open_command(five_items());
        long.entry_closes_after_days = MAX_ENTRY_DAYS + 1;
        assert_refused(&refused(vec![], long, &ctx), ErrorCode::Validation, "366", "366 days");
    }

    #[test]
    fn commands_on_a_round_never_opened_are_not_found() {
        let commands: Vec<RoundCommand> = vec![
            in_progress(1).into(),
            submit(1).into(),
            accept(1).into(),
            return_with(1, "x").into(),
            reopen("x").into(),
            close().into(),
        ];
        for command in commands {
            let name = command.name();
            let err = refused(vec![], command, &secretariat(early()));
            assert_eq!(err.code, ErrorCode::NotFound, "{name}");
            assert!(err.message.en.contains("no such round"), "{name}: {err}");
        }
    }

    // Who may report.

    #[test]
    fn an_officer_may_save_and_submit_for_an_item_of_their_own_agency() {
        let then = when(opened(), in_progress(1), &officer(UNIT_A, early())).unwrap();
        assert_eq!(
            then,
            vec![SubmissionDrafted {
                round_id: ROUND,
                item_id: id(1),
                content: SubmissionContent {
                    status: ProgressStatus::InProgress,
                    disbursed: baht(1_000),
                    quarters_done: [true, false, false, false],
                    indicator_result: None,
                    narrative: None,
                    evidence: vec![],
                    remark: None,
                    not_carried_out_reason: None,
                },
                over_budget: false,
            }
            .into()]
        );
        let then = when(drafted(), submit(1), &officer(UNIT_A, early())).unwrap();
        assert_eq!(
            then,
            vec![SubmissionSubmitted {
                round_id: ROUND,
                item_id: id(1),
                submitted_on: date(2023, 4, 1),
                late: false,
            }
            .into()]
        );
    }

    #[test]
    fn an_officer_of_another_agency_is_forbidden() {
        let other = officer(UNIT_B, early());
        let err = refused(opened(), in_progress(1), &other);
        assert_refused(
            &err,
            ErrorCode::Forbidden,
            "รายการ 1.1 เป็นของหน่วยงานอื่น",
            "item 1.1 belongs to another org unit",
        );
        let err = refused(drafted(), submit(1), &other);
        assert_eq!(err.code, ErrorCode::Forbidden);
    }

    #[test]
    fn an_officer_may_not_report_for_an_item_without_a_responsible_unit() {
        let mut items = five_items();
        items[0].org_unit_id = None;
        let given = with(vec![], vec![early_by_secretariat(open_command(items))]);
        let err = refused(given.clone(), in_progress(1), &officer(UNIT_A, early()));
        assert_eq!(err.code, ErrorCode::Forbidden);
        assert!(when(given, in_progress(1), &secretariat(early())).is_ok());
    }

    #[test]
    fn the_secretariat_and_services_may_report_for_any_item() {
        for ctx in [secretariat(early()), service(early())] {
            let given = with(opened(), vec![(ctx.clone(), in_progress(5).into())]);
            assert!(when(given, submit(5), &ctx).is_ok());
        }
    }

    #[test]
    fn anonymous_actors_and_people_who_are_not_officers_may_not_report() {
        let err = refused(opened(), in_progress(1), &anonymous(early()));
        assert_refused(&err, ErrorCode::Forbidden, "ผู้ไม่ระบุตัวตน", "anonymous");
        for ctx in [
            with_roles(vec![Role::Committee], Some(UNIT_A), early()),
            with_roles(vec![Role::Officer], None, early()),
            person(),
        ] {
            let err = refused(opened(), in_progress(1), &ctx);
            assert_refused(
                &err,
                ErrorCode::Forbidden,
                "เจ้าหน้าที่ของหน่วยงานที่รับผิดชอบ",
                "only officers of the responsible org unit",
            );
        }
    }

    #[test]
    fn only_the_secretariat_may_accept_return_reopen_or_close() {
        let entry_closed = morning(2023, 4, 20);
        let cases: Vec<(RoundCommand, &str)> = vec![
            (accept(1).into(), "accept"),
            (return_with(1, "แนบภาพกิจกรรม").into(), "return"),
            (reopen("หน่วยงานขอขยายเวลา").into(), "reopen"),
            (close().into(), "close"),
        ];
        for (command, verb) in cases {
            let err = refused(submitted(), command.clone(), &officer(UNIT_A, entry_closed));
            assert_refused(&err, ErrorCode::Forbidden, "เฉพาะฝ่ายเลขานุการ", verb);
            assert!(
                when(submitted(), command.clone(), &secretariat(entry_closed)).is_ok(),
                "{verb}"
            );
            assert!(when(submitted(), command, &service(entry_closed)).is_ok(), "{verb}");
        }
    }

    // What a submission must say.

    #[test]
    fn not_carried_out_without_a_reason_is_refused() {
        let command = save(4, ProgressStatus::NotCarriedOut, baht(0));
        let err = refused(opened(), command.clone(), &officer(UNIT_B, early()));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "ต้องระบุเหตุผล",
            "item 2.2 was not carried out; give the reason",
        );
        let mut with_reason = command;
        with_reason.content.not_carried_out_reason = Some(NotCarriedOutReason::NoBudget);
        let then = when(opened(), with_reason, &officer(UNIT_B, early())).unwrap();
        assert_eq!(
            drafted_event(&then).content.not_carried_out_reason,
            Some(NotCarriedOutReason::NoBudget)
        );
    }

    #[test]
    fn another_reason_needs_words_and_is_recorded_trimmed() {
        let mut command = save(4, ProgressStatus::NotCarriedOut, Budget::NotStated);
        command.content.not_carried_out_reason = Some(NotCarriedOutReason::Other { text: "  ".into() });
        let err = refused(opened(), command.clone(), &officer(UNIT_B, early()));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "เหตุผลอื่น",
            "the other reason must not be empty",
        );
        command.content.not_carried_out_reason = Some(NotCarriedOutReason::Other {
            text: " เกิดอุทกภัยในพื้นที่ ".into(),
        });
        let then = when(opened(), command, &officer(UNIT_B, early())).unwrap();
        assert_eq!(
            drafted_event(&then).content.not_carried_out_reason,
            Some(NotCarriedOutReason::Other {
                text: "เกิดอุทกภัยในพื้นที่".into()
            })
        );
    }

    #[test]
    fn a_reason_left_over_from_another_status_is_dropped() {
        let mut command = in_progress(4);
        command.content.not_carried_out_reason = Some(NotCarriedOutReason::PolicyChanged);
        let then = when(opened(), command, &officer(UNIT_B, early())).unwrap();
        assert_eq!(drafted_event(&then).content.not_carried_out_reason, None);
    }

    #[test]
    fn disbursing_above_the_budget_without_confirmation_is_refused_naming_both_figures() {
        let command = save(2, ProgressStatus::Completed, Budget::Amount { satang: 4_000_050 });
        let err = refused(opened(), command, &officer(UNIT_A, early()));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "เบิกจ่าย 40,000.50 บาท เกินงบประมาณ 39,750.00 บาท",
            "disbursed 40,000.50 baht, more than its budget of 39,750.00 baht; confirm",
        );
    }

    #[test]
    fn disbursing_above_the_budget_with_confirmation_is_recorded_as_over_budget() {
        let mut command = save(2, ProgressStatus::Completed, Budget::Amount { satang: 4_000_050 });
        command.confirm_over_budget = true;
        let then = when(opened(), command, &officer(UNIT_A, early())).unwrap();
        let drafted = drafted_event(&then);
        assert!(drafted.over_budget);
        assert_eq!(drafted.content.disbursed, Budget::Amount { satang: 4_000_050 });
    }

    #[test]
    fn disbursing_money_on_an_item_that_needs_no_budget_needs_confirmation() {
        let command = save(3, ProgressStatus::Completed, baht(500));
        let err = refused(opened(), command.clone(), &officer(UNIT_B, early()));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "ไม่ใช้งบประมาณ แต่รายงานการเบิกจ่าย 500.00 บาท",
            "needs no budget, yet 500.00 baht was disbursed; confirm",
        );
        let mut confirmed = command;
        confirmed.confirm_over_budget = true;
        let then = when(opened(), confirmed, &officer(UNIT_B, early())).unwrap();
        assert!(drafted_event(&then).over_budget);
        let zero = save(3, ProgressStatus::Completed, baht(0));
        let then = when(opened(), zero, &officer(UNIT_B, early())).unwrap();
        assert!(!drafted_event(&then).over_budget, "nothing spent is not over budget");
    }

    #[test]
    fn disbursing_up_to_the_budget_or_against_an_unstated_one_needs_no_confirmation() {
        let then = when(
            opened(),
            save(2, ProgressStatus::Completed, baht(39_750)),
            &officer(UNIT_A, early()),
        )
        .unwrap();
        assert!(!drafted_event(&then).over_budget);
        let then = when(
            opened(),
            save(5, ProgressStatus::Completed, baht(1_000_000)),
            &officer(UNIT_C, early()),
        )
        .unwrap();
        assert!(!drafted_event(&then).over_budget);
    }

    #[test]
    fn a_negative_or_absurd_disbursement_is_refused_even_when_confirmed() {
        let mut command = save(2, ProgressStatus::InProgress, Budget::Amount { satang: -100 });
        command.confirm_over_budget = true;
        let err = refused(opened(), command.clone(), &officer(UNIT_A, early()));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "ติดลบไม่ได้",
            "amount disbursed on item 1.2 must not be negative",
        );
        command.content.disbursed = Budget::Amount { satang: MAX_SATANG + 1 };
        let err = refused(opened(), command, &officer(UNIT_A, early()));
        assert_refused(&err, ErrorCode::Validation, "สูงเกิน", "too large");
    }

    #[test]
    fn quarters_after_the_rounds_period_cannot_be_ticked() {
        let mut command = in_progress(1);
        command.content.quarters_done = [true, true, true, false];
        let err = refused(opened(), command.clone(), &officer(UNIT_A, early()));
        assert_refused(
            &err,
            ErrorCode::Validation,
            "ไตรมาส 3",
            "quarter 3 is after the period of this round (6 months)",
        );
        command.content.quarters_done = [true, true, false, false];
        assert!(when(opened(), command, &officer(UNIT_A, early())).is_ok());
    }

    #[test]
    fn texts_are_trimmed_and_blank_or_repeated_evidence_dropped() {
        let mut command = in_progress(1);
        command.content.indicator_result = Some("  ร้อยละ 85  ".into());
        command.content.narrative = Some(" ".into());
        command.content.remark = Some("\nดำเนินการไตรมาส 1-2\n".into());
        command.content.evidence = vec![
            " photo/2023/04/01.jpg ".into(),
            "".into(),
            "photo/2023/04/01.jpg".into(),
            "doc/report.pdf".into(),
        ];
        let then = when(opened(), command, &officer(UNIT_A, early())).unwrap();
        let drafted = drafted_event(&then);
        assert_eq!(drafted.content.indicator_result.as_deref(), Some("ร้อยละ 85"));
        assert_eq!(drafted.content.narrative, None);
        assert_eq!(drafted.content.remark.as_deref(), Some("ดำเนินการไตรมาส 1-2"));
        assert_eq!(drafted.content.evidence, vec!["photo/2023/04/01.jpg", "doc/report.pdf"]);
        let mut many = in_progress(1);
        many.content.evidence = (0..=MAX_EVIDENCE).map(|n| format!("photo/{n}.jpg")).collect();
        let err = refused(opened(), many, &officer(UNIT_A, early()));
        assert_refused(&err, ErrorCode::Validation, "50", "at most 50");
    }

    #[test]
    fn reporting_on_an_item_not_in_the_round_is_not_found() {
        let err = refused(opened(), in_progress(77), &secretariat(early()));
        assert_refused(&err, ErrorCode::NotFound, "ไม่พบรายการ", "not in this round");
    }

    #[test]
    fn saving_the_same_draft_again_records_nothing() {
        let then = when(drafted(), in_progress(1), &officer(UNIT_A, early())).unwrap();
        assert!(then.is_empty());
        let mut changed = in_progress(1);
        changed.content.disbursed = baht(2_000);
        assert_eq!(when(drafted(), changed, &officer(UNIT_A, early())).unwrap().len(), 1);
    }

    // The life of a submission.

    #[test]
    fn submitting_without_a_saved_draft_is_not_found() {
        let err = refused(opened(), submit(1), &officer(UNIT_A, early()));
        assert_refused(
            &err,
            ErrorCode::NotFound,
            "ยังไม่ได้บันทึกร่าง",
            "nothing has been saved for item 1.1; save a draft first",
        );
    }

    #[test]
    fn a_draft_still_awaiting_report_cannot_be_submitted() {
        let given = with(
            opened(),
            vec![(
                officer(UNIT_A, early()),
                save(1, ProgressStatus::AwaitingReport, Budget::NotStated).into(),
            )],
        );
        let err = refused(given, submit(1), &officer(UNIT_A, early()));
        assert_refused(&err, ErrorCode::Validation, "รอรายงาน", "awaiting report");
    }

    #[test]
    fn a_submission_on_the_due_date_in_bangkok_is_on_time_and_after_it_is_late() {
        // 16:59 UTC on 5 April is 23:59 in Bangkok; 17:00 UTC is already 6 April there.
        let last_minute = date(2023, 4, 5).and_hms_opt(16, 59, 0).unwrap().and_utc();
        let then = when(drafted(), submit(1), &officer(UNIT_A, last_minute)).unwrap();
        assert_eq!(
            then,
            vec![SubmissionSubmitted {
                round_id: ROUND,
                item_id: id(1),
                submitted_on: date(2023, 4, 5),
                late: false,
            }
            .into()]
        );
        let midnight = date(2023, 4, 5).and_hms_opt(17, 0, 0).unwrap().and_utc();
        let then = when(drafted(), submit(1), &officer(UNIT_A, midnight)).unwrap();
        assert_eq!(
            then,
            vec![SubmissionSubmitted {
                round_id: ROUND,
                item_id: id(1),
                submitted_on: date(2023, 4, 6),
                late: true,
            }
            .into()]
        );
    }

    #[test]
    fn a_submitted_submission_cannot_be_saved_or_submitted_again_until_returned() {
        let err = refused(submitted(), in_progress(1), &officer(UNIT_A, early()));
        assert_refused(
            &err,
            ErrorCode::Conflict,
            "ส่งแล้ว",
            "item 1.1 is submitted and waiting for review",
        );
        let err = refused(submitted(), submit(1), &officer(UNIT_A, early()));
        assert_eq!(err.code, ErrorCode::Conflict);
    }

    #[test]
    fn a_returned_submission_can_be_corrected_and_resubmitted() {
        let err = refused(submitted(), return_with(1, "  "), &secretariat(early()));
        assert_refused(&err, ErrorCode::Validation, "เหตุผลที่ส่งกลับ", "reason for returning");
        let then = when(submitted(), return_with(1, " แนบภาพกิจกรรม "), &secretariat(early())).unwrap();
        assert_eq!(
            then,
            vec![SubmissionReturned {
                round_id: ROUND,
                item_id: id(1),
                reason: "แนบภาพกิจกรรม".into(),
            }
            .into()]
        );
        let mut corrected = in_progress(1);
        corrected.content.evidence = vec!["photo/activity.jpg".into()];
        let history = with(
            [submitted(), then].concat(),
            vec![
                (officer(UNIT_A, morning(2023, 4, 8)), corrected.into()),
                (officer(UNIT_A, morning(2023, 4, 8)), submit(1).into()),
            ],
        );
        let round = Round::from_history(&history);
        let submission = round.submission(id(1)).unwrap();
        assert_eq!(submission.state, SubmissionState::Submitted);
        assert_eq!(submission.returns, vec!["แนบภาพกิจกรรม".to_string()]);
        assert_eq!(submission.draft.content.evidence, vec!["photo/activity.jpg"]);
        assert_eq!(submission.last_submitted_on, Some(date(2023, 4, 8)));
        assert_eq!(
            submission.first_submission_late,
            Some(false),
            "a correction after the due date keeps the first submission's timeliness"
        );
    }

    #[test]
    fn accepting_locks_the_submission() {
        let accepted = with(submitted(), vec![early_by_secretariat(accept(1))]);
        let round = Round::from_history(&accepted);
        assert_eq!(round.submission(id(1)).unwrap().state, SubmissionState::Accepted);
        let err = refused(accepted.clone(), in_progress(1), &officer(UNIT_A, early()));
        assert_refused(&err, ErrorCode::Conflict, "ได้รับการตรวจรับแล้ว", "accepted and locked");
        let err = refused(accepted.clone(), submit(1), &secretariat(early()));
        assert_refused(&err, ErrorCode::Conflict, "ได้รับการตรวจรับแล้ว", "accepted and locked");
        let err = refused(accepted.clone(), return_with(1, "x"), &secretariat(early()));
        assert_refused(&err, ErrorCode::Conflict, "ได้รับการตรวจรับแล้ว", "accepted and locked");
        let err = refused(accepted, accept(1), &secretariat(early()));
        assert_eq!(err.code, ErrorCode::Conflict);
    }

    #[test]
    fn only_a_submitted_submission_can_be_accepted_or_returned() {
        for given in [opened(), drafted()] {
            let err = refused(given.clone(), accept(1), &secretariat(early()));
            assert_refused(&err, ErrorCode::Conflict, "ยังไม่ได้ส่ง", "item 1.1 has not been submitted");
            let err = refused(given, return_with(1, "x"), &secretariat(early()));
            assert_eq!(err.code, ErrorCode::Conflict);
        }
        let returned = with(submitted(), vec![early_by_secretariat(return_with(1, "x"))]);
        let err = refused(returned, accept(1), &secretariat(early()));
        assert_eq!(err.code, ErrorCode::Conflict);
    }

    // The entry window.

    #[test]
    fn entry_closes_the_given_number_of_days_after_the_due_date() {
        assert!(when(opened(), in_progress(1), &officer(UNIT_A, morning(2023, 4, 15))).is_ok());
        let after = officer(UNIT_A, morning(2023, 4, 16));
        let err = refused(opened(), in_progress(1), &after);
        assert_refused(
            &err,
            ErrorCode::Conflict,
            "ปิดรับข้อมูลแล้วเมื่อสิ้นวันที่ 15 เม.ย. 2566",
            "entry closed at the end of 2023-04-15",
        );
        let err = refused(drafted(), submit(1), &after);
        assert_eq!(err.code, ErrorCode::Conflict);
        let err = refused(opened(), in_progress(5), &secretariat(morning(2023, 4, 16)));
        assert_eq!(err.code, ErrorCode::Conflict, "the secretariat reopens entry first");
    }

    #[test]
    fn accepting_and_returning_do_not_depend_on_the_entry_window() {
        let late_review = secretariat(morning(2023, 5, 1));
        assert!(when(submitted(), accept(1), &late_review).is_ok());
        assert!(when(submitted(), return_with(1, "x"), &late_review).is_ok());
    }

    #[test]
    fn the_secretariat_may_reopen_closed_entry_for_the_same_number_of_days_from_that_day() {
        let then = when(
            drafted(),
            reopen(" หน่วยงานขอขยายเวลา "),
            &secretariat(morning(2023, 4, 20)),
        )
        .unwrap();
        assert_eq!(
            then,
            vec![RoundEntryReopened {
                round_id: ROUND,
                reason: "หน่วยงานขอขยายเวลา".into(),
                until: date(2023, 4, 30),
            }
            .into()]
        );
        let reopened = [drafted(), then].concat();
        let then = when(reopened.clone(), submit(1), &officer(UNIT_A, morning(2023, 4, 30))).unwrap();
        let [RoundEvent::SubmissionSubmitted(submitted)] = then.as_slice() else {
            panic!("{then:?}")
        };
        assert!(submitted.late, "reopened entry still records lateness");
        let err = refused(reopened.clone(), submit(1), &officer(UNIT_A, morning(2023, 5, 1)));
        assert_refused(&err, ErrorCode::Conflict, "30 เม.ย. 2566", "2023-04-30");
        let again = with(
            reopened,
            vec![(secretariat(morning(2023, 5, 2)), reopen("ขยายเวลาครั้งที่ 2").into())],
        );
        let round = Round::from_history(&again);
        assert_eq!(round.entry_open_until(), Some(date(2023, 5, 12)));
        assert_eq!(round.reopenings().len(), 2);
    }

    #[test]
    fn reopening_while_entry_is_open_or_without_a_reason_is_refused() {
        let err = refused(opened(), reopen("x"), &secretariat(morning(2023, 4, 15)));
        assert_refused(
            &err,
            ErrorCode::Conflict,
            "ยังเปิดรับข้อมูลถึง 15 เม.ย. 2566",
            "entry is still open until 2023-04-15",
        );
        let err = refused(opened(), reopen(" "), &secretariat(morning(2023, 4, 16)));
        assert_refused(&err, ErrorCode::Validation, "เหตุผลที่เปิดรับ", "reason for reopening");
    }

    #[test]
    fn a_closed_round_refuses_every_command() {
        let closed = with(submitted(), vec![early_by_secretariat(close())]);
        assert!(Round::from_history(&closed).is_closed());
        let commands: Vec<RoundCommand> = vec![
            open_command(five_items()).into(),
            in_progress(2).into(),
            submit(1).into(),
            accept(1).into(),
            return_with(1, "x").into(),
            reopen("x").into(),
            close().into(),
        ];
        for command in commands {
            let name = command.name();
            let err = refused(closed.clone(), command, &service(early()));
            assert_eq!(err.code, ErrorCode::Conflict, "{name}");
        }
        let err = refused(closed, in_progress(2), &secretariat(early()));
        assert_refused(&err, ErrorCode::Conflict, "ปิดรอบแล้ว", "round is closed");
    }

    // Report figures.

    /// The fixture round, as reported:
    /// - 1.1 (A, 7,000): completed, 7,000 disbursed, Q1+Q2, on time (3 Apr), accepted;
    /// - 1.2 (A, 39,750): in progress, 28,200.50 disbursed, Q2, late (7 Apr);
    /// - 2.1 (B, no budget needed): completed on time (5 Apr), then returned and not resubmitted;
    /// - 2.2 (B, 180,000): not carried out (no budget), 0 disbursed, on time (4 Apr), accepted;
    /// - 3.1 (C, not stated): a draft only.
    fn reported() -> Vec<RoundEvent> {
        let mut first = save(1, ProgressStatus::Completed, baht(7_000));
        first.content.quarters_done = [true, true, false, false];
        let mut second = save(2, ProgressStatus::InProgress, Budget::Amount { satang: 2_820_050 });
        second.content.quarters_done = [false, true, false, false];
        let mut third = save(3, ProgressStatus::Completed, Budget::NotNeeded);
        third.content.quarters_done = [true, false, false, false];
        let mut fourth = save(4, ProgressStatus::NotCarriedOut, baht(0));
        fourth.content.quarters_done = [false; 4];
        fourth.content.not_carried_out_reason = Some(NotCarriedOutReason::NoBudget);
        let a = |d| officer(UNIT_A, morning(2023, 4, d));
        let b = |d| officer(UNIT_B, morning(2023, 4, d));
        let s = |d| secretariat(morning(2023, 4, d));
        with(
            opened(),
            vec![
                (a(3), first.into()),
                (a(3), submit(1).into()),
                (s(4), accept(1).into()),
                (a(7), second.into()),
                (a(7), submit(2).into()),
                (b(5), third.into()),
                (b(5), submit(3).into()),
                (s(6), return_with(3, "ระบุผลตามตัวชี้วัด").into()),
                (b(4), fourth.into()),
                (b(4), submit(4).into()),
                (s(6), accept(4).into()),
                (officer(UNIT_C, morning(2023, 4, 5)), in_progress(5).into()),
            ],
        )
    }

    fn tally(counted: usize, expected: usize) -> Tally {
        Tally { counted, expected }
    }

    fn unit(org_unit_id: Uuid, counted: usize, expected: usize) -> OrgUnitTally {
        OrgUnitTally {
            org_unit_id: Some(org_unit_id),
            tally: tally(counted, expected),
        }
    }

    fn sum(satang: i64, amounts: usize, not_needed: usize, not_stated: usize) -> BudgetSum {
        BudgetSum {
            satang,
            amounts,
            not_needed,
            not_stated,
        }
    }

    #[test]
    fn completeness_counts_submitted_or_accepted_items_per_org_unit_and_overall() {
        let round = Round::from_history(&reported());
        assert_eq!(
            round.completeness(),
            Coverage {
                overall: tally(3, 5),
                by_org_unit: vec![unit(UNIT_A, 2, 2), unit(UNIT_B, 1, 2), unit(UNIT_C, 0, 1)],
            }
        );
        assert_eq!(round.completeness().overall.basis_points(), Some(6_000));
    }

    #[test]
    fn timeliness_counts_items_first_submitted_by_the_due_date() {
        let round = Round::from_history(&reported());
        assert_eq!(
            round.timeliness(),
            Coverage {
                overall: tally(3, 5),
                by_org_unit: vec![unit(UNIT_A, 1, 2), unit(UNIT_B, 2, 2), unit(UNIT_C, 0, 1)],
            }
        );
        assert_eq!(Round::default().timeliness(), Coverage::default());
        assert_eq!(Round::default().timeliness().overall.basis_points(), None);
    }

    #[test]
    fn consolidated_totals_of_a_five_item_round_with_three_org_units_match_hand_computed_numbers() {
        let table = Round::from_history(&reported()).consolidated().unwrap();
        // Budget: 7,000 + 39,750 + 180,000 = 226,750 baht; one item needs none, one is not stated.
        // Disbursed (reported items 1.1, 1.2, 2.2): 7,000 + 28,200.50 + 0 = 35,200.50 baht.
        // 3,520,050 / 22,675,000 = 15.5239… % → 1552 bp.
        let overall = Figures {
            item_count: 5,
            budget: sum(22_675_000, 3, 1, 1),
            disbursed: sum(3_520_050, 3, 0, 0),
            disbursed_basis_points: Some(1_552),
            statuses: StatusCounts {
                awaiting_report: 2,
                in_progress: 1,
                completed: 1,
                not_carried_out: 1,
            },
            quarters_done: [1, 2, 0, 0],
            over_budget: 0,
            not_reported: vec![id(3), id(5)],
            late_org_units: vec![Some(UNIT_A)],
        };
        assert_eq!(table.overall, overall);
        // Dimension 1: 46,750 baht budget, 35,200.50 disbursed → 75.2952… % → 7530 bp.
        let first = Figures {
            item_count: 2,
            budget: sum(4_675_000, 2, 0, 0),
            disbursed: sum(3_520_050, 2, 0, 0),
            disbursed_basis_points: Some(7_530),
            statuses: StatusCounts {
                in_progress: 1,
                completed: 1,
                ..StatusCounts::default()
            },
            quarters_done: [1, 2, 0, 0],
            over_budget: 0,
            not_reported: vec![],
            late_org_units: vec![Some(UNIT_A)],
        };
        // Dimension 2: 180,000 baht budget, 0 disbursed by 2.2; 2.1 was returned, so not reported.
        let second = Figures {
            item_count: 2,
            budget: sum(18_000_000, 1, 1, 0),
            disbursed: sum(0, 1, 0, 0),
            disbursed_basis_points: Some(0),
            statuses: StatusCounts {
                awaiting_report: 1,
                not_carried_out: 1,
                ..StatusCounts::default()
            },
            quarters_done: [0; 4],
            over_budget: 0,
            not_reported: vec![id(3)],
            late_org_units: vec![],
        };
        // Dimension 3: nothing stated, nothing reported: no percentage.
        let third = Figures {
            item_count: 1,
            budget: sum(0, 0, 0, 1),
            disbursed: BudgetSum::default(),
            disbursed_basis_points: None,
            statuses: StatusCounts {
                awaiting_report: 1,
                ..StatusCounts::default()
            },
            quarters_done: [0; 4],
            over_budget: 0,
            not_reported: vec![id(5)],
            late_org_units: vec![],
        };
        let dimensions: Vec<(&str, &Figures)> = table
            .by_dimension
            .iter()
            .map(|d| (d.dimension.as_str(), &d.figures))
            .collect();
        assert_eq!(dimensions, vec![(DIM_1, &first), (DIM_2, &second), (DIM_3, &third)]);
        assert_eq!(format_basis_points(1_552), "15.52");
        assert_eq!(format_basis_points(7_530), "75.30");
    }

    #[test]
    fn a_returned_item_comes_back_into_the_figures_when_resubmitted() {
        let resubmitted = with(
            reported(),
            vec![(officer(UNIT_B, morning(2023, 4, 8)), submit(3).into())],
        );
        let round = Round::from_history(&resubmitted);
        let table = round.consolidated().unwrap();
        assert_eq!(table.overall.not_reported, vec![id(5)]);
        assert_eq!(table.overall.statuses.get(ProgressStatus::Completed), 2);
        assert_eq!(table.overall.disbursed, sum(3_520_050, 3, 1, 0));
        assert_eq!(table.overall.quarters_done, [2, 2, 0, 0]);
        assert_eq!(round.completeness().overall, tally(4, 5));
        assert_eq!(
            table.overall.late_org_units,
            vec![Some(UNIT_A)],
            "2.1 was first submitted on time"
        );
    }

    #[test]
    fn confirmed_over_budget_items_are_counted_in_the_figures() {
        let mut over = save(1, ProgressStatus::Completed, baht(7_500));
        over.confirm_over_budget = true;
        let history = with(
            opened(),
            vec![
                (officer(UNIT_A, early()), over.into()),
                (officer(UNIT_A, early()), submit(1).into()),
            ],
        );
        let table = Round::from_history(&history).consolidated().unwrap();
        assert_eq!(table.overall.over_budget, 1);
        assert_eq!(table.by_dimension[0].figures.disbursed_basis_points, Some(1_604));
    }

    #[test]
    fn percentages_are_basis_points_rounded_half_up_and_absent_without_a_budget() {
        assert_eq!(basis_points(1, 3), Some(3_333));
        assert_eq!(basis_points(2, 3), Some(6_667));
        assert_eq!(basis_points(1, 20_000), Some(1), "0.005 % rounds up to 0.01 %");
        assert_eq!(basis_points(3, 2), Some(15_000), "over budget exceeds 100 %");
        assert_eq!(basis_points(5, 0), None);
        assert_eq!(basis_points(i64::MAX, 1), None, "too large for i64 basis points");
        assert_eq!(basis_points(MAX_SATANG, MAX_SATANG), Some(10_000));
        assert_eq!(format_basis_points(0), "0.00");
        assert_eq!(format_basis_points(5), "0.05");
        assert_eq!(format_basis_points(-5), "-0.05");
        assert_eq!(format_basis_points(10_000), "100.00");
    }

    #[test]
    fn totals_too_large_to_add_are_an_error_not_a_panic() {
        // Validated amounts (at most MAX_SATANG on at most MAX_ITEMS items) always add up; a stored
        // event is a fact and is not validated again, so the figures still check every addition.
        let huge = Budget::Amount { satang: i64::MAX / 2 };
        let items: Vec<RoundItem> = (1..=3)
            .map(|n| item(n, &format!("{n}"), DIM_1, Some(UNIT_A), huge))
            .collect();
        let Some(RoundEvent::RoundOpened(template)) = opened().pop() else {
            panic!("no RoundOpened")
        };
        let given = vec![RoundOpened { items, ..template }.into()];
        let err = Round::from_history(&given).consolidated().unwrap_err();
        assert_refused(&err, ErrorCode::Validation, "ผลรวม", "too large to add up");
        let most = (1..=MAX_ITEMS as u128)
            .map(|n| {
                item(
                    n,
                    &format!("{n}"),
                    DIM_1,
                    Some(UNIT_A),
                    Budget::Amount { satang: MAX_SATANG },
                )
            })
            .collect();
        let given = with(vec![], vec![early_by_secretariat(open_command(most))]);
        let table = Round::from_history(&given).consolidated().unwrap();
        assert_eq!(table.overall.budget.satang, MAX_SATANG * MAX_ITEMS as i64);
    }
}

mod messages {
    //! Every user-facing text of the round aggregate, Thai first then English.

    use chrono::NaiveDate;
    use sujarit_contracts::round::Period;
    use sujarit_contracts::{DomainError, ErrorCode};
    use uuid::Uuid;

    /// A text field of a round or a submission, as messages name it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Field {
        Code,
        Name,
        Dimension,
        IndicatorResult,
        Narrative,
        Evidence,
        Remark,
        OtherReason,
        ReturnReason,
        ReopenReason,
    }

    impl crate::text::FieldName for Field {
        fn th(self) -> &'static str {
            match self {
                Field::Code => "รหัสรายการ",
                Field::Name => "ชื่อโครงการ/กิจกรรม",
                Field::Dimension => "มิติ",
                Field::IndicatorResult => "ผลการดำเนินงานตามตัวชี้วัด",
                Field::Narrative => "รายละเอียดผลการดำเนินงาน",
                Field::Evidence => "หลักฐานประกอบ",
                Field::Remark => "หมายเหตุ",
                Field::OtherReason => "เหตุผลอื่นที่ไม่สามารถดำเนินการได้",
                Field::ReturnReason => "เหตุผลที่ส่งกลับ",
                Field::ReopenReason => "เหตุผลที่เปิดรับข้อมูลอีกครั้ง",
            }
        }

        fn en(self) -> &'static str {
            match self {
                Field::Code => "the item code",
                Field::Name => "the item's name",
                Field::Dimension => "the dimension",
                Field::IndicatorResult => "the indicator result",
                Field::Narrative => "the narrative",
                Field::Evidence => "an evidence reference",
                Field::Remark => "the remark",
                Field::OtherReason => "the other reason",
                Field::ReturnReason => "the reason for returning",
                Field::ReopenReason => "the reason for reopening entry",
            }
        }
    }

    /// A secretariat-only step.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Action {
        Open,
        Accept,
        Return,
        Reopen,
        Close,
    }

    /// Which money figure a message is about.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Money {
        Budget,
        Disbursed,
    }

    /// Satang as baht with separators and two decimals: 4_000_050 → "40,000.50".
    fn baht(satang: i64) -> String {
        sujarit_thai::Satang(satang).to_string()
    }

    fn th_date(date: NaiveDate) -> String {
        sujarit_thai::format_thai_date(date)
    }

    pub(super) fn anonymous_forbidden() -> DomainError {
        DomainError::new(
            ErrorCode::Forbidden,
            "ผู้ไม่ระบุตัวตนไม่มีสิทธิ์รายงานหรือจัดการรอบการรายงานผล",
            "an anonymous actor may not report progress or manage a reporting round",
        )
    }

    pub(super) fn secretariat_only(action: Action) -> DomainError {
        let (th, en) = match action {
            Action::Open => ("เปิดรอบการรายงาน", "open a reporting round"),
            Action::Accept => ("ตรวจรับรายงาน", "accept a submission"),
            Action::Return => ("ส่งรายงานกลับให้แก้ไข", "return a submission"),
            Action::Reopen => ("เปิดรับข้อมูลอีกครั้ง", "reopen entry"),
            Action::Close => ("ปิดรอบการรายงาน", "close a reporting round"),
        };
        DomainError::new(
            ErrorCode::Forbidden,
            format!("เฉพาะฝ่ายเลขานุการเท่านั้นที่{th}ได้"),
            format!("only the secretariat may {en}"),
        )
    }

    pub(super) fn may_not_report() -> DomainError {
        DomainError::new(
            ErrorCode::Forbidden,
            "เฉพาะเจ้าหน้าที่ของหน่วยงานที่รับผิดชอบรายการหรือฝ่ายเลขานุการเท่านั้นที่รายงานผลได้",
            "only officers of the responsible org unit, or the secretariat, may report on an item",
        )
    }

    pub(super) fn other_agency(code: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Forbidden,
            format!("รายการ {code} เป็นของหน่วยงานอื่น เจ้าหน้าที่รายงานได้เฉพาะรายการของหน่วยงานตนเอง"),
            format!("item {code} belongs to another org unit; an officer reports only for their own unit's items"),
        )
    }

    pub(super) fn round_exists() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "รอบการรายงานนี้เปิดไว้แล้ว",
            "this round is already open",
        )
    }

    pub(super) fn round_not_found() -> DomainError {
        DomainError::new(
            ErrorCode::NotFound,
            "ไม่พบรอบการรายงานนี้ ต้องเปิดรอบก่อน",
            "no such round; open it first",
        )
    }

    pub(super) fn round_closed() -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            "ปิดรอบแล้ว ไม่สามารถบันทึกหรือแก้ไขข้อมูลในรอบนี้ได้อีก",
            "the round is closed; nothing more can be recorded in it",
        )
    }

    pub(super) fn fiscal_year_out_of_range(year: u16) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "ปีงบประมาณ {year} ไม่อยู่ในช่วง พ.ศ. {}–{} (ใช้ปีพุทธศักราช ไม่ใช่คริสต์ศักราช)",
                crate::plan::EARLIEST_FISCAL_YEAR,
                crate::plan::LATEST_FISCAL_YEAR
            ),
            format!(
                "fiscal year {year} is outside BE {}–{} (use Buddhist Era years, not CE)",
                crate::plan::EARLIEST_FISCAL_YEAR,
                crate::plan::LATEST_FISCAL_YEAR
            ),
        )
    }

    pub(super) fn unknown_period(text: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("ไม่รู้จักรอบการรายงาน `{text}` ต้องเป็น q1, q2, q3, q4, h1 (6 เดือน) หรือ annual (12 เดือน)"),
            format!("unknown period `{text}`; expected q1, q2, q3, q4, h1 or annual"),
        )
    }

    pub(super) fn revision_zero() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "ฉบับของแผนต้องเริ่มที่ 1",
            "the plan revision starts at 1",
        )
    }

    pub(super) fn due_before_period(due: NaiveDate, starts: NaiveDate, period: Period, year: u16) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "วันครบกำหนด {} อยู่ก่อนวันเริ่มต้นของช่วงที่รายงาน ({} ปีงบประมาณ {year} เริ่ม {})",
                th_date(due),
                period.label_th(),
                th_date(starts)
            ),
            format!(
                "the due date {due} is before the period starts on {starts} ({} of fiscal year {year})",
                period.label_en()
            ),
        )
    }

    pub(super) fn entry_days_too_many(max: u16) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("ระยะเวลารับข้อมูลหลังวันครบกำหนดต้องไม่เกิน {max} วัน"),
            format!("entry may stay open at most {max} days after the due date"),
        )
    }

    pub(super) fn date_out_of_range() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "วันที่อยู่นอกช่วงที่ระบบรองรับ",
            "the date is outside the supported range",
        )
    }

    pub(super) fn no_items() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "รอบการรายงานไม่มีรายการโครงการ/กิจกรรม",
            "the round has no items to report on",
        )
    }

    pub(super) fn too_many_items(max: usize) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("รอบการรายงานหนึ่งมีรายการได้ไม่เกิน {max} รายการ"),
            format!("a round may hold at most {max} items"),
        )
    }

    pub(super) fn duplicate_item(code: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("รายการ {code} ปรากฏซ้ำในรอบการรายงาน (รหัสอ้างอิงรายการเดียวกัน)"),
            format!("item {code} appears more than once in the round (same item id)"),
        )
    }

    pub(super) fn item_not_found(item_id: Uuid) -> DomainError {
        DomainError::new(
            ErrorCode::NotFound,
            format!("ไม่พบรายการ {item_id} ในรอบการรายงานนี้"),
            format!("item {item_id} is not in this round"),
        )
    }

    pub(super) fn too_much_evidence(max: usize) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("แนบหลักฐานได้ไม่เกิน {max} รายการต่อหนึ่งรายงาน"),
            format!("a submission may reference at most {max} pieces of evidence"),
        )
    }

    fn money_th(what: Money) -> &'static str {
        match what {
            Money::Budget => "งบประมาณ",
            Money::Disbursed => "ผลการเบิกจ่าย",
        }
    }

    fn money_en(what: Money) -> &'static str {
        match what {
            Money::Budget => "the budget of",
            Money::Disbursed => "the amount disbursed on",
        }
    }

    pub(super) fn negative_amount(code: &str, what: Money) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("{}ของรายการ {code} ติดลบไม่ได้", money_th(what)),
            format!("{} item {code} must not be negative", money_en(what)),
        )
    }

    pub(super) fn amount_too_large(code: &str, what: Money) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("{}ของรายการ {code} สูงเกินกว่าที่ระบบรับได้", money_th(what)),
            format!("{} item {code} is too large", money_en(what)),
        )
    }

    pub(super) fn reason_required(code: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "รายการ {code} ไม่สามารถดำเนินการได้ ต้องระบุเหตุผล (ไม่ได้รับงบประมาณ นโยบายเปลี่ยนแปลง บุคลากรไม่เพียงพอ หรืออื่น ๆ)"
            ),
            format!(
                "item {code} was not carried out; give the reason (no budget, policy changed, not enough staff, or other)"
            ),
        )
    }

    pub(super) fn over_budget(code: &str, spent: i64, budget: i64) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "รายการ {code} เบิกจ่าย {} บาท เกินงบประมาณ {} บาท หากถูกต้อง (เช่น ถัวจ่ายจากกิจกรรมอื่น) กรุณายืนยันการเบิกจ่ายเกินงบประมาณ",
                baht(spent),
                baht(budget)
            ),
            format!(
                "item {code} disbursed {} baht, more than its budget of {} baht; confirm the overspend if it is right",
                baht(spent),
                baht(budget)
            ),
        )
    }

    pub(super) fn spent_without_budget(code: &str, spent: i64) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "รายการ {code} ไม่ใช้งบประมาณ แต่รายงานการเบิกจ่าย {} บาท หากถูกต้องกรุณายืนยัน",
                baht(spent)
            ),
            format!(
                "item {code} needs no budget, yet {} baht was disbursed; confirm if this is right",
                baht(spent)
            ),
        )
    }

    pub(super) fn quarter_after_period(code: &str, quarter: u8, period: Period) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!(
                "รายการ {code}: ไตรมาส {quarter} อยู่หลังช่วงที่รอบนี้รายงาน ({}) จึงยังรายงานว่าดำเนินการแล้วไม่ได้",
                period.label_th()
            ),
            format!(
                "item {code}: quarter {quarter} is after the period of this round ({}), so it cannot be reported as done",
                period.label_en()
            ),
        )
    }

    pub(super) fn no_draft(code: &str) -> DomainError {
        DomainError::new(
            ErrorCode::NotFound,
            format!("รายการ {code} ยังไม่ได้บันทึกร่างรายงาน กรุณาบันทึกก่อนส่ง"),
            format!("nothing has been saved for item {code}; save a draft first, then submit it"),
        )
    }

    pub(super) fn nothing_to_report(code: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("รายการ {code} ยังมีสถานะ \"รอรายงาน\" กรุณาเลือกสถานะผลการดำเนินงานก่อนส่ง"),
            format!("item {code} is still \"awaiting report\"; choose its status before submitting"),
        )
    }

    pub(super) fn already_submitted(code: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("รายงานของรายการ {code} ส่งแล้วและรอการตรวจ แก้ไขได้เมื่อฝ่ายเลขานุการส่งกลับ"),
            format!("item {code} is submitted and waiting for review; it can be changed once it is returned"),
        )
    }

    pub(super) fn locked(code: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("รายงานของรายการ {code} ได้รับการตรวจรับแล้ว แก้ไขหรือส่งกลับไม่ได้"),
            format!("item {code} is accepted and locked"),
        )
    }

    pub(super) fn not_submitted(code: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("รายงานของรายการ {code} ยังไม่ได้ส่ง จึงตรวจรับหรือส่งกลับไม่ได้"),
            format!("item {code} has not been submitted, so it cannot be accepted or returned"),
        )
    }

    pub(super) fn entry_closed(until: NaiveDate) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!(
                "ปิดรับข้อมูลแล้วเมื่อสิ้นวันที่ {} ติดต่อฝ่ายเลขานุการเพื่อขอเปิดรับข้อมูลอีกครั้ง",
                th_date(until)
            ),
            format!("entry closed at the end of {until}; ask the secretariat to reopen it"),
        )
    }

    pub(super) fn entry_still_open(until: NaiveDate) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("ยังเปิดรับข้อมูลถึง {} จึงไม่ต้องเปิดรับอีกครั้ง", th_date(until)),
            format!("entry is still open until {until}; there is nothing to reopen"),
        )
    }

    pub(super) fn total_too_large() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "ผลรวมงบประมาณหรือการเบิกจ่ายสูงเกินกว่าที่ระบบคำนวณได้",
            "the budget or disbursed amounts are too large to add up",
        )
    }
}
