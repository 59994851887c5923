//! The Support desk page: look an account up by username or email address (a GET form, so the
//! page has an address and works without JavaScript), then **Check PIN** with the one the
//! caller gives. The verdict is shown only from the answer, never from the page's address: a
//! link cannot make the page say a PIN matched.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{support_lookup, SupportCheckPin},
    AccountState, PinVerdict, SupportAccount,
};
use crate::{
    account::ui::with_user,
    t,
    ui::{field_error, form_error, ErrorNotice, Field, FormError, SubmitButton, Time},
};

#[component]
pub fn SupportDeskPage() -> impl IntoView {
    with_user(|user| {
        if !user.is_support() {
            return view! {
                <Title text=t!(support_page_title)/>
                <section class="card narrow">
                    <h1>{t!(support_heading)}</h1>
                    <p class="notice error" role="alert">{t!(support_not_staff)}</p>
                </section>
            }
            .into_any();
        }
        view! { <SupportDesk/> }.into_any()
    })
}

#[component]
fn SupportDesk() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let found = Resource::new(q, |q| async move {
        if q.trim().is_empty() {
            None
        } else {
            Some(support_lookup(q).await)
        }
    });
    view! {
        <Title text=t!(support_page_title)/>
        <h1>{t!(support_heading)}</h1>
        <p class="intro">{t!(support_intro)}</p>
        <form method="get" action="/support" class="search">
            <label for="support-query">{t!(support_query_label)}</label>
            <input id="support-query" name="q" type="search" value=q autocomplete="off"/>
            <button type="submit">{t!(support_look_up)}</button>
        </form>
        <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    None => ().into_any(),
                    Some(Ok(account)) => view! { <AccountCard account/> }.into_any(),
                    Some(Err(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn state_text(state: AccountState) -> String {
    match state {
        AccountState::Active => t!(support_state_active),
        AccountState::Disabled => t!(support_state_disabled),
        AccountState::DeletionPending => t!(support_state_deletion_pending),
    }
}

/// The account's basic facts and the PIN check.
#[component]
fn AccountCard(account: SupportAccount) -> impl IntoView {
    let check = ServerAction::<SupportCheckPin>::new();
    let error = Signal::derive(move || check.value().get().and_then(Result::err));
    let verdict = move || check.value().get().and_then(Result::ok).map(|c| c.verdict);
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if verdict().is_some() {
            if let Some(f) = form.get_untracked() {
                f.reset();
            }
        }
    });
    let SupportAccount { id, username, name, email, email_verified, created_at, state, pin_set } = account;
    view! {
        <section class="panel" aria-labelledby="support-account-heading">
            <h2 id="support-account-heading">{username.clone()}</h2>
            <dl class="facts">
                <dt>{t!(support_name)}</dt>
                <dd>{name}</dd>
                <dt>{t!(support_email)}</dt>
                <dd>
                    {email}" "
                    {if email_verified { t!(support_email_verified) } else { t!(support_email_unverified) }}
                </dd>
                <dt>{t!(support_member_since)}</dt>
                <dd><Time ms=created_at/></dd>
                <dt>{t!(support_state)}</dt>
                <dd>{state_text(state)}</dd>
                <dt>{t!(support_pin)}</dt>
                <dd>{if pin_set { t!(support_pin_is_set) } else { t!(support_pin_not_set) }}</dd>
            </dl>
            {move || verdict().map(|v| {
                let (class, text) = match v {
                    PinVerdict::Matches => ("notice ok", t!(support_verdict_matches)),
                    PinVerdict::DoesNotMatch => ("notice error", t!(support_verdict_no_match)),
                    PinVerdict::NoPinSet => ("notice warn", t!(support_verdict_none)),
                };
                view! { <p class=class role="status" data-testid="pin-verdict">{text}</p> }
            })}
            <FormError message=form_error(error)/>
            <ActionForm action=check node_ref=form>
                <input type="hidden" name="user_id" value=id/>
                <Field
                    label=t!(support_pin_said)
                    name="pin"
                    kind="password"
                    inputmode="numeric"
                    autocomplete="off"
                    hint=t!(support_pin_said_hint)
                    error=field_error(error, "pin")
                    required=true
                />
                <SubmitButton label=t!(support_check_pin) pending=check.pending()/>
            </ActionForm>
        </section>
    }
}
