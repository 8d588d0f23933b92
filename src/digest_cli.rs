//! `sujarit digest`: the committee's digest image of a plan's latest round (or a given round),
//! with the complaint figures of its fiscal year — the same PNG the notifier will attach in chat.

use std::path::PathBuf;

use anyhow::Context as _;
use sujarit_contracts::query::{self, RoundSummary};
use uuid::Uuid;

use crate::cli::ask;

/// Arguments of `sujarit digest`.
#[derive(clap::Args)]
pub struct DigestArgs {
    /// Plan id: the digest shows its latest round.
    #[arg(long)]
    plan: Option<Uuid>,
    /// Round id (instead of --plan).
    #[arg(long)]
    round: Option<Uuid>,
    /// Where to write the PNG.
    #[arg(long, default_value = "digest.png")]
    out: PathBuf,
    /// NATS server URL.
    #[arg(long, env = "SUJARIT_NATS_URL", default_value = crate::DEFAULT_NATS)]
    nats: String,
}

/// Runs `sujarit digest`.
pub async fn run(args: DigestArgs) -> anyhow::Result<()> {
    let round_id = match (args.round, args.plan) {
        (Some(round), _) => round,
        (None, Some(plan)) => {
            let rounds: Vec<RoundSummary> = ask(&args.nats, query::ROUND_LIST, &()).await?;
            rounds
                .iter()
                .filter(|r| r.plan_id == plan)
                .max_by_key(|r| r.due_on)
                .map(|r| r.round_id)
                .with_context(|| format!("แผน {plan} ยังไม่มีรอบรายงาน · plan {plan} has no reporting round yet"))?
        }
        (None, None) => anyhow::bail!("give --plan PLAN or --round ROUND"),
    };
    let nats = crate::cli::connect(&args.nats).await?;
    let last = sujarit_client::events::last_sequence(&async_nats::jetstream::new(nats.clone())).await?;
    let (report, png) = sujarit_gateway::digest::chart(&nats, round_id, Some(last)).await?;
    std::fs::write(&args.out, &png).with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "เขียนแล้ว · written: {} ({} bytes) — round {round_id}, {} items, {} agencies",
        args.out.display(),
        png.len(),
        report.overall.items,
        report.org_units.len()
    );
    Ok(())
}
