//! The complaint desk, answered by the ledger: opening a case (reporter with the receipt code, or
//! a handler as the actor) and uploading a file to a case.

use async_nats::HeaderMap;
use sujarit_contracts::complaint::{
    AttachmentRef, CaseView, ReceiptCode, ViewCase, DESK_ATTACH, DESK_VIEW, HEADER_CASE_ID, HEADER_RECEIPT_CODE,
};
use sujarit_contracts::query::QueryReply;
use sujarit_contracts::{headers, Actor};
use uuid::Uuid;

use crate::query::QueryError;

async fn request<T: serde::de::DeserializeOwned>(
    nats: &async_nats::Client,
    subject: &str,
    map: HeaderMap,
    body: Vec<u8>,
) -> Result<T, QueryError> {
    let message = nats
        .request_with_headers(subject.to_string(), map, body.into())
        .await
        .map_err(|source| QueryError::NoAnswer {
            subject: subject.to_string(),
            source,
        })?;
    let reply: QueryReply<T> = serde_json::from_slice(&message.payload).map_err(QueryError::BadReply)?;
    reply.into_result().map(|(_, data)| data).map_err(QueryError::Refused)
}

/// Opens a case as `actor`, with the receipt code when the reporter asks.
pub async fn view_case(
    nats: &async_nats::Client,
    actor: &Actor,
    case_id: Uuid,
    receipt_code: Option<&str>,
) -> Result<CaseView, QueryError> {
    let mut map = HeaderMap::new();
    map.insert(headers::ACTOR, actor.to_string().as_str());
    let body = ViewCase {
        case_id,
        receipt_code: receipt_code.map(|c| ReceiptCode(c.to_string())),
    };
    let body = serde_json::to_vec(&body).map_err(QueryError::BadReply)?;
    request(nats, DESK_VIEW, map, body).await
}

/// Uploads a file to a case (before filing, or later with the receipt code or as a handler).
pub async fn attach(
    nats: &async_nats::Client,
    actor: &Actor,
    case_id: Uuid,
    receipt_code: Option<&str>,
    bytes: Vec<u8>,
) -> Result<AttachmentRef, QueryError> {
    let mut map = HeaderMap::new();
    map.insert(headers::ACTOR, actor.to_string().as_str());
    map.insert(HEADER_CASE_ID, case_id.to_string().as_str());
    if let Some(code) = receipt_code {
        map.insert(HEADER_RECEIPT_CODE, code);
    }
    request(nats, DESK_ATTACH, map, bytes).await
}
