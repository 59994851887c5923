//! The test server shared by the integration tests: the real router on 127.0.0.1:0, driven
//! over HTTP with a cookie-keeping client, on a fresh SQLite data directory.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)] // test code: a failure should panic

use std::{
    collections::BTreeMap,
    net::SocketAddr,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use app::{
    auth::{model::Role, service},
    password::rules::PasswordPolicy,
    server::{
        clock::Clock,
        config::{Config, Sources},
        request::ClientMeta,
        AppState,
    },
};
use leptos::prelude::LeptosOptions;
use reqwest::{redirect::Policy, Client, Response, StatusCode};
use serde_json::Value;
use totp_rs::{Algorithm, Secret, TOTP};

pub struct TestServer {
    pub base: String,
    pub state: AppState,
    _dir: tempfile::TempDir,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

/// One server at a time in this process.
///
/// Observed 2026-11-23: with 16 servers, each on its own `#[tokio::test]` runtime, rendering
/// pages in parallel in one process, about one run in four left one request unanswered for
/// good (gdb: server idle, database idle, no panic); never when run one at a time (10/10),
/// never in the browser tests (one server, one runtime). Suspected: Leptos process-wide state
/// shared across several tokio runtimes. Under investigation; until then the tests take turns.
static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

impl TestServer {
    pub async fn start() -> TestServer {
        Self::start_with(&[("GATEHOUSE_COOKIE_SECURE", "false")]).await
    }

    pub async fn start_with(extra: &[(&str, &str)]) -> TestServer {
        let turn = TURN.lock().await;
        let dir = tempfile::tempdir().unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut env: BTreeMap<String, String> = BTreeMap::new();
        env.insert("GATEHOUSE_DATA_DIR".into(), dir.path().display().to_string());
        env.insert("GATEHOUSE_LISTEN".into(), addr.to_string());
        env.insert("GATEHOUSE_PUBLIC_URL".into(), format!("http://{addr}"));
        for (k, v) in extra {
            env.insert((*k).into(), (*v).into());
        }
        let config = Config::load(&Sources::new(None, env).unwrap()).unwrap();
        let options = LeptosOptions::builder().output_name("gatehouse").build();
        let state = server::build_state(config, options, Clock::system()).await.unwrap();
        let app = server::router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, app).await });
        TestServer { base: format!("http://{addr}"), state, _dir: dir, _turn: turn }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn client(&self) -> Client {
        Client::builder().cookie_store(true).redirect(Policy::none()).build().unwrap()
    }

    /// Calls a server function the way the hydrated app does (form-encoded in, JSON out).
    pub async fn call(&self, c: &Client, name: &str, form: &[(&str, &str)]) -> Response {
        c.post(self.url(&format!("/fn/{name}"))).form(form).send().await.unwrap()
    }

    pub async fn register(&self, c: &Client, username: &str) -> Response {
        let email = format!("{username}@example.test");
        self.call(
            c,
            "register",
            &[("name", "Test Person"), ("username", username), ("email", &email), ("password", PASSWORD)],
        )
        .await
    }

    pub async fn current_user(&self, c: &Client) -> Value {
        let res = self.call(c, "current_user", &[]).await;
        assert_eq!(res.status(), StatusCode::OK);
        res.json().await.unwrap()
    }

    pub async fn make_admin(&self, username: &str) {
        let s = &self.state;
        let deps = s.deps();
        let email = format!("{username}@example.test");
        let input = service::RegisterInput { name: "Admin", username, email: &email, password: PASSWORD };
        let account = service::parse_new_account(&input, &PasswordPolicy::default()).unwrap();
        service::create_account(&deps, &account, PASSWORD, Role::Admin, &ClientMeta::local("test")).await.unwrap();
    }
}

pub const PASSWORD: &str = "a long enough passphrase";

pub async fn json_error(res: Response) -> (StatusCode, Value) {
    let status = res.status();
    (status, res.json().await.unwrap())
}

impl TestServer {
    /// The messages queued for `to`, opened, oldest first. (The sender loop does not run in
    /// these tests, so mail stays in the queue.) Waits up to five seconds for at least `min`.
    pub async fn mails_to(&self, to: &str, min: usize) -> Vec<app::mail::OutgoingMail> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let rows: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT subject, text_body, html_body FROM mail_queue WHERE to_addr = $1 ORDER BY created_at, id",
            )
            .bind(to)
            .fetch_all(&self.state.db)
            .await
            .unwrap();
            if rows.len() >= min || tokio::time::Instant::now() > deadline {
                return rows
                    .into_iter()
                    .map(|(subject, text, html)| {
                        let sealed = app::mail::OutgoingMail { to: to.to_owned(), subject, text, html };
                        self.state.mailer.open(&sealed).unwrap()
                    })
                    .collect();
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The token of the newest mailed link to `path` (e.g. "/reset-password") sent to `to`.
    pub async fn mailed_token(&self, to: &str, path: &str, min: usize) -> String {
        let mails = self.mails_to(to, min).await;
        let needle = format!("{}{path}?token=", self.base);
        let text = &mails.iter().rev().find(|m| m.text.contains(&needle)).expect("a mail with the link").text;
        text.split(&needle).nth(1).unwrap().split_whitespace().next().unwrap().to_owned()
    }

    /// Registers `username` and confirms the address with the mailed link.
    pub async fn register_verified(&self, c: &Client, username: &str) {
        assert_eq!(self.register(c, username).await.status(), StatusCode::OK);
        let token = self.mailed_token(&format!("{username}@example.test"), "/verify-email", 1).await;
        let res = self.call(&self.client(), "confirm_email", &[("token", &token)]).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
}

// ---- Two-factor authentication ----------------------------------------------------------

/// The authenticator's code for now + `steps` × 30 s.
pub fn code_for(key: &str, steps: i64) -> String {
    let bytes = Secret::Encoded(key.replace(' ', "")).to_bytes().unwrap();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    TOTP::new_unchecked(Algorithm::SHA1, 6, 1, 30, bytes).generate((now + steps * 30) as u64)
}

/// Six digits that are not the key's code for any step near now.
pub fn not_a_code(key: &str) -> String {
    let near: Vec<String> = (-2..=2).map(|d| code_for(key, d)).collect();
    (0..).map(|n| format!("{n:06}")).find(|w| !near.contains(w)).unwrap()
}

/// Re-authenticates `c` with the password and sets up TOTP: returns the key, the backup codes
/// and the code that confirmed the setup.
pub async fn enable_totp(s: &TestServer, c: &Client, username: &str) -> (String, Vec<String>, String) {
    assert_eq!(s.call(c, "reauthenticate", &[("password", PASSWORD)]).await.status(), StatusCode::OK);
    let setup: Value = s.call(c, "start_totp", &[]).await.json().await.unwrap();
    let key = setup["key"].as_str().unwrap().replace(' ', "");
    assert!(key.len() >= 32, "at least 160 bits: {key}");
    assert_eq!(
        setup["uri"],
        format!(
            "otpauth://totp/Gatehouse:{username}@example.test?secret={key}&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30"
        )
    );
    assert!(setup["qr"].as_str().unwrap().starts_with("data:image/svg+xml;base64,"));
    // Nothing is stored before the first code.
    let stored: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM totp_factors").fetch_one(&s.state.db).await.unwrap();
    let before = stored.0;
    let wrong = not_a_code(&key);
    let res = s.call(c, "confirm_totp", &[("setup", setup["setup"].as_str().unwrap()), ("code", &wrong)]).await;
    assert_eq!(json_error(res).await.1["error"], "invalid_code");
    let first = code_for(&key, 0);
    let res = s.call(c, "confirm_totp", &[("setup", setup["setup"].as_str().unwrap()), ("code", &first)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let codes: Vec<String> = res.json().await.unwrap();
    assert!(codes.len() >= 10);
    let stored: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM totp_factors").fetch_one(&s.state.db).await.unwrap();
    assert_eq!(stored.0, before + 1);
    (key, codes, first)
}
