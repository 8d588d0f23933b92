//! `sujarit round open`, `sujarit progress import` and `sujarit report round`: open a reporting
//! round on an endorsed plan, record a paper progress report (the progress CSV of DESIGN.md),
//! and print the consolidated table the way the seed reports print it.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{bail, Context as _};
use sujarit_contracts::plan::Budget;
use sujarit_contracts::query::{self, Figures, IdRequest, RoundReport};
use sujarit_contracts::round::{
    self as contracts, CloseRound, NotCarriedOutReason, OpenRound, Period, ProgressStatus, ReopenEntry, RoundCommand,
    SaveSubmission, SubmissionContent, SubmitSubmission,
};
use sujarit_contracts::Command;
use sujarit_csvformats::parse_progress_csv;
use sujarit_ledger::plan::Plan;
use sujarit_ledger::round::Round;
use sujarit_thai::Satang;
use uuid::Uuid;

use crate::cli::{ask, send, stream_state, Conn};

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
    /// Excel workbook: summary, agencies, items not reported (written to --out).
    Xlsx,
}

/// `sujarit report …`
#[derive(clap::Subcommand)]
pub enum ReportCmd {
    /// The consolidated table of a round: per dimension and overall.
    Round {
        /// Round id.
        round: Uuid,
        /// table, json, csv or xlsx.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Write to this file instead of standard output (xlsx: default `round-<id>.xlsx`).
        #[arg(long)]
        out: Option<PathBuf>,
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
            let state: Plan = stream_state(&conn.nats, sujarit_contracts::plan::stream(plan).as_str()).await?;
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
    let state: Round = stream_state(&conn.nats, contracts::stream(round).as_str()).await?;
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

/// Runs `report round`: the consolidated table from the query service's read models.
pub async fn report(cmd: ReportCmd) -> anyhow::Result<()> {
    let ReportCmd::Round {
        round,
        format,
        out,
        nats,
    } = cmd;
    let report: RoundReport = ask(&nats, query::ROUND_REPORT, &IdRequest { id: round }).await?;
    let bytes = match format {
        Format::Json => {
            let mut json = serde_json::to_vec_pretty(&report)?;
            json.push(b'\n');
            json
        }
        Format::Csv => sujarit_query::export::report_csv(&report)?,
        Format::Xlsx => sujarit_query::export::report_xlsx(&report)?,
        Format::Table if out.is_none() => {
            print_table(&report);
            return Ok(());
        }
        Format::Table => bail!("--out works with --format json, csv or xlsx"),
    };
    let out = match (out, format) {
        (Some(path), _) => Some(path),
        (None, Format::Xlsx) => Some(PathBuf::from(format!("round-{round}.xlsx"))),
        (None, _) => None,
    };
    match out {
        Some(path) => {
            std::fs::write(&path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("เขียนแล้ว · written: {} ({} bytes)", path.display(), bytes.len());
        }
        None => std::io::Write::write_all(&mut std::io::stdout(), &bytes)?,
    }
    Ok(())
}

fn print_table(report: &RoundReport) {
    println!(
        "รอบรายงาน · round {}: {} FY{}, due {}{}",
        report.round_id,
        report.period,
        report.fiscal_year,
        report.due_on,
        if report.closed {
            " (ปิดแล้ว · closed)"
        } else {
            ""
        }
    );
    if !report.plan_title.is_empty() {
        println!("แผน · plan: {}", report.plan_title);
    }
    println!(
        "{:<40} {:>6} {:>16} {:>16} {:>8} {:>5} {:>5} {:>5} {:>5}",
        "มิติ · dimension", "items", "budget", "disbursed", "%", "done", "doing", "wait", "not"
    );
    for d in &report.dimensions {
        println!("{}", table_row(&d.dimension, &d.figures));
    }
    println!("{}", table_row(sujarit_query::export::TOTAL_LABEL, &report.overall));
    let o = &report.overall;
    println!(
        "ไตรมาส · quarters carried out: Q1 {} · Q2 {} · Q3 {} · Q4 {}",
        o.quarters[0], o.quarters[1], o.quarters[2], o.quarters[3]
    );
    println!(
        "ยังไม่รายงาน · not reported: {} items; ไม่ใช้งบประมาณ · no budget needed: {}; ไม่ระบุ · not stated: {}",
        o.not_reported, o.budget.not_needed, o.budget.not_stated
    );
    println!(
        "ครบถ้วน · completeness {}/{} ({}%); ตรงเวลา · on time {}/{} ({}%)",
        report.completeness.counted,
        report.completeness.expected,
        report.completeness.percent.as_deref().unwrap_or("-"),
        report.timeliness.counted,
        report.timeliness.expected,
        report.timeliness.percent.as_deref().unwrap_or("-")
    );
    let late: Vec<&str> = report
        .org_units
        .iter()
        .filter(|u| u.late)
        .map(|u| u.name.as_str())
        .collect();
    if !late.is_empty() {
        println!("หน่วยงานที่ส่งล่าช้า · late agencies ({}): {}", late.len(), late.join(", "));
    }
    for d in &report.stated_differences {
        println!(
            "ต่างกัน · differs: {} states {} but its {} add up to {} (difference {})",
            d.code,
            Satang::group_plain(&d.stated),
            d.parts.replace('_', " "),
            Satang::group_plain(&d.computed),
            Satang::group_plain(&d.difference)
        );
    }
}

fn table_row(label: &str, f: &Figures) -> String {
    let label: String = label.chars().take(40).collect();
    format!(
        "{:<40} {:>6} {:>16} {:>16} {:>8} {:>5} {:>5} {:>5} {:>5}",
        label,
        f.items,
        Satang::group_plain(&f.budget.total),
        Satang::group_plain(&f.disbursed.total),
        f.disbursed.percent.as_deref().unwrap_or("-"),
        f.status.completed,
        f.status.in_progress,
        f.status.awaiting_report,
        f.status.not_carried_out
    )
}
