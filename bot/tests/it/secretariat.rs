//! Secretariat and committee flows: round status, reviewing submissions, the complaint queue,
//! plan approval status, the digest.

use sujarit_bot::{
    AgencyStatus, Answer, Ask, CaseStatus, Digest, Effect, Flow, QueueCase, ReviewItem, ReviewStep, RoundStatus,
};
use sujarit_contracts::complaint::{Category, Channel, ComplaintCommand};
use sujarit_contracts::people::Role;
use sujarit_contracts::plan::Budget;
use sujarit_contracts::query::{OrgUnitView, PlanSummary};
use sujarit_contracts::round::{ProgressStatus, RoundCommand, SubmissionContent};
use sujarit_contracts::{Actor, Command, ErrorCode};
use uuid::Uuid;

use crate::support::*;

fn review_item(id: Uuid, code: &str, late: bool) -> ReviewItem {
    ReviewItem {
        item_id: id,
        code: code.into(),
        name: "มาตรการเปิดเผยข้อมูลจัดซื้อจัดจ้าง".into(),
        org_unit: "สำนักงานจังหวัด".into(),
        budget: Budget::Amount { satang: 2_000_000 },
        late,
        content: SubmissionContent {
            status: ProgressStatus::Completed,
            disbursed: Budget::Amount { satang: 2_500_000 },
            quarters_done: [true, true, false, false],
            indicator_result: Some("ร้อยละ 100".into()),
            narrative: Some("เผยแพร่ข้อมูลครบทุกโครงการ".into()),
            evidence: vec!["evidence/1".into()],
            remark: None,
            not_carried_out_reason: None,
        },
    }
}

fn status(to_review: Vec<ReviewItem>) -> RoundStatus {
    RoundStatus {
        round: round(),
        agencies: vec![
            AgencyStatus {
                org_unit_id: Some(ORG),
                name: "สำนักงานจังหวัด".into(),
                items: 4,
                submitted: 4,
                late: 0,
                missing: 0,
                returned: 0,
            },
            AgencyStatus {
                org_unit_id: Some(Uuid::from_u128(2)),
                name: "สำนักงานสาธารณสุขจังหวัด".into(),
                items: 3,
                submitted: 2,
                late: 1,
                missing: 1,
                returned: 0,
            },
            AgencyStatus {
                org_unit_id: Some(Uuid::from_u128(3)),
                name: "สำนักงานเกษตรจังหวัด".into(),
                items: 2,
                submitted: 0,
                late: 0,
                missing: 2,
                returned: 0,
            },
        ],
        to_review,
    }
}

fn decision(effects: &[Effect]) -> RoundCommand {
    match the_command(effects) {
        (Command::Round(command), Actor::Person(PERSON)) => command,
        other => panic!("not a round command by the person: {other:?}"),
    }
}

fn case_command(effects: &[Effect]) -> ComplaintCommand {
    match the_command(effects) {
        (Command::Complaint(command), Actor::Person(PERSON)) => command,
        other => panic!("not a complaint command by the person: {other:?}"),
    }
}

#[test]
fn round_status_at_a_glance_shows_submitted_late_and_missing_per_agency() {
    let mut chat = Chat::secretariat();
    let effects = chat.text("/round");
    assert_eq!(asked(&effects), vec![Ask::RoundStatus { round_id: None }]);
    let effects = chat.answer(Answer::RoundStatus(Some(status(vec![review_item(ITEM, "1.1", false)]))));
    let text = said(&effects);
    for expected in [
        "ภาพรวม: ส่งแล้ว 6/9 รายการ ล่าช้า 1 ยังไม่ส่ง 3 รอตรวจ 1",
        "✅ สำนักงานจังหวัด: ส่งแล้ว 4/4 รายการ",
        "🕒 สำนักงานสาธารณสุขจังหวัด: ส่งแล้ว 2/3 รายการ ล่าช้า 1 ยังไม่ส่ง 1",
        "❌ สำนักงานเกษตรจังหวัด: ส่งแล้ว 0/2 รายการ ยังไม่ส่ง 2",
        "กำหนดส่ง 5 เม.ย. 2567 (เหลืออีก 16 วัน)",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert_eq!(buttons(&effects), vec!["cmd:review"]);
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn accepting_a_submission_sends_accept_and_offers_the_next_one() {
    let mut chat = Chat::secretariat();
    let effects = chat.text("/review");
    assert_eq!(asked(&effects), vec![Ask::RoundStatus { round_id: None }]);
    let effects = chat.answer(Answer::RoundStatus(Some(status(vec![
        review_item(ITEM, "1.1", true),
        review_item(ITEM2, "1.2", false),
    ]))));
    assert!(said(&effects).contains("รายงานที่รอตรวจ 2 รายการ"));
    assert_eq!(
        buttons(&effects),
        vec![format!("sub:{ITEM}"), format!("sub:{ITEM2}"), "done".into()]
    );

    let effects = chat.press(&format!("sub:{ITEM}"));
    let detail = said(&effects);
    for expected in [
        "ส่งหลังวันครบกำหนด",
        "25,000.00 บาท (เกินงบประมาณ)",
        "เผยแพร่ข้อมูลครบทุกโครงการ",
    ] {
        assert!(detail.contains(expected), "{expected} in {detail}");
    }
    assert_eq!(buttons(&effects), vec!["accept", "return", "back"]);

    let effects = chat.press("accept");
    let RoundCommand::AcceptSubmission(accept) = decision(&effects) else {
        panic!("not an accept");
    };
    assert_eq!((accept.round_id, accept.item_id), (ROUND, ITEM));

    let effects = chat.accepted();
    assert!(said(&effects).contains("รับรองรายงานรายการ 1.1 แล้ว"));
    assert_eq!(buttons(&effects), vec![format!("sub:{ITEM2}"), "done".into()]);
}

#[test]
fn returning_a_submission_sends_the_reason_the_officer_will_see() {
    let mut chat = Chat::secretariat();
    chat.text("/review");
    chat.answer(Answer::RoundStatus(Some(status(vec![review_item(ITEM, "1.1", false)]))));
    chat.text("1.1");
    let effects = chat.press("return");
    assert!(said(&effects).contains("เหตุผลที่ส่งกลับรายการ 1.1"));
    let effects = chat.text("   ");
    assert!(said(&effects).contains("กรุณาพิมพ์ข้อความ"));
    assert!(sent(&effects).is_empty());

    let effects = chat.text("กรุณาแนบภาพถ่ายกิจกรรมและชี้แจงการเบิกจ่ายเกินงบ");
    let RoundCommand::ReturnSubmission(returned) = decision(&effects) else {
        panic!("not a return");
    };
    assert_eq!(returned.reason, "กรุณาแนบภาพถ่ายกิจกรรมและชี้แจงการเบิกจ่ายเกินงบ");
    assert_eq!((returned.round_id, returned.item_id), (ROUND, ITEM));

    let effects = chat.accepted();
    let text = said(&effects);
    assert!(text.contains("ส่งกลับรายการ 1.1 ให้หน่วยงานแก้ไขแล้ว") && text.contains("ตรวจครบทุกรายการ"));
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn a_refused_decision_is_explained_and_the_submission_shown_again() {
    let mut chat = Chat::secretariat();
    chat.text("/review");
    chat.answer(Answer::RoundStatus(Some(status(vec![review_item(ITEM, "1.1", false)]))));
    chat.press(&format!("sub:{ITEM}"));
    chat.press("accept");
    let effects = chat.rejected(ErrorCode::Forbidden, "เฉพาะฝ่ายเลขานุการ", "secretariat only");
    assert!(said(&effects).contains("เฉพาะฝ่ายเลขานุการ"));
    assert_eq!(buttons(&effects), vec!["accept", "return", "back"]);
}

#[test]
fn cancel_and_timeout_in_the_middle_of_a_review_send_nothing() {
    let mut chat = Chat::secretariat();
    chat.text("/review");
    chat.answer(Answer::RoundStatus(Some(status(vec![review_item(ITEM, "1.1", false)]))));
    chat.press(&format!("sub:{ITEM}"));
    chat.press("return");
    assert!(sent(&chat.text("/cancel")).is_empty());
    assert_eq!(chat.conv.flow, Flow::Idle);

    chat.text("/review");
    chat.answer(Answer::RoundStatus(Some(status(vec![review_item(ITEM, "1.1", false)]))));
    chat.press(&format!("sub:{ITEM}"));
    assert!(matches!(chat.conv.flow, Flow::Review(ref review) if review.step == ReviewStep::Item { item_id: ITEM }));
    chat.wait_minutes(40);
    let effects = chat.press("accept");
    assert!(sent(&effects).is_empty());
    assert!(said(&effects).contains("30 นาที"));
}

#[test]
fn nothing_to_review_is_said_plainly() {
    let mut chat = Chat::secretariat();
    chat.text("/review");
    let effects = chat.answer(Answer::RoundStatus(Some(status(vec![]))));
    assert!(said(&effects).contains("ไม่มีรายงานที่รอตรวจ"));
    assert_eq!(chat.conv.flow, Flow::Idle);
}

fn case(n: u128, category: Category, status: CaseStatus, due: Option<(i32, u32, u32)>) -> QueueCase {
    QueueCase {
        case_id: Uuid::from_u128(0x4000_0000_0000_4000_8000_0000_0000_0000 + n),
        reference: format!("C{n:03}"),
        category,
        channel: Channel::Line,
        status,
        received_on: date(2024, 3, 1),
        due_on: due.map(|(y, m, d)| date(y, m, d)),
        assigned_to: None,
    }
}

fn queue() -> Vec<QueueCase> {
    vec![
        case(1, Category::Corruption, CaseStatus::Received, None),
        case(2, Category::General, CaseStatus::Assigned, Some((2024, 3, 22))),
        case(3, Category::General, CaseStatus::Acknowledged, Some((2024, 3, 15))),
        case(4, Category::General, CaseStatus::Resolved, Some((2024, 3, 10))),
        case(5, Category::Corruption, CaseStatus::Acknowledged, Some((2024, 5, 1))),
    ]
}

#[test]
fn the_complaint_queue_groups_new_due_soon_and_overdue_most_urgent_first() {
    let mut chat = Chat::secretariat();
    let effects = chat.text("/queue");
    assert_eq!(asked(&effects), vec![Ask::ComplaintQueue]);
    let effects = chat.answer(Answer::ComplaintQueue(queue()));
    let text = said(&effects);
    for expected in [
        "ยังดำเนินการอยู่ 4 เรื่อง",
        "เรื่องใหม่ (ยังไม่ตอบรับ): 1",
        "ใกล้ครบกำหนด: 1",
        "เกินกำหนด: 1",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert!(!text.contains("C004"), "ended cases are left out");
    let order: Vec<String> = buttons(&effects);
    let id = |n: u128| {
        format!(
            "case:{}",
            case(n, Category::General, CaseStatus::Received, None).case_id
        )
    };
    assert_eq!(order, vec![id(3), id(2), id(1), id(5), "done".to_string()]);
}

#[test]
fn acknowledging_a_corruption_case_asks_for_a_time_frame_in_days() {
    let mut chat = Chat::secretariat();
    chat.text("/queue");
    chat.answer(Answer::ComplaintQueue(queue()));
    let effects = chat.text("C001");
    assert!(said(&effects).contains("เรื่องร้องเรียนการทุจริต"));
    assert_eq!(buttons(&effects), vec!["ack", "back"]);
    let effects = chat.press("ack");
    assert!(said(&effects).contains("จำนวนวัน"));
    let effects = chat.text("400");
    assert!(said(&effects).contains("ตั้งแต่ 1 ถึง 365"));
    let effects = chat.text("๓๐ วัน");
    let ComplaintCommand::AcknowledgeComplaint(ack) = case_command(&effects) else {
        panic!("not an acknowledgement");
    };
    assert_eq!(ack.time_frame_days, Some(30));
    assert!(said(&chat.accepted()).contains("บันทึกเรียบร้อยแล้ว"));
    assert_eq!(chat.conv.flow, Flow::Idle);
}

#[test]
fn acknowledging_a_general_complaint_keeps_the_fifteen_day_limit() {
    let mut chat = Chat::secretariat();
    chat.text("/queue");
    let mut cases = queue();
    cases.push(case(6, Category::General, CaseStatus::Received, Some((2024, 4, 1))));
    chat.answer(Answer::ComplaintQueue(cases));
    chat.text("C006");
    let ComplaintCommand::AcknowledgeComplaint(ack) = case_command(&chat.press("ack")) else {
        panic!("not an acknowledgement");
    };
    assert_eq!(ack.time_frame_days, None);
}

fn units() -> Vec<OrgUnitView> {
    (1..=12)
        .map(|n| OrgUnitView {
            org_unit_id: Uuid::from_u128(0x7000 + n),
            name: format!("หน่วยงานที่ {n}"),
            aliases: vec![],
        })
        .chain([OrgUnitView {
            org_unit_id: ORG,
            name: "สำนักงานประชาสัมพันธ์จังหวัด".into(),
            aliases: vec!["ประชาสัมพันธ์จังหวัดลำพูน".into()],
        }])
        .collect()
}

#[test]
fn assigning_a_complaint_finds_the_unit_by_typing_part_of_its_name() {
    let mut chat = Chat::secretariat();
    chat.text("/queue");
    chat.answer(Answer::ComplaintQueue(queue()));
    let target = case(3, Category::General, CaseStatus::Acknowledged, None).case_id;
    let effects = chat.press(&format!("case:{target}"));
    assert_eq!(buttons(&effects), vec!["assign", "back"]);
    let effects = chat.press("assign");
    assert_eq!(asked(&effects), vec![Ask::OrgUnits]);
    let effects = chat.answer(Answer::OrgUnits(units()));
    assert!(said(&effects).contains("มีหน่วยงาน 13 แห่ง"));

    let effects = chat.text("ไม่มีชื่อนี้");
    assert!(said(&effects).contains("ไม่พบหน่วยงานที่ตรงกับ"));
    let effects = chat.text("ประชาสัมพันธ์");
    assert_eq!(buttons(&effects), vec![format!("unit:{ORG}")]);
    let effects = chat.text("1");
    let ComplaintCommand::AssignComplaint(assign) = case_command(&effects) else {
        panic!("not an assignment");
    };
    assert_eq!((assign.case_id, assign.org_unit_id), (target, ORG));
    let effects = chat.accepted();
    assert_eq!(buttons(&effects), vec!["cmd:queue"]);
}

#[test]
fn the_committee_sees_the_queue_but_does_not_act_on_it() {
    let mut chat = Chat::linked(&[Role::Committee]);
    chat.text("/queue");
    let effects = chat.answer(Answer::ComplaintQueue(queue()));
    assert!(said(&effects).contains("เกินกำหนด: 1"));
    assert!(buttons(&effects).is_empty());
    assert_eq!(chat.conv.flow, Flow::Idle);
    assert!(said(&chat.text("/review")).contains("ไม่มีสิทธิ์"));
}

#[test]
fn an_officer_may_not_review_or_see_the_queue() {
    let mut chat = Chat::officer();
    for command in ["/review", "/queue", "/plan", "/digest"] {
        let effects = chat.text(command);
        assert!(said(&effects).contains("ไม่มีสิทธิ์"), "{command}");
        assert!(asked(&effects).is_empty());
    }
}

fn plans() -> Vec<PlanSummary> {
    vec![
        PlanSummary {
            plan_id: Uuid::from_u128(1),
            title: "แผนปฏิบัติการป้องกันการทุจริต อบจ.ลำพูน".into(),
            fiscal_year_from: 2566,
            fiscal_year_to: 2570,
            revision: 2,
            status: "submitted".into(),
            items: 42,
            can_report: true,
        },
        PlanSummary {
            plan_id: Uuid::from_u128(2),
            title: "แผนจังหวัด".into(),
            fiscal_year_from: 2567,
            fiscal_year_to: 2567,
            revision: 1,
            status: "registered".into(),
            items: 39,
            can_report: true,
        },
    ]
}

#[test]
fn plan_approval_status_lists_each_plan_with_its_step() {
    let mut chat = Chat::linked(&[Role::Committee]);
    let effects = chat.text("/plan");
    assert_eq!(asked(&effects), vec![Ask::PlanStatus]);
    let text = said(&chat.answer(Answer::Plans(plans())));
    for expected in [
        "ปีงบประมาณ 2566–2570 ฉบับที่ 2 (42 รายการ)",
        "สถานะ: เสนอที่ประชุมพิจารณา",
        "ลงทะเบียนในระบบ e-PlanNACC แล้ว",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    chat.text("/lang en");
    chat.text("/plan");
    assert!(said(&chat.answer(Answer::Plans(plans()))).contains("Status: submitted for endorsement"));
}

#[test]
fn the_digest_summarises_the_round_the_queue_and_the_plans() {
    let mut chat = Chat::secretariat();
    let effects = chat.text("/digest");
    assert_eq!(asked(&effects), vec![Ask::Digest]);
    let effects = chat.answer(Answer::Digest(Digest {
        round: Some(status(vec![])),
        queue: queue(),
        plans: plans(),
        chart: Some(sujarit_bot::Png(vec![0x89, b'P', b'N', b'G'])),
    }));
    let text = said(&effects);
    let images: Vec<&sujarit_bot::Png> = effects
        .iter()
        .filter_map(|effect| match effect {
            sujarit_bot::Effect::Reply(message) => message.image.as_ref(),
            _ => None,
        })
        .collect();
    assert_eq!(
        images,
        vec![&sujarit_bot::Png(vec![0x89, b'P', b'N', b'G'])],
        "the chart goes with the digest"
    );
    for expected in ["สรุปภาพรวม ณ 20 มี.ค. 2567", "ส่งแล้ว 6/9", "เกินกำหนด: 1", "แผนจังหวัด"]
    {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
}

#[test]
fn a_failed_query_is_explained() {
    let mut chat = Chat::secretariat();
    chat.text("/plan");
    let effects = chat.outcome(sujarit_bot::Outcome::Failed {
        code: ErrorCode::Unavailable,
        message: sujarit_contracts::Text::new("ระบบสืบค้นขัดข้อง", "query service unavailable"),
    });
    assert!(said(&effects).contains("ระบบสืบค้นขัดข้อง"));
    assert_eq!(chat.conv.flow, Flow::Idle);
}
