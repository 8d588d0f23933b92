//! The conversation core of the Sujarit chat bot: one pure state machine shared by every channel.
//!
//! [`step`] takes the conversation so far and one [`Input`] (a text, a button press, a photo, a
//! slash command, the outcome of an effect, or a clock tick) and returns the next [`Conversation`]
//! with the [`Effect`]s the channel adapter must carry out: replies to show, commands to send to the
//! ledger, queries to ask, files to store, a complaint to file. The adapter feeds each effect's
//! result back as [`Input::Outcome`]. Nothing here does I/O, reads a clock or draws random numbers,
//! so every flow is tested by scripting inputs and outcomes.
//!
//! Who uses it (DESIGN.md): officers report progress on their agency's plan items; citizens file
//! complaints and anonymous tips and follow them up with a receipt code; the secretariat and the
//! committee watch rounds, review submissions, triage complaints and follow plan approval.
//!
//! Anonymity: the core never learns a chat or platform user id, so no command can carry one; a tip
//! is filed with actor `anonymous` and no reporter; a new receipt code arrives only in the outcome of
//! a successful filing, is shown once and never enters the conversation state; a code the citizen
//! types back goes straight into the query or command of that same step.

pub mod channel;
mod command;
mod conversation;
mod flows;
mod io;
pub mod limits;
mod message;
mod parse;
mod step;
mod text;

pub use channel::{ChatRef, Handler, PushError, Pusher};
pub use command::{Audience, BotCommand, CommandError};
pub use conversation::{
    Conversation, Flow, FollowUp, FollowUpAction, FollowUpStep, Identity, ItemChoice, ItemsPurpose, Lang, Linking,
    Loading, QueueFlow, QueueStep, Report, ReportStep, ReporterAction, Review, ReviewStep, RoundPurpose, Tip, TipStep,
    IDLE_TIMEOUT_MINUTES,
};
pub use io::{
    AgencyStatus, Answer, Ask, CaseQuestion, CaseStatus, CaseView, Digest, Effect, Input, ItemBrief, MyItem, MyItems,
    Outcome, PersonView, QueueCase, ReviewItem, RoundInfo, RoundStatus, SubmissionState, TipFiling,
};
pub use message::{Button, Message, Png};

/// The core's wording of dates, money and states, for adapters that draw their own cards (LINE
/// Flex) so a card and the chat say the same thing.
pub mod words {
    pub use crate::text::{
        budget, case_status_label, category_label, date, quarters, reason_label, status_label, submission_state_label,
    };
}
pub use step::step;
