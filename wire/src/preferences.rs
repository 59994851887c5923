//! The account's preferences (seed 003, "Preference"): every setting typed once, in
//! [`preferences!`]'s table below, from which the rest follows — the [`Preferences`] struct
//! (what a person's settings are in effect), the [`Setting`] enum (a setting's key, section and
//! label), and the one parse of a value, from JSON (the REST API, the stored rows) or from a
//! form (the page).
//!
//! A value in effect is, in order: what the person chose, else the server's default (an
//! administrator's choice), else the built-in default here. Only chosen values are stored, one
//! row per setting, so that a changed default reaches everyone who did not choose, and a new
//! setting needs no table rewrite.

use std::collections::BTreeSet;

use i18n::{k, Msg};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// `id` with its `_` written `-`, as catalogue ids are.
fn dashed(id: &str) -> String {
    id.replace('_', "-")
}

/// The groups of the page, in the seed's order (Theme is beyond the seed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Localization,
    Appearance,
    Presence,
    Notifications,
    Messages,
    Highlights,
    Sound,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Localization,
        Section::Appearance,
        Section::Presence,
        Section::Notifications,
        Section::Messages,
        Section::Highlights,
        Section::Sound,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Localization => "localization",
            Section::Appearance => "appearance",
            Section::Presence => "presence",
            Section::Notifications => "notifications",
            Section::Messages => "messages",
            Section::Highlights => "highlights",
            Section::Sound => "sound",
        }
    }

    pub fn parse(s: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The heading, as the seed names it (in English, as the API's documentation has it).
    pub fn title(self) -> &'static str {
        match self {
            Section::Localization => "Localization",
            Section::Appearance => "Theme",
            Section::Presence => "User Presence",
            Section::Notifications => "Notifications",
            Section::Messages => "Messages",
            Section::Highlights => "Highlights",
            Section::Sound => "Sound",
        }
    }

    /// The heading, to show in the reader's language (`pref-section-<section>`).
    pub fn title_msg(self) -> Msg {
        Msg::new(format!("pref-section-{}", self.as_str()))
    }

    pub fn settings(self) -> impl Iterator<Item = Setting> {
        Setting::ALL.iter().copied().filter(move |s| s.section() == self)
    }
}

/// How a setting is edited, for the page to draw its control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A checkbox.
    Toggle,
    /// One of these `(value, label)` pairs.
    Choice(&'static [(&'static str, &'static str)]),
    /// A whole number in `min..=max`, with its unit.
    Number { min: u32, max: u32, unit: &'static str },
    /// A comma-separated list of words.
    Words,
}

/// What a setting's value type knows: how it reads from JSON and from a form, and how it is
/// edited. Every parse is total: a value either is valid or says why not, in a message for
/// the person in front of the form.
pub trait PrefValue: Sized + Clone + PartialEq {
    const KIND: Kind;
    fn from_json(v: &Json) -> Result<Self, Msg>;
    fn to_json(&self) -> Json;
    fn from_form(raw: &str) -> Result<Self, Msg>;
    fn to_form(&self) -> String;

    /// The label of one of the values of a [`Kind::Choice`], to show (`None` for other kinds,
    /// and for a value that is not one).
    fn choice_msg(_value: &str) -> Option<Msg> {
        None
    }
}

impl PrefValue for bool {
    const KIND: Kind = Kind::Toggle;

    fn from_json(v: &Json) -> Result<Self, Msg> {
        v.as_bool().ok_or_else(k::pref_error_toggle_json)
    }

    fn to_json(&self) -> Json {
        Json::Bool(*self)
    }

    /// A ticked checkbox sends `on` (or the value it was given).
    fn from_form(raw: &str) -> Result<Self, Msg> {
        match raw {
            "on" | "true" => Ok(true),
            "off" | "false" => Ok(false),
            _ => Err(k::pref_error_toggle()),
        }
    }

    fn to_form(&self) -> String {
        self.to_string()
    }
}

/// An enum whose values are words: its variants, their wire value and (English) label. `$id`
/// names it in the catalogue: a value's label is `pref-choice-<id>-<value>`, the refusal of
/// a value that is none of them `pref-error-choice-<id>`.
macro_rules! choice {
    (
        $(#[$meta:meta])* $name:ident as $id:literal {
            $($variant:ident = $value:literal, $label:literal;)+
        } default $default:ident
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $(
                #[serde(rename = $value)]
                $variant,
            )+
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            const CHOICES: &'static [(&'static str, &'static str)] = &[$(($value, $label)),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $value,)+
                }
            }

            /// The label in English (the API's documentation, and the source of the catalogue's).
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            /// The label, to show in the reader's language.
            pub fn label_msg(self) -> Msg {
                match self {
                    $($name::$variant => Msg::new(concat!("pref-choice-", $id, "-", $value)),)+
                }
            }

            /// A value from its wire word; else the refusal, which lists the labels.
            pub fn parse(s: &str) -> Result<$name, Msg> {
                match s {
                    $($value => Ok($name::$variant),)+
                    _ => Err(Msg::new(concat!("pref-error-choice-", $id))),
                }
            }
        }

        impl PrefValue for $name {
            const KIND: Kind = Kind::Choice($name::CHOICES);

            fn from_json(v: &Json) -> Result<Self, Msg> {
                $name::parse(v.as_str().unwrap_or_default())
            }

            fn to_json(&self) -> Json {
                Json::String(self.as_str().to_owned())
            }

            fn from_form(raw: &str) -> Result<Self, Msg> {
                $name::parse(raw)
            }

            fn to_form(&self) -> String {
                self.as_str().to_owned()
            }

            fn choice_msg(value: &str) -> Option<Msg> {
                $name::parse(value).ok().map($name::label_msg)
            }
        }
    };
}

choice! {
    /// The language of the pages and of every mail.
    Language as "language" { En = "en", "English"; De = "de", "Deutsch"; Ar = "ar", "العربية"; } default En
}

impl Language {
    /// Arabic is written right to left.
    pub fn dir(self) -> &'static str {
        match self {
            Language::Ar => "rtl",
            Language::En | Language::De => "ltr",
        }
    }
}

choice! {
    /// Light or dark colours, or what the device is set to.
    Theme as "theme" { System = "system", "Follow the system"; Light = "light", "Light"; Dark = "dark", "Dark"; } default System
}

choice! {
    /// For which messages a notification is shown or sent.
    NotifyFor as "notify-for" { All = "all", "All messages"; Mentions = "mentions", "Mentions"; Nothing = "nothing", "Nothing"; } default All
}

choice! {
    /// Mail about messages that arrive while the person is offline.
    EmailNotify as "email-notify" { Mentions = "mentions", "Every Mention/DM"; Nothing = "nothing", "Not Enabled"; } default Mentions
}

choice! {
    /// How times are written everywhere in the app.
    TimeFormat as "time-format" { H24 = "24h", "24 hour clock"; H12 = "12h", "12 hour clock"; } default H24
}

choice! {
    /// What the Enter key does in the composer.
    EnterKey as "enter-key" {
        Normal = "normal", "Normal mode (send with Enter)";
        Alternative = "alternative", "Alternative mode (send with Enter + Ctrl/Alt/Shift/CMD)";
        Desktop = "desktop", "Desktop mode (only sends with Enter on desktop)";
    } default Normal
}

choice! {
    /// How much space a message takes.
    ViewMode as "view-mode" { Normal = "normal", "Normal"; Cozy = "cozy", "Cozy"; Compact = "compact", "Compact"; } default Normal
}

choice! {
    /// A notification sound (short tones the server synthesises, see `Sound::tones`).
    Sound as "sound" {
        Silent = "none", "None";
        Chime = "chime", "Chime";
        Door = "door", "Door";
        Beep = "beep", "Beep";
        Ding = "ding", "Ding";
        Droplet = "droplet", "Droplet";
        Highbell = "highbell", "Highbell";
        Seasons = "seasons", "Seasons";
    } default Chime
}

impl Sound {
    /// The file the server serves for this sound (`None` has none).
    pub fn url(self) -> Option<String> {
        (self != Sound::Silent).then(|| format!("/sounds/{}.wav", self.as_str()))
    }
}

/// A whole number within bounds, as a setting's type.
macro_rules! bounded {
    ($(#[$meta:meta])* $name:ident($int:ty) in $min:literal ..= $max:literal, unit $unit:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "i64", into = "i64")]
        pub struct $name($int);

        impl $name {
            pub const MIN: $int = $min;
            pub const MAX: $int = $max;

            pub fn new(n: i64) -> Result<$name, Msg> {
                if (i64::from(Self::MIN)..=i64::from(Self::MAX)).contains(&n) {
                    Ok($name(n as $int))
                } else {
                    Err(Self::out_of_range())
                }
            }

            /// The refusal of a number out of bounds, or of no number.
            pub fn out_of_range() -> Msg {
                k::pref_error_number_range(Self::MIN, Self::MAX)
            }

            pub fn get(self) -> $int {
                self.0
            }
        }

        impl TryFrom<i64> for $name {
            type Error = String;
            fn try_from(n: i64) -> Result<Self, String> {
                $name::new(n).map_err(|m| crate::error::english(&m))
            }
        }

        impl From<$name> for i64 {
            fn from(n: $name) -> i64 {
                i64::from(n.0)
            }
        }

        impl PrefValue for $name {
            const KIND: Kind = Kind::Number { min: $min, max: $max, unit: $unit };

            fn from_json(v: &Json) -> Result<Self, Msg> {
                // JSON Schema's integers include 30.0.
                let integral = v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1e15).map(|f| f as i64);
                match v.as_i64().or(integral) {
                    Some(n) => $name::new(n),
                    None => Err(Self::out_of_range()),
                }
            }

            fn to_json(&self) -> Json {
                Json::from(self.0)
            }

            fn from_form(raw: &str) -> Result<Self, Msg> {
                match raw.trim().parse::<i64>() {
                    Ok(n) => $name::new(n),
                    Err(_) => Err(Self::out_of_range()),
                }
            }

            fn to_form(&self) -> String {
                self.0.to_string()
            }
        }
    };
}

bounded! {
    /// Seconds without input before the presence turns to away.
    IdleSeconds(u32) in 30 ..= 86400, unit "seconds"
}

bounded! {
    /// The volume of notification sounds, in percent.
    Volume(u32) in 0 ..= 100, unit "%"
}

/// Words that highlight a message (and notify) when anyone writes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct Highlights(Vec<String>);

/// The most words, and the most characters of one.
pub const HIGHLIGHTS_MAX: usize = 50;
pub const HIGHLIGHT_MAX_CHARS: usize = 64;

impl Highlights {
    pub fn words(&self) -> &[String] {
        &self.0
    }

    /// Trimmed, empty ones dropped, the same word (ignoring case) kept once, in the order given.
    /// The limits hold for what was given (as the API's schema declares them), before trimming.
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Result<Highlights, Msg> {
        let mut seen = BTreeSet::new();
        let mut kept = Vec::new();
        let mut given = 0;
        for w in words {
            let w = w.as_ref();
            if w.chars().count() > HIGHLIGHT_MAX_CHARS {
                return Err(k::pref_error_word_too_long(HIGHLIGHT_MAX_CHARS));
            }
            let w = w.trim();
            if w.is_empty() {
                continue;
            }
            given += 1;
            if w.contains(',') {
                return Err(k::pref_error_word_comma());
            }
            if w.chars().any(|c| c.is_control() || crate::profile::is_deceptive(c)) {
                return Err(k::pref_error_word_characters());
            }
            if seen.insert(w.to_lowercase()) {
                kept.push(w.to_owned());
            }
        }
        if given > HIGHLIGHTS_MAX {
            return Err(k::pref_error_too_many_words(HIGHLIGHTS_MAX));
        }
        Ok(Highlights(kept))
    }
}

impl TryFrom<Vec<String>> for Highlights {
    type Error = String;
    fn try_from(v: Vec<String>) -> Result<Self, String> {
        Highlights::new(v).map_err(|m| crate::error::english(&m))
    }
}

impl From<Highlights> for Vec<String> {
    fn from(h: Highlights) -> Vec<String> {
        h.0
    }
}

impl PrefValue for Highlights {
    const KIND: Kind = Kind::Words;

    fn from_json(v: &Json) -> Result<Self, Msg> {
        let words = v.as_array().ok_or_else(k::pref_error_word_list)?;
        if words.len() > HIGHLIGHTS_MAX {
            return Err(k::pref_error_too_many_words(HIGHLIGHTS_MAX));
        }
        let words: Option<Vec<&str>> = words.iter().map(Json::as_str).collect();
        Highlights::new(words.ok_or_else(k::pref_error_word_list)?)
    }

    fn to_json(&self) -> Json {
        Json::from(self.0.clone())
    }

    fn from_form(raw: &str) -> Result<Self, Msg> {
        Highlights::new(raw.split(','))
    }

    fn to_form(&self) -> String {
        self.0.join(", ")
    }
}

/// The table of settings. Each line: key, type, built-in default, label (the seed's words, in
/// English: the catalogue's `pref-setting-<key>` words it in every language).
macro_rules! preferences {
    ($( $section:ident { $( $key:ident : $ty:ty = $default:expr, $label:literal; )+ } )+) => {
        /// Every setting's value in effect.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(default)]
        pub struct Preferences {
            $($( pub $key: $ty, )+)+
        }

        impl Default for Preferences {
            fn default() -> Self {
                Preferences { $($( $key: $default, )+)+ }
            }
        }

        /// A setting: its key is its name on the wire and in storage.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Setting {
            $($( $key, )+)+
        }

        impl Setting {
            pub const ALL: &'static [Setting] = &[$($( Setting::$key, )+)+];

            pub fn key(self) -> &'static str {
                match self { $($( Setting::$key => stringify!($key), )+)+ }
            }

            pub fn section(self) -> Section {
                match self { $($( Setting::$key => Section::$section, )+)+ }
            }

            /// The label in English (the API's documentation; pages show [`Setting::label_msg`]).
            pub fn label(self) -> &'static str {
                match self { $($( Setting::$key => $label, )+)+ }
            }

            pub fn kind(self) -> Kind {
                match self { $($( Setting::$key => <$ty as PrefValue>::KIND, )+)+ }
            }

            /// The label of `value`, one of the setting's choices, to show.
            pub fn choice_msg(self, value: &str) -> Option<Msg> {
                match self { $($( Setting::$key => <$ty as PrefValue>::choice_msg(value), )+)+ }
            }
        }

        impl Preferences {
            /// The value of `s`, as JSON.
            pub fn get(&self, s: Setting) -> Json {
                match s { $($( Setting::$key => self.$key.to_json(), )+)+ }
            }

            /// Sets `s` from JSON, or says why the value is not one.
            pub fn set(&mut self, s: Setting, v: &Json) -> Result<(), Msg> {
                match s { $($( Setting::$key => self.$key = <$ty as PrefValue>::from_json(v)?, )+)+ }
                Ok(())
            }

            /// Sets `s` from what a form sent.
            pub fn set_form(&mut self, s: Setting, raw: &str) -> Result<(), Msg> {
                match s { $($( Setting::$key => self.$key = <$ty as PrefValue>::from_form(raw)?, )+)+ }
                Ok(())
            }

            /// The value of `s` as a form field holds it.
            pub fn form_value(&self, s: Setting) -> String {
                match s { $($( Setting::$key => self.$key.to_form(), )+)+ }
            }

            /// Copies the value of `s` from `other`.
            pub fn take(&mut self, s: Setting, other: &Preferences) {
                match s { $($( Setting::$key => self.$key = other.$key.clone(), )+)+ }
            }

            /// Whether `s` has the same value here and in `other`.
            pub fn same(&self, s: Setting, other: &Preferences) -> bool {
                match s { $($( Setting::$key => self.$key == other.$key, )+)+ }
            }
        }
    };
}

preferences! {
    Localization {
        language: Language = Language::En, "Language";
    }
    Appearance {
        theme: Theme = Theme::System, "Theme";
    }
    Presence {
        enable_auto_away: bool = true, "Enable Auto-Away";
        idle_time_limit: IdleSeconds = IdleSeconds(300), "Idle time limit";
    }
    Notifications {
        desktop_notifications_require_interaction: bool = false, "Require Interaction to Dismiss Desktop Notification";
        desktop_notifications_for: NotifyFor = NotifyFor::All, "Show Desktop Notifications For";
        push_notifications_for: NotifyFor = NotifyFor::All, "Send Push Notifications For";
        offline_email_notifications: EmailNotify = EmailNotify::Mentions, "Offline Email Notifications";
        email_new_sign_ins: bool = true, "Email me about sign-ins from a new device";
    }
    Messages {
        unread_tray_icon_alert: bool = true, "Unread Tray Icon Alert";
        show_thread_messages_in_main_thread: bool = false, "Show thread messages in the main thread";
        time_format: TimeFormat = TimeFormat::H24, "Time Format";
        use_emojis: bool = true, "Use Emojis";
        convert_ascii_to_emoji: bool = true, "Convert ASCII to Emoji";
        auto_load_images: bool = true, "Auto Load Images";
        save_mobile_bandwidth: bool = false, "Save Mobile Bandwidth";
        collapse_embedded_media_by_default: bool = false, "Collapse embedded media by default";
        hide_usernames: bool = false, "Hide usernames";
        hide_roles: bool = false, "Hide roles";
        hide_right_sidebar_with_click: bool = false, "Hide right sidebar with a click";
        display_avatars: bool = true, "Display Avatars";
        enter_key_behavior: EnterKey = EnterKey::Normal, "Enter key behavior";
        view_mode: ViewMode = ViewMode::Normal, "View mode";
    }
    Highlights {
        highlight_words: Highlights = Highlights(Vec::new()), "Highlight words";
    }
    Sound {
        new_room_notification: Sound = Sound::Door, "New Room Notification";
        new_message_notification: Sound = Sound::Chime, "New Message Notification";
        mute_focused_conversations: bool = true, "Mute Focused Conversations";
        notifications_sound_volume: Volume = Volume(100), "Notifications sound volume";
    }
}

/// Characters a highlight word may not hold (the pattern of the API's schema, as
/// [`Highlights::new`] refuses them): commas, control characters, and the invisible or
/// direction-changing ones.
const WORD_PATTERN: &str =
    r"^[^,\u0000-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]*$";

impl Setting {
    pub fn from_key(key: &str) -> Option<Setting> {
        Setting::ALL.iter().copied().find(|s| s.key() == key)
    }

    /// The label, to show in the reader's language (`pref-setting-<key>`).
    pub fn label_msg(self) -> Msg {
        Msg::new(format!("pref-setting-{}", dashed(self.key())))
    }

    /// The JSON Schema of the setting's value (for the OpenAPI document).
    pub fn schema(self) -> Json {
        let mut schema = match self.kind() {
            Kind::Toggle => serde_json::json!({ "type": "boolean" }),
            Kind::Choice(c) => {
                serde_json::json!({ "type": "string", "enum": c.iter().map(|(v, _)| *v).collect::<Vec<_>>() })
            }
            Kind::Number { min, max, .. } => serde_json::json!({ "type": "integer", "minimum": min, "maximum": max }),
            Kind::Words => serde_json::json!({
                "type": "array",
                "maxItems": HIGHLIGHTS_MAX,
                "items": { "type": "string", "maxLength": HIGHLIGHT_MAX_CHARS, "pattern": WORD_PATTERN }
            }),
        };
        schema["description"] = Json::String(self.label().to_owned());
        schema
    }
}

/// The JSON Schema of [`Preferences`]: every setting, each required.
pub fn schema() -> Json {
    let properties: serde_json::Map<String, Json> =
        Setting::ALL.iter().map(|s| (s.key().to_owned(), s.schema())).collect();
    let required: Vec<&str> = Setting::ALL.iter().map(|s| s.key()).collect();
    serde_json::json!({ "type": "object", "properties": properties, "required": required })
}

/// The JSON Schema of a change: any settings, each a value or `null` (back to the default);
/// no other key.
pub fn change_schema() -> Json {
    let properties: serde_json::Map<String, Json> = Setting::ALL
        .iter()
        .map(|s| (s.key().to_owned(), serde_json::json!({ "anyOf": [s.schema(), { "type": "null" }] })))
        .collect();
    serde_json::json!({ "type": "object", "properties": properties, "additionalProperties": false })
}

impl Setting {
    /// A sentence under the control, where the label alone does not say enough (in English:
    /// pages show [`Setting::hint_msg`]).
    pub fn hint(self) -> Option<&'static str> {
        Some(match self {
            Setting::language => "The language of these pages and of the mail Gatehouse sends you.",
            Setting::theme => "Follow the system uses your device's light or dark setting.",
            Setting::enable_auto_away => "Changes your status to away after the idle time below.",
            Setting::idle_time_limit => "How long without keyboard or pointer input before you are away.",
            Setting::desktop_notifications_require_interaction => "Notifications stay until you attend to them.",
            Setting::email_new_sign_ins => {
                "A mail when your account is signed in from a device or browser it was not signed in from before. \
                 Other security mails (password, two-factor, email address, tokens) always go."
            }
            Setting::highlight_words => "Separate words or phrases with commas. A message that has one is highlighted.",
            Setting::notifications_sound_volume => "Applies to every notification sound.",
            _ => return None,
        })
    }

    /// The hint, to show in the reader's language (`pref-help-<key>`).
    pub fn hint_msg(self) -> Option<Msg> {
        self.hint().map(|_| Msg::new(format!("pref-help-{}", dashed(self.key()))))
    }
}

/// Chosen values: a setting and its value, at most once each. What a person chose, what an
/// administrator set as the server's default, and what a save changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choices(Vec<(Setting, Json)>);

impl Choices {
    pub fn iter(&self) -> impl Iterator<Item = &(Setting, Json)> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, s: Setting) -> Option<&Json> {
        self.0.iter().find(|(k, _)| *k == s).map(|(_, v)| v)
    }

    /// Sets (or replaces) the choice for `s`; the value is assumed valid.
    pub fn insert(&mut self, s: Setting, v: Json) {
        self.0.retain(|(k, _)| *k != s);
        self.0.push((s, v));
        self.0.sort_by_key(|(k, _)| *k);
    }

    pub fn remove(&mut self, s: Setting) {
        self.0.retain(|(k, _)| *k != s);
    }

    /// `base` with these choices applied over it. A value that no longer parses is skipped
    /// (and named in the error list), never an error: a bad stored row must not break the page.
    pub fn apply(&self, base: &Preferences) -> (Preferences, Vec<Setting>) {
        let mut p = base.clone();
        let mut bad = Vec::new();
        for (s, v) in &self.0 {
            if p.set(*s, v).is_err() {
                bad.push(*s);
            }
        }
        (p, bad)
    }

    /// Reads stored `(key, JSON text)` pairs; unknown keys (a setting since removed) and
    /// values that do not parse are left out and returned apart.
    pub fn from_stored<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Choices, Vec<String>) {
        Choices::from_values(rows.into_iter().map(|(key, text)| (key, serde_json::from_str::<Json>(text).ok())))
    }

    /// [`Choices::from_stored`] of values already read as JSON (`None`: not JSON at all).
    fn from_values<'a>(rows: impl IntoIterator<Item = (&'a str, Option<Json>)>) -> (Choices, Vec<String>) {
        let mut c = Choices::default();
        let mut skipped = Vec::new();
        let mut scratch = Preferences::default();
        for (key, value) in rows {
            match Setting::from_key(key).zip(value) {
                Some((s, v)) if scratch.set(s, &v).is_ok() => c.insert(s, scratch.get(s)),
                _ => skipped.push(key.to_owned()),
            }
        }
        (c, skipped)
    }

    /// A JSON object of the choices (`{key: value}`), as the settings table keeps the
    /// server's defaults.
    pub fn to_object(&self) -> serde_json::Map<String, Json> {
        self.0.iter().map(|(s, v)| (s.key().to_owned(), v.clone())).collect()
    }
}

impl Serialize for Choices {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_object().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Choices {
    /// Leniently: unknown keys and bad values are dropped (stored defaults outlive settings).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = serde_json::Map::<String, Json>::deserialize(d)?;
        Ok(Choices::from_values(map.iter().map(|(k, v)| (k.as_str(), Some(v.clone())))).0)
    }
}

/// What a save asks: new values, and settings to return to the default (`null` on the wire).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    pub set: Choices,
    pub reset: BTreeSet<Setting>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.reset.is_empty()
    }

    /// Parses a JSON object (`PATCH /api/v1/me/preferences`): every key must be a setting,
    /// every value valid for it or `null` (back to the default). All problems are reported at
    /// once, each under its key.
    pub fn from_json(body: &serde_json::Map<String, Json>) -> Result<Change, crate::AppError> {
        let mut p = crate::Problems::default();
        let mut change = Change::default();
        let mut scratch = Preferences::default();
        for (key, v) in body {
            let Some(s) = Setting::from_key(key) else {
                p.add(key, k::pref_error_unknown_setting());
                continue;
            };
            if v.is_null() {
                change.reset.insert(s);
            } else if let Some(()) = p.check(key, scratch.set(s, v)) {
                // Normalised: the words trimmed and de-duplicated.
                change.set.insert(s, scratch.get(s));
            }
        }
        p.into_result()?;
        Ok(change)
    }

    /// Parses a form's `(key, text)` pairs. `default` as a value returns the setting to the
    /// default; a checkbox that was not sent is off only when `whole_form` (a form posted
    /// without the page's script sends every field, the script only what changed).
    pub fn from_form<'a>(
        fields: impl IntoIterator<Item = (&'a str, &'a str)>,
        whole_form: bool,
    ) -> Result<Change, crate::AppError> {
        let mut p = crate::Problems::default();
        let mut change = Change::default();
        let mut scratch = Preferences::default();
        let mut sent = BTreeSet::new();
        for (key, raw) in fields {
            let Some(s) = Setting::from_key(key) else {
                p.add(key, k::pref_error_unknown_setting());
                continue;
            };
            sent.insert(s);
            if raw == "default" && !matches!(s.kind(), Kind::Words) {
                change.reset.insert(s);
            } else if let Some(()) = p.check(key, scratch.set_form(s, raw)) {
                change.set.insert(s, scratch.get(s));
            }
        }
        if whole_form {
            for s in Setting::ALL.iter().copied().filter(|s| s.kind() == Kind::Toggle && !sent.contains(s)) {
                change.set.insert(s, Json::Bool(false));
            }
        }
        p.into_result()?;
        Ok(change)
    }

    /// As a JSON object: the new values, and `null` for each reset.
    pub fn to_object(&self) -> serde_json::Map<String, Json> {
        let mut m = self.set.to_object();
        for s in &self.reset {
            m.insert(s.key().to_owned(), Json::Null);
        }
        m
    }
}

/// A person's preferences as the page and the API show them: the values in effect, the
/// server's defaults, and which settings the person chose (the others follow the defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreferencesView {
    pub values: Preferences,
    pub defaults: Preferences,
    pub chosen: BTreeSet<Setting>,
    /// Offline email notifications need a verified address (seed 003).
    pub email_verified: bool,
}

/// The settings every page applies, whoever is signed in (or the browser's, signed out).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Display {
    pub language: Language,
    pub theme: Theme,
    pub time_format: TimeFormat,
}

impl Display {
    pub fn of(p: &Preferences) -> Display {
        Display { language: p.language, theme: p.theme, time_format: p.time_format }
    }

    /// As a cookie's value (`en.system.24h`), for the pages before sign-in.
    pub fn to_cookie(self) -> String {
        format!("{}.{}.{}", self.language.as_str(), self.theme.as_str(), self.time_format.as_str())
    }

    /// A cookie's value; a part that does not parse keeps its default.
    pub fn from_cookie(v: &str) -> Display {
        let mut parts = v.split('.');
        let mut d = Display::default();
        if let Some(l) = parts.next().and_then(|p| Language::parse(p).ok()) {
            d.language = l;
        }
        if let Some(t) = parts.next().and_then(|p| Theme::parse(p).ok()) {
            d.theme = t;
        }
        if let Some(f) = parts.next().and_then(|p| TimeFormat::parse(p).ok()) {
            d.time_format = f;
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_setting_has_a_unique_key_and_round_trips_its_default() {
        let d = Preferences::default();
        let mut keys = BTreeSet::new();
        for &s in Setting::ALL {
            assert!(keys.insert(s.key()), "{s:?} twice");
            assert_eq!(Setting::from_key(s.key()), Some(s));
            let mut p = Preferences::default();
            p.set(s, &d.get(s)).unwrap();
            p.set_form(s, &d.form_value(s)).unwrap();
            assert_eq!(p, d, "{s:?}");
            let mut other = Preferences { theme: Theme::Dark, view_mode: ViewMode::Compact, ..Preferences::default() };
            other.highlight_words = Highlights::new(["x"]).unwrap();
            other.idle_time_limit = IdleSeconds::new(31).unwrap();
            other.use_emojis = false;
            let differs = !other.same(s, &d);
            p.take(s, &other);
            assert!(p.same(s, &other), "{s:?} taken");
            assert_eq!(p == d, !differs, "{s:?}");
        }
        // The struct's JSON has exactly the settings' keys.
        let v = serde_json::to_value(&d).unwrap();
        let fields: BTreeSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(fields, keys);
        for section in Section::ALL {
            assert!(section.settings().next().is_some(), "{section:?} is empty");
            assert_eq!(Section::parse(section.as_str()), Some(section));
        }
    }

    #[test]
    fn values_out_of_range_or_of_the_wrong_type_are_refused_with_a_message() {
        let mut p = Preferences::default();
        assert_eq!(p.set(Setting::idle_time_limit, &json!(29)), Err(k::pref_error_number_range(30, 86400)));
        assert!(p.set(Setting::idle_time_limit, &json!(86401)).is_err());
        assert!(p.set(Setting::idle_time_limit, &json!(60.5)).is_err());
        assert!(p.set(Setting::idle_time_limit, &json!("60")).is_err());
        p.set(Setting::idle_time_limit, &json!(30)).unwrap();
        assert_eq!(p.idle_time_limit.get(), 30);
        assert!(p.set(Setting::notifications_sound_volume, &json!(-1)).is_err());
        assert!(p.set(Setting::notifications_sound_volume, &json!(101)).is_err());
        assert!(p.set_form(Setting::notifications_sound_volume, "abc").is_err());
        assert!(p.set(Setting::use_emojis, &json!("true")).is_err(), "JSON booleans are booleans");
        p.set_form(Setting::use_emojis, "on").unwrap();
        assert!(p.set(Setting::view_mode, &json!("Cozy")).is_err(), "values are exact");
        p.set(Setting::view_mode, &json!("cozy")).unwrap();
        assert_eq!(p.view_mode, ViewMode::Cozy);
        assert!(p.set(Setting::language, &json!("fr")).is_err());
        // Unchanged by the refusals.
        assert_eq!(p.idle_time_limit.get(), 30);
    }

    #[test]
    fn highlight_words_are_trimmed_de_duplicated_and_bounded() {
        let h = Highlights::from_form(" urgent, Release ,urgent,, URGENT , release notes ").unwrap();
        assert_eq!(h.words(), ["urgent", "Release", "release notes"]);
        assert_eq!(h.to_form(), "urgent, Release, release notes");
        assert!(Highlights::from_form(&"x".repeat(HIGHLIGHT_MAX_CHARS + 1)).is_err());
        assert!(Highlights::from_form(&"é".repeat(HIGHLIGHT_MAX_CHARS)).is_ok(), "characters, not bytes");
        let many: Vec<String> = (0..=HIGHLIGHTS_MAX).map(|i| format!("w{i}")).collect();
        assert!(Highlights::new(&many).is_err());
        assert!(Highlights::new(&many[..HIGHLIGHTS_MAX]).is_ok());
        assert!(Highlights::from_json(&json!(["a,b"])).is_err());
        assert!(Highlights::from_json(&json!(["a\u{202E}b"])).is_err());
        assert!(Highlights::from_json(&json!([1])).is_err());
        assert_eq!(Highlights::from_json(&json!([" a ", "A"])).unwrap().words(), ["a"]);
    }

    #[test]
    fn a_json_change_reports_every_problem_under_its_key() {
        let body = json!({"theme": "dark", "nope": 1, "idle_time_limit": 5, "view_mode": null});
        let err = Change::from_json(body.as_object().unwrap()).unwrap_err();
        assert_eq!(err.field_msgs("nope"), [k::pref_error_unknown_setting()]);
        assert_eq!(err.field_msgs("idle_time_limit"), [IdleSeconds::out_of_range()]);
        assert_eq!(err.status(), 422);
        let ok = json!({"theme": "dark", "view_mode": null, "highlight_words": [" a", "a "]});
        let c = Change::from_json(ok.as_object().unwrap()).unwrap();
        assert_eq!(c.set.get(Setting::theme), Some(&json!("dark")));
        assert_eq!(c.set.get(Setting::highlight_words), Some(&json!(["a"])), "normalised");
        assert!(c.reset.contains(&Setting::view_mode));
        assert_eq!(Change::from_json(&c.to_object()).unwrap(), c);
    }

    #[test]
    fn a_whole_form_turns_unsent_checkboxes_off_and_default_resets() {
        let c =
            Change::from_form([("theme", "dark"), ("use_emojis", "on"), ("push_notifications_for", "default")], true)
                .unwrap();
        assert_eq!(c.set.get(Setting::use_emojis), Some(&json!(true)));
        assert_eq!(c.set.get(Setting::hide_roles), Some(&json!(false)), "an unticked box is not sent");
        assert!(c.reset.contains(&Setting::push_notifications_for));
        let partial = Change::from_form([("hide_roles", "true")], false).unwrap();
        assert_eq!(partial.set.iter().count(), 1, "the script sends only what changed");
        assert!(Change::from_form([("volume", "3")], false).is_err());
    }

    #[test]
    fn stored_choices_skip_unknown_keys_and_bad_values() {
        let (c, skipped) = Choices::from_stored([
            ("theme", "\"dark\""),
            ("gone_setting", "true"),
            ("idle_time_limit", "1"),
            ("use_emojis", "not json"),
        ]);
        assert_eq!(c.get(Setting::theme), Some(&json!("dark")));
        assert_eq!(c.iter().count(), 1);
        assert_eq!(skipped, ["gone_setting", "idle_time_limit", "use_emojis"]);
        let (p, bad) = c.apply(&Preferences::default());
        assert_eq!((p.theme, bad), (Theme::Dark, vec![]));
        let round: Choices = serde_json::from_value(serde_json::to_value(&c).unwrap()).unwrap();
        assert_eq!(round, c);
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        assert_eq!(Highlights::from_form(&"x".repeat(65)), Err(k::pref_error_word_too_long(HIGHLIGHT_MAX_CHARS)));
        assert_eq!(Highlights::from_json(&json!("a")), Err(k::pref_error_word_list()));
        assert_eq!(Theme::parse("Dark").map_err(|m| m.id), Err("pref-error-choice-theme".into()));
        assert_eq!(Setting::view_mode.choice_msg("cozy"), Some(Msg::new("pref-choice-view-mode-cozy")));
        assert_eq!(Setting::view_mode.choice_msg("roomy"), None);
        assert_eq!(Setting::use_emojis.choice_msg("true"), None, "a toggle has no choices");
        assert_eq!(Setting::enable_auto_away.label_msg(), Msg::new("pref-setting-enable-auto-away"));
        assert_eq!(Setting::hide_roles.hint_msg(), None);
    }

    /// Every text of the table has its message in every language, and the English catalogue
    /// says exactly what the table does (the API's documentation and the pages never drift).
    #[cfg(feature = "english")]
    #[test]
    fn every_label_hint_and_choice_is_in_every_catalogue_and_english_says_the_table() {
        let mut texts: Vec<(Msg, String)> = Vec::new();
        for section in Section::ALL {
            texts.push((section.title_msg(), section.title().to_owned()));
        }
        for &s in Setting::ALL {
            texts.push((s.label_msg(), s.label().to_owned()));
            if let Some(hint) = s.hint() {
                texts.push((s.hint_msg().unwrap(), hint.to_owned()));
            }
            if let Kind::Choice(options) = s.kind() {
                for (value, label) in options {
                    let msg = s.choice_msg(value).unwrap_or_else(|| panic!("{s:?}: no message for {value}"));
                    texts.push((msg, (*label).to_owned()));
                }
                // A value that is none of them is refused with the list of the labels.
                let refusal = Preferences::default().set_form(s, "no such value").unwrap_err();
                let labels: Vec<&str> = options.iter().map(|(_, label)| *label).collect();
                texts.push((refusal, format!("Choose one of: {}.", labels.join(", "))));
            }
        }
        for lang in ["en", "de", "ar"] {
            let c = i18n::catalogue(lang);
            assert_eq!(c.lang(), lang);
            for (msg, _) in &texts {
                assert!(c.has(&msg.id), "{lang} lacks {}", msg.id);
            }
        }
        let en = i18n::catalogue("en");
        for (msg, english) in &texts {
            assert_eq!(&en.format(msg), english, "{}", msg.id);
        }
        // Languages are named in their own language, whatever the page's.
        for &l in Language::ALL {
            for lang in ["en", "de", "ar"] {
                assert_eq!(i18n::catalogue(lang).format(&l.label_msg()), l.label(), "{l:?} in {lang}");
            }
        }
        // The refusals the parse words itself.
        assert_eq!(en.format(&IdleSeconds::out_of_range()), "Enter a whole number from 30 to 86400.");
        let long = Highlights::new([&"x".repeat(HIGHLIGHT_MAX_CHARS + 1)]).unwrap_err();
        assert_eq!(en.format(&long), "Use at most 64 characters per word or phrase.");
        let many = vec!["w"; HIGHLIGHTS_MAX + 1];
        assert_eq!(en.format(&Highlights::from_json(&json!(many)).unwrap_err()), "Use at most 50 words or phrases.");
        let err = serde_json::from_value::<Preferences>(json!({"idle_time_limit": 1})).unwrap_err();
        assert!(err.to_string().contains("Enter a whole number from 30 to 86400."), "{err}");
    }

    #[test]
    fn the_display_cookie_round_trips_and_tolerates_garbage() {
        let d = Display { language: Language::Ar, theme: Theme::Dark, time_format: TimeFormat::H12 };
        assert_eq!(Display::from_cookie(&d.to_cookie()), d);
        assert_eq!(Display::from_cookie("xx.dark"), Display { theme: Theme::Dark, ..Display::default() });
        assert_eq!(Display::from_cookie(""), Display::default());
        assert_eq!(Language::Ar.dir(), "rtl");
    }
}
