//! `gatehouse backup` and `gatehouse restore` for the SQLite database. (PostgreSQL has its own
//! tools: the README shows `pg_dump` and `pg_restore`.)
//!
//! A backup is a consistent copy taken while the server runs (`VACUUM INTO`: one read
//! transaction, writers go on). A restore checks the copy first (SQLite's integrity check, a
//! Gatehouse database, no migration newer than this binary knows), keeps the database it
//! replaces beside it, and swaps the files with a rename, so that a failure at any step leaves
//! one of the two whole.

use std::path::{Path, PathBuf};

use sqlx::{sqlite::SqliteConnectOptions, ConnectOptions, Connection, SqliteConnection};

use crate::db::{Backend, Db};

/// The file of a `sqlite:` database URL (None for PostgreSQL or an in-memory database).
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    if Backend::of(url) != Backend::Sqlite {
        return None;
    }
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Writes a consistent copy of the live database to `to`, which must not exist yet.
pub async fn backup(db: &Db, to: &Path) -> Result<u64, String> {
    if to.exists() {
        return Err(format!("{} exists already: give a new file", to.display()));
    }
    let target = to.to_str().ok_or_else(|| format!("{} is not a UTF-8 path", to.display()))?;
    sqlx::query("VACUUM INTO $1").bind(target).execute(db).await.map_err(|e| format!("the copy failed: {e}"))?;
    std::fs::metadata(to).map(|m| m.len()).map_err(|e| format!("cannot read {}: {e}", to.display()))
}

/// What a backup file holds, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub accounts: i64,
    /// The newest migration applied to it.
    pub version: i64,
}

/// Checks that `file` is an intact Gatehouse database that this binary can run on.
pub async fn check(file: &Path) -> Result<Checked, String> {
    if !file.is_file() {
        return Err(format!("{} is not a file", file.display()));
    }
    let opts = SqliteConnectOptions::new().filename(file).read_only(true);
    let mut conn: SqliteConnection =
        opts.connect().await.map_err(|e| format!("{} is not an SQLite database: {e}", file.display()))?;
    let not_gatehouse = |e: sqlx::Error| format!("{} is not a Gatehouse database: {e}", file.display());
    let (integrity,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| format!("{} is not an SQLite database: {e}", file.display()))?;
    if integrity != "ok" {
        return Err(format!("{} is damaged: {integrity}", file.display()));
    }
    let (version,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut conn)
        .await
        .map_err(not_gatehouse)?;
    let (accounts,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(&mut conn).await.map_err(not_gatehouse)?;
    let _ = conn.close().await;
    let known = crate::db::newest_migration();
    if version > known {
        return Err(format!(
            "{} comes from a newer Gatehouse (migration {version}; this one knows up to {known}): restore it with that version",
            file.display()
        ));
    }
    Ok(Checked { accounts, version })
}

/// Puts the checked copy `from` in the place of the database `live` (with its `-wal` and
/// `-shm` files). The database it replaces is kept as `<live>.before-restore-<now>`, which is
/// returned (None when there was none). The server must be stopped.
pub fn swap_in(from: &Path, live: &Path, now_ms: i64) -> Result<Option<PathBuf>, String> {
    let io = |what: &str, e: std::io::Error| format!("{what}: {e}");
    let staged = sibling(live, ".restoring");
    std::fs::copy(from, &staged).map_err(|e| io(&format!("cannot copy {} beside the database", from.display()), e))?;
    std::fs::File::open(&staged).and_then(|f| f.sync_all()).map_err(|e| io("cannot write the copy to disk", e))?;
    let kept = if live.exists() {
        let kept = sibling(live, &format!(".before-restore-{now_ms}"));
        for suffix in ["-wal", "-shm"] {
            let side = sibling(live, suffix);
            if side.exists() {
                let to = sibling(&kept, suffix);
                std::fs::rename(&side, &to).map_err(|e| io(&format!("cannot move {}", side.display()), e))?;
            }
        }
        std::fs::rename(live, &kept).map_err(|e| io(&format!("cannot move {}", live.display()), e))?;
        Some(kept)
    } else {
        None
    };
    std::fs::rename(&staged, live)
        .map_err(|e| io(&format!("cannot put the copy in place of {}", live.display()), e))?;
    Ok(kept)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_of_a_sqlite_url() {
        assert_eq!(sqlite_file("sqlite://data/gatehouse.db?mode=rwc"), Some(PathBuf::from("data/gatehouse.db")));
        assert_eq!(sqlite_file("sqlite:/var/lib/g.db"), Some(PathBuf::from("/var/lib/g.db")));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://postgres@127.0.0.1/test"), None);
    }

    #[tokio::test]
    async fn a_backup_restores_the_database_it_copied_and_keeps_the_one_it_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("gatehouse.db");
        let url = format!("sqlite://{}?mode=rwc", live.display());
        let db = crate::db::connect(&url).await.unwrap();
        crate::db::migrate(&db).await.unwrap();
        let insert = |id: &'static str| {
            sqlx::query(
                "INSERT INTO users (id, email, username, display_username, name, password_hash, role, created_at, \
                 updated_at, password_changed_at) VALUES ($1, $1, $1, $1, $1, 'h', 'user', 1, 1, 1)",
            )
            .bind(id)
        };
        insert("first").execute(&db).await.unwrap();
        let copy = dir.path().join("backup.db");
        assert!(backup(&db, &copy).await.unwrap() > 0);
        assert!(backup(&db, &copy).await.unwrap_err().contains("exists already"));
        insert("second").execute(&db).await.unwrap();
        db.close().await;

        let checked = check(&copy).await.unwrap();
        assert_eq!(checked.accounts, 1);
        assert_eq!(checked.version, crate::db::newest_migration());
        let kept = swap_in(&copy, &live, 42).unwrap().unwrap();
        assert!(kept.ends_with("gatehouse.db.before-restore-42"));
        assert!(!dir.path().join("gatehouse.db.restoring").exists());

        let db = crate::db::connect(&url).await.unwrap();
        let ids: Vec<(String,)> = sqlx::query_as("SELECT id FROM users ORDER BY id").fetch_all(&db).await.unwrap();
        assert_eq!(ids, vec![("first".to_owned(),)], "the state of the backup");
        db.close().await;
        assert_eq!(check(&kept).await.unwrap().accounts, 2, "the replaced database is whole");
    }

    #[tokio::test]
    async fn what_is_not_an_intact_gatehouse_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a database at all, just some text ".repeat(200)).unwrap();
        assert!(check(&text).await.unwrap_err().contains("is not an SQLite database"));
        assert!(check(&dir.path().join("missing.db")).await.unwrap_err().contains("is not a file"));

        let other = dir.path().join("other.db");
        let db = crate::db::connect(&format!("sqlite://{}?mode=rwc", other.display())).await.unwrap();
        sqlx::query("CREATE TABLE t (x INTEGER)").execute(&db).await.unwrap();
        db.close().await;
        assert!(check(&other).await.unwrap_err().contains("is not a Gatehouse database"));

        let newer = dir.path().join("newer.db");
        let db = crate::db::connect(&format!("sqlite://{}?mode=rwc", newer.display())).await.unwrap();
        crate::db::migrate(&db).await.unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (99990101000001, 'from the future', 1, x'00', 0)",
        )
        .execute(&db)
        .await
        .unwrap();
        db.close().await;
        let e = check(&newer).await.unwrap_err();
        assert!(e.contains("comes from a newer Gatehouse"), "{e}");
    }
}
