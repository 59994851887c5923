//! The pages' language over HTTP: `Accept-Language` before sign-in, the chooser's choice over
//! it, the account's Language once signed in, and the one catalogue file a page names.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use common::TestServer;
use reqwest::{header, Client, StatusCode};
use serde_json::json;

fn de(msg: i18n::Msg) -> String {
    i18n::catalogue("de").format(&msg)
}

async fn page_in(s: &TestServer, c: &Client, path: &str, accept_language: &str) -> String {
    let res = c.get(s.url(path)).header(header::ACCEPT_LANGUAGE, accept_language).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.text().await.unwrap().replace("<!>", "")
}

/// Whether the document's root says it is in `lang`, written `dir`.
fn speaks(html: &str, lang: &str, dir: &str) -> bool {
    let root = html.split("<head>").next().unwrap_or_default();
    root.contains(&format!(r#"lang="{lang}""#)) && root.contains(&format!(r#"dir="{dir}""#))
}

fn file_of(lang: &str) -> String {
    format!("/i18n/{}", i18n::file_name(lang).unwrap())
}

#[tokio::test]
async fn a_signed_out_page_speaks_the_language_the_browser_asks_for() {
    let s = TestServer::start().await;
    let html = page_in(&s, &s.client(), "/signin", "de-CH,de;q=0.9,en;q=0.5").await;
    assert!(speaks(&html, "de", "ltr"), "{}", &html[..html.len().min(200)]);
    assert!(html.contains(&de(i18n::k::common_change_language())), "the chooser in German");
    // The page names its own language's catalogue, and only that one.
    assert!(html.contains(&file_of("de")));
    assert!(!html.contains(&file_of("en")) && !html.contains(&file_of("ar")));

    let html = page_in(&s, &s.client(), "/signin", "ar").await;
    assert!(speaks(&html, "ar", "rtl"));
    let html = page_in(&s, &s.client(), "/signin", "fr-FR,ja;q=0.8").await;
    assert!(speaks(&html, "en", "ltr"), "a language Gatehouse does not speak: English");

    let res = s.client().post(s.url("/fn/current_user")).header(header::ACCEPT_LANGUAGE, "de").send().await.unwrap();
    let v: serde_json::Value = res.json().await.unwrap();
    assert_eq!(v["display"]["language"], "de", "the visitor's display says what the page speaks");
}

#[tokio::test]
async fn the_chooser_keeps_a_language_over_the_browsers_and_goes_back_only_here() {
    let s = TestServer::start().await;
    let c = s.client();
    let res = c
        .post(s.url("/language"))
        .header(header::ORIGIN, s.url(""))
        .form(&[("language", "ar"), ("back", "/forgot-password")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION], "/forgot-password");
    let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("gatehouse_display=ar.system.24h;") && cookie.contains("HttpOnly"), "{cookie}");
    let html = page_in(&s, &c, "/signin", "de").await;
    assert!(speaks(&html, "ar", "rtl"), "the choice wins over Accept-Language");

    let res = c
        .post(s.url("/language"))
        .header(header::ORIGIN, s.url(""))
        .form(&[("language", "de"), ("back", "https://evil.example/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[header::LOCATION], "/");
    let res =
        c.post(s.url("/language")).header(header::ORIGIN, s.url("")).form(&[("language", "xx")]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Another site cannot choose for this browser.
    let other = s.client();
    let res = other
        .post(s.url("/language"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("language", "de"), ("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn signed_in_the_accounts_language_wins() {
    let s = TestServer::start().await;
    let c = s.client();
    assert!(s.register(&c, "greta").await.status().is_success());
    let res = s.call(&c, "save_preferences", &[("prefs[language]", "de")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = page_in(&s, &c, "/account/profile", "en").await;
    assert!(speaks(&html, "de", "ltr"));
    assert_eq!(s.visitor(&c).await["display"], json!({"language": "de", "theme": "system", "time_format": "24h"}));
    // The sign-in page keeps the language after signing out.
    assert_eq!(s.call(&c, "sign_out", &[]).await.status(), StatusCode::OK);
    assert!(speaks(&page_in(&s, &c, "/signin", "en").await, "de", "ltr"));
}

#[tokio::test]
async fn catalogue_files_are_served_for_ever_by_their_content_name() {
    let s = TestServer::start().await;
    let res = s.client().get(s.url(&file_of("de"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    assert!(res.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
    let text = res.text().await.unwrap();
    assert!(text.contains("common-language = Sprache"));
    assert!(!text.contains("common-language = Language"), "German only");
    // Without its hash, the same text, revalidated at every use.
    let res = s.client().get(s.url("/i18n/de.ftl")).send().await.unwrap();
    assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache");
    assert_eq!(res.text().await.unwrap(), text);
    for missing in ["/i18n/DE.ftl", "/i18n/fr.ftl", "/i18n/de.0000000000000000.ftl", "/i18n/..%2FCargo.toml"] {
        assert_eq!(s.client().get(s.url(missing)).send().await.unwrap().status(), StatusCode::NOT_FOUND, "{missing}");
    }
}
