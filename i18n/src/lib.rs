//! Gatehouse's words in every language.
//!
//! The catalogues are [Project Fluent](https://projectfluent.org) files, `ftl/<language>/*.ftl`,
//! English the source: the build script refuses a catalogue that misses a message of English,
//! has one English does not, or uses a variable English does not pass, and it turns every
//! English message into a function of [`k`] (`sign-in` → `k::sign_in()`), so a key or an
//! argument that does not exist fails the build where it is written. Plurals follow each
//! language's CLDR rules (Arabic has six forms) through Fluent's selectors.
//!
//! A message to show is a [`Msg`]: its id and arguments, language-free, so it can cross the
//! wire (a server error carries one, the page words it) and be formatted by whichever
//! [`Catalogue`] the reader's language has. The server compiles every catalogue in (feature
//! `embedded`); the browser downloads the one of its page (see [`FILES`]).

use std::{borrow::Cow, collections::BTreeMap, fmt};

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/files.rs"));

/// One function per English message: `k::sign_in()`, `k::sessions_count(3)`.
#[allow(non_snake_case, clippy::all)]
pub mod k {
    use super::{Arg, Msg};
    include!(concat!(env!("OUT_DIR"), "/keys.rs"));
}

/// The language pages fall back to, and the one the catalogues are written from.
pub const DEFAULT: &str = "en";

/// An argument of a message: a number (which plurals select on) or a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Int(i64),
    Text(String),
}

macro_rules! int_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_args!(i32, i64, u8, u16, u32, u64, usize);

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

/// A message to show: which one, and its arguments. Language-free until a [`Catalogue`]
/// formats it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub id: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, Arg>,
}

impl Msg {
    /// A message by its id. Prefer the checked functions of [`k`]; this is for them, and for
    /// ids made from data (a setting's key, a choice's value), which tests check one by one.
    pub fn new(id: impl Into<Cow<'static, str>>) -> Msg {
        Msg { id: id.into(), args: BTreeMap::new() }
    }

    pub fn with(mut self, name: &str, value: impl Into<Arg>) -> Msg {
        self.args.insert(name.to_owned(), value.into());
        self
    }
}

/// The messages of one language, ready to format.
pub struct Catalogue {
    lang: &'static str,
    bundle: FluentBundle<FluentResource>,
}

/// A catalogue that does not parse (the build checks the project's own; this is for a
/// downloaded one).
#[derive(Debug)]
pub struct Unreadable(pub String);

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} catalogue does not parse", self.0)
    }
}

impl Catalogue {
    /// The catalogue of `lang` (one of [`FILES`]) from its text.
    pub fn parse(lang: &str, text: String) -> Result<Catalogue, Unreadable> {
        let lang = known(lang).ok_or_else(|| Unreadable(lang.to_owned()))?;
        let id: unic_langid::LanguageIdentifier = lang.parse().map_err(|_| Unreadable(lang.to_owned()))?;
        let resource = FluentResource::try_new(text).map_err(|_| Unreadable(lang.to_owned()))?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Pages isolate what people typed with <bdi> where it matters; Unicode isolation marks
        // in every string would reach attributes, titles and mail subjects too.
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).map_err(|_| Unreadable(lang.to_owned()))?;
        Ok(Catalogue { lang, bundle })
    }

    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// Whether the language is written right to left.
    pub fn dir(&self) -> &'static str {
        dir(self.lang)
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// `msg` in this language. An id the catalogue lacks (possible only for ids made from
    /// data) comes out as the id itself, for a test to catch.
    pub fn format(&self, msg: &Msg) -> String {
        let Some(pattern) = self.bundle.get_message(&msg.id).and_then(|m| m.value()) else {
            return msg.id.to_string();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &msg.args {
            match value {
                Arg::Int(n) => args.set(name.as_str(), FluentValue::from(*n)),
                Arg::Text(s) => args.set(name.as_str(), FluentValue::from(s.as_str())),
            }
        }
        let mut errors = Vec::new();
        self.bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned()
    }
}

/// The language's code as [`FILES`] has it, if Gatehouse speaks it.
pub fn known(lang: &str) -> Option<&'static str> {
    FILES.iter().map(|(code, _)| *code).find(|code| code.eq_ignore_ascii_case(lang))
}

/// The name of the catalogue file of `lang` (`de.0123456789abcdef.ftl`), cacheable for ever.
pub fn file_name(lang: &str) -> Option<&'static str> {
    FILES.iter().find(|(code, _)| *code == lang).map(|(_, name)| *name)
}

/// The language a file name (as [`file_name`] makes them) is of.
pub fn lang_of_file(name: &str) -> Option<&'static str> {
    FILES.iter().find(|(_, n)| *n == name).map(|(code, _)| *code)
}

/// `rtl` for languages written right to left, else `ltr`.
pub fn dir(lang: &str) -> &'static str {
    match lang {
        "ar" | "fa" | "he" | "ur" => "rtl",
        _ => "ltr",
    }
}

/// The language to answer an `Accept-Language` header with: the most wanted one Gatehouse
/// speaks (by quality, then order; `de-CH` is German), if any.
pub fn negotiate(accept_language: &str) -> Option<&'static str> {
    let mut best: Option<(u16, &'static str)> = None;
    for item in accept_language.split(',').take(32) {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let quality = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map(|q| q.trim().parse::<f32>().map_or(0, |q| (q.clamp(0.0, 1.0) * 1000.0) as u16))
            .unwrap_or(1000);
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        let Some(lang) = known(primary) else { continue };
        if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

#[cfg(feature = "embedded")]
mod embedded {
    use std::sync::OnceLock;

    use super::{Catalogue, FILES, SOURCES};

    /// Every language's catalogue, parsed once.
    fn all() -> &'static [Catalogue] {
        static ALL: OnceLock<Vec<Catalogue>> = OnceLock::new();
        ALL.get_or_init(|| {
            FILES
                .iter()
                .zip(SOURCES)
                .filter_map(|((code, _), text)| Catalogue::parse(code, (*text).to_owned()).ok())
                .collect()
        })
    }

    /// The catalogue of `lang`, English for a language Gatehouse does not speak.
    pub fn catalogue(lang: &str) -> &'static Catalogue {
        let all = all();
        all.iter()
            .find(|c| c.lang() == lang)
            .or_else(|| all.iter().find(|c| c.lang() == super::DEFAULT))
            .unwrap_or_else(|| unreachable_catalogue())
    }

    #[allow(clippy::panic)]
    fn unreachable_catalogue() -> ! {
        // The build checked that English parses; not reaching it is a broken build.
        panic!("the English catalogue is missing from the build")
    }

    /// The text of `lang`'s catalogue, as served to browsers.
    pub fn source(lang: &str) -> Option<&'static str> {
        FILES.iter().zip(SOURCES).find(|((code, _), _)| *code == lang).map(|(_, text)| *text)
    }
}

#[cfg(feature = "embedded")]
pub use embedded::{catalogue, source};

/// The build script's checks, tested here (the build runs them on the project's catalogues).
#[cfg(test)]
#[path = "../check.rs"]
mod check;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_most_wanted_known_language() {
        assert_eq!(negotiate("de-CH,de;q=0.9,en;q=0.8"), Some("de"));
        assert_eq!(negotiate("fr-FR,fr;q=0.9,ar;q=0.5,en;q=0.4"), Some("ar"));
        assert_eq!(negotiate("en;q=0.2, de;q=0.7"), Some("de"));
        assert_eq!(negotiate("fr, ja"), None);
        assert_eq!(negotiate("de;q=0, en"), Some("en"));
        assert_eq!(negotiate(""), None);
        assert_eq!(negotiate("*"), None);
    }

    #[test]
    fn every_language_has_a_content_named_file() {
        for (code, name) in FILES {
            assert!(name.starts_with(&format!("{code}.")) && name.ends_with(".ftl"), "{name}");
            assert_eq!(lang_of_file(name), Some(*code));
        }
        assert!(known(DEFAULT).is_some());
        assert_eq!(dir("ar"), "rtl");
        assert_eq!(dir("de"), "ltr");
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn plurals_follow_each_language() {
        let one = k::common_minutes(1);
        let many = k::common_minutes(5);
        assert_eq!(catalogue("en").format(&one), "1 minute");
        assert_eq!(catalogue("en").format(&many), "5 minutes");
        assert_eq!(catalogue("de").format(&many), "5 Minuten");
        // Arabic: 1, 2, 3–10 and 11+ take different forms.
        let ar = catalogue("ar");
        let forms: Vec<String> = [1, 2, 5, 11].iter().map(|n| ar.format(&k::common_minutes(*n))).collect();
        let distinct: std::collections::BTreeSet<&String> = forms.iter().collect();
        assert_eq!(distinct.len(), 4, "{forms:?}");
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn every_catalogue_parses_and_a_data_made_id_falls_back_to_itself() {
        for (code, _) in FILES {
            assert_eq!(catalogue(code).lang(), *code);
        }
        assert_eq!(catalogue("xx").lang(), DEFAULT);
        assert_eq!(catalogue("en").format(&Msg::new("no-such-message")), "no-such-message");
    }

    #[test]
    fn a_message_crosses_the_wire_as_id_and_arguments() {
        let m = Msg::new("x").with("count", 3).with("name", "Ada");
        let json = serde_json::to_string(&m).unwrap_or_default();
        assert_eq!(json, r#"{"id":"x","args":{"count":3,"name":"Ada"}}"#);
        assert_eq!(serde_json::from_str::<Msg>(&json).ok(), Some(m));
    }

    fn language(code: &str, files: &[(&str, &str)]) -> (check::Language, Vec<String>) {
        let mut problems = Vec::new();
        let mut l = check::Language::new(code);
        for (name, source) in files {
            l.add_file(name, source, &mut problems);
        }
        (l, problems)
    }

    #[test]
    fn the_build_refuses_a_missing_extra_or_misspelt_message_and_an_unknown_variable() {
        let (en, problems) = language(
            "en",
            &[(
                "en/a.ftl",
                "a-hello = Hello, { $name }\na-count = { $count ->\n    [one] one\n   *[other] { $count }\n}\n",
            )],
        );
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(en.messages["a-hello"], vec!["name".to_owned()]);

        let (de, _) = language("de", &[("de/a.ftl", "a-hello = Hallo, { $nme }\na-extra = Mehr\n")]);
        let mut problems = Vec::new();
        check::compare(&en, &de, &mut problems);
        assert_eq!(
            problems,
            vec![
                "de: `a-count` is missing (English has it)".to_owned(),
                "de: `a-hello` uses $nme, which English does not pass".to_owned(),
                "de: `a-extra` is not an English message (removed or misspelt?)".to_owned(),
            ]
        );

        // A language may leave a variable out (a plural form that spells the number).
        let (ar, _) = language("ar", &[("ar/a.ftl", "a-hello = مرحبًا\na-count = { $count ->\n   *[other] كثير\n}\n")]);
        let mut problems = Vec::new();
        check::compare(&en, &ar, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn the_build_refuses_a_file_that_does_not_parse_a_duplicate_and_attributes() {
        let (_, problems) =
            language("en", &[("en/a.ftl", "a-one = One\n"), ("en/b.ftl", "a-one = Again\nb-bad = { $x\n")]);
        assert!(problems.iter().any(|p| p == "en/b.ftl: `a-one` is defined already in en/a.ftl"), "{problems:?}");
        assert!(problems.iter().any(|p| p.starts_with("en/b.ftl")), "{problems:?}");
        let (_, problems) = language("en", &[("en/a.ftl", "a-x = X\n    .title = T\n")]);
        assert_eq!(problems, vec!["en/a.ftl: `a-x` has attributes: make each its own message".to_owned()]);
    }
}
