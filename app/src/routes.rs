//! The route table.

use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Redirect, Route, Routes},
    path, SsrMode,
};

use crate::{
    account::ui::{AccountLayout, PreferencesSection, ProfileSection, SecuritySection, TokensSection},
    admin::ui::{AdminPage, AdminTokensPage, AdminTwoFactorPage, PasswordPolicyPage},
    auth::{
        api::HOME,
        ui::{Auth, RegisterPage, SignInPage, UserMenu},
    },
    email::ui::VerifyEmailPage,
    password::ui::{ExpiredPasswordPage, ForgotPasswordPage, ResetPasswordPage},
    two_factor::ui::SecondStepPage,
};

/// Everything inside the router: header and pages. Pages render completely on the server
/// (`SsrMode::Async`) so they are readable before the WASM loads and redirects are real 302s.
#[component]
pub fn AppRoutes() -> impl IntoView {
    Auth::provide();
    view! {
        <Header/>
        <main id="main">
            <Routes fallback=NotFound>
                <Route path=path!("/") view=|| view! { <Redirect path=HOME/> } ssr=SsrMode::Async/>
                <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async/>
                <Route path=path!("/signin/two-factor") view=SecondStepPage ssr=SsrMode::Async/>
                <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async/>
                <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/verify-email") view=VerifyEmailPage ssr=SsrMode::Async/>
                <Route path=path!("/change-password") view=ExpiredPasswordPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("/account") view=AccountLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=|| view! { <Redirect path=HOME/> } ssr=SsrMode::Async/>
                    <Route path=path!("profile") view=ProfileSection ssr=SsrMode::Async/>
                    <Route path=path!("preferences") view=PreferencesSection ssr=SsrMode::Async/>
                    <Route path=path!("security") view=SecuritySection ssr=SsrMode::Async/>
                    <Route path=path!("tokens") view=TokensSection ssr=SsrMode::Async/>
                </ParentRoute>
                <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/password-policy") view=PasswordPolicyPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/two-factor") view=AdminTwoFactorPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/tokens") view=AdminTokensPage ssr=SsrMode::Async/>
            </Routes>
        </main>
    }
}

#[component]
fn Header() -> impl IntoView {
    let auth = Auth::get();
    view! {
        <header class="topbar">
            <a class="brand" href="/">"Gatehouse"</a>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) => view! { <UserMenu user/> }.into_any(),
                        _ => view! {
                            <nav class="guest" aria-label="Account">
                                <a href="/signin">"Sign in"</a>
                                <a href="/register">"Create account"</a>
                            </nav>
                        }.into_any(),
                    }
                })}
            </Transition>
        </header>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="card narrow">
            <h1>"Page not found"</h1>
            <p><a href="/">"Back to Gatehouse"</a></p>
        </section>
    }
}
