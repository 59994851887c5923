//! Deleting an account over HTTP: who may call what (401/403/404/409/422), the confirmation
//! and re-authentication it takes, what goes at once, restoring by signing in, the grace period
//! completed by housekeeping, a running contract that blocks it, and the administrators'
//! disable / enable / delete.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;

const DAY: i64 = 24 * 3600 * 1000;

#[tokio::test]
async fn the_owner_deletes_the_account_and_signing_in_restores_it() {
    let s = TestServer::start().await;
    for name in ["deletion_plan", "delete_account", "deletion_settings", "admin_set_disabled", "admin_delete_user"] {
        let res = s.call(&s.client(), name, &[("confirm", "x"), ("user_id", "x"), ("grace_days", "1")]).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{name}");
    }
    let ada = s.client();
    s.register(&ada, "ada").await;
    let token = s.token(&ada, "read_write").await;
    let plan: Value = s.call(&ada, "deletion_plan", &[]).await.json().await.unwrap();
    assert_eq!((plan["grace_days"].as_u64(), plan["confirm_with"].as_str()), (Some(7), Some("ada")));

    // The username typed, then a recent confirmation that it is them.
    let (status, body) = json_error(s.call(&ada, "delete_account", &[("confirm", "ad")]).await).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("confirm")));
    let (status, body) = json_error(s.call(&ada, "delete_account", &[("confirm", "ADA")]).await).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("reauthentication_required")));
    reauthenticate(&s, &ada, "ada").await;
    let res = s.call(&ada, "delete_account", &[("confirm", "ADA")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let done: Value = res.json().await.unwrap();
    let due = done["due_at"].as_i64().unwrap();
    assert!((due - s.now() - 7 * DAY).abs() < 60_000);

    // At once: signed out here and everywhere, the token dead, a notice sent.
    assert_eq!(s.current_user(&ada).await, Value::Null);
    let res = s.client().get(s.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let mails = s.mails_to("ada@example.test", 1).await;
    assert!(mails.iter().any(|m| m.subject == "Your Gatehouse account is deleted"));
    // The username and address are not free yet.
    let (status, _) = json_error(s.register(&s.client(), "ada").await).await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Signing in during the grace period restores it.
    let back = s.client();
    assert_eq!(s.sign_in(&back, "ada").await, StatusCode::OK);
    assert_eq!(s.current_user(&back).await["username"], "ada");
    let mails = s.mails_to("ada@example.test", 2).await;
    assert!(mails.iter().any(|m| m.subject == "Your Gatehouse account is restored"));
    let due: (Option<i64>,) =
        sqlx::query_as("SELECT deletion_due_at FROM users WHERE username = 'ada'").fetch_one(&s.db).await.unwrap();
    assert_eq!(due.0, None);

    // Deleted again and left alone: after the grace period housekeeping completes it.
    reauthenticate(&s, &back, "ada").await;
    assert_eq!(s.call(&back, "delete_account", &[("confirm", "ada")]).await.status(), StatusCode::OK);
    s.advance(7 * DAY + 1000);
    assert_eq!(s.sign_in(&s.client(), "ada").await, StatusCode::UNAUTHORIZED, "too late to restore");
    server::housekeeping(&s.state).await;
    let left: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users WHERE username = 'ada'").fetch_one(&s.db).await.unwrap();
    assert_eq!(left.0, 0);
    let audit: Vec<(Option<String>, String)> =
        sqlx::query_as("SELECT subject, ip FROM audit_log WHERE subject IS NOT NULL").fetch_all(&s.db).await.unwrap();
    assert!(
        !audit.is_empty()
            && audit
                .iter()
                .all(|(subject, ip)| subject.as_deref().is_some_and(|p| p.starts_with("deleted-")) && ip.is_empty())
    );
    let gone = s.mails_to("ada@example.test", 3).await;
    assert_eq!(gone.last().unwrap().subject, "Your Gatehouse account is gone");
    // Free again.
    assert_eq!(s.register(&s.client(), "ada").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_owned_organization_with_a_running_contract_blocks_deletion() {
    let s = TestServer::start().await;
    let root = s.admin().await;
    reauthenticate(&s, &root, "root").await;
    let ada = s.client();
    s.register(&ada, "ada").await;
    let res = s.call(&ada, "create_organization", &[("name", "Acme Corp"), ("slug", "acme")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let orgs: Value = s.call(&root, "admin_organizations", &[("search", "acme")]).await.json().await.unwrap();
    let org_id = orgs[0]["id"].as_str().unwrap().to_owned();
    let form = [("org_id", org_id.as_str()), ("plan", "paid"), ("status", "active"), ("ends_on", "2099-12-31")];
    assert_eq!(s.call(&root, "admin_save_contract", &form).await.status(), StatusCode::OK);

    let plan: Value = s.call(&ada, "deletion_plan", &[]).await.json().await.unwrap();
    assert_eq!(plan["blockers"][0]["org"]["slug"], "acme");
    assert_eq!(plan["deleted"][0]["slug"], "acme");
    reauthenticate(&s, &ada, "ada").await;
    let (status, body) = json_error(s.call(&ada, "delete_account", &[("confirm", "ada")]).await).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("error-delete-blocked-until")));
    assert!(
        body["message"].as_str().unwrap().contains("Acme Corp")
            && body["message"].as_str().unwrap().contains("2099-12-31")
    );
    // The administrator is bound by the same rule.
    let ada_id = s.id_of("ada").await;
    let (status, _) = json_error(s.call(&root, "admin_delete_user", &[("user_id", &ada_id)]).await).await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Once it has ended, the account (and the organization with it) can go.
    let ended = [("org_id", org_id.as_str()), ("plan", "paid"), ("status", "ended"), ("ends_on", "")];
    assert_eq!(s.call(&root, "admin_save_contract", &ended).await.status(), StatusCode::OK);
    assert_eq!(s.call(&ada, "delete_account", &[("confirm", "ada")]).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn administrators_disable_enable_and_delete_accounts() {
    let s = TestServer::start().await;
    let bob = s.client();
    s.register(&bob, "bob").await;
    let bob_id = s.id_of("bob").await;
    let eve = s.client();
    s.register(&eve, "eve").await;
    for name in ["admin_set_disabled", "admin_delete_user", "deletion_settings", "save_deletion_settings"] {
        let res = s.call(&eve, name, &[("user_id", bob_id.as_str()), ("disabled", "on"), ("grace_days", "0")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name}");
    }
    let root = s.admin().await;
    let (status, body) =
        json_error(s.call(&root, "admin_set_disabled", &[("user_id", &bob_id), ("disabled", "on")]).await).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("reauthentication_required")));
    reauthenticate(&s, &root, "root").await;
    assert_eq!(
        s.call(&root, "admin_set_disabled", &[("user_id", "nobody"), ("disabled", "on")]).await.status(),
        StatusCode::NOT_FOUND
    );
    let root_id = s.id_of("root").await;
    let res = s.call(&root, "admin_set_disabled", &[("user_id", &root_id), ("disabled", "on")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = s.call(&root, "admin_delete_user", &[("user_id", &root_id)]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);

    // Disabled: signed out, cannot sign in. Enabled: back.
    assert_eq!(
        s.call(&root, "admin_set_disabled", &[("user_id", &bob_id), ("disabled", "on")]).await.status(),
        StatusCode::OK
    );
    assert_eq!(s.current_user(&bob).await, Value::Null);
    assert_eq!(s.sign_in(&bob, "bob").await, StatusCode::UNAUTHORIZED);
    let list: Value = s.call(&root, "admin_overview", &[("search", "bob")]).await.json().await.unwrap();
    assert_eq!(list["users"][0]["disabled"], true);
    assert_eq!(s.call(&root, "admin_set_disabled", &[("user_id", &bob_id)]).await.status(), StatusCode::OK);
    assert_eq!(s.sign_in(&bob, "bob").await, StatusCode::OK);

    // An administrator's deletion is not undone by signing in; their Enable cancels it.
    let eve_id = s.id_of("eve").await;
    let done: Value = s.call(&root, "admin_delete_user", &[("user_id", &eve_id)]).await.json().await.unwrap();
    assert!(done["due_at"].as_i64().is_some());
    assert_eq!(s.sign_in(&eve, "eve").await, StatusCode::UNAUTHORIZED);
    assert_eq!(s.call(&root, "admin_set_disabled", &[("user_id", &eve_id)]).await.status(), StatusCode::OK);
    assert_eq!(s.sign_in(&eve, "eve").await, StatusCode::OK);

    // The grace period: 0 to 90 days.
    let (status, body) = json_error(s.call(&root, "save_deletion_settings", &[("grace_days", "91")]).await).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("grace_days")));
    assert_eq!(s.call(&root, "save_deletion_settings", &[("grace_days", "0")]).await.status(), StatusCode::OK);
    let settings: Value = s.call(&root, "deletion_settings", &[]).await.json().await.unwrap();
    assert_eq!(settings["grace_days"], 0);
    // Deleted by the administrator with no grace period: gone at once.
    let done: Value = s.call(&root, "admin_delete_user", &[("user_id", &bob_id)]).await.json().await.unwrap();
    assert_eq!(done["due_at"], Value::Null);
    assert_eq!(s.current_user(&bob).await, Value::Null);
    let left: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users WHERE id = $1").bind(&bob_id).fetch_one(&s.db).await.unwrap();
    assert_eq!(left.0, 0);
    let audited: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE event = 'account_deletion_requested'")
        .fetch_one(&s.db)
        .await
        .unwrap();
    assert_eq!(audited.0, 2, "eve's and bob's");
    assert_eq!(s.call(&root, "admin_delete_user", &[("user_id", &bob_id)]).await.status(), StatusCode::NOT_FOUND);
}
