//! Long polling against the fake: inputs reach the handler, replies and answers go out, offsets
//! advance, errors back off, shutdown stops it.

use std::time::{Duration, Instant};

use sujarit_bot::{Button, Input, Lang, Message};
use sujarit_telegram::TelegramError;
use tokio_util::sync::CancellationToken;

use crate::support::{callback_data, press_update, telegram, text_update, Script, TOKEN};
use sujarit_fakes::telegram::FakeBotApi;

fn start_polling(
    telegram: &sujarit_telegram::Telegram,
    script: &std::sync::Arc<Script>,
) -> (CancellationToken, tokio::task::JoinHandle<Result<(), TelegramError>>) {
    let shutdown = CancellationToken::new();
    let task = tokio::spawn({
        let telegram = telegram.clone();
        let script = script.clone();
        let shutdown = shutdown.clone();
        async move { telegram.run_polling(script, shutdown).await }
    });
    (shutdown, task)
}

async fn stop(shutdown: CancellationToken, task: tokio::task::JoinHandle<Result<(), TelegramError>>) {
    shutdown.cancel();
    let result = tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("polling stops within 5 s of shutdown")
        .expect("the polling task did not panic");
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn a_text_reaches_the_handler_and_its_reply_goes_out_with_an_inline_keyboard() {
    let fake = FakeBotApi::start(TOKEN).await;
    let script = Script::new(|_| {
        vec![Message::choices(
            Lang::Th,
            "เลือกประเภท",
            vec![
                Button::new("ทุจริต", "category:corruption"),
                Button::new("ทั่วไป", "category:general"),
            ],
        )]
    });
    let telegram = telegram(&fake);
    let (shutdown, task) = start_polling(&telegram, &script);
    fake.push_update(text_update(100, 4242, "แจ้งเบาะแส"));

    let seen = script.wait_for(1).await;
    assert_eq!(seen[0].0.chat_id, "4242");
    assert_eq!(seen[0].1, Input::Text("แจ้งเบาะแส".into()));
    let sent = fake.wait_for("sendmessage", 1).await;
    assert_eq!(sent[0].body["chat_id"], 4242);
    assert_eq!(sent[0].body["text"], "เลือกประเภท");
    assert!(sent[0].body.get("parse_mode").is_none(), "plain text, no markup");
    assert_eq!(
        callback_data(&sent[0].body),
        vec![vec!["category:corruption"], vec!["category:general"]]
    );
    assert_eq!(sent[0].body["reply_markup"]["inline_keyboard"][0][0]["text"], "ทุจริต");
    stop(shutdown, task).await;
}

#[tokio::test]
async fn a_press_reaches_the_handler_as_its_payload_and_the_press_is_answered() {
    let fake = FakeBotApi::start(TOKEN).await;
    let script = Script::new(|_| vec![Message::text(Lang::En, "Saved.")]);
    let telegram = telegram(&fake);
    let (shutdown, task) = start_polling(&telegram, &script);
    fake.push_update(press_update(200, 77, "status:completed"));

    let seen = script.wait_for(1).await;
    assert_eq!(seen[0].1, Input::Button("status:completed".into()));
    let answers = fake.wait_for("answercallbackquery", 1).await;
    assert_eq!(answers[0].body["callback_query_id"], "press-200");
    assert!(
        answers[0].body.get("text").is_none(),
        "a plain answer just stops the spinner"
    );
    fake.wait_for("sendmessage", 1).await;
    stop(shutdown, task).await;
}

#[tokio::test]
async fn a_long_payload_round_trips_through_the_callback_table() {
    let fake = FakeBotApi::start(TOKEN).await;
    let long = format!("pick:{}", "๑".repeat(40));
    assert!(long.len() > 64);
    let script = Script::new({
        let long = long.clone();
        move |input| match input {
            Input::Text(_) => vec![Message::choices(
                Lang::Th,
                "เลือก",
                vec![Button::new("ข้อ ๑", long.clone())],
            )],
            _ => Vec::new(),
        }
    });
    let telegram = telegram(&fake);
    let (shutdown, task) = start_polling(&telegram, &script);
    fake.push_update(text_update(300, 9, "menu"));
    let sent = fake.wait_for("sendmessage", 1).await;
    let data = callback_data(&sent[0].body)[0][0].clone();
    assert!(data.len() <= 64 && data != long, "sent as a short key: {data}");

    fake.push_update(press_update(301, 9, &data));
    let seen = script.wait_for(2).await;
    assert_eq!(seen[1].1, Input::Button(long));
    stop(shutdown, task).await;
}

#[tokio::test]
async fn a_press_on_a_forgotten_long_payload_is_answered_with_a_notice_and_not_handled() {
    let fake = FakeBotApi::start(TOKEN).await;
    let script = Script::silent();
    let telegram = telegram(&fake);
    let (shutdown, task) = start_polling(&telegram, &script);
    fake.push_update(press_update(400, 9, "~00112233445566778899aabbccddeeff"));
    fake.push_update(text_update(401, 9, "after"));

    let seen = script.wait_for(1).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].1, Input::Text("after".into()));
    let answers = fake.wait_for("answercallbackquery", 1).await;
    assert_eq!(answers[0].body["show_alert"], true);
    assert!(answers[0].body["text"].as_str().unwrap().contains("expired"));
    stop(shutdown, task).await;
}

#[tokio::test]
async fn polling_confirms_updates_with_increasing_offsets_and_stops_on_shutdown() {
    let fake = FakeBotApi::start(TOKEN).await;
    let script = Script::silent();
    let telegram = telegram(&fake);
    let (shutdown, task) = start_polling(&telegram, &script);
    fake.push_update(text_update(500, 1, "one"));
    fake.push_update(text_update(501, 2, "two"));
    script.wait_for(2).await;
    fake.push_update(text_update(502, 1, "three"));
    let seen = script.wait_for(3).await;
    let texts: Vec<_> = seen.iter().map(|(_, input)| input.clone()).collect();
    assert!(texts.contains(&Input::Text("three".into())));
    // Wait for the poll after the last update, so shutdown has to interrupt a waiting call.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !fake
        .calls_of("getupdates")
        .iter()
        .any(|call| call.body["offset"] == 503)
    {
        assert!(Instant::now() < deadline, "no poll with offset 503");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    let stopping = Instant::now();
    stop(shutdown, task).await;
    assert!(
        stopping.elapsed() < Duration::from_secs(3),
        "shutdown interrupts a 10-second poll"
    );

    let offsets: Vec<i64> = fake
        .calls_of("getupdates")
        .iter()
        .map(|call| call.body["offset"].as_i64().unwrap_or(0))
        .collect();
    assert!(
        offsets.windows(2).all(|pair| pair[0] <= pair[1]),
        "offsets never go back: {offsets:?}"
    );
    assert_eq!(offsets.first(), Some(&0), "the first poll has no offset");
    assert!(offsets.contains(&502), "after 500 and 501: {offsets:?}");
    assert_eq!(
        offsets.last(),
        Some(&503),
        "the last call confirms everything handled: {offsets:?}"
    );
    let polls = fake.calls_of("getupdates");
    assert_eq!(
        polls.last().unwrap().body["timeout"],
        0,
        "the confirming call does not wait"
    );
    assert_eq!(polls[0].body["timeout"], 10);
    assert_eq!(
        polls[0].body["allowed_updates"],
        serde_json::json!(["message", "callback_query"])
    );
}

#[tokio::test]
async fn polling_backs_off_after_errors_and_carries_on() {
    let fake = FakeBotApi::start(TOKEN).await;
    fake.fail_get_updates(2);
    fake.push_update(text_update(600, 3, "still here"));
    let script = Script::silent();
    let telegram = telegram(&fake);
    let started = Instant::now();
    let (shutdown, task) = start_polling(&telegram, &script);
    script.wait_for(1).await;
    assert!(
        started.elapsed() >= Duration::from_millis(700),
        "waited 250 ms then 500 ms before the third try"
    );
    assert!(fake.calls_of("getupdates").len() >= 3);
    stop(shutdown, task).await;
}

#[tokio::test]
async fn polling_removes_a_leftover_webhook_first() {
    let fake = FakeBotApi::start(TOKEN).await;
    fake.set_webhook_url("https://old.example.org/webhooks/telegram");
    let script = Script::silent();
    let telegram = telegram(&fake);
    let (shutdown, task) = start_polling(&telegram, &script);
    fake.wait_for("getupdates", 1).await;
    assert_eq!(fake.webhook_url(), "");
    let methods: Vec<String> = fake.calls().into_iter().map(|call| call.method).collect();
    assert_eq!(methods[..3], ["getwebhookinfo", "deletewebhook", "getupdates"]);
    stop(shutdown, task).await;
}

#[tokio::test]
async fn polling_with_a_refused_token_stops_with_an_error() {
    let fake = FakeBotApi::start("1:another-token-entirely").await;
    let telegram = telegram(&fake);
    let result = tokio::time::timeout(
        Duration::from_secs(5),
        telegram.run_polling(Script::silent(), CancellationToken::new()),
    )
    .await
    .expect("gives up at once");
    assert!(matches!(result, Err(TelegramError::InvalidToken)), "{result:?}");
}

#[tokio::test]
async fn one_chat_is_handled_in_order() {
    let fake = FakeBotApi::start(TOKEN).await;
    let script = Script::silent();
    let telegram = telegram(&fake);
    let (shutdown, task) = start_polling(&telegram, &script);
    for n in 0..20 {
        fake.push_update(text_update(700 + n, 5, &n.to_string()));
    }
    let seen = script.wait_for(20).await;
    let order: Vec<Input> = seen.into_iter().map(|(_, input)| input).collect();
    let expected: Vec<Input> = (0..20).map(|n| Input::Text(n.to_string())).collect();
    assert_eq!(order, expected);
    stop(shutdown, task).await;
}
