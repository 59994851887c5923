//! Server functions for two-factor authentication. Each authorizes itself: the account's own
//! functions through the gate as two-factor setup (open while an administrator requires it),
//! the sign-in's second step with its pending-sign-in cookie, the administrators' as admins.
//! Every change demands the re-authentication proof of `gatehouse_core::reauth`.

use leptos::server;

use super::{AssistantView, Challenge, TotpSetup, TwoFactorSettings, TwoFactorState};
use crate::{
    auth::model::{OneTimeCode, Password},
    error::AppError,
};

#[cfg(feature = "ssr")]
use gatehouse_core::{access::Opens, admin, reauth, two_factor, two_factor::AssistantCookie};

/// Which second factors the account has. Open while the password has expired too: the change
/// of password asks for one.
#[server(prefix = "/fn", endpoint = "two_factor_status")]
pub async fn two_factor_status() -> Result<TwoFactorState, AppError> {
    let (cx, me) = crate::server::authorize(Opens::PasswordChange).await?;
    two_factor::status(&cx.env(), &me).await
}

/// Re-enters the password (and a code when the account has a second factor) before changes.
/// Open while the password has expired: its change may ask for it.
#[server(prefix = "/fn", endpoint = "reauthenticate")]
pub async fn reauthenticate(
    password: Password,
    method: Option<String>,
    code: Option<OneTimeCode>,
) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::PasswordChange).await?;
    let code = crate::server::code_of(&method, &code);
    reauth::reauthenticate(&cx.env(), &me, password.expose(), code, &cx.meta).await
}

/// Mails a code for this session (re-authentication, disabling a factor, a password change,
/// which is open while the password has expired).
#[server(prefix = "/fn", endpoint = "send_two_factor_code")]
pub async fn send_two_factor_code() -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::PasswordChange).await?;
    two_factor::send_session_code(&cx.env(), &me, &cx.meta).await
}

/// The setup assistant's key and QR code: the setup this browser has in progress (its cookie),
/// or a new one, so every step and reload shows the same key.
#[server(prefix = "/fn", endpoint = "start_totp")]
pub async fn start_totp() -> Result<TotpSetup, AppError> {
    let (cx, me) = crate::server::authorize(Opens::TwoFactorSetup).await?;
    resume_setup(&cx, &me).await
}

/// The setup in this browser's cookie, or a new one put there; needs a recent
/// re-authentication.
#[cfg(feature = "ssr")]
async fn resume_setup(
    cx: &crate::server::Cx,
    me: &gatehouse_core::principal::Principal,
) -> Result<TotpSetup, AppError> {
    let env = cx.env();
    let recent = reauth::recent(&env, me).await?;
    let setup = two_factor::start_totp(&env, &recent, cx.assistant_cookie(AssistantCookie::Setup)).await?;
    cx.set_assistant_cookie(AssistantCookie::Setup, &setup.setup);
    Ok(setup)
}

/// **Verify**: the first code from the app. Answers the backup codes, once (see
/// `show_new_codes` for a form posted without JavaScript).
#[server(prefix = "/fn", endpoint = "confirm_totp")]
pub async fn confirm_totp(setup: OneTimeCode, code: OneTimeCode) -> Result<Vec<String>, AppError> {
    let (cx, me) = crate::server::authorize(Opens::TwoFactorSetup).await?;
    let (_, code) = gatehouse_core::factors::parse_code("totp", code.expose())?;
    if setup.expose().len() > 512 {
        return Err(AppError::BadRequest);
    }
    let env = cx.env();
    two_factor::require_available(&env).await?;
    let recent = reauth::recent(&env, &me).await?;
    let codes = two_factor::confirm_totp(&env, &recent, setup.expose(), code, &cx.meta).await?;
    cx.clear_assistant_cookie(AssistantCookie::Setup);
    show_new_codes(&cx, &recent, codes)
}

#[server(prefix = "/fn", endpoint = "regenerate_backup_codes")]
pub async fn regenerate_backup_codes() -> Result<Vec<String>, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    two_factor::require_available(&env).await?;
    let recent = reauth::recent(&env, &me).await?;
    let codes = two_factor::regenerate_codes(&env, &recent, &cx.meta).await?;
    show_new_codes(&cx, &recent, codes)
}

/// New backup codes for the one who asked. A page's script shows them from the answer; a form
/// posted without JavaScript is sent on to the page that shows them (`?codes=new`), the codes
/// sealed for this session in a ten-minute cookie that page reads once.
#[cfg(feature = "ssr")]
fn show_new_codes(
    cx: &crate::server::Cx,
    me: &reauth::Recent<'_>,
    codes: gatehouse_core::factors::backup::NewCodes,
) -> Result<Vec<String>, AppError> {
    if crate::server::plain_form_post() {
        let sealed = two_factor::seal_new_codes(&cx.env(), me.session_id(), &codes)?;
        cx.set_assistant_cookie(AssistantCookie::NewCodes, &sealed);
        leptos_axum::redirect(super::NEW_CODES_PAGE);
    }
    Ok(codes.0)
}

/// What the setup assistant shows while the page renders: with `key`, the setup in progress
/// (as `start_totp`); with `codes`, the backup codes just made for this session, once (the
/// cookie that carried them is cleared as they are read; none when already shown, expired or
/// made for another session).
#[server(prefix = "/fn", endpoint = "setup_assistant")]
pub async fn setup_assistant(key: bool, codes: bool) -> Result<AssistantView, AppError> {
    let (cx, me) = crate::server::authorize(Opens::TwoFactorSetup).await?;
    let mut view = AssistantView { setup: None, setup_error: None, new_codes: None };
    if codes {
        if let Some(sealed) = cx.assistant_cookie(AssistantCookie::NewCodes) {
            view.new_codes = me.session_id().and_then(|s| two_factor::open_new_codes(&cx.env(), s, sealed));
            cx.clear_assistant_cookie(AssistantCookie::NewCodes);
        }
    }
    if key {
        match resume_setup(&cx, &me).await {
            Ok(setup) => view.setup = Some(setup),
            Err(e) => view.setup_error = Some(e),
        }
    }
    Ok(view)
}

#[server(prefix = "/fn", endpoint = "disable_totp")]
pub async fn disable_totp(method: String, code: OneTimeCode) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let code = gatehouse_core::factors::parse_code(&method, code.expose())?;
    let env = cx.env();
    let recent = reauth::recent(&env, &me).await?;
    two_factor::disable_totp(&env, &recent, code, &cx.meta).await
}

#[server(prefix = "/fn", endpoint = "enable_email_two_factor")]
pub async fn enable_email_two_factor() -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    two_factor::require_available(&env).await?;
    two_factor::enable_email(&env, &reauth::recent(&env, &me).await?, &cx.meta).await
}

#[server(prefix = "/fn", endpoint = "disable_email_two_factor")]
pub async fn disable_email_two_factor(method: String, code: OneTimeCode) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let code = gatehouse_core::factors::parse_code(&method, code.expose())?;
    let env = cx.env();
    two_factor::require_available(&env).await?;
    let recent = reauth::recent(&env, &me).await?;
    two_factor::disable_email(&env, &recent, code, &cx.meta).await
}

// ---- The sign-in's second step (no session yet: the pending-sign-in cookie) ----------------

#[server(prefix = "/fn", endpoint = "sign_in_challenge")]
pub async fn sign_in_challenge() -> Result<Challenge, AppError> {
    let cx = crate::server::cx()?;
    let token = cx.pending_token().ok_or(AppError::SignInExpired)?;
    gatehouse_core::auth::challenge(&cx.env(), token).await
}

#[server(prefix = "/fn", endpoint = "send_sign_in_code")]
pub async fn send_sign_in_code() -> Result<(), AppError> {
    let cx = crate::server::cx()?;
    let token = cx.pending_token().ok_or(AppError::SignInExpired)?;
    gatehouse_core::auth::send_sign_in_code(&cx.env(), token, &cx.meta).await?;
    leptos_axum::redirect(&format!("{}?method=email&sent=1", crate::auth::api::SECOND_STEP));
    Ok(())
}

// ---- Administrators ------------------------------------------------------------------------

#[server(prefix = "/fn", endpoint = "get_two_factor_settings")]
pub async fn get_two_factor_settings() -> Result<TwoFactorSettings, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    admin::admin(&me)?;
    gatehouse_core::factors::settings(&cx.env()).await
}

/// Checkboxes: present when ticked. Audited with the settings before and after.
#[server(prefix = "/fn", endpoint = "save_two_factor_settings")]
pub async fn save_two_factor_settings(
    enabled: Option<String>,
    email_by_default: Option<String>,
) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?.recent(&env).await?;
    let after = TwoFactorSettings { enabled: enabled.is_some(), email_by_default: email_by_default.is_some() };
    admin::save_two_factor_settings(&env, &admin, &after, &cx.meta).await
}

/// **Force two-factor authentication** on or off for a user (`force` is "on" or "off").
#[server(prefix = "/fn", endpoint = "admin_force_two_factor")]
pub async fn admin_force_two_factor(user_id: String, force: String) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?;
    let force = match force.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(AppError::field("force", i18n::k::error_choose_on_off())),
    };
    let admin = admin.recent(&env).await?;
    admin::force_two_factor(&env, &admin, &user_id, force, &cx.meta).await?;
    // The API's token cache of this instance learns it at once (others within two seconds).
    cx.core().token_cache.forget_user(&user_id);
    Ok(())
}

/// **Reset two-factor authentication** for a user who lost the device.
#[server(prefix = "/fn", endpoint = "admin_reset_two_factor")]
pub async fn admin_reset_two_factor(user_id: String) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?.recent(&env).await?;
    admin::reset_two_factor(&env, &admin, &user_id, &cx.meta).await
}
