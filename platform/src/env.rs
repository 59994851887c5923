//! What every service gets: the database, the password hasher, the mailer, the public URL, the
//! server key, the settings cache and the clock, built once at start-up ([`Platform`]), and
//! handed to a service with the clock read once for the request ([`Env`]).

use wire::error::AppError;

use crate::{
    audit::{self, AuditEvent},
    clock::Clock,
    config::PublicUrl,
    crypto::SecretKey,
    db::Db,
    hasher::PasswordHasher,
    mail::{sender::Mailer, OutgoingMail},
    metrics::Metrics,
    request::ClientMeta,
    settings::{Key, Settings, Value},
    tasks::Tasks,
};

/// The platform, built once at start-up. Cheap to clone.
#[derive(Clone)]
pub struct Platform {
    pub db: Db,
    pub hasher: PasswordHasher,
    pub mailer: Mailer,
    /// Every link in a mail starts with this, never with a request's Host.
    pub public_url: PublicUrl,
    /// The server key: seals TOTP secrets and queued mail, keys the digests of mailed codes.
    pub key: SecretKey,
    pub settings: std::sync::Arc<Settings>,
    pub clock: Clock,
    /// Work requests start without waiting for it.
    pub tasks: Tasks,
    /// What `GET /metrics` reports (the hasher reports to the same).
    pub metrics: std::sync::Arc<Metrics>,
}

impl Platform {
    /// The environment of one request (or job), with the clock read now.
    pub fn env(&self) -> Env<'_> {
        self.env_at(self.clock.now_ms())
    }

    pub fn env_at(&self, now: i64) -> Env<'_> {
        Env {
            db: &self.db,
            hasher: &self.hasher,
            mailer: &self.mailer,
            public_url: &self.public_url,
            key: &self.key,
            settings: &self.settings,
            tasks: &self.tasks,
            metrics: &self.metrics,
            now,
        }
    }
}

/// What a service needs from the server, with the time of the request.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    pub db: &'a Db,
    pub hasher: &'a PasswordHasher,
    pub mailer: &'a Mailer,
    pub public_url: &'a PublicUrl,
    pub key: &'a SecretKey,
    pub settings: &'a Settings,
    pub tasks: &'a Tasks,
    pub metrics: &'a Metrics,
    pub now: i64,
}

impl Env<'_> {
    /// The setting `key` in force (from this instance's cache; see [`Settings`]).
    pub async fn setting<T: Value>(&self, key: Key<T>) -> Result<T, AppError> {
        self.settings.get(self.db, key, self.now).await
    }

    /// Saves the setting `key`.
    pub async fn put_setting<T: Value>(&self, key: Key<T>, value: &T) -> Result<(), AppError> {
        self.settings.put(self.db, key, value, self.now).await
    }

    /// Writes an audit entry about the account `user_id`, done by its owner (`actor` None) or by
    /// an administrator.
    pub async fn audit(
        &self,
        user_id: &str,
        actor: Option<&str>,
        event: AuditEvent,
        detail: serde_json::Value,
        meta: &ClientMeta,
    ) -> Result<(), AppError> {
        self.record(audit::Entry { user_id: Some(user_id), actor_id: actor, event, meta, detail }).await
    }

    /// Writes any audit entry (one about no account, say).
    pub async fn record(&self, entry: audit::Entry<'_>) -> Result<(), AppError> {
        audit::record(self.db, entry, self.now).await?;
        Ok(())
    }

    /// Queues a message (the sender delivers it; the caller never waits on SMTP).
    pub async fn mail(&self, mail: &OutgoingMail) -> Result<(), AppError> {
        self.mailer.queue(self.db, mail, self.now).await.map(|_| ())
    }

    /// A link to `path` under the public URL.
    pub fn link(&self, path: &str) -> String {
        self.public_url.link(path)
    }
}

/// A platform for tests: a fresh key, a file outbox that is never read (tests read the queue)
/// and a settings cache that reads the database every time.
#[cfg(any(test, feature = "test-support"))]
#[allow(clippy::expect_used)]
pub fn for_tests(db: &Db) -> Platform {
    let key = SecretKey::generate();
    let metrics = std::sync::Arc::new(Metrics::default());
    Platform {
        db: db.clone(),
        hasher: PasswordHasher::new(PasswordHasher::owasp_params(), 2).expect("hasher").reporting_to(metrics.clone()),
        mailer: Mailer::new(
            crate::mail::transport::Transport::outbox(std::env::temp_dir().join("gatehouse-unused-outbox")),
            key.clone(),
        ),
        public_url: PublicUrl::parse("https://id.example.test").expect("url"),
        key,
        settings: std::sync::Arc::new(Settings::new(0)),
        clock: Clock::manual(1_000),
        tasks: Tasks::new(),
        metrics,
    }
}
