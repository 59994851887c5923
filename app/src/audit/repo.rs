//! SQL for the `audit_log` table.

use super::AuditEvent;
use crate::server::{crypto::new_id, db::Db, request::ClientMeta};

/// One entry to write.
pub struct Entry<'a> {
    /// The account it concerns (None when no account matched).
    pub user_id: Option<&'a str>,
    /// Who did it, when that is not the account's owner (an admin, say).
    pub actor_id: Option<&'a str>,
    pub event: AuditEvent,
    pub meta: &'a ClientMeta,
    /// Extra facts as JSON; never a secret.
    pub detail: serde_json::Value,
}

pub async fn record(db: &Db, e: Entry<'_>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (id, user_id, actor_id, event, ip, user_agent, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(e.user_id)
    .bind(e.actor_id)
    .bind(e.event.as_str())
    .bind(&e.meta.ip)
    .bind(&e.meta.user_agent)
    .bind(e.detail.to_string())
    .bind(now)
    .execute(db)
    .await
    .map(|_| ())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub id: String,
    pub user_id: Option<String>,
    pub actor_id: Option<String>,
    pub event: String,
    pub ip: String,
    pub user_agent: String,
    pub detail: String,
    pub created_at: i64,
}

/// The newest entries about one account.
pub async fn for_user(db: &Db, user_id: &str, limit: i64) -> Result<Vec<AuditRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, user_id, actor_id, event, ip, user_agent, detail, created_at FROM audit_log \
         WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::repo;
    use crate::server::db::testing;

    #[tokio::test]
    async fn records_and_lists_per_account() {
        for t in testing::all().await {
            let db = &t.db;
            let user = repo::test_row("u1", "ada", "ada@example.com");
            repo::insert(db, &user).await.unwrap();
            let meta = ClientMeta { ip: "192.0.2.1".into(), user_agent: "test".into() };
            for (event, at) in [(AuditEvent::SignedIn, 10), (AuditEvent::SignedOut, 20)] {
                record(
                    db,
                    Entry { user_id: Some("u1"), actor_id: None, event, meta: &meta, detail: serde_json::json!({}) },
                    at,
                )
                .await
                .unwrap();
            }
            record(
                db,
                Entry {
                    user_id: None,
                    actor_id: None,
                    event: AuditEvent::SignInFailed,
                    meta: &meta,
                    detail: serde_json::json!({}),
                },
                30,
            )
            .await
            .unwrap();
            let rows = for_user(db, "u1", 10).await.unwrap();
            let events: Vec<&str> = rows.iter().map(|r| r.event.as_str()).collect();
            assert_eq!(events, vec!["signed_out", "signed_in"], "{:?}", t.backend);
            assert_eq!(rows[0].ip, "192.0.2.1");
            t.close().await;
        }
    }
}
