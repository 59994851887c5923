//! The Support PIN and the support desk over HTTP: who may call what (401/403/404/422), the
//! re-authentication a change needs, the verdicts, the per-account limit under parallel checks,
//! the mails and audit entries, and that no PIN is stored anywhere.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use common::*;
use reqwest::{Client, StatusCode};
use serde_json::Value;

const PIN: &str = "73914682";

/// A signed-in administrator who confirmed it is them.
async fn admin(s: &TestServer) -> Client {
    let c = s.admin().await;
    reauthenticate(s, &c, "root").await;
    c
}

/// `username` registered and given the support role by `admin`.
async fn support_person(s: &TestServer, admin: &Client, username: &str) -> Client {
    let c = s.client();
    s.register(&c, username).await;
    let id = s.id_of(username).await;
    let res = s.call(admin, "admin_set_support_role", &[("user_id", &id), ("support", "on")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    c
}

/// `username` registered (verified) with the Support PIN `pin`.
async fn owner_with_pin(s: &TestServer, username: &str, pin: &str) -> Client {
    let c = s.client();
    s.register_verified(&c, username).await;
    reauthenticate(s, &c, username).await;
    let res = s.call(&c, "set_support_pin", &[("pin", pin)]).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    c
}

#[tokio::test]
async fn setting_the_pin_needs_a_session_the_rules_and_a_recent_confirmation() {
    let s = TestServer::start().await;
    let stranger = s.client();
    for name in ["support_pin_state", "set_support_pin", "remove_support_pin"] {
        let res = s.call(&stranger, name, &[("pin", "4826")]).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{name}");
    }

    let c = s.client();
    s.register_verified(&c, "ada").await;
    let state: Value = s.call(&c, "support_pin_state", &[]).await.json().await.unwrap();
    assert_eq!(state["set_at"], Value::Null);
    assert_eq!(state["settings"], serde_json::json!({ "min_length": 4, "max_length": 8 }));

    // Bad PINs are told at once, next to the field, before any confirmation is asked.
    for (pin, code) in [
        ("1234", "error-pin-trivial"),
        ("12a4", "error-pin-digits"),
        ("482", "error-pin-length"),
        ("", "error-pin-empty"),
    ] {
        let (status, body) = json_error(s.call(&c, "set_support_pin", &[("pin", pin)]).await).await;
        assert_eq!(
            (status, body["errors"][0]["field"].as_str(), body["errors"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("pin"), Some(code)),
            "{pin}"
        );
    }
    // A good one needs the password (and code) entered in the last minutes.
    let (status, body) = json_error(s.call(&c, "set_support_pin", &[("pin", PIN)]).await).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("reauthentication_required")));
    reauthenticate(&s, &c, "ada").await;
    let res = s.call(&c, "set_support_pin", &[("pin", PIN)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    assert!(!text.contains(PIN), "the PIN never comes back: {text}");
    let state: Value = s.call(&c, "support_pin_state", &[]).await.json().await.unwrap();
    assert!(state["set_at"].as_i64().is_some());
    assert!(!state.to_string().contains(PIN));

    // Mailed to the owner, audited, and the PIN is in neither.
    let mails = s.mails_to("ada@example.test", 2).await;
    let notice = mails.iter().find(|m| m.subject == "Your Gatehouse Support PIN changed").expect("a PIN notice");
    assert!(!notice.text.contains(PIN) && !notice.html.contains(PIN));
    let events: Vec<(String, String)> =
        sqlx::query_as("SELECT event, detail FROM audit_log WHERE event LIKE 'support_pin%'")
            .fetch_all(&s.db)
            .await
            .unwrap();
    assert_eq!(events.len(), 1);
    assert!(!events[0].1.contains(PIN));

    assert_eq!(s.call(&c, "remove_support_pin", &[]).await.status(), StatusCode::OK);
    let state: Value = s.call(&c, "support_pin_state", &[]).await.json().await.unwrap();
    assert_eq!(state["set_at"], Value::Null);
}

#[tokio::test]
async fn only_support_staff_use_the_desk_and_learn_a_verdict_only() {
    let s = TestServer::start().await;
    let root = admin(&s).await;
    owner_with_pin(&s, "ada", PIN).await;
    let ada = s.id_of("ada").await;

    // Strangers and ordinary accounts are refused.
    let res = s.call(&s.client(), "support_lookup", &[("query", "ada")]).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let plain = s.client();
    s.register(&plain, "pat").await;
    assert_eq!(s.call(&plain, "support_lookup", &[("query", "ada")]).await.status(), StatusCode::FORBIDDEN);
    let res = s.call(&plain, "support_check_pin", &[("user_id", &ada), ("pin", PIN)]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Only administrators give the role.
    let pat = s.id_of("pat").await;
    let res = s.call(&plain, "admin_set_support_role", &[("user_id", &pat), ("support", "on")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let sam = support_person(&s, &root, "sam").await;
    assert_eq!(s.current_user(&sam).await["role"], "support");
    let found: Value = s.call(&sam, "support_lookup", &[("query", "ADA@example.test")]).await.json().await.unwrap();
    assert_eq!((found["id"].as_str(), found["pin_set"].as_bool()), (Some(ada.as_str()), Some(true)));
    let shown = found.to_string();
    assert!(!shown.contains("argon2") && !shown.contains("hash") && !shown.contains(PIN), "{shown}");
    let (status, body) = json_error(s.call(&sam, "support_lookup", &[("query", "nobody")]).await).await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("error-support-no-account"))
    );

    let verdict = |pin: &'static str| {
        let (s, sam, ada) = (&s, &sam, ada.clone());
        async move {
            let res = s.call(sam, "support_check_pin", &[("user_id", &ada), ("pin", pin)]).await;
            assert_eq!(res.status(), StatusCode::OK);
            let body: Value = res.json().await.unwrap();
            assert!(!body.to_string().contains(PIN));
            body["verdict"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(verdict("11111112").await, "does_not_match");
    assert_eq!(verdict(PIN).await, "matches");
    // An account without a PIN, and one that does not exist.
    s.register(&s.client(), "bob").await;
    let bob = s.id_of("bob").await;
    let res: Value =
        s.call(&sam, "support_check_pin", &[("user_id", &bob), ("pin", "4826")]).await.json().await.unwrap();
    assert_eq!(res["verdict"], "no_pin_set");
    let res = s.call(&sam, "support_check_pin", &[("user_id", "no-such-id"), ("pin", "4826")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = s.call(&sam, "support_check_pin", &[("user_id", &bob), ("pin", " ")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The owner is told of every check; each check and lookup is audited with who made it.
    let mails = s.mails_to("ada@example.test", 1).await;
    let checks: Vec<_> =
        mails.iter().filter(|m| m.subject == "Support checked a PIN for your Gatehouse account").collect();
    assert_eq!(checks.len(), 2);
    assert!(checks[0].text.contains("did not match") && checks[1].text.contains("it matched"));
    let sam_id = s.id_of("sam").await;
    let audited: Vec<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT event, actor_id, detail FROM audit_log WHERE user_id = $1 AND event LIKE 'support_%' ORDER BY created_at, id",
    )
    .bind(&ada)
    .fetch_all(&s.db)
    .await
    .unwrap();
    let events: Vec<&str> = audited.iter().map(|(e, _, _)| e.as_str()).collect();
    assert_eq!(events, vec!["support_pin_set", "support_lookup", "support_pin_checked", "support_pin_checked"]);
    assert!(audited[1..].iter().all(|(_, actor, _)| actor.as_deref() == Some(sam_id.as_str())));
    assert!(audited[3].2.contains("\"matches\""));

    // The role taken back: the desk is closed again.
    let sam_id2 = sam_id.clone();
    let res = s.call(&root, "admin_set_support_role", &[("user_id", &sam_id2), ("support", "off")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.call(&sam, "support_lookup", &[("query", "ada")]).await.status(), StatusCode::FORBIDDEN);
    // Administrators keep their role, and have the desk already.
    let root_id = s.id_of("root").await;
    let res = s.call(&root, "admin_set_support_role", &[("user_id", &root_id), ("support", "on")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(s.call(&root, "support_lookup", &[("query", "ada")]).await.status(), StatusCode::OK);
    // The page itself: support staff see the desk, others are told it is not for them.
    let page = root.get(s.url("/support?q=ada")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Support desk") && page.contains("Check PIN") && page.contains("ada@example.test"));
    let page = plain.get(s.url("/support?q=ada")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Only support staff") && !page.contains("ada@example.test"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_pin_checks_never_exceed_the_account_s_limit() {
    let s = TestServer::start().await;
    let root = admin(&s).await;
    owner_with_pin(&s, "ada", PIN).await;
    let ada = s.id_of("ada").await;
    let staff = [support_person(&s, &root, "sam").await, support_person(&s, &root, "sue").await];
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let (c, url, ada) = (staff[i % 2].clone(), s.url("/fn/support_check_pin"), ada.clone());
            tokio::spawn(async move {
                c.post(url).form(&[("user_id", ada.as_str()), ("pin", "11111112")]).send().await.unwrap().status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let limited = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((ok, limited), (5, 15), "{statuses:?}");
    // Locked for the day, whoever asks, even with the right PIN (signed in again: the sessions
    // went idle meanwhile).
    s.advance(2 * 3_600_000);
    assert_eq!(s.sign_in(&staff[0], "sam").await, StatusCode::OK);
    let res = s.call(&staff[0], "support_check_pin", &[("user_id", &ada), ("pin", PIN)]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().get("retry-after").is_some());
    s.advance(24 * 3_600_000);
    assert_eq!(s.sign_in(&staff[1], "sue").await, StatusCode::OK);
    let res: Value =
        s.call(&staff[1], "support_check_pin", &[("user_id", &ada), ("pin", PIN)]).await.json().await.unwrap();
    assert_eq!(res["verdict"], "matches");
}

#[tokio::test]
async fn administrators_set_the_pin_s_length() {
    let s = TestServer::start().await;
    let root = admin(&s).await;
    let c = s.client();
    s.register(&c, "ada").await;
    let res = s.call(&c, "save_pin_settings", &[("min_length", "6"), ("max_length", "6")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (status, body) =
        json_error(s.call(&root, "save_pin_settings", &[("min_length", "3"), ("max_length", "x")]).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "max_length", "{body}");
    let (_, body) =
        json_error(s.call(&root, "save_pin_settings", &[("min_length", "3"), ("max_length", "8")]).await).await;
    assert_eq!(body["errors"][0]["field"], "min_length", "{body}");
    let (_, body) =
        json_error(s.call(&root, "save_pin_settings", &[("min_length", "8"), ("max_length", "6")]).await).await;
    assert_eq!(body["errors"][0]["code"], "error-pin-max-below-min", "{body}");
    let res = s.call(&root, "save_pin_settings", &[("min_length", "6"), ("max_length", "6")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, body) = json_error(s.call(&c, "set_support_pin", &[("pin", "4826")]).await).await;
    assert_eq!(
        (body["errors"][0]["code"].as_str(), body["errors"][0]["args"]["min"].as_i64()),
        (Some("error-pin-length"), Some(6))
    );
    let (changes,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE event = 'support_pin_settings_changed'")
            .fetch_one(&s.db)
            .await
            .unwrap();
    assert_eq!(changes, 1);
}

/// Every value of every row of every table, hex-encoded (text and binary columns alike).
async fn dump(s: &TestServer) -> String {
    let tables: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table'").fetch_all(&s.db).await.unwrap();
    let mut out = String::new();
    for (table,) in tables {
        let cols: Vec<(String,)> =
            sqlx::query_as(&format!("SELECT name FROM pragma_table_info('{table}')")).fetch_all(&s.db).await.unwrap();
        for (col,) in cols {
            let rows: Vec<(Option<String>,)> =
                sqlx::query_as(&format!("SELECT hex(\"{col}\") FROM \"{table}\"")).fetch_all(&s.db).await.unwrap();
            for (v,) in rows {
                out.push_str(v.as_deref().unwrap_or_default());
                out.push('\n');
            }
        }
    }
    out
}

#[tokio::test]
async fn a_database_dump_holds_no_pin() {
    let s = TestServer::start().await;
    let root = admin(&s).await;
    owner_with_pin(&s, "ada", PIN).await;
    let sam = support_person(&s, &root, "sam").await;
    let ada = s.id_of("ada").await;
    let res = s.call(&sam, "support_check_pin", &[("user_id", &ada), ("pin", PIN)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let all = dump(&s).await;
    let hex = |t: &str| t.bytes().map(|b| format!("{b:02X}")).collect::<String>();
    assert!(all.contains(&hex("$argon2id$")), "the dump has the hashes");
    assert!(!all.contains(&hex(PIN)), "a PIN in the database");
    // Nor in the data directory's files (the outbox, the database file itself).
    for entry in walk(s.state.config.data_dir.as_path()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(!bytes.windows(PIN.len()).any(|w| w == PIN.as_bytes()), "{}", entry.display());
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
