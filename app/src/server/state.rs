//! `AppState`: everything a request needs, built once at start-up.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use super::{clock::Clock, config::Config, db::Db};
use crate::{mail::sender::Mailer, password::hasher::PasswordHasher};

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub hasher: PasswordHasher,
    pub mailer: Mailer,
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
}
