//! What a channel adapter (Telegram, LINE, web chat) needs from the gateway, and gives it: the
//! adapter turns platform updates into [`Input`]s for a [`ChatRef`], hands them to a [`Handler`]
//! (the gateway: conversation state, effects over NATS), and renders the [`Message`]s it gets
//! back; the gateway pushes notifications through a [`Pusher`]. Keeping this seam small lets each
//! adapter be tested against a fake platform with a scripted handler.

use std::future::Future;

use serde::{Deserialize, Serialize};
use sujarit_contracts::complaint::Channel;

use crate::{Input, Message};

/// One chat on one channel: the key of its conversation state.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChatRef {
    /// The channel.
    pub channel: Channel,
    /// The platform's chat id (Telegram chat id, LINE user/group id, web session id). Never
    /// written into a command of an anonymous tip.
    pub chat_id: String,
}

/// Handles one input of one chat and answers with the messages to show.
pub trait Handler: Send + Sync + 'static {
    /// Runs the conversation step and its effects; the messages to send back, in order.
    fn handle(&self, chat: ChatRef, input: Input) -> impl Future<Output = Vec<Message>> + Send;
}

/// Why a message could not be delivered.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The platform refused or could not be reached.
    #[error("{channel:?}: {detail}")]
    Platform {
        /// The channel.
        channel: Channel,
        /// What the platform said.
        detail: String,
    },
}

/// Sends messages to a chat unprompted (notifications, reminders, digests).
pub trait Pusher: Send + Sync + 'static {
    /// Sends the messages (and, when given, an image such as the digest PNG) to the chat.
    fn push(
        &self,
        chat_id: &str,
        messages: &[Message],
        image_png: Option<&[u8]>,
    ) -> impl Future<Output = Result<(), PushError>> + Send;
}
