//! A fake Telegram Bot API on 127.0.0.1:0: records every call, serves queued updates to
//! `getUpdates` (long-polling like the real one), answers the methods the adapter uses with
//! well-formed results, and serves files for download.
//!
//! Why not `teloxide_tests`: its `MockBot` runs a dptree handler tree through teloxide's own
//! `Dispatcher`, so it would test neither this adapter's polling loop (offsets, backoff,
//! shutdown) nor its webhook route; it allows one mocked bot in scope at a time (tests would run
//! serially); and it pulls actix-web, sqlx with bundled SQLite and native-tls (libssl-dev) into
//! test builds, minutes of extra cold build on two cores. This fake is about 300 lines of axum, the
//! tests run in parallel in about a second, and the adapter's real HTTP client is exercised end
//! to end (token in the URL path, JSON and multipart bodies, long-poll waits).

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::task::JoinHandle;

/// One recorded Bot API call.
#[derive(Debug, Clone)]
pub struct Call {
    /// The method, lowercased ("sendmessage").
    pub method: String,
    /// Its parameters (JSON body, or multipart text fields; file parts as `{"file": size}`).
    pub body: Value,
}

/// A file the fake serves.
struct FakeFile {
    path: String,
    bytes: Vec<u8>,
    declared_size: Option<u64>,
}

#[derive(Default)]
struct Inner {
    token: String,
    calls: Mutex<Vec<Call>>,
    updates: Mutex<Vec<Value>>,
    files: Mutex<HashMap<String, FakeFile>>,
    webhook_url: Mutex<String>,
    fail_get_updates: AtomicUsize,
    next_message_id: AtomicI64,
    watchers: Mutex<Vec<tokio::sync::mpsc::UnboundedSender<(Instant, Call)>>>,
}

/// The running fake; stops when dropped.
pub struct FakeBotApi {
    url: url::Url,
    inner: Arc<Inner>,
    task: JoinHandle<()>,
}

impl Drop for FakeBotApi {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeBotApi {
    /// Starts a fake that accepts only `token`.
    pub async fn start(token: &str) -> FakeBotApi {
        let inner = Arc::new(Inner {
            token: token.to_string(),
            next_message_id: AtomicI64::new(1000),
            ..Inner::default()
        });
        let app = Router::new()
            .route("/{bot}/{method}", post(method))
            .route("/file/{bot}/{*path}", get(file))
            .with_state(Arc::clone(&inner));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake Bot API");
        let address = listener.local_addr().expect("local address");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        let url = url::Url::parse(&format!("http://{address}")).expect("fake URL");
        FakeBotApi { url, inner, task }
    }

    /// Its base URL (for `SUJARIT_TELEGRAM_API_URL`).
    pub fn url(&self) -> url::Url {
        self.url.clone()
    }

    /// Queues an update for `getUpdates`.
    pub fn push_update(&self, update: Value) {
        self.inner.updates.lock().unwrap().push(update);
    }

    /// Makes the next `count` `getUpdates` calls fail with 400.
    pub fn fail_get_updates(&self, count: usize) {
        self.inner.fail_get_updates.store(count, Ordering::SeqCst);
    }

    /// Pretends a webhook is set.
    pub fn set_webhook_url(&self, url: &str) {
        *self.inner.webhook_url.lock().unwrap() = url.to_string();
    }

    /// The webhook URL currently set ("" for none).
    pub fn webhook_url(&self) -> String {
        self.inner.webhook_url.lock().unwrap().clone()
    }

    /// Serves a file under `file_id`; `declared_size` is what `getFile` reports (`None`: omitted).
    pub fn add_file(&self, file_id: &str, bytes: Vec<u8>, declared_size: Option<u64>) {
        let path = format!("photos/{file_id}.jpg");
        self.inner.files.lock().unwrap().insert(
            file_id.to_string(),
            FakeFile {
                path,
                bytes,
                declared_size,
            },
        );
    }

    /// Every call from now on, with the instant it arrived (for latency measurements).
    pub fn watch(&self) -> tokio::sync::mpsc::UnboundedReceiver<(Instant, Call)> {
        let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
        self.inner.watchers.lock().unwrap().push(sender);
        receiver
    }

    /// Every call so far.
    pub fn calls(&self) -> Vec<Call> {
        self.inner.calls.lock().unwrap().clone()
    }

    /// The calls of one method (lowercase name).
    pub fn calls_of(&self, method: &str) -> Vec<Call> {
        self.calls().into_iter().filter(|call| call.method == method).collect()
    }

    /// Waits until at least `count` calls of `method` were made; returns them.
    pub async fn wait_for(&self, method: &str, count: usize) -> Vec<Call> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let calls = self.calls_of(method);
            if calls.len() >= count {
                return calls;
            }
            assert!(
                Instant::now() < deadline,
                "waited 10 s for {count} `{method}` calls, saw {}: {:?}",
                calls.len(),
                self.calls().iter().map(|call| &call.method).collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

fn ok(result: Value) -> Response {
    Json(json!({"ok": true, "result": result})).into_response()
}

fn refuse(status: StatusCode, description: &str) -> Response {
    (
        status,
        Json(json!({"ok": false, "error_code": status.as_u16(), "description": description})),
    )
        .into_response()
}

async fn parameters(request: Request) -> Value {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("multipart/form-data"));
    if multipart {
        let mut fields = serde_json::Map::new();
        let Ok(mut form) = Multipart::from_request(request, &()).await else {
            return Value::Null;
        };
        while let Ok(Some(field)) = form.next_field().await {
            let name = field.name().unwrap_or_default().to_string();
            let is_file = field.file_name().is_some();
            let Ok(bytes) = field.bytes().await else {
                break;
            };
            let value = match is_file {
                true => json!({"file": bytes.len()}),
                false => {
                    let text = String::from_utf8_lossy(&bytes).to_string();
                    serde_json::from_str(&text).unwrap_or(Value::String(text))
                }
            };
            fields.insert(name, value);
        }
        return Value::Object(fields);
    }
    let Ok(bytes) = axum::body::to_bytes(request.into_body(), 1 << 20).await else {
        return Value::Null;
    };
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

fn message(id: i64, chat_id: &Value, extra: Value) -> Value {
    let chat_id = match chat_id {
        Value::String(text) => text.parse::<i64>().map(Value::from).unwrap_or(Value::Null),
        other => other.clone(),
    };
    let chat = match chat_id.as_i64() {
        Some(id) if id < 0 => json!({"id": id, "type": "group", "title": "คณะกรรมการ"}),
        _ => json!({"id": chat_id, "type": "private", "first_name": "Somchai"}),
    };
    let mut message = json!({
        "message_id": id,
        "date": 1_700_000_000,
        "chat": chat,
    });
    if let (Some(target), Value::Object(extra)) = (message.as_object_mut(), extra) {
        target.extend(extra);
    }
    message
}

async fn method(
    State(inner): State<Arc<Inner>>,
    Path((bot, method)): Path<(String, String)>,
    request: Request,
) -> Response {
    if bot != format!("bot{}", inner.token) {
        return refuse(StatusCode::UNAUTHORIZED, "Unauthorized");
    }
    let method = method.to_lowercase();
    let body = parameters(request).await;
    let call = Call {
        method: method.clone(),
        body: body.clone(),
    };
    let arrived = Instant::now();
    inner
        .watchers
        .lock()
        .unwrap()
        .retain(|watcher| watcher.send((arrived, call.clone())).is_ok());
    inner.calls.lock().unwrap().push(call);
    match method.as_str() {
        "getupdates" => get_updates(&inner, &body).await,
        "sendmessage" => {
            let id = inner.next_message_id.fetch_add(1, Ordering::SeqCst);
            ok(message(id, &body["chat_id"], json!({"text": body["text"]})))
        }
        "sendphoto" => {
            let id = inner.next_message_id.fetch_add(1, Ordering::SeqCst);
            let photo = json!([{"file_id": "sent-photo", "file_unique_id": "u", "width": 640, "height": 480}]);
            ok(message(id, &body["chat_id"], json!({"photo": photo})))
        }
        "answercallbackquery" | "setmycommands" => ok(json!(true)),
        "setwebhook" => {
            *inner.webhook_url.lock().unwrap() = body["url"].as_str().unwrap_or_default().to_string();
            ok(json!(true))
        }
        "deletewebhook" => {
            inner.webhook_url.lock().unwrap().clear();
            ok(json!(true))
        }
        "getwebhookinfo" => {
            let url = inner.webhook_url.lock().unwrap().clone();
            ok(json!({"url": url, "has_custom_certificate": false, "pending_update_count": 0}))
        }
        "getfile" => {
            let file_id = body["file_id"].as_str().unwrap_or_default();
            let files = inner.files.lock().unwrap();
            match files.get(file_id) {
                Some(file) => {
                    let mut result = json!({"file_id": file_id, "file_unique_id": "u", "file_path": file.path});
                    if let Some(size) = file.declared_size {
                        result["file_size"] = json!(size);
                    }
                    ok(result)
                }
                None => refuse(StatusCode::BAD_REQUEST, "Bad Request: invalid file_id"),
            }
        }
        _ => refuse(StatusCode::NOT_FOUND, "Not Found: method not found"),
    }
}

async fn get_updates(inner: &Inner, body: &Value) -> Response {
    let failing = inner
        .fail_get_updates
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| left.checked_sub(1))
        .is_ok();
    if failing {
        return refuse(StatusCode::BAD_REQUEST, "Bad Request: scripted failure");
    }
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = body["limit"].as_u64().unwrap_or(100) as usize;
    let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0));
    let deadline = Instant::now() + timeout;
    loop {
        let ready: Vec<Value> = inner
            .updates
            .lock()
            .unwrap()
            .iter()
            .filter(|update| update["update_id"].as_i64().unwrap_or(0) >= offset)
            .take(limit)
            .cloned()
            .collect();
        if !ready.is_empty() || Instant::now() >= deadline {
            return ok(Value::Array(ready));
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn file(State(inner): State<Arc<Inner>>, Path((bot, path)): Path<(String, String)>) -> Response {
    if bot != format!("bot{}", inner.token) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let files = inner.files.lock().unwrap();
    match files.values().find(|file| file.path == path) {
        Some(file) => file.bytes.clone().into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

// ---- Updates as the Bot API sends them ------------------------------------------------------

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
