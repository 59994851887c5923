//! Two-factor authentication: TOTP (authenticator apps), codes by email, backup codes, the
//! sign-in's second step, re-authentication before sensitive changes, and the administrators'
//! switch, force and reset.

pub use wire::two_factor::*;

/// The Security page, where the two-factor section is.
pub const SECURITY_PAGE: &str = "/account/security";
/// The Security page showing backup codes just made, once.
pub const NEW_CODES_PAGE: &str = "/account/security?codes=new";

pub mod api;
pub mod ui;
