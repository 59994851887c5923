//! Organizations (workspaces) on the wire: their names and slugs, the members' roles, contracts,
//! invitations and what the pages show of them.
//!
//! Seeds 000 and 004: a person owns or belongs to workspaces and organizations; an organization
//! has a contract (a plan, a status, an end date) that the server's administrator or a billing
//! system keeps; its owners and admins set rules for its members (a password policy, **Force
//! 2-Factor Auth**) and may make it visible only to members who use two-factor authentication.

use i18n::{k, Msg};
use serde::{Deserialize, Serialize};

use crate::password::PasswordPolicy;
pub use crate::time::{date_of, parse_date};

/// A member's role in an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    /// Everything: members and their roles, rules, the organization itself. At least one
    /// owner always remains.
    Owner,
    /// Invites and removes members, sets the rules; cannot touch owners.
    Admin,
    Member,
}

impl OrgRole {
    pub const ALL: [OrgRole; 3] = [OrgRole::Owner, OrgRole::Admin, OrgRole::Member];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgRole::Owner => "owner",
            OrgRole::Admin => "admin",
            OrgRole::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<OrgRole> {
        OrgRole::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    /// Owners and admins manage members and rules.
    pub fn manages(self) -> bool {
        matches!(self, OrgRole::Owner | OrgRole::Admin)
    }

    pub fn label(self) -> Msg {
        match self {
            OrgRole::Owner => k::org_role_owner(),
            OrgRole::Admin => k::org_role_admin(),
            OrgRole::Member => k::org_role_member(),
        }
    }
}

/// Fewest and most characters of an organization's name.
pub const ORG_NAME_MAX: usize = 100;
/// Fewest and most characters of a slug.
pub const SLUG_MIN: usize = 3;
pub const SLUG_MAX: usize = 40;

/// An organization's name: 1 to 100 characters of one line, nothing invisible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgName(String);

impl OrgName {
    pub fn parse(raw: &str) -> Result<OrgName, Msg> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(k::error_org_name_empty());
        }
        if name.chars().count() > ORG_NAME_MAX {
            return Err(k::error_too_long(ORG_NAME_MAX));
        }
        if name.chars().any(char::is_control) {
            return Err(k::error_one_line());
        }
        if name.chars().any(crate::profile::is_deceptive) {
            return Err(k::error_deceptive_characters());
        }
        Ok(OrgName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The organization's address: 3 to 40 lower-case letters, digits and single dashes, starting
/// and ending with a letter or digit (`acme`, `acme-berlin`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Slug, Msg> {
        let slug = raw.trim().to_lowercase();
        if slug.is_empty() {
            return Err(k::error_slug_empty());
        }
        let n = slug.chars().count();
        if !(SLUG_MIN..=SLUG_MAX).contains(&n) {
            return Err(k::error_slug_length(SLUG_MIN, SLUG_MAX));
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if !slug.chars().all(allowed) || slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
            return Err(k::error_slug_characters());
        }
        Ok(Slug(slug))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A contract's plan. There is no billing in Gatehouse: the server's administrator, or a billing
/// system through the contracts webhook, says what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Plan {
    Free,
    Paid,
}

impl Plan {
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Free => "free",
            Plan::Paid => "paid",
        }
    }

    pub fn parse(s: &str) -> Option<Plan> {
        [Plan::Free, Plan::Paid].into_iter().find(|p| p.as_str() == s.trim())
    }
}

/// Where a contract stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ContractStatus {
    /// Running (until its end date, if it has one).
    Active,
    /// Will not renew: runs until its end date (without one, it is over).
    Cancelled,
    /// Over.
    Ended,
}

impl ContractStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Active => "active",
            ContractStatus::Cancelled => "cancelled",
            ContractStatus::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Option<ContractStatus> {
        [ContractStatus::Active, ContractStatus::Cancelled, ContractStatus::Ended]
            .into_iter()
            .find(|c| c.as_str() == s.trim())
    }
}

/// An organization's contract. An organization without one has nothing running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub plan: Plan,
    pub status: ContractStatus,
    /// When it ends (unix milliseconds); None: open-ended.
    pub ends_at: Option<i64>,
    pub updated_at: i64,
}

impl Contract {
    /// Whether the contract is still running at `now` (seed 000: an account that owns an
    /// organization with "an ongoing paid subscription or an active contract" cannot be
    /// deleted until it is over). Active: until its end date, or for good without one.
    /// Cancelled: until its end date. Ended: never.
    pub fn in_force(&self, now: i64) -> bool {
        match (self.status, self.ends_at) {
            (ContractStatus::Ended, _) => false,
            (ContractStatus::Active, None) => true,
            (ContractStatus::Cancelled, None) => false,
            (_, Some(end)) => end > now,
        }
    }
}

/// An organization as its members list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSummary {
    pub id: String,
    pub name: String,
    pub slug: String,
    /// The viewer's role.
    pub role: OrgRole,
    pub members: i64,
    /// Visible only to members with two-factor authentication.
    pub requires_two_factor: bool,
    /// The viewer has no second factor and the organization requires one: listed, not opened.
    pub locked: bool,
    pub contract: Option<Contract>,
}

/// An organization's page, for one of its members (never shown when locked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgView {
    pub summary: OrgSummary,
    /// The password rules it adds for its members (None: none).
    pub password_policy: Option<PasswordPolicy>,
    pub owners: i64,
    /// The viewer has a second factor (an owner must, to make the organization visible only
    /// to members who do).
    pub viewer_has_two_factor: bool,
}

/// A member as the organization's **Users & Groups** page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: String,
    pub username: String,
    pub name: String,
    pub email: String,
    pub role: OrgRole,
    /// The member signs in with a second factor.
    pub two_factor: bool,
    /// This organization forces two-factor authentication for the member (**Force 2-Factor
    /// Auth**).
    pub forced: bool,
    pub joined_at: i64,
}

/// An open invitation, as the organization's managers see it (never its link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub id: String,
    pub email: String,
    pub role: OrgRole,
    pub invited_by: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// The members page: the members, the open invitations, and what the viewer may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersPage {
    pub org: OrgSummary,
    pub members: Vec<MemberView>,
    pub invitations: Vec<InvitationView>,
    /// How many members sign in without a second factor (the compliance view).
    pub without_two_factor: i64,
}

/// An invitation as its link shows it, before it is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPreview {
    pub org_name: String,
    pub org_slug: String,
    /// The address it was sent to.
    pub email: String,
    pub role: OrgRole,
    pub invited_by: String,
    pub expires_at: i64,
    /// The signed-in account's address, when someone is signed in.
    pub signed_in_as: Option<String>,
    /// Already a member.
    pub already_member: bool,
}

/// An organization's password rules, as a member's Security page shows them: which
/// organization asks for which rule beyond the server's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRules {
    pub org_name: String,
    pub rules: Vec<Msg>,
    pub forces_two_factor: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugs_are_lower_case_letters_digits_and_single_dashes() {
        assert_eq!(Slug::parse(" Acme-Berlin ").map(|s| s.as_str().to_owned()), Ok("acme-berlin".to_owned()));
        assert_eq!(Slug::parse("ab"), Err(k::error_slug_length(SLUG_MIN, SLUG_MAX)));
        for bad in ["-acme", "acme-", "ac--me", "ac me", "acmé", "acme_1", "ac/me"] {
            assert_eq!(Slug::parse(bad), Err(k::error_slug_characters()), "{bad}");
        }
        assert_eq!(Slug::parse(""), Err(k::error_slug_empty()));
    }

    #[test]
    fn names_are_one_visible_line() {
        assert!(OrgName::parse("Acme Rockets GmbH").is_ok());
        assert_eq!(OrgName::parse("  "), Err(k::error_org_name_empty()));
        assert_eq!(OrgName::parse("Acme\nInc"), Err(k::error_one_line()));
        assert_eq!(OrgName::parse("Ac\u{202e}me"), Err(k::error_deceptive_characters()));
        assert_eq!(OrgName::parse(&"a".repeat(101)), Err(k::error_too_long(ORG_NAME_MAX)));
    }

    #[test]
    fn a_contract_is_in_force_until_it_ends() {
        let c = |status, ends_at| Contract { plan: Plan::Paid, status, ends_at, updated_at: 0 };
        assert!(c(ContractStatus::Active, None).in_force(10));
        assert!(c(ContractStatus::Active, Some(11)).in_force(10));
        assert!(!c(ContractStatus::Active, Some(10)).in_force(10));
        assert!(c(ContractStatus::Cancelled, Some(11)).in_force(10), "cancelled runs to its end");
        assert!(!c(ContractStatus::Cancelled, None).in_force(10));
        assert!(!c(ContractStatus::Ended, Some(11)).in_force(10));
    }

    proptest! {
        #[test]
        fn an_accepted_slug_is_within_the_rules(raw in any::<String>()) {
            if let Ok(s) = Slug::parse(&raw) {
                let s = s.as_str();
                prop_assert!((SLUG_MIN..=SLUG_MAX).contains(&s.len()));
                prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
                prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"));
            }
        }
    }
}

/// An organization as the administrators' list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOrg {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub members: i64,
    /// The owners' usernames.
    pub owners: Vec<String>,
    pub contract: Option<Contract>,
}
