//! Server functions of the support desk. Each is authorized as support staff's (or an
//! administrator's) through `gatehouse_core::support::support`.

use leptos::server;

use super::{PinCheck, SupportAccount};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use gatehouse_core::{access::Opens, support};

/// The account with this username or email address (audited).
#[server(prefix = "/fn", endpoint = "support_lookup")]
pub async fn support_lookup(query: String) -> Result<SupportAccount, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let desk = support::support(&me)?;
    support::lookup(&cx.env(), &desk, &query, &cx.meta).await
}

/// Whether `pin` is the Support PIN of `user_id`: a verdict, never the PIN (counted, audited and
/// mailed to the owner).
#[server(prefix = "/fn", endpoint = "support_check_pin")]
pub async fn support_check_pin(user_id: String, pin: wire::support::PinInput) -> Result<PinCheck, AppError> {
    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let desk = support::support(&me)?;
    support::check_pin(&cx.env(), &desk, &user_id, pin.expose(), &cx.meta).await
}
