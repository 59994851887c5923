//! `GET /account/security/activity.csv`: the Recent activity panel's **Download CSV**, signed in
//! by the session cookie (a page's link, not an API call).

use app::server::AppState;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Router,
};
use gatehouse_core::access::Opens;
use http::{header, HeaderMap, HeaderValue, StatusCode};
use platform::request::ClientMeta;
use serde::Deserialize;
use wire::AppError;

pub fn routes() -> Router<AppState> {
    Router::new().route("/account/security/activity.csv", get(csv))
}

#[derive(Deserialize)]
struct CsvQuery {
    activity: Option<String>,
}

async fn csv(
    State(state): State<AppState>,
    meta: Option<Extension<ClientMeta>>,
    headers: HeaderMap,
    query: Result<Query<CsvQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let meta = meta.map_or_else(|| ClientMeta::local("unknown"), |Extension(m)| m);
    let result = async {
        let Query(q) = query.map_err(|_| AppError::BadRequest)?;
        let env = state.env();
        let (me, _) = crate::web::cookie_principal(&state, &env, &headers, &meta, Opens::Standing).await?;
        // The form's "All activity" sends an empty kind.
        let kind = q.activity.as_deref().filter(|k| !k.is_empty());
        gatehouse_core::activity::csv(&env, &me.user.id, kind).await
    }
    .await;
    match result {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"gatehouse-activity.csv\""),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            body,
        )
            .into_response(),
        // Signed out (or the session ended): the sign-in page, as for the page itself.
        Err(AppError::Unauthenticated) => (StatusCode::SEE_OTHER, [(header::LOCATION, "/signin")]).into_response(),
        Err(e) => e.into_response(),
    }
}
