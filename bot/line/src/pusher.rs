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

use serde_json::{json, Value};
use sujarit_bot::{Lang, Message, PushError, Pusher};
use sujarit_contracts::complaint::Channel;

use crate::client::LineClient;
use crate::render::{render_messages, MAX_MESSAGES_PER_REQUEST};
use crate::text;

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

    /// The message objects a push sends, in order (the image, or the note, last).
    pub fn objects(&self, messages: &[Message], image_png: Option<&[u8]>) -> Vec<Value> {
        let mut objects = render_messages(messages);
        let Some(png) = image_png else {
            return objects;
        };
        let lang = messages.first().map(|message| message.lang).unwrap_or(Lang::Th);
        let image = match self.line.host_image(png) {
            Some(url) => json!({ "type": "image", "originalContentUrl": url, "previewImageUrl": url }),
            None => json!({ "type": "text", "text": text::image_not_sent(lang) }),
        };
        // The quick replies belong on the last object, or LINE hides them.
        let quick_reply = match objects.last_mut() {
            Some(Value::Object(last)) => last.remove("quickReply"),
            _ => None,
        };
        let mut image = image;
        if let (Some(quick), Value::Object(image)) = (quick_reply, &mut image) {
            image.insert("quickReply".into(), quick);
        }
        objects.push(image);
        objects
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
