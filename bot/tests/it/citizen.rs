//! Citizen flows: anonymous tips and complaints, the receipt code shown once, following a case up
//! with the code (status, answering a question, adding evidence).

use sujarit_bot::{
    Answer, Ask, CaseQuestion, CaseStatus, CaseView, Effect, Flow, FollowUpStep, Outcome, TipFiling, TipStep,
};
use sujarit_contracts::complaint::{Category, Channel, ComplaintCommand, ReceiptCode, ReporterIdentity};
use sujarit_contracts::people::Role;
use sujarit_contracts::{Actor, Command, ErrorCode, Reply, Text};

use crate::support::*;

/// The code as the ledger reads it back, and any part of it long enough to recognise.
const CODE_PARTS: [&str; 3] = ["K7QM-2XWP-9RTD-4HVN", "K7QM2XWP9RTD4HVN", "9RTD"];

fn filing(effects: &[Effect]) -> TipFiling {
    let filings: Vec<&TipFiling> = effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::File(filing) => Some(filing),
            _ => None,
        })
        .collect();
    assert_eq!(filings.len(), 1, "expected one filing in {effects:#?}");
    filings[0].clone()
}

/// A tip walked to its review.
fn tip_until_review(chat: &mut Chat) {
    chat.text("/tip");
    chat.press("category:corruption");
    chat.text("องค์การบริหารส่วนตำบลบ้านใหม่");
    chat.text("เจ้าหน้าที่เรียกรับเงินเพื่ออนุมัติใบอนุญาตก่อสร้าง รายละ 5,000 บาท");
    chat.text("-");
    chat.photo("tg-file-AgADBAAD", 300_000);
    chat.press("done");
    assert!(matches!(chat.conv.flow, Flow::Tip(ref tip) if tip.step == TipStep::Review));
}

fn assert_no_code(chat: &Chat) {
    let json = chat.state_json();
    for part in CODE_PARTS {
        assert!(!json.contains(part), "state holds the code: {json}");
    }
}

#[test]
fn an_anonymous_tip_shows_the_receipt_code_once_and_keeps_it_nowhere() {
    let mut chat = Chat::new();
    let mut everything_said = String::new();
    let effects = chat.text("/tip");
    everything_said += &said(&effects);
    assert_eq!(buttons(&effects), vec!["category:corruption", "category:general"]);
    chat.press("category:corruption");
    chat.text("องค์การบริหารส่วนตำบลบ้านใหม่");
    chat.text("เจ้าหน้าที่เรียกรับเงินเพื่ออนุมัติใบอนุญาตก่อสร้าง");
    chat.press("skip");
    let effects = chat.photo("tg-file-AgADBAAD", 300_000);
    assert!(said(&effects).contains("รวม 1 ไฟล์"));
    assert!(
        effects.iter().all(|effect| matches!(effect, Effect::Reply(_))),
        "tip photos are stored at filing"
    );
    let effects = chat.press("done");
    let review = said(&effects);
    assert!(
        review.contains("ผู้แจ้ง: ไม่ระบุตัวตน") && review.contains("รูปภาพ/เอกสาร: 1 ไฟล์"),
        "{review}"
    );

    let effects = chat.press("file");
    let filing = filing(&effects);
    assert_eq!(
        filing,
        TipFiling {
            channel: Channel::Telegram,
            category: Category::Corruption,
            subject_agency: Some("องค์การบริหารส่วนตำบลบ้านใหม่".into()),
            text: "เจ้าหน้าที่เรียกรับเงินเพื่ออนุมัติใบอนุญาตก่อสร้าง".into(),
            location: None,
            reporter: None,
            photos: vec!["tg-file-AgADBAAD".into()],
        }
    );
    assert_eq!(filing.actor(), Actor::Anonymous);
    assert_no_code(&chat);

    let effects = chat.outcome(Outcome::Filed {
        reply: accepted(),
        receipt_code: Some(code()),
    });
    let shown = replies(&effects);
    assert_eq!(shown.len(), 1);
    assert!(shown[0].sensitive, "the adapter must not log or keep it");
    assert!(shown[0].text.contains(CODE) && shown[0].text.contains("เพียงครั้งเดียว"));
    assert!(shown[0].text.contains("ที่ปลอดภัย"));
    everything_said += &said(&effects);
    assert_eq!(chat.conv.flow, Flow::Idle);
    assert_no_code(&chat);

    // Nothing later shows it again.
    for typed in ["/status", "/cancel", "/start", "/help", "สวัสดี"] {
        everything_said += &said(&chat.text(typed));
        assert_no_code(&chat);
    }
    assert_eq!(everything_said.matches(CODE).count(), 1, "{everything_said}");
}

#[test]
fn an_anonymous_tip_puts_no_identity_into_any_command_it_sends() {
    // A linked officer files a tip: their person id, name, org unit and the platform's file
    // handles must not reach the ledger.
    let mut chat = Chat::linked(&[Role::Officer, Role::Secretariat]);
    let mut effects = chat.text("/tip");
    effects.extend(chat.press("category:general"));
    effects.extend(chat.text("ศูนย์ราชการจังหวัด"));
    effects.extend(chat.text("มีการแบ่งงานจ้างให้ญาติของผู้บริหาร"));
    effects.extend(chat.text("อาคารศูนย์ราชการ"));
    effects.extend(chat.photo("tg-file-AgADBAAD", 300_000));
    effects.extend(chat.press("done"));
    effects.extend(chat.press("file"));
    effects.extend(chat.outcome(Outcome::Filed {
        reply: accepted(),
        receipt_code: Some(code()),
    }));

    // Play the adapter: every command that leaves, with the actor it is sent as.
    let mut wire = Vec::new();
    for effect in &effects {
        match effect {
            Effect::Send { command, actor } => wire.push((command.subject(), body(command), actor.to_string())),
            Effect::File(filing) => {
                let command = filing.command(CASE, code(), vec![attachment(1)]);
                wire.push((command.subject(), body(&command), filing.actor().to_string()));
                wire.push(("filing".into(), serde_json::to_string(filing).unwrap(), String::new()));
            }
            _ => {}
        }
    }
    assert!(wire
        .iter()
        .any(|(subject, _, _)| subject == "sujarit.cmd.complaint.FileComplaint"));
    for (subject, body, actor) in &wire {
        assert!(actor.is_empty() || actor == "anonymous", "{subject} sent as {actor}");
        for identity in [PERSON.to_string(), ORG.to_string(), "สมชาย".into(), "ใจดี".into()] {
            assert!(!body.contains(&identity), "{subject} carries {identity}: {body}");
        }
        if subject != "filing" {
            assert!(
                !body.contains("tg-file-"),
                "{subject} carries a platform file handle: {body}"
            );
            assert!(body.contains(r#""reporter":null"#), "{body}");
        }
    }
}

#[test]
fn a_named_complaint_carries_the_reporter_as_typed_and_is_still_sent_as_anonymous() {
    let mut chat = Chat::new();
    let effects = chat.text("/complain");
    assert_eq!(buttons(&effects), vec!["anonymous", "named"]);
    chat.press("named");
    chat.text("นางสาวมาลี ดีใจ");
    chat.text("081-234-5678");
    chat.press("category:general");
    chat.text("-");
    chat.text("ถนนหน้าโรงเรียนชำรุดมาหลายเดือน");
    chat.text("หมู่ 3 ตำบลบ้านใหม่");
    chat.press("done");
    let review = said(&chat.press("edit"));
    assert!(review.contains("ต้องการแก้ไขข้อมูลใด"));
    chat.press("back");
    let filing = filing(&chat.press("file"));
    assert_eq!(
        filing.reporter,
        Some(ReporterIdentity {
            name: "นางสาวมาลี ดีใจ".into(),
            contact: Some("081-234-5678".into()),
        })
    );
    assert_eq!(filing.subject_agency, None);
    assert_eq!(filing.location.as_deref(), Some("หมู่ 3 ตำบลบ้านใหม่"));
    assert_eq!(filing.actor(), Actor::Anonymous);
    let command = filing.command(CASE, code(), vec![]);
    let Command::Complaint(ComplaintCommand::FileComplaint(file)) = command else {
        panic!("not a filing");
    };
    assert_eq!((file.case_id, file.category), (CASE, Category::General));
}

#[test]
fn switching_a_tip_to_named_from_the_review_asks_for_name_and_contact_then_returns() {
    let mut chat = Chat::new();
    tip_until_review(&mut chat);
    chat.press("edit");
    chat.press("field:identity");
    chat.press("named");
    chat.text("นายสมปอง");
    let effects = chat.press("skip");
    assert!(said(&effects).contains("ผู้แจ้ง: นายสมปอง"));
    assert!(filing(&chat.press("file")).reporter.is_some());
}

#[test]
fn a_refused_filing_says_why_shows_no_code_and_returns_to_the_review() {
    let mut chat = Chat::new();
    tip_until_review(&mut chat);
    chat.press("file");
    let effects = chat.outcome(Outcome::Filed {
        reply: Reply::Rejected {
            code: ErrorCode::Validation,
            message: Text::new("ไฟล์แนบมีชนิดที่ไม่รองรับ", "an attachment has a type that is not accepted"),
        },
        receipt_code: None,
    });
    assert!(said(&effects).contains("ไฟล์แนบมีชนิดที่ไม่รองรับ"));
    assert!(!said(&effects).contains("รหัสติดตามเรื่องของท่านคือ"));
    assert_eq!(buttons(&effects), vec!["file", "edit", "cancel"]);
}

#[test]
fn tip_input_is_checked_naming_what_was_wrong() {
    let mut chat = Chat::new();
    chat.text("/tip");
    chat.press("category:general");
    chat.text("-");
    let effects = chat.text(&"ก".repeat(20_001));
    assert!(said(&effects).contains("ข้อความยาวเกินไป (20,001 ตัวอักษร)"));
    assert!(matches!(chat.conv.flow, Flow::Tip(ref tip) if tip.step == TipStep::Text));
    chat.text("เรื่องที่เกิดขึ้น");
    chat.text("-");
    let effects = chat.photo("tg-file-big", 10 * 1024 * 1024 + 1);
    assert!(said(&effects).contains("เกินกำหนด 10 MB"));
    for n in 0..10 {
        chat.photo(&format!("tg-file-{n}"), 1000);
    }
    let effects = chat.photo("tg-file-11", 1000);
    assert!(said(&effects).contains("ได้ไม่เกิน 10 ไฟล์"));
}

#[test]
fn cancel_and_timeout_in_the_middle_of_a_tip_file_nothing() {
    let mut chat = Chat::new();
    tip_until_review(&mut chat);
    let effects = chat.text("/cancel");
    assert!(!effects.iter().any(|effect| matches!(effect, Effect::File(_))));
    assert_eq!(chat.conv.flow, Flow::Idle);
    assert!(!chat.state_json().contains("เรียกรับเงิน"), "the tip's text is dropped");

    tip_until_review(&mut chat);
    chat.wait_minutes(31);
    let effects = chat.press("file");
    assert!(!effects.iter().any(|effect| matches!(effect, Effect::File(_))));
    assert!(said(&effects).contains("30 นาที"));
    assert!(!chat.state_json().contains("เรียกรับเงิน"));
}

fn view(answered: bool) -> CaseView {
    CaseView {
        case_id: CASE,
        category: Category::Corruption,
        status: CaseStatus::Assigned,
        received_on: date(2024, 3, 1),
        due_on: Some(date(2024, 4, 15)),
        questions: vec![CaseQuestion {
            number: 1,
            text: "กรุณาระบุวันที่ที่เกิดเหตุ".into(),
            asked_on: date(2024, 3, 10),
            answered,
        }],
        outcome: None,
    }
}

fn normalized() -> ReceiptCode {
    ReceiptCode("K7QM2XWP9RTD4HVN".into())
}

#[test]
fn checking_a_case_by_its_code_shows_its_status_and_questions() {
    let mut chat = Chat::new();
    let effects = chat.text("/status");
    assert!(said(&effects).contains("กรุณาพิมพ์รหัสติดตามเรื่อง"));
    let effects = chat.text(" k7qm 2xwp-9rtd 4hvn ");
    assert_eq!(
        effects,
        vec![
            Effect::ForgetInput,
            Effect::Ask(Ask::CaseByReceipt {
                receipt_code: normalized()
            })
        ]
    );
    assert_no_code(&chat);

    let effects = chat.answer(Answer::Case(view(false)));
    let text = said(&effects);
    for expected in [
        "เรื่องร้องเรียนการทุจริต",
        "อยู่ระหว่างตรวจสอบ",
        "15 เม.ย. 2567",
        "1. (10 มี.ค. 2567) กรุณาระบุวันที่ที่เกิดเหตุ [รอคำตอบจากท่าน]",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert_eq!(buttons(&effects), vec!["answer", "evidence", "done"]);
    assert_no_code(&chat);
    assert!(
        !chat.state_json().contains("วันที่ที่เกิดเหตุ"),
        "the case's content is not kept"
    );
    assert!(said(&chat.press("done")).contains("/status"));
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn a_code_that_matches_no_case_is_said_and_asked_for_again() {
    let mut chat = Chat::new();
    chat.text("/status");
    let effects = chat.text("not a code!");
    assert!(said(&effects).contains("รหัสติดตามเรื่องไม่ถูกต้อง"));
    assert!(asked(&effects).is_empty());
    chat.text(CODE);
    let effects = chat.outcome(Outcome::Failed {
        code: ErrorCode::NotFound,
        message: Text::new("ไม่พบ", "not found"),
    });
    assert!(said(&effects).contains("ไม่พบเรื่องตามรหัสนี้"));
    assert!(matches!(chat.conv.flow, Flow::FollowUp(ref f) if f.step == FollowUpStep::Code));
}

#[test]
fn answering_a_question_takes_the_code_again_to_send_and_never_keeps_it() {
    let mut chat = Chat::new();
    chat.text("/answer");
    chat.text(CODE);
    let effects = chat.answer(Answer::Case(view(false)));
    assert!(said(&effects).contains("คำตอบสำหรับคำถามข้อ 1"));

    let effects = chat.photo("tg-file-receipt", 50_000);
    assert_eq!(
        effects,
        vec![Effect::StoreEvidence {
            file_ref: "tg-file-receipt".into(),
            case_id: Some(CASE)
        }]
    );
    chat.outcome(Outcome::Attachment(attachment(1)));
    let effects = chat.text("เกิดเหตุวันที่ 5 มีนาคม 2567 เวลาประมาณ 10 โมง");
    assert!(said(&effects).contains("กรุณาพิมพ์รหัสติดตามเรื่องอีกครั้ง"));
    assert_no_code(&chat);

    let effects = chat.text(CODE);
    assert_eq!(effects[0], Effect::ForgetInput);
    let (command, actor) = the_command(&effects);
    assert_eq!(actor, Actor::Anonymous);
    let Command::Complaint(ComplaintCommand::AnswerQuestion(answer)) = command else {
        panic!("not an answer");
    };
    assert_eq!(answer.case_id, CASE);
    assert_eq!(answer.receipt_code, normalized());
    assert_eq!(answer.in_reply_to, Some(1));
    assert_eq!(answer.text, "เกิดเหตุวันที่ 5 มีนาคม 2567 เวลาประมาณ 10 โมง");
    assert_eq!(answer.attachments, vec![attachment(1)]);
    assert_no_code(&chat);

    let effects = chat.accepted();
    assert!(said(&effects).contains("ส่งคำตอบของท่านแล้ว"));
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn a_wrong_code_when_sending_is_said_and_the_answer_kept_for_the_right_one() {
    let mut chat = Chat::new();
    chat.text("/answer");
    chat.text(CODE);
    chat.answer(Answer::Case(view(false)));
    chat.text("คำตอบ");
    chat.text("AAAABBBBCCCCDDDD");
    let effects = chat.rejected(ErrorCode::NotFound, "ไม่พบเรื่อง", "no case for this code");
    assert!(said(&effects).contains("รหัสไม่ตรงกับเรื่องนี้"));
    let (command, _) = the_command(&chat.text(CODE));
    assert!(matches!(command, Command::Complaint(ComplaintCommand::AnswerQuestion(ref a)) if a.text == "คำตอบ"));
}

#[test]
fn answer_with_no_open_question_says_so_and_offers_the_other_actions() {
    let mut chat = Chat::new();
    chat.text("/answer");
    chat.text(CODE);
    let effects = chat.answer(Answer::Case(view(true)));
    assert!(said(&effects).contains("ไม่มีคำถามที่รอคำตอบ"));
    assert_eq!(buttons(&effects), vec!["evidence", "done"]);
}

#[test]
fn adding_evidence_with_the_code_sends_the_photos_and_the_note() {
    let mut chat = Chat::new();
    chat.text("/status");
    chat.text(CODE);
    chat.answer(Answer::Case(view(true)));
    let effects = chat.press("evidence");
    assert!(said(&effects).contains("ส่งรูปภาพหรือเอกสาร"));
    let effects = chat.text("ส่ง");
    assert!(said(&effects).contains("อย่างน้อยหนึ่งอย่าง"));

    chat.photo("tg-file-1", 2_000);
    chat.outcome(Outcome::Attachment(attachment(1)));
    chat.photo("tg-file-2", 2_000);
    chat.outcome(Outcome::Attachment(attachment(2)));
    let effects = chat.text("ใบเสร็จรับเงินที่ไม่มีเลขที่");
    assert!(said(&effects).contains("ขณะนี้มี 2 ไฟล์ พร้อมคำอธิบาย"), "{}", said(&effects));
    let effects = chat.press("send");
    assert!(said(&effects).contains("อีกครั้ง"));
    let (command, actor) = the_command(&chat.text(CODE));
    assert_eq!(actor, Actor::Anonymous);
    let Command::Complaint(ComplaintCommand::AddEvidence(evidence)) = command else {
        panic!("not evidence");
    };
    assert_eq!(evidence.note.as_deref(), Some("ใบเสร็จรับเงินที่ไม่มีเลขที่"));
    assert_eq!(evidence.attachments, vec![attachment(1), attachment(2)]);
    assert_eq!(evidence.receipt_code, normalized());
    assert!(said(&chat.accepted()).contains("ส่งหลักฐานเพิ่มเติมแล้ว"));
}

#[test]
fn cancel_and_timeout_in_the_middle_of_a_follow_up_send_nothing_and_forget_the_case() {
    let mut chat = Chat::new();
    chat.text("/answer");
    chat.text(CODE);
    chat.answer(Answer::Case(view(false)));
    chat.text("คำตอบ");
    let effects = chat.text("/cancel");
    assert!(sent(&effects).is_empty());
    assert_eq!(chat.conv.flow, Flow::Idle);
    assert!(!chat.state_json().contains(&CASE.to_string()));

    chat.text("/evidence");
    chat.text(CODE);
    chat.answer(Answer::Case(view(false)));
    chat.wait_minutes(31);
    let effects = chat.input(sujarit_bot::Input::Tick { now: chat.now });
    assert!(said(&effects).contains("30 นาที"));
    assert!(!chat.state_json().contains(&CASE.to_string()));
}

#[test]
fn english_speakers_get_the_receipt_in_english() {
    let mut chat = Chat::new();
    chat.text("/lang en");
    tip_until_review(&mut chat);
    chat.press("file");
    let effects = chat.outcome(Outcome::Filed {
        reply: accepted(),
        receipt_code: Some(code()),
    });
    let text = said(&effects);
    assert!(text.contains("Your receipt code is") && text.contains(CODE) && text.contains("only this once"));
}

#[test]
fn a_filing_accepted_after_the_person_cancelled_still_shows_its_code_once() {
    let mut chat = Chat::new();
    tip_until_review(&mut chat);
    chat.press("file");
    let effects = chat.text("/cancel");
    assert!(said(&effects).contains("อาจได้รับการบันทึกแล้ว"), "{}", said(&effects));
    chat.text("/status");
    let effects = chat.outcome(Outcome::Filed {
        reply: accepted(),
        receipt_code: Some(code()),
    });
    assert_eq!(replies(&effects).len(), 1);
    assert!(replies(&effects)[0].sensitive && said(&effects).contains(CODE));
    assert!(matches!(chat.conv.flow, Flow::FollowUp(_)), "the current flow goes on");
    assert_no_code(&chat);
}
