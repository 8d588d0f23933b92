//! Which updates become which inputs, and which are ignored.

use serde_json::json;
use sujarit_bot::{BotCommand, Input};
use sujarit_contracts::complaint::Channel;
use sujarit_telegram::{update_to_input, CallbackTable};

use crate::support::{photo_update, press_update, text_update, update};

fn input_of(value: serde_json::Value) -> Option<Input> {
    update_to_input(&update(value), &CallbackTable::default()).map(|(_, input)| input)
}

#[test]
fn a_text_becomes_text_for_the_telegram_chat_it_came_from() {
    let (chat, input) = update_to_input(&update(text_update(1, -100_123, "สวัสดี")), &CallbackTable::default()).unwrap();
    assert_eq!(chat.channel, Channel::Telegram);
    assert_eq!(chat.chat_id, "-100123");
    assert_eq!(input, Input::Text("สวัสดี".into()));
}

#[test]
fn slash_commands_and_deep_links_are_parsed_by_the_core() {
    assert_eq!(
        input_of(text_update(1, 5, "/help")),
        Some(Input::Command(BotCommand::Help))
    );
    assert_eq!(
        input_of(text_update(2, 5, "/start INV-7Q2K")),
        Some(Input::Command(BotCommand::Start(Some("INV-7Q2K".into()))))
    );
    assert_eq!(
        input_of(text_update(3, 5, "/nosuch")),
        Some(Input::Text("/nosuch".into()))
    );
}

#[test]
fn a_press_becomes_its_payload() {
    assert_eq!(
        input_of(press_update(1, 5, "status:completed")),
        Some(Input::Button("status:completed".into()))
    );
}

#[test]
fn a_photo_becomes_its_largest_size() {
    assert_eq!(
        input_of(photo_update(9, 5)),
        Some(Input::Photo {
            file_ref: "large-9".into(),
            bytes: 180_000
        })
    );
}

#[test]
fn a_document_counts_as_a_file_sent() {
    let value = json!({"update_id": 4, "message": {
        "message_id": 4, "date": 1_700_000_000, "chat": {"id": 5, "type": "private", "first_name": "A"},
        "document": {"file_id": "doc-1", "file_unique_id": "d", "file_name": "receipt.pdf", "mime_type": "application/pdf"}
    }});
    assert_eq!(
        input_of(value),
        Some(Input::Photo {
            file_ref: "doc-1".into(),
            bytes: 0
        })
    );
}

#[test]
fn edits_channel_posts_bot_messages_and_service_messages_are_ignored() {
    let message = json!({"message_id": 3, "date": 1_700_000_000, "chat": {"id": 5, "type": "private", "first_name": "A"}, "text": "edited"});
    assert_eq!(input_of(json!({"update_id": 1, "edited_message": message})), None);
    let post = json!({"message_id": 3, "date": 1_700_000_000, "chat": {"id": -1001, "type": "channel", "title": "News"}, "text": "post"});
    assert_eq!(input_of(json!({"update_id": 2, "channel_post": post})), None);
    let mut from_bot = text_update(3, 5, "hello");
    from_bot["message"]["from"]["is_bot"] = json!(true);
    assert_eq!(input_of(from_bot), None);
    let joined = json!({"update_id": 4, "message": {
        "message_id": 4, "date": 1_700_000_000, "chat": {"id": -5, "type": "group", "title": "Committee"},
        "new_chat_members": [{"id": 9, "is_bot": false, "first_name": "B"}]
    }});
    assert_eq!(input_of(joined), None);
    assert_eq!(
        input_of(
            json!({"update_id": 5, "poll_answer": {"poll_id": "p", "option_ids": [0], "user": {"id": 1, "is_bot": false, "first_name": "C"}}})
        ),
        None
    );
}
