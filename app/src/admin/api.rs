//! Admin server functions. Each starts with `require_admin()`.
// A form's fields are a server function's arguments: the policy form has eleven.
#![allow(clippy::too_many_arguments)]

use leptos::server;
use serde::{Deserialize, Serialize};

use crate::{auth::model::UserView, error::AppError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminSummary {
    pub total_users: i64,
    pub admins: i64,
    pub users: Vec<AdminUser>,
}

/// A user in the administrators' list, with their two-factor state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminUser {
    #[serde(flatten)]
    pub user: UserView,
    /// An authenticator app is set up.
    pub totp: bool,
    /// An administrator requires two-factor authentication of this user.
    pub two_factor_forced: bool,
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
    let mut users = Vec::new();
    for u in repo::list(ctx.db(), search.trim(), 50).await? {
        let totp = crate::two_factor::totp::is_enabled(ctx.db(), &u.id).await?;
        users.push(AdminUser { totp, two_factor_forced: u.two_factor_forced_at.is_some(), user: u.view() });
    }
    Ok(AdminSummary { total_users, admins, users })
}

/// Saves the password policy. Numbers arrive as text so that a bad one gets a message next to
/// its field; a checkbox is present when ticked. Every change is audited with the policy before
/// and after.
#[server(prefix = "/fn", endpoint = "save_password_policy")]
pub async fn save_password_policy(
    min_length: String,
    max_length: String,
    require_lower: Option<String>,
    require_upper: Option<String>,
    require_digit: Option<String>,
    require_symbol: Option<String>,
    forbid_personal: Option<String>,
    history: String,
    max_age_days: String,
    max_repeated: String,
    block_common: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        audit::{repo as audit, AuditEvent},
        error::Problems,
        password::rules::PasswordPolicy,
        server::{guard, settings},
    };

    let (ctx, admin) = guard::require_admin().await?;
    let mut p = Problems::default();
    let mut number = |field: &str, raw: &str| -> usize {
        match raw.trim().parse::<usize>() {
            Ok(n) => n,
            Err(_) => {
                p.add(field, "Enter a whole number.");
                0
            }
        }
    };
    let policy = PasswordPolicy {
        min_length: number("min_length", &min_length),
        max_length: number("max_length", &max_length),
        require_lower: require_lower.is_some(),
        require_upper: require_upper.is_some(),
        require_digit: require_digit.is_some(),
        require_symbol: require_symbol.is_some(),
        forbid_personal: forbid_personal.is_some(),
        history: number("history", &history),
        max_age_days: u32::try_from(number("max_age_days", &max_age_days)).unwrap_or(u32::MAX),
        max_repeated: number("max_repeated", &max_repeated),
        block_common: block_common.is_some(),
    };
    if p.is_empty() {
        for (field, message) in policy.problems() {
            p.add(field, message);
        }
    }
    p.into_result()?;

    let before = ctx.state.password_policy().await?;
    settings::put(ctx.db(), settings::PASSWORD_POLICY, &policy, ctx.now()).await?;
    audit::record(
        ctx.db(),
        audit::Entry {
            user_id: None,
            actor_id: Some(&admin.admin().id),
            event: AuditEvent::PasswordPolicyChanged,
            meta: &ctx.meta,
            detail: serde_json::json!({ "before": before, "after": policy }),
        },
        ctx.now(),
    )
    .await?;
    Ok(())
}
