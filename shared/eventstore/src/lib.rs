//! The Sujarit event store: an append-only log of event envelopes in sled.
//!
//! One writer thread owns every write. Appends queue on a channel; the writer takes all that are
//! waiting, checks each one's expected version and command id, writes the whole group as one
//! atomic sled batch, flushes, and then `fdatasync`s sled's files (sled's own flush ends in
//! `sync_file_range`, which does not survive a power cut). Only then are the appends answered.
//! Appends that arrive during a flush share the next one (group commit), so throughput grows with
//! concurrency while every acknowledged append is durable.
//!
//! Layout, all in one sled tree so that a group is one atomic batch:
//! `e‖position` → envelope JSON, `s‖stream‖0‖version` → position, `c‖command id` → the
//! committed result (idempotency), `m‖name` → metadata (format version, outbox cursor).

mod error;
mod keys;
mod subscription;
mod sync;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sujarit_contracts::{EventEnvelope, StreamName};
use tokio::sync::{mpsc, oneshot, watch};
use uuid::Uuid;

pub use error::{AppendError, OpenError, StoreError};
pub use subscription::Subscription;

/// The on-disk format this build writes and reads. A data dir with another one is refused.
pub const FORMAT: &str = "sujarit-eventstore/1";

/// Largest payload accepted for one event, in bytes (keeps every value inline in sled's log).
pub const MAX_EVENT_BYTES: usize = 64 * 1024;

/// Most appends committed together in one group.
pub const MAX_GROUP: usize = 4096;

/// What the sender expects the stream's version to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExpectedVersion {
    /// No check.
    Any,
    /// The stream must not exist yet (version 0).
    NoStream,
    /// The stream must be exactly at this version.
    Exact(u64),
}

impl ExpectedVersion {
    fn admits(self, actual: u64) -> bool {
        match self {
            ExpectedVersion::Any => true,
            ExpectedVersion::NoStream => actual == 0,
            ExpectedVersion::Exact(v) => actual == v,
        }
    }
}

/// How precisely an event's time may be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimePrecision {
    /// Exact time and a time-ordered (v7) event id.
    #[default]
    Exact,
    /// Time truncated to the hour and a random (v4) event id: for anonymous reporters.
    Hour,
}

/// An event to append, before the store gives it a version and position.
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// Past-tense type name.
    pub event_type: String,
    /// Payload schema version.
    pub schema: u32,
    /// Payload JSON.
    pub payload: Box<RawValue>,
    /// Time precision of the envelope.
    pub precision: TimePrecision,
}

/// A request to append events to one stream, atomically.
#[derive(Debug, Clone)]
pub struct Append {
    /// Target stream.
    pub stream: StreamName,
    /// Version check.
    pub expected: ExpectedVersion,
    /// Events, in order (at least one).
    pub events: Vec<NewEvent>,
    /// Idempotency key: a repeated id returns the first result and writes nothing.
    pub command_id: Uuid,
    /// Who acts.
    pub actor: String,
    /// Correlation id for the envelopes.
    pub correlation_id: Uuid,
}

/// Where an append landed; stored under its command id and returned again on retries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Committed {
    /// The stream.
    pub stream: String,
    /// Stream version after the append.
    pub version: u64,
    /// Global positions of the appended events.
    pub positions: Vec<u64>,
}

/// The answer to an append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendOutcome {
    /// Where the events are.
    pub committed: Committed,
    /// True when the command id had been seen and nothing was written.
    pub replayed: bool,
    /// Number of the group commit that made it durable (0 for a replay of an older one).
    pub group: u64,
}

/// A stored event: the decoded envelope and the exact JSON bytes kept on disk.
#[derive(Debug, Clone)]
pub struct RecordedEvent {
    /// The envelope.
    pub envelope: EventEnvelope,
    /// Its JSON, as stored (what the outbox publishes).
    pub json: Vec<u8>,
}

/// A stored event as bytes, undecoded: for relaying it (the outbox) without parsing the payload.
#[derive(Debug, Clone)]
pub struct RawEvent {
    /// Global position.
    pub position: u64,
    /// The envelope JSON, as stored.
    pub json: Vec<u8>,
}

/// Counters for tests, benchmarks and `$SRV.STATS`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    /// Group commits done.
    pub groups: u64,
    /// fdatasync rounds completed (one per group).
    pub syncs: u64,
    /// Appends committed (not replays).
    pub appends: u64,
    /// Events written.
    pub events: u64,
    /// Appends answered from the idempotency record.
    pub replays: u64,
}

/// Shared with the writer thread.
#[derive(Default)]
struct Counters {
    groups: AtomicU64,
    syncs: AtomicU64,
    appends: AtomicU64,
    events: AtomicU64,
    replays: AtomicU64,
}

struct Inner {
    path: PathBuf,
    db: sled::Db,
    tree: sled::Tree,
    jobs: mpsc::Sender<writer::Job>,
    durable: watch::Receiver<writer::Head>,
    counters: Arc<Counters>,
    writer: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Inner {
    /// Closes the queue and waits for the writer's final flush, so that the data dir (and sled's
    /// file lock) is free as soon as the last handle is gone.
    fn drop(&mut self) {
        let (closed, _) = mpsc::channel(1);
        drop(std::mem::replace(&mut self.jobs, closed));
        if let Some(handle) = self.writer.take() {
            let _ = handle.join();
        }
    }
}

/// A handle to the store; cheap to clone, shared by every task of a process.
#[derive(Clone)]
pub struct EventStore {
    inner: Arc<Inner>,
}

impl EventStore {
    /// Opens (or creates) the store in `path`, refusing data of another format or a damaged one.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, OpenError> {
        let path = path.as_ref().to_path_buf();
        let existed = path.join("db").metadata().map(|m| m.len() > 0).unwrap_or(false);
        std::fs::create_dir_all(&path).map_err(|e| OpenError::Io(path.clone(), e))?;
        // No background flusher: every group commit flushes and fsyncs itself, and without that
        // thread the file lock is released the moment the last handle drops (a refused or
        // closed store frees its data dir at once).
        let db = sled::Config::new()
            .path(&path)
            .mode(sled::Mode::HighThroughput)
            .flush_every_ms(None)
            .open()
            .map_err(|e| OpenError::from_sled(&path, e))?;
        let tree = db.open_tree("events").map_err(|e| OpenError::from_sled(&path, e))?;
        keys::check_format(&path, &tree, existed)?;
        let last_position = keys::last_position(&tree).map_err(|e| OpenError::Damaged(path.clone(), e))?;
        let syncer = sync::Syncer::new(&path).map_err(|e| OpenError::Io(path.clone(), e))?;

        let head = writer::Head {
            position: last_position,
            failed: false,
        };
        let (durable_tx, durable) = watch::channel(head);
        let (jobs, rx) = mpsc::channel(MAX_GROUP * 4);
        let counters = Arc::new(Counters::default());
        let writer = writer::Writer::new(
            db.clone(),
            tree.clone(),
            syncer,
            last_position,
            durable_tx,
            counters.clone(),
        );
        let handle = std::thread::Builder::new()
            .name("eventstore-writer".into())
            .spawn(move || writer.run(rx))
            .map_err(|e| OpenError::Io(path.clone(), e))?;
        let inner = Arc::new(Inner {
            path,
            db,
            tree,
            jobs,
            durable,
            counters,
            writer: Some(handle),
        });
        Ok(EventStore { inner })
    }

    /// Appends events to a stream; returns once they are durable on disk.
    pub async fn append(&self, append: Append) -> Result<AppendOutcome, AppendError> {
        validate(&append)?;
        let (tx, rx) = oneshot::channel();
        self.inner
            .jobs
            .send(writer::Job { append, reply: tx })
            .await
            .map_err(|_| AppendError::Unavailable("event store writer has stopped".into()))?;
        rx.await
            .map_err(|_| AppendError::Unavailable("event store writer has stopped".into()))?
    }

    /// The result of an earlier command with this id, once it is durable.
    pub async fn lookup_command(&self, command_id: Uuid) -> Result<Option<Committed>, StoreError> {
        let Some(committed) = keys::get_command(&self.inner.tree, command_id)? else {
            return Ok(None);
        };
        let last = committed.positions.last().copied().unwrap_or(0);
        self.wait_durable(last).await?;
        Ok(Some(committed))
    }

    /// Waits until every event up to `position` is durable.
    pub async fn wait_durable(&self, position: u64) -> Result<(), StoreError> {
        let mut rx = self.inner.durable.clone();
        let head = rx
            .wait_for(|head| head.failed || head.position >= position)
            .await
            .map_err(|_| StoreError::Unavailable("event store writer has stopped".into()))?;
        if head.position >= position {
            Ok(())
        } else {
            Err(StoreError::Unavailable(
                "event store failed a commit; restart needed".into(),
            ))
        }
    }

    /// The current version of a stream (0 when it does not exist).
    pub fn stream_version(&self, stream: &StreamName) -> Result<u64, StoreError> {
        keys::stream_version(&self.inner.tree, stream)
    }

    /// Events of one stream from `from_version` (inclusive), in order.
    pub fn read_stream(&self, stream: &StreamName, from_version: u64) -> Result<Vec<RecordedEvent>, StoreError> {
        keys::read_stream(&self.inner.tree, stream, from_version)
    }

    /// Durable events from `from_position` (inclusive), at most `limit` of them.
    pub fn read_all(&self, from_position: u64, limit: usize) -> Result<Vec<RecordedEvent>, StoreError> {
        let head = self.durable_position();
        keys::read_range(&self.inner.tree, from_position.max(1), head, limit)
    }

    /// Like [`EventStore::read_all`], without decoding the envelopes.
    pub fn read_all_raw(&self, from_position: u64, limit: usize) -> Result<Vec<RawEvent>, StoreError> {
        let head = self.durable_position();
        keys::read_range_raw(&self.inner.tree, from_position.max(1), head, limit)
    }

    /// The last durable position (0 when empty).
    pub fn durable_position(&self) -> u64 {
        self.inner.durable.borrow().position
    }

    /// A receiver that changes whenever more events become durable.
    pub fn watch_durable(&self) -> watch::Receiver<u64> {
        let (tx, rx) = watch::channel(self.durable_position());
        let mut src = self.inner.durable.clone();
        tokio::spawn(async move {
            while src.changed().await.is_ok() {
                let pos = src.borrow_and_update().position;
                if tx.send(pos).is_err() {
                    break;
                }
            }
        });
        rx
    }

    /// Replays every durable event from `from_position`, then follows new ones as they commit.
    pub fn subscribe(&self, from_position: u64) -> Subscription {
        Subscription::new(self.clone(), from_position.max(1), self.inner.durable.clone())
    }

    /// Reads a metadata value.
    pub fn meta(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        keys::get_meta(&self.inner.tree, name)
    }

    /// Writes a metadata value; it becomes durable with the next group commit or flush.
    pub fn set_meta(&self, name: &str, value: &[u8]) -> Result<(), StoreError> {
        keys::set_meta(&self.inner.tree, name, value)
    }

    /// Counters since open.
    pub fn stats(&self) -> StoreStats {
        let c = &self.inner.counters;
        StoreStats {
            groups: c.groups.load(Ordering::Relaxed),
            syncs: c.syncs.load(Ordering::Acquire),
            appends: c.appends.load(Ordering::Relaxed),
            events: c.events.load(Ordering::Relaxed),
            replays: c.replays.load(Ordering::Relaxed),
        }
    }

    /// The directory the store lives in.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Flushes metadata written with [`EventStore::set_meta`] to the OS (survives a process crash).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.inner.db.flush().map_err(StoreError::from)?;
        Ok(())
    }
}

fn validate(append: &Append) -> Result<(), AppendError> {
    if append.events.is_empty() {
        return Err(AppendError::Invalid("an append needs at least one event".into()));
    }
    for event in &append.events {
        if event.event_type.is_empty() || !event.event_type.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(AppendError::Invalid(format!(
                "event type `{}` must be a non-empty ASCII name like `PlanEndorsed`",
                event.event_type
            )));
        }
        if event.payload.get().len() > MAX_EVENT_BYTES {
            return Err(AppendError::Invalid(format!(
                "event `{}` is {} bytes; the limit is {MAX_EVENT_BYTES}",
                event.event_type,
                event.payload.get().len()
            )));
        }
    }
    Ok(())
}
