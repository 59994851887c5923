//! Server functions of account deletion. Each is authorized through the gate; the request
//! takes this session's recent re-authentication (the password and the second factor), and the
//! administrators' functions an administrator who re-authenticated.

use leptos::server;

use super::{DeletionPlan, DeletionRequested, DeletionSettings};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use gatehouse_core::{access::Opens, admin, deletion, reauth};

/// What deleting the account would do: the organizations that go with it, those it leaves,
/// and the contracts that block it. Open whatever the account's standing (an expired password
/// or a two-factor setup due do not keep anyone from leaving).
#[server(prefix = "/fn", endpoint = "deletion_plan")]
pub async fn get_deletion_plan() -> Result<DeletionPlan, AppError> {
    let (cx, me) = crate::server::authorize(Opens::PasswordChange).await?;
    deletion::plan(&cx.env(), &me.user).await
}

/// **Delete account**: `confirm` is the username, typed. Signs this browser out.
#[server(prefix = "/fn", endpoint = "delete_account")]
pub async fn delete_account(confirm: String) -> Result<DeletionRequested, AppError> {
    let (cx, me) = crate::server::authorize(Opens::PasswordChange).await?;
    let env = cx.env();
    if confirm.trim().to_lowercase() != me.user.username {
        return Err(AppError::field("confirm", i18n::k::error_delete_confirm(me.user.display_username.as_str())));
    }
    let recent = reauth::recent(&env, &me).await?;
    let done = deletion::request(&env, &recent, &confirm, &cx.meta).await?;
    cx.core().token_cache.forget_user(&me.user.id);
    cx.clear_session_cookie();
    Ok(done)
}

/// The grace period (administrators).
#[server(prefix = "/fn", endpoint = "deletion_settings")]
pub async fn get_deletion_settings() -> Result<DeletionSettings, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    admin::admin(&me)?;
    deletion::settings(&cx.env()).await
}

/// Administration → Account deletion: the grace period in days (0 to 90; 0: at once).
#[server(prefix = "/fn", endpoint = "save_deletion_settings")]
pub async fn save_deletion_settings(grace_days: String) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?;
    let grace_days = grace_days.trim().parse::<u32>().map_err(|_| {
        AppError::field("grace_days", i18n::k::error_grace_days_range(wire::deletion::GRACE_CEILING_DAYS))
    })?;
    let after = DeletionSettings { grace_days };
    let recent = admin.recent(&env).await?;
    admin::save_deletion_settings(&env, &recent, &after, &cx.meta).await
}

/// **Disable** (`disabled` present) or **Enable** an account (administrators).
#[server(prefix = "/fn", endpoint = "admin_set_disabled")]
pub async fn admin_set_disabled(user_id: String, disabled: Option<String>) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let recent = admin::admin(&me)?.recent(&env).await?;
    admin::set_disabled(&env, &recent, &user_id, disabled.is_some(), &cx.meta).await?;
    cx.core().token_cache.forget_user(&user_id);
    Ok(())
}

/// **Delete** an account (administrators), under the rules its owner has.
#[server(prefix = "/fn", endpoint = "admin_delete_user")]
pub async fn admin_delete_user(user_id: String) -> Result<DeletionRequested, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let recent = admin::admin(&me)?.recent(&env).await?;
    let done = admin::delete_user(&env, &recent, &user_id, &cx.meta).await?;
    cx.core().token_cache.forget_user(&user_id);
    Ok(done)
}
