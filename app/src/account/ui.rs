//! The My Account layout and its sections.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Outlet, Redirect, A};

use crate::{
    auth::{model::UserView, ui::Auth},
    error::AppError,
    ui::{ErrorNotice, Time},
};

/// Where an account that must set up two-factor authentication is sent.
const TWO_FACTOR_SETUP: &str = "/account/security";

/// Renders `content` with the signed-in user; sends everyone else to the sign-in page, a user
/// whose password has expired to the page that changes it, and one whose administrator requires
/// two-factor authentication to the Security page until it is set up.
pub fn with_user<V: IntoView + 'static>(
    content: impl Fn(UserView) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView {
    let page = Auth::for_page();
    let location = leptos_router::hooks::use_location();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let content = content.clone();
                let page = page.clone();
                Suspend::new(async move {
                    let Some(user) = page.get().await else { return ().into_any() };
                    match user {
                        Ok(Some(user)) if user.password_expired => {
                            view! { <Redirect path="/change-password"/> }.into_any()
                        }
                        Ok(Some(user))
                            if user.two_factor_setup_required
                                && location.pathname.get_untracked() != TWO_FACTOR_SETUP =>
                        {
                            view! { <Redirect path=TWO_FACTOR_SETUP/> }.into_any()
                        }
                        Ok(Some(user)) => content(user).into_any(),
                        Ok(None) | Err(AppError::Unauthenticated) => view! { <Redirect path="/signin"/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn AccountLayout() -> impl IntoView {
    with_user(|_| {
        view! {
            <div class="account">
                <nav class="account-nav" aria-label="My Account">
                    <h2>"My Account"</h2>
                    <A href="/account/profile">"Profile"</A>
                    <A href="/account/preferences">"Preferences"</A>
                    <A href="/account/security">"Security"</A>
                    <A href="/account/tokens">"Personal Access Tokens"</A>
                </nav>
                <div class="account-main">
                    <Outlet/>
                </div>
            </div>
        }
    })
}

/// The account's facts that its Profile form does not show already (the name, username and
/// address are its fields): the role and since when the account exists.
#[component]
fn AccountFacts(user: UserView) -> impl IntoView {
    view! {
        <dl class="facts">
            <dt>"Role"</dt>
            <dd>{if user.role == crate::auth::model::Role::Admin { "Administrator" } else { "User" }}</dd>
            <dt>"Member since"</dt>
            <dd><Time ms=user.created_at/></dd>
        </dl>
    }
}

/// A section's title and heading, with its introduction.
fn section(title: &'static str, intro: &'static str) -> impl IntoView {
    view! {
        <Title text=format!("{title} · My Account · Gatehouse")/>
        <h1>{title}</h1>
        <p class="intro">{intro}</p>
    }
}

/// In the seed's order: the profile's own fields, the address, the password, and signing out
/// everywhere else.
#[component]
pub fn ProfileSection() -> impl IntoView {
    view! {
        <Title text="Profile · My Account · Gatehouse"/>
        <h1>"Profile"</h1>
        <p class="intro">"How you appear to others, and how you sign in."</p>
        {with_user(|user| view! { <AccountFacts user=user.clone()/><super::profile::ProfileForm user/> })}
        <crate::email::ui::EmailPanel/>
        <crate::password::ui::ChangePasswordForm confirm_label="Confirm your Password"/>
        <section class="panel" aria-label="Other locations">
            <crate::sessions::ui::LogoutOthers/>
        </section>
    }
}

#[component]
pub fn PreferencesSection() -> impl IntoView {
    view! {
        {section("Preferences", "Language, presence, notifications and more for this account.")}
        <crate::preferences::ui::PreferencesPanel/>
    }
}

/// Every panel is created at the top level (not inside a suspended branch), so the server and
/// the browser create their resources in the same order. While an administrator requires
/// two-factor authentication that is not set up, the other panels answer that it comes first.
#[component]
pub fn SecuritySection() -> impl IntoView {
    view! {
        {section("Security", "Password, two-factor authentication and where you are signed in.")}
        <crate::password::ui::ChangePasswordForm/>
        <crate::two_factor::ui::TwoFactorPanel/>
        <crate::sessions::ui::SessionsPanel/>
    }
}

#[component]
pub fn TokensSection() -> impl IntoView {
    view! {
        {section("Personal Access Tokens", "Tokens for scripts and API clients that act as you.")}
        <crate::tokens::ui::TokensPanel/>
    }
}
