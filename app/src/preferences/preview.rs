//! The live preview beside the Preferences form: a small sample conversation drawn with the
//! settings as they are in the form (before saving), so that every Messages and Highlights
//! setting shows what it does — the clock, emoji conversion, avatars, usernames, roles, the
//! spacing of the view mode, highlighted words, images and collapsed media, threads, the tray
//! icon, the sidebar and what Enter does in the composer.

use leptos::prelude::*;
use wire::preferences::{EnterKey, Preferences, ViewMode};

use crate::ui::clock;

/// One message of the sample.
struct Sample {
    name: &'static str,
    username: &'static str,
    initials: &'static str,
    role: Option<&'static str>,
    at: (i64, i64),
    text: &'static str,
}

const SAMPLES: [Sample; 2] = [
    Sample {
        name: "Ada Lovelace",
        username: "ada",
        initials: "AL",
        role: Some("Admin"),
        at: (9, 5),
        text: "Good morning :) The release candidate is ready for review.",
    },
    Sample {
        name: "Grace Hopper",
        username: "grace",
        initials: "GH",
        role: None,
        at: (13, 42),
        text: "Here is the new sign-in page :D",
    },
];

/// The reply in the thread of the second message.
const REPLY: Sample = Sample {
    name: "Katherine Johnson",
    username: "katherine",
    initials: "KJ",
    role: Some("Moderator"),
    at: (14, 10),
    text: "Looks good to me <3 Ship the release ;)",
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
            {p.display_avatars.then(|| view! { <span class="pv-avatar" aria-hidden="true">{m.initials}</span> })}
            <div class="pv-content">
                <p class="pv-head">
                    <strong>{m.name}</strong>
                    {(!p.hide_usernames).then(|| view! { <span class="pv-username">{format!("@{}", m.username)}</span> })}
                    {m.role.filter(|_| !p.hide_roles).map(|r| view! { <span class="pv-role">{r}</span> })}
                    <span class="pv-time">{clock(h, min, p.time_format)}</span>
                </p>
                <p class="pv-text">{body(m.text, p)}</p>
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
                view! { <img class="pv-image" src="/favicon.svg" alt="Screenshot of the sign-in page" width="96" height="96"/> }.into_any()
            } else {
                view! {
                    <button type="button" class="secondary" on:click=move |_| loaded.set(true)>"Load image"</button>
                }
                .into_any()
            }
        };
        view! {
            <details class="pv-media" open=!p.collapse_embedded_media_by_default>
                <summary>"sign-in.png"</summary>
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
                    view! { <p class="pv-reactions" aria-label="Reactions">"👍 2"</p> }.into_any()
                } else {
                    ().into_any()
                });
                let thread = if in_main {
                    ().into_any()
                } else {
                    view! { <p class="pv-thread">"1 reply in thread"</p> }.into_any()
                };
                let second = message(&SAMPLES[1], p, view! { {image(p)}{thread} }.into_any());
                let reply = in_main.then(|| {
                    message(&REPLY, p, view! { <p class="pv-thread">"Replied in the thread of Grace Hopper"</p> }.into_any())
                });
                let sent_list = sent.get().into_iter().map(|t| {
                    view! {
                        <li class="pv-message">
                            {p.display_avatars.then(|| view! { <span class="pv-avatar" aria-hidden="true">"You"</span> })}
                            <div class="pv-content">
                                <p class="pv-head"><strong>"You"</strong><span class="pv-time">{clock(15, 0, p.time_format)}</span></p>
                                <p class="pv-text">{body(&t, p)}</p>
                            </div>
                        </li>
                    }
                }).collect_view();
                let enter_hint = match p.enter_key_behavior {
                    EnterKey::Normal => "Enter sends · Shift+Enter starts a new line",
                    EnterKey::Alternative => "Ctrl, Alt, Shift or ⌘ with Enter sends · Enter starts a new line",
                    EnterKey::Desktop => "Enter sends on a desktop · on a phone, the Send button sends",
                };
                view! {
                    <div class="pv-bar">
                        <span class="pv-room">"# release"</span>
                        <span class="pv-tray" class:alert=p.unread_tray_icon_alert>
                            {if p.unread_tray_icon_alert { "Tray icon: 1 unread" } else { "Tray icon: no alert" }}
                        </span>
                        {p.save_mobile_bandwidth.then(|| view! { <span class="pv-saver">"Data Saver on"</span> })}
                    </div>
                    <div class="pv-body">
                        <ul class=format!("pv-list mode-{mode}") on:click=conversation_click>
                            {first}{second}{reply}{sent_list}
                        </ul>
                        <Show when=move || sidebar_open.get()>
                            <div class="pv-sidebar">
                                <p><strong>"Members"</strong></p>
                                <p class="hint">
                                    {move || if prefs.with(|p| p.hide_right_sidebar_with_click) {
                                        "Closes when you click the conversation."
                                    } else {
                                        "Stays open until you close it."
                                    }}
                                </p>
                                <button type="button" class="link" on:click=move |_| sidebar_open.set(false)>"Close"</button>
                            </div>
                        </Show>
                    </div>
                    <div class="pv-composer">
                        <label for="pv-composer-text" class="visually-hidden">"Message"</label>
                        <textarea
                            id="pv-composer-text"
                            rows="2"
                            placeholder="Message #release"
                            prop:value=move || typed.get()
                            on:input=move |ev| typed.set(event_target_value(&ev))
                            on:keydown=on_key
                        ></textarea>
                        {p.use_emojis.then(|| view! { <span class="pv-emoji-button" aria-hidden="true">"🙂"</span> })}
                        <button type="button" class="secondary" on:click=move |_| send()>"Send"</button>
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
