//! Every word the LINE adapter adds of its own (card headings and labels, the rich menu, notes),
//! Thai first and English second, in one place.
//!
//! The conversation's own texts live in the core (`sujarit-bot`'s `text` module, private to it);
//! the status labels below repeat the core's wording so a card and the chat say the same thing.
//! Dates are written the Thai way (Buddhist Era) in Thai and day-month-year in English; money in
//! baht with separators.

use chrono::NaiveDate;
use sujarit_bot::{CaseStatus, Lang, SubmissionState};
use sujarit_contracts::complaint::Category;
use sujarit_contracts::plan::Budget;
use sujarit_contracts::round::{NotCarriedOutReason, ProgressStatus};
use sujarit_thai::{format_thai_date, Satang};

/// Picks the text of the language.
pub(crate) fn tr(lang: Lang, th: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Th => th.into(),
        Lang::En => en.into(),
    }
}

/// A date: "5 เม.ย. 2567" or "5 Apr 2024".
pub(crate) fn date(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::Th => format_thai_date(day),
        Lang::En => day.format("%-d %b %Y").to_string(),
    }
}

/// An amount or budget: "15,000.00 บาท", "ไม่ใช้งบประมาณ", "ไม่ระบุ".
pub(crate) fn budget(lang: Lang, value: &Budget) -> String {
    match value {
        Budget::Amount { satang } => tr(
            lang,
            format!("{} บาท", Satang(*satang)),
            format!("{} baht", Satang(*satang)),
        ),
        Budget::NotNeeded => tr(lang, "ไม่ใช้งบประมาณ", "no budget needed"),
        Budget::NotStated => tr(lang, "ไม่ระบุ", "not stated"),
    }
}

// ---- Receipt card --------------------------------------------------------------------------

/// Heading of the receipt card.
pub(crate) fn receipt_heading(lang: Lang) -> String {
    tr(lang, "รหัสติดตามเรื่อง", "Receipt code")
}

/// Line under the heading.
pub(crate) fn receipt_subheading(lang: Lang) -> String {
    tr(lang, "ศูนย์รับเรื่องร้องเรียนการทุจริต", "Corruption complaint centre")
}

/// The receipt card's alternative text. LINE shows it in notifications, the chat list and
/// quotes, where others may see it, so it never holds the code.
pub(crate) fn receipt_alt(lang: Lang) -> String {
    tr(
        lang,
        "ได้รับเรื่องของท่านแล้ว กรุณาเปิดแชทเพื่อดูรหัสติดตามเรื่อง",
        "Your complaint has been received. Open the chat to see your receipt code.",
    )
}

/// Shown under the code.
pub(crate) fn receipt_keep_secret(lang: Lang) -> String {
    tr(
        lang,
        "แสดงเพียงครั้งเดียว กรุณาจดเก็บไว้และอย่าเปิดเผยแก่ผู้อื่น",
        "Shown only once. Write it down and share it with no one.",
    )
}

// ---- Case status card ----------------------------------------------------------------------

/// Heading of the case card.
pub(crate) fn case_heading(lang: Lang) -> String {
    tr(lang, "สถานะเรื่องร้องเรียน", "Complaint status")
}

/// The case card's alternative text: the heading and the status only, because it shows in
/// notifications and the chat list.
pub(crate) fn case_alt(lang: Lang, status: CaseStatus) -> String {
    tr(
        lang,
        format!("สถานะเรื่องของท่าน: {}", case_status_label(lang, status)),
        format!("Your case: {}", case_status_label(lang, status)),
    )
}

/// A case status, as the core words it.
pub(crate) fn case_status_label(lang: Lang, status: CaseStatus) -> String {
    match status {
        CaseStatus::Received => tr(lang, "รับเรื่องแล้ว รอการตอบรับ", "received, awaiting acknowledgement"),
        CaseStatus::Acknowledged => tr(lang, "ตอบรับเรื่องแล้ว", "acknowledged"),
        CaseStatus::Assigned => tr(lang, "อยู่ระหว่างตรวจสอบโดยหน่วยงานที่รับผิดชอบ", "with the unit handling it"),
        CaseStatus::Resolved => tr(lang, "ได้ข้อยุติแล้ว", "resolved"),
        CaseStatus::Referred => tr(lang, "ส่งต่อหน่วยงานอื่นแล้ว", "referred to another body"),
        CaseStatus::Closed => tr(lang, "ยุติเรื่องแล้ว", "closed"),
    }
}

/// A complaint category.
pub(crate) fn category_label(lang: Lang, category: Category) -> String {
    match category {
        Category::Corruption => tr(lang, category.label_th(), "Corruption complaint"),
        Category::General => tr(lang, category.label_th(), "General complaint"),
    }
}

/// Row label: status.
pub(crate) fn label_status(lang: Lang) -> String {
    tr(lang, "สถานะ", "Status")
}

/// Row label: received on.
pub(crate) fn label_received(lang: Lang) -> String {
    tr(lang, "วันที่รับเรื่อง", "Received")
}

/// Row label: due on.
pub(crate) fn label_due(lang: Lang) -> String {
    tr(lang, "กำหนดแล้วเสร็จ", "Due")
}

/// Value: no due date yet.
pub(crate) fn not_set(lang: Lang) -> String {
    tr(lang, "ยังไม่กำหนด", "not set")
}

/// Section: the open question.
pub(crate) fn open_question_heading(lang: Lang, number: u32, asked_on: NaiveDate) -> String {
    tr(
        lang,
        format!("คำถามจากเจ้าหน้าที่ (ข้อ {number}, {})", date(lang, asked_on)),
        format!("Question from staff (no. {number}, {})", date(lang, asked_on)),
    )
}

/// How to answer the open question.
pub(crate) fn answer_hint(lang: Lang) -> String {
    tr(
        lang,
        "ตอบคำถามได้ด้วยคำสั่ง /answer และรหัสติดตามเรื่อง",
        "Answer with /answer and your receipt code.",
    )
}

/// Section: the outcome.
pub(crate) fn outcome_heading(lang: Lang) -> String {
    tr(lang, "ผลการดำเนินการ", "Outcome")
}

// ---- Submission card -----------------------------------------------------------------------

/// Heading of the submission card.
pub(crate) fn submission_heading(lang: Lang) -> String {
    tr(lang, "สรุปรายงานผลการดำเนินงาน", "Progress report summary")
}

/// Row label: reporting unit.
pub(crate) fn label_org_unit(lang: Lang) -> String {
    tr(lang, "หน่วยงาน", "Agency")
}

/// Row label: the item's budget.
pub(crate) fn label_budget(lang: Lang) -> String {
    tr(lang, "งบประมาณ", "Budget")
}

/// Row label: progress status.
pub(crate) fn label_progress(lang: Lang) -> String {
    tr(lang, "ผลการดำเนินการ", "Progress")
}

/// Row label: amount disbursed.
pub(crate) fn label_disbursed(lang: Lang) -> String {
    tr(lang, "เบิกจ่าย", "Disbursed")
}

/// Row label: quarters carried out.
pub(crate) fn label_quarters(lang: Lang) -> String {
    tr(lang, "ไตรมาสที่ดำเนินการ", "Quarters done")
}

/// Row label: indicator result.
pub(crate) fn label_indicator(lang: Lang) -> String {
    tr(lang, "ผลตามตัวชี้วัด", "Indicator result")
}

/// Row label: narrative.
pub(crate) fn label_narrative(lang: Lang) -> String {
    tr(lang, "รายละเอียด", "What was done")
}

/// Row label: evidence.
pub(crate) fn label_evidence(lang: Lang) -> String {
    tr(lang, "หลักฐาน", "Evidence")
}

/// Row label: remark.
pub(crate) fn label_remark(lang: Lang) -> String {
    tr(lang, "หมายเหตุ", "Remark")
}

/// Row label: why it could not be carried out.
pub(crate) fn label_reason(lang: Lang) -> String {
    tr(lang, "เหตุที่ดำเนินการไม่ได้", "Why not carried out")
}

/// Row label: where the submission stands.
pub(crate) fn label_submission(lang: Lang) -> String {
    tr(lang, "สถานะการส่ง", "Submission")
}

/// Row label: why it was returned.
pub(crate) fn label_returned_reason(lang: Lang) -> String {
    tr(lang, "สิ่งที่ต้องแก้ไข", "To correct")
}

/// Nothing saved for the item yet.
pub(crate) fn nothing_reported(lang: Lang) -> String {
    tr(lang, "ยังไม่มีข้อมูลที่บันทึกไว้", "Nothing saved yet.")
}

/// "3 รายการ" / "3 files".
pub(crate) fn evidence_count(lang: Lang, count: usize) -> String {
    tr(lang, format!("{count} รายการ"), format!("{count} file(s)"))
}

/// A progress status.
pub(crate) fn progress_label(lang: Lang, status: ProgressStatus) -> String {
    tr(lang, status.label_th(), status.label_en())
}

/// A reason an item could not be carried out.
pub(crate) fn reason_label(lang: Lang, reason: &NotCarriedOutReason) -> String {
    match reason {
        NotCarriedOutReason::NoBudget => tr(lang, "ไม่ได้รับจัดสรรงบประมาณ", "no budget allocated"),
        NotCarriedOutReason::PolicyChanged => tr(lang, "นโยบายเปลี่ยนแปลง", "policy changed"),
        NotCarriedOutReason::NotEnoughStaff => tr(lang, "บุคลากรไม่เพียงพอ", "not enough staff"),
        NotCarriedOutReason::Other { text } => tr(lang, format!("อื่น ๆ: {text}"), format!("other: {text}")),
    }
}

/// Quarters carried out: "ไตรมาส 1, 3" / "Q1, Q3" / "ยังไม่มี".
pub(crate) fn quarters(lang: Lang, done: &[bool; 4]) -> String {
    let numbers: Vec<String> = (1..=4)
        .zip(done)
        .filter(|(_, done)| **done)
        .map(|(number, _)| number.to_string())
        .collect();
    match numbers.is_empty() {
        true => tr(lang, "ยังไม่มี", "none yet"),
        false => tr(
            lang,
            format!("ไตรมาส {}", numbers.join(", ")),
            format!("Q{}", numbers.join(", Q")),
        ),
    }
}

/// Where a submission stands, as the core words it.
pub(crate) fn submission_state_label(lang: Lang, state: &SubmissionState) -> String {
    match state {
        SubmissionState::NotStarted => tr(lang, "ยังไม่รายงาน", "not reported"),
        SubmissionState::Draft => tr(lang, "บันทึกร่างแล้ว ยังไม่ส่ง", "draft saved, not submitted"),
        SubmissionState::Submitted { late: false } => tr(lang, "ส่งแล้ว รอตรวจ", "submitted, awaiting review"),
        SubmissionState::Submitted { late: true } => {
            tr(lang, "ส่งแล้ว (หลังกำหนด) รอตรวจ", "submitted (late), awaiting review")
        }
        SubmissionState::Accepted => tr(lang, "ผ่านการตรวจแล้ว", "accepted"),
        SubmissionState::Returned { .. } => tr(lang, "ถูกส่งกลับให้แก้ไข", "returned for correction"),
    }
}

// ---- Notes -----------------------------------------------------------------------------------

/// Said instead of an image the adapter cannot send (no public URL configured, or too large).
pub(crate) fn image_not_sent(lang: Lang) -> String {
    tr(
        lang,
        "ข้อความนี้มีภาพประกอบ แต่ยังส่งทางไลน์ไม่ได้ กรุณาดูภาพได้ที่หน้าเว็บของระบบ",
        "An image goes with this message but cannot be sent on LINE yet; please see it on the web dashboard.",
    )
}

// ---- Rich menu -------------------------------------------------------------------------------

/// What the chat bar under the rich menu says (at most 14 characters).
pub(crate) const CHAT_BAR_TEXT: &str = "เมนูบริการ";

/// The four rich menu panels, left to right: Thai label, English label, the command it runs.
pub(crate) const RICH_MENU_PANELS: [(&str, &str, &str); 4] = [
    ("รายงานผล", "Report progress", "report"),
    ("แจ้งเบาะแส", "File a tip", "tip"),
    ("ติดตามเรื่อง", "Check a case", "status"),
    ("ช่วยเหลือ", "Help", "help"),
];
