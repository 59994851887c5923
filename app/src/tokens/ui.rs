//! The Personal Access Tokens page: add (shown once), list, regenerate, delete.

use leptos::prelude::*;

use super::{
    api::{get_token_settings, list_tokens, CreateToken, DeleteToken, RegenerateToken},
    Expiry, NewToken, TokenSettings,
};
use crate::{
    error::AppError,
    t,
    two_factor::{
        api::{two_factor_status, SendTwoFactorCode},
        ui::CodeFields,
        Method,
    },
    ui::{error_message, field_error, form_error, CopyButton, ErrorNotice, Field, FormError, SubmitButton, Time},
    words::{tm, Msg},
};

/// The owner's proof: a code when the account has two-factor authentication, else the password.
#[component]
fn Verification(methods: Vec<Method>, error: Signal<Option<AppError>>, #[prop(into)] prefix: String) -> impl IntoView {
    if methods.is_empty() {
        view! {
            <Field
                label=t!(tokens_your_password)
                name="password"
                id=format!("{prefix}-password")
                kind="password"
                autocomplete="current-password"
                error=field_error(error, "password")
                required=true
            />
        }
        .into_any()
    } else {
        view! { <CodeFields methods error prefix/> }.into_any()
    }
}

/// The new token, shown once, with the account's User Id (for `X-User-Id`).
#[component]
fn ShownOnce(made: NewToken, on_done: Callback<()>) -> impl IntoView {
    view! {
        <div class="new-token" role="region" aria-label=t!(tokens_new_token)>
            <p class="notice warn">
                {t!(tokens_made, &made.view.name)}
            </p>
            <dl class="facts">
                <dt>{t!(tokens_user_id)}</dt>
                <dd><code data-testid="user-id">{made.user_id.clone()}</code>" "<CopyButton text=made.user_id.clone() label=t!(tokens_copy_user_id)/></dd>
                <dt>{t!(tokens_token)}</dt>
                <dd><code class="key" data-testid="new-token">{made.token.clone()}</code>" "<CopyButton text=made.token.clone() label=t!(tokens_copy_token)/></dd>
            </dl>
            <button type="button" class="primary" on:click=move |_| on_done.run(())>{t!(tokens_done)}</button>
        </div>
    }
}

fn expiry_choices(s: TokenSettings) -> Vec<(&'static str, Msg)> {
    Expiry::choices()
        .into_iter()
        .filter(|(value, _)| match Expiry::parse(value) {
            Ok(Expiry::Days(d)) => s.max_days == 0 || d <= s.max_days,
            Ok(Expiry::Never) => s.max_days == 0,
            Err(_) => false,
        })
        .collect()
}

#[component]
pub fn TokensPanel() -> impl IntoView {
    let create = ServerAction::<CreateToken>::new();
    let regen = ServerAction::<RegenerateToken>::new();
    let delete = ServerAction::<DeleteToken>::new();
    let send = ServerAction::<SendTwoFactorCode>::new();
    let tokens = Resource::new(
        move || (create.version().get(), regen.version().get(), delete.version().get()),
        |_| list_tokens(),
    );
    let status = Resource::new(|| (), |_| two_factor_status());
    let settings = Resource::new(|| (), |_| get_token_settings());
    let shown = RwSignal::new(None::<NewToken>);
    Effect::new(move |_| {
        if let Some(Ok(t)) = create.value().get() {
            shown.set(Some(t));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(t)) = regen.value().get() {
            shown.set(Some(t));
        }
    });
    let create_error = Signal::derive(move || create.value().get().and_then(Result::err));
    let regen_error = Signal::derive(move || regen.value().get().and_then(Result::err));
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(create.value().get(), Some(Ok(_))) {
            if let Some(f) = form.get_untracked() {
                f.reset();
            }
        }
    });
    // Each section is type-erased: the page's view type stays shallow enough for release builds.
    let add = view! {
        <section class="panel" aria-labelledby="add-token-heading">
            <h2 id="add-token-heading">{t!(tokens_add_heading)}</h2>
            {move || shown.get().map(|made| view! { <ShownOnce made on_done=Callback::new(move |()| shown.set(None))/> })}
            <FormError message=form_error(create_error)/>
            <Transition fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    let (status, settings) = (status.await, settings.await);
                    match (status, settings) {
                        (Ok(st), Ok(se)) => {
                            let has_email = st.methods.contains(&Method::Email);
                            view! {
                                <ActionForm action=create node_ref=form>
                                    <Field label=t!(tokens_name) name="name" id="token-name" error=field_error(create_error, "name") required=true/>
                                    <div class="field check">
                                        <input type="checkbox" id="field-ignore_two_factor" name="ignore_two_factor"/>
                                        <label for="field-ignore_two_factor">{t!(tokens_ignore_two_factor)}</label>
                                    </div>
                                    <p class="hint">{t!(tokens_ignore_two_factor_hint)}</p>
                                    <div class="field">
                                        <label for="field-scope">{t!(tokens_access)}</label>
                                        <select id="field-scope" name="scope">
                                            <option value="read_write">{t!(tokens_read_write)}</option>
                                            <option value="read_only">{t!(tokens_read_only)}</option>
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="field-expires">{t!(tokens_expires)}</label>
                                        <select id="field-expires" name="expires">
                                            {expiry_choices(se).into_iter().map(|(v, l)| view! { <option value=v>{tm(&l)}</option> }).collect_view()}
                                        </select>
                                        <p class="field-error">{move || field_error(create_error, "expires").get()}</p>
                                    </div>
                                    <Verification methods=st.methods.clone() error=create_error prefix="token"/>
                                    <SubmitButton label=t!(tokens_add) pending=create.pending()/>
                                </ActionForm>
                                <Show when=move || has_email>
                                    <ActionForm action=send>
                                        <button type="submit" class="link">{t!(tokens_send_code)}</button>
                                    </ActionForm>
                                </Show>
                            }.into_any()
                        }
                        (Err(e), _) | (_, Err(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
    .into_any();
    let list = view! {
        <section class="panel" aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">{t!(tokens_list_heading)}</h2>
            <FormError message=error_message(regen_error)/>
            <FormError message=error_message(delete_error)/>
            <Transition fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    let methods = status.await.map(|s| s.methods).unwrap_or_default();
                    match tokens.await {
                        Ok(list) if list.is_empty() => view! { <p class="intro">{t!(tokens_none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="tokens">
                                <thead>
                                    <tr>
                                        <th>{t!(tokens_col_name)}</th>
                                        <th>{t!(tokens_col_created)}</th>
                                        <th>{t!(tokens_col_last_used)}</th>
                                        <th>{t!(tokens_expires)}</th>
                                        <th>{t!(tokens_col_two_factor)}</th>
                                        <th>{t!(tokens_access)}</th>
                                        <th>{t!(tokens_col_ends_with)}</th>
                                        <th></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|t| {
                                        let last_used = match (t.last_used_at, t.last_used_ip.clone()) {
                                            (Some(at), Some(ip)) => view! { <Time ms=at/>" "{t!(tokens_last_used_from, ip)} }.into_any(),
                                            (Some(at), None) => view! { <Time ms=at/> }.into_any(),
                                            _ => t!(common_never).into_any(),
                                        };
                                        let (id1, id2) = (t.id.clone(), t.id.clone());
                                        let prefix = format!("regen-{}", t.id);
                                        let methods = methods.clone();
                                        view! {
                                            <tr>
                                                <td>{t.name.clone()}</td>
                                                <td><Time ms=t.created_at/></td>
                                                <td>{last_used}</td>
                                                <td>{match t.expires_at { Some(at) => view! { <Time ms=at/> }.into_any(), None => t!(common_never).into_any() }}</td>
                                                <td>{if t.ignore_two_factor { t!(tokens_two_factor_ignored) } else { t!(tokens_two_factor_required) }}</td>
                                                <td>{if t.read_only { t!(tokens_read_only) } else { t!(tokens_read_write) }}</td>
                                                <td><code>{format!("…{}", t.last_chars)}</code></td>
                                                <td class="row-actions">
                                                    <details>
                                                        <summary aria-label=t!(tokens_regenerate_label, &t.name)>{t!(tokens_regenerate)}</summary>
                                                        <ActionForm action=regen>
                                                            <input type="hidden" name="id" value=id1/>
                                                            <Verification methods error=regen_error prefix=prefix/>
                                                            <button type="submit" class="secondary">{t!(tokens_regenerate_token)}</button>
                                                        </ActionForm>
                                                    </details>
                                                    <details class="danger">
                                                        <summary aria-label=t!(tokens_delete_label, &t.name)>{t!(common_delete)}</summary>
                                                        <p>{t!(tokens_delete_warning)}</p>
                                                        <ActionForm action=delete>
                                                            <input type="hidden" name="id" value=id2/>
                                                            <button type="submit" class="secondary danger">{t!(tokens_delete_token)}</button>
                                                        </ActionForm>
                                                    </details>
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
        </section>
    }
    .into_any();
    view! { {add} {list} }
}
