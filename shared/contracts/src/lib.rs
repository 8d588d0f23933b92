//! Wire contracts of Sujarit: what crosses NATS between processes.
//!
//! Commands, events, replies, subjects, headers and error codes are plain serde types with no I/O,
//! so every service, the bot gateway and the CLI agree on one definition. The ledger is the only
//! writer; everyone else sends commands (`sujarit.cmd.…`) and reads events (`sujarit.evt.…`).

pub mod command;
pub mod envelope;
pub mod error;
pub mod headers;
pub mod orgunit;
pub mod reply;
pub mod stream;
pub mod subjects;

mod macros;

pub use command::{Actor, Command, CommandError};
pub use envelope::EventEnvelope;
pub use error::{DomainError, ErrorCode, Text};
pub use reply::Reply;
pub use stream::{StreamName, StreamNameError};

/// An event type of one aggregate: a past-tense fact with a stable type name and schema version.
pub trait DomainEvent: Sized {
    /// The type name stored in the envelope (`OrgUnitRegistered`).
    fn event_type(&self) -> &'static str;
    /// The payload schema version, for upcasting old events.
    fn schema(&self) -> u32;
    /// The payload as JSON.
    fn to_payload(&self) -> serde_json::Result<Box<serde_json::value::RawValue>>;
    /// Rebuilds the event from its stored type name and payload.
    fn from_payload(event_type: &str, payload: &str) -> Result<Self, DecodeError>;
}

/// A stored event or command body that cannot be decoded.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The type name is not one this build knows.
    #[error("unknown type `{0}`")]
    UnknownType(String),
    /// The JSON does not match the type.
    #[error("`{0}` does not match its schema: {1}")]
    Json(String, serde_json::Error),
}
