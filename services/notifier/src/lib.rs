//! The notifier's scheduling core (DESIGN.md, "Reminders" and "notifier"): it folds the events of
//! `SUJARIT_EVENTS` into a [`Schedule`] and says, for any instant, which notifications are due.
//!
//! Everything here is pure: the clock is an argument, nothing is read or written, so weeks of
//! schedule run in milliseconds in tests. A NATS wrapper (not part of this crate yet) consumes the
//! events with a durable consumer, calls [`Schedule::apply`] for each, ticks [`Schedule::due`]
//! with the real time, publishes each [`Notification`] on `sujarit.notify.…` with
//! `Nats-Msg-Id` = its id, calls [`Schedule::mark_sent`], and persists the schedule (it is serde).
//!
//! - [`schedule`]: the state, the fold and the due notifications;
//! - [`rules`]: when reminders fire, with defaults and per-plan overrides;
//! - [`calendar`]: Bangkok time and Thai working days;
//! - [`notification`]: kinds, recipients and deterministic ids;
//! - `text`: every message, in Thai and English.

pub mod calendar;
pub mod digest;
pub mod notification;
pub mod rules;
pub mod schedule;
pub mod service;
mod text;

pub use calendar::Calendar;
pub use notification::{notification_id, Kind, Lang, Notification, Recipient};
pub use rules::{ComplaintRules, PlanRules, QuietHours, Rules, RulesError};
pub use schedule::{registration_due, Applied, Prefs, Schedule};
