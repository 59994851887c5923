//! Gatehouse's pages: components, and the server functions they call. A server function is a
//! thin adapter (authorize → parse → one core service); the server-only parts are behind the
//! `ssr` feature and never reach the WASM bundle.

pub mod account;
pub mod activity;
pub mod admin;
pub mod auth;
pub mod deletion;
pub mod email;
pub mod language;
pub mod my_data;
pub mod organizations;
pub mod password;
pub mod preferences;
pub mod presence;
pub mod routes;
pub mod sessions;
pub mod support;
pub mod support_pin;
pub mod tokens;
pub mod two_factor;
pub mod ui;
pub mod words;

#[cfg(feature = "ssr")]
pub mod server;

pub use wire::error;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Stylesheet, Title};
use leptos_router::components::Router;

/// The HTML document around the app, rendered on the server, in the request's language
/// (`lang` and `dir` on the root: Arabic pages are laid out right to left).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = words::lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang dir=i18n::dir(lang)>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/gatehouse.css"/>
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        // The catalogue of the page's language: downloaded with the WASM, read before hydration.
        <Link
            id="i18n"
            rel="preload"
            as_="fetch"
            crossorigin="anonymous"
            href=i18n::file_name(words::lang()).map(|f| format!("/i18n/{f}")).unwrap_or_default()
        />
        <Title text="Gatehouse"/>
        <Router>
            <routes::AppRoutes/>
        </Router>
    }
}
