//! From the core's [`Message`] to what `sendMessage` takes, and the command menu for
//! `setMyCommands`. Pure functions, so the Telegram rules (text length, callback data, command
//! names) are tested without a network.
//!
//! Text is sent as plain text (no parse mode), so nothing a person or an agency typed can turn into
//! markup. Buttons become an inline keyboard row by row; a message longer than Telegram's 4,096
//! characters is split at line breaks and its keyboard rides on the last part.

use sujarit_bot::{BotCommand, Lang, Message};
use teloxide::types::{BotCommand as MenuEntry, InlineKeyboardButton, InlineKeyboardMarkup};

use crate::callbacks::CallbackTable;

/// Telegram's limit on a message's text, in UTF-16 code units.
pub const MAX_TEXT: usize = 4096;
/// Telegram's limit on a command's description, in characters.
pub const MAX_COMMAND_DESCRIPTION: usize = 256;
/// Telegram's limit on a command's name, in characters.
pub const MAX_COMMAND_NAME: usize = 32;

/// Shown when a message has buttons but no text (Telegram refuses empty texts).
const PLACEHOLDER: &str = "…";

/// One `sendMessage` call.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// The text, at most [`MAX_TEXT`] UTF-16 units, never empty.
    pub text: String,
    /// The inline keyboard, on the last part of a message only.
    pub keyboard: Option<InlineKeyboardMarkup>,
    /// `protect_content`: the message holds a secret (a receipt code), so Telegram should stop
    /// forwarding and saving it.
    pub protect: bool,
}

/// The `sendMessage` calls for one message: usually one; more when the text is too long; none
/// for a message with neither text nor buttons.
pub fn render(message: &Message, callbacks: &CallbackTable) -> Vec<Outgoing> {
    let keyboard = keyboard(message, callbacks);
    let text = message.text.trim_end();
    let parts = if text.trim().is_empty() {
        match keyboard {
            Some(_) => vec![PLACEHOLDER.to_string()],
            None => return Vec::new(),
        }
    } else {
        split_text(text, MAX_TEXT)
    };
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(index, text)| Outgoing {
            text,
            keyboard: if index == last { keyboard.clone() } else { None },
            protect: message.sensitive,
        })
        .collect()
}

/// The inline keyboard for a message's buttons, rows kept; `None` without buttons.
pub fn keyboard(message: &Message, callbacks: &CallbackTable) -> Option<InlineKeyboardMarkup> {
    let rows: Vec<Vec<InlineKeyboardButton>> = message
        .buttons
        .iter()
        .filter(|row| !row.is_empty())
        .map(|row| {
            row.iter()
                .map(|button| {
                    let label = if button.label.trim().is_empty() {
                        button.payload.clone()
                    } else {
                        button.label.clone()
                    };
                    InlineKeyboardButton::callback(label, callbacks.encode(&button.payload))
                })
                .collect()
        })
        .collect();
    (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows))
}

/// Splits `text` into parts of at most `limit` UTF-16 units, at the last line break that fits
/// (else at a character boundary), dropping the break itself.
pub fn split_text(text: &str, limit: usize) -> Vec<String> {
    let limit = limit.max(2);
    let mut parts = Vec::new();
    let mut rest = text;
    while utf16_len(rest) > limit {
        let mut units = 0;
        let mut cut = 0;
        let mut last_break = None;
        for (index, c) in rest.char_indices() {
            if units + c.len_utf16() > limit {
                break;
            }
            units += c.len_utf16();
            cut = index + c.len_utf8();
            if c == '\n' {
                last_break = Some(index);
            }
        }
        let (head, tail) = match last_break {
            Some(index) if index > 0 => (&rest[..index], &rest[index + 1..]),
            _ => (&rest[..cut], &rest[cut..]),
        };
        parts.push(head.to_string());
        rest = tail;
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(rest.to_string());
    }
    parts
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Whether `name` is a valid Telegram command name: 1–32 of `a-z 0-9 _`.
pub fn is_valid_command_name(name: &str) -> bool {
    (1..=MAX_COMMAND_NAME).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The command menu in one language, from [`BotCommand::all`]: names checked against Telegram's
/// rule (an invalid one is left out), descriptions cut to 256 characters.
pub fn command_menu(lang: Lang) -> Vec<MenuEntry> {
    BotCommand::all()
        .iter()
        .filter(|command| is_valid_command_name(command.name()))
        .map(|command| {
            let description = command.description(lang).trim();
            let description = if description.is_empty() {
                command.name().to_string()
            } else if description.chars().count() > MAX_COMMAND_DESCRIPTION {
                let mut cut: String = description.chars().take(MAX_COMMAND_DESCRIPTION - 1).collect();
                cut.push('…');
                cut
            } else {
                description.to_string()
            };
            MenuEntry::new(command.name(), description)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use sujarit_bot::Button;
    use teloxide::types::InlineKeyboardButtonKind;

    use super::*;

    fn data(markup: &InlineKeyboardMarkup) -> Vec<Vec<String>> {
        markup
            .inline_keyboard
            .iter()
            .map(|row| {
                row.iter()
                    .map(|button| match &button.kind {
                        InlineKeyboardButtonKind::CallbackData(data) => data.clone(),
                        other => panic!("not a callback button: {other:?}"),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn choices_become_one_button_per_row_with_their_payloads() {
        let message = Message::choices(
            Lang::Th,
            "เลือก",
            vec![
                Button::new("ก", "category:corruption"),
                Button::new("ข", "category:general"),
            ],
        );
        let out = render(&message, &CallbackTable::default());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].text, "เลือก");
        let markup = out[0].keyboard.as_ref().unwrap();
        assert_eq!(
            data(markup),
            vec![vec!["category:corruption"], vec!["category:general"]]
        );
        assert_eq!(markup.inline_keyboard[0][0].text, "ก");
        assert!(!out[0].protect);
    }

    #[test]
    fn a_sensitive_message_is_protected() {
        let mut message = Message::text(Lang::En, "Your receipt code: ABCD-EFGH");
        message.sensitive = true;
        let out = render(&message, &CallbackTable::default());
        assert!(out[0].protect && out[0].keyboard.is_none());
    }

    #[test]
    fn a_long_text_is_split_at_line_breaks_with_the_keyboard_on_the_last_part() {
        let line = "ก".repeat(100);
        let text = vec![line.as_str(); 90].join("\n");
        let message = Message::shortcuts(Lang::Th, text, vec![Button::new("ok", "done")]);
        let out = render(&message, &CallbackTable::default());
        assert_eq!(out.len(), 3);
        assert!(out.iter().all(|part| utf16_len(&part.text) <= MAX_TEXT));
        assert!(out[..2].iter().all(|part| part.keyboard.is_none()));
        assert!(out[2].keyboard.is_some());
        assert_eq!(
            out.iter().map(|part| part.text.matches('ก').count()).sum::<usize>(),
            9000
        );
    }

    #[test]
    fn a_line_longer_than_the_limit_is_cut_at_a_character_boundary() {
        let parts = split_text(&"😀".repeat(5), 4);
        assert_eq!(parts, vec!["😀😀", "😀😀", "😀"]);
    }

    #[test]
    fn an_empty_message_sends_nothing_unless_it_has_buttons() {
        let table = CallbackTable::default();
        assert!(render(&Message::text(Lang::Th, "  "), &table).is_empty());
        let out = render(&Message::shortcuts(Lang::Th, "", vec![Button::new("x", "x")]), &table);
        assert_eq!(out[0].text, PLACEHOLDER);
    }

    #[test]
    fn every_command_has_a_valid_telegram_name_and_description_in_both_languages() {
        for lang in [Lang::Th, Lang::En] {
            let menu = command_menu(lang);
            assert_eq!(menu.len(), BotCommand::all().len(), "no command was left out");
            for entry in &menu {
                assert!(is_valid_command_name(&entry.command), "{}", entry.command);
                let length = entry.description.chars().count();
                assert!((1..=MAX_COMMAND_DESCRIPTION).contains(&length), "{}", entry.command);
            }
        }
        assert!(
            !is_valid_command_name("Help") && !is_valid_command_name("") && !is_valid_command_name(&"a".repeat(33))
        );
    }
}
