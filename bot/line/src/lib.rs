//! The LINE Messaging API channel adapter of the Sujarit chat bot.
//!
//! LINE is where Thai citizens and local officials already talk to their government, so the bot
//! meets them there with what a Thai government LINE Official Account offers: a rich menu of four
//! big buttons (รายงานผล · แจ้งเบาะแส · ติดตามเรื่อง · ช่วยเหลือ), quick-reply buttons under each
//! question, and cards for a receipt code, a complaint's status and a progress report.
//!
//! How it fits (DESIGN.md, "bot gateway"): the conversation is the core's pure state machine
//! (`sujarit-bot`); the gateway runs it and its effects over NATS behind the [`Handler`] seam.
//! This crate turns LINE webhook events into [`sujarit_bot::Input`]s for a [`sujarit_bot::ChatRef`]
//! ([`webhook_router`], with the signature checked before anything is read), renders the
//! handler's [`sujarit_bot::Message`]s as LINE messages ([`render_messages`]) and sends them with
//! the reply token or by push, pushes notifications ([`LinePusher`]), hands the gateway the photos
//! people send ([`LineClient::download_content`]), and installs the rich menu ([`setup`], for
//! `sujarit line setup`).
//!
//! Privacy: secrets are redacted in `Debug` and never logged; nor are chat ids or message texts
//! (a LINE user id next to a tip would name the tipster), and the receipt code never appears in
//! what LINE shows outside the chat (notifications, chat list).
//!
//! [`Handler`]: sujarit_bot::Handler

mod client;
mod config;
mod flex;
mod pusher;
mod render;
mod richmenu;
mod signature;
mod text;
mod webhook;

pub use client::{LineClient, LineError, RichMenuId, IMAGE_PATH, MAX_CONTENT_BYTES};
pub use config::{
    ConfigError, LineConfig, LineConfigFile, Secret, DEFAULT_API_URL, DEFAULT_DATA_API_URL, DEFAULT_REPLY_WINDOW,
    ENV_ACCESS_TOKEN, ENV_API_URL, ENV_CHANNEL_SECRET, ENV_DATA_API_URL, ENV_PUBLIC_URL,
};
pub use flex::{case_status_card, receipt_card, submission_card, SubmissionSummary, MAX_ALT_TEXT_CHARS};
pub use pusher::LinePusher;
pub use render::{
    render_messages, MAX_DISPLAY_TEXT_CHARS, MAX_LABEL_CHARS, MAX_MESSAGES_PER_REQUEST, MAX_POSTBACK_DATA_CHARS,
    MAX_QUICK_REPLIES, MAX_TEXT_CHARS,
};
pub use richmenu::{
    rich_menu_definition, rich_menu_image, setup, setup_with, COMMAND_PAYLOAD, RICH_MENU_HEIGHT, RICH_MENU_NAME,
    RICH_MENU_WIDTH,
};
pub use signature::{sign, verify_signature, SIGNATURE_HEADER};
pub use webhook::{webhook_router, webhook_router_with_tasks, WEBHOOK_PATH};
