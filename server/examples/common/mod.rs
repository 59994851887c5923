//! What the benchmarks share: their settings from the environment, a server process that
//! ends with them, an in-process server on a loopback port, and a server state with one
//! account and its personal access token.

#![allow(dead_code)] // each benchmark uses some of these

use std::{net::SocketAddr, process::Child};

/// `name` from the environment as a number, else `default`.
pub fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A `gatehouse serve` process, killed when this is dropped.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Serves `router` on a free loopback port of this process; its base URL.
pub async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
    });
    format!("http://{addr}")
}

/// A server state on a fresh SQLite data directory (removed when the returned guard drops),
/// with `extra` settings, on the system clock.
pub async fn bench_state(extra: &[(&str, &str)]) -> (app::server::AppState, tempfile::TempDir) {
    use platform::config::{Config, Sources};

    let dir = tempfile::tempdir().unwrap();
    let mut env = std::collections::BTreeMap::new();
    env.insert("GATEHOUSE_DATA_DIR".to_owned(), dir.path().display().to_string());
    env.insert("GATEHOUSE_COOKIE_SECURE".to_owned(), "false".to_owned());
    for (k, v) in extra {
        env.insert((*k).to_owned(), (*v).to_owned());
    }
    let config = Config::load(&Sources::new(None, env).unwrap()).unwrap();
    let options = leptos::prelude::LeptosOptions::builder().output_name("gatehouse").build();
    let state = server::build_state(config, options, platform::clock::Clock::system()).await.unwrap();
    (state, dir)
}

/// One account (`bench`) and a personal access token of it that never expires.
pub async fn account_with_token(state: &app::server::AppState, read_only: bool) -> String {
    use gatehouse_core::{
        accounts::{self, RegisterInput},
        principal::Principal,
        reauth, tokens,
    };
    use wire::{account::Role, password::PasswordPolicy, token::Expiry};

    let env = state.env();
    let meta = platform::request::ClientMeta::local("bench");
    let input =
        RegisterInput { name: "Bench", username: "bench", email: "bench@example.test", password: "bench passphrase 1" };
    let account = accounts::parse_new_account(&input, &PasswordPolicy::default()).unwrap();
    let user = accounts::create(&env, &account, input.password, Role::User, &meta).await.unwrap();
    let me = Principal::session(user, String::new());
    let owner = reauth::confirm_owner(&env, &me, input.password, None, &meta).await.unwrap();
    let made = tokens::create(
        &env,
        &owner,
        tokens::CreateInput { name: "bench", ignore_two_factor: false, read_only, expiry: Expiry::Never },
        &meta,
    )
    .await
    .unwrap();
    made.token
}
