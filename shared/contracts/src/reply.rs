//! The answer to every command.

use serde::{Deserialize, Serialize};

use crate::{DomainError, ErrorCode, Text};

/// What the ledger answers to a command: accepted (durable) or rejected with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Reply {
    /// The command's events are durable at these positions.
    Accepted {
        /// The stream written to.
        stream: String,
        /// The stream's version after the command.
        version: u64,
        /// Global positions of the new events (empty when the command changed nothing).
        positions: Vec<u64>,
    },
    /// Nothing was written.
    Rejected {
        /// The closed-list code.
        code: ErrorCode,
        /// What was wrong, in Thai and English.
        message: Text,
    },
}

impl Reply {
    /// A rejection from a domain error.
    pub fn rejected(error: DomainError) -> Self {
        Reply::Rejected {
            code: error.code,
            message: error.message,
        }
    }

    /// Whether the command was accepted.
    pub fn is_accepted(&self) -> bool {
        matches!(self, Reply::Accepted { .. })
    }

    /// The rejection code, if rejected.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Reply::Accepted { .. } => None,
            Reply::Rejected { code, .. } => Some(*code),
        }
    }
}
