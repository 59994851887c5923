//! The account's address: verifying it, and changing it (confirmed by a link to the new
//! address, with a notice to the old one).

use i18n::k;
use platform::{
    audit::AuditEvent,
    links::{self, Purpose},
    ratelimit,
    request::ClientMeta,
    Env,
};
use serde_json::json;
use wire::{
    account::Email,
    email::EmailStatus,
    error::{AppError, Problems},
};

use crate::{
    accounts::{repo as users, UserRow},
    notices as templates,
    principal::Principal,
    reauth::{self, SecondFactor},
};

/// Verification mails one account may ask for.
pub const RESEND_PER_ACCOUNT: ratelimit::Limit = ratelimit::Limit::per_minutes(3, 15);
/// Changes of address one account may ask for.
pub const CHANGE_PER_ACCOUNT: ratelimit::Limit = ratelimit::Limit::per_minutes(5, 60);
/// Links opened from one IP address (tokens cannot be guessed; this bounds the noise).
pub const CONFIRM_PER_IP: ratelimit::Limit = ratelimit::Limit::per_minutes(30, 15);

/// Mails a link that confirms the account's current address (voiding older ones).
pub async fn send_verification(env: &Env<'_>, user: &UserRow, meta: &ClientMeta) -> Result<(), AppError> {
    let token = links::issue(env.db, &user.id, Purpose::VerifyEmail, &user.email, env.now).await?;
    let link = env.public_url.link(&format!("/verify-email?token={}", token.expose()));
    let lang = templates::language_of(env, &user.id).await?;
    env.mail(&templates::verify_email(lang, &user.email, &user.name, &link)).await?;
    env.audit(&user.id, None, AuditEvent::EmailVerificationSent, json!({}), meta).await
}

/// "Resend Email Verification" (throttled per account).
pub async fn resend_verification(env: &Env<'_>, me: &Principal, meta: &ClientMeta) -> Result<(), AppError> {
    if me.user.email_verified_at.is_some() {
        return Err(AppError::field("email", k::error_email_already_verified()));
    }
    ratelimit::hit(env.db, &format!("verify:user:{}", me.user.id), RESEND_PER_ACCOUNT, env.now).await?;
    send_verification(env, &me.user, meta).await
}

pub async fn status(env: &Env<'_>, user: &UserRow) -> Result<EmailStatus, AppError> {
    Ok(EmailStatus {
        email: user.email.clone(),
        verified: user.email_verified_at.is_some(),
        pending: links::pending_email(env.db, &user.id, env.now).await?,
    })
}

/// A change of address as asked for: the new address and the current password.
pub struct ChangeRequest<'a> {
    pub email: &'a str,
    pub current_password: &'a str,
}

/// Asks to change the address: needs the current password, and, because the address may be a
/// second factor, the [`SecondFactor`] behind the call (a code with it, or the session's recent
/// re-authentication with one). The new address gets a link and becomes the account's only
/// once it is opened; the old address gets a notice now.
pub async fn request_change(
    env: &Env<'_>,
    factor: &SecondFactor<'_>,
    req: ChangeRequest<'_>,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let me = factor.principal();
    let mut p = Problems::default();
    let email = p.check("email", Email::parse(req.email));
    if req.current_password.is_empty() {
        p.add("current_password", k::error_enter_current_password());
    }
    if let Some(e) = &email {
        if e.as_str() == me.user.email {
            p.add("email", k::error_email_unchanged());
        }
    }
    p.into_result()?;
    let Some(email) = email else { return Err(AppError::Internal) };
    reauth::password(env, me, req.current_password, "current_password", meta).await?;
    // Counted before the address is looked up, and answered alike whether it is free or taken:
    // this form must not tell which addresses have accounts.
    ratelimit::hit(env.db, &format!("email-change:user:{}", me.user.id), CHANGE_PER_ACCOUNT, env.now).await?;

    let token = links::issue(env.db, &me.user.id, Purpose::ChangeEmail, email.as_str(), env.now).await?;
    // Both mails about the account's own change, to the new address and the old, in its language.
    let lang = templates::language_of(env, &me.user.id).await?;
    match users::find_by_email(env.db, email.as_str()).await? {
        // Taken: the owner hears of it; the link exists (the page shows the same pending change)
        // but goes nowhere, and could not complete anyway.
        Some(owner) => {
            let security = env.public_url.link("/account/security");
            let theirs = templates::language_of(env, &owner.id).await?;
            env.mail(&templates::email_already_in_use(theirs, &owner.email, &owner.name, &security)).await?;
        }
        None => {
            let link = env.public_url.link(&format!("/verify-email?token={}", token.expose()));
            env.mail(&templates::confirm_new_email(lang, email.as_str(), &me.user.name, &link)).await?;
        }
    }
    let notice = templates::email_change_requested(
        lang,
        &me.user.email,
        &me.user.name,
        &templates::Occasion::of(env.now, meta),
        email.as_str(),
        &env.public_url.link("/account/security"),
    );
    env.mail(&notice).await?;
    // The session gave the password and the factor: it counts as re-authenticated.
    if let Some(session) = me.session_id() {
        crate::sessions::repo::mark_reauthenticated(env.db, session, env.now).await?;
    }
    let detail = json!({ "to": email.as_str(), "second_factor": factor.describe() });
    env.audit(&me.user.id, None, AuditEvent::EmailChangeRequested, detail, meta).await
}

/// Opens a link from a verification or change mail. Returns the address now confirmed.
pub async fn confirm(env: &Env<'_>, token: &str, meta: &ClientMeta) -> Result<String, AppError> {
    ratelimit::hit(env.db, &format!("links:ip:{}", meta.ip), CONFIRM_PER_IP, env.now).await?;
    if let Some(link) = links::consume(env.db, Purpose::VerifyEmail, token, env.now).await? {
        // Only while the link's address is still the account's.
        if !users::mark_email_verified(env.db, &link.user_id, &link.email, env.now).await? {
            return Err(AppError::InvalidLink);
        }
        env.audit(&link.user_id, None, AuditEvent::EmailVerified, json!({}), meta).await?;
        return Ok(link.email);
    }
    let Some(link) = links::consume(env.db, Purpose::ChangeEmail, token, env.now).await? else {
        return Err(AppError::InvalidLink);
    };
    let user =
        users::find_by_id(env.db, &link.user_id).await?.filter(|u| u.is_active()).ok_or(AppError::InvalidLink)?;
    match users::set_email(env.db, &user.id, &link.email, env.now).await {
        Ok(_) => {}
        Err(e) if users::is_unique_violation(&e) => {
            return Err(AppError::conflict("token", k::error_email_taken_since()))
        }
        Err(e) => return Err(e.into()),
    }
    // Links sent to the old address stop working.
    links::void(env.db, &user.id, Purpose::VerifyEmail).await?;
    links::void(env.db, &user.id, Purpose::ResetPassword).await?;
    env.audit(&user.id, None, AuditEvent::EmailChanged, json!({ "from": user.email, "to": link.email }), meta).await?;
    // The old address is told (it may be the owner's, and the change someone else's doing).
    let security = env.public_url.link("/account/security");
    let lang = templates::language_of(env, &user.id).await?;
    let when = templates::Occasion::of(env.now, meta);
    env.mail(&templates::email_changed(lang, &user.email, &user.name, &when, &link.email, &security)).await?;
    Ok(link.email)
}

/// Withdraws a pending change of address: its link stops working. Nothing to withdraw is no
/// error (the page may be stale).
pub async fn cancel_change(env: &Env<'_>, me: &Principal, meta: &ClientMeta) -> Result<(), AppError> {
    let Some(to) = links::pending_email(env.db, &me.user.id, env.now).await? else { return Ok(()) };
    links::void(env.db, &me.user.id, Purpose::ChangeEmail).await?;
    env.audit(&me.user.id, None, AuditEvent::EmailChangeCancelled, json!({ "to": to }), meta).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{accounts::RegisterInput, auth::register, reauth, testing::TestEnv};
    use platform::db::testing;
    use wire::password::PasswordPolicy;

    fn meta() -> ClientMeta {
        ClientMeta::new("192.0.2.10", "unit")
    }

    /// (to, token) of each queued mail that carries a link, in order.
    async fn links_mailed(env: &TestEnv) -> Vec<(String, String)> {
        let mut out = Vec::new();
        while let Some(m) = env.next_mail(i64::MAX / 2).await {
            if let Some(rest) = m.text.split("/verify-email?token=").nth(1) {
                out.push((m.to.clone(), rest.split_whitespace().next().unwrap_or("").to_owned()));
            } else {
                out.push((m.to.clone(), String::new()));
            }
        }
        out
    }

    async fn signed_in(db: &platform::db::Db, id: &str) -> Principal {
        Principal::session(users::find_by_id(db, id).await.unwrap().unwrap(), "s".into())
    }

    async fn ada(deps: &Env<'_>) -> UserRow {
        let input = RegisterInput { name: "Ada", username: "ada", email: "ada@example.test", password: "a passphrase" };
        register(deps, TestEnv::TIMEOUTS, input, &PasswordPolicy::default(), &meta()).await.unwrap().0
    }

    /// Another account, whose address is taken.
    async fn bob(deps: &Env<'_>) -> UserRow {
        let input = RegisterInput { name: "Bob", username: "bob", email: "bob@example.test", password: "a passphrase" };
        register(deps, TestEnv::TIMEOUTS, input, &PasswordPolicy::default(), &meta()).await.unwrap().0
    }

    /// A change asked for as the browser's form asks it (these accounts have no second factor).
    async fn change(deps: &Env<'_>, me: &Principal, email: &str, current_password: &str) -> Result<(), AppError> {
        let factor = reauth::second_factor_in_form(deps, me, None, &meta()).await?;
        request_change(deps, &factor, ChangeRequest { email, current_password }, &meta()).await
    }

    #[tokio::test]
    async fn registration_mails_a_link_that_verifies_once_and_resend_replaces_it() {
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let user = ada(&deps).await;
            let mailed = links_mailed(&env).await;
            assert_eq!(mailed.len(), 1);
            assert_eq!(mailed[0].0, "ada@example.test");
            let first = mailed[0].1.clone();

            let me = signed_in(&t.db, &user.id).await;
            resend_verification(&deps, &me, &meta()).await.unwrap();
            let second = links_mailed(&env).await[0].1.clone();
            assert_eq!(confirm(&deps, &first, &meta()).await, Err(AppError::InvalidLink), "replaced by the resend");
            assert!(!status(&deps, &me.user).await.unwrap().verified);
            assert_eq!(confirm(&deps, &second, &meta()).await.unwrap(), "ada@example.test");
            assert_eq!(confirm(&deps, &second, &meta()).await, Err(AppError::InvalidLink), "single use");
            let me = signed_in(&t.db, &user.id).await;
            assert!(status(&deps, &me.user).await.unwrap().verified);
            let again = resend_verification(&deps, &me, &meta()).await.unwrap_err();
            assert_eq!(again.field_msgs("email"), vec![k::error_email_already_verified()]);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn resend_is_throttled() {
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let user = ada(&deps).await;
            let me = signed_in(&t.db, &user.id).await;
            for _ in 0..RESEND_PER_ACCOUNT.max {
                resend_verification(&deps, &me, &meta()).await.unwrap();
            }
            assert!(matches!(resend_verification(&deps, &me, &meta()).await, Err(AppError::RateLimited { .. })));
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_change_needs_the_password_and_takes_effect_when_the_new_address_confirms() {
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let user = ada(&deps).await;
            bob(&deps).await;
            links_mailed(&env).await;
            let me = signed_in(&t.db, &user.id).await;

            let err = change(&deps, &me, "new@example.test", "wrong").await.unwrap_err();
            assert_eq!(err.field_msgs("current_password"), vec![k::error_incorrect_password()]);
            assert_eq!(err.to_string(), "Your current password is not correct.");
            let err = change(&deps, &me, "nope", "").await.unwrap_err();
            assert_eq!(err.field_msgs("email"), vec![k::error_email_invalid()]);
            assert_eq!(err.field_msgs("current_password"), vec![k::error_enter_current_password()]);
            let err = change(&deps, &me, "ADA@example.test", "a passphrase").await.unwrap_err();
            assert_eq!(err.field_msgs("email"), vec![k::error_email_unchanged()]);
            assert!(links_mailed(&env).await.is_empty(), "nothing sent for refused requests");

            change(&deps, &me, "New@Example.test", "a passphrase").await.unwrap();
            let mailed = links_mailed(&env).await;
            assert_eq!(mailed.len(), 2);
            assert_eq!(mailed[0].0, "new@example.test");
            assert_eq!(mailed[1], ("ada@example.test".to_owned(), String::new()), "a notice to the old address");
            let st = status(&deps, &me.user).await.unwrap();
            assert_eq!((st.email.as_str(), st.pending.as_deref()), ("ada@example.test", Some("new@example.test")));
            assert_eq!(users::find_by_id(&t.db, &user.id).await.unwrap().unwrap().email, "ada@example.test");

            assert_eq!(confirm(&deps, &mailed[0].1, &meta()).await.unwrap(), "new@example.test");
            let row = users::find_by_id(&t.db, &user.id).await.unwrap().unwrap();
            assert_eq!((row.email.as_str(), row.email_verified_at), ("new@example.test", Some(1_000)));
            assert_eq!(status(&deps, &row).await.unwrap().pending, None);
            // The old address is told the change is done.
            let told = env.next_mail(i64::MAX / 2).await.expect("a notice to the old address");
            assert_eq!(
                (told.to.as_str(), told.subject.as_str()),
                ("ada@example.test", "Your Gatehouse email address was changed")
            );
            assert!(told.text.contains("new@example.test"));
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_pending_change_can_be_cancelled_and_its_link_then_goes_nowhere() {
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let user = ada(&deps).await;
            links_mailed(&env).await;
            let me = signed_in(&t.db, &user.id).await;
            change(&deps, &me, "new@example.test", "a passphrase").await.unwrap();
            let link = links_mailed(&env).await[0].1.clone();
            cancel_change(&deps, &me, &meta()).await.unwrap();
            assert_eq!(status(&deps, &me.user).await.unwrap().pending, None, "{:?}", t.backend);
            assert_eq!(confirm(&deps, &link, &meta()).await, Err(AppError::InvalidLink));
            assert_eq!(users::find_by_id(&t.db, &user.id).await.unwrap().unwrap().email, "ada@example.test");
            // Nothing pending: nothing to do, no error.
            cancel_change(&deps, &me, &meta()).await.unwrap();
            let events: Vec<String> =
                platform::audit::for_user(&t.db, &user.id, 20).await.unwrap().into_iter().map(|r| r.event).collect();
            assert_eq!(events.iter().filter(|e| *e == "email_change_cancelled").count(), 1);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_taken_address_is_answered_like_a_free_one_and_counted_first() {
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let user = ada(&deps).await;
            bob(&deps).await;
            links_mailed(&env).await;
            let me = signed_in(&t.db, &user.id).await;

            // Taken: the same answer as a free address, the same pending change on the page; the
            // owner of the address is told, the asker's old address gets the usual notice.
            change(&deps, &me, "bob@example.test", "a passphrase").await.unwrap();
            let mailed = links_mailed(&env).await;
            let to: Vec<&str> = mailed.iter().map(|(to, _)| to.as_str()).collect();
            assert_eq!(to, ["bob@example.test", "ada@example.test"], "{:?}", t.backend);
            assert!(mailed.iter().all(|(_, token)| token.is_empty()), "no link to the taken address");
            assert_eq!(status(&deps, &me.user).await.unwrap().pending.as_deref(), Some("bob@example.test"));
            assert_eq!(users::find_by_id(&t.db, &user.id).await.unwrap().unwrap().email, "ada@example.test");

            // Every request counts, taken or free: probing stops at the limit.
            for n in 1..CHANGE_PER_ACCOUNT.max {
                change(&deps, &me, &format!("probe{n}@example.test"), "a passphrase").await.unwrap();
            }
            assert!(matches!(
                change(&deps, &me, "bob@example.test", "a passphrase").await,
                Err(AppError::RateLimited { .. })
            ));
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_password_change_voids_a_pending_change_of_address() {
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let user = ada(&deps).await;
            links_mailed(&env).await;
            let me = signed_in(&t.db, &user.id).await;
            // Someone who had the password asks to move the account to their address...
            change(&deps, &me, "taker@example.test", "a passphrase").await.unwrap();
            let link = links_mailed(&env).await[0].1.clone();
            // ...and the owner changes the password.
            let req = crate::password::ChangeRequest {
                current_password: "a passphrase",
                new_password: "a brand new passphrase",
                confirm: None,
            };
            let factor = crate::reauth::second_factor_in_form(&deps, &me, None, &meta()).await.unwrap();
            crate::password::change(&deps, &PasswordPolicy::default(), &factor, req, &meta()).await.unwrap();
            assert_eq!(confirm(&deps, &link, &meta()).await, Err(AppError::InvalidLink), "{:?}", t.backend);
            let row = users::find_by_id(&t.db, &user.id).await.unwrap().unwrap();
            assert_eq!(row.email, "ada@example.test");
            assert_eq!(status(&deps, &row).await.unwrap().pending, None, "no pending change is shown");
            t.close().await;
        }
    }
}
