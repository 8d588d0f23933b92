//! NATS header names carried by every command message.

/// The command id (UUID): the idempotency key. Required.
pub const COMMAND_ID: &str = "Sujarit-Command-Id";
/// Who acts: a person id, `service:<name>`, or `anonymous`. Required.
pub const ACTOR: &str = "Sujarit-Actor";
/// Optional: the aggregate version the sender decided on; a different one is a conflict.
pub const EXPECTED_VERSION: &str = "Sujarit-Expected-Version";
/// Optional: ties the command's events to a wider operation (defaults to the command id).
pub const CORRELATION_ID: &str = "Sujarit-Correlation-Id";
/// Set to `true` on a reply that repeats the answer to an earlier command with the same id.
pub const REPLAYED: &str = "Sujarit-Replayed";
