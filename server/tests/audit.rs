//! Administration → Audit log over HTTP: administrators only, searched by account or address,
//! filtered by kind, a page at a time.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{json_error, TestServer};
use reqwest::{Client, StatusCode};
use serde_json::Value;

async fn log(s: &TestServer, c: &Client, q: &str, kind: &str, cursor: &str) -> Value {
    let res = s.call(c, "admin_audit_log", &[("q", q), ("kind", kind), ("cursor", cursor)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

fn events(page: &Value) -> Vec<(String, Option<String>)> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["event"].as_str().unwrap().to_owned(), e["account"].as_str().map(str::to_owned)))
        .collect()
}

#[tokio::test]
async fn administrators_read_every_account_s_entries_searched_filtered_and_paged() {
    let s = TestServer::start().await;
    let root = s.admin().await;
    let ada = s.client();
    s.register(&ada, "ada").await;
    let bob = s.client();
    s.register(&bob, "bob").await;
    let wrong = [("identifier", "ada"), ("password", "not her password")];
    assert_eq!(s.call(&s.client(), "sign_in", &wrong).await.status(), StatusCode::UNAUTHORIZED);

    // Everyone's, newest first, each with the account it concerns.
    let all = events(&log(&s, &root, "", "", "").await);
    assert_eq!(all[0], ("sign_in_failed".to_owned(), Some("ada".to_owned())), "{all:?}");
    assert!(all.contains(&("account_created".to_owned(), Some("bob".to_owned()))));
    assert!(all.contains(&("signed_in".to_owned(), Some("root".to_owned()))));

    // One account (by username or address, any case): its entries only.
    for q in ["ada", "ADA@example.test"] {
        let mine = events(&log(&s, &root, q, "", "").await);
        assert!(!mine.is_empty() && mine.iter().all(|(_, who)| who.as_deref() == Some("ada")), "{q}: {mine:?}");
    }
    // A kind; an address; someone who does not exist.
    let sign_ins = events(&log(&s, &root, "", "sign_in", "").await);
    assert!(sign_ins.iter().all(|(e, _)| e.starts_with("sign")), "{sign_ins:?}");
    assert!(sign_ins.iter().any(|(e, _)| e == "sign_in_failed"));
    let (loopback,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE ip = '127.0.0.1'").fetch_one(&s.db).await.unwrap();
    assert!(loopback > 3);
    assert_eq!(events(&log(&s, &root, "127.0.0.1", "", "").await).len() as i64, loopback);
    assert!(events(&log(&s, &root, "192.0.2.1", "", "").await).is_empty());
    assert!(events(&log(&s, &root, "nobody", "", "").await).is_empty());
    let (code, err) =
        json_error(s.call(&root, "admin_audit_log", &[("q", ""), ("kind", "nope"), ("cursor", "")]).await).await;
    assert_eq!((code, err["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("kind")));

    // Pages of fifty by cursor, nothing twice, nothing left out.
    let (id,): (String,) =
        sqlx::query_as("SELECT id FROM users WHERE username = 'ada'").fetch_one(&s.db).await.unwrap();
    let meta = platform::request::ClientMeta::new("198.51.100.7", "test");
    for _ in 0..60 {
        let event = platform::audit::AuditEvent::SignedIn;
        s.state.env().audit(&id, None, event, serde_json::json!({}), &meta).await.unwrap();
    }
    let first = log(&s, &root, "ada", "", "").await;
    let next = first["next"].as_str().expect("a second page").to_owned();
    let second = log(&s, &root, "ada", "", &next).await;
    let ids = |p: &Value| -> Vec<String> {
        p["items"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect()
    };
    let (a, b) = (ids(&first), ids(&second));
    assert_eq!(a.len(), 50);
    assert!(b.iter().all(|id| !a.contains(id)));
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log l JOIN users u ON u.id = l.user_id WHERE u.username = 'ada'")
            .fetch_one(&s.db)
            .await
            .unwrap();
    assert_eq!((a.len() + b.len()) as i64, total);

    // Not for anyone else.
    let (code, _) = json_error(s.call(&ada, "admin_audit_log", &[("q", ""), ("kind", ""), ("cursor", "")]).await).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    let (code, _) =
        json_error(s.call(&s.client(), "admin_audit_log", &[("q", ""), ("kind", ""), ("cursor", "")]).await).await;
    assert_eq!(code, StatusCode::UNAUTHORIZED);
}
