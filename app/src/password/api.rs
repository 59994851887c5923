//! Server functions for passwords: the policy in force, change, forgot and reset.

use leptos::server;

use super::rules::{PasswordChanged, PasswordPolicy, ResetLinkState};
use crate::{
    auth::model::{OneTimeCode, Password},
    error::AppError,
};

/// The policy in force: public, the registration and reset pages show its rules. Signed in,
/// the account's own: the server's, made stricter by what its organizations ask.
#[server(prefix = "/fn", endpoint = "password_policy")]
pub async fn get_password_policy() -> Result<PasswordPolicy, AppError> {
    use gatehouse_core::policy;

    let cx = crate::server::cx()?;
    let env = cx.env();
    match cx.principal().await? {
        Some(me) => policy::in_force(&env, &me.user.member_rules()).await,
        None => policy::current(&env).await,
    }
}

/// Changes the signed-in account's password. The current password is always required, and a
/// second-factor code when the account has one (unless this session re-authenticated with one
/// in the last minutes); success ends every other session of the account and mails a notice.
/// Also open while the password has expired: it is how the account gets going again. Answers
/// how many personal access tokens still work (the page offers to revoke them).
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(
    current_password: Password,
    new_password: Password,
    confirm: Password,
    method: Option<String>,
    code: Option<OneTimeCode>,
) -> Result<PasswordChanged, AppError> {
    use gatehouse_core::{access::Opens, password, policy, reauth};

    let (cx, me) = crate::server::authorize(Opens::PasswordChange).await?;
    let env = cx.env();
    let factor = reauth::second_factor_in_form(&env, &me, crate::server::code_of(&method, &code), &cx.meta).await?;
    let policy = policy::in_force(&env, &me.user.member_rules()).await?;
    let req = password::ChangeRequest {
        current_password: current_password.expose(),
        new_password: new_password.expose(),
        confirm: Some(confirm.expose()),
    };
    let tokens_left = password::change(&env, &policy, &factor, req, &cx.meta).await?;
    cx.core().token_cache.forget_user(&me.user.id);
    Ok(PasswordChanged { tokens_left })
}

/// "Reset password": the same answer whether or not the address has an account.
#[server(prefix = "/fn", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let cx = crate::server::cx()?;
    gatehouse_core::password::request_reset(&cx.env(), &email, &cx.meta).await?;
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Whether a reset link can still be used, and the second factors the reset asks for.
#[server(prefix = "/fn", endpoint = "reset_link_status")]
pub async fn reset_link_status(token: String) -> Result<ResetLinkState, AppError> {
    let cx = crate::server::cx()?;
    let status = gatehouse_core::password::reset_link_status(&cx.env(), &token).await?;
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
    code: Option<OneTimeCode>,
) -> Result<(), AppError> {
    use gatehouse_core::{password, policy};

    let cx = crate::server::cx()?;
    let env = cx.env();
    let policy = policy::current(&env).await?;
    let input = password::ResetInput {
        token: &token,
        new_password: new_password.expose(),
        confirm: confirm.expose(),
        method: method.as_deref(),
        code: code.as_ref().map(|c| c.expose()).unwrap_or_default(),
    };
    password::reset(&env, &policy, input, &cx.meta).await?;
    leptos_axum::redirect("/signin?reset=done");
    Ok(())
}
