//! Preferences → My Data beside the server functions: the mailed link that downloads an export
//! (`GET /account/my-data/download?token=…`, for the signed-in owner only, once) and the JSON
//! export's published schema (`GET /schemas/my-data-v1.json`). The worker that writes exports
//! runs in `crate::serve`.

use app::server::AppState;
use axum::{
    body::Body,
    extract::{Query, State},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Router,
};
use gatehouse_core::{access::Opens, my_data};
use http::{header, HeaderMap, HeaderValue, StatusCode};
use platform::request::ClientMeta;
use serde::Deserialize;
use wire::{
    my_data::{SCHEMA, SCHEMA_PATH},
    AppError,
};

pub fn routes() -> Router<AppState> {
    Router::new().route("/account/my-data/download", get(download)).route(SCHEMA_PATH, get(schema))
}

async fn schema() -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/schema+json"))], SCHEMA).into_response()
}

#[derive(Deserialize)]
struct DownloadQuery {
    token: Option<String>,
}

async fn download(
    State(state): State<AppState>,
    meta: Option<Extension<ClientMeta>>,
    headers: HeaderMap,
    query: Result<Query<DownloadQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let meta = meta.map_or_else(|| ClientMeta::local("unknown"), |Extension(m)| m);
    let result = async {
        let token = query.ok().and_then(|Query(q)| q.token).ok_or(AppError::InvalidLink)?;
        let env = state.env();
        let (me, _) = crate::web::cookie_principal(&state, &env, &headers, &meta, Opens::Standing).await?;
        let (path, format) = my_data::download(&env, &state.config.data_dir, &me.user.id, &token, &meta).await?;
        // Opened, then unlinked: the file is sent once and leaves no copy on the server.
        let file = tokio::fs::File::open(&path).await.map_err(|e| {
            tracing::error!(error = %e, "a My Data export's file is missing");
            AppError::InvalidLink
        })?;
        if let Err(e) = tokio::fs::remove_file(&path).await {
            tracing::warn!(error = %e, "could not delete a downloaded My Data export");
        }
        Ok::<_, AppError>((file, format, me.user.username))
    }
    .await;
    match result {
        Ok((file, format, username)) => {
            let name = format!("attachment; filename=\"gatehouse-my-data-{username}.{}\"", format.as_str());
            let stream = tokio_util::io::ReaderStream::new(file);
            let mut res = Response::new(Body::from_stream(stream));
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
            if let Ok(v) = HeaderValue::from_str(&name) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        // Signed out: the sign-in page says to sign in first.
        Err(AppError::Unauthenticated) => (StatusCode::SEE_OTHER, [(header::LOCATION, "/signin")]).into_response(),
        Err(AppError::InvalidLink) => {
            let text = crate::web::words(&headers, &state).format(&i18n::k::my_data_link_gone());
            (StatusCode::GONE, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
        }
        Err(e) => e.into_response(),
    }
}
