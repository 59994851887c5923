//! Server functions of the Profile page.

use leptos::server;

use crate::{auth::model::UserView, error::AppError};

/// "Save Changes" on Profile: the fields that changed (the page sends only those; a form posted
/// without JavaScript sends all of them, and what equals the account is not written). Returns
/// the account as it is now.
#[server(prefix = "/fn", endpoint = "update_profile")]
pub async fn update_profile(
    name: Option<String>,
    username: Option<String>,
    status: Option<String>,
    status_text: Option<String>,
    nickname: Option<String>,
    bio: Option<String>,
) -> Result<UserView, AppError> {
    use gatehouse_core::{access::Opens, profile};

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let patch = profile::Patch {
        name: name.as_deref(),
        username: username.as_deref(),
        status: status.as_deref(),
        status_text: status_text.as_deref(),
        nickname: nickname.as_deref(),
        bio: bio.as_deref(),
        ..Default::default()
    };
    let user = profile::update(&cx.env(), &me, patch, None, &cx.meta).await?;
    // Tokens of this account checked a moment ago hold the account as it was.
    cx.core().token_cache.forget_user(&user.id);
    Ok(user.view())
}
