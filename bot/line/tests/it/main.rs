//! Integration tests of the LINE adapter: the webhook, replies and pushes, the rich menu setup
//! and the cards, against a fake LINE API on a random local port and a scripted handler.

mod cards;
mod outbound;
mod support;
mod webhook;
