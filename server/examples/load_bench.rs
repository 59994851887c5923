//! Many people at once: `BENCH_USERS` (200) simulated people do mixed account work for
//! `BENCH_SECONDS` (60) against one release `gatehouse serve` on SQLite, then against two on
//! one PostgreSQL database (`TEST_DATABASE_URL`, as the tests; each request of a person goes to
//! the instance after the one of their previous request). On demand, not part of the tests:
//!
//! ```text
//! make bench-load          # cargo leptos build --release, then this
//! BENCH_USERS=50 BENCH_SECONDS=20 make bench-load
//! ```
//!
//! Each person registers (their browser's session), then until the time is up repeats: read
//! their Profile page, sign in over the API (every fifth round), `GET /api/v1/me`, rename
//! themselves with `PATCH /api/v1/me`, create a personal access token (password confirmed),
//! call the API with it and delete it, and every fourth round sign out and in again in the
//! browser. Every person comes from an address of their own (`X-Forwarded-For`, from a proxy
//! the servers trust), as behind a load balancer.
//!
//! Then every person's name is read back from the other instance: it must be the last one the
//! server acknowledged (a lost update otherwise), and no token may be left. Prints the count,
//! errors, lost updates, and p50/p99 per kind of request; fails on any error or lost update.
//! The load generator runs on the same cores as the servers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark: a failure should stop it

mod common;

use common::{setting, Server};

use std::{
    collections::BTreeMap,
    path::Path,
    process::{Command, ExitCode, Stdio},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use reqwest::{header, redirect::Policy, Client, Response};
use serde_json::{json, Value};

const PASSWORD: &str = "load test passphrase 1";
/// The key every instance shares (sessions, links and signed errors are valid on each).
const KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

async fn start(bin: &str, data: &Path, database_url: Option<&str>) -> (Server, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let child = Command::new(bin)
        .arg("serve")
        .envs(database_url.map(|u| ("DATABASE_URL", u)))
        .env("GATEHOUSE_SECRET_KEY", KEY)
        .env("GATEHOUSE_DATA_DIR", data)
        .env("GATEHOUSE_LISTEN", format!("127.0.0.1:{port}"))
        .env("GATEHOUSE_PUBLIC_URL", &base)
        .env("GATEHOUSE_COOKIE_SECURE", "false")
        .env("GATEHOUSE_TRUST_PROXY_HEADERS", "true")
        .env("GATEHOUSE_REGISTRATIONS_PER_IP_HOUR", "1000")
        .env("LEPTOS_SITE_ROOT", std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
        .env("LEPTOS_ENV", "PROD")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin} (build it with `cargo leptos build --release`): {e}"));
    let server = Server(child);
    for _ in 0..600 {
        if reqwest::get(format!("{base}/healthz")).await.is_ok_and(|r| r.status().is_success()) {
            return (server, base);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{bin} did not answer /healthz within a minute");
}

/// What the people saw.
#[derive(Default)]
struct Tally {
    /// Latency of each answered request by kind, in microseconds.
    micros: BTreeMap<&'static str, Vec<u64>>,
    errors: Vec<String>,
    lost: Vec<String>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        for (k, v) in other.micros {
            self.micros.entry(k).or_default().extend(v);
        }
        self.errors.extend(other.errors);
        self.lost.extend(other.lost);
    }
}

/// One simulated person.
struct Person {
    n: usize,
    username: String,
    browser: Client,
    bases: Arc<Vec<String>>,
    turn: usize,
    api_session: Option<String>,
    /// The last name the server acknowledged.
    name: Option<String>,
    tally: Tally,
}

impl Person {
    fn new(n: usize, bases: Arc<Vec<String>>) -> Person {
        let mut h = header::HeaderMap::new();
        // 198.18.0.0/15, the range set aside for benchmarks: a header value, never dialled.
        let addr = std::net::Ipv4Addr::from(0xC612_0000 + n as u32 + 1);
        h.insert("x-forwarded-for", header::HeaderValue::from_str(&addr.to_string()).unwrap());
        let browser = Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .default_headers(h)
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        Person {
            n,
            username: format!("load{n:04}"),
            browser,
            bases,
            turn: n,
            api_session: None,
            name: None,
            tally: Tally::default(),
        }
    }

    /// The instance of the next request: each in turn.
    fn base(&mut self) -> String {
        self.turn += 1;
        self.bases[self.turn % self.bases.len()].clone()
    }

    /// Sends, times, and checks the status; the body when it was as expected.
    async fn send(&mut self, kind: &'static str, req: reqwest::RequestBuilder) -> Option<Value> {
        let started = Instant::now();
        let res: Result<Response, _> = req.send().await;
        match res {
            Ok(res) if res.status().is_success() => {
                let text = res.text().await.unwrap_or_default();
                self.tally.micros.entry(kind).or_default().push(started.elapsed().as_micros() as u64);
                Some(serde_json::from_str(&text).unwrap_or(Value::String(text)))
            }
            Ok(res) => {
                let status = res.status();
                let body = res.text().await.unwrap_or_default();
                self.tally.errors.push(format!(
                    "{} {kind}: {status} {}",
                    self.username,
                    body.chars().take(200).collect::<String>()
                ));
                None
            }
            Err(e) => {
                self.tally.errors.push(format!("{} {kind}: {e}", self.username));
                None
            }
        }
    }

    async fn call(&mut self, kind: &'static str, name: &str, form: &[(&str, &str)]) -> Option<Value> {
        let url = format!("{}/fn/{name}", self.base());
        let req = self.browser.post(url).form(form);
        self.send(kind, req).await
    }

    async fn register(&mut self) -> bool {
        let (username, email) = (self.username.clone(), format!("{}@example.test", self.username));
        let form = [("name", "Load Person"), ("username", &username), ("email", &email), ("password", PASSWORD)];
        self.call("register", "register", &form).await.is_some()
    }

    async fn round(&mut self, i: usize) {
        let url = format!("{}/account/profile", self.base());
        let req = self.browser.get(url).header("accept", "text/html");
        if let Some(Value::String(page)) = self.send("page /account/profile", req).await {
            if !page.contains(&self.username) {
                self.tally.errors.push(format!("{}: the Profile page does not show the username", self.username));
            }
        }

        if self.api_session.is_none() || i.is_multiple_of(5) {
            let url = format!("{}/api/v1/auth/login", self.base());
            let req = self.browser.post(url).json(&json!({ "identifier": self.username, "password": PASSWORD }));
            self.api_session =
                self.send("POST /api/v1/auth/login", req).await.and_then(|v| v["token"].as_str().map(str::to_owned));
        }
        let Some(session) = self.api_session.clone() else { return };
        let url = format!("{}/api/v1/me", self.base());
        self.send("GET /api/v1/me", self.browser.get(url).bearer_auth(&session)).await;

        let name = format!("Load Person {} round {i}", self.n);
        let url = format!("{}/api/v1/me", self.base());
        let req = self.browser.patch(url).bearer_auth(&session).json(&json!({ "name": name }));
        if let Some(me) = self.send("PATCH /api/v1/me", req).await {
            if me["name"] != name.as_str() {
                self.tally.errors.push(format!("{}: PATCH answered {}", self.username, me["name"]));
            }
            self.name = Some(name);
        }

        let token_name = format!("load round {i}");
        let form = [("name", token_name.as_str()), ("scope", "read_only"), ("expires", "7"), ("password", PASSWORD)];
        if let Some(made) = self.call("create_token (password)", "create_token", &form).await {
            let (token, id) = (
                made["token"].as_str().unwrap_or_default().to_owned(),
                made["view"]["id"].as_str().unwrap_or_default().to_owned(),
            );
            let url = format!("{}/api/v1/me", self.base());
            self.send("GET /api/v1/me with the new token", self.browser.get(url).bearer_auth(&token)).await;
            self.call("delete_token", "delete_token", &[("id", &id)]).await;
        }

        if i % 4 == 3 {
            self.call("sign_out", "sign_out", &[]).await;
            let username = self.username.clone();
            self.call("sign_in", "sign_in", &[("identifier", &username), ("password", PASSWORD)]).await;
        }
    }

    /// After the run, from another instance: the last acknowledged name, and no token left.
    async fn check(&mut self) {
        self.turn += 1;
        let Some(session) = self.api_session.clone() else { return };
        let url = format!("{}/api/v1/me", self.base());
        let me = self.send("check", self.browser.get(url).bearer_auth(&session)).await;
        if let (Some(me), Some(name)) = (me, &self.name) {
            if me["name"] != name.as_str() {
                self.tally
                    .lost
                    .push(format!("{}: name is {}, the last acknowledged was {name:?}", self.username, me["name"]));
            }
        }
        let url = format!("{}/api/v1/me/tokens", self.base());
        if let Some(tokens) = self.send("check", self.browser.get(url).bearer_auth(&session)).await {
            let left = tokens.as_array().map_or(0, Vec::len);
            if left != 0 {
                self.tally.lost.push(format!("{}: {left} deleted token(s) still listed", self.username));
            }
        }
    }
}

/// Runs the people against `bases`; what they saw.
async fn run(bases: Vec<String>, users: usize, seconds: u64) -> (Tally, f64, usize) {
    let bases = Arc::new(bases);
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for n in 0..users {
        let (bases, stop) = (bases.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let mut p = Person::new(n, bases);
            let mut rounds = 0;
            if p.register().await {
                while !stop.load(Ordering::Relaxed) {
                    p.round(rounds).await;
                    rounds += 1;
                }
                p.check().await;
            }
            (p.tally, rounds)
        }));
    }
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Tally::default();
    let mut rounds = 0;
    for t in tasks {
        let (tally, r) = t.await.unwrap();
        all.merge(tally);
        rounds += r;
    }
    (all, started.elapsed().as_secs_f64(), rounds)
}

fn report(what: &str, tally: &Tally, elapsed: f64, rounds: usize) -> bool {
    let ms = |us: u64| us as f64 / 1000.0;
    let mut every: Vec<u64> = tally.micros.values().flatten().copied().collect();
    every.sort_unstable();
    let at = |v: &[u64], q: f64| v.get(((v.len() as f64 - 1.0) * q) as usize).copied().unwrap_or(0);
    println!("\n{what}: {rounds} rounds of work in {elapsed:.0} s");
    println!("  {:<36} {:>8} {:>10} {:>10}", "request", "answered", "p50 ms", "p99 ms");
    for (kind, v) in &tally.micros {
        let mut v = v.clone();
        v.sort_unstable();
        println!("  {kind:<36} {:>8} {:>10.1} {:>10.1}", v.len(), ms(at(&v, 0.5)), ms(at(&v, 0.99)));
    }
    println!(
        "  {:<36} {:>8} {:>10.1} {:>10.1}   ({:.0} requests/s)",
        "all",
        every.len(),
        ms(at(&every, 0.5)),
        ms(at(&every, 0.99)),
        every.len() as f64 / elapsed
    );
    println!("  errors {}, lost updates {}", tally.errors.len(), tally.lost.len());
    for e in tally.errors.iter().chain(&tally.lost).take(10) {
        println!("    {e}");
    }
    tally.errors.is_empty() && tally.lost.is_empty() && !every.is_empty()
}

#[tokio::main]
async fn main() -> ExitCode {
    let users = setting("BENCH_USERS", 200) as usize;
    let seconds = setting("BENCH_SECONDS", 60);
    let bin = std::env::var("GATEHOUSE_BIN").unwrap_or_else(|_| "target/release/gatehouse".into());
    println!("{users} people, {seconds} s, release build, load generator on the same cores");
    let mut ok = true;

    {
        let data = tempfile::tempdir().unwrap();
        let (_server, base) = start(&bin, data.path(), None).await;
        let (tally, elapsed, rounds) = run(vec![base], users, seconds).await;
        ok &= report("one instance, SQLite", &tally, elapsed, rounds);
    }

    match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(admin_url) => {
            let name = format!("gatehouse_load_{}", std::process::id());
            let admin = platform::db::connect(&admin_url).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
            let mut url = url::Url::parse(&admin_url).unwrap();
            url.set_path(&format!("/{name}"));
            {
                let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
                let (_one, base_one) = start(&bin, a.path(), Some(url.as_str())).await;
                let (_two, base_two) = start(&bin, b.path(), Some(url.as_str())).await;
                let (tally, elapsed, rounds) = run(vec![base_one, base_two], users, seconds).await;
                ok &= report("two instances, one PostgreSQL", &tally, elapsed, rounds);
            }
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&admin).await.unwrap();
        }
        None => println!("\nTEST_DATABASE_URL unset: no PostgreSQL run"),
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        println!("\nFAILED: every request must be answered and no update lost");
        ExitCode::FAILURE
    }
}
