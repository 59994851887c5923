//! Single-use links sent by mail: verify an address, confirm a new address, reset a password.
//!
//! A link's token has 256 random bits and is stored only as its SHA-256. Using a link deletes
//! its row in the statement that reads it (`DELETE … RETURNING`), so of any number of parallel
//! uses exactly one succeeds. A newer link of the same purpose voids the older ones.

use std::fmt;

use super::{
    crypto::{new_id, random_token, token_digest},
    db::Db,
};
use wire::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ChangeEmail,
    ResetPassword,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ChangeEmail => "change_email",
            Purpose::ResetPassword => "reset_password",
        }
    }

    /// How long a link stays valid.
    pub fn lifetime_ms(self) -> i64 {
        match self {
            Purpose::VerifyEmail | Purpose::ChangeEmail => 24 * 3_600_000,
            Purpose::ResetPassword => 3_600_000,
        }
    }
}

/// The token of a new link: goes into one mail, never into a log.
pub struct LinkToken(String);

impl LinkToken {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for LinkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LinkToken([redacted])")
    }
}

/// What a valid link stands for.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Link {
    pub user_id: String,
    /// The address the link was sent to.
    pub email: String,
    pub expires_at: i64,
}

/// Tokens longer than this are not even looked up.
const MAX_TOKEN_LEN: usize = 128;

/// Makes a new link for `user_id`, voiding the user's older links of the same purpose.
pub async fn issue(db: &Db, user_id: &str, purpose: Purpose, email: &str, now: i64) -> Result<LinkToken, AppError> {
    void(db, user_id, purpose).await?;
    let token = LinkToken(random_token(32));
    sqlx::query(
        "INSERT INTO one_time_tokens (id, user_id, purpose, token_hash, email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(token_digest(token.expose()))
    .bind(email)
    .bind(now)
    .bind(now + purpose.lifetime_ms())
    .execute(db)
    .await?;
    Ok(token)
}

/// The link for `token` if it is valid at `now`, without using it up.
pub async fn peek(db: &Db, purpose: Purpose, token: &str, now: i64) -> Result<Option<Link>, AppError> {
    if token.is_empty() || token.len() > MAX_TOKEN_LEN {
        return Ok(None);
    }
    let link: Option<Link> = sqlx::query_as(
        "SELECT user_id, email, expires_at FROM one_time_tokens \
         WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3",
    )
    .bind(token_digest(token))
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(link)
}

/// Uses the link up: Some for exactly one caller while it is valid, None for every other.
pub async fn consume(db: &Db, purpose: Purpose, token: &str, now: i64) -> Result<Option<Link>, AppError> {
    if token.is_empty() || token.len() > MAX_TOKEN_LEN {
        return Ok(None);
    }
    let link: Option<Link> = sqlx::query_as(
        "DELETE FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2 \
         RETURNING user_id, email, expires_at",
    )
    .bind(token_digest(token))
    .bind(purpose.as_str())
    .fetch_optional(db)
    .await?;
    Ok(link.filter(|l| l.expires_at > now))
}

/// Voids every link of `purpose` the user has; returns how many there were.
pub async fn void(db: &Db, user_id: &str, purpose: Purpose) -> Result<u64, AppError> {
    let done = sqlx::query("DELETE FROM one_time_tokens WHERE user_id = $1 AND purpose = $2")
        .bind(user_id)
        .bind(purpose.as_str())
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// The address of the user's pending change, if one is waiting for its link.
pub async fn pending_email(db: &Db, user_id: &str, now: i64) -> Result<Option<String>, AppError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT email FROM one_time_tokens WHERE user_id = $1 AND purpose = $2 AND expires_at > $3 \
         ORDER BY created_at DESC LIMIT 1",
    )
    .bind(user_id)
    .bind(Purpose::ChangeEmail.as_str())
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(e,)| e))
}

pub const PURGE: &str = "DELETE FROM one_time_tokens WHERE expires_at <= $1";

/// Drops expired links.
pub async fn purge(db: &Db, now: i64) -> Result<u64, AppError> {
    let done = sqlx::query(PURGE).bind(now).execute(db).await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing;

    #[tokio::test]
    async fn a_link_works_once_until_it_expires_and_a_newer_one_voids_it() {
        for t in testing::all().await {
            let db = &t.db;
            testing::insert_user(db, "u1", "ada@example.test").await;
            let first = issue(db, "u1", Purpose::ResetPassword, "ada@example.test", 1_000).await.unwrap();
            assert_eq!(first.expose().len(), 43, "256 bits");
            assert!(format!("{first:?}").contains("redacted"));
            let second = issue(db, "u1", Purpose::ResetPassword, "ada@example.test", 2_000).await.unwrap();
            assert_eq!(peek(db, Purpose::ResetPassword, first.expose(), 2_000).await.unwrap(), None, "voided");

            let seen = peek(db, Purpose::ResetPassword, second.expose(), 2_000).await.unwrap().unwrap();
            assert_eq!(seen.user_id, "u1");
            assert_eq!(peek(db, Purpose::VerifyEmail, second.expose(), 2_000).await.unwrap(), None, "other purpose");
            assert_eq!(consume(db, Purpose::VerifyEmail, second.expose(), 2_000).await.unwrap(), None);
            assert!(consume(db, Purpose::ResetPassword, second.expose(), 2_000).await.unwrap().is_some());
            assert_eq!(consume(db, Purpose::ResetPassword, second.expose(), 2_000).await.unwrap(), None, "once");

            let late = issue(db, "u1", Purpose::ResetPassword, "ada@example.test", 0).await.unwrap();
            let expiry = Purpose::ResetPassword.lifetime_ms();
            assert_eq!(peek(db, Purpose::ResetPassword, late.expose(), expiry).await.unwrap(), None);
            assert_eq!(consume(db, Purpose::ResetPassword, late.expose(), expiry).await.unwrap(), None);
            assert_eq!(peek(db, Purpose::ResetPassword, "", 0).await.unwrap(), None);
            assert_eq!(consume(db, Purpose::ResetPassword, &"x".repeat(500), 0).await.unwrap(), None);

            // Only digests are stored.
            let stored: Vec<(String,)> =
                sqlx::query_as("SELECT token_hash FROM one_time_tokens").fetch_all(db).await.unwrap();
            assert!(stored.iter().all(|(h,)| h.len() == 64 && h != late.expose()));
            t.close().await;
        }
    }

    #[tokio::test]
    async fn parallel_uses_of_one_link_succeed_exactly_once() {
        for t in testing::all().await {
            testing::insert_user(&t.db, "u1", "ada@example.test").await;
            let token = issue(&t.db, "u1", Purpose::ResetPassword, "ada@example.test", 0).await.unwrap();
            let tasks: Vec<_> = (0..20)
                .map(|_| {
                    let (db, token) = (t.db.clone(), token.expose().to_owned());
                    tokio::spawn(
                        async move { consume(&db, Purpose::ResetPassword, &token, 1).await.unwrap().is_some() },
                    )
                })
                .collect();
            let mut won = 0;
            for task in tasks {
                won += usize::from(task.await.unwrap());
            }
            assert_eq!(won, 1, "{:?}", t.backend);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn pending_change_and_purge() {
        for t in testing::all().await {
            testing::insert_user(&t.db, "u1", "ada@example.test").await;
            assert_eq!(pending_email(&t.db, "u1", 0).await.unwrap(), None);
            issue(&t.db, "u1", Purpose::ChangeEmail, "new@example.test", 0).await.unwrap();
            assert_eq!(pending_email(&t.db, "u1", 1).await.unwrap().as_deref(), Some("new@example.test"));
            assert_eq!(purge(&t.db, Purpose::ChangeEmail.lifetime_ms()).await.unwrap(), 1);
            assert_eq!(pending_email(&t.db, "u1", 1).await.unwrap(), None);
            t.close().await;
        }
    }
}
