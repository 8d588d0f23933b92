//! The webhook: signature first, then events to inputs, then the handler's answer back to LINE.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::json;
use sujarit_bot::{BotCommand, Button, Input, Lang, Message};
use sujarit_contracts::complaint::Channel;
use sujarit_line::{sign, MAX_CONTENT_BYTES};

use crate::support::{
    body, config, image_event, postback_event, text_event, App, FakeLine, ScriptedHandler, SECRET, TOKEN,
};

fn menu_reply() -> Vec<Message> {
    vec![Message::choices(
        Lang::Th,
        "กรุณาเลือกบริการ",
        vec![
            Button::new("แจ้งเบาะแส", "cmd:tip"),
            Button::new("ติดตามเรื่อง", "cmd:status"),
        ],
    )]
}

#[tokio::test]
async fn a_signed_text_message_reaches_the_handler_and_is_answered_with_quick_replies() {
    let fake = FakeLine::start().await;
    let handler = ScriptedHandler::new(|_, _| menu_reply());
    let app = App::start(handler.clone(), config(&fake)).await;

    let status = app
        .post_signed(&body(vec![text_event("U1111", "reply-1", "/start")]))
        .await;
    assert_eq!(status, StatusCode::OK);

    let requests = fake.wait_for(|requests| !requests.is_empty()).await;
    let calls = handler.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].0.channel, Channel::Line);
    assert_eq!(calls[0].0.chat_id, "U1111");
    assert_eq!(calls[0].1, Input::Command(BotCommand::Start(None)));

    assert_eq!(requests.len(), 1);
    let reply = &requests[0];
    assert_eq!(reply.path, "/v2/bot/message/reply");
    assert_eq!(
        reply.header("authorization").as_deref(),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    let sent = reply.json();
    assert_eq!(sent["replyToken"], "reply-1");
    assert_eq!(sent["messages"][0]["type"], "text");
    assert_eq!(sent["messages"][0]["text"], "กรุณาเลือกบริการ");
    let items = sent["messages"][0]["quickReply"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["action"]["type"], "postback");
    assert_eq!(items[0]["action"]["label"], "แจ้งเบาะแส");
    assert_eq!(items[0]["action"]["data"], "cmd:tip");
}

#[tokio::test]
async fn a_bad_or_missing_signature_is_refused_and_nothing_is_handled_or_sent() {
    let fake = FakeLine::start().await;
    let handler = ScriptedHandler::new(|_, _| menu_reply());
    let app = App::start(handler.clone(), config(&fake)).await;
    let raw = serde_json::to_vec(&body(vec![text_event("U1111", "reply-1", "hello")])).unwrap();

    let wrong_secret = sign("someone-else", &raw);
    assert_eq!(
        app.post(raw.clone(), Some(wrong_secret)).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.post(raw.clone(), None).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.post(raw.clone(), Some("%%%".into())).await,
        StatusCode::UNAUTHORIZED
    );
    let mut altered = raw.clone();
    altered.extend_from_slice(b" ");
    assert_eq!(
        app.post(altered, Some(sign(SECRET, &raw))).await,
        StatusCode::UNAUTHORIZED
    );
    // Even a body that is not JSON is refused for its signature first, not parsed.
    assert_eq!(app.post(b"garbage".to_vec(), None).await, StatusCode::UNAUTHORIZED);

    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(handler.calls().is_empty());
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn a_signed_body_that_is_not_line_json_is_refused_with_400() {
    let fake = FakeLine::start().await;
    let handler = ScriptedHandler::new(|_, _| menu_reply());
    let app = App::start(handler.clone(), config(&fake)).await;
    for raw in [
        b"not json".to_vec(),
        b"{\"destination\":\"U\"}".to_vec(),
        b"[]".to_vec(),
    ] {
        let signature = sign(SECRET, &raw);
        assert_eq!(app.post(raw, Some(signature)).await, StatusCode::BAD_REQUEST);
    }
    // LINE's "verify" button sends an empty event list: that is fine.
    assert_eq!(app.post_signed(&body(vec![])).await, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(handler.calls().is_empty());
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn a_postback_becomes_a_button_press_and_a_follow_starts_the_conversation() {
    let fake = FakeLine::start().await;
    let handler = ScriptedHandler::new(|_, _| vec![Message::text(Lang::Th, "รับทราบ")]);
    let app = App::start(handler.clone(), config(&fake)).await;
    let follow = json!({
        "type": "follow", "replyToken": "reply-f", "mode": "active",
        "source": { "type": "user", "userId": "U2222" }, "follow": { "isUnblocked": false }
    });
    let status = app
        .post_signed(&body(vec![
            postback_event("U1111", "reply-p", "status:completed"),
            follow,
        ]))
        .await;
    assert_eq!(status, StatusCode::OK);
    fake.wait_for(|requests| requests.len() == 2).await;
    let mut calls = handler.calls();
    calls.sort_by(|a, b| a.0.chat_id.cmp(&b.0.chat_id));
    assert_eq!(calls[0].1, Input::Button("status:completed".into()));
    assert_eq!(calls[1].1, Input::Command(BotCommand::Start(None)));
}

#[tokio::test]
async fn a_photo_is_downloaded_sized_and_handed_to_the_gateway_from_memory() {
    let fake = FakeLine::start().await;
    let jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5];
    fake.behaviour
        .lock()
        .unwrap()
        .content
        .insert("4687895".into(), jpeg.clone());
    let handler = ScriptedHandler::new(|_, _| vec![Message::text(Lang::Th, "ได้รับรูปแล้ว")]);
    let app = App::start(handler.clone(), config(&fake)).await;

    app.post_signed(&body(vec![image_event("U1111", "reply-i", "4687895")]))
        .await;
    fake.wait_for(|requests| requests.iter().any(|r| r.path == "/v2/bot/message/reply"))
        .await;
    assert_eq!(
        handler.calls()[0].1,
        Input::Photo {
            file_ref: "4687895".into(),
            bytes: jpeg.len() as u64
        }
    );
    let downloads = fake.to("/v2/bot/message/4687895/content");
    assert_eq!(downloads.len(), 1);
    assert_eq!(
        downloads[0].header("authorization").as_deref(),
        Some(format!("Bearer {TOKEN}").as_str())
    );

    // The gateway's StoreEvidence takes it from memory, then (asked again) from LINE.
    assert_eq!(app.line.download_content("4687895").await.unwrap().to_vec(), jpeg);
    assert_eq!(fake.to("/v2/bot/message/4687895/content").len(), 1);
    assert_eq!(app.line.download_content("4687895").await.unwrap().to_vec(), jpeg);
    assert_eq!(fake.to("/v2/bot/message/4687895/content").len(), 2);
    assert!(app.line.download_content("../richmenu").await.is_err());
}

#[tokio::test]
async fn a_photo_over_ten_megabytes_is_reported_as_too_large_and_a_missing_one_as_empty() {
    let fake = FakeLine::start().await;
    let big = vec![7u8; MAX_CONTENT_BYTES as usize + 10];
    fake.behaviour.lock().unwrap().content.insert("900".into(), big);
    let handler = ScriptedHandler::new(|_, _| vec![Message::text(Lang::Th, "รูปใหญ่เกินไป")]);
    let app = App::start(handler.clone(), config(&fake)).await;

    app.post_signed(&body(vec![
        image_event("U1111", "reply-a", "900"),
        image_event("U1111", "reply-b", "901"),
    ]))
    .await;
    fake.wait_for(|requests| requests.iter().filter(|r| r.path == "/v2/bot/message/reply").count() == 2)
        .await;
    let calls = handler.calls();
    match &calls[0].1 {
        Input::Photo { file_ref, bytes } => {
            assert_eq!(file_ref, "900");
            assert!(*bytes > MAX_CONTENT_BYTES, "{bytes}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        calls[1].1,
        Input::Photo {
            file_ref: "901".into(),
            bytes: 0
        }
    );
}

#[tokio::test]
async fn an_expired_reply_token_falls_back_to_push_with_the_same_messages() {
    let fake = FakeLine::start().await;
    fake.behaviour.lock().unwrap().reply = Some((400, json!({ "message": "Invalid reply token" })));
    let handler = ScriptedHandler::new(|_, _| menu_reply());
    let app = App::start(handler.clone(), config(&fake)).await;

    app.post_signed(&body(vec![text_event("U1111", "reply-x", "สวัสดี")]))
        .await;
    let requests = fake.wait_for(|requests| requests.len() == 2).await;
    assert_eq!(requests[0].path, "/v2/bot/message/reply");
    assert_eq!(requests[1].path, "/v2/bot/message/push");
    let push = requests[1].json();
    assert_eq!(push["to"], "U1111");
    assert_eq!(push["messages"], requests[0].json()["messages"]);
    assert!(requests[1].header("x-line-retry-key").is_some());
    assert_eq!(handler.calls()[0].1, Input::Text("สวัสดี".into()));
}

#[tokio::test]
async fn a_handler_slower_than_the_reply_window_answers_by_push() {
    let fake = FakeLine::start().await;
    let mut config = config(&fake);
    config.reply_window = Duration::from_millis(50);
    let handler = ScriptedHandler::slow(Duration::from_millis(200), |_, _| menu_reply());
    let app = App::start(handler.clone(), config).await;

    app.post_signed(&body(vec![text_event("U1111", "reply-s", "/tip")]))
        .await;
    let requests = fake.wait_for(|requests| !requests.is_empty()).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(fake.requests().len(), 1);
    assert_eq!(requests[0].path, "/v2/bot/message/push");
}

#[tokio::test]
async fn more_than_five_messages_are_replied_five_and_pushed_the_rest_with_buttons_last() {
    let fake = FakeLine::start().await;
    let handler = ScriptedHandler::new(|_, _| {
        let mut messages: Vec<Message> = (1..=6)
            .map(|n| Message::text(Lang::Th, format!("ข้อความ {n}")))
            .collect();
        messages.push(Message::shortcuts(Lang::Th, "ข้าม?", vec![Button::new("ข้าม", "skip")]));
        messages
    });
    let app = App::start(handler.clone(), config(&fake)).await;

    app.post_signed(&body(vec![text_event("U1111", "reply-m", "hi")])).await;
    let requests = fake.wait_for(|requests| requests.len() == 2).await;
    let reply = requests[0].json();
    let push = requests[1].json();
    assert_eq!(reply["messages"].as_array().unwrap().len(), 5);
    assert_eq!(push["messages"].as_array().unwrap().len(), 2);
    assert_eq!(push["messages"][1]["quickReply"]["items"][0]["action"]["data"], "skip");
    assert_eq!(reply["messages"][0]["text"], "ข้อความ 1");
    assert_eq!(push["messages"][0]["text"], "ข้อความ 6");
}

#[tokio::test]
async fn one_chats_events_are_handled_in_order_across_deliveries() {
    let fake = FakeLine::start().await;
    let handler = ScriptedHandler::slow(Duration::from_millis(30), |_, _| vec![Message::text(Lang::En, "ok")]);
    let app = App::start(handler.clone(), config(&fake)).await;
    for n in 0..5 {
        let event = postback_event("U1111", &format!("reply-{n}"), &format!("step:{n}"));
        assert_eq!(app.post_signed(&body(vec![event])).await, StatusCode::OK);
    }
    fake.wait_for(|requests| requests.len() == 5).await;
    let order: Vec<Input> = handler.calls().into_iter().map(|(_, input)| input).collect();
    let expected: Vec<Input> = (0..5).map(|n| Input::Button(format!("step:{n}"))).collect();
    assert_eq!(order, expected);
}

#[tokio::test]
async fn a_reply_with_nothing_to_say_sends_nothing() {
    let fake = FakeLine::start().await;
    let handler = ScriptedHandler::new(|_, _| Vec::new());
    let app = App::start(handler.clone(), config(&fake)).await;
    app.post_signed(&body(vec![text_event("U1111", "reply-n", "hi")])).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(handler.calls().len(), 1);
    assert!(fake.requests().is_empty());
}
