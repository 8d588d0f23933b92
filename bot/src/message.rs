//! What the bot says: a text with optional buttons, rendered by each channel in its own way.

use serde::{Deserialize, Serialize};

use crate::conversation::Lang;
use crate::text;

/// One button: what it shows and what pressing it sends back as [`crate::Input::Button`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    /// What the button shows.
    pub label: String,
    /// What a press sends back (at most 64 bytes, Telegram's limit for callback data).
    pub payload: String,
}

impl Button {
    /// A button.
    pub fn new(label: impl Into<String>, payload: impl Into<String>) -> Self {
        Button {
            label: label.into(),
            payload: payload.into(),
        }
    }
}

/// A PNG image shown with a message (the committee's digest chart). Serialised as base64, as the
/// web chat's JSON and the web inbox carry it.
#[derive(Clone, PartialEq, Eq)]
pub struct Png(pub Vec<u8>);

impl std::fmt::Debug for Png {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Png({} bytes)", self.0.len())
    }
}

impl Serialize for Png {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Png {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use base64::Engine as _;
        let text = String::deserialize(deserializer)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(Png)
            .map_err(serde::de::Error::custom)
    }
}

/// A reply: text plus buttons in rows.
///
/// Channels with buttons render `buttons` as an inline keyboard (Telegram), quick replies (LINE) or
/// HTML buttons (web chat). Channels without them send [`Message::plain_fallback`]. When `numbered`
/// is set, a person may also answer by typing a button's number ("1", "๑") or its label, and
/// [`crate::step`] treats that like the press. When it is not set, the buttons are shortcuts for
/// something the text already says how to type (a skip, "-" for no budget), because the step
/// also reads free text or numbers and a typed "1" must keep its meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// The text, plain (no markup), with line breaks.
    pub text: String,
    /// Button rows; empty for none.
    pub buttons: Vec<Vec<Button>>,
    /// Whether typing a button's number or label selects it.
    pub numbered: bool,
    /// Holds a secret (a receipt code): the adapter must not log it or keep it in a chat history
    /// it stores, and should let the person delete it where the channel allows.
    pub sensitive: bool,
    /// The language the message is written in (for the fallback's hint).
    pub lang: Lang,
    /// An image to show after the text (Telegram: a photo; LINE: an image message where the
    /// account has a public URL; web chat: inline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Png>,
}

impl Message {
    /// A text without buttons.
    pub fn text(lang: Lang, text: impl Into<String>) -> Self {
        Message {
            text: text.into(),
            buttons: Vec::new(),
            numbered: false,
            sensitive: false,
            lang,
            image: None,
        }
    }

    /// A text with choice buttons, one per row, selectable by number.
    pub fn choices(lang: Lang, text: impl Into<String>, buttons: Vec<Button>) -> Self {
        Message {
            buttons: buttons.into_iter().map(|button| vec![button]).collect(),
            numbered: true,
            ..Message::text(lang, text)
        }
    }

    /// A text with shortcut buttons in one row; typing a number does not select them.
    pub fn shortcuts(lang: Lang, text: impl Into<String>, buttons: Vec<Button>) -> Self {
        let buttons = if buttons.is_empty() { Vec::new() } else { vec![buttons] };
        Message {
            buttons,
            ..Message::text(lang, text)
        }
    }

    /// Every button, row by row.
    pub fn all_buttons(&self) -> impl Iterator<Item = &Button> {
        self.buttons.iter().flatten()
    }

    /// The message for a channel without buttons: choice buttons become "1. …" lines under the
    /// text, with a hint to type the number; shortcut buttons are left out (the text says what to
    /// type instead).
    pub fn plain_fallback(&self) -> String {
        if !self.numbered || self.buttons.is_empty() {
            return self.text.clone();
        }
        let mut out = self.text.clone();
        out.push('\n');
        for (number, button) in (1..).zip(self.all_buttons()) {
            out.push_str(&format!("\n{number}. {}", button.label));
        }
        out.push_str("\n\n");
        out.push_str(&text::type_a_number(self.lang));
        out
    }
}
