//! Feeding the read models from `SUJARIT_EVENTS`.
//!
//! A durable pull consumer (`sujarit_client::events::durable_consumer`, ack policy "all")
//! delivers events; they are applied in batches, the changed states and the position are written
//! to the query store in one sled batch, and only then is the last message of the batch
//! acknowledged. The store's position is the truth: a consumer ahead of it is recreated from it,
//! so nothing is skipped; events at or below it are ignored, so nothing is applied twice.

use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::{self, consumer::pull, AckKind};
use futures::StreamExt;
use sujarit_contracts::EventEnvelope;
use tokio_util::sync::CancellationToken;

use crate::models::{Applied, Models};
use crate::Shared;

/// Most events applied before a checkpoint.
const BATCH: usize = 5_000;
/// Longest time applied events wait for their checkpoint.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(50);

/// Runs until `shutdown`: waits for the stream, then applies events as they come.
pub(crate) async fn run(shared: Arc<Shared>, shutdown: CancellationToken) {
    let mut backoff = Duration::from_millis(100);
    loop {
        let result = tokio::select! {
            _ = shutdown.cancelled() => return,
            result = consume(&shared, &shutdown) => result,
        };
        match result {
            Ok(()) => return,
            Err(e) => {
                tracing::warn!(error = %e, "query consumer stopped; retrying");
                tokio::select! {
                    _ = shutdown.cancelled() => return,
                    _ = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        }
    }
}

async fn consumer(shared: &Shared) -> anyhow::Result<jetstream::consumer::Consumer<pull::Config>> {
    let position = shared
        .models
        .read()
        .map_err(|_| anyhow::anyhow!("models lock poisoned"))?
        .position();
    Ok(sujarit_client::events::durable_consumer(
        &shared.js,
        &shared.durable,
        "Sujarit query service: read models",
        position,
    )
    .await?)
}

async fn consume(shared: &Shared, shutdown: &CancellationToken) -> anyhow::Result<()> {
    let consumer = consumer(shared).await?;
    let mut messages = consumer.stream().max_messages_per_batch(BATCH).messages().await?;
    tracing::info!(consumer = %shared.durable, "query consumer started");
    loop {
        // Wait for the first event of a batch without holding anything.
        let first = tokio::select! {
            _ = shutdown.cancelled() => return Ok(()),
            next = messages.next() => next,
        };
        let Some(first) = first else {
            anyhow::bail!("the consumer's message stream ended")
        };
        // A rebuild swaps the models; hold it off while this batch is applied and written.
        let _guard = shared.consume_lock.lock().await;
        let mut batch = vec![first?];
        let deadline = tokio::time::Instant::now() + CHECKPOINT_EVERY;
        while batch.len() < BATCH {
            match tokio::time::timeout_at(deadline, messages.next()).await {
                Ok(Some(message)) => batch.push(message?),
                Ok(None) => break,
                Err(_) => break,
            }
        }
        let envelopes: Vec<EventEnvelope> = batch
            .iter()
            .filter_map(
                |message| match serde_json::from_slice::<EventEnvelope>(&message.payload) {
                    Ok(envelope) => Some(envelope),
                    Err(e) => {
                        tracing::error!(subject = %message.subject, error = %e, "not an event envelope; skipped");
                        None
                    }
                },
            )
            .collect();
        let (changed, position, skipped) = {
            let mut models = shared.write_models()?;
            apply_all(&mut models, &envelopes);
            (models.take_dirty(), models.position(), models.skipped())
        };
        shared.store.checkpoint(&changed, position, skipped).await?;
        shared.applied.send_replace(position);
        if let Some(last) = batch.last() {
            last.ack_with(AckKind::Ack)
                .await
                .map_err(|e| anyhow::anyhow!("ack: {e}"))?;
        }
    }
}

/// Applies events in order, logging the skipped ones.
pub(crate) fn apply_all(models: &mut Models, envelopes: &[EventEnvelope]) {
    for envelope in envelopes {
        if let Applied::Skipped(why) = models.apply(envelope) {
            tracing::debug!(position = envelope.position, %why, "event not kept by the read models");
        }
    }
}
