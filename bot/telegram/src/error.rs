//! What can go wrong talking to the Bot API, as one enum callers can match.
//!
//! Nothing here carries the token (teloxide strips it from network errors' URLs) or the text of
//! a message: the raw body kept by a JSON parse failure, which echoes what was sent, is dropped
//! on the way in.

use teloxide::{ApiError, DownloadError, RequestError};

/// A Bot API call failed.
#[derive(Debug, thiserror::Error)]
pub enum TelegramError {
    /// The Bot API does not know the token (HTTP 401/404): nothing will work until it is fixed.
    #[error("the Bot API refused the bot token; check SUJARIT_TELEGRAM_TOKEN")]
    InvalidToken,
    /// A call failed (network, refusal, rate limit after retries).
    #[error("Bot API request failed: {0}")]
    Request(RequestError),
    /// Downloading a file failed.
    #[error("downloading a file from Telegram failed: {0}")]
    Download(#[from] DownloadError),
    /// The file is larger than the limit; nothing was kept.
    #[error("the file is larger than the {limit}-byte limit")]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A chat id that is not Telegram's (an integer).
    #[error("not a Telegram chat id (expected an integer)")]
    BadChatId,
    /// The configuration is unusable.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// The HTTP client could not be built.
    #[error("could not build the HTTP client for the Bot API: {0}")]
    HttpClient(String),
}

impl From<RequestError> for TelegramError {
    fn from(error: RequestError) -> Self {
        match error {
            RequestError::Api(ApiError::InvalidToken) => TelegramError::InvalidToken,
            // The raw body may echo a message we sent (a receipt code): keep only the parse error.
            RequestError::InvalidJson { source, .. } => TelegramError::Request(RequestError::InvalidJson {
                source,
                raw: "<omitted>".into(),
            }),
            other => TelegramError::Request(other),
        }
    }
}
