//! The core's [`Message`]s as LINE message objects.
//!
//! A message becomes a text message; its buttons become quick replies (postback actions whose
//! data is the button's payload, so a tap comes back as [`sujarit_bot::Input::Button`], and whose
//! `displayText` puts the full label in the chat as if the person had typed it). LINE shows the
//! quick replies of the latest message only, so only the last message of a turn gets them; an
//! earlier one with buttons is sent as its [`Message::plain_fallback`] (choices numbered, so
//! typing the number still works).
//!
//! LINE's limits decide the rest: at most 13 quick replies with labels of at most 20 characters,
//! postback data of at most 300, text of at most 5,000 characters. More buttons than that, or a
//! payload too long, and the message is sent as its numbered fallback. A numbered choice whose
//! labels would be cut is sent with the full numbered list in the text, and the buttons carry
//! "1. …" so a person can match them. A long text is split at line breaks.
//!
//! A `sensitive` message (the receipt code) becomes the receipt card ([`crate::flex::receipt_card`]),
//! whose alternative text (what notifications and the chat list show) does not hold the code.

use serde_json::{json, Value};
use sujarit_bot::{Button, Message};

use crate::flex;

/// Most quick reply buttons on one message.
pub const MAX_QUICK_REPLIES: usize = 13;
/// Longest quick reply label, in characters.
pub const MAX_LABEL_CHARS: usize = 20;
/// Longest postback data, in characters.
pub const MAX_POSTBACK_DATA_CHARS: usize = 300;
/// Longest `displayText` of a postback action, in characters.
pub const MAX_DISPLAY_TEXT_CHARS: usize = 300;
/// Longest text message, in characters.
pub const MAX_TEXT_CHARS: usize = 5_000;
/// Most message objects in one reply or push request.
pub const MAX_MESSAGES_PER_REQUEST: usize = 5;

/// Renders one turn's messages, in order, as LINE message objects (possibly more objects than
/// messages, when a long text is split). The last object carries the last message's quick
/// replies.
pub fn render_messages(messages: &[Message]) -> Vec<Value> {
    let mut objects = Vec::new();
    let mut quick_reply = None;
    for (index, message) in messages.iter().enumerate() {
        let is_last = index + 1 == messages.len();
        let (rendered, quick) = render_message(message, is_last);
        objects.extend(rendered);
        if is_last {
            quick_reply = quick;
        }
    }
    if let (Some(quick), Some(Value::Object(last))) = (quick_reply, objects.last_mut()) {
        last.insert("quickReply".into(), quick);
    }
    objects
}

/// One message as objects, and the quick reply to put on the turn's last object.
fn render_message(message: &Message, is_last: bool) -> (Vec<Value>, Option<Value>) {
    let (text, quick_reply) = text_and_quick_reply(message, is_last);
    if message.sensitive {
        return (vec![flex::receipt_card(&text, message.lang)], quick_reply);
    }
    let objects = split_text(&text, MAX_TEXT_CHARS)
        .into_iter()
        .map(|part| json!({ "type": "text", "text": part }))
        .collect();
    (objects, quick_reply)
}

/// The text to show and the quick reply, following the rules in the module header.
fn text_and_quick_reply(message: &Message, is_last: bool) -> (String, Option<Value>) {
    let buttons: Vec<&Button> = message.all_buttons().collect();
    if buttons.is_empty() {
        return (message.text.clone(), None);
    }
    let fits = buttons.len() <= MAX_QUICK_REPLIES
        && buttons.iter().all(|button| {
            !button.label.trim().is_empty()
                && !button.payload.is_empty()
                && utf16_len(&button.payload) <= MAX_POSTBACK_DATA_CHARS
        });
    if !is_last || !fits {
        return (message.plain_fallback(), None);
    }
    let cut = buttons
        .iter()
        .any(|button| utf16_len(button.label.trim()) > MAX_LABEL_CHARS);
    let numbered_labels = message.numbered && cut;
    let items: Vec<Value> = buttons
        .iter()
        .enumerate()
        .map(|(index, button)| {
            let label = button.label.trim();
            let shown = match numbered_labels {
                true => format!("{}. {label}", index + 1),
                false => label.to_string(),
            };
            json!({
                "type": "action",
                "action": {
                    "type": "postback",
                    "label": truncate(&shown, MAX_LABEL_CHARS),
                    "data": button.payload,
                    "displayText": truncate(label, MAX_DISPLAY_TEXT_CHARS),
                }
            })
        })
        .collect();
    let text = match numbered_labels {
        true => message.plain_fallback(),
        false => message.text.clone(),
    };
    (text, Some(json!({ "items": items })))
}

/// Length as LINE counts it (UTF-16 code units; Thai letters are one each).
pub(crate) fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Thai vowels above and below, tone marks and other marks that sit on the letter before them,
/// and the generic combining diacritics: a cut must not separate them from their letter.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' | '\u{0300}'..='\u{036F}')
}

/// At most `max` characters (UTF-16 units), ending in "…" when cut; never cuts a Thai letter
/// from its vowel or tone mark.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if utf16_len(text) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let budget = max.saturating_sub(1);
    let mut used = 0;
    let mut end = 0;
    for c in &chars {
        if used + c.len_utf16() > budget {
            break;
        }
        used += c.len_utf16();
        end += 1;
    }
    while end > 0 && end < chars.len() && is_combining(chars[end]) {
        end -= 1;
    }
    let kept: String = chars[..end].iter().collect();
    format!("{}…", kept.trim_end())
}

/// Splits a text into parts of at most `max` characters, at line breaks where it can. An empty
/// text becomes "…", because LINE refuses an empty text message.
pub(crate) fn split_text(text: &str, max: usize) -> Vec<String> {
    if text.trim().is_empty() {
        return vec!["…".to_string()];
    }
    let mut parts = Vec::new();
    let mut rest: Vec<char> = text.chars().collect();
    while utf16_len_chars(&rest) > max {
        let mut end = 0;
        let mut used = 0;
        for c in &rest {
            if used + c.len_utf16() > max {
                break;
            }
            used += c.len_utf16();
            end += 1;
        }
        let cut = match rest[..end].iter().rposition(|c| *c == '\n') {
            Some(newline) if newline > 0 => newline,
            _ => {
                let mut cut = end;
                while cut > 1 && is_combining(rest[cut]) {
                    cut -= 1;
                }
                cut
            }
        };
        let part: String = rest[..cut].iter().collect();
        parts.push(part);
        let skip = usize::from(rest.get(cut) == Some(&'\n'));
        rest = rest[cut + skip..].to_vec();
    }
    let last: String = rest.into_iter().collect();
    if !last.trim().is_empty() {
        parts.push(last);
    }
    parts
}

fn utf16_len_chars(chars: &[char]) -> usize {
    chars.iter().map(|c| c.len_utf16()).sum()
}

#[cfg(test)]
mod tests {
    use sujarit_bot::Lang;

    use super::*;

    fn labels(object: &Value) -> Vec<String> {
        object["quickReply"]["items"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|item| item["action"]["label"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn a_message_with_buttons_gets_postback_quick_replies() {
        let message = Message::choices(
            Lang::Th,
            "เลือกสถานะ",
            vec![
                Button::new("ดำเนินการแล้ว", "status:completed"),
                Button::new("ยกเลิก", "cancel"),
            ],
        );
        let objects = render_messages(&[message]);
        assert_eq!(objects.len(), 1);
        assert_eq!(objects[0]["text"], "เลือกสถานะ");
        let item = &objects[0]["quickReply"]["items"][0];
        assert_eq!(item["type"], "action");
        assert_eq!(item["action"]["type"], "postback");
        assert_eq!(item["action"]["data"], "status:completed");
        assert_eq!(item["action"]["displayText"], "ดำเนินการแล้ว");
        assert_eq!(labels(&objects[0]), ["ดำเนินการแล้ว", "ยกเลิก"]);
    }

    #[test]
    fn only_the_last_message_keeps_its_buttons_and_earlier_ones_are_numbered() {
        let first = Message::choices(Lang::En, "Pick", vec![Button::new("One", "1"), Button::new("Two", "2")]);
        let second = Message::shortcuts(Lang::En, "Or skip", vec![Button::new("Skip", "skip")]);
        let objects = render_messages(&[first, second]);
        assert_eq!(objects.len(), 2);
        assert!(objects[0].get("quickReply").is_none());
        assert!(objects[0]["text"].as_str().unwrap().contains("1. One"));
        assert_eq!(labels(&objects[1]), ["Skip"]);
    }

    #[test]
    fn more_than_thirteen_choices_fall_back_to_numbered_text() {
        let buttons = (1..=14)
            .map(|n| Button::new(format!("Item {n}"), format!("item:{n}")))
            .collect();
        let objects = render_messages(&[Message::choices(Lang::En, "Pick an item", buttons)]);
        assert!(objects[0].get("quickReply").is_none());
        let text = objects[0]["text"].as_str().unwrap();
        assert!(text.contains("14. Item 14"), "{text}");
    }

    #[test]
    fn long_labels_are_cut_to_twenty_characters_and_numbered_with_the_full_list_in_the_text() {
        let long = "โครงการอบรมเสริมสร้างคุณธรรมจริยธรรมแก่บุคลากรขององค์การบริหารส่วนจังหวัด";
        let message = Message::choices(Lang::Th, "เลือกรายการ", vec![Button::new(long, "item:1")]);
        let objects = render_messages(&[message]);
        let label = &labels(&objects[0])[0];
        assert!(utf16_len(label) <= MAX_LABEL_CHARS, "{label}");
        assert!(label.starts_with("1. "), "{label}");
        assert!(label.ends_with('…'));
        assert!(objects[0]["text"].as_str().unwrap().contains(long));
        assert_eq!(objects[0]["quickReply"]["items"][0]["action"]["displayText"], long);
    }

    #[test]
    fn a_cut_never_leaves_a_thai_letter_without_its_mark() {
        // "ที่" = ท + ี + ่: a cut after ท alone would drop its vowel and tone mark.
        let cut = truncate("ab ที่นี่", 5);
        assert_eq!(cut, "ab…");
        assert_eq!(truncate("short", 20), "short");
    }

    #[test]
    fn a_long_text_is_split_at_line_breaks_within_the_limit() {
        let line = "ก".repeat(30);
        let text = vec![line.clone(); 10].join("\n");
        let parts = split_text(&text, 100);
        assert!(parts.iter().all(|part| utf16_len(part) <= 100));
        assert_eq!(parts.join("\n"), text);
        assert_eq!(split_text("", 100), ["…"]);
    }

    #[test]
    fn a_sensitive_message_becomes_a_card_whose_alt_text_hides_the_code() {
        let mut message = Message::text(
            Lang::Th,
            "ได้รับเรื่องแล้ว\n\nรหัสติดตามเรื่องของท่านคือ\nK7QX-M2PA-9WZR-T4HD\n\nกรุณาเก็บไว้",
        );
        message.sensitive = true;
        let objects = render_messages(&[message]);
        assert_eq!(objects[0]["type"], "flex");
        assert!(!objects[0]["altText"].as_str().unwrap().contains("K7QX"));
        assert!(objects[0].to_string().contains("K7QX-M2PA-9WZR-T4HD"));
    }
}
