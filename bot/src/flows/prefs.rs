//! A linked person's notification preferences: `/mute [days]` silences non-urgent notifications
//! for some days (one by default, at most 90), `/unmute` ends it. The ledger records the
//! preference on the person's stream and the notifier applies it; urgent ones still come.

use chrono::Duration;
use sujarit_contracts::people::{PersonCommand, SetNotificationPreferences};
use sujarit_contracts::Reply;

use crate::conversation::{Conversation, Flow, Muting};
use crate::flows::{busy, person_actor, show_refusal, Event};
use crate::io::Outcome;
use crate::parse;
use crate::step::{need_link, Turn, BANGKOK_OFFSET_HOURS};
use crate::text;

/// Longest mute, in days.
pub(crate) const MAX_MUTE_DAYS: usize = 90;

/// `/mute [days]`.
pub(crate) fn mute(conv: &Conversation, days: Option<&str>, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let days = match days.map(parse::choice_number) {
        None => 1,
        Some(Some(days)) if (1..=MAX_MUTE_DAYS).contains(&days) => days,
        Some(_) => {
            turn.say(lang, text::mute_days_invalid(lang, MAX_MUTE_DAYS));
            return Flow::Idle;
        }
    };
    let until = turn.now + Duration::days(days as i64);
    save(conv, Some(until), turn)
}

/// `/unmute`.
pub(crate) fn unmute(conv: &Conversation, turn: &mut Turn) -> Flow {
    save(conv, None, turn)
}

fn save(conv: &Conversation, muted_until: Option<chrono::DateTime<chrono::Utc>>, turn: &mut Turn) -> Flow {
    let (Some(person_id), Some(actor)) = (conv.identity.person_id(), person_actor(conv)) else {
        return need_link(conv, turn);
    };
    turn.send(
        PersonCommand::from(SetNotificationPreferences {
            person_id,
            muted_until,
            lang: None,
            keep_mute: false,
        }),
        actor,
    );
    Flow::Muting(Muting { until: muted_until })
}

/// After `/lang`, a linked person's notifications follow the chat's language (the mute is kept).
/// Sent only while nothing else waits on an answer, so no flow mistakes its reply for its own;
/// the reply itself needs no word (the switch was already confirmed).
/// Whether it was sent.
pub(crate) fn remember_lang(conv: &Conversation, turn: &mut Turn) -> bool {
    let (Some(person_id), Some(actor), Flow::Idle) = (conv.identity.person_id(), person_actor(conv), &conv.flow) else {
        return false;
    };
    let lang = match conv.lang {
        crate::Lang::Th => "th",
        crate::Lang::En => "en",
    };
    turn.send(
        PersonCommand::from(SetNotificationPreferences {
            person_id,
            muted_until: None,
            lang: Some(lang.into()),
            keep_mute: true,
        }),
        actor,
    );
    true
}

/// The ledger's answer.
pub(crate) fn on_event(conv: &Conversation, muting: Muting, event: Event, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    match event {
        Event::Outcome(Outcome::Command(Reply::Accepted { .. })) => {
            let until = muting.until.map(turn_date);
            turn.say(lang, text::muted(lang, until));
            Flow::Idle
        }
        Event::Outcome(Outcome::Command(Reply::Rejected { message, .. }) | Outcome::Failed { message, .. }) => {
            show_refusal(lang, &message, turn);
            Flow::Idle
        }
        Event::Outcome(_) => Flow::Muting(muting),
        Event::Text(_) | Event::Choice(_) | Event::Photo { .. } => {
            busy(lang, turn);
            Flow::Muting(muting)
        }
    }
}

/// The Bangkok date of an instant.
fn turn_date(instant: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    (instant + Duration::hours(BANGKOK_OFFSET_HOURS)).date_naive()
}
