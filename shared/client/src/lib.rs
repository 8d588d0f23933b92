//! A thin client for Sujarit commands: one place that knows how a command message is built
//! (subject, `Sujarit-*` headers, JSON body) and how the reply is read. The CLI, the benchmark,
//! the tests and the bot gateway all send commands through it.

use async_nats::HeaderMap;
use sujarit_contracts::{headers, Actor, Command, Reply};
use uuid::Uuid;

/// Why no reply was obtained. A `Rejected` reply is not an error here: it is a [`Reply`].
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// No ledger answered (none running, timeout, connection lost). Retry with the same id.
    #[error("no answer from the ledger on {subject}: {source}")]
    NoAnswer {
        /// The command subject.
        subject: String,
        /// The NATS error.
        #[source]
        source: async_nats::RequestError,
    },
    /// The answer was not a reply.
    #[error("the ledger's answer could not be read: {0}")]
    BadReply(serde_json::Error),
}

/// A reply with the flags carried in its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The reply.
    pub reply: Reply,
    /// True when the ledger repeated the answer to an earlier command with this id.
    pub replayed: bool,
}

/// Options of one command send.
#[derive(Debug, Clone, Default)]
pub struct SendOptions {
    /// The idempotency key; a fresh UUIDv7 when `None`. Reuse it to retry safely.
    pub command_id: Option<Uuid>,
    /// Optimistic-concurrency check.
    pub expected_version: Option<u64>,
    /// Correlation id.
    pub correlation_id: Option<Uuid>,
}

/// Sends commands as one actor.
#[derive(Clone)]
pub struct CommandClient {
    nats: async_nats::Client,
    actor: Actor,
}

impl CommandClient {
    /// A client acting as `actor`.
    pub fn new(nats: async_nats::Client, actor: Actor) -> Self {
        CommandClient { nats, actor }
    }

    /// Sends a command with a fresh id and waits for the ledger's reply.
    pub async fn send(&self, command: &Command) -> Result<Answer, ClientError> {
        self.send_with(command, SendOptions::default()).await
    }

    /// Sends a command with explicit options.
    pub async fn send_with(&self, command: &Command, options: SendOptions) -> Result<Answer, ClientError> {
        let command_id = options.command_id.unwrap_or_else(Uuid::now_v7);
        let mut map = HeaderMap::new();
        map.insert(headers::COMMAND_ID, command_id.to_string().as_str());
        map.insert(headers::ACTOR, self.actor.to_string().as_str());
        if let Some(v) = options.expected_version {
            map.insert(headers::EXPECTED_VERSION, v.to_string().as_str());
        }
        if let Some(c) = options.correlation_id {
            map.insert(headers::CORRELATION_ID, c.to_string().as_str());
        }
        send_raw(&self.nats, command.subject(), map, command.body()).await
    }
}

/// Sends a raw command message (any subject, headers and body) and reads the reply.
pub async fn send_raw(
    nats: &async_nats::Client,
    subject: String,
    map: HeaderMap,
    body: Vec<u8>,
) -> Result<Answer, ClientError> {
    let message = nats
        .request_with_headers(subject.clone(), map, body.into())
        .await
        .map_err(|source| ClientError::NoAnswer { subject, source })?;
    let replayed = message
        .headers
        .as_ref()
        .and_then(|h| h.get(headers::REPLAYED))
        .is_some_and(|v| v.as_str() == "true");
    let reply = serde_json::from_slice(&message.payload).map_err(ClientError::BadReply)?;
    Ok(Answer { reply, replayed })
}

pub mod desk;
pub mod events;
pub mod query;
