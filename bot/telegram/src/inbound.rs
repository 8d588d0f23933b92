//! From a Telegram [`Update`] to the core's [`Input`] for one [`ChatRef`].
//!
//! Only new messages and button presses count: edits, channel posts, business messages, messages
//! sent by bots and service messages (someone joined, a pin) are ignored, so the conversation
//! sees each thing a person did once. The chat id is Telegram's chat id as a decimal string; the
//! adapter hands it to the gateway and nowhere else (a tip's command never carries it).

use sujarit_bot::{ChatRef, Input};
use sujarit_contracts::complaint::Channel;
use teloxide::types::{CallbackQuery, CallbackQueryId, ChatId, FileMeta, Message, Update, UpdateKind};

use crate::callbacks::CallbackTable;

/// What one update asks of the adapter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Incoming {
    /// The callback query to answer (so the client's spinner stops), if it was a press.
    pub(crate) callback: Option<CallbackQueryId>,
    /// The press carried a table key the adapter no longer knows.
    pub(crate) expired: bool,
    /// The input for the handler, if any.
    pub(crate) target: Option<(ChatRef, Input)>,
}

impl Incoming {
    fn ignored() -> Self {
        Incoming {
            callback: None,
            expired: false,
            target: None,
        }
    }
}

/// The input an update carries and the chat it belongs to; `None` for updates the bot ignores.
///
/// A typed text goes through [`Input::from_text`], so `/help` becomes [`Input::Command`] and a
/// deep link `t.me/<bot>?start=CODE` (which Telegram delivers as "/start CODE") becomes
/// `Command(Start(Some(CODE)))`. A press becomes [`Input::Button`] with the payload (long ones
/// resolved through `callbacks`; an unknown key gives `None`). A photo becomes [`Input::Photo`]
/// with the file id of its largest size; a document (a file sent uncompressed) likewise. The size
/// is Telegram's `file_size`, or 0 when Telegram did not say.
pub fn update_to_input(update: &Update, callbacks: &CallbackTable) -> Option<(ChatRef, Input)> {
    classify(update, callbacks).target
}

pub(crate) fn classify(update: &Update, callbacks: &CallbackTable) -> Incoming {
    match &update.kind {
        UpdateKind::Message(message) => Incoming {
            target: message_input(message),
            ..Incoming::ignored()
        },
        UpdateKind::CallbackQuery(query) => press(query, callbacks),
        _ => Incoming::ignored(),
    }
}

/// The [`ChatRef`] of a Telegram chat.
pub fn chat_ref(chat_id: ChatId) -> ChatRef {
    ChatRef {
        channel: Channel::Telegram,
        chat_id: chat_id.0.to_string(),
    }
}

fn message_input(message: &Message) -> Option<(ChatRef, Input)> {
    let from_a_bot = message.from.as_ref().is_some_and(|user| user.is_bot);
    if from_a_bot || message.is_automatic_forward() {
        return None;
    }
    let input = if let Some(text) = message.text() {
        Input::from_text(text)
    } else if let Some(sizes) = message.photo() {
        let largest = sizes
            .iter()
            .max_by_key(|size| (u64::from(size.width) * u64::from(size.height), known_size(&size.file)))?;
        photo(&largest.file)
    } else if let Some(document) = message.document() {
        photo(&document.file)
    } else {
        return None;
    };
    Some((chat_ref(message.chat.id), input))
}

fn press(query: &CallbackQuery, callbacks: &CallbackTable) -> Incoming {
    let callback = Some(query.id.clone());
    // A press on a message the bot sent in a chat; inline-mode messages (no chat) are not used.
    let (Some(message), Some(data)) = (&query.message, &query.data) else {
        return Incoming {
            callback,
            ..Incoming::ignored()
        };
    };
    match callbacks.resolve(data) {
        Some(payload) => Incoming {
            callback,
            expired: false,
            target: Some((chat_ref(message.chat().id), Input::Button(payload))),
        },
        None => Incoming {
            callback,
            expired: true,
            target: None,
        },
    }
}

fn photo(file: &FileMeta) -> Input {
    Input::Photo {
        file_ref: file.id.0.clone(),
        bytes: known_size(file),
    }
}

/// Telegram's `file_size`; teloxide fills in `u32::MAX` when it is absent, which means unknown.
fn known_size(file: &FileMeta) -> u64 {
    match file.size {
        u32::MAX => 0,
        size => u64::from(size),
    }
}
