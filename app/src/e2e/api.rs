//! Server functions of E2E encryption. Each authorizes itself through the gate; none ever
//! receives the encryption password or the unwrapped private key: the browser sends the
//! public key, the wrapped private key and ciphertext only.

use leptos::server;

use super::{E2eKeyView, E2eSettings, E2eState, KeyUpload, RememberedDevice, SealedNote};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use gatehouse_core::{access::Opens, e2e, reauth};

/// The account's key (public, and wrapped), the remembered browsers and the sealed note.
#[server(prefix = "/fn", endpoint = "e2e_state")]
pub async fn get_e2e_state() -> Result<E2eState, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    e2e::state(&cx.env(), &me.user).await
}

/// Stores a key made in this browser, or the key wrapped under a new encryption password
/// (Change Encryption Password); a stale `expected_version` is 409.
#[server(prefix = "/fn", endpoint = "upload_e2e_key", input = server_fn::codec::Json)]
pub async fn upload_e2e_key(upload: KeyUpload) -> Result<E2eKeyView, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    e2e::upload(&cx.env(), &me, &upload, &cx.meta).await
}

/// Saves the Encrypted note to yourself (ciphertext sealed in the browser).
#[server(prefix = "/fn", endpoint = "save_e2e_note", input = server_fn::codec::Json)]
pub async fn save_e2e_note(note: SealedNote) -> Result<i64, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    e2e::save_note(&cx.env(), &me, &note).await
}

/// Lists this browser as keeping the unlocked key of wrapping `version`.
#[server(prefix = "/fn", endpoint = "remember_e2e_device")]
pub async fn remember_e2e_device(version: i64) -> Result<RememberedDevice, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    e2e::remember_device(&cx.env(), &me, version, &cx.meta).await
}

/// Forgets a remembered browser.
#[server(prefix = "/fn", endpoint = "forget_e2e_device")]
pub async fn forget_e2e_device(id: String) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    e2e::forget_device(&cx.env(), &me, &id, &cx.meta).await
}

/// **Reset E2E Key**: with the box ticked and this session's recent re-authentication, the key
/// is removed and every session ends, this one too (the browser goes to the sign-in page).
#[server(prefix = "/fn", endpoint = "reset_e2e_key")]
pub async fn reset_e2e_key(confirm: Option<String>) -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    if confirm.is_none() {
        return Err(AppError::field("confirm", i18n::k::error_e2e_confirm_reset()));
    }
    let env = cx.env();
    let recent = reauth::recent(&env, &me).await?;
    e2e::reset_recent(&env, &recent, &cx.meta).await?;
    cx.clear_session_cookie();
    leptos_axum::redirect("/signin");
    Ok(())
}

/// Administration → E2E Encryption.
#[server(prefix = "/fn", endpoint = "e2e_settings")]
pub async fn get_e2e_settings() -> Result<E2eSettings, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    gatehouse_core::admin::admin(&me)?;
    e2e::settings(&cx.env()).await
}

/// Saves the administrators' switch (after the administrator's recent re-authentication).
#[server(prefix = "/fn", endpoint = "save_e2e_settings")]
pub async fn save_e2e_settings(enabled: Option<String>) -> Result<(), AppError> {
    use gatehouse_core::admin;

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?.recent(&env).await?;
    admin::save_e2e_settings(&env, &admin, &E2eSettings { enabled: enabled.is_some() }, &cx.meta).await
}
