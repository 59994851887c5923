//! The Change Password form and the live password rules.

use leptos::prelude::*;

use super::{api::ChangePassword, rules::PasswordPolicy};
use crate::ui::{field_error, form_error, Field, FormError, SubmitButton};

/// The policy's rules, each marked met or not as the user types.
#[component]
pub fn PasswordRules(#[prop(into)] typed: Signal<String>) -> impl IntoView {
    let policy = PasswordPolicy::default();
    view! {
        <ul class="rules" aria-label="Password rules" aria-live="polite">
            {move || {
                policy
                    .evaluate(&typed.get())
                    .into_iter()
                    .map(|r| {
                        let (class, state) = match r.met {
                            Some(true) => ("met", "met"),
                            Some(false) => ("unmet", "not met"),
                            None => ("", ""),
                        };
                        view! {
                            <li class=class>
                                {r.text}
                                <span class="visually-hidden">{if state.is_empty() { String::new() } else { format!(" ({state})") }}</span>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// Current Password, New Password and a repeat: "Repeat New Password" on the Security page
/// (IONOS), "Confirm your Password" on the Profile (Rocket.Chat).
#[component]
pub fn ChangePasswordForm(#[prop(default = "Repeat New Password")] confirm_label: &'static str) -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let changed = move || matches!(action.value().get(), Some(Ok(())));
    let typed = RwSignal::new(String::new());
    let form = NodeRef::<leptos::html::Form>::new();
    // Passwords do not linger in the form once saved.
    Effect::new(move |_| {
        if changed() {
            if let Some(f) = form.get_untracked() {
                f.reset();
            }
            typed.set(String::new());
        }
    });
    view! {
        <section class="panel" aria-labelledby="password-heading">
            <h2 id="password-heading">"Change Password"</h2>
            <Show when=changed>
                <p class="notice ok" role="status">"Your password was changed. Every other session was signed out."</p>
            </Show>
            <FormError message=form_error(error)/>
            <ActionForm action=action node_ref=form>
                <Field
                    label="Current Password"
                    name="current"
                    kind="password"
                    autocomplete="current-password"
                    error=field_error(error, "current")
                    required=true
                />
                <Field
                    label="New Password"
                    name="new_password"
                    kind="password"
                    autocomplete="new-password"
                    error=field_error(error, "new_password")
                    required=true
                    on_input=Callback::new(move |v: String| typed.set(v))
                    extra=view! { <PasswordRules typed=typed/> }.into_any()
                />
                <Field
                    label=confirm_label
                    name="confirm"
                    kind="password"
                    autocomplete="new-password"
                    error=field_error(error, "confirm")
                    required=true
                />
                <SubmitButton label="Change Password" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
