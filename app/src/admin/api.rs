//! Admin server functions. Each is authorized as an administrator's; changes also need the
//! administrator's recent re-authentication.
// A form's fields are a server function's arguments: the policy form has eleven.
#![allow(clippy::too_many_arguments)]

use leptos::server;

pub use wire::admin::{AdminSummary, AdminUser};

use crate::error::AppError;

/// Counts and a page of users: the newest, or those matching `search`; `after` is the cursor
/// of the page (from the previous page's `next_page`).
#[server(prefix = "/fn", endpoint = "admin_overview")]
pub async fn admin_overview(search: String, after: Option<String>) -> Result<AdminSummary, AppError> {
    use gatehouse_core::{access::Opens, admin};

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    admin::overview(&cx.env(), &admin::admin(&me)?, &search, after.as_deref()).await
}

/// Administration → Audit log: a page of the server-wide log, newest first, narrowed by `q` (an
/// account's username or email address, or an IP address; empty: everyone) and `kind` (empty:
/// every kind), after `cursor` (empty: the newest).
#[server(prefix = "/fn", endpoint = "admin_audit_log")]
pub async fn admin_audit_log(
    q: String,
    kind: String,
    cursor: String,
) -> Result<wire::activity::ServerActivityPage, AppError> {
    use gatehouse_core::{access::Opens, activity::Query, admin};

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    fn some(s: &str) -> Option<&str> {
        (!s.is_empty()).then_some(s)
    }
    let query = Query { kind: some(&kind), cursor: some(&cursor), limit: None };
    admin::audit_log(&cx.env(), &admin::admin(&me)?, &q, &query).await
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
    use gatehouse_core::{access::Opens, admin};
    use wire::{error::Problems, password::PasswordPolicy};

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?;
    let mut p = Problems::default();
    let mut number = |field: &str, raw: &str| -> usize {
        match raw.trim().parse::<usize>() {
            Ok(n) => n,
            Err(_) => {
                p.add(field, i18n::k::error_whole_number());
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
    p.into_result()?;
    admin::check_password_policy(&policy)?;
    let admin = admin.recent(&env).await?;
    admin::save_password_policy(&env, &admin, &policy, &cx.meta).await
}

/// Gives (`support` "on") or takes back ("off") the support role of a user.
#[server(prefix = "/fn", endpoint = "admin_set_support_role")]
pub async fn admin_set_support_role(user_id: String, support: String) -> Result<(), AppError> {
    use gatehouse_core::{access::Opens, admin};

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?;
    let support = match support.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(AppError::field("support", i18n::k::error_choose_on_off())),
    };
    let admin = admin.recent(&env).await?;
    admin::set_support_role(&env, &admin, &user_id, support, &cx.meta).await?;
    // The API's token cache of this instance learns the new role at once.
    cx.core().token_cache.forget_user(&user_id);
    Ok(())
}

/// Administration → Organizations: the organizations with their contracts.
#[server(prefix = "/fn", endpoint = "admin_organizations")]
pub async fn admin_organizations(search: String) -> Result<Vec<wire::organization::AdminOrg>, AppError> {
    use gatehouse_core::{access::Opens, admin};

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    admin::organizations(&cx.env(), &admin::admin(&me)?, &search).await
}

/// Sets an organization's contract: `plan` free or paid, `status` active, cancelled or ended,
/// `ends_on` a date (`2027-01-31`, the start of that day UTC) or empty for none.
#[server(prefix = "/fn", endpoint = "admin_save_contract")]
pub async fn admin_save_contract(
    org_id: String,
    plan: String,
    status: String,
    ends_on: String,
) -> Result<(), AppError> {
    use gatehouse_core::{access::Opens, admin};
    use wire::error::Problems;

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?;
    let mut p = Problems::default();
    let ends_at = match ends_on.trim() {
        "" => None,
        day => p.check("ends_on", wire::organization::parse_date(day).ok_or_else(i18n::k::error_date)),
    };
    let contract = admin::parse_contract(&plan, &status, ends_at, env.now);
    match (p.into_result(), contract) {
        (Ok(()), Ok(c)) => {
            let admin = admin.recent(&env).await?;
            admin::set_contract(&env, &admin, &org_id, &c, &cx.meta).await
        }
        (Err(AppError::Validation { mut errors }), Err(AppError::Validation { errors: more })) => {
            errors.extend(more);
            Err(AppError::Validation { errors })
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}
