//! A scripted handler, and the adapter started on a random port the way the gateway starts it,
//! talking to the fake LINE API of `sujarit-fakes`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode;
use serde_json::Value;
use sujarit_bot::{ChatRef, Handler, Input, Message};
use sujarit_line::{sign, webhook_router, LineClient, LineConfig, WEBHOOK_PATH};
use tokio::net::TcpListener;

pub const SECRET: &str = "test-channel-secret-4f1d";
pub const TOKEN: &str = "test-access-token-9c2e";

pub use sujarit_fakes::line::{body, image_event, postback_event, text_event, FakeLine};

/// The adapter's configuration pointed at the fake.
pub fn config(fake: &FakeLine) -> LineConfig {
    LineConfig::new(SECRET, TOKEN).with_api_url(fake.url.clone())
}

type Script = dyn Fn(&ChatRef, &Input) -> Vec<Message> + Send + Sync;

/// A handler that records what it was given and answers from a script.
pub struct ScriptedHandler {
    pub calls: Mutex<Vec<(ChatRef, Input)>>,
    script: Box<Script>,
    delay: Duration,
}

impl ScriptedHandler {
    pub fn new(script: impl Fn(&ChatRef, &Input) -> Vec<Message> + Send + Sync + 'static) -> Arc<Self> {
        Self::slow(Duration::ZERO, script)
    }

    /// A handler that takes `delay` before answering (a slow ledger).
    pub fn slow(
        delay: Duration,
        script: impl Fn(&ChatRef, &Input) -> Vec<Message> + Send + Sync + 'static,
    ) -> Arc<Self> {
        Arc::new(ScriptedHandler {
            calls: Mutex::new(Vec::new()),
            script: Box::new(script),
            delay,
        })
    }

    pub fn calls(&self) -> Vec<(ChatRef, Input)> {
        self.calls.lock().unwrap().clone()
    }
}

impl Handler for ScriptedHandler {
    async fn handle(&self, chat: ChatRef, input: Input) -> Vec<Message> {
        let messages = (self.script)(&chat, &input);
        self.calls.lock().unwrap().push((chat, input));
        tokio::time::sleep(self.delay).await;
        messages
    }
}

/// The adapter's webhook on a random port, talking to the fake.
pub struct App {
    pub url: String,
    pub line: LineClient,
    http: reqwest::Client,
}

impl App {
    pub async fn start(handler: Arc<ScriptedHandler>, config: LineConfig) -> App {
        let line = LineClient::new(config).unwrap();
        let app = webhook_router(handler, line.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        App {
            url,
            line,
            http: reqwest::Client::new(),
        }
    }

    /// Posts a body signed with the channel secret.
    pub async fn post_signed(&self, body: &Value) -> StatusCode {
        let body = serde_json::to_vec(body).unwrap();
        let signature = sign(SECRET, &body);
        self.post(body, Some(signature)).await
    }

    /// Posts raw bytes with the given signature header (or none).
    pub async fn post(&self, body: Vec<u8>, signature: Option<String>) -> StatusCode {
        let mut request = self
            .http
            .post(format!("{}{WEBHOOK_PATH}", self.url))
            .header("content-type", "application/json")
            .body(body);
        if let Some(signature) = signature {
            request = request.header("x-line-signature", signature);
        }
        let status = request.send().await.unwrap().status();
        StatusCode::from_u16(status.as_u16()).unwrap()
    }

    pub async fn get(&self, path: &str) -> (u16, Vec<u8>) {
        let response = self.http.get(format!("{}{path}", self.url)).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.bytes().await.unwrap().to_vec())
    }
}
