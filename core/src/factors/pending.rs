//! Password sign-ins waiting for their second factor. The browser holds a 256-bit token in an
//! HttpOnly cookie; the server keeps its SHA-256, the account and a count of tries. Gone after
//! 5 minutes, after the last allowed try, or when it becomes a session.

use std::fmt;

use platform::{
    crypto::{new_id, random_token, token_digest},
    db::Db,
    request::ClientMeta,
};
use wire::error::AppError;

pub const LIFETIME_MS: i64 = 5 * 60_000;
/// Codes tried per pending sign-in.
pub const MAX_TRIES: i64 = 5;

pub struct PendingToken(String);

impl PendingToken {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PendingToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PendingToken([redacted])")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Pending {
    pub id: String,
    pub user_id: String,
}

impl Pending {
    /// What an email code for this sign-in is bound to.
    pub fn binding(&self) -> String {
        format!("signin:{}", self.id)
    }
}

pub async fn start(db: &Db, user_id: &str, meta: &ClientMeta, now: i64) -> Result<(Pending, PendingToken), AppError> {
    let token = PendingToken(random_token(32));
    let id = new_id();
    sqlx::query(
        "INSERT INTO pending_sign_ins (id, user_id, token_hash, attempts, created_at, expires_at, ip, user_agent) \
         VALUES ($1, $2, $3, 0, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(user_id)
    .bind(token_digest(token.expose()))
    .bind(now)
    .bind(now + LIFETIME_MS)
    .bind(&meta.ip)
    .bind(&meta.user_agent)
    .execute(db)
    .await?;
    Ok((Pending { id, user_id: user_id.to_owned() }, token))
}

/// The live pending sign-in for a cookie token.
pub async fn find(db: &Db, token: &str, now: i64) -> Result<Option<Pending>, AppError> {
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    Ok(sqlx::query_as(
        "SELECT id, user_id FROM pending_sign_ins WHERE token_hash = $1 AND expires_at > $2 AND attempts < $3",
    )
    .bind(token_digest(token))
    .bind(now)
    .bind(MAX_TRIES)
    .fetch_optional(db)
    .await?)
}

/// Counts a try before its check; `SignInExpired` when none is left (or it is gone).
pub async fn count_try(db: &Db, id: &str, now: i64) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE pending_sign_ins SET attempts = attempts + 1 WHERE id = $1 AND expires_at > $2 AND attempts < $3",
    )
    .bind(id)
    .bind(now)
    .bind(MAX_TRIES)
    .execute(db)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        end(db, id).await?;
        Err(AppError::SignInExpired)
    }
}

/// Ends the pending sign-in; true for the one caller that ended it.
pub async fn end(db: &Db, id: &str) -> Result<bool, AppError> {
    let done = sqlx::query("DELETE FROM pending_sign_ins WHERE id = $1").bind(id).execute(db).await?;
    Ok(done.rows_affected() == 1)
}

/// Ends every pending sign-in of the account (its password or factors changed).
pub async fn end_all(db: &Db, user_id: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM pending_sign_ins WHERE user_id = $1").bind(user_id).execute(db).await?;
    Ok(())
}

pub(crate) const PURGE: &str = "DELETE FROM pending_sign_ins WHERE expires_at <= $1";

pub async fn purge(db: &Db, now: i64) -> Result<u64, AppError> {
    Ok(sqlx::query(PURGE).bind(now).execute(db).await?.rows_affected())
}

/// The cookie that carries the token: HttpOnly, SameSite=Lax, five minutes.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-gatehouse_pending"
    } else {
        "gatehouse_pending"
    }
}

pub fn set_cookie(secure: bool, token: &PendingToken) -> String {
    platform::request::set_cookie(cookie_name(secure), token.expose(), Some(LIFETIME_MS / 1000), secure)
}

pub fn clear_cookie(secure: bool) -> String {
    platform::request::set_cookie(cookie_name(secure), "", Some(0), secure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::db::testing;

    #[tokio::test]
    async fn a_pending_sign_in_expires_runs_out_of_tries_and_ends_once() {
        let meta = ClientMeta::new("192.0.2.1", "t");
        for t in testing::all().await {
            let db = &t.db;
            crate::accounts::repo::insert(db, &crate::accounts::repo::test_row("u1", "ada", "a@example.test"))
                .await
                .unwrap();
            let (p, token) = start(db, "u1", &meta, 1_000).await.unwrap();
            let (stored,): (String,) =
                sqlx::query_as("SELECT token_hash FROM pending_sign_ins").fetch_one(db).await.unwrap();
            assert_ne!(stored, token.expose());
            assert_eq!(find(db, token.expose(), 1_001).await.unwrap(), Some(p.clone()));
            assert_eq!(find(db, token.expose(), 1_000 + LIFETIME_MS).await.unwrap(), None, "expired");
            for _ in 0..MAX_TRIES {
                count_try(db, &p.id, 1_002).await.unwrap();
            }
            assert_eq!(count_try(db, &p.id, 1_003).await, Err(AppError::SignInExpired), "{:?}", t.backend);
            assert_eq!(find(db, token.expose(), 1_003).await.unwrap(), None);

            let (q, _) = start(db, "u1", &meta, 2_000).await.unwrap();
            assert!(end(db, &q.id).await.unwrap());
            assert!(!end(db, &q.id).await.unwrap(), "one winner");
            assert_eq!(format!("{token:?}"), "PendingToken([redacted])");
            assert_eq!(
                set_cookie(true, &token),
                format!(
                    "__Host-gatehouse_pending={}; Path=/; Max-Age=300; HttpOnly; SameSite=Lax; Secure",
                    token.expose()
                )
            );
            t.close().await;
        }
    }
}
