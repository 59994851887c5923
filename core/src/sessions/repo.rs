//! SQL for the `sessions` table.

use platform::db::Db;

use crate::accounts::{repo as users, UserRow};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: String,
    pub user_id: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub ip: String,
    pub user_agent: String,
}

pub struct NewSessionRow<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub token_hash: &'a str,
    pub now: i64,
    pub expires_at: i64,
    pub ip: &'a str,
    pub user_agent: &'a str,
}

pub async fn insert(db: &Db, s: NewSessionRow<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at, ip, user_agent) \
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
    )
    .bind(s.id)
    .bind(s.user_id)
    .bind(s.token_hash)
    .bind(s.now)
    .bind(s.expires_at)
    .bind(s.ip)
    .bind(s.user_agent)
    .execute(db)
    .await
    .map(|_| ())
}

/// The hot query of every signed-in request (its plan is checked in `crate::plans`).
pub(crate) const BY_TOKEN_HASH: &str = "SELECT id, user_id, created_at, last_seen_at, expires_at, ip, user_agent \
     FROM sessions WHERE token_hash = $1 AND kind = $2";
pub(crate) const PURGE: &str = "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2";

/// The session of this kind with this token hash, and its account.
pub async fn find_by_token_hash(
    db: &Db,
    token_hash: &str,
    kind: &str,
) -> Result<Option<(SessionRow, UserRow)>, sqlx::Error> {
    let session: Option<SessionRow> =
        sqlx::query_as(BY_TOKEN_HASH).bind(token_hash).bind(kind).fetch_optional(db).await?;
    let Some(session) = session else { return Ok(None) };
    let user = users::find_by_id(db, &session.user_id).await?;
    Ok(user.map(|u| (session, u)))
}

/// Makes a new session an API client's.
pub async fn set_kind(db: &Db, id: &str, kind: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET kind = $2 WHERE id = $1").bind(id).bind(kind).execute(db).await.map(|_| ())
}

pub async fn touch(db: &Db, id: &str, now: i64, ip: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $2, ip = $3 WHERE id = $1")
        .bind(id)
        .bind(now)
        .bind(ip)
        .execute(db)
        .await
        .map(|_| ())
}

/// When the session last re-entered its password (and code), if it did.
pub async fn reauthenticated_at(db: &Db, id: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT reauthenticated_at FROM sessions WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.and_then(|(at,)| at))
}

pub async fn mark_reauthenticated(db: &Db, id: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET reauthenticated_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn delete(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE id = $1").bind(id).execute(db).await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes the session `id` only if it belongs to `user_id`.
pub async fn delete_owned(db: &Db, user_id: &str, id: &str) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2").bind(id).bind(user_id).execute(db).await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes every session of `user_id` except `keep`; returns how many ended.
/// (On the pool, or inside a caller's transaction.)
pub async fn delete_others<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    user_id: &str,
    keep: &str,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Deletes every session of `user_id`; returns how many ended.
pub async fn delete_all(db: &Db, user_id: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(db).await?;
    Ok(done.rows_affected())
}

pub async fn for_user(db: &Db, user_id: &str) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, user_id, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions \
         WHERE user_id = $1 ORDER BY last_seen_at DESC",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// Deletes sessions past their absolute end or idle longer than `idle_ms`.
pub async fn purge_expired(db: &Db, now: i64, idle_ms: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(PURGE).bind(now).bind(now - idle_ms).execute(db).await?;
    Ok(done.rows_affected())
}
