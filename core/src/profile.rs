//! The account's profile: name and username, and a change of address (which goes through
//! [`crate::email::request_change`]). Everything is checked before anything happens: no code
//! is used up and no mail goes out for a request that is refused.

use platform::{audit::AuditEvent, request::ClientMeta, Env};
use serde_json::json;
use wire::{
    account::{DisplayName, Email, Username},
    error::{AppError, Problems},
};

use crate::{
    accounts::{repo as users, UserRow},
    email,
    principal::Principal,
    reauth,
};

/// The fields to change; absent ones stay as they are. A new `email` needs `current_password`
/// and a second factor when the account has one (`code`: method and code sent with the call).
#[derive(Default)]
pub struct Patch<'a> {
    pub name: Option<&'a str>,
    pub username: Option<&'a str>,
    pub email: Option<&'a str>,
    pub current_password: Option<&'a str>,
}

fn taken() -> AppError {
    AppError::Conflict { field: "username".into(), message: "That username is taken.".into() }
}

/// Applies `patch` for `me` and returns the account as it is now.
pub async fn update(
    env: &Env<'_>,
    me: &Principal,
    patch: Patch<'_>,
    code: Option<(&str, &str)>,
    meta: &ClientMeta,
) -> Result<UserRow, AppError> {
    me.require_write()?;
    let mut p = Problems::default();
    let name = patch.name.and_then(|n| p.check("name", DisplayName::parse(n)));
    let username = patch.username.and_then(|u| p.check("username", Username::parse(u)));
    p.into_result()?;
    if let Some(u) = &username {
        let existing = users::find_by_identifier(env.db, &u.canonical()).await?;
        if existing.is_some_and(|other| other.id != me.user.id) {
            return Err(taken());
        }
    }
    // The address the account has already is no change (a PATCH of the same value is one).
    let same = |a: &&str| Email::parse(a).is_ok_and(|e| e.as_str() == me.user.email);
    if let Some(address) = patch.email.filter(|a| !same(a)) {
        let factor = reauth::second_factor(env, me, code, meta).await?;
        let req = email::ChangeRequest { email: address, current_password: patch.current_password.unwrap_or_default() };
        email::request_change(env, &factor, req, meta).await?;
    }
    if name.is_none() && username.is_none() {
        return Ok(me.user.clone());
    }
    let updated = users::update_profile(
        env.db,
        &me.user.id,
        name.as_ref().map(|n| n.as_str()),
        username.as_ref().map(|u| (u.canonical(), u.display().to_owned())),
        env.now,
    )
    .await;
    let user = match updated {
        Ok(user) => user,
        Err(e) if users::is_unique_violation(&e) => return Err(taken()),
        Err(e) => return Err(e.into()),
    };
    let detail = json!({
        "name": name.is_some().then(|| json!({ "from": me.user.name, "to": user.name })),
        "username": username.is_some().then(|| json!({ "from": me.user.display_username, "to": user.display_username })),
    });
    env.audit(&user.id, None, AuditEvent::ProfileChanged, detail, meta).await?;
    Ok(user)
}
