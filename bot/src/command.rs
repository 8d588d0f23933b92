//! Slash commands: one enum, parsed from "/name args" and described in both languages, so `/help`
//! and the channels' command menus are generated from it and cannot drift from what is parsed.

use serde::{Deserialize, Serialize};

use crate::conversation::Lang;
use crate::text;

/// Who a command is for; `/help` groups commands by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Anyone.
    Everyone,
    /// Citizens: complaints and tips.
    Citizen,
    /// Officers of an agency: progress reports.
    Officer,
    /// The secretariat and the committee.
    Committee,
}

impl Audience {
    /// Every audience, in the order `/help` lists them.
    pub const ALL: [Audience; 4] = [
        Audience::Everyone,
        Audience::Citizen,
        Audience::Officer,
        Audience::Committee,
    ];
}

/// A slash command the bot understands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", content = "arg", rename_all = "snake_case")]
pub enum BotCommand {
    /// Greets and shows the menu; `/start CODE` (a deep link) links the account with an invite code.
    Start(Option<String>),
    /// Lists the commands.
    Help,
    /// Stops whatever is under way.
    Cancel,
    /// Switches the language (`/lang en`, `/lang th`); without an argument, asks.
    Lang(Option<Lang>),
    /// Links the chat account to a person with a one-time invite code.
    Link(Option<String>),
    /// Officer: my items in the open round and where each stands.
    Items,
    /// Officer: report progress on an item.
    Report,
    /// Officer: submissions returned for correction, and why.
    Returned,
    /// Round status: one's own agency for an officer, every agency for the secretariat and committee.
    Round,
    /// Secretariat: accept or return submitted reports.
    Review,
    /// Secretariat: the complaint queue (new, due soon, overdue); acknowledge and assign.
    Queue,
    /// Plan approval status.
    Plan,
    /// A summary of the round, the complaint queue and the plans.
    Digest,
    /// Citizen: an anonymous tip.
    Tip,
    /// Citizen: a complaint, anonymous or with one's name.
    Complain,
    /// Citizen: check a case with its receipt code.
    Status,
    /// Citizen: answer a question about one's case, with the receipt code.
    Answer,
    /// Citizen: add evidence to one's case, with the receipt code.
    Evidence,
    /// A linked person: no non-urgent notifications for some days (`/mute 3`; one by default).
    Mute(Option<String>),
    /// A linked person: notifications again.
    Unmute,
}

/// A text that starts with "/" but is not a command this bot knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// No such command.
    #[error("unknown command `/{0}`")]
    Unknown(String),
    /// The text does not start with "/".
    #[error("not a command")]
    NotACommand,
}

impl BotCommand {
    /// One of every command (arguments left out), in `/help` order.
    pub fn all() -> Vec<BotCommand> {
        vec![
            BotCommand::Start(None),
            BotCommand::Help,
            BotCommand::Cancel,
            BotCommand::Lang(None),
            BotCommand::Link(None),
            BotCommand::Mute(None),
            BotCommand::Unmute,
            BotCommand::Tip,
            BotCommand::Complain,
            BotCommand::Status,
            BotCommand::Answer,
            BotCommand::Evidence,
            BotCommand::Items,
            BotCommand::Report,
            BotCommand::Returned,
            BotCommand::Round,
            BotCommand::Review,
            BotCommand::Queue,
            BotCommand::Plan,
            BotCommand::Digest,
        ]
    }

    /// The name typed after "/".
    pub fn name(&self) -> &'static str {
        match self {
            BotCommand::Start(_) => "start",
            BotCommand::Help => "help",
            BotCommand::Cancel => "cancel",
            BotCommand::Lang(_) => "lang",
            BotCommand::Link(_) => "link",
            BotCommand::Items => "items",
            BotCommand::Report => "report",
            BotCommand::Returned => "returned",
            BotCommand::Round => "round",
            BotCommand::Review => "review",
            BotCommand::Queue => "queue",
            BotCommand::Plan => "plan",
            BotCommand::Digest => "digest",
            BotCommand::Tip => "tip",
            BotCommand::Complain => "complain",
            BotCommand::Status => "status",
            BotCommand::Answer => "answer",
            BotCommand::Evidence => "evidence",
            BotCommand::Mute(_) => "mute",
            BotCommand::Unmute => "unmute",
        }
    }

    /// Who the command is for.
    pub fn audience(&self) -> Audience {
        match self {
            BotCommand::Start(_)
            | BotCommand::Help
            | BotCommand::Cancel
            | BotCommand::Lang(_)
            | BotCommand::Link(_)
            | BotCommand::Mute(_)
            | BotCommand::Unmute => Audience::Everyone,
            BotCommand::Tip | BotCommand::Complain | BotCommand::Status | BotCommand::Answer | BotCommand::Evidence => {
                Audience::Citizen
            }
            BotCommand::Items | BotCommand::Report | BotCommand::Returned => Audience::Officer,
            BotCommand::Round | BotCommand::Review | BotCommand::Queue | BotCommand::Plan | BotCommand::Digest => {
                Audience::Committee
            }
        }
    }

    /// What the command does, in the language asked for.
    pub fn description(&self, lang: Lang) -> &'static str {
        text::command_description(self, lang)
    }

    /// The argument shown in `/help` ("CODE", "en|th"), if the command takes one.
    pub fn usage(&self, lang: Lang) -> Option<&'static str> {
        text::command_usage(self, lang)
    }

    /// Parses "/name", "/name arg" or "/name@botname arg" (Telegram in groups); the name is read
    /// in any case.
    pub fn parse(text: &str) -> Result<BotCommand, CommandError> {
        let rest = text.trim().strip_prefix('/').ok_or(CommandError::NotACommand)?;
        let (head, arg) = match rest.split_once(char::is_whitespace) {
            Some((head, arg)) => (head, arg.trim()),
            None => (rest, ""),
        };
        let name = head.split('@').next().unwrap_or(head).to_lowercase();
        let arg = (!arg.is_empty()).then(|| arg.to_string());
        let command = match name.as_str() {
            "start" => BotCommand::Start(arg),
            "help" => BotCommand::Help,
            "cancel" => BotCommand::Cancel,
            "lang" | "language" => BotCommand::Lang(arg.as_deref().and_then(Lang::parse)),
            "link" => BotCommand::Link(arg),
            "items" => BotCommand::Items,
            "report" => BotCommand::Report,
            "returned" => BotCommand::Returned,
            "round" => BotCommand::Round,
            "review" => BotCommand::Review,
            "queue" => BotCommand::Queue,
            "plan" => BotCommand::Plan,
            "digest" => BotCommand::Digest,
            "tip" => BotCommand::Tip,
            "complain" => BotCommand::Complain,
            "status" => BotCommand::Status,
            "answer" => BotCommand::Answer,
            "evidence" => BotCommand::Evidence,
            "mute" => BotCommand::Mute(arg),
            "unmute" => BotCommand::Unmute,
            _ => return Err(CommandError::Unknown(name)),
        };
        Ok(command)
    }

    /// The `/help` text: every command with its argument and description, grouped by audience.
    pub fn help(lang: Lang) -> String {
        let commands = BotCommand::all();
        let mut out = text::help_title(lang).to_string();
        for audience in Audience::ALL {
            out.push_str("\n\n");
            out.push_str(text::audience_heading(audience, lang));
            for command in commands.iter().filter(|command| command.audience() == audience) {
                let usage = command.usage(lang).map(|usage| format!(" {usage}")).unwrap_or_default();
                out.push_str(&format!("\n/{}{usage} — {}", command.name(), command.description(lang)));
            }
        }
        out
    }

    /// `(name, description)` pairs for a channel's command menu (Telegram `setMyCommands`).
    pub fn menu(lang: Lang) -> Vec<(&'static str, &'static str)> {
        BotCommand::all()
            .iter()
            .map(|command| (command.name(), command.description(lang)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_command_parses_back_from_its_name() {
        for command in BotCommand::all() {
            let parsed = BotCommand::parse(&format!("/{}", command.name())).unwrap();
            assert_eq!(parsed.name(), command.name());
        }
    }

    #[test]
    fn arguments_bot_names_and_case_are_read() {
        assert_eq!(
            BotCommand::parse("/link  ABC-123 ").unwrap(),
            BotCommand::Link(Some("ABC-123".into()))
        );
        assert_eq!(BotCommand::parse("/Help@SujaritBot").unwrap(), BotCommand::Help);
        assert_eq!(BotCommand::parse("/lang en").unwrap(), BotCommand::Lang(Some(Lang::En)));
        assert_eq!(
            BotCommand::parse("/lang ไทย").unwrap(),
            BotCommand::Lang(Some(Lang::Th))
        );
        assert_eq!(BotCommand::parse("/nope"), Err(CommandError::Unknown("nope".into())));
        assert_eq!(BotCommand::parse("hello"), Err(CommandError::NotACommand));
    }

    #[test]
    fn help_lists_every_command_in_both_languages() {
        for lang in [Lang::Th, Lang::En] {
            let help = BotCommand::help(lang);
            for command in BotCommand::all() {
                assert!(
                    help.contains(&format!("/{}", command.name())),
                    "{lang:?} misses {}",
                    command.name()
                );
                assert!(help.contains(command.description(lang)));
            }
        }
        assert_ne!(
            BotCommand::Tip.description(Lang::Th),
            BotCommand::Tip.description(Lang::En)
        );
    }
}
