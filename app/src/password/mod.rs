//! Passwords: the policy (shared by browser and server), hashing, the common-password list.

pub mod api;
#[cfg(feature = "ssr")]
pub mod common;
#[cfg(feature = "ssr")]
pub mod hasher;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;
