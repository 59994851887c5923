//! The database: one portable set of SQL on SQLite (default) or PostgreSQL, chosen at run
//! time by `DATABASE_URL`.
//!
//! Conventions that keep the SQL portable: `$1` placeholders (SQLite accepts them too), times
//! as BIGINT unix milliseconds, ids made by the app, flags as nullable timestamps or 0/1
//! BIGINTs (the Any driver cannot read SQLite booleans), `ON CONFLICT` and `RETURNING`.

use std::time::Duration;

use sqlx::{any::AnyPoolOptions, AnyPool, Executor};

pub type Db = AnyPool;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Backend {
        if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }
}

/// Opens a pool. SQLite connections get WAL, foreign keys and a busy timeout.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    connect_with(url, None).await
}

/// Like [`connect`]; on PostgreSQL, `schema` (when given) becomes the search path, which gives
/// every test its own empty database inside one server.
pub async fn connect_with(url: &str, schema: Option<String>) -> Result<Db, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let backend = Backend::of(url);
    AnyPoolOptions::new()
        .max_connections(match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        })
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _meta| {
            let schema = schema.clone();
            Box::pin(async move {
                match backend {
                    Backend::Sqlite => {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        // Reads from the file through the page cache of the system, without
                        // a copy per read, and a larger cache of pages per connection: a
                        // database of a million accounts stays as fast to read as a small one.
                        conn.execute("PRAGMA mmap_size = 1073741824").await?;
                        conn.execute("PRAGMA cache_size = -16384").await?;
                    }
                    Backend::Postgres => {
                        if let Some(schema) = schema {
                            conn.execute(format!("SET search_path TO \"{schema}\"").as_str()).await?;
                        }
                    }
                }
                Ok(())
            })
        })
        .connect(url)
        .await
}

/// Applies the migrations that have not run yet (safe to call from several instances).
pub async fn migrate(db: &Db) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(db).await
}

/// The version of the newest migration this binary carries.
pub fn newest_migration() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// `SELECT 1`, for the health check.
pub async fn ping(db: &Db) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(db).await.map(|_| ())
}

/// Databases for tests: a fresh SQLite file, and a fresh schema in the PostgreSQL of
/// `TEST_DATABASE_URL` (skipped when unset, except in CI where that is an error).
#[cfg(any(test, feature = "test-support"))]
#[allow(clippy::expect_used, clippy::panic)]
pub mod testing {
    use super::*;

    pub struct TestDb {
        pub db: Db,
        pub backend: Backend,
        cleanup: Option<(String, String)>,
        _dir: Option<std::path::PathBuf>,
    }

    impl TestDb {
        pub async fn close(self) {
            self.db.close().await;
            if let Some((url, schema)) = self.cleanup {
                if let Ok(admin) = connect(&url).await {
                    let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE")).execute(&admin).await;
                    admin.close().await;
                }
            }
            if let Some(dir) = self._dir {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }

    pub async fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(format!("gatehouse-test-{}", crate::crypto::new_id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let url = format!("sqlite://{}?mode=rwc", dir.join("test.db").display());
        let db = connect(&url).await.expect("open sqlite");
        migrate(&db).await.expect("migrate sqlite");
        TestDb { db, backend: Backend::Sqlite, cleanup: None, _dir: Some(dir) }
    }

    /// The PostgreSQL URL for tests, or None when PostgreSQL tests are not wanted here.
    pub fn postgres_url() -> Option<String> {
        match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            Some(url) => Some(url),
            None if std::env::var("CI").is_ok_and(|v| v == "true") => {
                panic!("TEST_DATABASE_URL must point at PostgreSQL when CI=true")
            }
            None => None,
        }
    }

    pub async fn postgres() -> Option<TestDb> {
        let url = postgres_url()?;
        let schema = format!("t_{}", crate::crypto::new_id());
        let admin = connect(&url).await.unwrap_or_else(|e| panic!("cannot reach PostgreSQL at TEST_DATABASE_URL: {e}"));
        sqlx::query(&format!("CREATE SCHEMA \"{schema}\"")).execute(&admin).await.expect("create schema");
        admin.close().await;
        let db = connect_with(&url, Some(schema.clone())).await.expect("open postgres");
        migrate(&db).await.expect("migrate postgres");
        Some(TestDb { db, backend: Backend::Postgres, cleanup: Some((url, schema)), _dir: None })
    }

    /// A bare account row, for tests of tables that refer to `users` (the accounts repository
    /// in the core crate is the only writer of `users` outside tests).
    pub async fn insert_user(db: &Db, id: &str, email: &str) {
        sqlx::query(
            "INSERT INTO users (id, username, display_username, email, name, password_hash, role, created_at, \
             updated_at, password_changed_at) VALUES ($1, $1, $1, $2, 'Test User', '$argon2id$fake', 'user', 1, 1, 1)",
        )
        .bind(id)
        .bind(email)
        .execute(db)
        .await
        .expect("insert a test user");
    }

    /// Both databases (PostgreSQL only when configured).
    pub async fn all() -> Vec<TestDb> {
        let mut dbs = vec![sqlite().await];
        if let Some(pg) = postgres().await {
            dbs.push(pg);
        }
        dbs
    }
}
