//! The REST API under `/api/v1`, for clients with a personal access token (or a session token
//! from `POST /api/v1/auth/login`). JSON in and out; errors are
//! `{"error": code, "message": text, "field": optional}` with the matching status.
//!
//! The routes and the OpenAPI 3.1 document at `/api/v1/openapi.json` come from the same
//! annotated handlers (utoipa), so the document cannot drift from what is served.

use app::{
    auth::{
        model::{DisplayName, Username},
        repo::UserRow,
        service::{self as auth, SignInOutcome},
    },
    error::AppError,
    server::{guard::SignedIn, ratelimit, request::ClientMeta, AppState},
    sessions::{model::SessionView, service as sessions},
    tokens::{service as tokens, TokenView},
    two_factor::{service as two_factor, Method},
};
use axum::{
    extract::{rejection::JsonRejection, FromRequestParts, Path, State},
    http::{request::Parts, HeaderMap, HeaderValue, Method as HttpMethod, StatusCode},
    response::{IntoResponse, Response},
    Extension, Json,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

// ---- Errors --------------------------------------------------------------------------------

/// An API error: the application's error, or the two API-only answers.
#[derive(Debug)]
pub enum ApiError {
    App(AppError),
    /// A 2FA-protected call without (valid) `X-2fa-Code` / `X-2fa-Method` headers, or a login
    /// that needs its second factor (with the pending sign-in that the next call continues).
    TwoFactorRequired {
        methods: Vec<Method>,
        pending: Option<String>,
    },
    /// The body is not JSON of the expected shape.
    BadJson {
        status: StatusCode,
        message: String,
    },
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError::App(e)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        let status = match r {
            JsonRejection::JsonDataError(_) => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::BAD_REQUEST,
        };
        ApiError::BadJson { status, message: r.body_text() }
    }
}

/// The error body.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// A stable code: `unauthenticated`, `forbidden`, `not_found`, `validation`, `conflict`,
    /// `two_factor_required`, `invalid_code`, `rate_limited`, `bad_request`, …
    pub error: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// With `two_factor_required`: the methods a code may come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub methods: Option<Vec<String>>,
    /// With `two_factor_required` from the login: the sign-in to continue (five minutes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending: Option<String>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body, retry_after) = match self {
            ApiError::TwoFactorRequired { methods, pending } => (
                StatusCode::UNAUTHORIZED,
                ErrorBody {
                    error: "two_factor_required".into(),
                    message: if pending.is_some() {
                        "Send the code: POST /api/v1/auth/login with pending, method and code.".into()
                    } else {
                        "This call needs a second factor: send X-2fa-Method and X-2fa-Code.".into()
                    },
                    field: None,
                    methods: Some(methods.iter().map(|m| m.as_str().to_owned()).collect()),
                    pending,
                },
                None,
            ),
            ApiError::BadJson { status, message } => (
                status,
                ErrorBody { error: "bad_request".into(), message, field: None, methods: None, pending: None },
                None,
            ),
            ApiError::App(e) => {
                let code = serde_json::to_value(&e)
                    .ok()
                    .and_then(|v| v.get("error").and_then(|c| c.as_str()).map(str::to_owned))
                    .unwrap_or_else(|| "internal".into());
                let field = match &e {
                    AppError::Validation { errors } => errors.first().map(|f| f.field.clone()),
                    AppError::Conflict { field, .. } => Some(field.clone()),
                    _ => None,
                };
                let retry = match e {
                    AppError::RateLimited { retry_after } => Some(retry_after),
                    _ => None,
                };
                let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                (status, ErrorBody { error: code, message: e.to_string(), field, methods: None, pending: None }, retry)
            }
        };
        let mut res = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            res.headers_mut().insert(http::header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;

/// Names a service's form fields as this API's request fields (`renames`: form → API).
fn api_fields(e: AppError, renames: &[(&str, &str)]) -> AppError {
    let rename = |f: String| renames.iter().find(|(from, _)| *from == f).map(|(_, to)| (*to).to_owned()).unwrap_or(f);
    match e {
        AppError::Validation { errors } => AppError::Validation {
            errors: errors
                .into_iter()
                .map(|fe| app::error::FieldError { field: rename(fe.field), message: fe.message })
                .collect(),
        },
        AppError::Conflict { field, message } => AppError::Conflict { field: rename(field), message },
        other => other,
    }
}

// ---- Who is calling ------------------------------------------------------------------------

/// How the caller authenticated.
#[derive(Debug, Clone)]
pub enum Via {
    Token { id: String, read_only: bool, ignore_two_factor: bool },
    Session { id: String },
}

/// The account behind `Authorization: Bearer <token>`, or Rocket.Chat's `X-User-Id` +
/// `X-Auth-Token`. A personal access token (`gat_…`) or a session token from the login call.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: UserRow,
    pub via: Via,
    pub meta: ClientMeta,
}

impl Caller {
    fn signed_in(&self) -> SignedIn {
        let session_id = match &self.via {
            Via::Session { id } => id.clone(),
            Via::Token { .. } => String::new(),
        };
        SignedIn { session_id, user: self.user.clone() }
    }

    fn binding(&self) -> String {
        match &self.via {
            Via::Token { id, .. } => format!("api-token:{id}"),
            Via::Session { id } => format!("session:{id}"),
        }
    }

    /// Writes need a read-write token.
    fn require_write(&self) -> Result<(), ApiError> {
        match self.via {
            Via::Token { read_only: true, .. } => Err(AppError::Forbidden.into()),
            _ => Ok(()),
        }
    }
}

fn unauthenticated() -> ApiError {
    ApiError::App(AppError::Unauthenticated)
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let meta = parts.extensions.get::<ClientMeta>().cloned().unwrap_or_else(|| ClientMeta::local("api"));
        let bearer = header(&parts.headers, "authorization")
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim);
        let (token, claimed_user) = match bearer {
            Some(t) => (t, None),
            None => {
                let t = header(&parts.headers, "x-auth-token").ok_or_else(unauthenticated)?;
                (t, Some(header(&parts.headers, "x-user-id").ok_or_else(unauthenticated)?))
            }
        };
        let now = state.now();
        // Reads may use this instance's token cache; writes read the token and the account
        // afresh, so a password or factor check never sees data two seconds old.
        let write = parts.method != HttpMethod::GET;
        let (user, via) = if token.starts_with(tokens::PREFIX) {
            let found = if write {
                tokens::authenticate(&state.db, token, &meta.ip, now).await?
            } else {
                tokens::authenticate_cached(&state.db, &state.api.tokens, token, &meta.ip, now).await?
            };
            let (row, user) = found.ok_or_else(unauthenticated)?;
            let via = Via::Token {
                id: row.id.clone(),
                read_only: row.read_only != 0,
                ignore_two_factor: row.ignore_two_factor != 0,
            };
            (user, via)
        } else {
            let current =
                sessions::resolve(&state.db, state.timeouts(), token, &meta, now).await?.ok_or_else(unauthenticated)?;
            (current.user, Via::Session { id: current.session_id })
        };
        if claimed_user.is_some_and(|id| id != user.id) {
            return Err(unauthenticated());
        }
        // The browser's gates hold here too: a setup an administrator requires comes first, and
        // an expired password leaves only changing it and signing out.
        if two_factor::setup_required(&state.db, &user).await? {
            return Err(AppError::TwoFactorSetupRequired.into());
        }
        let path = parts.uri.path();
        let open_when_expired = path.ends_with("/me/password") || path.ends_with("/auth/logout");
        if !open_when_expired && state.password_policy().await?.is_expired(user.password_changed_at, now) {
            return Err(AppError::PasswordExpired.into());
        }
        let key = match &via {
            Via::Token { id, .. } => format!("api:token:{id}"),
            Via::Session { id } => format!("api:session:{id}"),
        };
        let limit = ratelimit::Limit::per_minutes(state.config.api_calls_per_minute, 1);
        state.api.limiter.hit(&state.db, &key, limit, now).await?;
        Ok(Caller { user, via, meta })
    }
}

/// A 2FA-protected call: the caller's account has a second factor, so the call needs
/// `X-2fa-Method` and `X-2fa-Code`, unless its token was made with Ignore Two Factor
/// Authentication.
async fn second_factor(state: &AppState, caller: &Caller, headers: &HeaderMap) -> Result<(), ApiError> {
    if matches!(caller.via, Via::Token { ignore_two_factor: true, .. }) {
        return Ok(());
    }
    let Some(factors) = two_factor::required(&state.db, &caller.user).await? else { return Ok(()) };
    let (Some(method), Some(code)) = (header(headers, "x-2fa-method"), header(headers, "x-2fa-code")) else {
        return Err(ApiError::TwoFactorRequired { methods: factors.methods(), pending: None });
    };
    let method = Method::parse(method)?;
    if code.chars().count() > 32 {
        return Err(AppError::InvalidCode.into());
    }
    let deps = state.deps();
    two_factor::verify(&deps, &caller.user, &factors, method, code, &caller.binding(), &caller.meta).await?;
    Ok(())
}

// ---- Bodies --------------------------------------------------------------------------------

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    pub username: String,
    pub name: String,
    pub email: String,
    pub email_verified: bool,
    /// `user` or `admin`.
    pub role: String,
    /// Unix milliseconds.
    pub created_at: i64,
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
        }
    }
}

/// The profile fields that can change; absent fields stay as they are. A new `email` needs
/// `current_password` (and is 2FA-protected): it takes effect once the link mailed to it is
/// opened.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MePatch {
    pub name: Option<String>,
    pub username: Option<String>,
    pub email: Option<String>,
    pub current_password: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditItem {
    pub event: String,
    pub ip: String,
    pub user_agent: String,
    pub created_at: i64,
    /// Details of the event (never a secret).
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
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
    pub identifier: Option<String>,
    pub password: Option<String>,
    /// The sign-in a `two_factor_required` answer gave.
    pub pending: Option<String>,
    /// `totp`, `backup` or `email`.
    pub method: Option<String>,
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

// ---- Handlers ------------------------------------------------------------------------------

/// The account.
#[utoipa::path(get, path = "/me", responses(
    (status = 200, body = Me), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)
), security(("token" = [])))]
async fn get_me(caller: Caller) -> ApiResult<Me> {
    Ok(Json(Me::from(&caller.user)))
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
    body: Result<Json<MePatch>, JsonRejection>,
) -> ApiResult<Me> {
    caller.require_write()?;
    let Json(patch) = body?;
    // Everything is checked before anything happens (a code is used up, a mail goes out).
    let mut p = app::error::Problems::default();
    let name = patch.name.as_deref().and_then(|n| p.check("name", DisplayName::parse(n)));
    let username = patch.username.as_deref().and_then(|u| p.check("username", Username::parse(u)));
    p.into_result()?;
    let taken = || AppError::Conflict { field: "username".into(), message: "That username is taken.".into() };
    if let Some(u) = &username {
        let existing = app::auth::repo::find_by_identifier(&state.db, &u.canonical()).await.map_err(AppError::from)?;
        if existing.is_some_and(|other| other.id != caller.user.id) {
            return Err(taken().into());
        }
    }
    if let Some(email) = &patch.email {
        second_factor(&state, &caller, &headers).await?;
        let password = patch.current_password.as_deref().unwrap_or_default();
        app::email::service::request_change(&state.deps(), &caller.signed_in(), email, password, true, &caller.meta)
            .await
            .map_err(|e| api_fields(e, &[("new_email", "email"), ("password", "current_password")]))?;
    }
    if name.is_none() && username.is_none() {
        return Ok(Json(Me::from(&caller.user)));
    }
    let updated = app::auth::repo::update_profile(
        &state.db,
        &caller.user.id,
        name.as_ref().map(|n| n.as_str()),
        username.as_ref().map(|u| (u.canonical(), u.display().to_owned())),
        state.now(),
    )
    .await;
    let user = match updated {
        Ok(user) => user,
        Err(e) if app::auth::repo::is_unique_violation(&e) => return Err(taken().into()),
        Err(e) => return Err(AppError::from(e).into()),
    };
    let detail = json!({
        "name": name.is_some().then(|| json!({ "from": caller.user.name, "to": user.name })),
        "username": username.is_some().then(|| json!({ "from": caller.user.display_username, "to": user.display_username })),
    });
    app::audit::repo::record(
        &state.db,
        app::audit::repo::Entry {
            user_id: Some(&user.id),
            actor_id: None,
            event: app::audit::AuditEvent::ProfileChanged,
            meta: &caller.meta,
            detail,
        },
        state.now(),
    )
    .await
    .map_err(AppError::from)?;
    Ok(Json(Me::from(&user)))
}

/// Where the account is signed in.
#[utoipa::path(get, path = "/me/sessions", responses(
    (status = 200, body = [SessionView]), (status = 401, body = ErrorBody)
), security(("token" = [])))]
async fn list_sessions(State(state): State<AppState>, caller: Caller) -> ApiResult<Vec<SessionView>> {
    let current = match &caller.via {
        Via::Session { id } => id.as_str(),
        Via::Token { .. } => "",
    };
    Ok(Json(sessions::list(&state.db, &caller.user.id, current).await?))
}

/// Ends one of the account's sessions.
#[utoipa::path(delete, path = "/me/sessions/{id}", params(("id" = String, Path)), responses(
    (status = 200, body = Done), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody)
), security(("token" = [])))]
async fn delete_session(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Done> {
    caller.require_write()?;
    sessions::revoke(&state.db, &caller.user.id, &id, &caller.meta, state.now()).await?;
    Ok(Json(Done { ok: true }))
}

/// The account's personal access tokens (never their values).
#[utoipa::path(get, path = "/me/tokens", responses(
    (status = 200, body = [TokenView]), (status = 401, body = ErrorBody)
), security(("token" = [])))]
async fn list_tokens(State(state): State<AppState>, caller: Caller) -> ApiResult<Vec<TokenView>> {
    Ok(Json(tokens::list(&state.db, &caller.user.id).await?))
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
    Path(id): Path<String>,
) -> ApiResult<Done> {
    caller.require_write()?;
    second_factor(&state, &caller, &headers).await?;
    tokens::delete(&state.deps(), &caller.user, &id, &caller.meta).await?;
    state.api.tokens.forget_user(&caller.user.id);
    Ok(Json(Done { ok: true }))
}

/// Changes the password (under the policy); every session ends. 2FA-protected.
#[utoipa::path(post, path = "/me/password", request_body = PasswordChange, params(
    ("X-2fa-Method" = Option<String>, Header), ("X-2fa-Code" = Option<String>, Header)
), responses(
    (status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
    (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)
), security(("token" = [])))]
async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Result<Json<PasswordChange>, JsonRejection>,
) -> ApiResult<Done> {
    caller.require_write()?;
    let Json(change) = body?;
    second_factor(&state, &caller, &headers).await?;
    let policy = state.password_policy().await?;
    let input = app::password::service::ChangeInput {
        current: &change.current_password,
        new_password: &change.new_password,
        confirm: &change.new_password,
    };
    app::password::service::change(&state.deps(), &policy, &caller.signed_in(), input, &caller.meta)
        .await
        .map_err(|e| api_fields(e, &[("current", "current_password")]))?;
    state.api.tokens.forget_user(&caller.user.id);
    Ok(Json(Done { ok: true }))
}

/// Mails a code for this token's (or session's) next 2FA-protected call, when the account
/// uses codes by email.
#[utoipa::path(post, path = "/me/two-factor/email-code", responses(
    (status = 200, body = Done), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 429, body = ErrorBody)
), security(("token" = [])))]
async fn send_email_code(State(state): State<AppState>, caller: Caller) -> ApiResult<Done> {
    caller.require_write()?;
    let factors = two_factor::required(&state.db, &caller.user).await?;
    if !factors.is_some_and(|f| f.email) {
        return Err(AppError::Forbidden.into());
    }
    two_factor::send_code(&state.deps(), &caller.user, &caller.binding()).await?;
    Ok(Json(Done { ok: true }))
}

/// The account's security events, newest first.
#[utoipa::path(get, path = "/me/audit", responses(
    (status = 200, body = [AuditItem]), (status = 401, body = ErrorBody)
), security(("token" = [])))]
async fn audit_log(State(state): State<AppState>, caller: Caller) -> ApiResult<Vec<AuditItem>> {
    let rows = app::audit::repo::for_user(&state.db, &caller.user.id, 100).await.map_err(AppError::from)?;
    Ok(Json(
        rows.into_iter()
            .map(|r| AuditItem {
                event: r.event,
                ip: r.ip,
                user_agent: r.user_agent,
                created_at: r.created_at,
                detail: serde_json::from_str(&r.detail).unwrap_or(json!({})),
            })
            .collect(),
    ))
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
    body: Result<Json<LoginRequest>, JsonRejection>,
) -> ApiResult<LoginResponse> {
    let Json(req) = body?;
    let deps = state.deps();
    let method = req.method.as_deref().filter(|m| !m.is_empty()).map(Method::parse).transpose()?;
    let code = req.code.as_deref().map(str::trim).filter(|c| !c.is_empty());
    if code.is_some_and(|c| c.chars().count() > 32) {
        return Err(AppError::InvalidCode.into());
    }
    let continued = req.pending.is_some();
    let pending = match req.pending {
        // A sign-in waiting for its second factor.
        Some(pending) => pending,
        None => {
            let mut p = app::error::Problems::default();
            let identifier = req.identifier.unwrap_or_default();
            let password = req.password.unwrap_or_default();
            if identifier.trim().is_empty() {
                p.add("identifier", "Enter your username or email address.");
            }
            if password.is_empty() {
                p.add("password", "Enter your password.");
            }
            p.into_result()?;
            match auth::sign_in(&deps, &identifier, &password, &meta).await? {
                SignInOutcome::SignedIn { user, session } => {
                    return Ok(Json(LoginResponse { user_id: user.id, token: session.token.expose().to_owned() }));
                }
                SignInOutcome::SecondFactor { pending, .. } => pending.expose().to_owned(),
            }
        }
    };
    let (Some(method), Some(code)) = (method, code) else {
        // The first call mailed a code already when email is the way; asking again resends.
        if continued && method == Some(Method::Email) {
            two_factor::send_sign_in_code(&deps, &pending).await?;
        }
        let methods = two_factor::challenge(&deps, &pending).await?.methods;
        return Err(ApiError::TwoFactorRequired { methods, pending: Some(pending) });
    };
    let (user, session) = auth::sign_in_second_factor(&deps, &pending, method, code, &meta).await?;
    Ok(Json(LoginResponse { user_id: user.id, token: session.token.expose().to_owned() }))
}

/// Ends the session the call came with (personal access tokens are deleted instead).
#[utoipa::path(post, path = "/auth/logout", responses(
    (status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)
), security(("token" = [])))]
async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<Done> {
    match &caller.via {
        Via::Session { id } => {
            auth::sign_out(&state.db, id, &caller.user.id, &caller.meta, state.now()).await?;
            Ok(Json(Done { ok: true }))
        }
        Via::Token { .. } => Err(AppError::BadRequest.into()),
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Gatehouse API", description = "The account's own data and security, for API clients."),
    servers((url = "/api/v1")),
    modifiers(&TokenScheme)
)]
struct ApiDoc;

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
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(get_me, patch_me))
        .routes(routes!(list_sessions))
        .routes(routes!(delete_session))
        .routes(routes!(list_tokens))
        .routes(routes!(delete_token))
        .routes(routes!(change_password))
        .routes(routes!(audit_log))
        .routes(routes!(send_email_code))
        .routes(routes!(login))
        .routes(routes!(logout))
        .split_for_parts()
}

/// `/api/v1`: the routes, `/api/v1/openapi.json`, and a JSON 404 for anything else.
pub fn router() -> axum::Router<AppState> {
    let (routes, doc) = routes();
    let doc = std::sync::Arc::new(doc);
    let served = routes.route(
        "/openapi.json",
        axum::routing::get(move || {
            let doc = doc.clone();
            async move { Json(doc.as_ref().clone()) }
        }),
    );
    axum::Router::new().nest("/api/v1", served.fallback(|| async { ApiError::App(AppError::NotFound) }))
}
