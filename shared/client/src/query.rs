//! Asking the query service: `sujarit.qry.<view>` request/reply with an optional
//! `Sujarit-Min-Position`, so a client can read its own writes (pass the position of the last
//! accepted command, or the stream's last sequence).

use async_nats::HeaderMap;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sujarit_contracts::query::{self, QueryReply};
use sujarit_contracts::DomainError;

/// Why a query got no view.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// No query service answered.
    #[error("no answer from the query service on {subject}: {source}")]
    NoAnswer {
        /// The query subject.
        subject: String,
        /// The NATS error.
        #[source]
        source: async_nats::RequestError,
    },
    /// The answer was not a reply of the expected shape.
    #[error("the query service's answer could not be read: {0}")]
    BadReply(serde_json::Error),
    /// The service answered with an error.
    #[error("{}: {}\n{}", .0.code, .0.message.th, .0.message.en)]
    Refused(DomainError),
}

/// Asks `view` with `request` as the body; waits for `min_position` when given. Returns the
/// position the view reflects and the view.
pub async fn ask<Q: Serialize, T: DeserializeOwned>(
    nats: &async_nats::Client,
    view: &str,
    request: &Q,
    min_position: Option<u64>,
) -> Result<(u64, T), QueryError> {
    let subject = query::subject(view);
    let mut map = HeaderMap::new();
    if let Some(position) = min_position {
        map.insert(query::MIN_POSITION, position.to_string().as_str());
    }
    let body = serde_json::to_vec(request).map_err(QueryError::BadReply)?;
    let message = nats
        .request_with_headers(subject.clone(), map, body.into())
        .await
        .map_err(|source| QueryError::NoAnswer { subject, source })?;
    let reply: QueryReply<T> = serde_json::from_slice(&message.payload).map_err(QueryError::BadReply)?;
    reply.into_result().map_err(QueryError::Refused)
}
