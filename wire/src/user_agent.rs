//! A small user-agent reader: names the browser and system of a session (the Security page, the
//! security log, the notices mailed about a change).

use crate::session::{OTHER_CLIENT, UNKNOWN_CLIENT, UNKNOWN_SYSTEM};

/// Browser and operating system named from a `User-Agent`, e.g. ("Firefox", "Linux"); the
/// unnamed ones as [`wire::session`] has them (which pages word in the reader's language).
/// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
pub fn describe_user_agent(ua: &str) -> (String, String) {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name)
    .unwrap_or(if ua.is_empty() { UNKNOWN_CLIENT } else { OTHER_CLIENT });
    let os = [
        ("Windows", "Windows"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Android", "Android"),
        ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name)
    .unwrap_or(UNKNOWN_SYSTEM);
    (browser.to_owned(), os.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_common_browsers_and_systems() {
        let cases = [
            ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", ("Firefox", "Linux")),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0", ("Edge", "Windows")),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", ("Safari", "macOS")),
            ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36", ("Chrome", "Android")),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1", ("Safari", "iOS")),
            ("curl/8.5.0", ("curl", "unknown system")),
            ("", ("Unknown client", "unknown system")),
        ];
        for (ua, (browser, os)) in cases {
            assert_eq!(describe_user_agent(ua), (browser.to_owned(), os.to_owned()), "{ua}");
        }
    }
}
