//! The mail queue: enqueue, claim (atomically, so two instances never send one message twice
//! at once), and record the outcome with exponential back-off.

use super::OutgoingMail;
use crate::{crypto::new_id, db::Db};

/// How long a claimed message stays reserved for its sender.
pub const CLAIM_MS: i64 = 120_000;
/// Retry delays grow from 30 s and stop growing at one hour; a message is never dropped.
pub const FIRST_RETRY_MS: i64 = 30_000;
pub const MAX_RETRY_MS: i64 = 3_600_000;

pub fn retry_delay_ms(attempts: i64) -> i64 {
    let shift = attempts.clamp(1, 20) - 1;
    (FIRST_RETRY_MS << shift).min(MAX_RETRY_MS)
}

pub async fn enqueue(db: &Db, mail: &OutgoingMail, now: i64) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO mail_queue (id, to_addr, subject, text_body, html_body, created_at, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(&id)
    .bind(&mail.to)
    .bind(&mail.subject)
    .bind(&mail.text)
    .bind(&mail.html)
    .bind(now)
    .execute(db)
    .await?;
    Ok(id)
}

/// A claimed message.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: String,
    pub attempts: i64,
    pub mail: OutgoingMail,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    to_addr: String,
    subject: String,
    text_body: String,
    html_body: String,
    attempts: i64,
}

/// Claims the oldest due message, if any. The `WHERE` is checked again by the `UPDATE`
/// itself, so of two instances racing for one row exactly one gets it.
pub async fn claim(db: &Db, now: i64) -> Result<Option<Claimed>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "UPDATE mail_queue SET locked_until = $2, attempts = attempts + 1 \
         WHERE id = (SELECT id FROM mail_queue \
                     WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= $1 \
                       AND (locked_until IS NULL OR locked_until <= $1) \
                     ORDER BY next_attempt_at, created_at LIMIT 1) \
           AND sent_at IS NULL AND (locked_until IS NULL OR locked_until <= $1) \
         RETURNING id, to_addr, subject, text_body, html_body, attempts",
    )
    .bind(now)
    .bind(now + CLAIM_MS)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| Claimed {
        id: r.id,
        attempts: r.attempts,
        mail: OutgoingMail { to: r.to_addr, subject: r.subject, text: r.text_body, html: r.html_body },
    }))
}

pub async fn mark_sent(db: &Db, id: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE mail_queue SET sent_at = $2, locked_until = NULL, last_error = NULL, text_body = '', html_body = '' \
         WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(db)
    .await
    .map(|_| ())
}

/// Tries before a message is given up: 30 s, doubling to hourly, about five hours in all.
pub const MAX_ATTEMPTS: i64 = 10;

/// Whether a failed try can ever succeed when repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The server, the network: tried again later (until [`MAX_ATTEMPTS`]).
    Transient,
    /// The message itself (an address the transport refuses, a body that cannot be opened).
    Permanent,
}

/// Records a failed try: the message comes back after its delay, or, when the failure is
/// permanent or the tries are used up, is given up (its body blanked). Returns true when it
/// was given up.
pub async fn mark_failed(db: &Db, c: &Claimed, error: &str, failure: Failure, now: i64) -> Result<bool, sqlx::Error> {
    let error: String = error.chars().take(500).collect();
    let give_up = failure == Failure::Permanent || c.attempts >= MAX_ATTEMPTS;
    if give_up {
        sqlx::query(
            "UPDATE mail_queue SET locked_until = NULL, last_error = $2, given_up_at = $3, text_body = '', html_body = '' \
             WHERE id = $1",
        )
        .bind(&c.id)
        .bind(error)
        .bind(now)
        .execute(db)
        .await?;
    } else {
        sqlx::query("UPDATE mail_queue SET locked_until = NULL, next_attempt_at = $2, last_error = $3 WHERE id = $1")
            .bind(&c.id)
            .bind(now + retry_delay_ms(c.attempts))
            .bind(error)
            .execute(db)
            .await?;
    }
    Ok(give_up)
}

pub const GIVEN_UP: &str = "SELECT COUNT(*) FROM mail_queue WHERE given_up_at IS NOT NULL";
pub const PURGE_SENT: &str = "DELETE FROM mail_queue WHERE sent_at IS NOT NULL AND sent_at < $1";

/// Messages given up, for the administrators.
pub async fn given_up(db: &Db) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(GIVEN_UP).fetch_one(db).await?;
    Ok(n)
}

/// Messages still to be delivered (not given up).
pub async fn pending(db: &Db) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM mail_queue WHERE sent_at IS NULL AND given_up_at IS NULL")
        .fetch_one(db)
        .await?;
    Ok(n)
}

/// Messages still to be delivered, and when the oldest of them was queued.
pub async fn backlog(db: &Db) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as("SELECT COUNT(*), MIN(created_at) FROM mail_queue WHERE sent_at IS NULL AND given_up_at IS NULL")
        .fetch_one(db)
        .await
}

/// Forgets delivered messages older than `before` (their bodies may hold one-time links).
pub async fn purge_sent(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(PURGE_SENT).bind(before).execute(db).await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing;

    fn mail(to: &str) -> OutgoingMail {
        OutgoingMail { to: to.into(), subject: "Hello".into(), text: "text".into(), html: "<p>html</p>".into() }
    }

    #[test]
    fn back_off_doubles_then_caps_at_an_hour() {
        assert_eq!(retry_delay_ms(1), 30_000);
        assert_eq!(retry_delay_ms(2), 60_000);
        assert_eq!(retry_delay_ms(5), 480_000);
        assert_eq!(retry_delay_ms(9), MAX_RETRY_MS);
        assert_eq!(retry_delay_ms(1_000), MAX_RETRY_MS);
    }

    #[tokio::test]
    async fn a_failed_message_comes_back_after_its_delay_and_is_sent_once() {
        for t in testing::all().await {
            let db = &t.db;
            enqueue(db, &mail("a@example.test"), 1_000).await.unwrap();
            let c = claim(db, 1_000).await.unwrap().unwrap();
            assert_eq!((c.attempts, c.mail.to.as_str()), (1, "a@example.test"));
            assert!(claim(db, 1_000).await.unwrap().is_none(), "claimed messages are reserved");

            assert!(!mark_failed(db, &c, "connection refused", Failure::Transient, 1_000).await.unwrap());
            assert!(claim(db, 1_000 + FIRST_RETRY_MS - 1).await.unwrap().is_none());
            let again = claim(db, 1_000 + FIRST_RETRY_MS).await.unwrap().unwrap();
            assert_eq!(again.attempts, 2);
            mark_sent(db, &again.id, 40_000).await.unwrap();
            assert!(claim(db, 10_000_000).await.unwrap().is_none(), "{:?}", t.backend);
            assert_eq!(pending(db).await.unwrap(), 0);
            assert_eq!(purge_sent(db, 50_000).await.unwrap(), 1);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_message_is_given_up_when_it_never_can_go_or_its_tries_are_used_up() {
        for t in testing::all().await {
            let db = &t.db;
            // Permanent: at once.
            enqueue(db, &mail("a@example.test"), 0).await.unwrap();
            let c = claim(db, 0).await.unwrap().unwrap();
            assert!(mark_failed(db, &c, "invalid address", Failure::Permanent, 0).await.unwrap());
            // Transient: after MAX_ATTEMPTS tries.
            enqueue(db, &mail("b@example.test"), 0).await.unwrap();
            let mut now = 0;
            for attempt in 1..=MAX_ATTEMPTS {
                let c = claim(db, now).await.unwrap().expect("due again");
                assert_eq!(c.attempts, attempt);
                let gave_up = mark_failed(db, &c, "connection refused", Failure::Transient, now).await.unwrap();
                assert_eq!(gave_up, attempt == MAX_ATTEMPTS, "{:?}", t.backend);
                now += MAX_RETRY_MS;
            }
            assert!(claim(db, i64::MAX / 2).await.unwrap().is_none(), "never claimed again");
            assert_eq!((pending(db).await.unwrap(), given_up(db).await.unwrap()), (0, 2));
            let bodies: Vec<(String, String)> =
                sqlx::query_as("SELECT text_body, html_body FROM mail_queue").fetch_all(db).await.unwrap();
            assert!(bodies.iter().all(|(t, h)| t.is_empty() && h.is_empty()), "bodies blanked");
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_claim_that_outlives_its_sender_is_taken_over() {
        for t in testing::all().await {
            enqueue(&t.db, &mail("a@example.test"), 0).await.unwrap();
            let first = claim(&t.db, 0).await.unwrap().unwrap();
            // The first sender died without a word; after the claim expires another takes it.
            let second = claim(&t.db, CLAIM_MS).await.unwrap().unwrap();
            assert_eq!((first.id.as_str(), second.attempts), (second.id.as_str(), 2));
            t.close().await;
        }
    }

    #[tokio::test]
    async fn concurrent_senders_never_claim_the_same_message() {
        for t in testing::all().await {
            for i in 0..10 {
                enqueue(&t.db, &mail(&format!("u{i}@example.test")), 0).await.unwrap();
            }
            let tasks: Vec<_> = (0..4)
                .map(|_| {
                    let db = t.db.clone();
                    tokio::spawn(async move {
                        let mut got = Vec::new();
                        while let Some(c) = claim(&db, 0).await.unwrap() {
                            got.push(c.id);
                        }
                        got
                    })
                })
                .collect();
            let mut all = Vec::new();
            for task in tasks {
                all.extend(task.await.unwrap());
            }
            let count = all.len();
            all.sort();
            all.dedup();
            assert_eq!((count, all.len()), (10, 10), "{:?}", t.backend);
            t.close().await;
        }
    }
}
