//! The page's words: every text a page shows comes from the catalogue of the reader's
//! language (crate `i18n`), through [`t!`](crate::t) and [`t`].
//!
//! On the server the catalogue is the request's (`Words` in the render's context, chosen by
//! `server::words_for`); in the browser it is the one file of the page's language, downloaded
//! before hydration ([`install`]). A page never switches language in place: a new language is a
//! new page load, so texts are plain strings, not signals.

pub use i18n::{k, Arg, Msg};

/// `t!(key)` or `t!(key, arg, …)`: the message `key` (its `-` written `_`) of the reader's
/// language, the arguments in the order the English message first uses them. A key that is not
/// in the English catalogue, or a wrong number of arguments, does not compile.
#[macro_export]
macro_rules! t {
    ($key:ident $(, $arg:expr)* $(,)?) => {
        $crate::words::t(::i18n::k::$key($($arg),*))
    };
}

/// `msg` in the reader's language.
pub fn t(msg: Msg) -> String {
    with(|c| c.format(&msg))
}

/// A message that came as data (a server error's code, a setting's label).
pub fn tm(msg: &Msg) -> String {
    with(|c| c.format(msg))
}

/// The reader's catalogue has the message `id` (one named by data: an audit event's).
pub fn has(id: &str) -> bool {
    with(|c| c.has(id))
}

/// The page's language (`en`, `de`, `ar`).
pub fn lang() -> &'static str {
    with(|c| c.lang())
}

#[cfg(feature = "ssr")]
mod current {
    use i18n::Catalogue;
    use leptos::prelude::use_context;

    /// The catalogue a server render speaks, in its context.
    #[derive(Clone, Copy)]
    pub struct Words(pub &'static Catalogue);

    pub fn with<R>(f: impl FnOnce(&Catalogue) -> R) -> R {
        match use_context::<Words>() {
            Some(Words(c)) => f(c),
            None => f(i18n::catalogue(i18n::DEFAULT)),
        }
    }
}

#[cfg(not(feature = "ssr"))]
mod current {
    use std::cell::OnceCell;

    use i18n::Catalogue;

    thread_local! {
        static CATALOGUE: OnceCell<Catalogue> = const { OnceCell::new() };
    }

    /// Makes `c` the page's catalogue (once, before hydration).
    pub fn install(c: Catalogue) {
        CATALOGUE.with(|cell| {
            let _ = cell.set(c);
        });
    }

    pub fn with<R>(f: impl FnOnce(&Catalogue) -> R) -> R {
        CATALOGUE.with(|cell| match cell.get() {
            Some(c) => f(c),
            // Not hydrated without a catalogue (frontend::hydrate); only a test gets here.
            None => {
                let empty = Catalogue::parse(i18n::DEFAULT, String::new());
                match empty {
                    Ok(c) => f(&c),
                    Err(_) => unreachable_empty(),
                }
            }
        })
    }

    #[allow(clippy::panic)]
    fn unreachable_empty() -> ! {
        panic!("an empty catalogue always parses")
    }
}

#[cfg(not(feature = "ssr"))]
pub use current::install;
use current::with;
#[cfg(feature = "ssr")]
pub use current::Words;
