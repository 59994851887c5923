//! Server-side sessions: the cookie holds a random 256-bit token; the database holds its
//! SHA-256, the account, the client and the times that end it. The Security page lists them.

pub use wire::session as model;

pub mod api;
pub mod ui;
