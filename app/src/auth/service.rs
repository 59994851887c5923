//! Registration and sign-in. No Leptos here: the API layer passes the database, the clock
//! reading and the client in.

use serde_json::json;

use super::{
    model::{DisplayName, Email, Role, Username},
    repo::{self, UserRow},
};
use crate::{
    audit::{repo as audit, AuditEvent},
    error::{AppError, Problems},
    mail::sender::Mailer,
    password::{
        common,
        hasher::PasswordHasher,
        rules::{PasswordPolicy, Personal},
    },
    server::{
        config::PublicUrl,
        crypto::{new_id, SecretKey},
        db::Db,
        ratelimit,
        request::ClientMeta,
    },
    sessions::service::{self as sessions, Issued, Timeouts},
};

/// What a service needs from the server, without the request.
pub struct Deps<'a> {
    pub db: &'a Db,
    pub hasher: &'a PasswordHasher,
    pub mailer: &'a Mailer,
    /// Every link in a mail starts with this, never with a request's Host.
    pub public_url: &'a PublicUrl,
    /// The server key: seals TOTP secrets, keys the digests of mailed codes.
    pub key: &'a SecretKey,
    pub timeouts: Timeouts,
    pub now: i64,
}

impl Deps<'_> {
    /// Writes an audit entry about the account `user_id`, done by its owner (`actor` None) or by
    /// an administrator.
    pub async fn audit(
        &self,
        user_id: &str,
        actor: Option<&str>,
        event: AuditEvent,
        detail: serde_json::Value,
        meta: &ClientMeta,
    ) -> Result<(), AppError> {
        audit::record(self.db, audit::Entry { user_id: Some(user_id), actor_id: actor, event, meta, detail }, self.now)
            .await?;
        Ok(())
    }
}

pub struct RegisterInput<'a> {
    pub name: &'a str,
    pub username: &'a str,
    pub email: &'a str,
    pub password: &'a str,
}

/// Checks a new password against the policy, collecting one message per broken rule. The
/// history is checked apart (`password::service::check_history`): it needs the hasher.
pub fn check_password(
    policy: &PasswordPolicy,
    password: &str,
    personal: &Personal,
    problems: &mut Problems,
    field: &str,
) {
    for v in policy.check(password, personal) {
        problems.add(field, v.message());
    }
    if policy.block_common && common::is_common(password) {
        problems.add(field, crate::password::rules::Violation::Common.message());
    }
}

/// Validated fields of a new account.
pub struct NewAccount {
    pub name: DisplayName,
    pub username: Username,
    pub email: Email,
}

pub fn parse_new_account(input: &RegisterInput<'_>, policy: &PasswordPolicy) -> Result<NewAccount, AppError> {
    let mut p = Problems::default();
    let name = p.check("name", DisplayName::parse(input.name));
    let username = p.check("username", Username::parse(input.username));
    let email = p.check("email", Email::parse(input.email));
    let personal = Personal::new(input.username.trim(), input.email.trim(), input.name);
    check_password(policy, input.password, &personal, &mut p, "password");
    match (name, username, email) {
        (Some(name), Some(username), Some(email)) if p.is_empty() => Ok(NewAccount { name, username, email }),
        _ => p.into_result().and(Err(AppError::Internal)),
    }
}

/// Creates an account with `role`. The password is hashed before the uniqueness check, so a
/// taken address costs the same time as a free one.
pub async fn create_account(
    deps: &Deps<'_>,
    account: &NewAccount,
    password: &str,
    role: Role,
    meta: &ClientMeta,
) -> Result<UserRow, AppError> {
    let hash = deps.hasher.hash(password).await?;
    let canonical = account.username.canonical();
    let (username_taken, email_taken) = repo::taken(deps.db, &canonical, account.email.as_str()).await?;
    if username_taken {
        return Err(AppError::Conflict { field: "username".into(), message: "That username is taken.".into() });
    }
    if email_taken {
        return Err(AppError::Conflict {
            field: "email".into(),
            message: "That email address is invalid or already in use.".into(),
        });
    }
    let row = UserRow {
        id: new_id(),
        username: canonical,
        display_username: account.username.display().to_owned(),
        email: account.email.as_str().to_owned(),
        name: account.name.as_str().to_owned(),
        password_hash: hash,
        role: role.as_str().to_owned(),
        created_at: deps.now,
        updated_at: deps.now,
        password_changed_at: deps.now,
        disabled_at: None,
        email_verified_at: None,
        two_factor_forced_at: None,
        email_two_factor: None,
    };
    if let Err(e) = repo::insert(deps.db, &row).await {
        return Err(if repo::is_unique_violation(&e) {
            // Lost a race with another registration of the same name or address.
            AppError::Conflict {
                field: "username".into(),
                message: "That username or email address is already in use.".into(),
            }
        } else {
            e.into()
        });
    }
    crate::password::service::remember(deps.db, &row.id, &row.password_hash, deps.now).await?;
    let event = if role == Role::Admin { AuditEvent::AdminCreated } else { AuditEvent::AccountCreated };
    audit::record(
        deps.db,
        audit::Entry { user_id: Some(&row.id), actor_id: None, event, meta, detail: json!({}) },
        deps.now,
    )
    .await?;
    Ok(row)
}

/// Self-service registration: the account, its verification mail and a first session. (The
/// caller rate-limits it per IP: the limit is a setting.)
pub async fn register(
    deps: &Deps<'_>,
    input: RegisterInput<'_>,
    policy: &PasswordPolicy,
    meta: &ClientMeta,
) -> Result<(UserRow, Issued), AppError> {
    let account = parse_new_account(&input, policy)?;
    let user = create_account(deps, &account, input.password, Role::User, meta).await?;
    crate::email::service::send_verification(deps, &user, meta).await?;
    let session = start_session(deps, &user, meta).await?;
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
    /// token goes into its own cookie).
    SecondFactor {
        user: UserRow,
        pending: crate::two_factor::pending::PendingToken,
    },
}

/// Password sign-in by username or email.
///
/// Unknown accounts and wrong passwords get the same error after the same work: one lookup,
/// two counted rate-limit hits and one argon2 verification (against a dummy hash when there is
/// no account), and one audit row.
pub async fn sign_in(
    deps: &Deps<'_>,
    identifier: &str,
    password: &str,
    meta: &ClientMeta,
) -> Result<SignInOutcome, AppError> {
    let identifier = identifier.trim().to_lowercase();
    if identifier.is_empty() {
        return Err(AppError::field("identifier", "Enter your username or email address."));
    }
    if password.is_empty() {
        return Err(AppError::field("password", "Enter your password."));
    }
    let user = repo::find_by_identifier(deps.db, &identifier).await?;

    // Counted before the check, so parallel guesses cannot slip past the limit.
    ratelimit::hit(deps.db, &format!("signin:ip:{}", meta.ip), ratelimit::SIGN_IN_PER_IP, deps.now).await?;
    let account_key = match &user {
        Some(u) => format!("signin:user:{}", u.id),
        None => format!("signin:unknown:{identifier}"),
    };
    ratelimit::hit(deps.db, &account_key, ratelimit::SIGN_IN_PER_ACCOUNT, deps.now).await?;

    let verified = deps.hasher.verify(password, user.as_ref().map(|u| u.password_hash.as_str())).await?;
    let user = match user {
        Some(u) if verified && u.is_active() => u,
        other => {
            audit::record(
                deps.db,
                audit::Entry {
                    user_id: other.as_ref().map(|u| u.id.as_str()),
                    actor_id: None,
                    event: AuditEvent::SignInFailed,
                    meta,
                    detail: json!({}),
                },
                deps.now,
            )
            .await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    ratelimit::reset(deps.db, &account_key).await?;
    if let Some(factors) = crate::two_factor::service::required(deps.db, &user).await? {
        let pending = crate::two_factor::service::begin_sign_in(deps, &user, &factors, meta).await?;
        return Ok(SignInOutcome::SecondFactor { user, pending });
    }
    let session = start_session(deps, &user, meta).await?;
    Ok(SignInOutcome::SignedIn { user, session })
}

/// The second step of a sign-in: a right code turns the pending sign-in into a session.
pub async fn sign_in_second_factor(
    deps: &Deps<'_>,
    pending_token: &str,
    method: crate::two_factor::Method,
    code: &str,
    meta: &ClientMeta,
) -> Result<(UserRow, Issued), AppError> {
    let user = crate::two_factor::service::finish_sign_in(deps, pending_token, method, code, meta).await?;
    let session = start_session(deps, &user, meta).await?;
    Ok((user, session))
}

async fn start_session(deps: &Deps<'_>, user: &UserRow, meta: &ClientMeta) -> Result<Issued, AppError> {
    let session = sessions::start(deps.db, deps.timeouts, &user.id, meta, deps.now).await?;
    audit::record(
        deps.db,
        audit::Entry { user_id: Some(&user.id), actor_id: None, event: AuditEvent::SignedIn, meta, detail: json!({}) },
        deps.now,
    )
    .await?;
    Ok(session)
}

pub async fn sign_out(db: &Db, session_id: &str, user_id: &str, meta: &ClientMeta, now: i64) -> Result<(), AppError> {
    sessions::end(db, session_id).await?;
    audit::record(
        db,
        audit::Entry { user_id: Some(user_id), actor_id: None, event: AuditEvent::SignedOut, meta, detail: json!({}) },
        now,
    )
    .await?;
    Ok(())
}

/// What service tests need to build `Deps`: a mailer (file outbox, never read) and a URL.
#[cfg(test)]
pub struct TestEnv {
    pub mailer: Mailer,
    pub url: PublicUrl,
    pub key: SecretKey,
}

#[cfg(test)]
impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
impl TestEnv {
    pub const TIMEOUTS: Timeouts = Timeouts { idle_ms: 60_000, lifetime_ms: 3_600_000 };

    #[allow(clippy::unwrap_used)]
    pub fn new() -> TestEnv {
        let key = SecretKey::generate();
        TestEnv {
            mailer: Mailer::new(
                crate::mail::transport::Transport::outbox(std::env::temp_dir().join("gatehouse-unused-outbox")),
                key.clone(),
            ),
            url: PublicUrl::parse("https://id.example.test").unwrap(),
            key,
        }
    }

    pub fn deps<'a>(&'a self, db: &'a Db, hasher: &'a PasswordHasher, now: i64) -> Deps<'a> {
        Deps { db, hasher, mailer: &self.mailer, public_url: &self.url, key: &self.key, timeouts: Self::TIMEOUTS, now }
    }

    /// The next queued message, opened.
    #[allow(clippy::unwrap_used)]
    pub async fn next_mail(&self, db: &Db, now: i64) -> Option<crate::mail::OutgoingMail> {
        let claimed = crate::mail::queue::claim(db, now).await.unwrap()?;
        crate::mail::queue::mark_sent(db, &claimed.id, now).await.unwrap();
        Some(self.mailer.open(&claimed.mail).unwrap())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::testing;

    fn meta() -> ClientMeta {
        ClientMeta { ip: "192.0.2.7".into(), user_agent: "unit".into() }
    }

    fn input<'a>(username: &'a str, email: &'a str) -> RegisterInput<'a> {
        RegisterInput { name: "Ada Lovelace", username, email, password: "analytical engine" }
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let err = parse_new_account(
            &RegisterInput { name: " ", username: "a", email: "nope", password: "password" },
            &PasswordPolicy::default(),
        )
        .err()
        .unwrap();
        for field in ["name", "username", "email"] {
            assert!(err.field_message(field).is_some(), "{field}");
        }
        assert_eq!(
            err.field_message("password").unwrap(),
            "This password is too common. Choose one that is harder to guess."
        );
    }

    #[tokio::test]
    async fn register_then_sign_in_by_username_or_email() {
        let hasher = PasswordHasher::standard().unwrap();
        let env = TestEnv::new();
        for t in testing::all().await {
            let deps = env.deps(&t.db, &hasher, 1_000);
            let (user, _) =
                register(&deps, input("Ada", "Ada@Example.com"), &PasswordPolicy::default(), &meta()).await.unwrap();
            assert_eq!((user.username.as_str(), user.display_username.as_str()), ("ada", "Ada"));
            assert!(user.password_hash.starts_with("$argon2id$"));

            for ident in ["ada", "ADA", " ada@example.com "] {
                let Ok(SignInOutcome::SignedIn { user: u, .. }) =
                    sign_in(&deps, ident, "analytical engine", &meta()).await
                else {
                    panic!("no second step without 2FA")
                };
                assert_eq!(u.id, user.id);
            }
            assert_eq!(
                sign_in(&deps, "ada", "wrong password", &meta()).await.err(),
                Some(AppError::InvalidCredentials)
            );
            assert_eq!(
                sign_in(&deps, "nobody", "wrong password", &meta()).await.err(),
                Some(AppError::InvalidCredentials)
            );

            let dup = register(&deps, input("ADA", "other@example.com"), &PasswordPolicy::default(), &meta())
                .await
                .err()
                .unwrap();
            assert_eq!(dup.field_message("username").as_deref(), Some("That username is taken."));
            let dup = register(&deps, input("bob", "ada@example.com"), &PasswordPolicy::default(), &meta())
                .await
                .err()
                .unwrap();
            assert!(dup.field_message("email").is_some());

            let events: Vec<String> =
                crate::audit::repo::for_user(&t.db, &user.id, 20).await.unwrap().into_iter().map(|r| r.event).collect();
            assert!(events.contains(&"account_created".to_owned()));
            assert!(events.contains(&"sign_in_failed".to_owned()));
            assert_eq!(events.iter().filter(|e| *e == "signed_in").count(), 4);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn failed_sign_ins_are_throttled_per_account_and_reset_by_success() {
        let hasher = PasswordHasher::new(PasswordHasher::owasp_params(), 2).unwrap();
        let env = TestEnv::new();
        for t in testing::all().await {
            let deps = env.deps(&t.db, &hasher, 1_000);
            register(&deps, input("ada", "ada@example.com"), &PasswordPolicy::default(), &meta()).await.unwrap();
            let max = ratelimit::SIGN_IN_PER_ACCOUNT.max;
            for _ in 0..max - 1 {
                assert_eq!(sign_in(&deps, "ada", "wrong", &meta()).await.err(), Some(AppError::InvalidCredentials));
            }
            // A success clears the count...
            sign_in(&deps, "ada", "analytical engine", &meta()).await.unwrap();
            for _ in 0..max {
                assert_eq!(
                    sign_in(&deps, "ada@example.com", "wrong", &meta()).await.err(),
                    Some(AppError::InvalidCredentials)
                );
            }
            // ...and past the limit even the right password is refused, whichever identifier is used.
            assert!(matches!(
                sign_in(&deps, "ada", "analytical engine", &meta()).await,
                Err(AppError::RateLimited { .. })
            ));
            // Unknown accounts are limited the same way.
            for _ in 0..max {
                assert_eq!(sign_in(&deps, "ghost", "wrong", &meta()).await.err(), Some(AppError::InvalidCredentials));
            }
            assert!(matches!(sign_in(&deps, "ghost", "wrong", &meta()).await, Err(AppError::RateLimited { .. })));
            // The window passes.
            let later = Deps { now: 1_000 + ratelimit::SIGN_IN_PER_ACCOUNT.window_ms, ..deps };
            sign_in(&later, "ada", "analytical engine", &meta()).await.unwrap();
            t.close().await;
        }
    }

    #[tokio::test]
    async fn parallel_wrong_passwords_cannot_exceed_the_limit() {
        let hasher = PasswordHasher::standard().unwrap();
        let env = TestEnv::new();
        for t in testing::all().await {
            {
                let deps = env.deps(&t.db, &hasher, 1_000);
                register(&deps, input("ada", "ada@example.com"), &PasswordPolicy::default(), &meta()).await.unwrap();
            }
            let tasks: Vec<_> = (0..25)
                .map(|_| {
                    let (db, hasher) = (t.db.clone(), hasher.clone());
                    tokio::spawn(async move {
                        let env = TestEnv::new();
                        let deps = env.deps(&db, &hasher, 2_000);
                        sign_in(&deps, "ada", "wrong", &meta()).await.err()
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
