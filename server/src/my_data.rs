//! Preferences → My Data beside the server functions: the mailed link that downloads an export
//! (`GET /account/my-data/download?token=…`, for the signed-in owner only, once; the file comes
//! from the database, so any instance can send it) and the JSON
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
        let d = my_data::download(&env, &me.user.id, &token, &meta).await?;
        Ok::<_, AppError>((d, me.user.username))
    }
    .await;
    match result {
        Ok((d, username)) => {
            let name = format!("attachment; filename=\"gatehouse-my-data-{username}.{}\"", d.format.as_str());
            // A piece at a time from the database (whichever instance wrote it); the last read
            // deletes the file.
            let db = state.core.platform.db.clone();
            let (size, format) = (d.size, d.format);
            let d = std::sync::Arc::new(d);
            let pieces = futures_util::stream::unfold(0i64, move |seq| {
                let (db, d) = (db.clone(), d.clone());
                async move {
                    if seq >= d.pieces() {
                        return None;
                    }
                    match my_data::piece(&db, &d, seq).await {
                        Ok(Some(bytes)) => Some((Ok::<_, std::io::Error>(bytes), seq + 1)),
                        Ok(None) => Some((Err(std::io::Error::other("a piece of the export is missing")), i64::MAX)),
                        Err(e) => Some((Err(std::io::Error::other(e)), i64::MAX)),
                    }
                }
            });
            let mut res = Response::new(Body::from_stream(pieces));
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
            if let Ok(v) = HeaderValue::from_str(&name) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
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
