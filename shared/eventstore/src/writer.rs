//! The single writer thread and its group commit.
//!
//! It blocks for the first waiting append, takes every other one already queued (up to
//! [`MAX_GROUP`]), decides each against the stream heads (including earlier appends of the same
//! group), writes the group as one atomic sled batch, flushes, fdatasyncs, and only then answers.
//! If a commit fails, the store stops taking writes: what reached the disk is decided at restart,
//! and senders retry with the same command id.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sujarit_contracts::EventEnvelope;
use tokio::sync::{mpsc, oneshot, watch};
use uuid::Uuid;

use crate::sync::Syncer;
use crate::{keys, Append, AppendError, AppendOutcome, Committed, Counters, TimePrecision, MAX_GROUP};

/// Caches at most this many stream heads; beyond it the cache starts over (heads are on disk).
const MAX_CACHED_HEADS: usize = 1_000_000;

/// One queued append and where to send its answer.
pub(crate) struct Job {
    pub(crate) append: Append,
    pub(crate) reply: oneshot::Sender<Result<AppendOutcome, AppendError>>,
}

/// What is durable: the last position and the group that made it so.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Head {
    pub(crate) position: u64,
    pub(crate) failed: bool,
}

pub(crate) struct Writer {
    db: sled::Db,
    tree: sled::Tree,
    syncer: Syncer,
    next_position: u64,
    group: u64,
    failed: bool,
    heads: HashMap<String, u64>,
    durable: watch::Sender<Head>,
    counters: Arc<Counters>,
}

/// An accepted append of the current group, answered once the group is durable.
struct Pending {
    reply: oneshot::Sender<Result<AppendOutcome, AppendError>>,
    committed: Committed,
    replayed: bool,
}

impl Writer {
    pub(crate) fn new(
        db: sled::Db,
        tree: sled::Tree,
        syncer: Syncer,
        last_position: u64,
        durable: watch::Sender<Head>,
        counters: Arc<Counters>,
    ) -> Self {
        Writer {
            db,
            tree,
            syncer,
            next_position: last_position + 1,
            group: 0,
            failed: false,
            heads: HashMap::new(),
            durable,
            counters,
        }
    }

    pub(crate) fn run(mut self, mut rx: mpsc::Receiver<Job>) {
        let mut jobs = Vec::with_capacity(MAX_GROUP);
        while let Some(first) = rx.blocking_recv() {
            jobs.push(first);
            while jobs.len() < MAX_GROUP {
                match rx.try_recv() {
                    Ok(job) => jobs.push(job),
                    Err(_) => break,
                }
            }
            self.commit_group(&mut jobs);
        }
        if let Err(e) = self.db.flush() {
            tracing::error!(error = %e, "final flush of the event store failed");
        }
    }

    fn commit_group(&mut self, jobs: &mut Vec<Job>) {
        if self.failed {
            for job in jobs.drain(..) {
                let _ = job
                    .reply
                    .send(Err(unavailable("an earlier commit failed; restart the ledger")));
            }
            return;
        }
        let now = Utc::now();
        let mut batch = sled::Batch::default();
        let mut staged: HashMap<String, u64> = HashMap::new();
        let mut in_group: HashMap<Uuid, Committed> = HashMap::new();
        let mut pending: Vec<Pending> = Vec::with_capacity(jobs.len());
        let first_position = self.next_position;
        let mut events = 0u64;

        for Job { append, reply } in jobs.drain(..) {
            if let Some(committed) = in_group.get(&append.command_id) {
                pending.push(Pending {
                    reply,
                    committed: committed.clone(),
                    replayed: true,
                });
                continue;
            }
            match keys::get_command(&self.tree, append.command_id) {
                Ok(Some(committed)) => {
                    self.counters.replays.fetch_add(1, Ordering::Relaxed);
                    let _ = reply.send(Ok(AppendOutcome {
                        committed,
                        replayed: true,
                        group: 0,
                    }));
                    continue;
                }
                Ok(None) => {}
                Err(e) => {
                    let _ = reply.send(Err(unavailable(&e.to_string())));
                    continue;
                }
            }
            let stream = append.stream.as_str();
            let actual = match self.head_of(&staged, &append) {
                Ok(v) => v,
                Err(e) => {
                    let _ = reply.send(Err(e));
                    continue;
                }
            };
            if !append.expected.admits(actual) {
                let _ = reply.send(Err(AppendError::Conflict {
                    stream: stream.to_string(),
                    expected: format!("{:?}", append.expected),
                    actual,
                }));
                continue;
            }
            let encoded: Result<Vec<Vec<u8>>, serde_json::Error> = append
                .events
                .iter()
                .enumerate()
                .map(|(i, event)| {
                    let offset = i as u64 + 1;
                    let position = self.next_position + offset - 1;
                    serde_json::to_vec(&envelope(&append, event, actual + offset, position, now))
                })
                .collect();
            let encoded = match encoded {
                Ok(encoded) => encoded,
                Err(e) => {
                    // Cannot happen for our types; refuse the append rather than panic.
                    let _ = reply.send(Err(AppendError::Invalid(e.to_string())));
                    continue;
                }
            };
            let mut positions = Vec::with_capacity(encoded.len());
            let mut version = actual;
            for json in encoded {
                version += 1;
                let position = self.next_position + positions.len() as u64;
                batch.insert(&keys::event_key(position), json);
                batch.insert(keys::stream_key(stream, version), &position.to_be_bytes());
                positions.push(position);
            }
            self.next_position += positions.len() as u64;
            events += positions.len() as u64;
            let committed = Committed {
                stream: stream.to_string(),
                version,
                positions,
            };
            // A Committed of strings and numbers always serialises.
            batch.insert(
                &keys::command_key(append.command_id),
                serde_json::to_vec(&committed).unwrap_or_default(),
            );
            staged.insert(stream.to_string(), version);
            in_group.insert(append.command_id, committed.clone());
            pending.push(Pending {
                reply,
                committed,
                replayed: false,
            });
        }

        if self.next_position == first_position {
            return;
        }
        let result = self
            .tree
            .apply_batch(batch)
            .and_then(|()| self.db.flush().map(drop))
            .map_err(|e| e.to_string())
            .and_then(|()| self.syncer.sync().map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                self.group += 1;
                self.counters.syncs.fetch_add(1, Ordering::Release);
                self.counters.groups.fetch_add(1, Ordering::Relaxed);
                self.counters.events.fetch_add(events, Ordering::Relaxed);
                let appends = pending.iter().filter(|p| !p.replayed).count() as u64;
                self.counters.appends.fetch_add(appends, Ordering::Relaxed);
                if self.heads.len() + staged.len() > MAX_CACHED_HEADS {
                    self.heads.clear();
                }
                self.heads.extend(staged);
                let head = Head {
                    position: self.next_position - 1,
                    failed: false,
                };
                self.durable.send_replace(head);
                for p in pending {
                    let outcome = AppendOutcome {
                        committed: p.committed,
                        replayed: p.replayed,
                        group: self.group,
                    };
                    let _ = p.reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "event store commit failed; refusing further writes");
                self.failed = true;
                self.durable.send_modify(|h| h.failed = true);
                for p in pending {
                    let _ = p.reply.send(Err(unavailable(&format!("commit failed: {e}"))));
                }
            }
        }
    }

    /// The stream's version as this group sees it: staged in the group, cached, or on disk.
    fn head_of(&mut self, staged: &HashMap<String, u64>, append: &Append) -> Result<u64, AppendError> {
        let stream = append.stream.as_str();
        if let Some(v) = staged.get(stream).or_else(|| self.heads.get(stream)) {
            return Ok(*v);
        }
        let v = keys::stream_version(&self.tree, &append.stream).map_err(|e| unavailable(&e.to_string()))?;
        self.heads.insert(stream.to_string(), v);
        Ok(v)
    }
}

fn envelope(
    append: &Append,
    event: &crate::NewEvent,
    version: u64,
    position: u64,
    now: DateTime<Utc>,
) -> EventEnvelope {
    let (event_id, occurred_at) = match event.precision {
        TimePrecision::Exact => (Uuid::now_v7(), now),
        TimePrecision::Hour => (Uuid::new_v4(), truncate_to_hour(now)),
    };
    EventEnvelope {
        event_id,
        stream: append.stream.to_string(),
        version,
        position,
        event_type: event.event_type.clone(),
        schema: event.schema,
        occurred_at,
        actor: append.actor.clone(),
        correlation_id: append.correlation_id,
        causation_id: append.command_id,
        payload: event.payload.clone(),
    }
}

/// Drops minutes, seconds and fractions: the coarsest time an anonymous fact may carry.
pub(crate) fn truncate_to_hour(t: DateTime<Utc>) -> DateTime<Utc> {
    let secs = t.timestamp();
    DateTime::from_timestamp(secs - secs.rem_euclid(3600), 0).unwrap_or(t)
}

fn unavailable(why: &str) -> AppendError {
    AppendError::Unavailable(why.to_string())
}
