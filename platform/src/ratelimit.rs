//! Rate limits counted in the database, so every instance behind a load balancer shares them.
//!
//! A hit is counted atomically *before* the guarded check runs (one upsert that returns the
//! new count), so parallel requests cannot slip past the limit.

use std::borrow::Cow;

use sha2::{Digest, Sha256};
use wire::error::AppError;

use super::db::Db;

/// The longest key stored as it is. A longer one (built from an address in a header, say) is
/// stored as its first characters and the SHA-256 of the whole, so no request can make a row,
/// or this instance's memory, grow with what it sends.
pub const MAX_KEY_LEN: usize = 128;

fn stored(key: &str) -> Cow<'_, str> {
    if key.len() <= MAX_KEY_LEN {
        return Cow::Borrowed(key);
    }
    let mut cut = 48;
    while !key.is_char_boundary(cut) {
        cut -= 1;
    }
    Cow::Owned(format!("{}#{}", &key[..cut], hex::encode(Sha256::digest(key.as_bytes()))))
}

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

/// Password hashes computed for one account, by every kind of request (sign-ins,
/// re-authentication, changes, resets, history checks), successful or not: nothing resets it.
/// A person needs a handful an hour; this bounds what one account can take of the hashing
/// pool, even with the right password.
pub const HASHING_PER_ACCOUNT: Limit = Limit::per_minutes(100, 15);
/// Password hashes computed for one client address by signed-in work (re-authentication,
/// changes, resets); sign-ins count in [`SIGN_IN_PER_IP`].
pub const HASHING_PER_IP: Limit = Limit::per_minutes(200, 15);

/// Counts one hit on `key`. `Err(RateLimited)` once the window holds more than `limit.max`.
pub async fn hit(db: &Db, key: &str, limit: Limit, now: i64) -> Result<(), AppError> {
    hit_n(db, key, limit, 1, now).await
}

/// Counts `n` hits on `key` at once (work that costs `n` units). `Err(RateLimited)` once the
/// window holds more than `limit.max`.
pub async fn hit_n(db: &Db, key: &str, limit: Limit, n: i64, now: i64) -> Result<(), AppError> {
    let (hits, window_start) = add(db, key, limit, n.max(1), now).await?;
    if hits > limit.max {
        Err(refusal(window_start, limit, now))
    } else {
        Ok(())
    }
}

fn refusal(window_start: i64, limit: Limit, now: i64) -> AppError {
    let retry_ms = (window_start + limit.window_ms - now).max(1_000);
    AppError::RateLimited { retry_after: (retry_ms as u64).div_ceil(1_000) }
}

/// Adds `n` hits to `key` in one upsert; returns the window's hits and its start.
async fn add(db: &Db, key: &str, limit: Limit, n: i64, now: i64) -> Result<(i64, i64), AppError> {
    Ok(sqlx::query_as(
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, $4) \
         ON CONFLICT (key) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start <= $3 THEN $4 ELSE rate_limits.hits + $4 END, \
           window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END \
         RETURNING hits, window_start",
    )
    .bind(stored(key).as_ref())
    .bind(now)
    .bind(now - limit.window_ms)
    .bind(n)
    .fetch_one(db)
    .await?)
}

/// A limit for hot paths (API calls): hits are counted in the database like every other limit,
/// but in batches. Each instance adds its hits to the shared row every second, every `batch`
/// hits, and at once whenever its own estimate reaches the limit; so a single instance refuses
/// exactly at the limit, and each further instance may let at most `batch - 1` more through per
/// window. `batch` grows with the limit (a hundredth of it, never less than the minimum given
/// to [`Batched::new`]): a key allowed 600 calls a minute writes its row every 10 calls, one
/// allowed a million every 10,000, so the database sees about a hundred writes per key and
/// window whatever the rate, and the overshoot stays within 1% of the limit per instance.
pub struct Batched {
    batch: i64,
    keys: std::sync::Mutex<std::collections::HashMap<String, Local>>,
}

#[derive(Default)]
struct Local {
    /// Hits not yet added to the database.
    pending: i64,
    /// The window's hits as the database last said.
    known: i64,
    window_start: i64,
    flushed_at: i64,
    blocked_until: i64,
}

/// Keys kept per instance before the idle ones are dropped.
const BATCHED_KEYS: usize = 50_000;

impl Batched {
    /// Batches of at least `min_batch` hits.
    pub fn new(min_batch: i64) -> Self {
        Batched { batch: min_batch.max(1), keys: std::sync::Mutex::new(std::collections::HashMap::new()) }
    }

    fn batch(&self, limit: Limit) -> i64 {
        self.batch.max(limit.max / 100)
    }

    pub async fn hit(&self, db: &Db, key: &str, limit: Limit, now: i64) -> Result<(), AppError> {
        let key = stored(key);
        let key = key.as_ref();
        let flush = {
            let mut keys = self.keys.lock().map_err(|_| AppError::Internal)?;
            if keys.len() > BATCHED_KEYS {
                keys.retain(|_, l| now - l.window_start < limit.window_ms || l.pending > 0);
            }
            let l = keys.entry(key.to_owned()).or_default();
            if l.blocked_until > now {
                return Err(refusal(l.blocked_until - limit.window_ms, limit, now));
            }
            if now - l.window_start >= limit.window_ms {
                l.known = 0;
            }
            l.pending += 1;
            let due = l.pending >= self.batch(limit) || now - l.flushed_at >= 1_000 || l.known + l.pending > limit.max;
            due.then(|| {
                l.flushed_at = now;
                std::mem::take(&mut l.pending)
            })
        };
        let Some(n) = flush else { return Ok(()) };
        let (hits, window_start) = add(db, key, limit, n, now).await?;
        let mut keys = self.keys.lock().map_err(|_| AppError::Internal)?;
        let l = keys.entry(key.to_owned()).or_default();
        l.known = hits;
        l.window_start = window_start;
        if hits > limit.max {
            l.blocked_until = window_start + limit.window_ms;
            return Err(refusal(window_start, limit, now));
        }
        Ok(())
    }
}

/// Forgets the hits on `key` (after a successful sign-in, say).
pub async fn reset(db: &Db, key: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM rate_limits WHERE key = $1").bind(stored(key).as_ref()).execute(db).await?;
    Ok(())
}

pub const PURGE: &str = "DELETE FROM rate_limits WHERE window_start < $1";

/// Drops windows that ended before `older_than`.
pub async fn purge(db: &Db, older_than: i64) -> Result<u64, AppError> {
    let done = sqlx::query(PURGE).bind(older_than).execute(db).await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a request puts into a key, the stored key is bounded, and two different
        /// keys stay different.
        #[test]
        fn stored_keys_are_bounded_and_keep_keys_apart(a in any::<String>(), b in any::<String>(), pad in 0..400usize) {
            let (a, b) = (format!("k:{}{a}", "x".repeat(pad)), format!("k:{}{b}", "x".repeat(pad)));
            prop_assert!(stored(&a).len() <= MAX_KEY_LEN.max(48 + 1 + 64));
            if a != b {
                prop_assert_ne!(stored(&a), stored(&b));
            }
        }
    }

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
    async fn batched_hits_refuse_exactly_at_the_limit_on_one_instance_and_share_the_row() {
        for t in testing::all().await {
            let limit = Limit { max: 25, window_ms: 60_000 };
            let (a, b) = (Batched::new(10), Batched::new(10));
            for i in 0..25 {
                assert!(a.hit(&t.db, "api", limit, 1_000 + i).await.is_ok(), "hit {i}");
            }
            assert_eq!(a.hit(&t.db, "api", limit, 1_100).await, Err(AppError::RateLimited { retry_after: 60 }));
            // The row holds every hit: another instance is refused at once.
            let (hits,): (i64,) =
                sqlx::query_as("SELECT hits FROM rate_limits WHERE key = 'api'").fetch_one(&t.db).await.unwrap();
            assert_eq!(hits, 26, "{:?}", t.backend);
            assert!(b.hit(&t.db, "api", limit, 1_200).await.is_err());
            // A new window opens again.
            assert!(a.hit(&t.db, "api", limit, 61_000).await.is_ok());
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_high_limit_writes_its_row_in_larger_batches_and_still_refuses_exactly() {
        for t in testing::all().await {
            let limit = Limit { max: 5_000, window_ms: 60_000 };
            let a = Batched::new(10);
            let hits_in_row = |db: Db| async move {
                let row: Option<(i64,)> =
                    sqlx::query_as("SELECT hits FROM rate_limits WHERE key = 'big'").fetch_optional(&db).await.unwrap();
                row.map_or(0, |r| r.0)
            };
            // The first hit writes (nothing was flushed yet); then every 50th (5,000 / 100).
            for i in 0..99 {
                a.hit(&t.db, "big", limit, 1_000 + i / 10).await.unwrap();
            }
            assert_eq!(hits_in_row(t.db.clone()).await, 51, "{:?}", t.backend);
            for i in 99..5_000 {
                a.hit(&t.db, "big", limit, 1_010 + i / 100).await.unwrap();
            }
            assert_eq!(
                a.hit(&t.db, "big", limit, 1_100).await,
                Err(AppError::RateLimited { retry_after: 60 }),
                "{:?}",
                t.backend
            );
            assert_eq!(hits_in_row(t.db.clone()).await, 5_001, "{:?}", t.backend);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn long_keys_are_stored_bounded_and_still_apart() {
        for t in testing::all().await {
            let limit = Limit { max: 1, window_ms: 60_000 };
            let (a, b) = (
                format!("signin:unknown:{}a", "x".repeat(100_000)),
                format!("signin:unknown:{}b", "x".repeat(100_000)),
            );
            hit(&t.db, &a, limit, 1_000).await.unwrap();
            hit(&t.db, &b, limit, 1_000).await.unwrap();
            assert!(hit(&t.db, &a, limit, 1_000).await.is_err(), "{:?}", t.backend);
            let keys: Vec<(String,)> = sqlx::query_as("SELECT key FROM rate_limits").fetch_all(&t.db).await.unwrap();
            assert_eq!(keys.len(), 2, "two keys that differ only at the end stay two: {:?}", t.backend);
            assert!(keys.iter().all(|(k,)| k.len() <= MAX_KEY_LEN && k.starts_with("signin:unknown:xxx")), "{keys:?}");
            reset(&t.db, &a).await.unwrap();
            hit(&t.db, &a, limit, 1_000).await.unwrap();
            // Short keys are kept as they are.
            hit(&t.db, "signin:ip:192.0.2.1", limit, 1_000).await.unwrap();
            let (short,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rate_limits WHERE key = 'signin:ip:192.0.2.1'")
                .fetch_one(&t.db)
                .await
                .unwrap();
            assert_eq!(short, 1);
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
