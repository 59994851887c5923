//! Integration tests of personal access tokens and the REST API under /api/v1.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use common::*;
use reqwest::{header, Client, Method, StatusCode};
use serde_json::{json, Value};

/// Makes a token on the page's server function; `proof` is the password or a method and code.
async fn make_token(
    s: &TestServer,
    c: &Client,
    name: &str,
    ignore_two_factor: bool,
    scope: &str,
    proof: &[(&str, &str)],
) -> Value {
    let mut form = vec![("name", name), ("scope", scope), ("expires", "30")];
    if ignore_two_factor {
        form.push(("ignore_two_factor", "on"));
    }
    form.extend_from_slice(proof);
    let res = s.call(c, "create_token", &form).await;
    assert_eq!(res.status(), StatusCode::OK, "{name}");
    res.json().await.unwrap()
}

async fn api(s: &TestServer, method: Method, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut req = s.client().request(method, s.url(&format!("/api/v1{path}")));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn a_token_reads_the_account_with_either_header_style_until_regenerated_or_deleted() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    // The owner proves it is them first.
    let res = s
        .call(&c, "create_token", &[("name", "ci"), ("scope", "read_write"), ("expires", "30"), ("password", "wrong")])
        .await;
    assert_eq!(json_error(res).await.1["errors"][0]["field"], "password");
    let made = make_token(&s, &c, "ci", false, "read_write", &[("password", PASSWORD)]).await;
    let token = made["token"].as_str().unwrap().to_owned();
    assert_eq!(made["user_id"], s.id_of("ada").await);

    let me: Value = api(&s, Method::GET, "/me", Some(&token)).await.json().await.unwrap();
    assert_eq!((me["username"].as_str(), me["email"].as_str()), (Some("ada"), Some("ada@example.test")));
    let rc = s
        .client()
        .get(s.url("/api/v1/me"))
        .header("X-User-Id", made["user_id"].as_str().unwrap())
        .header("X-Auth-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(rc.status(), StatusCode::OK);
    let wrong_user = s
        .client()
        .get(s.url("/api/v1/me"))
        .header("X-User-Id", "someone")
        .header("X-Auth-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_user.status(), StatusCode::UNAUTHORIZED);

    // The list shows its use and its last characters, never the value.
    let listed: Value = s.call(&c, "list_tokens", &[]).await.json().await.unwrap();
    assert_eq!(listed[0]["last_chars"].as_str().unwrap(), &token[token.len() - 6..]);
    assert!(listed[0]["last_used_at"].is_i64());
    assert!(!listed.to_string().contains(&token));
    let dump: Vec<(String,)> = sqlx::query_as("SELECT token_hash || name || last_chars FROM personal_access_tokens")
        .fetch_all(&s.db)
        .await
        .unwrap();
    assert!(dump.iter().all(|(r,)| !r.contains(&token[4..])), "no token in plain text");

    let id = made["view"]["id"].as_str().unwrap();
    let again: Value =
        s.call(&c, "regenerate_token", &[("id", id), ("password", PASSWORD)]).await.json().await.unwrap();
    let new = again["token"].as_str().unwrap();
    assert_eq!(api(&s, Method::GET, "/me", Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(api(&s, Method::GET, "/me", Some(new)).await.status(), StatusCode::OK);
    assert_eq!(s.call(&c, "delete_token", &[("id", id)]).await.status(), StatusCode::OK);
    let res = api(&s, Method::GET, "/me", Some(new)).await;
    assert_eq!(
        json_error(res).await,
        (
            StatusCode::UNAUTHORIZED,
            json!({"error": "unauthenticated", "message": "Please sign in to continue.", "code": "error-unauthenticated"})
        )
    );
    let events: Vec<(String,)> =
        sqlx::query_as("SELECT event FROM audit_log WHERE event LIKE 'token_%' ORDER BY created_at")
            .fetch_all(&s.db)
            .await
            .unwrap();
    assert_eq!(events.len(), 3, "created, regenerated, deleted: {events:?}");
}

#[tokio::test]
async fn read_only_expired_and_disabled_are_refused() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "bob").await;
    let ro = make_token(&s, &c, "reader", false, "read_only", &[("password", PASSWORD)]).await;
    let ro = ro["token"].as_str().unwrap();
    assert_eq!(api(&s, Method::GET, "/me/sessions", Some(ro)).await.status(), StatusCode::OK);
    let res = s.client().patch(s.url("/api/v1/me")).bearer_auth(ro).json(&json!({"name": "Bob"})).send().await.unwrap();
    assert_eq!(json_error(res).await.1["error"], "forbidden");

    let rw = make_token(&s, &c, "writer", false, "read_write", &[("password", PASSWORD)]).await;
    let rw = rw["token"].as_str().unwrap().to_owned();
    let res = s
        .client()
        .patch(s.url("/api/v1/me"))
        .bearer_auth(&rw)
        .json(&json!({"name": "Bob Diddley"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.json::<Value>().await.unwrap()["name"], "Bob Diddley");
    // Without two-factor authentication the address changes with the password alone, by the link.
    let res = s
        .client()
        .patch(s.url("/api/v1/me"))
        .bearer_auth(&rw)
        .json(&json!({"email": "bob2@example.test", "current_password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.mails_to("bob2@example.test", 1).await.len(), 1);

    // Expiry: the token ends in 400 ms; it works until then, cached or not, and not after.
    let soon = s.now() + 400;
    sqlx::query("UPDATE personal_access_tokens SET expires_at = $1 WHERE name = 'writer'")
        .bind(soon)
        .execute(&s.db)
        .await
        .unwrap();
    s.state.core.token_cache.forget_user(&s.id_of("bob").await);
    assert_eq!(api(&s, Method::GET, "/me", Some(&rw)).await.status(), StatusCode::OK, "not yet");
    s.advance(500);
    assert_eq!(api(&s, Method::GET, "/me", Some(&rw)).await.status(), StatusCode::UNAUTHORIZED, "expired");
    // A disabled account: refused once the instance that disabled it forgets its tokens (any
    // other instance re-reads them within two seconds).
    sqlx::query("UPDATE users SET disabled_at = 1").execute(&s.db).await.unwrap();
    s.state.core.token_cache.forget_user(&s.id_of("bob").await);
    assert_eq!(api(&s, Method::GET, "/me", Some(ro)).await.status(), StatusCode::UNAUTHORIZED, "disabled account");
}

#[tokio::test]
async fn protected_calls_need_a_code_unless_the_token_ignores_two_factor() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "cyd").await;
    let (key, backup, _) = enable_totp(&s, &c, "cyd").await;
    // With 2FA on, the page asks for a code, not the password.
    let res = s
        .call(&c, "create_token", &[("name", "x"), ("scope", "read_write"), ("expires", "30"), ("password", PASSWORD)])
        .await;
    assert_eq!(json_error(res).await.1["errors"][0]["field"], "method");
    let ignoring =
        make_token(&s, &c, "ignoring", true, "read_write", &[("method", "backup"), ("code", &backup[0])]).await;
    let strict = make_token(&s, &c, "strict", false, "read_write", &[("method", "backup"), ("code", &backup[1])]).await;
    let victim = make_token(&s, &c, "victim", false, "read_only", &[("method", "backup"), ("code", &backup[2])]).await;

    // Ignoring: no code needed.
    let path = format!("/me/tokens/{}", victim["view"]["id"].as_str().unwrap());
    let res = api(&s, Method::DELETE, &path, ignoring["token"].as_str()).await;
    assert_eq!(res.status(), StatusCode::OK);

    // Not ignoring: 401 two_factor_required with the methods, then the code works.
    let path = format!("/me/tokens/{}", ignoring["view"]["id"].as_str().unwrap());
    let res = api(&s, Method::DELETE, &path, strict["token"].as_str()).await;
    assert_eq!(
        json_error(res).await.1,
        json!({
            "error": "two_factor_required",
            "message": "This call needs a second factor: send X-2fa-Method and X-2fa-Code.",
            "code": "error-two-factor-required",
            "methods": ["totp", "backup"]
        })
    );
    let res = s
        .client()
        .delete(s.url(&format!("/api/v1{path}")))
        .bearer_auth(strict["token"].as_str().unwrap())
        .header("X-2fa-Method", "totp")
        .header("X-2fa-Code", not_a_code(&s, &key))
        .send()
        .await
        .unwrap();
    assert_eq!(json_error(res).await.1["error"], "invalid_code");
    let res = s
        .client()
        .delete(s.url(&format!("/api/v1{path}")))
        .bearer_auth(strict["token"].as_str().unwrap())
        .header("X-2fa-Method", "totp")
        .header("X-2fa-Code", code_for(&s, &key, 1))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(api(&s, Method::GET, "/me", ignoring["token"].as_str()).await.status(), StatusCode::UNAUTHORIZED);

    // Changing the address is protected the same way.
    let res = s
        .client()
        .patch(s.url("/api/v1/me"))
        .bearer_auth(strict["token"].as_str().unwrap())
        .json(&json!({"email": "cyd2@example.test", "current_password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_error(res).await.1["error"], "two_factor_required");
    // Changing the password is protected the same way.
    let body = json!({"current_password": PASSWORD, "new_password": "another long passphrase"});
    let res = s
        .client()
        .post(s.url("/api/v1/me/password"))
        .bearer_auth(strict["token"].as_str().unwrap())
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(json_error(res).await.1["error"], "two_factor_required");
}

#[tokio::test]
async fn login_over_the_api_with_and_without_the_second_factor() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "dim").await;
    let login = |body: Value| s.client().post(s.url("/api/v1/auth/login")).json(&body).send();

    let res = login(json!({"identifier": "dim", "password": "wrong"})).await.unwrap();
    assert_eq!(json_error(res).await.1["error"], "invalid_credentials");
    let res = login(json!({"identifier": "dim", "password": PASSWORD})).await.unwrap();
    let body: Value = res.json().await.unwrap();
    let token = body["token"].as_str().unwrap().to_owned();
    let sessions: Value = api(&s, Method::GET, "/me/sessions", Some(&token)).await.json().await.unwrap();
    assert!(sessions.as_array().unwrap().iter().any(|x| x["current"] == true));
    assert_eq!(api(&s, Method::POST, "/auth/logout", Some(&token)).await.status(), StatusCode::OK);
    assert_eq!(api(&s, Method::GET, "/me", Some(&token)).await.status(), StatusCode::UNAUTHORIZED);

    let (key, _, _) = enable_totp(&s, &c, "dim").await;
    let res = login(json!({"identifier": "dim", "password": PASSWORD})).await.unwrap();
    let (status, body) = json_error(res).await;
    assert_eq!(
        (status, body["error"].as_str(), body["methods"].clone()),
        (StatusCode::UNAUTHORIZED, Some("two_factor_required"), json!(["totp", "backup"]))
    );
    let res = login(json!({"identifier": "dim", "password": PASSWORD, "method": "totp", "code": not_a_code(&s, &key)}))
        .await
        .unwrap();
    assert_eq!(json_error(res).await.1["error"], "invalid_code");
    // Or in two calls: the first answers the pending sign-in, the second brings the code.
    let res = login(json!({"identifier": "dim", "password": PASSWORD})).await.unwrap();
    let pending = json_error(res).await.1["pending"].as_str().unwrap().to_owned();
    let res = login(json!({"pending": pending, "method": "backup", "code": "abcde-fghjk"})).await.unwrap();
    assert_eq!(json_error(res).await.1["error"], "invalid_code");
    let res = login(json!({"pending": pending, "method": "totp", "code": code_for(&s, &key, 1)})).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let token: Value = res.json().await.unwrap();
    // Used once: the pending sign-in is gone.
    let res = login(json!({"pending": pending, "method": "totp", "code": code_for(&s, &key, 1)})).await.unwrap();
    assert_eq!(json_error(res).await.1["error"], "sign_in_expired");
    let audit: Value = api(&s, Method::GET, "/me/audit", token["token"].as_str()).await.json().await.unwrap();
    assert!(audit.as_array().unwrap().iter().any(|e| e["event"] == "two_factor_enabled"));
}

#[tokio::test]
async fn api_sessions_and_browser_sessions_are_each_accepted_only_where_they_belong() {
    let s = TestServer::start().await;
    let res = s.register(&s.client(), "kim").await;
    let browser_token = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.strip_prefix("gatehouse_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
        .next()
        .expect("a session cookie");
    let res = s.client().post(s.url("/api/v1/auth/login")).json(&json!({"identifier": "kim", "password": PASSWORD}));
    let api_token = res.send().await.unwrap().json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();

    // Each where it belongs.
    assert_eq!(api(&s, Method::GET, "/me", Some(&api_token)).await.status(), StatusCode::OK);
    let as_cookie = |token: &str| {
        reqwest::Client::new().post(s.url("/fn/list_sessions")).header("cookie", format!("gatehouse_session={token}"))
    };
    assert_eq!(as_cookie(&browser_token).send().await.unwrap().status(), StatusCode::OK);
    // The API session as a browser cookie would skip the API's per-call second-factor rule
    // (X-2fa-Code) on the browser's endpoints: it is no session there.
    assert_eq!(as_cookie(&api_token).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    // And the browser's cookie is no bearer token.
    assert_eq!(api(&s, Method::GET, "/me", Some(&browser_token)).await.status(), StatusCode::UNAUTHORIZED);
}

/// Every documented operation, as (method, path with a placeholder id).
fn documented(doc: &Value) -> Vec<(Method, String)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in item.as_object().unwrap().keys() {
            out.push((
                Method::from_bytes(m.to_uppercase().as_bytes()).unwrap(),
                path.replace("{id}", "nope").replace("{org}", "nope"),
            ));
        }
    }
    out
}

#[tokio::test]
async fn the_openapi_document_matches_the_routes_and_every_route_refuses_strangers() {
    let s = TestServer::start().await;
    let doc: Value = s.client().get(s.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "{}", doc["openapi"]);
    // Errors name their message's id and arguments, for clients that word them themselves.
    for schema in ["ErrorBody", "FieldError"] {
        let props = &doc["components"]["schemas"][schema]["properties"];
        assert_eq!(props["code"]["type"], "string", "{schema}");
        assert_eq!(props["args"]["additionalProperties"], json!({"type": ["integer", "string"]}), "{schema}");
    }
    let ops = documented(&doc);
    let mut listed: Vec<String> = ops.iter().map(|(m, p)| format!("{m} {p}")).collect();
    listed.sort();
    assert_eq!(
        listed,
        vec![
            "DELETE /me/avatar",
            "DELETE /me/sessions/nope",
            "DELETE /me/tokens/nope",
            "GET /me",
            "GET /me/audit",
            "GET /me/organizations",
            "GET /me/preferences",
            "GET /me/presence",
            "GET /me/sessions",
            "GET /me/tokens",
            "GET /users/nope/avatar",
            "PATCH /me",
            "PATCH /me/preferences",
            "POST /admin/contracts/nope",
            "POST /auth/login",
            "POST /auth/logout",
            "POST /me/password",
            "POST /me/two-factor/email-code",
            "PUT /me/avatar",
            "PUT /me/presence",
        ]
    );
    // Each documented operation is served: without a token it is 401, never a 404 (the login
    // answers a bad request instead).
    for (method, path) in &ops {
        let res = api(&s, method.clone(), path, None).await;
        let expected = if path == "/auth/login" { StatusCode::BAD_REQUEST } else { StatusCode::UNAUTHORIZED };
        assert_eq!(res.status(), expected, "{method} {path}");
        let body: Value = res.json().await.unwrap();
        assert!(body["error"].is_string() && body["message"].is_string(), "{method} {path}: {body}");
        assert!(body["code"].as_str().is_some_and(|c| c.starts_with("error-")), "{method} {path}: {body}");
    }
    assert_eq!(api(&s, Method::GET, "/nothing/here", None).await.status(), StatusCode::NOT_FOUND);

    // Another account's objects are 404; bad JSON is a 4xx with a JSON error.
    let (a, b) = (s.client(), s.client());
    s.register(&a, "eve").await;
    s.register(&b, "fox").await;
    let eve = make_token(&s, &a, "eve", false, "read_write", &[("password", PASSWORD)]).await;
    let fox = make_token(&s, &b, "fox", false, "read_write", &[("password", PASSWORD)]).await;
    let eve_token = eve["token"].as_str().unwrap();
    let fox_session: (String,) =
        sqlx::query_as("SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'fox'")
            .fetch_one(&s.db)
            .await
            .unwrap();
    let res = api(&s, Method::DELETE, &format!("/me/sessions/{}", fox_session.0), Some(eve_token)).await;
    assert_eq!(json_error(res).await.1["error"], "not_found");
    let res =
        api(&s, Method::DELETE, &format!("/me/tokens/{}", fox["view"]["id"].as_str().unwrap()), Some(eve_token)).await;
    assert_eq!(json_error(res).await.1["error"], "not_found");
    for (body, status) in [
        ("{not json", StatusCode::BAD_REQUEST),
        (r#"{"name": 5}"#, StatusCode::UNPROCESSABLE_ENTITY),
        (r#"{"favourite_colour": "x"}"#, StatusCode::UNPROCESSABLE_ENTITY),
        (r#"{"name": "   "}"#, StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let res = s
            .client()
            .patch(s.url("/api/v1/me"))
            .bearer_auth(eve_token)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "{body}");
        assert!(res.json::<Value>().await.unwrap()["error"].is_string());
    }
    // The other routes with a body: not JSON is a 400, the wrong shape a 422.
    for path in ["/me/password", "/auth/login"] {
        for (body, status) in
            [("{not json", StatusCode::BAD_REQUEST), (r#"{"unexpected": true}"#, StatusCode::UNPROCESSABLE_ENTITY)]
        {
            let res = s
                .client()
                .post(s.url(&format!("/api/v1{path}")))
                .bearer_auth(eve_token)
                .header(header::CONTENT_TYPE, "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), status, "{path} {body}");
            assert!(res.json::<Value>().await.unwrap()["error"].is_string());
        }
    }
    let res = s
        .client()
        .patch(s.url("/api/v1/me"))
        .bearer_auth(eve_token)
        .json(&json!({"username": "fox"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_error(res).await,
        (
            StatusCode::CONFLICT,
            json!({
                "error": "conflict",
                "message": "That username is taken.",
                "code": "error-username-taken",
                "field": "username"
            })
        )
    );
}

#[tokio::test]
async fn calls_are_rate_limited_per_token_with_retry_after() {
    let s =
        TestServer::start_with(&[("GATEHOUSE_COOKIE_SECURE", "false"), ("GATEHOUSE_API_CALLS_PER_MINUTE", "20")]).await;
    let c = s.client();
    s.register(&c, "gus").await;
    let t = make_token(&s, &c, "busy", false, "read_only", &[("password", PASSWORD)]).await;
    let t = t["token"].as_str().unwrap();
    for _ in 0..20 {
        assert_eq!(api(&s, Method::GET, "/me", Some(t)).await.status(), StatusCode::OK);
    }
    let res = api(&s, Method::GET, "/me", Some(t)).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key(header::RETRY_AFTER));
    assert_eq!(res.json::<Value>().await.unwrap()["error"], "rate_limited");
}

#[tokio::test]
async fn forced_setup_and_expired_passwords_hold_for_the_api_too() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "hana").await;
    let t = make_token(&s, &c, "t", false, "read_write", &[("password", PASSWORD)]).await;
    let t = t["token"].as_str().unwrap();
    let res =
        s.client().patch(s.url("/api/v1/me")).bearer_auth(t).json(&json!({"username": "hana2"})).send().await.unwrap();
    assert_eq!(res.json::<Value>().await.unwrap()["username"], "hana2");
    let (detail,): (String,) =
        sqlx::query_as("SELECT detail FROM audit_log WHERE event = 'profile_changed'").fetch_one(&s.db).await.unwrap();
    assert!(detail.contains("hana2"), "{detail}");

    // (Changed in the database as an administrator's action would, which also forgets the
    // account's cached tokens.)
    let id = s.id_of("hana2").await;
    sqlx::query("UPDATE users SET two_factor_forced_at = 1").execute(&s.db).await.unwrap();
    s.state.core.token_cache.forget_user(&id);
    let res = api(&s, Method::GET, "/me", Some(t)).await;
    assert_eq!(json_error(res).await.1["error"], "two_factor_setup_required");
    sqlx::query("UPDATE users SET two_factor_forced_at = NULL").execute(&s.db).await.unwrap();
    s.state.core.token_cache.forget_user(&id);

    // An expired password: only changing it (and signing out) stays open.
    let policy = wire::password::PasswordPolicy { max_age_days: 30, ..Default::default() };
    s.state.core.platform.settings.put(&s.db, gatehouse_core::policy::POLICY, &policy, s.now()).await.unwrap();
    sqlx::query("UPDATE users SET password_changed_at = password_changed_at - $1")
        .bind(31 * 86_400_000_i64)
        .execute(&s.db)
        .await
        .unwrap();
    let res = api(&s, Method::GET, "/me", Some(t)).await;
    assert_eq!(json_error(res).await.1["error"], "password_expired");
    let wrong = json!({"current_password": "not it", "new_password": "a fresh passphrase 2026"});
    let res = s.client().post(s.url("/api/v1/me/password")).bearer_auth(t).json(&wrong).send().await.unwrap();
    assert_eq!(json_error(res).await.1["field"], "current_password", "the API's own field name");
    let body = json!({"current_password": PASSWORD, "new_password": "a fresh passphrase 2026"});
    let res = s.client().post(s.url("/api/v1/me/password")).bearer_auth(t).json(&body).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(api(&s, Method::GET, "/me", Some(t)).await.status(), StatusCode::OK);
}

/// The document declares the limits the server enforces, and a value at a declared limit is
/// accepted (a schema-driven client never hits a limit the document does not state).
#[tokio::test]
async fn the_openapi_document_declares_the_limits_the_server_enforces() {
    let s = TestServer::start().await;
    let doc: Value = s.client().get(s.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    let props = |schema: &str| doc["components"]["schemas"][schema]["properties"].clone();
    let login = props("LoginRequest");
    assert_eq!(
        (login["identifier"]["minLength"].as_u64(), login["identifier"]["maxLength"].as_u64()),
        (Some(1), Some(254))
    );
    assert_eq!(login["password"]["maxLength"], 1024);
    assert_eq!(login["code"]["maxLength"], 32);
    let patch = props("MePatch");
    assert_eq!((patch["name"]["maxLength"].as_u64(), patch["username"]["maxLength"].as_u64()), (Some(100), Some(32)));
    assert_eq!(patch["email"]["maxLength"], 254);
    let change = props("PasswordChangeRequest");
    assert_eq!(
        (change["new_password"]["minLength"].as_u64(), change["new_password"]["maxLength"].as_u64()),
        (Some(8), Some(1024))
    );

    // At the limits: accepted (a wrong password is a wrong password, not a bad request).
    let login = |identifier: String| {
        s.client().post(s.url("/api/v1/auth/login")).json(&json!({ "identifier": identifier, "password": "x" })).send()
    };
    let at = login(format!("{}@example.test", "a".repeat(254 - 13))).await.unwrap();
    assert_eq!(json_error(at).await.1["error"], "invalid_credentials");
    let over = login(format!("{}@example.test", "a".repeat(255 - 13))).await.unwrap();
    assert_eq!(json_error(over).await.1["errors"][0]["field"], "identifier");

    let c = s.client();
    s.register(&c, "ida").await;
    let token = make_token(&s, &c, "t", true, "read_write", &[("password", PASSWORD)]).await;
    let patch = |body: Value| {
        s.client().patch(s.url("/api/v1/me")).bearer_auth(token["token"].as_str().unwrap()).json(&body).send()
    };
    let res = patch(json!({ "name": "n".repeat(100), "username": format!("i{}", "d".repeat(31)) })).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = patch(json!({ "name": "n".repeat(101) })).await.unwrap();
    assert_eq!(json_error(res).await.1["errors"][0]["field"], "name");
}

/// What the schema-driven fuzz (end2end/fuzz-api.sh) found, each held here too.
#[tokio::test]
async fn every_answer_is_the_json_error_the_document_declares() {
    let s = TestServer::start().await;
    let doc: Value = s.client().get(s.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    // Both ways of sending a credential, and on every secured call what any call may answer.
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(
        (schemes["user_id"]["name"].as_str(), schemes["auth_token"]["name"].as_str()),
        (Some("X-User-Id"), Some("X-Auth-Token"))
    );
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(security) = op["security"].as_array() else { continue };
            assert_eq!(security.len(), 2, "{method} {path}: bearer, or the two headers");
            for code in ["401", "403", "429"] {
                assert!(op["responses"][code].is_object(), "{method} {path} does not declare {code}");
            }
            if path.contains("{id}") {
                assert!(op["responses"]["400"].is_object(), "{method} {path} does not declare 400");
            }
        }
    }
    // `{}` is no sign-in: the document says which fields go together.
    let login = &doc["components"]["schemas"]["LoginRequest"]["anyOf"];
    assert_eq!(login[0]["required"], json!(["identifier", "password"]));
    assert_eq!(login[1]["required"], json!(["pending", "method"]));
    assert_eq!(doc["components"]["schemas"]["MePatch"]["then"]["required"], json!(["current_password"]));

    let c = s.client();
    s.register(&c, "ada").await;
    let made = make_token(&s, &c, "fuzz", true, "read_write", &[("password", PASSWORD)]).await;
    let token = made["token"].as_str().unwrap();

    // A method the address does not answer: 405 with Allow and the JSON body.
    let res = api(&s, Method::PUT, "/me", Some(token)).await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(res.headers()[header::ALLOW].to_str().unwrap().contains("PATCH"));
    assert_eq!(res.json::<Value>().await.unwrap()["error"], "method_not_allowed");
    // An id that is not text: the JSON 400.
    let (status, body) = json_error(api(&s, Method::DELETE, "/me/sessions/%FF", Some(token)).await).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_request")));
    // A personal access token is no sign-in to end: 403, and it still works.
    let (status, body) = json_error(api(&s, Method::POST, "/auth/logout", Some(token)).await).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    // The scheme's name in any case (RFC 9110).
    let res = s
        .client()
        .get(s.url("/api/v1/me"))
        .header(header::AUTHORIZATION, format!("BEARER {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    let patch = |body: Value| s.client().patch(s.url("/api/v1/me")).bearer_auth(token).json(&body).send();
    // A wrong current password is a valid request whose proof failed: 403 next to the field.
    let (status, body) =
        json_error(patch(json!({"email": "new@example.test", "current_password": "wrong"})).await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str(), body["field"].as_str()),
        (StatusCode::FORBIDDEN, Some("incorrect_password"), Some("current_password"))
    );
    // The address the account has already is no change.
    let res = patch(json!({"email": "ADA@example.test", "current_password": "wrong"})).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // `current_password` keeps its documented limits even without an address.
    let (status, body) = json_error(patch(json!({"name": "Ada", "current_password": ""})).await.unwrap()).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("current_password")));
    // A password change with a wrong current password is that answer, whatever the new one is.
    let res = s
        .client()
        .post(s.url("/api/v1/me/password"))
        .bearer_auth(token)
        .json(&json!({"current_password": "wrong", "new_password": "00000000"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_error(res).await.1["error"], "incorrect_password");

    // A cross-site write to the API is refused with the same JSON body (a browser's form
    // post gets a sentence: end2end/tests/accounts.spec.ts).
    let res = s
        .client()
        .post(s.url("/api/v1/auth/login"))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({"identifier": "ada", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_error(res).await,
        (
            StatusCode::FORBIDDEN,
            json!({"error": "forbidden", "message": "You are not allowed to do that.", "code": "error-forbidden"})
        )
    );
}

#[tokio::test]
async fn the_audit_log_pages_by_cursor_filters_by_kind_and_shows_only_the_callers_entries() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "lea").await;
    let token = s.token(&c, "read_only").await;
    s.register(&s.client(), "max").await;
    // A failed sign-in from another browser, and a few good ones.
    let other = s.client();
    let failed = s.call(&other, "sign_in", &[("identifier", "lea"), ("password", "not her password")]).await;
    assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    for _ in 0..3 {
        let ok = s.call(&s.client(), "sign_in", &[("identifier", "lea"), ("password", PASSWORD)]).await;
        assert!(ok.status().is_success());
    }

    let all: Value = api(&s, Method::GET, "/me/audit", Some(&token)).await.json().await.unwrap();
    let all = all.as_array().unwrap().clone();
    assert!(all.iter().any(|e| e["event"] == "sign_in_failed" && e["kind"] == "sign_in"));
    assert!(all.iter().all(|e| e["id"].is_string() && e["ip"].is_string()));
    assert!(all.windows(2).all(|w| w[0]["created_at"].as_i64() >= w[1]["created_at"].as_i64()), "newest first");

    // Two at a time, following the Link header: every entry once, in order.
    let mut seen = Vec::new();
    let mut next = Some(s.url("/api/v1/me/audit?limit=2"));
    let mut pages = 0;
    while let Some(url) = next {
        let res = s.client().get(&url).bearer_auth(&token).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        next = res.headers().get("link").map(|l| {
            let l = l.to_str().unwrap();
            assert!(l.ends_with("; rel=\"next\"") && l.contains("limit=2"), "{l}");
            l[1..l.find('>').unwrap()].to_owned()
        });
        let page: Vec<Value> = res.json().await.unwrap();
        assert!(page.len() <= 2);
        seen.extend(page.into_iter().map(|e| e["id"].clone()));
        pages += 1;
        assert!(pages < 50);
    }
    assert_eq!(seen, all.iter().map(|e| e["id"].clone()).collect::<Vec<_>>());

    let sign_ins: Value = api(&s, Method::GET, "/me/audit?kind=sign_in", Some(&token)).await.json().await.unwrap();
    let sign_ins = sign_ins.as_array().unwrap();
    assert!(sign_ins.iter().filter(|e| e["event"] == "signed_in").count() >= 3);
    assert!(sign_ins.iter().any(|e| e["event"] == "sign_in_failed"));
    assert!(sign_ins.iter().all(|e| e["kind"] == "sign_in"));

    for (query, field) in
        [("kind=nope", "kind"), ("cursor=junk", "cursor"), ("limit=0", "limit"), ("limit=201", "limit")]
    {
        let (status, body) = json_error(api(&s, Method::GET, &format!("/me/audit?{query}"), Some(&token)).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(body["fields"].get(field).is_some() || body.to_string().contains(field), "{query}: {body}");
    }
    assert_eq!(api(&s, Method::GET, "/me/audit?limit=x", Some(&token)).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(api(&s, Method::GET, "/me/audit", None).await.status(), StatusCode::UNAUTHORIZED);
    // Another person's token sees none of lea's entries.
    let max_token = {
        let c = s.client();
        let ok = s.call(&c, "sign_in", &[("identifier", "max"), ("password", PASSWORD)]).await;
        assert!(ok.status().is_success());
        s.token(&c, "read_only").await
    };
    let theirs: Value = api(&s, Method::GET, "/me/audit", Some(&max_token)).await.json().await.unwrap();
    let lea_ids: std::collections::HashSet<String> = all.iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect();
    assert!(theirs.as_array().unwrap().iter().all(|e| !lea_ids.contains(e["id"].as_str().unwrap())));
}
