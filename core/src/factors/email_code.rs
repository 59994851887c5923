//! Six-digit codes sent by mail. One live code per sign-in attempt or session that asked for
//! it (`bound_to`); valid for 10 minutes, at most 5 tries, used once. Stored as an HMAC under
//! the server key: a copy of the database alone cannot recover a code.

use rand::{rngs::OsRng, Rng};

use platform::{crypto::SecretKey, db::Db};
use wire::error::AppError;

pub const LIFETIME_MS: i64 = 10 * 60_000;
pub const MAX_TRIES: i64 = 5;

/// A new code: goes into one mail, never into a log.
pub struct EmailCode(String);

impl EmailCode {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for EmailCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EmailCode([redacted])")
    }
}

fn digest(key: &SecretKey, bound_to: &str, code: &str) -> Result<String, AppError> {
    key.mac(&format!("gatehouse:email-code:{bound_to}"), code.as_bytes()).map_err(|_| AppError::Internal)
}

/// Makes the code for `bound_to`, replacing an earlier one (which stops working).
pub async fn issue(db: &Db, key: &SecretKey, user_id: &str, bound_to: &str, now: i64) -> Result<EmailCode, AppError> {
    let code = format!("{:06}", OsRng.gen_range(0..1_000_000u32));
    sqlx::query(
        "INSERT INTO email_codes (bound_to, user_id, code_hash, attempts, created_at, expires_at) \
         VALUES ($1, $2, $3, 0, $4, $5) \
         ON CONFLICT (bound_to) DO UPDATE SET user_id = excluded.user_id, code_hash = excluded.code_hash, \
           attempts = 0, created_at = excluded.created_at, expires_at = excluded.expires_at",
    )
    .bind(bound_to)
    .bind(user_id)
    .bind(digest(key, bound_to, &code)?)
    .bind(now)
    .bind(now + LIFETIME_MS)
    .execute(db)
    .await?;
    Ok(EmailCode(code))
}

/// Whether `code` is the live code for `bound_to`. The try is counted before the comparison
/// (one `UPDATE … RETURNING`); a right code is used up by a `DELETE` only one caller can win.
pub async fn check(
    db: &Db,
    key: &SecretKey,
    user_id: &str,
    bound_to: &str,
    code: &str,
    now: i64,
) -> Result<bool, AppError> {
    let row: Option<(String,)> = sqlx::query_as(
        "UPDATE email_codes SET attempts = attempts + 1 \
         WHERE bound_to = $1 AND user_id = $2 AND expires_at > $3 AND attempts < $4 RETURNING code_hash",
    )
    .bind(bound_to)
    .bind(user_id)
    .bind(now)
    .bind(MAX_TRIES)
    .fetch_optional(db)
    .await?;
    let Some((stored,)) = row else { return Ok(false) };
    let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let expected = digest(key, bound_to, &typed)?;
    if !platform::crypto::constant_time_eq(stored.as_bytes(), expected.as_bytes()) {
        return Ok(false);
    }
    let done = sqlx::query("DELETE FROM email_codes WHERE bound_to = $1 AND code_hash = $2")
        .bind(bound_to)
        .bind(stored)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub(crate) const PURGE: &str = "DELETE FROM email_codes WHERE expires_at <= $1";

pub async fn purge(db: &Db, now: i64) -> Result<u64, AppError> {
    Ok(sqlx::query(PURGE).bind(now).execute(db).await?.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::db::testing;

    #[tokio::test]
    async fn codes_are_bound_single_use_limited_and_expire() {
        let key = SecretKey::generate();
        for t in testing::all().await {
            let db = &t.db;
            crate::accounts::repo::insert(db, &crate::accounts::repo::test_row("u1", "ada", "a@example.test"))
                .await
                .unwrap();
            let code = issue(db, &key, "u1", "signin:a", 1_000).await.unwrap();
            assert_eq!(code.expose().len(), 6);
            let (stored,): (String,) = sqlx::query_as("SELECT code_hash FROM email_codes").fetch_one(db).await.unwrap();
            assert!(!stored.contains(code.expose()));

            assert!(!check(db, &key, "u1", "signin:b", code.expose(), 1_001).await.unwrap(), "bound to its attempt");
            assert!(check(db, &key, "u1", "signin:a", code.expose(), 1_001).await.unwrap());
            assert!(!check(db, &key, "u1", "signin:a", code.expose(), 1_002).await.unwrap(), "{:?}: once", t.backend);

            // Five tries, then even the right code is refused.
            let code = issue(db, &key, "u1", "signin:a", 2_000).await.unwrap();
            let wrong = if code.expose() == "000000" { "000001" } else { "000000" };
            for _ in 0..MAX_TRIES {
                assert!(!check(db, &key, "u1", "signin:a", wrong, 2_001).await.unwrap());
            }
            assert!(!check(db, &key, "u1", "signin:a", code.expose(), 2_002).await.unwrap());

            // A new code replaces the old one and resets the tries; codes expire.
            let old = issue(db, &key, "u1", "signin:a", 3_000).await.unwrap();
            let new = issue(db, &key, "u1", "signin:a", 3_000).await.unwrap();
            if old.expose() != new.expose() {
                assert!(!check(db, &key, "u1", "signin:a", old.expose(), 3_001).await.unwrap());
            }
            assert!(!check(db, &key, "u1", "signin:a", new.expose(), 3_000 + LIFETIME_MS).await.unwrap());
            assert_eq!(purge(db, 3_000 + LIFETIME_MS).await.unwrap(), 1);
            t.close().await;
        }
    }
}
