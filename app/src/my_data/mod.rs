//! Preferences → My Data (seed 003): **Download my data** (HTML) and **Export my data** (JSON),
//! each queued, with its progress shown while it is written; the link to the file is mailed.

pub mod api;
pub mod ui;
