//! The account's profile: name, username, nickname, bio and status, and a change of address
//! (which goes through [`crate::email::request_change`]). Everything is checked before anything happens: no code
//! is used up and no mail goes out for a request that is refused.

use i18n::k;
use platform::{audit::AuditEvent, request::ClientMeta, Env};
use serde_json::json;
use wire::{
    account::{DisplayName, Email, Username},
    error::{AppError, Problems},
    profile::{self, Status},
};

use crate::{
    accounts::{
        repo::{self as users, ProfileChange},
        UserRow,
    },
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
    pub nickname: Option<&'a str>,
    pub bio: Option<&'a str>,
    pub status: Option<&'a str>,
    pub status_text: Option<&'a str>,
}

fn taken() -> AppError {
    AppError::conflict("username", k::error_username_taken())
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
    let before = &me.user;
    let mut p = Problems::default();
    let name = patch.name.and_then(|n| p.check("name", DisplayName::parse(n)));
    let username = patch.username.and_then(|u| p.check("username", Username::parse(u)));
    let nickname = patch.nickname.and_then(|n| p.check("nickname", profile::nickname(n)));
    let bio = patch.bio.and_then(|b| p.check("bio", profile::bio(b)));
    let status = patch.status.and_then(|s| p.check("status", Status::parse(s)));
    let status_text = patch.status_text.and_then(|t| p.check("status_text", profile::status_text(t)));
    p.into_result()?;
    // Only what differs from the account is written (and audited).
    let change = ProfileChange {
        name: name.map(|n| n.as_str().to_owned()).filter(|n| *n != before.name),
        username: username
            .filter(|u| u.display() != before.display_username)
            .map(|u| (u.canonical(), u.display().to_owned())),
        nickname: nickname.filter(|n| *n != before.nickname),
        bio: bio.filter(|b| *b != before.bio),
        status: status.filter(|s| *s != before.status()),
        status_text: status_text.filter(|t| *t != before.status_text),
    };
    if let Some((canonical, _)) = &change.username {
        let existing = users::find_by_identifier(env.db, canonical).await?;
        if existing.is_some_and(|other| other.id != before.id) {
            return Err(taken());
        }
    }
    // The address the account has already is no change (a PATCH of the same value is one).
    let same = |a: &&str| Email::parse(a).is_ok_and(|e| e.as_str() == before.email);
    if let Some(address) = patch.email.filter(|a| !same(a)) {
        let factor = reauth::second_factor(env, me, code, meta).await?;
        let req = email::ChangeRequest { email: address, current_password: patch.current_password.unwrap_or_default() };
        email::request_change(env, &factor, req, meta).await?;
    }
    if change.is_empty() {
        return Ok(before.clone());
    }
    let user = match users::update_profile(env.db, &before.id, &change, env.now).await {
        Ok(user) => user,
        Err(e) if users::is_unique_violation(&e) => return Err(taken()),
        Err(e) => return Err(e.into()),
    };
    let from_to = |changed: bool, from: &str, to: &str| changed.then(|| json!({ "from": from, "to": to }));
    let detail = json!({
        "name": from_to(change.name.is_some(), &before.name, &user.name),
        "username": from_to(change.username.is_some(), &before.display_username, &user.display_username),
        "nickname": from_to(change.nickname.is_some(), &before.nickname, &user.nickname),
        "status": from_to(change.status.is_some(), &before.status, &user.status),
        "status_text": from_to(change.status_text.is_some(), &before.status_text, &user.status_text),
        // A bio may be long and personal: the log says that it changed, not what it says.
        "bio": change.bio.is_some().then_some("changed"),
    });
    env.audit(&user.id, None, AuditEvent::ProfileChanged, detail, meta).await?;
    Ok(user)
}
