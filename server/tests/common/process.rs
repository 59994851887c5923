//! Gatehouse as users run it: `gatehouse serve` processes (the binary cargo built for the
//! tests), on SQLite or on a PostgreSQL database of their own, driven over HTTP.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use reqwest::{header, redirect::Policy, Client, StatusCode};

use super::PASSWORD;

pub struct Instance {
    pub base: String,
    pub data: PathBuf,
    pub child: Child,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub async fn start(database_url: Option<&str>, key: &str, data: &Path) -> Instance {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_gatehouse"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "warn")
        .envs(database_url.map(|u| ("DATABASE_URL", u)))
        .env("GATEHOUSE_SECRET_KEY", key)
        .env("GATEHOUSE_DATA_DIR", data)
        .env("GATEHOUSE_LISTEN", format!("127.0.0.1:{port}"))
        .env("GATEHOUSE_PUBLIC_URL", "http://127.0.0.1")
        .env("GATEHOUSE_COOKIE_SECURE", "false")
        // Each simulated client comes from its own address, as the load balancer says.
        .env("GATEHOUSE_TRUST_PROXY_HEADERS", "true")
        .arg("serve")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let until = Instant::now() + Duration::from_secs(60);
    loop {
        if reqwest::get(format!("{base}/healthz")).await.is_ok_and(|r| r.status().is_success()) {
            break;
        }
        assert!(Instant::now() < until, "{base} did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Instance { base, data: data.to_owned(), child }
}

/// A browser from its own address: keeps cookies (sent to both instances, as to one site).
pub fn browser(ip: u32) -> Client {
    let mut h = header::HeaderMap::new();
    let addr = std::net::Ipv4Addr::from(0xC612_0000 + ip); // 198.18.0.0/15, the benchmarking range
    h.insert("x-forwarded-for", header::HeaderValue::from_str(&addr.to_string()).unwrap());
    Client::builder().cookie_store(true).redirect(Policy::none()).default_headers(h).build().unwrap()
}

pub async fn call(c: &Client, on: &Instance, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
    c.post(format!("{}/fn/{name}", on.base)).form(form).send().await.unwrap()
}

pub async fn register(c: &Client, on: &Instance, username: &str) {
    let email = format!("{username}@example.test");
    let form = [("name", "Test Person"), ("username", username), ("email", email.as_str()), ("password", PASSWORD)];
    assert_eq!(call(c, on, "register", &form).await.status(), StatusCode::OK);
}

/// A PostgreSQL database made for one test (dropped by [`Database::drop`]).
pub struct Database {
    pub url: String,
    name: String,
    admin: sqlx::PgPool,
}

pub async fn fresh_database(admin_url: &str, what: &str) -> Database {
    let name = format!("gh_{what}_{}", std::process::id());
    let admin = sqlx::PgPool::connect(admin_url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
    let mut url = url::Url::parse(admin_url).unwrap();
    url.set_path(&format!("/{name}"));
    Database { url: url.to_string(), name, admin }
}

impl Database {
    pub async fn drop(self) {
        sqlx::query(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&self.admin).await.unwrap();
    }
}
