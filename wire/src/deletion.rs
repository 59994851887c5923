//! Deleting an account (seed 000, "Delete my account") on the wire: what the page shows before
//! (the organizations that go with the account, those it leaves, what blocks it), the
//! administrators' grace period, and what the request answers.

use i18n::{k, Msg};
use serde::{Deserialize, Serialize};

/// The longest grace period the administrators may set, in days.
pub const GRACE_CEILING_DAYS: u32 = 90;

/// Administration → Account deletion: how long a deleted account stays disabled and restorable
/// (by signing in) before it is gone. 0: gone at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeletionSettings {
    pub grace_days: u32,
}

impl Default for DeletionSettings {
    fn default() -> Self {
        DeletionSettings { grace_days: 7 }
    }
}

impl DeletionSettings {
    /// What is wrong with these settings, per field.
    pub fn problems(&self) -> Vec<(&'static str, Msg)> {
        if self.grace_days > GRACE_CEILING_DAYS {
            vec![("grace_days", k::error_grace_days_range(GRACE_CEILING_DAYS))]
        } else {
            Vec::new()
        }
    }

    /// Within the bounds, whatever a stored row says.
    pub fn bounded(self) -> DeletionSettings {
        DeletionSettings { grace_days: self.grace_days.min(GRACE_CEILING_DAYS) }
    }

    /// The grace period in milliseconds.
    pub fn grace_ms(&self) -> i64 {
        i64::from(self.bounded().grace_days) * 24 * 3600 * 1000
    }
}

/// An organization as the deletion page names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRef {
    pub name: String,
    pub slug: String,
}

/// An organization whose contract keeps the account from being deleted, and until when (None:
/// the contract has no end date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocker {
    pub org: OrgRef,
    pub ends_at: Option<i64>,
}

/// **Delete account**: what happens if the person goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionPlan {
    /// Organizations the person alone owns: deleted with the account.
    pub deleted: Vec<OrgRef>,
    /// Organizations the person belongs to (or owns with others): the membership ends.
    pub left: Vec<OrgRef>,
    /// Owned organizations whose contract runs: while there are any, deletion is refused.
    pub blockers: Vec<Blocker>,
    /// Days the account stays restorable; 0: deleted at once.
    pub grace_days: u32,
    /// What to type to confirm: the username.
    pub confirm_with: String,
}

/// What a deletion request came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionRequested {
    /// When the account is gone for good (None: it is gone already).
    pub due_at: Option<i64>,
}
