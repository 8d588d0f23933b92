//! The query service: read models built from the event stream, answered over NATS and HTTP.
//!
//! It consumes `SUJARIT_EVENTS` with a durable consumer ([`consumer`]), folds every event with the
//! ledger's own aggregate code into per-stream states ([`models`]), keeps them in its own sled
//! ([`store`]), and answers `sujarit.qry.<view>` (queue group `query`, NATS service API) and the
//! HTTP JSON/CSV/XLSX routes of [`http`]. The read models can be dropped and rebuilt from the
//! stream at any time ([`Query::rebuild`], `sujarit rebuild`) with identical results.

pub mod complaints;
mod consumer;
pub mod export;
pub mod http;
mod matching;
pub mod models;
pub mod store;
pub mod views;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use async_nats::service::ServiceExt;
use futures::StreamExt;
use serde::Serialize;
use sujarit_contracts::query::{
    self, ChatRequest, IdRequest, InviteRequest, LocateRequest, MatchRequest, QueryReply, QueryStatus, RebuildReport,
    RetentionRequest, RoundItemsRequest, RoundStatusRequest, StateRequest, StatsRequest, TargetsRequest,
};
use sujarit_contracts::{DomainError, ErrorCode};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use models::Models;
pub use store::{Store, StoreError};

/// Name under which the query service registers with the NATS service API.
pub const SERVICE_NAME: &str = "sujarit-query";
/// Default durable consumer name.
pub const DEFAULT_DURABLE: &str = "query";
/// Longest wait for `Sujarit-Min-Position`.
pub const MAX_WAIT: Duration = Duration::from_secs(5);

/// Why the query service could not run.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The read-model store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// NATS failed.
    #[error("NATS: {0}")]
    Nats(String),
    /// Reading the event stream failed.
    #[error("event stream: {0}")]
    Stream(String),
}

/// Settings of a stand-alone query service.
#[derive(Debug, Clone)]
pub struct Config {
    /// NATS URL.
    pub nats_url: String,
    /// Data directory (the read models live in `<dir>/query`).
    pub data_dir: PathBuf,
    /// Durable consumer name (one per query instance: each keeps its own read models).
    pub durable: String,
}

pub(crate) struct Shared {
    pub(crate) models: RwLock<Models>,
    pub(crate) store: Store,
    pub(crate) applied: tokio::sync::watch::Sender<u64>,
    pub(crate) js: async_nats::jetstream::Context,
    pub(crate) consume_lock: tokio::sync::Mutex<()>,
    pub(crate) durable: String,
    pub(crate) limiter: std::sync::Mutex<complaints::WrongCodeLimiter>,
}

impl Shared {
    pub(crate) fn read_models(&self) -> Result<RwLockReadGuard<'_, Models>, DomainError> {
        self.models.read().map_err(|_| internal("read models lock poisoned"))
    }

    pub(crate) fn write_models(&self) -> anyhow::Result<RwLockWriteGuard<'_, Models>> {
        self.models
            .write()
            .map_err(|_| anyhow::anyhow!("read models lock poisoned"))
    }
}

fn internal(detail: &str) -> DomainError {
    DomainError::new(
        ErrorCode::Internal,
        format!("เกิดข้อผิดพลาดภายในบริการสอบถาม ({detail})"),
        format!("query service internal error ({detail})"),
    )
}

fn behind(min: u64, at: u64) -> DomainError {
    DomainError::new(
        ErrorCode::Unavailable,
        format!("ข้อมูลสำหรับสอบถามยังไม่ทันลำดับที่ {min} (ตอนนี้ถึง {at}) กรุณาลองใหม่"),
        format!("the read models have not reached position {min} yet (they are at {at}); try again"),
    )
}

fn bad_request(what: &str, detail: &str) -> DomainError {
    DomainError::new(
        ErrorCode::Validation,
        format!("คำถาม {what} ไม่ถูกต้อง: {detail}"),
        format!("the {what} query is malformed: {detail}"),
    )
}

fn unknown_view(view: &str) -> DomainError {
    DomainError::new(
        ErrorCode::NotFound,
        format!("ไม่มีมุมมอง `{view}`"),
        format!("there is no view `{view}`"),
    )
}

/// A running query service.
#[derive(Clone)]
pub struct Query {
    shared: Arc<Shared>,
    tasks: Arc<std::sync::Mutex<Vec<JoinHandle<()>>>>,
}

impl Query {
    /// Opens the read models in `dir`, starts consuming the stream and answering queries on
    /// `client`; stops on `shutdown`.
    pub async fn start(
        client: async_nats::Client,
        dir: &Path,
        shutdown: CancellationToken,
    ) -> Result<Query, QueryError> {
        Self::start_with(client, dir, DEFAULT_DURABLE, shutdown).await
    }

    /// [`Query::start`] with a durable consumer name of its own.
    pub async fn start_with(
        client: async_nats::Client,
        dir: &Path,
        durable: &str,
        shutdown: CancellationToken,
    ) -> Result<Query, QueryError> {
        let store = Store::open(dir)?;
        let models = store.load()?;
        let (applied, _) = tokio::sync::watch::channel(models.position());
        tracing::info!(position = models.position(), dir = %dir.display(), "query read models loaded");
        let shared = Arc::new(Shared {
            models: RwLock::new(models),
            store,
            applied,
            js: async_nats::jetstream::new(client.clone()),
            consume_lock: tokio::sync::Mutex::new(()),
            durable: durable.to_string(),
            limiter: std::sync::Mutex::new(complaints::WrongCodeLimiter::default()),
        });
        let nats = |e: &dyn std::fmt::Display| QueryError::Nats(e.to_string());
        // Weak: the stats handler's task ends a moment after the service stops, and must not
        // keep the read-model store (and its lock) alive.
        let stats = Arc::downgrade(&shared);
        let service = client
            .service_builder()
            .description("Sujarit query: read models of plans, rounds and org units")
            .queue_group(query::QUEUE)
            .stats_handler(move |_endpoint, _stats| {
                let position = stats.upgrade().map(|shared| *shared.applied.borrow());
                serde_json::json!({ "position": position })
            })
            .start(SERVICE_NAME, env!("CARGO_PKG_VERSION"))
            .await
            .map_err(|e| nats(&e))?;
        let endpoint = service
            .endpoint_builder()
            .name("views")
            .add(format!("{}.>", query::PREFIX))
            .await
            .map_err(|e| nats(&e))?;
        client.flush().await.map_err(|e| nats(&e))?;
        let consumer = tokio::spawn(consumer::run(shared.clone(), shutdown.clone()));
        let server = tokio::spawn(serve(service, endpoint, shared.clone(), shutdown));
        Ok(Query {
            shared,
            tasks: Arc::new(std::sync::Mutex::new(vec![consumer, server])),
        })
    }

    /// The last position applied.
    pub fn position(&self) -> u64 {
        *self.shared.applied.borrow()
    }

    /// Waits until the read models include `position`; false after `timeout`.
    pub async fn wait_for(&self, position: u64, timeout: Duration) -> bool {
        wait_for(&self.shared, position, timeout).await
    }

    /// Runs `view` on the read models (after waiting for `min_position`).
    pub async fn ask(&self, view: &str, body: &[u8], min_position: Option<u64>) -> Vec<u8> {
        answer(&self.shared, view, body, min_position, None).await
    }

    /// Finds the case of a receipt code, counting wrong codes against `rate_key` and globally.
    pub fn locate(&self, receipt_code: &str, rate_key: Option<&str>) -> Result<query::Located, DomainError> {
        let models = self.shared.read_models()?;
        let mut limiter = self.shared.limiter.lock().unwrap_or_else(|p| p.into_inner());
        models.locate(receipt_code, rate_key, &mut limiter)
    }

    /// Reads the read models.
    pub fn models(&self) -> Result<RwLockReadGuard<'_, Models>, DomainError> {
        self.shared.read_models()
    }

    /// Drops the read models and rebuilds them from the whole event stream, then carries on
    /// consuming from where the rebuild ended.
    pub async fn rebuild(&self) -> Result<RebuildReport, QueryError> {
        rebuild(&self.shared).await
    }

    /// Waits until the service's tasks have stopped (after `shutdown` was cancelled).
    pub async fn stopped(self) {
        let tasks = match self.tasks.lock() {
            Ok(mut tasks) => std::mem::take(&mut *tasks),
            Err(_) => return,
        };
        for task in tasks {
            let _ = task.await;
        }
    }
}

async fn wait_for(shared: &Shared, position: u64, timeout: Duration) -> bool {
    let mut applied = shared.applied.subscribe();
    let reached = tokio::time::timeout(timeout, applied.wait_for(|at| *at >= position))
        .await
        .is_ok_and(|seen| seen.is_ok());
    reached
}

async fn rebuild(shared: &Shared) -> Result<RebuildReport, QueryError> {
    let _pause = shared.consume_lock.lock().await;
    let digest_before = shared
        .read_models()
        .map_err(|e| QueryError::Stream(e.to_string()))?
        .digest();
    let started = Instant::now();
    let (fresh, events) = replay(&shared.js).await?;
    let millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    shared.store.replace(&fresh).await?;
    let digest_after = fresh.digest();
    let position = fresh.position();
    *shared
        .models
        .write()
        .map_err(|_| QueryError::Stream("read models lock poisoned".into()))? = fresh;
    shared.applied.send_replace(position);
    tracing::info!(events, millis, %digest_before, %digest_after, "read models rebuilt");
    Ok(RebuildReport {
        events,
        millis,
        digest_before,
        digest_after,
    })
}

/// Reads the whole stream into fresh models. Two stages on two threads: this task receives
/// messages from an ephemeral consumer and hands them over in batches; a blocking thread parses
/// and folds them, so receiving and folding overlap.
async fn replay(js: &async_nats::jetstream::Context) -> Result<(Models, u64), QueryError> {
    use async_nats::jetstream::consumer::{pull, AckPolicy, DeliverPolicy};
    const HANDOFF: usize = 512;
    let stream_error = |e: &dyn std::fmt::Display| QueryError::Stream(e.to_string());
    let last = sujarit_client::events::last_sequence(js)
        .await
        .map_err(|e| stream_error(&e))?;
    let (batches, mut incoming) = tokio::sync::mpsc::channel::<Vec<bytes::Bytes>>(64);
    let fold = tokio::task::spawn_blocking(move || {
        let mut models = Models::default();
        let mut events = 0u64;
        while let Some(batch) = incoming.blocking_recv() {
            for payload in batch {
                events += 1;
                match serde_json::from_slice::<sujarit_contracts::EventEnvelope>(&payload) {
                    Ok(envelope) => consumer::apply_all(&mut models, std::slice::from_ref(&envelope)),
                    Err(e) => tracing::error!(error = %e, "not an event envelope; skipped"),
                }
            }
        }
        (models, events)
    });
    if last > 0 {
        let stream = js
            .get_stream(sujarit_contracts::subjects::EVENT_STREAM)
            .await
            .map_err(|e| stream_error(&e))?;
        // An ephemeral consumer without acks, fetched in large batches: the fastest way through
        // the whole stream once.
        let consumer = stream
            .create_consumer(pull::Config {
                deliver_policy: DeliverPolicy::All,
                ack_policy: AckPolicy::None,
                inactive_threshold: Duration::from_secs(60),
                ..Default::default()
            })
            .await
            .map_err(|e| stream_error(&e))?;
        let mut messages = consumer
            .stream()
            .max_messages_per_batch(10_000)
            .messages()
            .await
            .map_err(|e| stream_error(&e))?;
        let mut batch = Vec::with_capacity(HANDOFF);
        let mut received = 0u64;
        while received < last {
            let Some(message) = messages.next().await else { break };
            let message = message.map_err(|e| stream_error(&e))?;
            received += 1;
            batch.push(message.payload.clone());
            if batch.len() == HANDOFF || received == last {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(HANDOFF));
                if batches.send(full).await.is_err() {
                    break;
                }
            }
        }
        if !batch.is_empty() {
            let _ = batches.send(batch).await;
        }
    }
    drop(batches);
    fold.await.map_err(|e| stream_error(&e))
}

async fn serve(
    service: async_nats::service::Service,
    endpoint: async_nats::service::endpoint::Endpoint,
    shared: Arc<Shared>,
    shutdown: CancellationToken,
) {
    sujarit_ledger::serve_endpoint(endpoint, shutdown, move |request| {
        let shared = shared.clone();
        async move {
            let message = &request.message;
            let view = message
                .subject
                .as_str()
                .strip_prefix(query::PREFIX)
                .and_then(|rest| rest.strip_prefix('.'))
                .unwrap_or_default()
                .to_string();
            let min_position = message
                .headers
                .as_ref()
                .and_then(|h| h.get(query::MIN_POSITION))
                .and_then(|v| v.as_str().trim().parse::<u64>().ok());
            let rate_key = message
                .headers
                .as_ref()
                .and_then(|h| h.get(query::RATE_KEY))
                .map(|v| v.as_str().to_string());
            let body = answer(&shared, &view, &message.payload, min_position, rate_key.as_deref()).await;
            if let Err(e) = request.respond(Ok(body.into())).await {
                tracing::warn!(error = %e, "could not send a query reply");
            }
        }
    })
    .await;
    let _ = service.stop().await;
}

fn reply<T: Serialize>(result: Result<(u64, T), DomainError>) -> Vec<u8> {
    let reply = match result {
        Ok((position, data)) => QueryReply::Ok { position, data },
        Err(e) => QueryReply::error(e),
    };
    serde_json::to_vec(&reply).unwrap_or_default()
}

fn parse<T: serde::de::DeserializeOwned>(view: &str, body: &[u8]) -> Result<T, DomainError> {
    sujarit_contracts::decode_json(view, body).map_err(|e| bad_request(view, &e.to_string()))
}

/// Answers one view as JSON bytes of a [`QueryReply`].
async fn answer(
    shared: &Shared,
    view: &str,
    body: &[u8],
    min_position: Option<u64>,
    rate_key: Option<&str>,
) -> Vec<u8> {
    if let Some(min) = min_position {
        if !wait_for(shared, min, MAX_WAIT).await {
            let at = *shared.applied.borrow();
            return reply::<()>(Err(behind(min, at)));
        }
    }
    if view == query::REBUILD {
        return reply(
            rebuild(shared)
                .await
                .map(|r| (r.events, r))
                .map_err(|e| internal(&e.to_string())),
        );
    }
    let models = match shared.read_models() {
        Ok(models) => models,
        Err(e) => return reply::<()>(Err(e)),
    };
    let at = models.position();
    match view {
        query::STATUS => reply(Ok((
            at,
            QueryStatus {
                position: at,
                streams: models.counts(),
                skipped: models.skipped(),
                digest: models.digest(),
            },
        ))),
        query::STATE => {
            reply(parse::<StateRequest>(view, body).and_then(|req| models.stream_state(&req.stream).map(|s| (at, s))))
        }
        query::PLAN_LIST => reply(Ok((at, models.plan_list()))),
        query::ROUND_LIST => reply(Ok((at, models.round_list()))),
        query::ROUND_REPORT => {
            reply(parse::<IdRequest>(view, body).and_then(|req| models.round_report(req.id).map(|r| (at, r))))
        }
        query::ORGUNIT_LIST => reply(Ok((at, models.org_unit_list()))),
        query::ROUND_ITEMS => reply(
            parse::<RoundItemsRequest>(view, body).map(|req| (at, models.round_items(req.round_id, req.org_unit_id))),
        ),
        query::ROUND_STATUS => {
            reply(parse::<RoundStatusRequest>(view, body).map(|req| (at, models.round_status(req.round_id))))
        }
        query::ORGUNIT_MATCH => reply(parse::<MatchRequest>(view, body).map(|req| (at, models.org_unit_matches(&req)))),
        query::COMPLAINT_LOCATE => reply(parse::<LocateRequest>(view, body).and_then(|req| {
            let mut limiter = shared.limiter.lock().unwrap_or_else(|p| p.into_inner());
            models
                .locate(&req.receipt_code, rate_key, &mut limiter)
                .map(|l| (at, l))
        })),
        query::PERSON_INVITE => reply(parse::<InviteRequest>(view, body).and_then(|req| {
            let mut limiter = shared.limiter.lock().unwrap_or_else(|p| p.into_inner());
            models
                .person_by_invite(&req.invite_code, rate_key, &mut limiter)
                .map(|p| (at, p))
        })),
        query::PERSON_BY_CHAT => reply(
            parse::<ChatRequest>(view, body)
                .and_then(|req| models.person_by_chat(&req.channel, &req.account).map(|p| (at, p))),
        ),
        query::COMPLAINT_RETENTION => reply(
            parse::<RetentionRequest>(view, body)
                .map(|req| (at, models.retention_due(req.as_of.unwrap_or_else(complaints::today)))),
        ),
        query::NOTIFY_TARGETS => reply(
            parse::<TargetsRequest>(view, body)
                .and_then(|req| models.notify_targets(&req.kind, &req.id).map(|t| (at, t))),
        ),
        query::COMPLAINT_QUEUE => reply(Ok((at, models.complaint_queue(complaints::today())))),
        query::COMPLAINT_STATS => reply(parse::<StatsRequest>(view, body).and_then(|req| {
            models
                .complaint_stats(req.fiscal_year, complaints::today())
                .map(|s| (at, s))
        })),
        other => reply::<()>(Err(unknown_view(other))),
    }
}

/// Runs a stand-alone query service until `shutdown`.
pub async fn run(config: Config, shutdown: CancellationToken) -> Result<(), QueryError> {
    let client = sujarit_ledger::connect(&config.nats_url, "sujarit-query")
        .await
        .map_err(|e| QueryError::Nats(e.to_string()))?;
    let query = Query::start_with(client, &config.data_dir.join("query"), &config.durable, shutdown).await?;
    query.stopped().await;
    tracing::info!("query service stopped");
    Ok(())
}
