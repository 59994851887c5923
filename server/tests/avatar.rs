//! Integration tests of avatars: uploads through the Profile page's route and the REST API, the
//! pictures served back (sizes, caching, headers, no metadata), the default avatar, pictures
//! from URLs served by a picture server of the test's own on 127.0.0.1, and the refusals: files
//! that are not pictures or too large, and addresses that are not on the public internet —
//! every refused address here a loopback one, so nothing could leave the machine even if the
//! guard were broken.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use std::net::SocketAddr;

use axum::{
    http::{header, StatusCode as AxumStatus},
    response::IntoResponse,
    routing::get,
    Router,
};
use common::*;
use gatehouse_core::testing::pictures::{encode, jpeg_with_gps, png_header};
use image::{DynamicImage, ImageBuffer, ImageFormat, Rgb, RgbImage};
use reqwest::{multipart, Client, StatusCode};
use serde_json::{json, Value};

fn photo(w: u32, h: u32) -> DynamicImage {
    let img: RgbImage = ImageBuffer::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    DynamicImage::ImageRgb8(img)
}

/// Posts the Profile page's avatar form as its script does (multipart, JSON back).
async fn change(s: &TestServer, c: &Client, form: multipart::Form) -> reqwest::Response {
    c.post(s.url("/account/avatar")).multipart(form).send().await.unwrap()
}

fn upload(bytes: Vec<u8>, name: &str) -> multipart::Form {
    multipart::Form::new()
        .text("action", "upload")
        .part("file", multipart::Part::bytes(bytes).file_name(name.to_owned()))
}

fn from_url(url: &str) -> multipart::Form {
    multipart::Form::new().text("action", "url").text("avatar_url", url.to_owned())
}

async fn field_error(res: reqwest::Response, field: &str) -> String {
    let (status, body) = json_error(res).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["errors"][0]["field"], field, "{body}");
    body["errors"][0]["message"].as_str().unwrap().to_owned()
}

async fn served(s: &TestServer, user: &Value, size: u32) -> reqwest::Response {
    let path = format!("/avatar/{}?s={size}&v={}", user["id"].as_str().unwrap(), user["avatar"].as_str().unwrap());
    s.client().get(s.url(&path)).send().await.unwrap()
}

#[tokio::test]
async fn an_upload_is_served_as_two_square_pngs_with_strong_caching_and_no_metadata() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let before = s.current_user(&c).await;

    // The default avatar first: an SVG this server drew, under a CSP that runs nothing.
    let res = served(&s, &before, 64).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "image/svg+xml");
    assert_eq!(res.headers()[header::CONTENT_SECURITY_POLICY], "default-src 'none'");
    assert!(res.text().await.unwrap().contains(">TP</text>"), "the initials of Test Person");

    let file = jpeg_with_gps(&photo(400, 300));
    let res = change(&s, &c, upload(file, "holiday.jpg")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let after: Value = res.json().await.unwrap();
    assert_ne!(after["avatar"], before["avatar"], "a new picture is a new address");

    for (size, px) in [(64, 64), (256, 256), (40, 64), (1000, 256)] {
        let res = served(&s, &after, size).await;
        assert_eq!(res.status(), StatusCode::OK);
        let h = res.headers().clone();
        assert_eq!(h[header::CONTENT_TYPE], "image/png");
        assert_eq!(h[header::CONTENT_SECURITY_POLICY], "default-src 'none'");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(h[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        let etag = h[header::ETAG].to_str().unwrap().to_owned();
        assert!(etag.starts_with('"') && !etag.starts_with("W/"), "a strong ETag: {etag}");
        let bytes = res.bytes().await.unwrap();
        let png = image::load_from_memory_with_format(&bytes, ImageFormat::Png).unwrap();
        assert_eq!((png.width(), png.height()), (px, px));
        assert!(!bytes.windows(4).any(|w| w == b"Exif" || w == b"eXIf" || w == b"MM\x00\x2a"), "no EXIF or GPS");
        // Asked again with the ETag: nothing to send.
        let again = s
            .client()
            .get(s.url(&format!("/avatar/{}?s={size}", after["id"].as_str().unwrap())))
            .header(header::IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(
            again.headers()[header::CACHE_CONTROL],
            "public, no-cache",
            "an address without the version revalidates"
        );
    }

    // Back to the default; audited each time.
    let res = change(&s, &c, multipart::Form::new().text("action", "default")).await;
    let reset: Value = res.json().await.unwrap();
    assert_eq!(reset["avatar"], before["avatar"]);
    assert_eq!(served(&s, &reset, 64).await.headers()[header::CONTENT_TYPE], "image/svg+xml");
    let audited: Vec<(String,)> =
        sqlx::query_as("SELECT detail FROM audit_log WHERE event = 'avatar_changed' ORDER BY created_at")
            .fetch_all(&s.db)
            .await
            .unwrap();
    assert_eq!(audited.len(), 2);
    assert!(audited[0].0.contains("upload") && audited[1].0.contains("default"), "{audited:?}");

    // Unknown accounts: 404.
    let res = s.client().get(s.url("/avatar/nobody?s=64")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn what_is_not_a_picture_too_large_or_a_bomb_is_refused_next_to_the_field() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let before = s.current_user(&c).await;

    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(), "not an image"),
        (b"%PDF-1.7 not a picture".to_vec(), "not an image"),
        (png_header(20_000, 20_000), "too large"),
        (vec![0x89; 5 * 1024 * 1024 + 1], "too large"),
    ];
    for (file, says) in cases {
        let message = field_error(change(&s, &c, upload(file, "x.png")).await, "avatar").await;
        assert!(message.contains(says), "{message}");
    }
    let res = change(&s, &c, multipart::Form::new().text("action", "upload")).await;
    assert_eq!(field_error(res, "avatar").await, "Choose a picture to upload.");
    assert_eq!(s.current_user(&c).await["avatar"], before["avatar"], "nothing changed");

    // Signed out: nothing.
    let res = change(&s, &s.client(), upload(encode(&photo(10, 10), ImageFormat::Png), "a.png")).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

/// The tests' picture server on 127.0.0.1: a picture, a page, a large body, and redirects.
async fn picture_server(gatehouse: SocketAddr) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let at = listener.local_addr().unwrap();
    let png = encode(&photo(300, 200), ImageFormat::Png);
    let app = Router::new()
        .route("/ok.png", get(move || async move { ([(header::CONTENT_TYPE, "image/png")], png.clone()) }))
        .route("/page.html", get(|| async { ([(header::CONTENT_TYPE, "text/html")], "<html>hello</html>") }))
        .route("/big.png", get(|| async { vec![0x89u8; 6 * 1024 * 1024] }))
        .route("/missing.png", get(|| async { AxumStatus::NOT_FOUND }))
        .route(
            "/to-ok",
            get(move || async move {
                (AxumStatus::FOUND, [(header::LOCATION, format!("http://{at}/ok.png"))]).into_response()
            }),
        )
        // Off to another loopback address: Gatehouse's own port.
        .route(
            "/to-loopback",
            get(move || async move {
                (AxumStatus::FOUND, [(header::LOCATION, format!("http://{gatehouse}/healthz"))]).into_response()
            }),
        )
        .route(
            "/to-loopback-https",
            get(move || async move {
                (AxumStatus::FOUND, [(header::LOCATION, format!("https://{gatehouse}/healthz"))]).into_response()
            }),
        )
        .route(
            "/loop",
            get(move || async move {
                (AxumStatus::FOUND, [(header::LOCATION, format!("http://{at}/loop"))]).into_response()
            }),
        );
    tokio::spawn(async move { axum::serve(listener, app).await });
    at
}

#[tokio::test]
async fn a_url_avatar_is_fetched_from_the_test_origin_and_loopback_addresses_are_refused() {
    // The picture server's port is not known before the server starts: reserve it first.
    let probe = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gatehouse_port = probe.local_addr().unwrap();
    drop(probe);
    let pictures = picture_server(gatehouse_port).await;
    let s = TestServer::start_with(&[
        ("GATEHOUSE_COOKIE_SECURE", "false"),
        ("GATEHOUSE_AVATAR_TEST_ORIGIN", &pictures.to_string()),
    ])
    .await;
    let c = s.client();
    s.register(&c, "ada").await;
    let gatehouse = s.base.trim_start_matches("http://").to_owned();

    let res = change(&s, &c, from_url(&format!("http://{pictures}/ok.png"))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let user: Value = res.json().await.unwrap();
    assert_eq!(served(&s, &user, 256).await.headers()[header::CONTENT_TYPE], "image/png");
    // A redirect within the test origin is followed.
    assert_eq!(change(&s, &c, from_url(&format!("http://{pictures}/to-ok"))).await.status(), StatusCode::OK);

    let refused = [
        (format!("http://{pictures}/page.html"), "not an image"),
        (format!("http://{pictures}/big.png"), "too large"),
        (format!("http://{pictures}/missing.png"), "not reachable"),
        (format!("http://{pictures}/loop"), "not reachable"),
        // Production rules everywhere but the test origin itself:
        (format!("http://{pictures}/to-loopback"), "plain http"),
        (format!("http://{pictures}/to-loopback-https"), "not allowed"),
        (format!("https://{gatehouse}/healthz"), "not allowed"),
        ("https://127.0.0.1/a.png".to_owned(), "not allowed"),
        ("https://127.0.0.2/a.png".to_owned(), "not allowed"),
        ("https://[::1]/a.png".to_owned(), "not allowed"),
        ("https://localhost/a.png".to_owned(), "not allowed"),
        (format!("https://localhost:{}/ok.png", pictures.port()), "not allowed"),
        (format!("http://localhost:{}/ok.png", pictures.port()), "plain http"),
        ("ftp://127.0.0.1/a.png".to_owned(), "starting with https://"),
        ("not a url".to_owned(), "starting with https://"),
    ];
    for (url, says) in refused {
        let message = field_error(change(&s, &c, from_url(&url)).await, "avatar_url").await;
        assert!(message.contains(says), "{url}: {message}");
    }
}

#[tokio::test]
async fn the_rest_api_sets_reads_and_removes_the_picture() {
    let s = TestServer::start_with(&[("GATEHOUSE_COOKIE_SECURE", "false"), ("GATEHOUSE_AVATAR_URLS", "false")]).await;
    let c = s.client();
    s.register(&c, "ada").await;
    let form = [("name", "ci"), ("scope", "read_write"), ("expires", "30"), ("password", PASSWORD)];
    let token =
        s.call(&c, "create_token", &form).await.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
    let form = [("name", "ro"), ("scope", "read_only"), ("expires", "30"), ("password", PASSWORD)];
    let reader =
        s.call(&c, "create_token", &form).await.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
    let api = |path: &str| s.url(&format!("/api/v1{path}"));

    let png = encode(&photo(500, 500), ImageFormat::Png);
    let put = |t: &str| {
        let form = multipart::Form::new().part("file", multipart::Part::bytes(png.clone()).file_name("me.png"));
        s.client().put(api("/me/avatar")).bearer_auth(t.to_owned()).multipart(form).send()
    };
    // Only `file`: another field is refused, as the document says.
    let res =
        s.client().put(api("/me/avatar")).bearer_auth(&token).multipart(upload(png.clone(), "me.png")).send().await;
    assert_eq!(field_error(res.unwrap(), "body").await, "Unexpected field `action`: send file.");
    assert_eq!(put(&reader).await.unwrap().status(), StatusCode::FORBIDDEN);
    let res = put(&token).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let me: Value = res.json().await.unwrap();
    let id = me["id"].as_str().unwrap();

    let res = s.client().get(api(&format!("/users/{id}/avatar?s=64"))).bearer_auth(&reader).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "image/png");
    let res = s.client().get(api(&format!("/users/{id}/avatar"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the API wants a credential");
    let res = s.client().get(api("/users/nobody/avatar")).bearer_auth(&reader).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // URLs are off on this server: said next to the field, as a 409.
    let res = s
        .client()
        .put(api("/me/avatar"))
        .bearer_auth(&token)
        .json(&json!({ "url": "https://pictures.example/a.png" }))
        .send()
        .await
        .unwrap();
    let (status, body) = json_error(res).await;
    assert_eq!(status, StatusCode::CONFLICT, "a request fine in itself, on a server that does not do it");
    assert_eq!(body["field"], "avatar_url");
    assert!(body["message"].as_str().unwrap().contains("does not fetch pictures"), "{body}");
    assert_eq!(body["code"], "error-avatar-url-disabled", "the message's id, for clients in other languages");

    let res = s.client().delete(api("/me/avatar")).bearer_auth(&token).send().await.unwrap();
    let me: Value = res.json().await.unwrap();
    assert!(me["avatar"].as_str().unwrap().starts_with('d'), "the default avatar's version: {me}");
}

#[tokio::test]
async fn without_javascript_the_picture_form_posts_and_comes_back_to_the_page() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let plain = |form: multipart::Form| {
        c.post(s.url("/account/avatar")).header(header::ACCEPT, "text/html").multipart(form).send()
    };
    let res = plain(upload(encode(&photo(80, 120), ImageFormat::Png), "me.png")).await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION], "/account/profile");
    let me = s.current_user(&c).await;
    assert_eq!(served(&s, &me, 64).await.headers()[header::CONTENT_TYPE], "image/png");

    // A refusal comes back as a fixed code the page turns into its message.
    let res = plain(upload(b"not a picture".to_vec(), "x.png")).await.unwrap();
    assert_eq!(res.headers()[header::LOCATION], "/account/profile?avatar_error=file");
    let page = c.get(s.url("/account/profile?avatar_error=file")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("That file could not be used"), "the message is on the page");
    let res = plain(multipart::Form::new().text("action", "url").text("avatar_url", "https://127.0.0.1/a.png")).await;
    assert_eq!(res.unwrap().headers()[header::LOCATION], "/account/profile?avatar_error=url");
    let res = plain(multipart::Form::new().text("action", "default")).await.unwrap();
    assert_eq!(res.headers()[header::LOCATION], "/account/profile");
    assert!(s.current_user(&c).await["avatar"].as_str().unwrap().starts_with('d'));
}

#[tokio::test]
async fn picture_changes_are_limited_per_account() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let max = gatehouse_core::avatar::CHANGES_PER_ACCOUNT.max;
    for _ in 0..max {
        let res = change(&s, &c, multipart::Form::new().text("action", "default")).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let res = change(&s, &c, upload(encode(&photo(10, 10), ImageFormat::Png), "a.png")).await;
    let (status, body) = json_error(res).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body["retry_after"].as_u64().is_some_and(|s| s > 0));
    // Another account is not held by it.
    let other = s.client();
    s.register(&other, "bob").await;
    let res = change(&s, &other, multipart::Form::new().text("action", "default")).await;
    assert_eq!(res.status(), StatusCode::OK);
}
