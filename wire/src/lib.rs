//! Gatehouse's wire types: what crosses between the browser, the server and API clients.
//!
//! This crate compiles to WebAssembly: no database, no crypto, no I/O. It holds the views the
//! pages show (`XxxView`), the one error type [`error::AppError`], the password policy's rules
//! (the browser marks them while typing with the same code the server checks them with) and the
//! parse-don't-validate newtypes of account fields.

pub mod account;
pub mod activity;
pub mod admin;
pub mod deletion;
pub mod email;
pub mod error;
pub mod my_data;
pub mod organization;
pub mod password;
pub mod preferences;
pub mod presence;
pub mod profile;
pub mod session;
pub mod support;
pub mod time;
pub mod token;
pub mod two_factor;
pub mod user_agent;

pub use error::{AppError, FieldError, Problems};
