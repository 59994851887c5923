//! Server-side sessions: the cookie holds a random 256-bit token; the database holds its
//! SHA-256, the account, the client and the times that end it. Starting, resolving, listing
//! and ending them.

pub mod repo;

use std::fmt;

use platform::{
    audit::AuditEvent,
    crypto::{new_id, random_token, token_digest},
    db::Db,
    request::ClientMeta,
    Env,
};
use serde_json::json;
use wire::{error::AppError, session::SessionView};

use crate::accounts::UserRow;
use repo::{NewSessionRow, SessionRow};
use wire::user_agent::describe_user_agent;

/// `last_seen_at` is written at most this often per session, not on every request.
pub const TOUCH_EVERY_MS: i64 = 60_000;

/// The cookie's token: 256 random bits. Sent to the browser once, in `Set-Cookie`; stored
/// only as its SHA-256.
pub struct SessionToken(String);

impl SessionToken {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken([redacted])")
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub idle_ms: i64,
    pub lifetime_ms: i64,
}

#[derive(Debug)]
pub struct Issued {
    pub id: String,
    pub token: SessionToken,
}

/// Whether a session is still valid at `now`.
pub fn is_live(s: &SessionRow, now: i64, t: Timeouts) -> bool {
    now < s.expires_at && now - s.last_seen_at < t.idle_ms
}

pub async fn start(db: &Db, t: Timeouts, user_id: &str, meta: &ClientMeta, now: i64) -> Result<Issued, AppError> {
    let token = SessionToken(random_token(32));
    let id = new_id();
    repo::insert(
        db,
        NewSessionRow {
            id: &id,
            user_id,
            token_hash: &token_digest(token.expose()),
            now,
            expires_at: now + t.lifetime_ms,
            ip: &meta.ip,
            user_agent: &meta.user_agent,
        },
    )
    .await?;
    Ok(Issued { id, token })
}

/// Where a session's token is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// In the browser's HttpOnly cookie: the pages and their server functions.
    Browser,
    /// From `POST /api/v1/auth/login`, as a bearer token: the REST API.
    Api,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Browser => "browser",
            Kind::Api => "api",
        }
    }
}

/// The live browser session for a cookie token and its account, or None. Dead sessions are
/// deleted on sight.
pub async fn resolve(
    db: &Db,
    t: Timeouts,
    token: &str,
    meta: &ClientMeta,
    now: i64,
) -> Result<Option<(SessionRow, UserRow)>, AppError> {
    resolve_as(db, t, token, Kind::Browser, meta, now).await
}

/// The live session of `kind` for a token and its account, or None: a token of the other kind
/// is no session here.
pub async fn resolve_as(
    db: &Db,
    t: Timeouts,
    token: &str,
    kind: Kind,
    meta: &ClientMeta,
    now: i64,
) -> Result<Option<(SessionRow, UserRow)>, AppError> {
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    let Some((session, user)) = repo::find_by_token_hash(db, &token_digest(token), kind.as_str()).await? else {
        return Ok(None);
    };
    if !is_live(&session, now, t) || !user.is_active() {
        repo::delete(db, &session.id).await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= TOUCH_EVERY_MS || session.ip != meta.ip {
        repo::touch(db, &session.id, now, &meta.ip).await?;
    }
    Ok(Some((session, user)))
}

pub async fn end(db: &Db, session_id: &str) -> Result<(), AppError> {
    repo::delete(db, session_id).await?;
    Ok(())
}

/// The account's sessions for the Security page; `current_id` is marked as this device.
pub async fn list(db: &Db, user_id: &str, current_id: Option<&str>) -> Result<Vec<SessionView>, AppError> {
    let rows = repo::for_user(db, user_id).await?;
    Ok(rows
        .into_iter()
        .map(|s| {
            let (browser, os) = describe_user_agent(&s.user_agent);
            SessionView {
                current: Some(s.id.as_str()) == current_id,
                id: s.id,
                browser,
                os,
                ip: s.ip,
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
            }
        })
        .collect())
}

/// Ends one session of the account; another account's session id is `NotFound`.
pub async fn revoke(env: &Env<'_>, user_id: &str, session_id: &str, meta: &ClientMeta) -> Result<(), AppError> {
    if !repo::delete_owned(env.db, user_id, session_id).await? {
        return Err(AppError::NotFound);
    }
    env.audit(user_id, None, AuditEvent::SessionRevoked, json!({}), meta).await
}

/// Ends every session of the account but `keep`.
pub async fn revoke_others(env: &Env<'_>, user_id: &str, keep: &str, meta: &ClientMeta) -> Result<u64, AppError> {
    let ended = repo::delete_others(env.db, user_id, keep).await?;
    env.audit(user_id, None, AuditEvent::OtherSessionsRevoked, json!({ "ended": ended }), meta).await?;
    Ok(ended)
}

/// The cookie's name: `__Host-` prefixed when Secure, so no subdomain can set or scope it.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-gatehouse_session"
    } else {
        "gatehouse_session"
    }
}

/// `Set-Cookie` value for a new session: HttpOnly, SameSite=Lax, Secure unless turned off for
/// plain-http development. A browser-session cookie; the server enforces both timeouts.
pub fn set_cookie(secure: bool, token: &SessionToken) -> String {
    platform::request::set_cookie(cookie_name(secure), token.expose(), None, secure)
}

pub fn clear_cookie(secure: bool) -> String {
    platform::request::set_cookie(cookie_name(secure), "", Some(0), secure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::db::testing;

    const T: Timeouts = Timeouts { idle_ms: 30 * 60_000, lifetime_ms: 12 * 3_600_000 };

    fn user(id: &str) -> UserRow {
        crate::accounts::repo::test_row(id, id, &format!("{id}@example.com"))
    }

    #[test]
    fn liveness_follows_idle_and_absolute_timeouts() {
        let s = SessionRow {
            id: "s".into(),
            user_id: "u".into(),
            created_at: 0,
            last_seen_at: 0,
            expires_at: T.lifetime_ms,
            ip: String::new(),
            user_agent: String::new(),
        };
        assert!(is_live(&s, 0, T));
        assert!(is_live(&s, T.idle_ms - 1, T));
        assert!(!is_live(&s, T.idle_ms, T));
        let active = SessionRow { last_seen_at: T.lifetime_ms - 1, ..s };
        assert!(is_live(&active, T.lifetime_ms - 1, T));
        assert!(!is_live(&active, T.lifetime_ms, T), "activity never extends past the absolute end");
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_by_default() {
        let token = SessionToken("abc".into());
        assert_eq!(set_cookie(true, &token), "__Host-gatehouse_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure");
        assert_eq!(set_cookie(false, &token), "gatehouse_session=abc; Path=/; HttpOnly; SameSite=Lax");
        assert!(clear_cookie(true).contains("Max-Age=0"));
        assert_eq!(format!("{token:?}"), "SessionToken([redacted])");
    }

    #[tokio::test]
    async fn sessions_resolve_expire_and_end_on_both_databases() {
        let meta = ClientMeta::new("192.0.2.1", "test");
        for t in testing::all().await {
            let db = &t.db;
            let p = platform::env::for_tests(db);
            crate::accounts::repo::insert(db, &user("u1")).await.unwrap();
            let a = start(db, T, "u1", &meta, 1_000).await.unwrap();
            let b = start(db, T, "u1", &meta, 1_000).await.unwrap();
            assert_ne!(a.token.expose(), b.token.expose());

            // The database holds only digests.
            let stored: Vec<(String,)> = sqlx::query_as("SELECT token_hash FROM sessions").fetch_all(db).await.unwrap();
            assert!(stored.iter().all(|(h,)| h != a.token.expose() && h.len() == 64));

            let (cur, account) = resolve(db, T, a.token.expose(), &meta, 2_000).await.unwrap().unwrap();
            assert_eq!((cur.id.as_str(), account.id.as_str()), (a.id.as_str(), "u1"));
            assert!(resolve(db, T, "not-a-token", &meta, 2_000).await.unwrap().is_none());

            // Activity keeps it alive; a long silence ends it.
            let later = 1_000 + T.idle_ms - 1;
            assert!(resolve(db, T, a.token.expose(), &meta, later).await.unwrap().is_some());
            assert!(resolve(db, T, a.token.expose(), &meta, later + T.idle_ms).await.unwrap().is_none());
            assert!(resolve(db, T, a.token.expose(), &meta, later).await.unwrap().is_none(), "deleted on sight");

            end(db, &b.id).await.unwrap();
            assert!(resolve(db, T, b.token.expose(), &meta, 2_000).await.unwrap().is_none());

            // The list marks this device; revoking is limited to the owner's sessions.
            let d = start(db, T, "u1", &meta, 2_500).await.unwrap();
            let e = start(db, T, "u1", &meta, 2_500).await.unwrap();
            crate::accounts::repo::insert(db, &user("u2")).await.unwrap();
            let other = start(db, T, "u2", &meta, 2_500).await.unwrap();
            let listed = list(db, "u1", Some(&d.id)).await.unwrap();
            assert_eq!(
                listed.iter().filter(|s| s.current).map(|s| s.id.as_str()).collect::<Vec<_>>(),
                vec![d.id.as_str()]
            );
            assert_eq!(revoke(&p.env_at(2_600), "u1", &other.id, &meta).await, Err(AppError::NotFound));
            assert!(resolve(db, T, other.token.expose(), &meta, 2_600).await.unwrap().is_some(), "untouched");
            assert_eq!(
                revoke_others(&p.env_at(2_600), "u1", &d.id, &meta).await.unwrap(),
                1,
                "e ends (a and b are already gone)"
            );
            assert!(resolve(db, T, e.token.expose(), &meta, 2_600).await.unwrap().is_none());
            assert!(resolve(db, T, d.token.expose(), &meta, 2_600).await.unwrap().is_some());
            revoke(&p.env_at(2_700), "u1", &d.id, &meta).await.unwrap();
            assert!(list(db, "u1", Some(&d.id)).await.unwrap().is_empty());

            // A disabled account's sessions stop working.
            let c = start(db, T, "u1", &meta, 3_000).await.unwrap();
            sqlx::query("UPDATE users SET disabled_at = 1 WHERE id = 'u1'").execute(db).await.unwrap();
            assert!(resolve(db, T, c.token.expose(), &meta, 3_001).await.unwrap().is_none());
            t.close().await;
        }
    }
}
