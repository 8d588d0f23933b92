//! Citizens file a complaint or an anonymous tip: category, agency, what happened, where, photos,
//! (for a named complaint) name and contact, then review and send.
//!
//! The filing leaves as [`Effect::File`]: the adapter draws the case id and the receipt code, stores
//! the photos under the case, and sends `FileComplaint` as actor `anonymous`. Only when the ledger
//! accepted it does the code come back, in [`Outcome::Filed`]; this step shows it once, in a message
//! marked sensitive, and the flow ends: the code is in no state, before or after.

use sujarit_contracts::complaint::{Category, Channel, ReceiptCode, ReporterIdentity};
use sujarit_contracts::Reply;

use crate::conversation::{Conversation, Flow, Lang, Tip, TipStep};
use crate::flows::{busy, show_refusal, Event};
use crate::io::{Effect, Outcome, TipFiling};
use crate::limits::{MAX_ATTACHMENTS, MAX_COMPLAINT_TEXT, MAX_LINE};
use crate::message::{Button, Message};
use crate::parse;
use crate::step::Turn;
use crate::text;

/// Starts a tip (`anonymous_only`) or a complaint (asks whether to give a name).
pub(crate) fn start(conv: &Conversation, anonymous_only: bool, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let tip = Tip {
        anonymous: true,
        category: None,
        agency: None,
        text: None,
        location: None,
        photos: Vec::new(),
        name: None,
        contact: None,
        step: match anonymous_only {
            true => TipStep::Category,
            false => TipStep::Identity,
        },
        editing: false,
    };
    turn.say(lang, text::tip_intro(lang, anonymous_only));
    show(lang, tip, turn)
}

/// The receipt code, shown once, in a message the adapter must not log or keep.
pub(crate) fn receipt_message(lang: Lang, code: &ReceiptCode, anonymous: bool) -> Message {
    let mut message = Message::text(lang, text::receipt(lang, &code.0, anonymous));
    message.sensitive = true;
    message
}

fn show(lang: Lang, tip: Tip, turn: &mut Turn) -> Flow {
    if let Some(message) = prompt(lang, &tip) {
        turn.reply(message);
    }
    Flow::Tip(Box::new(tip))
}

/// Fields the review can go back to.
const TIP_FIELDS: [&str; 7] = [
    "identity",
    "category",
    "agency",
    "text",
    "location",
    "photos",
    "clear_photos",
];

/// The question of a filing step.
pub(crate) fn prompt(lang: Lang, tip: &Tip) -> Option<Message> {
    let skip = || vec![Button::new(text::skip_label(lang), "skip")];
    let message = match tip.step {
        TipStep::Identity => Message::choices(
            lang,
            text::ask_identity(lang),
            vec![
                Button::new(text::anonymous_label(lang), "anonymous"),
                Button::new(text::named_label(lang), "named"),
            ],
        ),
        TipStep::Category => Message::choices(
            lang,
            text::ask_category(lang),
            Category::ALL
                .iter()
                .map(|category| {
                    Button::new(
                        text::category_label(lang, *category),
                        format!("category:{}", category.as_str()),
                    )
                })
                .collect(),
        ),
        TipStep::Agency => Message::shortcuts(lang, text::ask_agency(lang), skip()),
        TipStep::Text => Message::text(lang, text::ask_what_happened(lang)),
        TipStep::Location => Message::shortcuts(lang, text::ask_location(lang), skip()),
        TipStep::Photos => Message::choices(
            lang,
            text::ask_tip_photos(lang, tip.photos.len(), MAX_ATTACHMENTS),
            vec![Button::new(text::done_label(lang), "done")],
        ),
        TipStep::Name => Message::text(lang, text::ask_name(lang)),
        TipStep::Contact => Message::shortcuts(lang, text::ask_contact(lang), skip()),
        TipStep::Review => Message::choices(
            lang,
            text::tip_review(lang, tip),
            vec![
                Button::new(text::file_label(lang), "file"),
                Button::new(text::edit_label(lang), "edit"),
                Button::new(text::cancel_label(lang), "cancel"),
            ],
        ),
        TipStep::ChooseField => Message::choices(
            lang,
            text::choose_field(lang),
            TIP_FIELDS
                .iter()
                .map(|field| Button::new(text::tip_field_label(lang, field), format!("field:{field}")))
                .chain([Button::new(text::back_label(lang), "back")])
                .collect(),
        ),
        TipStep::Filing => return None,
    };
    Some(message)
}

/// One event while filing.
pub(crate) fn on_event(conv: &Conversation, mut tip: Tip, event: Event, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    match (tip.step, event) {
        (TipStep::Filing, Event::Outcome(outcome)) => match outcome {
            Outcome::Filed {
                reply: Reply::Accepted { .. },
                receipt_code: Some(code),
            } => {
                turn.reply(receipt_message(lang, &code, tip.anonymous));
                Flow::Idle
            }
            Outcome::Filed {
                reply: Reply::Accepted { .. },
                receipt_code: None,
            } => {
                turn.say(lang, text::filed_without_code(lang));
                Flow::Idle
            }
            Outcome::Filed {
                reply: Reply::Rejected { message, .. },
                ..
            }
            | Outcome::Failed { message, .. } => {
                show_refusal(lang, &message, turn);
                tip.step = TipStep::Review;
                show(lang, tip, turn)
            }
            _ => Flow::Tip(Box::new(tip)),
        },
        (_, Event::Outcome(_)) => Flow::Tip(Box::new(tip)),
        (TipStep::Filing, _) => {
            busy(lang, turn);
            Flow::Tip(Box::new(tip))
        }
        (_, Event::Photo { file_ref, bytes }) => {
            let checked = parse::photo_slot(bytes, tip.photos.len(), MAX_ATTACHMENTS);
            match checked {
                Ok(()) => {
                    tip.photos.push(file_ref);
                    turn.say(lang, text::photo_received(lang, tip.photos.len()));
                }
                Err(error) => turn.say(lang, text::input_error(lang, &error)),
            }
            show(lang, tip, turn)
        }
        (step, Event::Choice(payload)) => on_choice(conv, tip, step, &payload, turn),
        (step, Event::Text(typed)) => on_text(lang, tip, step, &typed, turn),
    }
}

/// A button (or typed number) while filing.
fn on_choice(conv: &Conversation, mut tip: Tip, step: TipStep, payload: &str, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    match (step, payload) {
        (TipStep::Identity, "anonymous" | "named") => {
            tip.anonymous = payload == "anonymous";
            if tip.anonymous {
                tip.name = None;
                tip.contact = None;
            }
            advance(lang, tip, TipStep::Identity, turn)
        }
        (TipStep::Category, _) => match Category::ALL
            .into_iter()
            .find(|category| payload.strip_prefix("category:") == Some(category.as_str()))
        {
            Some(category) => {
                tip.category = Some(category);
                advance(lang, tip, TipStep::Category, turn)
            }
            None => choose_from_buttons(lang, tip, turn),
        },
        (TipStep::Agency, "skip") => {
            tip.agency = None;
            advance(lang, tip, step, turn)
        }
        (TipStep::Location, "skip") => {
            tip.location = None;
            advance(lang, tip, step, turn)
        }
        (TipStep::Contact, "skip") => {
            tip.contact = None;
            advance(lang, tip, step, turn)
        }
        (TipStep::Photos, "done") => advance(lang, tip, step, turn),
        (TipStep::Review, "file") => file(lang, conv.channel, tip, turn),
        (TipStep::Review, "edit") => {
            tip.step = TipStep::ChooseField;
            show(lang, tip, turn)
        }
        (TipStep::Review, "cancel") => {
            turn.say(lang, text::cancelled(lang));
            Flow::Idle
        }
        (TipStep::ChooseField, "back") => {
            tip.step = TipStep::Review;
            show(lang, tip, turn)
        }
        (TipStep::ChooseField, _) => {
            let next = match payload.strip_prefix("field:") {
                Some("identity") => TipStep::Identity,
                Some("category") => TipStep::Category,
                Some("agency") => TipStep::Agency,
                Some("text") => TipStep::Text,
                Some("location") => TipStep::Location,
                Some("photos") => TipStep::Photos,
                Some("clear_photos") => {
                    tip.photos.clear();
                    turn.say(lang, text::photos_cleared(lang));
                    TipStep::Review
                }
                _ => return choose_from_buttons(lang, tip, turn),
            };
            tip.editing = next != TipStep::Review;
            tip.step = next;
            show(lang, tip, turn)
        }
        _ => choose_from_buttons(lang, tip, turn),
    }
}

/// Typed text while filing.
fn on_text(lang: Lang, mut tip: Tip, step: TipStep, typed: &str, turn: &mut Turn) -> Flow {
    let stored = match step {
        TipStep::Agency => parse::optional_text(typed, MAX_LINE).map(|agency| tip.agency = agency),
        TipStep::Text => parse::text(typed, MAX_COMPLAINT_TEXT).map(|text| tip.text = Some(text)),
        TipStep::Location => parse::optional_text(typed, MAX_LINE).map(|location| tip.location = location),
        TipStep::Name => parse::text(typed, MAX_LINE).map(|name| tip.name = Some(name)),
        TipStep::Contact => parse::optional_text(typed, MAX_LINE).map(|contact| tip.contact = contact),
        TipStep::Photos if parse::is_done(typed) => Ok(()),
        TipStep::Photos => {
            turn.say(lang, text::send_photos_or_done(lang));
            return show(lang, tip, turn);
        }
        TipStep::Identity | TipStep::Category | TipStep::Review | TipStep::ChooseField | TipStep::Filing => {
            return choose_from_buttons(lang, tip, turn);
        }
    };
    match stored {
        Ok(()) => advance(lang, tip, step, turn),
        Err(error) => {
            turn.say(lang, text::input_error(lang, &error));
            show(lang, tip, turn)
        }
    }
}

/// The next step after `done` was answered (from an edit: back to the review).
fn advance(lang: Lang, mut tip: Tip, done: TipStep, turn: &mut Turn) -> Flow {
    let next = match done {
        TipStep::Identity if !tip.anonymous => TipStep::Name,
        TipStep::Name => TipStep::Contact,
        _ if tip.editing => TipStep::Review,
        // A named complaint gives the name and contact first, then carries on.
        TipStep::Identity | TipStep::Contact => TipStep::Category,
        TipStep::Category => TipStep::Agency,
        TipStep::Agency => TipStep::Text,
        TipStep::Text => TipStep::Location,
        TipStep::Location => TipStep::Photos,
        _ => TipStep::Review,
    };
    if next == TipStep::Review {
        tip.editing = false;
    }
    tip.step = next;
    show(lang, tip, turn)
}

fn choose_from_buttons(lang: Lang, tip: Tip, turn: &mut Turn) -> Flow {
    turn.say(lang, text::choose_from_buttons(lang));
    show(lang, tip, turn)
}

/// Sends the filing, once everything required is there.
fn file(lang: Lang, channel: Channel, mut tip: Tip, turn: &mut Turn) -> Flow {
    let missing = match (&tip.category, &tip.text, tip.anonymous, &tip.name) {
        (None, _, _, _) => Some(TipStep::Category),
        (_, None, _, _) => Some(TipStep::Text),
        (_, _, false, None) => Some(TipStep::Name),
        _ => None,
    };
    if let Some(step) = missing {
        tip.step = step;
        tip.editing = true;
        return show(lang, tip, turn);
    }
    let (Some(category), Some(what)) = (tip.category, tip.text.clone()) else {
        return show(lang, tip, turn);
    };
    let reporter = match (tip.anonymous, &tip.name) {
        (false, Some(name)) => Some(ReporterIdentity {
            name: name.clone(),
            contact: tip.contact.clone(),
        }),
        _ => None,
    };
    turn.effect(Effect::File(TipFiling {
        channel,
        category,
        subject_agency: tip.agency.clone(),
        text: what,
        location: tip.location.clone(),
        reporter,
        photos: tip.photos.clone(),
    }));
    tip.step = TipStep::Filing;
    Flow::Tip(Box::new(tip))
}
