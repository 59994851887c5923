//! Two-factor authentication on the Security page: the account's state, turning TOTP and email
//! codes on and off, and backup codes. Every change takes a [`Recent`] re-authentication (and
//! turning a factor off a current code besides), so there is no password-only path to a new
//! authenticator; every change is audited and mailed.

use i18n::k;
use platform::{audit::AuditEvent, ratelimit, request::ClientMeta, Env};
use serde_json::json;
use wire::{
    error::AppError,
    two_factor::{Method, TotpSetup, TwoFactorSettings, TwoFactorState},
};

use crate::{
    accounts::{repo as users, UserRow},
    factors::{
        self,
        backup::{self, NewCodes},
        totp::{self, TotpSecret},
    },
    notices::{self, FactorChange},
    principal::Principal,
    reauth::{self, Recent},
    sessions::repo as sessions,
};

/// How long a TOTP setup waits for its first code.
pub const SETUP_MS: i64 = 15 * 60_000;
/// Wrong first codes of a TOTP setup per account.
const SETUP_TRIES: ratelimit::Limit = ratelimit::Limit::per_minutes(10, 15);

pub async fn status(env: &Env<'_>, me: &Principal) -> Result<TwoFactorState, AppError> {
    let s = factors::settings(env).await?;
    let f = factors::factors(env, &me.user, &s).await?;
    Ok(TwoFactorState {
        available: s.enabled,
        totp: f.totp,
        email: f.email,
        email_verified: me.user.email_verified_at.is_some(),
        backup_codes_left: f.backup_left,
        reauthenticated: reauth::is_recent(env, me).await?,
        forced: me.user.two_factor_forced(),
        methods: if s.enabled { f.methods() } else { Vec::new() },
    })
}

/// A code for this session's re-authentication or for turning a factor off.
pub async fn send_session_code(env: &Env<'_>, me: &Principal, meta: &ClientMeta) -> Result<(), AppError> {
    let f = factors::required(env, &me.user).await?;
    if !f.is_some_and(|f| f.email) {
        return Err(AppError::Forbidden);
    }
    factors::send_code(env, &me.user, &me.binding(), meta).await
}

// ---- Turning factors on and off ------------------------------------------------------------

fn setup_context(user_id: &str) -> String {
    format!("gatehouse:totp-setup:{user_id}")
}

/// `Forbidden` while two-factor authentication is off server-wide.
pub async fn require_available(env: &Env<'_>) -> Result<TwoFactorSettings, AppError> {
    let s = factors::settings(env).await?;
    if s.enabled {
        Ok(s)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The secret for the user's authenticator app: its URI, QR code and key. `pending` is the sealed
/// setup this browser already has (the assistant's cookie): its secret is shown again while it
/// has a while to run, so every step and every reload shows the same QR code. Otherwise a new
/// secret. Nothing is stored yet: the secret comes back sealed with the first code.
pub async fn start_totp(env: &Env<'_>, me: &Recent<'_>, pending: Option<&str>) -> Result<TotpSetup, AppError> {
    require_available(env).await?;
    let user = me.user();
    if totp::is_enabled(env.db, &user.id).await? {
        return Err(already_on());
    }
    let resumed = pending
        .and_then(|setup| open_setup(env, &user.id, setup).ok().map(|opened| (setup, opened)))
        .filter(|(_, (_, expires))| expires - env.now >= SETUP_MS / 3);
    if let Some((setup, (secret, _))) = resumed {
        return describe(&secret, &user.email, setup.to_owned());
    }
    let secret = TotpSecret::generate();
    let mut sealed_plain = (env.now + SETUP_MS).to_be_bytes().to_vec();
    sealed_plain.extend_from_slice(secret.as_bytes());
    let setup = env.key.seal(&setup_context(&user.id), &sealed_plain).map_err(|_| AppError::Internal)?;
    describe(&secret, &user.email, setup)
}

fn describe(secret: &TotpSecret, email: &str, setup: String) -> Result<TotpSetup, AppError> {
    let uri = totp::otpauth_uri(secret, email);
    Ok(TotpSetup { qr: totp::qr_data_url(&uri)?, uri, key: secret.grouped(), setup })
}

fn already_on() -> AppError {
    AppError::conflict("code", k::error_totp_already_on())
}

/// The secret of a sealed setup and when it expires.
fn open_setup(env: &Env<'_>, user_id: &str, setup: &str) -> Result<(TotpSecret, i64), AppError> {
    let expired = || AppError::field("code", k::error_totp_setup_expired());
    let raw = env.key.open(&setup_context(user_id), setup).map_err(|_| expired())?;
    let (when, key) = raw.split_at_checked(8).ok_or_else(expired)?;
    let expires = i64::from_be_bytes(when.try_into().map_err(|_| expired())?);
    if env.now >= expires {
        return Err(expired());
    }
    Ok((TotpSecret::from_bytes(key.to_vec()).map_err(|_| expired())?, expires))
}

/// **Verify**: the first code from the app. Stores the secret (sealed), makes the backup codes
/// (returned once), ends every other session, audits and mails a notice.
pub async fn confirm_totp(
    env: &Env<'_>,
    me: &Recent<'_>,
    setup: &str,
    code: &str,
    meta: &ClientMeta,
) -> Result<NewCodes, AppError> {
    require_available(env).await?;
    let user = me.user();
    let (secret, _) = open_setup(env, &user.id, setup)?;
    ratelimit::hit(env.db, &format!("totp-setup:user:{}", user.id), SETUP_TRIES, env.now).await?;
    let step = secret.matching_step(code, env.now).ok_or(AppError::InvalidCode)?;
    // The slow part first; then the authenticator, its codes and the end of every other
    // session in one transaction: all of it happens, or none.
    let set = backup::prepare(env.hasher).await?;
    let mut tx = env.db.begin().await?;
    if !totp::enable(&mut tx, env.key, &user.id, &secret, step, env.now).await? {
        return Err(already_on());
    }
    backup::store(&mut tx, &user.id, &set, env.now).await?;
    let ended = sessions::delete_others(&mut *tx, &user.id, me.session_id()).await?;
    tx.commit().await?;
    enabled(env, user, Method::Totp, ended, FactorChange::TotpOn, meta).await?;
    Ok(set.codes)
}

/// **Regenerate codes**: a new set; the old one stops working.
pub async fn regenerate_codes(env: &Env<'_>, me: &Recent<'_>, meta: &ClientMeta) -> Result<NewCodes, AppError> {
    require_available(env).await?;
    let user = me.user();
    if !totp::is_enabled(env.db, &user.id).await? {
        return Err(AppError::conflict("code", k::error_totp_not_on()));
    }
    let codes = backup::regenerate(env.db, env.hasher, &user.id, env.now).await?;
    let what = FactorChange::BackupCodesRenewed;
    changed(env, user, None, AuditEvent::BackupCodesRegenerated, json!({}), what, meta).await?;
    Ok(codes)
}

/// Turning TOTP off needs a current code besides the recent re-authentication.
pub async fn disable_totp(
    env: &Env<'_>,
    me: &Recent<'_>,
    code: (Method, &str),
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let user = me.user();
    if user.two_factor_forced() {
        return Err(AppError::conflict("code", k::error_totp_forced()));
    }
    require_available(env).await?;
    let f = reauth::current_factor(env, me, code, meta).await?;
    if !f.totp {
        return Err(AppError::NotFound);
    }
    totp::disable(env.db, &user.id).await?;
    let what = FactorChange::TotpOff;
    changed(env, user, None, AuditEvent::TwoFactorDisabled, json!({ "method": "totp" }), what, meta).await
}

pub async fn enable_email(env: &Env<'_>, me: &Recent<'_>, meta: &ClientMeta) -> Result<(), AppError> {
    let s = require_available(env).await?;
    let user = me.user();
    if user.email_verified_at.is_none() {
        return Err(AppError::conflict("email", k::error_email_codes_need_verified()));
    }
    if factors::email_on(user, &s) {
        return Ok(());
    }
    let mut tx = env.db.begin().await?;
    users::set_email_two_factor(&mut *tx, &user.id, "on", env.now).await?;
    let ended = sessions::delete_others(&mut *tx, &user.id, me.session_id()).await?;
    tx.commit().await?;
    enabled(env, user, Method::Email, ended, FactorChange::EmailOn, meta).await
}

pub async fn disable_email(
    env: &Env<'_>,
    me: &Recent<'_>,
    code: (Method, &str),
    meta: &ClientMeta,
) -> Result<(), AppError> {
    require_available(env).await?;
    let f = reauth::current_factor(env, me, code, meta).await?;
    if !f.email {
        return Err(AppError::NotFound);
    }
    let user = me.user();
    users::set_email_two_factor(env.db, &user.id, "off", env.now).await?;
    let what = FactorChange::EmailOff;
    changed(env, user, None, AuditEvent::TwoFactorDisabled, json!({ "method": "email" }), what, meta).await
}

// ---- The setup assistant's cookies ---------------------------------------------------------
//
// The assistant works as a sequence of pages (no JavaScript needed): the setup in progress and
// the backup codes to show once ride between those pages in short-lived HttpOnly cookies, sealed
// under the server key (the browser cannot read them; another account or session cannot open
// them), never in an address.

/// How long new backup codes wait for the page that shows them.
pub const NEW_CODES_MS: i64 = 10 * 60_000;

/// The two cookies of the setup assistant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssistantCookie {
    /// The TOTP setup in progress (the sealed `setup` of [`start_totp`]).
    Setup,
    /// Backup codes just made, for the page that shows them once ([`seal_new_codes`]).
    NewCodes,
}

impl AssistantCookie {
    pub fn name(self, secure: bool) -> &'static str {
        match (self, secure) {
            (AssistantCookie::Setup, true) => "__Host-gatehouse_totp_setup",
            (AssistantCookie::Setup, false) => "gatehouse_totp_setup",
            (AssistantCookie::NewCodes, true) => "__Host-gatehouse_new_codes",
            (AssistantCookie::NewCodes, false) => "gatehouse_new_codes",
        }
    }

    /// `Set-Cookie` for `value`: HttpOnly, SameSite=Lax, gone when what it carries expires.
    pub fn set(self, secure: bool, value: &str) -> String {
        let lifetime = match self {
            AssistantCookie::Setup => SETUP_MS,
            AssistantCookie::NewCodes => NEW_CODES_MS,
        };
        platform::request::set_cookie(self.name(secure), value, Some(lifetime / 1000), secure)
    }

    pub fn clear(self, secure: bool) -> String {
        platform::request::set_cookie(self.name(secure), "", Some(0), secure)
    }
}

fn new_codes_context(session_id: &str) -> String {
    format!("gatehouse:new-codes:{session_id}")
}

/// New backup codes sealed for one session, for ten minutes.
pub fn seal_new_codes(env: &Env<'_>, session_id: &str, codes: &NewCodes) -> Result<String, AppError> {
    let mut plain = (env.now + NEW_CODES_MS).to_be_bytes().to_vec();
    plain.extend_from_slice(codes.0.join("\n").as_bytes());
    env.key.seal(&new_codes_context(session_id), &plain).map_err(|_| AppError::Internal)
}

/// The codes [`seal_new_codes`] sealed for this session, if it did and they have not expired.
pub fn open_new_codes(env: &Env<'_>, session_id: &str, sealed: &str) -> Option<Vec<String>> {
    let raw = env.key.open(&new_codes_context(session_id), sealed).ok()?;
    let (when, codes) = raw.split_at_checked(8)?;
    if env.now >= i64::from_be_bytes(when.try_into().ok()?) {
        return None;
    }
    Some(std::str::from_utf8(codes).ok()?.split('\n').map(str::to_owned).collect())
}

// ---- Audit and notice ----------------------------------------------------------------------

/// A factor was turned on (and `ended` other sessions with it): the audit entry and the notice.
async fn enabled(
    env: &Env<'_>,
    user: &UserRow,
    method: Method,
    ended: u64,
    what: FactorChange,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let detail = json!({ "method": method.as_str(), "other_sessions_ended": ended });
    changed(env, user, None, AuditEvent::TwoFactorEnabled, detail, what, meta).await
}

/// Every change of factors, by the owner or an administrator (`actor`): an audit entry and a
/// notice to the account's address.
pub async fn changed(
    env: &Env<'_>,
    user: &UserRow,
    actor: Option<&str>,
    event: AuditEvent,
    detail: serde_json::Value,
    what: FactorChange,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    env.audit(&user.id, actor, event, detail, meta).await?;
    let lang = notices::language_of(env, &user.id).await?;
    let when = notices::Occasion::by(actor, env.now, meta);
    let security = env.link("/account/security");
    env.mail(&notices::two_factor_changed(lang, &user.email, &user.name, &when, what, &security)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestEnv;
    use platform::db::testing;

    #[tokio::test]
    async fn new_codes_open_for_their_session_only_and_only_for_ten_minutes() {
        let t = testing::sqlite().await;
        let te = TestEnv::new(&t.db);
        let codes = NewCodes(vec!["abcd-efgh".into(), "ijkl-mnop".into()]);
        let sealed = seal_new_codes(&te.at(1_000), "session-a", &codes).unwrap();
        assert!(!sealed.contains("abcd"), "sealed, not readable");
        assert_eq!(open_new_codes(&te.at(2_000), "session-a", &sealed), Some(codes.0.clone()));
        assert_eq!(open_new_codes(&te.at(2_000), "session-b", &sealed), None, "another session");
        assert_eq!(open_new_codes(&te.at(1_000 + NEW_CODES_MS), "session-a", &sealed), None, "expired");
        let mut tampered = sealed.clone();
        tampered.replace_range(20..21, if &sealed[20..21] == "A" { "B" } else { "A" });
        assert_eq!(open_new_codes(&te.at(2_000), "session-a", &tampered), None, "changed");
        t.close().await;
    }

    #[test]
    fn the_assistant_cookies_are_host_only_http_only_and_short_lived() {
        let set = AssistantCookie::Setup.set(true, "sealed");
        assert!(set.starts_with("__Host-gatehouse_totp_setup=sealed; Path=/; Max-Age=900; HttpOnly"), "{set}");
        assert!(set.ends_with("; Secure"), "{set}");
        let set = AssistantCookie::NewCodes.set(true, "sealed");
        assert!(set.starts_with("__Host-gatehouse_new_codes=sealed; Path=/; Max-Age=600; HttpOnly"), "{set}");
        assert!(AssistantCookie::NewCodes.clear(false).contains("Max-Age=0"));
    }
}
