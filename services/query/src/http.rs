//! HTTP JSON (and CSV) routes over the read models, merged into the `sujarit up` web server:
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/status` | position, stream counts, digest |
//! | `GET /api/plans` · `GET /api/plans/{id}` | plan list · one plan's state |
//! | `GET /api/rounds` · `GET /api/rounds/{id}/report[?format=json\|csv]` | round list · consolidated table |
//! | `GET /api/orgunits` · `GET /api/orgunits/match?name=…&province=…` | org units · name suggestions |
//!
//! Errors are `{code, message: {th, en}}` with a matching status code.

use axum::extract::{Path, Query as Params, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use sujarit_contracts::query::MatchRequest;
use sujarit_contracts::{DomainError, ErrorCode};
use uuid::Uuid;

use crate::{export, Query};

/// The routes, with the query service as state.
pub fn router(query: Query) -> Router {
    Router::new()
        .route("/api/status", get(status))
        .route("/api/plans", get(plans))
        .route("/api/plans/{id}", get(plan))
        .route("/api/rounds", get(rounds))
        .route("/api/rounds/{id}/report", get(report))
        .route("/api/orgunits", get(org_units))
        .route("/api/orgunits/match", get(match_org_unit))
        .with_state(query)
}

struct ApiError(DomainError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match self.0.code {
            ErrorCode::Validation => StatusCode::BAD_REQUEST,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let body = serde_json::json!({ "code": self.0.code, "message": self.0.message });
        (status, Json(body)).into_response()
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        ApiError(e)
    }
}

fn bad_id(raw: &str) -> ApiError {
    ApiError(DomainError::new(
        ErrorCode::Validation,
        format!("`{raw}` ไม่ใช่รหัสที่ถูกต้อง (UUID)"),
        format!("`{raw}` is not a valid id (UUID)"),
    ))
}

fn id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw.trim()).map_err(|_| bad_id(raw))
}

async fn status(State(query): State<Query>) -> Result<Response, ApiError> {
    let models = query.models()?;
    Ok(Json(serde_json::json!({
        "position": models.position(),
        "streams": models.counts(),
        "skipped": models.skipped(),
        "digest": models.digest(),
    }))
    .into_response())
}

async fn plans(State(query): State<Query>) -> Result<Response, ApiError> {
    Ok(Json(query.models()?.plan_list()).into_response())
}

async fn plan(State(query): State<Query>, Path(raw): Path<String>) -> Result<Response, ApiError> {
    let plan_id = id(&raw)?;
    let state = query
        .models()?
        .stream_state(sujarit_contracts::plan::stream(plan_id).as_str())?;
    Ok(Json(state).into_response())
}

async fn rounds(State(query): State<Query>) -> Result<Response, ApiError> {
    Ok(Json(query.models()?.round_list()).into_response())
}

#[derive(Deserialize)]
struct ReportParams {
    format: Option<String>,
}

async fn report(
    State(query): State<Query>,
    Path(raw): Path<String>,
    Params(params): Params<ReportParams>,
) -> Result<Response, ApiError> {
    let round_id = id(&raw)?;
    let report = query.models()?.round_report(round_id)?;
    match params.format.as_deref().unwrap_or("json") {
        "json" => Ok(Json(report).into_response()),
        "csv" => {
            let body = export::report_csv(&report).map_err(|e| {
                ApiError(DomainError::new(
                    ErrorCode::Internal,
                    format!("CSV: {e}"),
                    format!("CSV: {e}"),
                ))
            })?;
            Ok((
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"round-{round_id}.csv\""),
                    ),
                ],
                body,
            )
                .into_response())
        }
        "xlsx" => {
            let body = export::report_xlsx(&report).map_err(|e| {
                ApiError(DomainError::new(
                    ErrorCode::Internal,
                    format!("XLSX: {e}"),
                    format!("XLSX: {e}"),
                ))
            })?;
            Ok((
                [
                    (
                        header::CONTENT_TYPE,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"round-{round_id}.xlsx\""),
                    ),
                ],
                body,
            )
                .into_response())
        }
        other => Err(ApiError(DomainError::new(
            ErrorCode::Validation,
            format!("ไม่รู้จักรูปแบบ `{other}` (json, csv หรือ xlsx)"),
            format!("unknown format `{other}` (json, csv or xlsx)"),
        ))),
    }
}

async fn org_units(State(query): State<Query>) -> Result<Response, ApiError> {
    Ok(Json(query.models()?.org_unit_list()).into_response())
}

#[derive(Deserialize)]
struct MatchParams {
    name: Option<String>,
    province: Option<String>,
    limit: Option<usize>,
}

async fn match_org_unit(State(query): State<Query>, Params(params): Params<MatchParams>) -> Result<Response, ApiError> {
    let Some(name) = params.name.filter(|n| !n.trim().is_empty()) else {
        return Err(ApiError(DomainError::new(
            ErrorCode::Validation,
            "ต้องระบุชื่อหน่วยงาน (?name=…)",
            "give the agency name (?name=…)",
        )));
    };
    let request = MatchRequest {
        name,
        province: params.province,
        limit: params.limit,
    };
    Ok(Json(query.models()?.org_unit_matches(&request)).into_response())
}
