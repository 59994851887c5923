//! Organizations (workspaces): made by a person, who becomes their owner; members invited by
//! mail; roles (owner, admin, member); a contract; and the rules an organization sets for its
//! members (seed 004: a password policy "that applies to all users within the contract", and
//! **Force 2-Factor Auth**, which an owner or admin may set but never enable for someone).
//!
//! Everything a member does goes through [`open`], which makes a [`Membership`] only for a
//! member of the organization (to anyone else it does not exist: `NotFound`) and refuses an
//! organization that is visible only with two-factor authentication to a member without it.
//! What an organization asks of a member is merged over all their organizations (the strictest
//! rules) and kept with the account ([`refresh_rules`]), so the access gate of every request
//! reads it with the account.

pub mod repo;

use i18n::k;
use platform::{
    audit::{AuditEvent, Entry},
    crypto::{new_id, random_token, token_digest},
    ratelimit,
    request::ClientMeta,
    Env,
};
use serde_json::json;
use wire::{
    account::Email,
    error::AppError,
    organization::{
        Contract, ContractStatus, InvitationPreview, InvitationView, MemberView, MembersPage, OrgName, OrgRole,
        OrgRules, OrgSummary, OrgView, Plan, Slug,
    },
    password::PasswordPolicy,
};

use crate::{
    accounts::{repo as users, UserRow},
    factors::{self, totp},
    notices,
    policy::{self, MemberRules},
    principal::Principal,
};
use repo::{MemberRow, OrgRow, Outcome};

/// How long an invitation's link works.
pub const INVITATION_MS: i64 = 7 * 24 * 3_600_000;
/// Invitations one organization sends a day.
pub const INVITATIONS_PER_ORG: ratelimit::Limit = ratelimit::Limit::per_minutes(50, 24 * 60);
/// Organizations one account makes a day.
pub const CREATED_PER_ACCOUNT: ratelimit::Limit = ratelimit::Limit::per_minutes(10, 24 * 60);

/// A member of an organization, acting in it.
#[derive(Debug)]
pub struct Membership<'p> {
    principal: &'p Principal,
    org: OrgRow,
    role: OrgRole,
}

impl<'p> Membership<'p> {
    pub fn org(&self) -> &OrgRow {
        &self.org
    }

    pub fn role(&self) -> OrgRole {
        self.role
    }

    pub fn user(&self) -> &'p UserRow {
        &self.principal.user
    }

    /// `Forbidden` unless the member is an owner or admin.
    pub fn manager(&self) -> Result<(), AppError> {
        if self.role.manages() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// `Forbidden` unless the member is an owner.
    pub fn owner(&self) -> Result<(), AppError> {
        if self.role == OrgRole::Owner {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

fn role_of(row: &MemberRow) -> OrgRole {
    OrgRole::parse(&row.role).unwrap_or(OrgRole::Member)
}

/// The account signs in with a second factor (what an organization visible only with
/// two-factor authentication asks).
pub async fn has_second_factor(env: &Env<'_>, user: &UserRow) -> Result<bool, AppError> {
    Ok(factors::required(env, user).await?.is_some())
}

fn locked_error() -> AppError {
    AppError::conflict("org", k::error_org_locked())
}

/// The organization at `slug`, for one of its members: `NotFound` for everyone else (another
/// organization's data does not exist for them), and refused while it is visible only with
/// two-factor authentication and the member has none.
pub async fn open<'p>(env: &Env<'_>, principal: &'p Principal, slug: &str) -> Result<Membership<'p>, AppError> {
    let Ok(slug) = Slug::parse(slug) else { return Err(AppError::NotFound) };
    let org = repo::by_slug(env.db, slug.as_str()).await?.ok_or(AppError::NotFound)?;
    let member = repo::membership(env.db, &org.id, &principal.user.id).await?.ok_or(AppError::NotFound)?;
    if org.requires_two_factor != 0 && !has_second_factor(env, &principal.user).await? {
        return Err(locked_error());
    }
    Ok(Membership { principal, role: role_of(&member), org })
}

/// The contract of an organization, if it has one.
pub async fn contract_of(env: &Env<'_>, org_id: &str) -> Result<Option<Contract>, AppError> {
    let row = repo::contract(env.db, org_id).await?;
    Ok(row.map(|c| Contract {
        plan: Plan::parse(&c.plan).unwrap_or(Plan::Free),
        status: ContractStatus::parse(&c.status).unwrap_or(ContractStatus::Ended),
        ends_at: c.ends_at,
        updated_at: c.updated_at,
    }))
}

async fn summary(env: &Env<'_>, org: &OrgRow, role: OrgRole, locked: bool) -> Result<OrgSummary, AppError> {
    let (members, _) = repo::counts(env.db, &org.id).await?;
    Ok(OrgSummary {
        id: org.id.clone(),
        name: org.name.clone(),
        slug: org.slug.clone(),
        role,
        members,
        requires_two_factor: org.requires_two_factor != 0,
        locked,
        contract: contract_of(env, &org.id).await?,
    })
}

/// The account's organizations, each with the account's role; those it may not open (visible
/// only with two-factor authentication) are listed as locked.
pub async fn list(env: &Env<'_>, me: &Principal) -> Result<Vec<OrgSummary>, AppError> {
    let mut second_factor = None;
    let mut out = Vec::new();
    for (m, org) in repo::memberships_of(env.db, &me.user.id).await? {
        let locked = if org.requires_two_factor != 0 {
            let has = match second_factor {
                Some(has) => has,
                None => *second_factor.insert(has_second_factor(env, &me.user).await?),
            };
            !has
        } else {
            false
        };
        out.push(summary(env, &org, role_of(&m), locked).await?);
    }
    Ok(out)
}

fn parse_policy(org: &OrgRow) -> Option<PasswordPolicy> {
    let json = org.password_policy.as_deref()?;
    match serde_json::from_str(json) {
        Ok(p) => Some(p),
        Err(e) => {
            tracing::error!(org = %org.id, error = %e, "an organization's stored password policy does not parse; ignored");
            None
        }
    }
}

/// The organization's page.
pub async fn view(env: &Env<'_>, m: &Membership<'_>) -> Result<OrgView, AppError> {
    let (_, owners) = repo::counts(env.db, &m.org.id).await?;
    Ok(OrgView {
        summary: summary(env, &m.org, m.role, false).await?,
        password_policy: parse_policy(&m.org),
        owners,
        viewer_has_two_factor: has_second_factor(env, m.user()).await?,
    })
}

async fn record(
    env: &Env<'_>,
    user_id: Option<&str>,
    actor: &str,
    event: AuditEvent,
    detail: serde_json::Value,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    env.record(Entry { user_id, actor_id: Some(actor), event, meta, detail }).await
}

/// A new organization; its maker is its owner.
pub async fn create(
    env: &Env<'_>,
    me: &Principal,
    name: &str,
    slug: &str,
    meta: &ClientMeta,
) -> Result<OrgSummary, AppError> {
    me.require_write()?;
    let mut p = wire::error::Problems::default();
    let name = p.check("name", OrgName::parse(name));
    let slug = p.check("slug", Slug::parse(slug));
    p.into_result()?;
    let (Some(name), Some(slug)) = (name, slug) else { return Err(AppError::Internal) };
    ratelimit::hit(env.db, &format!("orgs:created:{}", me.user.id), CREATED_PER_ACCOUNT, env.now).await?;
    if repo::by_slug(env.db, slug.as_str()).await?.is_some() {
        return Err(AppError::conflict("slug", k::error_slug_taken()));
    }
    let org = OrgRow {
        id: new_id(),
        name: name.as_str().to_owned(),
        slug: slug.as_str().to_owned(),
        requires_two_factor: 0,
        password_policy: None,
        created_at: env.now,
        updated_at: env.now,
    };
    if let Err(e) = repo::insert(env.db, &org, &me.user.id).await {
        return Err(if users::is_unique_violation(&e) {
            AppError::conflict("slug", k::error_slug_taken())
        } else {
            e.into()
        });
    }
    let detail = json!({ "org": org.id, "slug": org.slug });
    env.audit(&me.user.id, None, AuditEvent::OrgCreated, detail, meta).await?;
    summary(env, &org, OrgRole::Owner, false).await
}

/// Renames the organization (owners). The slug, its address, stays.
pub async fn rename(env: &Env<'_>, m: &Membership<'_>, name: &str, meta: &ClientMeta) -> Result<(), AppError> {
    m.owner()?;
    let name = OrgName::parse(name).map_err(|msg| AppError::field("name", msg))?;
    repo::rename(env.db, &m.org.id, name.as_str(), env.now).await?;
    let detail = json!({ "org": m.org.id, "before": m.org.name, "after": name.as_str() });
    record(env, None, &m.user().id, AuditEvent::OrgChanged, detail, meta).await
}

/// Makes the organization visible only to members with two-factor authentication, or to all
/// (owners). Turning it on needs the owner's own second factor: nobody locks themselves out.
pub async fn set_requires_two_factor(
    env: &Env<'_>,
    m: &Membership<'_>,
    on: bool,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    m.owner()?;
    if on && !has_second_factor(env, m.user()).await? {
        return Err(AppError::conflict("requires_two_factor", k::error_org_visibility_needs_two_factor()));
    }
    repo::set_requires_two_factor(env.db, &m.org.id, on, env.now).await?;
    let detail = json!({ "org": m.org.id, "requires_two_factor": on });
    record(env, None, &m.user().id, AuditEvent::OrgChanged, detail, meta).await
}

/// The password rules the organization adds for its members (owners and admins); None: none.
/// Every member's merged rules are written again.
pub async fn set_password_policy(
    env: &Env<'_>,
    m: &Membership<'_>,
    after: Option<&PasswordPolicy>,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    m.manager()?;
    if let Some(p) = after {
        let mut problems = wire::error::Problems::default();
        for (field, msg) in p.problems() {
            problems.add(field, msg);
        }
        problems.into_result()?;
    }
    let json = after.map(serde_json::to_string).transpose().map_err(|_| AppError::Internal)?;
    repo::set_password_policy(env.db, &m.org.id, json.as_deref(), env.now).await?;
    for member in repo::members(env.db, &m.org.id).await? {
        refresh_rules(env.db, &member.user_id).await?;
    }
    let detail = json!({ "org": m.org.id, "before": parse_policy(&m.org), "after": after });
    record(env, None, &m.user().id, AuditEvent::OrgPasswordPolicyChanged, detail, meta).await
}

// ---- Members ---------------------------------------------------------------------------------

/// The **Users & Groups** page (owners and admins): every member with their role and whether
/// they sign in with a second factor, and the open invitations. With `without_two_factor`,
/// only the members who sign in without one (the compliance view).
pub async fn members_page(
    env: &Env<'_>,
    m: &Membership<'_>,
    without_two_factor: bool,
) -> Result<MembersPage, AppError> {
    m.manager()?;
    let rows = repo::members(env.db, &m.org.id).await?;
    let s = factors::settings(env).await?;
    let ids: Vec<&str> = rows.iter().map(|r| r.user_id.as_str()).collect();
    let with_totp = totp::enabled_among(env.db, &ids).await?;
    let mut members = Vec::with_capacity(rows.len());
    for row in &rows {
        let Some(user) = users::find_by_id(env.db, &row.user_id).await? else { continue };
        let two_factor = s.enabled && (with_totp.contains(&user.id) || factors::email_on(&user, &s));
        members.push(MemberView {
            user_id: user.id.clone(),
            username: user.display_username.clone(),
            name: user.name.clone(),
            email: user.email.clone(),
            role: role_of(row),
            two_factor,
            forced: row.two_factor_forced_at.is_some(),
            joined_at: row.joined_at,
        });
    }
    let missing = members.iter().filter(|v| !v.two_factor).count() as i64;
    if without_two_factor {
        members.retain(|v| !v.two_factor);
    }
    let mut invitations = Vec::new();
    for inv in repo::invitations(env.db, &m.org.id, env.now).await? {
        let by = match inv.invited_by.as_deref() {
            Some(id) => users::find_by_id(env.db, id).await?.map(|u| u.display_username).unwrap_or_default(),
            None => String::new(),
        };
        invitations.push(InvitationView {
            id: inv.id,
            email: inv.email,
            role: OrgRole::parse(&inv.role).unwrap_or(OrgRole::Member),
            invited_by: by,
            created_at: inv.created_at,
            expires_at: inv.expires_at,
        });
    }
    Ok(MembersPage {
        org: summary(env, &m.org, m.role, false).await?,
        members,
        invitations,
        without_two_factor: missing,
    })
}

/// The member `user_id` of the organization, for a manager acting on them: never the manager
/// themselves (their own membership changes by leaving), and an admin cannot act on an owner.
async fn target(env: &Env<'_>, m: &Membership<'_>, user_id: &str) -> Result<(MemberRow, UserRow), AppError> {
    m.manager()?;
    if user_id == m.user().id {
        return Err(AppError::conflict("user_id", k::error_org_not_yourself()));
    }
    let row = repo::membership(env.db, &m.org.id, user_id).await?.ok_or(AppError::NotFound)?;
    if role_of(&row) == OrgRole::Owner && m.role != OrgRole::Owner {
        return Err(AppError::Forbidden);
    }
    let user = users::find_by_id(env.db, user_id).await?.ok_or(AppError::NotFound)?;
    Ok((row, user))
}

fn last_owner() -> AppError {
    AppError::conflict("role", k::error_org_last_owner())
}

/// Sets a member's role. Only owners make or unmake owners; at least one owner remains.
pub async fn set_role(
    env: &Env<'_>,
    m: &Membership<'_>,
    user_id: &str,
    role: OrgRole,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let (row, _) = target(env, m, user_id).await?;
    if role == OrgRole::Owner && m.role != OrgRole::Owner {
        return Err(AppError::Forbidden);
    }
    if role_of(&row) == role {
        return Ok(());
    }
    match repo::set_role(env.db, &m.org.id, user_id, role.as_str(), env.now).await? {
        Outcome::Done => {}
        Outcome::NotMember => return Err(AppError::NotFound),
        Outcome::LastOwner => return Err(last_owner()),
    }
    let detail = json!({ "org": m.org.id, "before": row.role, "after": role.as_str() });
    record(env, Some(user_id), &m.user().id, AuditEvent::OrgRoleChanged, detail, meta).await
}

/// Removes a member (owners and admins; admins not owners).
pub async fn remove_member(
    env: &Env<'_>,
    m: &Membership<'_>,
    user_id: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    target(env, m, user_id).await?;
    match repo::remove(env.db, &m.org.id, user_id, env.now).await? {
        Outcome::Done => {}
        Outcome::NotMember => return Err(AppError::NotFound),
        Outcome::LastOwner => return Err(last_owner()),
    }
    refresh_rules(env.db, user_id).await?;
    record(env, Some(user_id), &m.user().id, AuditEvent::OrgMemberRemoved, json!({ "org": m.org.id }), meta).await
}

/// The member leaves. The last owner cannot: they transfer ownership first.
pub async fn leave(env: &Env<'_>, m: &Membership<'_>, meta: &ClientMeta) -> Result<(), AppError> {
    match repo::remove(env.db, &m.org.id, &m.user().id, env.now).await? {
        Outcome::Done => {}
        Outcome::NotMember => return Err(AppError::NotFound),
        Outcome::LastOwner => return Err(last_owner()),
    }
    refresh_rules(env.db, &m.user().id).await?;
    env.audit(&m.user().id, None, AuditEvent::OrgLeft, json!({ "org": m.org.id }), meta).await
}

/// **Force 2-Factor Auth** for a member (seed 004): from the member's next request nothing but
/// setting it up is open, until they have. The organization cannot enable it for them.
pub async fn force_two_factor(
    env: &Env<'_>,
    m: &Membership<'_>,
    user_id: &str,
    force: bool,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let (row, user) = target(env, m, user_id).await?;
    if force == row.two_factor_forced_at.is_some() {
        return Ok(());
    }
    if !repo::set_forced(env.db, &m.org.id, user_id, force.then_some(env.now)).await? {
        return Err(AppError::NotFound);
    }
    refresh_rules(env.db, user_id).await?;
    let event = if force { AuditEvent::TwoFactorForced } else { AuditEvent::TwoFactorForceLifted };
    record(env, Some(user_id), &m.user().id, event, json!({ "org": m.org.id }), meta).await?;
    let lang = notices::language_of(env, &user.id).await?;
    let security = env.link("/account/security");
    let when = notices::Occasion::at(env.now);
    env.mail(&notices::org_two_factor_changed(lang, &user.email, &user.name, &when, &m.org.name, force, &security))
        .await
}

/// Deletes the organization (owners, typing its slug to confirm): its memberships, invitations
/// and contract go with it. Not while its contract is in force.
pub async fn delete(env: &Env<'_>, m: &Membership<'_>, confirm: &str, meta: &ClientMeta) -> Result<(), AppError> {
    m.owner()?;
    if confirm.trim().to_lowercase() != m.org.slug {
        return Err(AppError::field("confirm", k::error_org_confirm_slug()));
    }
    if let Some(c) = contract_of(env, &m.org.id).await?.filter(|c| c.in_force(env.now)) {
        return Err(contract_blocks(&c));
    }
    remove_org(env, &m.org).await?;
    let detail = json!({ "org": m.org.id, "slug": m.org.slug });
    record(env, None, &m.user().id, AuditEvent::OrgDeleted, detail, meta).await
}

/// Why a running contract blocks a deletion: until when, or until it is ended.
pub fn contract_blocks(c: &Contract) -> AppError {
    match c.ends_at {
        Some(end) => AppError::conflict("org", k::error_org_contract_until(wire::organization::date_of(end))),
        None => AppError::conflict("org", k::error_org_contract_open_ended()),
    }
}

/// Deletes an organization and writes its former members' rules again.
pub(crate) async fn remove_org(env: &Env<'_>, org: &OrgRow) -> Result<(), AppError> {
    let members = repo::members(env.db, &org.id).await?;
    repo::delete(env.db, &org.id).await?;
    for member in members {
        refresh_rules(env.db, &member.user_id).await?;
    }
    Ok(())
}

/// A deleted account departs from the organization (for `crate::deletion`): it leaves, or
/// the organization goes with it when it was its only owner (true), and the other members'
/// rules are written again.
pub(crate) async fn depart(env: &Env<'_>, org_id: &str, user_id: &str) -> Result<bool, AppError> {
    match repo::depart(env.db, org_id, user_id, env.now).await? {
        repo::Departure::OrgDeleted(others) => {
            for id in others {
                refresh_rules(env.db, &id).await?;
            }
            Ok(true)
        }
        repo::Departure::Left | repo::Departure::None => Ok(false),
    }
}

// ---- Invitations -----------------------------------------------------------------------------

/// Mails an invitation to `email` with `role` (owners invite anyone; admins invite admins and
/// members). A new invitation to the same address replaces the open one.
pub async fn invite(
    env: &Env<'_>,
    m: &Membership<'_>,
    email: &str,
    role: OrgRole,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    m.manager()?;
    if role == OrgRole::Owner && m.role != OrgRole::Owner {
        return Err(AppError::field("role", k::error_org_owner_invites_owner()));
    }
    let email = Email::parse(email).map_err(|msg| AppError::field("email", msg))?;
    if let Some(existing) = users::find_by_email(env.db, email.as_str()).await? {
        if repo::membership(env.db, &m.org.id, &existing.id).await?.is_some() {
            return Err(AppError::conflict("email", k::error_org_already_member()));
        }
    }
    ratelimit::hit(env.db, &format!("orgs:invitations:{}", m.org.id), INVITATIONS_PER_ORG, env.now).await?;
    let token = random_token(32);
    let inv = repo::InvitationRow {
        id: new_id(),
        org_id: m.org.id.clone(),
        email: email.as_str().to_owned(),
        role: role.as_str().to_owned(),
        invited_by: Some(m.user().id.clone()),
        created_at: env.now,
        expires_at: env.now + INVITATION_MS,
    };
    repo::put_invitation(env.db, &inv, &token_digest(&token)).await?;
    let lang = match users::find_by_email(env.db, email.as_str()).await? {
        Some(u) => notices::language_of(env, &u.id).await?,
        None => notices::server_language(env).await?,
    };
    let link = env.link(&format!("/invitation?token={token}"));
    let mail = notices::org_invitation(lang, email.as_str(), &m.user().name, &m.org.name, &role.label(), &link);
    env.mail(&mail).await?;
    let detail = json!({ "org": m.org.id, "invitation": inv.id, "role": role.as_str() });
    record(env, None, &m.user().id, AuditEvent::OrgInvitationSent, detail, meta).await
}

/// Withdraws an open invitation.
pub async fn revoke_invitation(env: &Env<'_>, m: &Membership<'_>, id: &str, meta: &ClientMeta) -> Result<(), AppError> {
    m.manager()?;
    if !repo::revoke_invitation(env.db, &m.org.id, id).await? {
        return Err(AppError::NotFound);
    }
    let detail = json!({ "org": m.org.id, "invitation": id });
    record(env, None, &m.user().id, AuditEvent::OrgInvitationRevoked, detail, meta).await
}

/// The cookie an invitation's page keeps its token in while a signed-out invitee signs in or
/// registers (an hour), so that they come back to it afterwards without the token in any
/// other address.
pub fn invitation_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-gatehouse_invitation"
    } else {
        "gatehouse_invitation"
    }
}

pub fn set_invitation_cookie(secure: bool, token: &str) -> String {
    platform::request::set_cookie(invitation_cookie_name(secure), token, Some(3_600), secure)
}

pub fn clear_invitation_cookie(secure: bool) -> String {
    platform::request::set_cookie(invitation_cookie_name(secure), "", Some(0), secure)
}

/// Tokens longer than this are not looked up.
const MAX_TOKEN_LEN: usize = 128;

/// What an invitation's link shows before it is accepted (`InvalidLink` when it is used,
/// replaced, withdrawn or too old).
pub async fn preview_invitation(
    env: &Env<'_>,
    token: &str,
    viewer: Option<&Principal>,
) -> Result<InvitationPreview, AppError> {
    if token.is_empty() || token.len() > MAX_TOKEN_LEN {
        return Err(AppError::InvalidLink);
    }
    let inv = repo::invitation_by_hash(env.db, &token_digest(token), env.now).await?.ok_or(AppError::InvalidLink)?;
    let org = repo::by_id(env.db, &inv.org_id).await?.ok_or(AppError::InvalidLink)?;
    let by = match inv.invited_by.as_deref() {
        Some(id) => users::find_by_id(env.db, id).await?.map(|u| u.name).unwrap_or_default(),
        None => String::new(),
    };
    let already_member = match viewer {
        Some(v) => repo::membership(env.db, &org.id, &v.user.id).await?.is_some(),
        None => false,
    };
    Ok(InvitationPreview {
        org_name: org.name,
        org_slug: org.slug,
        email: inv.email,
        role: OrgRole::parse(&inv.role).unwrap_or(OrgRole::Member),
        invited_by: by,
        expires_at: inv.expires_at,
        signed_in_as: viewer.map(|v| v.user.email.clone()),
        already_member,
    })
}

/// Accepts an invitation: the signed-in account must be the one at the invited address. The
/// link works once (of parallel uses, one wins).
pub async fn accept_invitation(
    env: &Env<'_>,
    me: &Principal,
    token: &str,
    meta: &ClientMeta,
) -> Result<OrgSummary, AppError> {
    me.require_write()?;
    let preview = preview_invitation(env, token, Some(me)).await?;
    if preview.email != me.user.email {
        return Err(AppError::conflict("token", k::error_org_invitation_other_address(preview.email.as_str())));
    }
    let inv = repo::take_invitation(env.db, &token_digest(token), env.now).await?.ok_or(AppError::InvalidLink)?;
    let org = repo::by_id(env.db, &inv.org_id).await?.ok_or(AppError::InvalidLink)?;
    let role = OrgRole::parse(&inv.role).unwrap_or(OrgRole::Member);
    if !repo::add_member(env.db, &org.id, &me.user.id, role.as_str(), env.now).await? {
        return Err(AppError::conflict("token", k::error_org_already_member()));
    }
    refresh_rules(env.db, &me.user.id).await?;
    let detail = json!({ "org": org.id, "role": role.as_str(), "invitation": inv.id });
    env.audit(&me.user.id, None, AuditEvent::OrgJoined, detail, meta).await?;
    let locked = org.requires_two_factor != 0 && !has_second_factor(env, &me.user).await?;
    summary(env, &org, role, locked).await
}

// ---- What organizations ask of a member -------------------------------------------------------

/// Writes again what the account's organizations ask of it, merged: the strictest of their
/// password rules and whether any forces two-factor authentication. The account's row is taken
/// first, so that of two writes at once the later one reads what the earlier one committed.
pub async fn refresh_rules(db: &platform::db::Db, user_id: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if !users::lock(&mut tx, user_id).await? {
        return Ok(());
    }
    let rows: Vec<(Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT o.password_policy, m.two_factor_forced_at FROM organization_members m \
         JOIN organizations o ON o.id = m.org_id WHERE m.user_id = $1",
    )
    .bind(user_id)
    .fetch_all(&mut *tx)
    .await?;
    let mut rules = MemberRules::default();
    for (policy, forced) in rows {
        let policy: Option<PasswordPolicy> = policy.and_then(|json| serde_json::from_str(&json).ok());
        rules = rules.merged(&MemberRules { policy, force_two_factor: forced.is_some() });
    }
    users::set_org_rules(&mut tx, user_id, rules.to_column().as_deref()).await?;
    tx.commit().await?;
    Ok(())
}

/// Which organization asks for which rule (the member's Security page): the password rules
/// beyond the server's, and whether it forces two-factor authentication.
pub async fn rules_of(env: &Env<'_>, user: &UserRow) -> Result<Vec<OrgRules>, AppError> {
    let server = policy::current(env).await?;
    let mut out = Vec::new();
    for (m, org) in repo::memberships_of(env.db, &user.id).await? {
        let rules = parse_policy(&org).map(|p| server.strictest(&p).stricter_rules_than(&server)).unwrap_or_default();
        let forces_two_factor = m.two_factor_forced_at.is_some();
        if !rules.is_empty() || forces_two_factor {
            out.push(OrgRules { org_name: org.name, rules, forces_two_factor });
        }
    }
    Ok(out)
}

/// The organizations an account owns whose contract is still in force (an account cannot be
/// deleted while it has one), with the contract.
pub async fn owned_with_contract(env: &Env<'_>, user_id: &str) -> Result<Vec<(OrgRow, Contract)>, AppError> {
    let mut out = Vec::new();
    for (m, org) in repo::memberships_of(env.db, user_id).await? {
        if role_of(&m) != OrgRole::Owner {
            continue;
        }
        if let Some(c) = contract_of(env, &org.id).await?.filter(|c| c.in_force(env.now)) {
            out.push((org, c));
        }
    }
    Ok(out)
}

// ---- Contracts -------------------------------------------------------------------------------

/// Sets an organization's contract (for `crate::admin`, which holds the administrator's proof),
/// audited with the contract before and after.
pub(crate) async fn put_contract(
    env: &Env<'_>,
    org: &OrgRow,
    c: &Contract,
    actor: &str,
    via: serde_json::Value,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let before = contract_of(env, &org.id).await?;
    repo::put_contract(env.db, &org.id, c.plan.as_str(), c.status.as_str(), c.ends_at, env.now).await?;
    let detail = json!({ "org": org.id, "before": before, "after": c, "via": via });
    record(env, None, actor, AuditEvent::ContractChanged, detail, meta).await
}
