//! Shared pieces: a token shaped like a real one, a scripted [`Handler`], update builders, the
//! adapter pointed at the fake, and one log buffer every test writes into.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use sujarit_bot::{ChatRef, Handler, Input, Message};
use sujarit_telegram::{BotToken, Telegram, TelegramConfig};
use teloxide::types::Update;

use crate::fake::FakeBotApi;

/// A token with the real shape (id, colon, 35 characters), so teloxide's own redaction applies.
pub const TOKEN: &str = "7012345678:AAFakeTokenForSujaritTests_0123456789x";
/// Its secret half, which must never show up anywhere.
pub const TOKEN_SECRET_PART: &str = "AAFakeTokenForSujaritTests_0123456789x";

type Reply = dyn Fn(&Input) -> Vec<Message> + Send + Sync;

/// A handler that records what it gets and answers with a scripted function.
pub struct Script {
    seen: Mutex<Vec<(ChatRef, Input)>>,
    reply: Box<Reply>,
}

impl Script {
    /// A script answering every input with `reply(input)`.
    pub fn new(reply: impl Fn(&Input) -> Vec<Message> + Send + Sync + 'static) -> Arc<Script> {
        Arc::new(Script {
            seen: Mutex::new(Vec::new()),
            reply: Box::new(reply),
        })
    }

    /// A script that answers nothing.
    pub fn silent() -> Arc<Script> {
        Script::new(|_| Vec::new())
    }

    /// Everything handled so far.
    pub fn seen(&self) -> Vec<(ChatRef, Input)> {
        self.seen.lock().unwrap().clone()
    }

    /// Waits until `count` inputs were handled; returns them.
    pub async fn wait_for(&self, count: usize) -> Vec<(ChatRef, Input)> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let seen = self.seen();
            if seen.len() >= count {
                return seen;
            }
            assert!(
                Instant::now() < deadline,
                "waited 10 s for {count} inputs, saw {seen:?}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

impl Handler for Script {
    async fn handle(&self, chat: ChatRef, input: Input) -> Vec<Message> {
        let messages = (self.reply)(&input);
        self.seen.lock().unwrap().push((chat, input));
        messages
    }
}

/// The adapter, talking to `fake`.
pub fn telegram(fake: &FakeBotApi) -> Telegram {
    logs();
    let config = TelegramConfig {
        api_url: Some(fake.url()),
        ..TelegramConfig::new(BotToken::new(TOKEN).unwrap())
    };
    Telegram::new(&config).unwrap()
}

/// The sender: in a private chat the user id equals the chat id; in a group (negative id) it
/// is a member's own id.
fn person(chat: i64) -> Value {
    json!({"id": chat.unsigned_abs(), "is_bot": false, "first_name": "Somchai", "language_code": "th"})
}

fn chat(chat: i64) -> Value {
    match chat < 0 {
        true => json!({"id": chat, "type": "supergroup", "title": "คณะกรรมการ"}),
        false => json!({"id": chat, "type": "private", "first_name": "Somchai"}),
    }
}

/// A new message with text.
pub fn text_update(id: u32, chat_id: i64, text: &str) -> Value {
    json!({"update_id": id, "message": {
        "message_id": id, "date": 1_700_000_000, "chat": chat(chat_id), "from": person(chat_id), "text": text
    }})
}

/// A press on a button of a message the bot sent.
pub fn press_update(id: u32, chat_id: i64, data: &str) -> Value {
    json!({"update_id": id, "callback_query": {
        "id": format!("press-{id}"), "from": person(chat_id), "chat_instance": "instance", "data": data,
        "message": {"message_id": 7, "date": 1_700_000_000, "chat": chat(chat_id), "text": "เลือก"}
    }})
}

/// A photo in three sizes; the largest is `large-<id>`.
pub fn photo_update(id: u32, chat_id: i64) -> Value {
    json!({"update_id": id, "message": {
        "message_id": id, "date": 1_700_000_000, "chat": chat(chat_id), "from": person(chat_id),
        "photo": [
            {"file_id": format!("small-{id}"), "file_unique_id": "a", "width": 90, "height": 67, "file_size": 1200},
            {"file_id": format!("large-{id}"), "file_unique_id": "c", "width": 1280, "height": 960, "file_size": 180_000},
            {"file_id": format!("medium-{id}"), "file_unique_id": "b", "width": 320, "height": 240, "file_size": 14_000}
        ]
    }})
}

/// Parses update JSON as the adapter does, from text (teloxide's `UpdateKind` reads borrowed
/// keys, which `serde_json::from_value` cannot lend).
pub fn update(value: Value) -> Update {
    serde_json::from_str(&value.to_string()).expect("a well-formed update")
}

/// The callback data of every button in a `sendMessage` call, row by row.
pub fn callback_data(body: &Value) -> Vec<Vec<String>> {
    body["reply_markup"]["inline_keyboard"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    row.as_array()
                        .map(|buttons| {
                            buttons
                                .iter()
                                .map(|button| button["callback_data"].as_str().unwrap_or_default().to_string())
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Clone)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every log line of every test in this binary, at TRACE (the `log` crate's records included).
pub fn logs() -> String {
    static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    let buffer = BUFFER.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = Buffer(Arc::clone(&buffer));
        // `try_init` also routes the `log` crate's records (reqwest, hyper) into this subscriber.
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .try_init();
        buffer
    });
    String::from_utf8_lossy(&buffer.lock().unwrap()).to_string()
}
