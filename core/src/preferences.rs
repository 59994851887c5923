//! The account's preferences: what a person chose (one row per setting in
//! `user_preferences`), over the server's defaults (an administrator's choices, in the settings
//! table), over the built-in defaults of [`wire::preferences`].
//!
//! A save writes only what differs from the value in effect, and removes the rows of the
//! settings returned to the default; each row is written on its own, so two saves at once of
//! different settings both land.

use std::collections::BTreeSet;

use platform::{audit::AuditEvent, db::Db, request::ClientMeta, settings::Key, Env};
use serde_json::json;
use wire::{
    error::AppError,
    preferences::{Change, Choices, Display, Language, Preferences, PreferencesView, Section, Setting},
};

use crate::{accounts::UserRow, principal::Principal};

/// The server's defaults: the settings an administrator set for everyone who did not choose.
/// (Declared with the mails, which read the default language below this module's layer.)
pub const DEFAULTS: Key<Choices> = crate::notices::PREFERENCE_DEFAULTS;

/// The server's defaults over the built-in ones.
pub async fn defaults(env: &Env<'_>) -> Result<Preferences, AppError> {
    Ok(env.setting(DEFAULTS).await?.apply(&Preferences::default()).0)
}

/// The account's chosen settings: read at every page (the display settings), on the primary
/// key's prefix.
pub const CHOSEN: &str = "SELECT key, value FROM user_preferences WHERE user_id = $1";

/// What `user_id` chose, from its stored rows. A row that no longer parses (a setting since
/// removed, a value out of today's bounds) is left out and logged: the default applies to it.
pub fn choices_of<'a>(user_id: &str, rows: impl IntoIterator<Item = (&'a str, &'a str)>) -> Choices {
    let (choices, skipped) = Choices::from_stored(rows);
    if !skipped.is_empty() {
        tracing::warn!(user = user_id, keys = ?skipped, "stored preferences that no longer parse; using the defaults");
    }
    choices
}

async fn chosen(db: &Db, user_id: &str) -> Result<Choices, AppError> {
    let rows: Vec<(String, String)> = sqlx::query_as(CHOSEN).bind(user_id).fetch_all(db).await?;
    Ok(choices_of(user_id, rows.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
}

/// The values in effect for `user_id`: its choices over the server's defaults.
pub async fn in_effect(env: &Env<'_>, user_id: &str) -> Result<Preferences, AppError> {
    Ok(chosen(env.db, user_id).await?.apply(&defaults(env).await?).0)
}

/// The account's preferences: values in effect, the defaults, and what it chose.
pub async fn view(env: &Env<'_>, user: &UserRow) -> Result<PreferencesView, AppError> {
    view_with(env, user, chosen(env.db, &user.id).await?).await
}

/// The preferences of an account that chose `chosen` (read by the caller).
pub async fn view_with(env: &Env<'_>, user: &UserRow, chosen: Choices) -> Result<PreferencesView, AppError> {
    let defaults = defaults(env).await?;
    Ok(PreferencesView {
        values: chosen.apply(&defaults).0,
        chosen: chosen.iter().map(|(s, _)| *s).collect(),
        defaults,
        email_verified: user.email_verified_at.is_some(),
    })
}

/// A new account's language: the page's it registered on, kept as its choice unless it is the
/// server's default (then the account follows the default, as for every setting not chosen).
pub async fn start_in_language(env: &Env<'_>, user_id: &str, language: Language) -> Result<(), AppError> {
    if language == crate::notices::server_language(env).await? {
        return Ok(());
    }
    let value = serde_json::to_string(&language).map_err(|_| AppError::Internal)?;
    sqlx::query("INSERT INTO user_preferences (user_id, key, value, updated_at) VALUES ($1, $2, $3, $4)")
        .bind(user_id)
        .bind(Setting::language.key())
        .bind(value)
        .bind(env.now)
        .execute(env.db)
        .await?;
    Ok(())
}

/// The cookie that keeps the display settings for the pages before sign-in (theme and time
/// format on the sign-in page as the person last had them). Not a secret, but only the server
/// reads it: HttpOnly like every cookie here.
pub fn display_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-gatehouse_display"
    } else {
        "gatehouse_display"
    }
}

/// `Set-Cookie` for the display settings: a year.
pub fn set_display_cookie(secure: bool, display: Display) -> String {
    platform::request::set_cookie(display_cookie_name(secure), &display.to_cookie(), Some(365 * 86_400), secure)
}

/// The rows a change writes and removes, given the preferences as they are: a value equal to
/// the one in effect is no change (a form posted whole sends every value), a reset removes
/// only a row there is.
fn plan(view: &PreferencesView, change: &Change) -> (Vec<(Setting, serde_json::Value)>, BTreeSet<Setting>) {
    let writes =
        change.set.iter().filter(|(s, v)| !change.reset.contains(s) && view.values.get(*s) != *v).cloned().collect();
    let removes = change.reset.iter().copied().filter(|s| view.chosen.contains(s)).collect();
    (writes, removes)
}

/// **Save Changes**: applies `change` for `me` and returns the preferences as they are now.
///
/// Offline email notifications cannot be turned on before the address is verified (seed 003:
/// "For email notifications, you must verify your email address").
pub async fn update(
    env: &Env<'_>,
    me: &Principal,
    change: &Change,
    meta: &ClientMeta,
) -> Result<PreferencesView, AppError> {
    me.require_write()?;
    let before = view(env, &me.user).await?;
    let (writes, removes) = plan(&before, change);
    let mails_offline = |v: &serde_json::Value| v.as_str() != Some("nothing");
    if !before.email_verified
        && writes.iter().any(|(s, v)| *s == Setting::offline_email_notifications && mails_offline(v))
    {
        let field = Setting::offline_email_notifications.key();
        return Err(AppError::conflict(field, i18n::k::error_email_notifications_need_verified()));
    }
    if writes.is_empty() && removes.is_empty() {
        return Ok(before);
    }
    let mut tx = env.db.begin().await?;
    for (s, v) in &writes {
        sqlx::query(
            "INSERT INTO user_preferences (user_id, key, value, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(&me.user.id)
        .bind(s.key())
        .bind(v.to_string())
        .bind(env.now)
        .execute(&mut *tx)
        .await?;
    }
    for s in &removes {
        sqlx::query("DELETE FROM user_preferences WHERE user_id = $1 AND key = $2")
            .bind(&me.user.id)
            .bind(s.key())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    // The keys only: highlight words are the person's own business.
    let keys = |it: &mut dyn Iterator<Item = Setting>| it.map(Setting::key).collect::<Vec<_>>();
    let detail = json!({
        "set": keys(&mut writes.iter().map(|(s, _)| *s)),
        "reset": keys(&mut removes.iter().copied()),
    });
    env.audit(&me.user.id, None, AuditEvent::PreferencesChanged, detail, meta).await?;
    view(env, &me.user).await
}

/// **Reset to defaults** of one section: its settings follow the server's defaults again.
pub async fn reset_section(
    env: &Env<'_>,
    me: &Principal,
    section: Section,
    meta: &ClientMeta,
) -> Result<PreferencesView, AppError> {
    let change = Change { reset: section.settings().collect(), ..Change::default() };
    update(env, me, &change, meta).await
}

/// The server's defaults after `change` (an administrator's save; `admin` stores it).
pub async fn defaults_after(env: &Env<'_>, change: &Change) -> Result<Choices, AppError> {
    let mut choices = env.setting(DEFAULTS).await?;
    let builtin = Preferences::default();
    for (s, v) in change.set.iter() {
        // A default equal to the built-in one is no choice of the server's.
        if builtin.get(*s) == *v {
            choices.remove(*s);
        } else {
            choices.insert(*s, v.clone());
        }
    }
    for s in &change.reset {
        choices.remove(*s);
    }
    Ok(choices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestEnv;
    use platform::db::testing;
    use wire::preferences::{Theme, TimeFormat, ViewMode};

    fn meta() -> ClientMeta {
        ClientMeta::local("test")
    }

    async fn person(t: &testing::TestDb, id: &str, verified: bool) -> Principal {
        let mut row = crate::accounts::repo::test_row(id, id, &format!("{id}@example.com"));
        row.email_verified_at = verified.then_some(1);
        crate::accounts::repo::insert(&t.db, &row).await.unwrap();
        Principal::session(row, format!("s-{id}"))
    }

    fn change(json: serde_json::Value) -> Change {
        Change::from_json(json.as_object().unwrap()).unwrap()
    }

    #[tokio::test]
    async fn only_chosen_values_are_stored_and_defaults_reach_everyone_else() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(10);
            let (ann, bob) = (person(&t, "ann", true).await, person(&t, "bob", true).await);
            let v =
                update(&env, &ann, &change(json!({"theme": "dark", "view_mode": "normal"})), &meta()).await.unwrap();
            assert_eq!(v.values.theme, Theme::Dark);
            assert_eq!(v.chosen, BTreeSet::from([Setting::theme]), "the value in effect is no change");
            let rows: Vec<(String,)> =
                sqlx::query_as("SELECT key FROM user_preferences").fetch_all(&t.db).await.unwrap();
            assert_eq!(rows, [("theme".to_owned(),)], "{:?}", t.backend);

            // An administrator's default reaches Bob (who did not choose) and not Ann's theme.
            let defaults =
                defaults_after(&env, &change(json!({"theme": "light", "time_format": "12h"}))).await.unwrap();
            env.put_setting(DEFAULTS, &defaults).await.unwrap();
            let bob_now = view(&env, &bob.user).await.unwrap();
            assert_eq!((bob_now.values.theme, bob_now.values.time_format), (Theme::Light, TimeFormat::H12));
            let ann_now = view(&env, &ann.user).await.unwrap();
            assert_eq!((ann_now.values.theme, ann_now.values.time_format), (Theme::Dark, TimeFormat::H12));

            // Reset: back to the server's default.
            let v = reset_section(&env, &ann, Section::Appearance, &meta()).await.unwrap();
            assert_eq!(v.values.theme, Theme::Light);
            assert!(v.chosen.is_empty());
            t.close().await;
        }
    }

    #[tokio::test]
    async fn concurrent_saves_of_different_settings_both_land() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(10);
            let ann = person(&t, "ann", true).await;
            let a = change(json!({"view_mode": "compact"}));
            let b = change(json!({"hide_roles": true}));
            let m = meta();
            let (x, y) = tokio::join!(update(&env, &ann, &a, &m), update(&env, &ann, &b, &m));
            x.unwrap();
            y.unwrap();
            let v = view(&env, &ann.user).await.unwrap();
            assert_eq!((v.values.view_mode, v.values.hide_roles), (ViewMode::Compact, true), "{:?}", t.backend);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn offline_email_needs_a_verified_address_and_read_only_tokens_write_nothing() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(10);
            let mut carl = person(&t, "carl", false).await;
            // "Not Enabled" is always allowed; "Every Mention/DM" differs from nothing in effect
            // until the default says otherwise, so make it a change first.
            update(&env, &carl, &change(json!({"offline_email_notifications": "nothing"})), &meta()).await.unwrap();
            let err = update(&env, &carl, &change(json!({"offline_email_notifications": "mentions"})), &meta())
                .await
                .unwrap_err();
            let wanted = vec![i18n::k::error_email_notifications_need_verified()];
            assert_eq!(err.field_msgs("offline_email_notifications"), wanted, "{err:?}");
            carl.via = crate::principal::Via::Token { id: "t".into(), read_only: true, ignore_two_factor: false };
            let err = update(&env, &carl, &change(json!({"theme": "dark"})), &meta()).await.unwrap_err();
            assert_eq!(err, AppError::Forbidden);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn a_stored_row_that_no_longer_parses_falls_back_to_the_default() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(10);
            let ann = person(&t, "ann", true).await;
            for (k, v) in [("idle_time_limit", "5"), ("removed_setting", "true"), ("theme", "\"dark\"")] {
                sqlx::query("INSERT INTO user_preferences (user_id, key, value, updated_at) VALUES ('ann', $1, $2, 1)")
                    .bind(k)
                    .bind(v)
                    .execute(&t.db)
                    .await
                    .unwrap();
            }
            let v = view(&env, &ann.user).await.unwrap();
            assert_eq!(v.values.idle_time_limit, Preferences::default().idle_time_limit);
            assert_eq!(v.values.theme, Theme::Dark);
            assert_eq!(v.chosen, BTreeSet::from([Setting::theme]));
            t.close().await;
        }
    }
}
