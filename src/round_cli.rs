//! `sujarit round open`, `sujarit progress import` and `sujarit report round`: open a reporting
//! round on an endorsed plan, record a paper progress report (the progress CSV of DESIGN.md),
//! and print the consolidated table the way the seed reports print it.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{bail, Context as _};
use serde_json::json;
use sujarit_contracts::plan::Budget;
use sujarit_contracts::round::{
    self as contracts, CloseRound, NotCarriedOutReason, OpenRound, Period, ProgressStatus, ReopenEntry, RoundCommand,
    SaveSubmission, SubmissionContent, SubmitSubmission,
};
use sujarit_contracts::Command;
use sujarit_csvformats::parse_progress_csv;
use sujarit_ledger::plan::{BudgetSum, Plan};
use sujarit_ledger::round::{format_basis_points, Figures, Round};
use sujarit_thai::Satang;
use uuid::Uuid;

use crate::cli::{fold_stream, send, Conn};

/// `sujarit round …`
#[derive(clap::Subcommand)]
pub enum RoundCmd {
    /// Open a reporting round on a plan's endorsed revision; prints the round id.
    Open {
        /// Plan id.
        #[arg(long)]
        plan: Uuid,
        /// q1, q2, q3, q4, h1 (6 months) or annual (12 months); Thai labels work too.
        #[arg(long)]
        period: Period,
        /// Due date, e.g. "5 ต.ค. 2565" or 2565-10-05.
        #[arg(long)]
        due: String,
        /// Fiscal year (BE); defaults to the plan's when it covers one year.
        #[arg(long)]
        fiscal_year: Option<u16>,
        /// Entry closes this many days after the due date unless reopened.
        #[arg(long, default_value_t = contracts::DEFAULT_ENTRY_CLOSES_AFTER_DAYS)]
        entry_days: u16,
        #[command(flatten)]
        conn: Conn,
    },
    /// Reopen entry after it closed (for the same number of days), with a reason.
    Reopen {
        /// Round id.
        round: Uuid,
        /// Why, e.g. "บันทึกรายงานฉบับกระดาษย้อนหลัง".
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        conn: Conn,
    },
    /// Close the round: no more entries; the consolidated table is final.
    Close {
        /// Round id.
        round: Uuid,
        #[command(flatten)]
        conn: Conn,
    },
}

/// `sujarit progress …`
#[derive(clap::Subcommand)]
pub enum ProgressCmd {
    /// Record a paper progress report (progress CSV), rows matched to plan items by `no` = item code.
    Import {
        /// The progress CSV (no,dimension,name,budget,disbursed,status,q1..q4,remark).
        file: PathBuf,
        /// Round id.
        #[arg(long)]
        round: Uuid,
        /// Accept rows that disbursed more than their budget (the spending moved between activities).
        #[arg(long)]
        confirm_over_budget: bool,
        #[command(flatten)]
        conn: Conn,
    },
}

/// Output formats of reports.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Table,
    /// JSON with money as decimal strings.
    Json,
    /// CSV, one row per dimension and a total row.
    Csv,
}

/// `sujarit report …`
#[derive(clap::Subcommand)]
pub enum ReportCmd {
    /// The consolidated table of a round: per dimension and overall.
    Round {
        /// Round id.
        round: Uuid,
        /// table, json or csv.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// NATS server URL.
        #[arg(long, env = "SUJARIT_NATS_URL", default_value = crate::DEFAULT_NATS)]
        nats: String,
    },
}

/// Runs `round open`.
pub async fn round(cmd: RoundCmd) -> anyhow::Result<()> {
    let (plan, period, due, fiscal_year, entry_days, conn) = match cmd {
        RoundCmd::Open {
            plan,
            period,
            due,
            fiscal_year,
            entry_days,
            conn,
        } => (plan, period, due, fiscal_year, entry_days, conn),
        RoundCmd::Reopen { round, reason, conn } => {
            send(
                &conn,
                Command::from(RoundCommand::from(ReopenEntry {
                    round_id: round,
                    reason,
                })),
            )
            .await?;
            eprintln!("เปิดรับข้อมูลอีกครั้งแล้ว · entry reopened");
            return Ok(());
        }
        RoundCmd::Close { round, conn } => {
            send(&conn, Command::from(RoundCommand::from(CloseRound { round_id: round }))).await?;
            eprintln!("ปิดรอบรายงานแล้ว · round closed");
            return Ok(());
        }
    };
    let due_on = sujarit_thai::parse_thai_date(&due)
        .map_err(|e| anyhow::anyhow!("--due: {}\n{}", e.message_th(), e.message_en()))?;
    let fiscal_year = match fiscal_year {
        Some(year) => year,
        None => {
            let state: Plan = fold_stream(&conn.nats, sujarit_contracts::plan::stream(plan).as_str()).await?;
            match state.header() {
                Some(h) if h.fiscal_year_from == h.fiscal_year_to => h.fiscal_year_from,
                _ => bail!("the plan covers several fiscal years: say which with --fiscal-year"),
            }
        }
    };
    let round_id = Uuid::now_v7();
    let open = OpenRound {
        round_id,
        plan_id: plan,
        plan_revision: 0,
        fiscal_year,
        period: period.as_str().to_string(),
        due_on,
        entry_closes_after_days: entry_days,
        items: vec![],
    };
    send(&conn, Command::from(RoundCommand::from(open))).await?;
    println!("{round_id}");
    eprintln!("เปิดรอบรายงานแล้ว · round opened: {period} FY{fiscal_year}, due {due_on}");
    Ok(())
}

/// Runs `progress import`.
pub async fn progress(cmd: ProgressCmd) -> anyhow::Result<()> {
    let ProgressCmd::Import {
        file,
        round,
        confirm_over_budget,
        conn,
    } = cmd;
    let reader = std::fs::File::open(&file).with_context(|| format!("cannot open {}", file.display()))?;
    let sheet = match parse_progress_csv(reader) {
        Ok(sheet) => sheet,
        Err(errors) => {
            for error in errors.iter() {
                eprintln!("{}\n  {}", error.message_th(), error.message_en());
            }
            bail!(
                "{}: {} bad rows, nothing imported · ไม่ได้นำเข้าข้อมูลใด ๆ",
                file.display(),
                errors.len()
            );
        }
    };
    let state: Round = fold_stream(&conn.nats, contracts::stream(round).as_str()).await?;
    let opened = state.opened().context("the round has no opening event")?;
    let by_code: HashMap<String, &contracts::RoundItem> =
        opened.items.iter().map(|item| (code_key(&item.code), item)).collect();

    // Check every row before recording any.
    let mut problems = Vec::new();
    let mut saves = Vec::new();
    for row in sheet.rows() {
        let Some(item) = by_code.get(&code_key(&row.no)) else {
            problems.push(format!(
                "line {}: no item with code `{}` in this round · บรรทัด {}: ไม่มีรายการรหัส `{}` ในรอบนี้",
                row.line, row.no, row.line, row.no
            ));
            continue;
        };
        let status = row.status;
        let not_carried_out_reason = match (status, &row.remark) {
            (ProgressStatus::NotCarriedOut, Some(text)) => Some(NotCarriedOutReason::Other { text: text.clone() }),
            (ProgressStatus::NotCarriedOut, None) => {
                problems.push(format!(
                    "line {}: `not carried out` needs the reason in `remark` · บรรทัด {}: ไม่สามารถดำเนินการได้ ต้องระบุเหตุผลในช่อง remark",
                    row.line, row.line
                ));
                continue;
            }
            _ => None,
        };
        if status == ProgressStatus::AwaitingReport {
            continue;
        }
        let disbursed = budget_of(&row.disbursed);
        if let (Budget::Amount { satang: spent }, Budget::Amount { satang: budget }) = (disbursed, item.budget) {
            if spent > budget && !confirm_over_budget {
                problems.push(format!(
                    "line {}: disbursed {} is above the budget {}; check it, then add --confirm-over-budget · \
                     บรรทัด {}: เบิกจ่ายเกินงบประมาณ",
                    row.line,
                    Satang(spent),
                    Satang(budget),
                    row.line
                ));
                continue;
            }
        }
        let content = SubmissionContent {
            status,
            disbursed,
            quarters_done: row.quarters,
            indicator_result: None,
            narrative: None,
            evidence: vec![],
            remark: row.remark.clone(),
            not_carried_out_reason,
        };
        saves.push((
            row.line,
            SaveSubmission {
                round_id: round,
                item_id: item.item_id,
                content,
                confirm_over_budget,
            },
        ));
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        bail!("{} rows cannot be recorded; nothing was imported", problems.len());
    }
    // One item at a time: the ledger may still refuse one (say, it was submitted already); say
    // exactly how far the import got, so that it can be fixed and run again for the rest.
    let mut recorded = 0;
    for (line, save) in saves {
        let item_id = save.item_id;
        let submit = SubmitSubmission {
            round_id: round,
            item_id,
        };
        let result = async {
            send(&conn, Command::from(RoundCommand::from(save))).await?;
            send(&conn, Command::from(RoundCommand::from(submit))).await
        }
        .await;
        if let Err(e) = result {
            bail!("line {line}: {e:#}\nบันทึกแล้ว {recorded} แถวก่อนแถวนี้ · {recorded} rows before this one were recorded");
        }
        recorded += 1;
    }
    eprintln!(
        "บันทึกแล้ว · recorded and submitted {recorded} of {} rows",
        sheet.rows().len()
    );
    Ok(())
}

/// Thai digits and spaces do not make a different code.
fn code_key(code: &str) -> String {
    sujarit_thai::to_arabic_digits(code)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn budget_of(budget: &sujarit_thai::Budget) -> Budget {
    match budget {
        sujarit_thai::Budget::Amount(Satang(satang)) => Budget::Amount { satang: *satang },
        sujarit_thai::Budget::NotNeeded => Budget::NotNeeded,
        sujarit_thai::Budget::NotStated => Budget::NotStated,
    }
}

/// Runs `report round`.
pub async fn report(cmd: ReportCmd) -> anyhow::Result<()> {
    let ReportCmd::Round { round, format, nats } = cmd;
    let state: Round = fold_stream(&nats, contracts::stream(round).as_str()).await?;
    let opened = state.opened().context("the round has no opening event")?;
    let table = state.consolidated().map_err(|e| anyhow::anyhow!("{}", e.message.en))?;
    match format {
        Format::Json => {
            let dimensions: Vec<_> = table
                .by_dimension
                .iter()
                .map(|d| {
                    json!({
                        "dimension": d.dimension,
                        "items": d.figures.item_count,
                        "budget": money(&d.figures.budget),
                        "disbursed": money(&d.figures.disbursed),
                    })
                })
                .collect();
            let mut overall = figures_json(&table.overall);
            overall["round_id"] = json!(round);
            overall["fiscal_year"] = json!(opened.fiscal_year);
            overall["period"] = json!(opened.period);
            overall["due_on"] = json!(opened.due_on);
            overall["dimensions"] = json!(dimensions);
            println!("{}", serde_json::to_string_pretty(&overall)?);
        }
        Format::Csv => {
            let mut out = csv_writer();
            out.write_record([
                "dimension",
                "items",
                "budget",
                "not_needed",
                "not_stated",
                "disbursed",
                "percent",
                "completed",
                "in_progress",
                "awaiting_report",
                "not_carried_out",
                "q1",
                "q2",
                "q3",
                "q4",
            ])?;
            for d in &table.by_dimension {
                out.write_record(csv_row(&d.dimension, &d.figures))?;
            }
            out.write_record(csv_row("รวม · total", &table.overall))?;
            out.flush()?;
        }
        Format::Table => {
            println!(
                "รอบรายงาน · round {round}: {} FY{}, due {}",
                opened.period, opened.fiscal_year, opened.due_on
            );
            println!(
                "{:<40} {:>6} {:>16} {:>16} {:>8} {:>5} {:>5} {:>5} {:>5}",
                "มิติ · dimension", "items", "budget", "disbursed", "%", "done", "doing", "wait", "not"
            );
            for d in &table.by_dimension {
                println!("{}", table_row(&d.dimension, &d.figures));
            }
            println!("{}", table_row("รวม · total", &table.overall));
            let o = &table.overall;
            println!(
                "ไตรมาส · quarters carried out: Q1 {} · Q2 {} · Q3 {} · Q4 {}",
                o.quarters_done[0], o.quarters_done[1], o.quarters_done[2], o.quarters_done[3]
            );
            println!(
                "ยังไม่รายงาน · not reported: {} items; ไม่ใช้งบประมาณ · no budget needed: {}; ไม่ระบุ · not stated: {}",
                o.not_reported.len(),
                o.budget.not_needed,
                o.budget.not_stated
            );
            if !o.late_org_units.is_empty() {
                println!("หน่วยงานที่ส่งล่าช้า · late agencies: {}", o.late_org_units.len());
            }
        }
    }
    Ok(())
}

fn money(sum: &BudgetSum) -> serde_json::Value {
    json!({ "total": Satang(sum.satang).to_plain(), "not_needed": sum.not_needed, "not_stated": sum.not_stated })
}

fn percent(figures: &Figures) -> Option<String> {
    figures.disbursed_basis_points.map(format_basis_points)
}

fn figures_json(f: &Figures) -> serde_json::Value {
    let mut disbursed = money(&f.disbursed);
    disbursed["percent"] = json!(percent(f));
    json!({
        "items": f.item_count,
        "budget": money(&f.budget),
        "disbursed": disbursed,
        "status": {
            "completed": f.statuses.completed,
            "in_progress": f.statuses.in_progress,
            "awaiting_report": f.statuses.awaiting_report,
            "not_carried_out": f.statuses.not_carried_out,
        },
        "quarters": f.quarters_done,
        "not_reported": f.not_reported.len(),
        "late_org_units": f.late_org_units.len(),
    })
}

fn csv_writer() -> csv::Writer<std::io::Stdout> {
    csv::Writer::from_writer(std::io::stdout())
}

fn csv_row(label: &str, f: &Figures) -> Vec<String> {
    vec![
        label.to_string(),
        f.item_count.to_string(),
        Satang(f.budget.satang).to_plain(),
        f.budget.not_needed.to_string(),
        f.budget.not_stated.to_string(),
        Satang(f.disbursed.satang).to_plain(),
        percent(f).unwrap_or_default(),
        f.statuses.completed.to_string(),
        f.statuses.in_progress.to_string(),
        f.statuses.awaiting_report.to_string(),
        f.statuses.not_carried_out.to_string(),
        f.quarters_done[0].to_string(),
        f.quarters_done[1].to_string(),
        f.quarters_done[2].to_string(),
        f.quarters_done[3].to_string(),
    ]
}

fn table_row(label: &str, f: &Figures) -> String {
    let label: String = label.chars().take(40).collect();
    format!(
        "{:<40} {:>6} {:>16} {:>16} {:>8} {:>5} {:>5} {:>5} {:>5}",
        label,
        f.item_count,
        Satang(f.budget.satang).to_string(),
        Satang(f.disbursed.satang).to_string(),
        percent(f).unwrap_or_else(|| "-".into()),
        f.statuses.completed,
        f.statuses.in_progress,
        f.statuses.awaiting_report,
        f.statuses.not_carried_out
    )
}
