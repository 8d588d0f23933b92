//! A scripted chat: feeds inputs to `step`, plays the adapter's part by hand, and reads the effects.
//!
//! Before every step the conversation is written to JSON and read back, as an adapter storing it
//! would, so every test also checks that the state survives a restart at every point.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sujarit_bot::{
    step, Answer, Ask, Conversation, Effect, Identity, Input, Message, MyItem, Outcome, RoundInfo, SubmissionState,
};
use sujarit_contracts::complaint::{AttachmentRef, Channel, ReceiptCode};
use sujarit_contracts::people::Role;
use sujarit_contracts::plan::Budget;
use sujarit_contracts::round::Period;
use sujarit_contracts::{Actor, Command, ErrorCode, Reply, Text};
use uuid::Uuid;

pub const PERSON: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_00a1);
pub const ORG: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_00b1);
pub const ROUND: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_00c1);
pub const ITEM: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_00d1);
pub const ITEM2: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_00d2);
pub const CASE: Uuid = Uuid::from_u128(0x5b2f_9c1e_4a7d_4e3b_9f00_1234_5678_9abc);
pub const CODE: &str = "K7QM-2XWP-9RTD-4HVN";

/// A conversation driven by hand.
pub struct Chat {
    pub conv: Conversation,
    pub now: DateTime<Utc>,
}

impl Chat {
    /// A new Telegram chat, not linked, at 10:00 in Bangkok on 20 March 2024.
    pub fn new() -> Self {
        Chat {
            conv: Conversation::new(Channel::Telegram),
            now: Utc.with_ymd_and_hms(2024, 3, 20, 3, 0, 0).unwrap(),
        }
    }

    /// A chat linked to a person with these roles, reporting for [`ORG`].
    pub fn linked(roles: &[Role]) -> Self {
        let mut chat = Chat::new();
        chat.conv.identity = Identity::Person {
            person_id: PERSON,
            roles: roles.to_vec(),
            org_unit_id: Some(ORG),
            name: "สมชาย ใจดี".into(),
        };
        chat
    }

    /// An officer.
    pub fn officer() -> Self {
        Chat::linked(&[Role::Officer])
    }

    /// Someone of the secretariat.
    pub fn secretariat() -> Self {
        Chat::linked(&[Role::Secretariat])
    }

    /// One input; the state goes through JSON first.
    pub fn input(&mut self, input: Input) -> Vec<Effect> {
        let json = serde_json::to_string(&self.conv).expect("state serialises");
        let restored: Conversation = serde_json::from_str(&json).expect("state deserialises");
        assert_eq!(restored, self.conv, "state changed through JSON: {json}");
        let (next, effects) = step(&restored, input, self.now);
        self.conv = next;
        effects
    }

    /// Types a text (a "/…" text is a command).
    pub fn text(&mut self, text: &str) -> Vec<Effect> {
        self.input(Input::from_text(text))
    }

    /// Presses a button.
    pub fn press(&mut self, payload: &str) -> Vec<Effect> {
        self.input(Input::Button(payload.to_string()))
    }

    /// Sends a photo.
    pub fn photo(&mut self, file_ref: &str, bytes: u64) -> Vec<Effect> {
        self.input(Input::Photo {
            file_ref: file_ref.to_string(),
            bytes,
        })
    }

    /// Feeds an outcome.
    pub fn outcome(&mut self, outcome: Outcome) -> Vec<Effect> {
        self.input(Input::Outcome(outcome))
    }

    /// Feeds a query's answer.
    pub fn answer(&mut self, answer: Answer) -> Vec<Effect> {
        self.outcome(Outcome::Answer(answer))
    }

    /// The ledger accepts.
    pub fn accepted(&mut self) -> Vec<Effect> {
        self.outcome(Outcome::Command(accepted()))
    }

    /// The ledger refuses.
    pub fn rejected(&mut self, code: ErrorCode, th: &str, en: &str) -> Vec<Effect> {
        self.outcome(Outcome::Command(Reply::Rejected {
            code,
            message: Text::new(th, en),
        }))
    }

    /// Time passes.
    pub fn wait_minutes(&mut self, minutes: i64) {
        self.now += Duration::minutes(minutes);
    }

    /// The state as JSON.
    pub fn state_json(&self) -> String {
        serde_json::to_string(&self.conv).unwrap()
    }
}

/// An accepted reply.
pub fn accepted() -> Reply {
    Reply::Accepted {
        stream: "x".into(),
        version: 1,
        positions: vec![1],
    }
}

/// The messages shown.
pub fn replies(effects: &[Effect]) -> Vec<&Message> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Reply(message) => Some(message),
            _ => None,
        })
        .collect()
}

/// Everything said, joined.
pub fn said(effects: &[Effect]) -> String {
    replies(effects)
        .iter()
        .map(|message| message.text.as_str())
        .collect::<Vec<_>>()
        .join("\n---\n")
}

/// The buttons' payloads of the last message.
pub fn buttons(effects: &[Effect]) -> Vec<String> {
    replies(effects)
        .last()
        .map(|message| message.all_buttons().map(|button| button.payload.clone()).collect())
        .unwrap_or_default()
}

/// The commands sent.
pub fn sent(effects: &[Effect]) -> Vec<(Command, Actor)> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Send { command, actor } => Some((command.clone(), actor.clone())),
            _ => None,
        })
        .collect()
}

/// The one command sent.
pub fn the_command(effects: &[Effect]) -> (Command, Actor) {
    let sent = sent(effects);
    assert_eq!(sent.len(), 1, "expected one command in {effects:#?}");
    sent.into_iter().next().unwrap()
}

/// The queries asked.
pub fn asked(effects: &[Effect]) -> Vec<Ask> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Ask(ask) => Some(ask.clone()),
            _ => None,
        })
        .collect()
}

/// The open H1 round of FY2567, due 5 April 2024, entry open until 15 April.
pub fn round() -> RoundInfo {
    RoundInfo {
        round_id: ROUND,
        fiscal_year: 2567,
        period: Period::H1,
        due_on: date(2024, 4, 5),
        entry_open_until: Some(date(2024, 4, 15)),
    }
}

/// An item with a 20,000-baht budget.
pub fn item(id: Uuid, code: &str, state: SubmissionState) -> MyItem {
    MyItem {
        item_id: id,
        code: code.into(),
        name: "โครงการเสริมสร้างคุณธรรม".into(),
        budget: Budget::Amount { satang: 2_000_000 },
        state,
        content: None,
    }
}

/// A date.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A stored attachment.
pub fn attachment(n: u128) -> AttachmentRef {
    AttachmentRef {
        id: Uuid::from_u128(0x1111_2222_3333_4444_8000_0000_0000_0000 + n),
        digest: format!("digest{n}"),
        mime: "image/jpeg".into(),
        bytes: 1000,
    }
}

/// The receipt code.
pub fn code() -> ReceiptCode {
    ReceiptCode(CODE.into())
}

/// The command's JSON body, as text.
pub fn body(command: &Command) -> String {
    String::from_utf8(command.body()).unwrap()
}
