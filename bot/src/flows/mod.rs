//! The flows, one module each. A flow handler takes the conversation, its own state (moved out of
//! the conversation) and one [`Event`], emits effects on the [`Turn`], and returns the next flow.

pub(crate) mod followup;
pub(crate) mod link;
pub(crate) mod officer;
pub(crate) mod prefs;
pub(crate) mod queue;
pub(crate) mod review;
pub(crate) mod tip;
pub(crate) mod views;

use sujarit_contracts::{Actor, ErrorCode, Reply, Text};

use crate::conversation::{Conversation, Flow, Lang, TipStep};
use crate::io::Outcome;
use crate::message::Message;
use crate::step::{main_menu, Turn};
use crate::text;

/// What reaches a flow once commands, timeouts and typed choices are dealt with.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Event {
    /// Free text.
    Text(String),
    /// A button's payload (pressed, or picked by typing its number or label).
    Choice(String),
    /// A photo.
    Photo {
        /// The channel's handle.
        file_ref: String,
        /// Its size.
        bytes: u64,
    },
    /// The outcome of an effect.
    Outcome(Outcome),
}

/// Hands an event to the flow the conversation is in.
pub(crate) fn dispatch(conv: &mut Conversation, event: Event, turn: &mut Turn) {
    // A filing accepted after the person cancelled it or moved on: its code was never shown and
    // exists nowhere else, so it is shown now, without disturbing the current flow.
    let filing_in_flight = matches!(&conv.flow, Flow::Tip(tip) if tip.step == TipStep::Filing);
    if let Event::Outcome(Outcome::Filed {
        reply: Reply::Accepted { .. },
        receipt_code: Some(code),
    }) = &event
    {
        if !filing_in_flight {
            turn.reply(tip::receipt_message(conv.lang, code, true));
            return;
        }
    }
    let flow = std::mem::take(&mut conv.flow);
    conv.flow = match flow {
        Flow::Idle => idle(conv, event, turn),
        Flow::Linking(state) => link::on_event(conv, state, event, turn),
        Flow::Loading(state) => views::on_loaded(conv, state, event, turn),
        Flow::ChoosingItem(state) => officer::on_choice(conv, state, event, turn),
        Flow::Report(report) => officer::on_report(conv, *report, event, turn),
        Flow::Review(review) => review::on_event(conv, *review, event, turn),
        Flow::Queue(queue) => queue::on_event(conv, *queue, event, turn),
        Flow::Tip(tip) => tip::on_event(conv, *tip, event, turn),
        Flow::FollowUp(follow_up) => followup::on_event(conv, follow_up, event, turn),
        Flow::Muting(muting) => prefs::on_event(conv, muting, event, turn),
    };
}

/// The question the current flow waits on, to show again; `None` while waiting on an effect.
pub(crate) fn prompt(conv: &Conversation) -> Option<Message> {
    let lang = conv.lang;
    match &conv.flow {
        Flow::Idle | Flow::Loading(_) | Flow::Muting(_) => None,
        Flow::Linking(state) => link::prompt(lang, *state),
        Flow::ChoosingItem(state) => officer::choice_prompt(lang, state),
        Flow::Report(report) => officer::prompt(lang, report),
        Flow::Review(review) => review::prompt(lang, review),
        Flow::Queue(queue) => queue::prompt(conv, queue),
        Flow::Tip(tip) => tip::prompt(lang, tip),
        Flow::FollowUp(follow_up) => followup::prompt(lang, follow_up),
    }
}

/// Nothing under way: a greeting and the menu; stray outcomes are dropped.
fn idle(conv: &Conversation, event: Event, turn: &mut Turn) -> Flow {
    match event {
        Event::Outcome(_) => {}
        Event::Photo { .. } => {
            turn.say(conv.lang, text::photo_not_expected(conv.lang));
            turn.reply(main_menu(conv));
        }
        Event::Text(_) | Event::Choice(_) => turn.reply(main_menu(conv)),
    }
    Flow::Idle
}

/// A person's input while an effect is under way: ask them to wait (or cancel).
pub(crate) fn busy(lang: Lang, turn: &mut Turn) {
    turn.say(lang, text::please_wait(lang));
}

/// The actor for a linked person's command.
pub(crate) fn person_actor(conv: &Conversation) -> Option<Actor> {
    conv.identity.person_id().map(Actor::Person)
}

/// A ledger message in the person's language.
pub(crate) fn in_lang(lang: Lang, message: &Text) -> String {
    match lang {
        Lang::Th => message.th.clone(),
        Lang::En => message.en.clone(),
    }
}

/// The ledger refused a draft because it disburses more than the budget (or money on an item
/// needing none) and asks for confirmation (`confirm_over_budget`).
pub(crate) fn is_over_budget_refusal(reply: &Reply) -> Option<Text> {
    match reply {
        Reply::Rejected {
            code: ErrorCode::Validation,
            message,
        } => {
            let en = message.en.to_lowercase();
            let english = en.contains("budget") && en.contains("confirm");
            let thai = message.th.contains("งบประมาณ") && message.th.contains("ยืนยัน");
            (english || thai).then(|| message.clone())
        }
        _ => None,
    }
}

/// Shows why the ledger or the adapter refused something.
pub(crate) fn show_refusal(lang: Lang, message: &Text, turn: &mut Turn) {
    turn.say(lang, text::refused(lang, &in_lang(lang, message)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validation(th: &str, en: &str) -> Reply {
        Reply::Rejected {
            code: ErrorCode::Validation,
            message: Text::new(th, en),
        }
    }

    #[test]
    fn the_ledgers_two_over_budget_refusals_are_recognised_in_either_language() {
        // The wording of services/ledger round.rs `over_budget` and `spent_without_budget`.
        let over = validation(
            "รายการ 1.1 เบิกจ่าย 25,000.00 บาท เกินงบประมาณ 20,000.00 บาท หากถูกต้อง (เช่น ถัวจ่ายจากกิจกรรมอื่น) กรุณายืนยันการเบิกจ่ายเกินงบประมาณ",
            "item 1.1 disbursed 25,000.00 baht, more than its budget of 20,000.00 baht; confirm the overspend if it is right",
        );
        let without = validation(
            "รายการ 1.1 ไม่ใช้งบประมาณ แต่รายงานการเบิกจ่าย 500.00 บาท หากถูกต้องกรุณายืนยัน",
            "item 1.1 needs no budget, yet 500.00 baht was disbursed; confirm if this is right",
        );
        for reply in [&over, &without] {
            assert!(is_over_budget_refusal(reply).is_some());
        }
        let thai_only = validation("เกินงบประมาณ กรุณายืนยัน", "");
        assert!(is_over_budget_refusal(&thai_only).is_some());

        let quarter = validation("ไตรมาส 3 อยู่หลังรอบ 6 เดือน", "quarter 3 is after the period h1");
        assert!(is_over_budget_refusal(&quarter).is_none());
        let conflict = Reply::Rejected {
            code: ErrorCode::Conflict,
            message: Text::new("เกินงบประมาณ กรุณายืนยัน", "more than its budget; confirm"),
        };
        assert!(is_over_budget_refusal(&conflict).is_none());
    }
}
