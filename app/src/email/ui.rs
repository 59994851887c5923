//! The email panel of the Profile page and the page a mailed link opens.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{get_email_status, CancelEmailChange, ChangeEmail, ConfirmEmail, ResendVerification};
use crate::{
    error::AppError,
    t,
    two_factor::ui::ConfirmItsYou,
    ui::{error_message, field_error, form_error, ErrorNotice, Field, FormError, SubmitButton},
};

/// The address, whether it is verified (with **Resend Email Verification**), a pending change,
/// and the form to change it.
#[component]
pub fn EmailPanel() -> impl IntoView {
    let resend = ServerAction::<ResendVerification>::new();
    let change = ServerAction::<ChangeEmail>::new();
    let cancel = ServerAction::<CancelEmailChange>::new();

    let status = Resource::new(
        move || (resend.version().get(), change.version().get(), cancel.version().get()),
        |_| get_email_status(),
    );
    let resend_error = Signal::derive(move || resend.value().get().and_then(Result::err));
    let change_error = Signal::derive(move || change.value().get().and_then(Result::err));
    let resent = move || matches!(resend.value().get(), Some(Ok(())));
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(change.value().get(), Some(Ok(()))) {
            if let Some(f) = form.get_untracked() {
                f.reset();
            }
        }
    });
    view! {
        <section class="panel" aria-labelledby="email-heading">
            <h2 id="email-heading">{t!(email_heading)}</h2>
            <Transition fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(s) => {
                            let verified = s.verified;
                            view! {
                            <p class="email-line">
                                <span class="email-address">{s.email.clone()}</span>
                                {if verified {
                                    view! { <span class="badge ok">{t!(email_verified)}</span> }.into_any()
                                } else {
                                    view! { <span class="badge warn">{t!(email_not_verified)}</span> }.into_any()
                                }}
                            </p>
                            {s.pending.map(|p| view! {
                                <div class="notice" role="status">
                                    <p>{t!(email_pending, &p)}</p>
                                    <ActionForm action=cancel>
                                        <button type="submit" class="secondary" aria-label=t!(email_cancel_change_label, &p)>
                                            {t!(common_cancel)}
                                        </button>
                                    </ActionForm>
                                </div>
                            })}
                            <Show when=move || !verified>
                                <ActionForm action=resend>
                                    <button type="submit" class="secondary">{t!(email_resend)}</button>
                                </ActionForm>
                            </Show>
                        }.into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Transition>
            <Show when=resent>
                <p class="notice ok" role="status">{t!(email_resent)}</p>
            </Show>
            <FormError message=error_message(resend_error)/>
            <h3>{t!(email_change_heading)}</h3>
            <Show when=move || matches!(change.value().get(), Some(Ok(())))>
                <p class="notice ok" role="status">{t!(email_change_sent)}</p>
            </Show>
            <FormError message=form_error(change_error)/>
            <ActionForm action=change node_ref=form>
                <Field
                    label=t!(email_field_new)
                    name="email"
                    id="field-new_email"
                    kind="email"
                    autocomplete="email"
                    error=field_error(change_error, "email")
                    required=true
                />
                <Field
                    label=t!(email_field_password)
                    name="current_password"
                    id="field-email-current_password"
                    kind="password"
                    autocomplete="current-password"
                    error=field_error(change_error, "current_password")
                    required=true
                />
                <SubmitButton label=t!(email_change_submit) pending=change.pending()/>
            </ActionForm>
            // The address is a second factor (by default once verified): confirm it's you first.
            <Show when=move || matches!(change_error.get(), Some(AppError::ReauthenticationRequired))>
                <ConfirmItsYou/>
            </Show>
        </section>
    }
}

/// The page a verification or change-of-address link opens. The address is confirmed by a
/// button, not by opening the page, so a mail scanner that follows links uses nothing up.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let action = ServerAction::<ConfirmEmail>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = move || query.read().get("done").is_some() || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=t!(email_verify_title)/>
        <section class="card narrow">
            <h1>{t!(email_verify_heading)}</h1>
            <Show
                when=done
                fallback=move || view! {
                    <FormError message=error_message(error)/>
                    <ActionForm action=action>
                        <input type="hidden" name="token" value=token/>
                        <SubmitButton label=t!(email_verify_submit) pending=action.pending()/>
                    </ActionForm>
                }
            >
                <p class="notice ok" role="status">{t!(email_verify_done)}</p>
                <p><a href="/account/profile">{t!(email_go_to_profile)}</a></p>
            </Show>
        </section>
    }
}
