//! The Preferences form: every setting of [`wire::preferences`], drawn from its table (a
//! checkbox, a choice, a number or a list of words), grouped in the seed's sections, each with
//! **Reset to defaults**, and one **Save Changes** (disabled until something changed; leaving
//! with unsaved changes asks first). Beside it, the live preview of what the Messages and
//! Highlights settings do, as they are changed.
//!
//! The same form edits the server's defaults in Administration ([`Target::Server`]).

use std::collections::BTreeMap;

use leptos::prelude::*;
use wire::preferences::{
    Kind, Preferences, PreferencesView, Section, Setting, Sound, HIGHLIGHTS_MAX, HIGHLIGHT_MAX_CHARS,
};

use super::{
    api::{
        get_preference_defaults, get_preferences, ResetPreferenceDefaults, ResetPreferences, SavePreferenceDefaults,
        SavePreferences,
    },
    preview::Preview,
};
use crate::{
    auth::ui::Auth,
    error::AppError,
    t,
    ui::{field_error, form_error, guard_unsaved, ErrorNotice, FormError},
    words::tm,
};

/// Whose preferences the form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The signed-in person's (My Account → Preferences).
    Mine,
    /// The server's defaults (Administration → Preferences).
    Server,
}

/// The settings whose list offers "Default", as Rocket.Chat's does: choosing it follows the
/// server's default again.
fn offers_default(s: Setting) -> bool {
    matches!(
        s,
        Setting::desktop_notifications_for | Setting::push_notifications_for | Setting::offline_email_notifications
    )
}

/// The value that stands for "the default" in a form.
const DEFAULT: &str = "default";

/// My Account → Preferences. Created at the page's top level (its resource is made in the
/// same order on the server and in the browser); the account layout sends the signed-out away.
#[component]
pub fn PreferencesPanel() -> impl IntoView {
    let prefs = Resource::new(|| (), |_| get_preferences());
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
            {move || Suspend::new(async move {
                match prefs.await {
                    Ok(v) => view! { <PreferencesForm view=v target=Target::Mine/> }.into_any(),
                    Err(AppError::Unauthenticated) => ().into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Administration → Preferences: the defaults of everyone who did not choose.
#[component]
pub fn PreferenceDefaultsPanel() -> impl IntoView {
    let prefs = Resource::new(|| (), |_| get_preference_defaults());
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t!(common_loading)}</p> }>
            {move || Suspend::new(async move {
                match prefs.await {
                    Ok(v) => view! { <PreferencesForm view=v target=Target::Server/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Each setting's text as its control holds it.
type Fields = BTreeMap<Setting, String>;

fn fields_of(view: &PreferencesView, target: Target) -> Fields {
    Setting::ALL
        .iter()
        .map(|&s| {
            let text = if target == Target::Mine && offers_default(s) && !view.chosen.contains(&s) {
                DEFAULT.to_owned()
            } else {
                view.values.form_value(s)
            };
            (s, text)
        })
        .collect()
}

/// What a save sends: the settings whose text differs from what is saved (a text that does not
/// parse is sent too, so that the server says what is wrong with it, next to the field).
fn changes(saved: &PreferencesView, fields: &Fields) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (&s, text) in fields {
        if text == DEFAULT {
            if saved.chosen.contains(&s) {
                out.insert(s.key().to_owned(), DEFAULT.to_owned());
            }
            continue;
        }
        let mut p = saved.values.clone();
        let differs = p.set_form(s, text).is_err() || !p.same(s, &saved.values);
        if differs {
            out.insert(s.key().to_owned(), text.clone());
        }
    }
    out
}

/// The preferences as the form holds them now (what does not parse stays as saved): the
/// preview shows these.
fn drafted(saved: &PreferencesView, fields: &Fields) -> Preferences {
    let mut p = saved.values.clone();
    for (&s, text) in fields {
        if text == DEFAULT {
            p.take(s, &saved.defaults);
        } else {
            let _ = p.set_form(s, text);
        }
    }
    p
}

/// The problem with a setting's text as typed, before any save.
fn local_problem(s: Setting, text: &str) -> Option<String> {
    if text == DEFAULT {
        return None;
    }
    Preferences::default().set_form(s, text).err().map(|m| tm(&m))
}

/// A unit of [`Kind::Number`] (as the settings' table names it), in the reader's language.
fn unit_text(unit: &str) -> String {
    match unit {
        "seconds" => t!(pref_unit_seconds),
        other => other.to_owned(),
    }
}

#[component]
pub fn PreferencesForm(view: PreferencesView, target: Target) -> impl IntoView {
    let auth = Auth::get();
    let save_mine = ServerAction::<SavePreferences>::new();
    let save_server = ServerAction::<SavePreferenceDefaults>::new();
    let reset_mine = ServerAction::<ResetPreferences>::new();
    let reset_server = ServerAction::<ResetPreferenceDefaults>::new();
    let (save_fn, reset_fn) = match target {
        Target::Mine => ("/fn/save_preferences", "/fn/reset_preferences"),
        Target::Server => ("/fn/save_preference_defaults", "/fn/reset_preference_defaults"),
    };
    let saved = RwSignal::new(view.clone());
    let fields = RwSignal::new(fields_of(&view, target));
    let dirty = Signal::derive(move || saved.with(|s| fields.with(|f| !changes(s, f).is_empty())));
    guard_unsaved(dirty);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let draft = Memo::new(move |_| saved.with(|s| fields.with(|f| drafted(s, f))));
    let notice = RwSignal::new(None::<String>);

    let save_value = move || match target {
        Target::Mine => save_mine.value().get(),
        Target::Server => save_server.value().get(),
    };
    let reset_value = move || match target {
        Target::Mine => reset_mine.value().get(),
        Target::Server => reset_server.value().get(),
    };
    let pending = Signal::derive(move || match target {
        Target::Mine => save_mine.pending().get() || reset_mine.pending().get(),
        Target::Server => save_server.pending().get() || reset_server.pending().get(),
    });
    let error: Signal<Option<AppError>> =
        Signal::derive(move || save_value().and_then(Result::err).or_else(|| reset_value().and_then(Result::err)));
    let keep = move |now: PreferencesView, only: Option<Section>| {
        fields.update(|f| {
            for (s, text) in fields_of(&now, target) {
                if only.is_none_or(|sec| s.section() == sec) {
                    f.insert(s, text);
                }
            }
        });
        // Theme and time format apply at once, for this account.
        if let (Target::Mine, Some(me)) = (target, untrack(|| auth.user_id())) {
            auth.saved_prefs.set(Some((me, now.values.clone())));
        }
        saved.set(now);
    };
    Effect::new(move |_| {
        if let Some(Ok(now)) = save_value() {
            keep(now, None);
            notice.set(Some(match target {
                Target::Mine => t!(pref_saved_mine),
                Target::Server => t!(pref_saved_server),
            }));
        }
    });
    let resetting = RwSignal::new(None::<Section>);
    Effect::new(move |_| {
        if let Some(Ok(now)) = reset_value() {
            keep(now, resetting.get_untracked());
            notice.set(Some(t!(pref_reset_done)));
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let prefs = saved.with_untracked(|s| fields.with_untracked(|f| changes(s, f)));
        if prefs.is_empty() {
            return;
        }
        match target {
            Target::Mine => {
                save_mine.dispatch(SavePreferences { prefs, whole: None });
            }
            Target::Server => {
                save_server.dispatch(SavePreferenceDefaults { prefs, whole: None });
            }
        }
    };
    let reset = Callback::new(move |section: Section| {
        notice.set(None);
        resetting.set(Some(section));
        let section = section.as_str().to_owned();
        match target {
            Target::Mine => {
                reset_mine.dispatch(ResetPreferences { section });
            }
            Target::Server => {
                reset_server.dispatch(ResetPreferenceDefaults { section });
            }
        }
    });
    let ctx = FormCtx { fields, saved, draft, error, target, reset, reset_fn };
    let sections = Section::ALL.into_iter().map(|section| view! { <SectionView ctx section/> }).collect_view();
    let intro = match target {
        Target::Mine => t!(pref_intro_mine),
        Target::Server => t!(pref_intro_server),
    };
    view! {
        <div class="preferences">
            <form method="post" action=save_fn class="preferences-form" on:submit=on_submit>
                <input type="hidden" name="whole" value="1"/>
                <p class="intro">{intro}</p>
                <FormError message=form_error(error)/>
                {sections}
                <div class="form-actions sticky">
                    <button
                        type="submit"
                        class="primary"
                        disabled=move || hydrated.get() && !dirty.get()
                        aria-busy=move || pending.get().to_string()
                    >
                        {t!(common_save_changes)}
                    </button>
                    <Show when=move || notice.get().is_some() && !dirty.get()>
                        <p class="notice ok" role="status">{move || notice.get()}</p>
                    </Show>
                </div>
            </form>
            <audio id="sound-player" data-testid="sound-player" preload="none"></audio>
            <aside class="preview-pane" aria-label={t!(pref_preview_title)}>
                <h2>{t!(pref_preview_title)}</h2>
                <p class="hint">{t!(pref_preview_hint)}</p>
                <Preview prefs=draft.into()/>
            </aside>
        </div>
    }
}

/// What every section of one form shares.
#[derive(Clone, Copy)]
struct FormCtx {
    fields: RwSignal<Fields>,
    saved: RwSignal<PreferencesView>,
    /// The preferences as the form holds them now (the preview draws them).
    draft: Memo<Preferences>,
    error: Signal<Option<AppError>>,
    target: Target,
    reset: Callback<Section>,
    reset_fn: &'static str,
}

#[component]
fn SectionView(ctx: FormCtx, section: Section) -> impl IntoView {
    let controls = section.settings().map(|s| view! { <Control ctx s/> }).collect_view();
    let extra = match section {
        Section::Notifications => Some(view! { <DesktopNotifications ctx/> }.into_any()),
        _ => None,
    };
    let title = tm(&section.title_msg());
    let reset_label = t!(pref_reset_section, title.clone());
    view! {
        <fieldset class="pref-section">
            <legend>{title}</legend>
            {extra}
            {controls}
            <button
                type="submit"
                class="secondary reset"
                formaction=ctx.reset_fn
                name="section"
                value=section.as_str()
                aria-label=reset_label
                on:click=move |ev| {
                    ev.prevent_default();
                    ctx.reset.run(section);
                }
            >
                {t!(pref_reset)}
            </button>
        </fieldset>
    }
}

/// One setting: its label, control, hint and error.
#[component]
fn Control(ctx: FormCtx, s: Setting) -> impl IntoView {
    let FormCtx { fields, saved, error, target, .. } = ctx;
    let id = format!("pref-{}", s.key());
    let name = format!("prefs[{}]", s.key());
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let text = move || fields.with(|f| f.get(&s).cloned().unwrap_or_default());
    let initial = text();
    let set = move |v: String| {
        fields.update(|f| {
            f.insert(s, v);
        })
    };
    let server_error = field_error(error, s.key());
    let problem = Signal::derive(move || local_problem(s, &text()).or_else(|| server_error.get()));
    let invalid = move || if problem.get().is_some() { "true" } else { "false" };
    let locked = s == Setting::offline_email_notifications
        && target == Target::Mine
        && !saved.with_untracked(|v| v.email_verified);
    let hint =
        if locked { Some(t!(pref_email_needs_verification, t!(email_resend))) } else { s.hint_msg().map(|m| tm(&m)) };
    let label = tm(&s.label_msg());
    let hint_view = hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> });
    let described = format!("{error_id} {hint_id}");
    let error_view = view! { <p class="field-error" id=error_id>{move || problem.get()}</p> };
    let control = match s.kind() {
        Kind::Toggle => {
            return view! {
                <div class="field check" class:has-error=move || problem.get().is_some()>
                    <input
                        type="checkbox"
                        id=id.clone()
                        name=name
                        value="true"
                        checked=initial == "true"
                        prop:checked=move || text() == "true"
                        aria-describedby=described
                        on:change=move |ev| set(event_target_checked(&ev).to_string())
                    />
                    <label for=id>{label}</label>
                    {hint_view}
                    {error_view}
                </div>
            }
            .into_any();
        }
        Kind::Choice(options) => {
            let choice = move |value: &str| s.choice_msg(value).map(|m| tm(&m)).unwrap_or_default();
            let default_option = (target == Target::Mine && offers_default(s)).then(|| {
                let label = saved.with_untracked(|v| choice(&v.defaults.form_value(s)));
                view! { <option value=DEFAULT selected=initial == DEFAULT>{t!(pref_choice_default, label)}</option> }
            });
            let options = options
                .iter()
                .map(|(value, _)| view! { <option value=*value selected=initial == *value>{choice(value)}</option> })
                .collect_view();
            view! {
                <select
                    id=id.clone()
                    name=name
                    disabled=locked
                    prop:value=text
                    aria-invalid=invalid
                    aria-describedby=described
                    on:change=move |ev| set(event_target_value(&ev))
                >
                    {default_option}
                    {options}
                </select>
            }
            .into_any()
        }
        Kind::Number { min, max, .. } if s == Setting::notifications_sound_volume => view! {
            <div class="range-row">
                <input
                    type="range"
                    id=id.clone()
                    name=name
                    min=min
                    max=max
                    step="1"
                    value=initial.clone()
                    prop:value=text
                    aria-describedby=described
                    on:input=move |ev| set(event_target_value(&ev))
                />
                <output for=id.clone()>{move || t!(pref_volume_value, text())}</output>
            </div>
        }
        .into_any(),
        Kind::Number { min, max, unit } => view! {
            <div class="number-row">
                <input
                    type="number"
                    id=id.clone()
                    name=name
                    min=min
                    max=max
                    step="1"
                    inputmode="numeric"
                    value=initial.clone()
                    prop:value=text
                    aria-invalid=invalid
                    aria-describedby=described
                    on:input=move |ev| set(event_target_value(&ev))
                />
                <span class="unit">{unit_text(unit)}</span>
            </div>
        }
        .into_any(),
        Kind::Words => {
            let count = move || {
                wire::preferences::Highlights::new(text().split(',')).map(|h| h.words().len()).unwrap_or_default()
            };
            view! {
                <input
                    type="text"
                    id=id.clone()
                    name=name
                    value=initial.clone()
                    prop:value=text
                    aria-invalid=invalid
                    aria-describedby=format!("{described} {id}-count")
                    on:input=move |ev| set(event_target_value(&ev))
                />
                <p class="hint counter" id=format!("{id}-count")>
                    {move || t!(pref_highlight_count, count(), HIGHLIGHTS_MAX, HIGHLIGHT_MAX_CHARS)}
                </p>
            }
            .into_any()
        }
    };
    let play = matches!(s, Setting::new_room_notification | Setting::new_message_notification).then(|| {
        let play_label = t!(pref_play_label, label.clone());
        let volume = move || ctx.draft.with(|p| p.notifications_sound_volume.get());
        view! {
            <button
                type="button"
                class="secondary play"
                aria-label=play_label
                disabled=move || Sound::parse(&text()).map(|x| x == Sound::Silent).unwrap_or(true)
                on:click=move |_| {
                    if let Ok(sound) = Sound::parse(&text()) {
                        play_sound(sound, volume());
                    }
                }
            >
                {t!(pref_play)}
            </button>
        }
    });
    view! {
        <div class="field" class:has-error=move || problem.get().is_some()>
            <label for=id.clone()>{label}</label>
            <div class="control-row">{control}{play}</div>
            {hint_view}
            {error_view}
        </div>
    }
    .into_any()
}

/// Plays `sound` at `volume` percent through the page's one player (an `<audio>` element, so
/// what it plays and how loud can be read back).
fn play_sound(sound: Sound, volume: u32) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};

        let Some(url) = sound.url() else { return };
        let player =
            document().get_element_by_id("sound-player").and_then(|e| e.dyn_into::<web_sys::HtmlAudioElement>().ok());
        let Some(player) = player else { return };
        player.set_src(&url);
        player.set_volume(f64::from(volume) / 100.0);
        if let Ok(playing) = player.play() {
            // A browser that may not play (no audio device, autoplay rules) refuses the
            // promise: that is no error of the page's.
            let ignore = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
            let _ = playing.catch(&ignore);
            ignore.forget();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (sound, volume);
}

/// **Desktop Notifications**: the browser's permission and **Test Desktop Notification**, which
/// asks for it and shows a real notification through the Notification API.
#[component]
fn DesktopNotifications(ctx: FormCtx) -> impl IntoView {
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let require_interaction = move || ctx.draft.with(|p| p.desktop_notifications_require_interaction);
    let test = move |_| {
        outcome.set(None);
        let ri = require_interaction();
        leptos::task::spawn_local(async move {
            outcome.set(Some(test_notification(ri).await));
        });
    };
    view! {
        <div class="field">
            <span class="label">{t!(pref_desktop_notifications)}</span>
            <div class="control-row">
                <button type="button" class="secondary" on:click=test>{t!(pref_test_notification)}</button>
            </div>
            <p class="hint">{t!(pref_test_notification_hint)}</p>
            {move || outcome.get().map(|o| match o {
                Ok(m) => view! { <p class="notice ok" role="status">{m}</p> }.into_any(),
                Err(m) => view! { <p class="notice warn" role="alert">{m}</p> }.into_any(),
            })}
        </div>
    }
}

/// Asks for the permission when it was never given, then shows a notification.
async fn test_notification(require_interaction: bool) -> Result<String, String> {
    #[cfg(feature = "hydrate")]
    {
        use web_sys::{Notification, NotificationOptions, NotificationPermission};

        let denied = || t!(pref_notification_denied);
        if !js_sys::Reflect::has(&window(), &"Notification".into()).unwrap_or(false) {
            return Err(t!(pref_notification_unsupported));
        }
        let mut permission = Notification::permission();
        if permission == NotificationPermission::Default {
            let asked = Notification::request_permission().map_err(|_| denied())?;
            let answer = wasm_bindgen_futures::JsFuture::from(asked).await.map_err(|_| denied())?;
            permission = match answer.as_string().as_deref() {
                Some("granted") => NotificationPermission::Granted,
                _ => NotificationPermission::Denied,
            };
        }
        if permission != NotificationPermission::Granted {
            return Err(denied());
        }
        let title = t!(common_product);
        let body = t!(pref_notification_body);
        let options = NotificationOptions::new();
        options.set_body(&body);
        options.set_tag("gatehouse-test");
        options.set_require_interaction(require_interaction);
        Notification::new_with_options(&title, &options)
            .map(|_| t!(pref_notification_shown, &title, &body))
            .map_err(|_| t!(pref_notification_failed))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = require_interaction;
        Err(t!(pref_notification_no_script))
    }
}
