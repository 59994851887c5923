//! Accounts: the `users` table (its only writer is [`repo`]) and making a new account.

pub mod repo;

use i18n::k;
use platform::{audit::AuditEvent, crypto::new_id, request::ClientMeta, Env};
use serde_json::json;
use wire::{
    account::{DisplayName, Email, Role, Username},
    error::{AppError, Problems},
    password::{PasswordPolicy, Personal},
};

pub use repo::UserRow;

use crate::policy;

/// A registration form (or the `create-admin` command line) as typed.
pub struct RegisterInput<'a> {
    pub name: &'a str,
    pub username: &'a str,
    pub email: &'a str,
    pub password: &'a str,
}

/// Validated fields of a new account.
pub struct NewAccount {
    pub name: DisplayName,
    pub username: Username,
    pub email: Email,
}

/// Every problem of the form at once, the password's rules included.
pub fn parse_new_account(input: &RegisterInput<'_>, policy: &PasswordPolicy) -> Result<NewAccount, AppError> {
    let mut p = Problems::default();
    let name = p.check("name", DisplayName::parse(input.name));
    let username = p.check("username", Username::parse(input.username));
    let email = p.check("email", Email::parse(input.email));
    let personal = Personal::new(input.username.trim(), input.email.trim(), input.name);
    policy::check(policy, input.password, &personal, &mut p, "password");
    match (name, username, email) {
        (Some(name), Some(username), Some(email)) if p.is_empty() => Ok(NewAccount { name, username, email }),
        _ => p.into_result().and(Err(AppError::Internal)),
    }
}

/// Creates an account with `role`. The password is hashed before the uniqueness check, so a
/// taken address costs the same time as a free one.
pub async fn create(
    env: &Env<'_>,
    account: &NewAccount,
    password: &str,
    role: Role,
    meta: &ClientMeta,
) -> Result<UserRow, AppError> {
    let hash = env.hasher.hash(password).await?;
    let canonical = account.username.canonical();
    let (username_taken, email_taken) = repo::taken(env.db, &canonical, account.email.as_str()).await?;
    if username_taken {
        return Err(AppError::conflict("username", k::error_username_taken()));
    }
    if email_taken {
        return Err(AppError::conflict("email", k::error_email_unavailable()));
    }
    let row = UserRow {
        id: new_id(),
        username: canonical,
        display_username: account.username.display().to_owned(),
        email: account.email.as_str().to_owned(),
        name: account.name.as_str().to_owned(),
        password_hash: hash,
        role: role.as_str().to_owned(),
        created_at: env.now,
        updated_at: env.now,
        password_changed_at: env.now,
        disabled_at: None,
        email_verified_at: None,
        two_factor_forced_at: None,
        email_two_factor: None,
        nickname: String::new(),
        bio: String::new(),
        status: "online".into(),
        status_text: String::new(),
        avatar_etag: None,
        org_rules: None,
        deletion_due_at: None,
        deletion_restorable: 0,
        deletion_claimed_at: None,
    };
    if let Err(e) = repo::insert(env.db, &row).await {
        return Err(if repo::is_unique_violation(&e) {
            // Lost a race with another registration of the same name or address.
            AppError::conflict("username", k::error_username_or_email_taken())
        } else {
            e.into()
        });
    }
    policy::remember(env.db, &row.id, &row.password_hash, env.now).await?;
    let event = if role == Role::Admin { AuditEvent::AdminCreated } else { AuditEvent::AccountCreated };
    env.audit(&row.id, None, event, json!({}), meta).await?;
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let err = parse_new_account(
            &RegisterInput { name: " ", username: "a", email: "nope", password: "password" },
            &PasswordPolicy::default(),
        )
        .err()
        .unwrap();
        assert_eq!(err.field_msgs("name"), vec![k::error_name_empty()]);
        assert_eq!(err.field_msgs("username"), vec![k::error_username_length(3, 32)]);
        assert_eq!(err.field_msgs("email"), vec![k::error_email_invalid()]);
        assert_eq!(err.field_msgs("password"), vec![k::error_password_common()]);
        assert_eq!(
            err.body().errors.and_then(|e| e.last().map(|e| e.message.clone())).as_deref(),
            Some("This password is too common. Choose one that is harder to guess.")
        );
    }
}
