//! Two-factor authentication on the wire: methods, the account's state for the Security page,
//! a TOTP setup shown once, the sign-in's challenge and the administrators' settings.

use i18n::{k, Msg};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A way to give the second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Totp,
    Email,
    Backup,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Totp => "totp",
            Method::Email => "email",
            Method::Backup => "backup",
        }
    }

    pub fn parse(s: &str) -> Result<Method, AppError> {
        match s.trim() {
            "totp" => Ok(Method::Totp),
            "email" => Ok(Method::Email),
            "backup" => Ok(Method::Backup),
            _ => Err(AppError::field("method", k::error_method_choose())),
        }
    }

    /// What the code field is called for this method, to word in the reader's language.
    pub fn label(self) -> Msg {
        match self {
            Method::Totp => k::error_code_label_totp(),
            Method::Email => k::error_code_label_email(),
            Method::Backup => k::error_code_label_backup(),
        }
    }
}

/// Server-wide settings, edited by administrators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TwoFactorSettings {
    /// Off: the Security section is hidden and no second step is asked (enrolments are kept).
    pub enabled: bool,
    /// Email codes are on for every verified address unless its owner turned them off (seed
    /// 002: "By default, 2FA is enabled with the sign-up email"). An administrator can turn
    /// the default off server-wide.
    pub email_by_default: bool,
}

impl Default for TwoFactorSettings {
    fn default() -> Self {
        TwoFactorSettings { enabled: true, email_by_default: true }
    }
}

/// The account's two-factor state for the Security page. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorState {
    /// Two-factor authentication is on server-wide.
    pub available: bool,
    pub totp: bool,
    pub email: bool,
    pub email_verified: bool,
    pub backup_codes_left: i64,
    /// The password (and second factor) were entered again recently: changes are open.
    pub reauthenticated: bool,
    /// An administrator requires TOTP for this account.
    pub forced: bool,
    /// The ways this account can give a code now.
    pub methods: Vec<Method>,
}

impl TwoFactorState {
    pub fn backup_codes_low(&self) -> bool {
        self.totp && self.backup_codes_left <= 2
    }
}

/// A TOTP setup in progress: shown once. `setup` is the secret sealed under the server key
/// (the browser cannot read it); it comes back with the first code and is stored only then.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    pub uri: String,
    /// The key for manual entry, in groups of four.
    pub key: String,
    /// The QR code of `uri`: an SVG drawn on the server, as a data URL.
    pub qr: String,
    pub setup: String,
}

impl std::fmt::Debug for TotpSetup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSetup([redacted])")
    }
}

/// What the Security page's setup assistant shows beyond the account's state, read while the
/// page renders: the key of the setup in progress (on the steps that show it) and backup codes
/// just made (once, on `?codes=new`). Holds secrets that are shown once.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistantView {
    pub setup: Option<TotpSetup>,
    /// Why there is no key when one was asked for (the password must be confirmed first, say).
    pub setup_error: Option<AppError>,
    pub new_codes: Option<Vec<String>>,
}

impl std::fmt::Debug for AssistantView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AssistantView([redacted])")
    }
}

/// The second step of a sign-in: how the code can be given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub methods: Vec<Method>,
}
