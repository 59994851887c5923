//! **Security → Delete account** (seed 000): the Security page's panel, the page that explains
//! what will happen and takes the request, and the administrators' grace period.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::{
    api::{get_deletion_plan, get_deletion_settings, DeleteAccount, SaveDeletionSettings},
    DeletionPlan,
};
use crate::{
    error::AppError,
    t,
    two_factor::ui::ConfirmItsYou,
    ui::{field_error, form_error, ErrorNotice, Field, FormError, SubmitButton, Time},
};

/// The Security page's **Delete account** panel: a link to the page that explains it all.
#[component]
pub fn DeleteAccountPanel() -> impl IntoView {
    view! {
        <section class="panel danger-zone" aria-labelledby="delete-account-heading">
            <h2 id="delete-account-heading">{t!(delete_heading)}</h2>
            <p class="intro">{t!(delete_panel_intro)}</p>
            <A href="/account/delete" attr:class="button danger">{t!(delete_button)}</A>
        </section>
    }
}

/// `/account/delete`: what deleting the account does, what blocks it, and the request (a
/// recent confirmation that it is them, and the username typed).
#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    // Inside My Account's layout, which signs the visitor in first.
    view! { <DeleteAccount/> }
}

#[component]
fn DeleteAccount() -> impl IntoView {
    let action = ServerAction::<DeleteAccount>::new();
    let plan = Resource::new(|| (), |_| get_deletion_plan());
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let confirm_first = move || matches!(error.get(), Some(AppError::ReauthenticationRequired));
    // Only a success changes what the page shows: a refusal keeps the form (and what was typed).
    let done = Memo::new(move |_| action.value().get().and_then(Result::ok));
    view! {
        <Title text=t!(delete_page_title)/>
        <h1>{t!(delete_heading)}</h1>
        // The form stays mounted after a success (hidden): unmounting an ActionForm while its
        // own submission settles disposes what the submission still reads.
        {move || done.get().map(|d| view! {
            <section class="panel">
                <p class="notice ok" role="status">
                    {match d.due_at {
                        Some(at) => view! { {t!(delete_done_grace)}" "<Time ms=at/>". "{t!(delete_done_restore)} }.into_any(),
                        None => view! { {t!(delete_done_now)} }.into_any(),
                    }}
                </p>
                <a href="/signin">{t!(delete_to_sign_in)}</a>
            </section>
        })}
        <div hidden=move || done.get().is_some()>
            <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match plan.await {
                        Ok(p) => view! { <PlanView p=p action error/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
            <Show when=confirm_first>
                <ConfirmItsYou prefix="delete-confirm"/>
            </Show>
        </div>
    }
}

#[component]
fn PlanView(p: DeletionPlan, action: ServerAction<DeleteAccount>, error: Signal<Option<AppError>>) -> impl IntoView {
    let blocked = !p.blockers.is_empty();
    let grace = if p.grace_days == 0 { t!(delete_no_grace) } else { t!(delete_grace, p.grace_days) };
    let list = |orgs: Vec<wire::deletion::OrgRef>| {
        view! {
            <ul>
                {orgs.into_iter().map(|o| view! { <li>{o.name}" ("{o.slug}")"</li> }).collect_view()}
            </ul>
        }
    };
    let deleted = (!p.deleted.is_empty()).then(|| {
        view! {
            <h2>{t!(delete_orgs_deleted)}</h2>
            {list(p.deleted.clone())}
        }
    });
    let left = (!p.left.is_empty()).then(|| {
        view! {
            <h2>{t!(delete_orgs_left)}</h2>
            {list(p.left.clone())}
        }
    });
    let blockers = blocked.then(|| {
        view! {
            <div class="notice error" role="alert" data-testid="delete-blocked">
                <p>{t!(delete_blocked)}</p>
                <ul>
                    {p.blockers.iter().map(|b| {
                        let why = match b.ends_at {
                            Some(end) => view! { {t!(delete_blocked_until, b.org.name.clone())}" "<Time ms=end/> }.into_any(),
                            None => view! { {t!(delete_blocked_open, b.org.name.clone())} }.into_any(),
                        };
                        view! { <li>{why}</li> }
                    }).collect_view()}
                </ul>
            </div>
        }
    });
    let confirm_label = t!(delete_confirm_label, p.confirm_with.clone());
    let form = (!blocked).then(move || {
        view! {
            <section class="panel danger-zone" aria-labelledby="delete-form-heading">
                <h2 id="delete-form-heading">{t!(delete_form_heading)}</h2>
                <FormError message=Signal::derive(move || {
                    form_error(error).get().filter(|_| !matches!(error.get(), Some(AppError::ReauthenticationRequired)))
                })/>
                <ActionForm action=action>
                    <Field
                        label=confirm_label
                        name="confirm"
                        id="delete-confirm-username"
                        autocomplete="off"
                        error=field_error(error, "confirm")
                        required=true
                    />
                    <SubmitButton label=t!(delete_button) pending=action.pending()/>
                </ActionForm>
            </section>
        }
    });
    view! {
        <section class="panel" aria-labelledby="delete-what-heading">
            <h2 id="delete-what-heading">{t!(delete_what_heading)}</h2>
            <p class="intro">{t!(delete_intro)}</p>
            <p>{grace}</p>
            {deleted}
            {left}
        </section>
        {blockers}
        {form}
    }
}

/// Administration → Account deletion: the grace period.
#[component]
pub fn DeletionSettingsForm() -> impl IntoView {
    let action = ServerAction::<SaveDeletionSettings>::new();
    let settings = Resource::new(move || action.version().get(), |_| get_deletion_settings());
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="panel" aria-labelledby="deletion-settings-heading">
            <h2 id="deletion-settings-heading">{t!(admin_deletion_heading)}</h2>
            <p class="intro">{t!(admin_deletion_intro)}</p>
            <Show when=saved>
                <p class="notice ok" role="status">{t!(admin_deletion_saved)}</p>
            </Show>
            <FormError message=form_error(error)/>
            <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(s) => view! {
                            <ActionForm action=action>
                                <Field
                                    label=t!(admin_deletion_grace)
                                    name="grace_days"
                                    kind="number"
                                    value=s.grace_days.to_string()
                                    hint=t!(admin_deletion_grace_hint, wire::deletion::GRACE_CEILING_DAYS)
                                    error=field_error(error, "grace_days")
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
