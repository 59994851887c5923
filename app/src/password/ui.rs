//! Password forms: change, forgot, reset, expired; and the live policy rules.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{get_password_policy, reset_link_status, ChangePassword, RequestPasswordReset, ResetPassword},
    rules::Personal,
};
use crate::{
    auth::{api::HOME, ui::Auth},
    error::AppError,
    t,
    tokens::api::RevokeAllTokens,
    two_factor::ui::ConfirmItsYou,
    ui::{error_text, field_error, form_error, ErrorNotice, Field, FormError, SubmitButton},
};

/// The policy's rules, each marked met or not as the user types (the server's own code).
/// With `signed_in`, the rule about personal words is checked against the signed-in user.
#[component]
pub fn PasswordRules(#[prop(into)] typed: Signal<String>, #[prop(optional)] signed_in: bool) -> impl IntoView {
    // Loaded where rules are shown, not on every page.
    let policy = Resource::new(|| (), |_| get_password_policy());
    let page = signed_in.then(Auth::for_page);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                let personal = match page {
                    Some(page) => {
                        let Some(user) = page.get().await else { return ().into_any() };
                        user.ok().flatten().map(|u| u.personal()).unwrap_or_default()
                    }
                    None => Personal::default(),
                };
                let policy = policy.await.unwrap_or_default();
                view! {
                    <ul class="rules" aria-label=t!(password_rules_label) aria-live="polite">
                        {move || {
                            policy
                                .evaluate(&typed.get(), &personal)
                                .into_iter()
                                .map(|r| {
                                    let (class, state) = match r.met {
                                        Some(true) => ("met", format!(" {}", t!(password_rule_met))),
                                        Some(false) => ("unmet", format!(" {}", t!(password_rule_not_met))),
                                        None => ("", String::new()),
                                    };
                                    view! {
                                        <li class=class>
                                            {crate::words::tm(&r.text)}
                                            <span class="visually-hidden">{state}</span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                }.into_any()
            })}}
        </Suspense>
    }
}

/// New Password with its live rules, and its repeat.
#[component]
fn NewPasswordFields(
    error: Signal<Option<AppError>>,
    typed: RwSignal<String>,
    confirm_label: String,
    #[prop(optional)] signed_in: bool,
) -> impl IntoView {
    view! {
        <Field
            label=t!(password_new)
            name="new_password"
            kind="password"
            autocomplete="new-password"
            error=field_error(error, "new_password")
            required=true
            on_input=Callback::new(move |v: String| typed.set(v))
            extra=view! { <PasswordRules typed=typed signed_in=signed_in/> }.into_any()
        />
        <Field
            label=confirm_label
            name="confirm"
            kind="password"
            autocomplete="new-password"
            error=field_error(error, "confirm")
            required=true
        />
    }
}

/// Current Password, New Password and a repeat: "Repeat New Password" on the Security page
/// (IONOS, the default), "Confirm your Password" on the Profile (Rocket.Chat).
#[component]
pub fn ChangePasswordForm(#[prop(into, optional)] confirm_label: Option<String>) -> impl IntoView {
    let confirm_label = confirm_label.unwrap_or_else(|| t!(password_repeat_new));
    let action = ServerAction::<ChangePassword>::new();
    let revoke = ServerAction::<RevokeAllTokens>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let changed = move || matches!(action.value().get(), Some(Ok(_)));
    let tokens_left = move || match action.value().get() {
        Some(Ok(c)) => c.tokens_left,
        _ => 0,
    };
    // An account with a second factor confirms it is them (password and code) first.
    let confirm_first = move || matches!(error.get(), Some(AppError::ReauthenticationRequired));
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
            <h2 id="password-heading">{t!(password_change_heading)}</h2>
            <Show when=changed>
                <p class="notice ok" role="status">{t!(password_changed)}</p>
            </Show>
            <Show when=move || { tokens_left() > 0 && revoke.value().get().is_none() }>
                <div class="notice warn" role="region" aria-label=t!(password_tokens_label)>
                    <p>
                        {move || t!(password_tokens_left, tokens_left())}
                        " "
                        {t!(password_tokens_advice)}
                    </p>
                    <ActionForm action=revoke>
                        <button type="submit" class="danger">{t!(password_revoke_all)}</button>
                    </ActionForm>
                </div>
            </Show>
            {move || match revoke.value().get() {
                Some(Ok(n)) => Some(view! { <p class="notice ok" role="status">{t!(password_tokens_revoked, n)}</p> }.into_any()),
                Some(Err(e)) => Some(view! { <ErrorNotice error=e/> }.into_any()),
                None => None,
            }}
            <FormError message=form_error(error)/>
            <ActionForm action=action node_ref=form>
                <Field
                    label=t!(password_current)
                    name="current_password"
                    id="field-current"
                    kind="password"
                    autocomplete="current-password"
                    error=field_error(error, "current_password")
                    required=true
                />
                <NewPasswordFields error typed confirm_label signed_in=true/>
                <SubmitButton label=t!(password_change_submit) pending=action.pending()/>
            </ActionForm>
            <Show when=confirm_first>
                <ConfirmItsYou/>
            </Show>
        </section>
    }
}

/// Shown instead of every other page while the password is past the policy's maximum age.
#[component]
pub fn ExpiredPasswordPage() -> impl IntoView {
    let page = Auth::for_page();
    view! {
        <Title text=t!(password_expired_title)/>
        <section class="card narrow">
            <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || {
                    let page = page.clone();
                    Suspend::new(async move {
                    let Some(user) = page.get().await else { return ().into_any() };
                    match user {
                        Ok(Some(user)) if user.password_expired => view! {
                            <h1>{t!(password_expired_heading)}</h1>
                            <p class="intro">{t!(password_expired_intro)}</p>
                            <ChangePasswordForm/>
                            <p class="aside"><a href=HOME>{t!(password_continue_to_account)}</a></p>
                        }.into_any(),
                        Ok(Some(_)) => view! {
                            <h1>{t!(password_up_to_date)}</h1>
                            <p><a href=HOME>{t!(password_continue_to_account)}</a></p>
                        }.into_any(),
                        Ok(None) | Err(AppError::Unauthenticated) => {
                            view! { <leptos_router::components::Redirect path="/signin"/> }.into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}}
            </Suspense>
        </section>
    }
}

/// "Reset password": asks for the address; answers the same whatever it is.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some() || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=t!(password_forgot_title)/>
        <section class="card narrow">
            <h1>{t!(password_forgot_heading)}</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <p class="intro">{t!(password_forgot_intro)}</p>
                    <FormError message=form_error(error)/>
                    <ActionForm action=action>
                        <Field
                            label=t!(password_field_email)
                            name="email"
                            kind="email"
                            autocomplete="email"
                            error=field_error(error, "email")
                            required=true
                        />
                        <SubmitButton label=t!(password_forgot_submit) pending=action.pending()/>
                    </ActionForm>
                }
            >
                <p class="notice ok" role="status">{t!(password_forgot_sent)}</p>
            </Show>
            <p class="aside"><a href="/signin">{t!(password_back_to_signin)}</a></p>
        </section>
    }
}

/// The page a reset link opens: a new password, twice.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let valid = Resource::new(token, reset_link_status);
    let action = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let typed = RwSignal::new(String::new());
    view! {
        <Title text=t!(password_reset_title)/>
        <section class="card narrow">
            <h1>{t!(password_reset_heading)}</h1>
            <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match valid.await {
                        Ok(status) if status.valid => {
                            let methods = status.methods;
                            view! {
                                <FormError message=form_error(error)/>
                                <ActionForm action=action>
                                    <input type="hidden" name="token" value=token/>
                                    <NewPasswordFields error typed confirm_label=t!(password_repeat_new)/>
                                    {(!methods.is_empty()).then(|| view! {
                                        <p class="hint">{t!(password_reset_two_factor)}</p>
                                        <crate::two_factor::ui::CodeFields methods error prefix="reset"/>
                                    })}
                                    <SubmitButton label=t!(password_reset_submit) pending=action.pending()/>
                                </ActionForm>
                            }.into_any()
                        }
                        Ok(_) => view! {
                            <p class="notice error" role="alert">{error_text(&AppError::InvalidLink)}</p>
                            <p><a href="/forgot-password">{t!(password_ask_new_link)}</a></p>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
