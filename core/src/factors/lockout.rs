//! Wrong second-factor codes, counted in the database (shared by every sign-in attempt and
//! every instance). Each try is counted before its check, in two scopes:
//!
//! - the account *and the client's address*: [`MAX_FAILURES`] tries, then a lock that doubles
//!   at each lockout, up to a day. Someone who holds the password (or a token) and guesses
//!   codes locks out only their own address; the owner's sign-in from elsewhere still works.
//! - the account as a whole: [`MAX_ACCOUNT_FAILURES`] consecutive failures from any number of
//!   addresses (NIST SP 800-63B's bound), then the same doubling lock. At 3 accepted TOTP
//!   codes in a million per guess, that bounds a distributed guesser to about one chance in
//!   3,300 per lock period.
//!
//! A right code clears the count of its own address and the account's consecutive count.

use platform::db::Db;
use wire::error::AppError;

/// Tries allowed from one address before it is locked out of the account's second step.
pub const MAX_FAILURES: i64 = 10;
/// Consecutive failures allowed from all addresses together.
pub const MAX_ACCOUNT_FAILURES: i64 = 100;
/// The first lockout; each next one doubles, up to a day.
pub const FIRST_LOCK_MS: i64 = 5 * 60_000;
const LONGEST_LOCK_MS: i64 = 24 * 3_600_000;
const ACCOUNT: &str = "account";

fn retry_after(ms: i64) -> AppError {
    AppError::RateLimited { retry_after: (ms.max(1_000) as u64).div_ceil(1_000) }
}

fn ip_scope(ip: &str) -> String {
    // Addresses are short; a bound all the same, as for every key a request shapes.
    format!("ip:{}", &ip[..ip.len().min(64)])
}

/// Counts one try from `ip`. `Err(RateLimited)` while that address or the account is locked,
/// and for the try that goes over a limit (which starts the lock).
pub async fn count_try(db: &Db, user_id: &str, ip: &str, now: i64) -> Result<(), AppError> {
    count_in(db, user_id, &ip_scope(ip), MAX_FAILURES, now).await?;
    count_in(db, user_id, ACCOUNT, MAX_ACCOUNT_FAILURES, now).await
}

async fn count_in(db: &Db, user_id: &str, scope: &str, max: i64, now: i64) -> Result<(), AppError> {
    let (failures, lockouts, locked_until): (i64, i64, i64) = sqlx::query_as(
        "INSERT INTO two_factor_failures (user_id, scope, failures, lockouts, locked_until) VALUES ($1, $2, 1, 0, 0) \
         ON CONFLICT (user_id, scope) DO UPDATE SET failures = CASE WHEN two_factor_failures.locked_until > $3 \
           THEN two_factor_failures.failures ELSE two_factor_failures.failures + 1 END \
         RETURNING failures, lockouts, locked_until",
    )
    .bind(user_id)
    .bind(scope)
    .bind(now)
    .fetch_one(db)
    .await?;
    if locked_until > now {
        return Err(retry_after(locked_until - now));
    }
    if failures > max {
        let lock_ms = FIRST_LOCK_MS.saturating_mul(1 << lockouts.clamp(0, 10)).min(LONGEST_LOCK_MS);
        // Only the first try over the limit starts the lock.
        sqlx::query(
            "UPDATE two_factor_failures SET failures = 0, lockouts = lockouts + 1, locked_until = $3 \
             WHERE user_id = $1 AND scope = $2 AND failures > $4",
        )
        .bind(user_id)
        .bind(scope)
        .bind(now + lock_ms)
        .bind(max)
        .execute(db)
        .await?;
        return Err(retry_after(lock_ms));
    }
    Ok(())
}

/// A right code from `ip`: that address's count and the account's consecutive count start
/// again (other addresses keep theirs).
pub async fn clear(db: &Db, user_id: &str, ip: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE two_factor_failures SET failures = 0, lockouts = 0 WHERE user_id = $1 AND scope IN ($2, $3)")
        .bind(user_id)
        .bind(ACCOUNT)
        .bind(ip_scope(ip))
        .execute(db)
        .await?;
    Ok(())
}

/// Every count and lock of the account gone (an administrator reset its two-factor settings).
pub async fn clear_all(db: &Db, user_id: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM two_factor_failures WHERE user_id = $1").bind(user_id).execute(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::db::testing;

    const IP: &str = "192.0.2.1";

    #[tokio::test]
    async fn tries_lock_the_account_for_longer_each_time() {
        for t in testing::all().await {
            let db = &t.db;
            crate::accounts::repo::insert(db, &crate::accounts::repo::test_row("u1", "ada", "a@example.test"))
                .await
                .unwrap();
            for _ in 0..MAX_FAILURES {
                count_try(db, "u1", IP, 1_000).await.unwrap();
            }
            assert_eq!(count_try(db, "u1", IP, 1_000).await, Err(AppError::RateLimited { retry_after: 300 }));
            assert!(count_try(db, "u1", IP, 1_000 + FIRST_LOCK_MS - 1).await.is_err(), "still locked");
            // After the lock, a fresh count; the next lock is twice as long.
            let later = 1_000 + FIRST_LOCK_MS;
            for _ in 0..MAX_FAILURES {
                count_try(db, "u1", IP, later).await.unwrap();
            }
            assert_eq!(count_try(db, "u1", IP, later).await, Err(AppError::RateLimited { retry_after: 600 }));
            // A right code (after the lock) clears the count and the growth.
            let after = later + 2 * FIRST_LOCK_MS;
            count_try(db, "u1", IP, after).await.unwrap();
            clear(db, "u1", IP).await.unwrap();
            for _ in 0..MAX_FAILURES {
                count_try(db, "u1", IP, after).await.unwrap();
            }
            assert_eq!(count_try(db, "u1", IP, after).await, Err(AppError::RateLimited { retry_after: 300 }));
            t.close().await;
        }
    }

    #[tokio::test]
    async fn parallel_tries_cannot_exceed_the_limit() {
        for t in testing::all().await {
            crate::accounts::repo::insert(&t.db, &crate::accounts::repo::test_row("u1", "ada", "a@example.test"))
                .await
                .unwrap();
            let tasks: Vec<_> = (0..30)
                .map(|_| {
                    let db = t.db.clone();
                    tokio::spawn(async move { count_try(&db, "u1", IP, 5_000).await.is_ok() })
                })
                .collect();
            let mut allowed = 0;
            for task in tasks {
                allowed += i64::from(task.await.unwrap());
            }
            assert_eq!(allowed, MAX_FAILURES, "{:?}", t.backend);
            t.close().await;
        }
    }

    /// Someone with the password guessing codes from their address locks that address only;
    /// the owner's tries from another address go on. Many addresses together meet the
    /// account's bound.
    #[tokio::test]
    async fn a_lock_belongs_to_the_address_that_earned_it_until_the_account_bound() {
        for t in testing::all().await {
            let db = &t.db;
            crate::accounts::repo::insert(db, &crate::accounts::repo::test_row("u1", "ada", "a@example.test"))
                .await
                .unwrap();
            for _ in 0..MAX_FAILURES {
                count_try(db, "u1", "198.51.100.7", 1_000).await.unwrap();
            }
            assert!(count_try(db, "u1", "198.51.100.7", 1_000).await.is_err(), "the guesser is locked");
            count_try(db, "u1", IP, 1_000).await.expect("the owner's address is not");
            clear(db, "u1", IP).await.unwrap();
            assert!(count_try(db, "u1", "198.51.100.7", 2_000).await.is_err(), "the owner's success frees no one else");

            // Ten addresses, ten wrong tries each: the account's consecutive bound is met.
            clear_all(db, "u1").await.unwrap();
            for a in 0..MAX_ACCOUNT_FAILURES / MAX_FAILURES {
                for _ in 0..MAX_FAILURES {
                    count_try(db, "u1", &format!("203.0.113.{a}"), 3_000).await.unwrap();
                }
            }
            assert_eq!(count_try(db, "u1", IP, 3_000).await, Err(AppError::RateLimited { retry_after: 300 }));
            assert!(count_try(db, "u1", "203.0.113.250", 3_000).await.is_err(), "locked for every address");
            t.close().await;
        }
    }
}
