//! The REST API under `/api/v1`, for clients with a personal access token (or a session token
//! from `POST /api/v1/auth/login`). JSON in and out; errors are `AppError`'s one body
//! (`{"error": code, "message": text, ...}`) with its status.
//!
//! Each handler is an adapter, like the pages' server functions: the [`Caller`] extractor finds
//! the principal and passes the access gate with what the route opens to (declared in the
//! handler's signature), the handler parses the body and calls one core service. The routes and
//! the OpenAPI 3.1 document at `/api/v1/openapi.json` come from the same annotated handlers
//! (utoipa), so the document cannot drift from what is served.

use std::marker::PhantomData;

use app::server::AppState;
use axum::response::IntoResponse;
use axum::{
    extract::{rejection::JsonRejection, FromRequestParts, Path, State},
    http::{request::Parts, HeaderMap, Method as HttpMethod},
    Extension, Json,
};
use gatehouse_core::{
    access::{self, Opens},
    accounts::UserRow,
    auth, callers, password, policy, preferences,
    principal::Principal,
    profile, reauth, sessions, tokens,
};
use i18n::k;
use platform::request::ClientMeta;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use wire::{
    activity::{Activity, ActivityKind},
    error::ErrorBody,
    organization::{Contract, ContractStatus, Plan},
    preferences::{Change, PreferencesView},
    presence::PresenceView,
    profile::Status,
    session::SessionView,
    token::TokenView,
    AppError,
};

type ApiResult<T> = Result<Json<T>, AppError>;

/// A JSON body, or the error that says why it is not one: 400 when it is not JSON at all, 422
/// when it is JSON of the wrong shape.
fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, AppError> {
    match b {
        Ok(Json(t)) => Ok(t),
        // serde's own words (which field, where): technical, and in English for every client.
        Err(JsonRejection::JsonDataError(e)) => Err(AppError::field("body", k::error_body_shape(e.body_text()))),
        Err(_) => Err(AppError::BadRequest),
    }
}

// ---- Who is calling ------------------------------------------------------------------------

/// What a route opens to (see `gatehouse_core::access::Opens`), as a type for [`Caller`].
pub trait Gate: Send + Sync + 'static {
    const OPENS: Opens;
}

/// Routes open only to an account in good standing.
pub struct Standing;
/// Changing the password: open while it has expired.
pub struct PasswordChange;
/// Signing out: always open.
pub struct Always;

impl Gate for Standing {
    const OPENS: Opens = Opens::Standing;
}
impl Gate for PasswordChange {
    const OPENS: Opens = Opens::PasswordChange;
}
impl Gate for Always {
    const OPENS: Opens = Opens::Always;
}

/// The account behind `Authorization: Bearer <token>`, or Rocket.Chat's `X-User-Id` +
/// `X-Auth-Token`, let through the gate `G`.
pub struct Caller<G: Gate = Standing> {
    pub principal: Principal,
    pub meta: ClientMeta,
    _gate: PhantomData<G>,
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty())
}

impl<G: Gate> FromRequestParts<AppState> for Caller<G> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let meta = parts.extensions.get::<ClientMeta>().cloned().unwrap_or_else(|| ClientMeta::local("api"));
        // The scheme is case-insensitive (RFC 9110, 11.1).
        let bearer = header(&parts.headers, "authorization")
            .and_then(|v| v.split_once(' ').filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer")))
            .map(|(_, t)| t.trim());
        let (token, claimed_user) = match bearer {
            Some(t) => (t, None),
            None => {
                let t = header(&parts.headers, "x-auth-token").ok_or(AppError::Unauthenticated)?;
                (t, Some(header(&parts.headers, "x-user-id").ok_or(AppError::Unauthenticated)?))
            }
        };
        let env = state.env();
        let fresh = parts.method != HttpMethod::GET;
        let principal = callers::by_api_token(&env, &state.core, token, claimed_user, fresh, &meta).await?;
        access::admit(&env, &principal, G::OPENS).await?;
        Ok(Caller { principal, meta, _gate: PhantomData })
    }
}

/// The `{id}` of a route's path; one that is not text (bad percent-encoding) is the JSON 400
/// every other bad request gets.
pub struct Id(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(id)) => Ok(Id(id)),
            Err(_) => Err(AppError::BadRequest),
        }
    }
}

/// The second-factor code a 2FA-protected call brings in `X-2fa-Method` and `X-2fa-Code`.
fn two_factor_code(headers: &HeaderMap) -> Option<(&str, &str)> {
    Some((header(headers, "x-2fa-method")?, header(headers, "x-2fa-code")?))
}

// ---- Bodies --------------------------------------------------------------------------------

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    pub username: String,
    pub name: String,
    pub email: String,
    pub email_verified: bool,
    /// `user`, `support` or `admin`.
    pub role: String,
    /// Unix milliseconds.
    pub created_at: i64,
    pub nickname: String,
    pub bio: String,
    /// `online`, `away`, `busy` or `offline`: the colour of the account's status.
    #[schema(value_type = String, pattern = "^(online|away|busy|offline)$")]
    pub status: Status,
    /// The status message.
    pub status_text: String,
    /// The picture's version: `GET /users/{id}/avatar?v=…` with it is cached for good.
    pub avatar: String,
}

impl From<&UserRow> for Me {
    fn from(u: &UserRow) -> Self {
        Me {
            id: u.id.clone(),
            username: u.display_username.clone(),
            name: u.name.clone(),
            email: u.email.clone(),
            email_verified: u.email_verified_at.is_some(),
            role: u.role().as_str().to_owned(),
            created_at: u.created_at,
            nickname: u.nickname.clone(),
            bio: u.bio.clone(),
            status: u.status(),
            status_text: u.status_text.clone(),
            avatar: wire::account::avatar_version(u.avatar_etag.as_deref(), &u.name, &u.display_username),
        }
    }
}

/// The profile fields that can change; absent fields stay as they are. A new `email` needs
/// `current_password` (and is 2FA-protected): it takes effect once the link mailed to it is
/// opened.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MePatch {
    /// 1 to 100 characters, not only spaces, no control characters.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
    )]
    pub name: Option<String>,
    /// 3 to 32 letters, digits, dots, dashes and underscores, starting with a letter or digit.
    #[schema(min_length = 3, max_length = 32, pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$")]
    pub username: Option<String>,
    /// A bare address (no display name): `name@example.com`.
    #[schema(
        min_length = 3,
        max_length = 254,
        pattern = r"^(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
    )]
    pub email: Option<String>,
    #[schema(min_length = 1, max_length = 1024)]
    pub current_password: Option<String>,
    /// At most 64 characters on one line, without invisible or direction-changing characters;
    /// empty clears it.
    #[schema(
        max_length = 64,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]*$"
    )]
    pub nickname: Option<String>,
    /// At most 260 characters (a line end counts as one); plain text, shown as typed. Lines
    /// and tabs are the only control characters it may hold.
    #[schema(
        max_length = 260,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]*$"
    )]
    pub bio: Option<String>,
    #[schema(pattern = "^(online|away|busy|offline)$")]
    pub status: Option<String>,
    /// The status message: at most 120 characters on one line; empty clears it.
    #[schema(
        max_length = 120,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]*$"
    )]
    pub status_text: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeRequest {
    #[schema(min_length = 1, max_length = 1024)]
    pub current_password: String,
    /// Checked against the server's password policy too (its minimum may be longer).
    #[schema(min_length = 8, max_length = 1024)]
    pub new_password: String,
}

/// The first call: `identifier` and `password` (with `method` and `code` for an authenticator
/// or backup code at once). When a second factor is needed the answer is 401
/// `two_factor_required` with `pending`; the next call sends `pending`, `method` and `code`
/// (with `method: "email"` and no code, a code is mailed).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Username or email address.
    #[schema(min_length = 1, max_length = 254, pattern = r"\S")]
    pub identifier: Option<String>,
    #[schema(min_length = 1, max_length = 1024)]
    pub password: Option<String>,
    /// The sign-in a `two_factor_required` answer gave.
    #[schema(min_length = 1, max_length = 128)]
    pub pending: Option<String>,
    /// `totp`, `backup` or `email`.
    #[schema(value_type = Option<wire::two_factor::Method>)]
    pub method: Option<String>,
    #[schema(min_length = 1, max_length = 32)]
    pub code: Option<String>,
}

impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest").field("identifier", &self.identifier).finish_non_exhaustive()
    }
}

#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    pub user_id: String,
    /// A session token: send it as `Authorization: Bearer …` (or `X-Auth-Token`).
    pub token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Done {
    pub ok: bool,
}

fn done() -> ApiResult<Done> {
    Ok(Json(Done { ok: true }))
}

// ---- Handlers ------------------------------------------------------------------------------

/// The account.
#[utoipa::path(get, path = "/me", responses(
    (status = 200, body = Me), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)
), security(("token" = [])))]
async fn get_me(caller: Caller) -> ApiResult<Me> {
    Ok(Json(Me::from(&caller.principal.user)))
}

/// Changes the name or username, or asks to change the email address (2FA-protected).
#[utoipa::path(patch, path = "/me", request_body = MePatch, params(
    ("X-2fa-Method" = Option<String>, Header), ("X-2fa-Code" = Option<String>, Header)
), responses(
    (status = 200, body = Me), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
    (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)
), security(("token" = [])))]
async fn patch_me(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    patch: Result<Json<MePatch>, JsonRejection>,
) -> ApiResult<Me> {
    caller.principal.require_write()?;
    let patch = body(patch)?;
    // Held to its documented limits even when no new address asks for it.
    if patch.current_password.as_deref().is_some_and(|p| p.is_empty() || p.chars().count() > 1024) {
        let max = wire::password::MAX_LENGTH_CEILING;
        return Err(AppError::field("current_password", k::error_enter_current_password_bounded(max)));
    }
    let req = profile::Patch {
        name: patch.name.as_deref(),
        username: patch.username.as_deref(),
        email: patch.email.as_deref(),
        current_password: patch.current_password.as_deref(),
        nickname: patch.nickname.as_deref(),
        bio: patch.bio.as_deref(),
        status: patch.status.as_deref(),
        status_text: patch.status_text.as_deref(),
    };
    let env = state.env();
    let user = profile::update(&env, &caller.principal, req, two_factor_code(&headers), &caller.meta).await?;
    // The token cache holds the account as it was.
    state.core.token_cache.forget_user(&user.id);
    Ok(Json(Me::from(&user)))
}

/// `{"url": …}`: the picture at this address, fetched by the server.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AvatarUrl {
    /// `https://` (plain `http://` only where the server allows it), on the public internet.
    #[schema(min_length = 10, max_length = 2048, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#@]+[^\s]*$")]
    pub url: String,
}

/// Sets the account's picture: a PNG, JPEG, WebP or GIF file of at most 5 MB as
/// `multipart/form-data` (field `file`), or `{"url": …}` as JSON for a picture the server
/// fetches. It is cropped to a square and served in two sizes; the file itself is not kept.
/// A server that does not fetch pictures from addresses answers a URL with 409.
#[utoipa::path(put, path = "/me/avatar", request_body = AvatarUrl, responses(
    (status = 200, body = Me), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
    (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)
), security(("token" = [])))]
async fn put_avatar(State(state): State<AppState>, caller: Caller, req: axum::extract::Request) -> ApiResult<Me> {
    use axum::extract::FromRequest;

    caller.principal.require_write()?;
    let multipart = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"));
    let change = if multipart {
        let form = axum::extract::Multipart::from_request(req, &state).await.map_err(|_| AppError::BadRequest)?;
        crate::avatar::Change { action: "upload".into(), ..crate::avatar::read_change(form, &["file"]).await? }
    } else {
        let AvatarUrl { url } = body(Json::<AvatarUrl>::from_request(req, &state).await)?;
        crate::avatar::Change { action: "url".into(), file: None, url: Some(url) }
    };
    let user = crate::avatar::apply(&state, &caller.principal, change, &caller.meta).await?;
    Ok(Json(Me::from(&user)))
}

/// Back to the default avatar (the initials on a colour).
#[utoipa::path(delete, path = "/me/avatar", responses(
    (status = 200, body = Me), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)
), security(("token" = [])))]
async fn delete_avatar(State(state): State<AppState>, caller: Caller) -> ApiResult<Me> {
    let change = crate::avatar::Change { action: "default".into(), file: None, url: None };
    let user = crate::avatar::apply(&state, &caller.principal, change, &caller.meta).await?;
    Ok(Json(Me::from(&user)))
}

/// An account's picture: PNG, or the default avatar as SVG; `s` up to 64 gets the 64-pixel
/// picture, more the 256-pixel one. A strong `ETag` answers `If-None-Match` with 304.
#[utoipa::path(get, path = "/users/{id}/avatar", params(
    ("id" = String, Path, description = "The account's id"),
    ("s" = Option<u32>, Query, description = "Width wanted, in pixels"),
    ("v" = Option<String>, Query, description = "The picture's version, from `avatar` in /me")
), responses(
    (status = 200, description = "The picture"), (status = 304, description = "Not modified"),
    (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)
), security(("token" = [])))]
async fn user_avatar(
    State(state): State<AppState>,
    _caller: Caller,
    Id(id): Id,
    query: Result<axum::extract::Query<crate::avatar::SizeQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Result<axum::response::Response, AppError> {
    let axum::extract::Query(q) = query.map_err(|_| AppError::BadRequest)?;
    let mut res = crate::avatar::answer(&state, &id, &q, &headers).await;
    // Asked with a credential: no shared cache keeps it.
    if let Some(cache) = res.headers_mut().get_mut(axum::http::header::CACHE_CONTROL) {
        let private = cache.to_str().unwrap_or_default().replace("public", "private");
        if let Ok(v) = axum::http::HeaderValue::from_str(&private) {
            *cache = v;
        }
    }
    Ok(res)
}

/// Where the account is signed in.
#[utoipa::path(get, path = "/me/sessions", responses(
    (status = 200, body = [SessionView]), (status = 401, body = ErrorBody)
), security(("token" = [])))]
async fn list_sessions(State(state): State<AppState>, caller: Caller) -> ApiResult<Vec<SessionView>> {
    let me = &caller.principal;
    Ok(Json(sessions::list(state.env().db, &me.user.id, me.session_id()).await?))
}

/// Ends one of the account's sessions.
#[utoipa::path(delete, path = "/me/sessions/{id}", params(("id" = String, Path)), responses(
    (status = 200, body = Done), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody)
), security(("token" = [])))]
async fn delete_session(State(state): State<AppState>, caller: Caller, Id(id): Id) -> ApiResult<Done> {
    caller.principal.require_write()?;
    sessions::revoke(&state.env(), &caller.principal.user.id, &id, &caller.meta).await?;
    done()
}

/// The account's personal access tokens (never their values).
#[utoipa::path(get, path = "/me/tokens", responses(
    (status = 200, body = [TokenView]), (status = 401, body = ErrorBody)
), security(("token" = [])))]
async fn list_tokens(State(state): State<AppState>, caller: Caller) -> ApiResult<Vec<TokenView>> {
    Ok(Json(tokens::list(state.env().db, &caller.principal.user.id).await?))
}

/// Deletes one of the account's tokens. 2FA-protected.
#[utoipa::path(delete, path = "/me/tokens/{id}", params(
    ("id" = String, Path), ("X-2fa-Method" = Option<String>, Header), ("X-2fa-Code" = Option<String>, Header)
), responses(
    (status = 200, body = Done), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody)
), security(("token" = [])))]
async fn delete_token(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Id(id): Id,
) -> ApiResult<Done> {
    let me = &caller.principal;
    me.require_write()?;
    let env = state.env();
    reauth::second_factor(&env, me, two_factor_code(&headers), &caller.meta).await?;
    tokens::delete(&env, &me.user, &id, &caller.meta).await?;
    state.core.token_cache.forget_user(&me.user.id);
    done()
}

/// Changes the password (under the policy); every session ends. 2FA-protected.
#[utoipa::path(post, path = "/me/password", request_body = PasswordChangeRequest, params(
    ("X-2fa-Method" = Option<String>, Header), ("X-2fa-Code" = Option<String>, Header)
), responses(
    (status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
    (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)
), security(("token" = [])))]
async fn change_password(
    State(state): State<AppState>,
    caller: Caller<PasswordChange>,
    headers: HeaderMap,
    req: Result<Json<PasswordChangeRequest>, JsonRejection>,
) -> ApiResult<Done> {
    let me = &caller.principal;
    me.require_write()?;
    let req = body(req)?;
    let env = state.env();
    let factor = reauth::second_factor(&env, me, two_factor_code(&headers), &caller.meta).await?;
    let policy = policy::in_force(&env, &me.user.member_rules()).await?;
    let change = password::ChangeRequest {
        current_password: &req.current_password,
        new_password: &req.new_password,
        confirm: None,
    };
    password::change(&env, &policy, &factor, change, &caller.meta).await?;
    state.core.token_cache.forget_user(&me.user.id);
    done()
}

/// Mails a code for this token's (or session's) next 2FA-protected call, when the account
/// uses codes by email.
#[utoipa::path(post, path = "/me/two-factor/email-code", responses(
    (status = 200, body = Done), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 429, body = ErrorBody)
), security(("token" = [])))]
async fn send_email_code(State(state): State<AppState>, caller: Caller) -> ApiResult<Done> {
    caller.principal.require_write()?;
    gatehouse_core::two_factor::send_session_code(&state.env(), &caller.principal, &caller.meta).await?;
    done()
}

/// The query of `GET /me/audit`.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    kind: Option<String>,
    cursor: Option<String>,
    limit: Option<i64>,
}

/// The account's security events (sign-ins, failed ones, changes of credentials, sessions
/// ended, administrators' actions with who did them), newest first, a page at a time. When
/// there are older entries, the `Link` header names the next page (`rel="next"`), whose
/// `cursor` may also be given by hand.
#[utoipa::path(get, path = "/me/audit", params(
    ("kind" = Option<ActivityKind>, Query, description = "Only entries of this kind"),
    ("cursor" = Option<String>, Query, pattern = r"^[0-9]{1,15}\.[0-9a-f]{32}$",
        description = "Where the previous page ended (from its `Link` header)"),
    ("limit" = Option<i64>, Query, minimum = 1, maximum = 200, description = "Entries per page (50 by default)")
), responses(
    (status = 200, body = [Activity], headers(("Link" = String, description = "The next page: <...>; rel=\"next\""))),
    (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)
), security(("token" = [])))]
async fn audit_log(
    State(state): State<AppState>,
    caller: Caller,
    query: Result<axum::extract::Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<axum::response::Response, AppError> {
    let axum::extract::Query(q) = query.map_err(|_| AppError::BadRequest)?;
    let activity_query =
        gatehouse_core::activity::Query { kind: q.kind.as_deref(), cursor: q.cursor.as_deref(), limit: q.limit };
    let page = gatehouse_core::activity::page(&state.env(), &caller.principal.user.id, &activity_query).await?;
    let mut res = Json(page.items).into_response();
    if let Some(next) = page.next {
        let mut link = form_urlencoded::Serializer::new(String::new());
        if let Some(kind) = q.kind.as_deref().filter(|k| !k.is_empty()) {
            link.append_pair("kind", kind);
        }
        link.append_pair("cursor", &next);
        if let Some(limit) = q.limit {
            link.append_pair("limit", &limit.to_string());
        }
        let value = format!("<{}?{}>; rel=\"next\"", state.config.public_url.link("/api/v1/me/audit"), link.finish());
        if let Ok(v) = axum::http::HeaderValue::from_str(&value) {
            res.headers_mut().insert(axum::http::header::LINK, v);
        }
    }
    Ok(res)
}

/// The account's preferences (its schema is drawn from the settings' table, see [`refine`]).
#[derive(ToSchema)]
pub struct PreferencesResponse {}

/// A change of preferences (its schema is drawn from the settings' table, see [`refine`]).
#[derive(ToSchema)]
pub struct PreferencesPatch {}

/// The account's preferences: `values` in effect, the server's `defaults`, and the settings
/// the account `chosen` (the others follow the defaults, and change when they do).
#[utoipa::path(get, path = "/me/preferences", responses(
    (status = 200, body = PreferencesResponse), (status = 401, body = ErrorBody)
), security(("token" = [])))]
async fn get_preferences(State(state): State<AppState>, caller: Caller) -> ApiResult<PreferencesView> {
    Ok(Json(preferences::view(&state.env(), &caller.principal.user).await?))
}

/// Changes some preferences: each key a setting, each value valid for it, or `null` to follow
/// the server's default again. Keys not sent stay as they are; an unknown key or a bad value is
/// 422 with every problem under its key, and nothing changes. Offline email notifications need
/// a verified address (409 otherwise).
#[utoipa::path(patch, path = "/me/preferences", request_body = PreferencesPatch, responses(
    (status = 200, body = PreferencesResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
    (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)
), security(("token" = [])))]
async fn patch_preferences(
    State(state): State<AppState>,
    caller: Caller,
    patch: Result<Json<serde_json::Map<String, serde_json::Value>>, JsonRejection>,
) -> ApiResult<PreferencesView> {
    caller.principal.require_write()?;
    let change = Change::from_json(&body(patch)?)?;
    Ok(Json(preferences::update(&state.env(), &caller.principal, &change, &caller.meta).await?))
}

/// A client's report: the person is at the device (`online`) or idle there (`away`).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PresenceReport {
    #[schema(pattern = "^(online|away)$")]
    pub connection: String,
}

/// The account's presence and the status it makes.
#[utoipa::path(get, path = "/me/presence", responses(
    (status = 200, body = PresenceView), (status = 401, body = ErrorBody)
), security(("token" = [])))]
async fn get_presence(State(state): State<AppState>, caller: Caller) -> ApiResult<PresenceView> {
    Ok(Json(gatehouse_core::presence::of(&state.env(), &caller.principal.user).await?))
}

/// Reports the presence, as the product's clients do: `online` while the person uses it,
/// `away` after its idle time. Without a report for five minutes the account is offline: a
/// client repeats its report every minute or so.
#[utoipa::path(put, path = "/me/presence", request_body = PresenceReport, responses(
    (status = 200, body = PresenceView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
    (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)
), security(("token" = [])))]
async fn put_presence(
    State(state): State<AppState>,
    caller: Caller,
    report: Result<Json<PresenceReport>, JsonRejection>,
) -> ApiResult<PresenceView> {
    use gatehouse_core::presence;

    caller.principal.require_write()?;
    let report = body(report)?;
    let connection =
        presence::Connection::parse_report(&report.connection).map_err(|m| AppError::field("connection", m))?;
    Ok(Json(presence::report(&state.env(), &caller.principal.user, connection).await?))
}

/// Signs in with an identifier and password (and a code when the account has two-factor
/// authentication) and answers a session token for non-browser clients. Without the code:
/// 401 `two_factor_required` with the methods.
#[utoipa::path(post, path = "/auth/login", request_body = LoginRequest, responses(
    (status = 200, body = LoginResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
    (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)
))]
async fn login(
    State(state): State<AppState>,
    Extension(meta): Extension<ClientMeta>,
    req: Result<Json<LoginRequest>, JsonRejection>,
) -> ApiResult<LoginResponse> {
    let req = body(req)?;
    let login = auth::Login {
        identifier: req.identifier.as_deref(),
        password: req.password.as_deref(),
        pending: req.pending.as_deref(),
        method: req.method.as_deref(),
        code: req.code.as_deref(),
    };
    let (user, session) = auth::login(&state.env(), state.core.timeouts, login, &meta).await?;
    Ok(Json(LoginResponse { user_id: user.id, token: session.token.expose().to_owned() }))
}

/// Ends the session the call came with (personal access tokens are deleted instead).
#[utoipa::path(post, path = "/auth/logout", responses(
    (status = 200, body = Done), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)
), security(("token" = [])))]
async fn logout(State(state): State<AppState>, caller: Caller<Always>) -> ApiResult<Done> {
    let me = &caller.principal;
    // A personal access token is not a sign-in to end: it is deleted instead.
    let session = me.session_id().ok_or(AppError::Forbidden)?;
    auth::sign_out(&state.env(), session, &me.user.id, &caller.meta).await?;
    done()
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Gatehouse API", description = "The account's own data and security, for API clients."),
    servers((url = "/api/v1")),
    modifiers(&TokenScheme)
)]
struct ApiDoc;

// ---- Organizations ---------------------------------------------------------------------------

/// An organization the account belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub slug: String,
    /// `owner`, `admin` or `member`: the account's role.
    #[schema(pattern = "^(owner|admin|member)$")]
    pub role: String,
    pub members: i64,
    /// Visible only to members with two-factor authentication.
    pub requires_two_factor: bool,
    /// The account may not open it (it requires two-factor authentication, the account has none).
    pub locked: bool,
    pub contract: Option<ContractBody>,
}

/// A contract: `plan`, `status` and `ends_at` (unix milliseconds; null: open-ended).
#[derive(Debug, Serialize, ToSchema)]
pub struct ContractBody {
    pub plan: Plan,
    pub status: ContractStatus,
    pub ends_at: Option<i64>,
    pub updated_at: i64,
}

impl From<Contract> for ContractBody {
    fn from(c: Contract) -> Self {
        ContractBody { plan: c.plan, status: c.status, ends_at: c.ends_at, updated_at: c.updated_at }
    }
}

/// The account's organizations, with its role in each.
#[utoipa::path(get, path = "/me/organizations", responses(
    (status = 200, body = Vec<Organization>), (status = 401, body = ErrorBody)
), security(("token" = [])))]
async fn my_organizations(State(state): State<AppState>, caller: Caller) -> ApiResult<Vec<Organization>> {
    let list = gatehouse_core::organizations::list(&state.env(), &caller.principal).await?;
    Ok(Json(
        list.into_iter()
            .map(|o| Organization {
                id: o.id,
                name: o.name,
                slug: o.slug,
                role: o.role.as_str().to_owned(),
                members: o.members,
                requires_two_factor: o.requires_two_factor,
                locked: o.locked,
                contract: o.contract.map(ContractBody::from),
            })
            .collect(),
    ))
}

/// A billing system's word on an organization's contract.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractEvent {
    /// The billing system's id of this event: an event applies once (the same id again changes
    /// nothing; with another body it is refused).
    #[schema(min_length = 1, max_length = 128, pattern = r"^[A-Za-z0-9._:-]+$")]
    pub event_id: String,
    pub plan: Plan,
    pub status: ContractStatus,
    /// When the contract ends, unix milliseconds; null: open-ended.
    pub ends_at: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContractApplied {
    /// False when this event had been applied already.
    pub applied: bool,
    pub contract: Option<ContractBody>,
}

/// How old a signed request may be, either way, in seconds.
const SIGNATURE_WINDOW_S: i64 = 300;

/// The contracts webhook, for a billing system: an administrator's token (read and write), and
/// the body signed with the webhook's secret (`GATEHOUSE_CONTRACTS_WEBHOOK_SECRET`):
/// `X-Gatehouse-Timestamp` (unix seconds, within five minutes of the server's clock) and
/// `X-Gatehouse-Signature: sha256=<hex HMAC-SHA-256 of "<timestamp>.<body>">`. `{org}` is the
/// organization's id or address. Idempotent by `event_id`; audited.
#[utoipa::path(post, path = "/admin/contracts/{org}", request_body = ContractEvent, params(
    ("org" = String, Path, description = "The organization's id or address (slug)"),
    ("X-Gatehouse-Timestamp" = String, Header), ("X-Gatehouse-Signature" = String, Header)
), responses(
    (status = 200, body = ContractApplied), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
    (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
    (status = 422, body = ErrorBody)
), security(("token" = [])))]
async fn contract_webhook(
    State(state): State<AppState>,
    caller: Caller,
    Id(org): Id,
    headers: HeaderMap,
    raw: axum::body::Bytes,
) -> ApiResult<ContractApplied> {
    use gatehouse_core::admin::{self, Delivery};

    caller.principal.require_write()?;
    let admin = admin::admin(&caller.principal)?;
    let env = state.env();
    let signed = header(&headers, "x-gatehouse-timestamp").zip(header(&headers, "x-gatehouse-signature"));
    // A missing, wrong or stale signature: the token is fine, the message is not theirs.
    let bad_signature = || {
        tracing::warn!(ip = %caller.meta.ip, "contracts webhook: refused a request without a valid signature");
        AppError::Forbidden
    };
    // An unsigned request is refused as such first, whether the webhook is on or not.
    let (timestamp, signature) = signed.ok_or_else(bad_signature)?;
    let secret = state
        .config
        .contracts_webhook_secret
        .as_ref()
        .ok_or_else(|| AppError::conflict("signature", k::error_webhook_off()))?;
    let at: i64 = timestamp.parse().map_err(|_| bad_signature())?;
    if (env.now / 1000).abs_diff(at) > SIGNATURE_WINDOW_S.unsigned_abs() {
        return Err(bad_signature());
    }
    let mut message = timestamp.as_bytes().to_vec();
    message.push(b'.');
    message.extend_from_slice(&raw);
    let expected = format!("sha256={}", platform::crypto::hmac_sha256_hex(secret.expose().as_bytes(), &message));
    if !platform::crypto::constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        return Err(bad_signature());
    }
    let event: ContractEvent = match serde_json::from_slice(&raw) {
        Ok(e) => e,
        Err(e) if e.is_data() => return Err(AppError::field("body", k::error_body_shape(e.to_string()))),
        Err(_) => return Err(AppError::BadRequest),
    };
    let id_ok = !event.event_id.is_empty()
        && event.event_id.len() <= 128
        && event.event_id.bytes().all(|b| b.is_ascii_alphanumeric() || b"._:-".contains(&b));
    if !id_ok {
        return Err(AppError::field("event_id", k::error_body_shape("event_id".to_owned())));
    }
    let contract = admin::parse_contract(event.plan.as_str(), event.status.as_str(), event.ends_at, env.now)?;
    let digest = platform::crypto::token_digest(&String::from_utf8_lossy(&raw));
    let done = admin::contract_event(&env, &admin, &org, &event.event_id, &digest, &contract, &caller.meta).await?;
    let org_id = match gatehouse_core::organizations::repo::by_id(env.db, &org).await? {
        Some(o) => o.id,
        None => gatehouse_core::organizations::repo::by_slug(env.db, &org.to_lowercase())
            .await?
            .map(|o| o.id)
            .unwrap_or_default(),
    };
    let current = gatehouse_core::organizations::contract_of(&env, &org_id).await?;
    Ok(Json(ContractApplied { applied: done == Delivery::Applied, contract: current.map(ContractBody::from) }))
}

struct TokenScheme;

impl utoipa::Modify for TokenScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("token", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The API's routes (relative to `/api/v1`) and their OpenAPI document.
pub fn routes() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (routes, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(get_me, patch_me))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(put_avatar, delete_avatar))
                .layer(axum::extract::DefaultBodyLimit::max(crate::avatar::BODY_LIMIT)),
        )
        .routes(routes!(user_avatar))
        .routes(routes!(list_sessions))
        .routes(routes!(delete_session))
        .routes(routes!(list_tokens))
        .routes(routes!(delete_token))
        .routes(routes!(change_password))
        .routes(routes!(audit_log))
        .routes(routes!(get_preferences, patch_preferences))
        .routes(routes!(get_presence, put_presence))
        .routes(routes!(send_email_code))
        .routes(routes!(my_organizations))
        .routes(routes!(contract_webhook))
        .routes(routes!(login))
        .routes(routes!(logout))
        .split_for_parts();
    common_answers(&mut doc);
    (routes, doc)
}

/// What every call with a credential may answer besides its own: no or a dead credential
/// (401), the access gate (403: password expired, two-factor setup due), the per-credential
/// limit (429); 400 for an `{id}` that is not text. Both ways of sending the credential are
/// declared: `Authorization: Bearer`, or Rocket.Chat's `X-User-Id` with `X-Auth-Token`.
fn common_answers(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{
        security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme},
        ContentBuilder, Ref, ResponseBuilder,
    };
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme("user_id", SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-User-Id"))));
    components
        .add_security_scheme("auth_token", SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-Auth-Token"))));
    let none: [&str; 0] = [];
    let either = vec![
        SecurityRequirement::new("token", none),
        SecurityRequirement::new("user_id", none).add("auth_token", none),
    ];
    let error = |what: &str| {
        ResponseBuilder::new()
            .description(what)
            .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build())
            .build()
    };
    for (path, item) in doc.paths.paths.iter_mut() {
        for op in
            [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete].into_iter().flatten()
        {
            let answers = &mut op.responses.responses;
            if op.security.is_some() {
                op.security = Some(either.clone());
                answers.entry("401".into()).or_insert_with(|| error("No credential, or one that ended").into());
                answers.entry("403".into()).or_insert_with(|| error("Not open to this credential now").into());
                answers.entry("429".into()).or_insert_with(|| error("Too many calls: see Retry-After").into());
            }
            if path.contains("{id}") {
                answers.entry("400".into()).or_insert_with(|| error("An id that is not text").into());
            }
        }
    }
}

/// What the document cannot say through the types: which fields of a body go together.
fn refine(doc: &mut serde_json::Value) {
    let text = json!({ "type": "string" });
    let schemas = &mut doc["components"]["schemas"];
    // A sign-in is an identifier with a password, or a pending sign-in with a method.
    schemas["LoginRequest"]["anyOf"] = json!([
        { "required": ["identifier", "password"], "properties": { "identifier": text, "password": text } },
        { "required": ["pending", "method"], "properties": { "pending": text, "method": { "$ref": "#/components/schemas/Method" } } }
    ]);
    // An error message's arguments: numbers and texts, by name.
    for schema in ["ErrorBody", "FieldError"] {
        let args = &mut schemas[schema]["properties"]["args"];
        args["type"] = json!("object");
        args["additionalProperties"] = json!({ "type": ["integer", "string"] });
    }
    // A new address needs the current password.
    schemas["MePatch"]["if"] = json!({ "required": ["email"], "properties": { "email": text } });
    schemas["MePatch"]["then"] =
        json!({ "required": ["current_password"], "properties": { "current_password": text } });
    // A picture is uploaded as a file, or named by its address.
    doc["paths"]["/me/avatar"]["put"]["requestBody"]["content"]["multipart/form-data"] = json!({
        "schema": { "type": "object", "required": ["file"], "additionalProperties": false, "properties": {
            "file": { "type": "string", "format": "binary", "description": "PNG, JPEG, WebP or GIF, at most 5 MB" }
        } }
    });
    // Preferences: from the table of settings, so the document cannot drift from the parse.
    let keys: Vec<&str> = wire::preferences::Setting::ALL.iter().map(|s| s.key()).collect();
    let schemas = &mut doc["components"]["schemas"];
    schemas["Preferences"] = wire::preferences::schema();
    schemas["PreferencesPatch"] = wire::preferences::change_schema();
    schemas["PreferencesResponse"] = json!({
        "type": "object",
        "required": ["values", "defaults", "chosen", "email_verified"],
        "properties": {
            "values": { "$ref": "#/components/schemas/Preferences" },
            "defaults": { "$ref": "#/components/schemas/Preferences" },
            "chosen": { "type": "array", "uniqueItems": true, "items": { "type": "string", "enum": keys } },
            "email_verified": { "type": "boolean" }
        }
    });
    let binary = json!({ "schema": { "type": "string", "format": "binary" } });
    doc["paths"]["/users/{id}/avatar"]["get"]["responses"]["200"]["content"] =
        json!({ "image/png": binary, "image/svg+xml": binary });
}

/// 405 for a known address called with a method it does not answer: the JSON error body (axum
/// adds `Allow`).
async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}

/// `/api/v1`: the routes, `/api/v1/openapi.json`, and a JSON 404 for anything else.
pub fn router() -> axum::Router<AppState> {
    let (routes, doc) = routes();
    let mut doc = serde_json::to_value(&doc).unwrap_or_default();
    refine(&mut doc);
    let doc = std::sync::Arc::new(doc);
    let served = routes.route(
        "/openapi.json",
        axum::routing::get(move || {
            let doc = doc.clone();
            async move { Json(doc.as_ref().clone()) }
        }),
    );
    axum::Router::new().nest(
        "/api/v1",
        served.fallback(|| async { AppError::NotFound }).method_not_allowed_fallback(method_not_allowed),
    )
}
