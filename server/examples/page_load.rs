//! Pages under load: `BENCH_CONNECTIONS` connections (64) render `/account/security` (signed
//! in) and `/signin` for `BENCH_SECONDS` (30) against one release `gatehouse serve`, started
//! here as its own process on loopback with a fresh data directory. Every request must be
//! answered, none slower than five seconds; prints the count, p50, p99 and the slowest.
//!
//! ```text
//! make bench-pages        # cargo leptos build --release, then this
//! ```
//!
//! The load generator runs in this process, on the same cores as the server.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark: a failure should stop it

mod common;

use common::{setting, Server};

use std::{
    process::{Command, ExitCode, Stdio},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start(bin: &str, data: &std::path::Path) -> (Server, String) {
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let child = Command::new(bin)
        .arg("serve")
        .env("GATEHOUSE_DATA_DIR", data)
        .env("GATEHOUSE_LISTEN", format!("127.0.0.1:{port}"))
        .env("GATEHOUSE_PUBLIC_URL", &base)
        .env("GATEHOUSE_COOKIE_SECURE", "false")
        .env("LEPTOS_SITE_ROOT", std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
        .env("LEPTOS_ENV", "PROD")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin} (build it with `cargo leptos build --release`): {e}"));
    let server = Server(child);
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if client.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
            return (server, base);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{bin} did not answer /healthz within ten seconds");
}

/// Registers an account and returns its session cookie.
async fn session_cookie(base: &str) -> String {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let res = client
        .post(format!("{base}/fn/register"))
        .form(&[
            ("name", "Load Test"),
            ("username", "loadtest"),
            ("email", "loadtest@example.test"),
            ("password", "load test passphrase 1"),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success() || res.status().is_redirection(), "register: {}", res.status());
    let cookie = res.headers().get("set-cookie").expect("a session cookie").to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

#[derive(Default)]
struct Tally {
    /// Latencies of answered requests, in microseconds.
    micros: Vec<u64>,
    failures: Vec<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let seconds = setting("BENCH_SECONDS", 30);
    let connections = setting("BENCH_CONNECTIONS", 64);
    let bin = std::env::var("GATEHOUSE_BIN").unwrap_or_else(|_| "target/release/gatehouse".into());
    let data = tempfile::tempdir().unwrap();
    let (_server, base) = start(&bin, data.path()).await;
    let cookie = session_cookie(&base).await;

    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for n in 0..connections {
        let (stop, base, cookie) = (stop.clone(), base.clone(), cookie.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .timeout(Duration::from_secs(5))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let mut tally = Tally::default();
            let mut i = n;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let (path, signed_in) = if i % 2 == 0 { ("/account/security", true) } else { ("/signin", false) };
                let mut req = client.get(format!("{base}{path}")).header("accept", "text/html");
                if signed_in {
                    req = req.header("cookie", &cookie);
                }
                let started = Instant::now();
                match req.send().await {
                    Ok(res) if res.status().is_success() => match res.bytes().await {
                        Ok(body) if !body.is_empty() => tally.micros.push(started.elapsed().as_micros() as u64),
                        Ok(_) => tally.failures.push(format!("{path}: empty page")),
                        Err(e) => tally.failures.push(format!("{path}: {e}")),
                    },
                    Ok(res) => tally.failures.push(format!("{path}: {}", res.status())),
                    Err(e) => tally.failures.push(format!("{path}: {e}")),
                }
            }
            tally
        }));
    }
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Tally::default();
    for t in tasks {
        let t = t.await.unwrap();
        all.micros.extend(t.micros);
        all.failures.extend(t.failures);
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.micros.sort_unstable();
    let at = |q: f64| all.micros.get(((all.micros.len() as f64 - 1.0) * q) as usize).copied().unwrap_or(0);
    let ms = |us: u64| us as f64 / 1000.0;
    println!("{connections} connections, {seconds} s, /account/security (signed in) and /signin, release build\n");
    println!("answered      {:>8}  ({:.0} pages/s)", all.micros.len(), all.micros.len() as f64 / elapsed);
    println!("failed        {:>8}", all.failures.len());
    println!("p50           {:>8.1} ms", ms(at(0.50)));
    println!("p99           {:>8.1} ms", ms(at(0.99)));
    println!("slowest       {:>8.1} ms", ms(all.micros.last().copied().unwrap_or(0)));
    for f in all.failures.iter().take(10) {
        println!("  {f}");
    }
    let too_slow = all.micros.last().is_some_and(|&m| m > 5_000_000);
    if all.failures.is_empty() && !too_slow && !all.micros.is_empty() {
        ExitCode::SUCCESS
    } else {
        println!("FAILED: every request must be answered, none slower than 5 s");
        ExitCode::FAILURE
    }
}
