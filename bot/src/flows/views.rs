//! Read-only views: round status at a glance, plan approval status and the digest; and the one
//! place where a query's answer is routed to the flow that asked for it.

use sujarit_contracts::people::Role;

use crate::conversation::{Conversation, Flow, Loading, RoundPurpose};
use crate::flows::{busy, officer, queue, review, show_refusal, Event};
use crate::io::{Answer, Ask, Outcome, RoundStatus};
use crate::message::{Button, Message};
use crate::step::{Turn, COMMAND_PAYLOAD};
use crate::text;

/// Asks for the open round's status.
pub(crate) fn load_round(purpose: RoundPurpose, turn: &mut Turn) -> Flow {
    turn.ask(Ask::RoundStatus { round_id: None });
    Flow::Loading(Loading::RoundStatus(purpose))
}

/// Asks for the plans.
pub(crate) fn load_plans(turn: &mut Turn) -> Flow {
    turn.ask(Ask::PlanStatus);
    Flow::Loading(Loading::Plans)
}

/// Asks for the digest.
pub(crate) fn load_digest(turn: &mut Turn) -> Flow {
    turn.ask(Ask::Digest);
    Flow::Loading(Loading::Digest)
}

/// A query's answer (or failure) arrives.
pub(crate) fn on_loaded(conv: &Conversation, state: Loading, event: Event, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let answer = match event {
        Event::Outcome(Outcome::Answer(answer)) => answer,
        Event::Outcome(Outcome::Failed { message, .. }) => {
            show_refusal(lang, &message, turn);
            return Flow::Idle;
        }
        Event::Outcome(_) => return Flow::Loading(state),
        Event::Text(_) | Event::Choice(_) | Event::Photo { .. } => {
            busy(lang, turn);
            return Flow::Loading(state);
        }
    };
    match (state, answer) {
        (Loading::MyItems(purpose), Answer::MyItems(items)) => officer::show_items(conv, purpose, items, turn),
        (Loading::RoundStatus(RoundPurpose::Overview), Answer::RoundStatus(status)) => show_round(conv, status, turn),
        (Loading::RoundStatus(RoundPurpose::Review), Answer::RoundStatus(status)) => review::start(conv, status, turn),
        (Loading::ComplaintQueue, Answer::ComplaintQueue(cases)) => queue::show(conv, cases, turn),
        (Loading::Plans, Answer::Plans(plans)) => {
            turn.say(lang, text::plans(lang, &plans));
            Flow::Idle
        }
        (Loading::Digest, Answer::Digest(digest)) => {
            let mut message = Message::text(lang, text::digest(lang, &digest, turn.today()));
            message.image = digest.chart;
            turn.reply(message);
            Flow::Idle
        }
        // An answer to some other question: not this one's.
        (state, _) => Flow::Loading(state),
    }
}

/// The round at a glance: every agency for the secretariat and committee, one's own for an officer.
fn show_round(conv: &Conversation, status: Option<RoundStatus>, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let Some(status) = status else {
        turn.say(lang, text::no_open_round(lang));
        return Flow::Idle;
    };
    let today = turn.today();
    if conv.identity.sees_all() {
        let overview = text::round_overview(lang, &status, today);
        if conv.identity.has_role(Role::Secretariat) && !status.to_review.is_empty() {
            let label = text::review_button(lang, status.to_review.len());
            turn.reply(Message::choices(
                lang,
                overview,
                vec![Button::new(label, format!("{COMMAND_PAYLOAD}review"))],
            ));
        } else {
            turn.say(lang, overview);
        }
        return Flow::Idle;
    }
    let own = conv.identity.org_unit_id();
    let agency = status
        .agencies
        .iter()
        .find(|agency| own.is_some() && agency.org_unit_id == own);
    turn.say(lang, text::own_agency_status(lang, &status.round, agency, today));
    Flow::Idle
}
