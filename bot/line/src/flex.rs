//! Flex Message cards: a receipt code, a complaint's status and a progress report, laid out the
//! way Thai government LINE accounts present a document — a navy header with white text, a
//! white body of label/value rows, readable sizes (LINE renders Thai with the phone's own fonts,
//! so nothing here draws text).
//!
//! Each function is pure and returns a complete LINE message object
//! (`{"type": "flex", "altText": …, "contents": {bubble}}`). The alternative text is what LINE
//! shows where the card cannot be drawn: notifications, the chat list, quotes. For a progress
//! report that is the report as plain text. For a complaint it is deliberately short and for a
//! receipt it omits the code: those places can be seen by someone glancing at the phone, and the
//! code is the reporter's only key to an anonymous case.
//!
//! Why these parameters: the cards show what the core already hands the gateway —
//! [`CaseView`] (the answer to a case query), [`MyItem`] / [`ReviewItem`] (an officer's or the
//! secretariat's view of one item's submission, both turned into a [`SubmissionSummary`]) — and
//! for the receipt the text of the core's `sensitive` message, from which the code is picked out
//! (the core never hands the code to anyone else).

use serde_json::{json, Value};
use sujarit_bot::{CaseView, Lang, MyItem, ReviewItem, SubmissionState};
use sujarit_contracts::complaint::ReceiptCode;
use sujarit_contracts::plan::Budget;
use sujarit_contracts::round::{ProgressStatus, SubmissionContent};

use crate::render::{truncate, utf16_len};
use crate::text;

/// Longest alternative text LINE accepts.
pub const MAX_ALT_TEXT_CHARS: usize = 1_500;
/// Longest free text shown in a card; the chat carries the rest.
const MAX_CARD_TEXT_CHARS: usize = 500;
/// Longest value in a card's alternative text, so every row fits in LINE's 1,500 characters.
const MAX_ALT_VALUE_CHARS: usize = 200;

/// Header background: navy.
const NAVY: &str = "#1B3A6B";
/// Header subtitle on navy.
const NAVY_SUBTLE: &str = "#C9D3E6";
/// Body background.
const WHITE: &str = "#FFFFFF";
/// Body text.
const INK: &str = "#1F2937";
/// Row labels and notes.
const MUTED: &str = "#6B7280";
/// The code's box.
const PALE: &str = "#EEF2F8";
/// A case or report that is done.
const GREEN: &str = "#1E7B34";
/// A case or report under way.
const AMBER: &str = "#A15C07";
/// A report that could not be carried out, or was returned.
const RED: &str = "#B42318";

/// The receipt card, from the text of the core's receipt message (or from the code alone).
///
/// The line of `receipt_text` that is a receipt code is shown large in its own box, with the text
/// before and after it around it; if no line is a code, the whole text is shown. The alternative
/// text never holds the code.
pub fn receipt_card(receipt_text: &str, lang: Lang) -> Value {
    let lines: Vec<&str> = receipt_text.lines().collect();
    let code_line = lines.iter().position(|line| is_receipt_code(line));
    let mut body = Vec::new();
    match code_line {
        Some(index) => {
            let before = lines[..index].join("\n");
            let after = lines[index + 1..].join("\n");
            if !before.trim().is_empty() {
                body.push(paragraph(before.trim(), "md", INK));
            }
            body.push(json!({
                "type": "box",
                "layout": "vertical",
                "backgroundColor": PALE,
                "cornerRadius": "md",
                "paddingAll": "lg",
                "contents": [
                    {
                        "type": "text",
                        "text": lines[index].trim(),
                        "size": "xl",
                        "weight": "bold",
                        "color": NAVY,
                        "align": "center",
                        "wrap": true,
                    },
                    paragraph(&text::receipt_keep_secret(lang), "xs", MUTED),
                ],
            }));
            if !after.trim().is_empty() {
                body.push(paragraph(after.trim(), "sm", INK));
            }
        }
        None => body.push(paragraph(receipt_text.trim(), "md", INK)),
    }
    flex_message(
        &text::receipt_alt(lang),
        bubble(
            &text::receipt_heading(lang),
            Some(&text::receipt_subheading(lang)),
            body,
        ),
    )
}

/// Whether a line is a receipt code as the core shows it: capital letters and digits, maybe
/// grouped with spaces or hyphens. (A sentence has lower-case letters or Thai, so it never is.)
fn is_receipt_code(line: &str) -> bool {
    ReceiptCode(line.trim().to_string()).normalized().is_some() && !line.trim().contains(char::is_lowercase)
}

/// A complaint case as its reporter sees it: category, status, dates, the open question and the
/// outcome once told.
pub fn case_status_card(case: &CaseView, lang: Lang) -> Value {
    let status_color = match case.status.has_ended() {
        true => GREEN,
        false => AMBER,
    };
    let due = match case.due_on {
        Some(due) => text::date(lang, due),
        None => text::not_set(lang),
    };
    let mut body = vec![
        row(
            &text::label_status(lang),
            &text::case_status_label(lang, case.status),
            status_color,
        ),
        row(&text::label_received(lang), &text::date(lang, case.received_on), INK),
        row(&text::label_due(lang), &due, INK),
    ];
    if let Some(question) = case.open_question() {
        body.push(separator());
        body.push(heading(&text::open_question_heading(
            lang,
            question.number,
            question.asked_on,
        )));
        body.push(paragraph(&truncate(&question.text, MAX_CARD_TEXT_CHARS), "sm", INK));
        body.push(paragraph(&text::answer_hint(lang), "xs", MUTED));
    }
    if let Some(outcome) = &case.outcome {
        body.push(separator());
        body.push(heading(&text::outcome_heading(lang)));
        body.push(paragraph(&truncate(outcome, MAX_CARD_TEXT_CHARS), "sm", INK));
    }
    flex_message(
        &text::case_alt(lang, case.status),
        bubble(
            &text::case_heading(lang),
            Some(&text::category_label(lang, case.category)),
            body,
        ),
    )
}

/// One item's submission, from either side of the review.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmissionSummary<'a> {
    /// The item's code in the plan.
    pub code: &'a str,
    /// The item's name.
    pub name: &'a str,
    /// The reporting unit, when the reader is not that unit (the secretariat's view).
    pub org_unit: Option<&'a str>,
    /// The item's budget.
    pub budget: &'a Budget,
    /// Where the submission stands.
    pub state: SubmissionState,
    /// What was reported; `None` when nothing is saved yet.
    pub content: Option<&'a SubmissionContent>,
}

impl<'a> From<&'a MyItem> for SubmissionSummary<'a> {
    fn from(item: &'a MyItem) -> Self {
        SubmissionSummary {
            code: &item.code,
            name: &item.name,
            org_unit: None,
            budget: &item.budget,
            state: item.state.clone(),
            content: item.content.as_ref(),
        }
    }
}

impl<'a> From<&'a ReviewItem> for SubmissionSummary<'a> {
    fn from(item: &'a ReviewItem) -> Self {
        SubmissionSummary {
            code: &item.code,
            name: &item.name,
            org_unit: Some(&item.org_unit),
            budget: &item.budget,
            state: SubmissionState::Submitted { late: item.late },
            content: Some(&item.content),
        }
    }
}

/// A progress report at a glance: the item, where its submission stands, and what was reported.
/// The alternative text is the same report as plain lines.
pub fn submission_card(summary: &SubmissionSummary<'_>, lang: Lang) -> Value {
    let rows = submission_rows(summary, lang);
    let title = format!("{} {}", summary.code, summary.name);
    let mut body: Vec<Value> = rows
        .iter()
        .map(|(label, value, color)| row(label, &truncate(value, MAX_CARD_TEXT_CHARS), color))
        .collect();
    if summary.content.is_none() {
        body.push(paragraph(&text::nothing_reported(lang), "sm", MUTED));
    }
    let mut alt = vec![text::submission_heading(lang), title.clone()];
    alt.extend(
        rows.iter()
            .map(|(label, value, _)| format!("{label}: {}", truncate(value, MAX_ALT_VALUE_CHARS))),
    );
    if summary.content.is_none() {
        alt.push(text::nothing_reported(lang));
    }
    flex_message(
        &alt.join("\n"),
        bubble(&text::submission_heading(lang), Some(&title), body),
    )
}

/// The label/value rows of a submission, with the value's colour.
fn submission_rows(summary: &SubmissionSummary<'_>, lang: Lang) -> Vec<(String, String, &'static str)> {
    let mut rows = Vec::new();
    if let Some(org_unit) = summary.org_unit {
        rows.push((text::label_org_unit(lang), org_unit.to_string(), INK));
    }
    rows.push((text::label_budget(lang), text::budget(lang, summary.budget), INK));
    let state_color = match &summary.state {
        SubmissionState::Accepted => GREEN,
        SubmissionState::Returned { .. } | SubmissionState::Submitted { late: true } => RED,
        _ => AMBER,
    };
    rows.push((
        text::label_submission(lang),
        text::submission_state_label(lang, &summary.state),
        state_color,
    ));
    if let SubmissionState::Returned { reason } = &summary.state {
        rows.push((text::label_returned_reason(lang), reason.clone(), RED));
    }
    let Some(content) = summary.content else {
        return rows;
    };
    let progress_color = match content.status {
        ProgressStatus::Completed => GREEN,
        ProgressStatus::NotCarriedOut => RED,
        ProgressStatus::AwaitingReport | ProgressStatus::InProgress => AMBER,
    };
    rows.push((
        text::label_progress(lang),
        text::progress_label(lang, content.status),
        progress_color,
    ));
    if let Some(reason) = &content.not_carried_out_reason {
        rows.push((text::label_reason(lang), text::reason_label(lang, reason), INK));
    }
    rows.push((text::label_disbursed(lang), text::budget(lang, &content.disbursed), INK));
    rows.push((
        text::label_quarters(lang),
        text::quarters(lang, &content.quarters_done),
        INK,
    ));
    if !content.evidence.is_empty() {
        rows.push((
            text::label_evidence(lang),
            text::evidence_count(lang, content.evidence.len()),
            INK,
        ));
    }
    // The free texts come last, so a long one cannot crowd the figures out of the alt text.
    let free_texts = [
        (text::label_indicator(lang), &content.indicator_result),
        (text::label_narrative(lang), &content.narrative),
        (text::label_remark(lang), &content.remark),
    ];
    for (label, value) in free_texts {
        if let Some(value) = value.as_deref().filter(|value| !value.trim().is_empty()) {
            rows.push((label, value.trim().to_string(), INK));
        }
    }
    rows
}

// ---- Building blocks ---------------------------------------------------------------------

/// The whole message: a Flex message with its alternative text cut to LINE's limit.
fn flex_message(alt_text: &str, contents: Value) -> Value {
    let alt = match alt_text.trim().is_empty() {
        true => "…".to_string(),
        false => truncate(alt_text.trim(), MAX_ALT_TEXT_CHARS),
    };
    debug_assert!(utf16_len(&alt) <= MAX_ALT_TEXT_CHARS);
    json!({ "type": "flex", "altText": alt, "contents": contents })
}

/// A bubble with a navy header (title, optional subtitle) and a white body.
fn bubble(title: &str, subtitle: Option<&str>, body: Vec<Value>) -> Value {
    let mut header = vec![json!({
        "type": "text",
        "text": non_empty(title),
        "size": "lg",
        "weight": "bold",
        "color": WHITE,
        "wrap": true,
    })];
    if let Some(subtitle) = subtitle.filter(|subtitle| !subtitle.trim().is_empty()) {
        header.push(json!({
            "type": "text",
            "text": truncate(subtitle.trim(), MAX_CARD_TEXT_CHARS),
            "size": "sm",
            "color": NAVY_SUBTLE,
            "wrap": true,
            "margin": "sm",
        }));
    }
    json!({
        "type": "bubble",
        "size": "mega",
        "header": {
            "type": "box",
            "layout": "vertical",
            "paddingAll": "lg",
            "contents": header,
        },
        "body": {
            "type": "box",
            "layout": "vertical",
            "spacing": "md",
            "paddingAll": "lg",
            "contents": body,
        },
        "styles": {
            "header": { "backgroundColor": NAVY },
            "body": { "backgroundColor": WHITE },
        },
    })
}

/// A label on the left, its value on the right.
fn row(label: &str, value: &str, value_color: &str) -> Value {
    json!({
        "type": "box",
        "layout": "horizontal",
        "spacing": "md",
        "contents": [
            { "type": "text", "text": non_empty(label), "size": "sm", "color": MUTED, "flex": 2, "wrap": true },
            { "type": "text", "text": non_empty(value), "size": "sm", "color": value_color, "flex": 4, "wrap": true },
        ],
    })
}

/// A wrapped paragraph.
fn paragraph(value: &str, size: &str, color: &str) -> Value {
    json!({ "type": "text", "text": non_empty(value), "size": size, "color": color, "wrap": true })
}

/// A bold section heading in the body.
fn heading(value: &str) -> Value {
    json!({ "type": "text", "text": non_empty(value), "size": "sm", "weight": "bold", "color": NAVY, "wrap": true })
}

fn separator() -> Value {
    json!({ "type": "separator", "margin": "md" })
}

/// LINE refuses an empty text component.
fn non_empty(value: &str) -> String {
    match value.trim().is_empty() {
        true => "-".to_string(),
        false => value.to_string(),
    }
}
