//! Integration tests of the profile: every field through the page's server function and the
//! REST API, their limits, who may change them, the audit, and concurrent saves.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use common::*;
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

async fn patch_me(s: &TestServer, token: &str, body: Value) -> reqwest::Response {
    s.client().patch(s.url("/api/v1/me")).bearer_auth(token).json(&body).send().await.unwrap()
}

async fn get_me(s: &TestServer, token: &str) -> Value {
    let res = s.client().get(s.url("/api/v1/me")).bearer_auth(token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

#[tokio::test]
async fn every_field_saves_through_the_page_and_reads_back_over_the_api() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let res = s
        .call(
            &c,
            "update_profile",
            &[
                ("name", "Ada Lovelace"),
                ("username", "Ada.Lovelace"),
                ("status", "busy"),
                ("status_text", "  Writing notes on the engine  "),
                ("nickname", "Countess"),
                ("bio", "First line\r\n<b>not bold</b> & not *markdown*"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let saved: Value = res.json().await.unwrap();
    assert_eq!(saved["username"], "Ada.Lovelace");
    assert_eq!(saved["status"], "busy");
    assert_eq!(saved["status_text"], "Writing notes on the engine", "trimmed");
    assert_eq!(saved["bio"], "First line\n<b>not bold</b> & not *markdown*", "kept as plain text, one line end");
    assert_eq!(s.current_user(&c).await, saved);

    let t = s.token(&c, "read_write").await;
    let me = get_me(&s, &t).await;
    for (field, value) in [
        ("name", "Ada Lovelace"),
        ("username", "Ada.Lovelace"),
        ("status", "busy"),
        ("nickname", "Countess"),
        ("status_text", "Writing notes on the engine"),
    ] {
        assert_eq!(me[field], value, "{field}");
    }
    s.advance(1_000);
    // The API changes them too, and the next read (the token cache included) shows it at once.
    let res = patch_me(&s, &t, json!({ "nickname": "", "status": "away", "bio": "Mathematician" })).await;
    assert_eq!(res.status(), StatusCode::OK);
    let me = get_me(&s, &t).await;
    assert_eq!(
        (me["nickname"].as_str(), me["status"].as_str(), me["bio"].as_str()),
        (Some(""), Some("away"), Some("Mathematician"))
    );
    assert_eq!(me["name"], "Ada Lovelace", "fields not sent stay");

    // Each save is audited with what changed; a bio only as "changed".
    let audited: Vec<(String,)> =
        sqlx::query_as("SELECT detail FROM audit_log WHERE event = 'profile_changed' ORDER BY created_at")
            .fetch_all(&s.db)
            .await
            .unwrap();
    assert_eq!(audited.len(), 2, "{audited:?}");
    let first: Value = serde_json::from_str(&audited[0].0).unwrap();
    assert_eq!(first["username"], json!({ "from": "ada", "to": "Ada.Lovelace" }));
    assert_eq!(first["status"], json!({ "from": "online", "to": "busy" }));
    assert_eq!(first["bio"], "changed");
    let second: Value = serde_json::from_str(&audited[1].0).unwrap();
    assert_eq!(second["nickname"], json!({ "from": "Countess", "to": "" }));
    assert!(second["name"].is_null(), "an unchanged field is not in the audit: {second}");
    assert!(!audited[1].0.contains("Mathematician"), "the bio's text is not logged");
}

#[tokio::test]
async fn limits_are_checked_field_by_field_and_a_refused_save_changes_nothing() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let t = s.token(&c, "read_write").await;
    let before = get_me(&s, &t).await;
    let long = |n: usize| "é".repeat(n);
    let cases = [
        ("name", long(101)),
        ("name", "   ".to_owned()),
        ("username", "no spaces".to_owned()),
        ("username", "ab".to_owned()),
        ("status", "invisible".to_owned()),
        ("status_text", long(121)),
        ("status_text", "two\nlines".to_owned()),
        ("nickname", long(65)),
        ("bio", long(261)),
        ("bio", "bell\u{7}".to_owned()),
    ];
    for (field, value) in &cases {
        // With a valid change beside it: nothing of the save is kept.
        let beside = if *field == "nickname" { "bio" } else { "nickname" };
        let res = patch_me(&s, &t, json!({ field.to_string(): value, beside: "Countess" })).await;
        let (status, body) = json_error(res).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field} = {value:?}");
        assert_eq!(body["errors"][0]["field"], *field, "{body}");
        let res = s.call(&c, "update_profile", &[(*field, value.as_str()), (beside, "Countess")]).await;
        let (_, body) = json_error(res).await;
        assert_eq!(body["errors"][0]["field"], *field, "the page's server function: {body}");
    }
    assert_eq!(get_me(&s, &t).await, before, "nothing was saved");

    // The limits themselves are allowed, counted in characters (a bio's CRLF counts once).
    let bio = format!("{}\r\n{}", long(100), long(159));
    let at_limits = json!({ "name": long(100), "nickname": long(64), "status_text": long(120), "bio": bio, "username": "a".repeat(32) });
    let res = patch_me(&s, &t, at_limits).await;
    assert_eq!(res.status(), StatusCode::OK);
    let me = get_me(&s, &t).await;
    assert_eq!(me["bio"].as_str().unwrap().chars().count(), 260);
    assert_eq!(me["nickname"].as_str().unwrap().chars().count(), 64);

    // Unknown fields and wrong types are refused as the API's contract says.
    let res = patch_me(&s, &t, json!({ "status": 3 })).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn only_the_account_itself_with_a_writing_credential_changes_it() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let reader = s.token(&c, "read_only").await;

    let anonymous = s.call(&s.client(), "update_profile", &[("nickname", "x")]).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let res = s.client().patch(s.url("/api/v1/me")).json(&json!({ "nickname": "x" })).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = patch_me(&s, &reader, json!({ "nickname": "x" })).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(get_me(&s, &reader).await["nickname"], "");
}

#[tokio::test]
async fn a_new_username_signs_in_and_the_old_one_no_longer_does_and_names_stay_unique() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    s.register(&s.client(), "bob").await;
    let res = s.call(&c, "update_profile", &[("username", "Ada.Lovelace")]).await;
    assert_eq!(res.status(), StatusCode::OK);

    let sign_in = |who: &'static str| {
        let s = &s;
        async move { s.call(&s.client(), "sign_in", &[("identifier", who), ("password", PASSWORD)]).await.status() }
    };
    assert_eq!(sign_in("ada.lovelace").await, StatusCode::OK);
    assert_ne!(sign_in("ada").await, StatusCode::OK);

    // Taken whatever the case; the error is next to the field.
    let bob = s.client();
    let res = s.call(&bob, "sign_in", &[("identifier", "bob"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (status, body) = json_error(s.call(&bob, "update_profile", &[("username", "ADA.lovelace")]).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["field"], "username", "{body}");
}

#[tokio::test]
async fn concurrent_saves_of_different_fields_lose_none() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let t = s.token(&c, "read_write").await;
    let statuses = ["away", "busy", "offline", "online"];
    for (round, status) in statuses.into_iter().enumerate() {
        let bodies = [
            json!({ "name": format!("Name {round}") }),
            json!({ "nickname": format!("nick {round}") }),
            json!({ "bio": format!("bio {round}") }),
            json!({ "status_text": format!("text {round}") }),
            json!({ "status": status }),
        ];
        let [b0, b1, b2, b3, b4] = bodies.clone();
        let saved = tokio::join!(
            patch_me(&s, &t, b0),
            patch_me(&s, &t, b1),
            patch_me(&s, &t, b2),
            patch_me(&s, &t, b3),
            patch_me(&s, &t, b4)
        );
        for res in [saved.0, saved.1, saved.2, saved.3, saved.4] {
            assert_eq!(res.status(), StatusCode::OK);
        }
        let me = get_me(&s, &t).await;
        for body in &bodies {
            let (field, value) = body.as_object().unwrap().iter().next().unwrap();
            assert_eq!(&me[field], value, "round {round}: {field}");
        }
    }
}

#[tokio::test]
async fn a_form_posted_without_javascript_saves_what_changed_and_goes_back_to_the_page() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let res = c
        .post(s.url("/fn/update_profile"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, s.url("/account/profile"))
        .form(&[
            ("name", "Test Person"),
            ("username", "ada"),
            ("status", "away"),
            ("status_text", "Back soon"),
            ("nickname", ""),
            ("bio", ""),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let me = s.current_user(&c).await;
    assert_eq!((me["status"].as_str(), me["status_text"].as_str()), (Some("away"), Some("Back soon")));
    let audited: (String,) =
        sqlx::query_as("SELECT detail FROM audit_log WHERE event = 'profile_changed'").fetch_one(&s.db).await.unwrap();
    let detail: Value = serde_json::from_str(&audited.0).unwrap();
    assert!(detail["name"].is_null() && detail["username"].is_null(), "unchanged fields were not written: {detail}");
}
