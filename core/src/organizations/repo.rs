//! SQL for organizations, their members, invitations and contracts.
//!
//! A change that could leave an organization without an owner locks the organization's row
//! first (an `UPDATE` of it inside the transaction), then counts the owners in a statement of
//! its own: on PostgreSQL each statement of a transaction reads what was committed before it,
//! so two owners stepping down at once are served one after the other, and the second finds
//! itself the last owner. On SQLite the first write of a transaction takes the database's write
//! lock, which serializes them alike.

use platform::db::Db;
use sqlx::AnyConnection;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub slug: String,
    /// 1: visible only to members with two-factor authentication.
    pub requires_two_factor: i64,
    /// The password rules for members, as JSON (`PasswordPolicy`); None: none.
    pub password_policy: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const ORG_COLUMNS: &str = "id, name, slug, requires_two_factor, password_policy, created_at, updated_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub org_id: String,
    pub user_id: String,
    pub role: String,
    pub two_factor_forced_at: Option<i64>,
    pub joined_at: i64,
}

const MEMBER_COLUMNS: &str = "org_id, user_id, role, two_factor_forced_at, joined_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContractRow {
    pub plan: String,
    pub status: String,
    pub ends_at: Option<i64>,
    pub updated_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: String,
    pub org_id: String,
    pub email: String,
    pub role: String,
    pub invited_by: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
}

const INVITATION_COLUMNS: &str = "id, org_id, email, role, invited_by, created_at, expires_at";

/// A new organization with its first owner, in one transaction.
pub async fn insert(db: &Db, org: &OrgRow, owner_id: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query(&format!("INSERT INTO organizations ({ORG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"))
        .bind(&org.id)
        .bind(&org.name)
        .bind(&org.slug)
        .bind(org.requires_two_factor)
        .bind(&org.password_policy)
        .bind(org.created_at)
        .bind(org.updated_at)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO organization_members (org_id, user_id, role, joined_at) VALUES ($1, $2, 'owner', $3)")
        .bind(&org.id)
        .bind(owner_id)
        .bind(org.created_at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<OrgRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {ORG_COLUMNS} FROM organizations WHERE slug = $1"))
        .bind(slug)
        .fetch_optional(db)
        .await
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<OrgRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {ORG_COLUMNS} FROM organizations WHERE id = $1")).bind(id).fetch_optional(db).await
}

pub async fn membership(db: &Db, org_id: &str, user_id: &str) -> Result<Option<MemberRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {MEMBER_COLUMNS} FROM organization_members WHERE org_id = $1 AND user_id = $2"))
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(db)
        .await
}

/// Every membership of an account, with its organization.
pub async fn memberships_of(db: &Db, user_id: &str) -> Result<Vec<(MemberRow, OrgRow)>, sqlx::Error> {
    let members: Vec<MemberRow> =
        sqlx::query_as(&format!("SELECT {MEMBER_COLUMNS} FROM organization_members WHERE user_id = $1"))
            .bind(user_id)
            .fetch_all(db)
            .await?;
    let mut out = Vec::with_capacity(members.len());
    for m in members {
        if let Some(org) = by_id(db, &m.org_id).await? {
            out.push((m, org));
        }
    }
    out.sort_by_key(|(_, org)| org.name.to_lowercase());
    Ok(out)
}

pub async fn members(db: &Db, org_id: &str) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {MEMBER_COLUMNS} FROM organization_members WHERE org_id = $1 ORDER BY joined_at, user_id"
    ))
    .bind(org_id)
    .fetch_all(db)
    .await
}

/// (members, owners) of an organization.
pub async fn counts(db: &Db, org_id: &str) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN role = 'owner' THEN 1 ELSE 0 END), 0) \
         FROM organization_members WHERE org_id = $1",
    )
    .bind(org_id)
    .fetch_one(db)
    .await
}

/// Takes the organization's row for the rest of the transaction (see the module's notes).
pub async fn lock(tx: &mut AnyConnection, org_id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE organizations SET updated_at = $2 WHERE id = $1")
        .bind(org_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

async fn owners_in(tx: &mut AnyConnection, org_id: &str) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM organization_members WHERE org_id = $1 AND role = 'owner'")
        .bind(org_id)
        .fetch_one(&mut *tx)
        .await?;
    Ok(n)
}

/// What a change of membership came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// The account is not a member (any more).
    NotMember,
    /// It would leave the organization without an owner.
    LastOwner,
}

/// Sets a member's role; refused when it would leave no owner.
pub async fn set_role(db: &Db, org_id: &str, user_id: &str, role: &str, now: i64) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin().await?;
    lock(&mut tx, org_id, now).await?;
    let current: Option<(String,)> =
        sqlx::query_as("SELECT role FROM organization_members WHERE org_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((current,)) = current else { return Ok(Outcome::NotMember) };
    if current == "owner" && role != "owner" && owners_in(&mut tx, org_id).await? <= 1 {
        return Ok(Outcome::LastOwner);
    }
    sqlx::query("UPDATE organization_members SET role = $3 WHERE org_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .bind(role)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}

/// Removes a member (or a member leaves); refused when it would leave no owner.
pub async fn remove(db: &Db, org_id: &str, user_id: &str, now: i64) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin().await?;
    lock(&mut tx, org_id, now).await?;
    let current: Option<(String,)> =
        sqlx::query_as("SELECT role FROM organization_members WHERE org_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((current,)) = current else { return Ok(Outcome::NotMember) };
    if current == "owner" && owners_in(&mut tx, org_id).await? <= 1 {
        return Ok(Outcome::LastOwner);
    }
    sqlx::query("DELETE FROM organization_members WHERE org_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}

/// What a departing account's membership came to ([`depart`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Departure {
    /// It was not a member (any more).
    None,
    /// Its membership ended.
    Left,
    /// It was the only owner: the organization is deleted, with the other members' ids.
    OrgDeleted(Vec<String>),
}

/// A deleted account leaves the organization, or, when it is its only owner, the organization
/// goes with it; decided and done in one transaction that takes the organization's row first,
/// so an owner leaving at the same moment cannot leave it without an owner.
pub async fn depart(db: &Db, org_id: &str, user_id: &str, now: i64) -> Result<Departure, sqlx::Error> {
    let mut tx = db.begin().await?;
    if !lock(&mut tx, org_id, now).await? {
        return Ok(Departure::None);
    }
    let role: Option<(String,)> =
        sqlx::query_as("SELECT role FROM organization_members WHERE org_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((role,)) = role else { return Ok(Departure::None) };
    if role == "owner" && owners_in(&mut tx, org_id).await? <= 1 {
        let others: Vec<(String,)> =
            sqlx::query_as("SELECT user_id FROM organization_members WHERE org_id = $1 AND user_id <> $2")
                .bind(org_id)
                .bind(user_id)
                .fetch_all(&mut *tx)
                .await?;
        sqlx::query("DELETE FROM organizations WHERE id = $1").bind(org_id).execute(&mut *tx).await?;
        tx.commit().await?;
        return Ok(Departure::OrgDeleted(others.into_iter().map(|(id,)| id).collect()));
    }
    sqlx::query("DELETE FROM organization_members WHERE org_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Departure::Left)
}

/// Adds a member (an accepted invitation). False when the account was a member already.
pub async fn add_member(db: &Db, org_id: &str, user_id: &str, role: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO organization_members (org_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (org_id, user_id) DO NOTHING",
    )
    .bind(org_id)
    .bind(user_id)
    .bind(role)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The organization forces (since `at`) or no longer forces two-factor authentication for a
/// member. False when the account is not a member.
pub async fn set_forced(db: &Db, org_id: &str, user_id: &str, at: Option<i64>) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE organization_members SET two_factor_forced_at = $3 WHERE org_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .bind(at)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn rename(db: &Db, org_id: &str, name: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE organizations SET name = $2, updated_at = $3 WHERE id = $1")
        .bind(org_id)
        .bind(name)
        .bind(now)
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn set_requires_two_factor(db: &Db, org_id: &str, on: bool, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE organizations SET requires_two_factor = $2, updated_at = $3 WHERE id = $1")
        .bind(org_id)
        .bind(i64::from(on))
        .bind(now)
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn set_password_policy(db: &Db, org_id: &str, json: Option<&str>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE organizations SET password_policy = $2, updated_at = $3 WHERE id = $1")
        .bind(org_id)
        .bind(json)
        .bind(now)
        .execute(db)
        .await
        .map(|_| ())
}

/// Deletes the organization; its memberships, invitations and contract go with it.
pub async fn delete(db: &Db, org_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM organizations WHERE id = $1").bind(org_id).execute(db).await.map(|_| ())
}

// ---- Contracts -------------------------------------------------------------------------------

pub async fn contract(db: &Db, org_id: &str) -> Result<Option<ContractRow>, sqlx::Error> {
    sqlx::query_as("SELECT plan, status, ends_at, updated_at FROM contracts WHERE org_id = $1")
        .bind(org_id)
        .fetch_optional(db)
        .await
}

pub async fn put_contract(
    db: &Db,
    org_id: &str,
    plan: &str,
    status: &str,
    ends_at: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO contracts (org_id, plan, status, ends_at, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (org_id) DO UPDATE SET plan = excluded.plan, status = excluded.status, \
         ends_at = excluded.ends_at, updated_at = excluded.updated_at",
    )
    .bind(org_id)
    .bind(plan)
    .bind(status)
    .bind(ends_at)
    .bind(now)
    .execute(db)
    .await
    .map(|_| ())
}

/// Records a billing system's event once: true the first time its id is seen, with the digest
/// of its body; false when it was seen already (the digest it had is returned to compare).
pub async fn record_event(
    db: &Db,
    event_id: &str,
    org_id: &str,
    digest: &str,
    now: i64,
) -> Result<Result<(), String>, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO contract_events (event_id, org_id, body_digest, received_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (event_id) DO NOTHING",
    )
    .bind(event_id)
    .bind(org_id)
    .bind(digest)
    .bind(now)
    .execute(db)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(Ok(()));
    }
    let (seen,): (String,) = sqlx::query_as("SELECT body_digest FROM contract_events WHERE event_id = $1")
        .bind(event_id)
        .fetch_one(db)
        .await?;
    Ok(Err(seen))
}

/// Organizations for the administrators' list: the newest first, or those whose name or slug
/// starts with `search`.
pub async fn list(db: &Db, search: &str, limit: i64) -> Result<Vec<OrgRow>, sqlx::Error> {
    if search.is_empty() {
        return sqlx::query_as(&format!(
            "SELECT {ORG_COLUMNS} FROM organizations ORDER BY created_at DESC, id LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(db)
        .await;
    }
    sqlx::query_as(&format!(
        "SELECT {ORG_COLUMNS} FROM organizations WHERE slug LIKE $1 OR LOWER(name) LIKE $1 \
         ORDER BY slug LIMIT $2"
    ))
    .bind(format!("{}%", search.replace(['%', '_', '\\'], "")))
    .bind(limit)
    .fetch_all(db)
    .await
}

// ---- Invitations -----------------------------------------------------------------------------

/// A new invitation, replacing an open one of the same organization and address.
pub async fn put_invitation(db: &Db, inv: &InvitationRow, token_hash: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM organization_invitations WHERE org_id = $1 AND email = $2")
        .bind(&inv.org_id)
        .bind(&inv.email)
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!(
        "INSERT INTO organization_invitations ({INVITATION_COLUMNS}, token_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    ))
    .bind(&inv.id)
    .bind(&inv.org_id)
    .bind(&inv.email)
    .bind(&inv.role)
    .bind(&inv.invited_by)
    .bind(inv.created_at)
    .bind(inv.expires_at)
    .bind(token_hash)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

pub async fn invitation_by_hash(db: &Db, token_hash: &str, now: i64) -> Result<Option<InvitationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {INVITATION_COLUMNS} FROM organization_invitations WHERE token_hash = $1 AND expires_at > $2"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Uses the invitation up: Some for exactly one caller while it is valid.
pub async fn take_invitation(db: &Db, token_hash: &str, now: i64) -> Result<Option<InvitationRow>, sqlx::Error> {
    let row: Option<InvitationRow> = sqlx::query_as(&format!(
        "DELETE FROM organization_invitations WHERE token_hash = $1 RETURNING {INVITATION_COLUMNS}"
    ))
    .bind(token_hash)
    .fetch_optional(db)
    .await?;
    Ok(row.filter(|r| r.expires_at > now))
}

pub async fn invitations(db: &Db, org_id: &str, now: i64) -> Result<Vec<InvitationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {INVITATION_COLUMNS} FROM organization_invitations WHERE org_id = $1 AND expires_at > $2 \
         ORDER BY created_at DESC, id"
    ))
    .bind(org_id)
    .bind(now)
    .fetch_all(db)
    .await
}

pub async fn revoke_invitation(db: &Db, org_id: &str, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM organization_invitations WHERE org_id = $1 AND id = $2")
        .bind(org_id)
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub const PURGE_INVITATIONS: &str = "DELETE FROM organization_invitations WHERE expires_at <= $1";

/// Drops expired invitations (housekeeping).
pub async fn purge_invitations(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(PURGE_INVITATIONS).bind(now).execute(db).await?.rows_affected())
}

/// Gives back the claim of an event that could not be applied.
pub async fn forget_event(db: &Db, event_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM contract_events WHERE event_id = $1").bind(event_id).execute(db).await.map(|_| ())
}

pub const PURGE_EVENTS: &str = "DELETE FROM contract_events WHERE received_at < $1";

/// Forgets events older than `before` (the webhook refuses a signature that old anyway).
pub async fn purge_events(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(PURGE_EVENTS).bind(before).execute(db).await?.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::repo::{insert as insert_user, test_row};
    use platform::db::testing;

    fn org(id: &str, slug: &str) -> OrgRow {
        OrgRow {
            id: id.into(),
            name: slug.into(),
            slug: slug.into(),
            requires_two_factor: 0,
            password_policy: None,
            created_at: 1,
            updated_at: 1,
        }
    }

    /// Two owners step down (or leave) at the same moment: one of them stays owner, on both
    /// databases, however the two transactions interleave.
    #[tokio::test]
    async fn two_owners_stepping_down_at_once_leave_one_owner_on_both_databases() {
        for t in testing::all().await {
            let db = &t.db;
            for (id, name) in [("u1", "ada"), ("u2", "bob")] {
                insert_user(db, &test_row(id, name, &format!("{name}@example.com"))).await.unwrap();
            }
            for round in 0..6 {
                let id = format!("o{round}");
                insert(db, &org(&id, &format!("acme-{round}")), "u1").await.unwrap();
                assert!(add_member(db, &id, "u2", "owner", 2).await.unwrap());
                assert!(!add_member(db, &id, "u2", "owner", 2).await.unwrap(), "once");
                let (a, b) = if round % 2 == 0 {
                    tokio::join!(set_role(db, &id, "u1", "member", 3), set_role(db, &id, "u2", "admin", 3))
                } else {
                    tokio::join!(remove(db, &id, "u1", 3), remove(db, &id, "u2", 3))
                };
                let mut outcomes = [a.unwrap(), b.unwrap()];
                outcomes.sort_by_key(|o| *o == Outcome::Done);
                assert_eq!(outcomes, [Outcome::LastOwner, Outcome::Done], "{:?} round {round}", t.backend);
                let (n,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM organization_members WHERE org_id = $1 AND role = 'owner'")
                        .bind(&id)
                        .fetch_one(db)
                        .await
                        .unwrap();
                assert_eq!(n, 1, "{:?} round {round}", t.backend);
            }
            assert_eq!(set_role(db, "o0", "nobody", "owner", 4).await.unwrap(), Outcome::NotMember);
            // Deleting the organization takes its members, invitations and contract with it.
            put_contract(db, "o0", "paid", "active", None, 5).await.unwrap();
            delete(db, "o0").await.unwrap();
            assert!(by_id(db, "o0").await.unwrap().is_none());
            assert!(members(db, "o0").await.unwrap().is_empty());
            assert!(contract(db, "o0").await.unwrap().is_none());
            t.close().await;
        }
    }
}
