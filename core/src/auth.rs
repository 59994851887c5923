//! Registration, sign-in (password, then a second factor when the account has one) and
//! sign-out: the one flow that the browser's pages and the REST API's login both run.
//!
//! A sign-in is a small state machine: [`sign_in`] turns an identifier and password into
//! `SignedIn` or `SecondFactor` (a pending sign-in worth nothing without its code);
//! [`second_step`] turns a pending sign-in and a code into `SignedIn`. [`login`] is the same
//! machine for API clients that send everything in one or two JSON calls.

use i18n::k;
use platform::{audit::AuditEvent, metrics::SignIn as SignInMetric, ratelimit, request::ClientMeta, Env};
use serde_json::json;
use wire::{
    account::Role,
    error::AppError,
    password::PasswordPolicy,
    preferences::Language,
    two_factor::{Challenge, Method},
};

use crate::{
    accounts::{self, repo as users, RegisterInput, UserRow},
    devices::{self, Seen},
    email,
    factors::{
        self,
        pending::{self, Pending, PendingToken},
        Factors,
    },
    preferences,
    sessions::{self, Issued, Timeouts},
};

/// Self-service registration: the account, its verification mail and a first session. (The
/// caller rate-limits it per IP: the limit is a setting.) The account speaks the server's
/// default language; see [`register_in`].
pub async fn register(
    env: &Env<'_>,
    timeouts: Timeouts,
    input: RegisterInput<'_>,
    policy: &PasswordPolicy,
    meta: &ClientMeta,
) -> Result<(UserRow, Issued), AppError> {
    register_in(env, timeouts, input, None, policy, meta).await
}

/// [`register`] from a page in `language`: it becomes the account's language (when it is not
/// the server's default), the verification mail's first.
pub async fn register_in(
    env: &Env<'_>,
    timeouts: Timeouts,
    input: RegisterInput<'_>,
    language: Option<Language>,
    policy: &PasswordPolicy,
    meta: &ClientMeta,
) -> Result<(UserRow, Issued), AppError> {
    let account = accounts::parse_new_account(&input, policy)?;
    let user = accounts::create(env, &account, input.password, Role::User, meta).await?;
    if let Some(language) = language {
        preferences::start_in_language(env, &user.id, language).await?;
    }
    email::send_verification(env, &user, meta).await?;
    let session = start_session(env, timeouts, &user, meta).await?;
    Ok((user, session))
}

/// Where a sign-in attempt stands.
#[derive(Debug)]
pub enum SignInOutcome {
    SignedIn {
        user: UserRow,
        session: Issued,
    },
    /// The password was right; the account's second factor comes next (the pending sign-in's
    /// token goes into its own cookie, or back to the API client).
    SecondFactor {
        user: UserRow,
        pending: PendingToken,
        methods: Vec<Method>,
    },
}

/// Password sign-in by username or email.
///
/// Unknown accounts and wrong passwords get the same error after the same work: one lookup,
/// two counted rate-limit hits and one argon2 verification (against a dummy hash when there is
/// no account), and one audit row.
/// The longest identifier a sign-in accepts: an email address's limit (usernames are shorter).
pub const MAX_IDENTIFIER_CHARS: usize = 254;

pub async fn sign_in(
    env: &Env<'_>,
    timeouts: Timeouts,
    identifier: &str,
    password: &str,
    meta: &ClientMeta,
) -> Result<SignInOutcome, AppError> {
    let outcome = password_step(env, timeouts, identifier, password, meta).await;
    match &outcome {
        Ok(_) => env.metrics.sign_in(SignInMetric::Ok),
        Err(AppError::InvalidCredentials) => env.metrics.sign_in(SignInMetric::Failed),
        Err(AppError::RateLimited { .. }) => env.metrics.sign_in(SignInMetric::Throttled),
        Err(_) => {}
    }
    outcome
}

async fn password_step(
    env: &Env<'_>,
    timeouts: Timeouts,
    identifier: &str,
    password: &str,
    meta: &ClientMeta,
) -> Result<SignInOutcome, AppError> {
    // No username or address is longer, and no password (the policy's ceiling): longer input
    // is refused before any database work or hashing, whoever it names.
    if identifier.trim().chars().count() > MAX_IDENTIFIER_CHARS {
        return Err(AppError::field("identifier", k::error_identifier_too_long(MAX_IDENTIFIER_CHARS)));
    }
    if password.chars().count() > wire::password::MAX_LENGTH_CEILING {
        return Err(AppError::field("password", k::error_password_too_long(wire::password::MAX_LENGTH_CEILING)));
    }
    let identifier = identifier.trim().to_lowercase();
    if identifier.is_empty() {
        return Err(AppError::field("identifier", k::error_enter_identifier()));
    }
    if password.is_empty() {
        return Err(AppError::field("password", k::error_enter_password()));
    }
    let user = users::find_by_identifier(env.db, &identifier).await?;

    // Counted before the check, so parallel guesses cannot slip past the limit.
    ratelimit::hit(env.db, &format!("signin:ip:{}", meta.ip), ratelimit::SIGN_IN_PER_IP, env.now).await?;
    let account_key = match &user {
        Some(u) => format!("signin:user:{}", u.id),
        None => format!("signin:unknown:{identifier}"),
    };
    ratelimit::hit(env.db, &account_key, ratelimit::SIGN_IN_PER_ACCOUNT, env.now).await?;
    // The account's hashing budget, which a right password does not reset (an unknown name
    // is counted alike, so both answer the same).
    let budget_key = match &user {
        Some(u) => format!("hashing:user:{}", u.id),
        None => format!("hashing:unknown:{identifier}"),
    };
    ratelimit::hit(env.db, &budget_key, ratelimit::HASHING_PER_ACCOUNT, env.now).await?;

    let verified = env.hasher.verify(password, user.as_ref().map(|u| u.password_hash.as_str())).await?;
    let user = match user {
        // A deleted account in its grace period signs in like any other, and is restored once
        // the sign-in is complete (after its second factor, if it has one).
        Some(u) if verified && (u.is_active() || u.restorable(env.now)) => u,
        other => {
            let entry = platform::audit::Entry {
                user_id: other.as_ref().map(|u| u.id.as_str()),
                actor_id: None,
                event: AuditEvent::SignInFailed,
                meta,
                detail: json!({}),
            };
            env.record(entry).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    ratelimit::reset(env.db, &account_key).await?;
    let user = upgrade_hash(env, user, password).await?;
    if let Some(factors) = factors::required(env, &user).await? {
        let pending = begin_second_step(env, &user, &factors, meta).await?;
        return Ok(SignInOutcome::SecondFactor { user, pending, methods: factors.methods() });
    }
    let user = restored(env, user, meta).await?;
    let session = start_session(env, timeouts, &user, meta).await?;
    Ok(SignInOutcome::SignedIn { user, session })
}

/// After a right password: a hash made with other argon2 parameters than the configured ones
/// (before `gatehouse calibrate-argon2` raised them, say) is replaced by one made with them.
/// Not a change of password: its date, history and sessions stay. Only if the hash is still the
/// one checked, so a password changed meanwhile is never overwritten.
async fn upgrade_hash(env: &Env<'_>, mut user: UserRow, password: &str) -> Result<UserRow, AppError> {
    if !env.hasher.needs_rehash(&user.password_hash) {
        return Ok(user);
    }
    let new = env.hasher.hash(password).await?;
    if users::replace_hash(env.db, &user.id, &user.password_hash, &new).await? {
        tracing::info!(user_id = %user.id, "password hash upgraded to the configured argon2 parameters");
        user.password_hash = new;
    }
    Ok(user)
}

/// After a right password: a pending sign-in worth nothing without the second factor. When
/// email is the only way, the code is mailed at once.
async fn begin_second_step(
    env: &Env<'_>,
    user: &UserRow,
    factors: &Factors,
    meta: &ClientMeta,
) -> Result<PendingToken, AppError> {
    let (p, token) = pending::start(env.db, &user.id, meta, env.now).await?;
    if !factors.totp && factors.email {
        // Past the mail quota the step still opens: the user can ask again later, and someone
        // who knows the password cannot lock the owner out by signing in over and over.
        match factors::send_code(env, user, &p.binding(), meta).await {
            Ok(()) | Err(AppError::RateLimited { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(token)
}

async fn pending_user(env: &Env<'_>, token: &str) -> Result<(Pending, UserRow), AppError> {
    let p = pending::find(env.db, token, env.now).await?.ok_or(AppError::SignInExpired)?;
    let user = users::find_by_id(env.db, &p.user_id).await?.filter(|u| u.is_active() || u.restorable(env.now));
    let user = user.ok_or(AppError::SignInExpired)?;
    Ok((p, user))
}

/// How the pending sign-in can give its code.
pub async fn challenge(env: &Env<'_>, pending_token: &str) -> Result<Challenge, AppError> {
    let (_, user) = pending_user(env, pending_token).await?;
    let methods = factors::required(env, &user).await?.map(|f| f.methods()).unwrap_or_default();
    Ok(Challenge { methods })
}

/// Mails a code for the pending sign-in (again).
pub async fn send_sign_in_code(env: &Env<'_>, pending_token: &str, meta: &ClientMeta) -> Result<(), AppError> {
    let (p, user) = pending_user(env, pending_token).await?;
    if !factors::required(env, &user).await?.is_some_and(|f| f.email) {
        return Err(AppError::Forbidden);
    }
    factors::send_code(env, &user, &p.binding(), meta).await
}

/// The second step: the try is counted on the pending sign-in and on the account, the code is
/// checked, the pending sign-in ends (one winner) and a session starts.
pub async fn second_step(
    env: &Env<'_>,
    timeouts: Timeouts,
    pending_token: &str,
    method: Method,
    code: &str,
    meta: &ClientMeta,
) -> Result<(UserRow, Issued), AppError> {
    let (p, user) = pending_user(env, pending_token).await?;
    pending::count_try(env.db, &p.id, env.now).await?;
    // No factor asked any more (switched off meanwhile): this pending sign-in is void; a new
    // sign-in takes the password alone.
    let Some(factors) = factors::required(env, &user).await? else {
        pending::end(env.db, &p.id).await?;
        return Err(AppError::SignInExpired);
    };
    factors::verify(env, &user, &factors, method, code, &p.binding(), meta).await?;
    if !pending::end(env.db, &p.id).await? {
        return Err(AppError::SignInExpired);
    }
    let user = restored(env, user, meta).await?;
    let session = start_session(env, timeouts, &user, meta).await?;
    Ok((user, session))
}

/// The account, restored if it was deleted and still in its grace period (audited and mailed):
/// signing in is how its owner takes the deletion back.
async fn restored(env: &Env<'_>, user: UserRow, meta: &ClientMeta) -> Result<UserRow, AppError> {
    if user.is_active() {
        return Ok(user);
    }
    if !users::restore(env.db, &user.id, env.now).await? {
        return Err(AppError::InvalidCredentials);
    }
    env.audit(&user.id, None, AuditEvent::AccountRestored, json!({}), meta).await?;
    let lang = crate::notices::language_of(env, &user.id).await?;
    let security = env.link("/account/security");
    let when = crate::notices::Occasion::of(env.now, meta);
    env.mail(&crate::notices::account_restored(lang, &user.email, &user.name, &when, &security)).await?;
    users::find_by_id(env.db, &user.id).await?.ok_or(AppError::InvalidCredentials)
}

async fn start_session(env: &Env<'_>, t: Timeouts, user: &UserRow, meta: &ClientMeta) -> Result<Issued, AppError> {
    let session = sessions::start(env.db, t, &user.id, meta, env.now).await?;
    let seen = devices::signed_in(env.db, &user.id, meta, env.now).await?;
    let detail = if seen == Seen::New { json!({ "new_device": true }) } else { json!({}) };
    env.audit(&user.id, None, AuditEvent::SignedIn, detail, meta).await?;
    if seen == Seen::New {
        announce_new_device(env, user, meta).await?;
    }
    Ok(session)
}

/// Mails the owner about a sign-in from a new device, unless they turned that off (Preferences
/// → Notifications: it is the one security notice that may be turned off).
async fn announce_new_device(env: &Env<'_>, user: &UserRow, meta: &ClientMeta) -> Result<(), AppError> {
    if !preferences::in_effect(env, &user.id).await?.email_new_sign_ins {
        return Ok(());
    }
    let lang = crate::notices::language_of(env, &user.id).await?;
    let when = crate::notices::Occasion::of(env.now, meta);
    let security = env.link("/account/security");
    env.mail(&crate::notices::new_sign_in(lang, &user.email, &user.name, &when, &security)).await
}

pub async fn sign_out(env: &Env<'_>, session_id: &str, user_id: &str, meta: &ClientMeta) -> Result<(), AppError> {
    sessions::end(env.db, session_id).await?;
    env.audit(user_id, None, AuditEvent::SignedOut, json!({}), meta).await
}

/// An API client's login: `identifier` and `password` first (with `method` and `code` at once,
/// when the client has them); or `pending` from a `two_factor_required` answer with `method`
/// and `code` (with `method: "email"` and no code, a code is mailed).
#[derive(Default)]
pub struct Login<'a> {
    pub identifier: Option<&'a str>,
    pub password: Option<&'a str>,
    pub pending: Option<&'a str>,
    pub method: Option<&'a str>,
    pub code: Option<&'a str>,
}

/// The API login: a session, or `TwoFactorRequired` with the methods and the pending sign-in
/// to continue.
pub async fn login(
    env: &Env<'_>,
    timeouts: Timeouts,
    req: Login<'_>,
    meta: &ClientMeta,
) -> Result<(UserRow, Issued), AppError> {
    let method = req.method.filter(|m| !m.is_empty()).map(Method::parse).transpose()?;
    let code = req.code.map(str::trim).filter(|c| !c.is_empty());
    if code.is_some_and(|c| c.chars().count() > 32) {
        return Err(AppError::InvalidCode);
    }
    let continued = req.pending.is_some();
    let pending = match req.pending {
        // A sign-in waiting for its second factor.
        Some(pending) => pending.to_owned(),
        None => {
            let mut p = wire::error::Problems::default();
            let (identifier, password) = (req.identifier.unwrap_or_default(), req.password.unwrap_or_default());
            if identifier.trim().is_empty() {
                p.add("identifier", k::error_enter_identifier());
            }
            if password.is_empty() {
                p.add("password", k::error_enter_password());
            }
            p.into_result()?;
            match sign_in(env, timeouts, identifier, password, meta).await? {
                SignInOutcome::SignedIn { user, session } => return api_session(env, user, session).await,
                SignInOutcome::SecondFactor { pending, .. } => pending.expose().to_owned(),
            }
        }
    };
    let (Some(method), Some(code)) = (method, code) else {
        // The first call mailed a code already when email is the way; asking again resends.
        if continued && method == Some(Method::Email) {
            send_sign_in_code(env, &pending, meta).await?;
        }
        let methods = challenge(env, &pending).await?.methods;
        return Err(AppError::TwoFactorRequired { methods, pending: Some(pending) });
    };
    let (user, session) = second_step(env, timeouts, &pending, method, code, meta).await?;
    api_session(env, user, session).await
}

/// A session begun by the API login is an API client's: its token works on the REST API only,
/// never as a browser cookie (where the API's per-call second-factor rule would not apply).
async fn api_session(env: &Env<'_>, user: UserRow, session: Issued) -> Result<(UserRow, Issued), AppError> {
    sessions::repo::set_kind(env.db, &session.id, sessions::Kind::Api.as_str()).await?;
    Ok((user, session))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestEnv;
    use platform::db::testing;

    fn meta() -> ClientMeta {
        ClientMeta::new("192.0.2.7", "unit")
    }

    fn input<'a>(username: &'a str, email: &'a str) -> RegisterInput<'a> {
        RegisterInput { name: "Ada Lovelace", username, email, password: "analytical engine" }
    }

    #[tokio::test]
    async fn oversized_sign_ins_are_refused_before_any_database_work() {
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let env = env.at(1_000);
            let long = "x".repeat(2_000_000);
            let refused = sign_in(&env, TestEnv::TIMEOUTS, &long, "any password", &meta()).await.err();
            let refused = refused.map(|e| e.field_msgs("identifier"));
            assert_eq!(refused, Some(vec![k::error_identifier_too_long(254)]), "{:?}", t.backend);
            let refused = sign_in(&env, TestEnv::TIMEOUTS, "ada", &long, &meta()).await.err();
            let refused = refused.map(|e| e.field_msgs("password"));
            assert_eq!(refused, Some(vec![k::error_password_too_long(1024)]), "{:?}", t.backend);
            // Nothing was counted or stored for either.
            let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rate_limits").fetch_one(&t.db).await.unwrap();
            assert_eq!(rows, 0, "{:?}", t.backend);
            // At the limit, a sign-in is an ordinary wrong one.
            let at_limit = format!("{}@example.com", "a".repeat(242));
            assert_eq!(
                sign_in(&env, TestEnv::TIMEOUTS, &at_limit, "any password", &meta()).await.err(),
                Some(AppError::InvalidCredentials)
            );
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_right_password_upgrades_a_hash_with_old_parameters_and_sign_ins_are_counted() {
        for t in testing::all().await {
            let old = TestEnv::new(&t.db);
            let (user, _) = register(
                &old.at(1_000),
                TestEnv::TIMEOUTS,
                input("ada", "ada@example.com"),
                &PasswordPolicy::default(),
                &meta(),
            )
            .await
            .unwrap();
            assert!(user.password_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
            // The administrator calibrated: new hashes get stronger parameters.
            let mut calibrated = TestEnv::new(&t.db);
            let params = platform::hasher::checked_params(24_576, 3, 1).unwrap();
            calibrated.platform.hasher = platform::hasher::PasswordHasher::new(params, 1).unwrap();
            let env = calibrated.at(5_000);
            let wrong = sign_in(&env, TestEnv::TIMEOUTS, "ada", "wrong password", &meta()).await;
            assert_eq!(wrong.err(), Some(AppError::InvalidCredentials));
            let row = users::find_by_id(env.db, &user.id).await.unwrap().unwrap();
            assert_eq!(row.password_hash, user.password_hash, "a wrong password changes nothing");

            let Ok(SignInOutcome::SignedIn { user: signed, .. }) =
                sign_in(&env, TestEnv::TIMEOUTS, "ada", "analytical engine", &meta()).await
            else {
                panic!("signed in")
            };
            let row = users::find_by_id(env.db, &user.id).await.unwrap().unwrap();
            assert!(row.password_hash.starts_with("$argon2id$v=19$m=24576,t=3,p=1$"), "{:?}", t.backend);
            assert_eq!(signed.password_hash, row.password_hash);
            assert_eq!(row.password_changed_at, user.password_changed_at, "not a password change");
            // Both old and new hashers accept it, and the next sign-in leaves it alone.
            assert!(old.platform.hasher.verify("analytical engine", Some(&row.password_hash)).await.unwrap());
            assert!(sign_in(&env, TestEnv::TIMEOUTS, "ada", "analytical engine", &meta()).await.is_ok());
            let again = users::find_by_id(env.db, &user.id).await.unwrap().unwrap();
            assert_eq!(again.password_hash, row.password_hash);

            let text = calibrated.platform.metrics.render(&Default::default());
            assert!(text.contains("gatehouse_sign_ins_total{outcome=\"ok\"} 2"), "{text}");
            assert!(text.contains("gatehouse_sign_ins_total{outcome=\"failed\"} 1"), "{text}");
        }
    }

    #[tokio::test]
    async fn register_then_sign_in_by_username_or_email() {
        for t in testing::all().await {
            let env = TestEnv::new(&t.db);
            let env = env.at(1_000);
            let (user, _) =
                register(&env, TestEnv::TIMEOUTS, input("Ada", "Ada@Example.com"), &PasswordPolicy::default(), &meta())
                    .await
                    .unwrap();
            assert_eq!((user.username.as_str(), user.display_username.as_str()), ("ada", "Ada"));
            assert!(user.password_hash.starts_with("$argon2id$"));

            for ident in ["ada", "ADA", " ada@example.com "] {
                let Ok(SignInOutcome::SignedIn { user: u, .. }) =
                    sign_in(&env, TestEnv::TIMEOUTS, ident, "analytical engine", &meta()).await
                else {
                    panic!("no second step without 2FA")
                };
                assert_eq!(u.id, user.id);
            }
            assert_eq!(
                sign_in(&env, TestEnv::TIMEOUTS, "ada", "wrong password", &meta()).await.err(),
                Some(AppError::InvalidCredentials)
            );
            assert_eq!(
                sign_in(&env, TestEnv::TIMEOUTS, "nobody", "wrong password", &meta()).await.err(),
                Some(AppError::InvalidCredentials)
            );

            let policy = PasswordPolicy::default();
            let dup = register(&env, TestEnv::TIMEOUTS, input("ADA", "other@example.com"), &policy, &meta())
                .await
                .err()
                .unwrap();
            assert_eq!(dup.field_msgs("username"), vec![k::error_username_taken()]);
            assert_eq!(dup.to_string(), "That username is taken.");
            let dup = register(&env, TestEnv::TIMEOUTS, input("bob", "ada@example.com"), &policy, &meta())
                .await
                .err()
                .unwrap();
            assert_eq!(dup.field_msgs("email"), vec![k::error_email_unavailable()]);

            let events: Vec<String> =
                platform::audit::for_user(&t.db, &user.id, 20).await.unwrap().into_iter().map(|r| r.event).collect();
            assert!(events.contains(&"account_created".to_owned()));
            assert!(events.contains(&"sign_in_failed".to_owned()));
            assert_eq!(events.iter().filter(|e| *e == "signed_in").count(), 4);
            t.close().await;
        }
    }

    async fn try_in(env: Env<'_>, identifier: &str, password: &str) -> Result<SignInOutcome, AppError> {
        sign_in(&env, TestEnv::TIMEOUTS, identifier, password, &meta()).await
    }

    #[tokio::test]
    async fn failed_sign_ins_are_throttled_per_account_and_reset_by_success() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(1_000);
            register(&env, TestEnv::TIMEOUTS, input("ada", "ada@example.com"), &PasswordPolicy::default(), &meta())
                .await
                .unwrap();
            let max = ratelimit::SIGN_IN_PER_ACCOUNT.max;
            for _ in 0..max - 1 {
                assert_eq!(try_in(env, "ada", "wrong").await.err(), Some(AppError::InvalidCredentials));
            }
            // A success clears the count...
            try_in(env, "ada", "analytical engine").await.unwrap();
            for _ in 0..max {
                assert_eq!(try_in(env, "ada@example.com", "wrong").await.err(), Some(AppError::InvalidCredentials));
            }
            // ...and past the limit even the right password is refused, whichever identifier is used.
            assert!(matches!(try_in(env, "ada", "analytical engine").await, Err(AppError::RateLimited { .. })));
            // Unknown accounts are limited the same way.
            for _ in 0..max {
                assert_eq!(try_in(env, "ghost", "wrong").await.err(), Some(AppError::InvalidCredentials));
            }
            assert!(matches!(try_in(env, "ghost", "wrong").await, Err(AppError::RateLimited { .. })));
            // The window passes.
            let later = te.at(1_000 + ratelimit::SIGN_IN_PER_ACCOUNT.window_ms);
            try_in(later, "ada", "analytical engine").await.unwrap();
            t.close().await;
        }
    }

    #[tokio::test]
    async fn parallel_wrong_passwords_cannot_exceed_the_limit() {
        for t in testing::all().await {
            let te = std::sync::Arc::new(TestEnv::new(&t.db));
            register(
                &te.at(1_000),
                TestEnv::TIMEOUTS,
                input("ada", "ada@example.com"),
                &PasswordPolicy::default(),
                &meta(),
            )
            .await
            .unwrap();
            let tasks: Vec<_> = (0..25)
                .map(|_| {
                    let te = te.clone();
                    tokio::spawn(async move {
                        sign_in(&te.at(2_000), TestEnv::TIMEOUTS, "ada", "wrong", &meta()).await.err()
                    })
                })
                .collect();
            let mut checked = 0;
            for task in tasks {
                if task.await.unwrap() == Some(AppError::InvalidCredentials) {
                    checked += 1;
                }
            }
            assert_eq!(checked, ratelimit::SIGN_IN_PER_ACCOUNT.max, "{:?}", t.backend);
            t.close().await;
        }
    }
}
