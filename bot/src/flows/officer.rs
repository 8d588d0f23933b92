//! Officer flows: my items in the open round, what was returned and why, and reporting progress
//! on one item step by step (status, reason, amount disbursed, quarters, indicator result,
//! narrative, photos), then review, save or submit, with the over-budget confirmation loop.
//!
//! An item can be reported while its submission is not submitted or accepted and entry is open;
//! editing a saved draft or a returned submission starts at the review with what was saved.
//! Saving sends `SaveSubmission`; submitting saves and then sends `SubmitSubmission`. When the
//! ledger refuses a draft because it disburses more than the budget, the officer confirms and the
//! draft is sent again with `confirm_over_budget`.

use chrono::NaiveDate;
use sujarit_contracts::round::{
    NotCarriedOutReason, ProgressStatus, RoundCommand, SaveSubmission, SubmissionContent, SubmitSubmission,
};
use sujarit_contracts::{Reply, Text};
use uuid::Uuid;

use crate::conversation::{Conversation, Flow, ItemChoice, ItemsPurpose, Lang, Loading, Report, ReportStep};
use crate::flows::{busy, in_lang, is_over_budget_refusal, person_actor, show_refusal, Event};
use crate::io::{Ask, Effect, MyItem, MyItems, Outcome, RoundInfo, SubmissionState};
use crate::limits::{MAX_BUTTONS, MAX_EVIDENCE, MAX_TEXT};
use crate::message::{Button, Message};
use crate::parse;
use crate::step::Turn;
use crate::text;

/// The statuses an officer reports (awaiting report is what "not reported" already means).
const REPORTABLE: [ProgressStatus; 3] = [
    ProgressStatus::InProgress,
    ProgressStatus::Completed,
    ProgressStatus::NotCarriedOut,
];

/// Asks for the officer's items.
pub(crate) fn load(purpose: ItemsPurpose, org_unit_id: Uuid, turn: &mut Turn) -> Flow {
    turn.ask(Ask::MyItems {
        round_id: None,
        org_unit_id,
    });
    Flow::Loading(Loading::MyItems(purpose))
}

/// Whether entry is open on `today`.
fn entry_open(round: &RoundInfo, today: NaiveDate) -> bool {
    round.entry_open_until.is_some_and(|until| today <= until)
}

/// Lists the items and offers those that can still be reported.
pub(crate) fn show_items(conv: &Conversation, purpose: ItemsPurpose, answer: MyItems, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let Some(round) = answer.round else {
        turn.say(lang, text::no_open_round(lang));
        return Flow::Idle;
    };
    let today = turn.today();
    let listed: Vec<MyItem> = answer
        .items
        .into_iter()
        .filter(|item| purpose != ItemsPurpose::Returned || matches!(item.state, SubmissionState::Returned { .. }))
        .collect();
    if listed.is_empty() {
        let said = match purpose {
            ItemsPurpose::Returned => text::nothing_returned(lang),
            ItemsPurpose::All | ItemsPurpose::Report => text::no_items(lang),
        };
        turn.say(lang, said);
        return Flow::Idle;
    }
    let open = entry_open(&round, today);
    let mut body = text::items_header(lang, &round, today);
    for item in &listed {
        body.push_str("\n\n");
        body.push_str(&text::item_line(lang, item));
    }
    let offered: Vec<MyItem> = match open {
        true => listed.into_iter().filter(|item| item.state.is_editable()).collect(),
        false => Vec::new(),
    };
    if !open {
        body.push_str("\n\n");
        body.push_str(&text::entry_closed(lang));
        turn.say(lang, body);
        return Flow::Idle;
    }
    if offered.is_empty() {
        body.push_str("\n\n");
        body.push_str(&text::nothing_to_report(lang));
        turn.say(lang, body);
        return Flow::Idle;
    }
    let choice = ItemChoice { round, items: offered };
    let mut message = menu(lang, &choice);
    message.text = format!("{body}\n\n{}", message.text);
    turn.reply(message);
    Flow::ChoosingItem(choice)
}

/// The item buttons.
pub(crate) fn choice_prompt(lang: Lang, choice: &ItemChoice) -> Option<Message> {
    Some(menu(lang, choice))
}

fn menu(lang: Lang, choice: &ItemChoice) -> Message {
    let buttons = choice
        .items
        .iter()
        .take(MAX_BUTTONS)
        .map(|item| Button::new(text::item_button(lang, item), format!("item:{}", item.item_id)))
        .collect();
    let more = choice.items.len() > MAX_BUTTONS;
    Message::choices(lang, text::choose_item(lang, more), buttons)
}

/// Picking an item.
pub(crate) fn on_choice(conv: &Conversation, choice: ItemChoice, event: Event, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let picked = match &event {
        Event::Choice(payload) => payload
            .strip_prefix("item:")
            .and_then(|id| Uuid::parse_str(id).ok())
            .and_then(|id| choice.items.iter().find(|item| item.item_id == id)),
        Event::Text(typed) => choice
            .items
            .iter()
            .find(|item| item.code.eq_ignore_ascii_case(typed.trim())),
        Event::Photo { .. } | Event::Outcome(_) => None,
    };
    match (picked, event) {
        (Some(item), _) => start_report(lang, choice.round.clone(), item.clone(), turn),
        (None, Event::Outcome(_)) => Flow::ChoosingItem(choice),
        (None, Event::Photo { .. }) => {
            turn.say(lang, text::photo_not_expected(lang));
            reprompt_choice(lang, choice, turn)
        }
        (None, _) => {
            turn.say(lang, text::item_not_found(lang));
            reprompt_choice(lang, choice, turn)
        }
    }
}

fn reprompt_choice(lang: Lang, choice: ItemChoice, turn: &mut Turn) -> Flow {
    turn.reply(menu(lang, &choice));
    Flow::ChoosingItem(choice)
}

/// Nothing reported yet.
fn empty_content() -> SubmissionContent {
    SubmissionContent {
        status: ProgressStatus::AwaitingReport,
        disbursed: Default::default(),
        quarters_done: [false; 4],
        indicator_result: None,
        narrative: None,
        evidence: Vec::new(),
        remark: None,
        not_carried_out_reason: None,
    }
}

/// Starts reporting one item: from the first question, or at the review of what was saved.
fn start_report(lang: Lang, round: RoundInfo, item: MyItem, turn: &mut Turn) -> Flow {
    let returned_reason = match &item.state {
        SubmissionState::Returned { reason } => Some(reason.clone()),
        _ => None,
    };
    let (draft, step) = match item.content.clone() {
        Some(content) => (content, ReportStep::Review),
        None => (empty_content(), ReportStep::Status),
    };
    let report = Report {
        round,
        item: item.brief(),
        draft,
        step,
        editing: false,
        confirm_over_budget: false,
        returned_reason,
    };
    turn.say(lang, text::report_intro(lang, &report));
    show(lang, report, turn)
}

/// Shows the current step's question and stays there.
fn show(lang: Lang, report: Report, turn: &mut Turn) -> Flow {
    if let Some(message) = prompt(lang, &report) {
        turn.reply(message);
    }
    Flow::Report(Box::new(report))
}

/// The last quarter of the round's period.
fn last_quarter(round: &RoundInfo) -> u8 {
    round.period.quarters().last().map_or(4, |quarter| quarter.number())
}

/// The question of a report step; `None` while waiting on the ledger.
pub(crate) fn prompt(lang: Lang, report: &Report) -> Option<Message> {
    let skip = || Button::new(text::skip_label(lang), "skip");
    let message = match &report.step {
        ReportStep::Status => Message::choices(
            lang,
            text::ask_status(lang, &report.item),
            REPORTABLE
                .iter()
                .map(|status| Button::new(text::status_label(lang, *status), format!("status:{}", status.as_str())))
                .collect(),
        ),
        ReportStep::Reason => Message::choices(
            lang,
            text::ask_reason(lang),
            reasons()
                .into_iter()
                .map(|(key, reason)| Button::new(text::reason_label(lang, &reason), format!("reason:{key}")))
                .collect(),
        ),
        ReportStep::ReasonOther => Message::text(lang, text::ask_reason_other(lang)),
        ReportStep::Disbursed => Message::shortcuts(
            lang,
            text::ask_disbursed(lang, &report.item),
            vec![Button::new(text::not_needed_label(lang), "budget:not_needed"), skip()],
        ),
        ReportStep::Quarters => Message::text(lang, text::ask_quarters(lang, last_quarter(&report.round))),
        ReportStep::Indicator => Message::shortcuts(lang, text::ask_indicator(lang), vec![skip()]),
        ReportStep::Narrative => Message::shortcuts(lang, text::ask_narrative(lang), vec![skip()]),
        ReportStep::Photos => Message::choices(
            lang,
            text::ask_photos(lang, report.draft.evidence.len()),
            vec![Button::new(text::done_label(lang), "done")],
        ),
        ReportStep::Review => Message::choices(
            lang,
            text::report_review(lang, report),
            vec![
                Button::new(text::submit_label(lang), "submit"),
                Button::new(text::save_draft_label(lang), "save"),
                Button::new(text::edit_label(lang), "edit"),
                Button::new(text::cancel_label(lang), "cancel"),
            ],
        ),
        ReportStep::ChooseField => Message::choices(
            lang,
            text::choose_field(lang),
            REPORT_FIELDS
                .iter()
                .map(|field| Button::new(text::report_field_label(lang, field), format!("field:{field}")))
                .chain([Button::new(text::back_label(lang), "back")])
                .collect(),
        ),
        ReportStep::ConfirmOverBudget { message, .. } => Message::choices(
            lang,
            text::confirm_over_budget(lang, &in_lang(lang, message)),
            vec![
                Button::new(text::confirm_over_budget_label(lang), "confirm"),
                Button::new(text::edit_amount_label(lang), "edit_amount"),
                Button::new(text::cancel_label(lang), "cancel"),
            ],
        ),
        ReportStep::Saving { .. } | ReportStep::Submitting => return None,
    };
    Some(message)
}

/// Fields the review can go back to.
const REPORT_FIELDS: [&str; 7] = [
    "status",
    "disbursed",
    "quarters",
    "indicator",
    "narrative",
    "photos",
    "clear_photos",
];

/// Reasons an item could not be carried out, with their payload keys.
fn reasons() -> [(&'static str, NotCarriedOutReason); 4] {
    [
        ("no_budget", NotCarriedOutReason::NoBudget),
        ("policy_changed", NotCarriedOutReason::PolicyChanged),
        ("not_enough_staff", NotCarriedOutReason::NotEnoughStaff),
        ("other", NotCarriedOutReason::Other { text: String::new() }),
    ]
}

/// One event while reporting.
pub(crate) fn on_report(conv: &Conversation, mut report: Report, event: Event, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let waiting = matches!(report.step, ReportStep::Saving { .. } | ReportStep::Submitting);
    match event {
        Event::Outcome(Outcome::Evidence { reference }) => {
            if report.draft.evidence.len() < MAX_EVIDENCE {
                report.draft.evidence.push(reference);
            }
            turn.say(lang, text::photo_received(lang, report.draft.evidence.len()));
            match waiting {
                true => Flow::Report(Box::new(report)),
                false => show(lang, report, turn),
            }
        }
        Event::Outcome(outcome) => on_outcome(conv, report, outcome, turn),
        _ if waiting => {
            busy(lang, turn);
            Flow::Report(Box::new(report))
        }
        Event::Photo { file_ref, bytes } => {
            let checked = parse::photo_slot(bytes, report.draft.evidence.len(), MAX_EVIDENCE);
            match checked {
                Ok(()) => {
                    turn.effect(Effect::StoreEvidence {
                        file_ref,
                        case_id: None,
                    });
                    Flow::Report(Box::new(report))
                }
                Err(error) => {
                    turn.say(lang, text::input_error(lang, &error));
                    show(lang, report, turn)
                }
            }
        }
        Event::Text(typed) => on_answer(conv, report, Answer::Typed(typed), turn),
        Event::Choice(payload) => on_answer(conv, report, Answer::Picked(payload), turn),
    }
}

/// What the officer answered to the current question.
enum Answer {
    Typed(String),
    Picked(String),
}

impl Answer {
    fn picked(&self) -> Option<&str> {
        match self {
            Answer::Picked(payload) => Some(payload),
            Answer::Typed(_) => None,
        }
    }

    fn typed(&self) -> Option<&str> {
        match self {
            Answer::Typed(text) => Some(text),
            Answer::Picked(_) => None,
        }
    }
}

/// The officer answers the current question.
fn on_answer(conv: &Conversation, mut report: Report, answer: Answer, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let step = report.step.clone();
    match step {
        ReportStep::Status => {
            let status = match &answer {
                Answer::Picked(payload) => payload.strip_prefix("status:").and_then(ProgressStatus::parse),
                Answer::Typed(typed) => ProgressStatus::parse(typed),
            };
            match status.filter(|status| REPORTABLE.contains(status)) {
                Some(status) => {
                    report.draft.status = status;
                    if status != ProgressStatus::NotCarriedOut {
                        report.draft.not_carried_out_reason = None;
                    }
                    advance(lang, report, ReportStep::Status, turn)
                }
                None => choose_from_buttons(lang, report, turn),
            }
        }
        ReportStep::Reason => {
            let key = answer.picked().and_then(|payload| payload.strip_prefix("reason:"));
            match reasons().into_iter().find(|(k, _)| Some(*k) == key) {
                Some((_, NotCarriedOutReason::Other { .. })) => {
                    report.step = ReportStep::ReasonOther;
                    show(lang, report, turn)
                }
                Some((_, reason)) => {
                    report.draft.not_carried_out_reason = Some(reason);
                    advance(lang, report, ReportStep::Reason, turn)
                }
                None => choose_from_buttons(lang, report, turn),
            }
        }
        ReportStep::ReasonOther => match answer.typed().map(|typed| parse::text(typed, MAX_TEXT)) {
            Some(Ok(reason)) => {
                report.draft.not_carried_out_reason = Some(NotCarriedOutReason::Other { text: reason });
                advance(lang, report, ReportStep::ReasonOther, turn)
            }
            Some(Err(error)) => invalid(lang, report, &error, turn),
            None => show(lang, report, turn),
        },
        ReportStep::Disbursed => {
            let amount = match &answer {
                Answer::Picked(payload) if payload == "budget:not_needed" => parse::money("ไม่ใช้งบประมาณ"),
                Answer::Picked(payload) if payload == "skip" => parse::money("skip"),
                Answer::Picked(_) => return show(lang, report, turn),
                Answer::Typed(typed) => parse::money(typed),
            };
            match amount {
                Ok(amount) => {
                    report.draft.disbursed = amount;
                    // A new amount needs a new confirmation if it is still above the budget.
                    report.confirm_over_budget = false;
                    advance(lang, report, ReportStep::Disbursed, turn)
                }
                Err(error) => invalid(lang, report, &error, turn),
            }
        }
        ReportStep::Quarters => {
            let last = last_quarter(&report.round);
            match answer.typed().map(|typed| parse::quarters(typed, last)) {
                Some(Ok(quarters)) => {
                    report.draft.quarters_done = quarters;
                    advance(lang, report, ReportStep::Quarters, turn)
                }
                Some(Err(error)) => invalid(lang, report, &error, turn),
                None => show(lang, report, turn),
            }
        }
        ReportStep::Indicator | ReportStep::Narrative => {
            let value = match &answer {
                Answer::Picked(payload) if payload == "skip" => Ok(None),
                Answer::Picked(_) => return show(lang, report, turn),
                Answer::Typed(typed) => parse::optional_text(typed, MAX_TEXT),
            };
            match value {
                Ok(value) => {
                    match step {
                        ReportStep::Indicator => report.draft.indicator_result = value,
                        _ => report.draft.narrative = value,
                    }
                    advance(lang, report, step, turn)
                }
                Err(error) => invalid(lang, report, &error, turn),
            }
        }
        ReportStep::Photos => {
            let done = match &answer {
                Answer::Picked(payload) => payload == "done",
                Answer::Typed(typed) => parse::is_done(typed),
            };
            match done {
                true => advance(lang, report, ReportStep::Photos, turn),
                false => {
                    turn.say(lang, text::send_photos_or_done(lang));
                    show(lang, report, turn)
                }
            }
        }
        ReportStep::Review => match answer.picked() {
            Some("submit") => save(conv, report, true, turn),
            Some("save") => save(conv, report, false, turn),
            Some("edit") => {
                report.step = ReportStep::ChooseField;
                show(lang, report, turn)
            }
            Some("cancel") => {
                turn.say(lang, text::cancelled(lang));
                Flow::Idle
            }
            _ => choose_from_buttons(lang, report, turn),
        },
        ReportStep::ChooseField => {
            let field = answer.picked().and_then(|payload| payload.strip_prefix("field:"));
            let next = match (answer.picked(), field) {
                (Some("back"), _) => Some(ReportStep::Review),
                (_, Some("status")) => Some(ReportStep::Status),
                (_, Some("disbursed")) => Some(ReportStep::Disbursed),
                (_, Some("quarters")) => Some(ReportStep::Quarters),
                (_, Some("indicator")) => Some(ReportStep::Indicator),
                (_, Some("narrative")) => Some(ReportStep::Narrative),
                (_, Some("photos")) => Some(ReportStep::Photos),
                (_, Some("clear_photos")) => {
                    report.draft.evidence.clear();
                    turn.say(lang, text::photos_cleared(lang));
                    Some(ReportStep::Review)
                }
                _ => None,
            };
            match next {
                Some(next) => {
                    report.editing = next != ReportStep::Review;
                    report.step = next;
                    show(lang, report, turn)
                }
                None => choose_from_buttons(lang, report, turn),
            }
        }
        ReportStep::ConfirmOverBudget { submit, .. } => match answer.picked() {
            Some("confirm") => {
                report.confirm_over_budget = true;
                save(conv, report, submit, turn)
            }
            Some("edit_amount") => {
                report.editing = true;
                report.step = ReportStep::Disbursed;
                show(lang, report, turn)
            }
            Some("cancel") => {
                turn.say(lang, text::cancelled(lang));
                Flow::Idle
            }
            _ => choose_from_buttons(lang, report, turn),
        },
        ReportStep::Saving { .. } | ReportStep::Submitting => {
            busy(lang, turn);
            Flow::Report(Box::new(report))
        }
    }
}

/// The next step after `done` was answered.
fn advance(lang: Lang, mut report: Report, done: ReportStep, turn: &mut Turn) -> Flow {
    let not_carried_out = report.draft.status == ProgressStatus::NotCarriedOut;
    let next = match done {
        ReportStep::Status if not_carried_out => ReportStep::Reason,
        _ if report.editing => ReportStep::Review,
        ReportStep::Status | ReportStep::Reason | ReportStep::ReasonOther => ReportStep::Disbursed,
        ReportStep::Disbursed => ReportStep::Quarters,
        ReportStep::Quarters => ReportStep::Indicator,
        ReportStep::Indicator => ReportStep::Narrative,
        ReportStep::Narrative => ReportStep::Photos,
        _ => ReportStep::Review,
    };
    if next == ReportStep::Review {
        report.editing = false;
    }
    report.step = next;
    show(lang, report, turn)
}

fn choose_from_buttons(lang: Lang, report: Report, turn: &mut Turn) -> Flow {
    turn.say(lang, text::choose_from_buttons(lang));
    show(lang, report, turn)
}

fn invalid(lang: Lang, report: Report, error: &parse::InputError, turn: &mut Turn) -> Flow {
    turn.say(lang, text::input_error(lang, error));
    show(lang, report, turn)
}

/// Sends the draft; submits it after, if asked.
fn save(conv: &Conversation, mut report: Report, submit: bool, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let Some(actor) = person_actor(conv) else {
        turn.say(lang, text::need_link(lang));
        return Flow::Idle;
    };
    if submit && report.draft.status == ProgressStatus::AwaitingReport {
        turn.say(lang, text::status_needed(lang));
        report.step = ReportStep::Status;
        report.editing = true;
        return show(lang, report, turn);
    }
    turn.send(
        RoundCommand::SaveSubmission(SaveSubmission {
            round_id: report.round.round_id,
            item_id: report.item.item_id,
            content: report.draft.clone(),
            confirm_over_budget: report.confirm_over_budget,
        }),
        actor,
    );
    report.step = ReportStep::Saving { submit };
    Flow::Report(Box::new(report))
}

/// The ledger answers a save or a submit.
fn on_outcome(conv: &Conversation, mut report: Report, outcome: Outcome, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let today = turn.today();
    match (report.step.clone(), outcome) {
        (ReportStep::Saving { submit }, Outcome::Command(Reply::Accepted { .. })) => {
            if !submit {
                turn.say(lang, text::draft_saved(lang, &report));
                return Flow::Idle;
            }
            let Some(actor) = person_actor(conv) else {
                turn.say(lang, text::need_link(lang));
                return Flow::Idle;
            };
            turn.send(
                RoundCommand::SubmitSubmission(SubmitSubmission {
                    round_id: report.round.round_id,
                    item_id: report.item.item_id,
                }),
                actor,
            );
            report.step = ReportStep::Submitting;
            Flow::Report(Box::new(report))
        }
        (ReportStep::Saving { submit }, Outcome::Command(reply)) => {
            match is_over_budget_refusal(&reply).filter(|_| !report.confirm_over_budget) {
                Some(message) => {
                    report.step = ReportStep::ConfirmOverBudget { submit, message };
                    show(lang, report, turn)
                }
                None => back_to_review(lang, report, &reply_message(&reply), turn),
            }
        }
        (ReportStep::Submitting, Outcome::Command(Reply::Accepted { .. })) => {
            let late = today > report.round.due_on;
            turn.say(lang, text::submitted(lang, &report, late));
            Flow::Idle
        }
        (ReportStep::Submitting, Outcome::Command(reply)) => back_to_review(lang, report, &reply_message(&reply), turn),
        (ReportStep::Saving { .. } | ReportStep::Submitting, Outcome::Failed { message, .. }) => {
            back_to_review(lang, report, &message, turn)
        }
        // Not an answer this step waits for.
        _ => Flow::Report(Box::new(report)),
    }
}

/// The words of a refusal (an accepted reply has none).
fn reply_message(reply: &Reply) -> Text {
    match reply {
        Reply::Rejected { message, .. } => message.clone(),
        Reply::Accepted { .. } => Text::new("", ""),
    }
}

fn back_to_review(lang: Lang, mut report: Report, message: &Text, turn: &mut Turn) -> Flow {
    show_refusal(lang, message, turn);
    report.step = ReportStep::Review;
    show(lang, report, turn)
}
