//! Server functions for the account's password.

use leptos::server;

use crate::{auth::model::Password, error::AppError};

/// Changes the signed-in account's password. The current password is always required;
/// success ends every other session of the account and mails a notice.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(current: Password, new_password: Password, confirm: Password) -> Result<(), AppError> {
    use crate::server::guard;

    let (ctx, me) = guard::require_user().await?;
    super::service::change(
        &ctx.deps(),
        &ctx.state.mailer,
        &ctx.state.config.public_url,
        &me,
        super::service::ChangeInput {
            current: current.expose(),
            new_password: new_password.expose(),
            confirm: confirm.expose(),
        },
        &ctx.meta,
    )
    .await
}
