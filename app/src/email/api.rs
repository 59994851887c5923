//! Server functions for the account's address.

use leptos::server;

use super::EmailStatus;
use crate::{auth::model::Password, error::AppError};

#[server(prefix = "/fn", endpoint = "email_status")]
pub async fn get_email_status() -> Result<EmailStatus, AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    super::service::status(&ctx.deps(), &me.user).await
}

/// "Resend Email Verification".
#[server(prefix = "/fn", endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    super::service::resend_verification(&ctx.deps(), &me, &ctx.meta).await
}

/// Asks to change the address (needs the current password).
#[server(prefix = "/fn", endpoint = "change_email")]
pub async fn change_email(new_email: String, password: Password) -> Result<(), AppError> {
    let (ctx, me) = crate::server::guard::require_user().await?;
    super::service::request_change(&ctx.deps(), &me, &new_email, password.expose(), false, &ctx.meta).await
}

/// Opens a link from a verification or change-of-address mail. The link itself is the
/// authority, so it works in any browser, signed in or not.
#[server(prefix = "/fn", endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    let ctx = crate::server::guard::ctx()?;
    super::service::confirm(&ctx.deps(), &token, &ctx.meta).await?;
    leptos_axum::redirect("/verify-email?done=1");
    Ok(())
}
