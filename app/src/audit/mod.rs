//! The security audit log: who did what to which account, when, from where.

#[cfg(feature = "ssr")]
pub mod repo;

/// What happened. Stored as its `as_str()` name; never holds a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditEvent {
    AccountCreated,
    AdminCreated,
    SignedIn,
    SignInFailed,
    SignedOut,
    SessionRevoked,
    OtherSessionsRevoked,
    PasswordChanged,
}

impl AuditEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditEvent::AccountCreated => "account_created",
            AuditEvent::AdminCreated => "admin_created",
            AuditEvent::SignedIn => "signed_in",
            AuditEvent::SignInFailed => "sign_in_failed",
            AuditEvent::SignedOut => "signed_out",
            AuditEvent::SessionRevoked => "session_revoked",
            AuditEvent::OtherSessionsRevoked => "other_sessions_revoked",
            AuditEvent::PasswordChanged => "password_changed",
        }
    }
}
