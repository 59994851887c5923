//! Personal access tokens on the wire: the list's view, a token shown once, expiry choices and
//! the administrators' settings.

use i18n::{k, Msg};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A token as the list shows it. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenView {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub last_used_ip: Option<String>,
    pub expires_at: Option<i64>,
    pub ignore_two_factor: bool,
    pub read_only: bool,
    /// The token's last six characters.
    pub last_chars: String,
}

/// A token just made or regenerated: the only time its value leaves the server.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewToken {
    pub user_id: String,
    pub token: String,
    pub view: TokenView,
}

impl std::fmt::Debug for NewToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewToken").field("view", &self.view).field("token", &"[redacted]").finish()
    }
}

/// How long a new token lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    Days(u32),
    Never,
}

impl Expiry {
    /// The choices of the form, in the order shown (the default first): the value sent and
    /// its label.
    pub fn choices() -> [(&'static str, Msg); 4] {
        [
            ("30", k::common_days(30)),
            ("7", k::common_days(7)),
            ("90", k::common_days(90)),
            ("never", k::error_token_no_expiry()),
        ]
    }

    pub fn parse(s: &str) -> Result<Expiry, AppError> {
        match s.trim() {
            "7" => Ok(Expiry::Days(7)),
            "30" => Ok(Expiry::Days(30)),
            "90" => Ok(Expiry::Days(90)),
            "never" => Ok(Expiry::Never),
            _ => Err(AppError::field("expires", k::error_token_expiry_choose())),
        }
    }
}

/// Server-wide token settings, edited by administrators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenSettings {
    /// The longest lifetime a new token may have, in days; 0: no limit (tokens may never expire).
    pub max_days: u32,
}
