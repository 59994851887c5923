//! Server-wide settings edited by administrators: one JSON document per key in the `settings`
//! table, read from the database each time so every instance sees a change at once.

use serde::{de::DeserializeOwned, Serialize};

use super::db::Db;
use crate::error::AppError;

pub const PASSWORD_POLICY: &str = "password_policy";
pub const TWO_FACTOR: &str = "two_factor";
pub const TOKENS: &str = "tokens";

/// The stored value of `key`, or its default when none was saved (or it no longer parses,
/// which is logged: a bad row must not lock everyone out).
pub async fn get<T: DeserializeOwned + Default>(db: &Db, key: &str) -> Result<T, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(db).await?;
    Ok(match row {
        None => T::default(),
        Some((json,)) => serde_json::from_str(&json).unwrap_or_else(|e| {
            tracing::error!(key, error = %e, "stored setting does not parse; using the default");
            T::default()
        }),
    })
}

pub async fn put<T: Serialize>(db: &Db, key: &str, value: &T, now: i64) -> Result<(), AppError> {
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
    use crate::{password::rules::PasswordPolicy, server::db::testing};

    #[tokio::test]
    async fn defaults_until_saved_then_the_saved_value() {
        for t in testing::all().await {
            assert_eq!(get::<PasswordPolicy>(&t.db, PASSWORD_POLICY).await.unwrap(), PasswordPolicy::default());
            let strict = PasswordPolicy { min_length: 12, require_digit: true, ..PasswordPolicy::default() };
            put(&t.db, PASSWORD_POLICY, &strict, 1).await.unwrap();
            put(&t.db, PASSWORD_POLICY, &strict, 2).await.unwrap();
            assert_eq!(get::<PasswordPolicy>(&t.db, PASSWORD_POLICY).await.unwrap(), strict, "{:?}", t.backend);
            sqlx::query("UPDATE settings SET value = 'not json'").execute(&t.db).await.unwrap();
            assert_eq!(get::<PasswordPolicy>(&t.db, PASSWORD_POLICY).await.unwrap(), PasswordPolicy::default());
            t.close().await;
        }
    }
}
