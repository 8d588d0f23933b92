//! The Telegram channel adapter of the Sujarit chat bot (teloxide).
//!
//! It turns Telegram updates into the core's [`sujarit_bot::Input`]s for a [`ChatRef`], hands them
//! to the gateway's [`Handler`], and sends the [`sujarit_bot::Message`]s it gets back as plain
//! texts with inline keyboards. Updates arrive by long polling `getUpdates`
//! ([`Telegram::run_polling`]) when no webhook URL is configured, or at `POST /webhooks/telegram`
//! ([`Telegram::webhook_router`]), which checks Telegram's secret-token header first. The gateway
//! pushes notifications through [`TelegramPusher`], fetches photos with [`download`], and
//! registers the command menu in Thai and English with [`register_commands`].
//!
//! What it promises: the token and webhook secret never reach a log or a `Debug` output; a
//! message marked sensitive (a receipt code) is sent with `protect_content` and its text is never
//! logged (no message text is); a chat's updates are handled in order, one at a time; every
//! button press is answered so the client's spinner stops.

#![warn(missing_docs)]

mod callbacks;
mod config;
mod download;
mod error;
mod inbound;
mod outbound;
mod polling;
mod queue;
mod render;
mod text;
mod webhook;

use std::sync::Arc;
use std::time::Duration;

use sujarit_bot::{ChatRef, Handler, Input};
use teloxide::types::{ChatId, Update};
use teloxide::Bot;
use tracing::Instrument;

pub use callbacks::{CallbackTable, MAX_CALLBACK_DATA};
pub use config::{
    BotToken, ConfigError, Mode, TelegramConfig, WebhookSecret, DEFAULT_API_URL, ENV_API_URL, ENV_TOKEN,
    ENV_WEBHOOK_SECRET, ENV_WEBHOOK_URL,
};
pub use download::{download, download_with_limit};
pub use error::TelegramError;
pub use inbound::{chat_ref, update_to_input};
pub use outbound::{register_commands, set_webhook, TelegramPusher};
pub use polling::{POLL_TIMEOUT_SECS, SHUTDOWN_GRACE};
pub use render::{command_menu, is_valid_command_name, render, split_text, Outgoing, MAX_TEXT};
pub use webhook::{SECRET_HEADER, WEBHOOK_PATH};

use queue::ChatQueues;

/// The adapter: a Bot API client plus the state polling, the webhook and the pusher share (the
/// long-payload table and the per-chat queues). Cheap to clone; clones share that state.
#[derive(Clone)]
pub struct Telegram {
    bot: Bot,
    callbacks: Arc<CallbackTable>,
    queues: Arc<ChatQueues>,
}

impl std::fmt::Debug for Telegram {
    // teloxide's `Bot` derives `Debug` with the token in it, so it is left out here.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Telegram")
            .field("api_url", &self.bot.api_url().as_str())
            .field("long_payloads", &self.callbacks.len())
            .finish_non_exhaustive()
    }
}

impl Telegram {
    /// An adapter for the configured bot and Bot API (the configuration is checked first).
    pub fn new(config: &TelegramConfig) -> Result<Self, TelegramError> {
        config.validate()?;
        let client = teloxide::net::default_reqwest_settings()
            .build()
            .map_err(|error| TelegramError::HttpClient(error.to_string()))?;
        let bot = Bot::with_client(config.token.expose(), client).set_api_url(config.effective_api_url());
        Ok(Telegram::from_bot(bot))
    }

    /// An adapter around a ready [`Bot`]. Its HTTP client's timeout must exceed
    /// [`POLL_TIMEOUT_SECS`] (teloxide's default client allows 17 s).
    pub fn from_bot(bot: Bot) -> Self {
        Telegram {
            bot,
            callbacks: Arc::new(CallbackTable::default()),
            queues: Arc::new(ChatQueues::default()),
        }
    }

    /// The Bot API client. Do not log it: its `Debug` shows the token.
    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    /// The long-payload table shared by rendering and callback resolution.
    pub fn callbacks(&self) -> &CallbackTable {
        &self.callbacks
    }

    /// A pusher for notifications, sharing this adapter's long-payload table.
    pub fn pusher(&self) -> TelegramPusher {
        TelegramPusher::new(self.clone())
    }

    /// Sends the messages to a chat, in order, stopping at the first failure.
    pub async fn send(&self, chat: ChatId, messages: &[sujarit_bot::Message]) -> Result<(), TelegramError> {
        outbound::send_messages(&self.bot, &self.callbacks, chat, messages).await
    }

    /// Handles one update as polling and the webhook do: answers a button press at once, then
    /// queues the input behind the chat's earlier ones, runs `handler` and sends its replies.
    /// Returns without waiting for the handler.
    pub fn accept<H: Handler>(&self, update: Update, handler: &Arc<H>) {
        let update_id = update.id.0;
        let incoming = inbound::classify(&update, &self.callbacks);
        if let Some(callback) = incoming.callback {
            let bot = self.bot.clone();
            let expired = incoming.expired;
            self.queues.spawn(
                async move { outbound::answer_callback(&bot, callback, expired).await }
                    .instrument(tracing::debug_span!("telegram_callback_answer", update_id)),
            );
        }
        let Some((chat, input)) = incoming.target else {
            tracing::debug!(update_id, "update ignored");
            return;
        };
        let key = chat.chat_id.clone();
        let telegram = self.clone();
        let handler = Arc::clone(handler);
        let job = Box::pin(
            async move { telegram.process(handler.as_ref(), chat, input).await }
                .instrument(tracing::info_span!("telegram_update", update_id)),
        );
        if self.queues.push(&key, job).is_err() {
            tracing::warn!(update_id, "too many updates waiting for one chat; update dropped");
        }
    }

    /// Waits for queued and running updates to finish, at most `grace`; whether all did. Call
    /// it after the webhook's server has stopped (polling calls it itself).
    pub async fn drain(&self, grace: Duration) -> bool {
        self.queues.drain(grace).await
    }

    async fn process<H: Handler>(&self, handler: &H, chat: ChatRef, input: Input) {
        let Ok(chat_id) = chat.chat_id.parse::<i64>() else {
            tracing::warn!("a Telegram update without an integer chat id");
            return;
        };
        let kind = input_kind(&input);
        let messages = handler.handle(chat, input).await;
        tracing::debug!(input = kind, replies = messages.len(), "handled");
        if let Err(error) = self.send(ChatId(chat_id), &messages).await {
            tracing::warn!(%error, "could not send the reply");
        }
    }
}

/// What kind of input it was, for logs (never its content).
fn input_kind(input: &Input) -> &'static str {
    match input {
        Input::Text(_) => "text",
        Input::Button(_) => "button",
        Input::Photo { .. } => "photo",
        Input::Command(_) => "command",
        Input::Outcome(_) => "outcome",
        Input::Tick { .. } => "tick",
    }
}
