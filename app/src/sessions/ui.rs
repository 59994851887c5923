//! The sessions panel of the Security page.

use leptos::prelude::*;

use super::api::{list_sessions, LogoutOtherSessions, RevokeSession};
use crate::{
    t,
    ui::{error_text, ErrorNotice, FormError, Time},
    words::tm,
};

#[component]
pub fn SessionsPanel() -> impl IntoView {
    let revoke = ServerAction::<RevokeSession>::new();
    let others = ServerAction::<LogoutOtherSessions>::new();
    let sessions = Resource::new(move || (revoke.version().get(), others.version().get()), |_| list_sessions());
    let error = Signal::derive(move || {
        revoke
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| others.value().get().and_then(Result::err))
            .map(|e| error_text(&e))
    });
    view! {
        <section class="panel" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{t!(sessions_heading)}</h2>
            <FormError message=error/>
            <Transition fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Ok(list) => view! {
                            <table class="sessions">
                                <thead>
                                    <tr>
                                        <th>{t!(sessions_device)}</th>
                                        <th>{t!(sessions_ip)}</th>
                                        <th>{t!(sessions_signed_in)}</th>
                                        <th>{t!(sessions_last_active)}</th>
                                        <th></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|s| {
                                        let browser = s.browser_msg().map_or_else(|| s.browser.clone(), |m| tm(&m));
                                        let os = s.os_msg().map_or_else(|| s.os.clone(), |m| tm(&m));
                                        let label = t!(sessions_browser_on_os, browser, os);
                                        view! {
                                            <tr>
                                                <td>
                                                    {label.clone()}
                                                    {s.current.then(|| view! { <span class="badge">{t!(sessions_this_device)}</span> })}
                                                </td>
                                                <td>{s.ip.clone()}</td>
                                                <td><Time ms=s.created_at/></td>
                                                <td><Time ms=s.last_seen_at/></td>
                                                <td>
                                                    <ActionForm action=revoke>
                                                        <input type="hidden" name="id" value=s.id.clone()/>
                                                        <button type="submit" class="secondary" aria-label=t!(sessions_revoke_label, &label)>
                                                            {if s.current { t!(sessions_sign_out) } else { t!(sessions_revoke) }}
                                                        </button>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
            <LogoutOthers action=others/>
        </section>
    }
}

/// "Logout From Other Logged In Locations" (on Security, and on Profile as the seed has it),
/// and how many sessions it ended. `action` is the panel's own when it also lists them.
#[component]
pub fn LogoutOthers(#[prop(optional)] action: Option<ServerAction<LogoutOtherSessions>>) -> impl IntoView {
    let own = action.is_none();
    let action = action.unwrap_or_default();
    let error = Signal::derive(move || action.value().get().and_then(Result::err).map(|e| error_text(&e)));
    view! {
        {own.then(|| view! { <FormError message=error/> })}
        {move || action.value().get().and_then(Result::ok).map(|n| view! { <p class="notice ok" role="status">{signed_out(n)}</p> })}
        <ActionForm action=action>
            <button type="submit" class="secondary">{t!(sessions_logout_others)}</button>
        </ActionForm>
    }
}

fn signed_out(n: u64) -> String {
    t!(sessions_signed_out, n)
}
