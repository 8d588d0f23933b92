//! Wire contracts of Sujarit: what crosses NATS between processes.
//!
//! Commands, events, replies, subjects, headers and error codes are plain serde types with no I/O,
//! so every service, the bot gateway and the CLI agree on one definition. The ledger is the only
//! writer; everyone else sends commands (`sujarit.cmd.…`) and reads events (`sujarit.evt.…`).

pub mod command;
pub mod complaint;
pub mod envelope;
pub mod error;
pub mod headers;
pub mod orgunit;
pub mod people;
pub mod plan;
pub mod query;
pub mod reply;
pub mod round;
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
    /// The JSON does not match the type; the message names the field.
    #[error("`{0}` does not match its schema: {1}")]
    Json(String, String),
}

/// Parses JSON into `T`, naming the field at fault (`org_unit_id: invalid type …`).
pub fn decode_json<T: serde::de::DeserializeOwned>(type_name: &str, json: &[u8]) -> Result<T, DecodeError> {
    // The fast path: plain serde. Only a failure pays for tracking the path to the bad field.
    if let Ok(value) = serde_json::from_slice(json) {
        return Ok(value);
    }
    let fail = |message: String| DecodeError::Json(type_name.to_string(), message);
    let mut de = serde_json::Deserializer::from_slice(json);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path.is_empty() || path == "." {
            fail(inner.to_string())
        } else {
            fail(format!("field `{path}`: {inner}"))
        }
    })?;
    de.end().map_err(|e| fail(e.to_string()))?;
    Ok(value)
}
