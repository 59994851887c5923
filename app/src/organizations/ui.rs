//! The organizations' pages: My Account → Organizations (the list, **Create organization**),
//! an organization's page (its contract, its rules, leaving and deleting it), its **Users &
//! Groups** page (seed 004: select a member, **Force 2-Factor Auth**, **Save**; invitations; the
//! members without two-factor authentication) and an invitation's page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

use super::{
    api::{
        invitation, list_organizations, organization, organization_members, AcceptInvitation, CreateOrganization,
        DeleteOrganization, InviteMember, LeaveOrganization, RemoveMember, RenameOrganization, RevokeInvitation,
        SaveMember, SaveOrganizationPolicy, SetOrganizationVisibility,
    },
    Contract, ContractStatus, MemberView, OrgRole, OrgSummary, OrgView, Plan,
};
use crate::{
    account::ui::with_user,
    error::AppError,
    t,
    ui::{error_text, field_error, form_error, ErrorNotice, Field, FormError, SubmitButton, Time},
    words::tm,
};

/// The slug of the page's address.
fn slug() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("slug").unwrap_or_default())
}

pub fn role_text(role: OrgRole) -> String {
    tm(&role.label())
}

fn plan_text(plan: Plan) -> String {
    match plan {
        Plan::Free => t!(org_plan_free),
        Plan::Paid => t!(org_plan_paid),
    }
}

fn status_text(status: ContractStatus) -> String {
    match status {
        ContractStatus::Active => t!(org_contract_active),
        ContractStatus::Cancelled => t!(org_contract_cancelled),
        ContractStatus::Ended => t!(org_contract_ended),
    }
}

/// "Paid plan, active until 2027-01-31", or "No contract".
#[component]
pub fn ContractFacts(contract: Option<Contract>) -> impl IntoView {
    match contract {
        None => view! { <span>{t!(org_no_contract)}</span> }.into_any(),
        Some(c) => view! {
            <span>
                {plan_text(c.plan)}", "{status_text(c.status)}
                {c.ends_at.map(|end| view! { " "{t!(org_contract_until)}" "<Time ms=end/> })}
            </span>
        }
        .into_any(),
    }
}

/// My Account → Organizations.
#[component]
pub fn OrganizationsSection() -> impl IntoView {
    let create = ServerAction::<CreateOrganization>::new();
    let orgs = Resource::new(move || create.version().get(), |_| list_organizations());
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let created = move || create.value().get().and_then(Result::ok);
    // Made: its page is where its owner goes next (without JavaScript the server redirects).
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(o) = created() {
            navigate(&format!("/organizations/{}", o.slug), Default::default());
        }
    });
    view! {
        <Title text=t!(account_page_title, t!(org_title))/>
        <h1>{t!(org_title)}</h1>
        <p class="intro">{t!(org_intro)}</p>
        <section class="panel" aria-labelledby="orgs-heading">
            <h2 id="orgs-heading">{t!(org_yours)}</h2>
            {move || created().map(|o| view! {
                <p class="notice ok" role="status">{t!(org_created, o.name.clone())}" "<A href=format!("/organizations/{}", o.slug)>{t!(org_open)}</A></p>
            })}
            <Transition fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match orgs.await {
                        Ok(list) if list.is_empty() => view! { <p>{t!(org_none)}</p> }.into_any(),
                        Ok(list) => view! { <OrgTable list/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <section class="panel" aria-labelledby="org-create-heading">
            <h2 id="org-create-heading">{t!(org_create_heading)}</h2>
            <FormError message=form_error(error)/>
            <ActionForm action=create>
                <Field label=t!(org_name) name="name" error=field_error(error, "name") required=true/>
                <Field
                    label=t!(org_slug)
                    name="slug"
                    hint=t!(org_slug_hint)
                    error=field_error(error, "slug")
                    required=true
                />
                <SubmitButton label=t!(org_create) pending=create.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn OrgTable(list: Vec<OrgSummary>) -> impl IntoView {
    view! {
        <table class="orgs">
            <thead>
                <tr>
                    <th>{t!(org_column_name)}</th>
                    <th>{t!(org_column_role)}</th>
                    <th>{t!(org_column_members)}</th>
                    <th>{t!(org_column_contract)}</th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|o| {
                    let name = if o.locked {
                        view! {
                            <span>{o.name.clone()}</span>
                            <p class="notice warn">
                                <span class="badge">{t!(org_locked)}</span>" "{t!(org_locked_reason)}" "
                                <a href="/account/security">{t!(org_locked_set_up)}</a>
                            </p>
                        }.into_any()
                    } else {
                        view! { <A href=format!("/organizations/{}", o.slug)>{o.name.clone()}</A> }.into_any()
                    };
                    view! {
                        <tr>
                            <td>{name}</td>
                            <td>{role_text(o.role)}</td>
                            <td>{o.members}</td>
                            <td><ContractFacts contract=o.contract/></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The links between an organization's pages.
#[component]
fn OrgNav(slug: String, manages: bool) -> impl IntoView {
    view! {
        <nav class="admin-nav" aria-label=t!(org_nav_label)>
            <A href="/account/organizations">{t!(org_all)}</A>
            <A href=format!("/organizations/{slug}")>{t!(org_overview)}</A>
            {manages.then(|| view! { <A href=format!("/organizations/{slug}/users")>{t!(org_users_groups)}</A> })}
        </nav>
    }
}

/// An organization's page.
#[component]
pub fn OrganizationPage() -> impl IntoView {
    with_user(|_| view! { <OrganizationView/> })
}

#[component]
fn OrganizationView() -> impl IntoView {
    let slug = slug();
    let rename = ServerAction::<RenameOrganization>::new();
    let visibility = ServerAction::<SetOrganizationVisibility>::new();
    let policy = ServerAction::<SaveOrganizationPolicy>::new();
    let leave = ServerAction::<LeaveOrganization>::new();
    let delete = ServerAction::<DeleteOrganization>::new();
    let org = Resource::new(
        move || (slug.get(), rename.version().get(), visibility.version().get(), policy.version().get()),
        |(slug, _, _, _)| organization(slug),
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
            {move || Suspend::new(async move {
                match org.await {
                    Ok(o) => view! { <OrgOverview o rename visibility policy leave delete/> }.into_any(),
                    Err(e) => view! {
                        <Title text=t!(org_title)/>
                        <h1>{t!(org_title)}</h1>
                        <ErrorNotice error=e/>
                        <p><A href="/account/organizations">{t!(org_all)}</A></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrgOverview(
    o: OrgView,
    rename: ServerAction<RenameOrganization>,
    visibility: ServerAction<SetOrganizationVisibility>,
    policy: ServerAction<SaveOrganizationPolicy>,
    leave: ServerAction<LeaveOrganization>,
    delete: ServerAction<DeleteOrganization>,
) -> impl IntoView {
    let s = o.summary.clone();
    let slug = s.slug.clone();
    let owner = s.role == OrgRole::Owner;
    let manages = s.role.manages();
    let leave_error = Signal::derive(move || leave.value().get().and_then(Result::err));
    let leave_slug = slug.clone();
    view! {
        <Title text=t!(org_page_title, s.name.clone())/>
        <h1>{s.name.clone()}</h1>
        <OrgNav slug=slug.clone() manages/>
        <dl class="facts">
            <dt>{t!(org_slug)}</dt>
            <dd>{s.slug.clone()}</dd>
            <dt>{t!(org_your_role)}</dt>
            <dd>{role_text(s.role)}</dd>
            <dt>{t!(org_column_members)}</dt>
            <dd>{s.members}</dd>
            <dt>{t!(org_column_contract)}</dt>
            <dd><ContractFacts contract=s.contract/></dd>
            <dt>{t!(org_visibility)}</dt>
            <dd>{if s.requires_two_factor { t!(org_visible_two_factor) } else { t!(org_visible_all) }}</dd>
        </dl>
        {owner.then(|| view! { <OrgSettings o=o.clone() rename visibility/> })}
        {manages.then(|| view! { <OrgPolicyForm o=o.clone() action=policy/> })}
        <section class="panel" aria-labelledby="org-leave-heading">
            <h2 id="org-leave-heading">{t!(org_leave_heading)}</h2>
            <p class="intro">{if owner && o.owners <= 1 { t!(org_leave_last_owner) } else { t!(org_leave_intro) }}</p>
            <FormError message=crate::ui::error_message(leave_error)/>
            <ActionForm action=leave>
                <input type="hidden" name="slug" value=leave_slug/>
                <button type="submit" class="secondary danger">{t!(org_leave)}</button>
            </ActionForm>
        </section>
        {owner.then(|| view! { <OrgDelete slug=slug.clone() action=delete/> })}
    }
}

#[component]
fn OrgSettings(
    o: OrgView,
    rename: ServerAction<RenameOrganization>,
    visibility: ServerAction<SetOrganizationVisibility>,
) -> impl IntoView {
    let rename_error = Signal::derive(move || rename.value().get().and_then(Result::err));
    let visibility_error = Signal::derive(move || visibility.value().get().and_then(Result::err));
    let slug = o.summary.slug.clone();
    let slug2 = slug.clone();
    view! {
        <section class="panel" aria-labelledby="org-settings-heading">
            <h2 id="org-settings-heading">{t!(org_settings_heading)}</h2>
            <FormError message=form_error(rename_error)/>
            <ActionForm action=rename>
                <input type="hidden" name="slug" value=slug/>
                <Field
                    label=t!(org_name)
                    name="name"
                    id="org-rename"
                    value=o.summary.name.clone()
                    error=field_error(rename_error, "name")
                    required=true
                />
                <SubmitButton label=t!(common_save) pending=rename.pending()/>
            </ActionForm>
            <h3>{t!(org_visibility)}</h3>
            <p class="intro">{t!(org_visibility_intro)}</p>
            {(!o.viewer_has_two_factor).then(|| view! { <p class="hint">{t!(org_visibility_needs_two_factor)}</p> })}
            <FormError message=crate::ui::error_message(visibility_error)/>
            <ActionForm action=visibility>
                <input type="hidden" name="slug" value=slug2/>
                <div class="field check">
                    <input type="checkbox" id="field-requires-two-factor" name="requires_two_factor" checked=o.summary.requires_two_factor/>
                    <label for="field-requires-two-factor">{t!(org_visible_two_factor_label)}</label>
                </div>
                <SubmitButton label=t!(common_save) pending=visibility.pending()/>
            </ActionForm>
        </section>
    }
}

/// The password rules the organization adds for its members (the administrators' form,
/// without the longest length: an organization never shortens it).
#[component]
fn OrgPolicyForm(o: OrgView, action: ServerAction<SaveOrganizationPolicy>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    let has = o.password_policy.is_some();
    let p = o.password_policy.clone().unwrap_or_default();
    let slug = o.summary.slug.clone();
    let clear_slug = slug.clone();
    let number = move |label: String, name: &'static str, value: String, hint: String| {
        view! {
            <Field label=label name=name id=format!("org-{name}") kind="number" value=value hint=hint error=field_error(error, name) required=true/>
        }
    };
    let check = |label: String, name: &'static str, on: bool| {
        view! {
            <div class="field check">
                <input type="checkbox" id=format!("org-field-{name}") name=name checked=on/>
                <label for=format!("org-field-{name}")>{label}</label>
            </div>
        }
    };
    view! {
        <section class="panel" aria-labelledby="org-policy-heading">
            <h2 id="org-policy-heading">{t!(org_policy_heading)}</h2>
            <p class="intro">{t!(org_policy_intro)}</p>
            <p class="facts-line">{if has { t!(org_policy_set) } else { t!(org_policy_none) }}</p>
            <Show when=saved>
                <p class="notice ok" role="status">{t!(org_policy_saved)}</p>
            </Show>
            <FormError message=form_error(error)/>
            <ActionForm action=action>
                <input type="hidden" name="slug" value=slug/>
                {number(t!(admin_policy_min_length), "min_length", p.min_length.to_string(), t!(admin_policy_min_length_hint))}
                <fieldset>
                    <legend>{t!(admin_policy_require)}</legend>
                    {check(t!(admin_policy_require_lower), "require_lower", p.require_lower)}
                    {check(t!(admin_policy_require_upper), "require_upper", p.require_upper)}
                    {check(t!(admin_policy_require_digit), "require_digit", p.require_digit)}
                    {check(t!(admin_policy_require_symbol), "require_symbol", p.require_symbol)}
                </fieldset>
                {check(t!(admin_policy_forbid_personal), "forbid_personal", p.forbid_personal)}
                {number(t!(admin_policy_history), "history", p.history.to_string(), t!(admin_policy_history_hint))}
                {number(t!(admin_policy_max_age), "max_age_days", p.max_age_days.to_string(), t!(admin_policy_max_age_hint))}
                {number(t!(admin_policy_max_repeated), "max_repeated", p.max_repeated.to_string(), t!(admin_policy_max_repeated_hint))}
                {check(t!(admin_policy_block_common), "block_common", p.block_common)}
                <SubmitButton label=t!(org_policy_save) pending=action.pending()/>
            </ActionForm>
            {has.then(|| view! {
                <ActionForm action=action>
                    <input type="hidden" name="slug" value=clear_slug.clone()/>
                    <input type="hidden" name="clear" value="1"/>
                    <input type="hidden" name="min_length" value="0"/>
                    <input type="hidden" name="history" value="0"/>
                    <input type="hidden" name="max_age_days" value="0"/>
                    <input type="hidden" name="max_repeated" value="0"/>
                    <button type="submit" class="secondary">{t!(org_policy_clear)}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn OrgDelete(slug: String, action: ServerAction<DeleteOrganization>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section class="panel danger-zone" aria-labelledby="org-delete-heading">
            <h2 id="org-delete-heading">{t!(org_delete_heading)}</h2>
            <p class="intro">{t!(org_delete_intro)}</p>
            <FormError message=crate::ui::error_except(error, &["confirm"])/>
            <ActionForm action=action>
                <input type="hidden" name="slug" value=slug.clone()/>
                <Field
                    label=t!(org_delete_confirm, slug.clone())
                    name="confirm"
                    id="org-delete-confirm"
                    autocomplete="off"
                    error=field_error(error, "confirm")
                    required=true
                />
                <button type="submit" class="danger">{t!(org_delete)}</button>
            </ActionForm>
        </section>
    }
}

/// **Users & Groups** (seed 004, the "User Manager"): the members, the selected member's panel
/// with **Force 2-Factor Auth** and **Save**, the invitations, and who signs in without
/// two-factor authentication.
#[component]
pub fn OrgUsersPage() -> impl IntoView {
    with_user(|_| view! { <OrgUsers/> })
}

#[component]
fn OrgUsers() -> impl IntoView {
    let slug = slug();
    let query = use_query_map();
    let without = Memo::new(move |_| query.read().get("filter").is_some_and(|f| f == "without-2fa"));
    let selected = Memo::new(move |_| query.read().get("member"));
    let save = ServerAction::<SaveMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let invite = ServerAction::<InviteMember>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let page = Resource::new(
        move || {
            (
                slug.get(),
                without.get(),
                save.version().get(),
                remove.version().get(),
                invite.version().get(),
                revoke.version().get(),
            )
        },
        |(slug, without, _, _, _, _)| organization_members(slug, without),
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let slug = p.org.slug.clone();
                        let chosen = selected.get().and_then(|id| p.members.iter().find(|m| m.user_id == id).cloned());
                        view! {
                            <Title text=t!(org_users_page_title, p.org.name.clone())/>
                            <h1>{t!(org_users_groups)}</h1>
                            <p class="intro">{p.org.name.clone()}</p>
                            <OrgNav slug=slug.clone() manages=true/>
                            <section class="panel" aria-labelledby="user-manager-heading">
                                <h2 id="user-manager-heading">{t!(org_user_manager)}</h2>
                                <nav class="pages" aria-label=t!(org_filter_label)>
                                    <A href=format!("/organizations/{slug}/users")>{t!(org_filter_all)}</A>
                                    <A href=format!("/organizations/{slug}/users?filter=without-2fa")>
                                        {t!(org_filter_without_two_factor, p.without_two_factor)}
                                    </A>
                                </nav>
                                <MemberTable slug=slug.clone() members=p.members.clone()/>
                            </section>
                            {chosen.map(|m| view! { <MemberPanel slug=slug.clone() m save remove/> })}
                            <InvitePanel slug=slug.clone() p=p.clone() invite revoke/>
                        }.into_any()
                    }
                    Err(e) => view! {
                        <Title text=t!(org_users_groups)/>
                        <h1>{t!(org_users_groups)}</h1>
                        <ErrorNotice error=e/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MemberTable(slug: String, members: Vec<MemberView>) -> impl IntoView {
    if members.is_empty() {
        return view! { <p>{t!(org_no_members_here)}</p> }.into_any();
    }
    view! {
        <table class="users">
            <thead>
                <tr>
                    <th>{t!(admin_column_username)}</th>
                    <th>{t!(admin_column_name)}</th>
                    <th>{t!(admin_column_email)}</th>
                    <th>{t!(org_column_role)}</th>
                    <th>{t!(admin_column_two_factor)}</th>
                </tr>
            </thead>
            <tbody>
                {members.into_iter().map(|m| {
                    let state = match (m.two_factor, m.forced) {
                        (true, true) => t!(admin_two_factor_on_required),
                        (true, false) => t!(admin_two_factor_on),
                        (false, true) => t!(admin_two_factor_required_not_set_up),
                        (false, false) => t!(admin_two_factor_off),
                    };
                    let href = format!("/organizations/{slug}/users?member={}", m.user_id);
                    let label = t!(org_select_member, m.username.clone());
                    view! {
                        <tr>
                            <td><A href=href attr:aria-label=label>{m.username.clone()}</A></td>
                            <td>{m.name.clone()}</td>
                            <td>{m.email.clone()}</td>
                            <td>{role_text(m.role)}</td>
                            <td>{state}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The selected member: their role and **Force 2-Factor Auth**, saved with **Save**; removing
/// them from the organization.
#[component]
fn MemberPanel(
    slug: String,
    m: MemberView,
    save: ServerAction<SaveMember>,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let remove_error = Signal::derive(move || remove.value().get().and_then(Result::err));
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let heading = t!(org_member_heading, m.username.clone());
    let roles = OrgRole::ALL.map(|r| {
        let selected = r == m.role;
        view! { <option value=r.as_str() selected=selected>{role_text(r)}</option> }
    });
    let (remove_slug, save_id, remove_id) = (slug.clone(), m.user_id.clone(), m.user_id.clone());
    view! {
        <section class="panel" aria-label=heading.clone()>
            <h2>{heading.clone()}</h2>
            <p class="intro">{m.name.clone()}" · "{m.email.clone()}</p>
            <h3>{t!(org_meta_data)}</h3>
            <Show when=saved>
                <p class="notice ok" role="status">{t!(org_member_saved)}</p>
            </Show>
            <FormError message=crate::ui::error_except(error, &["role"])/>
            <ActionForm action=save>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="user_id" value=save_id/>
                <div class="field">
                    <label for="member-role">{t!(org_column_role)}</label>
                    <select id="member-role" name="role">{roles.into_iter().collect_view()}</select>
                    <p class="field-error">{move || field_error(error, "role").get()}</p>
                </div>
                <div class="field check">
                    <input type="checkbox" id="member-force" name="force_two_factor" checked=m.forced/>
                    <label for="member-force">{t!(org_force_two_factor)}</label>
                </div>
                <p class="hint">{t!(org_force_two_factor_hint)}</p>
                <SubmitButton label=t!(org_save) pending=save.pending()/>
            </ActionForm>
            <FormError message=Signal::derive(move || remove_error.get().map(|e| error_text(&e)))/>
            <ActionForm action=remove>
                <input type="hidden" name="slug" value=remove_slug/>
                <input type="hidden" name="user_id" value=remove_id/>
                <button type="submit" class="secondary danger">{t!(org_remove_member)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn InvitePanel(
    slug: String,
    p: super::MembersPage,
    invite: ServerAction<InviteMember>,
    revoke: ServerAction<RevokeInvitation>,
) -> impl IntoView {
    let error = Signal::derive(move || invite.value().get().and_then(Result::err));
    let sent = move || matches!(invite.value().get(), Some(Ok(())));
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if sent() {
            if let Some(f) = form.get_untracked() {
                f.reset();
            }
        }
    });
    let roles = [OrgRole::Member, OrgRole::Admin, OrgRole::Owner]
        .map(|r| view! { <option value=r.as_str()>{role_text(r)}</option> });
    let slug2 = slug.clone();
    let invitations = p.invitations;
    view! {
        <section class="panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t!(org_invite_heading)}</h2>
            <p class="intro">{t!(org_invite_intro)}</p>
            <Show when=sent>
                <p class="notice ok" role="status">{t!(org_invite_sent)}</p>
            </Show>
            <FormError message=form_error(error)/>
            <ActionForm action=invite node_ref=form>
                <input type="hidden" name="slug" value=slug/>
                <Field label=t!(org_invite_email) name="email" kind="email" id="invite-email" error=field_error(error, "email") required=true/>
                <div class="field">
                    <label for="invite-role">{t!(org_column_role)}</label>
                    <select id="invite-role" name="role">{roles.into_iter().collect_view()}</select>
                    <p class="field-error">{move || field_error(error, "role").get()}</p>
                </div>
                <SubmitButton label=t!(org_invite) pending=invite.pending()/>
            </ActionForm>
            {(!invitations.is_empty()).then(move || view! {
                <h3>{t!(org_invitations_open)}</h3>
                <table class="invitations">
                    <thead>
                        <tr>
                            <th>{t!(admin_column_email)}</th>
                            <th>{t!(org_column_role)}</th>
                            <th>{t!(org_invited_by)}</th>
                            <th>{t!(org_invitation_expires)}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {invitations.into_iter().map(|i| {
                            let slug = slug2.clone();
                            view! {
                            <tr>
                                <td>{i.email.clone()}</td>
                                <td>{role_text(i.role)}</td>
                                <td>{i.invited_by.clone()}</td>
                                <td><Time ms=i.expires_at/></td>
                                <td>
                                    <ActionForm action=revoke>
                                        <input type="hidden" name="slug" value=slug/>
                                        <input type="hidden" name="id" value=i.id.clone()/>
                                        <button type="submit" class="secondary" aria-label=t!(org_withdraw_for, i.email.clone())>{t!(org_withdraw)}</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

/// An invitation's page (`/invitation?token=…`): who invites to what; accept it signed in with
/// the invited address, or sign in (or register) first and come back here.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").unwrap_or_default());
    let accept = ServerAction::<AcceptInvitation>::new();
    let preview = Resource::new(move || token.get(), invitation);
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(o)) = accept.value().get() {
            navigate(&format!("/organizations/{}", o.slug), Default::default());
        }
    });
    view! {
        <Title text=t!(org_invitation_title)/>
        <section class="card narrow">
            <h1>{t!(org_invitation_title)}</h1>
            {move || accept.value().get().and_then(Result::ok).map(|o| view! {
                <p class="notice ok" role="status">{t!(org_joined, o.name.clone())}" "
                    <A href=format!("/organizations/{}", o.slug)>{t!(org_open)}</A>
                </p>
            })}
            <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(p) => {
                            let role = role_text(p.role);
                            let who = if p.invited_by.is_empty() { t!(org_someone) } else { p.invited_by.clone() };
                            let body = match p.signed_in_as.clone() {
                                _ if p.already_member => view! {
                                    <p>{t!(org_invitation_member_already)}" "
                                        <A href=format!("/organizations/{}", p.org_slug)>{t!(org_open)}</A>
                                    </p>
                                }.into_any(),
                                None => view! {
                                    <p>{t!(org_invitation_sign_in, p.email.clone())}</p>
                                    <p class="actions">
                                        <a class="button primary" href="/signin">{t!(nav_sign_in)}</a>" "
                                        <a class="button secondary" href="/register">{t!(nav_create_account)}</a>
                                    </p>
                                }.into_any(),
                                Some(me) if me != p.email => view! {
                                    <p class="notice warn" role="alert">{t!(org_invitation_other_account, p.email.clone(), me)}</p>
                                }.into_any(),
                                Some(_) => view! {
                                    <FormError message=crate::ui::error_message(error)/>
                                    <ActionForm action=accept>
                                        <input type="hidden" name="token" value=token.get_untracked()/>
                                        <SubmitButton label=t!(org_accept) pending=accept.pending()/>
                                    </ActionForm>
                                }.into_any(),
                            };
                            view! {
                                <p class="intro">{t!(org_invitation_lead, who, p.org_name.clone(), role)}</p>
                                <p class="facts-line">{t!(org_invitation_expires_at)}" "<Time ms=p.expires_at/></p>
                                {body}
                            }.into_any()
                        }
                        Err(AppError::InvalidLink) => view! {
                            <p class="notice error" role="alert">{t!(org_invitation_invalid)}</p>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// On the Security page: which organization asks for which rule (nothing when none asks).
#[component]
pub fn OrgRulesPanel() -> impl IntoView {
    let rules = Resource::new(|| (), |_| super::api::organization_rules());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match rules.await {
                    Ok(list) if list.is_empty() => ().into_any(),
                    Ok(list) => view! {
                        <section class="panel" aria-labelledby="org-rules-heading">
                            <h2 id="org-rules-heading">{t!(org_rules_heading)}</h2>
                            <p class="intro">{t!(org_rules_intro)}</p>
                            {list.into_iter().map(|r| view! {
                                {(!r.rules.is_empty()).then(|| view! {
                                    <p>{t!(org_rules_asks, r.org_name.clone())}</p>
                                    <ul class="rules">
                                        {r.rules.iter().map(|m| view! { <li>{tm(m)}</li> }).collect_view()}
                                    </ul>
                                })}
                                {r.forces_two_factor.then(|| view! {
                                    <p class="notice warn">{t!(org_rules_forces, r.org_name.clone())}</p>
                                })}
                            }).collect_view()}
                        </section>
                    }.into_any(),
                    Err(_) => ().into_any(),
                }
            })}
        </Transition>
    }
}
