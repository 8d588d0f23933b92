//! Integration tests of the Telegram adapter against a fake Bot API (see `fake.rs` for why a
//! fake of our own rather than `teloxide_tests`), with a scripted handler in place of the gateway.

mod download;
mod inbound;
mod outbound;
mod polling;
mod secrets;
mod support;
mod webhook;
