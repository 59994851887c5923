//! The password policy on the server: where it is stored, the common-password list, the
//! check every new password passes (registration, change, reset, `create-admin`), and the
//! history the policy may forbid reusing. The rules themselves are wire code
//! (`wire::password`): the browser marks them while typing with the same code.

pub mod common;

use platform::{crypto::new_id, db::Db, settings::Key, Env};
use serde::{Deserialize, Serialize};
use wire::{
    error::{AppError, Problems},
    password::{PasswordPolicy, Personal, Violation, HISTORY_CEILING},
};

/// Where the administrators' policy is stored.
pub const POLICY: Key<PasswordPolicy> = Key::new("password_policy");

/// History rows kept per account: the most a policy may ask for.
const HISTORY_KEPT: i64 = HISTORY_CEILING as i64;

/// The policy in force.
pub async fn current(env: &Env<'_>) -> Result<PasswordPolicy, AppError> {
    env.setting(POLICY).await
}

/// What an account's organizations ask of it, merged over all of them: the strictest of their
/// password rules (None: no organization has any) and whether any forces two-factor
/// authentication. Kept with the account (`users.org_rules`, written by
/// `crate::organizations::refresh_rules`) so that the access gate reads it with the account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberRules {
    pub policy: Option<PasswordPolicy>,
    pub force_two_factor: bool,
}

impl MemberRules {
    /// Both sets of rules at once, the strictest of each.
    pub fn merged(&self, other: &MemberRules) -> MemberRules {
        let policy = match (&self.policy, &other.policy) {
            (Some(a), Some(b)) => Some(a.strictest(b)),
            (Some(p), None) | (None, Some(p)) => Some(p.clone()),
            (None, None) => None,
        };
        MemberRules { policy, force_two_factor: self.force_two_factor || other.force_two_factor }
    }

    /// As the account's column keeps it: None when nothing is asked.
    pub fn to_column(&self) -> Option<String> {
        if *self == MemberRules::default() {
            return None;
        }
        serde_json::to_string(self).ok()
    }

    /// From the account's column. A value that does not parse asks nothing (and is logged).
    pub fn from_column(column: Option<&str>) -> MemberRules {
        let Some(json) = column else { return MemberRules::default() };
        serde_json::from_str(json).unwrap_or_else(|e| {
            tracing::error!(error = %e, "an account's organization rules do not parse; ignored");
            MemberRules::default()
        })
    }
}

/// The password policy in force for an account whose organizations ask `rules` of it
/// (`UserRow::member_rules`): the server's, made stricter by theirs.
pub async fn in_force(env: &Env<'_>, rules: &MemberRules) -> Result<PasswordPolicy, AppError> {
    let server = current(env).await?;
    Ok(match &rules.policy {
        Some(p) => server.strictest(p),
        None => server,
    })
}

/// Checks a new password against the policy, collecting one message per broken rule under
/// `field`. The history is checked apart ([`history`] and [`reused`]): it needs the hasher.
pub fn check(policy: &PasswordPolicy, password: &str, personal: &Personal, problems: &mut Problems, field: &str) {
    for v in policy.check(password, personal) {
        problems.add(field, v.msg());
    }
    if policy.block_common && common::is_common(password) {
        problems.add(field, Violation::Common.msg());
    }
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

/// The account's last `policy.history` password hashes (the current one included), newest
/// first: what [`reused`] compares a new password with.
pub async fn history(db: &Db, user_id: &str, policy: &PasswordPolicy) -> Result<Vec<String>, AppError> {
    if policy.history == 0 {
        return Ok(Vec::new());
    }
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT password_hash FROM password_history WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(policy.history as i64)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(h,)| h).collect())
}

/// `Violation::Reused` when `password` matches one of `hashes` (from [`history`]).
pub async fn reused(
    env: &Env<'_>,
    hashes: &[String],
    password: &str,
    policy: &PasswordPolicy,
) -> Result<Option<Violation>, AppError> {
    for hash in hashes {
        if env.hasher.verify(password, Some(hash)).await? {
            return Ok(Some(Violation::Reused { last: policy.history }));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asking(min_length: usize, history: usize, max_age_days: u32, force: bool) -> MemberRules {
        let policy = PasswordPolicy { min_length, history, max_age_days, require_digit: force, ..Default::default() };
        MemberRules { policy: Some(policy), force_two_factor: force }
    }

    #[test]
    fn rules_of_several_organizations_merge_to_the_strictest_of_each() {
        let none = MemberRules::default();
        let a = asking(14, 2, 90, false);
        let b = asking(12, 5, 30, true);
        let both = a.merged(&b);
        let p = both.policy.clone().unwrap();
        assert_eq!((p.min_length, p.history, p.max_age_days, p.require_digit), (14, 5, 30, true));
        assert!(both.force_two_factor);
        assert_eq!(both, b.merged(&a), "in any order");
        assert_eq!(a.merged(&none), a, "nothing asked adds nothing");
        assert_eq!(none.merged(&none), none);
        // 0 means "never expires": another organization's limit wins over it.
        let never = asking(8, 0, 0, false);
        assert_eq!(never.merged(&a).policy.unwrap().max_age_days, 90);
    }

    #[test]
    fn the_column_round_trips_and_nothing_asked_is_null() {
        assert_eq!(MemberRules::default().to_column(), None);
        let rules = asking(16, 1, 0, true);
        assert_eq!(MemberRules::from_column(rules.to_column().as_deref()), rules);
        assert_eq!(MemberRules::from_column(None), MemberRules::default());
        assert_eq!(MemberRules::from_column(Some("{not json")), MemberRules::default(), "asks nothing, logged");
    }
}
