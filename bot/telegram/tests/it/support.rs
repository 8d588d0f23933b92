//! Shared pieces: a token shaped like a real one, a scripted [`Handler`], update builders, the
//! adapter pointed at the fake, and one log buffer every test writes into.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value;
use sujarit_bot::{ChatRef, Handler, Input, Message};
use sujarit_telegram::{BotToken, Telegram, TelegramConfig};
use teloxide::types::Update;

use sujarit_fakes::telegram::FakeBotApi;
pub use sujarit_fakes::telegram::{callback_data, photo_update, press_update, text_update};

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

/// Parses update JSON as the adapter does, from text (teloxide's `UpdateKind` reads borrowed
/// keys, which `serde_json::from_value` cannot lend).
pub fn update(value: Value) -> Update {
    serde_json::from_str(&value.to_string()).expect("a well-formed update")
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
