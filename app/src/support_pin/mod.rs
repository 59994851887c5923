//! The Support PIN on the Security page (seed 004: **Set Support PIN**).

pub use wire::support::{PinInput, PinSettings, PinState};

pub mod api;
pub mod ui;
