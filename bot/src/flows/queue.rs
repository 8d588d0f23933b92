//! The complaint queue: open cases grouped as new, due soon and overdue, most urgent first. The
//! committee sees it; the secretariat also acts on a case: acknowledge it (a corruption case needs
//! a time frame in days) and assign it to an org unit, found by button or by typing part of its name.

use chrono::NaiveDate;
use sujarit_contracts::complaint::{AcknowledgeComplaint, AssignComplaint, Category, ComplaintCommand};
use sujarit_contracts::people::Role;
use sujarit_contracts::query::OrgUnitView;
use sujarit_contracts::Reply;
use sujarit_thai::agency::normalize;
use uuid::Uuid;

use crate::conversation::{Conversation, Flow, Loading, QueueFlow, QueueStep};
use crate::flows::{busy, person_actor, show_refusal, Event};
use crate::io::{Answer, Ask, CaseStatus, Outcome, QueueCase};
use crate::limits::{DUE_SOON_DAYS, MAX_BUTTONS, MAX_TIME_FRAME_DAYS};
use crate::message::{Button, Message};
use crate::parse;
use crate::step::{Turn, COMMAND_PAYLOAD};
use crate::text;

/// How urgent an open case is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Bucket {
    /// Past its due date.
    Overdue,
    /// Due within [`DUE_SOON_DAYS`].
    DueSoon,
    /// Not acknowledged yet.
    New,
    /// Under way, not near its due date.
    Open,
}

/// The bucket of an open case on `today`.
pub(crate) fn bucket(case: &QueueCase, today: NaiveDate) -> Bucket {
    match case.due_on.map(|due| (due - today).num_days()) {
        Some(days) if days < 0 => Bucket::Overdue,
        Some(days) if days <= DUE_SOON_DAYS => Bucket::DueSoon,
        _ if case.status == CaseStatus::Received => Bucket::New,
        _ => Bucket::Open,
    }
}

/// Asks for the queue.
pub(crate) fn load(turn: &mut Turn) -> Flow {
    turn.ask(Ask::ComplaintQueue);
    Flow::Loading(Loading::ComplaintQueue)
}

/// Shows the queue; the secretariat may pick a case.
pub(crate) fn show(conv: &Conversation, cases: Vec<QueueCase>, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    let today = turn.today();
    let mut open: Vec<QueueCase> = cases.into_iter().filter(|case| !case.status.has_ended()).collect();
    if open.is_empty() {
        turn.say(lang, text::queue_empty(lang));
        return Flow::Idle;
    }
    open.sort_by_key(|case| (bucket(case, today), case.due_on, case.received_on));
    let queue = QueueFlow {
        cases: open,
        as_of: today,
        step: QueueStep::Choosing,
    };
    if !conv.identity.has_role(Role::Secretariat) {
        turn.say(lang, text::queue_summary(lang, &queue.cases, today, false));
        return Flow::Idle;
    }
    redisplay(conv, queue, turn)
}

fn redisplay(conv: &Conversation, queue: QueueFlow, turn: &mut Turn) -> Flow {
    if let Some(message) = prompt(conv, &queue) {
        turn.reply(message);
    }
    Flow::Queue(Box::new(queue))
}

fn find(queue: &QueueFlow, case_id: Uuid) -> Option<&QueueCase> {
    queue.cases.iter().find(|case| case.case_id == case_id)
}

/// The question of a queue step.
pub(crate) fn prompt(conv: &Conversation, queue: &QueueFlow) -> Option<Message> {
    let lang = conv.lang;
    let message = match &queue.step {
        QueueStep::Choosing => {
            let buttons = queue
                .cases
                .iter()
                .take(MAX_BUTTONS)
                .map(|case| {
                    Button::new(
                        text::case_button(lang, case, bucket(case, queue.as_of)),
                        format!("case:{}", case.case_id),
                    )
                })
                .chain([Button::new(text::done_label(lang), "done")])
                .collect();
            Message::choices(
                lang,
                text::queue_summary(lang, &queue.cases, queue.as_of, true),
                buttons,
            )
        }
        QueueStep::Case { case_id } => {
            let case = find(queue, *case_id)?;
            let mut buttons = Vec::new();
            match case.status {
                CaseStatus::Received => buttons.push(Button::new(text::acknowledge_label(lang), "ack")),
                CaseStatus::Acknowledged | CaseStatus::Assigned => {
                    buttons.push(Button::new(text::assign_label(lang), "assign"))
                }
                CaseStatus::Resolved | CaseStatus::Referred | CaseStatus::Closed => {}
            }
            buttons.push(Button::new(text::back_label(lang), "back"));
            Message::choices(lang, text::case_detail(lang, case, bucket(case, queue.as_of)), buttons)
        }
        QueueStep::TimeFrame { .. } => Message::text(lang, text::ask_time_frame(lang, MAX_TIME_FRAME_DAYS)),
        QueueStep::ChoosingUnit { units, .. } if units.len() <= MAX_BUTTONS => {
            Message::choices(lang, text::choose_unit(lang), unit_buttons(units.iter()))
        }
        QueueStep::ChoosingUnit { units, .. } => Message::text(lang, text::ask_unit_search(lang, units.len())),
        QueueStep::LoadingUnits { .. } | QueueStep::Sending { .. } => return None,
    };
    Some(message)
}

fn unit_buttons<'a>(units: impl Iterator<Item = &'a OrgUnitView>) -> Vec<Button> {
    units
        .take(MAX_BUTTONS)
        .map(|unit| Button::new(unit.name.clone(), format!("unit:{}", unit.org_unit_id)))
        .collect()
}

/// One event in the queue.
pub(crate) fn on_event(conv: &Conversation, mut queue: QueueFlow, event: Event, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    match (queue.step.clone(), event) {
        (QueueStep::Sending { case_id }, Event::Outcome(outcome)) => match outcome {
            Outcome::Command(Reply::Accepted { .. }) => {
                turn.reply(Message::choices(
                    lang,
                    text::case_action_done(lang),
                    vec![Button::new(
                        text::menu_label(&crate::BotCommand::Queue, lang),
                        format!("{COMMAND_PAYLOAD}queue"),
                    )],
                ));
                Flow::Idle
            }
            Outcome::Command(Reply::Rejected { message, .. }) | Outcome::Failed { message, .. } => {
                show_refusal(lang, &message, turn);
                queue.step = QueueStep::Case { case_id };
                redisplay(conv, queue, turn)
            }
            _ => Flow::Queue(Box::new(queue)),
        },
        (QueueStep::LoadingUnits { case_id }, Event::Outcome(outcome)) => match outcome {
            Outcome::Answer(Answer::OrgUnits(units)) => {
                queue.step = QueueStep::ChoosingUnit { case_id, units };
                redisplay(conv, queue, turn)
            }
            Outcome::Failed { message, .. } => {
                show_refusal(lang, &message, turn);
                queue.step = QueueStep::Case { case_id };
                redisplay(conv, queue, turn)
            }
            _ => Flow::Queue(Box::new(queue)),
        },
        (_, Event::Outcome(_)) => Flow::Queue(Box::new(queue)),
        (QueueStep::Sending { .. } | QueueStep::LoadingUnits { .. }, _) => {
            busy(lang, turn);
            Flow::Queue(Box::new(queue))
        }
        (_, Event::Photo { .. }) => {
            turn.say(lang, text::photo_not_expected(lang));
            redisplay(conv, queue, turn)
        }
        (QueueStep::Choosing, event) => {
            let picked = match &event {
                Event::Choice(payload) if payload == "done" => {
                    turn.say(lang, text::queue_closed(lang));
                    return Flow::Idle;
                }
                Event::Choice(payload) => payload
                    .strip_prefix("case:")
                    .and_then(|id| Uuid::parse_str(id).ok())
                    .filter(|id| find(&queue, *id).is_some()),
                Event::Text(typed) => queue
                    .cases
                    .iter()
                    .find(|case| case.reference.eq_ignore_ascii_case(typed.trim()))
                    .map(|case| case.case_id),
                _ => None,
            };
            match picked {
                Some(case_id) => queue.step = QueueStep::Case { case_id },
                None => turn.say(lang, text::case_not_found(lang)),
            }
            redisplay(conv, queue, turn)
        }
        (QueueStep::Case { case_id }, Event::Choice(payload)) => match payload.as_str() {
            "ack" => match find(&queue, case_id).map(|case| case.category) {
                Some(Category::Corruption) => {
                    queue.step = QueueStep::TimeFrame { case_id };
                    redisplay(conv, queue, turn)
                }
                _ => acknowledge(conv, queue, case_id, None, turn),
            },
            "assign" => {
                turn.ask(Ask::OrgUnits);
                queue.step = QueueStep::LoadingUnits { case_id };
                Flow::Queue(Box::new(queue))
            }
            "back" => {
                queue.step = QueueStep::Choosing;
                redisplay(conv, queue, turn)
            }
            _ => choose_from_buttons(conv, queue, turn),
        },
        (QueueStep::Case { .. }, _) => choose_from_buttons(conv, queue, turn),
        (QueueStep::TimeFrame { case_id }, Event::Text(typed)) => {
            match parse::number(&typed, 1, i64::from(MAX_TIME_FRAME_DAYS)) {
                Ok(days) => {
                    let days = u16::try_from(days).unwrap_or(MAX_TIME_FRAME_DAYS);
                    acknowledge(conv, queue, case_id, Some(days), turn)
                }
                Err(error) => {
                    turn.say(lang, text::input_error(lang, &error));
                    redisplay(conv, queue, turn)
                }
            }
        }
        (QueueStep::TimeFrame { .. }, _) => redisplay(conv, queue, turn),
        (QueueStep::ChoosingUnit { case_id, units }, Event::Choice(payload)) => {
            let unit = payload
                .strip_prefix("unit:")
                .and_then(|id| Uuid::parse_str(id).ok())
                .filter(|id| units.iter().any(|unit| unit.org_unit_id == *id));
            match unit {
                Some(org_unit_id) => assign(conv, queue, case_id, org_unit_id, turn),
                None => choose_from_buttons(conv, queue, turn),
            }
        }
        (QueueStep::ChoosingUnit { units, .. }, Event::Text(typed)) => {
            let key = normalize(&typed);
            let matches: Vec<&OrgUnitView> = units
                .iter()
                .filter(|unit| {
                    !key.is_empty()
                        && std::iter::once(&unit.name)
                            .chain(&unit.aliases)
                            .any(|name| normalize(name).contains(&key))
                })
                .collect();
            if matches.is_empty() {
                turn.say(lang, text::no_unit_match(lang, &typed));
                return redisplay(conv, queue, turn);
            }
            let more = matches.len() > MAX_BUTTONS;
            turn.reply(Message::choices(
                lang,
                text::unit_matches(lang, matches.len(), more),
                unit_buttons(matches.into_iter()),
            ));
            Flow::Queue(Box::new(queue))
        }
    }
}

fn choose_from_buttons(conv: &Conversation, queue: QueueFlow, turn: &mut Turn) -> Flow {
    turn.say(conv.lang, text::choose_from_buttons(conv.lang));
    redisplay(conv, queue, turn)
}

fn acknowledge(conv: &Conversation, queue: QueueFlow, case_id: Uuid, days: Option<u16>, turn: &mut Turn) -> Flow {
    let command = ComplaintCommand::AcknowledgeComplaint(AcknowledgeComplaint {
        case_id,
        time_frame_days: days,
    });
    send(conv, queue, case_id, command, turn)
}

fn assign(conv: &Conversation, queue: QueueFlow, case_id: Uuid, org_unit_id: Uuid, turn: &mut Turn) -> Flow {
    let command = ComplaintCommand::AssignComplaint(AssignComplaint { case_id, org_unit_id });
    send(conv, queue, case_id, command, turn)
}

fn send(conv: &Conversation, mut queue: QueueFlow, case_id: Uuid, command: ComplaintCommand, turn: &mut Turn) -> Flow {
    let Some(actor) = person_actor(conv) else {
        turn.say(conv.lang, text::need_link(conv.lang));
        return Flow::Idle;
    };
    turn.send(command, actor);
    queue.step = QueueStep::Sending { case_id };
    Flow::Queue(Box::new(queue))
}
