//! The Flex cards: LINE's structure rules, alternative texts, and what they show.

use chrono::NaiveDate;
use serde_json::Value;
use sujarit_bot::{CaseQuestion, CaseStatus, CaseView, Lang, MyItem, ReviewItem, SubmissionState};
use sujarit_contracts::complaint::Category;
use sujarit_contracts::plan::Budget;
use sujarit_contracts::round::{NotCarriedOutReason, ProgressStatus, SubmissionContent};
use sujarit_line::{case_status_card, receipt_card, submission_card, SubmissionSummary, MAX_ALT_TEXT_CHARS};
use uuid::Uuid;

const SIZES: [&str; 11] = ["xxs", "xs", "sm", "md", "lg", "xl", "xxl", "3xl", "4xl", "5xl", "full"];

/// Checks a Flex message against the rules LINE enforces on what we use; the problems found.
fn problems(message: &Value) -> Vec<String> {
    let mut found = Vec::new();
    if message["type"] != "flex" {
        found.push("type is not flex".into());
    }
    match message["altText"].as_str() {
        Some(alt) if !alt.trim().is_empty() && alt.encode_utf16().count() <= MAX_ALT_TEXT_CHARS => {}
        other => found.push(format!("bad altText {other:?}")),
    }
    let bubble = &message["contents"];
    if bubble["type"] != "bubble" {
        found.push("contents is not a bubble".into());
    }
    for block in ["header", "body"] {
        check_component(&bubble[block], block, &mut found);
        let color = bubble["styles"][block]["backgroundColor"].as_str().unwrap_or("");
        if !is_color(color) {
            found.push(format!("styles.{block}.backgroundColor {color:?}"));
        }
    }
    let size = serde_json::to_vec(bubble).map(|json| json.len()).unwrap_or(usize::MAX);
    if size > 30_000 {
        found.push(format!("bubble is {size} bytes, over LINE's 30 KB"));
    }
    found
}

fn is_color(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit())
}

fn check_component(component: &Value, path: &str, found: &mut Vec<String>) {
    match component["type"].as_str() {
        Some("box") => {
            if !["vertical", "horizontal", "baseline"].contains(&component["layout"].as_str().unwrap_or("")) {
                found.push(format!("{path}: bad layout"));
            }
            match component["contents"].as_array() {
                Some(children) => {
                    for (index, child) in children.iter().enumerate() {
                        check_component(child, &format!("{path}.contents[{index}]"), found);
                    }
                }
                None => found.push(format!("{path}: box without contents")),
            }
            if let Some(color) = component["backgroundColor"].as_str() {
                if !is_color(color) {
                    found.push(format!("{path}: backgroundColor {color:?}"));
                }
            }
        }
        Some("text") => {
            match component["text"].as_str() {
                Some(text) if !text.trim().is_empty() => {}
                _ => found.push(format!("{path}: empty text")),
            }
            if let Some(size) = component["size"].as_str() {
                if !SIZES.contains(&size) {
                    found.push(format!("{path}: size {size}"));
                }
            }
            if let Some(color) = component["color"].as_str() {
                if !is_color(color) {
                    found.push(format!("{path}: color {color:?}"));
                }
            }
        }
        Some("separator") => {}
        other => found.push(format!("{path}: unexpected component {other:?}")),
    }
}

fn all_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(all_text).collect::<Vec<_>>().join("\n"),
        Value::Object(map) => map.values().map(all_text).collect::<Vec<_>>().join("\n"),
        _ => String::new(),
    }
}

fn content() -> SubmissionContent {
    SubmissionContent {
        status: ProgressStatus::Completed,
        disbursed: Budget::Amount { satang: 1_250_050 },
        quarters_done: [true, false, true, false],
        indicator_result: Some("ผู้เข้าร่วมอบรม 120 คน ร้อยละ 95 ผ่านการประเมิน".into()),
        narrative: Some("จัดอบรมเสริมสร้างคุณธรรม ".repeat(60)),
        evidence: vec!["ev-1".into(), "ev-2".into()],
        remark: None,
        not_carried_out_reason: None,
    }
}

#[test]
fn the_receipt_card_shows_the_code_large_but_never_in_its_alt_text() {
    let text = "ได้รับเรื่องของท่านเรียบร้อยแล้ว\n\nรหัสติดตามเรื่องของท่านคือ\nK7QX-M2PA-9WZR-T4HD\n\nกรุณาจดหรือบันทึกรหัสนี้";
    for lang in [Lang::Th, Lang::En] {
        let card = receipt_card(text, lang);
        assert_eq!(problems(&card), Vec::<String>::new());
        let alt = card["altText"].as_str().unwrap();
        assert!(!alt.contains("K7QX"), "{alt}");
        let body = &card["contents"]["body"]["contents"];
        // Text before, the code's box, text after.
        assert_eq!(body.as_array().unwrap().len(), 3);
        assert_eq!(body[1]["contents"][0]["text"], "K7QX-M2PA-9WZR-T4HD");
        assert_eq!(body[1]["contents"][0]["size"], "xl");
        assert_eq!(card["contents"]["styles"]["header"]["backgroundColor"], "#1B3A6B");
    }
    // The code alone works too; a text without a code is shown whole.
    let alone = receipt_card("ABCD EFGH JKLM NPQR", Lang::Th);
    assert_eq!(
        alone["contents"]["body"]["contents"][0]["contents"][0]["text"],
        "ABCD EFGH JKLM NPQR"
    );
    let plain = receipt_card("Your receipt code is shown below.", Lang::En);
    assert_eq!(problems(&plain), Vec::<String>::new());
}

#[test]
fn the_case_card_shows_status_dates_the_open_question_and_the_outcome() {
    let case = CaseView {
        case_id: Uuid::nil(),
        category: Category::Corruption,
        status: CaseStatus::Assigned,
        received_on: NaiveDate::from_ymd_opt(2024, 4, 5).unwrap(),
        due_on: Some(NaiveDate::from_ymd_opt(2024, 5, 5).unwrap()),
        questions: vec![CaseQuestion {
            number: 1,
            text: "กรุณาระบุวันเวลาที่เกิดเหตุ".into(),
            asked_on: NaiveDate::from_ymd_opt(2024, 4, 10).unwrap(),
            answered: false,
        }],
        outcome: None,
    };
    let card = case_status_card(&case, Lang::Th);
    assert_eq!(problems(&card), Vec::<String>::new());
    let shown = all_text(&card["contents"]);
    for expected in [
        "เรื่องร้องเรียนการทุจริต",
        "อยู่ระหว่างตรวจสอบ",
        "5 เม.ย. 2567",
        "5 พ.ค. 2567",
        "วันเวลาที่เกิดเหตุ",
    ] {
        assert!(shown.contains(expected), "{expected} missing from {shown}");
    }
    let alt = card["altText"].as_str().unwrap();
    assert!(alt.contains("อยู่ระหว่างตรวจสอบ"));
    assert!(!alt.contains("ทุจริต"), "the alt text shows on the lock screen: {alt}");

    let ended = CaseView {
        status: CaseStatus::Resolved,
        due_on: None,
        questions: Vec::new(),
        outcome: Some("ตรวจสอบแล้ว ได้ดำเนินการทางวินัย".into()),
        ..case
    };
    let card = case_status_card(&ended, Lang::En);
    assert_eq!(problems(&card), Vec::<String>::new());
    let shown = all_text(&card["contents"]);
    assert!(shown.contains("resolved") && shown.contains("not set") && shown.contains("ดำเนินการทางวินัย"));
}

#[test]
fn the_submission_card_reads_the_same_as_its_alt_text() {
    let review = ReviewItem {
        item_id: Uuid::nil(),
        code: "1.2.3".into(),
        name: "โครงการอบรมเสริมสร้างคุณธรรมจริยธรรม".into(),
        org_unit: "กองช่าง".into(),
        budget: Budget::Amount { satang: 1_500_000 },
        late: true,
        content: content(),
    };
    let card = submission_card(&SubmissionSummary::from(&review), Lang::Th);
    assert_eq!(problems(&card), Vec::<String>::new());
    let alt = card["altText"].as_str().unwrap();
    for expected in [
        "1.2.3",
        "กองช่าง",
        "15,000.00 บาท",
        "12,500.50 บาท",
        "ดำเนินการแล้ว",
        "ไตรมาส 1, 3",
        "2 รายการ",
        "หลังกำหนด",
    ] {
        assert!(alt.contains(expected), "{expected} missing from the alt text {alt}");
        assert!(
            all_text(&card["contents"]).contains(expected),
            "{expected} missing from the card"
        );
    }
    assert!(alt.encode_utf16().count() <= MAX_ALT_TEXT_CHARS);
}

#[test]
fn a_returned_or_unstarted_item_is_a_valid_card_too() {
    let mut item = MyItem {
        item_id: Uuid::nil(),
        code: "2.1".into(),
        name: "มาตรการเปิดเผยข้อมูลการจัดซื้อจัดจ้าง".into(),
        budget: Budget::NotNeeded,
        state: SubmissionState::Returned {
            reason: "กรุณาแนบภาพกิจกรรม".into(),
        },
        content: Some(SubmissionContent {
            status: ProgressStatus::NotCarriedOut,
            not_carried_out_reason: Some(NotCarriedOutReason::Other {
                text: "งดจัดกิจกรรม".into(),
            }),
            evidence: Vec::new(),
            narrative: Some("   ".into()),
            ..content()
        }),
    };
    let card = submission_card(&SubmissionSummary::from(&item), Lang::En);
    assert_eq!(problems(&card), Vec::<String>::new());
    let shown = all_text(&card["contents"]);
    assert!(shown.contains("กรุณาแนบภาพกิจกรรม") && shown.contains("no budget needed") && shown.contains("งดจัดกิจกรรม"));

    item.state = SubmissionState::NotStarted;
    item.content = None;
    let card = submission_card(&SubmissionSummary::from(&item), Lang::Th);
    assert_eq!(problems(&card), Vec::<String>::new());
    assert!(card["altText"].as_str().unwrap().contains("ยังไม่มีข้อมูล"));
}
