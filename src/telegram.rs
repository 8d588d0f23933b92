//! Telegram in `sujarit up`: with `SUJARIT_TELEGRAM_TOKEN` set, conversations run through the
//! gateway — by long polling `getUpdates`, or on `POST /webhooks/telegram` when
//! `SUJARIT_TELEGRAM_WEBHOOK_URL` is set — the command menu is registered in Thai and English,
//! and notifications are pushed to linked Telegram chats.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use sujarit_contracts::complaint::Channel;
use sujarit_gateway::{FileSource, Gateway};
use sujarit_telegram::{Mode, Telegram, TelegramConfig};
use tokio_util::sync::CancellationToken;

/// Files people send on Telegram, downloaded from the Bot API.
pub struct TelegramFiles(Telegram);

impl FileSource for TelegramFiles {
    async fn fetch(&self, file_ref: &str) -> Result<Vec<u8>, String> {
        sujarit_telegram::download(self.0.bot(), file_ref)
            .await
            .map_err(|e| e.to_string())
    }
}

/// Starts Telegram if configured; the webhook routes to mount (none when polling).
pub async fn start(nats: async_nats::Client, shutdown: CancellationToken) -> anyhow::Result<Option<Router>> {
    let Some(config) = TelegramConfig::from_env()? else {
        return Ok(None);
    };
    let telegram = Telegram::new(&config)?;
    if let Err(e) = sujarit_telegram::register_commands(telegram.bot()).await {
        tracing::warn!(error = %e, "could not register the Telegram command menu");
    }
    let gateway = Arc::new(Gateway::start(nats.clone(), TelegramFiles(telegram.clone())).await?);
    tokio::spawn(sujarit_gateway::notify::run(
        nats,
        Channel::Telegram,
        telegram.pusher(),
        Duration::from_secs(15),
        shutdown.clone(),
    ));
    match config.mode()? {
        Mode::Polling => {
            println!("  Telegram: long polling getUpdates");
            tokio::spawn(async move {
                if let Err(e) = telegram.run_polling(gateway, shutdown).await {
                    tracing::error!(error = %e, "Telegram polling stopped");
                }
            });
            Ok(None)
        }
        Mode::Webhook { url, secret } => {
            sujarit_telegram::set_webhook(telegram.bot(), url, &secret).await?;
            println!("  Telegram: webhook at POST /webhooks/telegram");
            Ok(Some(telegram.webhook_router(gateway, secret)))
        }
    }
}
