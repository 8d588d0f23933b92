//! The webhook: Telegram posts each update to `POST /webhooks/telegram`.
//!
//! Order of checks: the `X-Telegram-Bot-Api-Secret-Token` header first, compared in constant time
//! (missing or wrong → 401, and the body is not even parsed); then the body must be a JSON
//! `Update` (else 400 with the parse error). A good update is queued behind its chat's earlier
//! ones and answered 200 at once: Telegram waits for the answer before sending the chat's next
//! update, and the replies go out through the Bot API, not in the HTTP response.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use sujarit_bot::Handler;
use teloxide::types::Update;

use crate::config::WebhookSecret;
use crate::Telegram;

/// Where Telegram posts updates.
pub const WEBHOOK_PATH: &str = "/webhooks/telegram";
/// The header carrying the webhook secret.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

struct WebhookState<H> {
    telegram: Telegram,
    handler: Arc<H>,
    secret: WebhookSecret,
}

impl Telegram {
    /// The router for `POST /webhooks/telegram`, to merge into the gateway's HTTP server.
    /// Register the public URL with [`crate::set_webhook`] and the same secret; after the server
    /// stops, call [`Telegram::drain`] to let updates in flight finish.
    pub fn webhook_router<H: Handler>(&self, handler: Arc<H>, secret: WebhookSecret) -> Router {
        let state = Arc::new(WebhookState {
            telegram: self.clone(),
            handler,
            secret,
        });
        Router::new().route(WEBHOOK_PATH, post(receive::<H>)).with_state(state)
    }
}

async fn receive<H: Handler>(State(state): State<Arc<WebhookState<H>>>, headers: HeaderMap, body: Bytes) -> Response {
    let authorised = headers
        .get(SECRET_HEADER)
        .is_some_and(|presented| state.secret.matches(presented.as_bytes()));
    if !authorised {
        tracing::warn!("Telegram webhook call without the right secret token; refused");
        return (
            StatusCode::UNAUTHORIZED,
            "missing or wrong X-Telegram-Bot-Api-Secret-Token header\n",
        )
            .into_response();
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(error) => {
            // The message may quote the body; the log keeps only where it broke.
            tracing::warn!(
                kind = ?error.classify(),
                line = error.line(),
                column = error.column(),
                "Telegram webhook body is not an Update"
            );
            return (
                StatusCode::BAD_REQUEST,
                format!("the body is not a JSON Telegram Update: {error}\n"),
            )
                .into_response();
        }
    };
    state.telegram.accept(update, &state.handler);
    StatusCode::OK.into_response()
}
