//! Server functions of the Personal Access Tokens page. Each is authorized through the gate;
//! making or regenerating a token takes the owner's confirmation (password, or a code when the
//! account has two-factor authentication).

use leptos::server;

use super::{NewToken, TokenSettings, TokenView};
use crate::{
    auth::model::{OneTimeCode, Password},
    error::AppError,
};

#[cfg(feature = "ssr")]
use gatehouse_core::{access::Opens, reauth, tokens};

#[server(prefix = "/fn", endpoint = "list_tokens")]
pub async fn list_tokens() -> Result<Vec<TokenView>, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    tokens::list(cx.env().db, &me.user.id).await
}

/// The token rules in force (the page offers the allowed lifetimes).
#[server(prefix = "/fn", endpoint = "token_settings")]
pub async fn get_token_settings() -> Result<TokenSettings, AppError> {
    let (cx, _me) = crate::server::authorize(Opens::Standing).await?;
    tokens::settings(&cx.env()).await
}

/// **Add**: `ignore_two_factor` is a checkbox (present when ticked); `scope` is "read_write"
/// or "read_only"; `expires` is 7, 30, 90 or "never". The answer is the only time the token
/// is shown.
#[server(prefix = "/fn", endpoint = "create_token")]
#[allow(clippy::too_many_arguments)]
pub async fn create_token(
    name: String,
    ignore_two_factor: Option<String>,
    scope: String,
    expires: String,
    password: Option<Password>,
    method: Option<String>,
    code: Option<OneTimeCode>,
) -> Result<NewToken, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let expiry = super::Expiry::parse(&expires)?;
    let read_only = match scope.as_str() {
        "read_only" => true,
        "read_write" => false,
        _ => return Err(AppError::field("scope", i18n::k::error_token_scope_choose())),
    };
    // Bad input is refused before the owner's code is used up.
    tokens::parse_name(&name)?;
    let env = cx.env();
    let password = password.as_ref().map(|p| p.expose()).unwrap_or_default();
    let owner = reauth::confirm_owner(&env, &me, password, crate::server::code_of(&method, &code), &cx.meta).await?;
    let input = tokens::CreateInput { name: &name, ignore_two_factor: ignore_two_factor.is_some(), read_only, expiry };
    tokens::create(&env, &owner, input, &cx.meta).await
}

/// **Regenerate**: a new value, shown once; the old one stops working at once.
#[server(prefix = "/fn", endpoint = "regenerate_token")]
pub async fn regenerate_token(
    id: String,
    password: Option<Password>,
    method: Option<String>,
    code: Option<OneTimeCode>,
) -> Result<NewToken, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let password = password.as_ref().map(|p| p.expose()).unwrap_or_default();
    let owner = reauth::confirm_owner(&env, &me, password, crate::server::code_of(&method, &code), &cx.meta).await?;
    let made = tokens::regenerate(&env, &owner, &id, &cx.meta).await?;
    cx.core().token_cache.forget_user(&me.user.id);
    Ok(made)
}

#[server(prefix = "/fn", endpoint = "delete_token")]
pub async fn delete_token(id: String) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    tokens::delete(&cx.env(), &me.user, &id, &cx.meta).await?;
    cx.core().token_cache.forget_user(&me.user.id);
    Ok(())
}

/// Deletes every token of the account (offered after a password change). Answers how many.
#[server(prefix = "/fn", endpoint = "revoke_all_tokens")]
pub async fn revoke_all_tokens() -> Result<u64, AppError> {
    let (cx, me) = crate::server::authorize(Opens::PasswordChange).await?;
    me.session_id().ok_or(AppError::Forbidden)?;
    let n = tokens::delete_all(&cx.env(), &me.user.id, "asked by the owner", &cx.meta).await?;
    cx.core().token_cache.forget_user(&me.user.id);
    Ok(n)
}

/// Administration: the longest lifetime of a new token (0: no limit).
#[server(prefix = "/fn", endpoint = "save_token_settings")]
pub async fn save_token_settings(max_days: String) -> Result<(), AppError> {
    use gatehouse_core::admin;

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?;
    let (min, max) = admin::TOKEN_MAX_DAYS;
    let max_days: u32 =
        max_days.trim().parse().map_err(|_| AppError::field("max_days", i18n::k::error_token_max_days(min, max)))?;
    let after = TokenSettings { max_days };
    admin::check_token_settings(&after)?;
    let admin = admin.recent(&env).await?;
    admin::save_token_settings(&env, &admin, &after, &cx.meta).await
}
