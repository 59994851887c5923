//! E2E encryption keys over HTTP: the server functions and `/api/v1/me/e2e-key`,
//! `/api/v1/users/{id}/e2e-public-key`: who may call what, the format and strength checks, the
//! version check between devices, Reset E2E Key ending every session, and the administrators'
//! switch. (The browser's side, with real WebCrypto, is end2end/tests/e2e-keys.spec.ts.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use base64::{engine::general_purpose::STANDARD as B64, Engine as _};
use common::*;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// An RSA-2048 SubjectPublicKeyInfo's shape (the server reads its algorithm and length only).
fn spki(fill: u8) -> String {
    let mut der = vec![0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01];
    der.extend_from_slice(&[0x01, 0x05, 0x00, 0x03, 0x82, 0x01, 0x0f, 0x00]);
    der.resize(294, fill);
    B64.encode(der)
}

fn wrapped(fill: u8, iterations: u32) -> Value {
    json!({
        "kdf": "PBKDF2-SHA-256",
        "iterations": iterations,
        "salt": B64.encode([fill; 16]),
        "cipher": "AES-256-GCM",
        "iv": B64.encode([fill; 12]),
        "ciphertext": B64.encode([fill; 1234]),
    })
}

async fn put(s: &TestServer, token: &str, body: &Value) -> reqwest::Response {
    s.client().put(s.url("/api/v1/me/e2e-key")).bearer_auth(token).json(body).send().await.unwrap()
}

async fn upload_fn(s: &TestServer, c: &Client, body: &Value) -> reqwest::Response {
    c.post(s.url("/fn/upload_e2e_key")).json(&json!({ "upload": body })).send().await.unwrap()
}

#[tokio::test]
async fn nobody_signed_out_reaches_a_key_and_tokens_see_only_public_keys_of_others() {
    let s = TestServer::start().await;
    let stranger = s.client();
    for name in ["e2e_state", "remember_e2e_device", "forget_e2e_device", "reset_e2e_key", "e2e_settings"] {
        let res = s.call(&stranger, name, &[("version", "1"), ("id", "x"), ("confirm", "on")]).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{name}");
    }
    let whole = json!({ "public_key": spki(1), "wrapped": wrapped(1, 600_000), "expected_version": 0 });
    assert_eq!(upload_fn(&s, &stranger, &whole).await.status(), StatusCode::UNAUTHORIZED);
    for path in ["/api/v1/me/e2e-key", "/api/v1/users/x/e2e-public-key"] {
        assert_eq!(s.client().get(s.url(path)).send().await.unwrap().status(), StatusCode::UNAUTHORIZED, "{path}");
    }

    let ada = s.client();
    s.register(&ada, "ada").await;
    let token = s.token(&ada, "read_write").await;
    let read_only = s.token(&ada, "read_only").await;
    assert_eq!(
        s.client().get(s.url("/api/v1/me/e2e-key")).bearer_auth(&token).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    // Weak KDF parameters, a foreign key type, unknown fields: refused with the field named.
    let (status, body) = json_error(
        put(&s, &token, &json!({ "public_key": spki(1), "wrapped": wrapped(1, 100_000), "expected_version": 0 })).await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "wrapped", "{body}");
    let (status, body) = json_error(
        put(
            &s,
            &token,
            &json!({ "public_key": B64.encode([0x30; 300]), "wrapped": wrapped(1, 600_000), "expected_version": 0 }),
        )
        .await,
    )
    .await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("public_key")));
    let mut extra = wrapped(1, 600_000);
    extra["password"] = json!("correct horse");
    let res = put(&s, &token, &json!({ "public_key": spki(1), "wrapped": extra, "expected_version": 0 })).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A read-only token writes nothing.
    let res =
        put(&s, &read_only, &json!({ "public_key": spki(1), "wrapped": wrapped(1, 600_000), "expected_version": 0 }))
            .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let res =
        put(&s, &token, &json!({ "public_key": spki(1), "wrapped": wrapped(1, 600_000), "expected_version": 0 })).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    let key: Value =
        s.client().get(s.url("/api/v1/me/e2e-key")).bearer_auth(&read_only).send().await.unwrap().json().await.unwrap();
    assert_eq!((key["version"].as_i64(), key["algorithm"].as_str()), (Some(1), Some("RSA-OAEP-256")));
    assert_eq!(key["wrapped"], wrapped(1, 600_000));

    // Bob's client finds Ada's public key (never her wrapped key).
    let bob = s.client();
    s.register(&bob, "bob").await;
    let bob_token = s.token(&bob, "read_only").await;
    let ada_id = s.id_of("ada").await;
    let res = s
        .client()
        .get(s.url(&format!("/api/v1/users/{ada_id}/e2e-public-key")))
        .bearer_auth(&bob_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let public: Value = res.json().await.unwrap();
    assert_eq!(
        (public["public_key"].as_str(), public["fingerprint"].clone()),
        (Some(spki(1).as_str()), key["fingerprint"].clone())
    );
    assert!(public.get("wrapped").is_none(), "{public}");
    let bob_id = s.id_of("bob").await;
    let res = s
        .client()
        .get(s.url(&format!("/api/v1/users/{bob_id}/e2e-public-key")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // Bob's token reads Bob's key only.
    let res = s.client().get(s.url("/api/v1/me/e2e-key")).bearer_auth(&bob_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn two_devices_cannot_overwrite_each_other_and_a_reset_signs_out_everywhere() {
    let s = TestServer::start().await;
    let a = s.client();
    s.register(&a, "ada").await;
    let b = s.client();
    assert_eq!(s.sign_in(&b, "ada").await, StatusCode::OK);

    // Device A makes the key through the page's server function; B, racing, gets 409.
    let first = json!({ "public_key": spki(1), "wrapped": wrapped(1, 600_000), "expected_version": 0 });
    let res = upload_fn(&s, &a, &first).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    let racing = json!({ "public_key": spki(2), "wrapped": wrapped(2, 600_000), "expected_version": 0 });
    let (status, body) = json_error(upload_fn(&s, &b, &racing).await).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::CONFLICT, Some("expected_version")), "{body}");

    // B remembers the key at version 1; A changes the encryption password (version 2).
    let res = s.call(&b, "remember_e2e_device", &[("version", "1")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let state: Value = s.call(&a, "e2e_state", &[]).await.json().await.unwrap();
    assert_eq!(state["devices"].as_array().unwrap().len(), 1);
    let rewrap = json!({ "public_key": spki(1), "wrapped": wrapped(3, 700_000), "expected_version": 1 });
    let res = upload_fn(&s, &a, &rewrap).await;
    assert_eq!(res.status(), StatusCode::OK);
    let state: Value = s.call(&b, "e2e_state", &[]).await.json().await.unwrap();
    assert_eq!(
        (state["key"]["version"].as_i64(), state["key"]["wrapped"]["iterations"].as_i64()),
        (Some(2), Some(700_000))
    );
    assert_eq!(state["devices"], json!([]), "remembered browsers forget a changed key");
    // B, still at version 1, cannot overwrite A's change.
    let stale = json!({ "public_key": spki(1), "wrapped": wrapped(4, 600_000), "expected_version": 1 });
    let (status, body) = json_error(upload_fn(&s, &b, &stale).await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-e2e-version-stale")), "{body}");

    // The note is ciphertext; its shape is checked.
    let note = json!({ "key": B64.encode([5; 256]), "iv": B64.encode([6; 12]), "ciphertext": B64.encode([7; 40]) });
    let res = a.post(s.url("/fn/save_e2e_note")).json(&json!({ "note": note })).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let bad = json!({ "key": B64.encode([5; 256]), "iv": "x", "ciphertext": B64.encode([7; 40]) });
    let res = a.post(s.url("/fn/save_e2e_note")).json(&json!({ "note": bad })).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Reset: the box must be ticked, and this session must have confirmed it is the owner.
    let (status, body) = json_error(s.call(&a, "reset_e2e_key", &[]).await).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("confirm")));
    let res = s.call(&a, "reset_e2e_key", &[("confirm", "on")]).await;
    assert_eq!(json_error(res).await.1["error"], "reauthentication_required");
    reauthenticate(&s, &a, "ada").await;
    let res = s.call(&a, "reset_e2e_key", &[("confirm", "on")]).await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let cookie = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect::<Vec<_>>();
    assert!(cookie.iter().any(|c| c.contains("Max-Age=0")), "the session cookie is cleared: {cookie:?}");
    // Both devices are signed out; the key, the note and the remembered browsers are gone.
    assert_eq!(s.current_user(&a).await, Value::Null);
    assert_eq!(s.current_user(&b).await, Value::Null);
    let (count,): (i64,) = sqlx::query_as("SELECT (SELECT COUNT(*) FROM e2e_keys) + (SELECT COUNT(*) FROM e2e_notes) + (SELECT COUNT(*) FROM e2e_devices)")
        .fetch_one(&s.db)
        .await
        .unwrap();
    assert_eq!(count, 0);
    let mails = s.mails_to("ada@example.test", 3).await;
    assert!(
        mails.iter().any(|m| m.subject.contains("E2E key was reset")),
        "{:?}",
        mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );

    // The next sign-in makes a new key at version 1.
    let c = s.client();
    assert_eq!(s.sign_in(&c, "ada").await, StatusCode::OK);
    let next = json!({ "public_key": spki(9), "wrapped": wrapped(9, 600_000), "expected_version": 0 });
    let made: Value = upload_fn(&s, &c, &next).await.json().await.unwrap();
    assert_eq!(made["version"], 1);
}

#[tokio::test]
async fn the_api_reset_is_two_factor_protected_and_the_switch_stops_new_keys() {
    let s = TestServer::start().await;
    let a = s.client();
    s.register(&a, "ada").await;
    let token = s.token(&a, "read_write").await;
    let res = s.client().delete(s.url("/api/v1/me/e2e-key")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "no key, nothing ended");
    assert_ne!(s.current_user(&a).await, Value::Null);
    let res =
        put(&s, &token, &json!({ "public_key": spki(1), "wrapped": wrapped(1, 600_000), "expected_version": 0 })).await;
    assert_eq!(res.status(), StatusCode::OK);
    // With TOTP on, the API's reset asks for a code (the token does not ignore two factors).
    let (totp, _, _) = enable_totp(&s, &a, "ada").await;
    let res = s.client().delete(s.url("/api/v1/me/e2e-key")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(json_error(res).await.1["error"], "two_factor_required");
    let res = s
        .client()
        .delete(s.url("/api/v1/me/e2e-key"))
        .bearer_auth(&token)
        .header("X-2fa-Method", "totp")
        .header("X-2fa-Code", code_for(&s, &totp, 1))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    assert_eq!(s.current_user(&a).await, Value::Null, "the browser session ended");
    assert_eq!(
        s.client().get(s.url("/api/v1/me/e2e-key")).bearer_auth(&token).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    // An administrator turns E2E off: no new key is stored; the state says so.
    let admin = s.admin().await;
    let res = s.call(&admin, "save_e2e_settings", &[]).await;
    assert_eq!(json_error(res).await.1["error"], "reauthentication_required");
    reauthenticate(&s, &admin, "root").await;
    assert_eq!(s.call(&admin, "save_e2e_settings", &[]).await.status(), StatusCode::OK);
    let settings: Value = s.call(&admin, "e2e_settings", &[]).await.json().await.unwrap();
    assert_eq!(settings, json!({ "enabled": false }));
    let res =
        put(&s, &token, &json!({ "public_key": spki(2), "wrapped": wrapped(2, 600_000), "expected_version": 0 })).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    // Only administrators read or change the switch.
    let c = s.client();
    s.register(&c, "cat").await;
    assert_eq!(s.call(&c, "e2e_settings", &[]).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(s.call(&c, "save_e2e_settings", &[("enabled", "on")]).await.status(), StatusCode::FORBIDDEN);
    let state: Value = s.call(&c, "e2e_state", &[]).await.json().await.unwrap();
    assert_eq!((state["enabled"].as_bool(), state["key"].clone()), (Some(false), Value::Null));
}
