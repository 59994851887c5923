//! Security → Recent activity: what happened to an account, as its owner reads it.

use serde::{Deserialize, Serialize};

/// The groups of events a reader filters by. Each audit event belongs to exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    SignIn,
    Password,
    Email,
    TwoFactor,
    Tokens,
    Sessions,
    SupportPin,
    Profile,
    Organizations,
    Account,
    Administration,
}

/// Events by kind. An event not listed (none today) counts as `Administration`.
const KINDS: &[(ActivityKind, &[&str])] = &[
    (
        ActivityKind::SignIn,
        &["signed_in", "sign_in_failed", "two_factor_failed", "backup_code_used", "signed_out", "reauthenticated"],
    ),
    (ActivityKind::Password, &["password_changed", "password_reset_requested", "password_reset"]),
    (
        ActivityKind::Email,
        &[
            "email_verification_sent",
            "email_verified",
            "email_change_requested",
            "email_changed",
            "email_change_cancelled",
        ],
    ),
    (
        ActivityKind::TwoFactor,
        &[
            "two_factor_enabled",
            "two_factor_disabled",
            "backup_codes_regenerated",
            "two_factor_forced",
            "two_factor_force_lifted",
            "two_factor_reset",
        ],
    ),
    (ActivityKind::Tokens, &["token_created", "token_regenerated", "token_deleted"]),
    (ActivityKind::Sessions, &["session_revoked", "other_sessions_revoked"]),
    (ActivityKind::SupportPin, &["support_pin_set", "support_pin_removed", "support_pin_checked", "support_lookup"]),
    (ActivityKind::Profile, &["profile_changed", "avatar_changed", "preferences_changed"]),
    (
        ActivityKind::Organizations,
        &[
            "org_created",
            "org_changed",
            "org_password_policy_changed",
            "org_role_changed",
            "org_member_removed",
            "org_left",
            "org_deleted",
            "org_invitation_sent",
            "org_invitation_revoked",
            "org_joined",
            "contract_changed",
        ],
    ),
    (
        ActivityKind::Account,
        &[
            "account_created",
            "admin_created",
            "account_deletion_requested",
            "account_restored",
            "account_deleted",
            "account_disabled",
            "account_enabled",
            "support_role_granted",
            "support_role_revoked",
            "data_export_requested",
            "data_export_downloaded",
        ],
    ),
    (
        ActivityKind::Administration,
        &[
            "password_policy_changed",
            "two_factor_settings_changed",
            "token_settings_changed",
            "preference_defaults_changed",
            "support_pin_settings_changed",
            "deletion_settings_changed",
        ],
    ),
];

impl ActivityKind {
    pub const ALL: [ActivityKind; 11] = [
        ActivityKind::SignIn,
        ActivityKind::Password,
        ActivityKind::Email,
        ActivityKind::TwoFactor,
        ActivityKind::Tokens,
        ActivityKind::Sessions,
        ActivityKind::SupportPin,
        ActivityKind::Profile,
        ActivityKind::Organizations,
        ActivityKind::Account,
        ActivityKind::Administration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::SignIn => "sign_in",
            ActivityKind::Password => "password",
            ActivityKind::Email => "email",
            ActivityKind::TwoFactor => "two_factor",
            ActivityKind::Tokens => "tokens",
            ActivityKind::Sessions => "sessions",
            ActivityKind::SupportPin => "support_pin",
            ActivityKind::Profile => "profile",
            ActivityKind::Organizations => "organizations",
            ActivityKind::Account => "account",
            ActivityKind::Administration => "administration",
        }
    }

    /// The kind's name, to show in the reader's language (`activity-kind-<kind>`).
    pub fn label(self) -> i18n::Msg {
        i18n::Msg::new(format!("activity-kind-{}", self.as_str()))
    }

    pub fn parse(s: &str) -> Option<ActivityKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The audit events of this kind.
    pub fn events(self) -> &'static [&'static str] {
        KINDS.iter().find(|(k, _)| *k == self).map_or(&[], |(_, e)| e)
    }

    /// The kind of an audit event.
    pub fn of(event: &str) -> ActivityKind {
        KINDS.iter().find(|(_, e)| e.contains(&event)).map_or(ActivityKind::Administration, |(k, _)| *k)
    }
}

/// One entry of an account's activity as the Recent activity panel shows it. Holds nothing
/// secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityLine {
    pub id: String,
    /// What happened (`signed_in`, `password_changed`, …).
    pub event: String,
    pub kind: ActivityKind,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Where the request came from.
    pub ip: String,
    /// The browser's and system's names read from its user agent, as on the sessions list
    /// (`Firefox`, `Linux`; `Unknown client`, `Other client`, `unknown system` when unnamed).
    pub browser: String,
    pub os: String,
    /// Who did it when not the account's owner: an administrator's username, or the command
    /// (`gatehouse reset-2fa`) of the server's operator.
    pub by: Option<String>,
}

/// One entry as the API gives it: the line, the user agent as the client sent it, and the
/// event's details (never a secret). Not for the pages: its free-form details would bring a
/// JSON value's code to the browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    #[serde(flatten)]
    pub line: ActivityLine,
    pub user_agent: String,
    /// Details of the event.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub detail: serde_json::Value,
}

/// A page of activity, newest first, and the cursor of the next (older) page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub items: Vec<Activity>,
    pub next: Option<String>,
}

/// The panel's page: the lines only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityLines {
    pub items: Vec<ActivityLine>,
    pub next: Option<String>,
}

impl From<ActivityPage> for ActivityLines {
    fn from(p: ActivityPage) -> Self {
        ActivityLines { items: p.items.into_iter().map(|a| a.line).collect(), next: p.next }
    }
}

/// An entry of the server-wide log (Administration → Audit log): the line, and the account it
/// concerns (a username, a deleted account's pseudonym, or none for the server's settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerActivityLine {
    #[serde(flatten)]
    pub line: ActivityLine,
    pub account: Option<String>,
}

/// A page of the server-wide log; `next` is the cursor of the page after it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ServerActivityPage {
    pub items: Vec<ServerActivityLine>,
    pub next: Option<String>,
}

/// Entries per page: the default, and the most a request may ask for.
pub const PAGE: i64 = 50;
pub const PAGE_MAX: i64 = 200;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_has_one_kind_and_kinds_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for (kind, events) in KINDS {
            for e in *events {
                assert!(seen.insert(*e), "{e} listed twice");
                assert_eq!(ActivityKind::of(e), *kind);
            }
        }
        for k in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse(k.as_str()), Some(k));
            assert!(!k.events().is_empty(), "{k:?}");
        }
        assert_eq!(ActivityKind::parse("nope"), None);
    }
}
