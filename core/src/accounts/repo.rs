//! SQL for the `users` table. This module is the only writer of `users` (a test in
//! `crate::layers` checks it), so every change to an account is one of the functions below.

use std::fmt;

use platform::db::Db;
use wire::account::{Role, UserView};

#[derive(Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub display_username: String,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub password_changed_at: i64,
    pub disabled_at: Option<i64>,
    pub email_verified_at: Option<i64>,
    /// An administrator requires TOTP of this account (since then).
    pub two_factor_forced_at: Option<i64>,
    /// Email codes as a second factor: "on", "off", or None for the server-wide default.
    pub email_two_factor: Option<String>,
}

impl fmt::Debug for UserRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserRow")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("email", &self.email)
            .field("role", &self.role)
            .field("password_hash", &"[redacted]")
            .field("disabled_at", &self.disabled_at)
            .field("email_verified_at", &self.email_verified_at)
            .finish()
    }
}

impl UserRow {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::User)
    }

    pub fn is_active(&self) -> bool {
        self.disabled_at.is_none()
    }

    pub fn view(&self) -> UserView {
        UserView {
            id: self.id.clone(),
            username: self.display_username.clone(),
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role(),
            created_at: self.created_at,
            email_verified: self.email_verified_at.is_some(),
            password_expired: false,
            two_factor_setup_required: false,
        }
    }
}

const COLUMNS: &str = "id, username, display_username, email, name, password_hash, role, \
                       created_at, updated_at, password_changed_at, disabled_at, email_verified_at, \
                       two_factor_forced_at, email_two_factor";

pub async fn insert(db: &Db, u: &UserRow) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO users ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    ))
    .bind(&u.id)
    .bind(&u.username)
    .bind(&u.display_username)
    .bind(&u.email)
    .bind(&u.name)
    .bind(&u.password_hash)
    .bind(&u.role)
    .bind(u.created_at)
    .bind(u.updated_at)
    .bind(u.password_changed_at)
    .bind(u.disabled_at)
    .bind(u.email_verified_at)
    .bind(u.two_factor_forced_at)
    .bind(&u.email_two_factor)
    .execute(db)
    .await
    .map(|_| ())
}

pub async fn find_by_id(db: &Db, id: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1")).bind(id).fetch_optional(db).await
}

/// By lower-case email address only.
pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE email = $1")).bind(email).fetch_optional(db).await
}

/// By lower-case username or email.
pub async fn find_by_identifier(db: &Db, identifier: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE username = $1 OR email = $1"))
        .bind(identifier)
        .fetch_optional(db)
        .await
}

/// Which of `username` and `email` are already taken: (username taken, email taken).
pub async fn taken(db: &Db, username: &str, email: &str) -> Result<(bool, bool), sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT username, email FROM users WHERE username = $1 OR email = $2")
            .bind(username)
            .bind(email)
            .fetch_all(db)
            .await?;
    Ok((rows.iter().any(|(u, _)| u == username), rows.iter().any(|(_, e)| e == email)))
}

/// Users for the admin list, newest first, filtered by a substring of username, email or name.
pub async fn list(db: &Db, search: &str, limit: i64) -> Result<Vec<UserRow>, sqlx::Error> {
    // The search is literal: LIKE's wildcards (and its escape character) are escaped.
    let literal = search.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let pattern = format!("%{literal}%");
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users \
         WHERE username LIKE $1 ESCAPE '\\' OR email LIKE $1 ESCAPE '\\' OR LOWER(name) LIKE $1 ESCAPE '\\' \
         ORDER BY created_at DESC, id LIMIT $2"
    ))
    .bind(pattern)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Sets the name and/or the username (canonical, as typed) in one statement and returns the row.
pub async fn update_profile(
    db: &Db,
    id: &str,
    name: Option<&str>,
    username: Option<(String, String)>,
    now: i64,
) -> Result<UserRow, sqlx::Error> {
    let (canonical, display) = username.unzip();
    sqlx::query(
        "UPDATE users SET name = COALESCE($2, name), username = COALESCE($3, username), \
         display_username = COALESCE($4, display_username), updated_at = $5 WHERE id = $1",
    )
    .bind(id)
    .bind(name)
    .bind(canonical)
    .bind(display)
    .bind(now)
    .execute(db)
    .await?;
    find_by_id(db, id).await?.ok_or(sqlx::Error::RowNotFound)
}

/// Stores a new password hash (and when it was set).
pub async fn set_password(db: &Db, id: &str, hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(hash)
        .bind(now)
        .execute(db)
        .await
        .map(|_| ())
}

/// Marks `email` verified, only while it is still the account's address. True when it was.
pub async fn mark_email_verified(db: &Db, id: &str, email: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE users SET email_verified_at = $3 WHERE id = $1 AND email = $2")
        .bind(id)
        .bind(email)
        .bind(now)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves the account to a new, confirmed address (a unique violation when another account
/// took it meanwhile).
pub async fn set_email(db: &Db, id: &str, email: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email = $2, email_verified_at = $3, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(email)
        .bind(now)
        .execute(db)
        .await
        .map(|_| ())
}

/// The owner's choice about email codes as a second factor: "on" or "off" (on the pool, or
/// inside a caller's transaction).
pub async fn set_email_two_factor<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    id: &str,
    choice: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email_two_factor = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(choice)
        .bind(now)
        .execute(db)
        .await
        .map(|_| ())
}

/// An administrator requires (since `forced_at`) or no longer requires two-factor
/// authentication of the account.
pub async fn set_two_factor_forced(db: &Db, id: &str, forced_at: Option<i64>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET two_factor_forced_at = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(forced_at)
        .bind(now)
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn count(db: &Db) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as("SELECT COUNT(*), COALESCE(SUM(CASE WHEN role = 'admin' THEN 1 ELSE 0 END), 0) FROM users")
        .fetch_one(db)
        .await
}

/// True when the database error is a unique-constraint violation.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| d.is_unique_violation())
}

/// A user row for tests of any table that refers to users.
#[cfg(test)]
pub fn test_row(id: &str, username: &str, email: &str) -> UserRow {
    UserRow {
        id: id.into(),
        username: username.to_lowercase(),
        display_username: username.into(),
        email: email.into(),
        name: "Test User".into(),
        password_hash: "$argon2id$fake".into(),
        role: "user".into(),
        created_at: 1,
        updated_at: 1,
        password_changed_at: 1,
        disabled_at: None,
        email_verified_at: None,
        two_factor_forced_at: None,
        email_two_factor: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::db::testing;

    fn row(id: &str, username: &str, email: &str) -> UserRow {
        test_row(id, username, email)
    }

    #[tokio::test]
    async fn insert_find_and_uniqueness_on_both_databases() {
        for t in testing::all().await {
            let db = &t.db;
            insert(db, &row("u1", "Ada", "ada@example.com")).await.unwrap();
            let found = find_by_identifier(db, "ada").await.unwrap().unwrap();
            assert_eq!(found.display_username, "Ada");
            assert_eq!(find_by_identifier(db, "ada@example.com").await.unwrap().unwrap().id, "u1");
            assert!(find_by_identifier(db, "nobody").await.unwrap().is_none());
            assert_eq!(find_by_id(db, "u1").await.unwrap().unwrap().disabled_at, None);

            assert_eq!(taken(db, "ada", "other@example.com").await.unwrap(), (true, false));
            assert_eq!(taken(db, "bob", "ada@example.com").await.unwrap(), (false, true));

            let dup = insert(db, &row("u2", "ADA", "x@example.com")).await.unwrap_err();
            assert!(is_unique_violation(&dup), "{:?}: {dup}", t.backend);
            let dup = insert(db, &row("u3", "bob", "ada@example.com")).await.unwrap_err();
            assert!(is_unique_violation(&dup), "{:?}", t.backend);

            let mut admin = row("u4", "root", "root@example.com");
            admin.role = "admin".into();
            admin.created_at = 2;
            insert(db, &admin).await.unwrap();
            assert_eq!(count(db).await.unwrap(), (2, 1));
            let listed: Vec<String> = list(db, "", 10).await.unwrap().into_iter().map(|u| u.id).collect();
            assert_eq!(listed, vec!["u4", "u1"]);
            assert_eq!(list(db, "ROOT@", 10).await.unwrap().len(), 1);
            assert!(list(db, "%", 10).await.unwrap().is_empty(), "wildcards in the search are literal");
            insert(db, &row("u5", "under_score", "u@example.com")).await.unwrap();
            let found: Vec<String> = list(db, "R_S", 10).await.unwrap().into_iter().map(|u| u.id).collect();
            assert_eq!(found, vec!["u5"]);
            assert!(list(db, "a_a", 10).await.unwrap().is_empty(), "an underscore matches itself only, not 'ada'");
            t.close().await;
        }
    }

    #[test]
    fn debug_hides_the_hash() {
        assert!(!format!("{:?}", row("u1", "ada", "a@b.c")).contains("argon2"));
    }
}
