//! The server function of the Recent activity panel.

use leptos::server;

use super::model::ActivityLines;
use crate::error::AppError;

/// A page of the signed-in account's activity, newest first: of `kind` (empty: every kind),
/// after `cursor` (empty: the newest).
#[server(prefix = "/fn", endpoint = "list_activity")]
pub async fn list_activity(kind: String, cursor: String) -> Result<ActivityLines, AppError> {
    let (cx, me) = crate::server::authorize(gatehouse_core::access::Opens::Standing).await?;
    // The page's address leaves them empty for "every kind" and "the newest".
    fn some(s: &str) -> Option<&str> {
        (!s.is_empty()).then_some(s)
    }
    let query = gatehouse_core::activity::Query { kind: some(&kind), cursor: some(&cursor), limit: None };
    gatehouse_core::activity::page(&cx.env(), &me.user.id, &query).await.map(ActivityLines::from)
}
