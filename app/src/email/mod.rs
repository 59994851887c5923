//! The account's email address: verification, change of address (confirmed by a link to the
//! new address, with a notice to the old one).

pub use wire::email::*;

pub mod api;
pub mod ui;
