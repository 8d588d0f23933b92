//! The webhook route, served on 127.0.0.1:0 and called as Telegram would.

use std::sync::Arc;

use sujarit_bot::{Input, Lang, Message};
use sujarit_telegram::{Telegram, WebhookSecret, SECRET_HEADER, WEBHOOK_PATH};

use crate::support::{telegram, text_update, Script, TOKEN};
use sujarit_fakes::telegram::FakeBotApi;

const SECRET: &str = "webhook-Secret_42";

struct Served {
    url: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(telegram: &Telegram, script: &Arc<Script>) -> Served {
    let router = telegram.webhook_router(Arc::clone(script), WebhookSecret::new(SECRET).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Served {
        url: format!("http://{address}{WEBHOOK_PATH}"),
        task,
    }
}

async fn post(url: &str, secret: Option<&str>, body: String) -> (u16, String) {
    let mut request = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body);
    if let Some(secret) = secret {
        request = request.header(SECRET_HEADER, secret);
    }
    let response = request.send().await.expect("the webhook answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn a_webhook_call_with_the_right_secret_is_handled_and_answered_through_the_bot_api() {
    let fake = FakeBotApi::start(TOKEN).await;
    let script = Script::new(|_| vec![Message::text(Lang::Th, "รับแล้ว")]);
    let telegram = telegram(&fake);
    let served = serve(&telegram, &script).await;

    let (status, _) = post(&served.url, Some(SECRET), text_update(1, 31, "/help").to_string()).await;
    assert_eq!(status, 200);
    let seen = script.wait_for(1).await;
    assert_eq!(seen[0].0.chat_id, "31");
    assert_eq!(seen[0].1, Input::Command(sujarit_bot::BotCommand::Help));
    let sent = fake.wait_for("sendmessage", 1).await;
    assert_eq!(sent[0].body["text"], "รับแล้ว");
    assert!(telegram.drain(std::time::Duration::from_secs(5)).await);
}

#[tokio::test]
async fn a_webhook_call_with_a_wrong_or_missing_secret_is_refused_and_never_handled() {
    let fake = FakeBotApi::start(TOKEN).await;
    let script = Script::silent();
    let telegram = telegram(&fake);
    let served = serve(&telegram, &script).await;

    let (status, body) = post(
        &served.url,
        Some("webhook-Secret_43"),
        text_update(1, 8, "forged").to_string(),
    )
    .await;
    assert_eq!(status, 401);
    assert!(body.contains("X-Telegram-Bot-Api-Secret-Token"), "{body}");
    let (status, _) = post(&served.url, None, text_update(2, 8, "no header").to_string()).await;
    assert_eq!(status, 401);
    let (status, _) = post(&served.url, Some(""), "not even json".to_string()).await;
    assert_eq!(status, 401, "the secret is checked before the body");

    // A genuine call for the same chat afterwards is the first and only thing handled.
    let (status, _) = post(&served.url, Some(SECRET), text_update(3, 8, "genuine").to_string()).await;
    assert_eq!(status, 200);
    let seen = script.wait_for(1).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].1, Input::Text("genuine".into()));
    assert!(fake.calls_of("sendmessage").is_empty());
}

#[tokio::test]
async fn a_webhook_body_that_is_not_an_update_is_a_bad_request() {
    let fake = FakeBotApi::start(TOKEN).await;
    let script = Script::silent();
    let telegram = telegram(&fake);
    let served = serve(&telegram, &script).await;

    let (status, body) = post(&served.url, Some(SECRET), "{\"update_id\": ".to_string()).await;
    assert_eq!(status, 400);
    assert!(body.contains("not a JSON Telegram Update"), "{body}");
    let (status, _) = post(&served.url, Some(SECRET), "{\"message\": {}}".to_string()).await;
    assert_eq!(status, 400, "an update needs its update_id");
    assert!(telegram.drain(std::time::Duration::from_secs(1)).await);
    assert!(script.seen().is_empty());
}

#[tokio::test]
async fn an_update_of_a_kind_the_bot_ignores_is_accepted_and_dropped() {
    let fake = FakeBotApi::start(TOKEN).await;
    let script = Script::silent();
    let telegram = telegram(&fake);
    let served = serve(&telegram, &script).await;
    let body = serde_json::json!({"update_id": 5, "some_future_kind": {"x": 1}}).to_string();
    let (status, _) = post(&served.url, Some(SECRET), body).await;
    assert_eq!(status, 200, "Telegram must not retry it forever");
    assert!(telegram.drain(std::time::Duration::from_secs(1)).await);
    assert!(script.seen().is_empty());
}
