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
    PasswordResetRequested,
    PasswordReset,
    EmailVerificationSent,
    EmailVerified,
    EmailChangeRequested,
    EmailChanged,
    PasswordPolicyChanged,
    Reauthenticated,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorFailed,
    BackupCodeUsed,
    BackupCodesRegenerated,
    TwoFactorForced,
    TwoFactorForceLifted,
    TwoFactorReset,
    TwoFactorSettingsChanged,
    TokenCreated,
    TokenRegenerated,
    TokenDeleted,
    TokenSettingsChanged,
    ProfileChanged,
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
            AuditEvent::PasswordResetRequested => "password_reset_requested",
            AuditEvent::PasswordReset => "password_reset",
            AuditEvent::EmailVerificationSent => "email_verification_sent",
            AuditEvent::EmailVerified => "email_verified",
            AuditEvent::EmailChangeRequested => "email_change_requested",
            AuditEvent::EmailChanged => "email_changed",
            AuditEvent::PasswordPolicyChanged => "password_policy_changed",
            AuditEvent::Reauthenticated => "reauthenticated",
            AuditEvent::TwoFactorEnabled => "two_factor_enabled",
            AuditEvent::TwoFactorDisabled => "two_factor_disabled",
            AuditEvent::TwoFactorFailed => "two_factor_failed",
            AuditEvent::BackupCodeUsed => "backup_code_used",
            AuditEvent::BackupCodesRegenerated => "backup_codes_regenerated",
            AuditEvent::TwoFactorForced => "two_factor_forced",
            AuditEvent::TwoFactorForceLifted => "two_factor_force_lifted",
            AuditEvent::TwoFactorReset => "two_factor_reset",
            AuditEvent::TwoFactorSettingsChanged => "two_factor_settings_changed",
            AuditEvent::TokenCreated => "token_created",
            AuditEvent::TokenRegenerated => "token_regenerated",
            AuditEvent::TokenDeleted => "token_deleted",
            AuditEvent::TokenSettingsChanged => "token_settings_changed",
            AuditEvent::ProfileChanged => "profile_changed",
        }
    }
}
