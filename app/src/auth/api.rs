//! Server functions for accounts: authorize → parse → service.

use leptos::server;

use super::model::{Password, UserView};
use crate::error::AppError;

/// Where the browser goes after signing in or registering.
pub const HOME: &str = "/account/profile";

#[server(prefix = "/fn", endpoint = "register")]
pub async fn register(name: String, username: String, email: String, password: Password) -> Result<(), AppError> {
    use super::service::{self, RegisterInput};
    use crate::server::{guard, ratelimit};

    let (ctx, previous) = guard::optional_user().await?;
    let limit = ratelimit::Limit::per_minutes(ctx.state.config.registrations_per_ip_hour, 60);
    ratelimit::hit(ctx.db(), &format!("register:ip:{}", ctx.meta.ip), limit, ctx.now()).await?;
    let policy = ctx.state.password_policy().await?;
    let input = RegisterInput { name: &name, username: &username, email: &email, password: password.expose() };
    let (_, session) = service::register(&ctx.deps(), input, &policy, &ctx.meta).await?;
    ctx.replace_session(previous, &session).await?;
    leptos_axum::redirect(HOME);
    Ok(())
}

#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(identifier: String, password: Password) -> Result<(), AppError> {
    use super::service::{self, SignInOutcome};
    use crate::server::guard;

    let (ctx, previous) = guard::optional_user().await?;
    match service::sign_in(&ctx.deps(), &identifier, password.expose(), &ctx.meta).await? {
        SignInOutcome::SignedIn { session, user } => {
            ctx.replace_session(previous, &session).await?;
            leptos_axum::redirect(home_for(&ctx, &user).await?);
        }
        SignInOutcome::SecondFactor { pending, .. } => {
            ctx.set_pending_cookie(&pending);
            leptos_axum::redirect(SECOND_STEP);
        }
    }
    Ok(())
}

/// The sign-in's second step.
pub const SECOND_STEP: &str = "/signin/two-factor";

/// Where a new session starts: the Security page when an administrator requires a two-factor
/// setup that is not done yet.
#[cfg(feature = "ssr")]
pub async fn home_for(
    ctx: &crate::server::guard::Ctx,
    user: &crate::auth::repo::UserRow,
) -> Result<&'static str, AppError> {
    Ok(if crate::two_factor::service::setup_required(ctx.db(), user).await? { "/account/security" } else { HOME })
}

/// The second step: a code from the authenticator app, a backup code or an emailed code.
#[server(prefix = "/fn", endpoint = "sign_in_second_factor")]
pub async fn sign_in_second_factor(method: String, code: super::model::OneTimeCode) -> Result<(), AppError> {
    use crate::server::guard;

    let (ctx, previous) = guard::optional_user().await?;
    let method = crate::two_factor::Method::parse(&method)?;
    let code = code.expose();
    if code.trim().is_empty() {
        return Err(AppError::field("code", "Enter a code."));
    }
    if code.chars().count() > 32 {
        return Err(AppError::InvalidCode);
    }
    let token = ctx.pending_token().ok_or(AppError::SignInExpired)?.to_owned();
    let (user, session) = super::service::sign_in_second_factor(&ctx.deps(), &token, method, code, &ctx.meta).await?;
    ctx.clear_pending_cookie();
    ctx.replace_session(previous, &session).await?;
    leptos_axum::redirect(home_for(&ctx, &user).await?);
    Ok(())
}

#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::guard;

    let (ctx, current) = guard::optional_user().await?;
    if let Some(current) = current {
        super::service::sign_out(ctx.db(), &current.session_id, &current.user.id, &ctx.meta, ctx.now()).await?;
    }
    ctx.clear_session_cookie();
    leptos_axum::redirect("/signin");
    Ok(())
}

/// The signed-in user, or None. Says when the password has expired, so that the pages lead
/// to changing it first.
#[server(prefix = "/fn", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<UserView>, AppError> {
    use crate::server::guard;

    let (ctx, current) = guard::optional_user().await?;
    let Some(current) = current else { return Ok(None) };
    let expired = guard::password_expired(&ctx, &current).await?;
    let setup = crate::two_factor::service::setup_required(ctx.db(), &current.user).await?;
    Ok(Some(UserView { password_expired: expired, two_factor_setup_required: setup, ..current.user.view() }))
}
