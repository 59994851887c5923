//! The Personal Access Tokens page: add (shown once), list, regenerate, delete.

use leptos::prelude::*;

use super::{
    api::{get_token_settings, list_tokens, CreateToken, DeleteToken, RegenerateToken},
    Expiry, NewToken, TokenSettings,
};
use crate::{
    error::AppError,
    two_factor::{
        api::{two_factor_status, SendTwoFactorCode},
        ui::CodeFields,
        Method,
    },
    ui::{error_message, field_error, form_error, CopyButton, ErrorNotice, Field, FormError, SubmitButton, Time},
};

/// The owner's proof: a code when the account has two-factor authentication, else the password.
#[component]
fn Verification(methods: Vec<Method>, error: Signal<Option<AppError>>, #[prop(into)] prefix: String) -> impl IntoView {
    if methods.is_empty() {
        view! {
            <Field
                label="Your password"
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
        <div class="new-token" role="region" aria-label="New token">
            <p class="notice warn">
                {format!("Token \u{201c}{}\u{201d} was made. Copy it now: it cannot be shown again.", made.view.name)}
            </p>
            <dl class="facts">
                <dt>"User Id"</dt>
                <dd><code data-testid="user-id">{made.user_id.clone()}</code>" "<CopyButton text=made.user_id.clone() label="Copy User Id"/></dd>
                <dt>"Token"</dt>
                <dd><code class="key" data-testid="new-token">{made.token.clone()}</code>" "<CopyButton text=made.token.clone() label="Copy token"/></dd>
            </dl>
            <button type="button" class="primary" on:click=move |_| on_done.run(())>"Done"</button>
        </div>
    }
}

fn expiry_choices(s: TokenSettings) -> Vec<(&'static str, &'static str)> {
    Expiry::CHOICES
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
            <h2 id="add-token-heading">"Add a token"</h2>
            {move || shown.get().map(|made| view! { <ShownOnce made on_done=Callback::new(move |()| shown.set(None))/> })}
            <FormError message=form_error(create_error)/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let (status, settings) = (status.await, settings.await);
                    match (status, settings) {
                        (Ok(st), Ok(se)) => {
                            let has_email = st.methods.contains(&Method::Email);
                            view! {
                                <ActionForm action=create node_ref=form>
                                    <Field label="Token name" name="name" id="token-name" error=field_error(create_error, "name") required=true/>
                                    <div class="field check">
                                        <input type="checkbox" id="field-ignore_two_factor" name="ignore_two_factor"/>
                                        <label for="field-ignore_two_factor">"Ignore Two Factor Authentication"</label>
                                    </div>
                                    <p class="hint">"Calls that change your password, email or tokens then need no code. Tick it only for a client that cannot ask you for one."</p>
                                    <div class="field">
                                        <label for="field-scope">"Access"</label>
                                        <select id="field-scope" name="scope">
                                            <option value="read_write">"Read and write"</option>
                                            <option value="read_only">"Read-only"</option>
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="field-expires">"Expires"</label>
                                        <select id="field-expires" name="expires">
                                            {expiry_choices(se).into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                                        </select>
                                        <p class="field-error">{move || field_error(create_error, "expires").get()}</p>
                                    </div>
                                    <Verification methods=st.methods.clone() error=create_error prefix="token"/>
                                    <SubmitButton label="Add" pending=create.pending()/>
                                </ActionForm>
                                <Show when=move || has_email>
                                    <ActionForm action=send>
                                        <button type="submit" class="link">"Send a code by email"</button>
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
            <h2 id="tokens-heading">"Your tokens"</h2>
            <FormError message=error_message(regen_error)/>
            <FormError message=error_message(delete_error)/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let methods = status.await.map(|s| s.methods).unwrap_or_default();
                    match tokens.await {
                        Ok(list) if list.is_empty() => view! { <p class="intro">"You have no tokens."</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="tokens">
                                <thead>
                                    <tr>
                                        <th>"Name"</th><th>"Created"</th><th>"Last used"</th><th>"Expires"</th>
                                        <th>"Two-factor"</th><th>"Access"</th><th>"Ends with"</th><th></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|t| {
                                        let last_used = match (t.last_used_at, t.last_used_ip.clone()) {
                                            (Some(at), Some(ip)) => view! { <Time ms=at/>{format!(" from {ip}")} }.into_any(),
                                            (Some(at), None) => view! { <Time ms=at/> }.into_any(),
                                            _ => "Never".into_any(),
                                        };
                                        let (id1, id2) = (t.id.clone(), t.id.clone());
                                        let prefix = format!("regen-{}", t.id);
                                        let methods = methods.clone();
                                        view! {
                                            <tr>
                                                <td>{t.name.clone()}</td>
                                                <td><Time ms=t.created_at/></td>
                                                <td>{last_used}</td>
                                                <td>{match t.expires_at { Some(at) => view! { <Time ms=at/> }.into_any(), None => "Never".into_any() }}</td>
                                                <td>{if t.ignore_two_factor { "Ignored" } else { "Required" }}</td>
                                                <td>{if t.read_only { "Read-only" } else { "Read and write" }}</td>
                                                <td><code>{format!("…{}", t.last_chars)}</code></td>
                                                <td class="row-actions">
                                                    <details>
                                                        <summary aria-label=format!("Regenerate {}", t.name)>"Regenerate"</summary>
                                                        <ActionForm action=regen>
                                                            <input type="hidden" name="id" value=id1/>
                                                            <Verification methods error=regen_error prefix=prefix/>
                                                            <button type="submit" class="secondary">"Regenerate token"</button>
                                                        </ActionForm>
                                                    </details>
                                                    <details class="danger">
                                                        <summary aria-label=format!("Delete {}", t.name)>"Delete"</summary>
                                                        <p>"Clients that use this token stop working at once."</p>
                                                        <ActionForm action=delete>
                                                            <input type="hidden" name="id" value=id2/>
                                                            <button type="submit" class="secondary danger">"Delete token"</button>
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
