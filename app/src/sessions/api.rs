//! Server functions for the account's own sessions.

use leptos::server;

use super::model::SessionView;
use crate::error::AppError;

/// The signed-in account's sessions, most recently active first.
#[server(prefix = "/fn", endpoint = "list_sessions")]
pub async fn list_sessions() -> Result<Vec<SessionView>, AppError> {
    let (cx, me) = crate::server::authorize(gatehouse_core::access::Opens::Standing).await?;
    gatehouse_core::sessions::list(cx.env().db, &me.user.id, me.session_id()).await
}

/// Ends one of the account's sessions. Ending the current one signs this browser out.
#[server(prefix = "/fn", endpoint = "revoke_session")]
pub async fn revoke_session(id: String) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(gatehouse_core::access::Opens::Standing).await?;
    gatehouse_core::sessions::revoke(&cx.env(), &me.user.id, &id, &cx.meta).await?;
    if me.session_id() == Some(id.as_str()) {
        cx.clear_session_cookie();
        leptos_axum::redirect("/signin");
    }
    Ok(())
}

/// "Logout From Other Logged In Locations": ends every session but this one.
#[server(prefix = "/fn", endpoint = "logout_other_sessions")]
pub async fn logout_other_sessions() -> Result<u64, AppError> {
    let (cx, me) = crate::server::authorize(gatehouse_core::access::Opens::Standing).await?;
    let here = me.session_id().unwrap_or_default();
    gatehouse_core::sessions::revoke_others(&cx.env(), &me.user.id, here, &cx.meta).await
}
