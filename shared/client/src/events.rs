//! Reading the JetStream event stream `SUJARIT_EVENTS` from a sequence: for the CLI's
//! `sujarit events`, for tests that check exactly-once delivery, and for tools.

use async_nats::jetstream::{self, consumer::pull::OrderedConfig, consumer::DeliverPolicy};
use futures::StreamExt;
use sujarit_contracts::{subjects, EventEnvelope};

/// Why the stream could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// JetStream refused or failed.
    #[error("JetStream: {0}")]
    JetStream(String),
    /// A message in the stream is not an event envelope.
    #[error("stream sequence {0} is not an event envelope: {1}")]
    NotAnEvent(u64, serde_json::Error),
}

/// One event as the stream holds it.
#[derive(Debug, Clone)]
pub struct StreamEvent {
    /// Stream sequence (equals the ledger position).
    pub sequence: u64,
    /// The subject it was published on.
    pub subject: String,
    /// The envelope.
    pub envelope: EventEnvelope,
}

fn js_err(e: impl std::fmt::Display) -> ReadError {
    ReadError::JetStream(e.to_string())
}

/// The stream's last sequence (0 when empty or missing).
pub async fn last_sequence(js: &jetstream::Context) -> Result<u64, ReadError> {
    match js.get_stream(subjects::EVENT_STREAM).await {
        Ok(mut stream) => Ok(stream.info().await.map_err(js_err)?.state.last_sequence),
        Err(e) => match e.kind() {
            jetstream::context::GetStreamErrorKind::JetStream(err)
                if err.error_code() == jetstream::ErrorCode::STREAM_NOT_FOUND =>
            {
                Ok(0)
            }
            _ => Err(js_err(e)),
        },
    }
}

/// Reads events from `from` (inclusive) up to the last sequence at call time, calling `each`.
/// With `follow`, keeps waiting for new events instead of stopping.
pub async fn for_each_event(
    js: &jetstream::Context,
    from: u64,
    follow: bool,
    mut each: impl FnMut(StreamEvent),
) -> Result<(), ReadError> {
    let last = last_sequence(js).await?;
    if !follow && from > last {
        return Ok(());
    }
    let stream = js.get_stream(subjects::EVENT_STREAM).await.map_err(js_err)?;
    let consumer = stream
        .create_consumer(OrderedConfig {
            deliver_policy: DeliverPolicy::ByStartSequence {
                start_sequence: from.max(1),
            },
            ..Default::default()
        })
        .await
        .map_err(js_err)?;
    let mut messages = consumer.messages().await.map_err(js_err)?;
    while let Some(message) = messages.next().await {
        let message = message.map_err(js_err)?;
        let sequence = message.info().map_err(js_err)?.stream_sequence;
        let envelope = serde_json::from_slice(&message.payload).map_err(|e| ReadError::NotAnEvent(sequence, e))?;
        each(StreamEvent {
            sequence,
            subject: message.subject.to_string(),
            envelope,
        });
        if !follow && sequence >= last {
            break;
        }
    }
    Ok(())
}

/// Collects every event from `from` up to the last sequence at call time.
pub async fn read_events(js: &jetstream::Context, from: u64) -> Result<Vec<StreamEvent>, ReadError> {
    let mut out = Vec::new();
    for_each_event(js, from, false, |e| out.push(e)).await?;
    Ok(out)
}

/// A durable pull consumer of the event stream (ack policy "all") for a projection that keeps
/// its own position: it starts after `position`, and when an existing consumer of that name is
/// ahead of the projection (its store was deleted, or a crash came between its write and the
/// ack) it is recreated from `position`, so nothing is skipped. Events at or below the position
/// are the projection's to ignore.
pub async fn durable_consumer(
    js: &jetstream::Context,
    name: &str,
    description: &str,
    position: u64,
) -> Result<jetstream::consumer::Consumer<jetstream::consumer::pull::Config>, ReadError> {
    use jetstream::consumer::{pull, AckPolicy};
    let stream = js.get_stream(subjects::EVENT_STREAM).await.map_err(js_err)?;
    let config = pull::Config {
        durable_name: Some(name.to_string()),
        description: Some(description.to_string()),
        ack_policy: AckPolicy::All,
        deliver_policy: DeliverPolicy::ByStartSequence {
            start_sequence: position + 1,
        },
        ack_wait: std::time::Duration::from_secs(30),
        max_ack_pending: 100_000,
        ..Default::default()
    };
    if let Ok(mut existing) = stream.get_consumer::<pull::Config>(name).await {
        let info = existing.info().await.map_err(js_err)?;
        if info.ack_floor.stream_sequence <= position && info.delivered.stream_sequence <= position {
            return Ok(existing);
        }
        tracing::info!(
            consumer = %name,
            acknowledged = info.ack_floor.stream_sequence,
            position,
            "the durable consumer is ahead of its projection; restarting it from the projection's position"
        );
        stream.delete_consumer(name).await.map_err(js_err)?;
    }
    stream.create_consumer(config).await.map_err(js_err)
}
