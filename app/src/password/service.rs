//! Setting a password: change (signed in, with the current one), reset (by a mailed link),
//! and the history the policy may check.

use serde_json::json;

use super::rules::{PasswordPolicy, Violation};
use crate::{
    audit::{repo as audit, AuditEvent},
    auth::{
        model::Email,
        repo::{self as users, UserRow},
        service::{check_password, Deps},
    },
    error::{AppError, Problems},
    mail::templates,
    server::{
        crypto::new_id,
        db::Db,
        guard::SignedIn,
        links::{self, Purpose},
        ratelimit,
        request::ClientMeta,
    },
    sessions::repo as sessions,
    two_factor::{
        service::{self as two_factor, Factors},
        Method,
    },
};

/// Wrong guesses of the current password count like failed sign-ins.
const CURRENT_PASSWORD_PER_ACCOUNT: ratelimit::Limit = ratelimit::SIGN_IN_PER_ACCOUNT;
/// Reset mails asked for one address, and from one IP address.
pub const RESET_PER_ADDRESS: ratelimit::Limit = ratelimit::Limit::per_minutes(3, 60);
pub const RESET_PER_IP: ratelimit::Limit = ratelimit::Limit::per_minutes(20, 60);
/// Reset forms submitted from one IP address.
pub const RESET_SUBMIT_PER_IP: ratelimit::Limit = ratelimit::Limit::per_minutes(30, 15);
/// History rows kept per account: the most a policy may ask for.
const HISTORY_KEPT: i64 = super::rules::HISTORY_CEILING as i64;

/// Checks the signed-in user's current password (for a change of password or email). Wrong
/// guesses are counted per account, before the check.
pub async fn verify_current(deps: &Deps<'_>, user: &UserRow, password: &str, field: &str) -> Result<(), AppError> {
    if password.is_empty() {
        return Err(AppError::field(field, "Enter your current password."));
    }
    let key = format!("password:user:{}", user.id);
    ratelimit::hit(deps.db, &key, CURRENT_PASSWORD_PER_ACCOUNT, deps.now).await?;
    if !deps.hasher.verify(password, Some(&user.password_hash)).await? {
        return Err(AppError::field(field, "Your current password is not correct."));
    }
    ratelimit::reset(deps.db, &key).await
}

/// Records a password hash in the account's history (and forgets the oldest beyond the most
/// any policy may check).
pub async fn remember(db: &Db, user_id: &str, hash: &str, now: i64) -> Result<(), AppError> {
    sqlx::query("INSERT INTO password_history (id, user_id, password_hash, created_at) VALUES ($1, $2, $3, $4)")
        .bind(new_id())
        .bind(user_id)
        .bind(hash)
        .bind(now)
        .execute(db)
        .await?;
    sqlx::query(
        "DELETE FROM password_history WHERE user_id = $1 AND id NOT IN \
         (SELECT id FROM password_history WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2)",
    )
    .bind(user_id)
    .bind(HISTORY_KEPT)
    .execute(db)
    .await?;
    Ok(())
}

/// `Violation::Reused` when `password` is one of the account's last `policy.history` passwords
/// (the current one included).
pub async fn check_history(
    deps: &Deps<'_>,
    user_id: &str,
    password: &str,
    policy: &PasswordPolicy,
) -> Result<Option<Violation>, AppError> {
    if policy.history == 0 {
        return Ok(None);
    }
    let hashes: Vec<(String,)> = sqlx::query_as(
        "SELECT password_hash FROM password_history WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(policy.history as i64)
    .fetch_all(deps.db)
    .await?;
    for (hash,) in &hashes {
        if deps.hasher.verify(password, Some(hash)).await? {
            return Ok(Some(Violation::Reused { last: policy.history }));
        }
    }
    Ok(None)
}

/// Checks a new password for `user` against the whole policy, history included, and its
/// confirmation; every problem is reported at once.
async fn check_new(
    deps: &Deps<'_>,
    policy: &PasswordPolicy,
    user: &UserRow,
    new_password: &str,
    confirm: &str,
    mut p: Problems,
) -> Result<(), AppError> {
    check_password(policy, new_password, &user.view().personal(), &mut p, "new_password");
    if confirm != new_password {
        p.add("confirm", "The passwords do not match.");
    }
    if p.is_empty() {
        if let Some(v) = check_history(deps, &user.id, new_password, policy).await? {
            p.add("new_password", v.message());
        }
    }
    p.into_result()
}

/// Stores a new password: the hash, the history, and every reset link of the account voided.
async fn store(deps: &Deps<'_>, user_id: &str, new_password: &str) -> Result<(), AppError> {
    let hash = deps.hasher.hash(new_password).await?;
    sqlx::query("UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3 WHERE id = $1")
        .bind(user_id)
        .bind(&hash)
        .bind(deps.now)
        .execute(deps.db)
        .await?;
    remember(deps.db, user_id, &hash, deps.now).await?;
    links::void(deps.db, user_id, Purpose::ResetPassword).await?;
    // A sign-in half done with the old password goes no further.
    crate::two_factor::pending::end_all(deps.db, user_id).await?;
    Ok(())
}

/// After a new password is stored: the audit entry and the notice mail to the account.
async fn audit_and_notify(
    deps: &Deps<'_>,
    user: &UserRow,
    event: AuditEvent,
    detail: serde_json::Value,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    deps.audit(&user.id, None, event, detail, meta).await?;
    let notice = templates::password_changed(&user.email, &user.name, &deps.public_url.link("/account/security"));
    deps.mailer.queue(deps.db, &notice, deps.now).await?;
    Ok(())
}

pub struct ChangeInput<'a> {
    pub current: &'a str,
    pub new_password: &'a str,
    pub confirm: &'a str,
}

/// Changes the signed-in user's password. Ends every other session and mails a notice.
pub async fn change(
    deps: &Deps<'_>,
    policy: &PasswordPolicy,
    me: &SignedIn,
    input: ChangeInput<'_>,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let mut p = Problems::default();
    if input.current.is_empty() {
        p.add("current", "Enter your current password.");
    }
    check_new(deps, policy, &me.user, input.new_password, input.confirm, p).await?;
    verify_current(deps, &me.user, input.current, "current").await?;

    store(deps, &me.user.id, input.new_password).await?;
    let ended = sessions::delete_others(deps.db, &me.user.id, &me.session_id).await?;
    audit_and_notify(deps, &me.user, AuditEvent::PasswordChanged, json!({ "other_sessions_ended": ended }), meta).await
}

/// "Forgot password": rate limits (per IP, per address), then the same answer whatever the
/// address. The lookup and the mail happen in a task of their own, so the answer takes the
/// same time for every address. The link goes only to the stored address, and only if it is
/// verified. Returns the task (tests wait for it; the server does not).
pub async fn request_reset(
    deps: &Deps<'_>,
    email: &str,
    meta: &ClientMeta,
) -> Result<tokio::task::JoinHandle<()>, AppError> {
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    ratelimit::hit(deps.db, &format!("reset:ip:{}", meta.ip), RESET_PER_IP, deps.now).await?;
    ratelimit::hit(deps.db, &format!("reset:address:{}", email.as_str()), RESET_PER_ADDRESS, deps.now).await?;

    let (db, mailer, url, meta, now) =
        (deps.db.clone(), deps.mailer.clone(), deps.public_url.clone(), meta.clone(), deps.now);
    let address = email.as_str().to_owned();
    Ok(tokio::spawn(async move {
        if let Err(e) = send_reset_link(&db, &mailer, &url, &address, &meta, now).await {
            tracing::error!(error = %e, "could not send a password reset link");
        }
    }))
}

async fn send_reset_link(
    db: &Db,
    mailer: &crate::mail::sender::Mailer,
    url: &crate::server::config::PublicUrl,
    address: &str,
    meta: &ClientMeta,
    now: i64,
) -> Result<(), AppError> {
    let Some(user) = users::find_by_email(db, address).await? else { return Ok(()) };
    if !user.is_active() || user.email_verified_at.is_none() {
        return Ok(());
    }
    let token = links::issue(db, &user.id, Purpose::ResetPassword, &user.email, now).await?;
    let link = url.link(&format!("/reset-password?token={}", token.expose()));
    // To the stored address, never to what was typed.
    mailer.queue(db, &templates::reset_password(&user.email, &user.name, &link), now).await?;
    audit::record(
        db,
        audit::Entry {
            user_id: Some(&user.id),
            actor_id: None,
            event: AuditEvent::PasswordResetRequested,
            meta,
            detail: json!({}),
        },
        now,
    )
    .await?;
    Ok(())
}

/// Whether a reset link can still be used (the page shows the form, or says it cannot), and
/// which second factors the reset asks for.
pub async fn reset_link_status(deps: &Deps<'_>, token: &str) -> Result<Option<Vec<Method>>, AppError> {
    let Some(link) = links::peek(deps.db, Purpose::ResetPassword, token, deps.now).await? else { return Ok(None) };
    let Some(user) = users::find_by_id(deps.db, &link.user_id).await?.filter(|u| u.is_active()) else {
        return Ok(None);
    };
    Ok(Some(reset_factors(deps, &user).await?.map(|f| f.methods()).unwrap_or_default()))
}

/// The second factors a reset asks for: the account's, but not email codes (the link came by
/// email already). None when there is none.
async fn reset_factors(deps: &Deps<'_>, user: &UserRow) -> Result<Option<Factors>, AppError> {
    Ok(two_factor::required(deps.db, user).await?.map(|f| Factors { email: false, ..f }).filter(|f| f.any()))
}

pub struct ResetInput<'a> {
    pub token: &'a str,
    pub new_password: &'a str,
    pub confirm: &'a str,
    /// The second factor, when the account has one (seed 000: a reset asks for it).
    pub method: Option<Method>,
    pub code: &'a str,
}

/// Sets a new password with a mailed link. The policy is checked before the link is used up,
/// so a refused password does not cost the link; then the link is used up atomically (one
/// winner among parallel uses), every session of the account ends and a notice is mailed.
pub async fn reset(
    deps: &Deps<'_>,
    policy: &PasswordPolicy,
    input: ResetInput<'_>,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    ratelimit::hit(deps.db, &format!("reset-submit:ip:{}", meta.ip), RESET_SUBMIT_PER_IP, deps.now).await?;
    let link =
        links::peek(deps.db, Purpose::ResetPassword, input.token, deps.now).await?.ok_or(AppError::InvalidLink)?;
    let user =
        users::find_by_id(deps.db, &link.user_id).await?.filter(|u| u.is_active()).ok_or(AppError::InvalidLink)?;
    check_new(deps, policy, &user, input.new_password, input.confirm, Problems::default()).await?;
    // The second factor after the rules (a refused password costs no code) and before the link
    // is used up.
    if let Some(factors) = reset_factors(deps, &user).await? {
        let method =
            input.method.ok_or_else(|| AppError::field("code", "Enter a code from your authenticator app."))?;
        if input.code.trim().is_empty() {
            return Err(AppError::field("code", "Enter a code from your authenticator app."));
        }
        let binding = format!("reset:{}", user.id);
        two_factor::verify(deps, &user, &factors, method, input.code, &binding, meta).await?;
    }

    if links::consume(deps.db, Purpose::ResetPassword, input.token, deps.now).await?.is_none() {
        return Err(AppError::InvalidLink);
    }
    store(deps, &user.id, input.new_password).await?;
    let ended = sessions::delete_all(deps.db, &user.id).await?;
    audit_and_notify(deps, &user, AuditEvent::PasswordReset, json!({ "sessions_ended": ended }), meta).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        auth::service::{register, RegisterInput, TestEnv},
        password::hasher::PasswordHasher,
        server::db::testing,
        sessions::service as sess,
    };

    const T: sess::Timeouts = TestEnv::TIMEOUTS;

    fn meta() -> ClientMeta {
        ClientMeta { ip: "192.0.2.9".into(), user_agent: "unit".into() }
    }

    fn change_input<'a>(current: &'a str, new_password: &'a str) -> ChangeInput<'a> {
        ChangeInput { current, new_password, confirm: new_password }
    }

    async fn ada(deps: &Deps<'_>) -> (UserRow, sess::Issued) {
        let input =
            RegisterInput { name: "Ada", username: "ada", email: "ada@example.test", password: "first passphrase" };
        register(deps, input, &PasswordPolicy::default(), &meta()).await.unwrap()
    }

    #[tokio::test]
    async fn change_needs_the_current_password_ends_other_sessions_and_mails_a_notice() {
        let hasher = PasswordHasher::standard().unwrap();
        let env = TestEnv::new();
        let policy = PasswordPolicy::default();
        for t in testing::all().await {
            let deps = env.deps(&t.db, &hasher, 1_000);
            let (user, here) = ada(&deps).await;
            while env.next_mail(&t.db, 1_000).await.is_some() {} // the verification mail
            let there = sess::start(&t.db, T, &user.id, &meta(), 1_000).await.unwrap();
            let me = SignedIn { session_id: here.id.clone(), user: user.clone() };

            let bad = change(&deps, &policy, &me, change_input("wrong", "second passphrase"), &meta()).await;
            assert_eq!(
                bad.unwrap_err().field_message("current").as_deref(),
                Some("Your current password is not correct.")
            );
            let bad = change(
                &deps,
                &policy,
                &me,
                ChangeInput { current: "first passphrase", new_password: "short", confirm: "other" },
                &meta(),
            )
            .await
            .unwrap_err();
            assert_eq!(bad.field_message("new_password").as_deref(), Some("Use at least 8 characters."));
            assert_eq!(bad.field_message("confirm").as_deref(), Some("The passwords do not match."));
            assert!(
                sess::resolve(&t.db, T, there.token.expose(), &meta(), 1_000).await.unwrap().is_some(),
                "nothing changed yet"
            );

            change(&deps, &policy, &me, change_input("first passphrase", "second passphrase"), &meta()).await.unwrap();
            assert!(
                sess::resolve(&t.db, T, there.token.expose(), &meta(), 1_001).await.unwrap().is_none(),
                "other session ended"
            );
            assert!(
                sess::resolve(&t.db, T, here.token.expose(), &meta(), 1_001).await.unwrap().is_some(),
                "this one kept"
            );
            let row = users::find_by_id(&t.db, &user.id).await.unwrap().unwrap();
            assert!(hasher.verify("second passphrase", Some(&row.password_hash)).await.unwrap());
            let notice = env.next_mail(&t.db, 1_000).await.unwrap();
            assert_eq!(
                (notice.to.as_str(), notice.subject.as_str()),
                ("ada@example.test", "Your Gatehouse password was changed")
            );
            assert!(notice.text.contains("https://id.example.test/account/security"));
            t.close().await;
        }
    }

    #[tokio::test]
    async fn the_policy_and_its_history_apply_to_a_change() {
        let hasher = PasswordHasher::standard().unwrap();
        let env = TestEnv::new();
        let policy = PasswordPolicy { history: 2, require_digit: true, forbid_personal: true, ..Default::default() };
        for t in testing::all().await {
            let mut deps = env.deps(&t.db, &hasher, 1_000);
            let (user, here) = ada(&deps).await;
            let me = SignedIn { session_id: here.id.clone(), user: user.clone() };
            let err = change(&deps, &policy, &me, change_input("first passphrase", "ada is great"), &meta())
                .await
                .unwrap_err();
            assert_eq!(
                err.field_message("new_password").as_deref(),
                Some("Include a digit. Do not use your username, email address or name in the password.")
            );
            // The current password counts as the last one (the digit rule is met on purpose).
            let same = PasswordPolicy { require_digit: false, ..policy.clone() };
            let err = change(&deps, &same, &me, change_input("first passphrase", "first passphrase"), &meta())
                .await
                .unwrap_err();
            assert_eq!(
                err.field_message("new_password").as_deref(),
                Some("Choose a password you have not used for your last 2 passwords.")
            );
            deps.now = 2_000;
            change(&deps, &policy, &me, change_input("first passphrase", "second passphrase 2"), &meta())
                .await
                .unwrap();
            let me = SignedIn { user: users::find_by_id(&t.db, &user.id).await.unwrap().unwrap(), ..me };
            deps.now = 3_000;
            assert!(change(&deps, &same, &me, change_input("second passphrase 2", "first passphrase"), &meta())
                .await
                .is_err());
            // With a history of one, only the current password is refused.
            let one = PasswordPolicy { history: 1, ..same.clone() };
            change(&deps, &one, &me, change_input("second passphrase 2", "first passphrase"), &meta()).await.unwrap();
            t.close().await;
        }
    }

    /// The token of the last reset link mailed, read from the mail as a user would.
    async fn mailed_token(env: &TestEnv, db: &Db) -> Option<String> {
        let mut token = None;
        while let Some(m) = env.next_mail(db, i64::MAX / 2).await {
            if let Some(rest) = m.text.split("/reset-password?token=").nth(1) {
                assert!(m.text.contains("https://id.example.test/reset-password?token="));
                token = rest.split_whitespace().next().map(str::to_owned);
            }
        }
        token
    }

    #[tokio::test]
    async fn reset_links_go_only_to_verified_addresses_and_work_once() {
        let hasher = PasswordHasher::standard().unwrap();
        let env = TestEnv::new();
        let policy = PasswordPolicy::default();
        for t in testing::all().await {
            let deps = env.deps(&t.db, &hasher, 1_000);
            let (user, session) = ada(&deps).await;

            // Unknown and unverified addresses: the same answer, and no mail.
            request_reset(&deps, "nobody@example.test", &meta()).await.unwrap().await.unwrap();
            request_reset(&deps, "ada@example.test", &meta()).await.unwrap().await.unwrap();
            assert_eq!(mailed_token(&env, &t.db).await, None);
            assert_eq!(
                request_reset(&deps, "not an address", &meta()).await.unwrap_err().field_message("email").as_deref(),
                Some("Enter an email address like name@example.com.")
            );

            sqlx::query("UPDATE users SET email_verified_at = 1").execute(&t.db).await.unwrap();
            let deps = env.deps(&t.db, &hasher, 2_000);
            request_reset(&deps, " ADA@example.test ", &meta()).await.unwrap().await.unwrap();
            let first = mailed_token(&env, &t.db).await.unwrap();
            request_reset(&deps, "ada@example.test", &meta()).await.unwrap().await.unwrap();
            let token = mailed_token(&env, &t.db).await.unwrap();
            assert!(reset_link_status(&deps, &first).await.unwrap().is_none(), "a newer request voids the older link");
            assert_eq!(reset_link_status(&deps, &token).await.unwrap(), Some(vec![]));

            // A refused password does not use the link up.
            let weak =
                ResetInput { token: &token, new_password: "password", confirm: "password", method: None, code: "" };
            assert!(reset(&deps, &policy, weak, &meta()).await.unwrap_err().field_message("new_password").is_some());
            let good = || ResetInput {
                token: &token,
                new_password: "new passphrase",
                confirm: "new passphrase",
                method: None,
                code: "",
            };
            reset(&deps, &policy, good(), &meta()).await.unwrap();
            assert_eq!(reset(&deps, &policy, good(), &meta()).await, Err(AppError::InvalidLink), "used up");

            let row = users::find_by_id(&t.db, &user.id).await.unwrap().unwrap();
            assert!(hasher.verify("new passphrase", Some(&row.password_hash)).await.unwrap());
            assert!(
                sess::resolve(&t.db, T, session.token.expose(), &meta(), 2_000).await.unwrap().is_none(),
                "every session ended"
            );
            let events: Vec<String> =
                audit::for_user(&t.db, &user.id, 50).await.unwrap().into_iter().map(|r| r.event).collect();
            assert!(
                events.contains(&"password_reset".to_owned())
                    && events.contains(&"password_reset_requested".to_owned())
            );
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_password_change_voids_reset_links_and_old_links_expire() {
        let hasher = PasswordHasher::standard().unwrap();
        let env = TestEnv::new();
        let policy = PasswordPolicy::default();
        for t in testing::all().await {
            let deps = env.deps(&t.db, &hasher, 1_000);
            let (user, here) = ada(&deps).await;
            sqlx::query("UPDATE users SET email_verified_at = 1").execute(&t.db).await.unwrap();
            request_reset(&deps, "ada@example.test", &meta()).await.unwrap().await.unwrap();
            let token = mailed_token(&env, &t.db).await.unwrap();
            let me = SignedIn { session_id: here.id, user };
            change(&deps, &policy, &me, change_input("first passphrase", "second passphrase"), &meta()).await.unwrap();
            assert!(reset_link_status(&deps, &token).await.unwrap().is_none());

            request_reset(&deps, "ada@example.test", &meta()).await.unwrap().await.unwrap();
            let token = mailed_token(&env, &t.db).await.unwrap();
            let late = env.deps(&t.db, &hasher, 1_000 + Purpose::ResetPassword.lifetime_ms());
            let input = ResetInput {
                token: &token,
                new_password: "third passphrase",
                confirm: "third passphrase",
                method: None,
                code: "",
            };
            assert_eq!(reset(&late, &policy, input, &meta()).await, Err(AppError::InvalidLink), "an hour at most");
            t.close().await;
        }
    }

    #[tokio::test]
    async fn reset_requests_are_limited_per_address() {
        let hasher = PasswordHasher::standard().unwrap();
        let env = TestEnv::new();
        for t in testing::all().await {
            let deps = env.deps(&t.db, &hasher, 1_000);
            for _ in 0..RESET_PER_ADDRESS.max {
                request_reset(&deps, "someone@example.test", &meta()).await.unwrap();
            }
            assert!(matches!(
                request_reset(&deps, "someone@example.test", &meta()).await,
                Err(AppError::RateLimited { .. })
            ));
            request_reset(&deps, "other@example.test", &meta()).await.unwrap();
            t.close().await;
        }
    }
}
