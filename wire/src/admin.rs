//! What the administration pages show.

use serde::{Deserialize, Serialize};

use crate::account::UserView;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminSummary {
    pub total_users: i64,
    pub admins: i64,
    /// Messages the server gave up delivering (refused addresses, too many failed tries).
    pub mail_given_up: i64,
    pub users: Vec<AdminUser>,
    /// The cursor of the next page (`after`), when there is one.
    pub next_page: Option<String>,
}

/// A user in the administrators' list, with their two-factor state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminUser {
    #[serde(flatten)]
    pub user: UserView,
    /// An authenticator app is set up.
    pub totp: bool,
    /// An administrator requires two-factor authentication of this user.
    pub two_factor_forced: bool,
    /// Disabled: by an administrator, or deleted and in its grace period.
    #[serde(default)]
    pub disabled: bool,
    /// Deleted: gone for good at this time (unless restored before).
    #[serde(default)]
    pub deletion_due_at: Option<i64>,
}
