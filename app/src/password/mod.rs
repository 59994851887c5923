//! Passwords: the policy's rules (the same code marks them while typing and checks them on the
//! server), change, forgot and reset.

pub use wire::password as rules;

pub mod api;
pub mod ui;
