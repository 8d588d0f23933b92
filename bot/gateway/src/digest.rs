//! The committee's digest chart of a round, drawn from the query service's round report and the
//! fiscal year's complaint figures: the PNG `/digest` shows in chat, the weekly digest pushes,
//! and `sujarit digest` writes.

use sujarit_contracts::query::{self, ComplaintStats, IdRequest, RoundReport, StatsRequest};
use uuid::Uuid;

/// Why the chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The query service did not answer, or refused.
    #[error("{0}")]
    Query(#[from] sujarit_client::query::QueryError),
    /// Drawing failed.
    #[error("the chart could not be drawn: {0}")]
    Draw(String),
}

/// The round's report, and the PNG of its digest chart.
pub async fn chart(
    nats: &async_nats::Client,
    round_id: Uuid,
    min_position: Option<u64>,
) -> Result<(RoundReport, Vec<u8>), ChartError> {
    let (_, report): (u64, RoundReport) =
        sujarit_client::query::ask(nats, query::ROUND_REPORT, &IdRequest { id: round_id }, min_position).await?;
    let (_, stats): (u64, ComplaintStats) = sujarit_client::query::ask(
        nats,
        query::COMPLAINT_STATS,
        &StatsRequest {
            fiscal_year: report.fiscal_year,
        },
        min_position,
    )
    .await?;
    let (report, png) = tokio::task::spawn_blocking(move || {
        let png = sujarit_notifier::digest::render(&report, Some(&stats));
        (report, png)
    })
    .await
    .map_err(|e| ChartError::Draw(e.to_string()))?;
    let png = png.map_err(|e| ChartError::Draw(e.to_string()))?;
    Ok((report, png))
}
