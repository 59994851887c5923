//! The Recent activity panel of the Security page. Its filter and its pages are in the page's
//! address (`?activity=<kind>&before=<cursor>`), so they work without JavaScript too.

use i18n::Msg;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wire::session::{browser_msg, os_msg};

use super::{
    api::list_activity,
    model::{ActivityKind, ActivityLine},
};
use crate::{
    t,
    ui::{ErrorNotice, Time},
    words::{has, tm},
};

/// The address of the panel with `kind` and `before` (each left out when empty or not one the
/// server made: a kind's name, a cursor of digits, a dot and hex).
fn address(kind: &str, before: &str) -> String {
    let mut q = Vec::new();
    if ActivityKind::parse(kind).is_some() {
        q.push(format!("activity={kind}"));
    }
    if !before.is_empty() && before.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.') {
        q.push(format!("before={before}"));
    }
    if q.is_empty() {
        "/account/security#activity".to_owned()
    } else {
        format!("/account/security?{}#activity", q.join("&"))
    }
}

/// The **Show** list: every kind, after "All activity" (the empty value); `selected` is the
/// kind chosen.
#[component]
pub fn KindSelect(id: &'static str, name: &'static str, selected: Memo<String>) -> impl IntoView {
    view! {
        <select id=id name=name>
            <option value="" selected=move || selected.get().is_empty()>{t!(activity_kind_all)}</option>
            {ActivityKind::ALL
                .into_iter()
                .map(|k| {
                    view! {
                        <option value=k.as_str() selected=move || selected.get() == k.as_str()>
                            {tm(&k.label())}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

/// What happened, in the reader's language (an event without words: its name).
fn event_text(event: &str) -> String {
    let id = format!("activity-event-{event}");
    if has(&id) {
        tm(&Msg::new(id))
    } else {
        event.replace('_', " ")
    }
}

#[component]
pub fn ActivityPanel() -> impl IntoView {
    let query = use_query_map();
    let kind = Memo::new(move |_| query.read().get("activity").unwrap_or_default());
    let before = Memo::new(move |_| query.read().get("before").unwrap_or_default());
    let page = Resource::new(move || (kind.get(), before.get()), |(k, b)| list_activity(k, b));
    view! {
        <section class="panel" id="activity" aria-labelledby="activity-heading">
            <h2 id="activity-heading">{t!(activity_heading)}</h2>
            <p class="intro">{t!(activity_intro)}</p>
            <form method="get" action="/account/security#activity" class="activity-filter">
                <label for="activity-kind">{t!(activity_kind_label)}</label>
                <KindSelect id="activity-kind" name="activity" selected=kind/>
                <button type="submit" class="secondary">{t!(activity_filter)}</button>
                // A button, not a link: the Security page's backup codes have the seed's
                // **Download** link, and a second link named "Download …" would make that name
                // ambiguous. It sends the kind chosen in the list.
                <button type="submit" class="secondary" formaction="/account/security/activity.csv">
                    {t!(activity_download_csv)}
                </button>
            </form>
            <Transition fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(p) if p.items.is_empty() => view! { <p>{t!(activity_none)}</p> }.into_any(),
                        Ok(p) => {
                            let more = p.next.map(|next| {
                                let href = address(&kind.get_untracked(), &next);
                                view! { <p><a href=href>{t!(activity_more)}</a></p> }
                            });
                            view! {
                                <ol class="activity">{p.items.into_iter().map(entry).collect_view()}</ol>
                                {more}
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// One entry: when, what, where (address and browser), and who when not the owner.
fn entry(a: ActivityLine) -> impl IntoView {
    entry_about(a, None)
}

/// An entry of the server-wide log (Administration → Audit log): also the account it concerns.
pub fn entry_about(a: ActivityLine, account: Option<String>) -> impl IntoView {
    let browser = browser_msg(&a.browser).map_or_else(|| a.browser.clone(), |m| tm(&m));
    let os = os_msg(&a.os).map_or_else(|| a.os.clone(), |m| tm(&m));
    let place = format!("{} · {}", a.ip, t!(sessions_browser_on_os, browser, os));
    let by = a.by.map(|who| view! { <span class="by">{t!(activity_by)}": "{who}</span> });
    view! {
        <li data-kind=a.kind.as_str() data-event=a.event.clone()>
            <Time ms=a.created_at/>
            " "
            <strong>{event_text(&a.event)}</strong>
            " "
            {account.map(|who| view! { <span class="account">{t!(activity_account)}": "{who}</span>" "})}
            <span class="where">{place}</span>
            {by}
        </li>
    }
}
