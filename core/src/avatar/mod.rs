//! Profile pictures: an uploaded file or the picture at a URL, made into two PNGs
//! ([`picture`]) and kept in the database, so that every instance serves them; or, when there
//! is none, the default avatar drawn from the account's initials.

pub mod picture;

use std::sync::LazyLock;

use platform::{audit::AuditEvent, request::ClientMeta, Env};
use serde_json::json;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;
use wire::error::AppError;

use crate::{
    accounts::{repo as users, UserRow},
    principal::Principal,
};

/// The field that avatar errors are shown next to.
pub const FIELD: &str = "avatar";

/// Pictures made at once: one per core, so a burst of uploads queues here and leaves the other
/// requests their share of the machine.
static MAKING: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get())));

/// Changes of picture one account may make in 15 minutes: each may make the server decode a
/// large file or fetch one, so a script cannot keep a core busy for long.
pub const CHANGES_PER_ACCOUNT: platform::ratelimit::Limit = platform::ratelimit::Limit::per_minutes(30, 15);

/// Counts a change of `me`'s picture, before its file is read or fetched; 429 past
/// [`CHANGES_PER_ACCOUNT`].
pub async fn count_change(env: &Env<'_>, me: &Principal) -> Result<(), AppError> {
    me.require_write()?;
    let key = format!("avatar:user:{}", me.user.id);
    platform::ratelimit::hit(env.db, &key, CHANGES_PER_ACCOUNT, env.now).await
}

/// Which of the two sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Small,
    Large,
}

impl Size {
    /// The size for a requested width in pixels: the small one up to its width, else the large.
    pub fn for_width(px: Option<u32>) -> Size {
        match px {
            Some(n) if n <= picture::SMALL => Size::Small,
            _ => Size::Large,
        }
    }

    pub fn pixels(self) -> u32 {
        match self {
            Size::Small => picture::SMALL,
            Size::Large => picture::LARGE,
        }
    }
}

/// What an avatar address answers.
pub enum Served {
    Png { etag: String, bytes: Vec<u8> },
    Svg { etag: String, text: String },
}

impl Served {
    pub fn etag(&self) -> &str {
        match self {
            Served::Png { etag, .. } | Served::Svg { etag, .. } => etag,
        }
    }
}

/// The picture of account `user_id` at `size`: its own, or the default one. `None` for no
/// such (active) account.
pub async fn served(env: &Env<'_>, user_id: &str, size: Size) -> Result<Option<Served>, AppError> {
    let Some(user) = users::find_by_id(env.db, user_id).await?.filter(UserRow::is_active) else {
        return Ok(None);
    };
    if user.avatar_etag.is_some() {
        if let Some((etag, bytes)) = users::avatar(env.db, user_id, size == Size::Small).await? {
            return Ok(Some(Served::Png { etag, bytes }));
        }
    }
    let view = user.view();
    Ok(Some(Served::Svg { etag: view.avatar.clone(), text: picture::default_svg(&view.initials(), &user.id) }))
}

/// Makes the pictures from `file` off the async runtime, at most one per core at a time.
async fn make(file: Vec<u8>) -> Result<picture::Pictures, AppError> {
    if file.len() > picture::MAX_BYTES {
        return Err(AppError::field(FIELD, picture::Refused::TooLarge.msg()));
    }
    let _permit = MAKING.acquire().await.map_err(|_| AppError::Internal)?;
    let made = tokio::task::spawn_blocking(move || picture::process(&file)).await.map_err(|e| {
        tracing::error!(error = %e, "avatar processing task");
        AppError::Internal
    })?;
    made.map_err(|refused| AppError::field(FIELD, refused.msg()))
}

/// Where a new picture came from, for the audit: an upload, or the host of the address it
/// was fetched from (the host only: a URL's path and query may carry someone's token).
pub enum Source<'a> {
    Upload,
    Url { host: Option<&'a str> },
}

/// Sets `me`'s picture from an uploaded file or a fetched one (the server's `outbound` fetches
/// it); returns the account as it is now.
pub async fn set(
    env: &Env<'_>,
    me: &Principal,
    file: Vec<u8>,
    source: Source<'_>,
    meta: &ClientMeta,
) -> Result<UserRow, AppError> {
    me.require_write()?;
    let pictures = make(file).await?;
    let etag = hex::encode(&Sha256::digest(&pictures.large)[..12]);
    let user = users::set_avatar(env.db, &me.user.id, Some((&etag, &pictures.small, &pictures.large)), env.now).await?;
    let detail = match source {
        Source::Upload => json!({ "source": "upload" }),
        Source::Url { host } => json!({ "source": "url", "host": host }),
    };
    env.audit(&user.id, None, AuditEvent::AvatarChanged, detail, meta).await?;
    Ok(user)
}

/// Back to the default avatar.
pub async fn remove(env: &Env<'_>, me: &Principal, meta: &ClientMeta) -> Result<UserRow, AppError> {
    me.require_write()?;
    if me.user.avatar_etag.is_none() {
        return Ok(me.user.clone());
    }
    let user = users::set_avatar(env.db, &me.user.id, None, env.now).await?;
    env.audit(&user.id, None, AuditEvent::AvatarChanged, json!({ "source": "default" }), meta).await?;
    Ok(user)
}
