//! `sujarit`: one binary for the embedded system (`sujarit up`), each service alone
//! (`sujarit ledger`), the command-line client and the benchmarks. It only parses arguments and
//! calls the crates; the logic lives in the libraries.

mod bench;
mod bench_query;
mod cli;
mod complaint_cli;
mod demo;
mod digest_cli;
mod http;
mod line;
mod notify_rules;
mod orgunits;
mod plan_cli;
mod retention;
mod round_cli;
mod telegram;
mod tip;
mod up;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// sled and the NATS clients allocate a lot of small buffers; mimalloc makes that markedly
/// cheaper than glibc's malloc (see `sujarit bench ledger`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Default NATS URL: the one `sujarit up` starts.
const DEFAULT_NATS: &str = "nats://127.0.0.1:4222";

#[derive(Parser)]
#[command(
    name = "sujarit",
    version,
    about = "Sujarit (สุจริต): provincial anti-corruption action plans — plans, progress reports, complaints",
    long_about = "Sujarit (สุจริต) records plan approvals, quarterly progress and complaints as durable events.\n\
                  Start everything on this machine with `sujarit up`; see `sujarit <command> --help`."
)]
struct Args {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run every service in one process with a local nats-server (the embedded default).
    Up(up::UpArgs),
    /// Run the ledger alone against an existing NATS (scale-out).
    Ledger {
        /// NATS server URL.
        #[arg(long, env = "SUJARIT_NATS_URL", default_value = DEFAULT_NATS)]
        nats: String,
        /// Directory for the event store.
        #[arg(long, env = "SUJARIT_DATA_DIR", default_value = ".sujarit")]
        data_dir: PathBuf,
    },
    /// Run the query service alone against an existing NATS (read models, `sujarit.qry.*`, HTTP API).
    Query {
        /// NATS server URL.
        #[arg(long, env = "SUJARIT_NATS_URL", default_value = DEFAULT_NATS)]
        nats: String,
        /// Directory for the read models (kept in <dir>/query).
        #[arg(long, env = "SUJARIT_DATA_DIR", default_value = ".sujarit")]
        data_dir: PathBuf,
        /// Durable consumer name; give each query instance its own.
        #[arg(long, default_value = sujarit_query::DEFAULT_DURABLE)]
        durable: String,
        /// Serve the HTTP JSON API on 127.0.0.1 at this port (0 = none).
        #[arg(long, default_value_t = 0)]
        http_port: u16,
    },
    /// Drop the query read models and rebuild them from the event stream; prints the digests
    /// before and after (equal when nothing new arrived meanwhile).
    Rebuild(cli::RebuildArgs),
    /// Organisation units (agencies): register and rename.
    #[command(subcommand)]
    Orgunit(cli::OrgUnitCmd),
    /// People and their roles (admin, secretariat, committee, officer).
    #[command(subcommand)]
    Person(cli::PersonCmd),
    /// Action plans: import from CSV, approval steps, show.
    #[command(subcommand)]
    Plan(plan_cli::PlanCmd),
    /// Reporting rounds: open one on an endorsed plan.
    #[command(subcommand)]
    Round(round_cli::RoundCmd),
    /// Progress reports: record a paper report from its CSV.
    #[command(subcommand)]
    Progress(round_cli::ProgressCmd),
    /// Reports: the consolidated table of a round.
    #[command(subcommand)]
    Report(round_cli::ReportCmd),
    /// Complaints and tips: statistics, the open-case queue, a case, purging content.
    #[command(subcommand)]
    Complaint(complaint_cli::ComplaintCmd),
    /// Write the committee's digest image (PNG) of a plan's latest round.
    Digest(digest_cli::DigestArgs),
    /// Print the notifier's default rules (JSON), a template for `sujarit up --notify-rules`.
    NotifyRules,
    /// LINE official account: install the rich menu.
    #[command(subcommand)]
    Line(line::LineCmd),
    /// Print events from the JetStream event stream.
    Events(cli::EventsArgs),
    /// Measure performance (prints figures and ratios to a baseline of the same run).
    #[command(subcommand)]
    Bench(bench::BenchCmd),
}

fn main() -> ExitCode {
    let args = Args::parse();
    sujarit_telemetry::init("info,async_nats=warn,sled=warn");
    let result = match args.command {
        // The local nats-server is started on the main thread before the runtime, so that the
        // kernel kills it if this process dies (the parent-death signal follows the thread).
        Cmd::Up(up_args) => up::prepare(up_args).and_then(|prepared| runtime()?.block_on(up::run(prepared))),
        Cmd::Ledger { nats, data_dir } => runtime().and_then(|rt| {
            rt.block_on(async {
                let shutdown = up::shutdown_on_ctrl_c();
                let config = sujarit_ledger::Config {
                    nats_url: nats,
                    data_dir,
                };
                sujarit_ledger::run(config, shutdown).await.map_err(anyhow::Error::from)
            })
        }),
        Cmd::Query {
            nats,
            data_dir,
            durable,
            http_port,
        } => runtime().and_then(|rt| rt.block_on(cli::query_service(nats, data_dir, durable, http_port))),
        Cmd::Rebuild(args) => runtime().and_then(|rt| rt.block_on(cli::rebuild(args))),
        Cmd::Orgunit(cmd) => runtime().and_then(|rt| rt.block_on(cli::orgunit(cmd))),
        Cmd::Person(cmd) => runtime().and_then(|rt| rt.block_on(cli::person(cmd))),
        Cmd::Plan(cmd) => runtime().and_then(|rt| rt.block_on(plan_cli::run(cmd))),
        Cmd::Round(cmd) => runtime().and_then(|rt| rt.block_on(round_cli::round(cmd))),
        Cmd::Progress(cmd) => runtime().and_then(|rt| rt.block_on(round_cli::progress(cmd))),
        Cmd::Report(cmd) => runtime().and_then(|rt| rt.block_on(round_cli::report(cmd))),
        Cmd::Complaint(cmd) => runtime().and_then(|rt| rt.block_on(complaint_cli::run(cmd))),
        Cmd::Digest(args) => runtime().and_then(|rt| rt.block_on(digest_cli::run(args))),
        Cmd::NotifyRules => notify_rules::print_defaults(),
        Cmd::Line(cmd) => runtime().and_then(|rt| rt.block_on(line::run(cmd))),
        Cmd::Events(events) => runtime().and_then(|rt| rt.block_on(cli::events(events))),
        Cmd::Bench(cmd) => runtime().and_then(|rt| rt.block_on(bench::run(cmd))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sujarit: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}
