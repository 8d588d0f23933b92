//! Officer flows: my items, reporting progress step by step, over-budget confirmation, returned
//! items, editing before the due date, my agency's status.

use chrono::{TimeZone, Utc};
use sujarit_bot::{
    AgencyStatus, Answer, Ask, Effect, Flow, MyItem, MyItems, Outcome, ReportStep, RoundStatus, SubmissionState,
};
use sujarit_contracts::plan::Budget;
use sujarit_contracts::round::{NotCarriedOutReason, ProgressStatus, RoundCommand, SubmissionContent};
use sujarit_contracts::{Actor, Command, ErrorCode, Text};

use crate::support::*;

/// `/report` (or another listing command) answered with these items.
fn list(chat: &mut Chat, command: &str, items: Vec<MyItem>) -> Vec<Effect> {
    let effects = chat.text(command);
    assert_eq!(
        asked(&effects),
        vec![Ask::MyItems {
            round_id: None,
            org_unit_id: ORG
        }]
    );
    chat.answer(Answer::MyItems(MyItems {
        round: Some(round()),
        items,
    }))
}

fn step_of(chat: &Chat) -> ReportStep {
    match &chat.conv.flow {
        Flow::Report(report) => report.step.clone(),
        other => panic!("not reporting: {other:?}"),
    }
}

fn round_command(effects: &[Effect]) -> RoundCommand {
    match the_command(effects) {
        (Command::Round(command), Actor::Person(PERSON)) => command,
        other => panic!("not a round command by the officer: {other:?}"),
    }
}

/// Walks a new item up to the review: completed, this amount, Q1–Q2, texts, one photo.
fn report_until_review(chat: &mut Chat, amount: &str) {
    list(chat, "/report", vec![item(ITEM, "1.1", SubmissionState::NotStarted)]);
    chat.press(&format!("item:{ITEM}"));
    chat.press("status:completed");
    chat.text(amount);
    chat.text("1,2");
    chat.text("ร้อยละ 100 ของเป้าหมาย");
    chat.text("จัดอบรมเจ้าหน้าที่ 2 ครั้ง");
    chat.press("done");
    assert_eq!(step_of(chat), ReportStep::Review);
}

#[test]
fn reporting_an_item_step_by_step_saves_then_submits_with_a_thai_digit_amount() {
    let mut chat = Chat::officer();
    let effects = list(
        &mut chat,
        "/report",
        vec![item(ITEM, "1.1", SubmissionState::NotStarted)],
    );
    assert!(said(&effects).contains("กำหนดส่ง 5 เม.ย. 2567"), "{}", said(&effects));
    assert_eq!(buttons(&effects), vec![format!("item:{ITEM}")]);

    let effects = chat.press(&format!("item:{ITEM}"));
    assert!(said(&effects).contains("กรุณาเลือกสถานะการดำเนินงาน"));
    assert_eq!(
        buttons(&effects),
        vec!["status:in_progress", "status:completed", "status:not_carried_out"]
    );

    let effects = chat.press("status:completed");
    assert!(said(&effects).contains("20,000.00 บาท"), "the prompt shows the budget");
    chat.text("๑๕,๐๐๐.-");
    assert!(said(&chat.text("1,2")).contains("ตัวชี้วัด"));
    chat.text("ร้อยละ 100 ของเป้าหมาย");
    let effects = chat.text("จัดอบรมเจ้าหน้าที่ 2 ครั้ง");
    assert!(said(&effects).contains("รูปภาพหลักฐาน"));

    let effects = chat.photo("tg-photo-1", 2_000_000);
    assert_eq!(
        effects,
        vec![Effect::StoreEvidence {
            file_ref: "tg-photo-1".into(),
            case_id: None
        }]
    );
    let effects = chat.outcome(Outcome::Evidence {
        reference: "evidence/0190-abc".into(),
    });
    assert!(said(&effects).contains("รวม 1 ไฟล์"));

    let effects = chat.press("done");
    let review = said(&effects);
    for expected in ["ดำเนินการแล้ว", "15,000.00 บาท", "ไตรมาส 1, 2", "ร้อยละ 100", "1 ไฟล์"]
    {
        assert!(review.contains(expected), "{expected} in {review}");
    }
    assert_eq!(buttons(&effects), vec!["submit", "save", "edit", "cancel"]);

    let effects = chat.press("submit");
    let RoundCommand::SaveSubmission(save) = round_command(&effects) else {
        panic!("not a save");
    };
    assert_eq!(
        (save.round_id, save.item_id, save.confirm_over_budget),
        (ROUND, ITEM, false)
    );
    assert_eq!(
        save.content,
        SubmissionContent {
            status: ProgressStatus::Completed,
            disbursed: Budget::Amount { satang: 1_500_000 },
            quarters_done: [true, true, false, false],
            indicator_result: Some("ร้อยละ 100 ของเป้าหมาย".into()),
            narrative: Some("จัดอบรมเจ้าหน้าที่ 2 ครั้ง".into()),
            evidence: vec!["evidence/0190-abc".into()],
            remark: None,
            not_carried_out_reason: None,
        }
    );

    let effects = chat.accepted();
    let RoundCommand::SubmitSubmission(submit) = round_command(&effects) else {
        panic!("not a submit");
    };
    assert_eq!((submit.round_id, submit.item_id), (ROUND, ITEM));

    let effects = chat.accepted();
    assert!(said(&effects).contains("ส่งรายงานรายการ 1.1 เรียบร้อยแล้ว"));
    assert!(!said(&effects).contains("ล่าช้า"));
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn an_over_budget_refusal_asks_to_confirm_and_resends_with_the_confirmation() {
    let mut chat = Chat::officer();
    report_until_review(&mut chat, "25,000");
    let effects = chat.press("submit");
    let RoundCommand::SaveSubmission(save) = round_command(&effects) else {
        panic!("not a save");
    };
    assert!(!save.confirm_over_budget);

    let effects = chat.rejected(
        ErrorCode::Validation,
        "รายการ 1.1 เบิกจ่าย 25,000.00 บาท เกินงบประมาณ 20,000.00 บาท หากถูกต้อง (เช่น ถัวจ่ายจากกิจกรรมอื่น) กรุณายืนยันการเบิกจ่ายเกินงบประมาณ",
        "item 1.1 disbursed 25,000.00 baht, more than its budget of 20,000.00 baht; confirm the overspend if it is right",
    );
    assert!(said(&effects).contains("เกินงบประมาณ 20,000.00 บาท"));
    assert_eq!(buttons(&effects), vec!["confirm", "edit_amount", "cancel"]);
    assert!(matches!(
        step_of(&chat),
        ReportStep::ConfirmOverBudget { submit: true, .. }
    ));

    let effects = chat.press("confirm");
    let RoundCommand::SaveSubmission(save) = round_command(&effects) else {
        panic!("not a save");
    };
    assert!(save.confirm_over_budget);
    assert_eq!(save.content.disbursed, Budget::Amount { satang: 2_500_000 });

    let effects = chat.accepted();
    assert!(matches!(round_command(&effects), RoundCommand::SubmitSubmission(_)));
    chat.accepted();
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn changing_the_amount_after_an_over_budget_refusal_goes_back_to_the_review() {
    let mut chat = Chat::officer();
    report_until_review(&mut chat, "25,000");
    chat.press("save");
    chat.rejected(
        ErrorCode::Validation,
        "เกินงบประมาณ กรุณายืนยัน",
        "more than its budget; confirm the overspend if it is right",
    );
    let effects = chat.text("2");
    assert!(
        said(&effects).contains("จำนวนเงินที่เบิกจ่าย"),
        "typing 2 picks 'change the amount'"
    );
    let effects = chat.text("20,000");
    assert!(said(&effects).contains("20,000.00 บาท"));
    assert_eq!(step_of(&chat), ReportStep::Review);
    let effects = chat.press("save");
    let RoundCommand::SaveSubmission(save) = round_command(&effects) else {
        panic!("not a save");
    };
    assert!(!save.confirm_over_budget);
    assert!(said(&chat.accepted()).contains("บันทึกร่างรายการ 1.1 แล้ว"));
}

#[test]
fn any_other_refusal_is_shown_in_the_persons_language_and_the_review_comes_back() {
    let mut chat = Chat::officer();
    chat.text("/lang en");
    report_until_review(&mut chat, "10,000");
    chat.press("submit");
    let effects = chat.rejected(
        ErrorCode::Conflict,
        "ปิดรับการรายงานแล้ว",
        "entry for this round is closed",
    );
    assert!(said(&effects).contains("entry for this round is closed"));
    assert!(!said(&effects).contains("ปิดรับ"));
    assert_eq!(step_of(&chat), ReportStep::Review);
}

#[test]
fn a_returned_submission_shows_its_reason_and_opens_at_the_review_with_what_was_saved() {
    let mut chat = Chat::officer();
    let mut returned = item(
        ITEM,
        "2.3",
        SubmissionState::Returned {
            reason: "ภาพถ่ายกิจกรรมไม่ครบ".into(),
        },
    );
    returned.content = Some(SubmissionContent {
        status: ProgressStatus::InProgress,
        disbursed: Budget::Amount { satang: 500_000 },
        quarters_done: [true, false, false, false],
        indicator_result: None,
        narrative: Some("อยู่ระหว่างจัดซื้อ".into()),
        evidence: vec![],
        remark: None,
        not_carried_out_reason: None,
    });
    let accepted_item = item(ITEM2, "2.4", SubmissionState::Accepted);
    let effects = list(&mut chat, "/returned", vec![returned, accepted_item]);
    let listed = said(&effects);
    assert!(
        listed.contains("2.3") && listed.contains("เหตุผลที่ส่งกลับ: ภาพถ่ายกิจกรรมไม่ครบ"),
        "{listed}"
    );
    assert!(!listed.contains("2.4"), "only returned items are listed");

    let effects = chat.press(&format!("item:{ITEM}"));
    let text = said(&effects);
    assert!(text.contains("ภาพถ่ายกิจกรรมไม่ครบ") && text.contains("5,000.00 บาท") && text.contains("อยู่ระหว่างจัดซื้อ"));
    assert_eq!(step_of(&chat), ReportStep::Review);

    chat.press("edit");
    chat.press("field:photos");
    chat.photo("tg-photo-9", 10);
    chat.outcome(Outcome::Evidence {
        reference: "evidence/9".into(),
    });
    chat.press("done");
    let effects = chat.press("submit");
    let RoundCommand::SaveSubmission(save) = round_command(&effects) else {
        panic!("not a save");
    };
    assert_eq!(save.content.evidence, vec!["evidence/9".to_string()]);
    assert_eq!(save.content.narrative.as_deref(), Some("อยู่ระหว่างจัดซื้อ"));
}

#[test]
fn editing_a_draft_before_the_due_date_changes_one_field_and_returns_to_the_review() {
    let mut chat = Chat::officer();
    let mut draft = item(ITEM, "1.1", SubmissionState::Draft);
    draft.content = Some(SubmissionContent {
        status: ProgressStatus::InProgress,
        disbursed: Budget::NotStated,
        quarters_done: [false; 4],
        indicator_result: None,
        narrative: None,
        evidence: vec![],
        remark: None,
        not_carried_out_reason: None,
    });
    list(&mut chat, "/items", vec![draft]);
    chat.press(&format!("item:{ITEM}"));
    let effects = chat.press("edit");
    assert!(buttons(&effects).contains(&"field:quarters".to_string()));
    let effects = chat.press("field:quarters");
    assert!(said(&effects).contains("รอบนี้ถึงไตรมาส 2"));
    let effects = chat.text("๑");
    assert!(said(&effects).contains("ไตรมาส 1"));
    assert_eq!(step_of(&chat), ReportStep::Review);
    let effects = chat.press("save");
    let RoundCommand::SaveSubmission(save) = round_command(&effects) else {
        panic!("not a save");
    };
    assert_eq!(save.content.quarters_done, [true, false, false, false]);
    assert_eq!(save.content.status, ProgressStatus::InProgress);
    let effects = chat.accepted();
    assert!(said(&effects).contains("ยังไม่ได้ส่ง"));
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn items_lists_every_item_with_where_it_stands_and_offers_only_those_still_open() {
    let mut chat = Chat::officer();
    let effects = list(
        &mut chat,
        "/items",
        vec![
            item(ITEM, "1.1", SubmissionState::Submitted { late: true }),
            item(ITEM2, "1.2", SubmissionState::NotStarted),
        ],
    );
    let text = said(&effects);
    assert!(
        text.contains("ส่งแล้ว (หลังกำหนด) รอตรวจ") && text.contains("ยังไม่รายงาน"),
        "{text}"
    );
    assert_eq!(buttons(&effects), vec![format!("item:{ITEM2}")]);
}

#[test]
fn after_entry_closes_items_are_listed_but_not_offered() {
    let mut chat = Chat::officer();
    chat.now = Utc.with_ymd_and_hms(2024, 4, 20, 3, 0, 0).unwrap();
    let effects = list(&mut chat, "/report", vec![item(ITEM, "1.1", SubmissionState::Draft)]);
    assert!(said(&effects).contains("ปิดรับการรายงานแล้ว"));
    assert!(buttons(&effects).is_empty());
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn submitting_after_the_due_date_says_it_is_recorded_as_late() {
    let mut chat = Chat::officer();
    chat.now = Utc.with_ymd_and_hms(2024, 4, 8, 3, 0, 0).unwrap();
    report_until_review(&mut chat, "0");
    chat.press("submit");
    chat.accepted();
    assert!(said(&chat.accepted()).contains("ส่งล่าช้า"));
}

#[test]
fn wrong_input_is_explained_naming_what_was_wrong_and_the_question_asked_again() {
    let mut chat = Chat::officer();
    list(
        &mut chat,
        "/report",
        vec![item(ITEM, "1.1", SubmissionState::NotStarted)],
    );
    chat.press(&format!("item:{ITEM}"));
    chat.press("status:in_progress");

    let effects = chat.text("ห้าพันบาท");
    assert!(
        said(&effects).contains("\"ห้าพันบาท\" ไม่ใช่จำนวนเงิน"),
        "{}",
        said(&effects)
    );
    assert_eq!(step_of(&chat), ReportStep::Disbursed);
    chat.text("5,000");

    let effects = chat.text("5");
    assert!(said(&effects).contains("ไตรมาสต้องเป็นเลข 1 ถึง 4"));
    let effects = chat.text("3");
    assert!(said(&effects).contains("รอบนี้รายงานถึงไตรมาส 2"), "H1 covers Q1–Q2");
    assert_eq!(step_of(&chat), ReportStep::Quarters);
    chat.text("2");

    let effects = chat.text(&"ก".repeat(5_001));
    assert!(said(&effects).contains("ข้อความยาวเกินไป (5,001 ตัวอักษร) กรุณาย่อให้ไม่เกิน 5,000 ตัวอักษร"));
    assert_eq!(step_of(&chat), ReportStep::Indicator);
    chat.press("skip");
    chat.press("skip");

    let effects = chat.photo("tg-big", 11 * 1024 * 1024);
    assert!(said(&effects).contains("11.0 MB เกินกำหนด 10 MB"), "{}", said(&effects));
    assert!(!effects
        .iter()
        .any(|effect| matches!(effect, Effect::StoreEvidence { .. })));

    chat.text("/lang en");
    let effects = chat.text("lots");
    assert!(said(&effects).contains("Please send photos"));
}

#[test]
fn not_carried_out_asks_why_and_sends_the_reason() {
    let mut chat = Chat::officer();
    list(
        &mut chat,
        "/report",
        vec![item(ITEM, "1.1", SubmissionState::NotStarted)],
    );
    chat.press(&format!("item:{ITEM}"));
    let effects = chat.text("ไม่สามารถดำเนินการได้");
    assert_eq!(
        buttons(&effects),
        vec![
            "reason:no_budget",
            "reason:policy_changed",
            "reason:not_enough_staff",
            "reason:other"
        ]
    );
    let effects = chat.press("reason:other");
    assert!(said(&effects).contains("กรุณาพิมพ์เหตุผล"));
    chat.text("น้ำท่วมพื้นที่ดำเนินการ");
    chat.text("-");
    chat.text("0");
    chat.press("skip");
    chat.press("skip");
    chat.press("done");
    let effects = chat.press("submit");
    let RoundCommand::SaveSubmission(save) = round_command(&effects) else {
        panic!("not a save");
    };
    assert_eq!(save.content.status, ProgressStatus::NotCarriedOut);
    assert_eq!(save.content.disbursed, Budget::NotNeeded);
    assert_eq!(
        save.content.not_carried_out_reason,
        Some(NotCarriedOutReason::Other {
            text: "น้ำท่วมพื้นที่ดำเนินการ".into()
        })
    );
}

#[test]
fn cancel_in_the_middle_of_a_report_returns_to_idle_and_sends_nothing() {
    let mut chat = Chat::officer();
    list(
        &mut chat,
        "/report",
        vec![item(ITEM, "1.1", SubmissionState::NotStarted)],
    );
    chat.press(&format!("item:{ITEM}"));
    chat.press("status:completed");
    let effects = chat.text("/cancel");
    assert!(sent(&effects).is_empty());
    assert!(said(&effects).contains("ยกเลิกรายการแล้ว"));
    assert_eq!(chat.conv.flow, Flow::Idle);
    assert!(sent(&chat.text("15000")).is_empty());
}

#[test]
fn a_report_left_for_thirty_minutes_times_out_and_the_late_answer_is_not_taken() {
    let mut chat = Chat::officer();
    list(
        &mut chat,
        "/report",
        vec![item(ITEM, "1.1", SubmissionState::NotStarted)],
    );
    chat.press(&format!("item:{ITEM}"));
    chat.press("status:completed");
    chat.wait_minutes(31);
    let effects = chat.text("15000");
    assert!(said(&effects).contains("30 นาที"));
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn typing_while_a_save_is_under_way_asks_to_wait() {
    let mut chat = Chat::officer();
    report_until_review(&mut chat, "1000");
    chat.press("submit");
    let effects = chat.text("ส่งหรือยัง");
    assert!(said(&effects).contains("กรุณารอสักครู่"));
    assert!(sent(&effects).is_empty());
    assert!(matches!(step_of(&chat), ReportStep::Saving { submit: true }));
}

#[test]
fn a_failed_send_is_explained_and_the_review_comes_back() {
    let mut chat = Chat::officer();
    report_until_review(&mut chat, "1000");
    chat.press("submit");
    let effects = chat.outcome(Outcome::Failed {
        code: ErrorCode::Unavailable,
        message: Text::new("ระบบขัดข้องชั่วคราว", "temporarily unavailable"),
    });
    assert!(said(&effects).contains("ระบบขัดข้องชั่วคราว"));
    assert_eq!(buttons(&effects), vec!["submit", "save", "edit", "cancel"]);
}

#[test]
fn an_officer_sees_their_own_agencys_status_for_the_round() {
    let mut chat = Chat::officer();
    let effects = chat.text("/round");
    assert_eq!(asked(&effects), vec![Ask::RoundStatus { round_id: None }]);
    let effects = chat.answer(Answer::RoundStatus(Some(RoundStatus {
        round: round(),
        agencies: vec![
            AgencyStatus {
                org_unit_id: Some(ORG),
                name: "สำนักงานจังหวัด".into(),
                items: 5,
                submitted: 3,
                late: 1,
                missing: 2,
                returned: 1,
            },
            AgencyStatus {
                org_unit_id: Some(uuid::Uuid::from_u128(99)),
                name: "สำนักงานพัฒนาชุมชน".into(),
                items: 2,
                submitted: 2,
                late: 0,
                missing: 0,
                returned: 0,
            },
        ],
        to_review: vec![],
    })));
    let text = said(&effects);
    assert!(
        text.contains("สำนักงานจังหวัด: ส่งแล้ว 3/5 รายการ ล่าช้า 1 ยังไม่ส่ง 2 (ส่งกลับแก้ไข 1)"),
        "{text}"
    );
    assert!(!text.contains("สำนักงานพัฒนาชุมชน"));
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn no_open_round_is_said_plainly() {
    let mut chat = Chat::officer();
    chat.text("/items");
    let effects = chat.answer(Answer::MyItems(MyItems {
        round: None,
        items: vec![],
    }));
    assert!(said(&effects).contains("ไม่มีรอบการรายงานที่เปิดอยู่"));
    assert_eq!(chat.conv.flow, Flow::Idle);
}
