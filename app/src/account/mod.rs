//! My Account: the signed-in area with Profile, Preferences, Security and Personal Access
//! Tokens. Later capabilities fill the sections.

pub mod api;
pub mod avatar;
pub mod profile;
pub mod ui;
