//! The one access gate: what a signed-in caller may reach, for the browser's server functions
//! and the REST API alike.
//!
//! An account is in good standing, or its password has expired (the policy's maximum age), or
//! an administrator requires two-factor authentication it has not set up. Each operation
//! declares what it [`Opens`] to; [`decide`] is the whole rule. Reading the standing costs no
//! database read on the hot path: the policy comes from the settings cache, and the TOTP table is
//! read only for an account an administrator forced.

use platform::Env;
use wire::{account::UserView, error::AppError};

use crate::{accounts::UserRow, factors, policy, principal::Principal};

/// What an operation stays open to, declared where the operation is routed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opens {
    /// Only an account in good standing: everything not named below.
    Standing,
    /// Changing the password: open while it has expired (that is how the account gets going
    /// again), and during a forced two-factor setup.
    PasswordChange,
    /// Setting up two-factor authentication: open during a forced setup, not while the password
    /// has expired (it is changed first).
    TwoFactorSetup,
    /// Reading who is signed in and signing out: always open.
    Always,
}

/// Where an account stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    pub password_expired: bool,
    pub two_factor_setup_required: bool,
}

/// The account's standing now.
pub async fn standing(env: &Env<'_>, user: &UserRow) -> Result<Standing, AppError> {
    let policy = policy::in_force(env, &user.member_rules()).await?;
    Ok(Standing {
        password_expired: policy.is_expired(user.password_changed_at, env.now),
        two_factor_setup_required: factors::setup_required(env, user).await?,
    })
}

/// The rule: whether an account in `standing` may reach an operation that `opens` so.
pub fn decide(standing: Standing, opens: Opens) -> Result<(), AppError> {
    let setup_first = standing.two_factor_setup_required;
    let expired = standing.password_expired;
    match opens {
        Opens::Always | Opens::PasswordChange => Ok(()),
        Opens::TwoFactorSetup if expired => Err(AppError::PasswordExpired),
        Opens::TwoFactorSetup => Ok(()),
        Opens::Standing if setup_first => Err(AppError::TwoFactorSetupRequired),
        Opens::Standing if expired => Err(AppError::PasswordExpired),
        Opens::Standing => Ok(()),
    }
}

/// Lets `principal` through to an operation that `opens` so, or says why not.
pub async fn admit(env: &Env<'_>, principal: &Principal, opens: Opens) -> Result<Standing, AppError> {
    let standing = standing(env, &principal.user).await?;
    decide(standing, opens)?;
    Ok(standing)
}

/// The signed-in user as the pages see it, with the standing that leads them (to the password
/// change, or to the two-factor setup).
pub fn view(user: &UserRow, standing: Standing) -> UserView {
    UserView {
        password_expired: standing.password_expired,
        two_factor_setup_required: standing.two_factor_setup_required,
        ..user.view()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_for_every_standing_and_operation() {
        let good = Standing::default();
        let expired = Standing { password_expired: true, ..good };
        let forced = Standing { two_factor_setup_required: true, ..good };
        let both = Standing { password_expired: true, two_factor_setup_required: true };
        let cases = [
            (good, Opens::Standing, Ok(())),
            (good, Opens::PasswordChange, Ok(())),
            (good, Opens::TwoFactorSetup, Ok(())),
            (good, Opens::Always, Ok(())),
            (expired, Opens::Standing, Err(AppError::PasswordExpired)),
            (expired, Opens::PasswordChange, Ok(())),
            (expired, Opens::TwoFactorSetup, Err(AppError::PasswordExpired)),
            (expired, Opens::Always, Ok(())),
            (forced, Opens::Standing, Err(AppError::TwoFactorSetupRequired)),
            (forced, Opens::PasswordChange, Ok(())),
            (forced, Opens::TwoFactorSetup, Ok(())),
            (forced, Opens::Always, Ok(())),
            // The password first, then the setup: neither step locks the other out.
            (both, Opens::Standing, Err(AppError::TwoFactorSetupRequired)),
            (both, Opens::PasswordChange, Ok(())),
            (both, Opens::TwoFactorSetup, Err(AppError::PasswordExpired)),
            (both, Opens::Always, Ok(())),
        ];
        for (standing, opens, expected) in cases {
            assert_eq!(decide(standing, opens), expected, "{standing:?} {opens:?}");
        }
    }
}
