//! Server functions for two-factor authentication. Each authorizes itself: the account's own
//! functions with `require_user_for_two_factor` (open while a forced setup is due), the
//! sign-in's second step with its pending-sign-in cookie, the administrators' with
//! `require_admin`.

use leptos::server;

use super::{Challenge, TotpSetup, TwoFactorSettings, TwoFactorState};
use crate::{
    auth::model::{OneTimeCode, Password},
    error::AppError,
};

#[cfg(feature = "ssr")]
fn method_and_code(method: &str, code: &OneTimeCode) -> Result<super::Method, AppError> {
    let code = code.expose();
    let method = super::Method::parse(method)?;
    if code.trim().is_empty() {
        return Err(AppError::field("code", "Enter a code."));
    }
    if code.chars().count() > 32 {
        return Err(AppError::InvalidCode);
    }
    Ok(method)
}

#[server(prefix = "/fn", endpoint = "two_factor_status")]
pub async fn two_factor_status() -> Result<TwoFactorState, AppError> {
    let (ctx, me) = crate::server::guard::require_user_for_two_factor().await?;
    super::service::status(&ctx.deps(), &me).await
}

/// Re-enters the password (and a code when the account has a second factor) before changes.
#[server(prefix = "/fn", endpoint = "reauthenticate")]
pub async fn reauthenticate(
    password: Password,
    method: Option<String>,
    code: Option<OneTimeCode>,
) -> Result<(), AppError> {
    let (ctx, me) = crate::server::guard::require_user_for_two_factor().await?;
    let method = method.filter(|m| !m.is_empty()).map(|m| super::Method::parse(&m)).transpose()?;
    let code = code.unwrap_or_default();
    let code = code.expose();
    if code.chars().count() > 32 {
        return Err(AppError::InvalidCode);
    }
    super::service::reauthenticate(&ctx.deps(), &me, password.expose(), method, code, &ctx.meta).await
}

/// Mails a code for this session (re-authentication, disabling a factor).
#[server(prefix = "/fn", endpoint = "send_two_factor_code")]
pub async fn send_two_factor_code() -> Result<(), AppError> {
    let (ctx, me) = crate::server::guard::require_user_for_two_factor().await?;
    super::service::send_session_code(&ctx.deps(), &me).await
}

#[server(prefix = "/fn", endpoint = "start_totp")]
pub async fn start_totp() -> Result<TotpSetup, AppError> {
    let (ctx, me) = crate::server::guard::require_user_for_two_factor().await?;
    super::service::start_totp(&ctx.deps(), &me).await
}

/// **Verify**: the first code from the app. Answers the backup codes, once.
#[server(prefix = "/fn", endpoint = "confirm_totp")]
pub async fn confirm_totp(setup: OneTimeCode, code: OneTimeCode) -> Result<Vec<String>, AppError> {
    let (ctx, me) = crate::server::guard::require_user_for_two_factor().await?;
    method_and_code("totp", &code)?;
    if setup.expose().len() > 512 {
        return Err(AppError::BadRequest);
    }
    Ok(super::service::confirm_totp(&ctx.deps(), &me, setup.expose(), code.expose(), &ctx.meta).await?.0)
}

#[server(prefix = "/fn", endpoint = "regenerate_backup_codes")]
pub async fn regenerate_backup_codes() -> Result<Vec<String>, AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    Ok(super::service::regenerate_codes(&ctx.deps(), &me, &ctx.meta).await?.0)
}

#[server(prefix = "/fn", endpoint = "disable_totp")]
pub async fn disable_totp(method: String, code: OneTimeCode) -> Result<(), AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    let method = method_and_code(&method, &code)?;
    super::service::disable_totp(&ctx.deps(), &me, method, code.expose(), &ctx.meta).await
}

#[server(prefix = "/fn", endpoint = "enable_email_two_factor")]
pub async fn enable_email_two_factor() -> Result<(), AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    super::service::enable_email(&ctx.deps(), &me, &ctx.meta).await
}

#[server(prefix = "/fn", endpoint = "disable_email_two_factor")]
pub async fn disable_email_two_factor(method: String, code: OneTimeCode) -> Result<(), AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    let method = method_and_code(&method, &code)?;
    super::service::disable_email(&ctx.deps(), &me, method, code.expose(), &ctx.meta).await
}

// ---- The sign-in's second step (no session yet: the pending-sign-in cookie) ----------------

#[server(prefix = "/fn", endpoint = "sign_in_challenge")]
pub async fn sign_in_challenge() -> Result<Challenge, AppError> {
    let ctx = crate::server::guard::ctx()?;
    let token = ctx.pending_token().ok_or(AppError::SignInExpired)?;
    super::service::challenge(&ctx.deps(), token).await
}

#[server(prefix = "/fn", endpoint = "send_sign_in_code")]
pub async fn send_sign_in_code() -> Result<(), AppError> {
    let ctx = crate::server::guard::ctx()?;
    let token = ctx.pending_token().ok_or(AppError::SignInExpired)?;
    super::service::send_sign_in_code(&ctx.deps(), token).await?;
    leptos_axum::redirect(&format!("{}?method=email&sent=1", crate::auth::api::SECOND_STEP));
    Ok(())
}

// ---- Administrators ------------------------------------------------------------------------

#[server(prefix = "/fn", endpoint = "get_two_factor_settings")]
pub async fn get_two_factor_settings() -> Result<TwoFactorSettings, AppError> {
    let (ctx, _admin) = crate::server::guard::require_admin().await?;
    super::service::settings(ctx.db()).await
}

/// Checkboxes: present when ticked. Audited with the settings before and after.
#[server(prefix = "/fn", endpoint = "save_two_factor_settings")]
pub async fn save_two_factor_settings(
    enabled: Option<String>,
    email_by_default: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        audit::{repo as audit, AuditEvent},
        server::settings,
    };
    let (ctx, admin) = crate::server::guard::require_admin().await?;
    super::service::require_reauthenticated(&ctx.deps(), admin.signed_in()).await?;
    let after = TwoFactorSettings { enabled: enabled.is_some(), email_by_default: email_by_default.is_some() };
    let before = super::service::settings(ctx.db()).await?;
    settings::put(ctx.db(), settings::TWO_FACTOR, &after, ctx.now()).await?;
    audit::record(
        ctx.db(),
        audit::Entry {
            user_id: None,
            actor_id: Some(&admin.admin().id),
            event: AuditEvent::TwoFactorSettingsChanged,
            meta: &ctx.meta,
            detail: serde_json::json!({ "before": before, "after": after }),
        },
        ctx.now(),
    )
    .await?;
    Ok(())
}

/// **Force two-factor authentication** on or off for a user (`force` is "on" or "off").
#[server(prefix = "/fn", endpoint = "admin_force_two_factor")]
pub async fn admin_force_two_factor(user_id: String, force: String) -> Result<(), AppError> {
    let (ctx, admin) = crate::server::guard::require_admin().await?;
    let force = match force.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(AppError::field("force", "Choose on or off.")),
    };
    super::service::require_reauthenticated(&ctx.deps(), admin.signed_in()).await?;
    super::service::admin_force(&ctx.deps(), admin.admin(), &user_id, force, &ctx.meta).await?;
    // The API's token cache of this instance learns it at once (others within two seconds).
    ctx.state.api.tokens.forget_user(&user_id);
    Ok(())
}

/// **Reset two-factor authentication** for a user who lost the device.
#[server(prefix = "/fn", endpoint = "admin_reset_two_factor")]
pub async fn admin_reset_two_factor(user_id: String) -> Result<(), AppError> {
    let (ctx, admin) = crate::server::guard::require_admin().await?;
    super::service::require_reauthenticated(&ctx.deps(), admin.signed_in()).await?;
    super::service::admin_reset(&ctx.deps(), admin.admin(), &user_id, &ctx.meta).await
}
