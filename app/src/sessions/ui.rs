//! The sessions panel of the Security page.

use leptos::prelude::*;

use super::api::{list_sessions, LogoutOtherSessions, RevokeSession};
use crate::ui::{ErrorNotice, FormError, Time};

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
            .map(|e| e.to_string())
    });
    view! {
        <section class="panel" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Where you are signed in"</h2>
            <FormError message=error/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Ok(list) => view! {
                            <table class="sessions">
                                <thead>
                                    <tr><th>"Device"</th><th>"IP address"</th><th>"Signed in"</th><th>"Last active"</th><th></th></tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|s| {
                                        let label = format!("{} on {}", s.browser, s.os);
                                        view! {
                                            <tr>
                                                <td>
                                                    {label.clone()}
                                                    {s.current.then(|| view! { <span class="badge">"This device"</span> })}
                                                </td>
                                                <td>{s.ip.clone()}</td>
                                                <td><Time ms=s.created_at/></td>
                                                <td><Time ms=s.last_seen_at/></td>
                                                <td>
                                                    <ActionForm action=revoke>
                                                        <input type="hidden" name="id" value=s.id.clone()/>
                                                        <button type="submit" class="secondary" aria-label=format!("Revoke {label}")>
                                                            {if s.current { "Sign out" } else { "Revoke" }}
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
    let error = Signal::derive(move || action.value().get().and_then(Result::err).map(|e| e.to_string()));
    view! {
        {own.then(|| view! { <FormError message=error/> })}
        {move || action.value().get().and_then(Result::ok).map(|n| view! { <p class="notice ok" role="status">{signed_out(n)}</p> })}
        <ActionForm action=action>
            <button type="submit" class="secondary">"Logout From Other Logged In Locations"</button>
        </ActionForm>
    }
}

fn signed_out(n: u64) -> String {
    match n {
        0 => "No other session was signed in.".to_owned(),
        1 => "Signed out 1 other session.".to_owned(),
        n => format!("Signed out {n} other sessions."),
    }
}
