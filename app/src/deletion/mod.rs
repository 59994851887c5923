//! **Security → Delete account** (seed 000): what will happen, what blocks it, and the request
//! itself; the administrators' grace period and their disable / enable / delete actions.

pub use wire::deletion::{DeletionPlan, DeletionRequested, DeletionSettings};

pub mod api;
pub mod ui;
