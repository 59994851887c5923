//! Preferences → My Data over HTTP: the requests and their daily limit, the worker, the mailed
//! link (the owner's only, signed in, once, for 24 hours) and what the files hold.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{json_error, TestServer};
use reqwest::{header, Client, StatusCode};
use serde_json::Value;

async fn request(s: &TestServer, c: &Client, format: &str) -> reqwest::Response {
    s.call(c, "request_my_data", &[("format", format)]).await
}

async fn status(s: &TestServer, c: &Client) -> Value {
    let res = s.call(c, "my_data_status", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

fn state_of(v: &Value, format: &str) -> String {
    let e = v["exports"].as_array().unwrap().iter().find(|e| e["format"] == format).expect("an export");
    e["state"].as_str().unwrap().to_owned()
}

async fn run(s: &TestServer) -> usize {
    gatehouse_core::my_data::run_due(&s.state.core.platform, &s.state.config.data_dir).await.unwrap()
}

/// The path and query of the newest My Data link mailed to `to`.
async fn link(s: &TestServer, to: &str, nth_newest: usize) -> String {
    let mails = s.mails_to(to, 1).await;
    let needle = format!("{}/account/my-data/download?token=", s.base);
    let texts: Vec<&String> = mails.iter().rev().map(|m| &m.text).filter(|t| t.contains(&needle)).collect();
    let token = texts[nth_newest].split(&needle).nth(1).unwrap().split_whitespace().next().unwrap();
    format!("/account/my-data/download?token={token}")
}

/// Files left on this instance's disk (none: the database holds them).
fn files(s: &TestServer) -> Vec<String> {
    let dir = s.state.config.data_dir.join("exports");
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

/// Exports whose file is stored (in pieces, in the database).
async fn stored(s: &TestServer) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(DISTINCT export_id) FROM data_export_chunks").fetch_one(&s.db).await.unwrap();
    n
}

/// Checks `doc` against the published schema's shape: every required key there, no key the
/// schema does not name, at the top level, in each section object and in each list's items
/// (Playwright validates the whole schema with ajv).
fn check_shape(doc: &Value) {
    let schema: Value = serde_json::from_str(wire::my_data::SCHEMA).unwrap();
    let same_keys = |value: &Value, schema: &Value, what: &str| {
        let mut want: Vec<&str> = schema["properties"].as_object().unwrap().keys().map(String::as_str).collect();
        let mut have: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        want.sort_unstable();
        have.sort_unstable();
        assert_eq!(have, want, "{what}");
    };
    same_keys(doc, &schema, "top level");
    for (key, sub) in schema["properties"].as_object().unwrap() {
        match sub["type"].as_str() {
            Some("object") if sub["properties"].is_object() => same_keys(&doc[key], sub, key),
            Some("array") if sub["items"]["properties"].is_object() => {
                for item in doc[key].as_array().unwrap() {
                    same_keys(item, &sub["items"], key);
                }
            }
            _ => {}
        }
    }
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["format"], "gatehouse-my-data");
}

#[tokio::test]
async fn both_exports_queue_run_and_are_mailed_and_each_is_asked_for_once_a_day() {
    let s = TestServer::start().await;
    let ada = s.client();
    s.register(&ada, "ada").await;
    s.token(&ada, "read_write").await;
    assert_eq!(request(&s, &ada, "html").await.status(), StatusCode::OK);
    assert_eq!(request(&s, &ada, "json").await.status(), StatusCode::OK);
    let v = status(&s, &ada).await;
    assert_eq!((state_of(&v, "html"), state_of(&v, "json")), ("queued".into(), "queued".into()));
    assert!(v["next_html"].is_i64() && v["next_json"].is_i64(), "{v}");

    // The same format again: refused next to the button, with when it is possible.
    let (code, err) = json_error(request(&s, &ada, "html").await).await;
    assert_eq!(code, StatusCode::CONFLICT);
    assert_eq!(err["field"], "format", "{err}");
    assert!(err["message"].as_str().unwrap().starts_with("You can ask for this again after "), "{err}");
    let (code, _) = json_error(request(&s, &ada, "xml").await).await;
    assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY);

    // One worker round writes both (one at a time) and mails two links.
    assert_eq!(run(&s).await, 2);
    let v = status(&s, &ada).await;
    assert_eq!((state_of(&v, "html"), state_of(&v, "json")), ("ready".into(), "ready".into()));
    assert_eq!(stored(&s).await, 2);
    assert!(files(&s).is_empty(), "{:?}", files(&s));
    let mails = s.mails_to("ada@example.test", 1).await;
    assert_eq!(mails.iter().filter(|m| m.subject == "Your Gatehouse data is ready").count(), 2);

    // The JSON: the schema's shape, and no secret.
    let json_link = link(&s, "ada@example.test", 0).await;
    let res = ada.get(s.url(&json_link)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/json");
    assert_eq!(res.headers()[header::CONTENT_DISPOSITION], "attachment; filename=\"gatehouse-my-data-ada.json\"");
    let text = res.text().await.unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    check_shape(&doc);
    assert_eq!(doc["account"]["username"], "ada");
    assert_eq!(doc["tokens"][0]["name"], "read_write");
    assert_eq!(doc["sessions"].as_array().unwrap().len(), 1);
    let emails = doc["email_history"].as_array().unwrap();
    assert!(emails.iter().any(|e| e["event"] == "email_verification_sent"), "{emails:?}");
    let log = doc["security_log"].as_array().unwrap();
    assert!(log.iter().any(|e| e["event"] == "account_created" && e["kind"] == "account"), "{log:?}");
    assert!(log.iter().any(|e| e["event"] == "data_export_requested"));
    let hash: (String,) = sqlx::query_as("SELECT password_hash FROM users").fetch_one(&s.db).await.unwrap();
    assert!(!text.contains(&hash.0) && !text.contains("$argon2") && !text.contains("gh_pat_"));

    // Once: the second use is refused, and the file is gone from the server.
    let again = ada.get(s.url(&json_link)).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::GONE);
    assert!(again.text().await.unwrap().contains("expired or was already used"));
    assert_eq!(stored(&s).await, 1);
    assert_eq!(state_of(&status(&s, &ada).await, "json"), "downloaded");

    // The HTML: one page, its style inline, no script, what the person typed escaped.
    let res = ada.get(s.url(&link(&s, "ada@example.test", 1).await)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
    let page = res.text().await.unwrap().to_lowercase();
    assert!(page.starts_with("<!doctype html>") && page.contains("<style>") && page.contains("security log"));
    assert!(!page.contains("<script") && !page.contains("<link") && !page.contains(" src="));
    assert_eq!(stored(&s).await, 0);

    // A day later each may be asked for again.
    s.advance(24 * 3_600_000);
    assert_eq!(s.sign_in(&ada, "ada").await, StatusCode::OK);
    assert_eq!(request(&s, &ada, "json").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_link_is_the_owner_s_signed_in_and_lasts_a_day() {
    let s = TestServer::start().await;
    let ada = s.client();
    s.register(&ada, "ada").await;
    let bob = s.client();
    s.register(&bob, "bob").await;
    assert_eq!(request(&s, &ada, "json").await.status(), StatusCode::OK);
    run(&s).await;
    let path = link(&s, "ada@example.test", 0).await;

    // Signed out: the sign-in page. Another person: as if there were no such link.
    let res = s.client().get(s.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION], "/signin");
    assert_eq!(bob.get(s.url(&path)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    // The status is always the caller's own.
    assert_eq!(status(&s, &bob).await["exports"], serde_json::json!([]));
    // A made-up token, or none: gone.
    for bad in ["/account/my-data/download?token=abc", "/account/my-data/download"] {
        assert_eq!(ada.get(s.url(bad)).send().await.unwrap().status(), StatusCode::GONE, "{bad}");
    }
    // Neither spent the link; 24 hours did (signed in again: the session ended meanwhile).
    s.advance(24 * 3_600_000 + 1);
    assert_eq!(s.sign_in(&ada, "ada").await, StatusCode::OK);
    assert_eq!(state_of(&status(&s, &ada).await, "json"), "expired");
    assert_eq!(ada.get(s.url(&path)).send().await.unwrap().status(), StatusCode::GONE);
    assert_eq!(stored(&s).await, 1);
    gatehouse_core::my_data::purge(&s.state.env()).await.unwrap();
    assert_eq!(stored(&s).await, 0, "housekeeping deletes expired files");

    // The schema is published.
    let res = s.client().get(s.url("/schemas/my-data-v1.json")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/schema+json");
    let (code, _) = json_error(s.call(&s.client(), "request_my_data", &[("format", "json")]).await).await;
    assert_eq!(code, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_running_export_s_worker_that_died_is_replaced_and_one_export_of_an_account_runs_at_a_time() {
    let s = TestServer::start().await;
    let ada = s.client();
    s.register(&ada, "ada").await;
    request(&s, &ada, "html").await;
    request(&s, &ada, "json").await;
    let env = s.state.env();
    let first = gatehouse_core::my_data::claim_next(&env).await.unwrap().expect("one");
    assert!(gatehouse_core::my_data::claim_next(&env).await.unwrap().is_none(), "one at a time per account");
    // Its instance stopped: ten minutes later another takes it over.
    s.advance(gatehouse_core::my_data::CLAIM_TIMEOUT_MS + 1);
    let env = s.state.env();
    let again = gatehouse_core::my_data::claim_next(&env).await.unwrap().expect("taken over");
    assert_eq!(again.id, first.id);
    assert_eq!(run(&s).await, 0, "still running elsewhere");
}
