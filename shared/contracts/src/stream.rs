//! Stream names: `<aggregate>-<id>`, e.g. `orgunit-0190…`. The aggregate part names the JetStream
//! subject (`sujarit.evt.<aggregate>.<EventType>`); the whole name keys the event store.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest stream name accepted, in bytes.
pub const MAX_STREAM_NAME: usize = 200;

/// A validated stream name: `<aggregate>-<id>`, ASCII letters, digits, `-`, `_`, `.`, `:` only.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StreamName(String);

/// Why a stream name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StreamNameError {
    /// Empty, too long, or without the `<aggregate>-<id>` shape.
    #[error("stream name `{0}` must look like `<aggregate>-<id>` (at most {MAX_STREAM_NAME} bytes)")]
    Shape(String),
    /// Contains a character outside the allowed set.
    #[error("stream name `{0}` may contain only ASCII letters, digits, `-`, `_`, `.` and `:`")]
    Character(String),
}

impl StreamName {
    /// Builds the stream name of one aggregate instance.
    pub fn of(aggregate: &str, id: impl fmt::Display) -> Result<Self, StreamNameError> {
        Self::parse(format!("{aggregate}-{id}"))
    }

    /// The stream of an aggregate instance with a UUID id. Infallible: a UUID is always a valid id,
    /// and `aggregate` is one of our lowercase kind constants (checked in debug builds).
    pub fn for_id(aggregate: &'static str, id: uuid::Uuid) -> Self {
        debug_assert!(!aggregate.is_empty() && aggregate.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
        StreamName(format!("{aggregate}-{id}"))
    }

    /// Validates a full stream name.
    pub fn parse(name: impl Into<String>) -> Result<Self, StreamNameError> {
        let name = name.into();
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':');
        if !name.chars().all(allowed) {
            return Err(StreamNameError::Character(name));
        }
        let shape_ok = name.len() <= MAX_STREAM_NAME
            && matches!(name.split_once('-'), Some((agg, id))
                if !agg.is_empty() && !id.is_empty()
                    && agg.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
        if !shape_ok {
            return Err(StreamNameError::Shape(name));
        }
        Ok(StreamName(name))
    }

    /// The aggregate kind: the part before the first `-`.
    pub fn aggregate(&self) -> &str {
        self.0.split_once('-').map(|(agg, _)| agg).unwrap_or(&self.0)
    }

    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StreamName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for StreamName {
    type Error = StreamNameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<StreamName> for String {
    fn from(value: StreamName) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_names_split_into_aggregate_and_id() {
        let name = StreamName::parse("orgunit-0190a1b2-c3d4").unwrap();
        assert_eq!(name.aggregate(), "orgunit");
    }

    #[test]
    fn stream_names_with_spaces_nul_or_no_aggregate_are_refused() {
        assert!(matches!(
            StreamName::parse("plan 1"),
            Err(StreamNameError::Character(_))
        ));
        assert!(matches!(
            StreamName::parse("plan-\0"),
            Err(StreamNameError::Character(_))
        ));
        assert!(matches!(StreamName::parse("-abc"), Err(StreamNameError::Shape(_))));
        assert!(matches!(StreamName::parse("plan-"), Err(StreamNameError::Shape(_))));
        assert!(matches!(StreamName::parse("Plan-1"), Err(StreamNameError::Shape(_))));
        assert!(StreamName::parse("x".repeat(MAX_STREAM_NAME + 1)).is_err());
    }
}
