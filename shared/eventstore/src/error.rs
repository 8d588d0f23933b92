//! Errors of the event store, typed so callers can match on them.

use std::path::PathBuf;

/// Why the store refused to open.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The directory could not be created or read.
    #[error("cannot use data dir {0}: {1}")]
    Io(PathBuf, #[source] std::io::Error),
    /// The data was written by another, incompatible format version.
    #[error(
        "data dir {path} holds event store format `{found}`, but this build reads `{expected}`; \
         run the matching Sujarit version or migrate the data — nothing was changed"
    )]
    Format {
        /// The directory.
        path: PathBuf,
        /// What the data says.
        found: String,
        /// What this build needs.
        expected: &'static str,
    },
    /// The files are damaged or are not a Sujarit event store.
    #[error(
        "data dir {0} is damaged or is not a Sujarit event store ({1}); \
         restore it from a backup — it was not reset and nothing was changed"
    )]
    Damaged(PathBuf, String),
}

impl OpenError {
    pub(crate) fn from_sled(path: &std::path::Path, e: sled::Error) -> Self {
        match e {
            sled::Error::Io(io) => OpenError::Io(path.to_path_buf(), io),
            other => OpenError::Damaged(path.to_path_buf(), other.to_string()),
        }
    }
}

/// A read or metadata operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// sled failed (I/O or damaged data).
    #[error("event store storage error: {0}")]
    Storage(String),
    /// A stored record could not be decoded.
    #[error("event store record is damaged: {0}")]
    Damaged(String),
    /// The writer stopped or a commit failed; the process must restart.
    #[error("{0}")]
    Unavailable(String),
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        StoreError::Storage(e.to_string())
    }
}

/// Why an append was not done. Nothing of a failed append is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppendError {
    /// The stream is not at the expected version.
    #[error("stream {stream} is at version {actual}, not the expected {expected}")]
    Conflict {
        /// The stream.
        stream: String,
        /// What the caller expected.
        expected: String,
        /// What it is.
        actual: u64,
    },
    /// The append itself is malformed.
    #[error("invalid append: {0}")]
    Invalid(String),
    /// The store cannot take writes now (writer stopped, disk failure); retry after restart.
    #[error("event store unavailable: {0}")]
    Unavailable(String),
}
