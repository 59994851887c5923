//! Requests per second of `GET /api/v1/me` with a personal access token, beside a bare axum
//! JSON handler, in the same process and run. On demand, not part of the tests:
//!
//! ```text
//! make bench                      # cargo run --release -p server --example api_bench
//! BENCH_SECONDS=10 BENCH_ROUNDS=7 BENCH_CONNECTIONS=64 make bench-api
//! ```
//!
//! The bare handler and `/api/v1/me` alternate for `BENCH_ROUNDS` rounds (5) of
//! `BENCH_SECONDS` (5) each; the figure is the median of the rounds' ratios.
//!
//! Both servers run on one multi-thread runtime; the load comes from `BENCH_CONNECTIONS`
//! keep-alive clients in the same process, so the figures compare the two paths, not the
//! machine's network stack.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark: a failure should stop it

mod common;

use common::{account_with_token, bench_state, serve, setting};

use std::{
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

/// Hits `url` from `connections` clients for `seconds`; returns requests per second.
async fn load(url: &str, token: Option<&str>, connections: u64, seconds: u64) -> f64 {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (stop, done, url) = (stop.clone(), done.clone(), url.to_owned());
        let token = token.map(str::to_owned);
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder().pool_max_idle_per_host(1).build().unwrap();
            while !stop.load(Ordering::Relaxed) {
                let mut req = client.get(&url);
                if let Some(t) = &token {
                    req = req.bearer_auth(t);
                }
                let res = req.send().await.unwrap();
                assert!(res.status().is_success(), "{} answered {}", url, res.status());
                res.bytes().await.unwrap();
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    // Warm up, then count.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let start_count = done.load(Ordering::Relaxed);
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let counted = done.load(Ordering::Relaxed) - start_count;
    let elapsed = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.unwrap();
    }
    counted as f64 / elapsed
}

#[tokio::main]
async fn main() {
    let seconds = setting("BENCH_SECONDS", 5);
    let rounds = setting("BENCH_ROUNDS", 5).max(1);
    let connections = setting("BENCH_CONNECTIONS", 32);
    // The per-token limit would stop the load after a few hundred calls.
    let (state, _dir) = bench_state(&[("GATEHOUSE_API_CALLS_PER_MINUTE", "100000000")]).await;
    // One account and one read-only token.
    let token = account_with_token(&state, true).await;

    let app_url = serve(server::router(state.clone())).await;
    let bare_url = serve(axum::Router::new().route(
        "/bare",
        axum::routing::get(|| async {
            axum::Json(serde_json::json!({ "id": "0123456789abcdef", "username": "bench" }))
        }),
    ))
    .await;

    // The machine's speed drifts from one second to the next: the two are measured in turns,
    // and the median of the rounds' ratios is the figure.
    println!("{connections} connections, {seconds} s per measure, {rounds} rounds, release build\n");
    let mut ratios = Vec::new();
    for round in 1..=rounds {
        let bare = load(&format!("{bare_url}/bare"), None, connections, seconds).await;
        let api = load(&format!("{app_url}/api/v1/me"), Some(&token), connections, seconds).await;
        println!(
            "round {round}: bare axum JSON handler {bare:>7.0} req/s, GET /api/v1/me with a token {api:>7.0} req/s, ratio {:.2}",
            api / bare
        );
        ratios.push(api / bare);
    }
    ratios.sort_by(f64::total_cmp);
    println!("ratio (median of {rounds} rounds)   {:>6.2}", ratios[ratios.len() / 2]);
}
