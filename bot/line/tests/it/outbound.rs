//! What the adapter sends unprompted: pushes (with images), the rich menu setup, and what it
//! never lets out (secrets, chat ids, texts) in `Debug` output or logs.

use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::Method;
use serde_json::json;
use sujarit_bot::{Button, Lang, Message, Pusher};
use sujarit_line::{
    rich_menu_definition, setup, LineClient, LineConfig, LineError, LinePusher, RICH_MENU_HEIGHT, RICH_MENU_WIDTH,
};

use crate::support::{body, config, text_event, App, FakeLine, ScriptedHandler, SECRET, TOKEN};

#[tokio::test]
async fn a_push_goes_out_in_requests_of_five_with_the_buttons_on_the_last_object() {
    let fake = FakeLine::start().await;
    let pusher = LinePusher::new(LineClient::new(config(&fake)).unwrap());
    let mut messages: Vec<Message> = (1..=6)
        .map(|n| Message::text(Lang::Th, format!("แจ้งเตือน {n}")))
        .collect();
    messages.push(Message::shortcuts(
        Lang::Th,
        "รายงานเลย?",
        vec![Button::new("รายงานผล", "cmd:report")],
    ));

    pusher.push("Cgroup0001", &messages, None).await.unwrap();

    let pushes = fake.to("/v2/bot/message/push");
    assert_eq!(pushes.len(), 2);
    assert_eq!(pushes[0].json()["to"], "Cgroup0001");
    assert_eq!(pushes[0].json()["messages"].as_array().unwrap().len(), 5);
    assert_eq!(
        pushes[1].json()["messages"][1]["quickReply"]["items"][0]["action"]["data"],
        "cmd:report"
    );
    let keys: Vec<String> = pushes
        .iter()
        .filter_map(|push| push.header("x-line-retry-key"))
        .collect();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0], keys[1]);
}

#[tokio::test]
async fn a_failed_push_is_retried_once_with_the_same_retry_key() {
    let fake = FakeLine::start().await;
    fake.behaviour.lock().unwrap().push_failures = vec![500];
    let pusher = LinePusher::new(LineClient::new(config(&fake)).unwrap());
    pusher
        .push("U1111", &[Message::text(Lang::Th, "ครบกำหนดส่งรายงาน")], None)
        .await
        .unwrap();
    let pushes = fake.to("/v2/bot/message/push");
    assert_eq!(pushes.len(), 2);
    assert_eq!(
        pushes[0].header("x-line-retry-key"),
        pushes[1].header("x-line-retry-key")
    );

    // A refusal that retrying cannot fix is reported, not retried.
    fake.behaviour.lock().unwrap().push_failures = vec![429];
    let error = pusher
        .push("U1111", &[Message::text(Lang::Th, "x")], None)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("429"), "{error}");
    assert_eq!(fake.to("/v2/bot/message/push").len(), 3);
}

#[tokio::test]
async fn an_image_without_a_public_url_is_replaced_by_a_note() {
    let fake = FakeLine::start().await;
    let pusher = LinePusher::new(LineClient::new(config(&fake)).unwrap());
    let digest = Message::shortcuts(Lang::Th, "สรุปประจำสัปดาห์", vec![Button::new("ดูรอบรายงาน", "cmd:round")]);
    pusher
        .push("Cgroup0001", &[digest], Some(b"\x89PNG fake"))
        .await
        .unwrap();
    let sent = fake.to("/v2/bot/message/push")[0].json();
    let messages = sent["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1]["type"], "text");
    assert!(messages[1]["text"].as_str().unwrap().contains("ภาพ"));
    assert!(messages[0].get("quickReply").is_none());
    assert_eq!(messages[1]["quickReply"]["items"][0]["action"]["data"], "cmd:round");
}

#[tokio::test]
async fn an_image_with_a_public_url_is_pushed_by_url_and_served_to_line() {
    let fake = FakeLine::start().await;
    let handler = ScriptedHandler::new(|_, _| Vec::new());
    let mut config = config(&fake);
    config.public_url = Some("https://bot.example.go.th".into());
    let app = App::start(handler, config).await;
    let pusher = LinePusher::new(app.line.clone());
    let png = b"\x89PNG\r\n\x1a\n digest chart".to_vec();

    pusher
        .push("Cgroup0001", &[Message::text(Lang::Th, "สรุปประจำสัปดาห์")], Some(&png))
        .await
        .unwrap();
    let sent = fake.to("/v2/bot/message/push")[0].json();
    let image = &sent["messages"][1];
    assert_eq!(image["type"], "image");
    let url = image["originalContentUrl"].as_str().unwrap();
    assert_eq!(image["previewImageUrl"], url);
    let path = url.strip_prefix("https://bot.example.go.th").unwrap();
    assert!(path.starts_with("/webhooks/line/images/"), "{path}");

    assert_eq!(app.get(path).await, (200, png));
    assert_eq!(app.get("/webhooks/line/images/guess.png").await.0, 404);
}

#[tokio::test]
async fn setup_creates_the_menu_uploads_its_image_sets_it_default_then_removes_older_copies() {
    let fake = FakeLine::start().await;
    fake.behaviour.lock().unwrap().menus = vec![
        ("richmenu-old".into(), "sujarit-main".into()),
        ("richmenu-new".into(), "sujarit-main".into()),
        ("richmenu-campaign".into(), "campaign".into()),
    ];
    let id = setup(&config(&fake)).await.unwrap();
    assert_eq!(id.0, "richmenu-new");

    let calls: Vec<(Method, String)> = fake
        .requests()
        .into_iter()
        .map(|request| (request.method, request.path))
        .collect();
    assert_eq!(
        calls,
        [
            (Method::POST, "/v2/bot/richmenu".to_string()),
            (Method::POST, "/v2/bot/richmenu/richmenu-new/content".to_string()),
            (Method::POST, "/v2/bot/user/all/richmenu/richmenu-new".to_string()),
            (Method::GET, "/v2/bot/richmenu/list".to_string()),
            (Method::DELETE, "/v2/bot/richmenu/richmenu-old".to_string()),
        ]
    );
    let requests = fake.requests();
    assert_eq!(requests[0].json(), rich_menu_definition());
    assert_eq!(requests[1].header("content-type").as_deref(), Some("image/png"));
    let decoder = png::Decoder::new(io::Cursor::new(requests[1].body.to_vec()));
    let info = decoder.read_info().unwrap();
    assert_eq!(
        (info.info().width, info.info().height),
        (RICH_MENU_WIDTH, RICH_MENU_HEIGHT)
    );
    assert!(requests[1].body.len() <= 1024 * 1024);
    for request in &requests {
        assert_eq!(
            request.header("authorization").as_deref(),
            Some(format!("Bearer {TOKEN}").as_str())
        );
    }
}

#[tokio::test]
async fn setup_stops_at_the_first_refusal() {
    let fake = FakeLine::start().await;
    let mut config = config(&fake);
    config.api_url = format!("{}/nowhere", fake.url);
    // The fake answers 200 `{}` to unknown paths: no richMenuId, so creation fails cleanly.
    let error = setup(&config).await.unwrap_err();
    assert!(matches!(error, LineError::BadAnswer { .. }), "{error}");
    assert_eq!(fake.requests().len(), 1);
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let config = LineConfig::new(SECRET, TOKEN);
    let client = LineClient::new(config.clone()).unwrap();
    let pusher = LinePusher::new(client.clone());
    for debug in [
        format!("{config:?}"),
        format!("{client:?}"),
        format!("{pusher:?}"),
        format!("{config:#?}"),
    ] {
        assert!(!debug.contains(SECRET), "{debug}");
        assert!(!debug.contains(TOKEN), "{debug}");
        assert!(debug.contains("redacted"), "{debug}");
    }
}

/// Collects everything the crate logs.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn logs_hold_no_secret_chat_id_message_text_or_receipt_code() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);

    let fake = FakeLine::start().await;
    // Every reply fails (so errors get logged), and the first push too.
    fake.behaviour.lock().unwrap().reply = Some((400, json!({ "message": "Invalid reply token" })));
    fake.behaviour.lock().unwrap().push_failures = vec![502];
    let handler = ScriptedHandler::new(|_, _| {
        let mut receipt = Message::text(Lang::Th, "รหัสติดตามเรื่องของท่านคือ\nK7QX-M2PA-9WZR-T4HD\n");
        receipt.sensitive = true;
        vec![Message::text(Lang::Th, "ข้อความลับเฉพาะ"), receipt]
    });
    let app = App::start(handler.clone(), config(&fake)).await;
    app.post_signed(&body(vec![text_event(
        "Uprivate0123456789",
        "reply-l",
        "ผู้ว่าฯ รับเงินใต้โต๊ะ",
    )]))
    .await;
    app.post(b"{}".to_vec(), Some("bad".into())).await;
    fake.wait_for(|requests| requests.len() == 3).await;
    tokio::time::sleep(Duration::from_millis(50)).await;

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("LINE"), "nothing was logged: {logs}");
    for secret in [
        SECRET,
        TOKEN,
        "Uprivate0123456789",
        "ผู้ว่าฯ",
        "ข้อความลับ",
        "K7QX",
        "reply-l",
    ] {
        assert!(!logs.contains(secret), "{secret} leaked into the logs:\n{logs}");
    }
}
