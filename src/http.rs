//! The HTTP server of `sujarit up` on 127.0.0.1: a status page and a health check for now; the
//! dashboard, web chat and tip form mount here as they arrive.

use axum::extract::State;
use axum::response::{Html, IntoResponse, Json};
use axum::routing::get;
use axum::Router;
use sujarit_eventstore::EventStore;
use tokio_util::sync::CancellationToken;

#[derive(Clone)]
struct AppState {
    store: EventStore,
    nats_url: String,
}

/// Serves until `shutdown`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: EventStore,
    query: sujarit_query::Query,
    nats_url: String,
    shutdown: CancellationToken,
) {
    let app = Router::new()
        .route("/", get(index))
        .route("/healthz", get(health))
        .with_state(AppState { store, nats_url })
        .merge(sujarit_query::http::router(query));
    if let Err(e) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await
    {
        tracing::error!(error = %e, "HTTP server stopped");
    }
}

async fn health(State(state): State<AppState>) -> impl IntoResponse {
    Json(serde_json::json!({
        "status": "ok",
        "events": state.store.durable_position(),
        "store": state.store.stats(),
    }))
}

async fn index(State(state): State<AppState>) -> Html<String> {
    let stats = state.store.stats();
    Html(format!(
        r#"<!doctype html><html lang="th"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sujarit · สุจริต</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
td{{padding:.2rem 1rem .2rem 0}}</style>
<h1>สุจริต · Sujarit</h1>
<p>ระบบติดตามแผนปฏิบัติการป้องกันและปราบปรามการทุจริตระดับจังหวัด<br>
Provincial anti-corruption action plans: approvals, progress reports and complaints.</p>
<table>
<tr><td>เหตุการณ์ที่บันทึก · events recorded</td><td>{events}</td></tr>
<tr><td>รอบบันทึก (fsync) · group commits</td><td>{groups}</td></tr>
<tr><td>NATS</td><td><code>{nats}</code></td></tr>
</table>
<p>สถานะเครื่อง · machine-readable status: <a href="/healthz">/healthz</a></p>
</html>"#,
        events = state.store.durable_position(),
        groups = stats.groups,
        nats = state.nats_url,
    ))
}
