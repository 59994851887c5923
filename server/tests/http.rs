//! Integration tests: the real router on 127.0.0.1:0, driven over HTTP with a cookie-keeping
//! client, on a fresh SQLite data directory.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use std::time::Duration;

use common::*;
use reqwest::{header, StatusCode};
use serde_json::Value;

#[tokio::test]
async fn health_check_reports_the_database() {
    let s = TestServer::start().await;
    let res = s.client().get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "ok");
    s.db.close().await;
    let res = s.client().get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn register_sign_out_sign_in_round_trip() {
    let s = TestServer::start().await;
    let c = s.client();
    let res = s.register(&c, "ada").await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    assert!(cookie.starts_with("gatehouse_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert_eq!(s.current_user(&c).await["username"], "ada");

    // The account page renders on the server with the account's facts.
    let page = c.get(s.url("/account/profile")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("ada@example.test"), "profile shows the email");
    assert!(html.contains("Personal Access Tokens"));

    assert_eq!(s.call(&c, "sign_out", &[]).await.status(), StatusCode::OK);
    assert_eq!(s.current_user(&c).await, Value::Null);

    // Sign in by username or email; each sign-in issues a new token.
    let first = s.call(&c, "sign_in", &[("identifier", "ADA"), ("password", PASSWORD)]).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first_cookie = first.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    let second = s.call(&c, "sign_in", &[("identifier", "ada@example.test"), ("password", PASSWORD)]).await;
    let second_cookie = second.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    assert_ne!(first_cookie, second_cookie);
    assert_eq!(s.current_user(&c).await["email"], "ada@example.test");

    // The replaced session is gone: signing in again ended it.
    let sessions: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions").fetch_one(&s.db).await.unwrap();
    assert_eq!(sessions.0, 1);
}

/// Regression: servers start while other servers render pages (as the tests run, in parallel),
/// and no page is left unanswered. Building a router once generated Leptos's route list each
/// time, which suspends resource loading in the whole process while it runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_while_other_routers_are_built() {
    use std::sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    };
    /// Stops the builder when dropped, also when the test fails (or the runtime would wait for it).
    struct Stop(Arc<AtomicBool>);
    impl Drop for Stop {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Relaxed);
        }
    }

    let s = TestServer::start().await;
    let stop = Stop(Arc::new(AtomicBool::new(false)));
    let builder = tokio::task::spawn_blocking({
        let (state, stop) = (s.state.clone(), stop.0.clone());
        move || {
            let mut built = 0;
            while !stop.load(Ordering::Relaxed) {
                drop(server::router(state.clone()));
                built += 1;
            }
            built
        }
    });
    let c = s.client();
    s.register(&c, "ada").await;
    for path in ["/signin", "/account/profile", "/register", "/account/security"].repeat(10) {
        let page = c.get(s.url(path)).header(header::ACCEPT, "text/html").send();
        let res = tokio::time::timeout(Duration::from_secs(10), page).await.unwrap_or_else(|_| panic!("{path} hung"));
        assert_eq!(res.unwrap().status(), StatusCode::OK, "{path}");
    }
    drop(stop);
    assert!(builder.await.unwrap() > 0, "routers were built meanwhile");
}

#[tokio::test]
async fn wrong_password_and_unknown_account_answer_alike() {
    let s = TestServer::start().await;
    s.register(&s.client(), "ada").await;
    let wrong = s.call(&s.client(), "sign_in", &[("identifier", "ada"), ("password", "wrong password")]).await;
    let unknown = s.call(&s.client(), "sign_in", &[("identifier", "nobody"), ("password", "wrong password")]).await;
    let (ws, wb) = json_error(wrong).await;
    let (us, ub) = json_error(unknown).await;
    assert_eq!(ws, StatusCode::UNAUTHORIZED);
    assert_eq!((ws, &wb), (us, &ub));
    assert_eq!(
        wb,
        serde_json::json!({
            "error": "invalid_credentials",
            "message": "Incorrect username/email or password.",
            "code": "error-invalid-credentials"
        })
    );
}

#[tokio::test]
async fn sign_in_is_throttled_with_retry_after() {
    let s = TestServer::start().await;
    s.register(&s.client(), "ada").await;
    let c = s.client();
    for _ in 0..platform::ratelimit::SIGN_IN_PER_ACCOUNT.max {
        let res = s.call(&c, "sign_in", &[("identifier", "ada"), ("password", "wrong password")]).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = s.call(&c, "sign_in", &[("identifier", "ada"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    assert_eq!(res.json::<Value>().await.unwrap()["error"], "rate_limited");
}

#[tokio::test]
async fn bad_input_is_a_client_error_with_field_messages() {
    let s = TestServer::start().await;
    let c = s.client();
    // Missing arguments: 400, never a 500.
    let res = s.call(&c, "register", &[("name", "x")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.unwrap()["error"], "bad_request");

    let res =
        s.call(&c, "register", &[("name", "Ada"), ("username", "a"), ("email", "nope"), ("password", "short")]).await;
    let (status, body) = json_error(res).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["username", "email", "password"]);
    // Each problem carries its message's id and arguments, for the page to word.
    assert_eq!(body["errors"][0]["code"], "error-username-length");
    assert_eq!(body["errors"][0]["args"], serde_json::json!({"min": 3, "max": 32}));
    assert_eq!(body["errors"][0]["message"], "Use 3 to 32 characters.");
    assert_eq!(body["errors"][2]["code"], "error-password-too-short");
    assert_eq!(body["errors"][2]["args"], serde_json::json!({"count": 8}));

    s.register(&c, "ada").await;
    let res = s.register(&s.client(), "ADA").await;
    let (status, body) = json_error(res).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["field"], "username");
    assert_eq!(
        (&body["code"], &body["message"]),
        (&serde_json::json!("error-username-taken"), &serde_json::json!("That username is taken."))
    );

    // Sign-in with empty fields names the field.
    let (status, body) =
        json_error(s.call(&s.client(), "sign_in", &[("identifier", ""), ("password", "x")]).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "identifier");
    assert_eq!(body["errors"][0]["code"], "error-enter-identifier");
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    for (name, value) in
        [("origin", "http://evil.example"), ("sec-fetch-site", "cross-site"), ("sec-fetch-site", "same-site")]
    {
        let res = c.post(s.url("/fn/sign_out")).header(name, value).form(&[("x", "")]).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name}: {value}");
    }
    assert_eq!(s.current_user(&c).await["username"], "ada", "still signed in");
    let same = c
        .post(s.url("/fn/sign_out"))
        .header("origin", s.base.as_str())
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), StatusCode::OK);
    assert_eq!(s.current_user(&c).await, Value::Null);
}

#[tokio::test]
async fn account_and_admin_pages_need_the_right_session() {
    let s = TestServer::start().await;
    let anon = s.client();
    for path in ["/", "/account", "/account/profile", "/account/security", "/admin"] {
        // As a browser asks for a page.
        let res = anon.get(s.url(path)).header(header::ACCEPT, "text/html").send().await.unwrap();
        assert_eq!(res.status(), StatusCode::FOUND, "{path}");
        let to = res.headers()[header::LOCATION].to_str().unwrap();
        assert!(to == "/signin" || to == "/account/profile", "{path} → {to}");
    }
    let res = anon.get(s.url("/no/such/page")).header(header::ACCEPT, "text/html").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // Signed in, the account pages render; a plain user's /admin says no.
    let user = s.client();
    s.register(&user, "ada").await;
    let res = user.get(s.url("/account/security")).header(header::ACCEPT, "text/html").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = user.get(s.url("/admin")).header(header::ACCEPT, "text/html").send().await.unwrap();
    assert!(res.text().await.unwrap().contains("Only administrators can open this page."));
}

#[tokio::test]
async fn admin_functions_authorize_themselves() {
    let s = TestServer::start().await;
    let anon = s.client();
    assert_eq!(s.call(&anon, "admin_overview", &[("search", "")]).await.status(), StatusCode::UNAUTHORIZED);

    let user = s.client();
    s.register(&user, "ada").await;
    let (status, body) = json_error(s.call(&user, "admin_overview", &[("search", "")]).await).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));

    s.make_admin("root").await;
    let admin = s.client();
    s.call(&admin, "sign_in", &[("identifier", "root"), ("password", PASSWORD)]).await;
    let res = s.call(&admin, "admin_overview", &[("search", "ada")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!((body["total_users"].as_i64(), body["admins"].as_i64()), (Some(2), Some(1)));
    assert_eq!(body["users"][0]["username"], "ada");
    assert_eq!(body["next_page"], Value::Null, "one page");
    assert!(body.to_string().find("argon2").is_none(), "no hash crosses the wire");
    // A cursor the server did not make is an error next to it, not a query.
    let res = s.call(&admin, "admin_overview", &[("search", ""), ("after", "n.1.x' OR 1=1 --")]).await;
    assert_eq!(json_error(res).await.1["errors"][0]["field"], "after");
}

#[tokio::test]
async fn pages_have_security_headers_and_a_matching_nonce() {
    let s = TestServer::start().await;
    let res = s.client().get(s.url("/signin")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(h[header::REFERRER_POLICY], "same-origin");
    assert_eq!(h[header::CACHE_CONTROL], "no-store");
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_owned();
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the CSP nonce");

    // A new nonce for every response.
    let again = s.client().get(s.url("/signin")).send().await.unwrap();
    assert!(!again.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains(&nonce));

    // JSON answers get the strict default policy.
    let res = s.client().get(s.url("/healthz")).send().await.unwrap();
    assert!(res.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().starts_with("default-src 'none'"));
}

#[tokio::test]
async fn form_posts_without_javascript_redirect_back_with_the_error_or_onward() {
    let s = TestServer::start().await;
    s.register(&s.client(), "ada").await;
    let c = s.client();
    let referer = s.url("/signin");
    let post = |password: &'static str| {
        c.post(s.url("/fn/sign_in"))
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, referer.as_str())
            .form(&[("identifier", "ada"), ("password", password)])
            .send()
    };
    let res = post("wrong password").await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    let to = res.headers()[header::LOCATION].to_str().unwrap().to_owned();
    assert!(to.starts_with(&referer) && to.contains("__err=") && to.contains("__sig="), "{to}");
    // The page it lands on shows the message.
    let page = c.get(&to).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Incorrect username/email or password."));
    // The error came as a code: a German page words it in German.
    let page = c.get(&to).header(header::ACCEPT_LANGUAGE, "de").send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Benutzername/E-Mail-Adresse oder Passwort ist falsch."), "{page}");
    assert!(!page.contains("Incorrect username/email or password."));

    let res = post(PASSWORD).await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/account/profile");
    assert!(res.headers().get(header::SET_COOKIE).is_some());
}

/// Anyone can write `?__path=…&__err=…` into a link to the real site; only errors the server
/// signed on its own redirect are shown.
#[tokio::test]
async fn a_link_cannot_put_its_own_error_text_on_a_page() {
    use base64::Engine;
    let s = TestServer::start().await;
    let c = s.client();
    let lie = serde_json::json!({ "error": "conflict", "field": "password", "message": "Your account is frozen: call +1 555 0100" });
    let err = base64::engine::general_purpose::URL_SAFE.encode(lie.to_string());
    let forged = s.url(&format!("/signin?next=%2Faccount&__path=%2Ffn%2Fsign_in&__err={err}"));
    let res = c.get(&forged).header(header::ACCEPT, "text/html").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION], "/signin?next=%2Faccount");
    // Under a signature copied from a real error, the text does not pass either.
    s.register(&s.client(), "ada").await;
    let real = c
        .post(s.url("/fn/sign_in"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, s.url("/signin"))
        .form(&[("identifier", "ada"), ("password", "wrong password")])
        .send()
        .await
        .unwrap();
    let to = real.headers()[header::LOCATION].to_str().unwrap().to_owned();
    let sig = to.split("__sig=").nth(1).unwrap();
    let res = c.get(format!("{forged}&__sig={sig}")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // A signed error is shown only for a while.
    s.advance(server::form_errors::VALID_MS + 1_000);
    assert_eq!(c.get(&to).send().await.unwrap().status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn cookies_are_secure_and_host_prefixed_by_default() {
    let s = TestServer::start_with(&[]).await;
    let res = s.register(&s.client(), "ada").await;
    let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("__Host-gatehouse_session="), "{cookie}");
    assert!(cookie.contains("; Secure") && cookie.contains("HttpOnly") && cookie.contains("Path=/"), "{cookie}");
}

#[tokio::test]
async fn sessions_end_after_the_idle_timeout() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    // Just inside the idle limit the session lives (and the request counts as activity)...
    let idle = s.state.config.session_idle_ms;
    s.advance(idle - 1_000);
    assert_eq!(s.current_user(&c).await["username"], "ada");
    // ...a whole idle limit later it is over.
    s.advance(idle);
    assert_eq!(s.current_user(&c).await, Value::Null);
    let left: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions").fetch_one(&s.db).await.unwrap();
    assert_eq!(left.0, 0, "the dead session is deleted");
}

#[tokio::test]
async fn no_secret_is_stored_in_plain_text() {
    let s = TestServer::start().await;
    let res = s.register(&s.client(), "ada").await;
    let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap();
    let token = cookie.split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
    let dump: Vec<(String, String)> =
        sqlx::query_as("SELECT u.password_hash, s.token_hash FROM users u JOIN sessions s ON s.user_id = u.id")
            .fetch_all(&s.db)
            .await
            .unwrap();
    let (hash, token_hash) = &dump[0];
    assert!(hash.starts_with("$argon2id$") && !hash.contains(PASSWORD));
    assert_ne!(token_hash, &token);
    assert_eq!(token_hash.len(), 64);
}

#[tokio::test]
async fn a_login_flood_does_not_stall_other_requests() {
    let s = TestServer::start().await;
    s.register(&s.client(), "ada").await;
    // Many sign-ins at once queue for the hashing pool...
    let flood: Vec<_> = (0..16)
        .map(|i| {
            let c = s.client();
            let url = s.url("/fn/sign_in");
            tokio::spawn(async move {
                c.post(url)
                    .header("x-forwarded-for", format!("10.0.0.{i}"))
                    .form(&[("identifier", format!("user{i}")), ("password", "wrong password".to_owned())])
                    .send()
                    .await
            })
        })
        .collect();
    // ...while a request that needs no hashing is answered meanwhile.
    let health = tokio::time::timeout(Duration::from_secs(5), s.client().get(s.url("/healthz")).send()).await;
    assert_eq!(health.expect("health answered during the flood").unwrap().status(), StatusCode::OK);
    for f in flood {
        let status = f.await.unwrap().unwrap().status();
        assert!(status == StatusCode::UNAUTHORIZED || status == StatusCode::TOO_MANY_REQUESTS, "{status}");
    }
}

#[tokio::test]
async fn sessions_are_listed_and_other_locations_signed_out() {
    let s = TestServer::start().await;
    assert_eq!(s.call(&s.client(), "list_sessions", &[]).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(s.call(&s.client(), "logout_other_sessions", &[]).await.status(), StatusCode::UNAUTHORIZED);

    let (here, there) = (s.client(), s.client());
    s.register(&here, "ada").await;
    s.call(&there, "sign_in", &[("identifier", "ada"), ("password", PASSWORD)]).await;
    let list: Value = s.call(&here, "list_sessions", &[]).await.json().await.unwrap();
    let list = list.as_array().unwrap().clone();
    assert_eq!(list.len(), 2);
    assert_eq!(list.iter().filter(|v| v["current"] == true).count(), 1);
    let other_id = list.iter().find(|v| v["current"] == false).unwrap()["id"].as_str().unwrap().to_owned();
    assert!(list.iter().all(|v| v.get("token").is_none() && v.get("token_hash").is_none()));

    // Another account cannot end it; a missing id is a client error.
    let mallory = s.client();
    s.register(&mallory, "mallory").await;
    let (status, body) = json_error(s.call(&mallory, "revoke_session", &[("id", &other_id)]).await).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    assert_eq!(s.call(&here, "revoke_session", &[]).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(s.current_user(&there).await["username"], "ada");

    let ended: Value = s.call(&here, "logout_other_sessions", &[]).await.json().await.unwrap();
    assert_eq!(ended, 1);
    assert_eq!(s.current_user(&there).await, Value::Null, "signed out at its next request");
    assert_eq!(s.current_user(&here).await["username"], "ada");

    // Revoking this browser's own session signs it out.
    let mine =
        s.call(&here, "list_sessions", &[]).await.json::<Value>().await.unwrap()[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(s.call(&here, "revoke_session", &[("id", &mine)]).await.status(), StatusCode::OK);
    assert_eq!(s.current_user(&here).await, Value::Null);
}

#[tokio::test]
async fn change_password_checks_everything_then_ends_other_sessions_and_queues_a_notice() {
    let s = TestServer::start().await;
    let form = |current: &'static str, new: &'static str, confirm: &'static str| {
        [("current_password", current), ("new_password", new), ("confirm", confirm)]
    };
    let anon = s.client();
    assert_eq!(s.call(&anon, "change_password", &form(PASSWORD, "x", "x")).await.status(), StatusCode::UNAUTHORIZED);

    let (here, there) = (s.client(), s.client());
    s.register(&here, "ada").await;
    s.call(&there, "sign_in", &[("identifier", "ada"), ("password", PASSWORD)]).await;

    let (status, body) =
        json_error(s.call(&here, "change_password", &form("wrong one", "a new passphrase", "a new passphrase")).await)
            .await;
    // A valid request whose proof failed: 403, next to the field.
    assert_eq!(
        (status, body["error"].as_str(), body["errors"][0]["field"].as_str()),
        (StatusCode::FORBIDDEN, Some("incorrect_password"), Some("current_password"))
    );
    let (status, body) = json_error(s.call(&here, "change_password", &form(PASSWORD, "qwerty123", "nope")).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["new_password", "confirm"]);
    assert_eq!(
        s.call(&here, "change_password", &[("current_password", PASSWORD)]).await.status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(s.current_user(&there).await["username"], "ada", "nothing changed yet");

    let res = s.call(&here, "change_password", &form(PASSWORD, "a new passphrase", "a new passphrase")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.current_user(&there).await, Value::Null, "the other session ended");
    assert_eq!(s.current_user(&here).await["username"], "ada", "this one goes on");
    // After the verification mail of the registration and the notice of the other browser's
    // sign-in (a new device), the notice.
    let subjects: Vec<String> = s.mails_to("ada@example.test", 3).await.into_iter().map(|m| m.subject).collect();
    assert_eq!(
        subjects,
        vec![
            "Confirm your Gatehouse email address",
            "New sign-in to your Gatehouse account",
            "Your Gatehouse password was changed"
        ]
    );

    let old = s.call(&s.client(), "sign_in", &[("identifier", "ada"), ("password", PASSWORD)]).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = s.call(&s.client(), "sign_in", &[("identifier", "ada"), ("password", "a new passphrase")]).await;
    assert_eq!(new.status(), StatusCode::OK);
}

// ---- Password and email lifecycle -------------------------------------------------------

#[tokio::test]
async fn twenty_parallel_uses_of_one_reset_link_succeed_exactly_once() {
    let s = TestServer::start().await;
    s.register_verified(&s.client(), "ada").await;
    let res = s.call(&s.client(), "request_password_reset", &[("email", "ada@example.test")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = s.mailed_token("ada@example.test", "/reset-password", 2).await;

    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let c = s.client();
            let url = s.url("/fn/reset_password");
            let token = token.clone();
            tokio::spawn(async move {
                let password = format!("new passphrase number {i}");
                let form = [("token", token.as_str()), ("new_password", &password), ("confirm", &password)];
                let res = c.post(url).form(&form).send().await.unwrap();
                (res.status(), password)
            })
        })
        .collect();
    let mut winners = Vec::new();
    for task in tasks {
        let (status, password) = task.await.unwrap();
        match status {
            StatusCode::OK => winners.push(password),
            other => assert_eq!(other, StatusCode::BAD_REQUEST),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one reset wins");
    let ok = s.call(&s.client(), "sign_in", &[("identifier", "ada"), ("password", &winners[0])]).await;
    assert_eq!(ok.status(), StatusCode::OK);
    let (status, body) = json_error(
        s.call(&s.client(), "reset_password", &[("token", &token), ("new_password", PASSWORD), ("confirm", PASSWORD)])
            .await,
    )
    .await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_link")));
}

#[tokio::test]
async fn reset_requests_answer_alike_for_every_address() {
    let s = TestServer::start().await;
    s.register_verified(&s.client(), "ada").await;
    s.register(&s.client(), "bob").await; // not verified
    let mut answers = Vec::new();
    for email in ["ada@example.test", "nobody@example.test", "bob@example.test"] {
        let res = s.call(&s.client(), "request_password_reset", &[("email", email)]).await;
        answers.push((res.status(), res.text().await.unwrap()));
    }
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    // Only the verified address got a link; none went to an address that was merely typed.
    assert_eq!(s.mails_to("ada@example.test", 2).await.len(), 2);
    s.idle().await;
    assert_eq!(s.mails_to("bob@example.test", 0).await.len(), 1, "only bob's verification mail");
    assert!(s.mails_to("nobody@example.test", 0).await.is_empty());
    // The browser page says the same thing.
    let page = s.client().get(s.url("/forgot-password?sent=1")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("If an account has this verified address"));
}

#[tokio::test]
async fn link_tokens_are_never_stored_in_plain_text() {
    let s = TestServer::start().await;
    s.register(&s.client(), "ada").await;
    let verify = s.mailed_token("ada@example.test", "/verify-email", 1).await;
    sqlx::query("UPDATE users SET email_verified_at = 1").execute(&s.db).await.unwrap();
    s.call(&s.client(), "request_password_reset", &[("email", "ada@example.test")]).await;
    let reset = s.mailed_token("ada@example.test", "/reset-password", 2).await;
    assert_eq!(reset.len(), 43, "256 random bits");

    let mut dump = String::new();
    for sql in [
        "SELECT id || user_id || purpose || token_hash || email FROM one_time_tokens",
        "SELECT to_addr || subject || text_body || html_body FROM mail_queue",
        "SELECT event || detail FROM audit_log",
        "SELECT key || value FROM settings",
    ] {
        let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&s.db).await.unwrap();
        rows.into_iter().for_each(|(r,)| dump.push_str(&r));
    }
    assert!(dump.contains("reset_password"), "the rows are there");
    for token in [&verify, &reset] {
        assert!(!dump.contains(token.as_str()), "a link token is stored in plain text");
    }
}

#[tokio::test]
async fn new_paths_refuse_strangers_and_name_the_bad_field() {
    let s = TestServer::start().await;
    let anon = s.client();
    for (name, form) in [
        ("email_status", vec![]),
        ("resend_verification", vec![]),
        ("change_email", vec![("email", "x@example.test"), ("current_password", PASSWORD)]),
        (
            "save_password_policy",
            vec![
                ("min_length", "8"),
                ("max_length", "128"),
                ("history", "0"),
                ("max_age_days", "0"),
                ("max_repeated", "0"),
            ],
        ),
    ] {
        assert_eq!(s.call(&anon, name, &form).await.status(), StatusCode::UNAUTHORIZED, "{name}");
    }
    let user = s.client();
    s.register(&user, "ada").await;
    let policy_form =
        [("min_length", "abc"), ("max_length", "128"), ("history", "0"), ("max_age_days", "0"), ("max_repeated", "0")];
    assert_eq!(s.call(&user, "save_password_policy", &policy_form).await.status(), StatusCode::FORBIDDEN);

    // (server function, form, the field named in the answer; "" for a bad link)
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        ("change_email", vec![("email", "not an address"), ("current_password", PASSWORD)], "email"),
        ("change_email", vec![("email", "new@example.test"), ("current_password", "wrong")], "current_password"),
        ("request_password_reset", vec![("email", "x")], "email"),
        ("reset_password", vec![("token", "made-up"), ("new_password", "a"), ("confirm", "b")], ""),
        ("confirm_email", vec![("token", "made-up")], ""),
    ];
    for (name, form, field) in cases {
        let (status, body) = json_error(s.call(&user, name, &form).await).await;
        assert!(status.is_client_error(), "{name}: {status}");
        if field.is_empty() {
            assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_link")), "{name}");
        } else {
            assert_eq!(body["errors"][0]["field"], field, "{name}: {body}");
            assert!(body["errors"][0]["message"].as_str().is_some_and(|m| !m.is_empty()));
            assert!(body["errors"][0]["code"].as_str().is_some_and(|c| c.starts_with("error-")), "{name}: {body}");
        }
    }
    for name in ["reset_password", "confirm_email", "change_email", "request_password_reset"] {
        assert_eq!(s.call(&user, name, &[]).await.status(), StatusCode::BAD_REQUEST, "{name} without arguments");
    }
    // An array where one address is expected is refused, never mailed to.
    let res = user
        .post(s.url("/fn/request_password_reset"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("email[0]=ada%40example.test&email[1]=evil%40example.test")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());

    s.make_admin("root").await;
    let admin = s.client();
    s.call(&admin, "sign_in", &[("identifier", "root"), ("password", PASSWORD)]).await;
    let (status, body) = json_error(s.call(&admin, "save_password_policy", &policy_form).await).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("min_length")));
    let low =
        [("min_length", "4"), ("max_length", "20"), ("history", "0"), ("max_age_days", "0"), ("max_repeated", "1")];
    let (_, body) = json_error(s.call(&admin, "save_password_policy", &low).await).await;
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, vec!["min_length", "max_length", "max_repeated"]);

    // The pages that carry a token in their URL send no referrer.
    for path in ["/reset-password?token=abc", "/verify-email?token=abc"] {
        let res = anon.get(s.url(path)).send().await.unwrap();
        assert_eq!(res.headers()[header::REFERRER_POLICY], "no-referrer", "{path}");
    }
}

#[tokio::test]
async fn the_admin_policy_applies_everywhere_and_expired_passwords_come_first() {
    let s = TestServer::start().await;
    s.make_admin("root").await;
    let admin = s.client();
    s.call(&admin, "sign_in", &[("identifier", "root"), ("password", PASSWORD)]).await;
    let user = s.client();
    s.register(&user, "ada").await;
    let policy = [
        ("min_length", "10"),
        ("max_length", "128"),
        ("require_digit", "on"),
        ("history", "3"),
        ("max_age_days", "30"),
        ("max_repeated", "0"),
        ("block_common", "on"),
    ];
    // Every settings save needs the administrator's recent re-authentication (bad input is
    // told first); each is audited.
    for (name, form) in [
        ("save_password_policy", policy.to_vec()),
        ("save_token_settings", vec![("max_days", "30")]),
        ("save_two_factor_settings", vec![("enabled", "on")]),
    ] {
        let res = s.call(&admin, name, &form).await;
        assert_eq!(json_error(res).await.1["error"], "reauthentication_required", "{name}");
    }
    let res = s.call(&admin, "save_token_settings", &[("max_days", "3")]).await;
    assert_eq!(json_error(res).await.1["errors"][0]["field"], "max_days");
    assert_eq!(s.call(&admin, "reauthenticate", &[("password", PASSWORD)]).await.status(), StatusCode::OK);
    for name in ["save_token_settings", "save_two_factor_settings"] {
        let form: &[(&str, &str)] =
            if name == "save_token_settings" { &[("max_days", "0")] } else { &[("enabled", "on")] };
        assert_eq!(s.call(&admin, name, form).await.status(), StatusCode::OK, "{name}");
    }
    let audited: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT event, actor_id FROM audit_log WHERE event IN ('token_settings_changed', 'two_factor_settings_changed')",
    )
    .fetch_all(&s.db)
    .await
    .unwrap();
    assert_eq!(audited.len(), 2);
    assert!(audited.iter().all(|(_, actor)| actor.is_some()), "{audited:?}");
    assert_eq!(s.call(&admin, "save_password_policy", &policy).await.status(), StatusCode::OK);
    let public: Value = s.call(&s.client(), "password_policy", &[]).await.json().await.unwrap();
    assert_eq!((public["min_length"].as_u64(), public["require_digit"].as_bool()), (Some(10), Some(true)));
    let audited: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE event = 'password_policy_changed'")
        .fetch_one(&s.db)
        .await
        .unwrap();
    assert_eq!(audited.0, 1);

    // Registration and change follow it.
    let form = [("name", "Bob"), ("username", "bob"), ("email", "bob@example.test"), ("password", "no digits here")];
    let (status, body) = json_error(s.call(&s.client(), "register", &form).await).await;
    assert_eq!(
        (status, body["errors"][0]["message"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("Include a digit."))
    );
    assert_eq!(body["errors"][0]["code"], "error-password-no-digit");
    let change = [("current_password", PASSWORD), ("new_password", PASSWORD), ("confirm", PASSWORD)];
    let (_, body) = json_error(s.call(&user, "change_password", &change).await).await;
    assert_eq!(body["errors"][0]["message"], "Include a digit.");

    // Thirty days later ada's password has expired: only changing it is open.
    sqlx::query("UPDATE users SET password_changed_at = password_changed_at - $1 WHERE username = 'ada'")
        .bind(30 * 86_400_000_i64)
        .execute(&s.db)
        .await
        .unwrap();
    assert_eq!(s.current_user(&user).await["password_expired"], true);
    let (status, body) = json_error(s.call(&user, "list_sessions", &[]).await).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::FORBIDDEN, Some("password_expired")));
    let page = user.get(s.url("/account/security")).header(header::ACCEPT, "text/html").send().await.unwrap();
    assert_eq!(
        (page.status(), page.headers()[header::LOCATION].to_str().unwrap()),
        (StatusCode::FOUND, "/change-password")
    );
    let fresh = "a fresh passphrase 2026";
    let change = [("current_password", PASSWORD), ("new_password", fresh), ("confirm", fresh)];
    assert_eq!(s.call(&user, "change_password", &change).await.status(), StatusCode::OK);
    assert_eq!(s.current_user(&user).await["password_expired"], false);
    assert_eq!(s.call(&user, "list_sessions", &[]).await.status(), StatusCode::OK);
    // And the history keeps the current one out.
    let again = [("current_password", fresh), ("new_password", fresh), ("confirm", fresh)];
    let (_, body) = json_error(s.call(&user, "change_password", &again).await).await;
    assert_eq!(body["errors"][0]["message"], "Choose a password you have not used for your last 3 passwords.");
    assert_eq!(
        (&body["errors"][0]["code"], &body["errors"][0]["args"]),
        (&serde_json::json!("error-password-reused"), &serde_json::json!({"count": 3}))
    );
}

#[tokio::test]
async fn email_change_is_confirmed_by_the_new_address() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register_verified(&c, "ada").await;
    let status: Value = s.call(&c, "email_status", &[]).await.json().await.unwrap();
    assert_eq!(status["verified"], true);
    // A verified address is a second factor by default: moving it needs a code too, with the
    // call or in a re-authentication.
    let change = [("email", "ada.new@example.test"), ("current_password", PASSWORD)];
    assert_eq!(json_error(s.call(&c, "change_email", &change).await).await.1["error"], "reauthentication_required");
    assert_eq!(s.call(&c, "send_two_factor_code", &[]).await.status(), StatusCode::OK);
    let code = last_mailed_code(&s, "ada@example.test").await;
    let with_code = [change[0], change[1], ("method", "email"), ("code", code.as_str())];
    let res = s.call(&c, "change_email", &with_code).await;
    assert_eq!(res.status(), StatusCode::OK);
    let old = s.mails_to("ada@example.test", 2).await;
    assert!(old.last().unwrap().text.contains("ada.new@example.test"), "the old address is told");
    assert_eq!(s.current_user(&c).await["email"], "ada@example.test", "not yet");
    let token = s.mailed_token("ada.new@example.test", "/verify-email", 1).await;
    assert_eq!(s.call(&s.client(), "confirm_email", &[("token", &token)]).await.status(), StatusCode::OK);
    assert_eq!(s.current_user(&c).await["email"], "ada.new@example.test");
    assert_eq!(s.current_user(&c).await["email_verified"], true);
}

/// One series' value in a Prometheus text exposition, parsed line by line; panics if missing.
use platform::metrics::testing::value as series;

#[tokio::test]
async fn metrics_are_off_by_default() {
    let s = TestServer::start().await;
    let res = s.client().get(s.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(!res.text().await.unwrap().contains("gatehouse_http_requests_total"));
}

#[tokio::test]
async fn metrics_need_their_token_and_count_routes_sign_ins_and_queues() {
    const TOKEN: &str = "metrics-token-for-the-test-scraper-0123";
    let s = TestServer::start_with(&[("GATEHOUSE_COOKIE_SECURE", "false"), ("GATEHOUSE_METRICS_TOKEN", TOKEN)]).await;
    let scrape = |token: Option<&'static str>| {
        let req = s.client().get(s.url("/metrics"));
        let req = match token {
            Some(t) => req.bearer_auth(t),
            None => req,
        };
        async move { req.send().await.unwrap() }
    };
    assert_eq!(scrape(None).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(scrape(Some("metrics-token-for-the-test-scraper-0124")).await.status(), StatusCode::UNAUTHORIZED);

    let c = s.client();
    s.register(&c, "ada").await;
    let bad = s.call(&s.client(), "sign_in", &[("identifier", "ada"), ("password", "wrong password")]).await;
    assert_eq!(bad.status(), StatusCode::UNAUTHORIZED);
    let ok = s.call(&s.client(), "sign_in", &[("identifier", "ada"), ("password", PASSWORD)]).await;
    assert!(ok.status().is_success());
    for _ in 0..3 {
        assert_eq!(s.client().get(s.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
    }
    // Paths nobody routes are one series, whatever they are.
    for path in ["/no/such/a", "/no/such/b?x=1"] {
        s.client().get(s.url(path)).send().await.unwrap();
    }

    let res = scrape(Some(TOKEN)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let text = res.text().await.unwrap();
    assert_eq!(series(&text, "gatehouse_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}"), 3.0);
    assert_eq!(series(&text, "gatehouse_http_request_duration_seconds_count{route=\"/healthz\"}"), 3.0);
    assert!(series(&text, "gatehouse_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"}") >= 2.0);
    assert!(!text.contains("/no/such"), "client paths never become labels");
    assert_eq!(series(&text, "gatehouse_sign_ins_total{outcome=\"ok\"}"), 1.0);
    assert_eq!(series(&text, "gatehouse_sign_ins_total{outcome=\"failed\"}"), 1.0);
    assert!(series(&text, "gatehouse_password_hash_wait_seconds_count") >= 3.0, "register + two sign-ins");
    assert_eq!(series(&text, "gatehouse_password_hash_queue_depth"), 0.0);
    // Registration mailed a verification link: queued until a sender runs (none here).
    assert!(series(&text, "gatehouse_mail_queue_depth") >= 1.0);
    assert!(series(&text, "gatehouse_mail_queue_oldest_seconds") >= 0.0);
    assert_eq!(series(&text, "gatehouse_jobs_pending{kind=\"account_deletion\"}"), 0.0);
    assert!(series(&text, "gatehouse_db_connections_max") >= 1.0);
    // Every line is a comment or `name{labels} value`.
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (_, value) = line.rsplit_once(' ').unwrap();
        assert!(value.parse::<f64>().is_ok(), "{line}");
    }
}

#[tokio::test]
async fn the_activity_csv_is_the_signed_in_owners_only() {
    let s = TestServer::start().await;
    let ada = s.client();
    s.register(&ada, "ada").await;
    let bob = s.client();
    s.register(&bob, "bob").await;
    let wrong = s.call(&s.client(), "sign_in", &[("identifier", "ada"), ("password", "wrong password")]).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);

    let res = ada.get(s.url("/account/security/activity.csv")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(res.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
    let csv = res.text().await.unwrap();
    assert!(csv.starts_with("time,event,kind,ip,user_agent,by\r\n"), "{csv}");
    assert!(csv.contains(",sign_in_failed,sign_in,") && csv.contains(",account_created,account,"), "{csv}");
    let sign_ins = ada.get(s.url("/account/security/activity.csv?activity=sign_in")).send().await.unwrap();
    let sign_ins = sign_ins.text().await.unwrap();
    assert!(!sign_ins.contains("account_created") && sign_ins.contains("sign_in_failed"), "{sign_ins}");
    // Bob's file holds none of Ada's entries.
    let theirs = bob.get(s.url("/account/security/activity.csv")).send().await.unwrap().text().await.unwrap();
    assert!(!theirs.contains("sign_in_failed"), "{theirs}");

    let bad = ada.get(s.url("/account/security/activity.csv?activity=nope")).send().await.unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let stranger = s.client().get(s.url("/account/security/activity.csv")).send().await.unwrap();
    assert_eq!(stranger.status(), StatusCode::SEE_OTHER);
    assert_eq!(stranger.headers()[header::LOCATION], "/signin");
}

#[tokio::test]
async fn the_security_page_lists_recent_activity_before_any_script() {
    let s = TestServer::start().await;
    let ada = s.client();
    s.register(&ada, "ada").await;
    let wrong = s.call(&s.client(), "sign_in", &[("identifier", "ada"), ("password", "wrong password")]).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let page = ada.get(s.url("/account/security")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Recent activity"), "the panel");
    assert!(page.contains("Sign-in failed: wrong password"), "the failed sign-in, rendered on the server");
    let filtered = ada.get(s.url("/account/security?activity=password")).send().await.unwrap().text().await.unwrap();
    assert!(!filtered.contains("Sign-in failed: wrong password"));
    assert!(filtered.contains("Nothing to show yet."));
}
