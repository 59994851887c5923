//! Gatehouse's platform: what every capability stands on, and nothing that knows a capability.
//!
//! The database (one portable set of SQL on SQLite or PostgreSQL), the clock, random tokens and
//! the server key, configuration, rate limits counted in the database, single-use links,
//! administrators' settings (cached per instance), the audit log, the mail queue and its
//! sender, the argon2id hasher, and [`env::Env`], what a service is handed. Capabilities live in
//! the core crate above; the crate graph keeps this layer from importing them.

pub mod audit;
pub mod backup;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod db;
pub mod env;
pub mod hasher;
pub mod links;
pub mod mail;
pub mod metrics;
pub mod outbound;
pub mod ratelimit;
pub mod request;
pub mod settings;
pub mod tasks;

pub use env::{Env, Platform};
