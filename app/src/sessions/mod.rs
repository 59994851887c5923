//! Server-side sessions: the cookie holds a random 256-bit token; the database holds its
//! SHA-256, the account, the client and the times that end it. The Security page lists them.

pub mod api;
pub mod model;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
