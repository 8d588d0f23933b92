//! The event envelope of DESIGN.md ("Events"): how every fact is stored and published.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use uuid::Uuid;

use crate::{DecodeError, DomainEvent};

/// One recorded fact with its metadata; its JSON form is what the store keeps and JetStream carries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventEnvelope {
    /// Unique id (UUIDv7; for anonymous material a v4, which carries no time).
    pub event_id: Uuid,
    /// The stream (aggregate instance), e.g. `plan-<uuid>`.
    pub stream: String,
    /// Version within the stream, from 1.
    pub version: u64,
    /// Global position in the store, from 1.
    pub position: u64,
    /// Past-tense type name, e.g. `PlanEndorsed`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Payload schema version, for upcasting.
    pub schema: u32,
    /// When it was recorded (UTC); truncated to the hour for anonymous material.
    pub occurred_at: DateTime<Utc>,
    /// Person id, `service:<name>`, or `anonymous`.
    pub actor: String,
    /// The wider operation this belongs to.
    pub correlation_id: Uuid,
    /// The id of the command that caused it.
    pub causation_id: Uuid,
    /// The event body.
    pub payload: Box<RawValue>,
}

impl EventEnvelope {
    /// Decodes the payload as an event of aggregate type `E`.
    pub fn decode<E: DomainEvent>(&self) -> Result<E, DecodeError> {
        E::from_payload(&self.event_type, self.payload.get())
    }

    /// The aggregate kind of the stream (`plan` for `plan-…`).
    pub fn aggregate(&self) -> &str {
        self.stream.split_once('-').map(|(a, _)| a).unwrap_or(&self.stream)
    }
}
