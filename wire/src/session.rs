//! What the browser sees of a session.

use i18n::{k, Msg};
use serde::{Deserialize, Serialize};

/// [`SessionView::browser`] of a session whose client sent no `User-Agent`.
pub const UNKNOWN_CLIENT: &str = "Unknown client";
/// [`SessionView::browser`] of a session whose client is none of the browsers Gatehouse names.
pub const OTHER_CLIENT: &str = "Other client";
/// [`SessionView::os`] of a session whose system Gatehouse does not name.
pub const UNKNOWN_SYSTEM: &str = "unknown system";

/// One signed-in place, for the Security page. Holds no token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionView {
    pub id: String,
    /// The browser's name (`Firefox`), or `Unknown client` / `Other client`.
    pub browser: String,
    /// The system's name (`Linux`), or `unknown system`.
    pub os: String,
    pub ip: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// The session of the browser asking.
    pub current: bool,
}

/// A browser's name as a page shows it: `None` for a product's name, shown as it is; the words
/// of an unnamed client, to word in the reader's language.
pub fn browser_msg(browser: &str) -> Option<Msg> {
    match browser {
        UNKNOWN_CLIENT => Some(k::error_session_unknown_client()),
        OTHER_CLIENT => Some(k::error_session_other_client()),
        _ => None,
    }
}

/// A system's name as a page shows it: `None` for a product's name, shown as it is.
pub fn os_msg(os: &str) -> Option<Msg> {
    (os == UNKNOWN_SYSTEM).then(k::error_session_unknown_system)
}

impl SessionView {
    /// The browser's name as a page shows it ([`browser_msg`]).
    pub fn browser_msg(&self) -> Option<Msg> {
        browser_msg(&self.browser)
    }

    /// The system's name as a page shows it ([`os_msg`]).
    pub fn os_msg(&self) -> Option<Msg> {
        os_msg(&self.os)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnamed_clients_and_systems_are_worded_by_the_page() {
        let view = |browser: &str, os: &str| SessionView {
            id: String::new(),
            browser: browser.into(),
            os: os.into(),
            ip: String::new(),
            created_at: 0,
            last_seen_at: 0,
            current: false,
        };
        assert_eq!(view("Firefox", "Linux").browser_msg(), None);
        assert_eq!(view("Firefox", "Linux").os_msg(), None);
        assert_eq!(view(OTHER_CLIENT, UNKNOWN_SYSTEM).browser_msg(), Some(k::error_session_other_client()));
        assert_eq!(view(UNKNOWN_CLIENT, UNKNOWN_SYSTEM).browser_msg(), Some(k::error_session_unknown_client()));
        assert_eq!(view(UNKNOWN_CLIENT, UNKNOWN_SYSTEM).os_msg(), Some(k::error_session_unknown_system()));
    }

    /// The API's English names are the English catalogue's.
    #[cfg(feature = "english")]
    #[test]
    fn the_names_are_the_english_words() {
        let en = i18n::catalogue("en");
        assert_eq!(en.format(&k::error_session_unknown_client()), UNKNOWN_CLIENT);
        assert_eq!(en.format(&k::error_session_other_client()), OTHER_CLIENT);
        assert_eq!(en.format(&k::error_session_unknown_system()), UNKNOWN_SYSTEM);
    }
}
