//! Server-wide settings edited by administrators: one JSON document per key in the `settings`
//! table, read through a per-instance cache.
//!
//! Every request that needs a setting (the password policy's expiry gate runs on every
//! authenticated call) reads it from the cache; the database is read again once the cached copy
//! is older than the cache's lifetime. A save updates the database and this instance's copy at
//! once: the instance that saved a change applies it from the next request, every other
//! instance within the lifetime (two seconds in the server).

use std::{
    any::Any,
    collections::HashMap,
    marker::PhantomData,
    sync::{Arc, Mutex},
};

use serde::{de::DeserializeOwned, Serialize};
use wire::error::AppError;

use crate::db::Db;

/// A setting's key and the type stored under it. The capability that owns a setting declares
/// its key as a constant.
pub struct Key<T> {
    pub name: &'static str,
    _type: PhantomData<fn() -> T>,
}

impl<T> Key<T> {
    pub const fn new(name: &'static str) -> Self {
        Key { name, _type: PhantomData }
    }
}

impl<T> Clone for Key<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Key<T> {}

/// What a setting's value must be: stored as JSON, with a default when none was saved.
pub trait Value: Serialize + DeserializeOwned + Default + Clone + Send + Sync + 'static {}
impl<T: Serialize + DeserializeOwned + Default + Clone + Send + Sync + 'static> Value for T {}

/// The per-instance cache of settings.
pub struct Settings {
    lifetime_ms: i64,
    entries: Mutex<HashMap<&'static str, Cached>>,
}

struct Cached {
    value: Arc<dyn Any + Send + Sync>,
    read_at: i64,
}

impl Settings {
    /// A cache whose copies are read again after `lifetime_ms` (0: every time).
    pub fn new(lifetime_ms: i64) -> Self {
        Settings { lifetime_ms, entries: Mutex::new(HashMap::new()) }
    }

    /// The value of `key` in force at `now`.
    pub async fn get<T: Value>(&self, db: &Db, key: Key<T>, now: i64) -> Result<T, AppError> {
        if let Some(v) = self.cached(key, now) {
            return Ok(v);
        }
        let value = load(db, key).await?;
        self.remember(key, value.clone(), now);
        Ok(value)
    }

    /// Saves `value` under `key`; this instance uses it from now on.
    pub async fn put<T: Value>(&self, db: &Db, key: Key<T>, value: &T, now: i64) -> Result<(), AppError> {
        store(db, key.name, value, now).await?;
        self.remember(key, value.clone(), now);
        Ok(())
    }

    fn cached<T: Value>(&self, key: Key<T>, now: i64) -> Option<T> {
        let entries = self.entries.lock().ok()?;
        let c = entries.get(key.name)?;
        let fresh = c.read_at <= now && now - c.read_at < self.lifetime_ms;
        fresh.then(|| c.value.downcast_ref::<T>().cloned()).flatten()
    }

    fn remember<T: Value>(&self, key: Key<T>, value: T, now: i64) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(key.name, Cached { value: Arc::new(value), read_at: now });
        }
    }
}

/// The stored value of `key`, or its default when none was saved (or it no longer parses,
/// which is logged: a bad row must not lock everyone out).
async fn load<T: Value>(db: &Db, key: Key<T>) -> Result<T, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT value FROM settings WHERE key = $1").bind(key.name).fetch_optional(db).await?;
    Ok(match row {
        None => T::default(),
        Some((json,)) => serde_json::from_str(&json).unwrap_or_else(|e| {
            tracing::error!(key = key.name, error = %e, "stored setting does not parse; using the default");
            T::default()
        }),
    })
}

async fn store<T: Serialize>(db: &Db, key: &str, value: &T, now: i64) -> Result<(), AppError> {
    let json = serde_json::to_string(value).map_err(|e| {
        tracing::error!(key, error = %e, "cannot serialize a setting");
        AppError::Internal
    })?;
    sqlx::query(
        "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(key)
    .bind(json)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing;
    use wire::password::PasswordPolicy;

    const POLICY: Key<PasswordPolicy> = Key::new("password_policy");

    #[tokio::test]
    async fn defaults_until_saved_then_the_saved_value() {
        for t in testing::all().await {
            let s = Settings::new(0);
            assert_eq!(s.get(&t.db, POLICY, 1).await.unwrap(), PasswordPolicy::default());
            let strict = PasswordPolicy { min_length: 12, require_digit: true, ..PasswordPolicy::default() };
            s.put(&t.db, POLICY, &strict, 1).await.unwrap();
            s.put(&t.db, POLICY, &strict, 2).await.unwrap();
            assert_eq!(s.get(&t.db, POLICY, 3).await.unwrap(), strict, "{:?}", t.backend);
            sqlx::query("UPDATE settings SET value = 'not json'").execute(&t.db).await.unwrap();
            assert_eq!(s.get(&t.db, POLICY, 4).await.unwrap(), PasswordPolicy::default());
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_save_applies_at_once_here_and_within_the_lifetime_elsewhere() {
        for t in testing::all().await {
            let (here, there) = (Settings::new(2_000), Settings::new(2_000));
            assert_eq!(there.get(&t.db, POLICY, 1_000).await.unwrap(), PasswordPolicy::default());
            let strict = PasswordPolicy { min_length: 14, ..PasswordPolicy::default() };
            here.put(&t.db, POLICY, &strict, 1_500).await.unwrap();
            assert_eq!(here.get(&t.db, POLICY, 1_500).await.unwrap(), strict, "the saving instance at once");
            // The other instance answers from its copy without reading the row...
            sqlx::query("DELETE FROM settings").execute(&t.db).await.unwrap();
            assert_eq!(there.get(&t.db, POLICY, 2_999).await.unwrap(), PasswordPolicy::default());
            here.put(&t.db, POLICY, &strict, 3_000).await.unwrap();
            // ...and reads it again once its copy is as old as the lifetime.
            assert_eq!(there.get(&t.db, POLICY, 3_000).await.unwrap(), strict, "{:?}", t.backend);
            t.close().await;
        }
    }
}
