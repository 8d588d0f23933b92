//! A fake LINE Messaging API: records every request and answers reply, push, rich menu and
//! content requests like the platform does (failures scriptable), plus builders of webhook
//! bodies and events as LINE sends them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};
use tokio::net::TcpListener;

/// One request the fake LINE API received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: Method,
    pub path: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Recorded {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string)
    }
}

/// How the fake answers.
#[derive(Default)]
pub struct Behaviour {
    /// Status and body of the reply endpoint (default 200 `{}`).
    pub reply: Option<(u16, Value)>,
    /// Statuses the push endpoint gives, one per call, then 200.
    pub push_failures: Vec<u16>,
    /// Content by message id.
    pub content: HashMap<String, Vec<u8>>,
    /// Menus the list endpoint returns.
    pub menus: Vec<(String, String)>,
}

#[derive(Clone)]
pub struct FakeLine {
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    pub behaviour: Arc<Mutex<Behaviour>>,
}

impl FakeLine {
    pub async fn start() -> FakeLine {
        let fake = FakeLine {
            url: String::new(),
            requests: Arc::default(),
            behaviour: Arc::default(),
        };
        let app = Router::new().fallback(answer).with_state(fake.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeLine { url, ..fake }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// Requests to paths starting with `prefix`.
    pub fn to(&self, prefix: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|request| request.path.starts_with(prefix))
            .collect()
    }

    /// Waits until `done` holds for the requests so far (the webhook answers before it sends).
    pub async fn wait_for(&self, done: impl Fn(&[Recorded]) -> bool) -> Vec<Recorded> {
        for _ in 0..200 {
            let requests = self.requests();
            if done(&requests) {
                return requests;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("timed out; the fake LINE API saw {:#?}", self.requests());
    }
}

async fn answer(State(fake): State<FakeLine>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let path = uri.path().to_string();
    fake.requests.lock().unwrap().push(Recorded {
        method: method.clone(),
        path: path.clone(),
        headers,
        body,
    });
    let mut behaviour = fake.behaviour.lock().unwrap();
    let ok = || (StatusCode::OK, axum::Json(json!({}))).into_response();
    let status = |code: u16, body: Value| (StatusCode::from_u16(code).unwrap(), axum::Json(body)).into_response();
    match (method.as_str(), path.as_str()) {
        ("POST", "/v2/bot/message/reply") => match &behaviour.reply {
            Some((code, body)) => status(*code, body.clone()),
            None => ok(),
        },
        ("POST", "/v2/bot/message/push") => match behaviour.push_failures.is_empty() {
            true => ok(),
            false => {
                let code = behaviour.push_failures.remove(0);
                status(code, json!({ "message": "try again" }))
            }
        },
        ("POST", "/v2/bot/richmenu") => status(200, json!({ "richMenuId": "richmenu-new" })),
        ("GET", "/v2/bot/richmenu/list") => {
            let menus: Vec<Value> = behaviour
                .menus
                .iter()
                .map(|(id, name)| json!({ "richMenuId": id, "name": name, "size": {"width": 2500, "height": 843} }))
                .collect();
            status(200, json!({ "richmenus": menus }))
        }
        ("GET", path) if path.starts_with("/v2/bot/message/") && path.ends_with("/content") => {
            let id = path
                .trim_start_matches("/v2/bot/message/")
                .trim_end_matches("/content")
                .to_string();
            match behaviour.content.get(&id) {
                Some(bytes) => (StatusCode::OK, [("content-type", "image/jpeg")], bytes.clone()).into_response(),
                None => status(404, json!({ "message": "Not found" })),
            }
        }
        _ => ok(),
    }
}

/// A webhook body with the given events.
pub fn body(events: Vec<Value>) -> Value {
    json!({ "destination": "Ubot0000000000000000000000000000", "events": events })
}

/// A text message event from a user.
pub fn text_event(user: &str, reply_token: &str, text: &str) -> Value {
    json!({
        "type": "message", "mode": "active", "timestamp": 1_700_000_000_000u64,
        "replyToken": reply_token,
        "webhookEventId": format!("evt-{reply_token}"),
        "deliveryContext": { "isRedelivery": false },
        "source": { "type": "user", "userId": user },
        "message": { "type": "text", "id": format!("m-{reply_token}").replace('-', ""), "text": text, "quoteToken": "q" }
    })
}

/// A postback event from a user.
pub fn postback_event(user: &str, reply_token: &str, data: &str) -> Value {
    json!({
        "type": "postback", "mode": "active", "timestamp": 1_700_000_000_000u64,
        "replyToken": reply_token,
        "source": { "type": "user", "userId": user },
        "postback": { "data": data }
    })
}

/// An image message event from a user.
pub fn image_event(user: &str, reply_token: &str, message_id: &str) -> Value {
    json!({
        "type": "message", "mode": "active", "timestamp": 1_700_000_000_000u64,
        "replyToken": reply_token,
        "source": { "type": "user", "userId": user },
        "message": { "type": "image", "id": message_id, "contentProvider": { "type": "line" } }
    })
}
