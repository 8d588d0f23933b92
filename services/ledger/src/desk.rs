//! The case desk: reading a complaint case and uploading its files. The ledger answers these
//! because only it holds the case keys; the query service sees sealed content only.
//!
//! - `sujarit.desk.case` ([`ViewCase`]): the reporter with the receipt code sees their complaint,
//!   the questions asked, their answers and evidence, extensions and the outcome; a handler (the
//!   secretariat, or an officer of the assigned unit, as the request's actor) also sees the
//!   internal progress notes. Anyone else, or a wrong code, gets the same "not found".
//! - `sujarit.desk.attach`: the body is the file; it is checked (size, type), stripped of
//!   metadata, sealed under the case key and written durably before its reference is returned.
//!   Uploads are accepted before filing (the files of a complaint being filed) and afterwards
//!   until the content is purged; a file joins the case only through a command that checks the
//!   receipt code or the handler's authority, so an unreferenced upload is inert.

use async_nats::HeaderMap;
use sujarit_contracts::complaint::{
    self as contracts, AttachmentRef, CaseMessage, CaseView, ComplaintEvent, MessageFrom, SealedText, ViewCase,
    HEADER_CASE_ID, HEADER_RECEIPT_CODE,
};
use sujarit_contracts::query::QueryReply;
use sujarit_contracts::{DomainError, ErrorCode};
use uuid::Uuid;

use crate::aggregate::{Context, Profile};
use crate::complaint::Complaint;
use crate::execute::Executor;
use crate::people::Person;
use crate::vault::KeyVault;
use chrono::Utc;
use sujarit_contracts::Actor;

fn not_found() -> DomainError {
    DomainError::new(
        ErrorCode::NotFound,
        "ไม่พบเรื่องที่ตรงกับรหัสนี้ กรุณาตรวจสอบรหัสรับเรื่องอีกครั้ง",
        "no case matches; check the receipt code and try again",
    )
}

fn no_vault() -> DomainError {
    DomainError::new(
        ErrorCode::Unavailable,
        "ระบบรับเรื่องร้องเรียนยังไม่พร้อม",
        "the complaint desk is not available",
    )
}

fn bad(th: &str, en: &str) -> DomainError {
    DomainError::new(ErrorCode::Validation, th, en)
}

fn reply<T: serde::Serialize>(result: Result<T, DomainError>) -> Vec<u8> {
    let reply = match result {
        Ok(data) => QueryReply::Ok { position: 0, data },
        Err(e) => QueryReply::error(e),
    };
    serde_json::to_vec(&reply).unwrap_or_default()
}

/// Who asks, as the people registry knows them.
fn context(executor: &Executor, headers: Option<&HeaderMap>) -> Result<Context, DomainError> {
    let actor = headers
        .and_then(|h| h.get(sujarit_contracts::headers::ACTOR))
        .map(|v| v.as_str().trim().to_string())
        .unwrap_or_else(|| "anonymous".into());
    let actor: Actor = actor.parse().map_err(|v| {
        bad(
            &format!("ส่วนหัว Sujarit-Actor `{v}` ไม่ถูกต้อง"),
            &format!("header Sujarit-Actor `{v}` is not valid"),
        )
    })?;
    let profile: Option<Profile> = match &actor {
        Actor::Person(id) => executor
            .load::<Person>(&sujarit_contracts::people::stream(*id))?
            .1
            .profile(),
        _ => None,
    };
    Ok(Context {
        actor,
        profile,
        now: Utc::now(),
        vault: None,
    })
}

/// Answers `sujarit.desk.case`.
pub fn view(executor: &Executor, headers: Option<&HeaderMap>, body: &[u8]) -> Vec<u8> {
    reply(view_case(executor, headers, body))
}

fn view_case(executor: &Executor, headers: Option<&HeaderMap>, body: &[u8]) -> Result<CaseView, DomainError> {
    let request: ViewCase = sujarit_contracts::decode_json("ViewCase", body)
        .map_err(|e| bad(&format!("คำขอไม่ถูกต้อง: {e}"), &format!("malformed request: {e}")))?;
    let vault = executor.vault().ok_or_else(no_vault)?;
    let ctx = context(executor, headers)?;
    let stream = contracts::stream(request.case_id);
    let (version, case) = executor.load::<Complaint>(&stream)?;
    let filing = case.filing().filter(|_| version > 0).ok_or_else(not_found)?;
    let as_reporter = match &request.receipt_code {
        Some(code) => {
            if !case.receipt_matches(&code.0) {
                return Err(not_found());
            }
            true
        }
        None if case.may_handle(&ctx) || ctx.has_role(sujarit_contracts::people::Role::Custodian) => false,
        None => return Err(not_found()),
    };
    let open = |sealed: &SealedText| vault.open_text(request.case_id, sealed).ok().flatten();
    let mut view = CaseView {
        case_id: request.case_id,
        status: case.status().map(|s| s.as_str()).unwrap_or("received").to_string(),
        status_th: case.status().map(|s| s.label_th()).unwrap_or("รับเรื่องแล้ว").to_string(),
        category: filing.category,
        channel: filing.channel,
        anonymous: filing.anonymous,
        received_on: filing.received_on,
        due_on: case.due_on(),
        overdue: case.is_overdue(crate::complaint::bangkok_today(ctx.now)),
        text: None,
        subject_agency: None,
        location: None,
        attachments: Vec::new(),
        messages: Vec::new(),
        open_questions: 0,
        can_rate: as_reporter && case.may_rate(),
        can_dispute: as_reporter && case.may_dispute(),
        reopen_count: case.reopen_count(),
        purged: case.purged_on().is_some(),
        assigned_to: if as_reporter { None } else { case.assigned_to() },
        reporter: None,
    };
    let custodian = match (&ctx.actor, as_reporter) {
        (Actor::Person(id), false) if ctx.has_role(sujarit_contracts::people::Role::Custodian) => Some(*id),
        _ => None,
    };
    let mut sealed_reporter = None;
    let mut revealed = false;
    let mut asked = 0u32;
    let mut answered = std::collections::BTreeSet::new();
    let recorded = executor
        .store()
        .read_stream(&stream, 1)
        .map_err(|e| DomainError::new(ErrorCode::Unavailable, e.to_string(), e.to_string()))?;
    for r in recorded {
        let Ok(event) = r.envelope.decode::<ComplaintEvent>() else {
            continue;
        };
        let message = |from, kind: &str, number, text: Option<&SealedText>, on, attachments| CaseMessage {
            from,
            kind: kind.to_string(),
            number,
            text: text.and_then(open),
            on,
            attachments,
        };
        match event {
            ComplaintEvent::ComplaintReceived(e) => {
                view.text = open(&e.text);
                view.subject_agency = e.subject_agency.as_ref().and_then(open);
                view.location = e.location.as_ref().and_then(open);
                view.attachments = e.attachments;
                sealed_reporter = e.reporter;
            }
            ComplaintEvent::ReporterIdentityAccessed(e) => {
                revealed |= custodian == Some(e.by);
            }
            ComplaintEvent::QuestionAsked(e) => {
                asked = asked.max(e.number);
                view.messages.push(message(
                    MessageFrom::Handler,
                    "question",
                    Some(e.number),
                    Some(&e.text),
                    Some(e.asked_on),
                    vec![],
                ));
            }
            ComplaintEvent::ReporterAnswered(e) => {
                answered.insert(e.in_reply_to);
                view.messages.push(message(
                    MessageFrom::Reporter,
                    "answer",
                    Some(e.in_reply_to),
                    Some(&e.text),
                    None,
                    e.attachments,
                ));
            }
            ComplaintEvent::EvidenceAdded(e) => view.messages.push(message(
                MessageFrom::Reporter,
                "evidence",
                None,
                e.note.as_ref(),
                None,
                e.attachments,
            )),
            ComplaintEvent::ExtensionExplained(e) => view.messages.push(message(
                MessageFrom::Handler,
                "extension",
                None,
                Some(&e.reason),
                Some(e.explained_on),
                vec![],
            )),
            ComplaintEvent::OutcomeTold(e) => view.messages.push(message(
                MessageFrom::Handler,
                "outcome",
                None,
                Some(&e.message),
                Some(e.told_on),
                vec![],
            )),
            ComplaintEvent::ProgressNoted(e) if !as_reporter => view.messages.push(message(
                MessageFrom::Handler,
                "note",
                None,
                Some(&e.note),
                Some(e.noted_on),
                vec![],
            )),
            _ => {}
        }
    }
    view.open_questions = (1..=asked).filter(|n| !answered.contains(n)).count() as u32;
    // The identity only after the custodian's access is on record (the event is the audit log).
    if revealed {
        view.reporter = sealed_reporter
            .as_ref()
            .and_then(open)
            .and_then(|json| serde_json::from_str(&json).ok());
    }
    Ok(view)
}

/// Answers `sujarit.desk.attach`.
pub fn attach(executor: &Executor, headers: Option<&HeaderMap>, body: &[u8]) -> Vec<u8> {
    reply(attach_file(executor, headers, body))
}

fn attach_file(executor: &Executor, headers: Option<&HeaderMap>, body: &[u8]) -> Result<AttachmentRef, DomainError> {
    let vault: &KeyVault = executor.vault().ok_or_else(no_vault)?;
    let header = |name: &str| headers.and_then(|h| h.get(name)).map(|v| v.as_str().trim().to_string());
    let case_id = header(HEADER_CASE_ID)
        .and_then(|v| Uuid::parse_str(&v).ok())
        .ok_or_else(|| {
            bad(
                "ต้องระบุรหัสเรื่อง (ส่วนหัว Sujarit-Case-Id) เป็น UUID",
                "give the case id (header Sujarit-Case-Id) as a UUID",
            )
        })?;
    if case_id.get_version_num() != 4 {
        return Err(bad(
            "รหัสเรื่องต้องเป็นรหัสสุ่ม (UUID v4) ที่ไม่บอกเวลา",
            "the case id must be a random (v4) UUID, which carries no time",
        ));
    }
    if body.is_empty() {
        return Err(bad("ไฟล์ว่างเปล่า", "the file is empty"));
    }
    let (version, case) = executor.load::<Complaint>(&contracts::stream(case_id))?;
    if version > 0 {
        // A file only joins a case through a command that checks the receipt code (or the
        // handler's authority), so storing it needs neither: the chat bot uploads a reporter's
        // photo before the code is typed again. A wrong code given here is still refused.
        if let Some(code) = header(HEADER_RECEIPT_CODE) {
            if !case.receipt_matches(&code) {
                return Err(not_found());
            }
        }
        if case.purged_on().is_some() {
            return Err(DomainError::new(
                ErrorCode::Conflict,
                "เนื้อหาของเรื่องนี้ถูกลบตามระยะเวลาเก็บรักษาแล้ว",
                "this case's content was purged",
            ));
        }
    }
    vault.store_blob(case_id, body)
}
