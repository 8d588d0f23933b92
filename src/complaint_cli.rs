//! `sujarit complaint …`: the secretariat's side of complaints on the command line — published
//! statistics, the queue of open cases, one case opened (as a handler), and purging a case's
//! content (after its retention period, or on a court order).

use sujarit_contracts::complaint::{ComplaintCommand, PurgeCaseContent};
use sujarit_contracts::query::{self, CaseCounts, ComplaintQueueItem, ComplaintStats, StatsRequest};
use sujarit_contracts::{Actor, Command};
use uuid::Uuid;

use crate::cli::{ask, connect, send, Conn};
use crate::round_cli::Format;

/// `sujarit complaint …`
#[derive(clap::Subcommand)]
pub enum ComplaintCmd {
    /// Published statistics of a fiscal year: received / in progress / completed / referred by
    /// category, channel and month, median days to acknowledge and to resolve.
    Stats {
        /// Fiscal year (BE), e.g. 2566.
        #[arg(long)]
        fiscal_year: u16,
        /// table, json or csv.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// NATS server URL.
        #[arg(long, env = "SUJARIT_NATS_URL", default_value = crate::DEFAULT_NATS)]
        nats: String,
    },
    /// Open cases, most urgent first (new, overdue, due soon); no content.
    Queue {
        /// NATS server URL.
        #[arg(long, env = "SUJARIT_NATS_URL", default_value = crate::DEFAULT_NATS)]
        nats: String,
    },
    /// Open one case as its handler (give `--as <person id>` of the secretariat or the assigned unit).
    Show {
        /// Case id.
        case: Uuid,
        #[command(flatten)]
        conn: Conn,
    },
    /// Purge every case past its retention period now (sujarit up does this every hour).
    Sweep {
        /// NATS server URL.
        #[arg(long, env = "SUJARIT_NATS_URL", default_value = crate::DEFAULT_NATS)]
        nats: String,
    },
    /// Erase a case's content (its key and files); the statistics stay.
    Purge {
        /// Case id.
        case: Uuid,
        /// The court order or decision, when purging before the retention period ends.
        #[arg(long)]
        order: Option<String>,
        #[command(flatten)]
        conn: Conn,
    },
}

/// Runs a `complaint` subcommand.
pub async fn run(cmd: ComplaintCmd) -> anyhow::Result<()> {
    match cmd {
        ComplaintCmd::Stats {
            fiscal_year,
            format,
            nats,
        } => {
            let stats: ComplaintStats = ask(&nats, query::COMPLAINT_STATS, &StatsRequest { fiscal_year }).await?;
            print_stats(&stats, format)
        }
        ComplaintCmd::Queue { nats } => {
            let queue: Vec<ComplaintQueueItem> = ask(&nats, query::COMPLAINT_QUEUE, &()).await?;
            if queue.is_empty() {
                println!("ไม่มีเรื่องค้าง · no open cases");
            }
            for item in queue {
                println!(
                    "{:<9} {} {:<10} {:<8} received {} due {} ({} days left){}",
                    item.urgency,
                    item.case_id,
                    item.category,
                    item.channel,
                    item.received_on,
                    item.due_on.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                    item.days_left.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                    if item.anonymous { " anonymous" } else { "" }
                );
            }
            Ok(())
        }
        ComplaintCmd::Show { case, conn } => {
            let actor: Actor = conn
                .actor()
                .parse()
                .map_err(|v| anyhow::anyhow!("--as `{v}` is not a person id, service:<name> or anonymous"))?;
            let nats = connect(&conn.nats).await?;
            let view = sujarit_client::desk::view_case(&nats, &actor, case, None).await?;
            println!("{}", serde_json::to_string_pretty(&view)?);
            Ok(())
        }
        ComplaintCmd::Sweep { nats } => {
            let purged = crate::retention::sweep(&connect(&nats).await?).await?;
            println!("ลบเนื้อหาที่พ้นระยะเวลาเก็บรักษาแล้ว {purged} เรื่อง · purged {purged} cases past retention");
            Ok(())
        }
        ComplaintCmd::Purge { case, order, conn } => {
            let command = ComplaintCommand::from(PurgeCaseContent { case_id: case, order });
            let (stream, version, _) = send(&conn, Command::from(command)).await?;
            println!("ลบเนื้อหาของเรื่องแล้ว (กุญแจและไฟล์แนบ) · content purged (key and files): {stream} version {version}");
            Ok(())
        }
    }
}

fn print_stats(stats: &ComplaintStats, format: Format) -> anyhow::Result<()> {
    let groups: [(&str, &[CaseCounts]); 4] = [
        ("total", std::slice::from_ref(&stats.total)),
        ("category", &stats.by_category),
        ("channel", &stats.by_channel),
        ("month", &stats.by_month),
    ];
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(stats)?),
        Format::Xlsx => anyhow::bail!("--format xlsx is for round reports; use csv, json or table here"),
        Format::Csv => {
            let mut out = csv::Writer::from_writer(std::io::stdout());
            out.write_record(["group", "key", "received", "in_progress", "completed", "referred"])?;
            for (group, counts) in groups {
                for c in counts {
                    out.write_record([
                        group.to_string(),
                        c.key.clone(),
                        c.received.to_string(),
                        c.in_progress.to_string(),
                        c.completed.to_string(),
                        c.referred.to_string(),
                    ])?;
                }
            }
            out.flush()?;
        }
        Format::Table => {
            println!(
                "สถิติเรื่องร้องเรียน ปีงบประมาณ {} · complaint statistics FY{}",
                stats.fiscal_year, stats.fiscal_year
            );
            println!(
                "{:<10} {:<14} {:>9} {:>12} {:>10} {:>9}",
                "group", "key", "received", "in progress", "completed", "referred"
            );
            for (group, counts) in groups {
                for c in counts {
                    println!(
                        "{:<10} {:<14} {:>9} {:>12} {:>10} {:>9}",
                        group, c.key, c.received, c.in_progress, c.completed, c.referred
                    );
                }
            }
            let days = |d: Option<f64>| d.map(|d| format!("{d:.1}")).unwrap_or_else(|| "-".into());
            println!(
                "median days to acknowledge {} · to resolve {} · reopened {} ({} times) · ended late {} · overdue now {} · anonymous {}",
                days(stats.median_days_to_acknowledge),
                days(stats.median_days_to_resolve),
                stats.reopened_cases,
                stats.reopenings,
                stats.ended_late,
                stats.overdue_open,
                stats.anonymous
            );
        }
    }
    Ok(())
}
