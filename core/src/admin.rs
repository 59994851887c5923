//! Administration: the users list, server-wide settings, and what administrators may do to
//! another account's two-factor authentication (force it, reset it; never enable it).
//!
//! Every function here takes a proof: [`Admin`] (the caller is an administrator) to read, and
//! [`RecentAdmin`] (an administrator who re-authenticated in the last ten minutes) to change
//! anything. Only [`admin`] and [`Admin::recent`] make them, so an admin action cannot be
//! written without the checks. Every settings save goes through [`save_setting`], which audits
//! it with the value before and after.

use i18n::k;
use platform::{
    audit::{AuditEvent, Entry},
    request::ClientMeta,
    settings::{Key, Value},
    Env,
};
use serde_json::json;
use wire::{
    account::Role,
    admin::{AdminSummary, AdminUser},
    deletion::{DeletionRequested, DeletionSettings},
    error::AppError,
    organization::{AdminOrg, Contract, ContractStatus, OrgRole, Plan},
    password::PasswordPolicy,
    preferences::{Change, Preferences, PreferencesView},
    support::PinSettings,
    token::TokenSettings,
    two_factor::TwoFactorSettings,
};

use crate::{
    accounts::{repo as users, UserRow},
    deletion,
    factors::{self, lockout, pending, totp},
    notices::FactorChange,
    organizations as orgs, policy, preferences,
    principal::Principal,
    reauth::{self, Recent},
    sessions, support_pin, tokens, two_factor,
};

/// Proof that the caller is an administrator.
#[derive(Debug)]
pub struct Admin<'p> {
    principal: &'p Principal,
}

/// `Forbidden` unless the caller is an administrator.
pub fn admin(principal: &Principal) -> Result<Admin<'_>, AppError> {
    if principal.user.role() == Role::Admin {
        Ok(Admin { principal })
    } else {
        Err(AppError::Forbidden)
    }
}

impl<'p> Admin<'p> {
    pub fn user(&self) -> &'p UserRow {
        &self.principal.user
    }

    /// The administrator re-authenticated in the last ten minutes: changes are open.
    pub async fn recent(&self, env: &Env<'_>) -> Result<RecentAdmin<'p>, AppError> {
        Ok(RecentAdmin { recent: reauth::recent(env, self.principal).await? })
    }
}

/// Proof that the caller is an administrator who re-authenticated recently.
#[derive(Debug)]
pub struct RecentAdmin<'p> {
    recent: Recent<'p>,
}

impl<'p> RecentAdmin<'p> {
    pub fn user(&self) -> &'p UserRow {
        self.recent.user()
    }
}

/// Counts and a page of users: the newest first, or those matching `search` (the start of a
/// username, an address, a domain or a word of the name); `after` is the page's cursor.
pub async fn overview(
    env: &Env<'_>,
    _admin: &Admin<'_>,
    search: &str,
    after: Option<&str>,
) -> Result<AdminSummary, AppError> {
    if search.chars().count() > SEARCH_MAX {
        return Err(AppError::field("search", k::error_too_long(SEARCH_MAX)));
    }
    let after = match after.filter(|a| !a.is_empty()) {
        Some(a) => Some(users::Cursor::decode(a).ok_or_else(|| AppError::field("after", k::error_page_gone()))?),
        None => None,
    };
    let (total_users, admins) = users::count(env.db).await?;
    let page = users::list(env.db, search, after.as_ref(), PAGE).await?;
    let with_totp = totp::enabled_among(env.db, &page.users.iter().map(|u| u.id.as_str()).collect::<Vec<_>>()).await?;
    let listed = page
        .users
        .into_iter()
        .map(|u| AdminUser {
            totp: with_totp.contains(&u.id),
            two_factor_forced: u.two_factor_forced_at.is_some(),
            disabled: u.disabled_at.is_some(),
            deletion_due_at: u.deletion_due_at,
            user: u.view(),
        })
        .collect();
    let mail_given_up = platform::mail::queue::given_up(env.db).await?;
    Ok(AdminSummary { total_users, admins, mail_given_up, users: listed, next_page: page.next.map(|c| c.encode()) })
}

/// Users per page of the administrators' list.
pub const PAGE: i64 = 50;
/// The longest search of the administrators' list, in characters.
pub const SEARCH_MAX: usize = 100;

// ---- Settings ------------------------------------------------------------------------------

/// Saves a server-wide setting and audits the change with the value before and after.
pub async fn save_setting<T: Value>(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    key: Key<T>,
    after: &T,
    event: AuditEvent,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let before = env.setting(key).await?;
    env.put_setting(key, after).await?;
    let detail = json!({ "before": before, "after": after });
    env.record(Entry { user_id: None, actor_id: Some(&admin.user().id), event, meta, detail }).await
}

/// A policy that breaks its own limits is refused per field. (The pages check before asking
/// for the re-authentication, so bad input is told at once.)
pub fn check_password_policy(policy: &PasswordPolicy) -> Result<(), AppError> {
    let mut p = wire::error::Problems::default();
    for (field, msg) in policy.problems() {
        p.add(field, msg);
    }
    p.into_result()
}

/// Administration → Password policy.
pub async fn save_password_policy(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    after: &PasswordPolicy,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    check_password_policy(after)?;
    save_setting(env, admin, policy::POLICY, after, AuditEvent::PasswordPolicyChanged, meta).await
}

/// Administration → Two-factor authentication.
pub async fn save_two_factor_settings(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    after: &TwoFactorSettings,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    save_setting(env, admin, factors::SETTINGS, after, AuditEvent::TwoFactorSettingsChanged, meta).await
}

/// The shortest and longest limit of a token's lifetime an administrator may set, in days.
pub const TOKEN_MAX_DAYS: (u32, u32) = (7, 3650);

/// The longest lifetime of a new token: 0 (no limit), or 7 to 3650 days.
pub fn check_token_settings(s: &TokenSettings) -> Result<(), AppError> {
    let (min, max) = TOKEN_MAX_DAYS;
    if s.max_days != 0 && !(min..=max).contains(&s.max_days) {
        return Err(AppError::field("max_days", k::error_token_max_days(min, max)));
    }
    Ok(())
}

/// Administration → Personal access tokens: the longest lifetime of a new token (0: no limit).
pub async fn save_token_settings(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    after: &TokenSettings,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    check_token_settings(after)?;
    save_setting(env, admin, tokens::SETTINGS, after, AuditEvent::TokenSettingsChanged, meta).await
}

/// The server's defaults of the preferences, shown like a person's: the values, the built-in
/// defaults under them, and which the server chose.
pub async fn preference_defaults(env: &Env<'_>, _admin: &Admin<'_>) -> Result<PreferencesView, AppError> {
    let chosen = env.setting(preferences::DEFAULTS).await?;
    let builtin = Preferences::default();
    Ok(PreferencesView {
        values: chosen.apply(&builtin).0,
        defaults: builtin,
        chosen: chosen.iter().map(|(s, _)| *s).collect(),
        email_verified: true,
    })
}

/// Administration → Preferences: the defaults of everyone who did not choose (a value equal to
/// the built-in default is no choice of the server's), audited before and after.
pub async fn save_preference_defaults(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    change: &Change,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let after = preferences::defaults_after(env, change).await?;
    save_setting(env, admin, preferences::DEFAULTS, &after, AuditEvent::PreferenceDefaultsChanged, meta).await
}

/// A PIN length the settings form refuses, per field.
pub fn check_pin_settings(s: &PinSettings) -> Result<(), AppError> {
    let mut p = wire::error::Problems::default();
    for (field, msg) in s.problems() {
        p.add(field, msg);
    }
    p.into_result()
}

/// Administration → Support PIN: how many digits a PIN has.
pub async fn save_pin_settings(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    after: &PinSettings,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    check_pin_settings(after)?;
    save_setting(env, admin, support_pin::SETTINGS, after, AuditEvent::SupportPinSettingsChanged, meta).await
}

// ---- Roles ---------------------------------------------------------------------------------

/// Gives (or takes back) the support role: the support desk, nothing of administration. Not
/// for administrators (they have the desk already) nor for the administrator's own account.
pub async fn set_support_role(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    user_id: &str,
    support: bool,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    if user_id == admin.user().id {
        return Err(AppError::conflict("user_id", k::error_support_admin_role()));
    }
    let user = users::find_by_id(env.db, user_id).await?.ok_or(AppError::NotFound)?;
    if user.role() == Role::Admin {
        return Err(AppError::conflict("user_id", k::error_support_admin_role()));
    }
    if !users::set_support_role(env.db, user_id, support, env.now).await? {
        return Ok(());
    }
    let event = if support { AuditEvent::SupportRoleGranted } else { AuditEvent::SupportRoleRevoked };
    env.audit(user_id, Some(&admin.user().id), event, json!({}), meta).await
}

// ---- Disabling and deleting accounts -------------------------------------------------------

/// **Disable** (or **Enable**) an account: disabled, it cannot sign in and its sessions end;
/// enabled again, a pending deletion is cancelled too. Not the administrator's own account.
pub async fn set_disabled(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    user_id: &str,
    disabled: bool,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    if user_id == admin.user().id {
        return Err(AppError::conflict("user_id", k::error_disable_yourself()));
    }
    set_disabled_by(env, &admin.user().id, user_id, disabled, meta).await
}

/// **Disable** or **Enable** from the server's console (`gatehouse disable-user`), for the
/// operator who cannot use the web pages: `command` is the audit's actor.
pub async fn console_set_disabled(
    env: &Env<'_>,
    command: &'static str,
    user_id: &str,
    disabled: bool,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    set_disabled_by(env, command, user_id, disabled, meta).await
}

async fn set_disabled_by(
    env: &Env<'_>,
    actor: &str,
    user_id: &str,
    disabled: bool,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let user = users::find_by_id(env.db, user_id).await?.ok_or(AppError::NotFound)?;
    // Nothing to do, unless a pending deletion is to be cancelled (enable) or made
    // unrestorable by signing in (disable).
    if disabled == user.disabled_at.is_some() && user.deletion_due_at.is_none() {
        return Ok(());
    }
    if !users::set_disabled(env.db, user_id, disabled.then_some(env.now), env.now).await? {
        // Its deletion is being completed: too late to change it.
        return Err(AppError::conflict("user_id", k::error_delete_pending()));
    }
    if disabled {
        sessions::repo::delete_all(env.db, user_id).await?;
        pending::end_all(env.db, user_id).await?;
    }
    let event = if disabled { AuditEvent::AccountDisabled } else { AuditEvent::AccountEnabled };
    let detail = json!({ "deletion_cancelled": !disabled && user.deletion_due_at.is_some() });
    env.audit(user_id, Some(actor), event, detail, meta).await
}

/// **Delete** another account, under the rules its owner has (`crate::deletion`).
pub async fn delete_user(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    user_id: &str,
    meta: &ClientMeta,
) -> Result<DeletionRequested, AppError> {
    if user_id == admin.user().id {
        return Err(AppError::conflict("user_id", k::error_delete_yourself()));
    }
    let user = users::find_by_id(env.db, user_id).await?.ok_or(AppError::NotFound)?;
    deletion::schedule(env, &user, Some(&admin.user().id), meta).await
}

/// Administration → Account deletion: the grace period.
pub async fn save_deletion_settings(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    after: &DeletionSettings,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let mut p = wire::error::Problems::default();
    for (field, msg) in after.problems() {
        p.add(field, msg);
    }
    p.into_result()?;
    save_setting(env, admin, deletion::SETTINGS, after, AuditEvent::DeletionSettingsChanged, meta).await
}

// ---- Another account's two-factor authentication ------------------------------------------

/// The account an administrator acts on: never their own (their own factors change only by
/// the self-service steps, with a current factor).
async fn other_user(env: &Env<'_>, admin: &RecentAdmin<'_>, user_id: &str) -> Result<UserRow, AppError> {
    if user_id == admin.user().id {
        return Err(AppError::conflict("user_id", k::error_admin_own_two_factor()));
    }
    users::find_by_id(env.db, user_id).await?.ok_or(AppError::NotFound)
}

/// **Force two-factor authentication**: from the user's next request, nothing is open until
/// they set up TOTP themselves. Administrators cannot enable or configure it for them.
pub async fn force_two_factor(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    user_id: &str,
    force: bool,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let user = other_user(env, admin, user_id).await?;
    if force == user.two_factor_forced_at.is_some() {
        return Ok(());
    }
    users::set_two_factor_forced(env.db, user_id, force.then_some(env.now), env.now).await?;
    let (event, what) = if force {
        (AuditEvent::TwoFactorForced, FactorChange::Required)
    } else {
        (AuditEvent::TwoFactorForceLifted, FactorChange::NoLongerRequired)
    };
    two_factor::changed(env, &user, Some(&admin.user().id), event, json!({}), what, meta).await
}

/// **Reset two-factor authentication** for a user who lost the device: the authenticator and
/// backup codes are removed (email codes stay as the user chose), audited and mailed.
pub async fn reset_two_factor(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    user_id: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let user = other_user(env, admin, user_id).await?;
    reset_two_factor_of(env, &admin.user().id, &user, meta).await
}

/// **Reset two-factor authentication** from the server's console (`gatehouse reset-2fa`): for
/// the administrator locked out of the web pages, their own account too. `command` is the
/// audit's actor.
pub async fn console_reset_two_factor(
    env: &Env<'_>,
    command: &'static str,
    user_id: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let user = users::find_by_id(env.db, user_id).await?.ok_or(AppError::NotFound)?;
    reset_two_factor_of(env, command, &user, meta).await
}

async fn reset_two_factor_of(env: &Env<'_>, actor: &str, user: &UserRow, meta: &ClientMeta) -> Result<(), AppError> {
    totp::disable(env.db, &user.id).await?;
    lockout::clear_all(env.db, &user.id).await?;
    pending::end_all(env.db, &user.id).await?;
    // A change of address asked for before the reset (perhaps by whoever took the device).
    platform::links::void(env.db, &user.id, platform::links::Purpose::ChangeEmail).await?;
    let what = FactorChange::ResetByAdministrator;
    two_factor::changed(env, user, Some(actor), AuditEvent::TwoFactorReset, json!({}), what, meta).await
}

// ---- The server-wide audit log --------------------------------------------------------------

/// Administration → Audit log: every entry, newest first, narrowed by `search` (an account or an
/// address) and by kind, a page at a time by cursor.
pub async fn audit_log(
    env: &Env<'_>,
    _admin: &Admin<'_>,
    search: &str,
    q: &crate::activity::Query<'_>,
) -> Result<wire::activity::ServerActivityPage, AppError> {
    crate::activity::server_page(env, search, q).await
}

// ---- Organizations and contracts -----------------------------------------------------------

/// Organizations per page of the administrators' list.
pub const ORGS_PAGE: i64 = 100;

/// The administrators' list of organizations with their contracts: the newest, or those whose
/// name or address starts with `search`.
pub async fn organizations(env: &Env<'_>, _admin: &Admin<'_>, search: &str) -> Result<Vec<AdminOrg>, AppError> {
    if search.chars().count() > SEARCH_MAX {
        return Err(AppError::field("search", k::error_too_long(SEARCH_MAX)));
    }
    let search = users::normalize_search(search);
    let mut out = Vec::new();
    for org in orgs::repo::list(env.db, &search, ORGS_PAGE).await? {
        let (members, _) = orgs::repo::counts(env.db, &org.id).await?;
        let mut owners = Vec::new();
        for m in orgs::repo::members(env.db, &org.id).await? {
            if m.role == OrgRole::Owner.as_str() {
                if let Some(u) = users::find_by_id(env.db, &m.user_id).await? {
                    owners.push(u.display_username);
                }
            }
        }
        out.push(AdminOrg {
            contract: orgs::contract_of(env, &org.id).await?,
            id: org.id,
            name: org.name,
            slug: org.slug,
            members,
            owners,
        });
    }
    Ok(out)
}

/// A contract as a form or the webhook gives it: the plan, the status and the end date.
pub fn parse_contract(plan: &str, status: &str, ends_at: Option<i64>, now: i64) -> Result<Contract, AppError> {
    let mut p = wire::error::Problems::default();
    let plan = p.check("plan", Plan::parse(plan).ok_or_else(k::error_contract_plan));
    let status = p.check("status", ContractStatus::parse(status).ok_or_else(k::error_contract_status));
    p.into_result()?;
    let (Some(plan), Some(status)) = (plan, status) else { return Err(AppError::Internal) };
    Ok(Contract { plan, status, ends_at, updated_at: now })
}

/// Administration → Organizations: sets an organization's contract, audited before and after.
pub async fn set_contract(
    env: &Env<'_>,
    admin: &RecentAdmin<'_>,
    org_id: &str,
    contract: &Contract,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let org = orgs::repo::by_id(env.db, org_id).await?.ok_or(AppError::NotFound)?;
    orgs::put_contract(env, &org, contract, &admin.user().id, json!("administration"), meta).await
}

/// What the contracts webhook did: applied now, or seen before (the same event again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Applied,
    Repeated,
}

/// The contracts webhook (a billing system, with an administrator's token and a body signed
/// under the webhook's secret, checked by the caller): sets the contract of the organization
/// with this id or address, once per event id. The same event again changes nothing; the same
/// id with another body is refused.
pub async fn contract_event(
    env: &Env<'_>,
    admin: &Admin<'_>,
    org: &str,
    event_id: &str,
    body_digest: &str,
    contract: &Contract,
    meta: &ClientMeta,
) -> Result<Delivery, AppError> {
    let org = match orgs::repo::by_id(env.db, org).await? {
        Some(o) => o,
        None => {
            let slug = wire::organization::Slug::parse(org).map_err(|_| AppError::NotFound)?;
            orgs::repo::by_slug(env.db, slug.as_str()).await?.ok_or(AppError::NotFound)?
        }
    };
    match orgs::repo::record_event(env.db, event_id, &org.id, body_digest, env.now).await? {
        Ok(()) => {}
        Err(seen) if seen == body_digest => return Ok(Delivery::Repeated),
        Err(_) => return Err(AppError::conflict("event_id", k::error_webhook_event_reused())),
    }
    // The event is claimed first (of parallel deliveries of one event, one applies it); a
    // failure to apply gives the claim back, so the billing system's retry applies it.
    if let Err(e) =
        orgs::put_contract(env, &org, contract, &admin.user().id, json!({ "webhook": event_id }), meta).await
    {
        orgs::repo::forget_event(env.db, event_id).await?;
        return Err(e);
    }
    Ok(Delivery::Applied)
}
