//! Organizations (workspaces): the list and creation on My Account, an organization's page, its
//! Users & Groups page, and invitations.

pub use wire::organization::*;

pub mod api;
pub mod ui;
