//! Linking a chat account with a one-time invite code.

use sujarit_bot::{Answer, Ask, Flow, Identity, Linking, Outcome, PersonView};
use sujarit_contracts::people::Role;
use sujarit_contracts::{ErrorCode, Text};

use crate::support::*;

fn person() -> PersonView {
    PersonView {
        person_id: PERSON,
        name: "สมศรี มีสุข".into(),
        roles: vec![Role::Officer],
        org_unit_id: Some(ORG),
        org_unit_name: Some("สำนักงานจังหวัดลำพูน".into()),
    }
}

#[test]
fn linking_with_an_invite_code_makes_the_chat_speak_for_the_person() {
    let mut chat = Chat::new();
    let effects = chat.text("/link INV-4821");
    assert_eq!(
        asked(&effects),
        vec![Ask::Redeem {
            invite_code: "INV-4821".into()
        }]
    );

    let effects = chat.answer(Answer::Linked(person()));
    assert_eq!(
        chat.conv.identity,
        Identity::Person {
            person_id: PERSON,
            roles: vec![Role::Officer],
            org_unit_id: Some(ORG),
            name: "สมศรี มีสุข".into(),
        }
    );
    let text = said(&effects);
    assert!(
        text.contains("เชื่อมบัญชีเรียบร้อยแล้ว") && text.contains("สมศรี มีสุข"),
        "{text}"
    );
    assert!(text.contains("เจ้าหน้าที่หน่วยงาน") && text.contains("สำนักงานจังหวัดลำพูน"));
    assert!(buttons(&effects).contains(&"cmd:items".to_string()));
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn link_without_a_code_asks_for_it_and_redeems_what_is_typed() {
    let mut chat = Chat::new();
    assert!(said(&chat.text("/link")).contains("รหัสเชิญ"));
    let effects = chat.text(" INV-4821 ");
    assert_eq!(
        asked(&effects),
        vec![Ask::Redeem {
            invite_code: "INV-4821".into()
        }]
    );
}

#[test]
fn a_start_deep_link_with_a_code_links_too() {
    let mut chat = Chat::new();
    let effects = chat.text("/start INV-4821");
    assert_eq!(
        asked(&effects),
        vec![Ask::Redeem {
            invite_code: "INV-4821".into()
        }]
    );
    chat.answer(Answer::Linked(person()));
    assert_eq!(chat.conv.identity.person_id(), Some(PERSON));
}

#[test]
fn a_refused_invite_code_is_explained_and_asked_for_again() {
    let mut chat = Chat::new();
    chat.text("/link OLD-CODE");
    let effects = chat.outcome(Outcome::Failed {
        code: ErrorCode::NotFound,
        message: Text::new("รหัสเชิญไม่ถูกต้องหรือหมดอายุ", "the invite code is wrong or expired"),
    });
    assert!(said(&effects).contains("รหัสเชิญไม่ถูกต้องหรือหมดอายุ"));
    assert_eq!(chat.conv.flow, Flow::Linking(Linking::AwaitingCode));
    assert_eq!(chat.conv.identity, Identity::Unlinked);
    let effects = chat.text("NEW-CODE");
    assert_eq!(
        asked(&effects),
        vec![Ask::Redeem {
            invite_code: "NEW-CODE".into()
        }]
    );
}

#[test]
fn typing_while_the_code_is_redeemed_asks_to_wait() {
    let mut chat = Chat::new();
    chat.text("/link INV-1");
    let effects = chat.text("hello?");
    assert!(said(&effects).contains("กรุณารอสักครู่"));
    assert!(asked(&effects).is_empty());
}

#[test]
fn cancel_while_linking_returns_to_idle_and_a_late_answer_changes_nothing() {
    let mut chat = Chat::new();
    chat.text("/link INV-1");
    assert!(said(&chat.text("/cancel")).contains("ยกเลิกรายการแล้ว"));
    assert_eq!(chat.conv.flow, Flow::Idle);
    chat.answer(Answer::Linked(person()));
    assert_eq!(chat.conv.identity, Identity::Unlinked);
}

#[test]
fn a_link_left_waiting_for_thirty_minutes_times_out() {
    let mut chat = Chat::new();
    chat.text("/link");
    chat.wait_minutes(31);
    let effects = chat.text("INV-1");
    assert!(said(&effects).contains("30 นาที"));
    assert!(asked(&effects).is_empty());
    assert_eq!(chat.conv.flow, Flow::Idle);
}
