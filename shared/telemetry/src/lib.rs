//! Tracing setup shared by every Sujarit binary: `RUST_LOG` filters (default `info`), pretty
//! human logs on a terminal, JSON lines when `SUJARIT_LOG_FORMAT=json` (production). Logs go
//! to stderr so that stdout stays for what a command prints for people and scripts.

use tracing_subscriber::{fmt, EnvFilter};

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable.
    Pretty,
    /// One JSON object per line.
    Json,
}

impl Format {
    /// Reads `SUJARIT_LOG_FORMAT` (`json` or anything else for pretty).
    pub fn from_env() -> Self {
        match std::env::var("SUJARIT_LOG_FORMAT").as_deref() {
            Ok("json") => Format::Json,
            _ => Format::Pretty,
        }
    }
}

/// Installs the global subscriber once; later calls (as in tests) are no-ops.
pub fn init(default_filter: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match Format::from_env() {
        Format::Json => builder.json().with_current_span(true).try_init(),
        Format::Pretty => builder.compact().try_init(),
    };
}
