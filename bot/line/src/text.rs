//! Every word the LINE adapter adds of its own (card headings and labels, the rich menu, notes),
//! Thai first and English second, in one place.
//!
//! The conversation's own texts live in the core (`sujarit-bot`'s `text` module, private to it);
//! dates, money and status labels come from the core (`sujarit_bot::words`) so a card and the
//! chat say the same thing.
//! Dates are written the Thai way (Buddhist Era) in Thai and day-month-year in English; money in
//! baht with separators.

use chrono::NaiveDate;
use sujarit_bot::{CaseStatus, Lang};

pub(crate) use sujarit_bot::words::{
    budget, case_status_label, category_label, date, quarters, reason_label, status_label as progress_label,
    submission_state_label,
};

/// Picks the text of the language.
pub(crate) fn tr(lang: Lang, th: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Th => th.into(),
        Lang::En => en.into(),
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
