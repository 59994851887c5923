//! Who is calling: the [`Principal`] behind a browser's session cookie, or behind an API
//! client's token (a personal access token or a session token from the API login).

use platform::{ratelimit, request::ClientMeta, Env};
use wire::error::AppError;

use crate::{principal::Principal, sessions, tokens, Core};

/// The signed-in caller of a session token (the cookie's, or the API login's), if it is live.
pub async fn by_session(
    env: &Env<'_>,
    core: &Core,
    token: &str,
    meta: &ClientMeta,
) -> Result<Option<Principal>, AppError> {
    session_of_kind(env, core, token, sessions::Kind::Browser, meta).await
}

async fn session_of_kind(
    env: &Env<'_>,
    core: &Core,
    token: &str,
    kind: sessions::Kind,
    meta: &ClientMeta,
) -> Result<Option<Principal>, AppError> {
    let found = sessions::resolve_as(env.db, core.timeouts, token, kind, meta, env.now).await?;
    Ok(found.map(|(session, user)| Principal::session(user, session.id)))
}

/// The caller of an API request: `token` is a personal access token (`gat_…`) or a session
/// token; `claimed_user` is Rocket.Chat's `X-User-Id`, which must match. Reads may use this
/// instance's token cache (`fresh` false); writes read the token and the account afresh, so a
/// password or factor check never sees data two seconds old. Calls are counted per token (or
/// session) against `api_calls_per_minute`.
pub async fn by_api_token(
    env: &Env<'_>,
    core: &Core,
    token: &str,
    claimed_user: Option<&str>,
    fresh: bool,
    meta: &ClientMeta,
) -> Result<Principal, AppError> {
    let principal = if token.starts_with(tokens::PREFIX) {
        let found = if fresh {
            tokens::authenticate(env.db, token, &meta.ip, env.now).await?
        } else {
            tokens::authenticate_cached(env.db, &core.token_cache, token, &meta.ip, env.now).await?
        };
        let (row, user) = found.ok_or(AppError::Unauthenticated)?;
        tokens::principal(row, user)
    } else {
        session_of_kind(env, core, token, sessions::Kind::Api, meta).await?.ok_or(AppError::Unauthenticated)?
    };
    if claimed_user.is_some_and(|id| id != principal.user.id) {
        return Err(AppError::Unauthenticated);
    }
    let key = match &principal.via {
        crate::principal::Via::Token { id, .. } => format!("api:token:{id}"),
        crate::principal::Via::Session { id } => format!("api:session:{id}"),
    };
    let limit = ratelimit::Limit::per_minutes(core.api_calls_per_minute, 1);
    core.api_limiter.hit(env.db, &key, limit, env.now).await?;
    Ok(principal)
}
