//! LINE in `sujarit up` and `sujarit line setup`: when `SUJARIT_LINE_CHANNEL_SECRET` and
//! `SUJARIT_LINE_CHANNEL_ACCESS_TOKEN` are set, the LINE webhook (`POST /webhooks/line`) runs
//! conversations through the gateway and notifications are pushed to linked LINE chats.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use sujarit_contracts::complaint::Channel;
use sujarit_gateway::{FileSource, Gateway};
use sujarit_line::{LineClient, LineConfig, LinePusher};
use tokio_util::sync::CancellationToken;

/// Photos people send on LINE, fetched from LINE's content API.
pub struct LineFiles(LineClient);

impl FileSource for LineFiles {
    async fn fetch(&self, file_ref: &str) -> Result<Vec<u8>, String> {
        self.0
            .download_content(file_ref)
            .await
            .map(|bytes| bytes.to_vec())
            .map_err(|e| e.to_string())
    }
}

/// Whether LINE is configured in the environment.
pub fn configured() -> bool {
    std::env::var("SUJARIT_LINE_CHANNEL_SECRET").is_ok_and(|v| !v.trim().is_empty())
}

/// Starts the LINE channel: the webhook routes to mount, and notification delivery.
pub async fn start(nats: async_nats::Client, shutdown: CancellationToken) -> anyhow::Result<Router> {
    let config = LineConfig::from_env()?;
    let client = LineClient::new(config)?;
    let gateway = Gateway::start(nats.clone(), LineFiles(client.clone())).await?;
    tokio::spawn(sujarit_gateway::notify::run(
        nats,
        Channel::Line,
        LinePusher::new(client.clone()),
        Duration::from_secs(15),
        shutdown,
    ));
    Ok(sujarit_line::webhook_router(Arc::new(gateway), client))
}

/// `sujarit line …`
#[derive(clap::Subcommand)]
pub enum LineCmd {
    /// Install the rich menu (report progress / file a tip / check a case / help) as the
    /// default of the LINE official account; replaces an earlier Sujarit menu.
    Setup {
        /// A JSON config file (channel_secret, access_token, api_url); the environment
        /// (SUJARIT_LINE_*) overrides it.
        #[arg(long)]
        config: Option<std::path::PathBuf>,
    },
}

/// Runs a `line` subcommand.
pub async fn run(cmd: LineCmd) -> anyhow::Result<()> {
    let LineCmd::Setup { config } = cmd;
    let config = LineConfig::load(config.as_deref())?;
    let id = sujarit_line::setup(&config).await?;
    println!("{}", id.0);
    eprintln!("ติดตั้งริชเมนูแล้ว · rich menu installed as the default");
    Ok(())
}
