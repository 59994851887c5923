//! Two-factor authentication: TOTP (authenticator apps), codes by email, backup codes, the
//! sign-in's second step, re-authentication before sensitive changes, and the administrators'
//! switch, force and reset.

pub use wire::two_factor::*;

pub mod api;
pub mod ui;
