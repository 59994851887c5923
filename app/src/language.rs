//! The page's language: the chooser of the pages before sign-in, and the switch to the
//! account's Language once signed in.
//!
//! Signed out, a page speaks the language this browser chose here (kept in the display cookie)
//! or the one it asks for (`Accept-Language`); signed in, the account's Language preference,
//! which every page keeps in the same cookie (see `server::request_language`). A page never
//! changes language in place: a change is the next page load.

use leptos::prelude::*;
use wire::preferences::Language;

use crate::{auth::ui::Auth, t, words};

/// The language chooser of the pages before sign-in: a plain form (it works without
/// JavaScript), answered by the server with the choice kept and a redirect back here.
#[component]
pub fn LanguageChooser() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let back = move || {
        let (path, query) = (location.pathname.get(), location.search.get());
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    let current = words::lang();
    view! {
        <form class="language-chooser" method="post" action="/language">
            <label for="language-choice">{t!(common_language)}</label>
            <select id="language-choice" name="language">
                {Language::ALL
                    .iter()
                    .map(|l| {
                        let code = l.as_str();
                        // Each language by its own name, in its own script.
                        view! { <option value=code lang=code selected=code == current>{l.label()}</option> }
                    })
                    .collect_view()}
            </select>
            <input type="hidden" name="back" value=back/>
            <button type="submit">{t!(common_change_language)}</button>
        </form>
    }
}

/// The footer: the language chooser, before sign-in.
#[component]
pub fn Footer() -> impl IntoView {
    let auth = Auth::get();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let signed_in = matches!(auth.visitor.await, Ok(ref v) if v.user.is_some());
                (!signed_in).then(|| view! { <footer class="site-footer"><LanguageChooser/></footer> })
            })}
        </Transition>
    }
}

/// Signed in, the account's Language wins: when the page speaks another (the browser kept the
/// language of before the sign-in, or Language was just saved), the page loads again, the
/// cookie set by that answer saying which. Once per language and tab: a browser that refuses
/// the cookie is not sent round in circles.
#[component]
pub fn KeepLanguage() -> impl IntoView {
    let auth = Auth::get();
    let display = Auth::display();
    Effect::new(move || {
        if auth.user_id().is_none() {
            return;
        }
        let wanted = display.get().language.as_str();
        if wanted != words::lang() {
            reload_once_for(wanted);
        }
    });
}

#[cfg(not(feature = "ssr"))]
fn reload_once_for(lang: &str) {
    const KEY: &str = "gatehouse-language-reload";
    let Some(window) = web_sys::window() else { return };
    let storage = window.session_storage().ok().flatten();
    if let Some(s) = &storage {
        if s.get_item(KEY).ok().flatten().as_deref() == Some(lang) {
            return;
        }
        let _ = s.set_item(KEY, lang);
    }
    let _ = window.location().reload();
}

#[cfg(feature = "ssr")]
fn reload_once_for(_lang: &str) {}
