//! Re-authentication: the caller proves again that it is the account's owner before a sensitive
//! change. Three checks, each returning a proof value that the protected service demands as an
//! argument (a service cannot be called without the check having passed):
//!
//! - the current password ([`password`]), counted like a failed sign-in;
//! - a second factor behind this call ([`SecondFactor`]): none asked of the account, a code
//!   checked now, this session's recent re-authentication with a code, or a token made to
//!   ignore two-factor authentication;
//! - "recently re-authenticated" ([`Recent`]): this session entered the password (and a code,
//!   when the account has a factor) in the last ten minutes ("sudo mode", [`reauthenticate`]).
//!
//! Proofs borrow the [`Principal`] they were made for, so a proof for one caller cannot
//! authorize a change for another.

use i18n::k;
use platform::{audit::AuditEvent, ratelimit, request::ClientMeta, Env};
use serde_json::json;
use wire::{error::AppError, two_factor::Method};

use crate::{
    accounts::UserRow,
    factors::{self, Factors},
    principal::Principal,
    sessions,
};

/// How long a re-entered password opens sensitive changes.
pub const REAUTH_MS: i64 = 10 * 60_000;
/// Wrong guesses of the current password count like failed sign-ins.
pub const CURRENT_PASSWORD_PER_ACCOUNT: ratelimit::Limit = platform::ratelimit::SIGN_IN_PER_ACCOUNT;

/// The caller's current password was checked just now.
#[derive(Debug)]
pub struct PasswordChecked<'p> {
    principal: &'p Principal,
}

impl<'p> PasswordChecked<'p> {
    pub fn principal(&self) -> &'p Principal {
        self.principal
    }
}

/// Checks the account's current password (typed into `field`). Wrong guesses are counted per
/// account, before the check; a right one clears that count, but every check spends from the
/// account's and the address's hashing budgets ([`spend_hashes`]) all the same.
pub async fn password<'p>(
    env: &Env<'_>,
    principal: &'p Principal,
    password: &str,
    field: &str,
    meta: &ClientMeta,
) -> Result<PasswordChecked<'p>, AppError> {
    check_password(env, &principal.user, password, field, meta).await?;
    Ok(PasswordChecked { principal })
}

/// Spends `hashes` password-hash computations for `user_id` from the account's budget and the
/// client address's, before they are computed. Successful or not, nothing gives them back.
pub async fn spend_hashes(env: &Env<'_>, user_id: &str, meta: &ClientMeta, hashes: i64) -> Result<(), AppError> {
    let account = format!("hashing:user:{user_id}");
    ratelimit::hit_n(env.db, &account, ratelimit::HASHING_PER_ACCOUNT, hashes, env.now).await?;
    let ip = format!("hashing:ip:{}", meta.ip);
    ratelimit::hit_n(env.db, &ip, ratelimit::HASHING_PER_IP, hashes, env.now).await
}

async fn check_password(
    env: &Env<'_>,
    user: &UserRow,
    password: &str,
    field: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    if password.is_empty() {
        return Err(AppError::field(field, k::error_enter_current_password()));
    }
    let key = format!("password:user:{}", user.id);
    ratelimit::hit(env.db, &key, CURRENT_PASSWORD_PER_ACCOUNT, env.now).await?;
    spend_hashes(env, &user.id, meta, 1).await?;
    if !env.hasher.verify(password, Some(&user.password_hash)).await? {
        return Err(AppError::IncorrectPassword { field: field.to_owned() });
    }
    ratelimit::reset(env.db, &key).await
}

/// A second factor stands behind this call.
#[derive(Debug)]
pub struct SecondFactor<'p> {
    principal: &'p Principal,
    how: FactorBehind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactorBehind {
    /// The account has no second factor (or two-factor authentication is off server-wide).
    NoneAsked,
    /// A code was checked with this call.
    Code(Method),
    /// This session re-authenticated with a code in the last `REAUTH_MS`.
    RecentSession,
    /// The call came with a personal access token made to ignore two-factor authentication.
    TokenIgnoresTwoFactor,
}

impl<'p> SecondFactor<'p> {
    pub fn principal(&self) -> &'p Principal {
        self.principal
    }

    /// How the factor was given, for the audit log.
    pub fn describe(&self) -> String {
        match self.how {
            FactorBehind::NoneAsked => "none asked".to_owned(),
            FactorBehind::Code(m) => format!("{} code", m.as_str()),
            FactorBehind::RecentSession => "recent re-authentication".to_owned(),
            FactorBehind::TokenIgnoresTwoFactor => "token that ignores two-factor authentication".to_owned(),
        }
    }
}

/// The factor behind a call that may bring a code: settled (a token that ignores two-factor
/// authentication, no factor asked, or the code checked now), or the account's factors when a
/// code is needed and none came.
async fn factor_with_code<'p>(
    env: &Env<'_>,
    principal: &'p Principal,
    code: Option<(&str, &str)>,
    meta: &ClientMeta,
) -> Result<Result<SecondFactor<'p>, Factors>, AppError> {
    let proof = |how| Ok(SecondFactor { principal, how });
    if principal.ignores_two_factor() {
        return Ok(proof(FactorBehind::TokenIgnoresTwoFactor));
    }
    let Some(f) = factors::required(env, &principal.user).await? else { return Ok(proof(FactorBehind::NoneAsked)) };
    let Some((method, code)) = code else { return Ok(Err(f)) };
    let (method, code) = factors::parse_code(method, code)?;
    factors::verify(env, &principal.user, &f, method, code, &principal.binding(), meta).await?;
    Ok(proof(FactorBehind::Code(method)))
}

/// The second factor of a call that brings its own code (the REST API's `X-2fa-Method` and
/// `X-2fa-Code`). Without a code, when one is needed: `TwoFactorRequired` with the methods.
pub async fn second_factor<'p>(
    env: &Env<'_>,
    principal: &'p Principal,
    code: Option<(&str, &str)>,
    meta: &ClientMeta,
) -> Result<SecondFactor<'p>, AppError> {
    factor_with_code(env, principal, code, meta)
        .await?
        .map_err(|f| AppError::TwoFactorRequired { methods: f.methods(), pending: None })
}

/// The second factor of a form in the browser that may carry a code (the password and address
/// changes): the code when one was sent with it, else this session's recent re-authentication;
/// without either, when the account has a factor, `ReauthenticationRequired` (the page then
/// asks for the password and a code in its "Confirm it's you" panel).
pub async fn second_factor_in_form<'p>(
    env: &Env<'_>,
    principal: &'p Principal,
    code: Option<(&str, &str)>,
    meta: &ClientMeta,
) -> Result<SecondFactor<'p>, AppError> {
    match factor_with_code(env, principal, code, meta).await? {
        Ok(proof) => Ok(proof),
        Err(_) if is_recent(env, principal).await? => Ok(SecondFactor { principal, how: FactorBehind::RecentSession }),
        Err(_) => Err(AppError::ReauthenticationRequired),
    }
}

/// This session re-authenticated in the last `REAUTH_MS`.
#[derive(Debug)]
pub struct Recent<'p> {
    principal: &'p Principal,
}

impl<'p> Recent<'p> {
    pub fn principal(&self) -> &'p Principal {
        self.principal
    }

    pub fn user(&self) -> &'p UserRow {
        &self.principal.user
    }

    pub fn session_id(&self) -> &'p str {
        self.principal.session_id().unwrap_or_default()
    }
}

/// `ReauthenticationRequired` unless this session entered the password (and a code, when the
/// account has a factor) in the last `REAUTH_MS`. Tokens never re-authenticate.
pub async fn recent<'p>(env: &Env<'_>, principal: &'p Principal) -> Result<Recent<'p>, AppError> {
    if is_recent(env, principal).await? {
        Ok(Recent { principal })
    } else {
        Err(AppError::ReauthenticationRequired)
    }
}

/// Whether changes are open for this session now (the Security page shows it).
pub async fn is_recent(env: &Env<'_>, principal: &Principal) -> Result<bool, AppError> {
    let Some(session_id) = principal.session_id() else { return Ok(false) };
    let at = sessions::repo::reauthenticated_at(env.db, session_id).await?;
    Ok(at.is_some_and(|at| at <= env.now && env.now - at < REAUTH_MS))
}

/// Re-enters the password, and a code when the account has a second factor: opens sensitive
/// changes for this session for `REAUTH_MS`.
pub async fn reauthenticate(
    env: &Env<'_>,
    principal: &Principal,
    password_typed: &str,
    code: Option<(&str, &str)>,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let Some(session_id) = principal.session_id() else { return Err(AppError::Forbidden) };
    check_password(env, &principal.user, password_typed, "password", meta).await?;
    if let Some(f) = factors::required(env, &principal.user).await? {
        let Some((method, code)) = code else {
            return Err(AppError::field("method", k::error_choose_method()));
        };
        let (method, code) = factors::parse_code(method, code)?;
        factors::verify(env, &principal.user, &f, method, code, &principal.binding(), meta).await?;
    }
    sessions::repo::mark_reauthenticated(env.db, session_id, env.now).await?;
    env.audit(&principal.user.id, None, AuditEvent::Reauthenticated, json!({}), meta).await
}

/// The owner confirmed it is them: with a second-factor code when the account has one, with
/// the password otherwise (before a personal access token is made or regenerated).
#[derive(Debug)]
pub struct OwnerConfirmed<'p> {
    principal: &'p Principal,
}

impl<'p> OwnerConfirmed<'p> {
    pub fn principal(&self) -> &'p Principal {
        self.principal
    }
}

pub async fn confirm_owner<'p>(
    env: &Env<'_>,
    principal: &'p Principal,
    password_typed: &str,
    code: Option<(&str, &str)>,
    meta: &ClientMeta,
) -> Result<OwnerConfirmed<'p>, AppError> {
    match factors::required(env, &principal.user).await? {
        Some(f) => verify_code(env, principal, &f, code, meta).await?,
        None => check_password(env, &principal.user, password_typed, "password", meta).await?,
    }
    Ok(OwnerConfirmed { principal })
}

/// A current code of one of the account's factors, beside the recent re-authentication (to turn
/// a factor off, say).
pub async fn current_factor(
    env: &Env<'_>,
    recent: &Recent<'_>,
    (method, code): (Method, &str),
    meta: &ClientMeta,
) -> Result<Factors, AppError> {
    let s = factors::settings(env).await?;
    let f = factors::factors(env, recent.user(), &s).await?;
    let principal = recent.principal();
    factors::verify(env, &principal.user, &f, method, code, &principal.binding(), meta).await?;
    Ok(f)
}

async fn verify_code(
    env: &Env<'_>,
    principal: &Principal,
    f: &Factors,
    code: Option<(&str, &str)>,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let Some((method, code)) = code else { return Err(AppError::field("method", k::error_choose_method())) };
    let (method, code) = factors::parse_code(method, code)?;
    factors::verify(env, &principal.user, f, method, code, &principal.binding(), meta).await
}
