//! The account's email address on the wire.

use serde::{Deserialize, Serialize};

/// The address and where it stands, for the Profile page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailStatus {
    pub email: String,
    pub verified: bool,
    /// A new address waiting for its confirmation link to be opened.
    pub pending: Option<String>,
}
