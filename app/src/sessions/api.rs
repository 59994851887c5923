//! Server functions for the account's own sessions.

use leptos::server;

use super::model::SessionView;
use crate::error::AppError;

/// The signed-in account's sessions, most recently active first.
#[server(prefix = "/fn", endpoint = "list_sessions")]
pub async fn list_sessions() -> Result<Vec<SessionView>, AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    super::service::list(ctx.db(), &me.user.id, &me.session_id).await
}

/// Ends one of the account's sessions. Ending the current one signs this browser out.
#[server(prefix = "/fn", endpoint = "revoke_session")]
pub async fn revoke_session(id: String) -> Result<(), AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    super::service::revoke(ctx.db(), &me.user.id, &id, &ctx.meta, ctx.now()).await?;
    if id == me.session_id {
        ctx.clear_session_cookie();
        leptos_axum::redirect("/signin");
    }
    Ok(())
}

/// "Logout From Other Logged In Locations": ends every session but this one.
#[server(prefix = "/fn", endpoint = "logout_other_sessions")]
pub async fn logout_other_sessions() -> Result<u64, AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    super::service::revoke_others(ctx.db(), &me.user.id, &me.session_id, &ctx.meta, ctx.now()).await
}
