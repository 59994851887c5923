//! Server functions for passwords: the policy in force, change, forgot and reset.

use leptos::server;

use super::rules::PasswordPolicy;
use crate::{auth::model::Password, error::AppError};

/// The policy in force: public, the registration and reset pages show its rules.
#[server(prefix = "/fn", endpoint = "password_policy")]
pub async fn get_password_policy() -> Result<PasswordPolicy, AppError> {
    let ctx = crate::server::guard::ctx()?;
    ctx.state.password_policy().await
}

/// Changes the signed-in account's password. The current password is always required;
/// success ends every other session of the account and mails a notice. Also open while the
/// password has expired: it is how the account gets going again.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(current: Password, new_password: Password, confirm: Password) -> Result<(), AppError> {
    use crate::server::guard;

    let (ctx, me) = guard::require_user_even_if_expired().await?;
    let policy = ctx.state.password_policy().await?;
    super::service::change(
        &ctx.deps(),
        &policy,
        &me,
        super::service::ChangeInput {
            current: current.expose(),
            new_password: new_password.expose(),
            confirm: confirm.expose(),
        },
        &ctx.meta,
    )
    .await?;
    ctx.state.api.tokens.forget_user(&me.user.id);
    Ok(())
}

/// "Reset password": the same answer whether or not the address has an account.
#[server(prefix = "/fn", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let ctx = crate::server::guard::ctx()?;
    super::service::request_reset(&ctx.deps(), &email, &ctx.meta).await?;
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Whether a reset link can still be used, and the second factors the reset asks for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResetLinkState {
    pub valid: bool,
    pub methods: Vec<crate::two_factor::Method>,
}

#[server(prefix = "/fn", endpoint = "reset_link_status")]
pub async fn reset_link_status(token: String) -> Result<ResetLinkState, AppError> {
    let ctx = crate::server::guard::ctx()?;
    let status = super::service::reset_link_status(&ctx.deps(), &token).await?;
    Ok(ResetLinkState { valid: status.is_some(), methods: status.unwrap_or_default() })
}

/// Sets a new password with a mailed link; every session of the account ends. Then on to
/// the sign-in page.
#[server(prefix = "/fn", endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    new_password: Password,
    confirm: Password,
    method: Option<String>,
    code: Option<crate::auth::model::OneTimeCode>,
) -> Result<(), AppError> {
    let ctx = crate::server::guard::ctx()?;
    let policy = ctx.state.password_policy().await?;
    let method = method.filter(|m| !m.is_empty()).map(|m| crate::two_factor::Method::parse(&m)).transpose()?;
    let code = code.unwrap_or_default();
    let code = code.expose();
    if code.chars().count() > 32 {
        return Err(AppError::InvalidCode);
    }
    let input = super::service::ResetInput {
        token: &token,
        new_password: new_password.expose(),
        confirm: confirm.expose(),
        method,
        code,
    };
    super::service::reset(&ctx.deps(), &policy, input, &ctx.meta).await?;
    leptos_axum::redirect("/signin?reset=done");
    Ok(())
}
