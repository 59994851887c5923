//! Integration tests of the mails' language: every mail is written in the recipient account's
//! language (its `language` preference, else the server's default), whichever page or client
//! caused it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use common::*;
use platform::mail::OutgoingMail;
use reqwest::StatusCode;
use serde_json::json;

/// Sets `c`'s account's language through the REST API, as any client would.
async fn choose_language(s: &TestServer, c: &reqwest::Client, language: &str) {
    let token = s.token(c, "read_write").await;
    let res = s
        .client()
        .patch(s.url("/api/v1/me/preferences"))
        .bearer_auth(&token)
        .json(&json!({ "language": language }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

/// The newest mail to `to`, of at least `min`.
async fn newest(s: &TestServer, to: &str, min: usize) -> OutgoingMail {
    s.mails_to(to, min).await.pop().unwrap()
}

#[tokio::test]
async fn a_german_account_gets_its_verification_and_reset_mails_in_german() {
    let s = TestServer::start().await;
    let c = s.client();
    assert_eq!(s.register(&c, "ada").await.status(), StatusCode::OK);
    let first = newest(&s, "ada@example.test", 1).await;
    assert_eq!(first.subject, "Confirm your Gatehouse email address", "registered from an English page");
    // Before the address is verified: a token then asks for no second factor.
    choose_language(&s, &c, "de").await;

    // A new verification mail: German subject and bodies, the link as ever.
    assert_eq!(s.call(&c, "resend_verification", &[]).await.status(), StatusCode::OK);
    let mail = newest(&s, "ada@example.test", 2).await;
    assert_eq!(mail.subject, "Bestätigen Sie Ihre E-Mail-Adresse für Gatehouse");
    assert!(mail.text.starts_with("Hallo Test Person,\n\nBitte bestätigen Sie, dass dies Ihre E-Mail-Adresse ist."));
    assert!(mail.text.contains(&format!("E-Mail-Adresse bestätigen: {}/verify-email?token=", s.base)), "{}", mail.text);
    assert!(mail.html.contains("<html lang=\"de\" dir=\"ltr\">"), "{}", mail.html);
    assert!(mail.html.contains(">E-Mail-Adresse bestätigen</a>"), "{}", mail.html);
    assert!(!mail.text.contains("Confirm") && !mail.html.contains("Confirm"), "{}", mail.text);

    // The German link works like any other.
    let token = s.mailed_token("ada@example.test", "/verify-email", 2).await;
    assert_eq!(s.call(&s.client(), "confirm_email", &[("token", &token)]).await.status(), StatusCode::OK);

    // "Forgot password", from a signed-out browser: the mail follows the account, not the page.
    let res = s.call(&s.client(), "request_password_reset", &[("email", "ada@example.test")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let mail = newest(&s, "ada@example.test", 3).await;
    assert_eq!(mail.subject, "Gatehouse-Passwort zurücksetzen");
    assert!(mail.text.starts_with("Hallo Test Person,\n\nJemand hat angefordert"), "{}", mail.text);
    assert!(mail.text.contains(&format!("Neues Passwort wählen: {}/reset-password?token=", s.base)), "{}", mail.text);
    assert!(mail.text.contains("Ihr Passwort bleibt unverändert."), "{}", mail.text);
    assert!(mail.html.contains("<html lang=\"de\" dir=\"ltr\">") && mail.html.contains(">Neues Passwort wählen</a>"));
    assert_eq!(s.mailed_token("ada@example.test", "/reset-password", 3).await.len(), 43);
}

#[tokio::test]
async fn each_account_gets_its_own_language_and_arabic_mail_is_right_to_left() {
    let s = TestServer::start().await;
    let ada = s.client();
    assert_eq!(s.register(&ada, "ada").await.status(), StatusCode::OK);
    // Before the address is verified: a token then asks for no second factor.
    choose_language(&s, &ada, "ar").await;
    let token = s.mailed_token("ada@example.test", "/verify-email", 1).await;
    assert_eq!(s.call(&s.client(), "confirm_email", &[("token", &token)]).await.status(), StatusCode::OK);
    s.register_verified(&s.client(), "bob").await;

    for email in ["ada@example.test", "bob@example.test"] {
        let res = s.call(&s.client(), "request_password_reset", &[("email", email)]).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let arabic = newest(&s, "ada@example.test", 2).await;
    assert_eq!(arabic.subject, "إعادة تعيين كلمة المرور في Gatehouse");
    assert!(arabic.text.starts_with("مرحبًا Test Person،"), "{}", arabic.text);
    assert!(arabic.html.starts_with("<!doctype html><html lang=\"ar\" dir=\"rtl\">"), "{}", arabic.html);

    let english = newest(&s, "bob@example.test", 2).await;
    assert_eq!(english.subject, "Reset your Gatehouse password");
    assert!(english.text.starts_with("Hello Test Person,\n\nSomeone asked to reset the password"), "{}", english.text);
    assert!(english.html.starts_with("<!doctype html><html lang=\"en\" dir=\"ltr\">"), "{}", english.html);
}
