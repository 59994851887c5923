//! Server functions of the Support PIN. Each is authorized through the gate; a change takes
//! this session's recent re-authentication.

use leptos::server;

use super::{PinInput, PinSettings, PinState};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use gatehouse_core::{access::Opens, reauth, support_pin};

/// When the account's PIN was set (never the PIN), and the rules a new one follows.
#[server(prefix = "/fn", endpoint = "support_pin_state")]
pub async fn support_pin_state() -> Result<PinState, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    support_pin::state(&cx.env(), &me.user).await
}

/// **Set Support PIN**: a new PIN (replacing the old one), after the rules are checked; needs
/// this session's recent re-authentication.
#[server(prefix = "/fn", endpoint = "set_support_pin")]
pub async fn set_support_pin(pin: PinInput) -> Result<PinState, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    // A PIN that breaks the rules is told at once, before the re-authentication is asked for.
    let rules = support_pin::settings(&env).await?;
    wire::support::parse_pin(pin.expose(), rules).map_err(|m| AppError::field("pin", m))?;
    let recent = reauth::recent(&env, &me).await?;
    support_pin::set(&env, &recent, pin.expose(), &cx.meta).await
}

/// Removes the PIN; needs this session's recent re-authentication.
#[server(prefix = "/fn", endpoint = "remove_support_pin")]
pub async fn remove_support_pin() -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let recent = reauth::recent(&env, &me).await?;
    support_pin::remove(&env, &recent, &cx.meta).await
}

/// The PIN rules (administrators' page).
#[server(prefix = "/fn", endpoint = "pin_settings")]
pub async fn get_pin_settings() -> Result<PinSettings, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    gatehouse_core::admin::admin(&me)?;
    support_pin::settings(&cx.env()).await
}

/// Administration → Support PIN: the shortest and longest PIN. Numbers arrive as text, so that
/// a bad one gets its message next to its field.
#[server(prefix = "/fn", endpoint = "save_pin_settings")]
pub async fn save_pin_settings(min_length: String, max_length: String) -> Result<(), AppError> {
    use gatehouse_core::admin;
    use wire::error::Problems;

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?;
    let mut p = Problems::default();
    let mut number = |field: &str, raw: &str| match raw.trim().parse::<u8>() {
        Ok(n) => n,
        Err(_) => {
            p.add(field, i18n::k::error_whole_number());
            0
        }
    };
    let settings =
        PinSettings { min_length: number("min_length", &min_length), max_length: number("max_length", &max_length) };
    p.into_result()?;
    admin::check_pin_settings(&settings)?;
    let admin = admin.recent(&env).await?;
    admin::save_pin_settings(&env, &admin, &settings, &cx.meta).await
}
