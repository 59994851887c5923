//! Server functions for the account's address.

use leptos::server;

use super::EmailStatus;
use crate::{
    auth::model::{OneTimeCode, Password},
    error::AppError,
};

#[server(prefix = "/fn", endpoint = "email_status")]
pub async fn get_email_status() -> Result<EmailStatus, AppError> {
    let (cx, me) = crate::server::authorize(gatehouse_core::access::Opens::Standing).await?;
    gatehouse_core::email::status(&cx.env(), &me.user).await
}

/// "Resend Email Verification".
#[server(prefix = "/fn", endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(gatehouse_core::access::Opens::Standing).await?;
    gatehouse_core::email::resend_verification(&cx.env(), &me, &cx.meta).await
}

/// Asks to change the address: the current password, and (with two-factor authentication on)
/// a code in the form or the session's recent re-authentication with one.
#[server(prefix = "/fn", endpoint = "change_email")]
pub async fn change_email(
    email: String,
    current_password: Password,
    method: Option<String>,
    code: Option<OneTimeCode>,
) -> Result<(), AppError> {
    use gatehouse_core::{email, reauth};

    let (cx, me) = crate::server::authorize(gatehouse_core::access::Opens::Standing).await?;
    let env = cx.env();
    let factor = reauth::second_factor_in_form(&env, &me, crate::server::code_of(&method, &code), &cx.meta).await?;
    let req = email::ChangeRequest { email: &email, current_password: current_password.expose() };
    email::request_change(&env, &factor, req, &cx.meta).await
}

/// Withdraws the pending change of address (its link stops working).
#[server(prefix = "/fn", endpoint = "cancel_email_change")]
pub async fn cancel_email_change() -> Result<(), AppError> {
    let (cx, me) = crate::server::authorize(gatehouse_core::access::Opens::Standing).await?;
    gatehouse_core::email::cancel_change(&cx.env(), &me, &cx.meta).await
}

/// Opens a link from a verification or change-of-address mail. The link itself is the
/// authority, so it works in any browser, signed in or not.
#[server(prefix = "/fn", endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    let cx = crate::server::cx()?;
    gatehouse_core::email::confirm(&cx.env(), &token, &cx.meta).await?;
    leptos_axum::redirect("/verify-email?done=1");
    Ok(())
}
