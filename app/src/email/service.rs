//! Verifying and changing the account's address.

use serde_json::json;

use super::EmailStatus;
use crate::{
    audit::AuditEvent,
    auth::{
        model::Email,
        repo::{self as users, UserRow},
        service::Deps,
    },
    error::{AppError, Problems},
    mail::templates,
    password::service::verify_current,
    server::{
        guard::SignedIn,
        links::{self, Purpose},
        ratelimit,
        request::ClientMeta,
    },
};

/// Verification mails one account may ask for.
pub const RESEND_PER_ACCOUNT: ratelimit::Limit = ratelimit::Limit::per_minutes(3, 15);
/// Changes of address one account may ask for.
pub const CHANGE_PER_ACCOUNT: ratelimit::Limit = ratelimit::Limit::per_minutes(5, 60);
/// Links opened from one IP address (tokens cannot be guessed; this bounds the noise).
pub const CONFIRM_PER_IP: ratelimit::Limit = ratelimit::Limit::per_minutes(30, 15);

/// Mails a link that confirms the account's current address (voiding older ones).
pub async fn send_verification(deps: &Deps<'_>, user: &UserRow, meta: &ClientMeta) -> Result<(), AppError> {
    let token = links::issue(deps.db, &user.id, Purpose::VerifyEmail, &user.email, deps.now).await?;
    let link = deps.public_url.link(&format!("/verify-email?token={}", token.expose()));
    deps.mailer.queue(deps.db, &templates::verify_email(&user.email, &user.name, &link), deps.now).await?;
    deps.audit(&user.id, None, AuditEvent::EmailVerificationSent, json!({}), meta).await
}

/// "Resend Email Verification" (throttled per account).
pub async fn resend_verification(deps: &Deps<'_>, me: &SignedIn, meta: &ClientMeta) -> Result<(), AppError> {
    if me.user.email_verified_at.is_some() {
        return Err(AppError::field("email", "Your email address is already verified."));
    }
    ratelimit::hit(deps.db, &format!("verify:user:{}", me.user.id), RESEND_PER_ACCOUNT, deps.now).await?;
    send_verification(deps, &me.user, meta).await
}

pub async fn status(deps: &Deps<'_>, user: &UserRow) -> Result<EmailStatus, AppError> {
    Ok(EmailStatus {
        email: user.email.clone(),
        verified: user.email_verified_at.is_some(),
        pending: links::pending_email(deps.db, &user.id, deps.now).await?,
    })
}

/// Asks to change the address: needs the current password; the new address gets a link and
/// becomes the account's only once it is opened; the old address gets a notice now.
pub async fn request_change(
    deps: &Deps<'_>,
    me: &SignedIn,
    new_email: &str,
    password: &str,
    second_factor_checked: bool,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let mut p = Problems::default();
    let email = p.check("new_email", Email::parse(new_email));
    if password.is_empty() {
        p.add("password", "Enter your current password.");
    }
    if let Some(e) = &email {
        if e.as_str() == me.user.email {
            p.add("new_email", "That is already your email address.");
        }
    }
    p.into_result()?;
    let Some(email) = email else { return Err(AppError::Internal) };

    // The address may be a second factor: with two-factor authentication on, moving it needs
    // the recent re-authentication that took a code, not only the password.
    // (The REST API checks a code with the call itself: `second_factor_checked`.)
    if !second_factor_checked && crate::two_factor::service::required(deps.db, &me.user).await?.is_some() {
        crate::two_factor::service::require_reauthenticated(deps, me).await?;
    }
    verify_current(deps, &me.user, password, "password").await?;
    if users::find_by_email(deps.db, email.as_str()).await?.is_some() {
        return Err(AppError::Conflict {
            field: "new_email".into(),
            message: "That email address is invalid or already in use.".into(),
        });
    }
    ratelimit::hit(deps.db, &format!("email-change:user:{}", me.user.id), CHANGE_PER_ACCOUNT, deps.now).await?;

    let token = links::issue(deps.db, &me.user.id, Purpose::ChangeEmail, email.as_str(), deps.now).await?;
    let link = deps.public_url.link(&format!("/verify-email?token={}", token.expose()));
    deps.mailer.queue(deps.db, &templates::confirm_new_email(email.as_str(), &me.user.name, &link), deps.now).await?;
    let notice = templates::email_change_requested(
        &me.user.email,
        &me.user.name,
        email.as_str(),
        &deps.public_url.link("/account/security"),
    );
    deps.mailer.queue(deps.db, &notice, deps.now).await?;
    deps.audit(&me.user.id, None, AuditEvent::EmailChangeRequested, json!({ "to": email.as_str() }), meta).await
}

/// Opens a link from a verification or change mail. Returns the address now confirmed.
pub async fn confirm(deps: &Deps<'_>, token: &str, meta: &ClientMeta) -> Result<String, AppError> {
    ratelimit::hit(deps.db, &format!("links:ip:{}", meta.ip), CONFIRM_PER_IP, deps.now).await?;
    if let Some(link) = links::consume(deps.db, Purpose::VerifyEmail, token, deps.now).await? {
        // Only while the link's address is still the account's.
        let done = sqlx::query("UPDATE users SET email_verified_at = $3 WHERE id = $1 AND email = $2")
            .bind(&link.user_id)
            .bind(&link.email)
            .bind(deps.now)
            .execute(deps.db)
            .await?;
        if done.rows_affected() != 1 {
            return Err(AppError::InvalidLink);
        }
        deps.audit(&link.user_id, None, AuditEvent::EmailVerified, json!({}), meta).await?;
        return Ok(link.email);
    }
    let Some(link) = links::consume(deps.db, Purpose::ChangeEmail, token, deps.now).await? else {
        return Err(AppError::InvalidLink);
    };
    let user =
        users::find_by_id(deps.db, &link.user_id).await?.filter(|u| u.is_active()).ok_or(AppError::InvalidLink)?;
    let changed = sqlx::query("UPDATE users SET email = $2, email_verified_at = $3, updated_at = $3 WHERE id = $1")
        .bind(&user.id)
        .bind(&link.email)
        .bind(deps.now)
        .execute(deps.db)
        .await;
    match changed {
        Ok(_) => {}
        Err(e) if users::is_unique_violation(&e) => {
            return Err(AppError::Conflict {
                field: "token".into(),
                message: "That address is now used by another account.".into(),
            })
        }
        Err(e) => return Err(e.into()),
    }
    // Links sent to the old address stop working.
    links::void(deps.db, &user.id, Purpose::VerifyEmail).await?;
    links::void(deps.db, &user.id, Purpose::ResetPassword).await?;
    deps.audit(&user.id, None, AuditEvent::EmailChanged, json!({ "from": user.email, "to": link.email }), meta).await?;
    Ok(link.email)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        auth::service::{register, RegisterInput, TestEnv},
        password::{hasher::PasswordHasher, rules::PasswordPolicy},
        server::db::testing,
    };

    fn meta() -> ClientMeta {
        ClientMeta { ip: "192.0.2.10".into(), user_agent: "unit".into() }
    }

    /// (to, token) of each queued mail that carries a link, in order.
    async fn links_mailed(env: &TestEnv, db: &crate::server::db::Db) -> Vec<(String, String)> {
        let mut out = Vec::new();
        while let Some(m) = env.next_mail(db, i64::MAX / 2).await {
            if let Some(rest) = m.text.split("/verify-email?token=").nth(1) {
                out.push((m.to.clone(), rest.split_whitespace().next().unwrap_or("").to_owned()));
            } else {
                out.push((m.to.clone(), String::new()));
            }
        }
        out
    }

    async fn signed_in(db: &crate::server::db::Db, id: &str) -> SignedIn {
        SignedIn { session_id: "s".into(), user: users::find_by_id(db, id).await.unwrap().unwrap() }
    }

    #[tokio::test]
    async fn registration_mails_a_link_that_verifies_once_and_resend_replaces_it() {
        let hasher = PasswordHasher::standard().unwrap();
        let env = TestEnv::new();
        for t in testing::all().await {
            let deps = env.deps(&t.db, &hasher, 1_000);
            let input =
                RegisterInput { name: "Ada", username: "ada", email: "ada@example.test", password: "a passphrase" };
            let (user, _) = register(&deps, input, &PasswordPolicy::default(), &meta()).await.unwrap();
            let mailed = links_mailed(&env, &t.db).await;
            assert_eq!(mailed.len(), 1);
            assert_eq!(mailed[0].0, "ada@example.test");
            let first = mailed[0].1.clone();

            let me = signed_in(&t.db, &user.id).await;
            resend_verification(&deps, &me, &meta()).await.unwrap();
            let second = links_mailed(&env, &t.db).await[0].1.clone();
            assert_eq!(confirm(&deps, &first, &meta()).await, Err(AppError::InvalidLink), "replaced by the resend");
            assert!(!status(&deps, &me.user).await.unwrap().verified);
            assert_eq!(confirm(&deps, &second, &meta()).await.unwrap(), "ada@example.test");
            assert_eq!(confirm(&deps, &second, &meta()).await, Err(AppError::InvalidLink), "single use");
            let me = signed_in(&t.db, &user.id).await;
            assert!(status(&deps, &me.user).await.unwrap().verified);
            assert!(resend_verification(&deps, &me, &meta()).await.unwrap_err().field_message("email").is_some());
            t.close().await;
        }
    }

    #[tokio::test]
    async fn resend_is_throttled() {
        let hasher = PasswordHasher::standard().unwrap();
        let env = TestEnv::new();
        for t in testing::all().await {
            let deps = env.deps(&t.db, &hasher, 1_000);
            let input =
                RegisterInput { name: "Ada", username: "ada", email: "ada@example.test", password: "a passphrase" };
            let (user, _) = register(&deps, input, &PasswordPolicy::default(), &meta()).await.unwrap();
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
        let hasher = PasswordHasher::standard().unwrap();
        let env = TestEnv::new();
        for t in testing::all().await {
            let deps = env.deps(&t.db, &hasher, 1_000);
            let input =
                RegisterInput { name: "Ada", username: "ada", email: "ada@example.test", password: "a passphrase" };
            let (user, _) = register(&deps, input, &PasswordPolicy::default(), &meta()).await.unwrap();
            let other =
                RegisterInput { name: "Bob", username: "bob", email: "bob@example.test", password: "a passphrase" };
            register(&deps, other, &PasswordPolicy::default(), &meta()).await.unwrap();
            links_mailed(&env, &t.db).await;
            let me = signed_in(&t.db, &user.id).await;

            let err = request_change(&deps, &me, "new@example.test", "wrong", false, &meta()).await.unwrap_err();
            assert_eq!(err.field_message("password").as_deref(), Some("Your current password is not correct."));
            let err = request_change(&deps, &me, "nope", "", false, &meta()).await.unwrap_err();
            assert!(err.field_message("new_email").is_some() && err.field_message("password").is_some());
            let err = request_change(&deps, &me, "ADA@example.test", "a passphrase", false, &meta()).await.unwrap_err();
            assert_eq!(err.field_message("new_email").as_deref(), Some("That is already your email address."));
            let err = request_change(&deps, &me, "bob@example.test", "a passphrase", false, &meta()).await.unwrap_err();
            assert!(err.field_message("new_email").is_some());
            assert!(links_mailed(&env, &t.db).await.is_empty(), "nothing sent for refused requests");

            request_change(&deps, &me, "New@Example.test", "a passphrase", false, &meta()).await.unwrap();
            let mailed = links_mailed(&env, &t.db).await;
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
            t.close().await;
        }
    }
}
