//! The test server shared by the integration tests: the real router on 127.0.0.1:0, driven
//! over HTTP with a cookie-keeping client, on a fresh SQLite data directory.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)] // test code: a failure should panic

pub mod process;

use std::{collections::BTreeMap, net::SocketAddr};

use app::server::AppState;
use gatehouse_core::accounts::{self, RegisterInput};
use leptos::prelude::LeptosOptions;
use platform::{
    clock::Clock,
    config::{Config, Sources},
    db::Db,
    mail::OutgoingMail,
    request::ClientMeta,
};
use reqwest::{redirect::Policy, Client, Response, StatusCode};
use serde_json::Value;
use totp_rs::{Algorithm, Secret, TOTP};
use wire::{account::Role, password::PasswordPolicy};

/// A server under test. Its clock is manual: it starts at the real time and moves a millisecond
/// per reading and as far as a test moves it, so expiry, lockout and window tests move it
/// instead of sleeping.
pub struct TestServer {
    pub base: String,
    pub state: AppState,
    pub db: Db,
    pub clock: Clock,
    _dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> TestServer {
        Self::start_with(&[("GATEHOUSE_COOKIE_SECURE", "false")]).await
    }

    /// Servers run side by side in one process, each on its test's runtime. That is safe since
    /// `server::router` generates the route list once per process: Leptos suspends resource
    /// loading process-wide while it generates one, which used to leave a page that another
    /// test was rendering meanwhile unanswered for good (see `server::routes`).
    pub async fn start_with(extra: &[(&str, &str)]) -> TestServer {
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
        let clock = Clock::ticking(Clock::system().now_ms());
        let state = server::build_state(config, options, clock.clone()).await.unwrap();
        let db = state.core.platform.db.clone();
        let app = server::router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, app).await });
        TestServer { base: format!("http://{addr}"), state, db, clock, _dir: dir }
    }

    /// The server's time, unix milliseconds.
    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Moves the server's clock forward.
    pub fn advance(&self, ms: i64) {
        self.clock.advance_ms(ms);
    }

    /// Waits until the work requests started in the background (reset mails) is done.
    pub async fn idle(&self) {
        self.state.core.platform.tasks.idle().await;
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

    /// `call` with any form (owned strings, say).
    pub async fn call_with<F: serde::Serialize + ?Sized>(&self, c: &Client, name: &str, form: &F) -> Response {
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

    /// The signed-in user as the pages see it (`null` when signed out).
    pub async fn current_user(&self, c: &Client) -> Value {
        self.visitor(c).await["user"].clone()
    }

    /// Who the pages see and the display settings they apply (`{user, display}`).
    pub async fn visitor(&self, c: &Client) -> Value {
        let res = self.call(c, "current_user", &[]).await;
        assert_eq!(res.status(), StatusCode::OK);
        res.json().await.unwrap()
    }

    /// A personal access token of `c`'s account, made as the Personal Access Tokens page makes
    /// one (with the password; `scope` is `read_write` or `read_only`, also its name).
    pub async fn token(&self, c: &Client, scope: &str) -> String {
        let form = [("name", scope), ("scope", scope), ("expires", "30"), ("password", PASSWORD)];
        let res = self.call(c, "create_token", &form).await;
        assert_eq!(res.status(), StatusCode::OK);
        res.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned()
    }

    /// The id of the account `username`.
    pub async fn id_of(&self, username: &str) -> String {
        let (id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE username = $1")
            .bind(username)
            .fetch_one(&self.db)
            .await
            .unwrap();
        id
    }

    /// Signs `c` in as `who` (with [`PASSWORD`]); the answer's status.
    pub async fn sign_in(&self, c: &Client, who: &str) -> StatusCode {
        self.call(c, "sign_in", &[("identifier", who), ("password", PASSWORD)]).await.status()
    }

    /// A client signed in as `root`, an administrator made for the test.
    pub async fn admin(&self) -> Client {
        self.make_admin("root").await;
        let c = self.client();
        assert_eq!(self.sign_in(&c, "root").await, StatusCode::OK);
        c
    }

    pub async fn make_admin(&self, username: &str) {
        let env = self.state.env();
        let email = format!("{username}@example.test");
        let input = RegisterInput { name: "Admin", username, email: &email, password: PASSWORD };
        let account = accounts::parse_new_account(&input, &PasswordPolicy::default()).unwrap();
        accounts::create(&env, &account, PASSWORD, Role::Admin, &ClientMeta::local("test")).await.unwrap();
    }
}

pub const PASSWORD: &str = "a long enough passphrase";

pub async fn json_error(res: Response) -> (StatusCode, Value) {
    let status = res.status();
    (status, res.json().await.unwrap())
}

impl TestServer {
    /// The messages queued for `to`, opened, oldest first, once the work requests started in
    /// the background is done. (The sender loop does not run in these tests, so mail stays in
    /// the queue.) At least `min` of them.
    pub async fn mails_to(&self, to: &str, min: usize) -> Vec<OutgoingMail> {
        self.idle().await;
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT subject, text_body, html_body FROM mail_queue WHERE to_addr = $1 ORDER BY created_at, id",
        )
        .bind(to)
        .fetch_all(&self.db)
        .await
        .unwrap();
        assert!(rows.len() >= min, "{} mail(s) to {to}, expected at least {min}", rows.len());
        rows.into_iter()
            .map(|(subject, text, html)| {
                let sealed = OutgoingMail { to: to.to_owned(), subject, text, html };
                self.state.core.platform.mailer.open(&sealed).unwrap()
            })
            .collect()
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

/// The authenticator's code for the server's now + `steps` × 30 s.
pub fn code_for(s: &TestServer, key: &str, steps: i64) -> String {
    let bytes = Secret::Encoded(key.replace(' ', "")).to_bytes().unwrap();
    let now = s.now() / 1000;
    TOTP::new_unchecked(Algorithm::SHA1, 6, 1, 30, bytes).generate((now + steps * 30) as u64)
}

/// Six digits that are not the key's code for any step near the server's now.
pub fn not_a_code(s: &TestServer, key: &str) -> String {
    let near: Vec<String> = (-2..=2).map(|d| code_for(s, key, d)).collect();
    (0..).map(|n| format!("{n:06}")).find(|w| !near.contains(w)).unwrap()
}

/// The code in the newest code mail to `to`.
pub async fn last_mailed_code(s: &TestServer, to: &str) -> String {
    let mails = s.mails_to(to, 1).await;
    let mail = mails.iter().rev().find(|m| m.subject == "Your Gatehouse verification code").expect("a code mail");
    let code = mail.text.lines().map(str::trim).find(|l| l.len() == 6 && l.bytes().all(|b| b.is_ascii_digit()));
    code.expect("six digits").to_owned()
}

/// Sudo mode for `c`: the password, and a mailed code when the account asks for one (a verified
/// address has email codes by default).
pub async fn reauthenticate(s: &TestServer, c: &Client, username: &str) {
    let res = s.call(c, "reauthenticate", &[("password", PASSWORD)]).await;
    if res.status() == StatusCode::OK {
        return;
    }
    let (_, body) = json_error(res).await;
    assert_eq!(body["errors"][0]["field"], "method", "{body}");
    assert_eq!(s.call(c, "send_two_factor_code", &[]).await.status(), StatusCode::OK);
    let code = last_mailed_code(s, &format!("{username}@example.test")).await;
    let res = s.call(c, "reauthenticate", &[("password", PASSWORD), ("method", "email"), ("code", &code)]).await;
    assert_eq!(res.status(), StatusCode::OK);
}

/// Re-authenticates `c` and sets up TOTP: returns the key, the backup codes and the code that
/// confirmed the setup.
pub async fn enable_totp(s: &TestServer, c: &Client, username: &str) -> (String, Vec<String>, String) {
    reauthenticate(s, c, username).await;
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
    let stored: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM totp_factors").fetch_one(&s.db).await.unwrap();
    let before = stored.0;
    let wrong = not_a_code(s, &key);
    let res = s.call(c, "confirm_totp", &[("setup", setup["setup"].as_str().unwrap()), ("code", &wrong)]).await;
    assert_eq!(json_error(res).await.1["error"], "invalid_code");
    let first = code_for(s, &key, 0);
    let res = s.call(c, "confirm_totp", &[("setup", setup["setup"].as_str().unwrap()), ("code", &first)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let codes: Vec<String> = res.json().await.unwrap();
    assert!(codes.len() >= 10);
    let stored: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM totp_factors").fetch_one(&s.db).await.unwrap();
    assert_eq!(stored.0, before + 1);
    (key, codes, first)
}
