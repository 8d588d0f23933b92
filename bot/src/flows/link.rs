//! Linking a chat account to a registered person with a one-time invite code (`/link CODE`, or the
//! `/start CODE` deep link). The adapter redeems the code and keeps the chat ↔ person mapping in its
//! own store; the conversation only remembers the person it now speaks for.

use crate::conversation::{Conversation, Flow, Identity, Lang, Linking};
use crate::flows::{busy, in_lang, Event};
use crate::io::{Answer, Ask, Outcome};
use crate::message::Message;
use crate::step::{main_menu, Turn};
use crate::text;

/// Asks for the invite code.
pub(crate) fn ask_code(conv: &Conversation, turn: &mut Turn) -> Flow {
    turn.say(conv.lang, text::ask_invite_code(conv.lang));
    Flow::Linking(Linking::AwaitingCode)
}

/// Redeems a code.
pub(crate) fn redeem(conv: &Conversation, code: &str, turn: &mut Turn) -> Flow {
    let code = code.trim();
    if code.is_empty() {
        return ask_code(conv, turn);
    }
    turn.ask(Ask::Redeem {
        invite_code: code.to_string(),
    });
    Flow::Linking(Linking::Redeeming)
}

/// The question of a linking step.
pub(crate) fn prompt(lang: Lang, state: Linking) -> Option<Message> {
    match state {
        Linking::AwaitingCode => Some(Message::text(lang, text::ask_invite_code(lang))),
        Linking::Redeeming => None,
    }
}

/// One event while linking.
pub(crate) fn on_event(conv: &mut Conversation, state: Linking, event: Event, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    match (state, event) {
        (Linking::AwaitingCode, Event::Text(code)) => redeem(conv, &code, turn),
        (Linking::AwaitingCode, Event::Outcome(_)) => Flow::Linking(state),
        (Linking::AwaitingCode, Event::Choice(_) | Event::Photo { .. }) => ask_code(conv, turn),
        (Linking::Redeeming, Event::Outcome(Outcome::Answer(Answer::Linked(person)))) => {
            conv.identity = Identity::Person {
                person_id: person.person_id,
                roles: person.roles.clone(),
                org_unit_id: person.org_unit_id,
                name: person.name.clone(),
            };
            turn.say(lang, text::linked(lang, &person));
            turn.reply(main_menu(conv));
            Flow::Idle
        }
        (Linking::Redeeming, Event::Outcome(Outcome::Failed { message, .. })) => {
            turn.say(lang, text::link_failed(lang, &in_lang(lang, &message)));
            Flow::Linking(Linking::AwaitingCode)
        }
        (Linking::Redeeming, Event::Outcome(_)) => Flow::Linking(state),
        (Linking::Redeeming, _) => {
            busy(lang, turn);
            Flow::Linking(state)
        }
    }
}
