//! Password logins per second over the HTTP API, beside argon2id-only verifications per second
//! with the same hasher (same crate, same parameters, same cores), in one run; then what a
//! login flood does to other requests.
//!
//! ```text
//! make bench                      # cargo run --release -p server --example login_bench (and the others)
//! BENCH_SECONDS=10 BENCH_ROUNDS=5 BENCH_CONNECTIONS=64 cargo run --release -p server --example login_bench
//! ```
//!
//! 1 and 2 alternate for `BENCH_ROUNDS` rounds (3) of `BENCH_SECONDS` (5) each; the figure is
//! the median of the rounds' ratios.
//!
//! 1. argon2id only: `cores` tasks verify the account's password hash in a loop (the hasher
//!    runs at most one hash per core at a time, as in the server).
//! 2. logins: `BENCH_CONNECTIONS` clients `POST /api/v1/auth/login` with the right password in
//!    a loop; every answer must be 200. Each client signs in to its own account, each request
//!    from its own address (in `X-Forwarded-For`, RFC 2544's benchmarking range, with proxy
//!    headers trusted), so the sign-in limits measure nothing here; nothing is sent to those
//!    addresses.
//! 3. the flood and the rest: during another login flood, one client reads `GET /api/v1/me`
//!    with a token; its latency is printed beside the same reads without the flood.
//!
//! The load generator runs in this process, on the same cores as the server.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark: a failure should stop it

mod common;

use common::setting;

use std::{
    collections::BTreeMap,
    net::SocketAddr,
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use gatehouse_core::{
    accounts::{self, RegisterInput},
    principal::Principal,
    reauth, tokens,
};
use leptos::prelude::LeptosOptions;
use platform::{
    clock::Clock,
    config::{Config, Sources},
    request::ClientMeta,
};
use wire::{account::Role, password::PasswordPolicy, token::Expiry};

const PASSWORD: &str = "bench passphrase 1";

/// Runs `work` on `tasks` tasks for `seconds` after a short warm-up; returns completions per second.
async fn rate<F, Fut>(tasks: u64, seconds: u64, work: F) -> f64
where
    F: Fn(u64) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let handles: Vec<_> = (0..tasks)
        .map(|n| {
            let (stop, done, work) = (stop.clone(), done.clone(), work.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    work(n).await;
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (start_count, started) = (done.load(Ordering::Relaxed), Instant::now());
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let counted = done.load(Ordering::Relaxed) - start_count;
    let elapsed = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for h in handles {
        h.await.unwrap();
    }
    counted as f64 / elapsed
}

/// Latencies of `GET /api/v1/me` from one client for `seconds`: (p50, p99, max) in ms.
async fn probe(url: &str, token: &str, seconds: u64) -> (f64, f64, f64) {
    let client = reqwest::Client::new();
    let mut micros = Vec::new();
    let until = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < until {
        let started = Instant::now();
        let res = client.get(url).bearer_auth(token).send().await.unwrap();
        assert!(res.status().is_success(), "probe answered {}", res.status());
        res.bytes().await.unwrap();
        micros.push(started.elapsed().as_micros() as f64);
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    micros.sort_by(f64::total_cmp);
    let at = |q: f64| micros[((micros.len() as f64 - 1.0) * q) as usize] / 1000.0;
    (at(0.5), at(0.99), micros[micros.len() - 1] / 1000.0)
}

#[tokio::main]
async fn main() {
    let seconds = setting("BENCH_SECONDS", 5);
    let rounds = setting("BENCH_ROUNDS", 3).max(1);
    let connections = setting("BENCH_CONNECTIONS", 32);
    let cores = std::thread::available_parallelism().map(|n| n.get() as u64).unwrap_or(2);
    let dir = tempfile::tempdir().unwrap();
    let mut env = BTreeMap::new();
    env.insert("GATEHOUSE_DATA_DIR".to_owned(), dir.path().display().to_string());
    env.insert("GATEHOUSE_COOKIE_SECURE".to_owned(), "false".to_owned());
    env.insert("GATEHOUSE_TRUST_PROXY_HEADERS".to_owned(), "true".to_owned());
    env.insert("GATEHOUSE_API_CALLS_PER_MINUTE".to_owned(), "100000000".to_owned());
    let config = Config::load(&Sources::new(None, env).unwrap()).unwrap();
    let state = server::build_state(config, LeptosOptions::builder().output_name("gatehouse").build(), Clock::system())
        .await
        .unwrap();

    // One account per client (one account's sign-ins in flight count against its limit of
    // ten, as guesses would), and a token for the probe.
    let env = state.env();
    let meta = ClientMeta::local("bench");
    let mut users = Vec::new();
    for n in 0..connections {
        let (username, email) = (format!("bench{n}"), format!("bench{n}@example.test"));
        let input = RegisterInput { name: "Bench", username: &username, email: &email, password: PASSWORD };
        let account = accounts::parse_new_account(&input, &PasswordPolicy::default()).unwrap();
        users.push(accounts::create(&env, &account, PASSWORD, Role::User, &meta).await.unwrap());
    }
    let user = users.swap_remove(0);
    let me = Principal::session(user.clone(), String::new());
    let owner = reauth::confirm_owner(&env, &me, PASSWORD, None, &meta).await.unwrap();
    let input = tokens::CreateInput { name: "probe", ignore_two_factor: false, read_only: true, expiry: Expiry::Never };
    let token = tokens::create(&env, &owner, input, &meta).await.unwrap().token;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = server::router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    println!("{seconds} s per measure, {cores} cores, release build\n");

    // 1. argon2id only, with the server's own hasher.
    let (hasher, hash) = (state.core.platform.hasher.clone(), user.password_hash.clone());
    let argon = move || {
        let (hasher, hash) = (hasher.clone(), hash.clone());
        move |_| {
            let (hasher, hash) = (hasher.clone(), hash.clone());
            async move { assert!(hasher.verify(PASSWORD, Some(&hash)).await.unwrap()) }
        }
    };

    // 2. Password logins over HTTP.
    // Every request from the next address of 198.18.0.0/15, so the per-IP limit (100 attempts
    // in 15 minutes) never answers: 131,072 addresses, a few thousand requests.
    let sent = Arc::new(AtomicU64::new(0));
    let login = |base: String| {
        // One pool; each task keeps its own connection alive in it.
        let client = reqwest::Client::builder().pool_max_idle_per_host(connections as usize).build().unwrap();
        let sent = sent.clone();
        move |n: u64| {
            let (url, client) = (format!("{base}/api/v1/auth/login"), client.clone());
            let k = sent.fetch_add(1, Ordering::Relaxed) % (1 << 17);
            async move {
                let res = client
                    .post(url)
                    .header("x-forwarded-for", format!("198.{}.{}.{}", 18 + k / 65_536, k / 256 % 256, k % 256))
                    .json(&serde_json::json!({ "identifier": format!("bench{n}"), "password": PASSWORD }))
                    .send()
                    .await
                    .unwrap();
                assert!(res.status().is_success(), "login answered {}", res.status());
                res.bytes().await.unwrap();
            }
        }
    };
    // The machine's speed drifts from one second to the next (other tenants, clocks): the two
    // are measured in turns, and the median of the rounds' ratios is the figure.
    let mut ratios = Vec::new();
    for round in 1..=rounds {
        let hashes = rate(cores, seconds, argon()).await;
        let logins = rate(connections, seconds, login(base.clone())).await;
        println!(
            "round {round}: argon2id verifications {hashes:>6.1} /s, password logins over HTTP {logins:>6.1} /s \
             ({connections} clients), ratio {:.2}",
            logins / hashes
        );
        ratios.push(logins / hashes);
    }
    ratios.sort_by(f64::total_cmp);
    println!("ratio (median of {rounds} rounds)   {:>6.2}", ratios[ratios.len() / 2]);

    // 3. Other requests during a flood.
    let me_url = format!("{base}/api/v1/me");
    let (p50, p99, max) = probe(&me_url, &token, seconds.min(5)).await;
    println!("\nGET /api/v1/me alone         p50 {p50:>6.1} ms  p99 {p99:>6.1} ms  max {max:>6.1} ms");
    let flood = tokio::spawn(rate(connections, seconds.min(5) + 1, login(base.clone())));
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let (p50, p99, max) = probe(&me_url, &token, seconds.min(5)).await;
    flood.await.unwrap();
    println!("GET /api/v1/me during flood  p50 {p50:>6.1} ms  p99 {p99:>6.1} ms  max {max:>6.1} ms");
}
