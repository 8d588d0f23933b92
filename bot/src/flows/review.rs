//! Secretariat: review the submissions of the open round one by one, and accept each (it is
//! locked) or return it for correction with a reason the officer will see.

use sujarit_contracts::round::{AcceptSubmission, ReturnSubmission, RoundCommand};
use sujarit_contracts::Reply;
use uuid::Uuid;

use crate::conversation::{Conversation, Flow, Lang, Review, ReviewStep};
use crate::flows::{busy, person_actor, show_refusal, Event};
use crate::io::{Outcome, ReviewItem, RoundStatus};
use crate::limits::{MAX_BUTTONS, MAX_TEXT};
use crate::message::{Button, Message};
use crate::parse;
use crate::step::Turn;
use crate::text;

/// Starts reviewing with the round's status.
pub(crate) fn start(conv: &Conversation, status: Option<RoundStatus>, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let Some(status) = status else {
        turn.say(lang, text::no_open_round(lang));
        return Flow::Idle;
    };
    if status.to_review.is_empty() {
        turn.say(lang, text::nothing_to_review(lang));
        return Flow::Idle;
    }
    let review = Review {
        round: status.round,
        pending: status.to_review,
        step: ReviewStep::Choosing,
    };
    show(lang, review, turn)
}

fn show(lang: Lang, review: Review, turn: &mut Turn) -> Flow {
    if let Some(message) = prompt(lang, &review) {
        turn.reply(message);
    }
    Flow::Review(Box::new(review))
}

fn find(review: &Review, item_id: Uuid) -> Option<&ReviewItem> {
    review.pending.iter().find(|item| item.item_id == item_id)
}

/// The question of a review step.
pub(crate) fn prompt(lang: Lang, review: &Review) -> Option<Message> {
    let message = match &review.step {
        ReviewStep::Choosing => {
            let more = review.pending.len() > MAX_BUTTONS;
            let buttons = review
                .pending
                .iter()
                .take(MAX_BUTTONS)
                .map(|item| Button::new(text::review_item_button(lang, item), format!("sub:{}", item.item_id)))
                .chain([Button::new(text::done_label(lang), "done")])
                .collect();
            Message::choices(
                lang,
                text::choose_submission(lang, &review.round, review.pending.len(), more),
                buttons,
            )
        }
        ReviewStep::Item { item_id } => {
            let item = find(review, *item_id)?;
            Message::choices(
                lang,
                text::submission_detail(lang, item),
                vec![
                    Button::new(text::accept_label(lang), "accept"),
                    Button::new(text::return_label(lang), "return"),
                    Button::new(text::back_label(lang), "back"),
                ],
            )
        }
        ReviewStep::Reason { item_id } => {
            let item = find(review, *item_id)?;
            Message::text(lang, text::ask_return_reason(lang, &item.code))
        }
        ReviewStep::Deciding { .. } => return None,
    };
    Some(message)
}

/// One event while reviewing.
pub(crate) fn on_event(conv: &Conversation, mut review: Review, event: Event, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    match (review.step.clone(), event) {
        (ReviewStep::Deciding { item_id, returned }, Event::Outcome(outcome)) => {
            let refusal = match outcome {
                Outcome::Command(Reply::Accepted { .. }) => None,
                Outcome::Command(Reply::Rejected { message, .. }) | Outcome::Failed { message, .. } => Some(message),
                _ => return Flow::Review(Box::new(review)),
            };
            if let Some(message) = refusal {
                show_refusal(lang, &message, turn);
                review.step = ReviewStep::Item { item_id };
                return show(lang, review, turn);
            }
            let code = find(&review, item_id).map(|item| item.code.clone()).unwrap_or_default();
            turn.say(lang, text::decision_recorded(lang, &code, returned.as_deref()));
            review.pending.retain(|item| item.item_id != item_id);
            if review.pending.is_empty() {
                turn.say(lang, text::all_reviewed(lang));
                return Flow::Idle;
            }
            review.step = ReviewStep::Choosing;
            show(lang, review, turn)
        }
        (_, Event::Outcome(_)) => Flow::Review(Box::new(review)),
        (ReviewStep::Deciding { .. }, _) => {
            busy(lang, turn);
            Flow::Review(Box::new(review))
        }
        (_, Event::Photo { .. }) => {
            turn.say(lang, text::photo_not_expected(lang));
            show(lang, review, turn)
        }
        (ReviewStep::Choosing, event) => {
            let picked = match &event {
                Event::Choice(payload) if payload == "done" => {
                    turn.say(lang, text::review_paused(lang));
                    return Flow::Idle;
                }
                Event::Choice(payload) => payload
                    .strip_prefix("sub:")
                    .and_then(|id| Uuid::parse_str(id).ok())
                    .filter(|id| find(&review, *id).is_some()),
                Event::Text(typed) => review
                    .pending
                    .iter()
                    .find(|item| item.code.eq_ignore_ascii_case(typed.trim()))
                    .map(|item| item.item_id),
                _ => None,
            };
            match picked {
                Some(item_id) => review.step = ReviewStep::Item { item_id },
                None => turn.say(lang, text::item_not_found(lang)),
            }
            show(lang, review, turn)
        }
        (ReviewStep::Item { item_id }, Event::Choice(payload)) => match payload.as_str() {
            "accept" => decide(conv, review, item_id, None, turn),
            "return" => {
                review.step = ReviewStep::Reason { item_id };
                show(lang, review, turn)
            }
            "back" => {
                review.step = ReviewStep::Choosing;
                show(lang, review, turn)
            }
            _ => choose_from_buttons(lang, review, turn),
        },
        (ReviewStep::Item { .. }, _) => choose_from_buttons(lang, review, turn),
        (ReviewStep::Reason { item_id }, Event::Text(typed)) => match parse::text(&typed, MAX_TEXT) {
            Ok(reason) => decide(conv, review, item_id, Some(reason), turn),
            Err(error) => {
                turn.say(lang, text::input_error(lang, &error));
                show(lang, review, turn)
            }
        },
        (ReviewStep::Reason { .. }, _) => show(lang, review, turn),
    }
}

fn choose_from_buttons(lang: Lang, review: Review, turn: &mut Turn) -> Flow {
    turn.say(lang, text::choose_from_buttons(lang));
    show(lang, review, turn)
}

/// Sends the decision: accept (`returned: None`) or return with the reason.
fn decide(conv: &Conversation, mut review: Review, item_id: Uuid, returned: Option<String>, turn: &mut Turn) -> Flow {
    let Some(actor) = person_actor(conv) else {
        turn.say(conv.lang, text::need_link(conv.lang));
        return Flow::Idle;
    };
    let round_id = review.round.round_id;
    let command = match &returned {
        None => RoundCommand::AcceptSubmission(AcceptSubmission { round_id, item_id }),
        Some(reason) => RoundCommand::ReturnSubmission(ReturnSubmission {
            round_id,
            item_id,
            reason: reason.clone(),
        }),
    };
    turn.send(command, actor);
    review.step = ReviewStep::Deciding { item_id, returned };
    Flow::Review(Box::new(review))
}
