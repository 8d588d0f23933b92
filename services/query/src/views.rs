//! Views computed from the read models: the consolidated round report, lists of plans, rounds and
//! org units. Money leaves here as decimal strings; the figures come from the ledger's own round
//! code (`Round::consolidated`), so the report and the ledger never disagree.

use sujarit_contracts::query::{
    AgencyRow, BudgetFigures, Coverage, DimensionReport, DisbursedFigures, Figures, ItemRef, OrgUnitReport,
    OrgUnitView, PlanSummary, RoundItemView, RoundItems, RoundReport, RoundStatusView, RoundSummary, StatedDifference,
    StatusFigures, StreamState,
};
use sujarit_contracts::{DomainError, ErrorCode};
use sujarit_ledger::plan::{BudgetSum, Discrepancy};
use sujarit_ledger::round::{self as rounds, format_basis_points, Tally};
use sujarit_thai::Satang;
use uuid::Uuid;

use crate::models::Models;

/// Name shown for items without a responsible unit.
pub const NO_ORG_UNIT: &str = "ไม่ระบุหน่วยงาน";

fn not_found(what_th: &str, what_en: &str, id: Uuid) -> DomainError {
    DomainError::new(
        ErrorCode::NotFound,
        format!("ไม่พบ{what_th} {id}"),
        format!("no {what_en} {id}"),
    )
}

fn money(satang: i64) -> String {
    Satang(satang).to_plain()
}

fn coverage(tally: &Tally) -> Coverage {
    Coverage {
        counted: tally.counted,
        expected: tally.expected,
        percent: tally.basis_points().map(format_basis_points),
    }
}

fn budget(sum: &BudgetSum) -> BudgetFigures {
    BudgetFigures {
        total: money(sum.satang),
        not_needed: sum.not_needed,
        not_stated: sum.not_stated,
    }
}

fn figures(f: &rounds::Figures) -> Figures {
    Figures {
        items: f.item_count,
        budget: budget(&f.budget),
        disbursed: DisbursedFigures {
            total: money(f.disbursed.satang),
            percent: f.disbursed_basis_points.map(format_basis_points),
            not_needed: f.disbursed.not_needed,
            not_stated: f.disbursed.not_stated,
        },
        status: StatusFigures {
            completed: f.statuses.completed,
            in_progress: f.statuses.in_progress,
            awaiting_report: f.statuses.awaiting_report,
            not_carried_out: f.statuses.not_carried_out,
        },
        quarters: f.quarters_done,
        over_budget: f.over_budget,
        not_reported: f.not_reported.len(),
        late_org_units: f.late_org_units.len(),
    }
}

impl Models {
    fn unit_name(&self, org_unit_id: Option<Uuid>) -> String {
        org_unit_id
            .and_then(|id| self.org_unit_name(id))
            .unwrap_or(NO_ORG_UNIT)
            .to_string()
    }

    /// The consolidated table of a round.
    pub fn round_report(&self, round_id: Uuid) -> Result<RoundReport, DomainError> {
        let round = self
            .round(round_id)
            .ok_or_else(|| not_found("รอบรายงาน", "round", round_id))?;
        let opened = round
            .opened()
            .ok_or_else(|| not_found("รอบรายงาน", "round", round_id))?;
        let table = round.consolidated()?;
        let plan = self.plan(opened.plan_id);
        let completeness = round.completeness();
        let timeliness = round.timeliness();
        let org_units = completeness
            .by_org_unit
            .iter()
            .map(|unit| {
                let on_time = timeliness
                    .by_org_unit
                    .iter()
                    .find(|t| t.org_unit_id == unit.org_unit_id)
                    .map(|t| t.tally)
                    .unwrap_or_default();
                OrgUnitReport {
                    org_unit_id: unit.org_unit_id,
                    name: self.unit_name(unit.org_unit_id),
                    completeness: coverage(&unit.tally),
                    timeliness: coverage(&on_time),
                    late: table.overall.late_org_units.contains(&unit.org_unit_id),
                }
            })
            .collect();
        let missing_items = table
            .overall
            .not_reported
            .iter()
            .filter_map(|item_id| round.item(*item_id))
            .map(|item| ItemRef {
                item_id: item.item_id,
                code: item.code.clone(),
                name: item.name.clone(),
                org_unit: self.unit_name(item.org_unit_id),
            })
            .collect();
        let stated_differences = plan
            .and_then(|plan| plan.revision(opened.plan_revision))
            .and_then(|revision| revision.totals().ok())
            .map(|totals| totals.discrepancies.iter().map(stated_difference).collect())
            .unwrap_or_default();
        Ok(RoundReport {
            round_id,
            plan_id: opened.plan_id,
            plan_title: plan
                .and_then(|plan| plan.header())
                .map(|header| header.title.clone())
                .unwrap_or_default(),
            fiscal_year: opened.fiscal_year,
            period: opened.period,
            due_on: opened.due_on,
            entry_open_until: round.entry_open_until(),
            closed: round.is_closed(),
            overall: figures(&table.overall),
            completeness: coverage(&completeness.overall),
            timeliness: coverage(&timeliness.overall),
            dimensions: table
                .by_dimension
                .iter()
                .map(|d| DimensionReport {
                    dimension: d.dimension.clone(),
                    figures: figures(&d.figures),
                })
                .collect(),
            org_units,
            missing_items,
            stated_differences,
        })
    }

    /// Every plan, by title.
    pub fn plan_list(&self) -> Vec<PlanSummary> {
        let mut list: Vec<PlanSummary> = self
            .plans()
            .filter_map(|(plan_id, plan)| {
                let header = plan.header()?;
                let current = plan.current()?;
                Some(PlanSummary {
                    plan_id,
                    title: header.title.clone(),
                    fiscal_year_from: header.fiscal_year_from,
                    fiscal_year_to: header.fiscal_year_to,
                    revision: current.number,
                    status: serde_json::to_value(current.status)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    items: current.items.len(),
                    can_report: plan.can_report(),
                })
            })
            .collect();
        list.sort_by(|a, b| (a.fiscal_year_from, &a.title, a.plan_id).cmp(&(b.fiscal_year_from, &b.title, b.plan_id)));
        list
    }

    /// Every round, newest due date first.
    pub fn round_list(&self) -> Vec<RoundSummary> {
        let mut list: Vec<RoundSummary> = self
            .rounds()
            .filter_map(|(round_id, round)| {
                let opened = round.opened()?;
                let completeness = round.completeness();
                Some(RoundSummary {
                    round_id,
                    plan_id: opened.plan_id,
                    fiscal_year: opened.fiscal_year,
                    period: opened.period,
                    due_on: opened.due_on,
                    entry_open_until: round.entry_open_until(),
                    closed: round.is_closed(),
                    items: completeness.overall.expected,
                    reported: completeness.overall.counted,
                })
            })
            .collect();
        list.sort_by_key(|r| std::cmp::Reverse((r.due_on, r.round_id)));
        list
    }

    /// Every registered org unit, by name.
    pub fn org_unit_list(&self) -> Vec<OrgUnitView> {
        let mut list: Vec<OrgUnitView> = self
            .org_units()
            .filter_map(|(org_unit_id, unit)| {
                Some(OrgUnitView {
                    org_unit_id,
                    name: unit.name.clone()?,
                    aliases: unit.aliases.clone(),
                })
            })
            .collect();
        list.sort_by(|a, b| (&a.name, a.org_unit_id).cmp(&(&b.name, b.org_unit_id)));
        list
    }
}

fn stated_difference(d: &Discrepancy) -> StatedDifference {
    let (code, stated, computed, parts) = match d {
        Discrepancy::ParentAndLeaves {
            code,
            stated_satang,
            leaves_satang,
            ..
        } => (code, *stated_satang, *leaves_satang, "sub_items"),
        Discrepancy::ItemAndYears {
            code,
            stated_satang,
            years_satang,
            ..
        } => (code, *stated_satang, *years_satang, "fiscal_years"),
    };
    StatedDifference {
        code: code.clone(),
        stated: money(stated),
        computed: money(computed),
        difference: money(stated.saturating_sub(computed)),
        parts: parts.to_string(),
    }
}

impl Models {
    /// The folded state of one stream, as JSON.
    pub fn stream_state(&self, stream: &str) -> Result<StreamState, DomainError> {
        let entry = self
            .entry(stream)
            .ok_or_else(|| DomainError::new(ErrorCode::NotFound, format!("ไม่พบ {stream}"), format!("no {stream}")))?;
        let state = serde_json::to_value(&entry.state).map_err(|e| {
            DomainError::new(
                ErrorCode::Internal,
                format!("แปลงข้อมูลไม่ได้: {e}"),
                format!("cannot encode: {e}"),
            )
        })?;
        // `State` is tagged {kind, state}; the view carries the aggregate's state itself.
        let state = match state {
            serde_json::Value::Object(mut map) => map.remove("state").unwrap_or_default(),
            other => other,
        };
        Ok(StreamState {
            stream: stream.to_string(),
            version: entry.version,
            state,
        })
    }
}

impl Models {
    /// The round a request means: the given one, else the open round due soonest, else the
    /// latest by due date.
    fn current_round(&self, round_id: Option<Uuid>) -> Option<RoundSummary> {
        let rounds = self.round_list();
        match round_id {
            Some(id) => rounds.into_iter().find(|r| r.round_id == id),
            None => {
                let open = rounds.iter().filter(|r| !r.closed).min_by_key(|r| r.due_on).cloned();
                open.or_else(|| rounds.into_iter().max_by_key(|r| r.due_on))
            }
        }
    }

    fn item_view(
        &self,
        round: &sujarit_ledger::round::Round,
        item: &sujarit_contracts::round::RoundItem,
    ) -> RoundItemView {
        use sujarit_ledger::round::SubmissionState as S;
        let submission = round.submission(item.item_id);
        RoundItemView {
            item_id: item.item_id,
            code: item.code.clone(),
            name: item.name.clone(),
            dimension: item.dimension.clone(),
            org_unit_id: item.org_unit_id,
            org_unit: self.unit_name(item.org_unit_id),
            budget: item.budget,
            state: match submission.map(|s| s.state) {
                None => "not_started",
                Some(S::Draft) => "draft",
                Some(S::Submitted) => "submitted",
                Some(S::Accepted) => "accepted",
                Some(S::Returned) => "returned",
            }
            .to_string(),
            late: submission.and_then(|s| s.first_submission_late),
            returns: submission.map(|s| s.returns.clone()).unwrap_or_default(),
            content: submission.map(|s| s.draft.content.clone()),
        }
    }

    /// An org unit's items in a round.
    pub fn round_items(&self, round_id: Option<Uuid>, org_unit_id: Uuid) -> RoundItems {
        let Some(summary) = self.current_round(round_id) else {
            return RoundItems {
                round: None,
                items: vec![],
            };
        };
        let items = self
            .round(summary.round_id)
            .and_then(|round| round.opened().map(|opened| (round, opened)))
            .map(|(round, opened)| {
                opened
                    .items
                    .iter()
                    .filter(|item| item.org_unit_id == Some(org_unit_id))
                    .map(|item| self.item_view(round, item))
                    .collect()
            })
            .unwrap_or_default();
        RoundItems {
            round: Some(summary),
            items,
        }
    }

    /// A round at a glance per agency, with the submissions waiting for review.
    pub fn round_status(&self, round_id: Option<Uuid>) -> Option<RoundStatusView> {
        let summary = self.current_round(round_id)?;
        let round = self.round(summary.round_id)?;
        let opened = round.opened()?;
        let mut agencies: Vec<AgencyRow> = Vec::new();
        let mut to_review = Vec::new();
        for item in &opened.items {
            let view = self.item_view(round, item);
            let row = match agencies.iter_mut().position(|a| a.org_unit_id == item.org_unit_id) {
                Some(i) => &mut agencies[i],
                None => {
                    agencies.push(AgencyRow {
                        org_unit_id: item.org_unit_id,
                        name: view.org_unit.clone(),
                        items: 0,
                        submitted: 0,
                        late: 0,
                        missing: 0,
                        returned: 0,
                    });
                    let last = agencies.len() - 1;
                    &mut agencies[last]
                }
            };
            row.items += 1;
            match view.state.as_str() {
                "submitted" | "accepted" => {
                    row.submitted += 1;
                    if view.late == Some(true) {
                        row.late += 1;
                    }
                }
                "returned" => {
                    row.returned += 1;
                    row.missing += 1;
                }
                _ => row.missing += 1,
            }
            if view.state == "submitted" {
                to_review.push(view);
            }
        }
        Some(RoundStatusView {
            round: summary,
            agencies,
            to_review,
        })
    }
}
