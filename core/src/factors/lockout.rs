//! Wrong second-factor codes per account, counted in the database (shared by every sign-in
//! attempt and every instance). Each try is counted before its check; past the limit the
//! account's second step is locked, for twice as long at each lockout.

use platform::db::Db;
use wire::error::AppError;

/// Tries allowed before a lockout.
pub const MAX_FAILURES: i64 = 10;
/// The first lockout; each next one doubles, up to a day.
pub const FIRST_LOCK_MS: i64 = 5 * 60_000;
const LONGEST_LOCK_MS: i64 = 24 * 3_600_000;

fn retry_after(ms: i64) -> AppError {
    AppError::RateLimited { retry_after: (ms.max(1_000) as u64).div_ceil(1_000) }
}

/// Counts one try. `Err(RateLimited)` while locked, and for the try that goes over the limit
/// (which starts the lock).
pub async fn count_try(db: &Db, user_id: &str, now: i64) -> Result<(), AppError> {
    let (failures, lockouts, locked_until): (i64, i64, i64) = sqlx::query_as(
        "INSERT INTO two_factor_failures (user_id, failures, lockouts, locked_until) VALUES ($1, 1, 0, 0) \
         ON CONFLICT (user_id) DO UPDATE SET failures = CASE WHEN two_factor_failures.locked_until > $2 \
           THEN two_factor_failures.failures ELSE two_factor_failures.failures + 1 END \
         RETURNING failures, lockouts, locked_until",
    )
    .bind(user_id)
    .bind(now)
    .fetch_one(db)
    .await?;
    if locked_until > now {
        return Err(retry_after(locked_until - now));
    }
    if failures > MAX_FAILURES {
        let lock_ms = FIRST_LOCK_MS.saturating_mul(1 << lockouts.clamp(0, 10)).min(LONGEST_LOCK_MS);
        // Only the first try over the limit starts the lock.
        sqlx::query(
            "UPDATE two_factor_failures SET failures = 0, lockouts = lockouts + 1, locked_until = $2 \
             WHERE user_id = $1 AND failures > $3",
        )
        .bind(user_id)
        .bind(now + lock_ms)
        .bind(MAX_FAILURES)
        .execute(db)
        .await?;
        return Err(retry_after(lock_ms));
    }
    Ok(())
}

/// A right code: the count starts again.
pub async fn clear(db: &Db, user_id: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE two_factor_failures SET failures = 0, lockouts = 0 WHERE user_id = $1")
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::db::testing;

    #[tokio::test]
    async fn tries_lock_the_account_for_longer_each_time() {
        for t in testing::all().await {
            let db = &t.db;
            crate::accounts::repo::insert(db, &crate::accounts::repo::test_row("u1", "ada", "a@example.test"))
                .await
                .unwrap();
            for _ in 0..MAX_FAILURES {
                count_try(db, "u1", 1_000).await.unwrap();
            }
            assert_eq!(count_try(db, "u1", 1_000).await, Err(AppError::RateLimited { retry_after: 300 }));
            assert!(count_try(db, "u1", 1_000 + FIRST_LOCK_MS - 1).await.is_err(), "still locked");
            // After the lock, a fresh count; the next lock is twice as long.
            let later = 1_000 + FIRST_LOCK_MS;
            for _ in 0..MAX_FAILURES {
                count_try(db, "u1", later).await.unwrap();
            }
            assert_eq!(count_try(db, "u1", later).await, Err(AppError::RateLimited { retry_after: 600 }));
            // A right code (after the lock) clears the count and the growth.
            let after = later + 2 * FIRST_LOCK_MS;
            count_try(db, "u1", after).await.unwrap();
            clear(db, "u1").await.unwrap();
            for _ in 0..MAX_FAILURES {
                count_try(db, "u1", after).await.unwrap();
            }
            assert_eq!(count_try(db, "u1", after).await, Err(AppError::RateLimited { retry_after: 300 }));
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
                    tokio::spawn(async move { count_try(&db, "u1", 5_000).await.is_ok() })
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
}
