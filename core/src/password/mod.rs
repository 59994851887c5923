//! Setting a password: change (signed in, with the current one) and reset (by a mailed
//! link, with the second factor when the account has an authenticator).

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
    error::{AppError, Problems},
    password::PasswordPolicy,
    two_factor::Method,
};

use crate::{
    accounts::{repo as users, UserRow},
    factors::{self, pending, Factors},
    notices as templates, policy,
    reauth::{self, SecondFactor},
    sessions::repo as sessions,
    tokens,
};

/// Reset mails asked for one address, and from one IP address.
pub const RESET_PER_ADDRESS: ratelimit::Limit = ratelimit::Limit::per_minutes(3, 60);
pub const RESET_PER_IP: ratelimit::Limit = ratelimit::Limit::per_minutes(20, 60);
/// Reset forms submitted from one IP address.
pub const RESET_SUBMIT_PER_IP: ratelimit::Limit = ratelimit::Limit::per_minutes(30, 15);

/// Checks a new password for `user` against the policy's rules and its confirmation (`None`
/// where the client has no confirmation field), adding every problem to `p`.
fn check_rules(policy: &PasswordPolicy, user: &UserRow, new_password: &str, confirm: Option<&str>, p: &mut Problems) {
    policy::check(policy, new_password, &user.view().personal(), p, "new_password");
    if confirm.is_some_and(|c| c != new_password) {
        p.add("confirm", k::error_passwords_differ());
    }
}

/// The policy's history: refused when `new_password` is one of the last passwords. Each
/// stored password it is compared with is a hash spent from the budgets, and so is the hash
/// of the new password that follows.
async fn check_history(
    env: &Env<'_>,
    policy: &PasswordPolicy,
    user: &UserRow,
    new_password: &str,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    let hashes = policy::history(env.db, &user.id, policy).await?;
    reauth::spend_hashes(env, &user.id, meta, hashes.len() as i64 + 1).await?;
    match policy::reused(env, &hashes, new_password, policy).await? {
        Some(v) => Err(AppError::field("new_password", v.msg())),
        None => Ok(()),
    }
}

/// Stores a new password: the hash, the history, and every reset link of the account voided.
async fn store(env: &Env<'_>, user_id: &str, new_password: &str) -> Result<(), AppError> {
    let hash = env.hasher.hash(new_password).await?;
    users::set_password(env.db, user_id, &hash, env.now).await?;
    policy::remember(env.db, user_id, &hash, env.now).await?;
    links::void(env.db, user_id, Purpose::ResetPassword).await?;
    // A change of address asked for with the old password (by whoever had it) goes no further.
    links::void(env.db, user_id, Purpose::ChangeEmail).await?;
    // A sign-in half done with the old password goes no further.
    pending::end_all(env.db, user_id).await?;
    Ok(())
}

/// After a new password is stored: the audit entry and the notice mail to the account.
async fn audit_and_notify(
    env: &Env<'_>,
    user: &UserRow,
    event: AuditEvent,
    detail: serde_json::Value,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    env.audit(&user.id, None, event, detail, meta).await?;
    let lang = templates::language_of(env, &user.id).await?;
    let when = templates::Occasion::of(env.now, meta);
    env.mail(&templates::password_changed(lang, &user.email, &user.name, &when, &env.link("/account/security"))).await
}

/// A change of password as asked for. `confirm` is None for clients without a confirmation
/// field (the REST API).
pub struct ChangeRequest<'a> {
    pub current_password: &'a str,
    pub new_password: &'a str,
    pub confirm: Option<&'a str>,
}

/// Changes the signed-in user's password, behind the account's second factor (`factor`: a code
/// with the call, or this session's recent re-authentication). The rules are checked first
/// (every problem at once), then the current password (counted like a failed sign-in), then
/// the history, so that the history can never say whether a guess of the current password was
/// right. Ends every other session (every session, for a call made with a token) and mails a
/// notice; the session that changed it counts as re-authenticated (it just gave the password
/// and the factor). Returns how many personal access tokens still work: the page offers to
/// revoke them.
pub async fn change(
    env: &Env<'_>,
    policy: &PasswordPolicy,
    factor: &SecondFactor<'_>,
    req: ChangeRequest<'_>,
    meta: &ClientMeta,
) -> Result<u32, AppError> {
    let me = factor.principal();
    let mut p = Problems::default();
    if req.current_password.is_empty() {
        p.add("current_password", k::error_enter_current_password());
    } else {
        // Who is asking comes first: with a wrong current password that is the one answer
        // (403), whatever the new one is; with the right one, every problem of the new one.
        reauth::password(env, me, req.current_password, "current_password", meta).await?;
    }
    check_rules(policy, &me.user, req.new_password, req.confirm, &mut p);
    p.into_result()?;
    check_history(env, policy, &me.user, req.new_password, meta).await?;

    store(env, &me.user.id, req.new_password).await?;
    let ended = match me.session_id() {
        Some(here) => {
            sessions::mark_reauthenticated(env.db, here, env.now).await?;
            sessions::delete_others(env.db, &me.user.id, here).await?
        }
        None => sessions::delete_all(env.db, &me.user.id).await?,
    };
    let detail = json!({ "other_sessions_ended": ended, "second_factor": factor.describe() });
    audit_and_notify(env, &me.user, AuditEvent::PasswordChanged, detail, meta).await?;
    tokens::count_live(env.db, &me.user.id, env.now).await
}

/// "Forgot password": rate limits (per IP, per address), then the same answer whatever the
/// address. The lookup and the mail happen in a task of their own, so the answer takes the
/// same time for every address. The link goes only to the stored address, and only if it is
/// verified. Returns the task (tests wait for it; the server does not).
pub async fn request_reset(
    env: &Env<'_>,
    email: &str,
    meta: &ClientMeta,
) -> Result<tokio::task::JoinHandle<()>, AppError> {
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    ratelimit::hit(env.db, &format!("reset:ip:{}", meta.ip), RESET_PER_IP, env.now).await?;
    ratelimit::hit(env.db, &format!("reset:address:{}", email.as_str()), RESET_PER_ADDRESS, env.now).await?;

    // The server's default language from this instance's cache, read alike for every address.
    let default_lang = templates::server_language(env).await?;
    let (db, mailer, url, meta, now) =
        (env.db.clone(), env.mailer.clone(), env.public_url.clone(), meta.clone(), env.now);
    let address = email.as_str().to_owned();
    Ok(env.tasks.spawn(async move {
        if let Err(e) = send_reset_link(&db, &mailer, &url, &address, default_lang, &meta, now).await {
            tracing::error!(error = %e, "could not send a password reset link");
        }
    }))
}

async fn send_reset_link(
    db: &platform::db::Db,
    mailer: &platform::mail::sender::Mailer,
    url: &platform::config::PublicUrl,
    address: &str,
    default_lang: wire::preferences::Language,
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
    let lang = templates::chosen_language(db, &user.id).await?.unwrap_or(default_lang);
    mailer.queue(db, &templates::reset_password(lang, &user.email, &user.name, &link), now).await?;
    let entry = platform::audit::Entry {
        user_id: Some(&user.id),
        actor_id: None,
        event: AuditEvent::PasswordResetRequested,
        meta,
        detail: json!({}),
    };
    platform::audit::record(db, entry, now).await?;
    Ok(())
}

/// Whether a reset link can still be used (the page shows the form, or says it cannot), and
/// which second factors the reset asks for.
pub async fn reset_link_status(env: &Env<'_>, token: &str) -> Result<Option<Vec<Method>>, AppError> {
    let Some(link) = links::peek(env.db, Purpose::ResetPassword, token, env.now).await? else { return Ok(None) };
    let Some(user) = users::find_by_id(env.db, &link.user_id).await?.filter(|u| u.is_active()) else {
        return Ok(None);
    };
    Ok(Some(reset_factors(env, &user).await?.map(|f| f.methods()).unwrap_or_default()))
}

/// The second factors a reset asks for: the account's, but not email codes (the link came by
/// email already). None when there is none.
async fn reset_factors(env: &Env<'_>, user: &UserRow) -> Result<Option<Factors>, AppError> {
    Ok(factors::required(env, user).await?.map(|f| Factors { email: false, ..f }).filter(|f| f.any()))
}

pub struct ResetInput<'a> {
    pub token: &'a str,
    pub new_password: &'a str,
    pub confirm: &'a str,
    /// The second factor, when the account has one (seed 000: a reset asks for it).
    pub method: Option<&'a str>,
    pub code: &'a str,
}

/// Sets a new password with a mailed link. The policy is checked before the link is used up,
/// so a refused password does not cost the link; then the link is used up atomically (one
/// winner among parallel uses), every session of the account ends and a notice is mailed.
pub async fn reset(
    env: &Env<'_>,
    policy: &PasswordPolicy,
    input: ResetInput<'_>,
    meta: &ClientMeta,
) -> Result<(), AppError> {
    ratelimit::hit(env.db, &format!("reset-submit:ip:{}", meta.ip), RESET_SUBMIT_PER_IP, env.now).await?;
    let link = links::peek(env.db, Purpose::ResetPassword, input.token, env.now).await?.ok_or(AppError::InvalidLink)?;
    let user =
        users::find_by_id(env.db, &link.user_id).await?.filter(|u| u.is_active()).ok_or(AppError::InvalidLink)?;
    // The rules of the account's organizations too, when they ask for more.
    let merged = user.member_rules().policy.map(|p| policy.strictest(&p));
    let policy = merged.as_ref().unwrap_or(policy);
    let mut p = Problems::default();
    check_rules(policy, &user, input.new_password, Some(input.confirm), &mut p);
    p.into_result()?;
    // The second factor after the rules (a refused password costs no code) and before the link
    // is used up; the history (which holds the current password) only after it, so a reset
    // link alone never tells whether a guess of the current password is right.
    if let Some(f) = reset_factors(env, &user).await? {
        let ask = || AppError::field("code", k::error_enter_totp_code());
        let method = input.method.filter(|m| !m.is_empty()).ok_or_else(ask)?;
        if input.code.trim().is_empty() {
            return Err(ask());
        }
        let (method, code) = factors::parse_code(method, input.code)?;
        let binding = format!("reset:{}", user.id);
        factors::verify(env, &user, &f, method, code, &binding, meta).await?;
    }

    check_history(env, policy, &user, input.new_password, meta).await?;
    if links::consume(env.db, Purpose::ResetPassword, input.token, env.now).await?.is_none() {
        return Err(AppError::InvalidLink);
    }
    store(env, &user.id, input.new_password).await?;
    let ended = sessions::delete_all(env.db, &user.id).await?;
    // Whoever made the reset needed may hold a token too.
    let revoked = tokens::delete_all(env, &user.id, "password reset", meta).await?;
    let detail = json!({ "sessions_ended": ended, "tokens_revoked": revoked });
    audit_and_notify(env, &user, AuditEvent::PasswordReset, detail, meta).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{accounts::RegisterInput, auth::register, principal::Principal, sessions as sess, testing::TestEnv};
    use platform::{audit, db::testing};

    const T: sess::Timeouts = TestEnv::TIMEOUTS;

    fn meta() -> ClientMeta {
        ClientMeta::new("192.0.2.9", "unit")
    }

    /// A change from a browser session without a code (the account in these tests has no
    /// second factor unless a test gives it one).
    async fn change(
        env: &Env<'_>,
        policy: &PasswordPolicy,
        me: &Principal,
        req: ChangeRequest<'_>,
        meta: &ClientMeta,
    ) -> Result<u32, AppError> {
        let factor = reauth::second_factor_in_form(env, me, None, meta).await?;
        super::change(env, policy, &factor, req, meta).await
    }

    fn change_input<'a>(current_password: &'a str, new_password: &'a str) -> ChangeRequest<'a> {
        ChangeRequest { current_password, new_password, confirm: Some(new_password) }
    }

    async fn ada(deps: &Env<'_>) -> (UserRow, sess::Issued) {
        let input =
            RegisterInput { name: "Ada", username: "ada", email: "ada@example.test", password: "first passphrase" };
        register(deps, T, input, &PasswordPolicy::default(), &meta()).await.unwrap()
    }

    #[tokio::test]
    async fn change_needs_the_current_password_ends_other_sessions_and_mails_a_notice() {
        let policy = PasswordPolicy::default();
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let (user, here) = ada(&deps).await;
            while env.next_mail(1_000).await.is_some() {} // the verification mail
            let there = sess::start(&t.db, T, &user.id, &meta(), 1_000).await.unwrap();
            let me = Principal::session(user.clone(), here.id.clone());

            let bad = change(&deps, &policy, &me, change_input("wrong", "second passphrase"), &meta()).await;
            assert_eq!(bad.unwrap_err().field_msgs("current_password"), vec![k::error_incorrect_password()]);
            let bad = change(
                &deps,
                &policy,
                &me,
                ChangeRequest { current_password: "first passphrase", new_password: "short", confirm: Some("other") },
                &meta(),
            )
            .await
            .unwrap_err();
            assert_eq!(bad.field_msgs("new_password"), vec![k::error_password_too_short(8)]);
            assert_eq!(bad.field_msgs("confirm"), vec![k::error_passwords_differ()]);
            assert_eq!(bad.to_string(), "Use at least 8 characters.");
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
            assert!(env.platform.hasher.verify("second passphrase", Some(&row.password_hash)).await.unwrap());
            let notice = env.next_mail(1_000).await.unwrap();
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
        let policy = PasswordPolicy { history: 2, require_digit: true, forbid_personal: true, ..Default::default() };
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let mut deps = env.at(1_000);
            let (user, here) = ada(&deps).await;
            let me = Principal::session(user.clone(), here.id.clone());
            let err = change(&deps, &policy, &me, change_input("first passphrase", "ada is great"), &meta())
                .await
                .unwrap_err();
            assert_eq!(
                err.field_msgs("new_password"),
                vec![k::error_password_no_digit(), k::error_password_personal()]
            );
            // The current password counts as the last one (the digit rule is met on purpose).
            let same = PasswordPolicy { require_digit: false, ..policy.clone() };
            let err = change(&deps, &same, &me, change_input("first passphrase", "first passphrase"), &meta())
                .await
                .unwrap_err();
            assert_eq!(err.field_msgs("new_password"), vec![k::error_password_reused(2)]);
            assert_eq!(err.to_string(), "Choose a password you have not used for your last 2 passwords.");
            deps.now = 2_000;
            change(&deps, &policy, &me, change_input("first passphrase", "second passphrase 2"), &meta())
                .await
                .unwrap();
            let me = Principal { user: users::find_by_id(&t.db, &user.id).await.unwrap().unwrap(), ..me };
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
    /// One account cannot keep the hashing pool busy: right answers spend from its budget
    /// like wrong ones, and a history check spends one hash per stored password.
    #[tokio::test]
    async fn every_hash_is_spent_from_the_account_budget_right_answers_too() {
        let budget = ratelimit::HASHING_PER_ACCOUNT.max;
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let (user, here) = ada(&deps).await;
            let me = Principal::session(user.clone(), here.id.clone());
            // Right current passwords, over and over.
            let mut spent = 0;
            while spent < budget {
                reauth::password(&deps, &me, "first passphrase", "current_password", &meta()).await.unwrap();
                spent += 1;
            }
            assert!(
                matches!(
                    reauth::password(&deps, &me, "first passphrase", "current_password", &meta()).await,
                    Err(AppError::RateLimited { .. })
                ),
                "{:?}",
                t.backend
            );
            // The window passes; a change with a history of 24 costs 1 + 24 + 1 hashes: the
            // budget holds three such changes, not four.
            let later = env.at(1_000 + ratelimit::HASHING_PER_ACCOUNT.window_ms);
            let long = PasswordPolicy { history: 24, ..Default::default() };
            for (i, old) in ["first passphrase", "next passphrase 1", "next passphrase 2"].iter().enumerate() {
                let me = Principal { user: users::find_by_id(&t.db, &user.id).await.unwrap().unwrap(), ..me.clone() };
                for _ in 0..23 {
                    policy::remember(&t.db, &user.id, &user.password_hash, 1_500).await.unwrap();
                }
                let next = format!("next passphrase {}", i + 1);
                change(&later, &long, &me, change_input(old, &next), &meta()).await.unwrap();
            }
            let me = Principal { user: users::find_by_id(&t.db, &user.id).await.unwrap().unwrap(), ..me };
            let refused =
                change(&later, &long, &me, change_input("next passphrase 3", "next passphrase 4"), &meta()).await;
            assert!(matches!(refused, Err(AppError::RateLimited { .. })), "{refused:?} {:?}", t.backend);
            t.close().await;
        }
    }

    async fn mailed_token(env: &TestEnv) -> Option<String> {
        let mut token = None;
        while let Some(m) = env.next_mail(i64::MAX / 2).await {
            if let Some(rest) = m.text.split("/reset-password?token=").nth(1) {
                assert!(m.text.contains("https://id.example.test/reset-password?token="));
                token = rest.split_whitespace().next().map(str::to_owned);
            }
        }
        token
    }

    #[tokio::test]
    async fn reset_links_go_only_to_verified_addresses_and_work_once() {
        let policy = PasswordPolicy::default();
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let (user, session) = ada(&deps).await;

            // Unknown and unverified addresses: the same answer, and no mail.
            request_reset(&deps, "nobody@example.test", &meta()).await.unwrap().await.unwrap();
            request_reset(&deps, "ada@example.test", &meta()).await.unwrap().await.unwrap();
            assert_eq!(mailed_token(&env).await, None);
            assert_eq!(
                request_reset(&deps, "not an address", &meta()).await.unwrap_err().field_msgs("email"),
                vec![k::error_email_invalid()]
            );

            sqlx::query("UPDATE users SET email_verified_at = 1").execute(&t.db).await.unwrap();
            let deps = env.at(2_000);
            request_reset(&deps, " ADA@example.test ", &meta()).await.unwrap().await.unwrap();
            let first = mailed_token(&env).await.unwrap();
            request_reset(&deps, "ada@example.test", &meta()).await.unwrap().await.unwrap();
            let token = mailed_token(&env).await.unwrap();
            assert!(reset_link_status(&deps, &first).await.unwrap().is_none(), "a newer request voids the older link");
            assert_eq!(reset_link_status(&deps, &token).await.unwrap(), Some(vec![]));

            // A refused password does not use the link up.
            let weak =
                ResetInput { token: &token, new_password: "password", confirm: "password", method: None, code: "" };
            let refused = reset(&deps, &policy, weak, &meta()).await.unwrap_err();
            assert_eq!(refused.field_msgs("new_password"), vec![k::error_password_common()]);
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
            assert!(env.platform.hasher.verify("new passphrase", Some(&row.password_hash)).await.unwrap());
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
        let policy = PasswordPolicy::default();
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let (user, here) = ada(&deps).await;
            sqlx::query("UPDATE users SET email_verified_at = 1").execute(&t.db).await.unwrap();
            request_reset(&deps, "ada@example.test", &meta()).await.unwrap().await.unwrap();
            let token = mailed_token(&env).await.unwrap();
            let me = Principal::session(user, here.id);
            change(&deps, &policy, &me, change_input("first passphrase", "second passphrase"), &meta()).await.unwrap();
            assert!(reset_link_status(&deps, &token).await.unwrap().is_none());

            request_reset(&deps, "ada@example.test", &meta()).await.unwrap().await.unwrap();
            let token = mailed_token(&env).await.unwrap();
            let late = env.at(1_000 + Purpose::ResetPassword.lifetime_ms());
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
    async fn a_reset_link_alone_does_not_tell_whether_a_guess_is_the_current_password() {
        // History on: the current password is in it. With an authenticator on the account, a
        // reset without its code must not answer "used recently" for the current password.
        let policy = PasswordPolicy { history: 3, ..PasswordPolicy::default() };
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
            let (user, _) = ada(&deps).await;
            sqlx::query("UPDATE users SET email_verified_at = 1").execute(&t.db).await.unwrap();
            let secret = factors::totp::TotpSecret::generate();
            let mut conn = t.db.acquire().await.unwrap();
            assert!(factors::totp::enable(&mut conn, &env.platform.key, &user.id, &secret, 1, 1_000).await.unwrap());
            drop(conn);
            request_reset(&deps, "ada@example.test", &meta()).await.unwrap().await.unwrap();
            let token = mailed_token(&env).await.unwrap();
            let guess = |password: &'static str| ResetInput {
                token: &token,
                new_password: password,
                confirm: password,
                method: Some("totp"),
                code: "",
            };
            let right = reset(&deps, &policy, guess("first passphrase"), &meta()).await.unwrap_err();
            let wrong = reset(&deps, &policy, guess("another passphrase"), &meta()).await.unwrap_err();
            assert_eq!(right, wrong, "{:?}", t.backend);
            assert_eq!(right.field_msgs("code"), vec![k::error_enter_totp_code()]);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn reset_requests_are_limited_per_address() {
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let deps = env.at(1_000);
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
