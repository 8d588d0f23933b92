//! Error codes and bilingual messages: the closed list every rejection uses.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The closed list of rejection codes (DESIGN.md, "NATS subjects").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The command or its input is malformed or breaks a rule.
    Validation,
    /// The aggregate is not in the expected version or state.
    Conflict,
    /// The actor may not do this.
    Forbidden,
    /// The target does not exist.
    NotFound,
    /// Too many attempts; try later.
    RateLimited,
    /// A dependency is down; retry with the same command id.
    Unavailable,
    /// A bug or storage failure on our side.
    Internal,
}

impl ErrorCode {
    /// The code as written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Validation => "validation",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A user-facing text in Thai (first) and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// Thai.
    pub th: String,
    /// English.
    pub en: String,
}

impl Text {
    /// Builds a bilingual text.
    pub fn new(th: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            th: th.into(),
            en: en.into(),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.th, self.en)
    }
}

/// A rule broken by a command: a code the caller can match and a message a person can read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct DomainError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// What was wrong, in Thai and English.
    pub message: Text,
}

impl DomainError {
    /// Builds an error from a code and the two texts.
    pub fn new(code: ErrorCode, th: impl Into<String>, en: impl Into<String>) -> Self {
        DomainError {
            code,
            message: Text::new(th, en),
        }
    }
}
