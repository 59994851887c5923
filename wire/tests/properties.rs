//! Property tests of the parsers every input goes through (proptest): whatever comes in, they
//! never panic, and what they accept has the shape the rest of the code relies on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should panic

use proptest::prelude::*;
use wire::{
    account::{DisplayName, Email, Username},
    password::{
        PasswordPolicy, Personal, Violation, HISTORY_CEILING, MAX_LENGTH_CEILING, MAX_LENGTH_FLOOR, MIN_LENGTH_FLOOR,
    },
    two_factor::Method,
};

/// Any text, with the characters that make parsers trip over-represented.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[ -~]{0,300}", "[a-zA-Z0-9@.<>\"' _\\-\t\n\u{0}\u{85}\u{a0}\u{200b}é]{0,80}",]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn an_accepted_address_is_a_bare_short_normal_form(raw in text()) {
        if let Ok(e) = Email::parse(&raw) {
            let s = e.as_str();
            prop_assert!(s.len() <= 254);
            prop_assert_eq!(s, s.to_lowercase());
            prop_assert!(!s.chars().any(|c| c.is_whitespace() || c.is_control()));
            // No display name, quotes, brackets or second address: what is stored is where mail goes.
            prop_assert!(!s.contains(['<', '>', '"', ',', ';', '(', ')', '[', ']', '\\', ' ']));
            prop_assert_eq!(s.matches('@').count(), 1);
            prop_assert_eq!(Email::parse(s).unwrap(), e.clone(), "parsing is idempotent");
        }
    }

    #[test]
    fn ordinary_addresses_are_accepted(local in "[a-z0-9][a-z0-9._+-]{0,30}[a-z0-9]", domain in "[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?\\.[a-z]{2,10}") {
        prop_assume!(!local.contains(".."));
        let raw = format!("  {}@{}  ", local.to_uppercase(), domain);
        let parsed = Email::parse(&raw).unwrap();
        prop_assert_eq!(parsed.as_str(), format!("{local}@{domain}"));
    }

    #[test]
    fn an_accepted_username_has_the_documented_shape(raw in text()) {
        if let Ok(u) = Username::parse(&raw) {
            let d = u.display();
            prop_assert!((3..=32).contains(&d.chars().count()));
            prop_assert!(d.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')));
            prop_assert!(d.starts_with(|c: char| c.is_ascii_alphanumeric()));
            prop_assert_eq!(u.canonical(), d.to_ascii_lowercase());
            prop_assert_eq!(Username::parse(d).unwrap(), u.clone());
        }
    }

    #[test]
    fn an_accepted_name_is_trimmed_short_and_printable(raw in text()) {
        if let Ok(n) = DisplayName::parse(&raw) {
            let s = n.as_str();
            prop_assert!(!s.is_empty() && s.chars().count() <= 100);
            prop_assert_eq!(s, s.trim());
            prop_assert!(!s.chars().any(char::is_control));
        }
    }

    #[test]
    fn only_the_three_methods_parse(raw in text()) {
        if let Ok(m) = Method::parse(&raw) {
            prop_assert_eq!(m.as_str(), raw.trim());
        }
    }

    /// For every valid policy and any password, the page's rule marks and the server's check
    /// agree: a password the check accepts shows no broken rule, and each violation is a
    /// rule shown broken.
    #[test]
    fn the_rules_shown_and_the_check_agree(
        min in MIN_LENGTH_FLOOR..40usize,
        extra in 0..100usize,
        classes in any::<[bool; 5]>(),
        history in 0..=HISTORY_CEILING,
        max_repeated in prop_oneof![Just(0usize), 2..10usize],
        password in text(),
    ) {
        let policy = PasswordPolicy {
            min_length: min,
            max_length: (min.max(MAX_LENGTH_FLOOR) + extra).min(MAX_LENGTH_CEILING),
            require_lower: classes[0],
            require_upper: classes[1],
            require_digit: classes[2],
            require_symbol: classes[3],
            forbid_personal: classes[4],
            history,
            max_repeated,
            ..PasswordPolicy::default()
        };
        prop_assert!(policy.problems().is_empty(), "{:?}", policy.problems());
        let personal = Personal::new("ada", "ada@example.test", "Ada Lovelace");
        let broken = policy.check(&password, &personal);
        let shown_broken = policy.evaluate(&password, &personal).into_iter().filter(|r| r.met == Some(false)).count();
        if password.is_empty() {
            prop_assert_eq!(shown_broken, 0, "nothing is marked before typing");
        } else {
            prop_assert_eq!(broken.len(), shown_broken);
        }
        let len = password.chars().count();
        prop_assert_eq!(broken.contains(&Violation::TooShort { min }), len < min);
    }
}
