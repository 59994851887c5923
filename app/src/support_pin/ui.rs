//! The Security page's **Set Support PIN** section (seed 004): the **PIN** field and the
//! **Set Support PIN** button, when the PIN was last set (never the PIN), and removing it.

use leptos::prelude::*;

use super::api::{support_pin_state, RemoveSupportPin, SetSupportPin};
use crate::{
    error::AppError,
    t,
    two_factor::ui::ConfirmItsYou,
    ui::{error_text, field_error, form_error, ErrorNotice, Field, FormError, SubmitButton, Time},
};

#[component]
pub fn SupportPinPanel() -> impl IntoView {
    let set = ServerAction::<SetSupportPin>::new();
    let remove = ServerAction::<RemoveSupportPin>::new();
    let state = Resource::new(move || (set.version().get(), remove.version().get()), |_| support_pin_state());
    let error = Signal::derive(move || set.value().get().and_then(Result::err));
    let remove_error = Signal::derive(move || remove.value().get().and_then(Result::err));
    let saved = move || matches!(set.value().get(), Some(Ok(_)));
    let removed = move || matches!(remove.value().get(), Some(Ok(())));
    // A change needs this session's recent re-authentication: confirm it in place, then press
    // the button again (the PIN typed stays in its field).
    let confirm_first = move || {
        matches!(error.get(), Some(AppError::ReauthenticationRequired))
            || matches!(remove_error.get(), Some(AppError::ReauthenticationRequired))
    };
    let form = NodeRef::<leptos::html::Form>::new();
    // The PIN does not linger in the form once saved.
    Effect::new(move |_| {
        if saved() {
            if let Some(f) = form.get_untracked() {
                f.reset();
            }
        }
    });
    view! {
        <section class="panel" id="support-pin" aria-labelledby="support-pin-heading">
            <h2 id="support-pin-heading">{t!(pin_heading)}</h2>
            <p class="intro">{t!(pin_intro)}</p>
            <Show when=saved>
                <p class="notice ok" role="status">{t!(pin_saved)}</p>
            </Show>
            <Show when=removed>
                <p class="notice ok" role="status">{t!(pin_removed)}</p>
            </Show>
            <Transition fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match state.await {
                        Ok(s) => {
                            let rules = t!(pin_hint, s.settings.min_length, s.settings.max_length);
                            let last = match s.set_at {
                                Some(at) => view! {
                                    <p class="facts-line" data-testid="pin-last-set">
                                        {t!(pin_last_set)}" "<Time ms=at/>
                                    </p>
                                }.into_any(),
                                None => view! { <p class="facts-line" data-testid="pin-last-set">{t!(pin_none)}</p> }.into_any(),
                            };
                            let removable = s.set_at.is_some();
                            view! {
                                {last}
                                <FormError message=form_error(error)/>
                                <ActionForm action=set node_ref=form>
                                    <Field
                                        label=t!(pin_label)
                                        name="pin"
                                        kind="password"
                                        inputmode="numeric"
                                        autocomplete="off"
                                        hint=rules
                                        error=field_error(error, "pin")
                                        required=true
                                    />
                                    <SubmitButton label=t!(pin_submit) pending=set.pending()/>
                                </ActionForm>
                                <Show when=move || removable>
                                    <FormError message=Signal::derive(move || {
                                        remove_error.get().filter(|e| *e != AppError::ReauthenticationRequired).map(|e| error_text(&e))
                                    })/>
                                    <ActionForm action=remove>
                                        <button type="submit" class="secondary danger">{t!(pin_remove)}</button>
                                    </ActionForm>
                                </Show>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
            <Show when=confirm_first>
                <ConfirmItsYou prefix="pin-confirm"/>
            </Show>
        </section>
    }
}
