//! End-to-end conversations through `step`, with the adapter's outcomes scripted by hand.

mod citizen;
mod general;
mod link;
mod officer;
mod secretariat;
mod support;
