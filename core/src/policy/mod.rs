//! The password policy on the server: where it is stored, the common-password list, the
//! check every new password passes (registration, change, reset, `create-admin`), and the
//! history the policy may forbid reusing. The rules themselves are wire code
//! (`wire::password`): the browser marks them while typing with the same code.

pub mod common;

use platform::{crypto::new_id, db::Db, settings::Key, Env};
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
