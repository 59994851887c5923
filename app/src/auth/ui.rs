//! Sign-in and registration pages, and the signed-in user's state for the whole app.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::location::Url;
use wire::{
    preferences::{Display, Preferences},
    presence::{AutoAway, Connection},
};

use super::{
    api::{current_user, Register, SignIn, SignOut},
    model::{UserView, Visitor},
};
use crate::{
    error::AppError,
    password::ui::PasswordRules,
    t,
    ui::{field_error, form_error, Field, FormError, SubmitButton},
};

/// The signed-in user and the page's display settings, shared by the header and every page.
///
/// Refetched at every navigation: signing in, registering and signing out all end in one, and
/// a session revoked elsewhere shows up at the next page.
#[derive(Clone, Copy)]
pub struct Auth {
    pub visitor: Resource<Result<Visitor, AppError>>,
    /// The account as the last save left it (the Profile form's answer), so the header shows
    /// it without a refetch (which would re-render the page).
    pub saved: RwSignal<Option<UserView>>,
    /// The preferences the Preferences page saved last, with the account they are of: theme,
    /// time format and auto-away apply at once, before the next navigation fetches them.
    pub saved_prefs: RwSignal<Option<(String, Preferences)>>,
    /// What this page last reported of an account's presence (the idle watch), and of which.
    pub connection: RwSignal<Option<(String, Connection)>>,
}

impl Auth {
    pub fn provide() -> Auth {
        let location = leptos_router::hooks::use_location();
        let visitor = Resource::new(move || location.pathname.get(), |_| current_user());
        let auth = Auth {
            visitor,
            saved: RwSignal::new(None),
            saved_prefs: RwSignal::new(None),
            connection: RwSignal::new(None),
        };
        provide_context(auth);
        auth
    }

    pub fn get() -> Auth {
        expect_context::<Auth>()
    }

    /// The user as the page calling this sees it: see [`PageUser`]. Call it in the component's
    /// body (it reads the route's context), await it inside the page's `Suspend`.
    pub fn for_page() -> PageUser {
        PageUser {
            visitor: Auth::get().visitor,
            here: use_context::<ArcRwSignal<Url>>(),
            location: leptos_router::hooks::use_location(),
        }
    }

    /// The display settings in force: the ones just saved by this account, else the fetched
    /// ones (the defaults until they arrive).
    pub fn display() -> Signal<Display> {
        let auth = Auth::get();
        Signal::derive(move || match auth.just_saved() {
            Some(p) => Display::of(&p),
            None => auth.visitor.get().and_then(Result::ok).map(|v| v.display).unwrap_or_default(),
        })
    }

    /// Enable Auto-Away and its idle time for the signed-in account (None signed out).
    pub fn auto_away(&self) -> Option<AutoAway> {
        let fetched = self.visitor.get().and_then(Result::ok).and_then(|v| v.auto_away)?;
        Some(self.just_saved().map(|p| AutoAway::of(&p)).unwrap_or(fetched))
    }

    /// [`Auth::auto_away`], read outside the reactive graph (a timer's tick).
    pub fn auto_away_untracked(&self) -> Option<AutoAway> {
        untrack(|| self.auto_away())
    }

    /// The signed-in account's id.
    pub fn user_id(&self) -> Option<String> {
        self.visitor.get().and_then(Result::ok).and_then(|v| v.user).map(|u| u.id)
    }

    /// The preferences this account saved on this page, if it did.
    fn just_saved(&self) -> Option<Preferences> {
        let user_id = self.user_id()?;
        self.saved_prefs.get().filter(|(saved_for, _)| *saved_for == user_id).map(|(_, p)| p)
    }

    /// The presence this page reported last for the signed-in account, if it did.
    pub fn reported(&self) -> Option<Connection> {
        let user_id = self.user_id()?;
        self.connection.get().filter(|(of, _)| *of == user_id).map(|(_, c)| c)
    }

    /// The presence this page reported last, else the one fetched with the page.
    pub fn connection(&self) -> Connection {
        self.reported().unwrap_or_else(|| {
            let fetched = self.visitor.get().and_then(Result::ok).and_then(|v| v.presence).map(|p| p.connection);
            fetched.unwrap_or(Connection::Online)
        })
    }
}

/// The signed-in user for one page, which stops answering once a navigation away from the
/// page has begun.
///
/// The user is refetched at every navigation. With lazy routes the old page stays mounted while
/// the next page's code downloads, so its suspended views would run again with the refetched
/// user — after the router has disposed of the old page's resources, which then panic when
/// awaited. Each route has its own URL signal that keeps the route's path once the router has
/// moved on (`<Header/>`, outside the routes, has none and always answers).
#[derive(Clone)]
pub struct PageUser {
    visitor: Resource<Result<Visitor, AppError>>,
    here: Option<ArcRwSignal<Url>>,
    location: leptos_router::location::Location,
}

impl PageUser {
    /// The user, or `None` when this page is being left and must render nothing more.
    pub async fn get(&self) -> Option<Result<Option<UserView>, AppError>> {
        let user = self.visitor.await.map(|v| v.user);
        self.is_current().then_some(user)
    }

    fn is_current(&self) -> bool {
        self.here
            .as_ref()
            .is_none_or(|url| url.with_untracked(|url| url.path() == self.location.pathname.get_untracked()))
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    // Created inside the page: the router hands a no-JavaScript form error to actions made
    // below <Routes>.
    let action = ServerAction::<SignIn>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let query = leptos_router::hooks::use_query_map();
    let was_reset = move || query.read().get("reset").is_some();
    view! {
        <Title text=t!(auth_signin_title)/>
        <section class="card narrow">
            <h1>{t!(auth_signin_heading)}</h1>
            <Show when=was_reset>
                <p class="notice ok" role="status">{t!(auth_signin_was_reset)}</p>
            </Show>
            <FormError message=form_error(error)/>
            <ActionForm action=action>
                <Field
                    label=t!(auth_field_identifier)
                    name="identifier"
                    autocomplete="username"
                    error=field_error(error, "identifier")
                    required=true
                />
                <Field
                    label=t!(auth_field_password)
                    name="password"
                    kind="password"
                    autocomplete="current-password"
                    error=field_error(error, "password")
                    required=true
                />
                <SubmitButton label=t!(auth_signin_submit) pending=action.pending()/>
            </ActionForm>
            <p class="aside"><a href="/forgot-password">{t!(auth_forgot_link)}</a></p>
            <p class="aside">{t!(auth_new_here)} " " <a href="/register">{t!(auth_create_account_link)}</a></p>
        </section>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let typed = RwSignal::new(String::new());
    view! {
        <Title text=t!(auth_register_title)/>
        <section class="card narrow">
            <h1>{t!(auth_register_heading)}</h1>
            <FormError message=form_error(error)/>
            <ActionForm action=action>
                <Field
                    label=t!(auth_field_name)
                    name="name"
                    autocomplete="name"
                    error=field_error(error, "name")
                    required=true
                />
                <Field
                    label=t!(auth_field_username)
                    name="username"
                    autocomplete="username"
                    hint=t!(auth_username_hint)
                    error=field_error(error, "username")
                    required=true
                />
                <Field
                    label=t!(auth_field_email)
                    name="email"
                    kind="email"
                    autocomplete="email"
                    error=field_error(error, "email")
                    required=true
                />
                <Field
                    label=t!(auth_field_password)
                    name="password"
                    kind="password"
                    autocomplete="new-password"
                    error=field_error(error, "password")
                    required=true
                    on_input=Callback::new(move |v: String| typed.set(v))
                    extra=view! { <PasswordRules typed=typed/> }.into_any()
                />
                <SubmitButton label=t!(auth_register_submit) pending=action.pending()/>
            </ActionForm>
            <p class="aside">{t!(auth_have_account)} " " <a href="/signin">{t!(auth_signin_link)}</a></p>
        </section>
    }
}

/// The avatar menu of the header: My Account, Administration (admins), Sign out.
/// A `<details>` element, so it opens without JavaScript.
#[component]
pub fn UserMenu(user: UserView) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let is_admin = user.is_admin();
    let is_support = user.is_support();
    // A save made after this menu was drawn (from the fetched user) is newer than that user.
    let saved = Auth::get().saved;
    let drawn_with = saved.get_untracked();
    let shown = Signal::derive(move || {
        saved.get().filter(|s| Some(s) != drawn_with.as_ref() && s.id == user.id).unwrap_or_else(|| user.clone())
    });
    // What others see: the chosen status joined with the presence (away after the idle time).
    let auth = Auth::get();
    let status = move || wire::presence::status(shown.with(|u| u.status), auth.connection());
    // The header outlives client-side navigation: close the menu when the page changes.
    let menu = NodeRef::<leptos::html::Details>::new();
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(el) = menu.get_untracked() {
            el.set_open(false);
        }
    });
    view! {
        <details class="user-menu" node_ref=menu>
            <summary aria-label=t!(auth_menu_label)>
                <span class="avatar-with-status">
                    <img class="avatar" src=move || shown.with(|u| u.avatar_url(64)) alt="" width="34" height="34"/>
                    <span class=move || format!("status-dot {}", status().as_str()) aria-hidden="true"></span>
                </span>
                <span class="visually-hidden" data-testid="header-status">
                    {move || t!(auth_menu_status, status().as_str())}
                </span>
                <span class="user-name">{move || shown.with(|u| u.username.clone())}</span>
            </summary>
            <crate::presence::PresenceWatcher/>
            <div class="menu" role="menu">
                <a role="menuitem" href="/account/profile">{t!(auth_menu_my_account)}</a>
                <Show when=move || is_support>
                    <a role="menuitem" href="/support">{t!(auth_menu_support_desk)}</a>
                </Show>
                <Show when=move || is_admin>
                    <a role="menuitem" href="/admin">{t!(auth_menu_administration)}</a>
                </Show>
                <ActionForm action=sign_out>
                    <button role="menuitem" type="submit" class="link">{t!(auth_sign_out)}</button>
                </ActionForm>
            </div>
        </details>
    }
}
