//! Accounts: registration, sign-in, sign-out and the signed-in user.

pub use wire::account as model;

pub mod api;
pub mod ui;
