//! The LINE webhook: `POST /webhooks/line`.
//!
//! The body is read as raw bytes and its `X-Line-Signature` checked first; a missing or wrong
//! signature is answered 401 and nothing in the body is looked at. A body that is not LINE's
//! JSON is answered 400. Otherwise the answer is 200 at once — LINE wants it within seconds and
//! does not wait for the bot — and the events are handled in the background:
//!
//! | LINE event | becomes |
//! |---|---|
//! | text message | [`Input::from_text`] (a known `/command` is parsed) |
//! | postback (quick reply, rich menu) | [`Input::Button`] with the postback data |
//! | image message | content downloaded (≤ 10 MiB, kept for the gateway), [`Input::Photo`] |
//! | file message | [`Input::Photo`] with LINE's stated size (downloaded when the gateway asks) |
//! | follow (added as a friend, unblocked) | `/start` |
//! | anything else, or `mode: standby` | ignored |
//!
//! The chat is the source's user id in a one-to-one chat, the group or room id in a group. In a
//! group the bot reads only commands and messages that mention it (and button taps), so it does
//! not answer every remark of a committee's group chat; photos are read in one-to-one chats only.
//!
//! One chat's events are handled one at a time, in the order the webhook accepted them, also
//! across webhook requests (a queue per chat, drained by one task); other chats run alongside. The handler's messages go back with the event's reply token while it is
//! fresh, the rest by push (see `LineClient::respond`). A redelivered event (LINE's redelivery
//! option) is recognised by its `webhookEventId` and dropped.
//!
//! Chat ids are never logged: a LINE user id next to "filed a tip" would undo a tipster's
//! anonymity. Logs carry event kinds and counts only.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use sujarit_bot::{BotCommand, ChatRef, Handler, Input};
use sujarit_contracts::complaint::Channel;
use tokio::sync::mpsc;
use tokio_util::task::TaskTracker;

use crate::client::{LineClient, LineError, IMAGE_PATH, MAX_CONTENT_BYTES};
use crate::signature::{verify_signature, SIGNATURE_HEADER};

/// Where LINE posts webhook events.
pub const WEBHOOK_PATH: &str = "/webhooks/line";

/// How many recent event ids are remembered to drop redeliveries.
const REMEMBERED_EVENT_IDS: usize = 10_000;

/// The webhook (and the route serving pushed images), handing inputs to `handler`.
///
/// In-flight replies run as detached tasks; use [`webhook_router_with_tasks`] to wait for them at
/// shutdown.
pub fn webhook_router<H: Handler>(handler: Arc<H>, line: LineClient) -> Router {
    webhook_router_with_tasks(handler, line, TaskTracker::new())
}

/// The same router, with the background work (handling events, replying) spawned on `tasks`, so
/// a graceful shutdown can `tasks.close(); tasks.wait().await` after the listener stops.
pub fn webhook_router_with_tasks<H: Handler>(handler: Arc<H>, line: LineClient, tasks: TaskTracker) -> Router {
    let state = Arc::new(WebhookState {
        handler,
        line,
        tasks,
        queues: Mutex::new(HashMap::new()),
        seen: Mutex::new(RecentIds::default()),
    });
    Router::new()
        .route(WEBHOOK_PATH, post(receive::<H>))
        .route(&format!("{IMAGE_PATH}/{{name}}"), get(image::<H>))
        .with_state(state)
}

struct WebhookState<H> {
    handler: Arc<H>,
    line: LineClient,
    tasks: TaskTracker,
    /// One queue per chat with work in progress, drained by one task, so a chat's events are
    /// handled one at a time in the order the webhook accepted them.
    queues: Mutex<HashMap<String, mpsc::UnboundedSender<Job>>>,
    seen: Mutex<RecentIds>,
}

/// An event waiting its turn, with the time its webhook arrived (for the reply token's age).
type Job = (Incoming, Instant);

async fn receive<H: Handler>(State(state): State<Arc<WebhookState<H>>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let received_at = Instant::now();
    let signature = headers.get(SIGNATURE_HEADER).and_then(|value| value.to_str().ok());
    let verified = signature
        .map(|signature| verify_signature(state.line.config().channel_secret.expose(), &body, signature))
        .unwrap_or(false);
    if !verified {
        tracing::warn!(
            signature_present = signature.is_some(),
            "LINE webhook refused: bad signature"
        );
        return StatusCode::UNAUTHORIZED;
    }
    let events = match parse_events(&body) {
        Ok(events) => events,
        Err(error) => {
            tracing::warn!(%error, "LINE webhook refused: not LINE's JSON");
            return StatusCode::BAD_REQUEST;
        }
    };
    let events = drop_redeliveries(&state.seen, events);
    tracing::debug!(events = events.len(), "LINE webhook accepted");
    for (chat, events) in by_chat(events) {
        enqueue(&state, chat, events, received_at);
    }
    StatusCode::OK
}

/// Appends a chat's events to its queue, starting the chat's worker if it has none.
fn enqueue<H: Handler>(state: &Arc<WebhookState<H>>, chat: ChatRef, events: Vec<Incoming>, received_at: Instant) {
    let jobs = events.into_iter().map(|event| (event, received_at));
    let mut queues = lock(&state.queues);
    if let Some(queue) = queues.get(&chat.chat_id).filter(|queue| !queue.is_closed()) {
        for job in jobs {
            // The worker removes the queue (under this lock) before it stops, so it is listening.
            let _ = queue.send(job);
        }
        return;
    }
    let (queue, receiver) = mpsc::unbounded_channel();
    for job in jobs {
        let _ = queue.send(job);
    }
    queues.insert(chat.chat_id.clone(), queue);
    drop(queues);
    state.tasks.spawn(work_through(Arc::clone(state), chat, receiver));
}

/// Handles a chat's events one by one until its queue is empty, then removes the queue.
async fn work_through<H: Handler>(
    state: Arc<WebhookState<H>>,
    chat: ChatRef,
    mut receiver: mpsc::UnboundedReceiver<Job>,
) {
    loop {
        let next = match receiver.try_recv() {
            Ok(job) => Some(job),
            Err(_) => {
                // Checked again under the lock senders take, so no event slips in unseen.
                let mut queues = lock(&state.queues);
                match receiver.try_recv() {
                    Ok(job) => Some(job),
                    Err(_) => {
                        queues.remove(&chat.chat_id);
                        None
                    }
                }
            }
        };
        let Some((event, received_at)) = next else {
            return;
        };
        handle_event(&state, &chat, event, received_at).await;
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn handle_event<H: Handler>(state: &WebhookState<H>, chat: &ChatRef, event: Incoming, received_at: Instant) {
    let input = match event.what {
        What::Text(text) => Input::from_text(text),
        What::Postback(data) => Input::Button(data),
        What::Follow => Input::Command(BotCommand::Start(None)),
        What::File { message_id, size } => Input::Photo {
            file_ref: message_id,
            bytes: size,
        },
        What::Image { message_id } => {
            let bytes = photo_size(&state.line, &message_id).await;
            Input::Photo {
                file_ref: message_id,
                bytes,
            }
        }
    };
    let messages = state.handler.handle(chat.clone(), input).await;
    state
        .line
        .respond(&chat.chat_id, event.reply_token.as_deref(), received_at, &messages)
        .await;
}

/// Downloads a photo so the core can judge its size; keeps it for the gateway.
///
/// Too large: a size over the limit (LINE's, or one byte past the limit when LINE did not say),
/// so the core says the photo is too big. Not downloadable: 0, so the core asks to send it again.
async fn photo_size(line: &LineClient, message_id: &str) -> u64 {
    match line.prefetch_content(message_id).await {
        Ok(size) => size,
        Err(LineError::TooLarge { size, .. }) => size.unwrap_or(MAX_CONTENT_BYTES + 1),
        Err(error) => {
            tracing::warn!(%error, "LINE photo could not be downloaded");
            0
        }
    }
}

async fn image<H: Handler>(State(state): State<Arc<WebhookState<H>>>, Path(name): Path<String>) -> Response {
    match state.line.hosted_image(&name) {
        Some(png) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

// ---- Parsing ---------------------------------------------------------------------------------

/// One event the bot acts on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Incoming {
    pub chat: ChatRef,
    pub reply_token: Option<String>,
    pub event_id: Option<String>,
    pub what: What,
}

/// What happened.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum What {
    Text(String),
    Postback(String),
    Image { message_id: String },
    File { message_id: String, size: u64 },
    Follow,
}

#[derive(Deserialize)]
struct Body {
    events: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEvent {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    reply_token: Option<String>,
    #[serde(default)]
    source: Option<RawSource>,
    #[serde(default)]
    message: Option<RawMessage>,
    #[serde(default)]
    postback: Option<RawPostback>,
    #[serde(default)]
    webhook_event_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSource {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    group_id: Option<String>,
    #[serde(default)]
    room_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMessage {
    #[serde(rename = "type")]
    kind: String,
    id: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    file_size: Option<u64>,
    #[serde(default)]
    mention: Option<RawMention>,
}

#[derive(Deserialize)]
struct RawMention {
    #[serde(default)]
    mentionees: Vec<RawMentionee>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMentionee {
    #[serde(default)]
    index: usize,
    #[serde(default)]
    length: usize,
    #[serde(default)]
    is_self: bool,
}

#[derive(Deserialize)]
struct RawPostback {
    data: String,
}

/// Why a body is not LINE's webhook JSON.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct ParseError(String);

/// The events of a webhook body that the bot acts on, in order. A body that is not a JSON
/// object with an `events` array is an error; an event of a kind the bot ignores, or one that
/// does not have the fields its kind needs, is skipped.
pub(crate) fn parse_events(body: &[u8]) -> Result<Vec<Incoming>, ParseError> {
    let body: Body = serde_json::from_slice(body).map_err(|error| ParseError(error.to_string()))?;
    let mut events = Vec::new();
    for value in body.events {
        match serde_json::from_value::<RawEvent>(value) {
            Ok(raw) => events.extend(incoming(raw)),
            Err(error) => tracing::warn!(%error, "LINE event skipped: unexpected shape"),
        }
    }
    Ok(events)
}

fn incoming(raw: RawEvent) -> Option<Incoming> {
    if raw.mode.as_deref() == Some("standby") {
        return None;
    }
    let source = raw.source?;
    let (chat_id, in_group) = match source.kind.as_str() {
        "user" => (source.user_id?, false),
        "group" => (source.group_id?, true),
        "room" => (source.room_id?, true),
        _ => return None,
    };
    let what = match raw.kind.as_str() {
        "message" => {
            let message = raw.message?;
            match message.kind.as_str() {
                "text" => {
                    let text = message.text?;
                    match in_group {
                        true => What::Text(group_text(&text, message.mention.as_ref())?),
                        false => What::Text(text),
                    }
                }
                "image" if !in_group => What::Image { message_id: message.id },
                "file" if !in_group => What::File {
                    message_id: message.id,
                    size: message.file_size.unwrap_or(0),
                },
                _ => return None,
            }
        }
        "postback" => What::Postback(raw.postback?.data),
        // Added as a friend, or to a group (a committee's group is then linked with `/link CODE`).
        "follow" if !in_group => What::Follow,
        "join" if in_group => What::Follow,
        _ => return None,
    };
    Some(Incoming {
        chat: ChatRef {
            channel: Channel::Line,
            chat_id,
        },
        reply_token: raw.reply_token,
        event_id: raw.webhook_event_id,
        what,
    })
}

/// A group message the bot should read: a command, or one that mentions the bot (with the
/// mention taken out). Anything else is the members talking among themselves.
fn group_text(text: &str, mention: Option<&RawMention>) -> Option<String> {
    if text.trim_start().starts_with('/') {
        return Some(text.trim().to_string());
    }
    let me = mention?.mentionees.iter().find(|mentionee| mentionee.is_self)?;
    // LINE counts mention positions in UTF-16 code units.
    let units: Vec<u16> = text.encode_utf16().collect();
    let end = me.index.checked_add(me.length)?;
    if end > units.len() {
        return Some(text.trim().to_string());
    }
    let rest: Vec<u16> = units[..me.index].iter().chain(&units[end..]).copied().collect();
    let rest = String::from_utf16_lossy(&rest).trim().to_string();
    Some(rest)
}

/// Events grouped by chat, each chat's in order, chats in order of first appearance.
fn by_chat(events: Vec<Incoming>) -> Vec<(ChatRef, Vec<Incoming>)> {
    let mut groups: Vec<(ChatRef, Vec<Incoming>)> = Vec::new();
    for event in events {
        match groups.iter_mut().find(|(chat, _)| *chat == event.chat) {
            Some((_, list)) => list.push(event),
            None => groups.push((event.chat.clone(), vec![event])),
        }
    }
    groups
}

fn drop_redeliveries(seen: &Mutex<RecentIds>, events: Vec<Incoming>) -> Vec<Incoming> {
    let mut seen = lock(seen);
    events
        .into_iter()
        .filter(|event| match &event.event_id {
            Some(id) => seen.insert(id),
            None => true,
        })
        .collect()
}

/// The most recent event ids, to recognise a redelivery.
#[derive(Default)]
struct RecentIds {
    set: HashSet<String>,
    order: VecDeque<String>,
}

impl RecentIds {
    /// Remembers an id; false if it was already remembered.
    fn insert(&mut self, id: &str) -> bool {
        if self.set.contains(id) {
            return false;
        }
        if self.order.len() >= REMEMBERED_EVENT_IDS {
            if let Some(old) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
        self.set.insert(id.to_string());
        self.order.push_back(id.to_string());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Vec<Incoming> {
        parse_events(json.as_bytes()).unwrap()
    }

    #[test]
    fn text_postback_image_file_and_follow_events_are_read() {
        let events = parse(
            r#"{"destination":"Ubot","events":[
              {"type":"message","mode":"active","replyToken":"r1","webhookEventId":"e1",
               "source":{"type":"user","userId":"U1"},
               "message":{"type":"text","id":"100","text":"/help","quoteToken":"q"}},
              {"type":"postback","replyToken":"r2","source":{"type":"user","userId":"U1"},
               "postback":{"data":"cmd:tip"}},
              {"type":"message","replyToken":"r3","source":{"type":"user","userId":"U2"},
               "message":{"type":"image","id":"200","contentProvider":{"type":"line"}}},
              {"type":"message","replyToken":"r4","source":{"type":"user","userId":"U2"},
               "message":{"type":"file","id":"300","fileName":"a.pdf","fileSize":2048}},
              {"type":"follow","replyToken":"r5","source":{"type":"user","userId":"U3"},
               "follow":{"isUnblocked":false}},
              {"type":"join","replyToken":"r6","source":{"type":"group","groupId":"C1"}}
            ]}"#,
        );
        let whats: Vec<What> = events.iter().map(|event| event.what.clone()).collect();
        assert_eq!(
            whats,
            [
                What::Text("/help".into()),
                What::Postback("cmd:tip".into()),
                What::Image {
                    message_id: "200".into()
                },
                What::File {
                    message_id: "300".into(),
                    size: 2048
                },
                What::Follow,
                What::Follow,
            ]
        );
        assert_eq!(events[5].chat.chat_id, "C1");
        assert_eq!(events[0].chat.chat_id, "U1");
        assert_eq!(events[0].chat.channel, Channel::Line);
        assert_eq!(events[0].reply_token.as_deref(), Some("r1"));
    }

    #[test]
    fn unknown_standby_and_malformed_events_are_skipped_but_a_bad_body_is_an_error() {
        let events = parse(
            r#"{"events":[
              {"type":"unfollow","source":{"type":"user","userId":"U1"}},
              {"type":"message","mode":"standby","source":{"type":"user","userId":"U1"},
               "message":{"type":"text","id":"1","text":"hi"}},
              {"type":"message","source":{"type":"user","userId":"U1"},
               "message":{"type":"sticker","id":"2","packageId":"1","stickerId":"1"}},
              {"type":"message","source":{"type":"user"},"message":{"type":"text","id":"3","text":"x"}},
              {"type":"postback","source":{"type":"user","userId":"U1"}},
              17
            ]}"#,
        );
        assert!(events.is_empty());
        assert!(parse_events(b"not json").is_err());
        assert!(parse_events(br#"{"destination":"U"}"#).is_err());
        assert!(parse(r#"{"destination":"U","events":[]}"#).is_empty());
    }

    #[test]
    fn in_a_group_only_commands_and_mentions_of_the_bot_are_read() {
        let events = parse(
            r#"{"events":[
              {"type":"message","source":{"type":"group","groupId":"G1","userId":"U1"},
               "message":{"type":"text","id":"1","text":"ประชุมกี่โมงครับ"}},
              {"type":"message","source":{"type":"group","groupId":"G1","userId":"U1"},
               "message":{"type":"text","id":"2","text":"/round"}},
              {"type":"message","source":{"type":"group","groupId":"G1","userId":"U1"},
               "message":{"type":"text","id":"3","text":"@สุจริต สรุปผล",
                 "mention":{"mentionees":[{"index":0,"length":7,"type":"user","isSelf":true}]}}},
              {"type":"message","source":{"type":"room","roomId":"R1","userId":"U1"},
               "message":{"type":"image","id":"4"}}
            ]}"#,
        );
        let texts: Vec<(String, What)> = events
            .iter()
            .map(|event| (event.chat.chat_id.clone(), event.what.clone()))
            .collect();
        assert_eq!(
            texts,
            [
                ("G1".to_string(), What::Text("/round".into())),
                ("G1".to_string(), What::Text("สรุปผล".into())),
            ]
        );
    }

    #[test]
    fn a_redelivered_event_is_dropped() {
        let seen = Mutex::new(RecentIds::default());
        let body = r#"{"events":[{"type":"postback","webhookEventId":"E1",
            "source":{"type":"user","userId":"U1"},"postback":{"data":"done"}}]}"#;
        assert_eq!(drop_redeliveries(&seen, parse(body)).len(), 1);
        assert_eq!(drop_redeliveries(&seen, parse(body)).len(), 0);
    }

    #[test]
    fn events_are_grouped_by_chat_in_order() {
        let events = parse(
            r#"{"events":[
              {"type":"postback","source":{"type":"user","userId":"A"},"postback":{"data":"1"}},
              {"type":"postback","source":{"type":"user","userId":"B"},"postback":{"data":"2"}},
              {"type":"postback","source":{"type":"user","userId":"A"},"postback":{"data":"3"}}
            ]}"#,
        );
        let groups = by_chat(events);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0.chat_id, "A");
        assert_eq!(
            groups[0].1.iter().map(|event| event.what.clone()).collect::<Vec<_>>(),
            [What::Postback("1".into()), What::Postback("3".into())]
        );
    }
}
