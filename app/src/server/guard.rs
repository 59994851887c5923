//! The guards every server function starts with. Each server function is a public endpoint:
//! it authorizes itself with one of these, whatever the UI shows.

use http::{header, request::Parts, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

use super::{
    db::Db,
    request::{self, ClientMeta},
    state::AppState,
};
use crate::{
    auth::{model::Role, repo::UserRow},
    error::AppError,
    sessions::service::{self as sessions, SessionToken, Timeouts},
};

/// The request a server function is answering.
pub struct Ctx {
    pub state: AppState,
    pub parts: Parts,
    pub meta: ClientMeta,
}

impl Ctx {
    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub fn now(&self) -> i64 {
        self.state.now()
    }

    pub fn timeouts(&self) -> Timeouts {
        self.state.timeouts()
    }

    /// What services need from the server, read once for this request.
    pub fn deps(&self) -> crate::auth::service::Deps<'_> {
        self.state.deps()
    }

    pub fn cookie_secure(&self) -> bool {
        self.state.config.cookie_secure
    }

    /// The session cookie's token, if the request has one.
    pub fn session_token(&self) -> Option<&str> {
        request::cookie(&self.parts.headers, sessions::cookie_name(self.cookie_secure()))
    }

    pub fn set_session_cookie(&self, token: &SessionToken) {
        self.set_cookie(sessions::set_cookie(self.cookie_secure(), token));
    }

    /// After a sign-in: the browser's previous session (if any) ends and the new token goes
    /// into the cookie. A new token at every sign-in.
    pub async fn replace_session(&self, previous: Option<SignedIn>, new: &sessions::Issued) -> Result<(), AppError> {
        if let Some(previous) = previous {
            sessions::end(self.db(), &previous.session_id).await?;
        }
        self.set_session_cookie(&new.token);
        Ok(())
    }

    /// The cookie of a sign-in waiting for its second factor.
    pub fn pending_token(&self) -> Option<&str> {
        request::cookie(&self.parts.headers, crate::two_factor::pending::cookie_name(self.cookie_secure()))
    }

    pub fn set_pending_cookie(&self, token: &crate::two_factor::pending::PendingToken) {
        self.set_cookie(crate::two_factor::pending::set_cookie(self.cookie_secure(), token));
    }

    pub fn clear_pending_cookie(&self) {
        self.set_cookie(crate::two_factor::pending::clear_cookie(self.cookie_secure()));
    }

    pub fn clear_session_cookie(&self) {
        self.set_cookie(sessions::clear_cookie(self.cookie_secure()));
    }

    fn set_cookie(&self, value: String) {
        match (use_context::<ResponseOptions>(), HeaderValue::from_str(&value)) {
            (Some(res), Ok(v)) => res.append_header(header::SET_COOKIE, v),
            _ => tracing::error!("cannot set the session cookie"),
        }
    }
}

/// The current request, its state and client.
pub fn ctx() -> Result<Ctx, AppError> {
    let state = use_context::<AppState>().ok_or_else(|| {
        tracing::error!("no AppState in context");
        AppError::Internal
    })?;
    let parts = request::parts()?;
    let meta = request::client_meta(&parts);
    Ok(Ctx { state, parts, meta })
}

/// A signed-in user and the session they came with.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session_id: String,
    pub user: UserRow,
}

/// The signed-in user, if any.
pub async fn current(ctx: &Ctx) -> Result<Option<SignedIn>, AppError> {
    let Some(token) = ctx.session_token() else { return Ok(None) };
    let found = sessions::resolve(ctx.db(), ctx.timeouts(), token, &ctx.meta, ctx.now()).await?;
    Ok(found.map(|c| SignedIn { session_id: c.session_id, user: c.user }))
}

pub async fn optional_user() -> Result<(Ctx, Option<SignedIn>), AppError> {
    let ctx = ctx()?;
    let user = current(&ctx).await?;
    Ok((ctx, user))
}

/// The signed-in user, or `Unauthenticated`; `PasswordExpired` while the account's password
/// is past the policy's maximum age (only changing it, signing out and reading who is signed in
/// stay open then).
///
/// `TwoFactorSetupRequired` while an administrator requires TOTP of the account and it has
/// none: only the two-factor functions (`require_user_for_two_factor`) stay open then.
pub async fn require_user() -> Result<(Ctx, SignedIn), AppError> {
    let (ctx, user) = require_user_for_two_factor().await?;
    if crate::two_factor::service::setup_required(ctx.db(), &user.user).await? {
        return Err(AppError::TwoFactorSetupRequired);
    }
    Ok((ctx, user))
}

/// The signed-in user with a current password, whether or not a two-factor setup is due:
/// for the functions that set it up.
pub async fn require_user_for_two_factor() -> Result<(Ctx, SignedIn), AppError> {
    let (ctx, user) = require_user_even_if_expired().await?;
    if password_expired(&ctx, &user).await? {
        return Err(AppError::PasswordExpired);
    }
    Ok((ctx, user))
}

/// The signed-in user, whether or not the password has expired: for changing it.
pub async fn require_user_even_if_expired() -> Result<(Ctx, SignedIn), AppError> {
    let (ctx, user) = optional_user().await?;
    let user = user.ok_or(AppError::Unauthenticated)?;
    Ok((ctx, user))
}

pub async fn password_expired(ctx: &Ctx, user: &SignedIn) -> Result<bool, AppError> {
    Ok(ctx.state.password_policy().await?.is_expired(user.user.password_changed_at, ctx.now()))
}

/// Proof that the caller is an administrator: admin services take it as an argument, so they
/// cannot be called without the check.
#[derive(Debug, Clone)]
pub struct AdminCtx {
    admin: SignedIn,
}

impl AdminCtx {
    pub fn admin(&self) -> &UserRow {
        &self.admin.user
    }

    /// The administrator's own session (for re-authentication before sensitive actions).
    pub fn signed_in(&self) -> &SignedIn {
        &self.admin
    }
}

pub async fn require_admin() -> Result<(Ctx, AdminCtx), AppError> {
    let (ctx, user) = require_user().await?;
    if user.user.role() != Role::Admin {
        return Err(AppError::Forbidden);
    }
    Ok((ctx, AdminCtx { admin: user }))
}
