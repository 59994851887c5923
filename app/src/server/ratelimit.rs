//! Rate limits counted in the database, so every instance behind a load balancer shares them.
//!
//! A hit is counted atomically *before* the guarded check runs (one upsert that returns the
//! new count), so parallel requests cannot slip past the limit.

use super::db::Db;
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: i64,
    pub window_ms: i64,
}

impl Limit {
    pub const fn per_minutes(max: i64, minutes: i64) -> Self {
        Limit { max, window_ms: minutes * 60_000 }
    }
}

/// Failed sign-ins against one account (reset by a successful one).
pub const SIGN_IN_PER_ACCOUNT: Limit = Limit::per_minutes(10, 15);
/// Sign-in attempts from one IP address.
pub const SIGN_IN_PER_IP: Limit = Limit::per_minutes(100, 15);

/// Counts one hit on `key`. `Err(RateLimited)` once the window holds more than `limit.max`.
pub async fn hit(db: &Db, key: &str, limit: Limit, now: i64) -> Result<(), AppError> {
    let (hits, window_start): (i64, i64) = sqlx::query_as(
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (key) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END, \
           window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END \
         RETURNING hits, window_start",
    )
    .bind(key)
    .bind(now)
    .bind(now - limit.window_ms)
    .fetch_one(db)
    .await?;
    if hits > limit.max {
        let retry_ms = (window_start + limit.window_ms - now).max(1_000);
        Err(AppError::RateLimited { retry_after: (retry_ms as u64).div_ceil(1_000) })
    } else {
        Ok(())
    }
}

/// Forgets the hits on `key` (after a successful sign-in, say).
pub async fn reset(db: &Db, key: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM rate_limits WHERE key = $1").bind(key).execute(db).await?;
    Ok(())
}

/// Drops windows that ended before `older_than`.
pub async fn purge(db: &Db, older_than: i64) -> Result<u64, AppError> {
    let done = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1").bind(older_than).execute(db).await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::testing;

    #[tokio::test]
    async fn counts_up_to_the_limit_then_refuses_until_the_window_ends() {
        for t in testing::all().await {
            let limit = Limit { max: 3, window_ms: 60_000 };
            for _ in 0..3 {
                hit(&t.db, "k", limit, 1_000).await.unwrap();
            }
            assert_eq!(
                hit(&t.db, "k", limit, 31_000).await,
                Err(AppError::RateLimited { retry_after: 30 }),
                "{:?}",
                t.backend
            );
            // Another key is untouched.
            hit(&t.db, "other", limit, 31_000).await.unwrap();
            // A new window starts afresh.
            hit(&t.db, "k", limit, 61_000).await.unwrap();
            reset(&t.db, "k").await.unwrap();
            for _ in 0..3 {
                hit(&t.db, "k", limit, 62_000).await.unwrap();
            }
            assert!(hit(&t.db, "k", limit, 62_000).await.is_err());
            assert_eq!(purge(&t.db, 62_000).await.unwrap(), 1, "only the old 'other' window is purged");
            t.close().await;
        }
    }

    #[tokio::test]
    async fn parallel_hits_never_exceed_the_limit() {
        for t in testing::all().await {
            let limit = Limit { max: 5, window_ms: 60_000 };
            let tasks: Vec<_> = (0..40)
                .map(|_| {
                    let db = t.db.clone();
                    tokio::spawn(async move { hit(&db, "burst", limit, 1_000).await.is_ok() })
                })
                .collect();
            let mut allowed = 0;
            for task in tasks {
                if task.await.unwrap() {
                    allowed += 1;
                }
            }
            assert_eq!(allowed, 5, "{:?}", t.backend);
            t.close().await;
        }
    }
}
