//! The Administration page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::admin_overview;
use crate::{
    account::ui::with_user,
    ui::{format_time, ErrorNotice},
};

#[component]
pub fn AdminPage() -> impl IntoView {
    with_user(|user| {
        if !user.is_admin() {
            return view! {
                <Title text="Administration · Gatehouse"/>
                <section class="card narrow">
                    <h1>"Administration"</h1>
                    <p class="notice error" role="alert">"Only administrators can open this page."</p>
                </section>
            }
            .into_any();
        }
        view! { <AdminOverviewView/> }.into_any()
    })
}

#[component]
fn AdminOverviewView() -> impl IntoView {
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let overview = Resource::new(search, admin_overview);
    view! {
        <Title text="Administration · Gatehouse"/>
        <h1>"Administration"</h1>
        <form method="get" action="/admin" class="search">
            <label for="admin-search">"Search users"</label>
            <input id="admin-search" name="q" type="search" value=search/>
            <button type="submit">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! {
                        <p class="facts-line">
                            {format!("{} accounts, {} administrators.", o.total_users, o.admins)}
                        </p>
                        <table class="users">
                            <thead>
                                <tr><th>"Username"</th><th>"Name"</th><th>"Email"</th><th>"Role"</th><th>"Created"</th></tr>
                            </thead>
                            <tbody>
                                {o.users.into_iter().map(|u| view! {
                                    <tr>
                                        <td>{u.username.clone()}</td>
                                        <td>{u.name.clone()}</td>
                                        <td>{u.email.clone()}</td>
                                        <td>{u.role.as_str()}</td>
                                        <td>{format_time(u.created_at)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
