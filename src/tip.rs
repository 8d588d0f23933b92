//! The anonymous tip pages of the `sujarit up` web server, plain HTML forms that work without
//! JavaScript: `/tip` (file a tip, photos included; the receipt code is shown once),
//! `/tip/status` (follow it up with the code: status, questions, answers, more evidence, rating,
//! dispute) and `/stats` (published statistics, no case content; `/stats.json` for machines).
//!
//! What these handlers never do: read or pass on the client's address, User-Agent or cookies,
//! log a request, or put the code in a URL. They send the same commands the bot sends, as the
//! `anonymous` actor with random (v4) ids, and every page says `Cache-Control: no-store`.

use axum::extract::{DefaultBodyLimit, Multipart, Query as Params, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use serde::Deserialize;
use sujarit_client::{desk, CommandClient, SendOptions};
use sujarit_contracts::complaint::{
    AddEvidence, AnswerQuestion, AttachmentRef, CaseView, Category, Channel, ComplaintCommand, DisputeClosure,
    FileComplaint, MessageFrom, RateHandling, ReceiptCode,
};
use sujarit_contracts::query::{self, ComplaintStats, LocateRequest, Located, StatsRequest};
use sujarit_contracts::{Actor, Command, Reply};
use uuid::Uuid;

/// Most photos per form.
pub const MAX_PHOTOS: usize = 5;
/// Largest form body: five photos at the per-file limit, plus the text.
const MAX_BODY: usize = (MAX_PHOTOS + 1) * sujarit_privacy::MAX_ATTACHMENT_BYTES;

/// State of the tip pages: one NATS connection.
#[derive(Clone)]
pub struct TipState {
    nats: async_nats::Client,
}

/// The routes.
pub fn router(nats: async_nats::Client) -> Router {
    Router::new()
        .route("/tip", get(form).post(file))
        .route("/tip/status", get(status_form).post(status))
        .route("/tip/reply", axum::routing::post(reply))
        .route("/tip/rate", axum::routing::post(rate))
        .route("/stats", get(stats_page))
        .route("/stats.json", get(stats_json))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(TipState { nats })
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn page(title: &str, body: &str) -> Response {
    let html = format!(
        r#"<!doctype html><html lang="th"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title} · สุจริต</title>
<style>
body{{font-family:system-ui,"Sarabun",sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;line-height:1.6;color:#1b1b1b}}
h1{{font-size:1.4rem}} label{{display:block;margin-top:1rem;font-weight:600}}
input[type=text],textarea,select{{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}}
textarea{{min-height:8rem}} button{{margin-top:1rem;padding:.6rem 1.2rem;font:inherit;background:#1d4e89;color:#fff;border:0;border-radius:.3rem}}
.code{{font-size:min(1.6rem,4.6vw);white-space:nowrap;font-family:ui-monospace,monospace;letter-spacing:.1rem;background:#f3f6fa;padding:1rem;text-align:center;border:2px dashed #1d4e89}}
.note{{background:#fff8e1;padding:.8rem;border-left:4px solid #f0a500}} .error{{background:#fdecea;padding:.8rem;border-left:4px solid #c62828}}
.msg{{border-left:3px solid #ccc;padding:.3rem .8rem;margin:.6rem 0}} .from-handler{{border-color:#1d4e89}}
small{{color:#555}} table{{border-collapse:collapse}} td,th{{padding:.2rem .8rem .2rem 0;text-align:left}}
</style>
<p><a href="/tip">แจ้งเบาะแส</a> · <a href="/tip/status">ติดตามเรื่อง</a> · <a href="/stats">สถิติ</a></p>
{body}
</html>"#
    );
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        ],
        html,
    )
        .into_response()
}

fn error_page(th: &str, en: &str) -> Response {
    page(
        "เกิดข้อผิดพลาด · Error",
        &format!(
            r#"<h1>ทำรายการไม่สำเร็จ · Not done</h1><p class="error">{}<br><small>{}</small></p>
<p>ใช้ปุ่มย้อนกลับของเบราว์เซอร์เพื่อแก้ไข ข้อมูลที่กรอกไว้ยังไม่ได้ส่ง · use your browser's back button
to correct it; nothing was sent.</p>"#,
            escape(th),
            escape(en)
        ),
    )
}

const ANONYMITY_NOTE: &str = r#"<p class="note">ระบบนี้ไม่บันทึกชื่อ ที่อยู่ไอพี หรือข้อมูลเครื่องของท่าน
ข้อความและรูปภาพถูกเข้ารหัส และข้อมูลตำแหน่ง (GPS) ในรูปถ่ายจะถูกลบออกก่อนจัดเก็บ<br>
<small>We do not record your name, IP address or device. Your text and photos are encrypted, and
location data (GPS) is removed from photos before they are stored.</small></p>"#;

async fn form() -> Response {
    page(
        "แจ้งเบาะแสการทุจริต",
        &format!(
            r#"<h1>แจ้งเบาะแสการทุจริต (ไม่ระบุตัวตน)<br><small>Report corruption anonymously</small></h1>
{ANONYMITY_NOTE}
<form method="post" action="/tip" enctype="multipart/form-data">
<label>ประเภทเรื่อง · Category</label>
<label style="font-weight:normal"><input type="radio" name="category" value="corruption" checked> การทุจริตหรือประพฤติมิชอบ · corruption</label>
<label style="font-weight:normal"><input type="radio" name="category" value="general"> เรื่องร้องเรียนทั่วไป · general complaint</label>
<label for="agency">หน่วยงานที่เกี่ยวข้อง (ถ้าทราบ) · Agency (if known)</label>
<input type="text" id="agency" name="agency" maxlength="300">
<label for="text">เกิดอะไรขึ้น · What happened *</label>
<textarea id="text" name="text" required maxlength="10000" placeholder="เล่าเหตุการณ์ วันเวลา และผู้เกี่ยวข้องเท่าที่ทราบ"></textarea>
<label for="location">สถานที่ · Where</label>
<input type="text" id="location" name="location" maxlength="300">
<label for="photos">รูปภาพประกอบ (JPEG/PNG ไม่เกิน {MAX_PHOTOS} รูป รูปละไม่เกิน 10 MB) · Photos</label>
<input type="file" id="photos" name="photos" accept="image/jpeg,image/png,application/pdf" multiple>
<button type="submit">ส่งเรื่อง · Send</button>
</form>"#
        ),
    )
}

#[derive(Default)]
struct TipForm {
    category: Option<String>,
    agency: Option<String>,
    text: Option<String>,
    location: Option<String>,
    code: Option<String>,
    rating: Option<String>,
    reason: Option<String>,
    photos: Vec<(String, Vec<u8>)>,
}

async fn read_form(mut multipart: Multipart) -> Result<TipForm, Response> {
    let mut form = TipForm::default();
    let too_large = || {
        error_page(
            &format!("แบบฟอร์มหรือไฟล์ใหญ่เกินไป (รูปละไม่เกิน 10 MB และไม่เกิน {MAX_PHOTOS} รูป)"),
            &format!("the form or a file is too large (at most 10 MB a photo, {MAX_PHOTOS} photos)"),
        )
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return Err(too_large()),
        };
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|_| too_large())?;
        let text = || String::from_utf8_lossy(&bytes).trim().to_string();
        match name.as_str() {
            "photos" => {
                if bytes.is_empty() {
                    continue;
                }
                if let Err(e) = sujarit_privacy::check_size(bytes.len()) {
                    let name = escape(file_name.as_deref().unwrap_or("photo"));
                    return Err(error_page(
                        &format!("ไฟล์ {name}: {}", e.message_th()),
                        &format!("file {name}: {}", e.message_en()),
                    ));
                }
                if form.photos.len() >= MAX_PHOTOS {
                    return Err(error_page(
                        &format!("แนบรูปได้ไม่เกิน {MAX_PHOTOS} รูป"),
                        &format!("at most {MAX_PHOTOS} photos"),
                    ));
                }
                form.photos
                    .push((file_name.unwrap_or_else(|| "photo".into()), bytes.to_vec()));
            }
            "category" => form.category = Some(text()),
            "agency" => form.agency = Some(text()).filter(|t| !t.is_empty()),
            "text" => form.text = Some(text()),
            "location" => form.location = Some(text()).filter(|t| !t.is_empty()),
            "code" => form.code = Some(text()),
            "reason" => form.reason = Some(text()).filter(|t| !t.is_empty()),
            _ => {}
        }
    }
    Ok(form)
}

async fn upload(
    nats: &async_nats::Client,
    case_id: Uuid,
    code: Option<&str>,
    photos: Vec<(String, Vec<u8>)>,
) -> Result<Vec<AttachmentRef>, Response> {
    let mut refs = Vec::new();
    for (name, bytes) in photos {
        match desk::attach(nats, &Actor::Anonymous, case_id, code, bytes).await {
            Ok(reference) => refs.push(reference),
            Err(sujarit_client::query::QueryError::Refused(e)) => {
                return Err(error_page(
                    &format!("ไฟล์ {}: {}", name, e.message.th),
                    &format!("file {}: {}", name, e.message.en),
                ))
            }
            Err(e) => return Err(unavailable(&e.to_string())),
        }
    }
    Ok(refs)
}

fn unavailable(detail: &str) -> Response {
    tracing::warn!(error = %detail, "tip page could not reach the ledger");
    error_page(
        "ระบบไม่พร้อมใช้งานชั่วคราว กรุณาลองใหม่อีกครั้ง",
        "the system is not available right now; please try again",
    )
}

/// Sends a command as the anonymous reporter, with random ids.
async fn send_anonymous(nats: &async_nats::Client, command: ComplaintCommand) -> Result<(), Response> {
    let client = CommandClient::new(nats.clone(), Actor::Anonymous);
    let options = SendOptions {
        command_id: Some(Uuid::new_v4()),
        correlation_id: Some(Uuid::new_v4()),
        ..Default::default()
    };
    match client.send_with(&Command::from(command), options).await {
        Ok(answer) => match answer.reply {
            Reply::Accepted { .. } => Ok(()),
            Reply::Rejected { message, .. } => Err(error_page(&message.th, &message.en)),
        },
        Err(e) => Err(unavailable(&e.to_string())),
    }
}

async fn file(State(state): State<TipState>, multipart: Multipart) -> Response {
    let form = match read_form(multipart).await {
        Ok(form) => form,
        Err(page) => return page,
    };
    let text = form.text.clone().unwrap_or_default();
    if text.is_empty() {
        return error_page(
            "กรุณาเล่าว่าเกิดอะไรขึ้น (ช่องนี้ต้องไม่ว่าง)",
            "please say what happened (this field must not be empty)",
        );
    }
    let category = match form.category.as_deref() {
        Some("general") => Category::General,
        _ => Category::Corruption,
    };
    let case_id = Uuid::new_v4();
    let code = sujarit_privacy::ReceiptCode::generate();
    let attachments = match upload(&state.nats, case_id, None, form.photos).await {
        Ok(refs) => refs,
        Err(page) => return page,
    };
    let command = FileComplaint {
        case_id,
        receipt_code: ReceiptCode(code.to_string()),
        channel: Channel::Web,
        category,
        subject_org_unit_id: None,
        subject_agency: form.agency,
        text,
        location: form.location,
        attachments,
        reporter: None,
    };
    if let Err(page) = send_anonymous(&state.nats, command.into()).await {
        return page;
    }
    page(
        "ได้รับเรื่องแล้ว",
        &format!(
            r#"<h1>ได้รับเรื่องของท่านแล้ว ขอบคุณที่แจ้งเบาะแส<br><small>Your tip was received. Thank you.</small></h1>
<p>รหัสรับเรื่องของท่าน · Your receipt code:</p>
<p class="code">{code}</p>
<p class="note"><strong>กรุณาจดหรือถ่ายภาพรหัสนี้เก็บไว้ในที่ปลอดภัย</strong> ระบบจะแสดงรหัสนี้เพียงครั้งเดียว
และไม่สามารถกู้คืนได้ ใช้รหัสนี้เพื่อติดตามเรื่อง ตอบคำถามของเจ้าหน้าที่ และส่งหลักฐานเพิ่มเติม
อย่าแจ้งรหัสนี้แก่ผู้อื่น<br>
<small>Write this code down or take a picture of it and keep it safe. It is shown only once and cannot be
recovered. Use it to follow your tip, answer questions and send more evidence. Do not share it.</small></p>
<p><a href="/tip/status">ติดตามเรื่อง · Follow up</a></p>"#,
            code = escape(&code.to_string())
        ),
    )
}

async fn status_form() -> Response {
    page(
        "ติดตามเรื่อง",
        r#"<h1>ติดตามเรื่องด้วยรหัสรับเรื่อง<br><small>Follow up with your receipt code</small></h1>
<form method="post" action="/tip/status">
<label for="code">รหัสรับเรื่อง · Receipt code</label>
<input type="text" id="code" name="code" required autocomplete="off" placeholder="XXXX-XXXX-XXXX-XXXX-XXXX">
<button type="submit">ดูสถานะ · Show</button>
</form>"#,
    )
}

#[derive(Deserialize)]
struct CodeForm {
    code: String,
}

/// Finds and opens a case by its code; an error page otherwise.
async fn open_case(nats: &async_nats::Client, code: &str) -> Result<CaseView, Response> {
    // As of every event recorded so far, so a tip filed a moment ago is found.
    let last = sujarit_client::events::last_sequence(&async_nats::jetstream::new(nats.clone()))
        .await
        .ok();
    let located: Result<(u64, Located), _> = sujarit_client::query::ask(
        nats,
        query::COMPLAINT_LOCATE,
        &LocateRequest {
            receipt_code: code.to_string(),
        },
        last,
    )
    .await;
    let case_id = match located {
        Ok((_, located)) => located.case_id,
        Err(sujarit_client::query::QueryError::Refused(e)) => return Err(error_page(&e.message.th, &e.message.en)),
        Err(e) => return Err(unavailable(&e.to_string())),
    };
    match desk::view_case(nats, &Actor::Anonymous, case_id, Some(code)).await {
        Ok(view) => Ok(view),
        Err(sujarit_client::query::QueryError::Refused(e)) => Err(error_page(&e.message.th, &e.message.en)),
        Err(e) => Err(unavailable(&e.to_string())),
    }
}

async fn status(State(state): State<TipState>, Form(form): Form<CodeForm>) -> Response {
    match open_case(&state.nats, form.code.trim()).await {
        Ok(view) => case_page(&view, form.code.trim()),
        Err(page) => page,
    }
}

fn case_page(view: &CaseView, code: &str) -> Response {
    let code = escape(code);
    let mut body = format!(
        r#"<h1>สถานะเรื่อง · Status: {} <small>({})</small></h1>
<table><tr><td>รับเรื่องเมื่อ · received</td><td>{}</td></tr>
<tr><td>กำหนดแล้วเสร็จ · due</td><td>{}</td></tr>
<tr><td>ประเภท · category</td><td>{}</td></tr></table>"#,
        escape(&view.status_th),
        escape(&view.status),
        sujarit_thai::format_thai_date(view.received_on),
        view.due_on
            .map(sujarit_thai::format_thai_date)
            .unwrap_or_else(|| "-".into()),
        escape(view.category.label_th()),
    );
    if view.purged {
        body.push_str(r#"<p class="note">เนื้อหาของเรื่องนี้ถูกลบตามระยะเวลาเก็บรักษาแล้ว · the content was purged.</p>"#);
    }
    if let Some(text) = &view.text {
        body.push_str(&format!(
            "<h2>เรื่องที่แจ้ง · Your tip</h2><p>{}</p>",
            escape(text).replace('\n', "<br>")
        ));
    }
    if !view.messages.is_empty() {
        body.push_str("<h2>ข้อความ · Messages</h2>");
    }
    for m in &view.messages {
        let who = match m.from {
            MessageFrom::Handler => "เจ้าหน้าที่ · officer",
            MessageFrom::Reporter => "ท่าน · you",
        };
        let class = match m.from {
            MessageFrom::Handler => "msg from-handler",
            MessageFrom::Reporter => "msg",
        };
        body.push_str(&format!(
            r#"<div class="{class}"><small>{who} · {}{}</small><br>{}</div>"#,
            escape(&m.kind),
            m.on.map(|d| format!(" · {}", sujarit_thai::format_thai_date(d)))
                .unwrap_or_default(),
            m.text
                .as_deref()
                .map(|t| escape(t).replace('\n', "<br>"))
                .unwrap_or_else(|| "<em>(ลบแล้ว · purged)</em>".into())
        ));
    }
    if !view.purged {
        let label = if view.open_questions > 0 {
            "ตอบคำถามของเจ้าหน้าที่ · Answer the officer's question"
        } else {
            "ส่งข้อมูลหรือหลักฐานเพิ่มเติม · Send more information or evidence"
        };
        body.push_str(&format!(
            r#"<form method="post" action="/tip/reply" enctype="multipart/form-data">
<input type="hidden" name="code" value="{code}">
<label for="text">{label}</label><textarea id="text" name="text" maxlength="10000"></textarea>
<label for="photos">รูปภาพ · Photos</label><input type="file" id="photos" name="photos" accept="image/jpeg,image/png,application/pdf" multiple>
<button type="submit">ส่ง · Send</button></form>"#
        ));
    }
    if view.can_rate || view.can_dispute {
        body.push_str(&format!(
            r#"<form method="post" action="/tip/rate" enctype="multipart/form-data">
<input type="hidden" name="code" value="{code}">
<label for="rating">ความพึงพอใจต่อการดำเนินการ (1–5) · How was it handled?</label>
<select id="rating" name="rating"><option value="">-</option><option>5</option><option>4</option><option>3</option><option>2</option><option>1</option></select>
<label for="reason">ไม่เห็นด้วยกับผลการดำเนินการ? ระบุเหตุผล (โต้แย้งได้หนึ่งครั้ง) · Dispute the outcome (once)</label>
<textarea id="reason" name="reason" maxlength="10000"></textarea>
<button type="submit">ส่ง · Send</button></form>"#
        ));
    }
    page("สถานะเรื่อง", &body)
}

async fn reply(State(state): State<TipState>, multipart: Multipart) -> Response {
    let form = match read_form(multipart).await {
        Ok(form) => form,
        Err(page) => return page,
    };
    let code = form.code.clone().unwrap_or_default();
    let view = match open_case(&state.nats, &code).await {
        Ok(view) => view,
        Err(page) => return page,
    };
    let text = form.text.clone().filter(|t| !t.is_empty());
    if text.is_none() && form.photos.is_empty() {
        return error_page("กรุณาพิมพ์ข้อความหรือแนบไฟล์", "please write something or attach a file");
    }
    let attachments = match upload(&state.nats, view.case_id, Some(&code), form.photos).await {
        Ok(refs) => refs,
        Err(page) => return page,
    };
    let command: ComplaintCommand = match (view.open_questions > 0, text) {
        (true, Some(text)) => AnswerQuestion {
            case_id: view.case_id,
            receipt_code: ReceiptCode(code.clone()),
            in_reply_to: None,
            text,
            attachments,
        }
        .into(),
        (_, note) => AddEvidence {
            case_id: view.case_id,
            receipt_code: ReceiptCode(code.clone()),
            note,
            attachments,
        }
        .into(),
    };
    if let Err(page) = send_anonymous(&state.nats, command).await {
        return page;
    }
    match open_case(&state.nats, &code).await {
        Ok(view) => case_page(&view, &code),
        Err(page) => page,
    }
}

async fn rate(State(state): State<TipState>, multipart: Multipart) -> Response {
    let form = match read_form(multipart).await {
        Ok(form) => form,
        Err(page) => return page,
    };
    let code = form.code.clone().unwrap_or_default();
    let view = match open_case(&state.nats, &code).await {
        Ok(view) => view,
        Err(page) => return page,
    };
    if let Some(rating) = form.rating.as_deref().and_then(|r| r.parse::<u8>().ok()) {
        let command = RateHandling {
            case_id: view.case_id,
            receipt_code: ReceiptCode(code.clone()),
            rating,
        };
        if let Err(page) = send_anonymous(&state.nats, command.into()).await {
            return page;
        }
    }
    if let Some(reason) = form.reason {
        let command = DisputeClosure {
            case_id: view.case_id,
            receipt_code: ReceiptCode(code.clone()),
            reason,
        };
        if let Err(page) = send_anonymous(&state.nats, command.into()).await {
            return page;
        }
    }
    match open_case(&state.nats, &code).await {
        Ok(view) => case_page(&view, &code),
        Err(page) => page,
    }
}

#[derive(Deserialize)]
struct StatsParams {
    fiscal_year: Option<u16>,
}

fn current_fiscal_year() -> u16 {
    let today = sujarit_ledger::complaint::bangkok_today(chrono::Utc::now());
    sujarit_thai::FiscalYear::from_date(today)
        .map(|fy| fy.be() as u16)
        .unwrap_or(2570)
}

async fn fetch_stats(nats: &async_nats::Client, fiscal_year: u16) -> Result<ComplaintStats, Response> {
    match sujarit_client::query::ask(nats, query::COMPLAINT_STATS, &StatsRequest { fiscal_year }, None).await {
        Ok((_, stats)) => Ok(stats),
        Err(sujarit_client::query::QueryError::Refused(e)) => Err(error_page(&e.message.th, &e.message.en)),
        Err(e) => Err(unavailable(&e.to_string())),
    }
}

async fn stats_json(State(state): State<TipState>, Params(params): Params<StatsParams>) -> Response {
    let fiscal_year = params.fiscal_year.unwrap_or_else(current_fiscal_year);
    match fetch_stats(&state.nats, fiscal_year).await {
        Ok(stats) => Json(stats).into_response(),
        Err(page) => page,
    }
}

async fn stats_page(State(state): State<TipState>, Params(params): Params<StatsParams>) -> Response {
    let fiscal_year = params.fiscal_year.unwrap_or_else(current_fiscal_year);
    let stats = match fetch_stats(&state.nats, fiscal_year).await {
        Ok(stats) => stats,
        Err(page) => return page,
    };
    let rows = |counts: &[sujarit_contracts::query::CaseCounts]| -> String {
        counts
            .iter()
            .map(|c| {
                format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&c.key),
                    c.received,
                    c.in_progress,
                    c.completed,
                    c.referred
                )
            })
            .collect()
    };
    let head = "<tr><th></th><th>รับเรื่อง<br><small>received</small></th><th>ระหว่างดำเนินการ<br><small>in progress</small></th><th>เสร็จสิ้น<br><small>completed</small></th><th>ส่งต่อ<br><small>referred</small></th></tr>";
    let days = |d: Option<f64>| d.map(|d| format!("{d:.1}")).unwrap_or_else(|| "-".into());
    page(
        "สถิติเรื่องร้องเรียน",
        &format!(
            r#"<h1>สถิติเรื่องร้องเรียนและเบาะแส ปีงบประมาณ {fy}<br><small>Complaint statistics, fiscal year {fy}</small></h1>
<table>{head}{total}</table>
<h2>ตามประเภท · by category</h2><table>{head}{category}</table>
<h2>ตามช่องทาง · by channel</h2><table>{head}{channel}</table>
<h2>ตามเดือน · by month</h2><table>{head}{month}</table>
<p>ระยะเวลาตอบรับ (มัธยฐาน) · median days to acknowledge: {ack}<br>
ระยะเวลาดำเนินการจนแล้วเสร็จ (มัธยฐาน) · median days to resolve: {resolve}<br>
เปิดเรื่องใหม่ · reopened: {reopened} เรื่อง ({reopenings} ครั้ง) · เกินกำหนด · overdue now: {overdue} · ไม่ระบุตัวตน · anonymous: {anonymous}</p>
<p><small>ข้อมูลนี้ไม่มีเนื้อหาของเรื่องใด · no case content is published. <a href="/stats.json?fiscal_year={fy}">JSON</a></small></p>"#,
            fy = stats.fiscal_year,
            total = rows(std::slice::from_ref(&stats.total)),
            category = rows(&stats.by_category),
            channel = rows(&stats.by_channel),
            month = rows(&stats.by_month),
            ack = days(stats.median_days_to_acknowledge),
            resolve = days(stats.median_days_to_resolve),
            reopened = stats.reopened_cases,
            reopenings = stats.reopenings,
            overdue = stats.overdue_open,
            anonymous = stats.anonymous,
        ),
    )
}
