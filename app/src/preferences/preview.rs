//! The live preview beside the Preferences form: a small sample conversation drawn with the
//! settings as they are in the form (before saving), so that every Messages and Highlights
//! setting shows what it does — the clock, emoji conversion, avatars, usernames, roles, the
//! spacing of the view mode, highlighted words, images and collapsed media, threads, the tray
//! icon, the sidebar and what Enter does in the composer.

use leptos::prelude::*;
use wire::preferences::{EnterKey, Preferences, ViewMode};

use crate::{
    t,
    ui::clock,
    words::{k, Msg},
};

/// A text of the sample, in the reader's language (the sample's prose is in the catalogue).
type Words = fn() -> Msg;

fn say(words: Words) -> String {
    crate::words::t(words())
}

/// One message of the sample.
struct Sample {
    name: Words,
    username: &'static str,
    initials: Words,
    role: Option<Words>,
    at: (i64, i64),
    text: Words,
}

const SAMPLES: [Sample; 2] = [
    Sample {
        name: k::pref_sample_ada_name,
        username: "ada",
        initials: k::pref_sample_ada_initials,
        role: Some(k::pref_sample_role_admin),
        at: (9, 5),
        text: k::pref_sample_ada_text,
    },
    Sample {
        name: k::pref_sample_grace_name,
        username: "grace",
        initials: k::pref_sample_grace_initials,
        role: None,
        at: (13, 42),
        text: k::pref_sample_grace_text,
    },
];

/// The reply in the thread of the second message.
const REPLY: Sample = Sample {
    name: k::pref_sample_katherine_name,
    username: "katherine",
    initials: k::pref_sample_katherine_initials,
    role: Some(k::pref_sample_role_moderator),
    at: (14, 10),
    text: k::pref_sample_katherine_text,
};

/// ASCII smileys and the emoji they become (Convert ASCII to Emoji).
const SMILEYS: [(&str, &str); 6] = [(":)", "🙂"), (":D", "😃"), (";)", "😉"), (":(", "🙁"), ("<3", "❤️"), (":P", "😛")];

/// The words of `text` with smileys turned into emoji (when both emoji settings are on).
fn convert(text: &str, p: &Preferences) -> String {
    if !(p.use_emojis && p.convert_ascii_to_emoji) {
        return text.to_owned();
    }
    text.split(' ')
        .map(|w| SMILEYS.iter().find(|(ascii, _)| *ascii == w).map(|(_, e)| *e).unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` cut into runs, each marked when it is one of `words` (ignoring case).
pub fn highlight(text: &str, words: &[String]) -> Vec<(String, bool)> {
    let lower = text.to_lowercase();
    // Lower-casing may change lengths outside ASCII: then the text is shown unmarked.
    if lower.len() != text.len() {
        return vec![(text.to_owned(), false)];
    }
    let needles: Vec<String> = words.iter().map(|w| w.to_lowercase()).filter(|w| !w.is_empty()).collect();
    let mut runs = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < text.len() {
        let found = needles.iter().filter(|n| lower[i..].starts_with(n.as_str())).map(String::len).max();
        match found {
            Some(len) if text.is_char_boundary(i + len) => {
                if start < i {
                    runs.push((text[start..i].to_owned(), false));
                }
                runs.push((text[i..i + len].to_owned(), true));
                i += len;
                start = i;
            }
            _ => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if start < text.len() {
        runs.push((text[start..].to_owned(), false));
    }
    runs
}

fn body(text: &str, p: &Preferences) -> impl IntoView {
    highlight(&convert(text, p), p.highlight_words.words())
        .into_iter()
        .map(|(run, marked)| if marked { view! { <mark>{run}</mark> }.into_any() } else { run.into_any() })
        .collect_view()
}

/// One message as the settings draw it.
fn message(m: &Sample, p: &Preferences, extra: AnyView) -> impl IntoView {
    let (h, min) = m.at;
    view! {
        <li class="pv-message">
            {p.display_avatars.then(|| view! { <span class="pv-avatar" aria-hidden="true">{say(m.initials)}</span> })}
            <div class="pv-content">
                <p class="pv-head">
                    <strong>{say(m.name)}</strong>
                    {(!p.hide_usernames).then(|| view! { <span class="pv-username">{format!("@{}", m.username)}</span> })}
                    {m.role.filter(|_| !p.hide_roles).map(|r| view! { <span class="pv-role">{say(r)}</span> })}
                    <span class="pv-time">{clock(h, min, p.time_format)}</span>
                </p>
                <p class="pv-text">{body(&say(m.text), p)}</p>
                {extra}
            </div>
        </li>
    }
}

#[component]
pub fn Preview(prefs: Signal<Preferences>) -> impl IntoView {
    let sent = RwSignal::new(Vec::<String>::new());
    let typed = RwSignal::new(String::new());
    let loaded = RwSignal::new(false);
    let sidebar_open = RwSignal::new(true);
    let send = move || {
        let text = typed.get_untracked();
        if !text.trim().is_empty() {
            sent.update(|s| s.push(text.trim().to_owned()));
            typed.set(String::new());
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Enter" {
            return;
        }
        let modified = ev.ctrl_key() || ev.alt_key() || ev.shift_key() || ev.meta_key();
        let sends = match prefs.with_untracked(|p| p.enter_key_behavior) {
            EnterKey::Normal | EnterKey::Desktop => !ev.shift_key(),
            EnterKey::Alternative => modified,
        };
        if sends {
            ev.prevent_default();
            send();
        }
    };
    let conversation_click = move |_| {
        if prefs.with_untracked(|p| p.hide_right_sidebar_with_click) {
            sidebar_open.set(false);
        }
    };
    let image = move |p: &Preferences| {
        let picture = move || {
            if p_auto(prefs) || loaded.get() {
                view! { <img class="pv-image" src="/favicon.svg" alt=t!(pref_sample_image_alt) width="96" height="96"/> }.into_any()
            } else {
                view! {
                    <button type="button" class="secondary" on:click=move |_| loaded.set(true)>
                        {t!(pref_preview_load_image)}
                    </button>
                }
                .into_any()
            }
        };
        view! {
            <details class="pv-media" open=!p.collapse_embedded_media_by_default>
                <summary>{t!(pref_sample_image_name)}</summary>
                {picture}
            </details>
        }
        .into_any()
    };
    view! {
        <div class="pv" data-testid="preview">
            {move || prefs.with(|p| {
                let mode = match p.view_mode {
                    ViewMode::Normal => "normal",
                    ViewMode::Cozy => "cozy",
                    ViewMode::Compact => "compact",
                };
                let in_main = p.show_thread_messages_in_main_thread;
                let first = message(&SAMPLES[0], p, if p.use_emojis {
                    view! { <p class="pv-reactions" aria-label=t!(pref_preview_reactions)>"👍 2"</p> }.into_any()
                } else {
                    ().into_any()
                });
                let thread = if in_main {
                    ().into_any()
                } else {
                    view! { <p class="pv-thread">{t!(pref_preview_thread_replies, 1)}</p> }.into_any()
                };
                let second = message(&SAMPLES[1], p, view! { {image(p)}{thread} }.into_any());
                let reply = in_main.then(|| {
                    let replied = t!(pref_preview_replied_in_thread, say(SAMPLES[1].name));
                    message(&REPLY, p, view! { <p class="pv-thread">{replied}</p> }.into_any())
                });
                let you = t!(pref_preview_you);
                let sent_list = sent.get().into_iter().map(|text| {
                    view! {
                        <li class="pv-message">
                            {p.display_avatars.then(|| view! { <span class="pv-avatar" aria-hidden="true">{you.clone()}</span> })}
                            <div class="pv-content">
                                <p class="pv-head"><strong>{you.clone()}</strong><span class="pv-time">{clock(15, 0, p.time_format)}</span></p>
                                <p class="pv-text">{body(&text, p)}</p>
                            </div>
                        </li>
                    }
                }).collect_view();
                let enter_hint = match p.enter_key_behavior {
                    EnterKey::Normal => t!(pref_preview_enter_normal),
                    EnterKey::Alternative => t!(pref_preview_enter_alternative),
                    EnterKey::Desktop => t!(pref_preview_enter_desktop),
                };
                let room = t!(pref_sample_room);
                view! {
                    <div class="pv-bar">
                        <span class="pv-room">{format!("# {room}")}</span>
                        <span class="pv-tray" class:alert=p.unread_tray_icon_alert>
                            {if p.unread_tray_icon_alert { t!(pref_preview_tray_unread, 1) } else { t!(pref_preview_tray_quiet) }}
                        </span>
                        {p.save_mobile_bandwidth.then(|| view! { <span class="pv-saver">{t!(pref_preview_data_saver)}</span> })}
                    </div>
                    <div class="pv-body">
                        <ul class=format!("pv-list mode-{mode}") on:click=conversation_click>
                            {first}{second}{reply}{sent_list}
                        </ul>
                        <Show when=move || sidebar_open.get()>
                            <div class="pv-sidebar">
                                <p><strong>{t!(pref_preview_members)}</strong></p>
                                <p class="hint">
                                    {move || if prefs.with(|p| p.hide_right_sidebar_with_click) {
                                        t!(pref_preview_sidebar_closes)
                                    } else {
                                        t!(pref_preview_sidebar_stays)
                                    }}
                                </p>
                                <button type="button" class="link" on:click=move |_| sidebar_open.set(false)>
                                    {t!(common_close)}
                                </button>
                            </div>
                        </Show>
                    </div>
                    <div class="pv-composer">
                        <label for="pv-composer-text" class="visually-hidden">{t!(pref_preview_composer_label)}</label>
                        <textarea
                            id="pv-composer-text"
                            rows="2"
                            placeholder=t!(pref_preview_composer_placeholder, room)
                            prop:value=move || typed.get()
                            on:input=move |ev| typed.set(event_target_value(&ev))
                            on:keydown=on_key
                        ></textarea>
                        {p.use_emojis.then(|| view! { <span class="pv-emoji-button" aria-hidden="true">"🙂"</span> })}
                        <button type="button" class="secondary" on:click=move |_| send()>{t!(pref_preview_send)}</button>
                        <p class="hint pv-enter">{enter_hint}</p>
                    </div>
                }
            })}
        </div>
    }
}

/// Auto Load Images, read where the picture is drawn.
fn p_auto(prefs: Signal<Preferences>) -> bool {
    prefs.with(|p| p.auto_load_images)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_mark_every_word_ignoring_case() {
        let words = vec!["release".to_owned(), "ship".to_owned()];
        let runs = highlight("Ship the Release now", &words);
        assert_eq!(
            runs,
            vec![
                ("Ship".to_owned(), true),
                (" the ".to_owned(), false),
                ("Release".to_owned(), true),
                (" now".to_owned(), false)
            ]
        );
        assert_eq!(highlight("nothing here", &words), vec![("nothing here".to_owned(), false)]);
        // "İ" lower-cases to two characters: the text stays whole rather than mark the wrong part.
        assert_eq!(highlight("İstanbul", &["stanbul".to_owned()]), vec![("İstanbul".to_owned(), false)]);
    }

    #[test]
    fn smileys_become_emoji_only_with_both_settings() {
        let mut p = Preferences::default();
        assert_eq!(convert("hi :) <3", &p), "hi 🙂 ❤️");
        p.convert_ascii_to_emoji = false;
        assert_eq!(convert("hi :)", &p), "hi :)");
        p.convert_ascii_to_emoji = true;
        p.use_emojis = false;
        assert_eq!(convert("hi :)", &p), "hi :)");
    }
}
