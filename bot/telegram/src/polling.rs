//! Long polling: with a token and no webhook URL, the adapter asks `getUpdates` in a loop.
//!
//! A hand-written loop rather than teloxide's `Dispatcher`: it is a dozen lines, stops the moment
//! the shutdown token fires (even in the middle of a 10-second poll), backs off on errors, and
//! feeds the same per-chat queues as the webhook. Each call passes `offset` = last update id + 1,
//! which tells Telegram the earlier updates were received; on shutdown one last call with that
//! offset confirms the final batch, so a restart does not replay it. A webhook left over from
//! webhook mode is removed first, or Telegram would refuse `getUpdates`.

use std::time::Duration;

use sujarit_bot::Handler;
use teloxide::payloads::{DeleteWebhookSetters, GetUpdatesSetters};
use teloxide::requests::{Request, Requester};
use teloxide::RequestError;
use tokio_util::sync::CancellationToken;

use crate::error::TelegramError;
use crate::outbound::ALLOWED_UPDATES;
use crate::Telegram;

/// How long one `getUpdates` call waits for an update, in seconds. Below the HTTP client's
/// 17-second timeout (teloxide's default client).
pub const POLL_TIMEOUT_SECS: u32 = 10;
/// How long shutdown waits for updates in flight to be handled and answered.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

const FIRST_BACKOFF: Duration = Duration::from_millis(250);
const MAX_BACKOFF: Duration = Duration::from_secs(30);
const CONFIRM_TIMEOUT: Duration = Duration::from_secs(5);

impl Telegram {
    /// Long-polls `getUpdates` and hands every update to `handler` (through [`Telegram::accept`])
    /// until `shutdown` is cancelled; then confirms the last offset and waits (at most
    /// [`SHUTDOWN_GRACE`]) for updates in flight. Errors are logged and retried with backoff
    /// (250 ms doubling to 30 s, or as long as Telegram asks); only a refused token ends it early,
    /// with [`TelegramError::InvalidToken`].
    pub async fn run_polling<H: Handler>(
        &self,
        handler: std::sync::Arc<H>,
        shutdown: CancellationToken,
    ) -> Result<(), TelegramError> {
        match shutdown.run_until_cancelled(self.remove_webhook()).await {
            None => return Ok(()),
            Some(Err(TelegramError::InvalidToken)) => return Err(TelegramError::InvalidToken),
            Some(Err(error)) => tracing::warn!(%error, "could not check for a webhook; polling anyway"),
            Some(Ok(())) => {}
        }
        tracing::info!("long polling Telegram getUpdates");
        let mut offset: i32 = 0;
        let mut backoff = FIRST_BACKOFF;
        let outcome = loop {
            let mut request = self
                .bot()
                .get_updates()
                .timeout(POLL_TIMEOUT_SECS)
                .allowed_updates(ALLOWED_UPDATES);
            if offset > 0 {
                request = request.offset(offset);
            }
            let Some(result) = shutdown.run_until_cancelled(request.send()).await else {
                break Ok(());
            };
            let wait = match result {
                Ok(updates) => {
                    backoff = FIRST_BACKOFF;
                    for update in updates {
                        match i32::try_from(update.id.0) {
                            Ok(id) => offset = offset.max(id.saturating_add(1)),
                            Err(_) => {
                                tracing::warn!(update_id = update.id.0, "update id beyond the Bot API's offset range")
                            }
                        }
                        self.accept(update, &handler);
                    }
                    continue;
                }
                Err(RequestError::RetryAfter(seconds)) => seconds.duration(),
                Err(error) => match TelegramError::from(error) {
                    TelegramError::InvalidToken => break Err(TelegramError::InvalidToken),
                    error => {
                        let wait = backoff;
                        backoff = (backoff * 2).min(MAX_BACKOFF);
                        tracing::warn!(%error, retry_in_ms = wait.as_millis() as u64, "getUpdates failed");
                        wait
                    }
                },
            };
            if shutdown.run_until_cancelled(tokio::time::sleep(wait)).await.is_none() {
                break Ok(());
            }
        };
        if offset > 0 {
            self.confirm(offset).await;
        }
        if !self.drain(SHUTDOWN_GRACE).await {
            tracing::warn!("stopped with Telegram updates still being handled");
        }
        tracing::info!("Telegram polling stopped");
        outcome
    }

    /// Removes a webhook if one is set (Telegram refuses `getUpdates` while it is).
    async fn remove_webhook(&self) -> Result<(), TelegramError> {
        let info = self.bot().get_webhook_info().send().await?;
        if info.url.is_some() {
            tracing::warn!("a Telegram webhook is set; removing it to long-poll");
            self.bot().delete_webhook().drop_pending_updates(false).send().await?;
        }
        Ok(())
    }

    /// Tells Telegram every update before `offset` was received.
    async fn confirm(&self, offset: i32) {
        let request = self.bot().get_updates().offset(offset).limit(1).timeout(0);
        match tokio::time::timeout(CONFIRM_TIMEOUT, request.send()).await {
            Ok(Ok(_)) => {}
            Ok(Err(error)) => tracing::warn!(error = %TelegramError::from(error), "could not confirm the last updates"),
            Err(_) => tracing::warn!("confirming the last updates timed out"),
        }
    }
}
