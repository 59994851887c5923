//! The account's email address: verification, change of address (confirmed by a link to the
//! new address, with a notice to the old one).

use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

/// The address and where it stands, for the Profile page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailStatus {
    pub email: String,
    pub verified: bool,
    /// A new address waiting for its confirmation link to be opened.
    pub pending: Option<String>,
}
