//! `GET /metrics` and the middleware that counts every answer.
//!
//! Never public by default: the route exists on the main address only when
//! `GATEHOUSE_METRICS_TOKEN` is set (and answers only requests bearing it), and on an address
//! of its own, without a token, when `GATEHOUSE_METRICS_LISTEN` is set.

use std::time::Instant;

use app::server::AppState;
use axum::{
    extract::{MatchedPath, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use http::{header, HeaderMap, HeaderValue, StatusCode};
use platform::{crypto::constant_time_eq, metrics::Queues};

/// Counts the answer by its route's pattern ("unmatched" for files and unknown paths, so that
/// no client can grow the number of series), method and status, with its latency.
pub async fn count(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = req.extensions().get::<MatchedPath>().cloned();
    let method = req.method().clone();
    let res = next.run(req).await;
    let route = route.as_ref().map_or("unmatched", MatchedPath::as_str);
    state.core.platform.metrics.request(route, method.as_str(), res.status().as_u16(), started.elapsed());
    res
}

/// `/metrics` for the main router: only when a token is configured.
pub fn routes(state: &AppState) -> Router<AppState> {
    if state.config.metrics_token.is_some() {
        Router::new().route("/metrics", get(with_token))
    } else {
        Router::new()
    }
}

/// The router of the metrics address (`GATEHOUSE_METRICS_LISTEN`): `/metrics` only.
pub fn listener_router(state: AppState) -> Router {
    Router::new().route("/metrics", get(open)).with_state(state)
}

async fn with_token(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let allowed = match (given, &state.config.metrics_token) {
        (Some(given), Some(token)) => constant_time_eq(given.as_bytes(), token.expose().as_bytes()),
        _ => false,
    };
    if !allowed {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))])
            .into_response();
    }
    render(&state).await
}

async fn open(State(state): State<AppState>) -> Response {
    render(&state).await
}

async fn render(state: &AppState) -> Response {
    let p = &state.core.platform;
    let now = p.clock.now_ms();
    let mut queues = Queues {
        db_connections: p.db.size(),
        db_idle: u32::try_from(p.db.num_idle()).unwrap_or(u32::MAX),
        db_max: p.db.options().get_max_connections(),
        ..Queues::default()
    };
    match platform::mail::queue::backlog(&p.db).await {
        Ok((n, oldest)) => {
            queues.mail_pending = n;
            queues.mail_oldest_seconds = oldest.map_or(0.0, |t| (now - t).max(0) as f64 / 1000.0);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: cannot read the mail queue"),
    }
    match gatehouse_core::accounts::repo::deletions_due_count(&p.db, now).await {
        Ok(n) => queues.jobs_pending.push(("account_deletion", n)),
        Err(e) => tracing::warn!(error = %e, "metrics: cannot read the deletions due"),
    }
    match gatehouse_core::my_data::waiting(&p.db).await {
        Ok(n) => queues.jobs_pending.push(("my_data_export", n)),
        Err(e) => tracing::warn!(error = %e, "metrics: cannot read the My Data exports waiting"),
    }
    let body = p.metrics.render(&queues);
    ([(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"))], body)
        .into_response()
}
