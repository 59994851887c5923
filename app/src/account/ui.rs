//! The My Account layout and its sections.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Outlet, Redirect, A};

use crate::{
    auth::{model::UserView, ui::Auth},
    error::AppError,
    t,
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
        <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
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
                <nav class="account-nav" aria-label=t!(account_nav_label)>
                    <h2>{t!(account_nav_label)}</h2>
                    <A href="/account/profile">{t!(account_nav_profile)}</A>
                    <A href="/account/preferences">{t!(account_nav_preferences)}</A>
                    <A href="/account/security">{t!(account_nav_security)}</A>
                    <A href="/account/tokens">{t!(account_nav_tokens)}</A>
                    <A href="/account/organizations">{t!(account_nav_organizations)}</A>
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
            <dt>{t!(account_role)}</dt>
            <dd>{match user.role {
                crate::auth::model::Role::Admin => t!(account_role_admin),
                crate::auth::model::Role::Support => t!(account_role_support),
                crate::auth::model::Role::User => t!(account_role_user),
            }}</dd>
            <dt>{t!(account_member_since)}</dt>
            <dd><Time ms=user.created_at/></dd>
        </dl>
    }
}

/// A section's title and heading, with its introduction.
fn section(title: String, intro: String) -> impl IntoView {
    view! {
        <Title text=t!(account_page_title, &title)/>
        <h1>{title}</h1>
        <p class="intro">{intro}</p>
    }
}

/// In the seed's order: the profile's own fields, the address, the password, and signing out
/// everywhere else.
#[component]
pub fn ProfileSection() -> impl IntoView {
    view! {
        {section(t!(account_profile_title), t!(account_profile_intro))}
        {with_user(|user| view! { <AccountFacts user=user.clone()/><super::profile::ProfileForm user/> })}
        <crate::email::ui::EmailPanel/>
        <crate::password::ui::ChangePasswordForm confirm_label=t!(account_confirm_password)/>
        <section class="panel" aria-label=t!(account_other_locations)>
            <crate::sessions::ui::LogoutOthers/>
        </section>
    }
}

#[component]
pub fn PreferencesSection() -> impl IntoView {
    view! {
        {section(t!(account_preferences_title), t!(account_preferences_intro))}
        <crate::preferences::ui::PreferencesPanel/>
        <crate::my_data::ui::MyDataPanel/>
    }
}

/// Every panel is created at the top level (not inside a suspended branch), so the server and
/// the browser create their resources in the same order. While an administrator requires
/// two-factor authentication that is not set up, the other panels answer that it comes first.
#[component]
pub fn SecuritySection() -> impl IntoView {
    view! {
        {section(t!(account_security_title), t!(account_security_intro))}
        <crate::password::ui::ChangePasswordForm/>
        <crate::organizations::ui::OrgRulesPanel/>
        <crate::two_factor::ui::TwoFactorPanel/>
        <crate::support_pin::ui::SupportPinPanel/>
        <crate::deletion::ui::DeleteAccountPanel/>
        <crate::sessions::ui::SessionsPanel/>
        <crate::activity::ui::ActivityPanel/>
    }
}

#[component]
pub fn TokensSection() -> impl IntoView {
    view! {
        {section(t!(account_tokens_title), t!(account_tokens_intro))}
        <crate::tokens::ui::TokensPanel/>
    }
}
