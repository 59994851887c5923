//! Deleting an account (seed 000, "Delete my account"): by its owner from **Security → Delete
//! account** (after confirming it is them with the password and the second factor, and typing
//! the username), by an administrator, or with `gatehouse delete-user`, under the same rules.
//!
//! - **Blocked** while the account owns an organization whose contract is in force: the answer
//!   names the organization and the day the contract ends.
//! - **At once**: the account is disabled (nothing signs in with it, its second factors
//!   included), and its sessions, tokens, pending sign-ins, Support PIN, preferences (but the
//!   language its last mails are written in), picture and pending links are gone; a notice
//!   goes to the address.
//! - **After the grace period** (the administrators' setting, 7 days by default; 0: at once)
//!   housekeeping on any instance completes it: the organizations it alone owns are deleted,
//!   its other memberships end, its audit entries keep a pseudonymous id only, and the row goes
//!   (its username and address are free from then on). One instance claims the deletion before
//!   anything irreversible, so two completing the same account do it (and mail it) once.
//! - Signing in during the grace period restores an account its owner deleted (`crate::auth`),
//!   with the second factor as any sign-in: the factors stay until the deletion completes. An
//!   administrator's deletion is not undone by signing in (their Enable cancels it).

use i18n::k;
use platform::{
    audit::{AuditEvent, Entry},
    request::ClientMeta,
    settings::Key,
    Env,
};
use serde_json::json;
use wire::{
    account::Role,
    deletion::{Blocker, DeletionPlan, DeletionRequested, DeletionSettings, OrgRef},
    error::AppError,
    organization::date_of,
};

use crate::{
    accounts::{repo as users, UserRow},
    notices, organizations as orgs,
    reauth::Recent,
};

/// Where the administrators' deletion settings are stored.
pub const SETTINGS: Key<DeletionSettings> = Key::new("account_deletion");

/// The deletion settings in force.
pub async fn settings(env: &Env<'_>) -> Result<DeletionSettings, AppError> {
    Ok(env.setting(SETTINGS).await?.bounded())
}

/// What deleting `user` would do, and what blocks it.
pub async fn plan(env: &Env<'_>, user: &UserRow) -> Result<DeletionPlan, AppError> {
    let (mut deleted, mut left) = (Vec::new(), Vec::new());
    for (m, org) in orgs::repo::memberships_of(env.db, &user.id).await? {
        let named = OrgRef { name: org.name.clone(), slug: org.slug.clone() };
        if alone_owns(env, &m, &org.id).await? {
            deleted.push(named);
        } else {
            left.push(named);
        }
    }
    let blockers = orgs::owned_with_contract(env, &user.id)
        .await?
        .into_iter()
        .map(|(org, c)| Blocker { org: OrgRef { name: org.name, slug: org.slug }, ends_at: c.ends_at })
        .collect();
    Ok(DeletionPlan {
        deleted,
        left,
        blockers,
        grace_days: settings(env).await?.grace_days,
        confirm_with: user.display_username.clone(),
    })
}

async fn alone_owns(env: &Env<'_>, m: &orgs::repo::MemberRow, org_id: &str) -> Result<bool, AppError> {
    Ok(m.role == "owner" && orgs::repo::counts(env.db, org_id).await?.1 <= 1)
}

/// Why the plan cannot go ahead, if anything stands in its way.
fn refusal(plan: &DeletionPlan) -> Option<AppError> {
    let b = plan.blockers.first()?;
    let name = b.org.name.clone();
    Some(match b.ends_at {
        Some(end) => AppError::conflict("confirm", k::error_delete_blocked_until(name, date_of(end))),
        None => AppError::conflict("confirm", k::error_delete_blocked_open(name)),
    })
}

/// **Delete account** by its owner, who confirmed it is them a moment ago and typed their
/// username (any case) in `confirm`.
pub async fn request(
    env: &Env<'_>,
    me: &Recent<'_>,
    confirm: &str,
    meta: &ClientMeta,
) -> Result<DeletionRequested, AppError> {
    let user = me.user();
    if confirm.trim().to_lowercase() != user.username {
        return Err(AppError::field("confirm", k::error_delete_confirm(user.display_username.as_str())));
    }
    schedule(env, user, None, meta).await
}

/// Deletes `user` under the rules (for its owner, an administrator, or the CLI, who is `actor`).
pub async fn schedule(
    env: &Env<'_>,
    user: &UserRow,
    actor: Option<&str>,
    meta: &ClientMeta,
) -> Result<DeletionRequested, AppError> {
    // As the database has it now (the caller's row may be older than a deletion meanwhile).
    let user = &users::find_by_id(env.db, &user.id).await?.ok_or(AppError::NotFound)?;
    if user.deletion_due_at.is_some() {
        return Err(AppError::conflict("confirm", k::error_delete_pending()));
    }
    if user.role() == Role::Admin && user.is_active() && users::active_admins(env.db).await? <= 1 {
        return Err(AppError::conflict("confirm", k::error_delete_last_admin()));
    }
    if let Some(no) = refusal(&plan(env, user).await?) {
        return Err(no);
    }
    let s = settings(env).await?;
    let due = env.now + s.grace_ms();
    let lang = notices::language_of(env, &user.id).await?;
    // Its owner's deletion is theirs to take back by signing in; an administrator's is not.
    let restorable = actor.is_none();
    if !users::schedule_deletion(env.db, &user.id, env.now, due, restorable).await? {
        return Err(AppError::conflict("confirm", k::error_delete_pending()));
    }
    forget(env, &user.id).await?;
    let detail = json!({ "grace_days": s.grace_days, "due_at": due });
    env.audit(&user.id, actor, AuditEvent::AccountDeletionRequested, detail, meta).await?;
    if s.grace_days == 0 {
        complete(env, &user.id).await?;
        return Ok(DeletionRequested { due_at: None });
    }
    let when = notices::Occasion::by(actor, env.now, meta);
    let mail = notices::deletion_scheduled(lang, &user.email, &user.name, &when, &date_of(due), &env.link("/signin"));
    env.mail(&mail).await?;
    Ok(DeletionRequested { due_at: Some(due) })
}

/// What goes at once: every way in that does not ask for the password and second factor again
/// (sessions, tokens, pending sign-ins, mailed codes and links), and the person's settings (the
/// language stays, for the mails still to come). The second factors themselves stay until the
/// deletion completes (a disabled account cannot use them): restoring by signing in asks for
/// them, so a leaked password alone cannot take the account back.
async fn forget(env: &Env<'_>, user_id: &str) -> Result<(), AppError> {
    const TABLES: [&str; 10] = [
        "sessions",
        "known_devices",
        "personal_access_tokens",
        "pending_sign_ins",
        "email_codes",
        "support_pins",
        "avatars",
        "presence",
        "one_time_tokens",
        "password_history",
    ];
    let mut tx = env.db.begin().await?;
    for table in TABLES {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1")).bind(user_id).execute(&mut *tx).await?;
    }
    sqlx::query("DELETE FROM user_preferences WHERE user_id = $1 AND key <> 'language'")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The pseudonymous id a deleted account's audit entries keep: the same for the same account,
/// unlinkable to it without the server key.
pub fn pseudonym(env: &Env<'_>, user_id: &str) -> Result<String, AppError> {
    let mac = env.key.mac("gatehouse:deleted-account", user_id.as_bytes()).map_err(|_| AppError::Internal)?;
    Ok(format!("deleted-{}", &mac[..mac.len().min(20)]))
}

/// Completes a deletion that is due. False when there is nothing to do (not due, restored,
/// held back by a contract that began meanwhile, or another instance took it first).
pub async fn complete(env: &Env<'_>, user_id: &str) -> Result<bool, AppError> {
    let Some(user) = users::find_by_id(env.db, user_id).await? else { return Ok(false) };
    if user.deletion_due_at.is_none_or(|due| due > env.now) {
        return Ok(false);
    }
    if let Some(no) = refusal(&plan(env, &user).await?) {
        tracing::warn!(user = %user.id, error = %no, "an account's deletion waits for a contract that runs");
        return Ok(false);
    }
    // Taken by this instance before anything irreversible; an administrator's Enable cannot
    // cancel it from here on.
    if !users::claim_deletion(env.db, &user.id, env.now).await? {
        return Ok(false);
    }
    let subject = pseudonym(env, &user.id)?;
    for (_, org) in orgs::repo::memberships_of(env.db, &user.id).await? {
        if orgs::depart(env, &org.id, &user.id).await? {
            let entry = Entry {
                user_id: None,
                actor_id: Some(&subject),
                event: AuditEvent::OrgDeleted,
                meta: &ClientMeta::local("deletion"),
                detail: json!({ "org": org.id, "with_account": true }),
            };
            env.record(entry).await?;
        }
    }
    let lang = notices::language_of(env, &user.id).await?;
    platform::audit::pseudonymize(env.db, &user.id, &subject).await?;
    if !users::delete(env.db, &user.id, env.now).await? {
        return Ok(false);
    }
    let entry = Entry {
        user_id: None,
        actor_id: Some(&subject),
        event: AuditEvent::AccountDeleted,
        meta: &ClientMeta::local("deletion"),
        detail: json!({}),
    };
    env.record(entry).await?;
    env.mail(&notices::account_deleted(lang, &user.email, &user.name)).await?;
    Ok(true)
}

/// Housekeeping: completes the deletions that are due (at most `limit` per round).
pub async fn complete_due(env: &Env<'_>, limit: i64) -> Result<u64, AppError> {
    let mut done = 0;
    for id in users::deletions_due(env.db, env.now, limit).await? {
        if complete(env, &id).await? {
            done += 1;
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{principal::Principal, reauth, sessions, testing::TestEnv};
    use platform::db::{testing, Db};
    use wire::organization::{ContractStatus, Plan};

    const DAY: i64 = 24 * 3600 * 1000;

    fn meta() -> ClientMeta {
        ClientMeta::new("192.0.2.20", "unit")
    }

    const PASSWORD: &str = "a long enough passphrase";

    /// An account whose id is `id`, its password hashed for real, with a session that
    /// re-authenticated at 1000.
    async fn account(db: &Db, id: &str) -> Principal {
        let te = TestEnv::new(db);
        let mut row = users::test_row(id, id, &format!("{id}@example.com"));
        row.password_hash = te.at(1_000).hasher.hash(PASSWORD).await.unwrap();
        users::insert(db, &row).await.unwrap();
        let issued = sessions::start(db, TestEnv::TIMEOUTS, id, &meta(), 1_000).await.unwrap();
        sessions::repo::mark_reauthenticated(db, &issued.id, 1_000).await.unwrap();
        Principal::session(row, issued.id)
    }

    async fn org(db: &Db, id: &str, owner: &str) {
        let row = orgs::repo::OrgRow {
            id: id.into(),
            name: format!("Org {id}"),
            slug: id.into(),
            requires_two_factor: 0,
            password_policy: None,
            created_at: 1,
            updated_at: 1,
        };
        orgs::repo::insert(db, &row, owner).await.unwrap();
    }

    async fn contract(db: &Db, org: &str, plan: Plan, status: ContractStatus, ends_at: Option<i64>) {
        orgs::repo::put_contract(db, org, plan.as_str(), status.as_str(), ends_at, 1).await.unwrap();
    }

    async fn count(db: &Db, sql: &str, id: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql).bind(id).fetch_one(db).await.unwrap();
        n
    }

    #[tokio::test]
    async fn a_running_contract_blocks_deletion_until_it_ends() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let ada = account(&t.db, "ada").await;
            org(&t.db, "acme", "ada").await;
            let ends = 10 * DAY;
            contract(&t.db, "acme", Plan::Paid, ContractStatus::Active, Some(ends)).await;
            let env = te.at(2_000);
            let recent = reauth::recent(&env, &ada).await.unwrap();

            // The wrong confirmation first, then the contract: until its end date.
            let wrong = request(&env, &recent, "someone", &meta()).await.unwrap_err();
            assert!(matches!(&wrong, AppError::Validation { errors } if errors[0].field == "confirm"), "{wrong:?}");
            let plan = plan(&env, &ada.user).await.unwrap();
            assert_eq!(plan.blockers.len(), 1);
            assert_eq!((plan.blockers[0].org.slug.as_str(), plan.blockers[0].ends_at), ("acme", Some(ends)));
            assert_eq!(plan.deleted.len(), 1, "acme goes with the account");
            let blocked = request(&env, &recent, "ADA", &meta()).await.unwrap_err();
            let AppError::Conflict { code, args, .. } = &blocked else { panic!("{blocked:?}") };
            assert_eq!(code, "error-delete-blocked-until", "{:?}", t.backend);
            assert_eq!(args.get("date"), Some(&i18n::Arg::Text("1970-01-11".into())));
            assert!(users::find_by_id(&t.db, "ada").await.unwrap().unwrap().is_active(), "nothing happened");

            // A cancelled contract still runs to its end date; an open-ended active one blocks too.
            contract(&t.db, "acme", Plan::Paid, ContractStatus::Cancelled, Some(ends)).await;
            assert!(!plan_at(&te, 2_000, &ada).await.blockers.is_empty());
            contract(&t.db, "acme", Plan::Free, ContractStatus::Active, None).await;
            let open = request(&env, &recent, "ada", &meta()).await.unwrap_err();
            assert!(
                matches!(&open, AppError::Conflict { code, .. } if code == "error-delete-blocked-open"),
                "{open:?}"
            );

            // Past its end date (the clock moved on), the contract no longer runs.
            contract(&t.db, "acme", Plan::Paid, ContractStatus::Cancelled, Some(ends)).await;
            assert!(plan_at(&te, ends + 1, &ada).await.blockers.is_empty());
            t.close().await;
        }
    }

    async fn plan_at(te: &TestEnv, now: i64, who: &Principal) -> DeletionPlan {
        plan(&te.at(now), &who.user).await.unwrap()
    }

    #[tokio::test]
    async fn deletion_waits_the_grace_period_restores_by_sign_in_and_completes_once() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let ada = account(&t.db, "ada").await;
            let bob = account(&t.db, "bob").await;
            org(&t.db, "solo", "ada").await; // ada alone owns it: deleted with her
            org(&t.db, "shared", "bob").await; // ada is a member: she leaves it
            orgs::repo::add_member(&t.db, "shared", "ada", "admin", 1).await.unwrap();
            let env = te.at(2_000);
            sqlx::query("INSERT INTO support_pins (user_id, pin_hash, set_at) VALUES ('ada', 'h', 1)")
                .execute(&t.db)
                .await
                .unwrap();

            let recent = reauth::recent(&env, &ada).await.unwrap();
            let done = request(&env, &recent, "ada", &meta()).await.unwrap();
            assert_eq!(done.due_at, Some(2_000 + 7 * DAY), "seven days by default");
            // At once: disabled, no way in, nothing secret left.
            let row = users::find_by_id(&t.db, "ada").await.unwrap().unwrap();
            assert!(!row.is_active() && row.restorable(3_000));
            for table in ["sessions", "support_pins"] {
                let sql = format!("SELECT COUNT(*) FROM {table} WHERE user_id = $1");
                assert_eq!(count(&t.db, &sql, "ada").await, 0, "{table} {:?}", t.backend);
            }
            let mail = te.next_mail(3_000).await.expect("a notice");
            assert_eq!(mail.subject, "Your Gatehouse account is deleted");
            assert!(mail.text.contains("1970-01-08"), "{}", mail.text);
            let again = request(&env, &recent, "ada", &meta()).await.unwrap_err();
            assert!(matches!(&again, AppError::Conflict { .. }), "{again:?}");

            // Not due yet: housekeeping leaves it.
            assert_eq!(complete_due(&te.at(2_000 + 7 * DAY - 1), 10).await.unwrap(), 0);
            // Signing in during the grace period restores it.
            let timeouts = TestEnv::TIMEOUTS;
            let outcome = crate::auth::sign_in(&te.at(5 * DAY), timeouts, "ada", "wrong password", &meta()).await;
            assert_eq!(outcome.err(), Some(AppError::InvalidCredentials), "a wrong password restores nothing");
            assert!(!users::find_by_id(&t.db, "ada").await.unwrap().unwrap().is_active());
            let ok = crate::auth::sign_in(&te.at(5 * DAY), timeouts, "ada", PASSWORD, &meta()).await.map(|_| ());
            assert_eq!(ok, Ok(()), "{:?}", t.backend);
            let row = users::find_by_id(&t.db, "ada").await.unwrap().unwrap();
            assert!(row.is_active() && row.deletion_due_at.is_none(), "{:?}", t.backend);

            // Deleted again, not restored: after the grace period it is gone, on one instance.
            let p = account_again(&t.db, "ada", 6 * DAY).await;
            let env = te.at(6 * DAY);
            let recent = reauth::recent(&env, &p).await.unwrap();
            let due = request(&env, &recent, "ada", &meta()).await.unwrap().due_at.unwrap();
            assert!(crate::auth::sign_in(&te.at(due), timeouts, "ada", PASSWORD, &meta()).await.is_err());
            let after = te.at(due);
            let (a, b) = tokio::join!(complete_due(&after, 10), complete_due(&after, 10));
            assert_eq!(a.unwrap() + b.unwrap(), 1, "{:?}", t.backend);
            assert!(users::find_by_id(&t.db, "ada").await.unwrap().is_none());
            assert!(orgs::repo::by_id(&t.db, "solo").await.unwrap().is_none(), "her own organization went");
            assert!(orgs::repo::by_id(&t.db, "shared").await.unwrap().is_some(), "bob's stays");
            assert_eq!(orgs::repo::members(&t.db, "shared").await.unwrap().len(), 1);
            // The audit log keeps a pseudonym, nothing that names or places her.
            let left: Vec<(Option<String>, Option<String>, String, String)> =
                sqlx::query_as("SELECT user_id, subject, ip, detail FROM audit_log WHERE subject IS NOT NULL")
                    .fetch_all(&t.db)
                    .await
                    .unwrap();
            assert!(!left.is_empty());
            let subject = pseudonym(&after, "ada").unwrap();
            assert!(left
                .iter()
                .all(|(u, s, ip, d)| u.is_none() && s.as_deref() == Some(&subject) && ip.is_empty() && d == "{}"));
            // A keyed digest, not the id: "deleted-" and 20 hex digits (which may spell "ada" by
            // chance, so that is not what is checked).
            let digest = subject.strip_prefix("deleted-").unwrap();
            assert!(digest.len() == 20 && digest.bytes().all(|b| b.is_ascii_hexdigit()), "{subject}");
            assert_ne!(pseudonym(&after, "bob").unwrap(), subject);
            // The username and address are free again, and the count is right.
            assert_eq!(users::taken(&t.db, "ada", "ada@example.com").await.unwrap(), (false, false));
            assert_eq!(users::count(&t.db).await.unwrap().0, 1);
            let _ = bob;
            t.close().await;
        }
    }

    #[tokio::test]
    async fn only_the_owner_s_own_deletion_is_undone_by_signing_in_and_never_without_the_factor() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(2_000);
            let timeouts = TestEnv::TIMEOUTS;
            let sign_in = |who: &'static str, now: i64| {
                let te = &te;
                async move { crate::auth::sign_in(&te.at(now), timeouts, who, PASSWORD, &meta()).await.map(|_| ()) }
            };
            // Deleted by an administrator: signing in does not take it back.
            let bob = account(&t.db, "bob").await;
            schedule(&env, &bob.user, Some("root"), &meta()).await.unwrap();
            assert_eq!(sign_in("bob", 3_000).await, Err(AppError::InvalidCredentials), "{:?}", t.backend);
            // Deleted by its owner, then disabled by an administrator: neither.
            let ada = account(&t.db, "ada").await;
            let recent = reauth::recent(&env, &ada).await.unwrap();
            request(&env, &recent, "ada", &meta()).await.unwrap();
            assert!(users::set_disabled(&t.db, "ada", Some(2_500), 2_500).await.unwrap());
            assert_eq!(sign_in("ada", 3_000).await, Err(AppError::InvalidCredentials));
            // Deleted by its owner with an authenticator: the restore asks for its code.
            let cid = account(&t.db, "cid").await;
            sqlx::query("INSERT INTO totp_factors (user_id, secret_sealed, created_at, last_step) VALUES ('cid', 'sealed', 1, 0)")
                .execute(&t.db)
                .await
                .unwrap();
            let recent = reauth::recent(&env, &cid).await.unwrap();
            request(&env, &recent, "cid", &meta()).await.unwrap();
            let step = crate::auth::sign_in(&te.at(3_000), timeouts, "cid", PASSWORD, &meta()).await.unwrap();
            assert!(matches!(step, crate::auth::SignInOutcome::SecondFactor { .. }), "{:?}", t.backend);
            assert!(!users::find_by_id(&t.db, "cid").await.unwrap().unwrap().is_active(), "not restored yet");
            t.close().await;
        }
    }

    /// A fresh session (re-authenticated) for an account that exists already.
    async fn account_again(db: &Db, id: &str, now: i64) -> Principal {
        let row = users::find_by_id(db, id).await.unwrap().unwrap();
        let issued = sessions::start(db, TestEnv::TIMEOUTS, id, &meta(), now).await.unwrap();
        sessions::repo::mark_reauthenticated(db, &issued.id, now).await.unwrap();
        Principal::session(row, issued.id)
    }

    #[tokio::test]
    async fn no_grace_period_deletes_at_once_and_the_last_administrator_stays() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(2_000);
            let mut root = users::test_row("root", "root", "root@example.com");
            root.role = "admin".into();
            users::insert(&t.db, &root).await.unwrap();
            let root = Principal::session(root, "none".into());
            let refused = schedule(&env, &root.user, None, &meta()).await.unwrap_err();
            assert!(matches!(&refused, AppError::Conflict { code, .. } if code == "error-delete-last-admin"));

            env.put_setting(SETTINGS, &DeletionSettings { grace_days: 0 }).await.unwrap();
            let ada = account(&t.db, "ada").await;
            let done = schedule(&env, &ada.user, Some("root"), &meta()).await.unwrap();
            assert_eq!(done.due_at, None);
            assert!(users::find_by_id(&t.db, "ada").await.unwrap().is_none());
            let mut subjects = Vec::new();
            while let Some(m) = te.next_mail(3_000).await {
                subjects.push(m.subject);
            }
            assert_eq!(subjects, vec!["Your Gatehouse account is gone".to_owned()]);
            t.close().await;
        }
    }
}
