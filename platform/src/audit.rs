//! The security audit log: who did what to which account, when, from where (the `audit_log`
//! table).

use crate::{crypto::new_id, db::Db, request::ClientMeta};

/// What happened. Stored as its `as_str()` name; never holds a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditEvent {
    AccountCreated,
    AdminCreated,
    SignedIn,
    SignInFailed,
    SignedOut,
    SessionRevoked,
    OtherSessionsRevoked,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    EmailVerificationSent,
    EmailVerified,
    EmailChangeRequested,
    EmailChanged,
    EmailChangeCancelled,
    PasswordPolicyChanged,
    Reauthenticated,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorFailed,
    BackupCodeUsed,
    BackupCodesRegenerated,
    TwoFactorForced,
    TwoFactorForceLifted,
    TwoFactorReset,
    TwoFactorSettingsChanged,
    TokenCreated,
    TokenRegenerated,
    TokenDeleted,
    TokenSettingsChanged,
    ProfileChanged,
    AvatarChanged,
    PreferencesChanged,
    PreferenceDefaultsChanged,
    SupportPinSet,
    SupportPinRemoved,
    SupportPinChecked,
    SupportLookup,
    SupportRoleGranted,
    SupportRoleRevoked,
    SupportPinSettingsChanged,
    OrgCreated,
    OrgChanged,
    OrgPasswordPolicyChanged,
    OrgRoleChanged,
    OrgMemberRemoved,
    OrgLeft,
    OrgDeleted,
    OrgInvitationSent,
    OrgInvitationRevoked,
    OrgJoined,
    ContractChanged,
    AccountDeletionRequested,
    AccountRestored,
    AccountDeleted,
    AccountDisabled,
    AccountEnabled,
    DeletionSettingsChanged,
    DataExportRequested,
    DataExportDownloaded,
}

impl AuditEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditEvent::AccountCreated => "account_created",
            AuditEvent::AdminCreated => "admin_created",
            AuditEvent::SignedIn => "signed_in",
            AuditEvent::SignInFailed => "sign_in_failed",
            AuditEvent::SignedOut => "signed_out",
            AuditEvent::SessionRevoked => "session_revoked",
            AuditEvent::OtherSessionsRevoked => "other_sessions_revoked",
            AuditEvent::PasswordChanged => "password_changed",
            AuditEvent::PasswordResetRequested => "password_reset_requested",
            AuditEvent::PasswordReset => "password_reset",
            AuditEvent::EmailVerificationSent => "email_verification_sent",
            AuditEvent::EmailVerified => "email_verified",
            AuditEvent::EmailChangeRequested => "email_change_requested",
            AuditEvent::EmailChanged => "email_changed",
            AuditEvent::EmailChangeCancelled => "email_change_cancelled",
            AuditEvent::PasswordPolicyChanged => "password_policy_changed",
            AuditEvent::Reauthenticated => "reauthenticated",
            AuditEvent::TwoFactorEnabled => "two_factor_enabled",
            AuditEvent::TwoFactorDisabled => "two_factor_disabled",
            AuditEvent::TwoFactorFailed => "two_factor_failed",
            AuditEvent::BackupCodeUsed => "backup_code_used",
            AuditEvent::BackupCodesRegenerated => "backup_codes_regenerated",
            AuditEvent::TwoFactorForced => "two_factor_forced",
            AuditEvent::TwoFactorForceLifted => "two_factor_force_lifted",
            AuditEvent::TwoFactorReset => "two_factor_reset",
            AuditEvent::TwoFactorSettingsChanged => "two_factor_settings_changed",
            AuditEvent::TokenCreated => "token_created",
            AuditEvent::TokenRegenerated => "token_regenerated",
            AuditEvent::TokenDeleted => "token_deleted",
            AuditEvent::TokenSettingsChanged => "token_settings_changed",
            AuditEvent::ProfileChanged => "profile_changed",
            AuditEvent::AvatarChanged => "avatar_changed",
            AuditEvent::PreferencesChanged => "preferences_changed",
            AuditEvent::PreferenceDefaultsChanged => "preference_defaults_changed",
            AuditEvent::SupportPinSet => "support_pin_set",
            AuditEvent::SupportPinRemoved => "support_pin_removed",
            AuditEvent::SupportPinChecked => "support_pin_checked",
            AuditEvent::SupportLookup => "support_lookup",
            AuditEvent::SupportRoleGranted => "support_role_granted",
            AuditEvent::SupportRoleRevoked => "support_role_revoked",
            AuditEvent::SupportPinSettingsChanged => "support_pin_settings_changed",
            AuditEvent::OrgCreated => "org_created",
            AuditEvent::OrgChanged => "org_changed",
            AuditEvent::OrgPasswordPolicyChanged => "org_password_policy_changed",
            AuditEvent::OrgRoleChanged => "org_role_changed",
            AuditEvent::OrgMemberRemoved => "org_member_removed",
            AuditEvent::OrgLeft => "org_left",
            AuditEvent::OrgDeleted => "org_deleted",
            AuditEvent::OrgInvitationSent => "org_invitation_sent",
            AuditEvent::OrgInvitationRevoked => "org_invitation_revoked",
            AuditEvent::OrgJoined => "org_joined",
            AuditEvent::ContractChanged => "contract_changed",
            AuditEvent::AccountDeletionRequested => "account_deletion_requested",
            AuditEvent::AccountRestored => "account_restored",
            AuditEvent::AccountDeleted => "account_deleted",
            AuditEvent::AccountDisabled => "account_disabled",
            AuditEvent::AccountEnabled => "account_enabled",
            AuditEvent::DeletionSettingsChanged => "deletion_settings_changed",
            AuditEvent::DataExportRequested => "data_export_requested",
            AuditEvent::DataExportDownloaded => "data_export_downloaded",
        }
    }
}

/// One entry to write.
pub struct Entry<'a> {
    /// The account it concerns (None when no account matched).
    pub user_id: Option<&'a str>,
    /// Who did it, when that is not the account's owner (an admin, say).
    pub actor_id: Option<&'a str>,
    pub event: AuditEvent,
    pub meta: &'a ClientMeta,
    /// Extra facts as JSON; never a secret.
    pub detail: serde_json::Value,
}

pub async fn record(db: &Db, e: Entry<'_>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (id, user_id, actor_id, event, ip, user_agent, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(e.user_id)
    .bind(e.actor_id)
    .bind(e.event.as_str())
    .bind(&e.meta.ip)
    .bind(&e.meta.user_agent)
    .bind(e.detail.to_string())
    .bind(now)
    .execute(db)
    .await
    .map(|_| ())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub id: String,
    pub user_id: Option<String>,
    pub actor_id: Option<String>,
    pub event: String,
    pub ip: String,
    pub user_agent: String,
    pub detail: String,
    pub created_at: i64,
}

/// The newest entries about one account.
pub async fn for_user(db: &Db, user_id: &str, limit: i64) -> Result<Vec<AuditRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, user_id, actor_id, event, ip, user_agent, detail, created_at FROM audit_log \
         WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// An entry as the logs show it: with the username of the account it concerns (or a deleted
/// account's pseudonym, `subject`) and of who did it, when that was someone else with an
/// account here.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditLine {
    pub id: String,
    pub user_name: Option<String>,
    pub subject: Option<String>,
    pub actor_id: Option<String>,
    pub actor_name: Option<String>,
    pub event: String,
    pub ip: String,
    pub user_agent: String,
    pub detail: String,
    pub created_at: i64,
}

/// The account a page of the log is narrowed to.
#[derive(Debug, Clone, Copy)]
pub enum Account<'a> {
    /// Entries about it (its own log).
    About(&'a str),
    /// Entries about it, and what it did to others (the administrators' search).
    Involving(&'a str),
}

/// What a page of the log is narrowed to; by default nothing: every entry.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    pub account: Option<Account<'a>>,
    /// Entries from this address.
    pub ip: Option<&'a str>,
    /// These events only (all when empty).
    pub events: &'a [&'a str],
}

/// A page of the log, newest first: the entries `f` lets through, older than `before` (an
/// entry's time and id), `limit` of them at most.
pub async fn page(
    db: &Db,
    f: Filter<'_>,
    before: Option<(i64, &str)>,
    limit: i64,
) -> Result<Vec<AuditLine>, sqlx::Error> {
    let mut sql = String::from(
        "SELECT l.id, u.display_username AS user_name, l.subject, l.actor_id, a.display_username AS actor_name, \
         l.event, l.ip, l.user_agent, l.detail, l.created_at FROM audit_log l LEFT JOIN users u ON u.id = l.user_id \
         LEFT JOIN users a ON a.id = l.actor_id WHERE 1 = 1",
    );
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    if before.is_some() {
        let (at, id) = (next(), next());
        sql.push_str(&format!(" AND (l.created_at < {at} OR (l.created_at = {at} AND l.id < {id}))"));
    }
    match f.account {
        Some(Account::About(_)) => sql.push_str(&format!(" AND l.user_id = {}", next())),
        Some(Account::Involving(_)) => {
            let id = next();
            sql.push_str(&format!(" AND (l.user_id = {id} OR l.actor_id = {id})"));
        }
        None => {}
    }
    if f.ip.is_some() {
        sql.push_str(&format!(" AND l.ip = {}", next()));
    }
    if !f.events.is_empty() {
        let marks: Vec<String> = f.events.iter().map(|_| next()).collect();
        sql.push_str(&format!(" AND l.event IN ({})", marks.join(", ")));
    }
    sql.push_str(&format!(" ORDER BY l.created_at DESC, l.id DESC LIMIT {}", next()));
    let mut q = sqlx::query_as::<_, AuditLine>(&sql);
    if let Some((at, id)) = before {
        q = q.bind(at).bind(id);
    }
    if let Some(Account::About(id) | Account::Involving(id)) = f.account {
        q = q.bind(id);
    }
    if let Some(ip) = f.ip {
        q = q.bind(ip);
    }
    for e in f.events {
        q = q.bind(*e);
    }
    q.bind(limit).fetch_all(db).await
}

/// Before a deleted account's row goes: its entries keep `pseudonym` (in `subject`) and when and
/// what happened, nothing that names or places the person (detail, address, browser); entries of
/// what the account did to others name the pseudonym as their actor.
pub async fn pseudonymize(db: &Db, user_id: &str, pseudonym: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE audit_log SET subject = $2, detail = '{}', ip = '', user_agent = '' WHERE user_id = $1")
        .bind(user_id)
        .bind(pseudonym)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE audit_log SET actor_id = $2 WHERE actor_id = $1")
        .bind(user_id)
        .bind(pseudonym)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing;

    /// A page of u1's own entries.
    async fn mine(
        db: &Db,
        events: &[&str],
        before: Option<(i64, &str)>,
        limit: i64,
    ) -> Result<Vec<AuditLine>, sqlx::Error> {
        page(db, Filter { account: Some(Account::About("u1")), events, ..Default::default() }, before, limit).await
    }

    #[tokio::test]
    async fn pages_of_one_account_newest_first_by_event_with_the_actor_named() {
        for t in testing::all().await {
            let db = &t.db;
            testing::insert_user(db, "u1", "ada@example.com").await;
            testing::insert_user(db, "admin", "root@example.com").await;
            testing::insert_user(db, "u2", "bob@example.com").await;
            let meta = ClientMeta::new("192.0.2.1", "test");
            // Two entries share each time: the id breaks the tie.
            for (i, (event, actor)) in [
                (AuditEvent::SignedIn, None),
                (AuditEvent::SignInFailed, None),
                (AuditEvent::TwoFactorReset, Some("admin")),
                (AuditEvent::SignedIn, Some("gatehouse reset-2fa")),
                (AuditEvent::PasswordChanged, None),
            ]
            .into_iter()
            .enumerate()
            {
                let e =
                    Entry { user_id: Some("u1"), actor_id: actor, event, meta: &meta, detail: serde_json::json!({}) };
                record(db, e, 100 + (i as i64 / 2)).await.unwrap();
            }
            let other = Entry {
                user_id: Some("u2"),
                actor_id: None,
                event: AuditEvent::SignedIn,
                meta: &meta,
                detail: serde_json::json!({}),
            };
            record(db, other, 101).await.unwrap();

            let all = mine(db, &[], None, 10).await.unwrap();
            let events: Vec<&str> = all.iter().map(|r| r.event.as_str()).collect();
            assert_eq!(events.len(), 5, "another account's entries are not listed ({:?})", t.backend);
            assert!(all.windows(2).all(|w| (w[0].created_at, &w[0].id) > (w[1].created_at, &w[1].id)));
            let reset = all.iter().find(|r| r.event == "two_factor_reset").unwrap();
            assert_eq!(reset.actor_name.as_deref(), Some("admin"), "{:?}", t.backend);
            let console = all.iter().find(|r| r.actor_id.as_deref() == Some("gatehouse reset-2fa")).unwrap();
            assert_eq!(console.actor_name, None);

            // Page by page, two at a time: every entry once, in the same order.
            let mut seen = Vec::new();
            let mut before: Option<(i64, String)> = None;
            loop {
                let page = mine(db, &[], before.as_ref().map(|(a, i)| (*a, i.as_str())), 2).await.unwrap();
                if page.is_empty() {
                    break;
                }
                before = page.last().map(|r| (r.created_at, r.id.clone()));
                seen.extend(page.into_iter().map(|r| r.id));
            }
            assert_eq!(seen, all.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), "{:?}", t.backend);

            let sign_ins = mine(db, &["signed_in", "sign_in_failed"], None, 10).await.unwrap();
            assert_eq!(sign_ins.len(), 3);
            let (at, id) = (sign_ins[0].created_at, sign_ins[0].id.clone());
            let older = mine(db, &["signed_in", "sign_in_failed"], Some((at, &id)), 10).await.unwrap();
            assert_eq!(older.len(), 2);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn records_and_lists_per_account() {
        for t in testing::all().await {
            let db = &t.db;
            testing::insert_user(db, "u1", "ada@example.com").await;
            let meta = ClientMeta::new("192.0.2.1", "test");
            for (event, at) in [(AuditEvent::SignedIn, 10), (AuditEvent::SignedOut, 20)] {
                record(
                    db,
                    Entry { user_id: Some("u1"), actor_id: None, event, meta: &meta, detail: serde_json::json!({}) },
                    at,
                )
                .await
                .unwrap();
            }
            record(
                db,
                Entry {
                    user_id: None,
                    actor_id: None,
                    event: AuditEvent::SignInFailed,
                    meta: &meta,
                    detail: serde_json::json!({}),
                },
                30,
            )
            .await
            .unwrap();
            let rows = for_user(db, "u1", 10).await.unwrap();
            let events: Vec<&str> = rows.iter().map(|r| r.event.as_str()).collect();
            assert_eq!(events, vec!["signed_out", "signed_in"], "{:?}", t.backend);
            assert_eq!(rows[0].ip, "192.0.2.1");
            t.close().await;
        }
    }
}
