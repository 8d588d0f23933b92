//! The ledger: the only writer of the event store.
//!
//! It answers commands on `sujarit.cmd.>` (queue group `ledger`, registered with the NATS service
//! API so `$SRV.PING/INFO/STATS` see it), decides them with pure aggregates, appends the events
//! durably (group-committed, fdatasynced), replies `Accepted` or `Rejected`, and publishes every
//! event to JetStream through the outbox. Tests and `sujarit up` start it in-process with
//! [`Ledger::start`]; `sujarit ledger` runs it alone with [`run`].

pub mod aggregate;
pub mod complaint;
pub mod desk;
pub mod execute;
mod messages;
pub mod orgunit;
pub mod outbox;
pub mod people;
pub mod plan;
pub mod round;
mod text;
pub mod vault;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use async_nats::service::ServiceExt;
use futures::StreamExt;
use sujarit_contracts::{headers, subjects};
use sujarit_eventstore::{EventStore, OpenError};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

pub use execute::{CommandMeta, Executor, Outcome};

/// Name under which the ledger registers with the NATS service API.
pub const SERVICE_NAME: &str = "sujarit-ledger";

/// Why the ledger could not run.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// The event store refused to open.
    #[error(transparent)]
    Store(#[from] OpenError),
    /// NATS could not be reached or refused a subscription.
    #[error("NATS: {0}")]
    Nats(String),
    /// The vault directory could not be opened.
    #[error("vault {0}: {1}")]
    Vault(PathBuf, std::io::Error),
}

/// Settings of a stand-alone ledger.
#[derive(Debug, Clone)]
pub struct Config {
    /// NATS URL.
    pub nats_url: String,
    /// Directory of the event store.
    pub data_dir: PathBuf,
}

/// A running ledger.
pub struct Ledger {
    executor: Arc<Executor>,
    _stats_source: Arc<EventStore>,
    published: Arc<AtomicU64>,
    service: JoinHandle<()>,
    outbox: JoinHandle<()>,
    desk: Vec<JoinHandle<()>>,
}

impl Ledger {
    /// Starts answering commands on `client` and publishing events; stops on `shutdown`.
    pub async fn start(
        client: async_nats::Client,
        outbox_client: async_nats::Client,
        store: EventStore,
        shutdown: CancellationToken,
    ) -> Result<Ledger, LedgerError> {
        // Case keys and attachments live beside the event store (`<data dir>/vault`), outside the
        // event log, so that deleting a key erases a case's content and nothing else.
        let vault_dir = store
            .path()
            .parent()
            .map(|dir| dir.join("vault"))
            .unwrap_or_else(|| store.path().join("vault"));
        let vault = vault::KeyVault::open(&vault_dir).map_err(|e| LedgerError::Vault(vault_dir.clone(), e))?;
        let executor = Arc::new(Executor::with_vault(store.clone(), Arc::new(vault)));
        let published = Arc::new(AtomicU64::new(0));
        // The stats handler lives in a task the service aborts on stop, which ends a moment
        // later; it holds the store only weakly, so a stopped ledger frees its data dir at once.
        let stats_source = Arc::new(store.clone());
        let stats_store = Arc::downgrade(&stats_source);
        let stats_published = published.clone();
        let service = client
            .service_builder()
            .description("Sujarit ledger: decides commands and records their events durably")
            .queue_group(subjects::LEDGER_QUEUE)
            .stats_handler(move |_endpoint, _stats| match stats_store.upgrade() {
                Some(store) => serde_json::json!({
                    "store": store.stats(),
                    "durable_position": store.durable_position(),
                    "published_position": stats_published.load(Ordering::Acquire),
                }),
                None => serde_json::json!({ "stopped": true }),
            })
            .start(SERVICE_NAME, env!("CARGO_PKG_VERSION"))
            .await
            .map_err(|e| LedgerError::Nats(e.to_string()))?;
        let endpoint = service
            .endpoint_builder()
            .name("commands")
            .add(subjects::COMMANDS)
            .await
            .map_err(|e| LedgerError::Nats(e.to_string()))?;
        let view = service
            .endpoint_builder()
            .name("case-view")
            .add(sujarit_contracts::complaint::DESK_VIEW)
            .await
            .map_err(|e| LedgerError::Nats(e.to_string()))?;
        let attach = service
            .endpoint_builder()
            .name("case-attach")
            .add(sujarit_contracts::complaint::DESK_ATTACH)
            .await
            .map_err(|e| LedgerError::Nats(e.to_string()))?;
        // The subscription is sent asynchronously; a flush (PING/PONG) makes sure the server has
        // it before we report ready, or the first requests would find "no responders".
        client.flush().await.map_err(|e| LedgerError::Nats(e.to_string()))?;
        let desk = vec![
            tokio::spawn(serve_desk(view, executor.clone(), desk::view, shutdown.clone())),
            tokio::spawn(serve_desk(attach, executor.clone(), desk::attach, shutdown.clone())),
        ];
        let service = tokio::spawn(serve(service, endpoint, executor.clone(), shutdown.clone()));
        let js = async_nats::jetstream::new(outbox_client);
        let outbox = tokio::spawn(outbox::run(js, store, published.clone(), shutdown));
        Ok(Ledger {
            executor,
            _stats_source: stats_source,
            published,
            service,
            outbox,
            desk,
        })
    }

    /// The event store.
    pub fn store(&self) -> &EventStore {
        self.executor.store()
    }

    /// The last position JetStream holds.
    pub fn published_position(&self) -> u64 {
        self.published.load(Ordering::Acquire)
    }

    /// Waits until both tasks have stopped (after `shutdown` was cancelled).
    pub async fn stopped(self) {
        let _ = self.service.await;
        let _ = self.outbox.await;
        for task in self.desk {
            let _ = task.await;
        }
    }
}

async fn serve(
    service: async_nats::service::Service,
    endpoint: async_nats::service::endpoint::Endpoint,
    executor: Arc<Executor>,
    shutdown: CancellationToken,
) {
    serve_endpoint(endpoint, shutdown, move |request| {
        let executor = executor.clone();
        async move {
            let message = &request.message;
            let outcome = executor
                .execute(&message.subject, message.headers.as_ref(), &message.payload)
                .await;
            if let sujarit_contracts::Reply::Rejected { code, message: text } = &outcome.reply {
                tracing::debug!(subject = %message.subject, %code, reason = %text.en, "command rejected");
            }
            let body = serde_json::to_vec(&outcome.reply).unwrap_or_default();
            let mut reply_headers = async_nats::HeaderMap::new();
            if outcome.replayed {
                reply_headers.insert(headers::REPLAYED, "true");
            }
            if let Err(e) = request.respond_with_headers(Ok(body.into()), reply_headers).await {
                tracing::warn!(error = %e, "could not send a reply");
            }
        }
    })
    .await;
    let _ = service.stop().await;
}

/// Answers one desk endpoint until `shutdown`; each request runs on the blocking pool (it reads
/// the store and the vault's files).
async fn serve_desk(
    endpoint: async_nats::service::endpoint::Endpoint,
    executor: Arc<Executor>,
    answer: fn(&Executor, Option<&async_nats::HeaderMap>, &[u8]) -> Vec<u8>,
    shutdown: CancellationToken,
) {
    serve_endpoint(endpoint, shutdown, move |request| {
        let executor = executor.clone();
        async move {
            let message = request.message.clone();
            let body =
                tokio::task::spawn_blocking(move || answer(&executor, message.headers.as_ref(), &message.payload))
                    .await
                    .unwrap_or_default();
            if let Err(e) = request.respond(Ok(body.into())).await {
                tracing::warn!(error = %e, "could not send a desk reply");
            }
        }
    })
    .await;
}

/// Answers a NATS service endpoint until `shutdown`, each request on a task of its own; then
/// stops taking new requests and waits for those in flight, so no reply is cut off. Every
/// Sujarit service endpoint (commands, case desk, queries) runs on this.
pub async fn serve_endpoint<H, F>(
    mut endpoint: async_nats::service::endpoint::Endpoint,
    shutdown: CancellationToken,
    handle: H,
) where
    H: Fn(async_nats::service::Request) -> F,
    F: std::future::Future<Output = ()> + Send + 'static,
{
    let tracker = TaskTracker::new();
    loop {
        let request = tokio::select! {
            _ = shutdown.cancelled() => break,
            request = endpoint.next() => request,
        };
        let Some(request) = request else { break };
        tracker.spawn(handle(request));
    }
    let _ = endpoint.stop().await;
    tracker.close();
    tracker.wait().await;
}

/// Connects to NATS with the settings every Sujarit service uses.
pub async fn connect(url: &str, name: &str) -> Result<async_nats::Client, LedgerError> {
    let connection = name.to_string();
    let client = async_nats::ConnectOptions::new()
        .name(name)
        .event_callback(move |event| {
            let connection = connection.clone();
            async move {
                match event {
                    async_nats::Event::Connected => tracing::info!(%connection, "NATS connected"),
                    async_nats::Event::Closed => {
                        tracing::debug!(%connection, "NATS connection closed")
                    }
                    other => tracing::warn!(%connection, event = %other, "NATS connection event"),
                }
            }
        })
        .retry_on_initial_connect()
        .connection_timeout(std::time::Duration::from_secs(5))
        .connect(url)
        .await
        .map_err(|e| LedgerError::Nats(format!("cannot connect to {url}: {e}")))?;
    // With retries on the first connect, `connect` returns before the connection is up; a
    // subscription made then would reach the server only later, and a request sent meanwhile
    // would find "no responders". Wait (bounded) until connected.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    while client.connection_state() != async_nats::connection::State::Connected {
        if tokio::time::Instant::now() >= deadline {
            return Err(LedgerError::Nats(format!(
                "cannot connect to {url}: still not connected after 30 s"
            )));
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    Ok(client)
}

/// Runs a stand-alone ledger until `shutdown`.
pub async fn run(config: Config, shutdown: CancellationToken) -> Result<(), LedgerError> {
    let store = EventStore::open(config.data_dir.join("ledger"))?;
    let client = connect(&config.nats_url, "sujarit-ledger").await?;
    let outbox_client = connect(&config.nats_url, "sujarit-ledger-outbox").await?;
    tracing::info!(nats = %config.nats_url, data_dir = %config.data_dir.display(),
        position = store.durable_position(), "ledger started");
    let ledger = Ledger::start(client, outbox_client, store, shutdown).await?;
    ledger.stopped().await;
    tracing::info!("ledger stopped");
    Ok(())
}
