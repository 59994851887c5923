//! Two-factor authentication for an account: its factors, checking a code (counted on the
//! account first), the sign-in's second step, re-authentication, enabling and disabling
//! factors, and the administrators' force and reset. No Leptos here.

use serde_json::json;

use super::{
    backup::{self, NewCodes},
    email_code, lockout,
    pending::{self, Pending, PendingToken},
    totp::{self, TotpSecret},
    Challenge, Method, TotpSetup, TwoFactorSettings, TwoFactorState,
};
use crate::{
    audit::AuditEvent,
    auth::{
        repo::{self as users, UserRow},
        service::Deps,
    },
    error::AppError,
    mail::templates,
    server::{db::Db, guard::SignedIn, ratelimit, request::ClientMeta, settings},
    sessions::repo as sessions,
};

/// How long a re-entered password opens sensitive changes.
pub const REAUTH_MS: i64 = 10 * 60_000;
/// How long a TOTP setup waits for its first code.
pub const SETUP_MS: i64 = 15 * 60_000;
/// Email codes mailed per account.
pub const EMAIL_CODES_PER_ACCOUNT: ratelimit::Limit = ratelimit::Limit::per_minutes(5, 15);
/// Wrong first codes of a TOTP setup per account.
const SETUP_TRIES: ratelimit::Limit = ratelimit::Limit::per_minutes(10, 15);

pub async fn settings(db: &Db) -> Result<TwoFactorSettings, AppError> {
    settings::get(db, settings::TWO_FACTOR).await
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

pub async fn factors(db: &Db, user: &UserRow, s: &TwoFactorSettings) -> Result<Factors, AppError> {
    Ok(Factors {
        totp: totp::is_enabled(db, &user.id).await?,
        email: email_on(user, s),
        backup_left: backup::remaining(db, &user.id).await?,
    })
}

/// The factors a sign-in must pass; None when no second step is asked (two-factor
/// authentication off server-wide, or no factor on the account).
pub async fn required(db: &Db, user: &UserRow) -> Result<Option<Factors>, AppError> {
    let s = settings(db).await?;
    if !s.enabled {
        return Ok(None);
    }
    let f = factors(db, user, &s).await?;
    Ok(f.any().then_some(f))
}

/// True while an administrator requires TOTP of this account and it has none: nothing but
/// setting it up is open then.
pub async fn setup_required(db: &Db, user: &UserRow) -> Result<bool, AppError> {
    if user.two_factor_forced_at.is_none() {
        return Ok(false);
    }
    Ok(settings(db).await?.enabled && !totp::is_enabled(db, &user.id).await?)
}

/// Checks one code. The try is counted on the account before the check (shared by every
/// sign-in and instance; past the limit the second step locks). A method the account does not
/// have is a wrong code.
pub async fn verify(
    deps: &Deps<'_>,
    user: &UserRow,
    factors: &Factors,
    method: Method,
    code: &str,
    bound_to: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    if let Err(e) = lockout::count_try(deps.db, &user.id, deps.now).await {
        let detail = json!({ "method": method.as_str(), "refused": "locked" });
        deps.audit(&user.id, None, AuditEvent::TwoFactorFailed, detail, meta).await?;
        return Err(e);
    }
    let ok = factors.methods().contains(&method)
        && match method {
            Method::Totp => totp::verify(deps.db, deps.key, &user.id, code, deps.now).await?,
            Method::Backup => backup::consume(deps.db, deps.hasher, &user.id, code).await?,
            Method::Email => email_code::check(deps.db, deps.key, &user.id, bound_to, code, deps.now).await?,
        };
    if !ok {
        deps.audit(&user.id, None, AuditEvent::TwoFactorFailed, json!({ "method": method.as_str() }), meta).await?;
        return Err(AppError::InvalidCode);
    }
    lockout::clear(deps.db, &user.id).await?;
    if method == Method::Backup {
        let left = backup::remaining(deps.db, &user.id).await?;
        deps.audit(&user.id, None, AuditEvent::BackupCodeUsed, json!({ "left": left }), meta).await?;
    }
    Ok(())
}

/// Mails a code bound to `bound_to` (a sign-in attempt or a session). Only to a verified
/// address; throttled per account.
pub async fn send_code(deps: &Deps<'_>, user: &UserRow, bound_to: &str) -> Result<(), AppError> {
    if user.email_verified_at.is_none() {
        return Err(AppError::Forbidden);
    }
    ratelimit::hit(deps.db, &format!("email-code:user:{}", user.id), EMAIL_CODES_PER_ACCOUNT, deps.now).await?;
    let code = email_code::issue(deps.db, deps.key, &user.id, bound_to, deps.now).await?;
    deps.mailer.queue(deps.db, &templates::two_factor_code(&user.email, &user.name, code.expose()), deps.now).await?;
    Ok(())
}

/// What an emailed code for this session (re-authentication, confirming a change) is bound to.
pub fn session_binding(me: &SignedIn) -> String {
    format!("session:{}", me.session_id)
}

// ---- The sign-in's second step --------------------------------------------------------------

/// After a right password: a pending sign-in worth nothing without the second factor. When
/// email is the only way, the code is mailed at once.
pub async fn begin_sign_in(
    deps: &Deps<'_>,
    user: &UserRow,
    factors: &Factors,
    meta: &ClientMeta,
) -> Result<PendingToken, AppError> {
    let (p, token) = pending::start(deps.db, &user.id, meta, deps.now).await?;
    if !factors.totp && factors.email {
        // Past the mail quota the step still opens: the user can ask again later, and someone
        // who knows the password cannot lock the owner out by signing in over and over.
        match send_code(deps, user, &p.binding()).await {
            Ok(()) | Err(AppError::RateLimited { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(token)
}

async fn pending_user(deps: &Deps<'_>, token: &str) -> Result<(Pending, UserRow), AppError> {
    let p = pending::find(deps.db, token, deps.now).await?.ok_or(AppError::SignInExpired)?;
    let user =
        users::find_by_id(deps.db, &p.user_id).await?.filter(|u| u.is_active()).ok_or(AppError::SignInExpired)?;
    Ok((p, user))
}

/// How the pending sign-in can give its code.
pub async fn challenge(deps: &Deps<'_>, token: &str) -> Result<Challenge, AppError> {
    let (_, user) = pending_user(deps, token).await?;
    let methods = required(deps.db, &user).await?.map(|f| f.methods()).unwrap_or_default();
    Ok(Challenge { methods })
}

pub async fn send_sign_in_code(deps: &Deps<'_>, token: &str) -> Result<(), AppError> {
    let (p, user) = pending_user(deps, token).await?;
    let factors = required(deps.db, &user).await?;
    if !factors.is_some_and(|f| f.email) {
        return Err(AppError::Forbidden);
    }
    send_code(deps, &user, &p.binding()).await
}

/// The second step: the try is counted on the pending sign-in and on the account, the code is
/// checked, and the pending sign-in ends (one winner). The caller starts the session.
pub async fn finish_sign_in(
    deps: &Deps<'_>,
    token: &str,
    method: Method,
    code: &str,
    meta: &ClientMeta,
) -> Result<UserRow, AppError> {
    let (p, user) = pending_user(deps, token).await?;
    pending::count_try(deps.db, &p.id, deps.now).await?;
    // No factor asked any more (switched off meanwhile): this pending sign-in is void; a new
    // sign-in takes the password alone.
    let Some(factors) = required(deps.db, &user).await? else {
        pending::end(deps.db, &p.id).await?;
        return Err(AppError::SignInExpired);
    };
    verify(deps, &user, &factors, method, code, &p.binding(), meta).await?;
    if !pending::end(deps.db, &p.id).await? {
        return Err(AppError::SignInExpired);
    }
    Ok(user)
}

// ---- Re-authentication ---------------------------------------------------------------------

/// Re-enters the password, and a code when the account has a second factor: opens sensitive
/// changes for this session for `REAUTH_MS`.
pub async fn reauthenticate(
    deps: &Deps<'_>,
    me: &SignedIn,
    password: &str,
    method: Option<Method>,
    code: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    crate::password::service::verify_current(deps, &me.user, password, "password").await?;
    if let Some(factors) = required(deps.db, &me.user).await? {
        let method = method.ok_or_else(|| AppError::field("method", "Choose how to confirm."))?;
        if code.trim().is_empty() {
            return Err(AppError::field("code", "Enter a code."));
        }
        verify(deps, &me.user, &factors, method, code, &session_binding(me), meta).await?;
    }
    sqlx::query("UPDATE sessions SET reauthenticated_at = $2 WHERE id = $1")
        .bind(&me.session_id)
        .bind(deps.now)
        .execute(deps.db)
        .await?;
    deps.audit(&me.user.id, None, AuditEvent::Reauthenticated, json!({}), meta).await
}

async fn reauthenticated(deps: &Deps<'_>, me: &SignedIn) -> Result<bool, AppError> {
    let row: Option<(Option<i64>,)> = sqlx::query_as("SELECT reauthenticated_at FROM sessions WHERE id = $1")
        .bind(&me.session_id)
        .fetch_optional(deps.db)
        .await?;
    Ok(matches!(row, Some((Some(at),)) if deps.now - at < REAUTH_MS && at <= deps.now))
}

/// Sensitive changes call this first: `ReauthenticationRequired` unless this session entered
/// the password (and a code, when the account has a factor) in the last `REAUTH_MS`.
pub async fn require_reauthenticated(deps: &Deps<'_>, me: &SignedIn) -> Result<(), AppError> {
    if reauthenticated(deps, me).await? {
        Ok(())
    } else {
        Err(AppError::ReauthenticationRequired)
    }
}

/// A code for this session's re-authentication or for disabling a factor.
pub async fn send_session_code(deps: &Deps<'_>, me: &SignedIn) -> Result<(), AppError> {
    let factors = required(deps.db, &me.user).await?;
    if !factors.is_some_and(|f| f.email) {
        return Err(AppError::Forbidden);
    }
    send_code(deps, &me.user, &session_binding(me)).await
}

pub async fn status(deps: &Deps<'_>, me: &SignedIn) -> Result<TwoFactorState, AppError> {
    let s = settings(deps.db).await?;
    let f = factors(deps.db, &me.user, &s).await?;
    Ok(TwoFactorState {
        available: s.enabled,
        totp: f.totp,
        email: f.email,
        email_verified: me.user.email_verified_at.is_some(),
        backup_codes_left: f.backup_left,
        reauthenticated: reauthenticated(deps, me).await?,
        forced: me.user.two_factor_forced_at.is_some(),
        methods: if s.enabled { f.methods() } else { Vec::new() },
    })
}

// ---- Enabling and disabling ----------------------------------------------------------------

fn setup_context(user_id: &str) -> String {
    format!("gatehouse:totp-setup:{user_id}")
}

async fn require_available(deps: &Deps<'_>) -> Result<TwoFactorSettings, AppError> {
    let s = settings(deps.db).await?;
    if s.enabled {
        Ok(s)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A new secret for the user's authenticator app: its URI, QR code and key. Nothing is stored
/// yet: the secret comes back sealed with the first code.
pub async fn start_totp(deps: &Deps<'_>, me: &SignedIn) -> Result<TotpSetup, AppError> {
    require_available(deps).await?;
    require_reauthenticated(deps, me).await?;
    if totp::is_enabled(deps.db, &me.user.id).await? {
        return Err(already_on());
    }
    let secret = TotpSecret::generate();
    let uri = totp::otpauth_uri(&secret, &me.user.email);
    let mut sealed_plain = (deps.now + SETUP_MS).to_be_bytes().to_vec();
    sealed_plain.extend_from_slice(secret.as_bytes());
    let setup = deps.key.seal(&setup_context(&me.user.id), &sealed_plain).map_err(|_| AppError::Internal)?;
    Ok(TotpSetup { qr: totp::qr_data_url(&uri)?, uri, key: secret.grouped(), setup })
}

fn already_on() -> AppError {
    AppError::Conflict { field: "code".into(), message: "Two-factor authentication via TOTP is already on.".into() }
}

fn open_setup(deps: &Deps<'_>, user_id: &str, setup: &str) -> Result<TotpSecret, AppError> {
    let expired = || AppError::field("code", "This setup has expired. Start again.");
    let raw = deps.key.open(&setup_context(user_id), setup).map_err(|_| expired())?;
    let (when, key) = raw.split_at_checked(8).ok_or_else(expired)?;
    let expires = i64::from_be_bytes(when.try_into().map_err(|_| expired())?);
    if deps.now >= expires {
        return Err(expired());
    }
    TotpSecret::from_bytes(key.to_vec()).map_err(|_| expired())
}

/// **Verify**: the first code from the app. Stores the secret (sealed), makes the backup codes
/// (returned once), ends every other session, audits and mails a notice.
pub async fn confirm_totp(
    deps: &Deps<'_>,
    me: &SignedIn,
    setup: &str,
    code: &str,
    meta: &ClientMeta,
) -> Result<NewCodes, AppError> {
    require_available(deps).await?;
    require_reauthenticated(deps, me).await?;
    let secret = open_setup(deps, &me.user.id, setup)?;
    ratelimit::hit(deps.db, &format!("totp-setup:user:{}", me.user.id), SETUP_TRIES, deps.now).await?;
    let step = secret.matching_step(code, deps.now).ok_or(AppError::InvalidCode)?;
    // The slow part first; then the authenticator, its codes and the end of every other
    // session in one transaction: all of it happens, or none.
    let set = backup::prepare(deps.hasher).await?;
    let mut tx = deps.db.begin().await?;
    if !totp::enable(&mut tx, deps.key, &me.user.id, &secret, step, deps.now).await? {
        return Err(already_on());
    }
    backup::store(&mut tx, &me.user.id, &set, deps.now).await?;
    let ended = sessions::delete_others(&mut *tx, &me.user.id, &me.session_id).await?;
    tx.commit().await?;
    enabled(deps, me, Method::Totp, ended, "Two-factor authentication via TOTP was turned on", meta).await?;
    Ok(set.codes)
}

/// **Regenerate codes**: a new set; the old one stops working.
pub async fn regenerate_codes(deps: &Deps<'_>, me: &SignedIn, meta: &ClientMeta) -> Result<NewCodes, AppError> {
    require_available(deps).await?;
    require_reauthenticated(deps, me).await?;
    if !totp::is_enabled(deps.db, &me.user.id).await? {
        return Err(AppError::Conflict {
            field: "code".into(),
            message: "Turn on two-factor authentication via TOTP first.".into(),
        });
    }
    let codes = backup::regenerate(deps.db, deps.hasher, &me.user.id, deps.now).await?;
    changed(
        deps,
        &me.user,
        None,
        AuditEvent::BackupCodesRegenerated,
        json!({}),
        "New backup codes were made; the old ones no longer work",
        meta,
    )
    .await?;
    Ok(codes)
}

/// Disabling needs a current second factor, not only the recent password.
async fn verify_current_factor(
    deps: &Deps<'_>,
    me: &SignedIn,
    method: Method,
    code: &str,
    meta: &ClientMeta,
) -> Result<Factors, AppError> {
    let s = require_available(deps).await?;
    require_reauthenticated(deps, me).await?;
    let f = factors(deps.db, &me.user, &s).await?;
    if code.trim().is_empty() {
        return Err(AppError::field("code", "Enter a code."));
    }
    verify(deps, &me.user, &f, method, code, &session_binding(me), meta).await?;
    Ok(f)
}

pub async fn disable_totp(
    deps: &Deps<'_>,
    me: &SignedIn,
    method: Method,
    code: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    if me.user.two_factor_forced_at.is_some() {
        return Err(AppError::Conflict {
            field: "code".into(),
            message: "Your administrator requires two-factor authentication via TOTP for this account.".into(),
        });
    }
    let f = verify_current_factor(deps, me, method, code, meta).await?;
    if !f.totp {
        return Err(AppError::NotFound);
    }
    totp::disable(deps.db, &me.user.id).await?;
    changed(
        deps,
        &me.user,
        None,
        AuditEvent::TwoFactorDisabled,
        json!({ "method": "totp" }),
        "Two-factor authentication via TOTP was turned off",
        meta,
    )
    .await
}

pub async fn enable_email(deps: &Deps<'_>, me: &SignedIn, meta: &ClientMeta) -> Result<(), AppError> {
    let s = require_available(deps).await?;
    require_reauthenticated(deps, me).await?;
    if me.user.email_verified_at.is_none() {
        return Err(AppError::Conflict {
            field: "email".into(),
            message: "Verify your email address first: codes are sent only to a verified address.".into(),
        });
    }
    if email_on(&me.user, &s) {
        return Ok(());
    }
    let mut tx = deps.db.begin().await?;
    set_email_choice(&mut *tx, &me.user.id, "on", deps.now).await?;
    let ended = sessions::delete_others(&mut *tx, &me.user.id, &me.session_id).await?;
    tx.commit().await?;
    enabled(deps, me, Method::Email, ended, "Two-factor authentication via Email was turned on", meta).await
}

pub async fn disable_email(
    deps: &Deps<'_>,
    me: &SignedIn,
    method: Method,
    code: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let f = verify_current_factor(deps, me, method, code, meta).await?;
    if !f.email {
        return Err(AppError::NotFound);
    }
    set_email_choice(deps.db, &me.user.id, "off", deps.now).await?;
    changed(
        deps,
        &me.user,
        None,
        AuditEvent::TwoFactorDisabled,
        json!({ "method": "email" }),
        "Two-factor authentication via Email was turned off",
        meta,
    )
    .await
}

async fn set_email_choice<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    user_id: &str,
    choice: &str,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET email_two_factor = $2, updated_at = $3 WHERE id = $1")
        .bind(user_id)
        .bind(choice)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

// ---- Administrators ------------------------------------------------------------------------

/// **Force two-factor authentication**: from the user's next request, nothing is open until
/// they set up TOTP themselves. Administrators cannot enable or configure it for them.
pub async fn admin_force(
    deps: &Deps<'_>,
    admin: &UserRow,
    user_id: &str,
    force: bool,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let user = other_user(deps, admin, user_id).await?;
    if force == user.two_factor_forced_at.is_some() {
        return Ok(());
    }
    sqlx::query("UPDATE users SET two_factor_forced_at = $2, updated_at = $3 WHERE id = $1")
        .bind(user_id)
        .bind(force.then_some(deps.now))
        .bind(deps.now)
        .execute(deps.db)
        .await?;
    let (event, what) = if force {
        (AuditEvent::TwoFactorForced, "An administrator now requires two-factor authentication for your account")
    } else {
        (
            AuditEvent::TwoFactorForceLifted,
            "An administrator no longer requires two-factor authentication for your account",
        )
    };
    changed(deps, &user, Some(&admin.id), event, json!({}), what, meta).await
}

/// **Reset two-factor authentication** for a user who lost the device: the authenticator and
/// backup codes are removed (email codes stay as the user chose), audited and mailed.
pub async fn admin_reset(deps: &Deps<'_>, admin: &UserRow, user_id: &str, meta: &ClientMeta) -> Result<(), AppError> {
    let user = other_user(deps, admin, user_id).await?;
    totp::disable(deps.db, user_id).await?;
    lockout::clear(deps.db, user_id).await?;
    pending::end_all(deps.db, user_id).await?;
    changed(
        deps,
        &user,
        Some(&admin.id),
        AuditEvent::TwoFactorReset,
        json!({}),
        "An administrator reset the two-factor authentication of your account",
        meta,
    )
    .await
}

/// The account an administrator acts on: never their own (their own factors change only by
/// the self-service steps, with a current factor).
async fn other_user(deps: &Deps<'_>, admin: &UserRow, user_id: &str) -> Result<UserRow, AppError> {
    if user_id == admin.id {
        return Err(AppError::Conflict {
            field: "user_id".into(),
            message: "Change your own two-factor authentication on your Security page.".into(),
        });
    }
    users::find_by_id(deps.db, user_id).await?.ok_or(AppError::NotFound)
}

// ---- Audit and notice ----------------------------------------------------------------------

/// A factor was turned on (and `ended` other sessions with it): the audit entry and the notice.
async fn enabled(
    deps: &Deps<'_>,
    me: &SignedIn,
    method: Method,
    ended: u64,
    what: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let detail = json!({ "method": method.as_str(), "other_sessions_ended": ended });
    changed(deps, &me.user, None, AuditEvent::TwoFactorEnabled, detail, what, meta).await
}

/// Every change of factors: an audit entry and a notice to the account's address.
async fn changed(
    deps: &Deps<'_>,
    user: &UserRow,
    actor: Option<&str>,
    event: AuditEvent,
    detail: serde_json::Value,
    what: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    deps.audit(&user.id, actor, event, detail, meta).await?;
    let notice =
        templates::two_factor_changed(&user.email, &user.name, what, &deps.public_url.link("/account/security"));
    deps.mailer.queue(deps.db, &notice, deps.now).await?;
    Ok(())
}
