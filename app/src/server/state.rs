//! `AppState`: everything a request needs, built once at start-up.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use super::{clock::Clock, config::Config, db::Db, settings};
use crate::{
    auth::service::Deps,
    error::AppError,
    mail::sender::Mailer,
    password::{hasher::PasswordHasher, rules::PasswordPolicy},
    sessions::service::Timeouts,
};

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub hasher: PasswordHasher,
    pub mailer: Mailer,
    /// The API's hot path: recently checked tokens and batched per-token call counts.
    pub api: Arc<ApiHotPath>,
}

pub struct ApiHotPath {
    pub tokens: crate::tokens::service::TokenCache,
    pub limiter: super::ratelimit::Batched,
}

impl ApiHotPath {
    /// Tokens are re-read at least every two seconds; call counts reach the database every
    /// ten calls or every second.
    pub fn new() -> Self {
        ApiHotPath {
            tokens: crate::tokens::service::TokenCache::new(2_000),
            limiter: super::ratelimit::Batched::new(10),
        }
    }
}

impl Default for ApiHotPath {
    fn default() -> Self {
        Self::new()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    pub fn timeouts(&self) -> Timeouts {
        Timeouts { idle_ms: self.config.session_idle_ms, lifetime_ms: self.config.session_lifetime_ms }
    }

    /// What services need from the server, with the clock read once.
    pub fn deps(&self) -> Deps<'_> {
        Deps {
            db: &self.db,
            hasher: &self.hasher,
            mailer: &self.mailer,
            public_url: &self.config.public_url,
            key: &self.config.secret_key,
            timeouts: self.timeouts(),
            now: self.now(),
        }
    }

    /// The password policy in force (read from the database: an admin's change reaches every
    /// instance at once).
    pub async fn password_policy(&self) -> Result<PasswordPolicy, AppError> {
        settings::get(&self.db, settings::PASSWORD_POLICY).await
    }
}
