//! The one entry point, [`step`]: timeouts, slash commands and typed choices are handled here for
//! every flow; what is left goes to the flow the conversation is in.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sujarit_contracts::people::Role;
use sujarit_contracts::{Actor, Command};

use crate::command::{BotCommand, CommandError};
use crate::conversation::{Conversation, Flow, Identity, ItemsPurpose, RoundPurpose, IDLE_TIMEOUT_MINUTES};
use crate::flows::{self, Event};
use crate::io::{Ask, Effect, Input};
use crate::message::{Button, Message};
use crate::parse;
use crate::text;

/// Payload prefix of buttons that run a command ("cmd:items", "cmd:lang en").
pub(crate) const COMMAND_PAYLOAD: &str = "cmd:";

/// Bangkok is UTC+7 all year.
pub(crate) const BANGKOK_OFFSET_HOURS: i64 = 7;

/// Advances a conversation by one input: the next state and what the adapter must do.
///
/// `now` is the adapter's clock (for timeouts and dates); [`Input::Tick`] carries its own.
pub fn step(state: &Conversation, input: Input, now: DateTime<Utc>) -> (Conversation, Vec<Effect>) {
    let mut conv = state.clone();
    let mut turn = Turn::new(now);
    match input {
        Input::Tick { now } => tick(&mut conv, now, &mut turn),
        Input::Outcome(outcome) => flows::dispatch(&mut conv, Event::Outcome(outcome), &mut turn),
        Input::Command(command) => {
            if begin(&mut conv, true, &mut turn) {
                run_command(&mut conv, command, &mut turn);
            }
        }
        Input::Text(typed) => match BotCommand::parse(&typed) {
            Ok(command) => {
                if begin(&mut conv, true, &mut turn) {
                    run_command(&mut conv, command, &mut turn);
                }
            }
            Err(CommandError::Unknown(name)) => {
                if begin(&mut conv, true, &mut turn) {
                    turn.say(conv.lang, text::unknown_command(conv.lang, &name));
                    reprompt(&conv, &mut turn);
                }
            }
            Err(CommandError::NotACommand) => {
                if begin(&mut conv, false, &mut turn) {
                    let event = match menu_choice(&conv.menu, &typed) {
                        Some(payload) => Event::Choice(payload),
                        None => Event::Text(typed),
                    };
                    choice_or_event(&mut conv, event, &mut turn);
                }
            }
        },
        Input::Button(payload) => {
            let is_command = payload.starts_with(COMMAND_PAYLOAD);
            if begin(&mut conv, is_command, &mut turn) {
                choice_or_event(&mut conv, Event::Choice(payload), &mut turn);
            }
        }
        Input::Photo { file_ref, bytes } => {
            if begin(&mut conv, false, &mut turn) {
                flows::dispatch(&mut conv, Event::Photo { file_ref, bytes }, &mut turn);
            }
        }
    }
    turn.finish(conv)
}

/// What one step produces, and the clock it runs at.
pub(crate) struct Turn {
    /// Now.
    pub now: DateTime<Utc>,
    effects: Vec<Effect>,
}

impl Turn {
    fn new(now: DateTime<Utc>) -> Self {
        Turn {
            now,
            effects: Vec::new(),
        }
    }

    /// Shows a message.
    pub fn reply(&mut self, message: Message) {
        self.effects.push(Effect::Reply(message));
    }

    /// Shows a text without buttons.
    pub fn say(&mut self, lang: crate::Lang, said: impl Into<String>) {
        self.reply(Message::text(lang, said));
    }

    /// Sends a command to the ledger.
    pub fn send(&mut self, command: impl Into<Command>, actor: Actor) {
        self.effects.push(Effect::Send {
            command: command.into(),
            actor,
        });
    }

    /// Runs a query.
    pub fn ask(&mut self, ask: Ask) {
        self.effects.push(Effect::Ask(ask));
    }

    /// Any other effect.
    pub fn effect(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// Today's date in Bangkok.
    pub fn today(&self) -> NaiveDate {
        (self.now + Duration::hours(BANGKOK_OFFSET_HOURS)).date_naive()
    }

    /// The state after the step: the last message shown decides which buttons a typed number picks.
    fn finish(self, mut conv: Conversation) -> (Conversation, Vec<Effect>) {
        let last_reply = self.effects.iter().rev().find_map(|effect| match effect {
            Effect::Reply(message) => Some(message),
            _ => None,
        });
        if let Some(message) = last_reply {
            conv.menu = if message.numbered {
                message.all_buttons().cloned().collect()
            } else {
                Vec::new()
            };
        }
        (conv, self.effects)
    }
}

/// Whether a flow has sat idle too long at `now`.
fn expired(conv: &Conversation, now: DateTime<Utc>) -> bool {
    conv.flow.is_active()
        && conv
            .last_active
            .is_some_and(|last| now - last > Duration::minutes(IDLE_TIMEOUT_MINUTES))
}

/// The clock: an idle flow is reset and the person told.
fn tick(conv: &mut Conversation, now: DateTime<Utc>, turn: &mut Turn) {
    if expired(conv, now) {
        conv.flow = Flow::Idle;
        turn.say(conv.lang, text::timed_out(conv.lang));
    }
}

/// Before a person's input: resets a timed-out flow (telling them so) and notes the activity.
/// Returns whether to go on with the input; a command goes on, anything else was meant for the
/// flow that is gone.
fn begin(conv: &mut Conversation, is_command: bool, turn: &mut Turn) -> bool {
    let timed_out = expired(conv, turn.now);
    conv.last_active = Some(turn.now);
    if !timed_out {
        return true;
    }
    conv.flow = Flow::Idle;
    turn.say(conv.lang, text::timed_out(conv.lang));
    if !is_command {
        turn.reply(main_menu(conv));
    }
    is_command
}

/// The payload of the shown button a typed number or label picks.
fn menu_choice(menu: &[Button], typed: &str) -> Option<String> {
    if let Some(number) = parse::choice_number(typed) {
        return number
            .checked_sub(1)
            .and_then(|index| menu.get(index))
            .map(|button| button.payload.clone());
    }
    let typed = typed.trim().to_lowercase();
    menu.iter()
        .find(|button| button.label.to_lowercase() == typed)
        .map(|button| button.payload.clone())
}

/// A choice that runs a command goes to [`run_command`]; anything else to the flow.
fn choice_or_event(conv: &mut Conversation, event: Event, turn: &mut Turn) {
    if let Event::Choice(payload) = &event {
        if let Some(name) = payload.strip_prefix(COMMAND_PAYLOAD) {
            match BotCommand::parse(&format!("/{name}")) {
                Ok(command) => run_command(conv, command, turn),
                Err(_) => reprompt(conv, turn),
            }
            return;
        }
    }
    flows::dispatch(conv, event, turn);
}

/// Shows the current flow's question again, or the main menu when idle.
pub(crate) fn reprompt(conv: &Conversation, turn: &mut Turn) {
    match flows::prompt(conv) {
        Some(message) => turn.reply(message),
        None if !conv.flow.is_active() => turn.reply(main_menu(conv)),
        None => {}
    }
}

/// Runs a slash command.
fn run_command(conv: &mut Conversation, command: BotCommand, turn: &mut Turn) {
    let lang = conv.lang;
    match command {
        BotCommand::Cancel => {
            let text = match (conv.flow.awaits_ledger(), conv.flow.is_active()) {
                (true, _) => text::cancelled_in_flight(lang),
                (false, true) => text::cancelled(lang),
                (false, false) => text::nothing_to_cancel(lang),
            };
            conv.flow = Flow::Idle;
            turn.say(lang, text);
            turn.reply(main_menu(conv));
        }
        BotCommand::Help => {
            turn.say(lang, BotCommand::help(lang));
            reprompt(conv, turn);
        }
        BotCommand::Lang(Some(chosen)) => {
            conv.lang = chosen;
            let notifications_too = flows::prefs::remember_lang(conv, turn);
            turn.say(chosen, text::lang_switched(chosen, notifications_too));
            reprompt(conv, turn);
        }
        BotCommand::Lang(None) => turn.reply(Message::choices(
            lang,
            text::choose_lang(lang),
            vec![
                Button::new("ภาษาไทย", format!("{COMMAND_PAYLOAD}lang th")),
                Button::new("English", format!("{COMMAND_PAYLOAD}lang en")),
            ],
        )),
        command => {
            match (conv.flow.awaits_ledger(), conv.flow.is_active()) {
                (true, _) => turn.say(lang, text::cancelled_in_flight(lang)),
                (false, true) => turn.say(lang, text::previous_abandoned(lang)),
                (false, false) => {}
            }
            conv.flow = Flow::Idle;
            conv.flow = start(conv, command, turn);
        }
    }
}

/// Starts the flow of a command (the conversation is idle).
fn start(conv: &mut Conversation, command: BotCommand, turn: &mut Turn) -> Flow {
    let lang = conv.lang;
    match command {
        BotCommand::Start(Some(code)) | BotCommand::Link(Some(code)) => flows::link::redeem(conv, &code, turn),
        BotCommand::Start(None) => {
            turn.say(lang, text::welcome(lang, &conv.identity));
            turn.reply(main_menu(conv));
            Flow::Idle
        }
        BotCommand::Link(None) => flows::link::ask_code(conv, turn),
        BotCommand::Items => officer(conv, ItemsPurpose::All, turn),
        BotCommand::Report => officer(conv, ItemsPurpose::Report, turn),
        BotCommand::Returned => officer(conv, ItemsPurpose::Returned, turn),
        BotCommand::Round => match conv.identity {
            Identity::Person { .. } => flows::views::load_round(RoundPurpose::Overview, turn),
            Identity::Unlinked => need_link(conv, turn),
        },
        BotCommand::Review => match conv.identity.has_role(Role::Secretariat) {
            true => flows::views::load_round(RoundPurpose::Review, turn),
            false => not_allowed(conv, turn),
        },
        BotCommand::Queue => match conv.identity.sees_all() {
            true => flows::queue::load(turn),
            false => not_allowed(conv, turn),
        },
        BotCommand::Plan => match conv.identity.sees_all() {
            true => flows::views::load_plans(turn),
            false => not_allowed(conv, turn),
        },
        BotCommand::Digest => match conv.identity.sees_all() {
            true => flows::views::load_digest(turn),
            false => not_allowed(conv, turn),
        },
        BotCommand::Tip => flows::tip::start(conv, true, turn),
        BotCommand::Complain => flows::tip::start(conv, false, turn),
        BotCommand::Status => flows::followup::start(conv, crate::FollowUpAction::View, turn),
        BotCommand::Answer => flows::followup::start(conv, crate::FollowUpAction::Answer, turn),
        BotCommand::Evidence => flows::followup::start(conv, crate::FollowUpAction::Evidence, turn),
        BotCommand::Mute(days) => flows::prefs::mute(conv, days.as_deref(), turn),
        BotCommand::Unmute => flows::prefs::unmute(conv, turn),
        // Handled before a flow starts.
        BotCommand::Cancel | BotCommand::Help | BotCommand::Lang(_) => Flow::Idle,
    }
}

/// Officer commands need a linked person with an org unit.
fn officer(conv: &Conversation, purpose: ItemsPurpose, turn: &mut Turn) -> Flow {
    match (&conv.identity, conv.identity.org_unit_id()) {
        (Identity::Unlinked, _) => need_link(conv, turn),
        (Identity::Person { .. }, None) => {
            turn.say(conv.lang, text::no_org_unit(conv.lang));
            Flow::Idle
        }
        (Identity::Person { .. }, Some(org_unit_id)) => flows::officer::load(purpose, org_unit_id, turn),
    }
}

pub(crate) fn need_link(conv: &Conversation, turn: &mut Turn) -> Flow {
    turn.say(conv.lang, text::need_link(conv.lang));
    Flow::Idle
}

fn not_allowed(conv: &Conversation, turn: &mut Turn) -> Flow {
    let text = match conv.identity {
        Identity::Unlinked => text::need_link(conv.lang),
        Identity::Person { .. } => text::not_allowed(conv.lang),
    };
    turn.say(conv.lang, text);
    Flow::Idle
}

/// The main menu: what this person can do, as buttons.
pub(crate) fn main_menu(conv: &Conversation) -> Message {
    let lang = conv.lang;
    let identity = &conv.identity;
    let mut commands = Vec::new();
    if identity.org_unit_id().is_some() {
        commands.extend([BotCommand::Items, BotCommand::Returned, BotCommand::Round]);
    }
    if identity.has_role(Role::Secretariat) {
        commands.extend([BotCommand::Review, BotCommand::Queue]);
    }
    if identity.sees_all() {
        if !commands.contains(&BotCommand::Round) {
            commands.push(BotCommand::Round);
        }
        if !commands.contains(&BotCommand::Queue) {
            commands.push(BotCommand::Queue);
        }
        commands.extend([BotCommand::Plan, BotCommand::Digest]);
    }
    commands.extend([BotCommand::Tip, BotCommand::Complain, BotCommand::Status]);
    if matches!(identity, Identity::Unlinked) {
        commands.push(BotCommand::Link(None));
    }
    let buttons = commands
        .iter()
        .map(|command| {
            Button::new(
                text::menu_label(command, lang),
                format!("{COMMAND_PAYLOAD}{}", command.name()),
            )
        })
        .collect();
    Message::choices(lang, text::main_menu(lang), buttons)
}
