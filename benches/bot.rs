//! Update → reply latency of the chat bot through the whole path, at a fixed offered rate:
//! Telegram webhook (`POST /webhooks/telegram` of a real `sujarit up`) → gateway → NATS (KV
//! conversation state, query service, ledger) → `sendMessage` arriving at a fake Bot API.
//!
//! ```sh
//! cargo bench --bench bot                       # 200 updates/s for 20 s
//! cargo bench --bench bot -- --rate 400 --seconds 10
//! ```
//!
//! Each simulated citizen files an anonymous tip in seven updates (`/tip`, a category button,
//! agency, what happened, place, "done", "file"); the last one is a ledger command (the case is
//! written and fsynced before the receipt comes back). Updates are sent open-loop on a fixed
//! schedule (a new citizen starts whenever no conversation is waiting for its next step), and
//! latency runs from the scheduled instant to the last message of the reply, so a slow reply
//! cannot hide the queueing it causes. Baseline, same run: the webhook's own answer (`200`
//! before any processing) and a NATS request/reply to the query service.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use sujarit_fakes::telegram::{press_update, text_update, FakeBotApi};

const TOKEN: &str = "7012345678:AAFakeTokenForSujaritBench_0123456789";
const SECRET: &str = "bench-webhook-secret-0123456789";

/// One step of a citizen's conversation.
#[derive(Clone, Copy)]
enum Step {
    Say(&'static str),
    Press(&'static str),
}

const TIP: [Step; 7] = [
    Step::Say("/tip"),
    Step::Press("category:corruption"),
    Step::Say("-"),
    Step::Say("เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต"),
    Step::Say("-"),
    Step::Press("done"),
    Step::Press("file"),
];

fn update(step: Step, id: u32, chat: i64) -> Value {
    match step {
        Step::Say(text) => text_update(id, chat, text),
        Step::Press(data) => press_update(id, chat, data),
    }
}

struct Up(Child);

impl Drop for Up {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `sujarit up` in Telegram webhook mode against the fake; its web address and NATS URL.
fn start_up(dir: &std::path::Path, api: &str) -> (Up, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sujarit"))
        .args(["up", "--nats-port", "0", "--http-port", "0", "--data-dir"])
        .arg(dir)
        .env("SUJARIT_TELEGRAM_TOKEN", TOKEN)
        .env("SUJARIT_TELEGRAM_API_URL", api)
        .env(
            "SUJARIT_TELEGRAM_WEBHOOK_URL",
            "https://bot.example.org/webhooks/telegram",
        )
        .env("SUJARIT_TELEGRAM_WEBHOOK_SECRET", SECRET)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn sujarit up (build it with cargo bench, which builds the binary)");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut nats = String::new();
    let web = loop {
        let line = lines.next().expect("sujarit up exited early").expect("stdout");
        if let Some(url) = line.trim().strip_prefix("NATS:") {
            nats = url.trim().to_string();
        }
        if let Some(url) = line.trim().strip_prefix("Web:") {
            break url.trim().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (Up(child), web, nats)
}

fn arg(name: &str, default: f64) -> f64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn summary(name: &str, mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    let p99 = percentile(&samples, 99.0);
    println!(
        "{name:<34} n={:<6} p50 {} · p90 {} · p99 {} · max {}",
        samples.len(),
        ms(percentile(&samples, 50.0)),
        ms(percentile(&samples, 90.0)),
        ms(p99),
        ms(samples.last().copied().unwrap_or_default())
    );
    p99
}

/// What a chat is waiting for: the update's scheduled instant, the step and how many messages
/// are still to come.
struct Waiting {
    scheduled: Instant,
    step: usize,
    left: usize,
}

#[derive(Default)]
struct Board {
    waiting: HashMap<i64, Waiting>,
    /// Latencies by step.
    done: Vec<(usize, Duration)>,
    /// Chats ready for their next step.
    ready: VecDeque<(i64, usize)>,
}

fn main() {
    let rate = arg("--rate", 200.0);
    let seconds = arg("--seconds", 20.0);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(rate, seconds));
}

async fn run(rate: f64, seconds: f64) {
    let fake = FakeBotApi::start(TOKEN).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let (_up, web, nats_url) = start_up(dir.path(), fake.url().as_str());
    let webhook = format!("{web}/webhooks/telegram");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .expect("http client");
    let mut calls = fake.watch();
    let next_update = Arc::new(std::sync::atomic::AtomicU32::new(1));
    let post = {
        let http = http.clone();
        let webhook = webhook.clone();
        let next_update = next_update.clone();
        move |step: Step, chat: i64| {
            let http = http.clone();
            let webhook = webhook.clone();
            let id = next_update.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            async move {
                let started = Instant::now();
                let response = http
                    .post(&webhook)
                    .header("x-telegram-bot-api-secret-token", SECRET)
                    .json(&update(step, id, chat))
                    .send()
                    .await
                    .expect("webhook reachable");
                assert_eq!(response.status().as_u16(), 200, "webhook refused the update");
                started.elapsed()
            }
        }
    };

    // Learn how many messages each step's reply has, with one citizen, slowly.
    let mut counts = Vec::new();
    for step in TIP {
        post(step, 1).await;
        let mut count = 0;
        while let Ok(Some((_, call))) = tokio::time::timeout(Duration::from_millis(1500), calls.recv()).await {
            if call.method == "sendmessage" || call.method == "sendphoto" {
                count += 1;
            }
        }
        assert!(count > 0, "no reply to a step of the tip flow");
        counts.push(count);
    }
    println!("messages per reply, by step: {counts:?}");

    // Baseline: a NATS request/reply to the query service.
    let nats = async_nats::connect(&nats_url).await.expect("NATS");
    let mut baseline = Vec::new();
    for _ in 0..500 {
        let started = Instant::now();
        nats.request("sujarit.qry.status", "{}".into())
            .await
            .expect("query status");
        baseline.push(started.elapsed());
    }

    let board = Arc::new(Mutex::new(Board::default()));
    let collector = {
        let board = board.clone();
        let counts = counts.clone();
        tokio::spawn(async move {
            while let Some((arrived, call)) = calls.recv().await {
                if call.method != "sendmessage" && call.method != "sendphoto" {
                    continue;
                }
                let Some(chat) = call.body["chat_id"].as_i64() else {
                    continue;
                };
                let mut board = board.lock().unwrap();
                let Some(waiting) = board.waiting.get_mut(&chat) else {
                    continue;
                };
                waiting.left -= 1;
                if waiting.left == 0 {
                    let waiting = board.waiting.remove(&chat).expect("waiting");
                    board.done.push((waiting.step, arrived - waiting.scheduled));
                    if waiting.step + 1 < counts.len() {
                        board.ready.push_back((chat, waiting.step + 1));
                    }
                }
            }
        })
    };

    let total = (rate * seconds).round() as usize;
    let interval = Duration::from_secs_f64(1.0 / rate);
    let started = Instant::now();
    let mut next_chat: i64 = 100_000;
    let mut accepts = Vec::with_capacity(total);
    let mut posts = tokio::task::JoinSet::new();
    println!("offering {total} updates at {rate} updates/s over {seconds} s …");
    for n in 0..total {
        let scheduled = started + interval * n as u32;
        tokio::time::sleep_until(scheduled.into()).await;
        let (chat, step) = {
            let mut board = board.lock().unwrap();
            let (chat, step) = board.ready.pop_front().unwrap_or_else(|| {
                next_chat += 1;
                (next_chat, 0)
            });
            board.waiting.insert(
                chat,
                Waiting {
                    scheduled,
                    step,
                    left: counts[step],
                },
            );
            (chat, step)
        };
        posts.spawn(post(TIP[step], chat));
        while let Some(Ok(accepted)) = posts.try_join_next() {
            accepts.push(accepted);
        }
    }
    while let Some(Ok(accepted)) = posts.join_next().await {
        accepts.push(accepted);
    }
    let offered_for = started.elapsed();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !board.lock().unwrap().waiting.is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    collector.abort();
    let board = board.lock().unwrap();
    let unanswered = board.waiting.len();
    let all: Vec<Duration> = board.done.iter().map(|(_, d)| *d).collect();
    let filed: Vec<Duration> = board
        .done
        .iter()
        .filter(|(step, _)| *step == TIP.len() - 1)
        .map(|(_, d)| *d)
        .collect();
    println!(
        "offered {total} updates in {:.2} s ({:.0}/s); answered {}; unanswered after 30 s: {unanswered}",
        offered_for.as_secs_f64(),
        total as f64 / offered_for.as_secs_f64(),
        all.len()
    );
    let base = summary("baseline  NATS request → query", baseline);
    summary("baseline  webhook 200 (accepted)", accepts);
    let p99 = summary("update → whole reply, every step", all);
    summary("update → receipt (ledger command)", filed);
    println!(
        "p99 update → reply is {:.1} × the NATS round trip's p99; target p99 < 50 ms: {}",
        p99.as_secs_f64() / base.as_secs_f64().max(1e-9),
        if p99 < Duration::from_millis(50) {
            "met"
        } else {
            "NOT met"
        }
    );
}
