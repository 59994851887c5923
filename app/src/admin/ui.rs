//! The Administration page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

use super::api::{admin_overview, AdminUser, SavePasswordPolicy};
use crate::{
    account::ui::with_user,
    password::api::get_password_policy,
    two_factor::{
        api::{AdminForceTwoFactor, AdminResetTwoFactor},
        ui::ConfirmItsYou,
    },
    ui::{error_message, field_error, form_error, ErrorNotice, Field, FormError, SubmitButton, Time},
};

#[component]
pub fn AdminPage() -> impl IntoView {
    with_user(|user| {
        if !user.is_admin() {
            return view! { <NotAdmin/> }.into_any();
        }
        view! { <AdminOverviewView/> }.into_any()
    })
}

#[component]
fn AdminOverviewView() -> impl IntoView {
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let after = move || query.read().get("after");
    let force = ServerAction::<AdminForceTwoFactor>::new();
    let reset = ServerAction::<AdminResetTwoFactor>::new();
    let overview = Resource::new(
        move || (search(), after(), force.version().get(), reset.version().get()),
        |(q, after, _, _)| admin_overview(q, after),
    );
    let action_error = Signal::derive(move || {
        force.value().get().and_then(Result::err).or_else(|| reset.value().get().and_then(Result::err))
    });
    let reset_done = move || matches!(reset.value().get(), Some(Ok(())));
    view! {
        <Title text="Administration · Gatehouse"/>
        <h1>"Administration"</h1>
        <AdminNav/>
        <ConfirmItsYou/>
        <form method="get" action="/admin" class="search">
            <label for="admin-search">"Search users"</label>
            <input id="admin-search" name="q" type="search" value=search/>
            <button type="submit">"Search"</button>
        </form>
        <FormError message=error_message(action_error)/>
        <Show when=reset_done>
            <p class="notice ok" role="status">"Two-factor authentication was reset. The user was told by email."</p>
        </Show>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! {
                        <p class="facts-line">
                            {format!("{} accounts, {} administrators.", o.total_users, o.admins)}
                        </p>
                        {(o.mail_given_up > 0).then(|| view! {
                            <p class="notice warn" role="status">
                                {format!(
                                    "{} email message(s) could not be delivered and were given up (refused addresses, or the mail server failed for hours). The server log names them.",
                                    o.mail_given_up,
                                )}
                            </p>
                        })}
                        <table class="users">
                            <thead>
                                <tr>
                                    <th>"Username"</th><th>"Name"</th><th>"Email"</th><th>"Role"</th>
                                    <th>"Created"</th><th>"Two-factor"</th><th></th>
                                </tr>
                            </thead>
                            <tbody>
                                {o.users.into_iter().map(|u| view! { <UserRowView u force reset/> }).collect_view()}
                            </tbody>
                        </table>
                        <PageLinks next=o.next_page search=search()/>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "First page" when past it, "Next page" when there is one (links: they work without
/// JavaScript, and each page has its address).
#[component]
fn PageLinks(next: Option<String>, search: String) -> impl IntoView {
    let query = use_query_map();
    let paged = move || query.read().get("after").is_some();
    let address = move |after: Option<&str>| {
        let mut pairs = Vec::new();
        if !search.is_empty() {
            pairs.push(format!("q={}", query_escape(&search)));
        }
        if let Some(after) = after {
            pairs.push(format!("after={}", query_escape(after)));
        }
        if pairs.is_empty() {
            "/admin".to_owned()
        } else {
            format!("/admin?{}", pairs.join("&"))
        }
    };
    let first = address(None);
    let next = next.map(|n| address(Some(&n)));
    view! {
        <nav class="pages" aria-label="Pages of users">
            <Show when=paged><A href=first.clone()>"First page"</A></Show>
            {next.map(|href| view! { <A href=href>"Next page"</A> })}
        </nav>
    }
}

/// Percent-encodes a query value (all but the unreserved characters of RFC 3986).
fn query_escape(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn UserRowView(
    u: AdminUser,
    force: ServerAction<AdminForceTwoFactor>,
    reset: ServerAction<AdminResetTwoFactor>,
) -> impl IntoView {
    let AdminUser { user, totp, two_factor_forced } = u;
    let state = match (totp, two_factor_forced) {
        (true, true) => "On (required)",
        (true, false) => "On",
        (false, true) => "Required, not set up",
        (false, false) => "Off",
    };
    let force_label =
        if two_factor_forced { "Stop forcing two-factor authentication" } else { "Force two-factor authentication" };
    let force_aria = format!("{force_label} for {}", user.username);
    let reset_aria = format!("Reset two-factor authentication for {}", user.username);
    let id = user.id.clone();
    let reset_form = totp.then(move || {
        view! {
            <ActionForm action=reset>
                <input type="hidden" name="user_id" value=id/>
                <button type="submit" class="secondary danger" aria-label=reset_aria>
                    "Reset two-factor authentication"
                </button>
            </ActionForm>
        }
    });
    let id = user.id.clone();
    view! {
        <tr>
            <td>{user.username}</td>
            <td>{user.name}</td>
            <td>{user.email}</td>
            <td>{user.role.as_str()}</td>
            <td><Time ms=user.created_at/></td>
            <td>{state}</td>
            <td class="row-actions">
                <ActionForm action=force>
                    <input type="hidden" name="user_id" value=id/>
                    <input type="hidden" name="force" value=if two_factor_forced { "off" } else { "on" }/>
                    <button type="submit" class="secondary" aria-label=force_aria>
                        {force_label}
                    </button>
                </ActionForm>
                {reset_form}
            </td>
        </tr>
    }
}

/// Administration → Two-factor authentication.
#[component]
pub fn AdminTwoFactorPage() -> impl IntoView {
    with_user(|user| {
        if !user.is_admin() {
            return view! { <NotAdmin/> }.into_any();
        }
        view! {
            <Title text="Two-factor authentication · Administration · Gatehouse"/>
            <h1>"Administration"</h1>
            <AdminNav/>
            <ConfirmItsYou/>
            <crate::two_factor::ui::TwoFactorSettingsForm/>
        }
        .into_any()
    })
}

/// Administration → Personal access tokens: the longest lifetime of a new token.
#[component]
pub fn AdminTokensPage() -> impl IntoView {
    with_user(|user| {
        if !user.is_admin() {
            return view! { <NotAdmin/> }.into_any();
        }
        view! {
            <Title text="Personal access tokens · Administration · Gatehouse"/>
            <h1>"Administration"</h1>
            <AdminNav/>
            <ConfirmItsYou/>
            <TokenSettingsForm/>
        }
        .into_any()
    })
}

#[component]
fn TokenSettingsForm() -> impl IntoView {
    use crate::tokens::api::{get_token_settings, SaveTokenSettings};
    let action = ServerAction::<SaveTokenSettings>::new();
    let settings = Resource::new(move || action.version().get(), |_| get_token_settings());
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="panel" aria-labelledby="token-settings-heading">
            <h2 id="token-settings-heading">"Personal access tokens"</h2>
            <Show when=saved>
                <p class="notice ok" role="status">"The token settings were saved."</p>
            </Show>
            <FormError message=form_error(error)/>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(s) => view! {
                            <ActionForm action=action>
                                <Field
                                    label="Longest lifetime of a new token, in days"
                                    name="max_days"
                                    kind="number"
                                    value=s.max_days.to_string()
                                    hint="0: no limit (tokens may also never expire). Existing tokens keep their expiry."
                                    error=field_error(error, "max_days")
                                    required=true
                                />
                                <SubmitButton label="Save" pending=action.pending()/>
                            </ActionForm>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Administration → Preferences: the defaults of everyone who did not choose.
#[component]
pub fn AdminPreferencesPage() -> impl IntoView {
    with_user(|user| {
        if !user.is_admin() {
            return view! { <NotAdmin/> }.into_any();
        }
        view! {
            <Title text="Preferences · Administration · Gatehouse"/>
            <h1>"Administration"</h1>
            <AdminNav/>
            <ConfirmItsYou/>
            <h2>"Default preferences"</h2>
            <crate::preferences::ui::PreferenceDefaultsPanel/>
        }
        .into_any()
    })
}

/// Links between the administration pages.
#[component]
fn AdminNav() -> impl IntoView {
    view! {
        <nav class="admin-nav" aria-label="Administration">
            <A href="/admin">"Users"</A>
            <A href="/admin/password-policy">"Password policy"</A>
            <A href="/admin/two-factor">"Two-factor authentication"</A>
            <A href="/admin/tokens">"Personal access tokens"</A>
            <A href="/admin/preferences">"Preferences"</A>
        </nav>
    }
}

/// Administration → Password policy.
#[component]
pub fn PasswordPolicyPage() -> impl IntoView {
    with_user(|user| {
        if !user.is_admin() {
            return view! { <NotAdmin/> }.into_any();
        }
        view! { <PasswordPolicyForm/> }.into_any()
    })
}

#[component]
fn NotAdmin() -> impl IntoView {
    view! {
        <Title text="Administration · Gatehouse"/>
        <section class="card narrow">
            <h1>"Administration"</h1>
            <p class="notice error" role="alert">"Only administrators can open this page."</p>
        </section>
    }
}

#[component]
fn PasswordPolicyForm() -> impl IntoView {
    let action = ServerAction::<SavePasswordPolicy>::new();
    let policy = Resource::new(move || action.version().get(), |_| get_password_policy());
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    let number = move |label: &'static str, name: &'static str, value: String, hint: &'static str| {
        view! {
            <Field label=label name=name kind="number" value=value hint=hint error=field_error(error, name) required=true/>
        }
    };
    let check = |label: &'static str, name: &'static str, on: bool| {
        view! {
            <div class="field check">
                <input type="checkbox" id=format!("field-{name}") name=name checked=on/>
                <label for=format!("field-{name}")>{label}</label>
            </div>
        }
    };
    view! {
        <Title text="Password policy · Administration · Gatehouse"/>
        <h1>"Administration"</h1>
        <AdminNav/>
        <ConfirmItsYou/>
        <section class="panel" aria-labelledby="policy-heading">
            <h2 id="policy-heading">"Password policy"</h2>
            <p class="intro">
                "Applies to registration, password changes and resets. Composition rules are off by default: "
                "length and the common-password list protect better (NIST SP 800-63B)."
            </p>
            <Show when=saved>
                <p class="notice ok" role="status">"The password policy was saved."</p>
            </Show>
            <FormError message=form_error(error)/>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match policy.await {
                        Ok(p) => view! {
                            <ActionForm action=action>
                                {number("Minimum length", "min_length", p.min_length.to_string(), "At least 8.")}
                                {number("Maximum length", "max_length", p.max_length.to_string(), "64 to 1024.")}
                                <fieldset>
                                    <legend>"Require"</legend>
                                    {check("A lower-case letter", "require_lower", p.require_lower)}
                                    {check("An upper-case letter", "require_upper", p.require_upper)}
                                    {check("A digit", "require_digit", p.require_digit)}
                                    {check("A symbol", "require_symbol", p.require_symbol)}
                                </fieldset>
                                {check("Forbid the username, email address or name inside the password", "forbid_personal", p.forbid_personal)}
                                {number("Forbid the last N passwords", "history", p.history.to_string(), "0 turns this off; at most 24.")}
                                {number("Maximum age in days", "max_age_days", p.max_age_days.to_string(), "0: passwords never expire. An expired password must be changed at sign-in.")}
                                {number("Maximum repeated characters in a row", "max_repeated", p.max_repeated.to_string(), "0: no limit.")}
                                {check("Refuse commonly used passwords", "block_common", p.block_common)}
                                <SubmitButton label="Save policy" pending=action.pending()/>
                            </ActionForm>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
