//! E2E Encryption on the pages: the keeper every account page carries (it makes the key pair at
//! the first sign-in and shows the new encryption password once, or says this device is
//! locked), the Security page's section (fingerprint, unlock, **Change Encryption Password**,
//! the Encrypted note to yourself, remembered devices, **Reset E2E Key**) and the
//! administrators' switch.

use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;
use wire::session::{browser_msg, os_msg};

use super::{
    api::{get_e2e_settings, get_e2e_state, ResetE2eKey, SaveE2eSettings},
    ops, E2eCx, E2eKeyView, E2eState, Here, RememberedDevice, SealedNote,
};
use crate::{
    error::AppError,
    t,
    two_factor::ui::ConfirmItsYou,
    ui::{error_text, field_error, form_error, CopyButton, ErrorNotice, Field, FormError, SubmitButton, Time},
    words::tm,
};

/// A submitted form's field value.
fn form_value(ev: &leptos::ev::SubmitEvent, name: &str) -> Option<String> {
    let form: web_sys::HtmlFormElement = ev.target()?.dyn_into().ok()?;
    web_sys::FormData::new_with_form(&form).ok()?.get(name).as_string()
}

fn form_of(ev: &leptos::ev::SubmitEvent) -> Option<web_sys::HtmlFormElement> {
    ev.target().and_then(|t| t.dyn_into().ok())
}

/// On every account page: looks at this browser's copy of the key once the page's script runs,
/// makes the key pair at the first sign-in, and says (in one line each, no buttons: the pages'
/// own controls stay the only ones of their names) that a password waits on the Security page
/// or that this browser is locked.
#[component]
pub fn E2eKeeper(user_id: String) -> impl IntoView {
    let cx = E2eCx::provide(user_id);
    Effect::new(move |_| spawn_local(ops::sync(cx)));
    let locked = move || cx.here.try_get().unwrap_or(Here::Checking) == Here::Locked;
    view! {
        <Show when=move || cx.made.try_get().flatten().is_some()>
            <p class="notice warn" data-testid="e2e-made-banner">
                {t!(e2e_made_banner)}" "<a href="/account/security#e2e">{t!(e2e_made_banner_link)}</a>
            </p>
        </Show>
        <Show when=locked>
            <p class="notice warn" data-testid="e2e-locked-banner">
                {t!(e2e_locked_banner)}" "<a href="/account/security#e2e">{t!(e2e_locked_banner_link)}</a>
            </p>
        </Show>
    }
}

/// The encryption password just made: shown once, with Copy and Download.
#[component]
fn MadePassword(cx: E2eCx) -> impl IntoView {
    let password = cx.made.get_untracked().unwrap_or_default();
    let file = format!(
        "data:text/plain;charset=utf-8,{}",
        crate::two_factor::ui::percent_encode(&format!("{}\n\n{password}\n", t!(e2e_file_heading)))
    );
    view! {
        <section class="panel e2e-made" aria-labelledby="e2e-made-heading">
            <h2 id="e2e-made-heading">{t!(e2e_made_heading)}</h2>
            <p>{t!(e2e_made_intro)}</p>
            // Closed until asked: nobody looking over a shoulder sees it by chance.
            <details class="e2e-made-password">
                <summary>{t!(e2e_made_show)}</summary>
                <p class="e2e-password"><code data-testid="e2e-made-password">{password.clone()}</code></p>
                <div class="actions">
                    <CopyButton text=password label=t!(e2e_copy_password)/>
                    <a class="button secondary" href=file download="gatehouse-encryption-password.txt">{t!(e2e_download_password)}</a>
                </div>
            </details>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| cx.made_saved()>{t!(e2e_made_done)}</button>
            </div>
        </section>
    }
}

/// The Security page's **E2E Encryption** section.
#[component]
pub fn E2ePanel() -> impl IntoView {
    let cx = use_context::<E2eCx>();
    let state = Resource::new(move || cx.and_then(|c| c.stored.try_get()), |_| get_e2e_state());
    view! {
        <section class="panel" id="e2e" aria-labelledby="e2e-heading">
            <h2 id="e2e-heading">{t!(e2e_heading)}</h2>
            <p class="intro">{t!(e2e_intro)}</p>
            {cx.map(|cx| view! {
                <Show when=move || cx.made.try_get().flatten().is_some()>
                    <MadePassword cx/>
                </Show>
            })}
            <Transition fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match (state.await, cx) {
                        (Ok(s), Some(cx)) => view! { <E2eBody s cx/> }.into_any(),
                        (Ok(_), None) => ().into_any(),
                        (Err(e), _) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn E2eBody(s: E2eState, cx: E2eCx) -> impl IntoView {
    let Some(key) = s.key.clone() else {
        return if s.enabled {
            view! { <p class="facts-line" data-testid="e2e-here">{t!(e2e_no_key)}</p> }.into_any()
        } else {
            view! { <p class="facts-line" data-testid="e2e-here">{t!(e2e_off)}</p> }.into_any()
        };
    };
    let here_text = move || match cx.here.try_get().unwrap_or(Here::Checking) {
        Here::Checking | Here::Making => t!(e2e_here_checking),
        Here::Locked => t!(e2e_here_locked),
        Here::Unlocked { remembered: true, .. } => t!(e2e_here_remembered),
        Here::Unlocked { .. } => t!(e2e_here_unlocked),
        Here::Unsupported => t!(error_e2e_browser),
        Here::Off => t!(e2e_off),
    };
    let locked = move || cx.here.try_get().unwrap_or(Here::Checking) == Here::Locked;
    let stored_key = StoredValue::new(key.clone());
    let stored_note = StoredValue::new(s.note.clone());
    let note_updated_at = s.note_updated_at;
    let enabled = s.enabled;
    view! {
        <Show when=move || !enabled>
            <p class="notice warn">{t!(e2e_off_kept)}</p>
        </Show>
        <dl class="facts">
            <dt>{t!(e2e_fingerprint)}</dt>
            <dd><code data-testid="e2e-fingerprint">{key.fingerprint.clone()}</code></dd>
            <dt>{t!(e2e_created)}</dt>
            <dd><Time ms=key.created_at/></dd>
            <dt>{t!(e2e_changed)}</dt>
            <dd><Time ms=key.updated_at/></dd>
        </dl>
        <p class="facts-line" aria-live="polite" data-testid="e2e-here">{here_text}</p>
        // The forms that hold the encryption password or the note's text appear only once this
        // page's script has looked at the key: before, a submit would be a plain form post and
        // carry them to the server.
        <Show when=move || !matches!(cx.here.try_get().unwrap_or(Here::Checking), Here::Checking | Here::Making)>
            <Show
                when=locked
                fallback=move || stored_key.try_get_value().map(|key| view! { <ChangePasswordForm cx key/> })
            >
                {move || stored_key.try_get_value().map(|key| view! { <UnlockForm cx key/> })}
                <p class="hint">{t!(e2e_change_unlock_first)}</p>
            </Show>
            {move || stored_key.try_get_value().map(|key| view! { <NoteForm cx key note=stored_note.try_get_value().flatten() saved_at=note_updated_at/> })}
        </Show>
        <Devices cx devices=s.devices.clone()/>
        <ResetForm/>
    }
    .into_any()
}

#[component]
fn UnlockForm(cx: E2eCx, key: E2eKeyView) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    let pending = RwSignal::new(false);
    let key = StoredValue::new(key);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let password = form_value(&ev, "e2e_password").unwrap_or_default();
        let remember = form_value(&ev, "remember").is_some();
        pending.set(true);
        let form = form_of(&ev);
        spawn_local(async move {
            let Some(key) = key.try_get_value() else { return };
            let r = ops::unlock(cx, key, password, remember).await;
            let _ = pending.try_set(false);
            if r.is_ok() {
                if let Some(f) = form {
                    f.reset();
                }
            }
            let _ = error.try_set(r.err());
        });
    };
    let error = Signal::from(error);
    view! {
        <form class="e2e-unlock" on:submit=submit>
            <h3>{t!(e2e_unlock_heading)}</h3>
            <FormError message=form_error(error)/>
            <Field
                label=t!(e2e_password_label)
                name="e2e_password"
                kind="password"
                autocomplete="off"
                error=field_error(error, "e2e_password")
                required=true
            />
            <div class="field check">
                <input type="checkbox" id="field-remember" name="remember"/>
                <label for="field-remember">{t!(e2e_remember)}</label>
            </div>
            <p class="hint">{t!(e2e_remember_hint)}</p>
            <SubmitButton label=t!(e2e_unlock) pending=pending/>
        </form>
    }
}

/// **Change Encryption Password**: new + confirm, **Save Changes**; the current one too when this
/// tab does not hold the key's bytes.
#[component]
fn ChangePasswordForm(cx: E2eCx, key: E2eKeyView) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    let pending = RwSignal::new(false);
    let saved = cx.password_changed;
    let key = StoredValue::new(key);
    let needs_current =
        move || !matches!(cx.here.try_get().unwrap_or(Here::Checking), Here::Unlocked { rewrap: true, .. });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = form_value(&ev, "current_password");
        let new = form_value(&ev, "new_password").unwrap_or_default();
        let confirm = form_value(&ev, "confirm_password").unwrap_or_default();
        pending.set(true);
        let _ = saved.try_set(false);
        let form = form_of(&ev);
        spawn_local(async move {
            let Some(key) = key.try_get_value() else { return };
            let r = ops::change_password(cx, key, current, new, confirm).await;
            let _ = pending.try_set(false);
            if r.is_ok() {
                let _ = saved.try_set(true);
                if let Some(f) = form {
                    f.reset();
                }
            }
            let _ = error.try_set(r.err());
        });
    };
    let error = Signal::from(error);
    view! {
        <form class="e2e-change" on:submit=submit>
            <h3>{t!(e2e_change_heading)}</h3>
            <p class="hint">{t!(e2e_change_intro)}</p>
            <Show when=move || saved.try_get().unwrap_or(false)>
                <p class="notice ok" role="status">{t!(e2e_change_saved)}</p>
            </Show>
            <FormError message=form_error(error)/>
            <Show when=needs_current>
                <Field
                    label=t!(e2e_current_password)
                    name="current_password"
                    id="field-e2e-current"
                    kind="password"
                    autocomplete="off"
                    error=field_error(error, "current_password")
                />
            </Show>
            <Field
                label=t!(e2e_new_password)
                name="new_password"
                id="field-e2e-new"
                kind="password"
                autocomplete="off"
                hint=t!(e2e_new_password_hint, wire::e2e::MIN_PASSWORD_CHARS)
                error=field_error(error, "new_password")
                required=true
            />
            <Field
                label=t!(e2e_confirm_password)
                name="confirm_password"
                id="field-e2e-confirm"
                kind="password"
                autocomplete="off"
                error=field_error(error, "confirm_password")
                required=true
            />
            <SubmitButton label=t!(e2e_save_changes) pending=pending/>
        </form>
    }
}

/// The **Encrypted note to yourself**: sealed in this browser to the public key, readable only
/// where the key is unlocked.
#[component]
fn NoteForm(cx: E2eCx, key: E2eKeyView, note: Option<SealedNote>, saved_at: Option<i64>) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    let pending = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let has_note = note.is_some();
    let key = StoredValue::new(key);
    // Opened once this tab holds the key.
    let note = StoredValue::new(note);
    Effect::new(move |_| {
        if matches!(cx.here.try_get().unwrap_or(Here::Checking), Here::Unlocked { .. }) {
            if let Some(n) = note.try_get_value().flatten() {
                spawn_local(async move {
                    match ops::read_note(n).await {
                        Ok(t) => {
                            let _ = text.try_set(t);
                        }
                        Err(e) => {
                            let _ = error.try_set(Some(e));
                        }
                    }
                });
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = form_value(&ev, "note").unwrap_or_default();
        pending.set(true);
        let _ = saved.try_set(false);
        spawn_local(async move {
            let Some(key) = key.try_get_value() else { return };
            let r = ops::save_note(key, body).await;
            let _ = pending.try_set(false);
            let _ = saved.try_set(r.is_ok());
            let _ = error.try_set(r.err());
        });
    };
    let locked_with_note =
        move || has_note && !matches!(cx.here.try_get().unwrap_or(Here::Checking), Here::Unlocked { .. });
    let error = Signal::from(error);
    view! {
        <form class="e2e-note" on:submit=submit>
            <h3>{t!(e2e_note_heading)}</h3>
            <p class="hint">{t!(e2e_note_intro)}</p>
            {saved_at.map(|at| view! { <p class="facts-line">{t!(e2e_note_saved_at)}" "<Time ms=at/></p> })}
            <Show when=locked_with_note>
                <p class="notice warn" data-testid="e2e-note-locked">{t!(e2e_note_locked)}</p>
            </Show>
            <Show when=move || saved.try_get().unwrap_or(false)>
                <p class="notice ok" role="status">{t!(e2e_note_saved)}</p>
            </Show>
            <FormError message=form_error(error)/>
            <div class="field" class:has-error=move || field_error(error, "note").get().is_some()>
                <label for="field-e2e-note">{t!(e2e_note_label)}</label>
                <textarea
                    id="field-e2e-note"
                    name="note"
                    rows="4"
                    maxlength=wire::e2e::MAX_NOTE_CHARS
                    aria-describedby="field-e2e-note-error"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <p class="field-error" id="field-e2e-note-error">{move || field_error(error, "note").get()}</p>
            </div>
            <SubmitButton label=t!(e2e_note_save) pending=pending/>
        </form>
    }
}

/// The browsers that keep the key unlocked, each with **Forget**.
#[component]
fn Devices(cx: E2eCx, devices: Vec<RememberedDevice>) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    let rows = devices
        .into_iter()
        .map(|d| {
            let browser = browser_msg(&d.browser).map_or_else(|| d.browser.clone(), |m| tm(&m));
            let os = os_msg(&d.os).map_or_else(|| d.os.clone(), |m| tm(&m));
            let label = t!(sessions_browser_on_os, browser, os);
            let id = d.id.clone();
            let forget = move |_| {
                let id = id.clone();
                spawn_local(async move {
                    let _ = error.try_set(ops::forget_device(cx, id).await.err());
                });
            };
            view! {
                <li>
                    <span>{label.clone()}" · "{t!(e2e_device_since)}" "<Time ms=d.created_at/></span>
                    <button type="button" class="secondary" aria-label=t!(e2e_forget_device_named, label.as_str()) on:click=forget>
                        {t!(e2e_forget_device)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="e2e-devices">
            <h3>{t!(e2e_devices_heading)}</h3>
            <FormError message=Signal::derive(move || error.get().map(|e| error_text(&e)))/>
            <ul class="list">{rows}</ul>
        </div>
    }
}

/// **Reset E2E Key**: the seed's consequence, a box to tick, the recent re-authentication; then
/// every session ends and the browser goes to the sign-in page.
#[component]
fn ResetForm() -> impl IntoView {
    let action = ServerAction::<ResetE2eKey>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let confirm_first = move || matches!(error.get(), Some(AppError::ReauthenticationRequired));
    view! {
        <div class="e2e-reset">
            <h3>{t!(e2e_reset_heading)}</h3>
            <p class="notice warn">{t!(e2e_reset_intro)}</p>
            <FormError message=Signal::derive(move || {
                error.get().filter(|e| *e != AppError::ReauthenticationRequired && !e.is_field_error()).map(|e| error_text(&e))
            })/>
            <ActionForm action=action>
                <div class="field check" class:has-error=move || field_error(error, "confirm").get().is_some()>
                    <input type="checkbox" id="field-e2e-reset-confirm" name="confirm" aria-describedby="field-e2e-reset-confirm-error"/>
                    <label for="field-e2e-reset-confirm">{t!(e2e_reset_confirm)}</label>
                </div>
                <p class="field-error" id="field-e2e-reset-confirm-error">{move || field_error(error, "confirm").get()}</p>
                <button type="submit" class="secondary danger" aria-busy=move || action.pending().get().to_string()>{t!(e2e_reset_submit)}</button>
            </ActionForm>
            <Show when=confirm_first>
                <ConfirmItsYou prefix="e2e-confirm"/>
            </Show>
        </div>
    }
}

/// Administration → E2E Encryption: the server-wide switch.
#[component]
pub fn E2eSettingsForm() -> impl IntoView {
    let action = ServerAction::<SaveE2eSettings>::new();
    let settings = Resource::new(move || action.version().get(), |_| get_e2e_settings());
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="panel" aria-labelledby="e2e-settings-heading">
            <h2 id="e2e-settings-heading">{t!(e2e_heading)}</h2>
            <Show when=saved>
                <p class="notice ok" role="status">{t!(admin_e2e_saved)}</p>
            </Show>
            <FormError message=form_error(error)/>
            <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(s) => view! {
                            <ActionForm action=action>
                                <div class="field check">
                                    <input type="checkbox" id="field-e2e-enabled" name="enabled" checked=s.enabled/>
                                    <label for="field-e2e-enabled">{t!(admin_e2e_enabled)}</label>
                                </div>
                                <p class="hint">{t!(admin_e2e_enabled_hint)}</p>
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
