//! `sujarit up`: the embedded default. Starts a local nats-server with JetStream in the data
//! dir, the ledger (store + outbox), the query service, the notifier, the chat gateway and the
//! HTTP server in this process, prints where everything is, and shuts down cleanly on Ctrl-C.

use std::path::PathBuf;

use anyhow::Context as _;
use sujarit_eventstore::EventStore;
use sujarit_natsd::{LocalNats, Options};
use tokio_util::sync::CancellationToken;

/// Arguments of `sujarit up`.
#[derive(clap::Args)]
pub struct UpArgs {
    /// Directory for all data (event store, JetStream).
    #[arg(long, env = "SUJARIT_DATA_DIR", default_value = ".sujarit")]
    data_dir: PathBuf,
    /// Port of the local nats-server (0 picks a free one).
    #[arg(long, env = "SUJARIT_NATS_PORT", default_value_t = 4222)]
    nats_port: u16,
    /// Port of the web server on 127.0.0.1 (0 picks a free one).
    #[arg(long, env = "SUJARIT_HTTP_PORT", default_value_t = 8080)]
    http_port: u16,
    /// On an empty data dir, load a seed plan, an open round and demo people with invite codes,
    /// and print how to try each flow in the web chat.
    #[arg(long)]
    demo: bool,
    /// Notification rules (JSON): reminder days and times, per plan; quiet hours; who receives
    /// what; extra public holidays. `sujarit notify-rules` prints the defaults to start from.
    #[arg(long, env = "SUJARIT_NOTIFY_RULES")]
    notify_rules: Option<PathBuf>,
}

/// A started nats-server and the arguments, ready for the async part.
pub struct Prepared {
    args: UpArgs,
    nats: LocalNats,
    rules: sujarit_notifier::Rules,
}

/// Starts the local nats-server (synchronously, on the main thread).
pub fn prepare(args: UpArgs) -> anyhow::Result<Prepared> {
    // Checked before anything starts: a typo in the rules stops here, naming the setting.
    let rules = match &args.notify_rules {
        Some(path) => crate::notify_rules::load(path)?,
        None => sujarit_notifier::Rules::default(),
    };
    std::fs::create_dir_all(&args.data_dir)
        .with_context(|| format!("cannot create data dir {}", args.data_dir.display()))?;
    let port = (args.nats_port != 0).then_some(args.nats_port);
    if let Some(p) = port {
        if std::net::TcpListener::bind(("127.0.0.1", p)).is_err() {
            anyhow::bail!(
                "port {p} is already in use (another `sujarit up` or nats-server?); \
                 stop it or choose another port with --nats-port"
            );
        }
    }
    let nats = LocalNats::start(Options {
        dir: args.data_dir.join("nats"),
        port,
        die_with_parent: true,
    })?;
    Ok(Prepared { args, nats, rules })
}

/// Runs every service until Ctrl-C.
pub async fn run(prepared: Prepared) -> anyhow::Result<()> {
    let Prepared { args, nats, rules } = prepared;
    let shutdown = shutdown_on_ctrl_c();
    let store = EventStore::open(args.data_dir.join("ledger"))?;
    let url = nats.url();
    let client = sujarit_ledger::connect(&url, "sujarit-ledger").await?;
    let outbox_client = sujarit_ledger::connect(&url, "sujarit-ledger-outbox").await?;
    let ledger = sujarit_ledger::Ledger::start(client.clone(), outbox_client, store.clone(), shutdown.clone()).await?;
    let query_client = sujarit_ledger::connect(&url, "sujarit-query").await?;
    let query = sujarit_query::Query::start(query_client, &args.data_dir.join("query"), shutdown.clone()).await?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.http_port))
        .await
        .with_context(|| {
            format!(
                "cannot listen on 127.0.0.1:{} (choose another with --http-port)",
                args.http_port
            )
        })?;
    let http_addr = listener.local_addr()?;
    let notifier = std::sync::Arc::new(
        sujarit_notifier::service::Notifier::open(
            sujarit_ledger::connect(&url, "sujarit-notifier").await?,
            &args.data_dir.join("notifier"),
            sujarit_notifier::service::DEFAULT_DURABLE,
            rules,
        )
        .await?,
    );
    let notifier = tokio::spawn(notifier.run(
        std::sync::Arc::new(sujarit_notifier::service::SystemClock),
        std::time::Duration::from_secs(60),
        shutdown.clone(),
    ));
    let retention = tokio::spawn(crate::retention::run(
        sujarit_ledger::connect(&url, "sujarit-retention").await?,
        shutdown.clone(),
    ));
    let chat_files = sujarit_gateway::web::WebFiles::default();
    let gateway_client = sujarit_ledger::connect(&url, "sujarit-gateway").await?;
    let gateway = sujarit_gateway::Gateway::start(gateway_client.clone(), chat_files.clone()).await?;
    let inbox = sujarit_gateway::web::WebInbox::open(gateway_client.clone()).await?;
    let delivery = tokio::spawn(sujarit_gateway::notify::run(
        gateway_client,
        sujarit_contracts::complaint::Channel::Web,
        inbox.clone(),
        std::time::Duration::from_secs(15),
        shutdown.clone(),
    ));
    let http = tokio::spawn(crate::http::serve(
        listener,
        store.clone(),
        query.clone(),
        sujarit_ledger::connect(&url, "sujarit-web").await?,
        {
            let mut web = sujarit_gateway::web::router(gateway, chat_files, inbox);
            if let Some(telegram) = crate::telegram::start(
                sujarit_ledger::connect(&url, "sujarit-telegram").await?,
                shutdown.clone(),
            )
            .await?
            {
                web = web.merge(telegram);
            }
            if crate::line::configured() {
                let line =
                    crate::line::start(sujarit_ledger::connect(&url, "sujarit-line").await?, shutdown.clone()).await?;
                println!("  LINE:     webhook at POST /webhooks/line");
                web.merge(line)
            } else {
                web
            }
        },
        url.clone(),
        shutdown.clone(),
    ));

    println!("Sujarit (สุจริต) is running · ระบบพร้อมใช้งาน");
    println!("  NATS:     {url}");
    println!("  Web:      http://{http_addr}");
    println!("  Chat:     http://{http_addr}/ (web chat; type /help) · status: http://{http_addr}/status");
    println!("  Data dir: {}", args.data_dir.display());
    println!("  Events:   {} recorded", store.durable_position());
    println!("  Tip form: http://{http_addr}/tip (anonymous, no JavaScript needed)");
    if args.demo {
        if store.durable_position() == 0 {
            let demo = sujarit_ledger::connect(&url, "sujarit-demo").await?;
            crate::demo::seed(demo, &format!("http://{http_addr}")).await?;
        } else {
            println!("ข้อมูลมีอยู่แล้ว จึงไม่โหลดข้อมูลตัวอย่างซ้ำ · the data dir is not empty; demo data not loaded again");
        }
    }
    println!("Try: sujarit orgunit register \"สำนักงานจังหวัดพัทลุง\" --nats {url}");
    println!("Press Ctrl-C to stop · กด Ctrl-C เพื่อหยุด");

    shutdown.cancelled().await;
    tracing::info!("shutting down");
    ledger.stopped().await;
    query.stopped().await;
    let _ = http.await;
    let _ = retention.await;
    let _ = notifier.await;
    let _ = delivery.await;
    drop(client);
    drop(store);
    drop(nats);
    println!("Sujarit stopped · หยุดระบบแล้ว");
    Ok(())
}

/// A token cancelled by Ctrl-C or SIGTERM.
pub fn shutdown_on_ctrl_c() -> CancellationToken {
    let token = CancellationToken::new();
    let trigger = token.clone();
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    trigger.cancel();
                    return;
                }
            };
            tokio::select! {
                _ = ctrl_c => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        trigger.cancel();
    });
    token
}
