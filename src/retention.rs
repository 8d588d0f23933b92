//! Retention: a complaint's content is purged automatically once its retention period after
//! closing has passed (default two years, per category). `sujarit up` sweeps every hour;
//! `sujarit complaint sweep` does one pass (for a cron job when services run apart). The purge
//! itself is the ledger's `PurgeCaseContent`, which deletes the case key; the statistics stay.

use std::time::Duration;

use sujarit_client::CommandClient;
use sujarit_contracts::complaint::{ComplaintCommand, PurgeCaseContent};
use sujarit_contracts::query::{self, RetentionRequest};
use sujarit_contracts::{Actor, Command, Reply};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// How often `sujarit up` sweeps.
pub const EVERY: Duration = Duration::from_secs(3600);

/// Purges every case past its retention period; returns how many were purged.
pub async fn sweep(nats: &async_nats::Client) -> anyhow::Result<usize> {
    let (_, due): (u64, Vec<Uuid>) = sujarit_client::query::ask(
        nats,
        query::COMPLAINT_RETENTION,
        &RetentionRequest { as_of: None },
        None,
    )
    .await?;
    let client = CommandClient::new(nats.clone(), Actor::Service("retention".into()));
    let mut purged = 0;
    for case_id in due {
        let command = Command::from(ComplaintCommand::from(PurgeCaseContent { case_id, order: None }));
        match client.send(&command).await?.reply {
            Reply::Accepted { .. } => purged += 1,
            Reply::Rejected { code, message } => {
                tracing::warn!(%case_id, %code, reason = %message.en, "retention purge refused")
            }
        }
    }
    Ok(purged)
}

/// Sweeps every [`EVERY`] until `shutdown`.
pub async fn run(nats: async_nats::Client, shutdown: CancellationToken) {
    loop {
        match sweep(&nats).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(purged = n, "complaint content past its retention period purged"),
            Err(e) => tracing::warn!(error = %e, "retention sweep failed; will retry"),
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(EVERY) => {}
        }
    }
}
