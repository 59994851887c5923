//! Two `gatehouse serve` processes on one PostgreSQL database, as behind a load balancer: every
//! single-use thing is used once, every limit and revocation holds across them.
//!
//! Runs when `TEST_DATABASE_URL` points at PostgreSQL (as `make test` sets it); each run makes
//! a database of its own and drops it after.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use std::{
    path::Path,
    time::{Duration, Instant},
};

use common::{
    process::{browser, call, fresh_database, register, start, Instance},
    PASSWORD,
};
use reqwest::{Client, StatusCode};
use serde_json::Value;
use totp_rs::{Algorithm, Secret, TOTP};

fn code(key: &str, steps: i64) -> String {
    let bytes = Secret::Encoded(key.to_owned()).to_bytes().unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    TOTP::new_unchecked(Algorithm::SHA1, 6, 1, 30, bytes).generate((now + steps * 30) as u64)
}

/// `n` clients whose password sign-in waits for the second factor, alternating instances.
async fn pending(both: &[&Instance; 2], username: &str, n: u32, first_ip: u32) -> Vec<(Client, usize)> {
    let mut out = Vec::new();
    for i in 0..n {
        let c = browser(first_ip + i);
        let on = (i % 2) as usize;
        let res = call(&c, both[on], "sign_in", &[("identifier", username), ("password", PASSWORD)]).await;
        assert_eq!(res.status(), StatusCode::OK);
        out.push((c, on));
    }
    out
}

/// Sends the same code from every pending sign-in at once, each to the other instance than the
/// one it began on; returns the statuses.
async fn race(both: &[&Instance; 2], clients: Vec<(Client, usize)>, method: &str, code: &str) -> Vec<StatusCode> {
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|(c, on)| {
            let url = format!("{}/fn/sign_in_second_factor", both[1 - on].base);
            let form = [("method", method.to_owned()), ("code", code.to_owned())];
            tokio::spawn(async move { c.post(url).form(&form).send().await.unwrap().status() })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses
}

fn one_winner(statuses: &[StatusCode]) {
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| s.is_success() || s.is_client_error()), "{statuses:?}");
}

/// The reset link in the newest reset mail either instance wrote to its outbox.
fn reset_token(dirs: &[&Path], to: &str) -> Option<String> {
    let mut found = None;
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir.join("outbox")) else { continue };
        for e in entries.flatten() {
            let raw = std::fs::read_to_string(e.path()).unwrap_or_default();
            // Quoted-printable: soft line breaks and "=" escaped.
            let text = raw.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
            if !text.contains(&format!("To: {to}")) {
                continue;
            }
            if let Some(rest) = text.split("/reset-password?token=").nth(1) {
                let token: String =
                    rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
                found = Some(token);
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_every_single_use_limit_and_revocation() {
    let Some(admin_url) = platform::db::testing::postgres_url() else {
        eprintln!("skipped: TEST_DATABASE_URL is not set (make test sets it)");
        return;
    };
    let database = fresh_database(&admin_url, "two").await;
    let database_url = database.url.clone();

    let key = "5a".repeat(32);
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // One migrates first (the other then finds it done), as a rolling start would.
    let a = start(Some(&database_url), &key, da.path()).await;
    let b = start(Some(&database_url), &key, db.path()).await;
    let both = [&a, &b];

    // TOTP set up across the two: re-authenticated on A, key made on B, confirmed on A.
    let ada = browser(1);
    register(&ada, &a, "ada").await;
    assert_eq!(call(&ada, &a, "reauthenticate", &[("password", PASSWORD)]).await.status(), StatusCode::OK);
    let setup: Value = call(&ada, &b, "start_totp", &[]).await.json().await.unwrap();
    let totp_key = setup["key"].as_str().unwrap().replace(' ', "");
    let res =
        call(&ada, &a, "confirm_totp", &[("setup", setup["setup"].as_str().unwrap()), ("code", &code(&totp_key, 0))])
            .await;
    assert_eq!(res.status(), StatusCode::OK);
    let backup: Vec<String> = res.json().await.unwrap();

    // One TOTP code, twenty second steps at once over both instances: one session.
    let racers = pending(&both, "ada", 20, 100).await;
    one_winner(&race(&both, racers, "totp", &code(&totp_key, 1)).await);
    // One backup code, the same.
    let racers = pending(&both, "ada", 20, 200).await;
    one_winner(&race(&both, racers, "backup", &backup[0]).await);

    // A reset link, fifty uses at once split between the instances: one wins.
    let carl = browser(300);
    register(&carl, &a, "carl").await;
    sqlx::query("UPDATE users SET email_verified_at = 1 WHERE username = 'carl'")
        .execute(&sqlx::PgPool::connect(&database_url).await.unwrap())
        .await
        .unwrap();
    let asked = call(&browser(301), &b, "request_password_reset", &[("email", "carl@example.test")]).await.status();
    assert!(asked.is_success() || asked.is_redirection(), "{asked}");
    let until = Instant::now() + Duration::from_secs(30);
    let token = loop {
        if let Some(t) = reset_token(&[&a.data, &b.data], "carl@example.test") {
            break t;
        }
        assert!(Instant::now() < until, "no reset mail in either outbox");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let tasks: Vec<_> = (0..50u32)
        .map(|i| {
            let (c, base) = (browser(400 + i), both[(i % 2) as usize].base.clone());
            let new = format!("a new passphrase number {i}");
            let form = [("token", token.clone()), ("new_password", new.clone()), ("confirm", new)];
            tokio::spawn(async move {
                c.post(format!("{base}/fn/reset_password")).form(&form).send().await.unwrap().status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    one_winner(&statuses);

    // The sign-in lockout: ten wrong passwords alternating instances, then even the right one
    // is refused on both.
    register(&browser(500), &a, "dave").await;
    for i in 0..10u32 {
        let res = call(
            &browser(501 + i),
            both[(i % 2) as usize],
            "sign_in",
            &[("identifier", "dave"), ("password", "wrong password")],
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    for on in both {
        let res = call(&browser(520), on, "sign_in", &[("identifier", "dave"), ("password", PASSWORD)]).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    }

    // A session ended on one instance is refused on the other at once.
    let erin = browser(600);
    register(&erin, &a, "erin").await;
    let other = browser(601);
    assert_eq!(
        call(&other, &b, "sign_in", &[("identifier", "erin"), ("password", PASSWORD)]).await.status(),
        StatusCode::OK
    );
    let me: Value = call(&other, &a, "current_user", &[]).await.json::<Value>().await.unwrap()["user"].clone();
    assert_eq!(me["username"], "erin", "a session made on B works on A");
    assert_eq!(call(&erin, &b, "logout_other_sessions", &[]).await.status(), StatusCode::OK);
    assert_eq!(call(&other, &a, "current_user", &[]).await.json::<Value>().await.unwrap()["user"], Value::Null);

    // A token deleted on one instance stops on the other within the documented two seconds.
    let form = [("name", "ci"), ("scope", "read_only"), ("expires", "30"), ("password", PASSWORD)];
    let made: Value = call(&erin, &a, "create_token", &form).await.json().await.unwrap();
    let token = made["token"].as_str().unwrap().to_owned();
    let me_on_b = || reqwest::Client::new().get(format!("{}/api/v1/me", b.base)).bearer_auth(&token).send();
    assert_eq!(me_on_b().await.unwrap().status(), StatusCode::OK);
    let id = made["view"]["id"].as_str().unwrap();
    assert_eq!(call(&erin, &a, "delete_token", &[("id", id)]).await.status(), StatusCode::OK);
    let deleted = Instant::now();
    while me_on_b().await.unwrap().status() == StatusCode::OK {
        assert!(deleted.elapsed() < Duration::from_millis(2_500), "B still takes the deleted token");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    drop((a, b));
    database.drop().await;
}
