//! The token never shows: not in `Debug` output, not in errors, not in logs (at TRACE, with the
//! HTTP client's own logs included), even when every call fails.

use std::time::Duration;

use sujarit_telegram::{BotToken, Telegram, TelegramConfig, TelegramError};
use tokio_util::sync::CancellationToken;

use crate::support::{logs, telegram, text_update, Script, TOKEN, TOKEN_SECRET_PART};
use sujarit_fakes::telegram::FakeBotApi;

fn assert_hidden(shown: &str) {
    assert!(!shown.contains(TOKEN_SECRET_PART), "the token leaked: {shown}");
}

#[tokio::test]
async fn the_token_never_appears_in_logs_errors_or_debug_output() {
    logs();
    // Every call fails at the network level: nothing listens on this port.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let dead_url = url::Url::parse(&format!("http://{}", closed.local_addr().unwrap())).unwrap();
    drop(closed);
    let config = TelegramConfig {
        api_url: Some(dead_url),
        ..TelegramConfig::new(BotToken::new(TOKEN).unwrap())
    };
    let dead = Telegram::new(&config).unwrap();
    let shutdown = CancellationToken::new();
    let polling = tokio::spawn({
        let dead = dead.clone();
        let shutdown = shutdown.clone();
        async move { dead.run_polling(Script::silent(), shutdown).await }
    });
    tokio::time::sleep(Duration::from_millis(900)).await;
    shutdown.cancel();
    polling.await.unwrap().unwrap();
    let error = sujarit_telegram::register_commands(dead.bot()).await.unwrap_err();
    assert_hidden(&format!("{error} {error:?}"));
    let error = sujarit_telegram::download(dead.bot(), "file").await.unwrap_err();
    assert_hidden(&format!("{error} {error:?}"));

    // And against a live fake, with replies, presses and downloads going through.
    let fake = FakeBotApi::start(TOKEN).await;
    fake.add_file("f", vec![1, 2, 3], Some(3));
    let live = telegram(&fake);
    let shutdown = CancellationToken::new();
    let script = Script::new(|_| vec![sujarit_bot::Message::text(sujarit_bot::Lang::En, "ok")]);
    let polling = tokio::spawn({
        let live = live.clone();
        let script = script.clone();
        let shutdown = shutdown.clone();
        async move { live.run_polling(script, shutdown).await }
    });
    fake.push_update(text_update(1, 5, "hello"));
    fake.wait_for("sendmessage", 1).await;
    sujarit_telegram::download(live.bot(), "f").await.unwrap();
    shutdown.cancel();
    polling.await.unwrap().unwrap();

    let logs = logs();
    assert!(logs.contains("getUpdates failed"), "the failures were logged:\n{logs}");
    assert_hidden(&logs);
    assert_hidden(&format!(
        "{config:?} {live:?} {:?} {:?}",
        live.pusher(),
        TelegramError::InvalidToken
    ));
}
