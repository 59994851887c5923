//! Security notices over HTTP: a sign-in from a new device or browser is mailed (unless the
//! owner turned that off), a new personal access token is mailed, and every notice says when,
//! from which device and from which address.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestServer, PASSWORD};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

const NEW_SIGN_IN: &str = "New sign-in to your Gatehouse account";
const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

/// A browser with its own cookie jar, as a person's second computer would be.
fn browser(user_agent: &str) -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(user_agent)
        .build()
        .unwrap()
}

async fn subjects(s: &TestServer, to: &str) -> Vec<String> {
    s.mails_to(to, 0).await.into_iter().map(|m| m.subject).collect()
}

fn count(subjects: &[String], subject: &str) -> usize {
    subjects.iter().filter(|s| *s == subject).count()
}

#[tokio::test]
async fn a_sign_in_from_a_new_browser_is_mailed_once_and_the_first_browser_is_not_news() {
    let s = TestServer::start().await;
    let first = browser(FIREFOX);
    let res = s.register(&first, "ada").await;
    assert_eq!(res.status(), StatusCode::OK);
    // The browser keeps a device id: a long-lived cookie that scripts cannot read.
    let set: Vec<String> = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    let device = set.iter().find(|c| c.starts_with("gatehouse_device=")).expect("a device cookie");
    assert!(device.contains("HttpOnly") && device.contains("SameSite=Lax") && device.contains("Max-Age=34560000"));
    let to = "ada@example.test";

    // Signing in again from the same browser: known.
    assert_eq!(s.call(&first, "sign_out", &[]).await.status(), StatusCode::OK);
    assert_eq!(s.sign_in(&first, "ada").await, StatusCode::OK);
    assert_eq!(count(&subjects(&s, to).await, NEW_SIGN_IN), 0, "the registering browser is known");

    // Another browser: the owner hears of it, with when, which browser and which address.
    let second = browser("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36");
    assert_eq!(s.sign_in(&second, "ada").await, StatusCode::OK);
    let mails = s.mails_to(to, 1).await;
    let notice = mails.iter().find(|m| m.subject == NEW_SIGN_IN).expect("a new sign-in notice");
    assert!(notice.text.contains("\nDevice: Chrome on Windows\nIP address: 127.0.0.1\n"), "{}", notice.text);
    assert!(notice.text.contains("When: ") && notice.text.contains(" UTC\n"), "{}", notice.text);
    assert!(notice.text.contains(&format!("Review your sessions: {}/account/security", s.base)), "{}", notice.text);
    // It said so in the security log too.
    let (flagged,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE event = 'signed_in' AND detail LIKE '%\"new_device\":true%'",
    )
    .fetch_one(&s.db)
    .await
    .unwrap();
    assert_eq!(flagged, 1);

    // Once: the second browser is known from now on, the first still is.
    assert_eq!(s.call(&second, "sign_out", &[]).await.status(), StatusCode::OK);
    assert_eq!(s.sign_in(&second, "ada").await, StatusCode::OK);
    assert_eq!(s.sign_in(&first, "ada").await, StatusCode::OK);
    assert_eq!(count(&subjects(&s, to).await, NEW_SIGN_IN), 1);

    // A cookie this server did not make is no device: a new one is given, and that is news.
    let forged = browser(FIREFOX);
    let cookie = format!("gatehouse_device={}; Path=/", "x".repeat(10));
    forged.get(s.url("/signin")).header("cookie", cookie).send().await.unwrap();
    assert_eq!(s.sign_in(&forged, "ada").await, StatusCode::OK);
    assert_eq!(count(&subjects(&s, to).await, NEW_SIGN_IN), 2);
}

#[tokio::test]
async fn api_logins_are_known_by_client_and_address_and_the_notice_can_be_turned_off() {
    let s = TestServer::start().await;
    let web = browser(FIREFOX);
    assert_eq!(s.register(&web, "boris").await.status(), StatusCode::OK);
    let to = "boris@example.test";
    let login = || {
        s.client()
            .post(s.url("/api/v1/auth/login"))
            .header("user-agent", "deploy-script/1.0")
            .json(&json!({"identifier": "boris", "password": PASSWORD}))
            .send()
    };
    assert_eq!(login().await.unwrap().status(), StatusCode::OK);
    assert_eq!(login().await.unwrap().status(), StatusCode::OK);
    let all = s.mails_to(to, 1).await;
    let notices: Vec<_> = all.iter().filter(|m| m.subject == NEW_SIGN_IN).collect();
    assert_eq!(notices.len(), 1, "the same client from the same address is known the second time");
    assert!(notices[0].text.contains("Device: Other client on unknown system"), "{}", notices[0].text);

    // Preferences → Notifications: off. A new browser signs in without a mail...
    let token = s.token(&web, "read_write").await;
    let res = s
        .client()
        .patch(s.url("/api/v1/me/preferences"))
        .bearer_auth(&token)
        .json(&json!({"email_new_sign_ins": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let prefs: Value =
        s.client().get(s.url("/api/v1/me/preferences")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(prefs["values"]["email_new_sign_ins"], json!(false), "{prefs}");
    let third = browser(FIREFOX);
    assert_eq!(s.sign_in(&third, "boris").await, StatusCode::OK);
    assert_eq!(count(&subjects(&s, to).await, NEW_SIGN_IN), 1);
    // ...but the critical notices still go: a changed password is always mailed.
    let new = "another long passphrase";
    let form = [("current_password", PASSWORD), ("new_password", new), ("confirm", new)];
    let res = s.call(&third, "change_password", &form).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    let mails = s.mails_to(to, 1).await;
    let changed = mails.iter().find(|m| m.subject == "Your Gatehouse password was changed").expect("mailed");
    assert!(changed.text.contains("Device: Firefox on Linux\nIP address: 127.0.0.1"), "{}", changed.text);
}

#[tokio::test]
async fn a_new_personal_access_token_is_mailed_by_name_never_by_secret() {
    let s = TestServer::start().await;
    let c = browser(FIREFOX);
    assert_eq!(s.register(&c, "cyril").await.status(), StatusCode::OK);
    let secret = s.token(&c, "read_write").await;
    let mails = s.mails_to("cyril@example.test", 1).await;
    let m = mails
        .iter()
        .find(|m| m.subject == "A personal access token was created on your Gatehouse account")
        .expect("a token notice");
    assert!(m.text.contains("named “read_write” was created"), "{}", m.text);
    assert!(m.text.contains(&format!("Review your personal access tokens: {}/account/tokens", s.base)), "{}", m.text);
    assert!(m.text.contains("Device: Firefox on Linux"), "{}", m.text);
    assert!(!m.text.contains(&secret) && !m.html.contains(&secret));
}
