//! Shared widgets: form fields with their errors, submit buttons, notices.

use leptos::prelude::*;

use wire::{preferences::TimeFormat, time::civil_from_days};

use crate::{error::AppError, t};

/// The message for `field` in an action's error, as a signal.
pub fn field_error(error: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || error.get().and_then(|e| field_text(&e, field)))
}

/// The part of an error that belongs at the top of the form (not next to a field).
pub fn form_error(error: Signal<Option<AppError>>) -> Signal<Option<String>> {
    Signal::derive(move || error.get().filter(|e| !e.is_field_error()).map(|e| error_text(&e)))
}

/// The error's message unless it belongs next to one of `fields` (which show it themselves):
/// for a form whose errors may name a field it does not have (a conflict about the whole
/// organization, say).
pub fn error_except(error: Signal<Option<AppError>>, fields: &'static [&'static str]) -> Signal<Option<String>> {
    Signal::derive(move || {
        error.get().filter(|e| fields.iter().all(|f| field_text(e, f).is_none())).map(|e| error_text(&e))
    })
}

/// Any error's message, field errors included: for a form with no field to put it next to.
pub fn error_message(error: Signal<Option<AppError>>) -> Signal<Option<String>> {
    Signal::derive(move || error.get().map(|e| error_text(&e)))
}

/// An error's message in the reader's language (never its English `Display`).
pub fn error_text(error: &AppError) -> String {
    crate::words::tm(&error.msg())
}

/// The messages of an error for `field`, in the reader's language, if it is about that field.
pub fn field_text(error: &AppError, field: &str) -> Option<String> {
    let texts: Vec<String> = error.field_msgs(field).iter().map(crate::words::tm).collect();
    (!texts.is_empty()).then(|| texts.join(" "))
}

/// A labelled input with its hint and its error underneath.
#[component]
pub fn Field(
    #[prop(into)] label: String,
    #[prop(into)] name: String,
    /// The input's id when one page has two fields of the same name; `field-{name}` otherwise.
    #[prop(into, optional)]
    id: Option<String>,
    #[prop(into, default = "text".to_owned())] kind: String,
    #[prop(into, optional)] autocomplete: Option<String>,
    /// The keyboard a phone shows (`numeric` for a PIN).
    #[prop(into, optional)]
    inputmode: Option<String>,
    #[prop(into, optional)] hint: Option<String>,
    /// The value the field starts with.
    #[prop(into, optional)]
    value: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
    /// Called with the value at every keystroke.
    #[prop(optional, into)]
    on_input: Option<Callback<String>>,
    /// Something to show under the input (e.g. the password rules as they are met).
    #[prop(optional)]
    extra: Option<AnyView>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("field-{name}"));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = if hint.is_some() { format!("{error_id} {hint_id}") } else { error_id.clone() };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by
                on:input=move |ev| {
                    if let Some(cb) = on_input {
                        cb.run(event_target_value(&ev));
                    }
                }
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {extra}
            <p class="field-error" id=error_id>{move || error.get()}</p>
        </div>
    }
}

/// A submit button that says it is busy while its action runs.
#[component]
pub fn SubmitButton(#[prop(into)] label: String, #[prop(into)] pending: Signal<bool>) -> impl IntoView {
    view! {
        <button type="submit" class="primary" aria-busy=move || pending.get().to_string()>
            {label}
        </button>
    }
}

/// The form-level error, announced to screen readers.
#[component]
pub fn FormError(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || message.get().is_some()>
            <p class="notice error" role="alert">{move || message.get()}</p>
        </Show>
    }
}

/// Copies `text` to the clipboard (a button; needs the page's script).
#[component]
pub fn CopyButton(#[prop(into)] text: String, #[prop(into)] label: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let (copy_word, copied_word) = (t!(ui_copy), t!(ui_copied));
    view! {
        <button
            type="button"
            class="secondary copy"
            aria-label=label.clone()
            on:click=move |_| {
                let _ = window().navigator().clipboard().write_text(&text);
                copied.set(true);
            }
        >
            {move || if copied.get() { copied_word.clone() } else { copy_word.clone() }}
        </button>
    }
}

/// An error in place of content that could not be loaded.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    view! { <p class="notice error" role="alert">{error_text(&error)}</p> }
}

/// Formats unix milliseconds as a UTC date and time in the reader's language, on the clock of
/// `format` (English: `2026-11-23 14:05 UTC`, or `2026-11-23 2:05 PM UTC`; German:
/// `23. Nov. 2026, 14:05 UTC`).
pub fn format_time_as(ms: i64, format: TimeFormat) -> String {
    let (days, h, min) = utc_parts(ms);
    t!(ui_date_time, format_date(days), clock(h, min, format))
}

/// A date (days since 1970-01-01) as the reader's language writes it (`2026-11-23`,
/// `23. Nov. 2026`, `23 نوفمبر 2026`).
fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    t!(ui_date, format!("{y:04}"), m, d)
}

/// The time of day on the clock of `format`, as the reader's language writes it (`14:05`, or
/// `2:05 PM`).
pub fn clock(h: i64, min: i64, format: TimeFormat) -> String {
    let minute = format!("{min:02}");
    match format {
        TimeFormat::H24 => t!(ui_time_24, format!("{h:02}"), minute),
        TimeFormat::H12 => {
            let half = if h < 12 { "am" } else { "pm" };
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            t!(ui_time_12, h12.to_string(), minute, half)
        }
    }
}

/// The UTC date, machine-readable (`2026-11-23`), hour and minute of unix milliseconds.
pub fn civil_time(ms: i64) -> (String, i64, i64) {
    let (days, h, min) = utc_parts(ms);
    let (y, m, d) = civil_from_days(days);
    (format!("{y:04}-{m:02}-{d:02}"), h, min)
}

/// The UTC day (days since 1970-01-01), hour and minute of unix milliseconds.
fn utc_parts(ms: i64) -> (i64, i64, i64) {
    let secs = ms.div_euclid(1000);
    let rem = secs.rem_euclid(86_400);
    (secs.div_euclid(86_400), rem / 3600, (rem % 3600) / 60)
}

/// A time as the account wants times written (Preferences → Time Format) in the page's
/// language, in a `<time>` element that carries it machine-readably too.
#[component]
pub fn Time(ms: i64) -> impl IntoView {
    let display = crate::auth::ui::Auth::display();
    let (date, h, min) = civil_time(ms);
    let datetime = format!("{date}T{h:02}:{min:02}Z");
    view! { <time datetime=datetime>{move || format_time_as(ms, display.get().time_format)}</time> }
}

// On the server, where every catalogue is compiled in.
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// `f`'s result on a page in `lang`.
    fn in_language<R>(lang: &str, f: impl FnOnce() -> R) -> R {
        let owner = Owner::new();
        owner.with(|| {
            provide_context(crate::words::Words(i18n::catalogue(lang)));
            f()
        })
    }

    const NOV_23_2026_13_25: i64 = 1_795_440_300_000;

    #[test]
    fn formats_times_in_utc() {
        assert_eq!(format_time_as(0, TimeFormat::H24), "1970-01-01 00:00 UTC");
        assert_eq!(format_time_as(NOV_23_2026_13_25, TimeFormat::H24), "2026-11-23 13:25 UTC");
        assert_eq!(format_time_as(951_782_400_000, TimeFormat::H24), "2000-02-29 00:00 UTC");
    }

    #[test]
    fn the_twelve_hour_clock_has_no_hour_zero() {
        assert_eq!(format_time_as(NOV_23_2026_13_25, TimeFormat::H12), "2026-11-23 1:25 PM UTC");
        assert_eq!(format_time_as(0, TimeFormat::H12), "1970-01-01 12:00 AM UTC");
        assert_eq!(format_time_as(12 * 3_600_000 + 60_000, TimeFormat::H12), "1970-01-01 12:01 PM UTC");
        assert_eq!(format_time_as(23 * 3_600_000, TimeFormat::H12), "1970-01-01 11:00 PM UTC");
    }

    #[test]
    fn german_writes_the_day_first_and_names_the_month() {
        in_language("de", || {
            assert_eq!(format_time_as(NOV_23_2026_13_25, TimeFormat::H24), "23. Nov. 2026, 13:25 UTC");
            assert_eq!(format_time_as(0, TimeFormat::H24), "1. Jan. 1970, 00:00 UTC");
            assert_eq!(format_time_as(951_782_400_000, TimeFormat::H24), "29. Feb. 2000, 00:00 UTC");
            assert_eq!(format_time_as(NOV_23_2026_13_25, TimeFormat::H12), "23. Nov. 2026, 1:25 PM UTC");
            assert_eq!(clock(9, 5, TimeFormat::H24), "09:05");
        });
    }

    #[test]
    fn arabic_names_the_month_and_the_half_of_the_day() {
        in_language("ar", || {
            assert_eq!(format_time_as(NOV_23_2026_13_25, TimeFormat::H24), "23 نوفمبر 2026، 13:25 UTC");
            assert_eq!(format_time_as(NOV_23_2026_13_25, TimeFormat::H12), "23 نوفمبر 2026، 1:25 م UTC");
            assert_eq!(format_time_as(0, TimeFormat::H12), "1 يناير 1970، 12:00 ص UTC");
            assert_eq!(clock(15, 0, TimeFormat::H12), "3:00 م");
        });
    }

    #[test]
    fn every_month_has_its_own_name_in_every_language() {
        const DAY: i64 = 86_400_000;
        // 2026-01-15 (day 20 468), then every 30 days: one day in each month of 2026.
        for (code, _) in i18n::FILES {
            let dates: Vec<String> = (0..12)
                .map(|m| in_language(code, || format_time_as((20_468 + 30 * m) * DAY, TimeFormat::H24)))
                .collect();
            let distinct: std::collections::BTreeSet<&String> = dates.iter().collect();
            assert_eq!(distinct.len(), 12, "{code}: {dates:?}");
            assert!(dates.iter().all(|d| !d.contains("ui-") && d.contains("2026")), "{code}: {dates:?}");
        }
    }
}

/// The form on the page that has unsaved changes, if any, and whether the listeners that ask
/// before leaving are installed: see [`guard_unsaved`].
#[derive(Clone, Copy)]
pub struct UnsavedGuard {
    dirty: RwSignal<Option<Signal<bool>>>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    installed: StoredValue<bool>,
}

impl UnsavedGuard {
    /// For the whole app (in the router): the listeners come with the first form that asks
    /// for them, so their code loads with that form's page, not with every page.
    pub fn provide() {
        provide_context(UnsavedGuard { dirty: RwSignal::new(None), installed: StoredValue::new(false) });
    }
}

/// Asks before the page is left while `dirty`, for as long as the calling component lives: the
/// browser's own question when the tab is closed or reloaded, and a confirmation when a link
/// inside the app is followed. The router handles link clicks as they bubble up to the window;
/// the listener here sees them first, while they are captured.
pub fn guard_unsaved(dirty: Signal<bool>) {
    let Some(guard) = use_context::<UnsavedGuard>() else { return };
    guard.dirty.set(Some(dirty));
    on_cleanup(move || {
        let _ = guard.dirty.try_set(None);
    });
    #[cfg(feature = "hydrate")]
    if !guard.installed.get_value() {
        use wasm_bindgen::{closure::Closure, JsCast};

        guard.installed.set_value(true);
        let dirty =
            move || guard.dirty.try_get_untracked().flatten().is_some_and(|d| d.try_get_untracked() == Some(true));
        let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if dirty() {
                ev.prevent_default();
            }
        });
        std::mem::forget(unload);
        let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten());
            if link.is_some() && dirty() && !window().confirm_with_message(&t!(ui_leave_unsaved)).unwrap_or(true) {
                ev.prevent_default();
                ev.stop_immediate_propagation();
            }
        });
        let _ = document().add_event_listener_with_callback_and_bool("click", click.as_ref().unchecked_ref(), true);
        click.forget();
    }
}
