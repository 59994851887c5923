//! Two-factor pages: the Security page's section, the sign-in's second step, and the
//! administrators' settings.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use super::{
    api::{
        get_two_factor_settings, setup_assistant, sign_in_challenge, two_factor_status, ConfirmTotp,
        DisableEmailTwoFactor, DisableTotp, EnableEmailTwoFactor, Reauthenticate, RegenerateBackupCodes,
        SaveTwoFactorSettings, SendSignInCode, SendTwoFactorCode,
    },
    Method, TotpSetup, TwoFactorState, SECURITY_PAGE,
};
use crate::{
    auth::api::SignInSecondFactor,
    error::AppError,
    t,
    ui::{field_error, form_error, CopyButton, ErrorNotice, Field, FormError, SubmitButton},
};

/// The name of a method as people read it: the label of its code field, and its option.
pub fn method_label(m: Method) -> String {
    crate::words::tm(&m.label())
}

/// The error of an action's last call.
fn err<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// A choice of method and a code field. `prefix` keeps ids unique when a page has several.
#[component]
pub fn CodeFields(
    methods: Vec<Method>,
    error: Signal<Option<AppError>>,
    #[prop(into)] prefix: String,
) -> impl IntoView {
    let select_id = format!("{prefix}-method");
    let only = (methods.len() == 1).then(|| methods[0]);
    let method_input = match only {
        Some(m) => view! { <input type="hidden" name="method" value=m.as_str()/> }.into_any(),
        None => view! {
            <div class="field">
                <label for=select_id.clone()>{t!(twofactor_confirm_with)}</label>
                <select id=select_id name="method">
                    {methods.iter().map(|m| view! { <option value=m.as_str()>{method_label(*m)}</option> }).collect_view()}
                </select>
            </div>
        }
        .into_any(),
    };
    let label = only.map(method_label).unwrap_or_else(|| t!(twofactor_code));
    view! {
        {method_input}
        <Field
            label=label
            name="code"
            id=format!("{prefix}-code")
            autocomplete="one-time-code"
            error=field_error(error, "code")
            required=true
        />
    }
}

/// `text` for a `data:` address: every byte but ASCII letters, digits and `-._~` as `%XX`
/// (the file's first line is in the reader's language).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The backup codes, shown once, with Copy and Download; **Done** closes them.
#[component]
fn BackupCodesShown(codes: Vec<String>, on_done: Callback<()>) -> impl IntoView {
    let text = codes.join("\n");
    let file = format!(
        "data:text/plain;charset=utf-8,{}",
        percent_encode(&format!("{}\n\n{text}\n", t!(twofactor_backup_file_heading)))
    );
    view! {
        <div class="backup-codes" role="region" aria-label=t!(twofactor_backup_codes_region)>
            <h3>{t!(twofactor_backup_codes_heading)}</h3>
            <p class="notice warn">{t!(twofactor_backup_codes_save_now)}</p>
            <ul class="codes">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ul>
            <div class="actions">
                <CopyButton text=text label=t!(twofactor_copy_backup_codes)/>
                <a class="button secondary" href=file download="gatehouse-backup-codes.txt">{t!(twofactor_download)}</a>
                <StepButton to=None label=t!(twofactor_backup_codes_done) primary=true on_click=on_done/>
            </div>
        </div>
    }
}

/// A step of the **2-Factor Authentication Setup Assistant** (seed 004). The step is part of the
/// page's address (`?setup=app|scan|token`), so the assistant is a sequence of pages that works
/// before the WASM loads and without JavaScript, and Back and reload do what they say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupStep {
    /// Get an authenticator app.
    App,
    /// Scan the QR code, or type the key.
    Scan,
    /// Enter the **Security Token**, then **Verify**.
    Token,
}

impl SetupStep {
    pub fn parse(s: &str) -> Option<SetupStep> {
        match s {
            "app" => Some(SetupStep::App),
            "scan" => Some(SetupStep::Scan),
            "token" => Some(SetupStep::Token),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SetupStep::App => "app",
            SetupStep::Scan => "scan",
            SetupStep::Token => "token",
        }
    }

    fn number(self) -> u8 {
        match self {
            SetupStep::App => 1,
            SetupStep::Scan => 2,
            SetupStep::Token => 3,
        }
    }

    /// Whether the step shows the key (and so needs the setup in progress).
    fn needs_key(self) -> bool {
        self != SetupStep::App
    }
}

/// The assistant's step in the page's address.
fn setup_step() -> Memo<Option<SetupStep>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("setup").and_then(|s| SetupStep::parse(&s)))
}

/// A button that moves the assistant to `to` (`None` closes it) by changing the page's address:
/// a GET form, which the router's navigation takes over once the WASM runs (no page load).
#[component]
fn StepButton(
    to: Option<SetupStep>,
    #[prop(into)] label: String,
    #[prop(optional)] primary: bool,
    #[prop(optional)] on_click: Option<Callback<()>>,
) -> impl IntoView {
    let navigate = use_navigate();
    let href = match to {
        Some(s) => format!("{SECURITY_PAGE}?setup={}", s.as_str()),
        None => SECURITY_PAGE.to_owned(),
    };
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(f) = on_click {
            f.run(());
        }
        navigate(&href, NavigateOptions { scroll: false, ..Default::default() });
    };
    view! {
        <form method="get" action=SECURITY_PAGE on:submit=go>
            {to.map(|s| view! { <input type="hidden" name="setup" value=s.as_str()/> })}
            <button type="submit" class=if primary { "primary" } else { "secondary" }>{label}</button>
        </form>
    }
}

/// The Security page's **Two-factor authentication** section (hidden when an administrator
/// turned two-factor authentication off).
#[component]
pub fn TwoFactorPanel() -> impl IntoView {
    let reauth = ServerAction::<Reauthenticate>::new();
    let send = ServerAction::<SendTwoFactorCode>::new();
    let confirm = ServerAction::<ConfirmTotp>::new();
    let regen = ServerAction::<RegenerateBackupCodes>::new();
    let off_totp = ServerAction::<DisableTotp>::new();
    let on_email = ServerAction::<EnableEmailTwoFactor>::new();
    let off_email = ServerAction::<DisableEmailTwoFactor>::new();
    let status = Resource::new(
        move || {
            (
                reauth.version().get(),
                confirm.version().get(),
                regen.version().get(),
                off_totp.version().get(),
                on_email.version().get(),
                off_email.version().get(),
            )
        },
        |_| two_factor_status(),
    );
    let step = setup_step();
    // Backup codes are shown once: right after enrolment or regeneration, until Done. With
    // JavaScript they come back from the action; without, the server sends the browser to
    // `?codes=new` with them in a sealed cookie that the page reads once.
    let query = use_query_map();
    let codes_page = Memo::new(move |_| query.read().get("codes").is_some_and(|c| c == "new"));
    // The key the assistant's steps show and the codes carried to `?codes=new`, read while the
    // page renders so that both work without JavaScript (the key again once the password is
    // confirmed).
    let needs_key = Memo::new(move |_| step.get().is_some_and(SetupStep::needs_key));
    let assistant = Resource::new(
        move || (needs_key.get(), codes_page.get(), reauth.version().get()),
        |(key, codes, _)| async move {
            if key || codes {
                setup_assistant(key, codes).await.ok()
            } else {
                None
            }
        },
    );
    let codes = RwSignal::new(None::<Vec<String>>);
    Effect::new(move |_| {
        if let Some(Ok(c)) = confirm.value().get() {
            codes.set(Some(c));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(c)) = regen.value().get() {
            codes.set(Some(c));
        }
    });
    let sent = move || matches!(send.value().get(), Some(Ok(())));
    let done = Callback::new(move |()| codes.set(None));
    view! {
        <Transition fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
            {move || Suspend::new(async move {
                let assistant = assistant.await;
                let from_cookie = assistant.as_ref().and_then(|a| a.new_codes.clone());
                let setup_now = match assistant.map(|a| (a.setup, a.setup_error)) {
                    Some((_, Some(e))) => Err(e),
                    Some((setup, None)) => Ok(setup),
                    None => Ok(None),
                };
                match status.await {
                    Ok(s) if !s.available => ().into_any(),
                    Ok(s) => view! {
                        <section class="panel" id="two-factor" aria-labelledby="two-factor-heading">
                            <h2 id="two-factor-heading">{t!(twofactor_heading)}</h2>
                            <Show when=move || s.forced && !s.totp>
                                <p class="notice warn" role="alert">{t!(twofactor_forced)}</p>
                            </Show>
                            {move || {
                                let from_cookie = from_cookie.clone();
                                match codes.get().or(from_cookie) {
                                    Some(c) => view! { <BackupCodesShown codes=c on_done=done/> }.into_any(),
                                    None if codes_page.get() => view! {
                                        <p class="notice" role="status">{t!(twofactor_backup_codes_gone)}</p>
                                    }.into_any(),
                                    None => ().into_any(),
                                }
                            }}
                            // Seed 000: the number left is displayed; only actions ask for the password.
                            {s.totp.then(|| view! {
                                <p class="facts-line" class:warn=s.backup_codes_low() data-testid="backup-codes-left">
                                    {t!(twofactor_backup_codes_left, s.backup_codes_left)}
                                    {s.backup_codes_low().then(|| format!(" {}", t!(twofactor_backup_codes_low)))}
                                </p>
                            })}
                            {if s.reauthenticated {
                                view! { <Manage s=s.clone() confirm regen off_totp on_email off_email send step setup=setup_now.clone()/> }.into_any()
                            } else {
                                let intro = if s.totp || s.email {
                                    t!(twofactor_reauth_intro_on)
                                } else {
                                    t!(twofactor_reauth_intro_off)
                                };
                                let totp_off = !s.totp;
                                view! {
                                    <Show when=move || totp_off>
                                        <Show
                                            when=move || step.get().is_some()
                                            fallback=|| view! { <StepButton to=Some(SetupStep::App) label=t!(twofactor_enable_assistant) primary=true/> }
                                        >
                                            <p class="notice" role="status">{t!(twofactor_confirm_first)}</p>
                                        </Show>
                                    </Show>
                                    <ReauthForm s=s.clone() reauth send intro prefix="reauth"/>
                                }.into_any()
                            }}
                            <Show when=sent>
                                <p class="notice ok" role="status">{t!(twofactor_code_sent)}</p>
                            </Show>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Sudo mode: the password again (and a code when the account has a second factor), with
/// `intro` above it.
#[component]
fn ReauthForm(
    s: TwoFactorState,
    reauth: ServerAction<Reauthenticate>,
    send: ServerAction<SendTwoFactorCode>,
    intro: String,
    /// Keeps the form's ids unique on a page that has two of these.
    prefix: &'static str,
) -> impl IntoView {
    let error = err(reauth);
    let has_email = s.methods.contains(&Method::Email);
    let methods = s.methods.clone();
    view! {
        <p class="intro">{intro}</p>
        <FormError message=form_error(error)/>
        <ActionForm action=reauth>
            <Field
                label=t!(twofactor_password)
                name="password"
                id=format!("{prefix}-password")
                kind="password"
                autocomplete="current-password"
                error=field_error(error, "password")
                required=true
            />
            {(!methods.is_empty()).then(|| view! { <CodeFields methods error prefix=prefix/> })}
            <SubmitButton label=t!(common_confirm) pending=reauth.pending()/>
        </ActionForm>
        <Show when=move || has_email>
            <ActionForm action=send>
                <button type="submit" class="link">{t!(twofactor_send_code)}</button>
            </ActionForm>
        </Show>
    }
}

#[component]
fn Manage(
    s: TwoFactorState,
    confirm: ServerAction<ConfirmTotp>,
    regen: ServerAction<RegenerateBackupCodes>,
    off_totp: ServerAction<DisableTotp>,
    on_email: ServerAction<EnableEmailTwoFactor>,
    off_email: ServerAction<DisableEmailTwoFactor>,
    send: ServerAction<SendTwoFactorCode>,
    step: Memo<Option<SetupStep>>,
    setup: Result<Option<TotpSetup>, AppError>,
) -> impl IntoView {
    let has_email = s.methods.contains(&Method::Email);
    let totp = if s.totp {
        let error = err(off_totp);
        let methods = s.methods.clone();
        view! {
            <p class="state on">{t!(twofactor_totp_on)}</p>
            <FormError message=error_text(err(regen))/>
            <ActionForm action=regen>
                <button type="submit" class="secondary">{t!(twofactor_regenerate_codes)}</button>
            </ActionForm>
            <details class="danger">
                <summary>{t!(twofactor_disable_totp)}</summary>
                <FormError message=form_error(error)/>
                <ActionForm action=off_totp>
                    <CodeFields methods error prefix="disable-totp"/>
                    <SubmitButton label=t!(twofactor_disable_totp) pending=off_totp.pending()/>
                </ActionForm>
            </details>
        }
        .into_any()
    } else {
        view! { <TotpSetupView confirm step setup/> }.into_any()
    };
    let email = if s.email {
        let error = err(off_email);
        let methods = s.methods.clone();
        view! {
            <p class="state on">{t!(twofactor_email_on)}</p>
            <details class="danger">
                <summary>{t!(twofactor_disable_email)}</summary>
                <FormError message=form_error(error)/>
                <ActionForm action=off_email>
                    <CodeFields methods error prefix="disable-email"/>
                    <SubmitButton label=t!(twofactor_disable_email) pending=off_email.pending()/>
                </ActionForm>
            </details>
        }
        .into_any()
    } else {
        let error = err(on_email);
        let verified = s.email_verified;
        view! {
            <p class="intro">{t!(twofactor_email_intro)}</p>
            {(!verified).then(|| view! { <p class="hint">{t!(twofactor_email_verify_first)}</p> })}
            <FormError message=error_text(error)/>
            <ActionForm action=on_email>
                <button type="submit" class="secondary" disabled=!verified>{t!(twofactor_enable_email)}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <h3>{t!(twofactor_app_heading)}</h3>
        {totp}
        <h3>{t!(twofactor_email_heading)}</h3>
        {email}
        <Show when=move || has_email>
            <ActionForm action=send>
                <button type="submit" class="link">{t!(twofactor_send_code)}</button>
            </ActionForm>
        </Show>
    }
}

fn error_text(error: Signal<Option<AppError>>) -> Signal<Option<String>> {
    crate::ui::error_message(error)
}

/// TOTP off: **Enable 2-Factor Authentication** opens the setup assistant at its first step
/// (IONOS); **Enable two-factor authentication via TOTP** opens it at the QR code (Rocket.Chat,
/// whose users have an app already). Each step goes on with **Next**; the code is checked with
/// **Verify**, and the backup codes that follow end with **Done**. The key comes from the
/// server while the page renders (the same key on every step: the setup rides in a cookie).
#[component]
fn TotpSetupView(
    confirm: ServerAction<ConfirmTotp>,
    step: Memo<Option<SetupStep>>,
    setup: Result<Option<TotpSetup>, AppError>,
) -> impl IntoView {
    let setup = StoredValue::new(setup);
    let error = err(confirm);
    // The code form: below the QR code (Rocket.Chat: "the field directly below", then Verify)
    // and as the assistant's own last step (IONOS: Next, then the Security Token).
    let token_form = move |sealed: String| {
        view! {
            <FormError message=form_error(error)/>
            <ActionForm action=confirm>
                <input type="hidden" name="setup" value=sealed/>
                <Field
                    label=t!(twofactor_security_token)
                    name="code"
                    id="totp-code"
                    autocomplete="one-time-code"
                    error=field_error(error, "code")
                    required=true
                />
                <SubmitButton label=t!(twofactor_verify) pending=confirm.pending()/>
            </ActionForm>
        }
    };
    let closed = || {
        view! {
            <p class="intro">{t!(twofactor_totp_intro)}</p>
            <div class="actions">
                <StepButton to=Some(SetupStep::App) label=t!(twofactor_enable_assistant) primary=true/>
                <StepButton to=Some(SetupStep::Scan) label=t!(twofactor_enable_totp)/>
            </div>
        }
    };
    view! {
        <Show when=move || step.get().is_some() fallback=closed>
            <div class="assistant" role="dialog" aria-modal="false" aria-labelledby="assistant-title">
                <h3 id="assistant-title">{t!(twofactor_assistant_title)}</h3>
                <p class="step-count" aria-live="polite">
                    {move || step.get().map(|s| t!(twofactor_step_count, s.number(), 3_u8))}
                </p>
                {move || match (step.get(), setup.get_value()) {
                            (_, Err(e)) => view! {
                                <ErrorNotice error=e/>
                                <div class="actions"><StepButton to=None label=t!(common_cancel)/></div>
                            }.into_any(),
                            (Some(SetupStep::App), _) => view! {
                                <p>{t!(twofactor_step_app)}</p>
                                <p class="hint">{t!(twofactor_step_app_hint)}</p>
                                <div class="actions">
                                    <StepButton to=Some(SetupStep::Scan) label=t!(twofactor_next) primary=true/>
                                    <StepButton to=None label=t!(common_cancel)/>
                                </div>
                            }.into_any(),
                            (Some(SetupStep::Scan), Ok(Some(s))) => {
                                let plain_key = s.key.replace(' ', "");
                                view! {
                                    <p>{t!(twofactor_step_scan)}</p>
                                    <img class="qr" src=s.qr.clone() alt=t!(twofactor_qr_alt) width="220" height="220"/>
                                    <p>
                                        {t!(twofactor_key_by_hand)}
                                        " "
                                        <code class="key" data-testid="totp-key">{s.key.clone()}</code>
                                        " "
                                        <CopyButton text=plain_key label=t!(twofactor_copy_key)/>
                                    </p>
                                    <p>{t!(twofactor_step_scan_then)}</p>
                                    {token_form(s.setup)}
                                    <div class="actions">
                                        <StepButton to=Some(SetupStep::Token) label=t!(twofactor_next)/>
                                        <StepButton to=Some(SetupStep::App) label=t!(common_back)/>
                                    </div>
                                }.into_any()
                            }
                            (Some(SetupStep::Token), Ok(Some(s))) => view! {
                                <p>{t!(twofactor_step_token)}</p>
                                {token_form(s.setup)}
                                <div class="actions">
                                    <StepButton to=Some(SetupStep::Scan) label=t!(common_back)/>
                                </div>
                            }.into_any(),
                            _ => ().into_any(),
                        }
                    }
            </div>
        </Show>
    }
}

/// The sign-in's second step: the authenticator's code, with **Use a backup code** and
/// **Send a code by email** as alternatives.
#[component]
pub fn SecondStepPage() -> impl IntoView {
    let query = use_query_map();
    let challenge = Resource::new(move || query.read().get("method"), |_| sign_in_challenge());
    let action = ServerAction::<SignInSecondFactor>::new();
    let send = ServerAction::<SendSignInCode>::new();
    let error = Signal::derive(move || {
        action.value().get().and_then(Result::err).or_else(|| send.value().get().and_then(Result::err))
    });
    view! {
        <Title text=t!(twofactor_page_title)/>
        <section class="card narrow">
            <h1>{t!(twofactor_heading)}</h1>
            <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match challenge.await {
                        Ok(c) if !c.methods.is_empty() => {
                            let q = query.get_untracked();
                            let asked = q.get("method").and_then(|m| Method::parse(&m).ok());
                            let method = asked.filter(|m| c.methods.contains(m)).unwrap_or(c.methods[0]);
                            let sent = q.get("sent").is_some();
                            let intro = match method {
                                Method::Totp => t!(twofactor_signin_totp),
                                Method::Email => t!(twofactor_signin_email),
                                Method::Backup => t!(twofactor_signin_backup),
                            };
                            let others = c.methods.clone();
                            view! {
                                <p class="intro">{intro}</p>
                                {sent.then(|| view! { <p class="notice ok" role="status">{t!(twofactor_code_sent)}</p> })}
                                <FormError message=form_error(error)/>
                                <ActionForm action=action>
                                    <input type="hidden" name="method" value=method.as_str()/>
                                    <Field
                                        label=method_label(method)
                                        name="code"
                                        autocomplete="one-time-code"
                                        error=field_error(error, "code")
                                        required=true
                                    />
                                    <SubmitButton label=t!(twofactor_verify) pending=action.pending()/>
                                </ActionForm>
                                <div class="alternatives">
                                    {(method != Method::Totp && others.contains(&Method::Totp)).then(|| view! {
                                        <p><a href="/signin/two-factor?method=totp">{t!(twofactor_use_app)}</a></p>
                                    })}
                                    {(method != Method::Backup && others.contains(&Method::Backup)).then(|| view! {
                                        <p><a href="/signin/two-factor?method=backup">{t!(twofactor_use_backup)}</a></p>
                                    })}
                                    {others.contains(&Method::Email).then(|| view! {
                                        <ActionForm action=send>
                                            <button type="submit" class="link">
                                                {if method == Method::Email { t!(twofactor_send_new_code) } else { t!(twofactor_send_code) }}
                                            </button>
                                        </ActionForm>
                                    })}
                                </div>
                            }.into_any()
                        }
                        Ok(_) | Err(_) => view! {
                            <p class="notice error" role="alert">{crate::ui::error_text(&AppError::SignInExpired)}</p>
                            <p><a href="/signin">{t!(twofactor_sign_in_again)}</a></p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// "Confirm it's you", on pages whose changes need this session's recent re-authentication
/// (the administration pages): the password, and a code when the account has a second factor.
/// Hidden while the re-authentication is recent.
///
/// `prefix` keeps the ids unique where two forms may ask on one page (the Security page's
/// password and Support PIN forms); the default section is `#confirm-its-you`.
#[component]
pub fn ConfirmItsYou(#[prop(default = "confirm")] prefix: &'static str) -> impl IntoView {
    let reauth = ServerAction::<Reauthenticate>::new();
    let send = ServerAction::<SendTwoFactorCode>::new();
    let status = Resource::new(move || reauth.version().get(), |_| two_factor_status());
    let sent = move || matches!(send.value().get(), Some(Ok(())));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(s) if !s.reauthenticated => view! {
                        <section class="panel" id=format!("{prefix}-its-you") aria-labelledby=format!("{prefix}-heading")>
                            <h2 id=format!("{prefix}-heading")>{t!(twofactor_confirm_its_you)}</h2>
                            <ReauthForm
                                s
                                reauth
                                send
                                intro=t!(twofactor_confirm_its_you_intro)
                                prefix=prefix
                            />
                            <Show when=sent>
                                <p class="notice ok" role="status">{t!(twofactor_code_sent)}</p>
                            </Show>
                        </section>
                    }.into_any(),
                    Ok(_) => ().into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Administration → Two-factor authentication.
#[component]
pub fn TwoFactorSettingsForm() -> impl IntoView {
    let action = ServerAction::<SaveTwoFactorSettings>::new();
    let settings = Resource::new(move || action.version().get(), |_| get_two_factor_settings());
    let error = err(action);
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="panel" aria-labelledby="two-factor-settings-heading">
            <h2 id="two-factor-settings-heading">{t!(twofactor_heading)}</h2>
            <Show when=saved>
                <p class="notice ok" role="status">{t!(twofactor_settings_saved)}</p>
            </Show>
            <FormError message=error_text(error)/>
            <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(s) => view! {
                            <ActionForm action=action>
                                <div class="field check">
                                    <input type="checkbox" id="field-enabled" name="enabled" checked=s.enabled/>
                                    <label for="field-enabled">{t!(twofactor_settings_enabled)}</label>
                                </div>
                                <p class="hint">{t!(twofactor_settings_enabled_hint)}</p>
                                <div class="field check">
                                    <input type="checkbox" id="field-email_by_default" name="email_by_default" checked=s.email_by_default/>
                                    <label for="field-email_by_default">{t!(twofactor_settings_email_by_default)}</label>
                                </div>
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

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn the_backup_file_survives_any_language() {
        assert_eq!(percent_encode("a-b.c_d~e 1\n#%"), "a-b.c_d~e%201%0A%23%25");
        assert_eq!(percent_encode("ü"), "%C3%BC");
    }
}
