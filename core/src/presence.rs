//! Presence: whether the person is at a device right now, as their clients report it (seed 003,
//! User Presence: "Enable Auto-Away … changes the status to away after an idle period").
//!
//! The page reports `online` or `away` (after the idle time of the preferences, or back at a key
//! press) and repeats its report every minute while it is open; API clients report the same
//! way. One row per account, in the database (any instance answers the same): the last report
//! wins. Without a report for [`OFFLINE_AFTER_MS`] the person is offline.
//!
//! What others see, the **status**, joins the presence with the status the person chose on
//! their Profile: a chosen *Online* shows the presence (online, away, offline); *Away* and
//! *Busy* stay as chosen while the person is connected; *Offline* (invisible) is always offline.

use i18n::k;
use platform::Env;
use wire::error::AppError;
pub use wire::presence::{status, Connection, PresenceView};

use crate::accounts::UserRow;

/// Without a report for this long, the person is offline (clients report every minute).
pub const OFFLINE_AFTER_MS: i64 = 5 * 60_000;
/// A page render counts as being online when no report came for this long.
const STALE_MS: i64 = 60_000;

pub const BY_USER: &str = "SELECT state, seen_at FROM presence WHERE user_id = $1";

async fn row(env: &Env<'_>, user_id: &str) -> Result<Option<(String, i64)>, AppError> {
    Ok(sqlx::query_as(BY_USER).bind(user_id).fetch_optional(env.db).await?)
}

/// The presence of `user` from its row (state, last report) at `now`.
pub fn view_of(user: &UserRow, row: Option<(String, i64)>, now: i64) -> PresenceView {
    let fresh = row.filter(|(_, at)| now - at < OFFLINE_AFTER_MS);
    let connection = match fresh.as_ref().map(|(s, _)| s.as_str()) {
        Some("away") => Connection::Away,
        Some(_) => Connection::Online,
        None => Connection::Offline,
    };
    let chosen = user.status();
    PresenceView { status: status(chosen, connection), connection, chosen, seen_at: fresh.map(|(_, at)| at) }
}

/// The account's presence now.
pub async fn of(env: &Env<'_>, user: &UserRow) -> Result<PresenceView, AppError> {
    Ok(view_of(user, row(env, &user.id).await?, env.now))
}

/// A client's report: the account is at a device (`Online`) or idle there (`Away`).
pub async fn report(env: &Env<'_>, user: &UserRow, connection: Connection) -> Result<PresenceView, AppError> {
    if connection == Connection::Offline {
        return Err(AppError::field("connection", k::error_presence_report()));
    }
    sqlx::query(
        "INSERT INTO presence (user_id, state, seen_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, seen_at = excluded.seen_at",
    )
    .bind(&user.id)
    .bind(connection.as_str())
    .bind(env.now)
    .execute(env.db)
    .await?;
    Ok(view_of(user, Some((connection.as_str().to_owned(), env.now)), env.now))
}

/// A page shown to the signed-in person, whose presence row is `current` (read by the page
/// with its preferences, see `crate::page`): they are online, unless one of their clients
/// reported in the last minute (an away page's report stays until that page sees a key press).
/// At most one write a minute per account.
pub async fn page_seen(
    env: &Env<'_>,
    user: &UserRow,
    current: Option<(String, i64)>,
) -> Result<PresenceView, AppError> {
    match current {
        Some((_, at)) if env.now - at < STALE_MS => Ok(view_of(user, current, env.now)),
        _ => report(env, user, Connection::Online).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestEnv;
    use platform::db::testing;
    use wire::profile::Status;

    #[tokio::test]
    async fn reports_last_until_they_are_too_old() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let ada = crate::accounts::repo::test_row("ada", "ada", "ada@example.com");
            crate::accounts::repo::insert(&t.db, &ada).await.unwrap();
            let at = |ms| te.at(ms);
            assert_eq!(of(&at(1_000), &ada).await.unwrap().status, Status::Offline, "no report yet");
            let shown = |ms| {
                let ada = &ada;
                async move { page_seen(&at(ms), ada, row(&at(ms), "ada").await.unwrap()).await.unwrap() }
            };
            assert_eq!(shown(1_000).await.status, Status::Online);
            let away = report(&at(2_000), &ada, Connection::Away).await.unwrap();
            assert_eq!((away.status, away.seen_at), (Status::Away, Some(2_000)));
            // Another page shown within the minute does not undo the away report...
            assert_eq!(shown(30_000).await.status, Status::Away, "{:?}", t.backend);
            // ...an idle page keeps repeating it, and without reports the person goes offline.
            assert_eq!(of(&at(2_000 + OFFLINE_AFTER_MS - 1), &ada).await.unwrap().status, Status::Away);
            let gone = of(&at(2_000 + OFFLINE_AFTER_MS), &ada).await.unwrap();
            assert_eq!((gone.status, gone.connection, gone.seen_at), (Status::Offline, Connection::Offline, None));
            assert!(report(&at(3_000), &ada, Connection::Offline).await.is_err());
            t.close().await;
        }
    }
}
