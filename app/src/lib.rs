//! Gatehouse's pages: components, and the server functions they call. A server function is a
//! thin adapter (authorize → parse → one core service); the server-only parts are behind the
//! `ssr` feature and never reach the WASM bundle.

pub mod account;
pub mod admin;
pub mod auth;
pub mod email;
pub mod password;
pub mod preferences;
pub mod presence;
pub mod routes;
pub mod sessions;
pub mod tokens;
pub mod two_factor;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

pub use wire::error;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Stylesheet, Title};
use leptos_router::components::Router;

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
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
        <Title text="Gatehouse"/>
        <Router>
            <routes::AppRoutes/>
        </Router>
    }
}
