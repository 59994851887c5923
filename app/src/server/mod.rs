//! Server-only infrastructure: state, configuration, database, clock, crypto, rate limits and
//! the guards every server function starts with.

pub mod clock;
pub mod config;
pub mod crypto;
pub mod db;
pub mod guard;
pub mod links;
pub mod ratelimit;
pub mod request;
pub mod settings;
pub mod state;

pub use state::AppState;
