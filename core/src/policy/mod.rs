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
/// `field`. The history is checked apart ([`check_history`]): it needs the hasher.
pub fn check(policy: &PasswordPolicy, password: &str, personal: &Personal, problems: &mut Problems, field: &str) {
    for v in policy.check(password, personal) {
        problems.add(field, v.message());
    }
    if policy.block_common && common::is_common(password) {
        problems.add(field, Violation::Common.message());
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

/// `Violation::Reused` when `password` is one of the account's last `policy.history` passwords
/// (the current one included).
pub async fn check_history(
    env: &Env<'_>,
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
    .fetch_all(env.db)
    .await?;
    for (hash,) in &hashes {
        if env.hasher.verify(password, Some(hash)).await? {
            return Ok(Some(Violation::Reused { last: policy.history }));
        }
    }
    Ok(None)
}
