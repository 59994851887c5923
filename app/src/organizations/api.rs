//! Server functions of the organizations' pages. Each is authorized through the gate, then
//! through `gatehouse_core::organizations::open` (members only: to anyone else an organization
//! does not exist), and the role check of the service it calls.
// A form's fields are a server function's arguments: the password rules have eleven.
#![allow(clippy::too_many_arguments)]

use leptos::server;

use super::{InvitationPreview, MembersPage, OrgRules, OrgSummary, OrgView};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use gatehouse_core::{access::Opens, organizations as orgs};

#[server(prefix = "/fn", endpoint = "list_organizations")]
pub async fn list_organizations() -> Result<Vec<OrgSummary>, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    orgs::list(&cx.env(), &me).await
}

/// **Create organization**: its name and its address (slug); the maker is its owner.
#[server(prefix = "/fn", endpoint = "create_organization")]
pub async fn create_organization(name: String, slug: String) -> Result<OrgSummary, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let org = orgs::create(&cx.env(), &me, &name, &slug, &cx.meta).await?;
    if crate::server::plain_form_post() {
        leptos_axum::redirect(&format!("/organizations/{}", org.slug));
    }
    Ok(org)
}

#[server(prefix = "/fn", endpoint = "organization")]
pub async fn organization(slug: String) -> Result<OrgView, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let m = orgs::open(&env, &me, &slug).await?;
    orgs::view(&env, &m).await
}

#[server(prefix = "/fn", endpoint = "rename_organization")]
pub async fn rename_organization(slug: String, name: String) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let m = orgs::open(&env, &me, &slug).await?;
    orgs::rename(&env, &m, &name, &cx.meta).await
}

/// "Visible only with two-factor authentication" on (`requires_two_factor` present) or off.
#[server(prefix = "/fn", endpoint = "set_organization_visibility")]
pub async fn set_organization_visibility(slug: String, requires_two_factor: Option<String>) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let m = orgs::open(&env, &me, &slug).await?;
    orgs::set_requires_two_factor(&env, &m, requires_two_factor.is_some(), &cx.meta).await
}

/// The password rules for the organization's members (`clear` present: none). Numbers arrive
/// as text, so that a bad one gets its message next to its field.
#[server(prefix = "/fn", endpoint = "save_organization_policy")]
pub async fn save_organization_policy(
    slug: String,
    clear: Option<String>,
    min_length: String,
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
    use wire::{error::Problems, password::PasswordPolicy};

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let m = orgs::open(&env, &me, &slug).await?;
    if clear.is_some() {
        return orgs::set_password_policy(&env, &m, None, &cx.meta).await;
    }
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
        max_length: PasswordPolicy::default().max_length,
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
    orgs::set_password_policy(&env, &m, Some(&policy), &cx.meta).await
}

/// **Users & Groups**: the members, the open invitations; `without_two_factor` for the
/// compliance view.
#[server(prefix = "/fn", endpoint = "organization_members")]
pub async fn organization_members(slug: String, without_two_factor: bool) -> Result<MembersPage, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let m = orgs::open(&env, &me, &slug).await?;
    orgs::members_page(&env, &m, without_two_factor).await
}

/// A member's settings, as the member panel of **Users & Groups** saves them: the role and
/// **Force 2-Factor Auth** (a checkbox, present when ticked).
#[server(prefix = "/fn", endpoint = "save_member")]
pub async fn save_member(
    slug: String,
    user_id: String,
    role: String,
    force_two_factor: Option<String>,
) -> Result<(), AppError> {
    use wire::organization::OrgRole;

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let m = orgs::open(&env, &me, &slug).await?;
    let role = OrgRole::parse(&role).ok_or_else(|| AppError::field("role", i18n::k::error_org_role_choose()))?;
    orgs::force_two_factor(&env, &m, &user_id, force_two_factor.is_some(), &cx.meta).await?;
    orgs::set_role(&env, &m, &user_id, role, &cx.meta).await?;
    cx.core().token_cache.forget_user(&user_id);
    Ok(())
}

#[server(prefix = "/fn", endpoint = "remove_member")]
pub async fn remove_member(slug: String, user_id: String) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let m = orgs::open(&env, &me, &slug).await?;
    orgs::remove_member(&env, &m, &user_id, &cx.meta).await?;
    cx.core().token_cache.forget_user(&user_id);
    Ok(())
}

#[server(prefix = "/fn", endpoint = "leave_organization")]
pub async fn leave_organization(slug: String) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let m = orgs::open(&env, &me, &slug).await?;
    orgs::leave(&env, &m, &cx.meta).await?;
    cx.core().token_cache.forget_user(&me.user.id);
    leptos_axum::redirect("/account/organizations");
    Ok(())
}

/// Deletes the organization (owners; `confirm` is its slug, typed).
#[server(prefix = "/fn", endpoint = "delete_organization")]
pub async fn delete_organization(slug: String, confirm: String) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let m = orgs::open(&env, &me, &slug).await?;
    orgs::delete(&env, &m, &confirm, &cx.meta).await?;
    leptos_axum::redirect("/account/organizations");
    Ok(())
}

/// **Invite**: a single-use link to `email`, for 7 days.
#[server(prefix = "/fn", endpoint = "invite_member")]
pub async fn invite_member(slug: String, email: String, role: String) -> Result<(), AppError> {
    use wire::organization::OrgRole;

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let m = orgs::open(&env, &me, &slug).await?;
    let role = OrgRole::parse(&role).ok_or_else(|| AppError::field("role", i18n::k::error_org_role_choose()))?;
    orgs::invite(&env, &m, &email, role, &cx.meta).await
}

#[server(prefix = "/fn", endpoint = "revoke_invitation")]
pub async fn revoke_invitation(slug: String, id: String) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let m = orgs::open(&env, &me, &slug).await?;
    orgs::revoke_invitation(&env, &m, &id, &cx.meta).await
}

/// What an invitation's link shows. Open to everyone (the link is the invitation). Signed out,
/// the token is kept in a short-lived cookie while the invitee signs in or registers, and the
/// page comes back to it afterwards (`token` empty: the cookie's).
#[server(prefix = "/fn", endpoint = "invitation")]
pub async fn invitation(token: String) -> Result<InvitationPreview, AppError> {
    let cx = crate::server::cx()?;
    let token = if token.is_empty() { cx.invitation_cookie().unwrap_or_default().to_owned() } else { token };
    let me = cx.principal().await?;
    let preview = orgs::preview_invitation(&cx.env(), &token, me.as_ref()).await?;
    if me.is_none() {
        cx.set_invitation_cookie(&token);
    }
    Ok(preview)
}

/// **Accept invitation**: the signed-in account joins (it must be the invited address's).
#[server(prefix = "/fn", endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String) -> Result<OrgSummary, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let token = if token.is_empty() { cx.invitation_cookie().unwrap_or_default().to_owned() } else { token };
    let org = orgs::accept_invitation(&cx.env(), &me, &token, &cx.meta).await?;
    cx.clear_invitation_cookie();
    cx.core().token_cache.forget_user(&me.user.id);
    if crate::server::plain_form_post() {
        leptos_axum::redirect(&format!("/organizations/{}", org.slug));
    }
    Ok(org)
}

/// Which organization asks for which rule (the Security page).
#[server(prefix = "/fn", endpoint = "organization_rules")]
pub async fn organization_rules() -> Result<Vec<OrgRules>, AppError> {
    let (cx, me) = crate::server::authorize(Opens::PasswordChange).await?;
    orgs::rules_of(&cx.env(), &me.user).await
}
