//! The support desk: support staff look an account up and check the Support PIN a caller gives.

pub use wire::support::{AccountState, PinCheck, PinVerdict, SupportAccount};

pub mod api;
pub mod ui;
