//! Citizens follow a case up with its receipt code: see where it stands and the questions asked,
//! answer a question, add evidence (photos and/or a note).
//!
//! The code is never kept: the typed code goes straight into the lookup, and to send an answer or
//! evidence the citizen types it once more, which goes straight into that command. Each time the
//! adapter is told to forget the message ([`Effect::ForgetInput`]). Between steps the state holds
//! only the case id and the question number, and only while the follow-up lasts. Everything is
//! sent as actor `anonymous`: the ledger knows the reporter by the code alone.

use sujarit_contracts::complaint::{AddEvidence, AnswerQuestion, ComplaintCommand, ReceiptCode};
use sujarit_contracts::{Actor, ErrorCode, Reply};
use uuid::Uuid;

use crate::conversation::{Conversation, Flow, FollowUp, FollowUpAction, FollowUpStep, Lang, ReporterAction};
use crate::flows::{busy, show_refusal, Event};
use crate::io::{Answer, Ask, Effect, Outcome};
use crate::limits::{MAX_ATTACHMENTS, MAX_MESSAGE};
use crate::message::{Button, Message};
use crate::parse;
use crate::step::Turn;
use crate::text;

/// Starts a follow-up by asking for the receipt code.
pub(crate) fn start(conv: &Conversation, action: FollowUpAction, turn: &mut Turn) -> Flow {
    show(
        conv.lang,
        FollowUp {
            action,
            step: FollowUpStep::Code,
        },
        turn,
    )
}

fn show(lang: Lang, follow_up: FollowUp, turn: &mut Turn) -> Flow {
    if let Some(message) = prompt(lang, &follow_up) {
        turn.reply(message);
    }
    Flow::FollowUp(follow_up)
}

/// The question of a follow-up step.
pub(crate) fn prompt(lang: Lang, follow_up: &FollowUp) -> Option<Message> {
    let message = match &follow_up.step {
        FollowUpStep::Code => Message::text(lang, text::ask_receipt_code(lang)),
        FollowUpStep::Viewing { open_question, .. } => {
            let mut buttons = Vec::new();
            if open_question.is_some() {
                buttons.push(Button::new(text::answer_label(lang), "answer"));
            }
            buttons.push(Button::new(text::add_evidence_label(lang), "evidence"));
            buttons.push(Button::new(text::done_label(lang), "done"));
            Message::choices(lang, text::what_next(lang), buttons)
        }
        FollowUpStep::Answer {
            question, attachments, ..
        } => Message::text(lang, text::ask_answer(lang, *question, attachments.len())),
        FollowUpStep::Evidence { note, attachments, .. } => Message::shortcuts(
            lang,
            text::ask_evidence(lang, attachments.len(), note.is_some(), MAX_ATTACHMENTS),
            vec![Button::new(text::send_label(lang), "send")],
        ),
        FollowUpStep::ConfirmCode { .. } => Message::text(lang, text::ask_code_again(lang)),
        FollowUpStep::Looking | FollowUpStep::Sending { .. } => return None,
    };
    Some(message)
}

/// One event in a follow-up.
pub(crate) fn on_event(conv: &Conversation, mut follow_up: FollowUp, event: Event, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let step = follow_up.step.clone();
    match (step, event) {
        (FollowUpStep::Looking, Event::Outcome(outcome)) => on_case(lang, follow_up, outcome, turn),
        (FollowUpStep::Sending { case_id, action }, Event::Outcome(outcome)) => {
            on_sent(lang, follow_up, case_id, action, outcome, turn)
        }
        (
            FollowUpStep::Answer { attachments, .. } | FollowUpStep::Evidence { attachments, .. },
            Event::Outcome(Outcome::Attachment(attachment)),
        ) => {
            let count = attachments.len() + 1;
            match &mut follow_up.step {
                FollowUpStep::Answer { attachments, .. } | FollowUpStep::Evidence { attachments, .. } => {
                    attachments.push(attachment)
                }
                _ => {}
            }
            turn.say(lang, text::photo_received(lang, count));
            show(lang, follow_up, turn)
        }
        (
            FollowUpStep::Answer { .. } | FollowUpStep::Evidence { .. },
            Event::Outcome(Outcome::Failed { message, .. }),
        ) => {
            show_refusal(lang, &message, turn);
            show(lang, follow_up, turn)
        }
        (_, Event::Outcome(_)) => Flow::FollowUp(follow_up),
        (FollowUpStep::Looking | FollowUpStep::Sending { .. }, _) => {
            busy(lang, turn);
            Flow::FollowUp(follow_up)
        }
        (
            FollowUpStep::Answer {
                case_id, attachments, ..
            }
            | FollowUpStep::Evidence {
                case_id, attachments, ..
            },
            Event::Photo { file_ref, bytes },
        ) => {
            let checked = parse::photo_slot(bytes, attachments.len(), MAX_ATTACHMENTS);
            match checked {
                Ok(()) => {
                    turn.effect(Effect::StoreEvidence {
                        file_ref,
                        case_id: Some(case_id),
                    });
                    Flow::FollowUp(follow_up)
                }
                Err(error) => {
                    turn.say(lang, text::input_error(lang, &error));
                    show(lang, follow_up, turn)
                }
            }
        }
        (_, Event::Photo { .. }) => {
            turn.say(lang, text::photo_not_expected(lang));
            show(lang, follow_up, turn)
        }
        (FollowUpStep::Code, Event::Text(typed)) => {
            turn.effect(Effect::ForgetInput);
            match parse::receipt_code(&typed) {
                Ok(receipt_code) => {
                    turn.ask(Ask::CaseByReceipt { receipt_code });
                    follow_up.step = FollowUpStep::Looking;
                    Flow::FollowUp(follow_up)
                }
                Err(error) => {
                    turn.say(lang, text::input_error(lang, &error));
                    show(lang, follow_up, turn)
                }
            }
        }
        (FollowUpStep::Code, Event::Choice(_)) => show(lang, follow_up, turn),
        (FollowUpStep::Viewing { case_id, open_question }, event) => {
            let picked = match &event {
                Event::Choice(payload) => payload.as_str(),
                _ => "",
            };
            match (picked, open_question) {
                ("answer", Some(question)) => {
                    follow_up.step = FollowUpStep::Answer {
                        case_id,
                        question,
                        attachments: Vec::new(),
                    };
                    show(lang, follow_up, turn)
                }
                ("evidence", _) => {
                    follow_up.step = FollowUpStep::Evidence {
                        case_id,
                        note: None,
                        attachments: Vec::new(),
                    };
                    show(lang, follow_up, turn)
                }
                ("done", _) => {
                    turn.say(lang, text::follow_up_done(lang));
                    Flow::Idle
                }
                _ => {
                    turn.say(lang, text::choose_from_buttons(lang));
                    show(lang, follow_up, turn)
                }
            }
        }
        (
            FollowUpStep::Answer {
                case_id,
                question,
                attachments,
            },
            Event::Text(typed),
        ) => match parse::text(&typed, MAX_MESSAGE) {
            Ok(answer) => {
                follow_up.step = FollowUpStep::ConfirmCode {
                    case_id,
                    action: ReporterAction::Answer {
                        question,
                        text: answer,
                        attachments,
                    },
                };
                show(lang, follow_up, turn)
            }
            Err(error) => {
                turn.say(lang, text::input_error(lang, &error));
                show(lang, follow_up, turn)
            }
        },
        (FollowUpStep::Answer { .. }, Event::Choice(_)) => show(lang, follow_up, turn),
        (
            FollowUpStep::Evidence {
                case_id,
                note,
                attachments,
            },
            event,
        ) => {
            let finish = match &event {
                Event::Choice(payload) => payload == "send",
                Event::Text(typed) => {
                    matches!(typed.trim().to_lowercase().as_str(), "ส่ง" | "send") || parse::is_done(typed)
                }
                _ => false,
            };
            if finish {
                if note.is_none() && attachments.is_empty() {
                    turn.say(lang, text::evidence_empty(lang));
                    return show(lang, follow_up, turn);
                }
                follow_up.step = FollowUpStep::ConfirmCode {
                    case_id,
                    action: ReporterAction::Evidence { note, attachments },
                };
                return show(lang, follow_up, turn);
            }
            let Event::Text(typed) = event else {
                return show(lang, follow_up, turn);
            };
            let combined = match note {
                Some(earlier) => format!("{earlier}\n{}", typed.trim()),
                None => typed,
            };
            match parse::text(&combined, MAX_MESSAGE) {
                Ok(note) => {
                    follow_up.step = FollowUpStep::Evidence {
                        case_id,
                        note: Some(note),
                        attachments,
                    };
                    turn.say(lang, text::note_kept(lang));
                }
                Err(error) => turn.say(lang, text::input_error(lang, &error)),
            }
            show(lang, follow_up, turn)
        }
        (FollowUpStep::ConfirmCode { case_id, action }, Event::Text(typed)) => {
            turn.effect(Effect::ForgetInput);
            match parse::receipt_code(&typed) {
                Ok(receipt_code) => {
                    turn.send(reporter_command(case_id, receipt_code, &action), Actor::Anonymous);
                    follow_up.step = FollowUpStep::Sending { case_id, action };
                    Flow::FollowUp(follow_up)
                }
                Err(error) => {
                    turn.say(lang, text::input_error(lang, &error));
                    show(lang, follow_up, turn)
                }
            }
        }
        (FollowUpStep::ConfirmCode { .. }, Event::Choice(_)) => show(lang, follow_up, turn),
    }
}

/// The command a reporter's action becomes.
fn reporter_command(case_id: Uuid, receipt_code: ReceiptCode, action: &ReporterAction) -> ComplaintCommand {
    match action {
        ReporterAction::Answer {
            question,
            text,
            attachments,
        } => ComplaintCommand::AnswerQuestion(AnswerQuestion {
            case_id,
            receipt_code,
            in_reply_to: Some(*question),
            text: text.clone(),
            attachments: attachments.clone(),
        }),
        ReporterAction::Evidence { note, attachments } => ComplaintCommand::AddEvidence(AddEvidence {
            case_id,
            receipt_code,
            note: note.clone(),
            attachments: attachments.clone(),
        }),
    }
}

/// The case looked up by its code.
fn on_case(lang: Lang, mut follow_up: FollowUp, outcome: Outcome, turn: &mut Turn) -> Flow {
    let view = match outcome {
        Outcome::Answer(Answer::Case(view)) => view,
        Outcome::Failed {
            code: ErrorCode::NotFound,
            ..
        } => {
            turn.say(lang, text::no_case_for_code(lang));
            follow_up.step = FollowUpStep::Code;
            return show(lang, follow_up, turn);
        }
        Outcome::Failed { message, .. } => {
            show_refusal(lang, &message, turn);
            return Flow::Idle;
        }
        _ => return Flow::FollowUp(follow_up),
    };
    turn.say(lang, text::case_view(lang, &view));
    let case_id = view.case_id;
    let open_question = view.open_question().map(|question| question.number);
    follow_up.step = match (follow_up.action, open_question) {
        (FollowUpAction::Answer, Some(question)) => FollowUpStep::Answer {
            case_id,
            question,
            attachments: Vec::new(),
        },
        (FollowUpAction::Evidence, _) => FollowUpStep::Evidence {
            case_id,
            note: None,
            attachments: Vec::new(),
        },
        (FollowUpAction::Answer, None) => {
            turn.say(lang, text::no_open_question(lang));
            FollowUpStep::Viewing { case_id, open_question }
        }
        (FollowUpAction::View, _) => FollowUpStep::Viewing { case_id, open_question },
    };
    show(lang, follow_up, turn)
}

/// The ledger answers an answer or evidence.
fn on_sent(
    lang: Lang,
    mut follow_up: FollowUp,
    case_id: Uuid,
    action: ReporterAction,
    outcome: Outcome,
    turn: &mut Turn,
) -> Flow {
    match outcome {
        Outcome::Command(Reply::Accepted { .. }) => {
            turn.say(lang, text::reporter_sent(lang, &action));
            Flow::Idle
        }
        Outcome::Command(Reply::Rejected {
            code: ErrorCode::NotFound,
            ..
        }) => {
            turn.say(lang, text::wrong_code(lang));
            follow_up.step = FollowUpStep::ConfirmCode { case_id, action };
            show(lang, follow_up, turn)
        }
        Outcome::Command(Reply::Rejected { message, .. }) | Outcome::Failed { message, .. } => {
            show_refusal(lang, &message, turn);
            Flow::Idle
        }
        _ => Flow::FollowUp(follow_up),
    }
}
