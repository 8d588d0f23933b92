//! Messages the adapter sends on its own account: the command menu, protected messages, pushes,
//! the webhook registration.

use sujarit_bot::{Button, Lang, Message, PushError, Pusher};
use sujarit_telegram::{is_valid_command_name, register_commands, set_webhook, WebhookSecret};
use teloxide::types::ChatId;

use crate::support::{callback_data, telegram, TOKEN};
use sujarit_fakes::telegram::FakeBotApi;

#[tokio::test]
async fn the_command_menu_is_registered_in_thai_by_default_and_in_english() {
    let fake = FakeBotApi::start(TOKEN).await;
    let telegram = telegram(&fake);
    register_commands(telegram.bot()).await.unwrap();

    let calls = fake.calls_of("setmycommands");
    assert_eq!(calls.len(), 2);
    let (thai, english) = (&calls[0].body, &calls[1].body);
    assert!(thai.get("language_code").is_none(), "Thai is the default for everyone");
    assert_eq!(english["language_code"], "en");
    assert_eq!(thai["scope"]["type"], "default");
    for (body, lang) in [(thai, Lang::Th), (english, Lang::En)] {
        let commands = body["commands"].as_array().unwrap();
        assert_eq!(commands.len(), sujarit_bot::BotCommand::all().len());
        for command in commands {
            let name = command["command"].as_str().unwrap();
            let description = command["description"].as_str().unwrap();
            assert!(is_valid_command_name(name), "{name}");
            assert!((1..=256).contains(&description.chars().count()), "{name}");
        }
        let tip = commands.iter().find(|command| command["command"] == "tip").unwrap();
        assert_eq!(tip["description"], sujarit_bot::BotCommand::Tip.description(lang));
    }
    assert_ne!(thai["commands"], english["commands"]);
}

#[tokio::test]
async fn a_sensitive_message_is_sent_protected_and_an_ordinary_one_is_not() {
    let fake = FakeBotApi::start(TOKEN).await;
    let telegram = telegram(&fake);
    let mut receipt = Message::text(Lang::Th, "รหัสรับเรื่องของท่าน: K7QX-2M9D-PL4T");
    receipt.sensitive = true;
    let ordinary = Message::text(Lang::Th, "ขอบคุณ");
    telegram.send(ChatId(12), &[receipt, ordinary]).await.unwrap();

    let sent = fake.calls_of("sendmessage");
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].body["protect_content"], true);
    assert!(sent[1].body.get("protect_content").is_none());
    assert!(
        !crate::support::logs().contains("K7QX-2M9D-PL4T"),
        "the receipt code is never logged"
    );
}

#[tokio::test]
async fn a_push_sends_the_image_then_the_messages_with_their_buttons() {
    let fake = FakeBotApi::start(TOKEN).await;
    let telegram = telegram(&fake);
    let png = vec![0x89, b'P', b'N', b'G', 1, 2, 3];
    let digest = Message::shortcuts(Lang::Th, "สรุปประจำสัปดาห์", vec![Button::new("ดูรอบ", "round")]);
    telegram.pusher().push("-100777", &[digest], Some(&png)).await.unwrap();

    let methods: Vec<String> = fake.calls().into_iter().map(|call| call.method).collect();
    assert_eq!(methods, ["sendphoto", "sendmessage"]);
    let photo = &fake.calls_of("sendphoto")[0].body;
    assert_eq!(photo["chat_id"], -100777);
    // teloxide sends the file as a part named in `attach://<name>`.
    let part = photo["photo"]
        .as_str()
        .and_then(|value| value.strip_prefix("attach://"))
        .unwrap();
    assert_eq!(photo[part]["file"], png.len(), "{photo}");
    let message = &fake.calls_of("sendmessage")[0].body;
    assert_eq!(callback_data(message), vec![vec!["round"]]);
}

#[tokio::test]
async fn a_push_to_a_chat_id_that_is_not_telegrams_fails_without_calling_the_api() {
    let fake = FakeBotApi::start(TOKEN).await;
    let telegram = telegram(&fake);
    let error = telegram
        .pusher()
        .push("U4af4980629", &[Message::text(Lang::En, "hi")], None)
        .await
        .unwrap_err();
    let PushError::Platform { channel, detail } = error;
    assert_eq!(channel, sujarit_contracts::complaint::Channel::Telegram);
    assert!(detail.contains("not a Telegram chat id"), "{detail}");
    assert!(fake.calls().is_empty());
}

#[tokio::test]
async fn setting_the_webhook_registers_the_url_the_secret_and_the_updates_read() {
    let fake = FakeBotApi::start(TOKEN).await;
    let telegram = telegram(&fake);
    let url = url::Url::parse("https://bot.example.org/webhooks/telegram").unwrap();
    set_webhook(telegram.bot(), url, &WebhookSecret::new("abc-DEF_123").unwrap())
        .await
        .unwrap();
    let call = &fake.calls_of("setwebhook")[0].body;
    assert_eq!(call["url"], "https://bot.example.org/webhooks/telegram");
    assert_eq!(call["secret_token"], "abc-DEF_123");
    assert_eq!(
        call["allowed_updates"],
        serde_json::json!(["message", "callback_query"])
    );
}
