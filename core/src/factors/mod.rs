//! Second factors: which ones an account has, checking a code (counted on the account first),
//! mailing a code, and the stores behind them (TOTP secrets, backup codes, emailed codes, the
//! lockout counter, sign-ins waiting for their second step). Turning factors on and off is
//! `crate::two_factor`; this layer only answers "is this code right for this account".

pub mod backup;
pub mod email_code;
pub mod lockout;
pub mod pending;
pub mod totp;

use i18n::k;
use platform::{audit::AuditEvent, ratelimit, request::ClientMeta, settings::Key, Env};
use serde_json::json;
use wire::{
    error::AppError,
    two_factor::{Method, TwoFactorSettings},
};

use crate::{accounts::UserRow, notices};

/// Where the administrators' two-factor settings are stored.
pub const SETTINGS: Key<TwoFactorSettings> = Key::new("two_factor");
/// Email codes mailed for one sign-in attempt (or one session or token).
pub const EMAIL_CODES_PER_ATTEMPT: ratelimit::Limit = ratelimit::Limit::per_minutes(3, 15);
/// Email codes mailed per account to one client address.
pub const EMAIL_CODES_PER_ACCOUNT_AND_IP: ratelimit::Limit = ratelimit::Limit::per_minutes(5, 15);
/// Email codes mailed per account in all: a bound on the mail someone holding the password can
/// cause, well above what the two quotas above let one address ask for.
pub const EMAIL_CODES_PER_ACCOUNT: ratelimit::Limit = ratelimit::Limit::per_minutes(30, 60);

pub async fn settings(env: &Env<'_>) -> Result<TwoFactorSettings, AppError> {
    env.setting(SETTINGS).await
}

/// The factors an account has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Factors {
    pub totp: bool,
    pub email: bool,
    pub backup_left: i64,
}

impl Factors {
    pub fn any(&self) -> bool {
        self.totp || self.email
    }

    /// The ways a code can be given, the authenticator first.
    pub fn methods(&self) -> Vec<Method> {
        let mut m = Vec::new();
        if self.totp {
            m.push(Method::Totp);
        }
        if self.email {
            m.push(Method::Email);
        }
        // Backup codes come with the authenticator and stand in for it only.
        if self.totp && self.backup_left > 0 {
            m.push(Method::Backup);
        }
        m
    }
}

/// Email codes are a factor for a verified address the owner turned on (or did not turn off,
/// when the administrators made them the default).
pub fn email_on(user: &UserRow, s: &TwoFactorSettings) -> bool {
    user.email_verified_at.is_some()
        && match user.email_two_factor.as_deref() {
            Some("on") => true,
            Some(_) => false,
            None => s.email_by_default,
        }
}

pub async fn factors(env: &Env<'_>, user: &UserRow, s: &TwoFactorSettings) -> Result<Factors, AppError> {
    Ok(Factors {
        totp: totp::is_enabled(env.db, &user.id).await?,
        email: email_on(user, s),
        backup_left: backup::remaining(env.db, &user.id).await?,
    })
}

/// The factors a sign-in (or a protected change) must pass; None when no second step is asked
/// (two-factor authentication off server-wide, or no factor on the account).
pub async fn required(env: &Env<'_>, user: &UserRow) -> Result<Option<Factors>, AppError> {
    let s = settings(env).await?;
    if !s.enabled {
        return Ok(None);
    }
    let f = factors(env, user, &s).await?;
    Ok(f.any().then_some(f))
}

/// True while an administrator (or an organization the account belongs to) requires TOTP of
/// this account and it has none: nothing but setting it up is open then. Reads nothing unless
/// the account is forced.
pub async fn setup_required(env: &Env<'_>, user: &UserRow) -> Result<bool, AppError> {
    if !user.two_factor_forced() {
        return Ok(false);
    }
    Ok(settings(env).await?.enabled && !totp::is_enabled(env.db, &user.id).await?)
}

/// Checks one code. The try is counted on the account before the check (shared by every
/// sign-in and instance; past the limit the second step locks). A method the account does not
/// have is a wrong code.
pub async fn verify(
    env: &Env<'_>,
    user: &UserRow,
    factors: &Factors,
    method: Method,
    code: &str,
    bound_to: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    if let Err(e) = lockout::count_try(env.db, &user.id, &meta.ip, env.now).await {
        let detail = json!({ "method": method.as_str(), "refused": "locked" });
        env.audit(&user.id, None, AuditEvent::TwoFactorFailed, detail, meta).await?;
        return Err(e);
    }
    let ok = factors.methods().contains(&method)
        && match method {
            Method::Totp => totp::verify(env.db, env.key, &user.id, code, env.now).await?,
            Method::Backup => backup::consume(env.db, env.hasher, &user.id, code).await?,
            Method::Email => email_code::check(env.db, env.key, &user.id, bound_to, code, env.now).await?,
        };
    if !ok {
        env.audit(&user.id, None, AuditEvent::TwoFactorFailed, json!({ "method": method.as_str() }), meta).await?;
        return Err(AppError::InvalidCode);
    }
    lockout::clear(env.db, &user.id, &meta.ip).await?;
    if method == Method::Backup {
        let left = backup::remaining(env.db, &user.id).await?;
        env.audit(&user.id, None, AuditEvent::BackupCodeUsed, json!({ "left": left }), meta).await?;
    }
    Ok(())
}

/// Mails a code bound to `bound_to` (a sign-in attempt, a session or a token). Only to a
/// verified address. The quotas belong to the attempt and to the client's address first, so
/// someone who knows the password and signs in over and over uses up their own quota, not
/// the owner's; the account's own bound is far above those.
pub async fn send_code(env: &Env<'_>, user: &UserRow, bound_to: &str, meta: &ClientMeta) -> Result<(), AppError> {
    if user.email_verified_at.is_none() {
        return Err(AppError::Forbidden);
    }
    ratelimit::hit(env.db, &format!("email-code:for:{bound_to}"), EMAIL_CODES_PER_ATTEMPT, env.now).await?;
    let per_ip = format!("email-code:user:{}:ip:{}", user.id, meta.ip);
    ratelimit::hit(env.db, &per_ip, EMAIL_CODES_PER_ACCOUNT_AND_IP, env.now).await?;
    ratelimit::hit(env.db, &format!("email-code:user:{}", user.id), EMAIL_CODES_PER_ACCOUNT, env.now).await?;
    let code = email_code::issue(env.db, env.key, &user.id, bound_to, env.now).await?;
    let lang = notices::language_of(env, &user.id).await?;
    env.mail(&notices::two_factor_code(lang, &user.email, &user.name, code.expose())).await
}

/// A method and code as typed into a form or sent in headers: the method must be one we know,
/// the code present and of a sane length (a longer one is simply wrong, and costs no lookup).
pub fn parse_code<'c>(method: &str, code: &'c str) -> Result<(Method, &'c str), AppError> {
    let method = Method::parse(method)?;
    let code = code.trim();
    if code.is_empty() {
        return Err(AppError::field("code", k::error_enter_code()));
    }
    if code.chars().count() > 32 {
        return Err(AppError::InvalidCode);
    }
    Ok((method, code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A method and code from a form or headers: never a panic; an accepted code is
        /// trimmed, present and at most 32 characters (a longer one costs no lookup).
        #[test]
        fn typed_codes_are_bounded_before_any_lookup(method in any::<String>(), code in any::<String>()) {
            if let Ok((m, c)) = parse_code(&method, &code) {
                prop_assert_eq!(m.as_str(), method.trim());
                prop_assert!(!c.is_empty() && c.chars().count() <= 32);
                prop_assert_eq!(c, c.trim());
            }
        }
    }
}
