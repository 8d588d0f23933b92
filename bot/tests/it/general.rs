//! Behaviour shared by every flow: help, language, numbered fallbacks, cancel, timeouts, state.

use sujarit_bot::{step, BotCommand, Button, Conversation, Flow, Input, Lang, Message, TipStep};
use sujarit_contracts::people::Role;
use sujarit_contracts::ErrorCode;

use crate::support::*;

#[test]
fn help_lists_every_command_with_its_description_in_thai_then_in_english() {
    let mut chat = Chat::new();
    let thai = said(&chat.text("/help"));
    for command in BotCommand::all() {
        assert!(thai.contains(&format!("/{}", command.name())), "{thai}");
        assert!(thai.contains(command.description(Lang::Th)));
    }
    assert!(thai.contains("แจ้งเบาะแสการทุจริตโดยไม่เปิดเผยตัวตน"));

    chat.text("/lang en");
    let english = said(&chat.text("/help"));
    assert!(english.contains("/tip — report corruption anonymously"), "{english}");
    assert!(!english.contains("แจ้งเบาะแส"));
}

#[test]
fn lang_en_switches_the_texts_and_lang_th_switches_back() {
    let mut chat = Chat::new();
    assert!(said(&chat.text("/start")).contains("ยินดีต้อนรับ"));

    let effects = chat.text("/lang en");
    assert_eq!(chat.conv.lang, Lang::En);
    assert!(said(&effects).contains("Switched to English."));
    let effects = chat.text("/start");
    assert!(said(&effects).contains("Welcome to Sujarit"));
    let menu = (*replies(&effects).last().unwrap()).clone();
    assert!(menu.all_buttons().any(|button| button.label == "Anonymous tip"));

    chat.text("/lang th");
    assert_eq!(chat.conv.lang, Lang::Th);
    assert!(said(&chat.text("/tip")).contains("แจ้งเบาะแสการทุจริต"));
}

#[test]
fn switching_language_in_the_middle_of_a_flow_asks_the_same_question_again_in_the_new_language() {
    let mut chat = Chat::new();
    chat.text("/tip");
    let effects = chat.text("/lang en");
    assert!(matches!(chat.conv.flow, Flow::Tip(ref tip) if tip.step == TipStep::Category));
    assert!(
        said(&effects).contains("Please choose the kind of complaint."),
        "{}",
        said(&effects)
    );
    assert_eq!(buttons(&effects), vec!["category:corruption", "category:general"]);
}

#[test]
fn lang_without_an_argument_offers_both_languages_and_a_typed_number_picks_one() {
    let mut chat = Chat::new();
    let effects = chat.text("/lang");
    assert_eq!(buttons(&effects), vec!["cmd:lang th", "cmd:lang en"]);
    chat.text("2");
    assert_eq!(chat.conv.lang, Lang::En);
}

#[test]
fn a_typed_number_selects_the_same_as_pressing_the_button() {
    let mut pressed = Chat::new();
    pressed.text("/tip");
    pressed.press("category:corruption");

    for typed in ["1", "๑", "1.", "เรื่องร้องเรียนการทุจริต"] {
        let mut numbered = Chat::new();
        numbered.text("/tip");
        numbered.text(typed);
        assert_eq!(numbered.conv.flow, pressed.conv.flow, "typed {typed}");
    }
}

#[test]
fn the_plain_fallback_numbers_choices_and_leaves_shortcuts_to_the_text() {
    let choices = Message::choices(
        Lang::Th,
        "กรุณาเลือก",
        vec![Button::new("ไม่ระบุตัวตน", "anonymous"), Button::new("ระบุชื่อ", "named")],
    );
    assert_eq!(
        choices.plain_fallback(),
        "กรุณาเลือก\n\n1. ไม่ระบุตัวตน\n2. ระบุชื่อ\n\nกรุณาพิมพ์หมายเลขเพื่อเลือก"
    );
    let shortcuts = Message::shortcuts(Lang::En, "Type - to skip.", vec![Button::new("Skip", "skip")]);
    assert_eq!(shortcuts.plain_fallback(), "Type - to skip.");
}

#[test]
fn a_typed_number_on_a_step_that_reads_numbers_is_not_taken_as_a_button() {
    let mut chat = Chat::officer();
    chat.text("/report");
    chat.answer(sujarit_bot::Answer::MyItems(sujarit_bot::MyItems {
        round: Some(round()),
        items: vec![item(ITEM, "1.1", sujarit_bot::SubmissionState::NotStarted)],
    }));
    chat.press(&format!("item:{ITEM}"));
    chat.press("status:in_progress");
    // The amount step shows shortcut buttons (no budget needed, skip); "1" is one baht.
    chat.text("1");
    chat.text("0");
    chat.text("-");
    chat.text("-");
    chat.press("done");
    let effects = chat.press("save");
    let (command, _) = the_command(&effects);
    assert!(
        body(&command).contains(r#""disbursed":{"kind":"amount","satang":100}"#),
        "{}",
        body(&command)
    );
}

#[test]
fn an_unknown_command_is_named_and_the_flow_goes_on() {
    let mut chat = Chat::new();
    chat.text("/tip");
    let effects = chat.text("/foo");
    assert!(said(&effects).contains("/foo"));
    assert!(matches!(chat.conv.flow, Flow::Tip(_)));
}

#[test]
fn a_tick_after_thirty_idle_minutes_resets_the_flow_and_says_so() {
    let mut chat = Chat::new();
    chat.text("/tip");
    chat.wait_minutes(29);
    let effects = chat.input(Input::Tick { now: chat.now });
    assert!(effects.is_empty());
    assert!(matches!(chat.conv.flow, Flow::Tip(_)));

    chat.wait_minutes(2);
    let effects = chat.input(Input::Tick { now: chat.now });
    assert_eq!(chat.conv.flow, Flow::Idle);
    assert!(said(&effects).contains("30 นาที"), "{}", said(&effects));
}

#[test]
fn the_next_input_after_thirty_idle_minutes_resets_the_flow_instead_of_answering_it() {
    let mut chat = Chat::new();
    chat.text("/tip");
    chat.wait_minutes(31);
    let effects = chat.press("category:corruption");
    assert_eq!(chat.conv.flow, Flow::Idle);
    assert!(said(&effects).contains("30 นาที"));
    assert!(
        buttons(&effects).contains(&"cmd:tip".to_string()),
        "the main menu follows"
    );
}

#[test]
fn a_command_after_a_timeout_still_runs() {
    let mut chat = Chat::new();
    chat.text("/tip");
    chat.wait_minutes(45);
    let effects = chat.text("/status");
    assert!(said(&effects).contains("30 นาที"));
    assert!(said(&effects).contains("รหัสติดตามเรื่อง"));
    assert!(matches!(chat.conv.flow, Flow::FollowUp(_)));
}

#[test]
fn cancel_with_nothing_under_way_says_so() {
    let mut chat = Chat::new();
    assert!(said(&chat.text("/cancel")).contains("ไม่มีรายการที่ต้องยกเลิก"));
}

#[test]
fn starting_another_command_abandons_the_unfinished_flow_and_says_so() {
    let mut chat = Chat::new();
    chat.text("/tip");
    let effects = chat.text("/status");
    assert!(said(&effects).contains("ยกเลิกรายการที่ทำค้างไว้ก่อนหน้าแล้ว"));
    assert!(matches!(chat.conv.flow, Flow::FollowUp(_)));
}

#[test]
fn a_photo_when_none_is_expected_is_refused_politely() {
    let mut chat = Chat::new();
    let effects = chat.photo("tg-file-1", 1000);
    assert!(said(&effects).contains("ยังไม่อยู่ในขั้นตอนที่รับรูปภาพ"));
}

#[test]
fn stray_outcomes_while_idle_are_ignored() {
    let mut chat = Chat::new();
    let before = chat.conv.clone();
    assert!(chat.accepted().is_empty());
    assert_eq!(chat.conv, before);
}

#[test]
fn staff_commands_ask_an_unlinked_chat_to_link_first() {
    let mut chat = Chat::new();
    for command in ["/items", "/report", "/round", "/review", "/queue", "/plan"] {
        let effects = chat.text(command);
        assert!(said(&effects).contains("/link"), "{command}: {}", said(&effects));
        assert_eq!(chat.conv.flow, Flow::Idle);
        assert!(asked(&effects).is_empty());
    }
}

#[test]
fn the_main_menu_offers_what_the_person_can_do() {
    let mut citizen = Chat::new();
    let menu = buttons(&citizen.text("/start"));
    assert!(menu.contains(&"cmd:tip".to_string()) && menu.contains(&"cmd:link".to_string()));
    assert!(!menu.contains(&"cmd:review".to_string()));

    let mut secretariat = Chat::secretariat();
    let menu = buttons(&secretariat.text("/start"));
    for command in ["cmd:review", "cmd:queue", "cmd:round", "cmd:plan", "cmd:digest"] {
        assert!(menu.contains(&command.to_string()), "{command} in {menu:?}");
    }
    assert!(!menu.contains(&"cmd:link".to_string()));

    let mut officer = Chat::linked(&[Role::Officer]);
    let menu = buttons(&officer.text("/start"));
    assert!(menu.contains(&"cmd:items".to_string()) && !menu.contains(&"cmd:review".to_string()));
}

#[test]
fn a_menu_button_runs_its_command() {
    let mut chat = Chat::new();
    chat.text("/start");
    chat.press("cmd:tip");
    assert!(matches!(chat.conv.flow, Flow::Tip(_)));
}

#[test]
fn a_state_from_json_continues_exactly_like_the_one_in_memory() {
    let mut chat = Chat::new();
    chat.text("/tip");
    chat.press("category:general");
    chat.text("เทศบาลตำบลบ้านใหม่");
    let json = chat.state_json();
    let restored: Conversation = serde_json::from_str(&json).unwrap();
    let input = Input::Text("ถนนชำรุดมานานแล้วไม่ซ่อม".into());
    let in_memory = step(&chat.conv, input.clone(), chat.now);
    let after_restart = step(&restored, input, chat.now);
    assert_eq!(in_memory, after_restart);
    assert!(matches!(after_restart.0.flow, Flow::Tip(ref tip) if tip.step == TipStep::Location));
}

#[test]
fn inputs_and_outcomes_have_a_json_form_for_adapters_that_queue_them() {
    let inputs = vec![
        Input::from_text("/link ABC"),
        Input::Photo {
            file_ref: "f".into(),
            bytes: 1,
        },
        Input::Outcome(sujarit_bot::Outcome::Filed {
            reply: accepted(),
            receipt_code: Some(code()),
        }),
    ];
    for input in inputs {
        let json = serde_json::to_string(&input).unwrap();
        assert_eq!(serde_json::from_str::<Input>(&json).unwrap(), input, "{json}");
    }
}

#[test]
fn a_linked_person_mutes_notifications_for_some_days_and_turns_them_back_on() {
    // Given an officer linked to the chat
    let mut chat = Chat::officer();
    // When they type /mute ๓ (Thai digits)
    let (command, actor) = the_command(&chat.text("/mute ๓"));
    // Then their preference goes to the ledger as themselves, muted for three days
    assert_eq!(actor, sujarit_contracts::Actor::Person(PERSON));
    let json: serde_json::Value = serde_json::from_str(&body(&command)).unwrap();
    assert_eq!(json["person_id"], PERSON.to_string());
    let until: chrono::DateTime<chrono::Utc> = serde_json::from_value(json["muted_until"].clone()).unwrap();
    assert_eq!(until, chat.now + chrono::Duration::days(3));
    assert_eq!(json["lang"], serde_json::Value::Null, "the language is left as it is");
    // and once it is recorded they are told until when, and how to undo it
    let told = said(&chat.accepted());
    assert!(told.contains("23 มี.ค.") && told.contains("/unmute"), "{told}");
    assert_eq!(chat.conv.flow, Flow::Idle);

    // When they type /unmute, the mute ends
    let (command, _) = the_command(&chat.text("/unmute"));
    assert!(body(&command).contains("\"muted_until\":null"), "{}", body(&command));
    assert!(said(&chat.accepted()).contains("เปิดการแจ้งเตือนแล้ว"));
}

#[test]
fn mute_needs_a_linked_account_and_a_sensible_number_of_days() {
    let mut stranger = Chat::new();
    let effects = stranger.text("/mute");
    assert!(sent(&effects).is_empty());
    assert!(said(&effects).contains("/link"), "{}", said(&effects));

    let mut officer = Chat::officer();
    for bad in ["/mute สามวัน", "/mute 0", "/mute 365", "/mute -2"] {
        let effects = officer.text(bad);
        assert!(sent(&effects).is_empty(), "{bad}");
        assert!(said(&effects).contains("1 ถึง 90"), "{bad}: {}", said(&effects));
    }
    officer.text("/lang en");
    let effects = officer.text("/mute 120");
    assert!(said(&effects).contains("from 1 to 90"), "{}", said(&effects));
    // A default of one day, and a refusal from the ledger is shown as it is.
    let (command, _) = the_command(&officer.text("/mute"));
    assert!(body(&command).contains("2024-03-21T03:00:00Z"), "{}", body(&command));
    let refused = said(&officer.rejected(ErrorCode::Forbidden, "ไม่มีสิทธิ์", "not allowed"));
    assert!(refused.contains("not allowed"), "{refused}");
}

#[test]
fn a_linked_person_who_switches_language_gets_notifications_in_it_and_keeps_their_mute() {
    // Given a linked officer with nothing under way
    let mut chat = Chat::officer();
    // When they switch to English
    let effects = chat.text("/lang en");
    // Then the chat answers in English and their notification language goes to the ledger
    assert!(said(&effects).contains("Switched to English"), "{}", said(&effects));
    let (command, actor) = the_command(&effects);
    assert_eq!(actor, sujarit_contracts::Actor::Person(PERSON));
    let json: serde_json::Value = serde_json::from_str(&body(&command)).unwrap();
    assert_eq!(
        (json["lang"].as_str(), json["keep_mute"].as_bool()),
        (Some("en"), Some(true))
    );
    // and the ledger's reply changes nothing in the conversation
    let effects = chat.accepted();
    assert!(said(&effects).is_empty(), "{}", said(&effects));
    assert_eq!(chat.conv.flow, Flow::Idle);

    // Someone not linked only switches the chat.
    let mut citizen = Chat::new();
    assert!(sent(&citizen.text("/lang en")).is_empty());
    // Nor is anything sent while a flow waits or runs (its reply must not be mistaken).
    let mut busy = Chat::officer();
    busy.text("/tip");
    assert!(sent(&busy.text("/lang en")).is_empty());
}
