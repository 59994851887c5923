//! Passwords: the policy (shared by browser and server), hashing, the common-password list.

#[cfg(feature = "ssr")]
pub mod common;
#[cfg(feature = "ssr")]
pub mod hasher;
pub mod api;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
