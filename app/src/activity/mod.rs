//! Security → Recent activity: the account's own audit log, a page at a time, by kind, and as
//! CSV (`/account/security/activity.csv`, served by the server crate).

pub use wire::activity as model;

pub mod api;
pub mod ui;
