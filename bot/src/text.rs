//! Every word the bot says, Thai first and English second, in one place.
//!
//! The tone is that of a Thai government LINE official account: polite and plain, neutral between
//! ค่ะ and ครับ ("กรุณา…", "ขอบคุณที่…"). Amounts are written in baht with separators, dates the way
//! Thai documents write them (Buddhist Era years) in Thai, and day-month-year (CE) in English.

use chrono::NaiveDate;
use sujarit_contracts::complaint::{Category, Channel};
use sujarit_contracts::people::Role;
use sujarit_contracts::plan::Budget;
use sujarit_contracts::query::PlanSummary;
use sujarit_contracts::round::{NotCarriedOutReason, ProgressStatus, SubmissionContent};
use sujarit_thai::{format_thai_date, Satang};

use crate::command::{Audience, BotCommand};
use crate::conversation::{Identity, Lang, Report, ReporterAction, Tip};
use crate::flows::queue::{bucket, Bucket};
use crate::io::{
    AgencyStatus, CaseStatus, CaseView, Digest, ItemBrief, MyItem, PersonView, QueueCase, ReviewItem, RoundInfo,
    RoundStatus, SubmissionState,
};
use crate::limits::{MAX_BUTTONS, MAX_COMPLAINT_TEXT, MAX_PHOTO_BYTES};
use crate::parse::InputError;

/// Picks the text of the language.
fn tr(lang: Lang, th: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Th => th.into(),
        Lang::En => en.into(),
    }
}

/// Picks a static text of the language.
fn st(lang: Lang, th: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Th => th,
        Lang::En => en,
    }
}

/// At most `max` characters, with "…" when cut.
fn short(text: &str, max: usize) -> String {
    match text.chars().count() > max {
        true => format!("{}…", text.chars().take(max.saturating_sub(1)).collect::<String>()),
        false => text.to_string(),
    }
}

/// A label that starts with a digit gets a space before it ("รอบ 6 เดือน", but "รอบไตรมาส 1").
fn spaced(label: &str) -> String {
    match label.starts_with(|c: char| c.is_ascii_digit()) {
        true => format!(" {label}"),
        false => label.to_string(),
    }
}

/// A count with thousands separators: "20,000".
fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

// ---- Formatting ----------------------------------------------------------------------------

/// A date: "5 เม.ย. 2567" or "5 Apr 2024".
pub fn date(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::Th => format_thai_date(day),
        Lang::En => day.format("%-d %b %Y").to_string(),
    }
}

/// An amount or budget: "15,000.00 บาท", "ไม่ใช้งบประมาณ", "ไม่ระบุ".
pub fn budget(lang: Lang, value: &Budget) -> String {
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

/// A round: "รอบ 6 เดือน ปีงบประมาณ 2567".
pub fn round_name(lang: Lang, round: &RoundInfo) -> String {
    tr(
        lang,
        format!("รอบ{} ปีงบประมาณ {}", spaced(round.period.label_th()), round.fiscal_year),
        format!(
            "{} round, fiscal year {} (BE)",
            round.period.label_en(),
            round.fiscal_year
        ),
    )
}

/// The quarters ticked: "ไตรมาส 1, 2" / "Q1, Q2", or "ยังไม่มี".
pub fn quarters(lang: Lang, done: &[bool; 4]) -> String {
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

/// A progress status.
pub fn status_label(lang: Lang, status: ProgressStatus) -> String {
    tr(lang, status.label_th(), status.label_en())
}

/// A reason an item could not be carried out.
pub fn reason_label(lang: Lang, reason: &NotCarriedOutReason) -> String {
    match reason {
        NotCarriedOutReason::NoBudget => tr(lang, "ไม่ได้รับจัดสรรงบประมาณ", "no budget allocated"),
        NotCarriedOutReason::PolicyChanged => tr(lang, "นโยบายเปลี่ยนแปลง", "policy changed"),
        NotCarriedOutReason::NotEnoughStaff => tr(lang, "บุคลากรไม่เพียงพอ", "not enough staff"),
        NotCarriedOutReason::Other { text } if text.is_empty() => tr(lang, "อื่น ๆ (โปรดระบุ)", "other (please say)"),
        NotCarriedOutReason::Other { text } => tr(lang, format!("อื่น ๆ: {text}"), format!("other: {text}")),
    }
}

/// A complaint category.
pub fn category_label(lang: Lang, category: Category) -> String {
    match category {
        Category::Corruption => tr(lang, category.label_th(), "Corruption complaint"),
        Category::General => tr(lang, category.label_th(), "General complaint"),
    }
}

fn channel_label(lang: Lang, channel: Channel) -> String {
    tr(lang, channel.label_th(), channel.as_str())
}

/// Where a complaint case stands.
pub fn case_status_label(lang: Lang, status: CaseStatus) -> String {
    match status {
        CaseStatus::Received => tr(lang, "รับเรื่องแล้ว รอการตอบรับ", "received, awaiting acknowledgement"),
        CaseStatus::Acknowledged => tr(lang, "ตอบรับเรื่องแล้ว", "acknowledged"),
        CaseStatus::Assigned => tr(lang, "อยู่ระหว่างตรวจสอบโดยหน่วยงานที่รับผิดชอบ", "with the unit handling it"),
        CaseStatus::Resolved => tr(lang, "ได้ข้อยุติแล้ว", "resolved"),
        CaseStatus::Referred => tr(lang, "ส่งต่อหน่วยงานอื่นแล้ว", "referred to another body"),
        CaseStatus::Closed => tr(lang, "ยุติเรื่องแล้ว", "closed"),
    }
}

fn role_label(lang: Lang, role: Role) -> String {
    tr(lang, role.label_th(), role.as_str())
}

/// Where a submission stands.
pub fn submission_state_label(lang: Lang, state: &SubmissionState) -> String {
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

fn plan_status_label(lang: Lang, status: &str) -> String {
    match status {
        "draft" => tr(lang, "ร่าง", "draft"),
        "submitted" => tr(lang, "เสนอที่ประชุมพิจารณา", "submitted for endorsement"),
        "returned" => tr(lang, "ส่งกลับให้แก้ไข", "returned for changes"),
        "endorsed" => tr(lang, "ให้ความเห็นชอบแล้ว", "endorsed"),
        "signed" => tr(lang, "ลงนามประกาศใช้แล้ว", "signed into force"),
        "registered" => tr(lang, "ลงทะเบียนในระบบ e-PlanNACC แล้ว", "registered in e-PlanNACC"),
        other => other.to_string(),
    }
}

fn days_left(lang: Lang, due: NaiveDate, today: NaiveDate) -> String {
    let days = (due - today).num_days();
    match days {
        d if d < 0 => tr(lang, format!("เกินกำหนด {} วัน", -d), format!("{} days overdue", -d)),
        0 => tr(lang, "ครบกำหนดวันนี้", "due today"),
        d => tr(lang, format!("เหลืออีก {d} วัน"), format!("{d} days left")),
    }
}

fn or_dash(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "-".to_string())
}

// ---- Help and commands ---------------------------------------------------------------------

/// What a command does.
pub fn command_description(command: &BotCommand, lang: Lang) -> &'static str {
    match command {
        BotCommand::Start(_) => st(lang, "เริ่มต้นใช้งานและแสดงเมนู", "start and show the menu"),
        BotCommand::Help => st(lang, "แสดงคำสั่งทั้งหมด", "list all commands"),
        BotCommand::Cancel => st(lang, "ยกเลิกรายการที่กำลังทำ", "cancel what is under way"),
        BotCommand::Lang(_) => st(lang, "เปลี่ยนภาษา (ไทย/อังกฤษ)", "switch language (Thai/English)"),
        BotCommand::Link(_) => st(
            lang,
            "เชื่อมบัญชีเจ้าหน้าที่ด้วยรหัสเชิญ",
            "link your staff account with an invite code",
        ),
        BotCommand::Items => st(
            lang,
            "รายการของหน่วยงานในรอบรายงานปัจจุบันและสถานะ",
            "your agency's items in the open round and where each stands",
        ),
        BotCommand::Report => st(lang, "รายงานผลการดำเนินงานของรายการ", "report progress on an item"),
        BotCommand::Returned => st(
            lang,
            "รายการที่ถูกส่งกลับให้แก้ไขและเหตุผล",
            "items returned for correction, and why",
        ),
        BotCommand::Round => st(lang, "สถานะการรายงานของรอบปัจจุบัน", "status of the open reporting round"),
        BotCommand::Review => st(
            lang,
            "ตรวจรายงาน: รับรองหรือส่งกลับแก้ไข",
            "review submissions: accept or return them",
        ),
        BotCommand::Queue => st(
            lang,
            "เรื่องร้องเรียน: ใหม่ ใกล้ครบกำหนด เกินกำหนด",
            "complaint queue: new, due soon, overdue",
        ),
        BotCommand::Plan => st(lang, "สถานะการอนุมัติแผนปฏิบัติการ", "plan approval status"),
        BotCommand::Digest => st(
            lang,
            "สรุปภาพรวมการรายงาน เรื่องร้องเรียน และแผน",
            "summary of the round, complaints and plans",
        ),
        BotCommand::Tip => st(lang, "แจ้งเบาะแสการทุจริตโดยไม่เปิดเผยตัวตน", "report corruption anonymously"),
        BotCommand::Complain => st(lang, "ร้องเรียน (ระบุชื่อหรือไม่ก็ได้)", "file a complaint (named or not)"),
        BotCommand::Status => st(
            lang,
            "ติดตามเรื่องด้วยรหัสติดตามเรื่อง",
            "follow up a case with its receipt code",
        ),
        BotCommand::Answer => st(
            lang,
            "ตอบคำถามของเจ้าหน้าที่เกี่ยวกับเรื่องของท่าน",
            "answer a question about your case",
        ),
        BotCommand::Evidence => st(lang, "ส่งหลักฐานเพิ่มเติม", "add evidence to your case"),
        BotCommand::Mute(_) => st(
            lang,
            "ปิดการแจ้งเตือนชั่วคราว (ระบุจำนวนวัน เรื่องเร่งด่วนยังแจ้ง)",
            "pause notifications for some days (urgent ones still come)",
        ),
        BotCommand::Unmute => st(lang, "เปิดการแจ้งเตือนอีกครั้ง", "turn notifications back on"),
    }
}

/// The argument a command takes, for `/help`.
pub fn command_usage(command: &BotCommand, lang: Lang) -> Option<&'static str> {
    match command {
        BotCommand::Link(_) => Some(st(lang, "รหัสเชิญ", "CODE")),
        BotCommand::Lang(_) => Some("th|en"),
        BotCommand::Mute(_) => Some(st(lang, "จำนวนวัน", "DAYS")),
        _ => None,
    }
}

/// The heading of `/help`.
pub fn help_title(lang: Lang) -> &'static str {
    st(
        lang,
        "คำสั่งที่ใช้ได้ (พิมพ์ /cancel เพื่อยกเลิกได้ทุกเมื่อ)",
        "Commands (type /cancel at any time to stop)",
    )
}

/// A group of commands in `/help`.
pub fn audience_heading(audience: Audience, lang: Lang) -> &'static str {
    match audience {
        Audience::Everyone => st(lang, "ทั่วไป", "General"),
        Audience::Citizen => st(lang, "ประชาชน: ร้องเรียนและแจ้งเบาะแส", "Citizens: complaints and tips"),
        Audience::Officer => st(lang, "เจ้าหน้าที่หน่วยงาน", "Agency officers"),
        Audience::Committee => st(lang, "ฝ่ายเลขานุการและคณะกรรมการ", "Secretariat and committee"),
    }
}

/// A command's label in the main menu.
pub fn menu_label(command: &BotCommand, lang: Lang) -> String {
    let (th, en) = match command {
        BotCommand::Items => ("รายการของฉัน", "My items"),
        BotCommand::Report => ("รายงานผล", "Report progress"),
        BotCommand::Returned => ("รายการที่ถูกส่งกลับ", "Returned items"),
        BotCommand::Round => ("สถานะรอบรายงาน", "Round status"),
        BotCommand::Review => ("ตรวจรายงาน", "Review submissions"),
        BotCommand::Queue => ("เรื่องร้องเรียน", "Complaint queue"),
        BotCommand::Plan => ("สถานะแผน", "Plan status"),
        BotCommand::Digest => ("สรุปภาพรวม", "Digest"),
        BotCommand::Tip => ("แจ้งเบาะแส (ไม่ระบุตัวตน)", "Anonymous tip"),
        BotCommand::Complain => ("ร้องเรียน", "File a complaint"),
        BotCommand::Status => ("ติดตามเรื่อง", "Follow up a case"),
        BotCommand::Answer => ("ตอบคำถาม", "Answer a question"),
        BotCommand::Evidence => ("ส่งหลักฐานเพิ่ม", "Add evidence"),
        BotCommand::Link(_) => ("เชื่อมบัญชีเจ้าหน้าที่", "Link staff account"),
        BotCommand::Lang(_) => ("ภาษา", "Language"),
        BotCommand::Mute(_) => ("ปิดการแจ้งเตือน", "Mute notifications"),
        BotCommand::Unmute => ("เปิดการแจ้งเตือน", "Unmute notifications"),
        BotCommand::Help => ("วิธีใช้", "Help"),
        BotCommand::Cancel => ("ยกเลิก", "Cancel"),
        BotCommand::Start(_) => ("เริ่มต้น", "Start"),
    };
    tr(lang, th, en)
}

/// A mute saved (`until`), or ended (`None`).
pub fn muted(lang: Lang, until: Option<NaiveDate>) -> String {
    match until {
        Some(until) => tr(
            lang,
            format!(
                "ปิดการแจ้งเตือนแล้วจนถึงวันที่ {} เรื่องเร่งด่วนยังแจ้งถึงท่านตามปกติ พิมพ์ /unmute เพื่อเปิดอีกครั้ง",
                date(lang, until)
            ),
            format!(
                "Notifications are paused until {}; urgent ones still come. Type /unmute to turn them back on.",
                date(lang, until)
            ),
        ),
        None => tr(
            lang,
            "เปิดการแจ้งเตือนแล้ว ท่านจะได้รับการแจ้งเตือนตามปกติ",
            "Notifications are on again.",
        ),
    }
}

/// `/mute` with a number of days that cannot be used.
pub fn mute_days_invalid(lang: Lang, max: usize) -> String {
    tr(
        lang,
        format!("กรุณาระบุจำนวนวันเป็นตัวเลข 1 ถึง {max} เช่น /mute 3"),
        format!("Give the number of days as a number from 1 to {max}, e.g. /mute 3"),
    )
}

/// The hint under numbered choices on a channel without buttons.
pub fn type_a_number(lang: Lang) -> String {
    tr(lang, "กรุณาพิมพ์หมายเลขเพื่อเลือก", "Type a number to choose.")
}

// ---- Conversation-wide ----------------------------------------------------------------------

/// The greeting.
pub fn welcome(lang: Lang, identity: &Identity) -> String {
    let hello = match identity {
        Identity::Person { name, .. } => tr(lang, format!("สวัสดีคุณ{name}"), format!("Hello, {name}.")),
        Identity::Unlinked => tr(lang, "สวัสดี", "Hello."),
    };
    tr(
        lang,
        format!(
            "{hello} ยินดีต้อนรับสู่ \"สุจริต\" ช่องทางติดตามแผนปฏิบัติการป้องกันและปราบปรามการทุจริต และช่องทางร้องเรียนและแจ้งเบาะแสการทุจริต\nพิมพ์ /help เพื่อดูคำสั่งทั้งหมด\nType /lang en for English."
        ),
        format!(
            "{hello} Welcome to Sujarit, for following anti-corruption action plans and for reporting corruption.\nType /help for all commands.\nพิมพ์ /lang th เพื่อใช้ภาษาไทย"
        ),
    )
}

/// Above the main menu.
pub fn main_menu(lang: Lang) -> String {
    tr(lang, "กรุณาเลือกรายการที่ต้องการ", "What would you like to do?")
}

/// A flow sat idle too long.
pub fn timed_out(lang: Lang) -> String {
    tr(
        lang,
        "รายการที่ท่านทำค้างไว้ถูกยกเลิกแล้ว เนื่องจากไม่มีการตอบกลับเกิน 30 นาที ข้อมูลที่ยังไม่ได้ส่งจะไม่ถูกบันทึก กรุณาเริ่มใหม่อีกครั้ง",
        "What you were doing was stopped after 30 minutes without a reply; nothing unsent was kept. Please start again.",
    )
}

/// `/cancel` stopped a flow.
pub fn cancelled(lang: Lang) -> String {
    tr(
        lang,
        "ยกเลิกรายการแล้ว ข้อมูลที่ยังไม่ได้ส่งจะไม่ถูกบันทึก",
        "Cancelled; nothing unsent was kept.",
    )
}

/// `/cancel` (or another command) while a command's reply is awaited.
pub fn cancelled_in_flight(lang: Lang) -> String {
    tr(
        lang,
        "หยุดรอผลแล้ว แต่ข้อมูลที่ส่งไปก่อนหน้านี้อาจได้รับการบันทึกแล้ว กรุณาตรวจสอบอีกครั้ง หากเป็นการแจ้งเรื่องและระบบรับเรื่องแล้ว ท่านจะได้รับรหัสติดตามเรื่องในข้อความถัดไป",
        "Stopped waiting, but what was already sent may have been recorded; please check again. If it was a complaint and it was received, its receipt code will follow in the next message.",
    )
}

/// `/cancel` with nothing under way.
pub fn nothing_to_cancel(lang: Lang) -> String {
    tr(lang, "ขณะนี้ไม่มีรายการที่ต้องยกเลิก", "There is nothing to cancel.")
}

/// A new command replaced an unfinished flow.
pub fn previous_abandoned(lang: Lang) -> String {
    tr(
        lang,
        "ยกเลิกรายการที่ทำค้างไว้ก่อนหน้าแล้ว",
        "The unfinished task before was cancelled.",
    )
}

/// An unknown slash command.
pub fn unknown_command(lang: Lang, name: &str) -> String {
    tr(
        lang,
        format!("ไม่รู้จักคำสั่ง /{name} กรุณาพิมพ์ /help เพื่อดูคำสั่งทั้งหมด"),
        format!("Unknown command /{name}. Type /help for all commands."),
    )
}

/// The language was switched.
pub fn lang_switched(lang: Lang, notifications_too: bool) -> String {
    match notifications_too {
        false => tr(lang, "เปลี่ยนเป็นภาษาไทยแล้ว", "Switched to English."),
        true => tr(
            lang,
            "เปลี่ยนเป็นภาษาไทยแล้ว การแจ้งเตือนถึงท่านจะเป็นภาษาไทยด้วย",
            "Switched to English. Your notifications will come in English too.",
        ),
    }
}

/// Asks which language.
pub fn choose_lang(_lang: Lang) -> String {
    "กรุณาเลือกภาษา / Please choose a language".to_string()
}

/// Staff-only command from an unlinked account.
pub fn need_link(lang: Lang) -> String {
    tr(
        lang,
        "คำสั่งนี้สำหรับเจ้าหน้าที่ กรุณาเชื่อมบัญชีก่อนด้วยคำสั่ง /link ตามด้วยรหัสเชิญที่ได้รับจากผู้ดูแลระบบ",
        "This command is for staff. Please link your account first: /link followed by the invite code from your administrator.",
    )
}

/// A command the person's roles do not allow.
pub fn not_allowed(lang: Lang) -> String {
    tr(
        lang,
        "บัญชีของท่านไม่มีสิทธิ์ใช้คำสั่งนี้ หากเห็นว่าไม่ถูกต้อง กรุณาติดต่อผู้ดูแลระบบ",
        "Your account may not use this command. If that seems wrong, please contact your administrator.",
    )
}

/// An officer without an org unit.
pub fn no_org_unit(lang: Lang) -> String {
    tr(
        lang,
        "บัญชีของท่านยังไม่ได้ระบุหน่วยงาน กรุณาติดต่อผู้ดูแลระบบ",
        "Your account has no agency yet. Please contact your administrator.",
    )
}

/// Input while an effect is under way.
pub fn please_wait(lang: Lang) -> String {
    tr(
        lang,
        "กำลังดำเนินการ กรุณารอสักครู่ หรือพิมพ์ /cancel เพื่อยกเลิก",
        "Working on it; please wait a moment, or type /cancel to stop.",
    )
}

/// The ledger or a query refused.
pub fn refused(lang: Lang, message: &str) -> String {
    tr(
        lang,
        format!("ไม่สามารถดำเนินการได้: {message}"),
        format!("That could not be done: {message}"),
    )
}

/// A typed answer that is not one of the choices.
pub fn choose_from_buttons(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาเลือกจากปุ่มด้านล่าง หรือพิมพ์หมายเลขของตัวเลือก",
        "Please choose one of the buttons below, or type its number.",
    )
}

/// A photo where none is asked for.
pub fn photo_not_expected(lang: Lang) -> String {
    tr(
        lang,
        "ขณะนี้ยังไม่อยู่ในขั้นตอนที่รับรูปภาพ",
        "Photos are not expected at this point.",
    )
}

/// A photo was stored.
pub fn photo_received(lang: Lang, count: usize) -> String {
    tr(
        lang,
        format!("ได้รับรูปภาพแล้ว (รวม {count} ไฟล์)"),
        format!("Photo received ({count} in all)."),
    )
}

/// All photos were removed.
pub fn photos_cleared(lang: Lang) -> String {
    tr(lang, "ลบรูปภาพทั้งหมดแล้ว", "All photos were removed.")
}

/// Text in a photo step.
pub fn send_photos_or_done(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาส่งรูปภาพ หรือกด \"เสร็จสิ้น\" (พิมพ์ เสร็จ) เมื่อส่งครบแล้ว",
        "Please send photos, or press \"Done\" (type done) when finished.",
    )
}

/// Asks which field to change.
pub fn choose_field(lang: Lang) -> String {
    tr(lang, "ต้องการแก้ไขข้อมูลใด", "What would you like to change?")
}

/// Something typed that cannot be used, naming what was wrong.
pub fn input_error(lang: Lang, error: &InputError) -> String {
    match error {
        InputError::Empty => tr(lang, "กรุณาพิมพ์ข้อความ", "Please type something."),
        InputError::TooLong { chars, max } => {
            let (chars, max) = (thousands(*chars), thousands(*max));
            tr(
                lang,
                format!("ข้อความยาวเกินไป ({chars} ตัวอักษร) กรุณาย่อให้ไม่เกิน {max} ตัวอักษร"),
                format!("The text is too long ({chars} characters); please keep it within {max}."),
            )
        }
        InputError::Money(error) => tr(lang, error.message_th(), error.message_en()),
        InputError::NotANumber(text) => tr(
            lang,
            format!("\"{text}\" ไม่ใช่ตัวเลข กรุณาพิมพ์เป็นตัวเลข เช่น 30"),
            format!("\"{text}\" is not a number; please type a number such as 30."),
        ),
        InputError::OutOfRange { value, min, max } => tr(
            lang,
            format!("{value} อยู่นอกช่วงที่กำหนด กรุณาพิมพ์ตัวเลขตั้งแต่ {min} ถึง {max}"),
            format!("{value} is out of range; please type a number from {min} to {max}."),
        ),
        InputError::NotAQuarter(text) => tr(
            lang,
            format!("\"{text}\" ไม่ใช่ไตรมาส ไตรมาสต้องเป็นเลข 1 ถึง 4 เช่น 1,2"),
            format!("\"{text}\" is not a quarter; quarters are 1 to 4, e.g. 1,2."),
        ),
        InputError::QuarterAfterPeriod { quarter, last } => tr(
            lang,
            format!("รอบนี้รายงานถึงไตรมาส {last} เท่านั้น จึงระบุไตรมาส {quarter} ไม่ได้"),
            format!("This round covers quarters up to Q{last}, so Q{quarter} cannot be ticked."),
        ),
        InputError::PhotoTooBig { bytes } => {
            let tenths = bytes.saturating_mul(10) / (1024 * 1024);
            let limit = MAX_PHOTO_BYTES / (1024 * 1024);
            tr(
                lang,
                format!(
                    "ไฟล์มีขนาด {}.{} MB เกินกำหนด {limit} MB กรุณาส่งไฟล์ที่เล็กลง",
                    tenths / 10,
                    tenths % 10
                ),
                format!(
                    "The file is {}.{} MB, over the {limit} MB limit; please send a smaller one.",
                    tenths / 10,
                    tenths % 10
                ),
            )
        }
        InputError::PhotoEmpty => tr(lang, "ไฟล์ว่างเปล่า กรุณาส่งใหม่", "The file is empty; please send it again."),
        InputError::TooManyPhotos { max } => tr(
            lang,
            format!("ส่งรูปภาพหรือเอกสารได้ไม่เกิน {max} ไฟล์"),
            format!("At most {max} files can be sent."),
        ),
        InputError::BadReceiptCode => tr(
            lang,
            "รหัสติดตามเรื่องไม่ถูกต้อง รหัสประกอบด้วยตัวอักษรภาษาอังกฤษและตัวเลขอย่างน้อย 16 ตัว (มีเว้นวรรคหรือขีดได้)",
            "That is not a receipt code: a code has at least 16 English letters and digits (spaces or hyphens allowed).",
        ),
    }
}

// ---- Buttons --------------------------------------------------------------------------------

/// "Skip".
pub fn skip_label(lang: Lang) -> String {
    tr(lang, "ข้าม", "Skip")
}

/// "Done".
pub fn done_label(lang: Lang) -> String {
    tr(lang, "เสร็จสิ้น", "Done")
}

/// "Edit".
pub fn edit_label(lang: Lang) -> String {
    tr(lang, "แก้ไข", "Edit")
}

/// "Cancel".
pub fn cancel_label(lang: Lang) -> String {
    tr(lang, "ยกเลิก", "Cancel")
}

/// "Back".
pub fn back_label(lang: Lang) -> String {
    tr(lang, "ย้อนกลับ", "Back")
}

/// "No budget needed".
pub fn not_needed_label(lang: Lang) -> String {
    tr(lang, "ไม่ใช้งบประมาณ", "No budget needed")
}

/// "Submit report".
pub fn submit_label(lang: Lang) -> String {
    tr(lang, "ส่งรายงาน", "Submit")
}

/// "Save as draft".
pub fn save_draft_label(lang: Lang) -> String {
    tr(lang, "บันทึกร่าง", "Save as draft")
}

/// Confirm an overspend.
pub fn confirm_over_budget_label(lang: Lang) -> String {
    tr(lang, "ยืนยันจำนวนเงินนี้", "Confirm this amount")
}

/// Change the amount.
pub fn edit_amount_label(lang: Lang) -> String {
    tr(lang, "แก้ไขจำนวนเงิน", "Change the amount")
}

/// Accept a submission.
pub fn accept_label(lang: Lang) -> String {
    tr(lang, "รับรอง", "Accept")
}

/// Return a submission.
pub fn return_label(lang: Lang) -> String {
    tr(lang, "ส่งกลับแก้ไข", "Return for correction")
}

/// Acknowledge a complaint.
pub fn acknowledge_label(lang: Lang) -> String {
    tr(lang, "ตอบรับเรื่อง", "Acknowledge")
}

/// Assign a complaint.
pub fn assign_label(lang: Lang) -> String {
    tr(lang, "มอบหมายหน่วยงาน", "Assign to a unit")
}

/// File the complaint.
pub fn file_label(lang: Lang) -> String {
    tr(lang, "ส่งเรื่อง", "Send")
}

/// Stay anonymous.
pub fn anonymous_label(lang: Lang) -> String {
    tr(lang, "ไม่ระบุตัวตน", "Stay anonymous")
}

/// Give one's name.
pub fn named_label(lang: Lang) -> String {
    tr(lang, "ระบุชื่อและช่องทางติดต่อ", "Give my name and contact")
}

/// Answer a question.
pub fn answer_label(lang: Lang) -> String {
    tr(lang, "ตอบคำถาม", "Answer the question")
}

/// Add evidence.
pub fn add_evidence_label(lang: Lang) -> String {
    tr(lang, "ส่งหลักฐานเพิ่มเติม", "Add evidence")
}

/// Send the evidence.
pub fn send_label(lang: Lang) -> String {
    tr(lang, "ส่งหลักฐาน", "Send evidence")
}

/// The review shortcut under the round status.
pub fn review_button(lang: Lang, count: usize) -> String {
    tr(
        lang,
        format!("ตรวจรายงานที่รอ ({count})"),
        format!("Review submissions ({count})"),
    )
}

// ---- Linking --------------------------------------------------------------------------------

/// Asks for the invite code.
pub fn ask_invite_code(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาพิมพ์รหัสเชิญที่ได้รับจากผู้ดูแลระบบ",
        "Please type the invite code from your administrator.",
    )
}

/// The account is linked.
pub fn linked(lang: Lang, person: &PersonView) -> String {
    let roles: Vec<String> = person.roles.iter().map(|role| role_label(lang, *role)).collect();
    let roles = match roles.is_empty() {
        true => "-".to_string(),
        false => roles.join(", "),
    };
    let unit = or_dash(&person.org_unit_name);
    tr(
        lang,
        format!(
            "เชื่อมบัญชีเรียบร้อยแล้ว สวัสดีคุณ{}\nบทบาท: {roles}\nหน่วยงาน: {unit}",
            person.name
        ),
        format!(
            "Your account is linked. Hello, {}.\nRoles: {roles}\nAgency: {unit}",
            person.name
        ),
    )
}

/// The code was not accepted.
pub fn link_failed(lang: Lang, message: &str) -> String {
    tr(
        lang,
        format!("เชื่อมบัญชีไม่สำเร็จ: {message}\nกรุณาตรวจสอบรหัสเชิญแล้วพิมพ์ใหม่ หรือพิมพ์ /cancel เพื่อยกเลิก"),
        format!("The account could not be linked: {message}\nPlease check the invite code and type it again, or type /cancel."),
    )
}

// ---- Officer --------------------------------------------------------------------------------

/// No round open.
pub fn no_open_round(lang: Lang) -> String {
    tr(lang, "ขณะนี้ไม่มีรอบการรายงานที่เปิดอยู่", "No reporting round is open now.")
}

/// The agency has no items.
pub fn no_items(lang: Lang) -> String {
    tr(
        lang,
        "หน่วยงานของท่านไม่มีรายการที่ต้องรายงานในรอบนี้",
        "Your agency has no items to report in this round.",
    )
}

/// Nothing was returned.
pub fn nothing_returned(lang: Lang) -> String {
    tr(
        lang,
        "ไม่มีรายการที่ถูกส่งกลับให้แก้ไข",
        "No item has been returned for correction.",
    )
}

/// Every item is submitted or accepted.
pub fn nothing_to_report(lang: Lang) -> String {
    tr(
        lang,
        "ทุกรายการส่งแล้ว ไม่มีรายการที่ต้องรายงานเพิ่ม ขอบคุณ",
        "Every item has been submitted; nothing is left to report. Thank you.",
    )
}

/// Entry is closed.
pub fn entry_closed(lang: Lang) -> String {
    tr(
        lang,
        "รอบนี้ปิดรับการรายงานแล้ว หากต้องการแก้ไข กรุณาติดต่อฝ่ายเลขานุการ",
        "Entry for this round is closed. To change anything, please contact the secretariat.",
    )
}

/// Above the officer's item list.
pub fn items_header(lang: Lang, round: &RoundInfo, today: NaiveDate) -> String {
    let open = match round.entry_open_until {
        Some(until) => tr(
            lang,
            format!("\nแก้ไขได้ถึง {}", date(lang, until)),
            format!("\nOpen for changes until {}", date(lang, until)),
        ),
        None => String::new(),
    };
    let round = round_due(lang, round, today);
    tr(
        lang,
        format!("รายการของหน่วยงานท่าน {round}{open}"),
        format!("Your agency's items, {round}{open}"),
    )
}

/// A round and when it is due: "รอบไตรมาส 1 ปีงบประมาณ 2570\nกำหนดส่ง 5 ม.ค. 2570 (อีก 3 วัน)".
fn round_due(lang: Lang, round: &RoundInfo, today: NaiveDate) -> String {
    let (name, due, left) = (
        round_name(lang, round),
        date(lang, round.due_on),
        days_left(lang, round.due_on, today),
    );
    tr(
        lang,
        format!("{name}\nกำหนดส่ง {due} ({left})"),
        format!("{name}\nDue {due} ({left})"),
    )
}

/// One item in the list.
pub fn item_line(lang: Lang, item: &MyItem) -> String {
    let mut line = format!(
        "{} {}\n{}: {}",
        item.code,
        item.name,
        tr(lang, "สถานะ", "Status"),
        submission_state_label(lang, &item.state)
    );
    if let SubmissionState::Returned { reason } = &item.state {
        line.push_str(&tr(
            lang,
            format!("\nเหตุผลที่ส่งกลับ: {reason}"),
            format!("\nWhy it was returned: {reason}"),
        ));
    }
    line
}

/// An item's button.
pub fn item_button(_lang: Lang, item: &MyItem) -> String {
    short(&format!("{} {}", item.code, item.name), 40)
}

/// Asks which item to report.
pub fn choose_item(lang: Lang, more: bool) -> String {
    let more = match more {
        true => tr(
            lang,
            format!("\n(แสดง {MAX_BUTTONS} รายการแรก พิมพ์รหัสรายการเพื่อเลือกรายการอื่น)"),
            format!("\n(The first {MAX_BUTTONS} are shown; type an item's code to pick another.)"),
        ),
        false => String::new(),
    };
    tr(
        lang,
        format!("กรุณาเลือกรายการที่จะรายงานผล{more}"),
        format!("Please choose the item to report on.{more}"),
    )
}

/// No such item.
pub fn item_not_found(lang: Lang) -> String {
    tr(
        lang,
        "ไม่พบรายการนี้ กรุณาเลือกจากปุ่มหรือพิมพ์รหัสรายการ",
        "No such item; please choose a button or type the item's code.",
    )
}

/// Before the first question of a report.
pub fn report_intro(lang: Lang, report: &Report) -> String {
    let mut out = tr(
        lang,
        format!(
            "รายงานผลรายการ {} {}\n{}",
            report.item.code,
            report.item.name,
            round_name(lang, &report.round)
        ),
        format!(
            "Reporting on {} {}\n{}",
            report.item.code,
            report.item.name,
            round_name(lang, &report.round)
        ),
    );
    if let Some(reason) = &report.returned_reason {
        out.push_str(&tr(
            lang,
            format!("\n\nรายการนี้ถูกส่งกลับให้แก้ไข เหตุผล: {reason}"),
            format!("\n\nThis item was returned for correction: {reason}"),
        ));
    }
    out.push_str(&tr(
        lang,
        "\n\nพิมพ์ /cancel เพื่อยกเลิกได้ทุกเมื่อ",
        "\n\nType /cancel at any time to stop.",
    ));
    out
}

/// Asks for the status.
pub fn ask_status(lang: Lang, item: &ItemBrief) -> String {
    tr(
        lang,
        format!("รายการ {} {}\nกรุณาเลือกสถานะการดำเนินงาน", item.code, item.name),
        format!("Item {} {}\nPlease choose where it stands.", item.code, item.name),
    )
}

/// Asks why it could not be carried out.
pub fn ask_reason(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาเลือกเหตุผลที่ไม่สามารถดำเนินการได้",
        "Please choose why it could not be carried out.",
    )
}

/// Asks for the other reason.
pub fn ask_reason_other(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาพิมพ์เหตุผลที่ไม่สามารถดำเนินการได้",
        "Please type why it could not be carried out.",
    )
}

/// Asks for the amount disbursed.
pub fn ask_disbursed(lang: Lang, item: &ItemBrief) -> String {
    tr(
        lang,
        format!(
            "งบประมาณของรายการนี้: {}\nกรุณาพิมพ์จำนวนเงินที่เบิกจ่ายแล้ว (บาท) เช่น 15,000 หรือ ๑๕,๐๐๐.-\nพิมพ์ - หากไม่ใช้งบประมาณ หรือพิมพ์ ข้าม หากยังไม่ระบุ",
            budget(lang, &item.budget)
        ),
        format!(
            "Budget of this item: {}\nPlease type the amount disbursed so far, in baht, e.g. 15,000 or ๑๕,๐๐๐.-\nType - if it needs no budget, or skip if not stated.",
            budget(lang, &item.budget)
        ),
    )
}

/// Asks for the quarters.
pub fn ask_quarters(lang: Lang, last: u8) -> String {
    tr(
        lang,
        format!(
            "ดำเนินการในไตรมาสใดบ้าง กรุณาพิมพ์หมายเลขไตรมาส เช่น 1,2 (รอบนี้ถึงไตรมาส {last})\nพิมพ์ 0 หากยังไม่ได้ดำเนินการ"
        ),
        format!(
            "In which quarters was it carried out? Type the quarter numbers, e.g. 1,2 (this round covers up to Q{last}).\nType 0 if none yet."
        ),
    )
}

/// Asks for the indicator result.
pub fn ask_indicator(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาพิมพ์ผลการดำเนินงานตามตัวชี้วัด หรือพิมพ์ - เพื่อข้าม",
        "Please type the indicator result, or - to skip.",
    )
}

/// Asks what was done.
pub fn ask_narrative(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาพิมพ์สรุปผลการดำเนินงาน (ทำอะไร ได้ผลอย่างไร) หรือพิมพ์ - เพื่อข้าม",
        "Please type what was done and what came of it, or - to skip.",
    )
}

/// Asks for evidence photos.
pub fn ask_photos(lang: Lang, count: usize) -> String {
    tr(
        lang,
        format!("กรุณาส่งรูปภาพหลักฐานการดำเนินงาน (ไฟล์ละไม่เกิน 10 MB) ส่งแล้ว {count} ไฟล์\nเมื่อส่งครบแล้วกด \"เสร็จสิ้น\""),
        format!("Please send photos as evidence (10 MB each at most); {count} so far.\nPress \"Done\" when finished."),
    )
}

/// The review of a report.
pub fn report_review(lang: Lang, report: &Report) -> String {
    let mut out = tr(lang, "กรุณาตรวจสอบข้อมูลก่อนส่ง", "Please check before sending.");
    out.push_str(&format!("\n{} {}\n", report.item.code, report.item.name));
    out.push_str(&content_summary(lang, &report.item.budget, &report.draft));
    out
}

/// The fields of a submission.
fn content_summary(lang: Lang, item_budget: &Budget, content: &SubmissionContent) -> String {
    let status = match content.status {
        ProgressStatus::AwaitingReport => tr(lang, "(ยังไม่ได้เลือก)", "(not chosen yet)"),
        status => status_label(lang, status),
    };
    let mut lines = vec![format!("{}: {status}", tr(lang, "สถานะ", "Status"))];
    if let Some(reason) = &content.not_carried_out_reason {
        lines.push(format!(
            "{}: {}",
            tr(lang, "เหตุผล", "Reason"),
            reason_label(lang, reason)
        ));
    }
    let over = match (item_budget, &content.disbursed) {
        (Budget::Amount { satang: planned }, Budget::Amount { satang: spent }) if spent > planned => {
            tr(lang, " (เกินงบประมาณ)", " (over budget)")
        }
        _ => String::new(),
    };
    lines.push(format!(
        "{}: {}",
        tr(lang, "งบประมาณ", "Budget"),
        budget(lang, item_budget)
    ));
    lines.push(format!(
        "{}: {}{over}",
        tr(lang, "เบิกจ่าย", "Disbursed"),
        budget(lang, &content.disbursed)
    ));
    lines.push(format!(
        "{}: {}",
        tr(lang, "ไตรมาสที่ดำเนินการ", "Quarters carried out"),
        quarters(lang, &content.quarters_done)
    ));
    lines.push(format!(
        "{}: {}",
        tr(lang, "ผลตามตัวชี้วัด", "Indicator result"),
        or_dash(&content.indicator_result)
    ));
    lines.push(format!(
        "{}: {}",
        tr(lang, "ผลการดำเนินงาน", "What was done"),
        or_dash(&content.narrative)
    ));
    lines.push(format!(
        "{}: {}",
        tr(lang, "หลักฐาน", "Evidence"),
        tr(
            lang,
            format!("{} ไฟล์", content.evidence.len()),
            format!("{} file(s)", content.evidence.len())
        )
    ));
    lines.join("\n")
}

/// A field of a report, as a button.
pub fn report_field_label(lang: Lang, field: &str) -> String {
    let (th, en) = match field {
        "status" => ("สถานะ", "Status"),
        "disbursed" => ("เงินเบิกจ่าย", "Amount disbursed"),
        "quarters" => ("ไตรมาส", "Quarters"),
        "indicator" => ("ผลตามตัวชี้วัด", "Indicator result"),
        "narrative" => ("ผลการดำเนินงาน", "What was done"),
        "photos" => ("เพิ่มรูปภาพ", "Add photos"),
        "clear_photos" => ("ลบรูปภาพทั้งหมด", "Remove all photos"),
        other => (other, other),
    };
    tr(lang, th, en)
}

/// A status must be chosen before submitting.
pub fn status_needed(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาเลือกสถานะการดำเนินงานก่อนส่งรายงาน",
        "Please choose where the item stands before submitting.",
    )
}

/// The ledger asks to confirm an overspend.
pub fn confirm_over_budget(lang: Lang, message: &str) -> String {
    tr(
        lang,
        format!("{message}\n\nหากจำนวนเงินถูกต้อง (เช่น ถัวจ่ายจากกิจกรรมอื่นในโครงการเดียวกัน) กรุณากดยืนยัน หรือเลือกแก้ไขจำนวนเงิน"),
        format!("{message}\n\nIf the amount is right (e.g. money moved from another activity of the same project), please confirm; otherwise change the amount."),
    )
}

/// A draft was saved.
pub fn draft_saved(lang: Lang, report: &Report) -> String {
    tr(
        lang,
        format!(
            "บันทึกร่างรายการ {} แล้ว แต่ยังไม่ได้ส่ง กรุณาส่งภายในวันที่ {} (พิมพ์ /report เพื่อกลับมาแก้ไขและส่ง)",
            report.item.code,
            date(lang, report.round.due_on)
        ),
        format!(
            "The draft of {} is saved but not submitted. Please submit it by {} (type /report to come back to it).",
            report.item.code,
            date(lang, report.round.due_on)
        ),
    )
}

/// A report was submitted.
pub fn submitted(lang: Lang, report: &Report, late: bool) -> String {
    let mut out = tr(
        lang,
        format!(
            "ส่งรายงานรายการ {} เรียบร้อยแล้ว ขอบคุณที่รายงานผลการดำเนินงาน ฝ่ายเลขานุการจะตรวจและแจ้งผลให้ทราบ",
            report.item.code
        ),
        format!(
            "The report on {} is submitted. Thank you for reporting; the secretariat will review it and let you know.",
            report.item.code
        ),
    );
    if late {
        out.push_str(&tr(
            lang,
            format!(
                "\nหมายเหตุ: ส่งหลังวันครบกำหนด ({}) ระบบจะบันทึกว่าส่งล่าช้า",
                date(lang, report.round.due_on)
            ),
            format!(
                "\nNote: sent after the due date ({}), so it is recorded as late.",
                date(lang, report.round.due_on)
            ),
        ));
    }
    out
}

/// One's own agency in the round.
pub fn own_agency_status(lang: Lang, round: &RoundInfo, agency: Option<&AgencyStatus>, today: NaiveDate) -> String {
    let head = round_due(lang, round, today);
    match agency {
        None => format!("{head}\n{}", no_items(lang)),
        Some(agency) => format!("{head}\n{}", agency_line(lang, agency)),
    }
}

fn agency_line(lang: Lang, agency: &AgencyStatus) -> String {
    let mark = match (agency.missing, agency.submitted, agency.late) {
        (0, _, 0) => "✅",
        (0, _, _) => "⚠️",
        (_, 0, _) => "❌",
        _ => "🕒",
    };
    let mut line = tr(
        lang,
        format!(
            "{mark} {}: ส่งแล้ว {}/{} รายการ",
            agency.name, agency.submitted, agency.items
        ),
        format!(
            "{mark} {}: {}/{} submitted",
            agency.name, agency.submitted, agency.items
        ),
    );
    if agency.late > 0 {
        line.push_str(&tr(
            lang,
            format!(" ล่าช้า {}", agency.late),
            format!(", {} late", agency.late),
        ));
    }
    if agency.missing > 0 {
        line.push_str(&tr(
            lang,
            format!(" ยังไม่ส่ง {}", agency.missing),
            format!(", {} missing", agency.missing),
        ));
    }
    if agency.returned > 0 {
        line.push_str(&tr(
            lang,
            format!(" (ส่งกลับแก้ไข {})", agency.returned),
            format!(" ({} returned)", agency.returned),
        ));
    }
    line
}

/// The round at a glance, every agency.
pub fn round_overview(lang: Lang, status: &RoundStatus, today: NaiveDate) -> String {
    let round = &status.round;
    let items: usize = status.agencies.iter().map(|agency| agency.items).sum();
    let submitted: usize = status.agencies.iter().map(|agency| agency.submitted).sum();
    let late: usize = status.agencies.iter().map(|agency| agency.late).sum();
    let missing: usize = status.agencies.iter().map(|agency| agency.missing).sum();
    let (round, to_review) = (round_due(lang, round, today), status.to_review.len());
    let mut out = tr(
        lang,
        format!(
            "สถานะการรายงาน {round}\nภาพรวม: ส่งแล้ว {submitted}/{items} รายการ ล่าช้า {late} ยังไม่ส่ง {missing} รอตรวจ {to_review}"
        ),
        format!(
            "Reporting status, {round}\nOverall: {submitted}/{items} submitted, {late} late, {missing} missing, {to_review} awaiting review"
        ),
    );
    out.push('\n');
    for agency in &status.agencies {
        out.push('\n');
        out.push_str(&agency_line(lang, agency));
    }
    out
}

// ---- Secretariat: review ----------------------------------------------------------------------

/// No submission awaits review.
pub fn nothing_to_review(lang: Lang) -> String {
    tr(lang, "ไม่มีรายงานที่รอตรวจ", "No submission awaits review.")
}

/// Asks which submission to review.
pub fn choose_submission(lang: Lang, round: &RoundInfo, count: usize, more: bool) -> String {
    let more = match more {
        true => tr(
            lang,
            format!("\n(แสดง {MAX_BUTTONS} รายการแรก พิมพ์รหัสรายการเพื่อเลือกรายการอื่น)"),
            format!("\n(The first {MAX_BUTTONS} are shown; type an item's code to pick another.)"),
        ),
        false => String::new(),
    };
    tr(
        lang,
        format!(
            "รายงานที่รอตรวจ {count} รายการ ({})\nกรุณาเลือกรายการที่จะตรวจ{more}",
            round_name(lang, round)
        ),
        format!(
            "{count} submission(s) await review ({})\nPlease choose one.{more}",
            round_name(lang, round)
        ),
    )
}

/// A submission's button.
pub fn review_item_button(lang: Lang, item: &ReviewItem) -> String {
    let late = match item.late {
        true => tr(lang, " (ล่าช้า)", " (late)"),
        false => String::new(),
    };
    short(&format!("{} {}{late}", item.code, item.org_unit), 40)
}

/// A submission in full, for review.
pub fn submission_detail(lang: Lang, item: &ReviewItem) -> String {
    let late = match item.late {
        true => tr(lang, "\nส่งหลังวันครบกำหนด", "\nSubmitted after the due date"),
        false => String::new(),
    };
    format!(
        "{} {}\n{}: {}{late}\n{}",
        item.code,
        item.name,
        tr(lang, "หน่วยงาน", "Agency"),
        item.org_unit,
        content_summary(lang, &item.budget, &item.content)
    )
}

/// Asks why a submission is returned.
pub fn ask_return_reason(lang: Lang, code: &str) -> String {
    tr(
        lang,
        format!("กรุณาพิมพ์เหตุผลที่ส่งกลับรายการ {code} และสิ่งที่ต้องแก้ไข เจ้าหน้าที่หน่วยงานจะเห็นข้อความนี้"),
        format!("Please type why {code} is returned and what to correct; the agency's officers will see it."),
    )
}

/// A decision was recorded.
pub fn decision_recorded(lang: Lang, code: &str, returned: Option<&str>) -> String {
    match returned {
        None => tr(
            lang,
            format!("รับรองรายงานรายการ {code} แล้ว"),
            format!("The report on {code} is accepted."),
        ),
        Some(reason) => tr(
            lang,
            format!("ส่งกลับรายการ {code} ให้หน่วยงานแก้ไขแล้ว เหตุผล: {reason}"),
            format!("{code} was returned to the agency: {reason}"),
        ),
    }
}

/// Every pending submission was reviewed.
pub fn all_reviewed(lang: Lang) -> String {
    tr(
        lang,
        "ตรวจครบทุกรายการที่รออยู่แล้ว ขอบคุณ",
        "Every waiting submission is reviewed. Thank you.",
    )
}

/// Reviewing stopped for now.
pub fn review_paused(lang: Lang) -> String {
    tr(
        lang,
        "หยุดการตรวจไว้ก่อน พิมพ์ /review เพื่อตรวจต่อ",
        "Review paused; type /review to go on.",
    )
}

// ---- Secretariat: complaint queue -------------------------------------------------------------

fn bucket_mark(bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::Overdue => "🔴",
        Bucket::DueSoon => "⏳",
        Bucket::New => "🆕",
        Bucket::Open => "🔵",
    }
}

/// No open case.
pub fn queue_empty(lang: Lang) -> String {
    tr(lang, "ไม่มีเรื่องร้องเรียนที่ค้างอยู่", "No complaint is open.")
}

/// The queue at a glance, with the most urgent cases listed.
pub fn queue_summary(lang: Lang, cases: &[QueueCase], as_of: NaiveDate, choose: bool) -> String {
    let count = |wanted: Bucket| cases.iter().filter(|case| bucket(case, as_of) == wanted).count();
    let mut out = tr(
        lang,
        format!(
            "เรื่องร้องเรียนที่ยังดำเนินการอยู่ {} เรื่อง\n🆕 เรื่องใหม่ (ยังไม่ตอบรับ): {}\n⏳ ใกล้ครบกำหนด: {}\n🔴 เกินกำหนด: {}",
            cases.len(),
            count(Bucket::New),
            count(Bucket::DueSoon),
            count(Bucket::Overdue)
        ),
        format!(
            "{} open complaint(s)\n🆕 new (not acknowledged): {}\n⏳ due soon: {}\n🔴 overdue: {}",
            cases.len(),
            count(Bucket::New),
            count(Bucket::DueSoon),
            count(Bucket::Overdue)
        ),
    );
    out.push('\n');
    for case in cases.iter().take(MAX_BUTTONS) {
        out.push('\n');
        out.push_str(&case_button(lang, case, bucket(case, as_of)));
    }
    if cases.len() > MAX_BUTTONS {
        out.push_str(&tr(
            lang,
            format!("\nและอีก {} เรื่อง", cases.len() - MAX_BUTTONS),
            format!("\nand {} more", cases.len() - MAX_BUTTONS),
        ));
    }
    if choose {
        out.push_str(&tr(
            lang,
            "\n\nกรุณาเลือกเรื่องที่จะดำเนินการ (หรือพิมพ์เลขอ้างอิง)",
            "\n\nPlease choose a case (or type its reference).",
        ));
    }
    out
}

/// A case's button (and line).
pub fn case_button(lang: Lang, case: &QueueCase, bucket: Bucket) -> String {
    let kind = match case.category {
        Category::Corruption => tr(lang, "ทุจริต", "corruption"),
        Category::General => tr(lang, "ทั่วไป", "general"),
    };
    let due = match case.due_on {
        Some(due) => tr(
            lang,
            format!(" กำหนด {}", date(lang, due)),
            format!(" due {}", date(lang, due)),
        ),
        None => String::new(),
    };
    format!("{} {} {kind}{due}", bucket_mark(bucket), case.reference)
}

/// A case in full, for the secretariat.
pub fn case_detail(lang: Lang, case: &QueueCase, bucket: Bucket) -> String {
    let due = match case.due_on {
        Some(due) => format!("{} ({})", date(lang, due), bucket_text(lang, bucket)),
        None => tr(lang, "ยังไม่กำหนด", "not set"),
    };
    let assigned = case
        .assigned_to
        .clone()
        .unwrap_or_else(|| tr(lang, "ยังไม่มอบหมาย", "not assigned"));
    tr(
        lang,
        format!(
            "เรื่อง {}\nประเภท: {}\nช่องทาง: {}\nสถานะ: {}\nรับเรื่อง: {}\nกำหนดแล้วเสร็จ: {due}\nหน่วยงานที่รับผิดชอบ: {assigned}",
            case.reference,
            category_label(lang, case.category),
            channel_label(lang, case.channel),
            case_status_label(lang, case.status),
            date(lang, case.received_on)
        ),
        format!(
            "Case {}\nCategory: {}\nChannel: {}\nStatus: {}\nReceived: {}\nDue: {due}\nHandled by: {assigned}",
            case.reference,
            category_label(lang, case.category),
            channel_label(lang, case.channel),
            case_status_label(lang, case.status),
            date(lang, case.received_on)
        ),
    )
}

fn bucket_text(lang: Lang, bucket: Bucket) -> String {
    match bucket {
        Bucket::Overdue => tr(lang, "เกินกำหนด", "overdue"),
        Bucket::DueSoon => tr(lang, "ใกล้ครบกำหนด", "due soon"),
        Bucket::New => tr(lang, "เรื่องใหม่", "new"),
        Bucket::Open => tr(lang, "อยู่ในกำหนด", "on time"),
    }
}

/// No such case in the queue.
pub fn case_not_found(lang: Lang) -> String {
    tr(
        lang,
        "ไม่พบเรื่องนี้ในรายการ กรุณาเลือกจากปุ่มหรือพิมพ์เลขอ้างอิง",
        "No such case in the list; please choose a button or type its reference.",
    )
}

/// The queue was left.
pub fn queue_closed(lang: Lang) -> String {
    tr(lang, "ปิดรายการเรื่องร้องเรียนแล้ว", "Complaint queue closed.")
}

/// Asks for a corruption case's time frame.
pub fn ask_time_frame(lang: Lang, max: u16) -> String {
    tr(
        lang,
        format!("เรื่องร้องเรียนการทุจริตต้องแจ้งกรอบเวลาดำเนินการแก่ผู้ร้อง กรุณาพิมพ์จำนวนวันที่คาดว่าจะดำเนินการแล้วเสร็จ (1–{max} วัน)"),
        format!("A corruption case is acknowledged with a time frame. Please type the number of days it should take (1–{max})."),
    )
}

/// Asks which unit to assign.
pub fn choose_unit(lang: Lang) -> String {
    tr(lang, "กรุณาเลือกหน่วยงานที่จะมอบหมาย", "Please choose the unit to assign.")
}

/// Asks to search the units by name.
pub fn ask_unit_search(lang: Lang, count: usize) -> String {
    tr(
        lang,
        format!("มีหน่วยงาน {count} แห่ง กรุณาพิมพ์ชื่อหน่วยงานบางส่วนเพื่อค้นหา"),
        format!("There are {count} units; please type part of the unit's name to search."),
    )
}

/// Units matching a search.
pub fn unit_matches(lang: Lang, count: usize, more: bool) -> String {
    let more = match more {
        true => tr(
            lang,
            format!(" (แสดง {MAX_BUTTONS} แห่งแรก พิมพ์ให้เจาะจงขึ้นเพื่อค้นหาใหม่)"),
            format!(" (the first {MAX_BUTTONS} are shown; type more of the name to narrow it)"),
        ),
        false => String::new(),
    };
    tr(
        lang,
        format!("พบ {count} หน่วยงาน กรุณาเลือก{more}"),
        format!("{count} unit(s) found; please choose one.{more}"),
    )
}

/// No unit matches a search.
pub fn no_unit_match(lang: Lang, typed: &str) -> String {
    tr(
        lang,
        format!("ไม่พบหน่วยงานที่ตรงกับ \"{}\" กรุณาลองพิมพ์ใหม่", typed.trim()),
        format!("No unit matches \"{}\"; please try again.", typed.trim()),
    )
}

/// A command about a case was accepted.
pub fn case_action_done(lang: Lang) -> String {
    tr(lang, "บันทึกเรียบร้อยแล้ว", "Done and recorded.")
}

// ---- Plans and digest -----------------------------------------------------------------------

/// Plan approval status.
pub fn plans(lang: Lang, plans: &[PlanSummary]) -> String {
    if plans.is_empty() {
        return tr(lang, "ยังไม่มีแผนในระบบ", "There is no plan yet.");
    }
    let mut out = tr(lang, "สถานะแผนปฏิบัติการ", "Action plans");
    for plan in plans {
        let years = match plan.fiscal_year_from == plan.fiscal_year_to {
            true => plan.fiscal_year_from.to_string(),
            false => format!("{}–{}", plan.fiscal_year_from, plan.fiscal_year_to),
        };
        let can_report = match plan.can_report {
            true => tr(lang, "รายงานผลได้", "progress can be reported"),
            false => tr(lang, "ยังรายงานผลไม่ได้", "progress cannot be reported yet"),
        };
        out.push_str(&tr(
            lang,
            format!(
                "\n\n• {}\nปีงบประมาณ {years} ฉบับที่ {} ({} รายการ)\nสถานะ: {} — {can_report}",
                plan.title,
                plan.revision,
                plan.items,
                plan_status_label(lang, &plan.status)
            ),
            format!(
                "\n\n• {}\nFiscal year {years}, revision {} ({} items)\nStatus: {} — {can_report}",
                plan.title,
                plan.revision,
                plan.items,
                plan_status_label(lang, &plan.status)
            ),
        ));
    }
    out
}

/// The digest.
pub fn digest(lang: Lang, digest: &Digest, today: NaiveDate) -> String {
    let mut out = tr(
        lang,
        format!("สรุปภาพรวม ณ {}", date(lang, today)),
        format!("Digest as of {}", date(lang, today)),
    );
    out.push_str("\n\n");
    match &digest.round {
        Some(status) => out.push_str(&round_overview(lang, status, today)),
        None => out.push_str(&no_open_round(lang)),
    }
    out.push_str("\n\n");
    let open: Vec<QueueCase> = digest
        .queue
        .iter()
        .filter(|case| !case.status.has_ended())
        .cloned()
        .collect();
    match open.is_empty() {
        true => out.push_str(&queue_empty(lang)),
        false => out.push_str(&queue_summary(lang, &open, today, false)),
    }
    out.push_str("\n\n");
    out.push_str(&plans(lang, &digest.plans));
    out
}

// ---- Citizens: filing -----------------------------------------------------------------------

/// Before a tip or complaint.
pub fn tip_intro(lang: Lang, anonymous_only: bool) -> String {
    match anonymous_only {
        true => tr(
            lang,
            "แจ้งเบาะแสการทุจริตโดยไม่เปิดเผยตัวตน\nระบบจะไม่ส่งชื่อ บัญชีผู้ใช้ หรือหมายเลขโทรศัพท์ของท่านไปกับเรื่องนี้ เมื่อส่งเรื่องแล้ว ท่านจะได้รับรหัสติดตามเรื่องเพียงครั้งเดียว\nพิมพ์ /cancel เพื่อยกเลิกได้ทุกเมื่อ",
            "Report corruption anonymously.\nYour name, account and phone number are not sent with it. Once it is sent you receive a receipt code, shown only once.\nType /cancel at any time to stop.",
        ),
        false => tr(
            lang,
            "ร้องเรียนเรื่องการทุจริตหรือเรื่องทั่วไป ท่านเลือกได้ว่าจะระบุชื่อหรือไม่ระบุตัวตน เมื่อส่งเรื่องแล้ว ท่านจะได้รับรหัสติดตามเรื่องเพียงครั้งเดียว\nพิมพ์ /cancel เพื่อยกเลิกได้ทุกเมื่อ",
            "File a corruption or general complaint, with your name or anonymously. Once it is sent you receive a receipt code, shown only once.\nType /cancel at any time to stop.",
        ),
    }
}

/// Anonymous or named.
pub fn ask_identity(lang: Lang) -> String {
    tr(
        lang,
        "ท่านประสงค์จะระบุชื่อหรือไม่ หากไม่ระบุตัวตน เจ้าหน้าที่จะสื่อสารกับท่านได้ผ่านรหัสติดตามเรื่องเท่านั้น",
        "Would you like to give your name? If you stay anonymous, staff can reach you only through the receipt code.",
    )
}

/// Which category.
pub fn ask_category(lang: Lang) -> String {
    tr(lang, "กรุณาเลือกประเภทเรื่อง", "Please choose the kind of complaint.")
}

/// Which agency.
pub fn ask_agency(lang: Lang) -> String {
    tr(
        lang,
        "เรื่องนี้เกี่ยวกับหน่วยงานใด กรุณาพิมพ์ชื่อหน่วยงาน หรือพิมพ์ - หากไม่ทราบ",
        "Which agency is it about? Please type its name, or - if you do not know.",
    )
}

/// What happened.
pub fn ask_what_happened(lang: Lang) -> String {
    tr(
        lang,
        format!(
            "กรุณาเล่าสิ่งที่เกิดขึ้น: ใคร ทำอะไร เมื่อใด อย่างไร ยิ่งละเอียดยิ่งช่วยให้ตรวจสอบได้ (ไม่เกิน {} ตัวอักษร)",
            thousands(MAX_COMPLAINT_TEXT)
        ),
        format!(
            "Please tell what happened: who did what, when and how. The more detail, the easier it is to look into (at most {} characters).",
            thousands(MAX_COMPLAINT_TEXT)
        ),
    )
}

/// Where.
pub fn ask_location(lang: Lang) -> String {
    tr(
        lang,
        "เหตุเกิดที่ใด กรุณาพิมพ์สถานที่ หรือพิมพ์ - เพื่อข้าม",
        "Where did it happen? Please type the place, or - to skip.",
    )
}

/// Photos for a complaint.
pub fn ask_tip_photos(lang: Lang, count: usize, max: usize) -> String {
    tr(
        lang,
        format!(
            "ท่านส่งรูปภาพหรือเอกสารประกอบได้สูงสุด {max} ไฟล์ (ไฟล์ละไม่เกิน 10 MB) ระบบจะลบข้อมูลตำแหน่งและข้อมูลกล้องออกจากรูปก่อนจัดเก็บ\nส่งแล้ว {count} ไฟล์ เมื่อเสร็จแล้วกด \"เสร็จสิ้น\""
        ),
        format!(
            "You may send up to {max} photos or documents (10 MB each at most); location and camera data are removed before they are stored.\n{count} sent so far. Press \"Done\" when finished."
        ),
    )
}

/// The reporter's name.
pub fn ask_name(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาพิมพ์ชื่อ-นามสกุลของท่าน ข้อมูลนี้จะถูกเข้ารหัสและเปิดดูได้เฉพาะผู้ได้รับอนุญาต",
        "Please type your full name. It is encrypted and only authorised staff can open it.",
    )
}

/// The reporter's contact.
pub fn ask_contact(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาพิมพ์ช่องทางติดต่อกลับ (โทรศัพท์ อีเมล หรือที่อยู่) หรือพิมพ์ - เพื่อข้าม",
        "Please type how to reach you (phone, e-mail or address), or - to skip.",
    )
}

/// The review of a complaint.
pub fn tip_review(lang: Lang, tip: &Tip) -> String {
    let category = tip
        .category
        .map(|category| category_label(lang, category))
        .unwrap_or_else(|| "-".to_string());
    let what = tip
        .text
        .as_deref()
        .map(|text| short(text, 300))
        .unwrap_or_else(|| "-".to_string());
    let reporter = match (tip.anonymous, &tip.name) {
        (false, Some(name)) => match &tip.contact {
            Some(contact) => format!("{name} ({contact})"),
            None => name.clone(),
        },
        _ => tr(lang, "ไม่ระบุตัวตน", "anonymous"),
    };
    tr(
        lang,
        format!(
            "กรุณาตรวจสอบข้อมูลก่อนส่ง\nประเภท: {category}\nหน่วยงาน: {}\nสิ่งที่เกิดขึ้น: {what}\nสถานที่: {}\nรูปภาพ/เอกสาร: {} ไฟล์\nผู้แจ้ง: {reporter}",
            or_dash(&tip.agency),
            or_dash(&tip.location),
            tip.photos.len()
        ),
        format!(
            "Please check before sending.\nKind: {category}\nAgency: {}\nWhat happened: {what}\nWhere: {}\nPhotos/documents: {}\nReporter: {reporter}",
            or_dash(&tip.agency),
            or_dash(&tip.location),
            tip.photos.len()
        ),
    )
}

/// A field of a complaint, as a button.
pub fn tip_field_label(lang: Lang, field: &str) -> String {
    let (th, en) = match field {
        "identity" => ("การระบุตัวตน", "Anonymous or named"),
        "category" => ("ประเภทเรื่อง", "Kind"),
        "agency" => ("หน่วยงาน", "Agency"),
        "text" => ("สิ่งที่เกิดขึ้น", "What happened"),
        "location" => ("สถานที่", "Where"),
        "photos" => ("เพิ่มรูปภาพ", "Add photos"),
        "clear_photos" => ("ลบรูปภาพทั้งหมด", "Remove all photos"),
        other => (other, other),
    };
    tr(lang, th, en)
}

/// The receipt code, shown once.
pub fn receipt(lang: Lang, code: &str, anonymous: bool) -> String {
    let mut out = tr(
        lang,
        format!(
            "ได้รับเรื่องของท่านเรียบร้อยแล้ว ขอบคุณที่ร่วมต่อต้านการทุจริต\n\nรหัสติดตามเรื่องของท่านคือ\n{code}\n\nกรุณาจดหรือบันทึกรหัสนี้เก็บไว้ในที่ปลอดภัย ระบบจะแสดงรหัสนี้เพียงครั้งเดียวและไม่สามารถขอใหม่ได้ ท่านใช้รหัสนี้ติดตามสถานะเรื่อง (/status) ตอบคำถามของเจ้าหน้าที่ (/answer) และส่งหลักฐานเพิ่มเติม (/evidence)\nกรุณาอย่าเปิดเผยรหัสนี้แก่ผู้อื่น"
        ),
        format!(
            "Your complaint has been received. Thank you for standing up against corruption.\n\nYour receipt code is\n{code}\n\nPlease write it down and keep it somewhere safe: it is shown only this once and cannot be sent again. Use it to follow the case (/status), answer staff questions (/answer) and add evidence (/evidence).\nDo not share it with anyone."
        ),
    );
    if anonymous {
        out.push_str(&tr(
            lang,
            "\n\nเรื่องนี้ไม่ได้ผูกกับชื่อหรือบัญชีผู้ใช้ของท่าน หากใช้อุปกรณ์ร่วมกับผู้อื่น กรุณาลบข้อความนี้หลังจดรหัสแล้ว",
            "\n\nThis case is not tied to your name or account. If others use this device, please delete this message once you have noted the code.",
        ));
    }
    out
}

/// Filed, but the adapter returned no code.
pub fn filed_without_code(lang: Lang) -> String {
    tr(
        lang,
        "ได้รับเรื่องของท่านแล้ว แต่ระบบไม่สามารถแสดงรหัสติดตามเรื่องได้ ขออภัยในความไม่สะดวก หากต้องการติดตามเรื่อง กรุณาแจ้งเรื่องอีกครั้งและระบุว่าเป็นเรื่องเดิม",
        "Your complaint was received, but the receipt code could not be shown; we are sorry. To follow it up, please file again and say it is the same matter.",
    )
}

// ---- Citizens: follow-up --------------------------------------------------------------------

/// Asks for the receipt code.
pub fn ask_receipt_code(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาพิมพ์รหัสติดตามเรื่องที่ได้รับเมื่อแจ้งเรื่อง",
        "Please type the receipt code you received when you filed.",
    )
}

/// Asks for the code again before sending.
pub fn ask_code_again(lang: Lang) -> String {
    tr(
        lang,
        "เพื่อความปลอดภัย ระบบไม่เก็บรหัสติดตามเรื่องของท่านไว้ กรุณาพิมพ์รหัสติดตามเรื่องอีกครั้งเพื่อยืนยันการส่ง",
        "For your safety the receipt code is not kept; please type it once more to send.",
    )
}

/// No case has that code.
pub fn no_case_for_code(lang: Lang) -> String {
    tr(
        lang,
        "ไม่พบเรื่องตามรหัสนี้ กรุณาตรวจสอบรหัสแล้วพิมพ์ใหม่ หรือพิมพ์ /cancel เพื่อยกเลิก",
        "No case matches this code. Please check it and type it again, or type /cancel.",
    )
}

/// The code did not match when sending.
pub fn wrong_code(lang: Lang) -> String {
    tr(
        lang,
        "รหัสไม่ตรงกับเรื่องนี้ กรุณาตรวจสอบแล้วพิมพ์ใหม่",
        "The code does not match this case; please check it and type it again.",
    )
}

/// A case as its reporter sees it.
pub fn case_view(lang: Lang, view: &CaseView) -> String {
    let due = view
        .due_on
        .map(|due| date(lang, due))
        .unwrap_or_else(|| tr(lang, "ยังไม่กำหนด", "not set yet"));
    let mut out = tr(
        lang,
        format!(
            "{}\nสถานะ: {}\nรับเรื่องเมื่อ: {}\nกำหนดดำเนินการแล้วเสร็จ: {due}",
            category_label(lang, view.category),
            case_status_label(lang, view.status),
            date(lang, view.received_on)
        ),
        format!(
            "{}\nStatus: {}\nReceived: {}\nExpected by: {due}",
            category_label(lang, view.category),
            case_status_label(lang, view.status),
            date(lang, view.received_on)
        ),
    );
    if !view.questions.is_empty() {
        out.push_str(&tr(lang, "\n\nคำถามจากเจ้าหน้าที่:", "\n\nQuestions from staff:"));
        for question in &view.questions {
            let state = match question.answered {
                true => tr(lang, "ตอบแล้ว", "answered"),
                false => tr(lang, "รอคำตอบจากท่าน", "awaiting your answer"),
            };
            out.push_str(&format!(
                "\n{}. ({}) {} [{state}]",
                question.number,
                date(lang, question.asked_on),
                question.text
            ));
        }
    }
    if let Some(outcome) = &view.outcome {
        out.push_str(&tr(
            lang,
            format!("\n\nผลการดำเนินการ: {outcome}"),
            format!("\n\nOutcome: {outcome}"),
        ));
    }
    out
}

/// What to do with the case.
pub fn what_next(lang: Lang) -> String {
    tr(lang, "ท่านต้องการทำอะไรต่อ", "What would you like to do next?")
}

/// No question awaits an answer.
pub fn no_open_question(lang: Lang) -> String {
    tr(
        lang,
        "ขณะนี้ไม่มีคำถามที่รอคำตอบจากท่าน",
        "No question is waiting for your answer.",
    )
}

/// Asks for the answer.
pub fn ask_answer(lang: Lang, question: u32, files: usize) -> String {
    tr(
        lang,
        format!("กรุณาพิมพ์คำตอบสำหรับคำถามข้อ {question} (ส่งรูปภาพประกอบก่อนพิมพ์คำตอบได้ ขณะนี้มี {files} ไฟล์)"),
        format!("Please type your answer to question {question} (you may send photos first; {files} so far)."),
    )
}

/// Asks for evidence.
pub fn ask_evidence(lang: Lang, files: usize, has_note: bool, max: usize) -> String {
    let note = match has_note {
        true => tr(lang, " พร้อมคำอธิบาย", " and a note"),
        false => String::new(),
    };
    tr(
        lang,
        format!("กรุณาส่งรูปภาพหรือเอกสาร (ไม่เกิน {max} ไฟล์) และ/หรือพิมพ์คำอธิบาย เมื่อครบแล้วพิมพ์ ส่ง หรือกดปุ่ม \"ส่งหลักฐาน\"\nขณะนี้มี {files} ไฟล์{note}"),
        format!("Please send photos or documents (at most {max}) and/or type a note; when finished type send or press \"Send evidence\".\nSo far: {files} file(s){note}."),
    )
}

/// A note was kept.
pub fn note_kept(lang: Lang) -> String {
    tr(lang, "บันทึกคำอธิบายแล้ว", "Note kept.")
}

/// Evidence needs something.
pub fn evidence_empty(lang: Lang) -> String {
    tr(
        lang,
        "กรุณาส่งรูปภาพหรือพิมพ์คำอธิบายอย่างน้อยหนึ่งอย่างก่อนส่ง",
        "Please send a photo or type a note before sending.",
    )
}

/// The reporter's answer or evidence was accepted.
pub fn reporter_sent(lang: Lang, action: &ReporterAction) -> String {
    match action {
        ReporterAction::Answer { .. } => tr(
            lang,
            "ส่งคำตอบของท่านแล้ว ขอบคุณที่ให้ข้อมูลเพิ่มเติม",
            "Your answer was sent. Thank you for the information.",
        ),
        ReporterAction::Evidence { .. } => tr(
            lang,
            "ส่งหลักฐานเพิ่มเติมแล้ว ขอบคุณที่ให้ข้อมูล",
            "Your evidence was sent. Thank you.",
        ),
    }
}

/// The follow-up ended.
pub fn follow_up_done(lang: Lang) -> String {
    tr(
        lang,
        "ขอบคุณที่ติดตามเรื่อง ท่านตรวจสอบความคืบหน้าได้ทุกเมื่อด้วยคำสั่ง /status",
        "Thank you for following up. You can check progress any time with /status.",
    )
}
