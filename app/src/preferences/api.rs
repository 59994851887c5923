//! Server functions of the Preferences page and of the server's defaults in Administration.
//!
//! A form sends each setting as `prefs[key]=text`: the page's script only the settings that
//! changed, a form posted without it every field (with `whole`, so that a checkbox it did not
//! send is off). `default` returns a setting to the default.

use std::collections::BTreeMap;

use leptos::server;
use wire::preferences::PreferencesView;

use crate::error::AppError;

/// The account's preferences.
#[server(prefix = "/fn", endpoint = "get_preferences")]
pub async fn get_preferences() -> Result<PreferencesView, AppError> {
    use gatehouse_core::{access::Opens, preferences};

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    preferences::view(&cx.env(), &me.user).await
}

/// **Save Changes**: the settings sent, as they are now. The display settings (theme, time
/// format, language) are kept for the pages before sign-in too.
#[server(prefix = "/fn", endpoint = "save_preferences")]
pub async fn save_preferences(
    #[server(default)] prefs: BTreeMap<String, String>,
    whole: Option<String>,
) -> Result<PreferencesView, AppError> {
    use gatehouse_core::{access::Opens, preferences};
    use wire::preferences::{Change, Display};

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let change = Change::from_form(prefs.iter().map(|(k, v)| (k.as_str(), v.as_str())), whole.is_some())?;
    let view = preferences::update(&cx.env(), &me, &change, &cx.meta).await?;
    cx.keep_display(Display::of(&view.values));
    Ok(view)
}

/// **Reset to defaults** of one section.
#[server(prefix = "/fn", endpoint = "reset_preferences")]
pub async fn reset_preferences(section: String) -> Result<PreferencesView, AppError> {
    use gatehouse_core::{access::Opens, preferences};
    use wire::preferences::Display;

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let section = parse_section(&section)?;
    let view = preferences::reset_section(&cx.env(), &me, section, &cx.meta).await?;
    cx.keep_display(Display::of(&view.values));
    Ok(view)
}

#[cfg(feature = "ssr")]
fn parse_section(s: &str) -> Result<wire::preferences::Section, AppError> {
    wire::preferences::Section::parse(s).ok_or_else(|| AppError::field("section", i18n::k::error_unknown_section()))
}

/// The server's defaults, as the Preferences form shows a person's preferences: the values,
/// the built-in defaults under them, and which the server chose.
#[server(prefix = "/fn", endpoint = "get_preference_defaults")]
pub async fn get_preference_defaults() -> Result<PreferencesView, AppError> {
    use gatehouse_core::{access::Opens, admin};

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    admin::preference_defaults(&cx.env(), &admin::admin(&me)?).await
}

/// Administration → Preferences: new server defaults (re-authentication first).
#[server(prefix = "/fn", endpoint = "save_preference_defaults")]
pub async fn save_preference_defaults(
    #[server(default)] prefs: BTreeMap<String, String>,
    whole: Option<String>,
) -> Result<PreferencesView, AppError> {
    use gatehouse_core::{access::Opens, admin};
    use wire::preferences::Change;

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?;
    // Bad input is told before the re-authentication is asked for.
    let change = Change::from_form(prefs.iter().map(|(k, v)| (k.as_str(), v.as_str())), whole.is_some())?;
    let recent = admin.recent(&env).await?;
    admin::save_preference_defaults(&env, &recent, &change, &cx.meta).await?;
    admin::preference_defaults(&env, &admin).await
}

/// Administration → Preferences → Reset to defaults: a section back to the built-in defaults.
#[server(prefix = "/fn", endpoint = "reset_preference_defaults")]
pub async fn reset_preference_defaults(section: String) -> Result<PreferencesView, AppError> {
    use gatehouse_core::{access::Opens, admin};
    use wire::preferences::Change;

    let (cx, me) = crate::server::authorize(Opens::Standing).await?;
    let env = cx.env();
    let admin = admin::admin(&me)?;
    let change = Change { reset: parse_section(&section)?.settings().collect(), ..Change::default() };
    let recent = admin.recent(&env).await?;
    admin::save_preference_defaults(&env, &recent, &change, &cx.meta).await?;
    admin::preference_defaults(&env, &admin).await
}
