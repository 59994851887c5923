//! The support desk (seed 004: "you are asked for the support PIN to verify the account"): a
//! support person looks an account up by username or address and checks the PIN a caller says
//! on the phone. They learn a verdict and the account's basic facts, never the PIN or its hash.
//!
//! Only [`support`] makes the [`Support`] proof every function here demands: the caller has the
//! support role (or is an administrator). Checks are counted before they run, per account (a
//! few a day: a PIN has few digits) and per support person, so parallel checks cannot exceed
//! either limit; every lookup and check is audited with who made it, and every check is mailed
//! to the account's owner.

use i18n::k;
use platform::{audit::AuditEvent, ratelimit, request::ClientMeta, Env};
use serde_json::json;
use wire::{
    account::Role,
    error::AppError,
    support::{AccountState, PinCheck, SupportAccount},
};

use crate::{
    accounts::{repo as users, UserRow},
    notices,
    principal::Principal,
    support_pin,
};

/// PIN checks per account: five, then none until the day is over (a four-digit PIN would
/// otherwise fall to anyone with the desk's access in a few days).
pub const CHECKS_PER_ACCOUNT: ratelimit::Limit = ratelimit::Limit::per_minutes(5, 24 * 60);
/// PIN checks per support person an hour.
pub const CHECKS_PER_SUPPORT: ratelimit::Limit = ratelimit::Limit::per_minutes(30, 60);
/// Lookups per support person an hour.
pub const LOOKUPS_PER_SUPPORT: ratelimit::Limit = ratelimit::Limit::per_minutes(120, 60);
/// The longest lookup: an address's limit.
pub const QUERY_MAX: usize = 254;

/// Proof that the caller may use the support desk.
#[derive(Debug)]
pub struct Support<'p> {
    principal: &'p Principal,
}

impl<'p> Support<'p> {
    pub fn user(&self) -> &'p UserRow {
        &self.principal.user
    }
}

/// `Forbidden` unless the caller is support staff or an administrator.
pub fn support(principal: &Principal) -> Result<Support<'_>, AppError> {
    match principal.user.role() {
        Role::Support | Role::Admin => Ok(Support { principal }),
        Role::User => Err(AppError::Forbidden),
    }
}

/// Whether an account can be used now.
pub fn account_state(user: &UserRow) -> AccountState {
    if user.disabled_at.is_some() {
        AccountState::Disabled
    } else {
        AccountState::Active
    }
}

async fn facts(env: &Env<'_>, user: &UserRow) -> Result<SupportAccount, AppError> {
    let pin = support_pin::state(env, user).await?;
    Ok(SupportAccount {
        id: user.id.clone(),
        username: user.display_username.clone(),
        name: user.name.clone(),
        email: user.email.clone(),
        email_verified: user.email_verified_at.is_some(),
        created_at: user.created_at,
        state: account_state(user),
        pin_set: pin.set_at.is_some(),
    })
}

/// Finds the account with this username or address (as typed, any case).
pub async fn lookup(
    env: &Env<'_>,
    desk: &Support<'_>,
    query: &str,
    meta: &ClientMeta,
) -> Result<SupportAccount, AppError> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Err(AppError::field("query", k::error_support_query_empty()));
    }
    if q.chars().count() > QUERY_MAX {
        return Err(AppError::field("query", k::error_too_long(QUERY_MAX)));
    }
    let key = format!("support:lookup:{}", desk.user().id);
    ratelimit::hit(env.db, &key, LOOKUPS_PER_SUPPORT, env.now).await?;
    let user = users::find_by_identifier(env.db, &q)
        .await?
        .ok_or_else(|| AppError::field("query", k::error_support_no_account()))?;
    env.audit(&user.id, Some(&desk.user().id), AuditEvent::SupportLookup, json!({}), meta).await?;
    facts(env, &user).await
}

/// Checks the PIN a caller gave for `user_id`: counted first (per support person, then per
/// account), then compared; audited with the verdict and mailed to the owner.
pub async fn check_pin(
    env: &Env<'_>,
    desk: &Support<'_>,
    user_id: &str,
    pin: &str,
    meta: &ClientMeta,
) -> Result<PinCheck, AppError> {
    if pin.trim().is_empty() {
        return Err(AppError::field("pin", k::error_pin_empty()));
    }
    let user = users::find_by_id(env.db, user_id).await?.ok_or(AppError::NotFound)?;
    ratelimit::hit(env.db, &format!("support:pin-checks:by:{}", desk.user().id), CHECKS_PER_SUPPORT, env.now).await?;
    ratelimit::hit(env.db, &format!("support:pin-checks:user:{}", user.id), CHECKS_PER_ACCOUNT, env.now).await?;
    let verdict = support_pin::check(env, &user.id, pin).await?;
    let detail = json!({ "verdict": verdict.as_str() });
    env.audit(&user.id, Some(&desk.user().id), AuditEvent::SupportPinChecked, detail, meta).await?;
    let lang = notices::language_of(env, &user.id).await?;
    let security = env.link("/account/security");
    let when = notices::Occasion::at(env.now);
    env.mail(&notices::support_pin_checked(lang, &user.email, &user.name, &when, verdict, &security)).await?;
    Ok(PinCheck { account: facts(env, &user).await?, verdict })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{reauth, sessions, testing::TestEnv};
    use platform::db::testing;
    use wire::support::PinVerdict;

    fn meta() -> ClientMeta {
        ClientMeta::new("192.0.2.10", "unit")
    }

    async fn account(db: &platform::db::Db, id: &str, role: &str) -> Principal {
        let mut row = users::test_row(id, id, &format!("{}@example.com", id.to_lowercase()));
        row.role = role.into();
        users::insert(db, &row).await.unwrap();
        let issued = sessions::start(db, TestEnv::TIMEOUTS, id, &meta(), 1_000).await.unwrap();
        Principal::session(row, issued.id)
    }

    #[tokio::test]
    async fn only_support_staff_and_administrators_use_the_desk() {
        for t in testing::all().await {
            let user = account(&t.db, "plain", "user").await;
            let staff = account(&t.db, "staff", "support").await;
            let admin = account(&t.db, "boss", "admin").await;
            assert_eq!(support(&user).err(), Some(AppError::Forbidden));
            assert!(support(&staff).is_ok() && support(&admin).is_ok());
            t.close().await;
        }
    }

    #[tokio::test]
    async fn parallel_checks_never_exceed_the_account_s_limit() {
        for t in testing::all().await {
            let te = std::sync::Arc::new(TestEnv::new(&t.db));
            let owner = account(&t.db, "owner", "user").await;
            sessions::repo::mark_reauthenticated(&t.db, owner.session_id().unwrap(), 1_000).await.unwrap();
            let env = te.at(1_000);
            let recent = reauth::recent(&env, &owner).await.unwrap();
            support_pin::set(&env, &recent, "48261937", &meta()).await.unwrap();
            // Two support people, so that neither one's own limit is what stops them.
            let staff = [account(&t.db, "staff1", "support").await, account(&t.db, "staff2", "support").await];
            let tasks: Vec<_> = (0..24)
                .map(|i| {
                    let (te, who) = (te.clone(), staff[i % 2].clone());
                    tokio::spawn(async move {
                        let env = te.at(2_000);
                        let desk = support(&who).unwrap();
                        check_pin(&env, &desk, "owner", if i == 0 { "48261937" } else { "11111112" }, &meta()).await
                    })
                })
                .collect();
            let (mut verdicts, mut refused) = (0, 0);
            for task in tasks {
                match task.await.unwrap() {
                    Ok(_) => verdicts += 1,
                    Err(AppError::RateLimited { .. }) => refused += 1,
                    Err(e) => panic!("{e:?}"),
                }
            }
            assert_eq!((verdicts, refused), (CHECKS_PER_ACCOUNT.max, 24 - CHECKS_PER_ACCOUNT.max), "{:?}", t.backend);
            // Still locked an hour later (the limit is per day), open the next day.
            let desk = support(&staff[0]).unwrap();
            let later = te.at(2_000 + 3_600_000);
            assert!(matches!(
                check_pin(&later, &desk, "owner", "48261937", &meta()).await,
                Err(AppError::RateLimited { .. })
            ));
            let next_day = te.at(2_000 + CHECKS_PER_ACCOUNT.window_ms);
            let check = check_pin(&next_day, &desk, "owner", "48261937", &meta()).await.unwrap();
            assert_eq!(check.verdict, PinVerdict::Matches);
            assert!(check.account.pin_set);
            // Every check that ran is audited, with who made it, and mailed to the owner.
            let checked: Vec<(String, Option<String>)> =
                sqlx::query_as("SELECT detail, actor_id FROM audit_log WHERE event = 'support_pin_checked'")
                    .fetch_all(&t.db)
                    .await
                    .unwrap();
            assert_eq!(checked.len() as i64, CHECKS_PER_ACCOUNT.max + 1);
            assert!(checked.iter().all(|(_, actor)| actor.as_deref().is_some_and(|a| a.starts_with("staff"))));
            let mut mails = 0;
            while let Some(m) = te.next_mail(10_000_000_000).await {
                if m.subject.contains("checked a PIN") {
                    assert_eq!(m.to, "owner@example.com");
                    mails += 1;
                }
            }
            assert_eq!(mails, CHECKS_PER_ACCOUNT.max + 1, "{:?}", t.backend);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_lookup_finds_by_username_or_address_and_shows_no_secret() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(5_000);
            account(&t.db, "Ada", "user").await;
            let staff = account(&t.db, "staff", "support").await;
            let desk = support(&staff).unwrap();
            let found = lookup(&env, &desk, "  ADA@example.com ", &meta()).await.unwrap();
            assert_eq!((found.username.as_str(), found.pin_set, found.state), ("Ada", false, AccountState::Active));
            assert_eq!(lookup(&env, &desk, "ada", &meta()).await.unwrap().id, "Ada");
            let none = lookup(&env, &desk, "nobody", &meta()).await.err().unwrap();
            assert_eq!(none.field_msgs("query"), vec![k::error_support_no_account()]);
            assert_eq!(
                lookup(&env, &desk, " ", &meta()).await.err().unwrap().field_msgs("query"),
                vec![k::error_support_query_empty()]
            );
            let json = serde_json::to_string(&found).unwrap();
            assert!(!json.contains("argon2") && !json.contains("hash"), "{json}");
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE event = 'support_lookup'")
                .fetch_one(&t.db)
                .await
                .unwrap();
            assert_eq!(n, 2, "{:?}", t.backend);
            t.close().await;
        }
    }
}
