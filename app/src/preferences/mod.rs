//! Preferences (seed 003): the page with every setting, grouped as in the seed, with a live
//! preview of the Messages and Highlights settings; the same form sets the server's defaults in
//! Administration.

pub mod api;
pub mod preview;
pub mod ui;
