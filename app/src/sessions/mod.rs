//! Server-side sessions: the cookie holds a random 256-bit token; the database holds its
//! SHA-256, the account, the client and the times that end it.

#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
