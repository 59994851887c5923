//! The profile's own fields beside name and username: the status (a colour and a message, as
//! in Rocket.Chat), a nickname and a bio. Plain text everywhere: pages render them as text
//! nodes, never as HTML or Markdown.

use i18n::{k, Msg};
use serde::{Deserialize, Serialize};

/// The most characters of each field, shown beside it as it is typed.
pub const NICKNAME_MAX: usize = 64;
pub const STATUS_TEXT_MAX: usize = 120;
pub const BIO_MAX: usize = 260;

/// The status a person sets, shown as the colour of their avatar's dot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Online,
    Away,
    Busy,
    Offline,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Online, Status::Away, Status::Busy, Status::Offline];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Online => "online",
            Status::Away => "away",
            Status::Busy => "busy",
            Status::Offline => "offline",
        }
    }

    /// The status's name, to word in the reader's language.
    pub fn label(self) -> Msg {
        match self {
            Status::Online => k::error_status_online(),
            Status::Away => k::error_status_away(),
            Status::Busy => k::error_status_busy(),
            Status::Offline => k::error_status_offline(),
        }
    }

    pub fn parse(s: &str) -> Result<Status, Msg> {
        Status::ALL.into_iter().find(|st| st.as_str() == s).ok_or_else(k::error_status_choose)
    }
}

/// Characters that reorder or hide text around them (bidirectional overrides and isolates,
/// zero-width spaces and marks): a name shown to others could pretend to be another. The
/// zero-width joiner and non-joiner stay (emoji sequences, Persian).
pub(crate) fn is_deceptive(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// One line of at most `max` characters, trimmed; empty clears the field.
fn line(raw: &str, max: usize) -> Result<String, Msg> {
    if raw.chars().count() > max {
        return Err(k::error_too_long(max));
    }
    if raw.chars().any(char::is_control) {
        return Err(k::error_one_line());
    }
    if raw.chars().any(is_deceptive) {
        return Err(k::error_deceptive_characters());
    }
    Ok(raw.trim().to_owned())
}

pub fn nickname(raw: &str) -> Result<String, Msg> {
    line(raw, NICKNAME_MAX)
}

pub fn status_text(raw: &str) -> Result<String, Msg> {
    line(raw, STATUS_TEXT_MAX)
}

/// Several lines of at most [`BIO_MAX`] characters (line ends as `\n`), trimmed; tabs and line
/// ends are the only control characters kept.
pub fn bio(raw: &str) -> Result<String, Msg> {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    if text.chars().count() > BIO_MAX {
        return Err(k::error_too_long(BIO_MAX));
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(k::error_control_characters());
    }
    if text.chars().any(is_deceptive) {
        return Err(k::error_deceptive_characters());
    }
    Ok(text.trim().to_owned())
}

/// How many characters a field holds as the server counts them (line ends as one).
pub fn count(raw: &str) -> usize {
    raw.replace("\r\n", "\n").chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_unknown_ones_are_refused() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Ok(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
        }
        assert!(Status::parse("Online").is_err());
        assert_eq!(Status::parse("invisible"), Err(k::error_status_choose()));
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        assert_eq!(nickname(&"é".repeat(NICKNAME_MAX)).unwrap().chars().count(), NICKNAME_MAX);
        assert!(nickname(&"é".repeat(NICKNAME_MAX + 1)).is_err());
        assert!(status_text(&"x".repeat(STATUS_TEXT_MAX + 1)).is_err());
        assert_eq!(status_text("  In a meeting  ").unwrap(), "In a meeting");
        assert_eq!(nickname("").unwrap(), "");
        assert!(nickname("a\nb").is_err());
        assert_eq!(status_text("tab\there"), Err(k::error_one_line()));
        assert_eq!(nickname(&"x".repeat(NICKNAME_MAX + 1)), Err(k::error_too_long(NICKNAME_MAX)));
        for spoof in ["admin\u{202E}nimda", "a\u{200B}b", "\u{2066}x\u{2069}", "\u{FEFF}x"] {
            assert!(nickname(spoof).is_err() && bio(spoof).is_err(), "{spoof:?}");
        }
        assert!(nickname("👨\u{200D}👩\u{200D}👧").is_ok(), "emoji sequences keep their joiners");
    }

    #[test]
    fn bios_keep_lines_and_count_crlf_once() {
        let typed = format!("{}\r\n{}", "a".repeat(100), "b".repeat(BIO_MAX - 101));
        assert_eq!(count(&typed), BIO_MAX);
        assert_eq!(bio(&typed).unwrap(), typed.replace("\r\n", "\n"));
        assert!(bio(&format!("{typed}c")).is_err());
        assert_eq!(bio(" <b>bold</b>\n\tsecond ").unwrap(), "<b>bold</b>\n\tsecond");
        assert_eq!(bio("bell\u{7}"), Err(k::error_control_characters()));
        assert_eq!(bio("a\u{202E}b"), Err(k::error_deceptive_characters()));
    }
}
