//! Gatehouse's core: the account center's capabilities, with no Leptos and no HTTP inside.
//!
//! It stands on the `platform` crate (database, clock, crypto, settings, audit, mail, hasher)
//! and speaks the `wire` crate's types. The pages' server functions (`app`) and the REST API
//! (`server`) are thin adapters over it: they find the [`principal::Principal`], pass the
//! [`access`] gate with what the operation opens to, parse the input and call a service here.
//!
//! Modules are layered; a module imports only modules of lower layers (`layers` tests it):
//!
//! 1. `notices`, `policy`: mail texts; the password policy on the server
//! 2. `accounts`: the `users` table (its only writer) and new accounts
//! 3. `sessions`; `devices`: the devices an account signed in from
//! 4. `principal`: who is asking
//! 5. `factors`: second factors and their codes
//! 6. `reauth`: proofs that the owner re-authenticated
//! 7. `email`, `tokens`, `two_factor`, `preferences`, `presence`, `support_pin`: the account's own
//!    changes
//! 8. `password` (a new password ends sessions and, at a reset, tokens), `auth`, `profile`, `page`,
//!    `access`, `callers`: sign-in flows, the gate, who is calling; `organizations`: workspaces,
//!    their members, invitations, contracts and the rules they set for their members
//! 9. `admin`, `support`: what administrators and support staff do to other accounts; `deletion`,
//!    `my_data`: an account's deletion and the export of its data

pub mod access;
pub mod accounts;
pub mod activity;
pub mod admin;
pub mod auth;
pub mod avatar;
pub mod callers;
pub mod deletion;
pub mod devices;
pub mod email;
pub mod factors;
pub mod my_data;
pub mod notices;
pub mod organizations;
pub mod page;
pub mod password;
pub mod policy;
pub mod preferences;
pub mod presence;
pub mod principal;
pub mod profile;
pub mod reauth;
pub mod sessions;
pub mod support;
pub mod support_pin;
pub mod tokens;
pub mod two_factor;

#[cfg(any(test, feature = "test-support"))]
pub mod testing;

#[cfg(test)]
mod layers;
#[cfg(test)]
mod plans;

use platform::{ratelimit::Batched, Env, Platform};

/// The core, built once at start-up: the platform and what capabilities keep per instance.
pub struct Core {
    pub platform: Platform,
    /// How long sessions live.
    pub timeouts: sessions::Timeouts,
    /// The API's hot path: recently checked tokens...
    pub token_cache: tokens::TokenCache,
    /// ...and per-token call counts, added to the shared row in batches.
    pub api_limiter: Batched,
    /// REST API calls allowed per token (or API session) per minute.
    pub api_calls_per_minute: i64,
}

impl Core {
    pub fn new(platform: Platform, timeouts: sessions::Timeouts, api_calls_per_minute: i64) -> Self {
        Core {
            platform,
            timeouts,
            // Tokens are re-read at least every two seconds; call counts reach the database
            // every ten calls or every second.
            token_cache: tokens::TokenCache::new(2_000),
            api_limiter: Batched::new(10),
            api_calls_per_minute,
        }
    }

    /// The environment of one request, with the clock read now.
    pub fn env(&self) -> Env<'_> {
        self.platform.env()
    }
}
