//! The HTTP server of `sujarit up` on 127.0.0.1: the web chat (`/`), the status page
//! (`/status`), the health check, the query service's JSON/CSV/XLSX API (`/api/…`), the anonymous
//! tip pages (`/tip`, `/tip/status`) and the published complaint statistics (`/stats`).

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
    nats: async_nats::Client,
    web_chat: Router,
    nats_url: String,
    shutdown: CancellationToken,
) {
    // No request logging and no connection info: the tip pages and the chat must never see or
    // keep who sent what (see `tip` and the gateway's `web`).
    let app = Router::new()
        .route("/status", get(index))
        .route("/healthz", get(health))
        .with_state(AppState { store, nats_url })
        .merge(sujarit_query::http::router(query))
        .merge(crate::tip::router(nats))
        .merge(web_chat);
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
<p><a href="/">แชท · chat</a><br>
<a href="/tip">แจ้งเบาะแสการทุจริต (ไม่ระบุตัวตน) · report corruption anonymously</a><br>
<a href="/tip/status">ติดตามเรื่องด้วยรหัสรับเรื่อง · follow up with your receipt code</a><br>
<a href="/stats">สถิติเรื่องร้องเรียน · complaint statistics</a><br>
<a href="/api/rounds">รอบรายงาน · reporting rounds (JSON)</a> · <a href="/api/plans">แผน · plans (JSON)</a></p>
<p>สถานะเครื่อง · machine-readable status: <a href="/healthz">/healthz</a></p>
</html>"#,
        events = state.store.durable_position(),
        groups = stats.groups,
        nats = state.nats_url,
    ))
}
