//! Server functions of the Personal Access Tokens page. Each starts with `require_user()`.

use leptos::server;

use super::{NewToken, TokenSettings, TokenView};
use crate::{
    auth::model::{OneTimeCode, Password},
    error::AppError,
};

#[server(prefix = "/fn", endpoint = "list_tokens")]
pub async fn list_tokens() -> Result<Vec<TokenView>, AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    super::service::list(ctx.db(), &me.user.id).await
}

/// The token rules in force (the page offers the allowed lifetimes).
#[server(prefix = "/fn", endpoint = "token_settings")]
pub async fn get_token_settings() -> Result<TokenSettings, AppError> {
    let (ctx, _me) = crate::server::guard::require_user().await?;
    super::service::settings(ctx.db()).await
}

/// The owner's proof before a token is made or regenerated: the password, or a code when the
/// account has two-factor authentication.
#[cfg(feature = "ssr")]
async fn verified(
    ctx: &crate::server::guard::Ctx,
    me: &crate::server::guard::SignedIn,
    password: Option<Password>,
    method: Option<String>,
    code: Option<OneTimeCode>,
) -> Result<(), AppError> {
    let method = method.filter(|m| !m.is_empty()).map(|m| crate::two_factor::Method::parse(&m)).transpose()?;
    let (password, code) = (password.unwrap_or_default(), code.unwrap_or_default());
    if code.expose().chars().count() > 32 {
        return Err(AppError::InvalidCode);
    }
    super::service::verify_owner(&ctx.deps(), me, password.expose(), method, code.expose(), &ctx.meta).await
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
    let (ctx, me) = crate::server::guard::require_user().await?;
    let expiry = super::Expiry::parse(&expires)?;
    let read_only = match scope.as_str() {
        "read_only" => true,
        "read_write" => false,
        _ => return Err(AppError::field("scope", "Choose read-only or read and write.")),
    };
    // Bad input is refused before the owner's code is used up.
    super::service::parse_name(&name)?;
    verified(&ctx, &me, password, method, code).await?;
    let input =
        super::service::CreateInput { name: &name, ignore_two_factor: ignore_two_factor.is_some(), read_only, expiry };
    super::service::create(&ctx.deps(), &me, input, &ctx.meta).await
}

/// **Regenerate**: a new value, shown once; the old one stops working at once.
#[server(prefix = "/fn", endpoint = "regenerate_token")]
pub async fn regenerate_token(
    id: String,
    password: Option<Password>,
    method: Option<String>,
    code: Option<OneTimeCode>,
) -> Result<NewToken, AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    verified(&ctx, &me, password, method, code).await?;
    let made = super::service::regenerate(&ctx.deps(), &me, &id, &ctx.meta).await?;
    ctx.state.api.tokens.forget_user(&me.user.id);
    Ok(made)
}

#[server(prefix = "/fn", endpoint = "delete_token")]
pub async fn delete_token(id: String) -> Result<(), AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    super::service::delete(&ctx.deps(), &me.user, &id, &ctx.meta).await?;
    ctx.state.api.tokens.forget_user(&me.user.id);
    Ok(())
}

/// Administration: the longest lifetime of a new token (0: no limit).
#[server(prefix = "/fn", endpoint = "save_token_settings")]
pub async fn save_token_settings(max_days: String) -> Result<(), AppError> {
    use crate::{
        audit::{repo as audit, AuditEvent},
        server::{guard, settings},
    };
    let (ctx, admin) = guard::require_admin().await?;
    let max_days: u32 = match max_days.trim().parse() {
        Ok(n) if n == 0 || (7..=3650).contains(&n) => n,
        _ => return Err(AppError::field("max_days", "Enter 0 (no limit) or a whole number of days from 7 to 3650.")),
    };
    let after = TokenSettings { max_days };
    let before = super::service::settings(ctx.db()).await?;
    settings::put(ctx.db(), settings::TOKENS, &after, ctx.now()).await?;
    audit::record(
        ctx.db(),
        audit::Entry {
            user_id: None,
            actor_id: Some(&admin.admin().id),
            event: AuditEvent::TokenSettingsChanged,
            meta: &ctx.meta,
            detail: serde_json::json!({ "before": before, "after": after }),
        },
        ctx.now(),
    )
    .await?;
    Ok(())
}
