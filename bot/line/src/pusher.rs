//! Unprompted messages (reminders, overdue alerts, the committee's digest) through LINE's push
//! API, for the gateway's [`Pusher`] seam.
//!
//! Pushes count against the LINE Official Account's monthly message quota (replies do not), so
//! the gateway should push only what the notifier asks for.
//!
//! An image (the digest chart) needs an https URL LINE can fetch: LINE has no upload for message
//! images. When `SUJARIT_LINE_PUBLIC_URL` is set, the image is kept in memory for a day under an
//! unguessable name and served by the webhook router (`/webhooks/line/images/<random>.png`), and
//! sent as an image message. Without it, or when the PNG is over LINE's 1 MB preview limit, the
//! image is skipped and a short note says where to see it.

use std::time::Instant;

use serde_json::Value;
use sujarit_bot::{Message, PushError, Pusher};
use sujarit_contracts::complaint::Channel;

use crate::client::LineClient;
use crate::render::MAX_MESSAGES_PER_REQUEST;

/// Pushes messages to LINE chats (user, group or room ids).
#[derive(Debug, Clone)]
pub struct LinePusher {
    line: LineClient,
}

impl LinePusher {
    /// A pusher sharing the client's connection and image store.
    pub fn new(line: LineClient) -> Self {
        LinePusher { line }
    }

    /// The message objects a push sends, in order (the images, or notes, last).
    pub fn objects(&self, messages: &[Message], image_png: Option<&[u8]>) -> Vec<Value> {
        self.line.objects(messages, image_png)
    }
}

impl Pusher for LinePusher {
    async fn push(&self, chat_id: &str, messages: &[Message], image_png: Option<&[u8]>) -> Result<(), PushError> {
        let started = Instant::now();
        let objects = self.objects(messages, image_png);
        for chunk in objects.chunks(MAX_MESSAGES_PER_REQUEST) {
            self.line
                .push(chat_id, chunk)
                .await
                .map_err(|error| PushError::Platform {
                    channel: Channel::Line,
                    detail: error.to_string(),
                })?;
        }
        tracing::debug!(
            objects = objects.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "LINE push sent"
        );
        Ok(())
    }
}
