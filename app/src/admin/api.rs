//! Admin server functions. Each starts with `require_admin()`.

use leptos::server;
use serde::{Deserialize, Serialize};

use crate::{auth::model::UserView, error::AppError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminSummary {
    pub total_users: i64,
    pub admins: i64,
    pub users: Vec<UserView>,
}

/// Counts and the newest users matching `search`.
#[server(prefix = "/fn", endpoint = "admin_overview")]
pub async fn admin_overview(search: String) -> Result<AdminSummary, AppError> {
    use crate::{auth::repo, server::guard};

    let (ctx, _admin) = guard::require_admin().await?;
    if search.chars().count() > 100 {
        return Err(AppError::field("search", "Use at most 100 characters."));
    }
    let (total_users, admins) = repo::count(ctx.db()).await?;
    let users = repo::list(ctx.db(), search.trim(), 50).await?.iter().map(|u| u.view()).collect();
    Ok(AdminSummary { total_users, admins, users })
}
