//! Administration: server-wide settings and users, for admins only.

pub mod api;
pub mod ui;
