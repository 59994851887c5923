//! Avatars over HTTP: the pictures at `/avatar/{user_id}` and the Profile page's change at
//! `POST /account/avatar` (a file, a URL, or back to the default). The REST calls in `api`
//! use the same functions.

use app::server::AppState;
use axum::{
    extract::{DefaultBodyLimit, Multipart, Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Extension, Json, Router,
};
use gatehouse_core::{
    access::{self, Opens},
    avatar::{self, picture, Served, Size, Source},
};
use i18n::k;
use platform::request::ClientMeta;

use crate::outbound::{self, FetchError, FetchPolicy};
use serde::Deserialize;
use wire::AppError;

/// The most a request that changes an avatar may carry: the largest file and the form around it.
pub const BODY_LIMIT: usize = picture::MAX_BYTES + 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/avatar/{user_id}", get(picture_of))
        .route("/account/avatar", post(page_change).layer(DefaultBodyLimit::max(BODY_LIMIT)))
}

#[derive(Deserialize)]
pub struct SizeQuery {
    /// Width in pixels wanted: up to 64 gets the small picture, more the large one.
    pub s: Option<u32>,
    /// The version the page asked for (see `UserView::avatar_url`).
    pub v: Option<String>,
}

async fn picture_of(
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    Query(q): Query<SizeQuery>,
    headers: HeaderMap,
) -> Response {
    answer(&state, &user_id, &q, &headers).await
}

/// The picture, with a strong ETag; cached for a year when the address names its current
/// version, revalidated otherwise. Served only as the PNG or SVG this server wrote, under
/// `Content-Security-Policy: default-src 'none'`.
pub async fn answer(state: &AppState, user_id: &str, q: &SizeQuery, headers: &HeaderMap) -> Response {
    let size = Size::for_width(q.s);
    let served = match avatar::served(&state.env(), user_id, size).await {
        Ok(Some(served)) => served,
        Ok(None) => return AppError::NotFound.into_response(),
        Err(e) => return e.into_response(),
    };
    let etag = format!("\"{}-{}\"", served.etag(), size.pixels());
    let cache =
        if q.v.as_deref() == Some(served.etag()) { "public, max-age=31536000, immutable" } else { "public, no-cache" };
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut res = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        match served {
            Served::Png { bytes, .. } => ([(header::CONTENT_TYPE, "image/png")], bytes).into_response(),
            Served::Svg { text, .. } => ([(header::CONTENT_TYPE, "image/svg+xml")], text).into_response(),
        }
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res
}

/// The fetch policy the configuration sets.
pub fn fetch_policy(state: &AppState) -> FetchPolicy {
    FetchPolicy {
        enabled: state.config.avatar_urls,
        allow_http: state.config.avatar_allow_http,
        test_origin: state.config.avatar_test_origin,
        timeout: std::time::Duration::from_secs(5),
    }
}

/// What a multipart form asks for: `action` is `upload` (with `file`), `url` (with
/// `avatar_url`) or `default`.
pub struct Change {
    pub action: String,
    pub file: Option<Vec<u8>>,
    pub url: Option<String>,
}

/// Reads the form; a file over the limit is refused as soon as it passes it. A field not in
/// `known` is refused too (the API declares only `file`).
pub async fn read_change(mut form: Multipart, known: &[&str]) -> Result<Change, AppError> {
    let too_large = || AppError::field(avatar::FIELD, picture::Refused::TooLarge.msg());
    let mut change = Change { action: String::new(), file: None, url: None };
    while let Some(mut field) = form.next_field().await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            AppError::BadRequest
        }
    })? {
        let name = field.name().unwrap_or_default().to_owned();
        if !known.contains(&name.as_str()) {
            return Err(AppError::field("body", k::error_unexpected_field(name, known.join(", "))));
        }
        match name.as_str() {
            "file" => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|_| too_large())? {
                    if bytes.len() + chunk.len() > picture::MAX_BYTES {
                        return Err(too_large());
                    }
                    bytes.extend_from_slice(&chunk);
                }
                change.file = Some(bytes);
            }
            "avatar_url" => change.url = Some(field.text().await.map_err(|_| AppError::BadRequest)?),
            "action" => change.action = field.text().await.map_err(|_| AppError::BadRequest)?,
            _ => {}
        }
    }
    Ok(change)
}

/// Fetches the picture at `url` (see [`outbound`]) and sets it; every problem is shown next to
/// the address.
async fn from_url(
    state: &AppState,
    me: &gatehouse_core::principal::Principal,
    url: &str,
    meta: &ClientMeta,
) -> Result<gatehouse_core::accounts::UserRow, AppError> {
    me.require_write()?;
    let file = outbound::fetch(url, &fetch_policy(state), picture::MAX_BYTES).await.map_err(|e| {
        tracing::info!(refusal = ?e, host = ?outbound::host_of(url), "avatar URL refused");
        match e {
            // Nothing wrong with the address: this server does not fetch any (409).
            FetchError::Disabled => AppError::conflict("avatar_url", e.msg()),
            _ => AppError::field("avatar_url", e.msg()),
        }
    })?;
    let host = outbound::host_of(url);
    let source = Source::Url { host: host.as_deref() };
    avatar::set(&state.env(), me, file, source, meta).await.map_err(|e| match e {
        // The fetched body's problems belong next to the address that was typed.
        AppError::Validation { errors } => AppError::Validation {
            errors: errors
                .into_iter()
                .map(|mut f| {
                    f.field = "avatar_url".into();
                    f
                })
                .collect(),
        },
        other => other,
    })
}

/// Applies a [`Change`] for `me`.
pub async fn apply(
    state: &AppState,
    me: &gatehouse_core::principal::Principal,
    change: Change,
    meta: &ClientMeta,
) -> Result<gatehouse_core::accounts::UserRow, AppError> {
    let env = state.env();
    avatar::count_change(&env, me).await?;
    let user = match change.action.as_str() {
        "upload" => match change.file.filter(|f| !f.is_empty()) {
            Some(file) => avatar::set(&env, me, file, Source::Upload, meta).await?,
            None => return Err(AppError::field(avatar::FIELD, k::error_avatar_choose_file())),
        },
        "url" => match change.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => from_url(state, me, url, meta).await?,
            None => return Err(AppError::field("avatar_url", k::error_avatar_enter_url())),
        },
        "default" => avatar::remove(&env, me, meta).await?,
        _ => return Err(AppError::BadRequest),
    };
    // Tokens of this account checked a moment ago hold the account as it was.
    state.core.token_cache.forget_user(&user.id);
    Ok(user)
}

/// The Profile page's change, signed in by the session cookie (cross-site posts are refused by
/// `web::security`). The page's script gets the account as JSON; a form posted without
/// JavaScript goes back to the page.
async fn page_change(
    State(state): State<AppState>,
    meta: Option<Extension<ClientMeta>>,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let meta = meta.map_or_else(|| ClientMeta::local("unknown"), |Extension(m)| m);
    let plain = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    let result = async {
        let env = state.env();
        let (me, standing) = crate::web::cookie_principal(&state, &env, &headers, &meta, Opens::Standing).await?;
        let change = read_change(form.map_err(|_| AppError::BadRequest)?, &["action", "file", "avatar_url"]).await?;
        let user = apply(&state, &me, change, &meta).await?;
        Ok::<_, AppError>(access::view(&user, standing))
    }
    .await;
    match (result, plain) {
        (Ok(view), false) => Json(view).into_response(),
        (Err(e), false) => e.into_response(),
        (Ok(_), true) => (StatusCode::SEE_OTHER, [(header::LOCATION, "/account/profile")]).into_response(),
        (Err(e), true) => {
            // A fixed code in the address: the page shows the message it stands for.
            let code = if !e.field_msgs(avatar::FIELD).is_empty() {
                "file"
            } else if !e.field_msgs("avatar_url").is_empty() {
                "url"
            } else {
                "failed"
            };
            let to = format!("/account/profile?avatar_error={code}");
            (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
        }
    }
}
