//! Integration tests of two-factor authentication over HTTP. Codes are computed from the key
//! the setup shows, with totp-rs directly (not through the app's own TOTP code).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use common::*;
use reqwest::{header, Client, StatusCode};
use serde_json::Value;
use totp_rs::Secret;

/// A client whose password sign-in is waiting for its second factor.
async fn pending_sign_in(s: &TestServer, username: &str) -> Client {
    let c = s.client();
    let res = s.call(&c, "sign_in", &[("identifier", username), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookies: Vec<&str> = res.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("gatehouse_pending=") && c.contains("HttpOnly")), "{cookies:?}");
    assert!(!cookies.iter().any(|c| c.starts_with("gatehouse_session=")), "no session before the second factor");
    assert_eq!(s.current_user(&c).await, Value::Null);
    c
}

async fn second_step(s: &TestServer, c: &Client, method: &str, code: &str) -> reqwest::Response {
    s.call(c, "sign_in_second_factor", &[("method", method), ("code", code)]).await
}

async fn events(s: &TestServer, username: &str) -> Vec<String> {
    let (id,): (String,) =
        sqlx::query_as("SELECT id FROM users WHERE username = $1").bind(username).fetch_one(&s.db).await.unwrap();
    platform::audit::for_user(&s.db, &id, 100).await.unwrap().into_iter().map(|r| r.event).collect()
}

#[tokio::test]
async fn totp_enrolment_sign_in_replay_backup_codes_and_disable() {
    let s = TestServer::start().await;
    let c = s.client();
    assert_eq!(s.register(&c, "ada").await.status(), StatusCode::OK);
    let elsewhere = s.client();
    s.call(&elsewhere, "sign_in", &[("identifier", "ada"), ("password", PASSWORD)]).await;
    assert_eq!(s.current_user(&elsewhere).await["username"], "ada");

    // Sensitive changes need a fresh password first.
    let res = s.call(&c, "start_totp", &[]).await;
    assert_eq!(
        json_error(res).await,
        (
            StatusCode::UNAUTHORIZED,
            serde_json::json!({"error": "reauthentication_required", "message": "Confirm it's you first: enter your password again (and a code, if you use two-factor authentication).", "code": "error-reauthentication-required"})
        )
    );
    let res = s.call(&c, "reauthenticate", &[("password", "wrong password")]).await;
    assert_eq!(json_error(res).await.1["errors"][0]["field"], "password");

    let (key, codes, first) = enable_totp(&s, &c, "ada").await;
    assert_eq!(s.current_user(&elsewhere).await, Value::Null, "enabling 2FA ended the other session");
    assert_eq!(s.current_user(&c).await["username"], "ada", "this one stays");
    let status: Value = s.call(&c, "two_factor_status", &[]).await.json().await.unwrap();
    assert_eq!((status["totp"].as_bool(), status["backup_codes_left"].as_i64()), (Some(true), Some(10)));

    // Sign out, sign in: the password alone is not enough.
    s.call(&c, "sign_out", &[]).await;
    let c = pending_sign_in(&s, "ada").await;
    let challenge: Value = s.call(&c, "sign_in_challenge", &[]).await.json().await.unwrap();
    assert_eq!(challenge["methods"], serde_json::json!(["totp", "backup"]));
    // The code that enrolled the app does not work a second time.
    let res = second_step(&s, &c, "totp", &first).await;
    assert_eq!(json_error(res).await.1["error"], "invalid_code");
    let next = code_for(&s, &key, 1);
    assert_eq!(second_step(&s, &c, "totp", &next).await.status(), StatusCode::OK);
    assert_eq!(s.current_user(&c).await["username"], "ada");
    // ...nor does the one that just signed in.
    s.call(&c, "sign_out", &[]).await;
    let c = pending_sign_in(&s, "ada").await;
    assert_eq!(json_error(second_step(&s, &c, "totp", &next).await).await.1["error"], "invalid_code");

    // A backup code works once, and the count drops.
    assert_eq!(second_step(&s, &c, "backup", &codes[0].to_uppercase()).await.status(), StatusCode::OK);
    s.call(&c, "sign_out", &[]).await;
    let c = pending_sign_in(&s, "ada").await;
    assert_eq!(json_error(second_step(&s, &c, "backup", &codes[0]).await).await.1["error"], "invalid_code");
    assert_eq!(second_step(&s, &c, "backup", &codes[1]).await.status(), StatusCode::OK);
    let status: Value = s.call(&c, "two_factor_status", &[]).await.json().await.unwrap();
    assert_eq!(status["backup_codes_left"], 8);
    assert_eq!(status["reauthenticated"], false, "a new session has to re-authenticate");
    // Moving the address (a possible factor) needs that re-authentication too (or a code with
    // the call), not only the password.
    let res = s.call(&c, "change_email", &[("email", "ada2@example.test"), ("current_password", PASSWORD)]).await;
    assert_eq!(json_error(res).await.1["error"], "reauthentication_required");

    // Re-authentication of an account with 2FA needs a code too; disabling needs one more.
    let res = s.call(&c, "reauthenticate", &[("password", PASSWORD)]).await;
    assert_eq!(json_error(res).await.1["errors"][0]["field"], "method");
    let res = s.call(&c, "reauthenticate", &[("password", PASSWORD), ("method", "backup"), ("code", &codes[2])]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = s.call(&c, "disable_totp", &[("method", "totp"), ("code", "")]).await;
    assert_eq!(json_error(res).await.1["errors"][0]["field"], "code");
    let res = s.call(&c, "disable_totp", &[("method", "backup"), ("code", &codes[3])]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let status: Value = s.call(&c, "two_factor_status", &[]).await.json().await.unwrap();
    assert_eq!((status["totp"].as_bool(), status["backup_codes_left"].as_i64()), (Some(false), Some(0)));

    // Signing in is one step again; every change was audited and mailed.
    s.call(&c, "sign_out", &[]).await;
    let res = s.call(&c, "sign_in", &[("identifier", "ada"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.current_user(&c).await["username"], "ada");
    let ev = events(&s, "ada").await;
    for e in ["two_factor_enabled", "two_factor_disabled", "two_factor_failed", "backup_code_used", "reauthenticated"] {
        assert!(ev.contains(&e.to_owned()), "{e} in {ev:?}");
    }
    let subjects: Vec<String> = s.mails_to("ada@example.test", 3).await.into_iter().map(|m| m.subject).collect();
    assert_eq!(
        subjects.iter().filter(|s| *s == "Two-factor authentication changed on your Gatehouse account").count(),
        2,
        "{subjects:?}"
    );
}

/// Twenty pending sign-ins of one account, each with a client of its own.
async fn twenty_pending(s: &TestServer, username: &str) -> Vec<Client> {
    let mut clients = Vec::new();
    for _ in 0..20 {
        clients.push(pending_sign_in(s, username).await);
    }
    clients
}

async fn in_parallel(s: &TestServer, clients: Vec<Client>, method: &str, code: &str) -> Vec<StatusCode> {
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|c| {
            let url = s.url("/fn/sign_in_second_factor");
            let form = [("method", method.to_owned()), ("code", code.to_owned())];
            tokio::spawn(async move { c.post(url).form(&form).send().await.unwrap().status() })
        })
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

#[tokio::test]
async fn twenty_parallel_sign_ins_with_one_code_succeed_exactly_once() {
    let s = TestServer::start().await;
    let mut keys = Vec::new();
    let mut backup = Vec::new();
    for name in ["ada", "bob"] {
        let c = s.client();
        s.register(&c, name).await;
        let (key, codes, _) = enable_totp(&s, &c, name).await;
        keys.push(key);
        backup.push(codes);
    }
    let ok = |v: &[StatusCode]| v.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = |v: &[StatusCode]| {
        v.iter().all(|s| [StatusCode::OK, StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(s))
    };

    // One backup code of ada's, twenty second steps at once.
    let statuses = in_parallel(&s, twenty_pending(&s, "ada").await, "backup", &backup[0][0]).await;
    assert_eq!(ok(&statuses), 1, "{statuses:?}");
    assert!(refused(&statuses), "{statuses:?}");

    // One TOTP code of bob's (a step not used yet), twenty at once.
    let statuses = in_parallel(&s, twenty_pending(&s, "bob").await, "totp", &code_for(&s, &keys[1], 1)).await;
    assert_eq!(ok(&statuses), 1, "{statuses:?}");
    assert!(refused(&statuses), "{statuses:?}");

    // One session each came of it (besides the one that enrolled).
    let (sessions,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions").fetch_one(&s.db).await.unwrap();
    assert_eq!(sessions, 4);
}

#[tokio::test]
async fn parallel_wrong_codes_cannot_exceed_the_attempt_limit() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "carol").await;
    let (key, _, _) = enable_totp(&s, &c, "carol").await;
    let wrong = not_a_code(&s, &key);

    let statuses = in_parallel(&s, twenty_pending(&s, "carol").await, "totp", &wrong).await;
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count() as i64;
    assert_eq!(checked, gatehouse_core::factors::lockout::MAX_FAILURES, "{statuses:?}");
    assert!(statuses.iter().all(|s| [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(s)));

    // The account's second step is locked now, even for the right code.
    let c = pending_sign_in(&s, "carol").await;
    let res = second_step(&s, &c, "totp", &code_for(&s, &key, 1)).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 5 * 60, "{retry}");

    // A pending sign-in allows a few tries only, then it is gone.
    let (id,): (String,) =
        sqlx::query_as("SELECT id FROM users WHERE username = 'carol'").fetch_one(&s.db).await.unwrap();
    sqlx::query("DELETE FROM two_factor_failures WHERE user_id = $1").bind(&id).execute(&s.db).await.unwrap();
    let c = pending_sign_in(&s, "carol").await;
    for _ in 0..gatehouse_core::factors::pending::MAX_TRIES {
        assert_eq!(second_step(&s, &c, "totp", &wrong).await.status(), StatusCode::UNAUTHORIZED);
    }
    let res = second_step(&s, &c, "totp", &code_for(&s, &key, 1)).await;
    assert_eq!(
        json_error(res).await,
        (
            StatusCode::UNAUTHORIZED,
            serde_json::json!({"error": "sign_in_expired", "message": "Your sign-in has expired. Sign in again.", "code": "error-sign-in-expired"})
        )
    );
}

#[tokio::test]
async fn email_codes_sign_in_once_and_nothing_secret_is_stored_in_plain_text() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register_verified(&c, "dora").await;
    // On by default once the address is verified (seed 002).
    let status: Value = s.call(&c, "two_factor_status", &[]).await.json().await.unwrap();
    assert_eq!((status["email"].as_bool(), &status["methods"]), (Some(true), &serde_json::json!(["email"])));

    // At sign-in the code is mailed at once, bound to that sign-in.
    s.call(&c, "sign_out", &[]).await;
    let c = pending_sign_in(&s, "dora").await;
    let challenge: Value = s.call(&c, "sign_in_challenge", &[]).await.json().await.unwrap();
    assert_eq!(challenge["methods"], serde_json::json!(["email"]));
    let code = last_mailed_code(&s, "dora@example.test").await;
    let other = pending_sign_in(&s, "dora").await;
    let mine = last_mailed_code(&s, "dora@example.test").await;
    if mine != code {
        assert_eq!(json_error(second_step(&s, &other, "email", &code).await).await.1["error"], "invalid_code");
    }
    assert_eq!(second_step(&s, &c, "email", &code).await.status(), StatusCode::OK);
    assert_eq!(s.current_user(&c).await["username"], "dora");
    assert_eq!(json_error(second_step(&s, &other, "email", &code).await).await.1["error"], "invalid_code");

    // Adding TOTP needs an existing factor: re-authentication asks for an emailed code.
    let res = s.call(&c, "reauthenticate", &[("password", PASSWORD)]).await;
    assert_eq!(json_error(res).await.1["errors"][0]["field"], "method");
    s.call(&c, "send_two_factor_code", &[]).await;
    let session_code = last_mailed_code(&s, "dora@example.test").await;
    let res =
        s.call(&c, "reauthenticate", &[("password", PASSWORD), ("method", "email"), ("code", &session_code)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let setup: Value = s.call(&c, "start_totp", &[]).await.json().await.unwrap();
    let key = setup["key"].as_str().unwrap().replace(' ', "");
    let res = s
        .call(&c, "confirm_totp", &[("setup", setup["setup"].as_str().unwrap()), ("code", &code_for(&s, &key, 0))])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let backup: Vec<String> = res.json().await.unwrap();
    s.call(&c, "send_two_factor_code", &[]).await;
    let in_flight = last_mailed_code(&s, "dora@example.test").await;

    // Everything secret at once is in the database now: none of it in plain text.
    let mut dump = String::new();
    for sql in [
        "SELECT user_id || secret_sealed FROM totp_factors",
        "SELECT salt || code_hash FROM backup_codes",
        "SELECT bound_to || code_hash FROM email_codes",
        "SELECT id || token_hash FROM pending_sign_ins",
        "SELECT to_addr || subject || text_body || html_body FROM mail_queue",
        "SELECT event || detail FROM audit_log",
        "SELECT key || value FROM settings",
    ] {
        let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&s.db).await.unwrap();
        rows.into_iter().for_each(|(r,)| dump.push_str(&r));
    }
    assert!(dump.contains("two_factor_enabled") && dump.contains("session:"), "the rows are there");
    let raw_key = Secret::Encoded(key.clone()).to_bytes().unwrap();
    // Six digits could turn up by chance in a long dump of hex and base64: the email code is
    // looked for where it would be kept (its row, the unsealed parts of its mail).
    let mut near: Vec<(String,)> =
        sqlx::query_as("SELECT bound_to || code_hash FROM email_codes").fetch_all(&s.db).await.unwrap();
    near.extend(
        sqlx::query_as::<_, (String,)>("SELECT to_addr || subject FROM mail_queue").fetch_all(&s.db).await.unwrap(),
    );
    assert!(near.iter().all(|(r,)| !r.contains(&in_flight)), "the email code is stored in plain text");
    let mut secrets = vec![key.clone(), key.to_lowercase(), hex_of(&raw_key)];
    for b in &backup {
        secrets.push(b.clone());
        secrets.push(b.replace('-', ""));
    }
    for secret in secrets {
        assert!(!dump.contains(&secret), "stored in plain text: {secret}");
    }
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn forced_two_factor_closes_everything_but_the_setup_and_admins_cannot_enable_it() {
    let s = TestServer::start().await;
    s.make_admin("root").await;
    let admin = s.client();
    s.call(&admin, "sign_in", &[("identifier", "root"), ("password", PASSWORD)]).await;
    let c = s.client();
    s.register(&c, "erin").await;
    let (erin,): (String,) =
        sqlx::query_as("SELECT id FROM users WHERE username = 'erin'").fetch_one(&s.db).await.unwrap();

    // Only administrators force or reset; there is no function that enables it for a user.
    let res = s.call(&c, "admin_force_two_factor", &[("user_id", &erin), ("force", "on")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Administrators re-authenticate first, and never act on their own account this way.
    let res = s.call(&admin, "admin_force_two_factor", &[("user_id", &erin), ("force", "on")]).await;
    assert_eq!(json_error(res).await.1["error"], "reauthentication_required");
    assert_eq!(s.call(&admin, "reauthenticate", &[("password", PASSWORD)]).await.status(), StatusCode::OK);
    let (root,): (String,) =
        sqlx::query_as("SELECT id FROM users WHERE username = 'root'").fetch_one(&s.db).await.unwrap();
    let res = s.call(&admin, "admin_reset_two_factor", &[("user_id", &root)]).await;
    let body = json_error(res).await.1;
    assert_eq!(
        (&body["field"], &body["code"]),
        (&serde_json::json!("user_id"), &serde_json::json!("error-admin-own-two-factor"))
    );
    let res = s.call(&admin, "admin_force_two_factor", &[("user_id", &erin), ("force", "maybe")]).await;
    let body = json_error(res).await.1;
    assert_eq!(
        (&body["errors"][0]["field"], &body["errors"][0]["code"]),
        (&serde_json::json!("force"), &serde_json::json!("error-choose-on-off"))
    );
    let res = s.call(&admin, "admin_force_two_factor", &[("user_id", "nobody"), ("force", "on")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = s.call(&admin, "admin_force_two_factor", &[("user_id", &erin), ("force", "on")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let overview: Value = s.call(&admin, "admin_overview", &[("search", "erin")]).await.json().await.unwrap();
    assert_eq!(
        (overview["users"][0]["two_factor_forced"].as_bool(), overview["users"][0]["totp"].as_bool()),
        (Some(true), Some(false))
    );

    // Erin's next request: nothing but the setup.
    assert_eq!(s.current_user(&c).await["two_factor_setup_required"], true);
    let res = s.call(&c, "list_sessions", &[]).await;
    assert_eq!(
        json_error(res).await,
        (
            StatusCode::FORBIDDEN,
            serde_json::json!({"error": "two_factor_setup_required", "message": "Your administrator requires two-factor authentication. Set it up to continue.", "code": "error-two-factor-setup-required"})
        )
    );
    let page = c.get(s.url("/account/profile")).header(header::ACCEPT, "text/html").send().await.unwrap();
    assert_eq!(page.status(), StatusCode::FOUND);
    assert_eq!(page.headers()[header::LOCATION], "/account/security");
    assert_eq!(s.call(&c, "two_factor_status", &[]).await.status(), StatusCode::OK);
    let (key, _, _) = enable_totp(&s, &c, "erin").await;
    assert_eq!(s.call(&c, "list_sessions", &[]).await.status(), StatusCode::OK);
    // While forced, it cannot be turned off.
    let res = s.call(&c, "disable_totp", &[("method", "totp"), ("code", &code_for(&s, &key, 1))]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);

    // The admin resets it (lost device): audited with the actor, mailed to erin; erin is led
    // into the setup again.
    let res = s.call(&admin, "admin_reset_two_factor", &[("user_id", &erin)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.current_user(&c).await["two_factor_setup_required"], true);
    let (actor,): (Option<String>,) = sqlx::query_as("SELECT actor_id FROM audit_log WHERE event = 'two_factor_reset'")
        .fetch_one(&s.db)
        .await
        .unwrap();
    assert!(actor.is_some());
    let subjects: Vec<String> = s.mails_to("erin@example.test", 3).await.into_iter().map(|m| m.subject).collect();
    assert!(
        subjects.iter().filter(|m| m.starts_with("Two-factor authentication changed")).count() >= 3,
        "{subjects:?}"
    );

    // Server-wide off: no second step, nothing forced, the section is hidden.
    let res = s.call(&admin, "save_two_factor_settings", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.current_user(&c).await["two_factor_setup_required"], false);
    let status: Value = s.call(&c, "two_factor_status", &[]).await.json().await.unwrap();
    assert_eq!(status["available"], false);
    assert_eq!(s.call(&c, "start_totp", &[]).await.status(), StatusCode::FORBIDDEN);
    let res = s.call(&s.client(), "save_two_factor_settings", &[("enabled", "on")]).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_password_reset_asks_for_the_second_factor() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register_verified(&c, "fay").await;
    let (key, _, _) = enable_totp(&s, &c, "fay").await;
    s.call(&s.client(), "request_password_reset", &[("email", "fay@example.test")]).await;
    // After the verification mail and the notice that 2FA was turned on.
    let token = s.mailed_token("fay@example.test", "/reset-password", 3).await;
    let status: Value = s.call(&s.client(), "reset_link_status", &[("token", &token)]).await.json().await.unwrap();
    assert_eq!(status, serde_json::json!({ "valid": true, "methods": ["totp", "backup"] }));

    let half_done = pending_sign_in(&s, "fay").await;
    let new = "a brand new passphrase";
    let reset = |method: &'static str, code: String| {
        let form = [
            ("token", token.clone()),
            ("new_password", new.into()),
            ("confirm", new.into()),
            ("method", method.into()),
            ("code", code),
        ];
        let form: Vec<(String, String)> = form.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        s.client().post(s.url("/fn/reset_password")).form(&form).send()
    };
    let res =
        s.call(&s.client(), "reset_password", &[("token", &token), ("new_password", new), ("confirm", new)]).await;
    assert_eq!(json_error(res).await.1["errors"][0]["field"], "code");
    let res = reset("backup", "abcde-fghjk".into()).await.unwrap();
    assert_eq!(json_error(res).await.1["error"], "invalid_code");
    // Email codes are no second factor here: the link itself came by email.
    let res = reset("email", "123456".into()).await.unwrap();
    assert_eq!(json_error(res).await.1["error"], "invalid_code");
    assert_eq!(reset("totp", code_for(&s, &key, 1)).await.unwrap().status(), StatusCode::OK);
    // A sign-in begun with the old password goes no further.
    let res = second_step(&s, &half_done, "backup", "abcde-fghjk").await;
    assert_eq!(json_error(res).await.1["error"], "sign_in_expired");
    let res = s.call(&s.client(), "sign_in", &[("identifier", "fay"), ("password", new)]).await;
    assert_eq!(res.status(), StatusCode::OK, "the new password works (then the second step)");
}

#[tokio::test]
async fn two_factor_functions_refuse_strangers() {
    let s = TestServer::start().await;
    let c = s.client();
    for (name, form) in [
        ("two_factor_status", vec![]),
        ("reauthenticate", vec![("password", PASSWORD)]),
        ("send_two_factor_code", vec![]),
        ("start_totp", vec![]),
        ("confirm_totp", vec![("setup", "x"), ("code", "123456")]),
        ("regenerate_backup_codes", vec![]),
        ("setup_assistant", vec![("key", "true"), ("codes", "true")]),
        ("disable_totp", vec![("method", "totp"), ("code", "123456")]),
        ("enable_email_two_factor", vec![]),
        ("disable_email_two_factor", vec![("method", "email"), ("code", "123456")]),
        ("get_two_factor_settings", vec![]),
        ("save_two_factor_settings", vec![]),
        ("admin_force_two_factor", vec![("user_id", "x"), ("force", "on")]),
        ("admin_reset_two_factor", vec![("user_id", "x")]),
    ] {
        assert_eq!(s.call(&c, name, &form).await.status(), StatusCode::UNAUTHORIZED, "{name}");
    }
    // No pending sign-in: the second step has nothing to finish.
    for (name, form) in [
        ("sign_in_challenge", vec![]),
        ("send_sign_in_code", vec![]),
        ("sign_in_second_factor", vec![("method", "totp"), ("code", "123456")]),
    ] {
        let res = s.call(&c, name, &form).await;
        assert_eq!(
            json_error(res).await,
            (
                StatusCode::UNAUTHORIZED,
                serde_json::json!({"error": "sign_in_expired", "message": "Your sign-in has expired. Sign in again.", "code": "error-sign-in-expired"})
            ),
            "{name}"
        );
    }
    // Bad input is a 4xx naming the field.
    s.register(&c, "gil").await;
    let res = s.call(&c, "disable_totp", &[("method", "carrier pigeon"), ("code", "1")]).await;
    assert_eq!(json_error(res).await.1["errors"][0]["field"], "method");
    let res = s.call(&c, "confirm_totp", &[("code", "1")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // A user is not an admin.
    assert_eq!(s.call(&c, "get_two_factor_settings", &[]).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn email_codes_are_on_by_default_for_verified_addresses_until_turned_off() {
    let s = TestServer::start().await;
    s.make_admin("root").await;
    let admin = s.client();
    s.call(&admin, "sign_in", &[("identifier", "root"), ("password", PASSWORD)]).await;
    let saved: Value = s.call(&admin, "get_two_factor_settings", &[]).await.json().await.unwrap();
    assert_eq!(saved, serde_json::json!({ "enabled": true, "email_by_default": true }), "seed 002's default");

    // A verified address gets the email step without asking for it; an unverified one does not.
    s.register_verified(&s.client(), "hal").await;
    s.register(&s.client(), "ivy").await;
    let c = pending_sign_in(&s, "hal").await;
    let challenge: Value = s.call(&c, "sign_in_challenge", &[]).await.json().await.unwrap();
    assert_eq!(challenge["methods"], serde_json::json!(["email"]));
    let res = second_step(&s, &c, "email", &last_mailed_code(&s, "hal@example.test").await).await;
    assert_eq!(res.status(), StatusCode::OK);
    let ivy = s.client();
    s.call(&ivy, "sign_in", &[("identifier", "ivy"), ("password", PASSWORD)]).await;
    assert_eq!(s.current_user(&ivy).await["username"], "ivy", "no second step for an unverified address");

    // The owner may turn it off (with the password and a current code).
    s.call(&c, "send_two_factor_code", &[]).await;
    let code = last_mailed_code(&s, "hal@example.test").await;
    let res = s.call(&c, "reauthenticate", &[("password", PASSWORD), ("method", "email"), ("code", &code)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    s.call(&c, "send_two_factor_code", &[]).await;
    let code = last_mailed_code(&s, "hal@example.test").await;
    let res = s.call(&c, "disable_email_two_factor", &[("method", "email"), ("code", &code)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    s.call(&c, "sign_out", &[]).await;
    s.call(&c, "sign_in", &[("identifier", "hal"), ("password", PASSWORD)]).await;
    assert_eq!(s.current_user(&c).await["username"], "hal", "turned off by its owner, the default no longer applies");

    // An administrator turns the default off server-wide (after confirming it is them).
    let res = s.call(&admin, "save_two_factor_settings", &[("enabled", "on")]).await;
    assert_eq!(json_error(res).await.1["error"], "reauthentication_required");
    s.call(&admin, "reauthenticate", &[("password", PASSWORD)]).await;
    assert_eq!(s.call(&admin, "save_two_factor_settings", &[("enabled", "on")]).await.status(), StatusCode::OK);
    let saved: Value = s.call(&admin, "get_two_factor_settings", &[]).await.json().await.unwrap();
    assert_eq!(saved, serde_json::json!({ "enabled": true, "email_by_default": false }));
    let (detail,): (String,) =
        sqlx::query_as("SELECT detail FROM audit_log WHERE event = 'two_factor_settings_changed'")
            .fetch_one(&s.db)
            .await
            .unwrap();
    assert!(detail.contains("\"before\"") && detail.contains("\"after\""), "{detail}");
    s.register_verified(&s.client(), "kai").await;
    let kai = s.client();
    s.call(&kai, "sign_in", &[("identifier", "kai"), ("password", PASSWORD)]).await;
    assert_eq!(s.current_user(&kai).await["username"], "kai", "no second step once the default is off");
}

/// A browser-like client whose requests come, as the trusted proxy says, from `ip`.
fn client_at(ip: &str) -> Client {
    let mut h = header::HeaderMap::new();
    h.insert("x-forwarded-for", header::HeaderValue::from_str(ip).unwrap());
    Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).default_headers(h).build().unwrap()
}

/// Someone who has the password (or a token) but not the second factor uses up only their own
/// quotas and locks only their own tries: the owner's fresh sign-in from elsewhere still works.
#[tokio::test]
async fn partial_credentials_cannot_lock_the_owner_out() {
    let s = TestServer::start_with(&[("GATEHOUSE_COOKIE_SECURE", "false"), ("GATEHOUSE_TRUST_PROXY_HEADERS", "true")])
        .await;
    let (thief, owner) = ("198.51.100.7", "203.0.113.9");

    // Email codes: the thief signs in with the password again and again.
    let c = client_at(owner);
    s.register_verified(&c, "dora").await; // email codes are on for a verified address
    for _ in 0..8 {
        let res = s.call(&client_at(thief), "sign_in", &[("identifier", "dora"), ("password", PASSWORD)]).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let before = s.mails_to("dora@example.test", 1).await.len();
    let c = client_at(owner);
    s.call(&c, "sign_in", &[("identifier", "dora"), ("password", PASSWORD)]).await;
    assert_eq!(s.mails_to("dora@example.test", 1).await.len(), before + 1, "the owner's sign-in mailed a code");
    let code = last_mailed_code(&s, "dora@example.test").await;
    assert_eq!(second_step(&s, &c, "email", &code).await.status(), StatusCode::OK);

    // Wrong X-2fa-Code values from a stolen read-write token.
    let c = client_at(owner);
    s.register(&c, "ada").await;
    let (key, backup, _) = enable_totp(&s, &c, "ada").await;
    let form = [("name", "ci"), ("scope", "read_write"), ("expires", "30"), ("method", "backup"), ("code", &backup[0])];
    let made: Value = s.call(&c, "create_token", &form).await.json().await.unwrap();
    let token = made["token"].as_str().unwrap();
    let itself = s.url(&format!("/api/v1/me/tokens/{}", made["view"]["id"].as_str().unwrap()));
    let mut refused = Vec::new();
    for _ in 0..gatehouse_core::factors::lockout::MAX_FAILURES + 2 {
        let res = client_at(thief)
            .delete(&itself)
            .bearer_auth(token)
            .header("X-2fa-Method", "totp")
            .header("X-2fa-Code", not_a_code(&s, &key))
            .send()
            .await
            .unwrap();
        refused.push(res.status());
    }
    assert_eq!(refused.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "the thief is locked: {refused:?}");
    let c = client_at(owner);
    s.call(&c, "sign_in", &[("identifier", "ada"), ("password", PASSWORD)]).await;
    assert_eq!(second_step(&s, &c, "totp", &code_for(&s, &key, 1)).await.status(), StatusCode::OK);
    assert_eq!(s.current_user(&c).await["username"], "ada");
}

/// The browser's password change asks for the second factor as the API does (a code, or a
/// re-authentication with one in the last minutes); afterwards the page is told how many
/// tokens still work and may revoke them all; a reset revokes them anyway.
#[tokio::test]
async fn a_password_change_asks_the_second_factor_and_offers_to_revoke_tokens() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register_verified(&c, "hal").await;
    let (key, backup, _) = enable_totp(&s, &c, "hal").await;
    let made = |name: &str, code: String| {
        let form = vec![
            ("name", name.to_owned()),
            ("scope", "read_only".into()),
            ("expires", "30".into()),
            ("method", "backup".into()),
            ("code", code),
        ];
        let (s, c) = (&s, &c);
        async move { s.call_with(c, "create_token", &form).await }
    };
    assert_eq!(made("ci", backup[0].clone()).await.status(), StatusCode::OK);
    assert_eq!(made("deploy", backup[1].clone()).await.status(), StatusCode::OK);

    // Long after enrolment (no recent re-authentication): without a code, it's "confirm it's
    // you" first; or a code comes with the form.
    s.advance(gatehouse_core::reauth::REAUTH_MS + 1_000);
    let new = "a second long passphrase";
    let change = [("current_password", PASSWORD), ("new_password", new), ("confirm", new)];
    let res = s.call(&c, "change_password", &change).await;
    assert_eq!(json_error(res).await.1["error"], "reauthentication_required");
    let wrong = not_a_code(&s, &key);
    let with = |code: &str| {
        let mut f = change.to_vec();
        f.extend([("method", "totp"), ("code", code)]);
        f.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect::<Vec<_>>()
    };
    let res = s.call_with(&c, "change_password", &with(&wrong)).await;
    assert_eq!(json_error(res).await.1["error"], "invalid_code");
    let res = s.call_with(&c, "change_password", &with(&code_for(&s, &key, 1))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, serde_json::json!({ "tokens_left": 2 }));

    // Revoke them all; the session changed the password a moment ago, so no code is asked.
    let res = s.call(&c, "revoke_all_tokens", &[]).await;
    assert_eq!(res.json::<Value>().await.unwrap(), serde_json::json!(2));
    assert_eq!(s.call(&c, "list_tokens", &[]).await.json::<Value>().await.unwrap(), serde_json::json!([]));
    assert_eq!(s.call(&s.client(), "revoke_all_tokens", &[]).await.status(), StatusCode::UNAUTHORIZED);

    // A reset revokes every token without asking.
    assert_eq!(made("backup job", backup[2].clone()).await.status(), StatusCode::OK);
    s.call(&s.client(), "request_password_reset", &[("email", "hal@example.test")]).await;
    let token = s.mailed_token("hal@example.test", "/reset-password", 1).await;
    let third = "a third long passphrase";
    let reset = [
        ("token", token.as_str()),
        ("new_password", third),
        ("confirm", third),
        ("method", "backup"),
        ("code", backup[3].as_str()),
    ];
    assert_eq!(s.call(&s.client(), "reset_password", &reset).await.status(), StatusCode::OK);
    let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM personal_access_tokens").fetch_one(&s.db).await.unwrap();
    assert_eq!(left, 0);
}

/// A page as the browser gets it before (or without) the WASM.
async fn page(s: &TestServer, c: &Client, path: &str) -> String {
    let res = c.get(s.url(path)).header(header::ACCEPT, "text/html").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.text().await.unwrap()
}

/// The text between `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = html.find(start)? + start.len();
    Some(&html[from..from + html[from..].find(end)?])
}

/// The key the assistant's page shows (`data-testid="totp-key"`), without its spaces.
fn key_on(html: &str) -> String {
    let tag = between(html, "data-testid=\"totp-key\"", "</code>").expect("the key on the page");
    let shown = tag[tag.find('>').unwrap() + 1..].split('<').next().unwrap();
    shown.split_whitespace().collect()
}

#[tokio::test]
async fn the_setup_assistant_works_as_a_sequence_of_pages_without_javascript() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ivy").await;

    // Before the password is confirmed, the assistant's address asks for it first.
    let html = page(&s, &c, "/account/security?setup=app").await;
    assert!(html.contains("Confirm your password first"), "{html}");
    assert!(!html.contains("Step 1 of 3"));
    reauthenticate(&s, &c, "ivy").await;

    // Each step is a page of its own, with its buttons as forms that need no script.
    let html = page(&s, &c, "/account/security?setup=app").await;
    assert!(html.contains("Step 1 of 3") && html.contains("2-Factor Authentication Setup Assistant"), "{html}");
    assert!(html.contains(r#"<input type="hidden" name="setup" value="scan""#), "Next goes to the QR code");
    let scan = page(&s, &c, "/account/security?setup=scan").await;
    assert!(scan.contains("Step 2 of 3") && scan.contains(r#"<img src="data:image/svg+xml;base64,"#), "{scan}");
    let key = key_on(&scan);
    assert!(key.len() >= 32, "{key}");
    // The same setup on every step and reload (it rides in a cookie), a new one elsewhere.
    assert_eq!(key_on(&page(&s, &c, "/account/security?setup=scan").await), key);
    let token = page(&s, &c, "/account/security?setup=token").await;
    assert!(token.contains("Step 3 of 3") && token.contains("Security Token"), "{token}");
    let sealed = between(&token, r#"<input type="hidden" name="setup" value=""#, "\"").unwrap().to_owned();
    let other = s.client();
    s.call(&other, "sign_in", &[("identifier", "ivy"), ("password", PASSWORD)]).await;
    reauthenticate(&s, &other, "ivy").await;
    assert_ne!(key_on(&page(&s, &other, "/account/security?setup=scan").await), key);

    // Verify, posted as a plain form: off to the page that shows the backup codes, which ride
    // in a sealed cookie of this session, not in the address.
    let verify = |code: String| {
        c.post(s.url("/fn/confirm_totp"))
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, s.url("/account/security?setup=token"))
            .form(&[("setup", sealed.clone()), ("code", code)])
            .send()
    };
    let res = verify(not_a_code(&s, &key)).await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    let back = res.headers()[header::LOCATION].to_str().unwrap();
    assert!(
        back.starts_with("/account/security?setup=token") || back.contains("/account/security?setup=token"),
        "{back}"
    );
    let res = verify(code_for(&s, &key, 0)).await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/account/security?codes=new");
    let cookies: Vec<&str> = res.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect();
    let carried = cookies.iter().find(|c| c.starts_with("gatehouse_new_codes=")).expect("the codes' cookie");
    assert!(carried.contains("HttpOnly") && carried.contains("Max-Age=600"), "{carried}");
    assert!(cookies.iter().any(|c| c.starts_with("gatehouse_totp_setup=;")), "the setup is over: {cookies:?}");

    // Shown once: the page lists ten codes that sign in, and a reload shows none.
    let html = page(&s, &c, "/account/security?codes=new").await;
    let codes: Vec<String> =
        html.split("<li><code>").skip(1).map(|rest| rest[..rest.find('<').unwrap()].to_owned()).collect();
    assert_eq!(codes.len(), 10, "{html}");
    assert!(html.contains("Two-factor authentication via TOTP is on."));
    let again = page(&s, &c, "/account/security?codes=new").await;
    assert!(!again.contains(&codes[0]) && again.contains("shown only once"), "{again}");
    let signing_in = pending_sign_in(&s, "ivy").await;
    assert_eq!(second_step(&s, &signing_in, "backup", &codes[3]).await.status(), StatusCode::OK);

    // Regenerating without a script takes the same road.
    let res = c
        .post(s.url("/fn/regenerate_backup_codes"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, s.url("/account/security"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[header::LOCATION], "/account/security?codes=new");
    let html = page(&s, &c, "/account/security?codes=new").await;
    assert_eq!(html.matches("<li><code>").count(), 10);
    assert!(!html.contains(&codes[0]), "a new set");
}
