//! What every page render needs of the signed-in account beyond the session: its preferences
//! (theme, time format, auto-away) and its presence, read in one round trip. On SQLite each
//! query is a hand-off to the connection's worker thread, and two more of them per page cost
//! a third of the pages served per second (`make bench-pages`); one costs about a tenth.

use platform::Env;
use wire::{error::AppError, preferences::PreferencesView, presence::PresenceView};

use crate::{accounts::UserRow, preferences, presence};

/// The account's chosen settings and, under a key no setting can have, its presence row.
pub const PREFERENCES_AND_PRESENCE: &str = "SELECT key, value FROM user_preferences WHERE user_id = $1 \
     UNION ALL SELECT '#presence', state || ' ' || CAST(seen_at AS TEXT) FROM presence WHERE user_id = $1";

const PRESENCE_KEY: &str = "#presence";

/// A page shown to `user`: its preferences, and its presence (a page shown is the person at a
/// device, see [`presence::page_seen`]).
pub async fn seen(env: &Env<'_>, user: &UserRow) -> Result<(PreferencesView, PresenceView), AppError> {
    let rows: Vec<(String, String)> = sqlx::query_as(PREFERENCES_AND_PRESENCE).bind(&user.id).fetch_all(env.db).await?;
    let row = rows.iter().find(|(k, _)| k == PRESENCE_KEY).and_then(|(_, v)| {
        let (state, at) = v.split_once(' ')?;
        Some((state.to_owned(), at.parse::<i64>().ok()?))
    });
    let settings = rows.iter().filter(|(k, _)| k != PRESENCE_KEY).map(|(k, v)| (k.as_str(), v.as_str()));
    let prefs = preferences::view_with(env, user, preferences::choices_of(&user.id, settings)).await?;
    Ok((prefs, presence::page_seen(env, user, row).await?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestEnv;
    use platform::{db::testing, request::ClientMeta};
    use wire::{
        preferences::{Change, Theme},
        profile::Status,
    };

    #[tokio::test]
    async fn one_query_reads_what_the_separate_ones_do() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(10_000);
            let ada = crate::accounts::repo::test_row("ada", "ada", "ada@example.com");
            crate::accounts::repo::insert(&t.db, &ada).await.unwrap();
            let me = crate::principal::Principal::session(ada.clone(), "s".into());
            let change = Change::from_json(serde_json::json!({"theme": "dark"}).as_object().unwrap()).unwrap();
            preferences::update(&env, &me, &change, &ClientMeta::local("t")).await.unwrap();
            // No presence yet: the page makes it online.
            let (prefs, p) = seen(&env, &ada).await.unwrap();
            assert_eq!((prefs.values.theme, p.status, p.seen_at), (Theme::Dark, Status::Online, Some(10_000)));
            assert_eq!(prefs, preferences::view(&env, &ada).await.unwrap(), "{:?}", t.backend);
            presence::report(&te.at(20_000), &ada, presence::Connection::Away).await.unwrap();
            let (_, p) = seen(&te.at(30_000), &ada).await.unwrap();
            assert_eq!((p.status, p.seen_at), (Status::Away, Some(20_000)), "{:?}", t.backend);
            assert_eq!(p, presence::of(&te.at(30_000), &ada).await.unwrap());
            t.close().await;
        }
    }
}
