//! Organizations and contracts over HTTP: who may call what (401/403/404/409/422; another
//! organization's data is 404), invitations (single-use, for the invited address, 7 days), roles
//! and the last owner, Force 2-Factor Auth, the strictest password policy, the organization
//! visible only with two-factor authentication, and the signed contracts webhook.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use common::*;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

const SECRET: &str = "a webhook secret of at least thirty-two characters";

/// `owner` (registered, signed in) creates `slug`.
async fn org_of(s: &TestServer, owner: &str, slug: &str) -> Client {
    let c = s.client();
    assert_eq!(s.register(&c, owner).await.status(), StatusCode::OK);
    let res = s.call(&c, "create_organization", &[("name", "Acme Corp"), ("slug", slug)]).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    c
}

/// `by` invites `username@example.test` as `role`; returns the mailed token.
async fn invite(s: &TestServer, by: &Client, slug: &str, username: &str, role: &str) -> String {
    let email = format!("{username}@example.test");
    let res = s.call(by, "invite_member", &[("slug", slug), ("email", &email), ("role", role)]).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    let mails = s.mails_to(&email, 1).await;
    let count = mails.iter().filter(|m| m.subject.starts_with("You are invited to join")).count();
    s.mailed_token(&email, "/invitation", count).await
}

/// `username` registered (unverified) and joined to `slug` as `role`.
async fn member(s: &TestServer, owner: &Client, slug: &str, username: &str, role: &str) -> Client {
    let token = invite(s, owner, slug, username, role).await;
    let c = s.client();
    assert_eq!(s.register(&c, username).await.status(), StatusCode::OK);
    let res = s.call(&c, "accept_invitation", &[("token", &token)]).await;
    assert_eq!(res.status(), StatusCode::OK, "{username}: {}", res.text().await.unwrap());
    c
}

async fn members(s: &TestServer, c: &Client, slug: &str) -> Value {
    let res = s.call(c, "organization_members", &[("slug", slug), ("without_two_factor", "false")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

#[tokio::test]
async fn an_organization_exists_for_its_members_only() {
    let s = TestServer::start().await;
    let stranger = s.client();
    for name in [
        "list_organizations",
        "create_organization",
        "organization",
        "organization_members",
        "save_member",
        "invite_member",
        "accept_invitation",
        "organization_rules",
        "delete_organization",
    ] {
        let form = [
            ("slug", "acme"),
            ("name", "Acme"),
            ("token", "x"),
            ("without_two_factor", "false"),
            ("user_id", "x"),
            ("role", "member"),
            ("email", "x@example.test"),
            ("confirm", "acme"),
        ];
        let res = s.call(&stranger, name, &form).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{name}");
    }

    let ada = s.client();
    s.register(&ada, "ada").await;
    // Bad names and addresses are told next to their field.
    for (name, slug, field, code) in [
        ("", "acme", "name", "error-org-name-empty"),
        ("Acme", "", "slug", "error-slug-empty"),
        ("Acme", "Acme Corp!", "slug", "error-slug-characters"),
        ("Acme", "a", "slug", "error-slug-length"),
    ] {
        let (status, body) =
            json_error(s.call(&ada, "create_organization", &[("name", name), ("slug", slug)]).await).await;
        let first = &body["errors"][0];
        assert_eq!(
            (status, first["field"].as_str(), first["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field), Some(code)),
            "{name} {slug}: {body}"
        );
    }
    let res = s.call(&ada, "create_organization", &[("name", "Acme Corp"), ("slug", "acme")]).await;
    let org: Value = res.json().await.unwrap();
    assert_eq!(
        (org["slug"].as_str(), org["role"].as_str(), org["members"].as_i64()),
        (Some("acme"), Some("owner"), Some(1))
    );
    let (status, body) =
        json_error(s.call(&ada, "create_organization", &[("name", "Other"), ("slug", "ACME")]).await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-slug-taken")));

    // Someone else: the organization does not exist for them, whatever they call.
    let eve = s.client();
    s.register(&eve, "eve").await;
    let ada_id = s.id_of("ada").await;
    for (name, form) in [
        ("organization", vec![("slug", "acme")]),
        ("organization_members", vec![("slug", "acme"), ("without_two_factor", "false")]),
        ("rename_organization", vec![("slug", "acme"), ("name", "Mine")]),
        ("save_member", vec![("slug", "acme"), ("user_id", ada_id.as_str()), ("role", "member")]),
        ("remove_member", vec![("slug", "acme"), ("user_id", ada_id.as_str())]),
        ("invite_member", vec![("slug", "acme"), ("email", "eve2@example.test"), ("role", "owner")]),
        ("leave_organization", vec![("slug", "acme")]),
        ("delete_organization", vec![("slug", "acme"), ("confirm", "acme")]),
    ] {
        assert_eq!(s.call(&eve, name, &form).await.status(), StatusCode::NOT_FOUND, "{name}");
    }
    let list: Value = s.call(&eve, "list_organizations", &[]).await.json().await.unwrap();
    assert_eq!(list, json!([]));

    // A plain member sees the organization, not its Users & Groups, and changes nothing.
    let bob = member(&s, &ada, "acme", "bob", "member").await;
    let view: Value = s.call(&bob, "organization", &[("slug", "acme")]).await.json().await.unwrap();
    assert_eq!(view["summary"]["role"], "member");
    let res = s.call(&bob, "organization_members", &[("slug", "acme"), ("without_two_factor", "false")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = s.call(&bob, "save_member", &[("slug", "acme"), ("user_id", &ada_id), ("role", "member")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = s.call(&bob, "invite_member", &[("slug", "acme"), ("email", "x@example.test"), ("role", "member")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        s.call(&bob, "rename_organization", &[("slug", "acme"), ("name", "Bob's")]).await.status(),
        StatusCode::FORBIDDEN
    );

    // The REST API lists the token owner's organizations.
    let token = s.token(&bob, "read_only").await;
    let res = s.client().get(s.url("/api/v1/me/organizations")).bearer_auth(&token).send().await.unwrap();
    let list: Value = res.json().await.unwrap();
    assert_eq!((list[0]["slug"].as_str(), list[0]["role"].as_str()), (Some("acme"), Some("member")));
    let res = s.client().get(s.url("/api/v1/me/organizations")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_invitation_is_single_use_for_its_address_and_expires() {
    let s = TestServer::start().await;
    let ada = org_of(&s, "ada", "acme").await;
    let token = invite(&s, &ada, "acme", "bob", "admin").await;
    let open = members(&s, &ada, "acme").await;
    assert_eq!(open["invitations"][0]["email"], "bob@example.test");
    assert!(!open.to_string().contains(&token), "the token is never shown again");
    let stored: Vec<(String,)> =
        sqlx::query_as("SELECT token_hash FROM organization_invitations").fetch_all(&s.db).await.unwrap();
    assert!(stored.iter().all(|(h,)| !h.contains(&token)), "stored hashed");

    // Signed out, the link shows what it invites to; the account of another address cannot take it.
    let preview: Value = s.call(&s.client(), "invitation", &[("token", &token)]).await.json().await.unwrap();
    assert_eq!((preview["org_slug"].as_str(), preview["role"].as_str()), (Some("acme"), Some("admin")));
    let eve = s.client();
    s.register(&eve, "eve").await;
    let (status, body) = json_error(s.call(&eve, "accept_invitation", &[("token", &token)]).await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-org-invitation-other-address")));
    let bad = s.call(&eve, "accept_invitation", &[("token", "not-a-token")]).await.status();
    assert!(bad.is_client_error() && bad != StatusCode::NOT_FOUND, "{bad}");

    // The invitee registers (the page remembered the invitation) and accepts, once.
    let bob = s.client();
    s.call(&bob, "invitation", &[("token", &token)]).await;
    assert_eq!(s.register(&bob, "bob").await.status(), StatusCode::OK);
    let joined: Value = s.call(&bob, "accept_invitation", &[("token", "")]).await.json().await.unwrap();
    assert_eq!((joined["slug"].as_str(), joined["role"].as_str()), (Some("acme"), Some("admin")));
    assert_eq!(s.call(&bob, "accept_invitation", &[("token", &token)]).await.status(), bad);
    assert_eq!(members(&s, &ada, "acme").await["invitations"], json!([]));

    // Admins invite admins and members, not owners; a member is not invited twice.
    let (status, body) = json_error(
        s.call(&bob, "invite_member", &[("slug", "acme"), ("email", "cyd@example.test"), ("role", "owner")]).await,
    )
    .await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("error-org-owner-invites-owner"))
    );
    let (status, body) = json_error(
        s.call(&ada, "invite_member", &[("slug", "acme"), ("email", "bob@example.test"), ("role", "member")]).await,
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-org-already-member")));

    // Seven days, then the link is dead; a withdrawn one at once.
    let late = invite(&s, &ada, "acme", "cyd", "member").await;
    s.advance(7 * 24 * 3600 * 1000 + 1000);
    let cy = s.client();
    s.register(&cy, "cyd").await;
    let res = s.call(&cy, "accept_invitation", &[("token", &late)]).await;
    assert_eq!(res.status(), bad, "{}", res.text().await.unwrap());
    // (Ada's session ended meanwhile: she signs in again.)
    assert_eq!(
        s.call(&ada, "sign_in", &[("identifier", "ada"), ("password", PASSWORD)]).await.status(),
        StatusCode::OK
    );
    let again = invite(&s, &ada, "acme", "cyd", "member").await;
    let id = members(&s, &ada, "acme").await["invitations"][0]["id"].as_str().unwrap().to_owned();
    let fox = s.client();
    s.register(&fox, "fox").await;
    assert_eq!(
        s.call(&fox, "revoke_invitation", &[("slug", "acme"), ("id", &id)]).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(s.call(&ada, "revoke_invitation", &[("slug", "acme"), ("id", &id)]).await.status(), StatusCode::OK);
    assert_eq!(s.call(&cy, "accept_invitation", &[("token", &again)]).await.status(), bad);
}

#[tokio::test]
async fn roles_keep_an_owner_and_force_two_factor_never_enables_it() {
    let s = TestServer::start().await;
    let ada = org_of(&s, "ada", "acme").await;
    let bob = member(&s, &ada, "acme", "bob", "admin").await;
    let cy = member(&s, &ada, "acme", "cyd", "member").await;
    let (ada_id, cy_id) = (s.id_of("ada").await, s.id_of("cyd").await);

    // The last owner neither leaves nor loses the role; admins do not touch owners.
    let (status, body) = json_error(s.call(&ada, "leave_organization", &[("slug", "acme")]).await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-org-last-owner")));
    let res = s.call(&bob, "save_member", &[("slug", "acme"), ("user_id", &ada_id), ("role", "member")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = s.call(&bob, "save_member", &[("slug", "acme"), ("user_id", &cy_id), ("role", "owner")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (status, body) =
        json_error(s.call(&ada, "save_member", &[("slug", "acme"), ("user_id", &ada_id), ("role", "member")]).await)
            .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-org-not-yourself")));
    let (status, body) =
        json_error(s.call(&ada, "save_member", &[("slug", "acme"), ("user_id", &cy_id), ("role", "king")]).await).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("role")));

    // Force 2-Factor Auth (an admin may): cy is told by mail, and from the next request nothing
    // but setting it up is open; cy's factors are not touched.
    let res = s
        .call(
            &bob,
            "save_member",
            &[("slug", "acme"), ("user_id", &cy_id), ("role", "member"), ("force_two_factor", "on")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = members(&s, &bob, "acme").await;
    let row = page["members"].as_array().unwrap().iter().find(|m| m["username"] == "cyd").unwrap().clone();
    assert_eq!((row["forced"].as_bool(), row["two_factor"].as_bool()), (Some(true), Some(false)));
    let mails = s.mails_to("cyd@example.test", 1).await;
    assert!(mails.iter().any(|m| m.text.contains("Acme Corp now requires two-factor authentication")));
    assert_eq!(s.current_user(&cy).await["two_factor_setup_required"], true);
    let (status, body) = json_error(s.call(&cy, "list_organizations", &[]).await).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::FORBIDDEN, Some("two_factor_setup_required")));
    let factors: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM totp_factors WHERE user_id = $1")
        .bind(&cy_id)
        .fetch_one(&s.db)
        .await
        .unwrap();
    assert_eq!(factors.0, 0, "forcing never enables a factor");
    let rules: Value = s.call(&cy, "organization_rules", &[]).await.json().await.unwrap();
    assert_eq!(
        (rules[0]["org_name"].as_str(), rules[0]["forces_two_factor"].as_bool()),
        (Some("Acme Corp"), Some(true))
    );
    // The compliance view lists members without a second factor.
    let res = s.call(&bob, "organization_members", &[("slug", "acme"), ("without_two_factor", "true")]).await;
    let compliance: Value = res.json().await.unwrap();
    let names: Vec<&str> =
        compliance["members"].as_array().unwrap().iter().map(|m| m["username"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["ada", "bob", "cyd"], "none of them has a second factor yet");
    // Lifted: open again.
    let res = s.call(&ada, "save_member", &[("slug", "acme"), ("user_id", &cy_id), ("role", "member")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.current_user(&cy).await["two_factor_setup_required"], false);

    // Ownership transferred, the former owner leaves; removed members lose the organization.
    let bob_id = s.id_of("bob").await;
    let res = s.call(&ada, "save_member", &[("slug", "acme"), ("user_id", &bob_id), ("role", "owner")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.call(&ada, "leave_organization", &[("slug", "acme")]).await.status(), StatusCode::OK);
    assert_eq!(s.call(&ada, "organization", &[("slug", "acme")]).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(s.call(&bob, "remove_member", &[("slug", "acme"), ("user_id", &cy_id)]).await.status(), StatusCode::OK);
    assert_eq!(s.call(&cy, "list_organizations", &[]).await.json::<Value>().await.unwrap(), json!([]));
    let events: Vec<(String,)> = sqlx::query_as("SELECT event FROM audit_log WHERE event LIKE 'org_%' OR event LIKE 'two_factor_force%' ORDER BY created_at, id")
        .fetch_all(&s.db)
        .await
        .unwrap();
    let events: Vec<&str> = events.iter().map(|(e,)| e.as_str()).collect();
    assert!(
        events.contains(&"org_created") && events.contains(&"org_left") && events.contains(&"org_member_removed"),
        "{events:?}"
    );
}

#[tokio::test]
async fn a_members_password_policy_is_the_strictest_of_all() {
    let s = TestServer::start().await;
    let ada = org_of(&s, "ada", "acme").await;
    let bob = member(&s, &ada, "acme", "bob", "member").await;
    let form = [
        ("slug", "acme"),
        ("min_length", "20"),
        ("require_digit", "on"),
        ("history", "3"),
        ("max_age_days", "0"),
        ("max_repeated", "0"),
    ];
    let (status, body) = json_error(s.call(&bob, "save_organization_policy", &form).await).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    let bad =
        [("slug", "acme"), ("min_length", "lots"), ("history", "0"), ("max_age_days", "0"), ("max_repeated", "0")];
    let (status, body) = json_error(s.call(&ada, "save_organization_policy", &bad).await).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("min_length")));
    assert_eq!(s.call(&ada, "save_organization_policy", &form).await.status(), StatusCode::OK);

    // Bob's policy is now the server's and Acme's, merged: the longer minimum, a digit.
    let policy: Value = s.call(&bob, "password_policy", &[]).await.json().await.unwrap();
    assert_eq!((policy["min_length"].as_u64(), policy["require_digit"].as_bool()), (Some(20), Some(true)));
    let rules: Value = s.call(&bob, "organization_rules", &[]).await.json().await.unwrap();
    assert_eq!(rules[0]["org_name"], "Acme Corp");
    assert!(!rules[0]["rules"].as_array().unwrap().is_empty());
    let weak =
        [("current_password", PASSWORD), ("new_password", "only sixteen chars"), ("confirm", "only sixteen chars")];
    let (status, body) = json_error(s.call(&bob, "change_password", &weak).await).await;
    assert_eq!(
        (status, body["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("new_password")),
        "{body}"
    );
    let new = "twenty and more characters 4 sure";
    let strong = [("current_password", PASSWORD), ("new_password", new), ("confirm", new)];
    assert_eq!(s.call(&bob, "change_password", &strong).await.status(), StatusCode::OK);
    // Someone outside Acme keeps the server's policy.
    let eve = s.client();
    s.register(&eve, "eve").await;
    let policy: Value = s.call(&eve, "password_policy", &[]).await.json().await.unwrap();
    assert_ne!(policy["min_length"].as_u64(), Some(20));
    // Cleared: back to the server's.
    let clear = [
        ("slug", "acme"),
        ("clear", "1"),
        ("min_length", "0"),
        ("history", "0"),
        ("max_age_days", "0"),
        ("max_repeated", "0"),
    ];
    assert_eq!(s.call(&ada, "save_organization_policy", &clear).await.status(), StatusCode::OK);
    let policy: Value = s.call(&bob, "password_policy", &[]).await.json().await.unwrap();
    assert_eq!(
        policy["min_length"],
        s.call(&eve, "password_policy", &[]).await.json::<Value>().await.unwrap()["min_length"]
    );
}

#[tokio::test]
async fn an_organization_visible_only_with_two_factor_is_locked_for_members_without() {
    let s = TestServer::start().await;
    let ada = org_of(&s, "ada", "acme").await;
    let bob = member(&s, &ada, "acme", "bob", "member").await;
    let on = [("slug", "acme"), ("requires_two_factor", "on")];
    let (status, body) = json_error(s.call(&ada, "set_organization_visibility", &on).await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-org-visibility-needs-two-factor")));
    enable_totp(&s, &ada, "ada").await;
    assert_eq!(s.call(&ada, "set_organization_visibility", &on).await.status(), StatusCode::OK);

    let list: Value = s.call(&bob, "list_organizations", &[]).await.json().await.unwrap();
    assert_eq!((list[0]["slug"].as_str(), list[0]["locked"].as_bool()), (Some("acme"), Some(true)));
    let (status, body) = json_error(s.call(&bob, "organization", &[("slug", "acme")]).await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-org-locked")));
    let list: Value = s.call(&ada, "list_organizations", &[]).await.json().await.unwrap();
    assert_eq!(list[0]["locked"], false);
    enable_totp(&s, &bob, "bob").await;
    assert_eq!(s.call(&bob, "organization", &[("slug", "acme")]).await.status(), StatusCode::OK);
}

/// A signed request to the contracts webhook.
async fn deliver(s: &TestServer, token: &str, org: &str, body: &Value, at: i64, secret: &str) -> reqwest::Response {
    let raw = body.to_string();
    let signature = platform::crypto::hmac_sha256_hex(secret.as_bytes(), format!("{at}.{raw}").as_bytes());
    s.client()
        .post(s.url(&format!("/api/v1/admin/contracts/{org}")))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .header("x-gatehouse-timestamp", at.to_string())
        .header("x-gatehouse-signature", format!("sha256={signature}"))
        .body(raw)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_contracts_webhook_is_signed_idempotent_and_audited() {
    let s =
        TestServer::start_with(&[("GATEHOUSE_COOKIE_SECURE", "false"), ("GATEHOUSE_CONTRACTS_WEBHOOK_SECRET", SECRET)])
            .await;
    s.make_admin("root").await;
    let root = s.client();
    s.call(&root, "sign_in", &[("identifier", "root"), ("password", PASSWORD)]).await;
    reauthenticate(&s, &root, "root").await;
    let admin_token = s.token(&root, "read_write").await;
    let ada = org_of(&s, "ada", "acme").await;
    let ada_token = s.token(&ada, "read_write").await;
    let now = s.now() / 1000;
    let ends = s.now() + 30 * 24 * 3600 * 1000;
    let event = json!({ "event_id": "evt_1", "plan": "paid", "status": "active", "ends_at": ends });

    // Who and what: an administrator's token, and the body signed with the secret, now.
    let res = s.client().post(s.url("/api/v1/admin/contracts/acme")).json(&event).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(deliver(&s, &ada_token, "acme", &event, now, SECRET).await.status(), StatusCode::FORBIDDEN);
    let wrong = "another secret of at least thirty-two characters";
    assert_eq!(deliver(&s, &admin_token, "acme", &event, now, wrong).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(deliver(&s, &admin_token, "acme", &event, now - 600, SECRET).await.status(), StatusCode::FORBIDDEN);
    let res = s
        .client()
        .post(s.url("/api/v1/admin/contracts/acme"))
        .bearer_auth(&admin_token)
        .json(&event)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "unsigned");
    assert_eq!(deliver(&s, &admin_token, "nobody", &event, now, SECRET).await.status(), StatusCode::NOT_FOUND);
    let odd = json!({ "event_id": "evt_x", "plan": "gold", "status": "active", "ends_at": null });
    assert_eq!(deliver(&s, &admin_token, "acme", &odd, now, SECRET).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let odd = json!({ "event_id": "", "plan": "paid", "status": "active", "ends_at": null });
    assert_eq!(deliver(&s, &admin_token, "acme", &odd, now, SECRET).await.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let res = deliver(&s, &admin_token, "acme", &event, now, SECRET).await;
    assert_eq!(res.status(), StatusCode::OK);
    let applied: Value = res.json().await.unwrap();
    assert_eq!(applied["applied"], true);
    assert_eq!(
        (applied["contract"]["plan"].as_str(), applied["contract"]["ends_at"].as_i64()),
        (Some("paid"), Some(ends))
    );
    // The same event again changes nothing; its id with another body is refused.
    let again: Value = deliver(&s, &admin_token, "acme", &event, now, SECRET).await.json().await.unwrap();
    assert_eq!(again["applied"], false);
    let reused = json!({ "event_id": "evt_1", "plan": "free", "status": "ended", "ends_at": null });
    let (status, body) = json_error(deliver(&s, &admin_token, "acme", &reused, now, SECRET).await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-webhook-event-reused")));
    let audited: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE event = 'contract_changed'")
        .fetch_one(&s.db)
        .await
        .unwrap();
    assert_eq!(audited.0, 1);

    // The contract runs: the owner cannot delete the organization; they see until when.
    let (status, body) =
        json_error(s.call(&ada, "delete_organization", &[("slug", "acme"), ("confirm", "acme")]).await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-org-contract-until")));
    let org: Value = s.call(&ada, "organization", &[("slug", "acme")]).await.json().await.unwrap();
    assert_eq!(org["summary"]["contract"]["status"], "active");
    // Administration ends it; then the organization can go.
    let orgs: Value = s.call(&root, "admin_organizations", &[("search", "acme")]).await.json().await.unwrap();
    let org_id = orgs[0]["id"].as_str().unwrap().to_owned();
    let form = [("org_id", org_id.as_str()), ("plan", "paid"), ("status", "ended"), ("ends_on", "")];
    assert_eq!(s.call(&ada, "admin_save_contract", &form).await.status(), StatusCode::FORBIDDEN);
    let (status, body) = json_error(
        s.call(
            &root,
            "admin_save_contract",
            &[("org_id", &org_id), ("plan", "paid"), ("status", "ended"), ("ends_on", "someday")],
        )
        .await,
    )
    .await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("ends_on")));
    assert_eq!(s.call(&root, "admin_save_contract", &form).await.status(), StatusCode::OK);
    let (status, body) =
        json_error(s.call(&ada, "delete_organization", &[("slug", "acme"), ("confirm", "nope")]).await).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("confirm")));
    assert_eq!(
        s.call(&ada, "delete_organization", &[("slug", "acme"), ("confirm", "acme")]).await.status(),
        StatusCode::OK
    );
    let left: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM organization_members").fetch_one(&s.db).await.unwrap();
    assert_eq!(left.0, 0);
}

#[tokio::test]
async fn the_contracts_webhook_is_off_without_a_secret() {
    let s = TestServer::start().await;
    s.make_admin("root").await;
    let root = s.client();
    s.call(&root, "sign_in", &[("identifier", "root"), ("password", PASSWORD)]).await;
    let token = s.token(&root, "read_write").await;
    org_of(&s, "ada", "acme").await;
    let event = json!({ "event_id": "evt_1", "plan": "paid", "status": "active", "ends_at": null });
    let (status, body) = json_error(deliver(&s, &token, "acme", &event, s.now() / 1000, SECRET).await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-webhook-off")));
    // Unsigned is refused as such, on or off (the signature headers are required).
    let res =
        s.client().post(s.url("/api/v1/admin/contracts/acme")).bearer_auth(&token).json(&event).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
