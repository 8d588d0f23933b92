//! The outbox: publishes every durable event to the JetStream stream `SUJARIT_EVENTS`, in
//! position order, exactly once.
//!
//! The ledger is the stream's only publisher, so the stream's sequence equals the event position.
//! Each publish carries `Nats-Msg-Id = event id` and `Nats-Expected-Last-Sequence = position - 1`:
//! the server stores it only directly after its predecessor, which rules out both gaps and
//! duplicates. Where to resume is read from the stream itself (its last sequence) at start and
//! after every error, so a ledger crash, a NATS restart, or a NATS that lost its unsynced tail
//! all resume at exactly the first event the stream lacks. The cursor is also kept in sled as
//! `outbox.published` for monitoring.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::{self, message::PublishMessage, stream};
use bytes::Bytes;
use sujarit_contracts::subjects;
use sujarit_eventstore::EventStore;
use tokio_util::sync::CancellationToken;

/// Events published per round trip (pipelined, acknowledged together).
const WINDOW: usize = 512;

/// Metadata key of the last published position.
pub const CURSOR_KEY: &str = "outbox.published";

/// The JetStream stream configuration the ledger creates if missing.
pub fn stream_config() -> stream::Config {
    stream::Config {
        name: subjects::EVENT_STREAM.to_string(),
        description: Some("Sujarit events, in ledger position order (sequence = position)".into()),
        subjects: vec![subjects::EVENTS.to_string()],
        storage: stream::StorageType::File,
        duplicate_window: Duration::from_secs(120),
        allow_direct: true,
        ..Default::default()
    }
}

/// Runs until `shutdown`; `published` tracks the last position the stream holds.
pub async fn run(js: jetstream::Context, store: EventStore, published: Arc<AtomicU64>, shutdown: CancellationToken) {
    const FIRST_BACKOFF: Duration = Duration::from_millis(50);
    let mut backoff = FIRST_BACKOFF;
    while !shutdown.is_cancelled() {
        let before = published.load(Ordering::Acquire);
        match publish_until_error(&js, &store, &published, &shutdown).await {
            Ok(()) => return,
            Err(e) => {
                // An outage after a stretch of progress starts over from a short pause.
                if published.load(Ordering::Acquire) > before {
                    backoff = FIRST_BACKOFF;
                }
                tracing::warn!(error = %e, retry_in = ?backoff, "outbox paused");
                tokio::select! {
                    _ = shutdown.cancelled() => return,
                    _ = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(2));
            }
        }
    }
}

async fn publish_until_error(
    js: &jetstream::Context,
    store: &EventStore,
    published: &AtomicU64,
    shutdown: &CancellationToken,
) -> Result<(), String> {
    let mut stream = js
        .get_or_create_stream(stream_config())
        .await
        .map_err(|e| format!("stream: {e}"))?;
    let last = stream
        .info()
        .await
        .map_err(|e| format!("stream info: {e}"))?
        .state
        .last_sequence;
    let head = store.durable_position();
    if last > head {
        return Err(format!(
            "stream {} holds {last} events but this ledger has only {head}: it belongs to another data dir; \
             nothing will be published until that is resolved",
            subjects::EVENT_STREAM
        ));
    }
    set_published(store, published, last);
    let mut next = last + 1;
    let mut durable = store.watch_durable();
    loop {
        if next > *durable.borrow_and_update() {
            tokio::select! {
                _ = shutdown.cancelled() => return Ok(()),
                changed = durable.changed() => changed.map_err(|_| "event store closed".to_string())?,
            }
            continue;
        }
        let events = store.read_all_raw(next, WINDOW).map_err(|e| e.to_string())?;
        let mut acks = Vec::with_capacity(events.len());
        for event in events {
            let (subject, event_id) = {
                let head: EnvelopeHead =
                    serde_json::from_slice(&event.json).map_err(|e| format!("event {}: {e}", event.position))?;
                let aggregate = head.stream.split_once('-').map_or(head.stream, |(a, _)| a);
                (subjects::event(aggregate, head.event_type), head.event_id.to_string())
            };
            let publish = PublishMessage::build()
                .message_id(event_id)
                .expected_last_sequence(event.position - 1)
                .payload(Bytes::from(event.json));
            let ack = js
                .send_publish(subject, publish)
                .await
                .map_err(|e| format!("publish {}: {e}", event.position))?;
            acks.push((event.position, ack));
        }
        for (position, ack) in acks {
            let ack = ack.await.map_err(|e| format!("ack of {position}: {e}"))?;
            if ack.sequence != position && !ack.duplicate {
                return Err(format!(
                    "event {position} was stored at stream sequence {}",
                    ack.sequence
                ));
            }
            next = position + 1;
        }
        set_published(store, published, next - 1);
    }
}

/// The envelope fields the outbox needs; the payload is skipped, not parsed into values.
#[derive(serde::Deserialize)]
struct EnvelopeHead<'a> {
    event_id: &'a str,
    stream: &'a str,
    #[serde(rename = "type")]
    event_type: &'a str,
}

fn set_published(store: &EventStore, published: &AtomicU64, position: u64) {
    published.store(position, Ordering::Release);
    if let Err(e) = store.set_meta(CURSOR_KEY, &position.to_be_bytes()) {
        tracing::warn!(error = %e, "could not record the outbox cursor");
    }
}
