//! What service tests need: a platform over a test database (a fresh key, an outbox nobody
//! reads, settings read afresh every time) and the mail it queued.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use platform::{db::Db, mail::OutgoingMail, Env, Platform};

use crate::sessions::Timeouts;

pub struct TestEnv {
    pub platform: Platform,
}

impl TestEnv {
    pub const TIMEOUTS: Timeouts = Timeouts { idle_ms: 60_000, lifetime_ms: 3_600_000 };

    pub fn new(db: &Db) -> TestEnv {
        TestEnv { platform: platform::env::for_tests(db) }
    }

    /// The environment of a request made at `now`.
    pub fn at(&self, now: i64) -> Env<'_> {
        self.platform.env_at(now)
    }

    /// The next queued message, opened.
    pub async fn next_mail(&self, now: i64) -> Option<OutgoingMail> {
        let db = &self.platform.db;
        let claimed = platform::mail::queue::claim(db, now).await.unwrap()?;
        platform::mail::queue::mark_sent(db, &claimed.id, now).await.unwrap();
        Some(self.platform.mailer.open(&claimed.mail).unwrap())
    }
}
