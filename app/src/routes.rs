//! The route table. Every page is a lazy route: its code (and the code only it uses: its
//! server functions' client side, its forms) is split out of the main WASM bundle by
//! `cargo leptos build --split` and loaded when a page of its group is first visited, so the
//! sign-in page does not download My Account (with the two-factor enrolment) or the
//! administration.

use leptos::{lazy, prelude::*};
use leptos_meta::Html;
use leptos_router::{
    components::{ParentRoute, Redirect, Route, Routes},
    path, Lazy, LazyRoute, SsrMode,
};

use crate::{
    account::ui::{AccountLayout, PreferencesSection, ProfileSection, SecuritySection, TokensSection},
    admin::ui::{
        AdminAuditPage, AdminOrganizationsPage, AdminPage, AdminPreferencesPage, AdminSupportPinPage, AdminTokensPage,
        AdminTwoFactorPage, PasswordPolicyPage,
    },
    auth::{
        api::HOME,
        ui::{Auth, RegisterPage, SignInPage, UserMenu},
    },
    deletion::ui::DeleteAccountPage,
    email::ui::VerifyEmailPage,
    organizations::ui::{InvitationPage, OrgUsersPage, OrganizationPage, OrganizationsSection},
    password::ui::{ExpiredPasswordPage, ForgotPasswordPage, ResetPasswordPage},
    support::ui::SupportDeskPage,
    t,
    two_factor::ui::SecondStepPage,
};

/// The pages of the grouped splits. The pages before sign-in are one split each (the sign-in
/// page loads only its own code); the others come in groups (recovery, My Account,
/// administration), one `#[lazy]` function per group, so a group's pages (and what only they
/// use: their forms, their server functions' client side) arrive in one download the first
/// time one of them is opened: pages of a group share most of their code, and every split costs
/// a chunk header, its imports and a request. Measured: one split per page made the first
/// load of /signin 270 KB and the bundle 597 KB in 130 files; this shape 262 KB and 496 KB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    ForgotPassword,
    ResetPassword,
    VerifyEmail,
    ExpiredPassword,
    Account,
    Profile,
    Preferences,
    Security,
    Tokens,
    Organizations,
    DeleteAccount,
    Organization,
    OrgUsers,
    Invitation,
    Admin,
    PasswordPolicy,
    AdminTwoFactor,
    AdminTokens,
    AdminPreferences,
    AdminSupportPin,
    AdminOrganizations,
    AdminAudit,
}

#[lazy]
fn sign_in_page() -> AnyView {
    view! { <SignInPage/> }.into_any()
}

#[lazy]
fn second_step_page() -> AnyView {
    view! { <SecondStepPage/> }.into_any()
}

#[lazy]
fn register_page() -> AnyView {
    view! { <RegisterPage/> }.into_any()
}

#[lazy]
fn recovery_pages(page: Page) -> AnyView {
    match page {
        Page::ForgotPassword => view! { <ForgotPasswordPage/> }.into_any(),
        Page::ResetPassword => view! { <ResetPasswordPage/> }.into_any(),
        Page::VerifyEmail => view! { <VerifyEmailPage/> }.into_any(),
        _ => view! { <ExpiredPasswordPage/> }.into_any(),
    }
}

/// My Account.
#[lazy]
fn account_pages(page: Page) -> AnyView {
    match page {
        Page::Account => view! { <AccountLayout/> }.into_any(),
        Page::Profile => view! { <ProfileSection/> }.into_any(),
        Page::Preferences => view! { <PreferencesSection/> }.into_any(),
        Page::Security => view! { <SecuritySection/> }.into_any(),
        Page::Organizations => view! { <OrganizationsSection/> }.into_any(),
        Page::DeleteAccount => view! { <DeleteAccountPage/> }.into_any(),
        _ => view! { <TokensSection/> }.into_any(),
    }
}

/// Administration: never downloaded by people who are not administrators.
#[lazy]
fn admin_pages(page: Page) -> AnyView {
    match page {
        Page::Admin => view! { <AdminPage/> }.into_any(),
        Page::PasswordPolicy => view! { <PasswordPolicyPage/> }.into_any(),
        Page::AdminTwoFactor => view! { <AdminTwoFactorPage/> }.into_any(),
        Page::AdminPreferences => view! { <AdminPreferencesPage/> }.into_any(),
        Page::AdminSupportPin => view! { <AdminSupportPinPage/> }.into_any(),
        Page::AdminOrganizations => view! { <AdminOrganizationsPage/> }.into_any(),
        Page::AdminAudit => view! { <AdminAuditPage/> }.into_any(),
        _ => view! { <AdminTokensPage/> }.into_any(),
    }
}

/// An organization's pages and invitations: downloaded by members of organizations only.
#[lazy]
fn organization_pages(page: Page) -> AnyView {
    match page {
        Page::Organization => view! { <OrganizationPage/> }.into_any(),
        Page::OrgUsers => view! { <OrgUsersPage/> }.into_any(),
        _ => view! { <InvitationPage/> }.into_any(),
    }
}

/// The support desk: only support staff and administrators ever download it.
#[lazy]
fn support_page() -> AnyView {
    view! { <SupportDeskPage/> }.into_any()
}

/// A lazy route showing `$page` from the group `$group` (whose chunk `$preload` starts loading).
macro_rules! lazy_page {
    ($route:ident, $group:ident, $preload:ident $(, $page:expr)?) => {
        #[derive(Clone, Copy)]
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $group($($page)?).await
            }

            async fn preload() {
                #[cfg(target_arch = "wasm32")]
                $preload().await;
            }
        }
    };
}

lazy_page!(SignInRoute, sign_in_page, __preload_sign_in_page);
lazy_page!(SecondStepRoute, second_step_page, __preload_second_step_page);
lazy_page!(RegisterRoute, register_page, __preload_register_page);
lazy_page!(ForgotPasswordRoute, recovery_pages, __preload_recovery_pages, Page::ForgotPassword);
lazy_page!(ResetPasswordRoute, recovery_pages, __preload_recovery_pages, Page::ResetPassword);
lazy_page!(VerifyEmailRoute, recovery_pages, __preload_recovery_pages, Page::VerifyEmail);
lazy_page!(ExpiredPasswordRoute, recovery_pages, __preload_recovery_pages, Page::ExpiredPassword);
lazy_page!(AccountRoute, account_pages, __preload_account_pages, Page::Account);
lazy_page!(ProfileRoute, account_pages, __preload_account_pages, Page::Profile);
lazy_page!(PreferencesRoute, account_pages, __preload_account_pages, Page::Preferences);
lazy_page!(SecurityRoute, account_pages, __preload_account_pages, Page::Security);
lazy_page!(TokensRoute, account_pages, __preload_account_pages, Page::Tokens);
lazy_page!(AdminRoute, admin_pages, __preload_admin_pages, Page::Admin);
lazy_page!(PasswordPolicyRoute, admin_pages, __preload_admin_pages, Page::PasswordPolicy);
lazy_page!(AdminTwoFactorRoute, admin_pages, __preload_admin_pages, Page::AdminTwoFactor);
lazy_page!(AdminTokensRoute, admin_pages, __preload_admin_pages, Page::AdminTokens);
lazy_page!(AdminPreferencesRoute, admin_pages, __preload_admin_pages, Page::AdminPreferences);
lazy_page!(AdminSupportPinRoute, admin_pages, __preload_admin_pages, Page::AdminSupportPin);
lazy_page!(SupportRoute, support_page, __preload_support_page);
lazy_page!(OrganizationsRoute, account_pages, __preload_account_pages, Page::Organizations);
lazy_page!(DeleteAccountRoute, account_pages, __preload_account_pages, Page::DeleteAccount);
lazy_page!(OrganizationRoute, organization_pages, __preload_organization_pages, Page::Organization);
lazy_page!(OrgUsersRoute, organization_pages, __preload_organization_pages, Page::OrgUsers);
lazy_page!(InvitationRoute, organization_pages, __preload_organization_pages, Page::Invitation);
lazy_page!(AdminOrganizationsRoute, admin_pages, __preload_admin_pages, Page::AdminOrganizations);
lazy_page!(AdminAuditRoute, admin_pages, __preload_admin_pages, Page::AdminAudit);

/// Everything inside the router: header and pages. Pages render completely on the server
/// (`SsrMode::Async`) so they are readable before the WASM loads and redirects are real 302s.
#[component]
pub fn AppRoutes() -> impl IntoView {
    Auth::provide();
    crate::ui::UnsavedGuard::provide();
    view! {
        <DocumentSettings/>
        <crate::language::KeepLanguage/>
        <Header/>
        <main id="main">
            <Routes fallback=NotFound>
                <Route path=path!("/") view=|| view! { <Redirect path=HOME/> } ssr=SsrMode::Async/>
                <Route path=path!("/signin") view={Lazy::<SignInRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/signin/two-factor") view={Lazy::<SecondStepRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/reset-password") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/verify-email") view={Lazy::<VerifyEmailRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/change-password") view={Lazy::<ExpiredPasswordRoute>::new()} ssr=SsrMode::Async/>
                <ParentRoute path=path!("/account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async>
                    <Route path=path!("") view=|| view! { <Redirect path=HOME/> } ssr=SsrMode::Async/>
                    <Route path=path!("profile") view={Lazy::<ProfileRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("preferences") view={Lazy::<PreferencesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("security") view={Lazy::<SecurityRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("tokens") view={Lazy::<TokensRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("organizations") view={Lazy::<OrganizationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("delete") view={Lazy::<DeleteAccountRoute>::new()} ssr=SsrMode::Async/>
                </ParentRoute>
                <Route path=path!("/admin") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/password-policy") view={Lazy::<PasswordPolicyRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/two-factor") view={Lazy::<AdminTwoFactorRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/tokens") view={Lazy::<AdminTokensRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/preferences") view={Lazy::<AdminPreferencesRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/support-pin") view={Lazy::<AdminSupportPinRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/support") view={Lazy::<SupportRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/organizations") view={Lazy::<AdminOrganizationsRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/audit") view={Lazy::<AdminAuditRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/organizations/:slug") view={Lazy::<OrganizationRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/organizations/:slug/users") view={Lazy::<OrgUsersRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/invitation") view={Lazy::<InvitationRoute>::new()} ssr=SsrMode::Async/>
            </Routes>
        </main>
        <crate::language::Footer/>
    }
}

/// The theme on the `<html>` element, from the display settings: rendered on the server, so the
/// page has its colours at the first paint (no flash), before sign-in too. `system` leaves the
/// choice to the device (`prefers-color-scheme` in the style sheet).
#[component]
fn DocumentSettings() -> impl IntoView {
    let auth = Auth::get();
    let display = Auth::display();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let _ = auth.visitor.await;
                view! { <Html {..} data-theme=move || display.get().theme.as_str()/> }
            })}
        </Transition>
    }
}

#[component]
fn Header() -> impl IntoView {
    let auth = Auth::get();
    view! {
        <header class="topbar">
            <a class="brand" href="/">{t!(common_product)}</a>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match auth.visitor.await.map(|v| v.user) {
                        Ok(Some(user)) => view! { <UserMenu user/> }.into_any(),
                        _ => view! {
                            <nav class="guest" aria-label=t!(nav_guest_label)>
                                <a href="/signin">{t!(nav_sign_in)}</a>
                                <a href="/register">{t!(nav_create_account)}</a>
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
            <h1>{t!(nav_not_found)}</h1>
            <p><a href="/">{t!(nav_back_home)}</a></p>
        </section>
    }
}
