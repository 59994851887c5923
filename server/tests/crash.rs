//! Crash safety: `gatehouse serve` is killed with SIGKILL while twenty clients register, change
//! passwords and make tokens; after a restart everything it had answered 2xx is there, and no
//! acknowledged mail is lost. On SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is set.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use common::{
    process::{browser, call, fresh_database, start},
    PASSWORD,
};
use reqwest::StatusCode;
use serde_json::Value;

/// What the server said yes to.
#[derive(Default)]
struct Acknowledged {
    /// (username, the password it last confirmed)
    accounts: Vec<(String, String)>,
    tokens: Vec<String>,
}

/// One client's loop: register, change the password, make a token, again, until the server
/// stops answering.
async fn client(base_ip: u32, base: String, acked: Arc<Mutex<Acknowledged>>) {
    for round in 0.. {
        let c = browser(base_ip * 100 + round);
        let username = format!("u{base_ip}r{round}");
        let email = format!("{username}@example.test");
        let form = [
            ("name", "Crash Test"),
            ("username", username.as_str()),
            ("email", email.as_str()),
            ("password", PASSWORD),
        ];
        let Ok(res) = c.post(format!("{base}/fn/register")).form(&form).send().await else { return };
        if res.status() != StatusCode::OK {
            return;
        }
        let index = {
            let mut acked = acked.lock().unwrap();
            acked.accounts.push((username.clone(), PASSWORD.to_owned()));
            acked.accounts.len() - 1
        };
        let new = format!("the second passphrase of {username}");
        let form = [("current_password", PASSWORD), ("new_password", new.as_str()), ("confirm", new.as_str())];
        let Ok(res) = c.post(format!("{base}/fn/change_password")).form(&form).send().await else { return };
        if res.status() != StatusCode::OK {
            return;
        }
        acked.lock().unwrap().accounts[index].1 = new.clone();
        let form = [("name", "ci"), ("scope", "read_only"), ("expires", "30"), ("password", new.as_str())];
        let Ok(res) = c.post(format!("{base}/fn/create_token")).form(&form).send().await else { return };
        if res.status() != StatusCode::OK {
            return;
        }
        let Ok(made) = res.json::<Value>().await else { return };
        acked.lock().unwrap().tokens.push(made["token"].as_str().unwrap().to_owned());
    }
}

async fn crash_and_check(database_url: Option<&str>) {
    let data = tempfile::tempdir().unwrap();
    let key = "6b".repeat(32);
    let mut server = start(database_url, &key, data.path()).await;
    let acked = Arc::new(Mutex::new(Acknowledged::default()));
    let clients: Vec<_> = (1..=20).map(|i| tokio::spawn(client(i, server.base.clone(), acked.clone()))).collect();
    // Let them work until they have made some tokens, then pull the plug mid-request.
    let until = std::time::Instant::now() + Duration::from_secs(120);
    while acked.lock().unwrap().tokens.len() < 10 {
        assert!(std::time::Instant::now() < until, "the clients got too little done");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    for c in clients {
        c.await.unwrap();
    }
    let acked = std::mem::take(&mut *acked.lock().unwrap());
    assert!(acked.accounts.len() >= 10 && acked.tokens.len() >= 10, "the clients got work done before the kill");

    let server = start(database_url, &key, data.path()).await;
    for (i, (username, password)) in acked.accounts.iter().enumerate() {
        let res =
            call(&browser(10_000 + i as u32), &server, "sign_in", &[("identifier", username), ("password", password)])
                .await;
        assert_eq!(res.status(), StatusCode::OK, "{username} with the password last confirmed");
    }
    for token in &acked.tokens {
        let res =
            reqwest::Client::new().get(format!("{}/api/v1/me", server.base)).bearer_auth(token).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "an acknowledged token works");
    }
    // No acknowledged mail lost: each account's verification mail, and the notice of each
    // acknowledged password change, is queued or sent.
    let db = match database_url {
        Some(url) => platform::db::connect(url).await.unwrap(),
        None => platform::db::connect(&format!("sqlite://{}?mode=rw", data.path().join("gatehouse.db").display()))
            .await
            .unwrap(),
    };
    for (username, password) in &acked.accounts {
        let (mails,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM mail_queue WHERE to_addr = $1")
            .bind(format!("{username}@example.test"))
            .fetch_one(&db)
            .await
            .unwrap();
        let expected = if password == PASSWORD { 1 } else { 2 };
        assert!(mails >= expected, "{username}: {mails} mail(s), {expected} acknowledged");
    }
    db.close().await;
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_server_keeps_everything_it_acknowledged_on_sqlite() {
    crash_and_check(None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_server_keeps_everything_it_acknowledged_on_postgres() {
    let Some(admin_url) = platform::db::testing::postgres_url() else {
        eprintln!("skipped: TEST_DATABASE_URL is not set (make test sets it)");
        return;
    };
    let database = fresh_database(&admin_url, "crash").await;
    crash_and_check(Some(&database.url)).await;
    database.drop().await;
}
