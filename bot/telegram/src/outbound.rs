//! Calls to the Bot API that say something: replies, pushes, callback answers, the command menu
//! and the webhook registration.
//!
//! A call refused with "retry after N seconds" (HTTP 429) is retried a few times after the wait
//! Telegram asks for (capped), which matters when a digest goes to many chats at once. Logs name
//! what failed, never the text that was being sent.

use std::time::Duration;

use sujarit_bot::{Lang, Message, PushError, Pusher};
use sujarit_contracts::complaint::Channel;
use teloxide::payloads::{
    AnswerCallbackQuerySetters, SendMessageSetters, SendPhotoSetters, SetMyCommandsSetters, SetWebhookSetters,
};
use teloxide::requests::{Output, Request, Requester};
use teloxide::types::{AllowedUpdate, BotCommandScope, CallbackQueryId, ChatId, InputFile};
use teloxide::{Bot, RequestError};
use url::Url;

use crate::callbacks::CallbackTable;
use crate::config::WebhookSecret;
use crate::error::TelegramError;
use crate::render::{command_menu, render};
use crate::{text, Telegram};

/// How often a rate-limited call is tried again.
const RETRIES: u32 = 3;
/// The longest wait for a rate limit before giving up on the call.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(60);

/// The updates the adapter asks Telegram for: new messages and button presses.
pub(crate) const ALLOWED_UPDATES: [AllowedUpdate; 2] = [AllowedUpdate::Message, AllowedUpdate::CallbackQuery];

/// Sends a request, waiting and retrying when Telegram says "retry after".
pub(crate) async fn send_retrying<R>(request: &R) -> Result<Output<R>, RequestError>
where
    R: Request<Err = RequestError>,
{
    let mut attempt = 0;
    loop {
        match request.send_ref().await {
            Err(RequestError::RetryAfter(seconds)) if attempt < RETRIES && seconds.duration() <= MAX_RETRY_WAIT => {
                attempt += 1;
                tracing::info!(wait_s = seconds.seconds(), attempt, "rate-limited by Telegram; waiting");
                tokio::time::sleep(seconds.duration()).await;
            }
            result => return result,
        }
    }
}

/// Sends each message's parts in order; stops at the first failure.
pub(crate) async fn send_messages(
    bot: &Bot,
    callbacks: &CallbackTable,
    chat: ChatId,
    messages: &[Message],
) -> Result<(), TelegramError> {
    for message in messages {
        for part in render(message, callbacks) {
            let mut request = bot.send_message(chat, part.text);
            if let Some(keyboard) = part.keyboard {
                request = request.reply_markup(keyboard);
            }
            if part.protect {
                request = request.protect_content(true);
            }
            send_retrying(&request).await?;
        }
        if let Some(image) = &message.image {
            let photo = InputFile::memory(image.0.clone()).file_name("sujarit.png");
            send_retrying(&bot.send_photo(chat, photo)).await?;
        }
    }
    Ok(())
}

/// Answers a button press so the spinner stops; a press on an expired long payload gets a notice.
pub(crate) async fn answer_callback(bot: &Bot, callback: CallbackQueryId, expired: bool) {
    let mut request = bot.answer_callback_query(callback);
    if expired {
        request = request.text(text::BUTTON_EXPIRED).show_alert(true);
    }
    if let Err(error) = send_retrying(&request).await {
        tracing::warn!(error = %TelegramError::from(error), "could not answer a button press");
    }
}

/// Registers the command menu with `setMyCommands`: Thai as the default for everyone, English for
/// clients set to English (`language_code = "en"`). Both lists come from
/// [`sujarit_bot::BotCommand::all`], so the menu cannot drift from what the bot parses.
pub async fn register_commands(bot: &Bot) -> Result<(), TelegramError> {
    let thai = bot
        .set_my_commands(command_menu(Lang::Th))
        .scope(BotCommandScope::Default);
    send_retrying(&thai).await?;
    let english = bot
        .set_my_commands(command_menu(Lang::En))
        .scope(BotCommandScope::Default)
        .language_code("en");
    send_retrying(&english).await?;
    Ok(())
}

/// Registers `url` (the public address of [`crate::WEBHOOK_PATH`]) with `setWebhook`, with the
/// secret Telegram must echo and only the updates the adapter reads.
pub async fn set_webhook(bot: &Bot, url: Url, secret: &WebhookSecret) -> Result<(), TelegramError> {
    let request = bot
        .set_webhook(url)
        .secret_token(secret.expose())
        .allowed_updates(ALLOWED_UPDATES);
    send_retrying(&request).await?;
    Ok(())
}

/// Sends notifications to Telegram chats for the gateway ([`Pusher`]); `chat_id` is the
/// [`sujarit_bot::ChatRef::chat_id`] the adapter produced.
#[derive(Clone)]
pub struct TelegramPusher {
    telegram: Telegram,
}

impl std::fmt::Debug for TelegramPusher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelegramPusher")
            .field("telegram", &self.telegram)
            .finish()
    }
}

impl TelegramPusher {
    /// A pusher sending through `telegram`.
    pub fn new(telegram: Telegram) -> Self {
        TelegramPusher { telegram }
    }

    /// Sends the image (if any) and then the messages, so the text and its buttons come last.
    pub async fn push_to(
        &self,
        chat_id: &str,
        messages: &[Message],
        image_png: Option<&[u8]>,
    ) -> Result<(), TelegramError> {
        let chat = ChatId(chat_id.trim().parse::<i64>().map_err(|_| TelegramError::BadChatId)?);
        if let Some(png) = image_png {
            let photo = InputFile::memory(png.to_vec()).file_name("sujarit.png");
            let request = self.telegram.bot().send_photo(chat, photo);
            let request = match messages.iter().any(|message| message.sensitive) {
                true => request.protect_content(true),
                false => request,
            };
            send_retrying(&request).await?;
        }
        self.telegram.send(chat, messages).await
    }
}

impl Pusher for TelegramPusher {
    async fn push(&self, chat_id: &str, messages: &[Message], image_png: Option<&[u8]>) -> Result<(), PushError> {
        self.push_to(chat_id, messages, image_png)
            .await
            .map_err(|error| PushError::Platform {
                channel: Channel::Telegram,
                detail: error.to_string(),
            })
    }
}
