//! The notifier's scheduling core on a simulated clock: given events at given times, when the
//! clock runs (every 15 minutes, for weeks), then these notifications go to these people at these
//! times, once each.

mod acceptance;
mod meetings;
mod officers;
mod replay;
mod secretariat;
mod support;
