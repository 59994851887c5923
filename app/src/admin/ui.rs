//! The Administration page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

use wire::account::Role;

use super::api::{admin_overview, AdminSetSupportRole, AdminUser, SavePasswordPolicy};
use crate::{
    account::ui::with_user,
    deletion::api::{AdminDeleteUser, AdminSetDisabled},
    password::api::get_password_policy,
    t,
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
    let role = ServerAction::<AdminSetSupportRole>::new();
    let disable = ServerAction::<AdminSetDisabled>::new();
    let delete = ServerAction::<AdminDeleteUser>::new();
    let overview = Resource::new(
        move || {
            (
                (search(), after()),
                (force.version().get(), reset.version().get(), role.version().get()),
                (disable.version().get(), delete.version().get()),
            )
        },
        |((q, after), _, _)| admin_overview(q, after),
    );
    let action_error = Signal::derive(move || {
        force
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| reset.value().get().and_then(Result::err))
            .or_else(|| role.value().get().and_then(Result::err))
            .or_else(|| disable.value().get().and_then(Result::err))
            .or_else(|| delete.value().get().and_then(Result::err))
    });
    let reset_done = move || matches!(reset.value().get(), Some(Ok(())));
    view! {
        <Title text=t!(admin_page_title)/>
        <h1>{t!(admin_heading)}</h1>
        <AdminNav/>
        <ConfirmItsYou/>
        <form method="get" action="/admin" class="search">
            <label for="admin-search">{t!(admin_search_label)}</label>
            <input id="admin-search" name="q" type="search" value=search/>
            <button type="submit">{t!(admin_search_button)}</button>
        </form>
        <FormError message=error_message(action_error)/>
        <Show when=reset_done>
            <p class="notice ok" role="status">{t!(admin_reset_done)}</p>
        </Show>
        <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! {
                        <p class="facts-line">
                            {t!(admin_users_summary, o.total_users, o.admins)}
                        </p>
                        {(o.mail_given_up > 0).then(|| view! {
                            <p class="notice warn" role="status">{t!(admin_mail_given_up, o.mail_given_up)}</p>
                        })}
                        <table class="users">
                            <thead>
                                <tr>
                                    <th>{t!(admin_column_username)}</th>
                                    <th>{t!(admin_column_name)}</th>
                                    <th>{t!(admin_column_email)}</th>
                                    <th>{t!(admin_column_role)}</th>
                                    <th>{t!(admin_column_created)}</th>
                                    <th>{t!(admin_column_two_factor)}</th>
                                    <th></th>
                                </tr>
                            </thead>
                            <tbody>
                                {o.users.into_iter().map(|u| view! { <UserRowView u force reset role disable delete/> }).collect_view()}
                            </tbody>
                        </table>
                        <PageLinks next=o.next_page search=search()/>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <crate::deletion::ui::DeletionSettingsForm/>
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
        <nav class="pages" aria-label=t!(admin_pages_label)>
            <Show when=paged><A href=first.clone()>{t!(admin_first_page)}</A></Show>
            {next.map(|href| view! { <A href=href>{t!(admin_next_page)}</A> })}
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
    role: ServerAction<AdminSetSupportRole>,
    disable: ServerAction<AdminSetDisabled>,
    delete: ServerAction<AdminDeleteUser>,
) -> impl IntoView {
    let AdminUser { user, totp, two_factor_forced, disabled, deletion_due_at } = u;
    let standing = match deletion_due_at {
        Some(at) => view! { <span class="badge">{t!(admin_account_deleted)}</span>" "{t!(admin_account_gone_on)}" "<Time ms=at/> }.into_any(),
        None if disabled => view! { <span class="badge">{t!(admin_account_disabled)}</span> }.into_any(),
        None => ().into_any(),
    };
    let (disable_label, disable_aria) = if disabled {
        (t!(admin_enable), t!(admin_enable_for, &user.username))
    } else {
        (t!(admin_disable), t!(admin_disable_for, &user.username))
    };
    let delete_aria = t!(admin_delete_for, &user.username);
    let (disable_id, delete_id) = (user.id.clone(), user.id.clone());
    let account_forms = view! {
        <ActionForm action=disable>
            <input type="hidden" name="user_id" value=disable_id/>
            {(!disabled).then(|| view! { <input type="hidden" name="disabled" value="on"/> })}
            <button type="submit" class="secondary" aria-label=disable_aria>{disable_label}</button>
        </ActionForm>
        {deletion_due_at.is_none().then(move || view! {
            <ActionForm action=delete>
                <input type="hidden" name="user_id" value=delete_id/>
                <button type="submit" class="secondary danger" aria-label=delete_aria>{t!(admin_delete)}</button>
            </ActionForm>
        })}
    };
    let state = match (totp, two_factor_forced) {
        (true, true) => t!(admin_two_factor_on_required),
        (true, false) => t!(admin_two_factor_on),
        (false, true) => t!(admin_two_factor_required_not_set_up),
        (false, false) => t!(admin_two_factor_off),
    };
    let (force_label, force_aria) = if two_factor_forced {
        (t!(admin_stop_forcing_two_factor), t!(admin_stop_forcing_two_factor_for, &user.username))
    } else {
        (t!(admin_force_two_factor), t!(admin_force_two_factor_for, &user.username))
    };
    let reset_aria = t!(admin_reset_two_factor_for, &user.username);
    // Support staff get the support desk; administrators have it already.
    let role_form = (user.role != Role::Admin).then(|| {
        let staff = user.role == Role::Support;
        let (label, aria) = if staff {
            (t!(admin_revoke_support), t!(admin_revoke_support_for, &user.username))
        } else {
            (t!(admin_grant_support), t!(admin_grant_support_for, &user.username))
        };
        let id = user.id.clone();
        view! {
            <ActionForm action=role>
                <input type="hidden" name="user_id" value=id/>
                <input type="hidden" name="support" value=if staff { "off" } else { "on" }/>
                <button type="submit" class="secondary" aria-label=aria>{label}</button>
            </ActionForm>
        }
    });
    let role = match user.role {
        Role::User => t!(admin_role_user),
        Role::Support => t!(admin_role_support),
        Role::Admin => t!(admin_role_admin),
    };
    let id = user.id.clone();
    let reset_form = totp.then(move || {
        view! {
            <ActionForm action=reset>
                <input type="hidden" name="user_id" value=id/>
                <button type="submit" class="secondary danger" aria-label=reset_aria>
                    {t!(admin_reset_two_factor)}
                </button>
            </ActionForm>
        }
    });
    let id = user.id.clone();
    view! {
        <tr>
            <td>{user.username}" "{standing}</td>
            <td>{user.name}</td>
            <td>{user.email}</td>
            <td>{role}</td>
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
                {role_form}
                {account_forms}
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
            <Title text=t!(admin_two_factor_page_title)/>
            <h1>{t!(admin_heading)}</h1>
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
            <Title text=t!(admin_tokens_page_title)/>
            <h1>{t!(admin_heading)}</h1>
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
            <h2 id="token-settings-heading">{t!(admin_tokens_heading)}</h2>
            <Show when=saved>
                <p class="notice ok" role="status">{t!(admin_tokens_saved)}</p>
            </Show>
            <FormError message=form_error(error)/>
            <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(s) => view! {
                            <ActionForm action=action>
                                <Field
                                    label=t!(admin_tokens_max_days)
                                    name="max_days"
                                    kind="number"
                                    value=s.max_days.to_string()
                                    hint=t!(admin_tokens_max_days_hint)
                                    error=field_error(error, "max_days")
                                    required=true
                                />
                                <SubmitButton label=t!(common_save) pending=action.pending()/>
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
            <Title text=t!(admin_preferences_page_title)/>
            <h1>{t!(admin_heading)}</h1>
            <AdminNav/>
            <ConfirmItsYou/>
            <h2>{t!(admin_preferences_heading)}</h2>
            <crate::preferences::ui::PreferenceDefaultsPanel/>
        }
        .into_any()
    })
}

/// Administration → Support PIN: how many digits a PIN has.
#[component]
pub fn AdminSupportPinPage() -> impl IntoView {
    with_user(|user| {
        if !user.is_admin() {
            return view! { <NotAdmin/> }.into_any();
        }
        view! {
            <Title text=t!(admin_pin_page_title)/>
            <h1>{t!(admin_heading)}</h1>
            <AdminNav/>
            <ConfirmItsYou/>
            <PinSettingsForm/>
        }
        .into_any()
    })
}

#[component]
fn PinSettingsForm() -> impl IntoView {
    use crate::support_pin::api::{get_pin_settings, SavePinSettings};
    let action = ServerAction::<SavePinSettings>::new();
    let settings = Resource::new(move || action.version().get(), |_| get_pin_settings());
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="panel" aria-labelledby="pin-settings-heading">
            <h2 id="pin-settings-heading">{t!(admin_pin_heading)}</h2>
            <p class="intro">{t!(admin_pin_intro)}</p>
            <Show when=saved>
                <p class="notice ok" role="status">{t!(admin_pin_saved)}</p>
            </Show>
            <FormError message=form_error(error)/>
            <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(s) => view! {
                            <ActionForm action=action>
                                <Field
                                    label=t!(admin_pin_min_length)
                                    name="min_length"
                                    kind="number"
                                    value=s.min_length.to_string()
                                    error=field_error(error, "min_length")
                                    required=true
                                />
                                <Field
                                    label=t!(admin_pin_max_length)
                                    name="max_length"
                                    kind="number"
                                    value=s.max_length.to_string()
                                    error=field_error(error, "max_length")
                                    required=true
                                />
                                <SubmitButton label=t!(common_save) pending=action.pending()/>
                            </ActionForm>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Links between the administration pages.
#[component]
fn AdminNav() -> impl IntoView {
    view! {
        <nav class="admin-nav" aria-label=t!(admin_nav_label)>
            <A href="/admin">{t!(admin_nav_users)}</A>
            <A href="/admin/password-policy">{t!(admin_nav_password_policy)}</A>
            <A href="/admin/two-factor">{t!(admin_nav_two_factor)}</A>
            <A href="/admin/tokens">{t!(admin_nav_tokens)}</A>
            <A href="/admin/preferences">{t!(admin_nav_preferences)}</A>
            <A href="/admin/support-pin">{t!(admin_nav_support_pin)}</A>
            <A href="/admin/organizations">{t!(admin_nav_organizations)}</A>
            <A href="/admin/audit">{t!(admin_nav_audit)}</A>
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
        <Title text=t!(admin_page_title)/>
        <section class="card narrow">
            <h1>{t!(admin_heading)}</h1>
            <p class="notice error" role="alert">{t!(admin_not_admin)}</p>
        </section>
    }
}

#[component]
fn PasswordPolicyForm() -> impl IntoView {
    let action = ServerAction::<SavePasswordPolicy>::new();
    let policy = Resource::new(move || action.version().get(), |_| get_password_policy());
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    let number = move |label: String, name: &'static str, value: String, hint: String| {
        view! {
            <Field label=label name=name kind="number" value=value hint=hint error=field_error(error, name) required=true/>
        }
    };
    let check = |label: String, name: &'static str, on: bool| {
        view! {
            <div class="field check">
                <input type="checkbox" id=format!("field-{name}") name=name checked=on/>
                <label for=format!("field-{name}")>{label}</label>
            </div>
        }
    };
    view! {
        <Title text=t!(admin_policy_page_title)/>
        <h1>{t!(admin_heading)}</h1>
        <AdminNav/>
        <ConfirmItsYou/>
        <section class="panel" aria-labelledby="policy-heading">
            <h2 id="policy-heading">{t!(admin_policy_heading)}</h2>
            <p class="intro">{t!(admin_policy_intro)}</p>
            <Show when=saved>
                <p class="notice ok" role="status">{t!(admin_policy_saved)}</p>
            </Show>
            <FormError message=form_error(error)/>
            <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match policy.await {
                        Ok(p) => view! {
                            <ActionForm action=action>
                                {number(
                                    t!(admin_policy_min_length),
                                    "min_length",
                                    p.min_length.to_string(),
                                    t!(admin_policy_min_length_hint),
                                )}
                                {number(
                                    t!(admin_policy_max_length),
                                    "max_length",
                                    p.max_length.to_string(),
                                    t!(admin_policy_max_length_hint),
                                )}
                                <fieldset>
                                    <legend>{t!(admin_policy_require)}</legend>
                                    {check(t!(admin_policy_require_lower), "require_lower", p.require_lower)}
                                    {check(t!(admin_policy_require_upper), "require_upper", p.require_upper)}
                                    {check(t!(admin_policy_require_digit), "require_digit", p.require_digit)}
                                    {check(t!(admin_policy_require_symbol), "require_symbol", p.require_symbol)}
                                </fieldset>
                                {check(t!(admin_policy_forbid_personal), "forbid_personal", p.forbid_personal)}
                                {number(
                                    t!(admin_policy_history),
                                    "history",
                                    p.history.to_string(),
                                    t!(admin_policy_history_hint),
                                )}
                                {number(
                                    t!(admin_policy_max_age),
                                    "max_age_days",
                                    p.max_age_days.to_string(),
                                    t!(admin_policy_max_age_hint),
                                )}
                                {number(
                                    t!(admin_policy_max_repeated),
                                    "max_repeated",
                                    p.max_repeated.to_string(),
                                    t!(admin_policy_max_repeated_hint),
                                )}
                                {check(t!(admin_policy_block_common), "block_common", p.block_common)}
                                <SubmitButton label=t!(admin_policy_save) pending=action.pending()/>
                            </ActionForm>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Administration → Organizations: every organization's contract (plan, status, end date).
#[component]
pub fn AdminOrganizationsPage() -> impl IntoView {
    with_user(|user| {
        if !user.is_admin() {
            return view! { <NotAdmin/> }.into_any();
        }
        view! { <AdminOrganizations/> }.into_any()
    })
}

#[component]
fn AdminOrganizations() -> impl IntoView {
    use super::api::{admin_organizations, AdminSaveContract};
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let save = ServerAction::<AdminSaveContract>::new();
    let orgs = Resource::new(move || (search(), save.version().get()), |(q, _)| admin_organizations(q));
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    view! {
        <Title text=t!(admin_orgs_page_title)/>
        <h1>{t!(admin_heading)}</h1>
        <AdminNav/>
        <ConfirmItsYou/>
        <h2>{t!(admin_orgs_heading)}</h2>
        <p class="intro">{t!(admin_orgs_intro)}</p>
        <form method="get" action="/admin/organizations" class="search">
            <label for="org-search">{t!(admin_orgs_search)}</label>
            <input id="org-search" name="q" type="search" value=search/>
            <button type="submit">{t!(admin_search_button)}</button>
        </form>
        <Show when=saved>
            <p class="notice ok" role="status">{t!(admin_contract_saved)}</p>
        </Show>
        <FormError message=error_message(error)/>
        <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
            {move || Suspend::new(async move {
                match orgs.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(admin_orgs_none)}</p> }.into_any(),
                    Ok(list) => view! {
                        <table class="users orgs">
                            <thead>
                                <tr>
                                    <th>{t!(org_column_name)}</th>
                                    <th>{t!(org_slug)}</th>
                                    <th>{t!(org_column_members)}</th>
                                    <th>{t!(admin_orgs_owners)}</th>
                                    <th>{t!(org_column_contract)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.into_iter().map(|o| view! { <AdminOrgRow o save/> }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AdminOrgRow(o: wire::organization::AdminOrg, save: ServerAction<super::api::AdminSaveContract>) -> impl IntoView {
    use wire::organization::{date_of, ContractStatus, Plan};
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let (plan, status, ends) = match o.contract {
        Some(c) => (c.plan, c.status, c.ends_at.map(date_of).unwrap_or_default()),
        None => (Plan::Free, ContractStatus::Ended, String::new()),
    };
    let id = o.id.clone();
    let key = o.slug.clone();
    let plans = [(Plan::Free, t!(org_plan_free)), (Plan::Paid, t!(org_plan_paid))]
        .map(|(p, label)| view! { <option value=p.as_str() selected=p == plan>{label}</option> });
    let statuses = [
        (ContractStatus::Active, t!(org_contract_active)),
        (ContractStatus::Cancelled, t!(org_contract_cancelled)),
        (ContractStatus::Ended, t!(org_contract_ended)),
    ]
    .map(|(s, label)| view! { <option value=s.as_str() selected=s == status>{label}</option> });
    view! {
        <tr>
            <td>{o.name.clone()}</td>
            <td>{o.slug.clone()}</td>
            <td>{o.members}</td>
            <td>{o.owners.join(", ")}</td>
            <td>
                <crate::organizations::ui::ContractFacts contract=o.contract/>
                <ActionForm action=save>
                    <input type="hidden" name="org_id" value=id/>
                    <label for=format!("plan-{key}")>{t!(admin_contract_plan)}</label>
                    <select id=format!("plan-{key}") name="plan">{plans.into_iter().collect_view()}</select>
                    <label for=format!("status-{key}")>{t!(admin_contract_status)}</label>
                    <select id=format!("status-{key}") name="status">{statuses.into_iter().collect_view()}</select>
                    <label for=format!("ends-{key}")>{t!(admin_contract_ends)}</label>
                    <input id=format!("ends-{key}") name="ends_on" type="date" value=ends aria-describedby=format!("ends-{key}-hint")/>
                    <span class="hint" id=format!("ends-{key}-hint")>{t!(admin_contract_ends_hint)}</span>
                    <button type="submit" class="secondary" aria-label=t!(admin_contract_save_for, o.name.clone())>
                        {t!(admin_contract_save)}
                    </button>
                    <span class="field-error">{move || field_error(error, "ends_on").get()}</span>
                </ActionForm>
            </td>
        </tr>
    }
}

/// Administration → Audit log: every account's entries and the server's own, newest first;
/// searched by account or address and filtered by kind, in the page's address (works without
/// JavaScript).
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    with_user(|user| {
        if !user.is_admin() {
            return view! { <NotAdmin/> }.into_any();
        }
        view! { <AdminAudit/> }.into_any()
    })
}

#[component]
fn AdminAudit() -> impl IntoView {
    use super::api::admin_audit_log;
    use crate::activity::ui::{entry_about, KindSelect};
    let query = use_query_map();
    let search = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let kind = Memo::new(move |_| query.read().get("kind").unwrap_or_default());
    let before = Memo::new(move |_| query.read().get("before").unwrap_or_default());
    let page = Resource::new(move || (search.get(), kind.get(), before.get()), |(q, k, b)| admin_audit_log(q, k, b));
    view! {
        <Title text=t!(admin_audit_page_title)/>
        <h1>{t!(admin_heading)}</h1>
        <AdminNav/>
        <h2>{t!(admin_audit_heading)}</h2>
        <p class="intro">{t!(admin_audit_intro)}</p>
        <form method="get" action="/admin/audit" class="search activity-filter">
            <label for="audit-search">{t!(admin_audit_search)}</label>
            <input id="audit-search" name="q" type="search" value=move || search.get()/>
            <label for="audit-kind">{t!(activity_kind_label)}</label>
            <KindSelect id="audit-kind" name="kind" selected=kind/>
            <button type="submit">{t!(admin_search_button)}</button>
        </form>
        <Transition fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) if p.items.is_empty() => view! { <p>{t!(activity_none)}</p> }.into_any(),
                    Ok(p) => {
                        let more = p.next.map(|next| {
                            let href = format!(
                                "/admin/audit?q={}&kind={}&before={}",
                                query_escape(&search.get_untracked()),
                                query_escape(&kind.get_untracked()),
                                query_escape(&next)
                            );
                            view! { <p><a href=href>{t!(activity_more)}</a></p> }
                        });
                        view! {
                            <ol class="activity audit">
                                {p.items.into_iter().map(|e| entry_about(e.line, e.account)).collect_view()}
                            </ol>
                            {more}
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
