//! `sujarit bench ledger`: durable commands per second through NATS request/reply, measured
//! against raw sled appends with the same durability (one flush + fdatasync per batch of 100)
//! in the same run on the same disk.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use sujarit_client::CommandClient;
use sujarit_contracts::orgunit::RegisterOrgUnit;
use sujarit_contracts::{Actor, Command, Reply};
use sujarit_eventstore::EventStore;
use sujarit_natsd::{LocalNats, Options};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// `sujarit bench …`
#[derive(clap::Subcommand)]
pub enum BenchCmd {
    /// Durable commands/s through NATS at several concurrencies, with p50/p99 latency.
    Ledger {
        /// Seconds to measure each concurrency level.
        #[arg(long, default_value_t = 5.0)]
        seconds: f64,
        /// Concurrent clients, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "1,16,256")]
        clients: Vec<usize>,
        /// Events written for the raw sled baseline.
        #[arg(long, default_value_t = 200_000)]
        baseline_events: usize,
        /// Skip the store-only and NATS-echo reference runs (for profiling the ledger alone).
        #[arg(long)]
        no_references: bool,
    },
    /// Query read models: fold, catch-up and rebuild rates from the event stream, and round report latency.
    Query {
        /// Events in the synthetic history.
        #[arg(long, default_value_t = 1_000_000)]
        events: usize,
        /// Round reports requested for the latency figures.
        #[arg(long, default_value_t = 200)]
        reports: usize,
    },
}

/// Runs a benchmark.
pub async fn run(cmd: BenchCmd) -> anyhow::Result<()> {
    match cmd {
        BenchCmd::Ledger {
            seconds,
            clients,
            baseline_events,
            no_references,
        } => ledger(seconds, &clients, baseline_events, !no_references).await,
        BenchCmd::Query { events, reports } => crate::bench_query::run(events, reports.max(1)).await,
    }
}

/// A payload of about the size of a real event (≈300 bytes).
fn sample_name(i: u64) -> String {
    format!("องค์การบริหารส่วนตำบลทดสอบประสิทธิภาพ หน่วยที่ {i} อำเภอเมือง จังหวัดพัทลุง")
}

async fn ledger(seconds: f64, clients: &[usize], baseline_events: usize, references: bool) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    println!(
        "sujarit bench ledger — {} cores, data in {}",
        num_cpus(),
        dir.path().display()
    );

    let baseline = tokio::task::spawn_blocking({
        let path = dir.path().join("raw-sled");
        move || raw_sled_baseline(&path, baseline_events)
    })
    .await??;
    println!("baseline  raw sled append, flush + fdatasync per 100 events: {baseline:>9.0} events/s");

    // Not `die_with_parent`: the parent-death signal follows the spawning thread, and this one
    // is a blocking-pool thread that exits when idle. The handle kills the server on drop.
    let nats = tokio::task::spawn_blocking({
        let dir = dir.path().join("nats");
        move || {
            LocalNats::start(Options {
                dir,
                port: None,
                die_with_parent: false,
            })
        }
    })
    .await??;
    if references {
        let most = clients.iter().copied().max().unwrap_or(1);
        let direct = store_direct(&dir.path().join("direct"), most, seconds).await?;
        println!("reference event store appends in-process, {most} tasks, no NATS: {direct:>9.0} appends/s");
        let echo = echo_baseline(&nats.url(), most, seconds).await?;
        println!("reference NATS request/reply echo, {most} clients, no ledger: {echo:>9.0} requests/s");
    }

    let store = EventStore::open(dir.path().join("ledger"))?;
    let shutdown = CancellationToken::new();
    let ledger = sujarit_ledger::Ledger::start(
        sujarit_ledger::connect(&nats.url(), "bench-ledger").await?,
        sujarit_ledger::connect(&nats.url(), "bench-outbox").await?,
        store.clone(),
        shutdown.clone(),
    )
    .await?;
    // A few client connections, shared by the concurrent senders.
    let mut connections = Vec::new();
    for i in 0..4 {
        connections.push(CommandClient::new(
            sujarit_ledger::connect(&nats.url(), &format!("bench-client-{i}")).await?,
            Actor::Service("bench".into()),
        ));
    }

    println!(
        "{:>8} {:>12} {:>9} {:>9} {:>9} {:>10} {:>11}",
        "clients", "commands/s", "p50 ms", "p99 ms", "max ms", "× baseline", "group size"
    );
    for &n in clients {
        let before = store.stats();
        let result = measure(&connections, n, Duration::from_secs_f64(seconds)).await?;
        let after = store.stats();
        let groups = (after.groups - before.groups).max(1);
        let rate = result.count as f64 / result.elapsed.as_secs_f64();
        println!(
            "{:>8} {:>12.0} {:>9.2} {:>9.2} {:>9.2} {:>10.2} {:>11.1}",
            n,
            rate,
            ms(result.percentile(0.50)),
            ms(result.percentile(0.99)),
            ms(result.percentile(1.0)),
            rate / baseline,
            (after.appends - before.appends) as f64 / groups as f64,
        );
    }
    let head = store.durable_position();
    let deadline = Instant::now() + Duration::from_secs(30);
    while ledger.published_position() < head && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "every acknowledged command fsynced: {} events in {} group commits; JetStream holds {} of {}",
        store.stats().events,
        store.stats().syncs,
        ledger.published_position(),
        head
    );
    shutdown.cancel();
    ledger.stopped().await;
    Ok(())
}

/// Appends straight to an event store from concurrent tasks: the store's own ceiling, without
/// NATS or the ledger's decision step.
async fn store_direct(path: &std::path::Path, concurrency: usize, seconds: f64) -> anyhow::Result<f64> {
    use sujarit_eventstore::{Append, ExpectedVersion, NewEvent, TimePrecision};
    let store = EventStore::open(path)?;
    let stop = Instant::now() + Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < stop {
                let id = Uuid::now_v7();
                let payload = serde_json::json!({ "org_unit_id": id, "name": sample_name(n), "aliases": [] });
                let append = Append {
                    stream: sujarit_contracts::orgunit::stream(id),
                    expected: ExpectedVersion::NoStream,
                    events: vec![NewEvent {
                        event_type: "OrgUnitRegistered".into(),
                        schema: 1,
                        payload: serde_json::value::to_raw_value(&payload)?,
                        precision: TimePrecision::Exact,
                    }],
                    command_id: Uuid::now_v7(),
                    actor: "service:bench".into(),
                    correlation_id: id,
                };
                store.append(append).await?;
                n += 1;
            }
            Ok::<_, anyhow::Error>(n)
        }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await??;
    }
    Ok(total as f64 / start.elapsed().as_secs_f64())
}

/// Request/reply through the same nats-server with a responder that does no work: the ceiling
/// NATS itself sets on this machine for the highest concurrency measured.
async fn echo_baseline(url: &str, concurrency: usize, seconds: f64) -> anyhow::Result<f64> {
    use futures::StreamExt;
    let responder = sujarit_ledger::connect(url, "bench-echo").await?;
    let mut requests = responder.subscribe("bench.echo").await?;
    responder.flush().await?;
    let echo = tokio::spawn({
        let responder = responder.clone();
        async move {
            while let Some(request) = requests.next().await {
                if let Some(reply) = request.reply {
                    let _ = responder.publish(reply, request.payload).await;
                }
            }
        }
    });
    let mut clients = Vec::new();
    for i in 0..4 {
        clients.push(sujarit_ledger::connect(url, &format!("bench-echo-client-{i}")).await?);
    }
    let stop = Instant::now() + Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..concurrency {
        let client = clients[i % clients.len()].clone();
        tasks.push(tokio::spawn(async move {
            let payload = bytes::Bytes::from(vec![b'x'; 300]);
            let mut n = 0u64;
            while Instant::now() < stop {
                client.request("bench.echo", payload.clone()).await?;
                n += 1;
            }
            Ok::<_, anyhow::Error>(n)
        }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await??;
    }
    echo.abort();
    Ok(total as f64 / start.elapsed().as_secs_f64())
}

struct Measured {
    count: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Measured {
    fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let index = ((self.latencies.len() - 1) as f64 * p).round() as usize;
        self.latencies[index]
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn measure(connections: &[CommandClient], concurrency: usize, duration: Duration) -> anyhow::Result<Measured> {
    let start = Instant::now();
    let stop = start + duration;
    let counter = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let mut tasks = Vec::with_capacity(concurrency);
    for i in 0..concurrency {
        let client = connections[i % connections.len()].clone();
        let counter = counter.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < stop {
                let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let command = Command::from(sujarit_contracts::orgunit::OrgUnitCommand::from(RegisterOrgUnit {
                    org_unit_id: Uuid::now_v7(),
                    name: sample_name(n),
                    aliases: vec![],
                }));
                let sent = Instant::now();
                let answer = client.send(&command).await?;
                latencies.push(sent.elapsed());
                if !matches!(answer.reply, Reply::Accepted { .. }) {
                    anyhow::bail!("command rejected: {:?}", answer.reply);
                }
            }
            Ok::<_, anyhow::Error>(latencies)
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.context("bench client panicked")??);
    }
    let elapsed = start.elapsed();
    latencies.sort_unstable();
    Ok(Measured {
        count: latencies.len(),
        elapsed,
        latencies,
    })
}

/// Raw sled appends of ≈300-byte values, one atomic batch + flush + fdatasync per 100: the
/// durability the ledger promises, without NATS, JSON envelopes or idempotency records.
fn raw_sled_baseline(path: &std::path::Path, events: usize) -> anyhow::Result<f64> {
    let db = sled::Config::new().path(path).mode(sled::Mode::HighThroughput).open()?;
    let tree = db.open_tree("events")?;
    let log = std::fs::File::open(path.join("db"))?;
    let value = vec![b'x'; 300];
    let start = Instant::now();
    let mut position = 0u64;
    while (position as usize) < events {
        let mut batch = sled::Batch::default();
        for _ in 0..100 {
            position += 1;
            batch.insert(&position.to_be_bytes(), value.as_slice());
        }
        tree.apply_batch(batch)?;
        db.flush()?;
        log.sync_data()?;
    }
    Ok(position as f64 / start.elapsed().as_secs_f64())
}

fn num_cpus() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}
