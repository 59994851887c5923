//! Integration tests of the preferences: the REST API (partial updates, unknown keys, values out
//! of range, `null` back to the default), the page's server functions with and without
//! JavaScript, the server's defaults set by an administrator, the display settings every page
//! applies (theme, time format), and the synthesised sounds.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use common::*;
use reqwest::{header, Client, StatusCode};
use serde_json::{json, Value};

async fn get_prefs(s: &TestServer, token: &str) -> Value {
    let res = s.client().get(s.url("/api/v1/me/preferences")).bearer_auth(token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

async fn patch_prefs(s: &TestServer, token: &str, body: Value) -> reqwest::Response {
    s.client().patch(s.url("/api/v1/me/preferences")).bearer_auth(token).json(&body).send().await.unwrap()
}

async fn stored(s: &TestServer) -> Vec<String> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT key FROM user_preferences ORDER BY key").fetch_all(&s.db).await.unwrap();
    rows.into_iter().map(|(k,)| k).collect()
}

/// A page as the server renders it, without the hydration markers (`<!>`) between texts.
async fn page(s: &TestServer, c: &Client, path: &str) -> String {
    let res = c.get(s.url(path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.text().await.unwrap().replace("<!>", "")
}

#[tokio::test]
async fn the_api_reads_and_changes_preferences_partially() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let t = s.token(&c, "read_write").await;

    let p = get_prefs(&s, &t).await;
    assert_eq!(p["values"]["theme"], "system");
    assert_eq!(p["values"]["idle_time_limit"], 300);
    assert_eq!(p["values"]["highlight_words"], json!([]));
    assert_eq!(p["chosen"], json!([]));
    assert_eq!(p["values"], p["defaults"], "nothing chosen: the defaults apply");

    let res =
        patch_prefs(&s, &t, json!({"view_mode": "compact", "highlight_words": [" Release ", "release", "ship it"]}))
            .await;
    assert_eq!(res.status(), StatusCode::OK);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["values"]["view_mode"], "compact");
    assert_eq!(p["values"]["highlight_words"], json!(["Release", "ship it"]), "trimmed, de-duplicated");
    assert_eq!(p["values"]["theme"], "system", "what was not sent stays");
    assert_eq!(p["chosen"], json!(["view_mode", "highlight_words"]));
    assert_eq!(get_prefs(&s, &t).await, p);

    // null: back to the default.
    let p: Value = patch_prefs(&s, &t, json!({"view_mode": null})).await.json().await.unwrap();
    assert_eq!((p["values"]["view_mode"].as_str(), p["chosen"].clone()), (Some("normal"), json!(["highlight_words"])));
    assert_eq!(stored(&s).await, ["highlight_words"]);

    // The audit names the keys, not the words.
    let (detail,): (String,) = sqlx::query_as(
        "SELECT detail FROM audit_log WHERE event = 'preferences_changed' ORDER BY created_at DESC LIMIT 1",
    )
    .fetch_one(&s.db)
    .await
    .unwrap();
    assert!(detail.contains("view_mode") && !detail.contains("Release"), "{detail}");
}

#[tokio::test]
async fn bad_values_and_unknown_keys_are_422_under_their_key_and_change_nothing() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let t = s.token(&c, "read_write").await;
    let before = get_prefs(&s, &t).await;
    let cases = [
        (json!({"theme": "dark", "no_such_setting": true}), "no_such_setting"),
        (json!({"theme": "dark", "idle_time_limit": 29}), "idle_time_limit"),
        (json!({"idle_time_limit": 86_401}), "idle_time_limit"),
        (json!({"notifications_sound_volume": 101}), "notifications_sound_volume"),
        (json!({"notifications_sound_volume": -1}), "notifications_sound_volume"),
        (json!({"use_emojis": "yes"}), "use_emojis"),
        (json!({"view_mode": "roomy"}), "view_mode"),
        (json!({"highlight_words": "release"}), "highlight_words"),
        (json!({"highlight_words": ["a,b"]}), "highlight_words"),
        (json!({"highlight_words": ["x".repeat(65)]}), "highlight_words"),
        (json!({"highlight_words": (0..51).map(|i| format!("w{i}")).collect::<Vec<_>>()}), "highlight_words"),
    ];
    for (body, field) in cases {
        let (status, err) = json_error(patch_prefs(&s, &t, body.clone()).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(err["error"], "validation");
        assert!(err["errors"].as_array().unwrap().iter().any(|e| e["field"] == field), "{body}: {err}");
    }
    // Not an object, not JSON.
    assert_eq!(patch_prefs(&s, &t, json!(["theme"])).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = s
        .client()
        .patch(s.url("/api/v1/me/preferences"))
        .bearer_auth(&t)
        .header(header::CONTENT_TYPE, "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(get_prefs(&s, &t).await, before, "a refused change changes nothing, not even its valid parts");
    assert!(stored(&s).await.is_empty());
}

#[tokio::test]
async fn only_the_owner_with_a_writing_credential_changes_them() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let read_only = s.token(&c, "read_only").await;
    assert_eq!(get_prefs(&s, &read_only).await["values"]["theme"], "system", "read-only tokens read");
    let (status, err) = json_error(patch_prefs(&s, &read_only, json!({"theme": "dark"})).await).await;
    assert_eq!((status, err["error"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    let anon = s.client().get(s.url("/api/v1/me/preferences")).send().await.unwrap();
    assert_eq!(anon.status(), StatusCode::UNAUTHORIZED);
    let anon = s.client().patch(s.url("/api/v1/me/preferences")).json(&json!({})).send().await.unwrap();
    assert_eq!(anon.status(), StatusCode::UNAUTHORIZED);
    // The page's server functions too.
    let stranger = s.client();
    for name in ["get_preferences", "save_preferences", "reset_preferences"] {
        let res = s.call(&stranger, name, &[("section", "sound")]).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{name}");
    }
    assert!(stored(&s).await.is_empty());
}

#[tokio::test]
async fn offline_email_notifications_wait_for_a_verified_address() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let t = s.token(&c, "read_write").await;
    assert_eq!(get_prefs(&s, &t).await["email_verified"], false);
    assert_eq!(patch_prefs(&s, &t, json!({"offline_email_notifications": "nothing"})).await.status(), StatusCode::OK);
    let (status, err) = json_error(patch_prefs(&s, &t, json!({"offline_email_notifications": "mentions"})).await).await;
    assert_eq!((status, err["field"].as_str()), (StatusCode::CONFLICT, Some("offline_email_notifications")));
    assert_eq!(err["code"], "error-email-notifications-need-verified");

    // A verified address (which brings email codes as a second factor: the page's session here).
    let v = s.client();
    s.register_verified(&v, "bea").await;
    let field = "prefs[offline_email_notifications]";
    assert_eq!(s.call(&v, "save_preferences", &[(field, "nothing")]).await.status(), StatusCode::OK);
    let res = s.call(&v, "save_preferences", &[(field, "mentions")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap()["values"]["offline_email_notifications"], "mentions");
}

#[tokio::test]
async fn the_page_saves_only_what_changed_and_a_form_without_javascript_saves_all() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    // The script sends the changed settings only.
    let res = s.call(&c, "save_preferences", &[("prefs[hide_roles]", "true"), ("prefs[time_format]", "12h")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let v: Value = res.json().await.unwrap();
    assert_eq!((v["values"]["hide_roles"].as_bool(), v["values"]["use_emojis"].as_bool()), (Some(true), Some(true)));
    assert_eq!(stored(&s).await, ["hide_roles", "time_format"]);

    // A bad value is an error next to its field; nothing is saved.
    let res = s.call(&c, "save_preferences", &[("prefs[idle_time_limit]", "ten"), ("prefs[theme]", "dark")]).await;
    let (status, err) = json_error(res).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["errors"][0]["field"], "idle_time_limit");
    assert_eq!(err["errors"][0]["message"], "Enter a whole number from 30 to 86400.");
    assert_eq!(stored(&s).await, ["hide_roles", "time_format"]);

    // Without JavaScript the whole form comes: an unticked box is not sent (off), the same
    // values are no change, "default" follows the server's default again.
    let res = c
        .post(s.url("/fn/save_preferences"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, s.url("/account/preferences"))
        .form(&[
            ("whole", "1"),
            ("prefs[theme]", "system"),
            ("prefs[time_format]", "default"),
            ("prefs[use_emojis]", "true"),
            ("prefs[convert_ascii_to_emoji]", "true"),
            ("prefs[auto_load_images]", "true"),
            ("prefs[unread_tray_icon_alert]", "true"),
            ("prefs[display_avatars]", "true"),
            ("prefs[enable_auto_away]", "true"),
            ("prefs[mute_focused_conversations]", "true"),
            ("prefs[email_new_sign_ins]", "true"),
            ("prefs[idle_time_limit]", "600"),
            ("prefs[highlight_words]", "deploy, Deploy"),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let to = res.headers()[header::LOCATION].to_str().unwrap();
    assert!(to.starts_with(&s.url("/account/preferences")) && !to.contains("__err"), "{to}");
    let v: Value = s.call(&c, "get_preferences", &[]).await.json().await.unwrap();
    assert_eq!(v["values"]["hide_roles"], false, "unticked");
    assert_eq!(v["values"]["time_format"], "24h", "back to the default");
    assert_eq!(v["values"]["idle_time_limit"], 600);
    assert_eq!(v["values"]["highlight_words"], json!(["deploy"]));
    // hide_roles is now off, which is also the default, but it was chosen: the row says so.
    assert_eq!(stored(&s).await, ["hide_roles", "highlight_words", "idle_time_limit"]);
}

#[tokio::test]
async fn reset_to_defaults_clears_one_section_only() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let form = [
        ("prefs[new_message_notification]", "ding"),
        ("prefs[notifications_sound_volume]", "40"),
        ("prefs[view_mode]", "cozy"),
    ];
    assert_eq!(s.call(&c, "save_preferences", &form).await.status(), StatusCode::OK);
    let res = s.call(&c, "reset_preferences", &[("section", "sound")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["values"]["new_message_notification"], "chime");
    assert_eq!(v["values"]["notifications_sound_volume"], 100);
    assert_eq!(v["values"]["view_mode"], "cozy", "another section keeps its choice");
    let (status, err) = json_error(s.call(&c, "reset_preferences", &[("section", "everything")]).await).await;
    assert_eq!((status, err["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("section")));
    assert_eq!(err["errors"][0]["code"], "error-unknown-section");
}

#[tokio::test]
async fn an_administrators_default_reaches_everyone_who_did_not_choose() {
    let s = TestServer::start().await;
    s.make_admin("root").await;
    let admin = s.client();
    assert_eq!(
        s.call(&admin, "sign_in", &[("identifier", "root"), ("password", PASSWORD)]).await.status(),
        StatusCode::OK
    );
    let (chose, follows) = (s.client(), s.client());
    s.register(&chose, "ada").await;
    s.register(&follows, "bob").await;
    assert_eq!(
        s.call(&chose, "save_preferences", &[("prefs[time_format]", "24h"), ("prefs[view_mode]", "compact")])
            .await
            .status(),
        StatusCode::OK
    );
    // 24h equals the default in effect: no choice is stored for it.
    assert_eq!(stored(&s).await, ["view_mode"]);

    // Only administrators, and only after confirming it is them.
    let form = [("prefs[view_mode]", "cozy"), ("prefs[time_format]", "12h")];
    let res = s.call(&follows, "save_preference_defaults", &form).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (status, err) = json_error(s.call(&admin, "save_preference_defaults", &form).await).await;
    assert_eq!((status, err["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("reauthentication_required")));
    let (status, err) =
        json_error(s.call(&admin, "save_preference_defaults", &[("prefs[idle_time_limit]", "1")]).await).await;
    assert_eq!(
        (status, err["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("idle_time_limit")),
        "bad input first"
    );
    reauthenticate(&s, &admin, "root").await;
    let res = s.call(&admin, "save_preference_defaults", &form).await;
    assert_eq!(res.status(), StatusCode::OK);
    let d: Value = res.json().await.unwrap();
    assert_eq!(
        (d["values"]["view_mode"].as_str(), d["defaults"]["view_mode"].as_str()),
        (Some("cozy"), Some("normal"))
    );

    let bob: Value = s.call(&follows, "get_preferences", &[]).await.json().await.unwrap();
    assert_eq!(
        (bob["values"]["view_mode"].as_str(), bob["values"]["time_format"].as_str()),
        (Some("cozy"), Some("12h"))
    );
    assert_eq!(bob["defaults"]["view_mode"], "cozy");
    let ada: Value = s.call(&chose, "get_preferences", &[]).await.json().await.unwrap();
    assert_eq!(ada["values"]["view_mode"], "compact", "a person's own choice stays");
    assert_eq!(ada["values"]["time_format"], "12h", "24h was never chosen: the new default reaches Ada too");

    // Reset the section of the server's defaults: back to the built-in ones.
    assert_eq!(s.call(&admin, "reset_preference_defaults", &[("section", "messages")]).await.status(), StatusCode::OK);
    let bob: Value = s.call(&follows, "get_preferences", &[]).await.json().await.unwrap();
    assert_eq!(bob["values"]["view_mode"], "normal");
    let (event,): (String,) = sqlx::query_as(
        "SELECT event FROM audit_log WHERE event = 'preference_defaults_changed' ORDER BY created_at DESC LIMIT 1",
    )
    .fetch_one(&s.db)
    .await
    .unwrap();
    assert_eq!(event, "preference_defaults_changed");
}

#[tokio::test]
async fn every_page_has_the_theme_and_time_format_before_any_script_runs() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let html = page(&s, &c, "/account/preferences").await;
    assert!(html.contains(r#"data-theme="system""#), "the default: follow the system");
    for label in [
        "Save Changes",
        "Language",
        "Enable Auto-Away",
        "Idle time limit",
        "Test Desktop Notification",
        "Show Desktop Notifications For",
        "Send Push Notifications For",
        "Offline Email Notifications",
        "Unread Tray Icon Alert",
        "Time Format",
        "Convert ASCII to Emoji",
        "Enter key behavior",
        "View mode",
        "Highlight words",
        "New Room Notification",
        "Notifications sound volume",
        "Reset to defaults",
        "Preview",
    ] {
        assert!(html.contains(label), "{label} on the page as the server renders it");
    }
    assert!(!html.contains("Member since"), "the account's facts are on Profile only");
    assert!(page(&s, &c, "/account/profile").await.contains("Member since"));

    let security = page(&s, &c, "/account/security").await;
    assert!(security.contains(" UTC</time>") && !security.contains(" PM UTC") && !security.contains(" AM UTC"));
    let res = s.call(&c, "save_preferences", &[("prefs[theme]", "dark"), ("prefs[time_format]", "12h")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookie =
        res.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect::<Vec<_>>();
    assert!(
        cookie.iter().any(|c| c.starts_with("gatehouse_display=en.dark.12h;")
            && c.contains("HttpOnly")
            && c.contains("SameSite=Lax")),
        "{cookie:?}"
    );
    let security = page(&s, &c, "/account/security").await;
    assert!(security.contains(r#"data-theme="dark""#));
    assert!(security.contains(" PM UTC</time>") || security.contains(" AM UTC</time>"), "sessions in 12-hour time");
    let v = s.visitor(&c).await;
    assert_eq!(v["display"], json!({"language": "en", "theme": "dark", "time_format": "12h"}));

    // Signed out, the sign-in page keeps the theme this browser last had.
    assert_eq!(s.call(&c, "sign_out", &[]).await.status(), StatusCode::OK);
    assert!(page(&s, &c, "/signin").await.contains(r#"data-theme="dark""#));
    assert_eq!(s.visitor(&c).await["user"], Value::Null);
    assert!(page(&s, &s.client(), "/signin").await.contains(r#"data-theme="system""#), "a new browser");
}

#[tokio::test]
async fn the_notification_sounds_are_served_as_wav_files() {
    let s = TestServer::start().await;
    let res = s.client().get(s.url("/sounds/chime.wav")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "audio/wav");
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..4], b"RIFF");
    for missing in ["/sounds/none.wav", "/sounds/chime", "/sounds/%2e%2e%2fCargo.toml", "/sounds/bell.wav"] {
        assert_eq!(s.client().get(s.url(missing)).send().await.unwrap().status(), StatusCode::NOT_FOUND, "{missing}");
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_setting() {
    let s = TestServer::start().await;
    let doc: Value = s.client().get(s.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    let schemas = &doc["components"]["schemas"];
    let props = schemas["Preferences"]["properties"].as_object().unwrap();
    assert_eq!(props["idle_time_limit"]["minimum"], 30);
    assert_eq!(props["view_mode"]["enum"], json!(["normal", "cozy", "compact"]));
    assert_eq!(schemas["PreferencesPatch"]["additionalProperties"], false);
    assert_eq!(props.len(), schemas["PreferencesPatch"]["properties"].as_object().unwrap().len());
    assert!(doc["paths"]["/me/preferences"]["patch"]["responses"]["422"].is_object());
}

#[tokio::test]
async fn presence_is_reported_by_the_clients_joined_with_the_chosen_status_and_ends_without_reports() {
    let s = TestServer::start().await;
    let c = s.client();
    s.register(&c, "ada").await;
    let t = s.token(&c, "read_write").await;
    let presence =
        |body: Value| (body["status"].as_str().map(str::to_owned), body["connection"].as_str().map(str::to_owned));
    let get = || async {
        let res = s.client().get(s.url("/api/v1/me/presence")).bearer_auth(&t).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        res.json::<Value>().await.unwrap()
    };
    let put = |connection: &'static str| {
        s.client().put(s.url("/api/v1/me/presence")).bearer_auth(&t).json(&json!({ "connection": connection })).send()
    };
    // No client reported yet: offline. A page shown (its render asks who is signed in): online.
    assert_eq!(presence(get().await), (Some("offline".into()), Some("offline".into())));
    let v = s.visitor(&c).await;
    assert_eq!(v["presence"]["status"], "online");
    assert_eq!(presence(get().await), (Some("online".into()), Some("online".into())));
    assert_eq!(v["auto_away"], json!({"enabled": true, "idle_seconds": 300}));

    // The page's idle watch reports away; another page shown within the minute keeps it.
    let res = s.call(&c, "report_presence", &[("connection", "away")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(page(&s, &c, "/account/profile").await.contains("Status: Away"), "the header's dot, rendered");
    assert_eq!(presence(get().await), (Some("away".into()), Some("away".into())));
    // A status chosen on the Profile stays while connected; Offline (invisible) always wins.
    assert_eq!(s.call(&c, "update_profile", &[("status", "busy")]).await.status(), StatusCode::OK);
    assert_eq!(presence(get().await), (Some("busy".into()), Some("away".into())));
    assert_eq!(
        presence(put("online").await.unwrap().json().await.unwrap()),
        (Some("busy".into()), Some("online".into()))
    );
    assert_eq!(s.call(&c, "update_profile", &[("status", "offline")]).await.status(), StatusCode::OK);
    assert_eq!(presence(get().await).0.as_deref(), Some("offline"));
    assert_eq!(s.call(&c, "update_profile", &[("status", "online")]).await.status(), StatusCode::OK);

    // Five minutes without a report: offline, until the next report.
    s.advance(5 * 60_000);
    let gone = get().await;
    assert_eq!(
        (presence(gone.clone()), gone["seen_at"].clone()),
        ((Some("offline".into()), Some("offline".into())), Value::Null)
    );
    assert_eq!(presence(put("online").await.unwrap().json().await.unwrap()).0.as_deref(), Some("online"));

    // Bad reports, read-only tokens and strangers.
    for bad in [
        json!({"connection": "offline"}),
        json!({"connection": "busy"}),
        json!({}),
        json!({"connection": "away", "x": 1}),
    ] {
        let res = s.client().put(s.url("/api/v1/me/presence")).bearer_auth(&t).json(&bad).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let (status, _) = json_error(s.call(&c, "report_presence", &[("connection", "invisible")]).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let ro = s.token(&c, "read_only").await;
    let res = s
        .client()
        .put(s.url("/api/v1/me/presence"))
        .bearer_auth(&ro)
        .json(&json!({"connection": "away"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(s.client().get(s.url("/api/v1/me/presence")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        s.call(&s.client(), "report_presence", &[("connection", "away")]).await.status(),
        StatusCode::UNAUTHORIZED
    );
}
