//! Every message the notifier sends, in Thai and in English, in one place.
//!
//! Dates are written as the documents write them: Thai with the full month name and the
//! Buddhist Era year ("16 กรกฎาคม 2569"), English as "16 July 2026"; a meeting's time as Thai
//! letters write it ("วันอังคารที่ 12 มกราคม 2570 เวลา 09.30 น."). Complaint messages name a
//! case only by the start of its id and its category: their content is sealed and stays out of
//! chat messages.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use sujarit_contracts::complaint::Category;
use sujarit_thai::{format_thai_date_long, Period};
use uuid::Uuid;

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    pub th: String,
    pub en: String,
}

/// Items listed in one message at most; the rest are counted.
const MAX_LISTED: usize = 15;

/// What a round reminder says about its round.
pub(crate) struct RoundRef<'a> {
    pub plan_title: Option<&'a str>,
    pub period: Period,
    pub fiscal_year: u16,
    pub due_on: NaiveDate,
}

/// One item as listed in a message.
pub(crate) struct ItemRef<'a> {
    pub code: &'a str,
    pub name: &'a str,
}

/// A unit's missing items, for the overdue digest.
pub(crate) struct UnitItems<'a> {
    pub unit_th: String,
    pub unit_en: String,
    pub items: Vec<ItemRef<'a>>,
}

/// What a meeting reminder says about its meeting.
pub(crate) struct MeetingRef<'a> {
    pub plan_title: Option<&'a str>,
    pub title: &'a str,
    pub starts_at: NaiveDateTime,
    pub place: &'a str,
    pub agenda: &'a [String],
}

/// How a message names an org unit (Thai, English): its name, else the start of its id; items
/// without a unit say so.
pub(crate) fn unit_names(org_unit_id: Option<Uuid>, name: Option<&str>) -> (String, String) {
    match (org_unit_id, name) {
        (_, Some(name)) => (name.to_string(), name.to_string()),
        (Some(id), None) => (format!("หน่วยงาน {}", short_id(id)), format!("unit {}", short_id(id))),
        (None, None) => ("ไม่ระบุหน่วยงาน".to_string(), "no responsible unit".to_string()),
    }
}

fn short_id(id: Uuid) -> String {
    id.simple().to_string().chars().take(8).collect()
}

fn date_en(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

fn round_th(round: &RoundRef<'_>) -> String {
    let plan = round
        .plan_title
        .map(|title| format!("ตาม{}", plan_th(title)))
        .unwrap_or_default();
    format!(
        "รายงานผลการดำเนินงาน{plan} รอบ {} ปีงบประมาณ พ.ศ. {}",
        round.period.label_th(),
        round.fiscal_year
    )
}

/// A plan's title as Thai prose names it: most titles begin with "แผน…" already.
fn plan_th(title: &str) -> String {
    if title.starts_with("แผน") {
        title.to_string()
    } else {
        format!("แผน{title}")
    }
}

fn round_en(round: &RoundRef<'_>) -> String {
    let plan = round
        .plan_title
        .map(|title| format!(" of plan \"{title}\""))
        .unwrap_or_default();
    format!(
        "the {} FY{} progress report{plan}",
        round.period.label_en(),
        round.fiscal_year
    )
}

fn list(items: &[ItemRef<'_>], more_th: &str, more_en: &str) -> (String, String) {
    let mut th = String::new();
    let mut en = String::new();
    for item in items.iter().take(MAX_LISTED) {
        let line = format!("\n- {} {}", item.code, item.name);
        th.push_str(&line);
        en.push_str(&line);
    }
    let rest = items.len().saturating_sub(MAX_LISTED);
    if rest > 0 {
        th.push_str(&format!("\n{more_th} {rest} รายการ"));
        en.push_str(&format!("\n{more_en} {rest} more"));
    }
    (th, en)
}

/// To an officer: items of their unit not submitted, `days_left` days before the due date (0: today).
pub(crate) fn round_reminder(
    round: &RoundRef<'_>,
    unit_th: &str,
    unit_en: &str,
    items: &[ItemRef<'_>],
    days_left: u16,
) -> Text {
    let (list_th, list_en) = list(items, "และอีก", "and");
    let (when_th, when_en) = match days_left {
        0 => (
            format!("ครบกำหนดส่งวันนี้ ({})", format_thai_date_long(round.due_on)),
            format!("is due today ({})", date_en(round.due_on)),
        ),
        days => (
            format!("ครบกำหนดส่งวันที่ {} (อีก {days} วัน)", format_thai_date_long(round.due_on)),
            format!(
                "is due on {} (in {days} day{})",
                date_en(round.due_on),
                plural(days.into())
            ),
        ),
    };
    Text {
        th: format!(
            "แจ้งเตือน: {} {when_th}\n{unit_th} ยังไม่ได้ส่ง {} รายการ:{list_th}",
            round_th(round),
            items.len()
        ),
        en: format!(
            "Reminder: {} {when_en}.\n{unit_en}: {} item{} not submitted:{list_en}",
            round_en(round),
            items.len(),
            plural(items.len())
        ),
    }
}

/// To an officer: a submission was returned for correction.
pub(crate) fn submission_returned(round: &RoundRef<'_>, item: &ItemRef<'_>, reason: &str) -> Text {
    Text {
        th: format!(
            "รายการ {} {} ใน{} ถูกส่งกลับให้แก้ไข\nเหตุผล: {reason}\nกรุณาแก้ไขและส่งใหม่ (กำหนดส่ง {})",
            item.code,
            item.name,
            round_th(round),
            format_thai_date_long(round.due_on)
        ),
        en: format!(
            "Item {} {} in {} was returned for correction.\nReason: {reason}\nPlease correct and resubmit (due {}).",
            item.code,
            item.name,
            round_en(round),
            date_en(round.due_on)
        ),
    }
}

/// To the committee and secretariat, weekly while a round is open: where it stands (the chart
/// comes with it).
pub(crate) fn weekly_digest(
    round: &RoundRef<'_>,
    submitted: usize,
    total: usize,
    missing_units: usize,
    late_units: usize,
) -> Text {
    let mut th = format!(
        "สรุปประจำสัปดาห์: {}\nกำหนดส่ง {} · ส่งแล้ว {submitted} จาก {total} รายการ · ยังไม่ส่ง {missing_units} หน่วยงาน",
        round_th(round),
        format_thai_date_long(round.due_on),
    );
    let mut en = format!(
        "Weekly digest: {}\nDue {} · {submitted} of {total} item{} submitted · {missing_units} agenc{} still to report",
        round_en(round),
        date_en(round.due_on),
        plural(total),
        if missing_units == 1 { "y" } else { "ies" },
    );
    if late_units > 0 {
        th.push_str(&format!(" (เลยกำหนดแล้ว {late_units} หน่วยงาน)"));
        en.push_str(&format!(" ({late_units} late)"));
    }
    th.push_str("\nดูภาพสรุปที่แนบมา หรือพิมพ์ /digest");
    en.push_str("\nSee the chart attached, or type /digest");
    Text { th, en }
}

/// To the secretariat and committee: who is still missing, `days_over` days after the due date.
pub(crate) fn overdue_digest(round: &RoundRef<'_>, days_over: u16, units: &[UnitItems<'_>]) -> Text {
    let item_count: usize = units.iter().map(|unit| unit.items.len()).sum();
    let mut th = format!(
        "สรุปรายการค้างส่ง: {} เลยกำหนดส่ง ({}) มาแล้ว {days_over} วัน\nยังไม่ได้ส่ง {} หน่วยงาน {item_count} รายการ",
        round_th(round),
        format_thai_date_long(round.due_on),
        units.len()
    );
    let mut en = format!(
        "Overdue list: {} was due on {} ({days_over} day{} ago).\nMissing: {} agenc{}, {item_count} item{}",
        round_en(round),
        date_en(round.due_on),
        plural(days_over.into()),
        units.len(),
        if units.len() == 1 { "y" } else { "ies" },
        plural(item_count)
    );
    for unit in units {
        let codes: Vec<&str> = unit.items.iter().map(|item| item.code).collect();
        th.push_str(&format!(
            "\n- {}: {} รายการ ({})",
            unit.unit_th,
            unit.items.len(),
            codes.join(", ")
        ));
        en.push_str(&format!(
            "\n- {}: {} ({})",
            unit.unit_en,
            unit.items.len(),
            codes.join(", ")
        ));
    }
    Text { th, en }
}

fn category_en(category: Category) -> &'static str {
    match category {
        Category::Corruption => "corruption complaint",
        Category::General => "general complaint",
    }
}

/// To the secretariat: a case is not acknowledged `days` days after receipt.
pub(crate) fn complaint_not_acknowledged(case_id: Uuid, category: Category, received_on: NaiveDate, days: u16) -> Text {
    Text {
        th: format!(
            "{} เลขที่ {} รับเมื่อ {} ยังไม่ได้ตอบรับ (ผ่านมา {days} วัน)",
            category.label_th(),
            short_id(case_id),
            format_thai_date_long(received_on)
        ),
        en: format!(
            "The {} {} received on {} is not acknowledged yet ({days} day{} on).",
            category_en(category),
            short_id(case_id),
            date_en(received_on),
            plural(days.into())
        ),
    }
}

/// To the secretariat: an open case is due in `days` days.
pub(crate) fn complaint_due_soon(case_id: Uuid, category: Category, due_on: NaiveDate, days: u16) -> Text {
    Text {
        th: format!(
            "{} เลขที่ {} ครบกำหนดวันที่ {} (อีก {days} วัน)",
            category.label_th(),
            short_id(case_id),
            format_thai_date_long(due_on)
        ),
        en: format!(
            "The {} {} is due on {} (in {days} day{}).",
            category_en(category),
            short_id(case_id),
            date_en(due_on),
            plural(days.into())
        ),
    }
}

/// To the secretariat: an open case is `days_over` days past its due date.
pub(crate) fn complaint_overdue(case_id: Uuid, category: Category, due_on: NaiveDate, days_over: u16) -> Text {
    Text {
        th: format!(
            "{} เลขที่ {} เลยกำหนด ({}) มาแล้ว {days_over} วัน: ดำเนินการให้แล้วเสร็จ หรือแจ้งเหตุผลที่ต้องขยายเวลาแก่ผู้ร้อง",
            category.label_th(),
            short_id(case_id),
            format_thai_date_long(due_on)
        ),
        en: format!(
            "The {} {} is {days_over} day{} past its due date ({}): finish it or tell the reporter why it takes longer.",
            category_en(category),
            short_id(case_id),
            plural(days_over.into()),
            date_en(due_on)
        ),
    }
}

/// To the secretariat: a plan is not registered in e-PlanNACC, due in `days` days.
pub(crate) fn registration_due(title: &str, fiscal_years: (u16, u16), due_on: NaiveDate, days: u16) -> Text {
    let (from, to) = fiscal_years;
    let years = if from == to {
        format!("{from}")
    } else {
        format!("{from}–{to}")
    };
    Text {
        th: format!(
            "{} (ปีงบประมาณ พ.ศ. {years}) ยังไม่ได้ลงทะเบียนในระบบ e-PlanNACC กำหนดภายในวันที่ {} (อีก {days} วัน)",
            plan_th(title),
            format_thai_date_long(due_on)
        ),
        en: format!(
            "Plan \"{title}\" (FY{years}) is not registered in e-PlanNACC; the deadline is {} (in {days} day{}).",
            date_en(due_on),
            plural(days.into())
        ),
    }
}

/// Thai weekday names, Monday first.
const WEEKDAYS_TH: [&str; 7] = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"];

/// "วันอังคารที่ 12 มกราคม 2570 เวลา 09.30 น."
fn date_time_th(at: NaiveDateTime) -> String {
    let weekday = WEEKDAYS_TH[at.weekday().num_days_from_monday() as usize];
    format!(
        "วัน{weekday}ที่ {} เวลา {} น.",
        format_thai_date_long(at.date()),
        at.format("%H.%M")
    )
}

/// "Tuesday 12 January 2027 at 09:30"
fn date_time_en(at: NaiveDateTime) -> String {
    format!("{} {} at {}", at.format("%A"), date_en(at.date()), at.format("%H:%M"))
}

/// To the committee and secretariat: a meeting is coming, with its place and numbered agenda.
/// `days_ahead` is how far the meeting's date is from the day the message goes out (1: tomorrow,
/// 0: today, when a late notice moved out of quiet hours lands on the meeting's day).
pub(crate) fn meeting_reminder(meeting: &MeetingRef<'_>, days_ahead: i64) -> Text {
    let (when_th, when_en) = match days_ahead {
        1 => ("พรุ่งนี้", ", tomorrow"),
        0 => ("วันนี้", ", today"),
        _ => ("", ""),
    };
    let mut th = format!(
        "แจ้งเตือนการประชุม{when_th}: {}\n{}\nสถานที่: {}",
        meeting.title,
        date_time_th(meeting.starts_at),
        meeting.place
    );
    let mut en = format!(
        "Meeting reminder{when_en}: {}\n{}\nPlace: {}",
        meeting.title,
        date_time_en(meeting.starts_at),
        meeting.place
    );
    if let Some(title) = meeting.plan_title {
        th.push_str(&format!("\nเรื่อง: {}", plan_th(title)));
        en.push_str(&format!("\nPlan: \"{title}\""));
    }
    th.push_str("\nระเบียบวาระการประชุม:");
    en.push_str("\nAgenda:");
    for (number, item) in meeting.agenda.iter().enumerate() {
        let line = format!("\n{}. {item}", number + 1);
        th.push_str(&line);
        en.push_str(&line);
    }
    Text { th, en }
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round() -> RoundRef<'static> {
        RoundRef {
            plan_title: Some("แผนปฏิบัติการป้องกันการทุจริต"),
            period: Period::Q3,
            fiscal_year: 2569,
            due_on: NaiveDate::from_ymd_opt(2026, 7, 16).unwrap(),
        }
    }

    #[test]
    fn reminders_write_thai_dates_in_the_buddhist_era_and_english_dates_in_the_common_era() {
        let items = [ItemRef {
            code: "1.1",
            name: "อบรม",
        }];
        let text = round_reminder(&round(), "อบต.หนึ่ง", "อบต.หนึ่ง", &items, 3);
        assert!(
            text.th.contains("16 กรกฎาคม 2569") && text.th.contains("อีก 3 วัน"),
            "{}",
            text.th
        );
        assert!(
            text.th.contains("ไตรมาส 3") && text.th.contains("- 1.1 อบรม"),
            "{}",
            text.th
        );
        assert!(
            text.en.contains("16 July 2026") && text.en.contains("in 3 days"),
            "{}",
            text.en
        );
        assert!(text.en.contains("1 item not submitted"), "{}", text.en);
        let today = round_reminder(&round(), "u", "u", &items, 0);
        assert!(today.th.contains("วันนี้") && today.en.contains("due today"));
    }

    #[test]
    fn long_item_lists_are_cut_and_counted() {
        let codes: Vec<String> = (1..=20).map(|n| format!("1.{n}")).collect();
        let items: Vec<ItemRef<'_>> = codes.iter().map(|code| ItemRef { code, name: "x" }).collect();
        let text = round_reminder(&round(), "u", "u", &items, 1);
        assert!(
            text.th.contains("และอีก 5 รายการ") && text.en.contains("and 5 more"),
            "{}",
            text.th
        );
        assert!(!text.th.contains("1.16 x"));
    }

    #[test]
    fn a_meeting_reminder_gives_the_thai_weekday_date_in_the_buddhist_era_time_place_and_numbered_agenda() {
        let agenda = vec!["เรื่องที่ประธานแจ้งให้ทราบ".to_string(), "พิจารณาร่างแผน".to_string()];
        let meeting = MeetingRef {
            plan_title: Some("แผนปฏิบัติการป้องกันการทุจริต"),
            title: "การประชุมคณะกรรมการ ครั้งที่ 1/2570",
            starts_at: NaiveDate::from_ymd_opt(2027, 1, 12)
                .unwrap()
                .and_hms_opt(9, 30, 0)
                .unwrap(),
            place: "ห้องประชุม 1",
            agenda: &agenda,
        };
        let text = meeting_reminder(&meeting, 1);
        assert_eq!(
            text.th,
            "แจ้งเตือนการประชุมพรุ่งนี้: การประชุมคณะกรรมการ ครั้งที่ 1/2570\n\
             วันอังคารที่ 12 มกราคม 2570 เวลา 09.30 น.\n\
             สถานที่: ห้องประชุม 1\n\
             เรื่อง: แผนปฏิบัติการป้องกันการทุจริต\n\
             ระเบียบวาระการประชุม:\n\
             1. เรื่องที่ประธานแจ้งให้ทราบ\n\
             2. พิจารณาร่างแผน"
        );
        assert!(
            text.en.starts_with(
                "Meeting reminder, tomorrow: การประชุมคณะกรรมการ ครั้งที่ 1/2570\nTuesday 12 January 2027 at 09:30\n"
            ),
            "{}",
            text.en
        );
        assert!(
            text.en.contains("Agenda:\n1. ") && text.en.contains("\n2. พิจารณาร่างแผน"),
            "{}",
            text.en
        );
        assert!(meeting_reminder(&meeting, 0).th.starts_with("แจ้งเตือนการประชุมวันนี้:"));
    }

    #[test]
    fn complaint_messages_name_the_case_by_the_start_of_its_id_only() {
        let case = Uuid::from_u128(0xabcd_ef01_2345_6789_0000_0000_0000_0000);
        let text = complaint_overdue(
            case,
            Category::General,
            NaiveDate::from_ymd_opt(2026, 6, 16).unwrap(),
            2,
        );
        assert!(
            text.th.contains("abcdef01") && !text.th.contains("23456789"),
            "{}",
            text.th
        );
        assert!(
            text.th.contains("เรื่องร้องเรียนทั่วไป") && text.en.contains("2 days past"),
            "{}",
            text.en
        );
    }
}
