//! Personal access tokens: made on the Personal Access Tokens page, shown once, used by API
//! clients as `Authorization: Bearer <token>` (or Rocket.Chat's `X-User-Id` + `X-Auth-Token`).

pub use wire::token::*;

pub mod api;
pub mod ui;
