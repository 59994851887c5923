//! The password policy. The same code checks a password in the browser (as it is typed) and
//! on the server; only the common-password list and the history are server-side (the list
//! would bloat the bundle; the history is a set of hashes).
//!
//! Defaults follow NIST SP 800-63B and ASVS 5.0 §6.2: at least 8 characters, at least 64
//! accepted, no composition rules, no common passwords. An administrator may add rules.

use i18n::{k, Msg};
use serde::{Deserialize, Serialize};

/// Fewest characters a policy may ask for.
pub const MIN_LENGTH_FLOOR: usize = 8;
/// The longest password we accept must be at least this long (ASVS 6.2.9).
pub const MAX_LENGTH_FLOOR: usize = 64;
/// The longest a policy may allow (argon2 hashes anything, but a bound stops abuse).
pub const MAX_LENGTH_CEILING: usize = 1024;
/// Most previous passwords a policy may remember.
pub const HISTORY_CEILING: usize = 24;
/// Longest maximum age, in days.
pub const MAX_AGE_CEILING: u32 = 3650;
/// Most times in a row a policy may let one character repeat (0: no limit; 1 is no password).
pub const MAX_REPEATED_CEILING: usize = 64;
/// Personal words shorter than this are not looked for inside a password.
const PERSONAL_MIN_CHARS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordPolicy {
    pub min_length: usize,
    pub max_length: usize,
    pub require_lower: bool,
    pub require_upper: bool,
    pub require_digit: bool,
    pub require_symbol: bool,
    /// The username, the email's local part or a word of the name may not appear inside.
    pub forbid_personal: bool,
    /// The new password may not be any of the last `history` passwords (0: off).
    pub history: usize,
    /// Days after which a password must be changed at sign-in (0: never).
    pub max_age_days: u32,
    /// Most times one character may repeat in a row (0: no limit).
    pub max_repeated: usize,
    pub block_common: bool,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            min_length: 8,
            max_length: 128,
            require_lower: false,
            require_upper: false,
            require_digit: false,
            require_symbol: false,
            forbid_personal: false,
            history: 0,
            max_age_days: 0,
            max_repeated: 0,
            block_common: true,
        }
    }
}

/// Whether a reset link can still be used, and the second factors the reset asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetLinkState {
    pub valid: bool,
    pub methods: Vec<crate::two_factor::Method>,
}

/// A password change went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChanged {
    /// Personal access tokens that still work: they do not depend on the password, so the page
    /// offers to revoke them.
    pub tokens_left: u32,
}

/// One rule a password breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Violation {
    TooShort { min: usize },
    TooLong { max: usize },
    NoLower,
    NoUpper,
    NoDigit,
    NoSymbol,
    Repeated { max: usize },
    Personal,
    Reused { last: usize },
    Common,
}

impl Violation {
    /// What to do about it, to word in the reader's language.
    pub fn msg(&self) -> Msg {
        match self {
            Violation::TooShort { min } => k::error_password_too_short(*min),
            Violation::TooLong { max } => k::error_too_long(*max),
            Violation::NoLower => k::error_password_no_lower(),
            Violation::NoUpper => k::error_password_no_upper(),
            Violation::NoDigit => k::error_password_no_digit(),
            Violation::NoSymbol => k::error_password_no_symbol(),
            Violation::Repeated { max } => k::error_password_repeated(*max),
            Violation::Personal => k::error_password_personal(),
            Violation::Reused { last } => k::error_password_reused(*last),
            Violation::Common => k::error_password_common(),
        }
    }
}

/// Who the password is for: words it may not contain when `forbid_personal` is on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Personal {
    words: Vec<String>,
}

impl Personal {
    /// From the username, the email address (its local part counts) and the name.
    pub fn new(username: &str, email: &str, name: &str) -> Personal {
        let local = email.split('@').next().unwrap_or("");
        let mut words: Vec<String> = [username, local]
            .into_iter()
            .chain(name.split(|c: char| !c.is_alphanumeric()))
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= PERSONAL_MIN_CHARS)
            .collect();
        words.sort();
        words.dedup();
        Personal { words }
    }

    /// True when nothing is known (the check is left to the server).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn found_in(&self, password: &str) -> bool {
        let lower = password.to_lowercase();
        self.words.iter().any(|w| lower.contains(w.as_str()))
    }
}

/// One rule of the policy, as `check` and `evaluate` both read it.
struct Rule {
    text: Msg,
    broken: Option<Violation>,
    shown: Shown,
}

/// When the browser lists a rule.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Always,
    /// Only once it is broken (the maximum length: long passwords are welcome).
    WhenBroken,
    /// Checkable only with the user's personal words; without them it is left to the server.
    NeedsPersonalWords,
}

/// One rule as shown beside the field while typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleState {
    /// The rule, to word in the reader's language.
    pub text: Msg,
    /// None until there is something to check, or when only the server can check it.
    pub met: Option<bool>,
}

fn longest_run(password: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut prev = None;
    for c in password.chars() {
        run = if Some(c) == prev { run + 1 } else { 1 };
        prev = Some(c);
        best = best.max(run);
    }
    best
}

fn is_symbol(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

impl PasswordPolicy {
    /// The rules with what this password breaks, in the order they are shown.
    /// `check` and `evaluate` both read this list, so the browser and the server agree.
    fn rules(&self, password: &str, personal: &Personal) -> Vec<Rule> {
        let len = password.chars().count();
        let rule = |text: Msg, broken: Option<Violation>| Rule { text, broken, shown: Shown::Always };
        let mut out = vec![
            rule(
                k::error_rule_min_length(self.min_length),
                (len < self.min_length).then_some(Violation::TooShort { min: self.min_length }),
            ),
            Rule {
                shown: Shown::WhenBroken,
                ..rule(
                    k::error_rule_max_length(self.max_length),
                    (len > self.max_length).then_some(Violation::TooLong { max: self.max_length }),
                )
            },
        ];
        let classes = [
            (self.require_lower, k::error_rule_lower(), password.chars().any(char::is_lowercase), Violation::NoLower),
            (self.require_upper, k::error_rule_upper(), password.chars().any(char::is_uppercase), Violation::NoUpper),
            (
                self.require_digit,
                k::error_rule_digit(),
                password.chars().any(|c| c.is_ascii_digit()),
                Violation::NoDigit,
            ),
            (self.require_symbol, k::error_rule_symbol(), password.chars().any(is_symbol), Violation::NoSymbol),
        ];
        for (on, text, ok, violation) in classes {
            if on {
                out.push(rule(text, (!ok).then_some(violation)));
            }
        }
        if self.max_repeated > 0 {
            out.push(rule(
                k::error_rule_repeated(self.max_repeated),
                (longest_run(password) > self.max_repeated).then_some(Violation::Repeated { max: self.max_repeated }),
            ));
        }
        if self.forbid_personal {
            out.push(Rule {
                shown: Shown::NeedsPersonalWords,
                ..rule(k::error_rule_personal(), personal.found_in(password).then_some(Violation::Personal))
            });
        }
        out
    }

    /// Each rule with whether `password` meets it: the same code as the server's check.
    /// The maximum length is listed only once it is exceeded.
    pub fn evaluate(&self, password: &str, personal: &Personal) -> Vec<RuleState> {
        let typed = !password.is_empty();
        let mut out: Vec<RuleState> = self
            .rules(password, personal)
            .into_iter()
            .filter(|r| r.shown != Shown::WhenBroken || r.broken.is_some())
            .map(|r| {
                let checkable = typed && !(r.shown == Shown::NeedsPersonalWords && personal.is_empty());
                RuleState { met: checkable.then_some(r.broken.is_none()), text: r.text }
            })
            .collect();
        if self.history > 0 {
            out.push(RuleState { text: k::error_rule_history(self.history), met: None });
        }
        if self.block_common {
            out.push(RuleState { text: k::error_rule_common(), met: None });
        }
        out
    }

    /// The rules `password` breaks, except those only the server can check (the common list
    /// and the history). Length counts characters (Unicode scalar values), not bytes.
    pub fn check(&self, password: &str, personal: &Personal) -> Vec<Violation> {
        self.rules(password, personal).into_iter().filter_map(|r| r.broken).collect()
    }

    /// The policy's own problems, by form field, for the admin page.
    pub fn problems(&self) -> Vec<(&'static str, Msg)> {
        let mut out = Vec::new();
        if self.min_length < MIN_LENGTH_FLOOR {
            out.push(("min_length", k::error_policy_min_length(MIN_LENGTH_FLOOR)));
        }
        if !(MAX_LENGTH_FLOOR..=MAX_LENGTH_CEILING).contains(&self.max_length) {
            out.push(("max_length", k::error_number_range(MAX_LENGTH_FLOOR, MAX_LENGTH_CEILING)));
        } else if self.min_length > self.max_length {
            out.push(("min_length", k::error_policy_min_above_max()));
        }
        if self.history > HISTORY_CEILING {
            out.push(("history", k::error_number_range(0, HISTORY_CEILING)));
        }
        if self.max_age_days > MAX_AGE_CEILING {
            out.push(("max_age_days", k::error_number_range(0, MAX_AGE_CEILING)));
        }
        if self.max_repeated == 1 || self.max_repeated > MAX_REPEATED_CEILING {
            out.push(("max_repeated", k::error_policy_max_repeated(2, MAX_REPEATED_CEILING)));
        }
        out
    }

    /// The strictest of two policies (a member's rules: the server's and each organization's):
    /// the longer minimum, every required class, the longer history, the shorter maximum age
    /// and run of repeated characters (0 is none), each check either asks for. The longest
    /// password accepted is the larger: an organization never shortens it (ASVS asks that long
    /// passwords be accepted), so the merge cannot make every password impossible.
    pub fn strictest(&self, other: &PasswordPolicy) -> PasswordPolicy {
        let shortest = |a: u32, b: u32| match (a, b) {
            (0, x) | (x, 0) => x,
            (a, b) => a.min(b),
        };
        let fewest = |a: usize, b: usize| match (a, b) {
            (0, x) | (x, 0) => x,
            (a, b) => a.min(b),
        };
        let max_length = self.max_length.max(other.max_length);
        PasswordPolicy {
            min_length: self.min_length.max(other.min_length).min(max_length),
            max_length,
            require_lower: self.require_lower || other.require_lower,
            require_upper: self.require_upper || other.require_upper,
            require_digit: self.require_digit || other.require_digit,
            require_symbol: self.require_symbol || other.require_symbol,
            forbid_personal: self.forbid_personal || other.forbid_personal,
            history: self.history.max(other.history),
            max_age_days: shortest(self.max_age_days, other.max_age_days),
            max_repeated: fewest(self.max_repeated, other.max_repeated),
            block_common: self.block_common || other.block_common,
        }
    }

    /// The rules of this policy that ask more than `base` does, as the member's Security page
    /// names them ("Acme asks for: at least 12 characters, a digit").
    pub fn stricter_rules_than(&self, base: &PasswordPolicy) -> Vec<Msg> {
        let mut out = Vec::new();
        if self.min_length > base.min_length {
            out.push(k::error_rule_min_length(self.min_length));
        }
        for (on, was, text) in [
            (self.require_lower, base.require_lower, k::error_rule_lower()),
            (self.require_upper, base.require_upper, k::error_rule_upper()),
            (self.require_digit, base.require_digit, k::error_rule_digit()),
            (self.require_symbol, base.require_symbol, k::error_rule_symbol()),
            (self.forbid_personal, base.forbid_personal, k::error_rule_personal()),
            (self.block_common, base.block_common, k::error_rule_common()),
        ] {
            if on && !was {
                out.push(text);
            }
        }
        if self.max_repeated > 0 && (base.max_repeated == 0 || self.max_repeated < base.max_repeated) {
            out.push(k::error_rule_repeated(self.max_repeated));
        }
        if self.history > base.history {
            out.push(k::error_rule_history(self.history));
        }
        if self.max_age_days > 0 && (base.max_age_days == 0 || self.max_age_days < base.max_age_days) {
            out.push(k::error_rule_max_age(self.max_age_days));
        }
        out
    }

    /// True when a password set at `changed_at` has passed the maximum age at `now`.
    pub fn is_expired(&self, changed_at: i64, now: i64) -> bool {
        self.max_age_days > 0 && now - changed_at >= i64::from(self.max_age_days) * 86_400_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strictest_of_two_policies_asks_what_either_asks() {
        let server = PasswordPolicy::default();
        let org = PasswordPolicy {
            min_length: 14,
            max_length: 64,
            require_digit: true,
            history: 5,
            max_age_days: 90,
            max_repeated: 3,
            block_common: false,
            ..PasswordPolicy::default()
        };
        let other = PasswordPolicy {
            min_length: 10,
            require_symbol: true,
            max_age_days: 30,
            max_repeated: 4,
            ..server.clone()
        };
        let m = server.strictest(&org).strictest(&other);
        assert_eq!(m.min_length, 14);
        assert_eq!(m.max_length, 128, "an organization never shortens the longest password accepted");
        assert!(m.require_digit && m.require_symbol && !m.require_upper && m.block_common);
        assert_eq!((m.history, m.max_age_days, m.max_repeated), (5, 30, 3));
        // Commutative, and nothing is the identity.
        assert_eq!(org.strictest(&server), server.strictest(&org));
        assert_eq!(server.strictest(&server), server);
        assert_eq!(org.stricter_rules_than(&server).len(), 5, "{:?}", org.stricter_rules_than(&server));
        assert!(server.stricter_rules_than(&m).is_empty());
    }

    proptest::proptest! {
        /// A password the merged policy accepts is accepted by each of the two (but for the
        /// longest length, which the merge never lowers).
        #[test]
        fn what_the_strictest_accepts_both_accept(
            password in "[ -~]{0,40}",
            a_min in 8usize..20, b_min in 8usize..20,
            flags in proptest::collection::vec(proptest::bool::ANY, 8),
            a_rep in 0usize..5, b_rep in 0usize..5,
        ) {
            let rep = |r: usize| if r == 1 { 0 } else { r };
            let a = PasswordPolicy { min_length: a_min, require_lower: flags[0], require_upper: flags[1], require_digit: flags[2], require_symbol: flags[3], max_repeated: rep(a_rep), ..PasswordPolicy::default() };
            let b = PasswordPolicy { min_length: b_min, require_lower: flags[4], require_upper: flags[5], require_digit: flags[6], require_symbol: flags[7], max_repeated: rep(b_rep), ..PasswordPolicy::default() };
            let personal = Personal::default();
            if a.strictest(&b).check(&password, &personal).is_empty() {
                proptest::prop_assert!(a.check(&password, &personal).is_empty());
                proptest::prop_assert!(b.check(&password, &personal).is_empty());
            }
        }
    }

    fn none() -> Personal {
        Personal::default()
    }

    #[test]
    fn default_policy_needs_eight_characters_and_accepts_long_ones() {
        let p = PasswordPolicy::default();
        assert_eq!(p.check("short", &none()), vec![Violation::TooShort { min: 8 }]);
        assert!(p.check("eight ch", &none()).is_empty());
        assert!(p.check(&"x".repeat(64), &none()).is_empty(), "64 characters must be accepted");
        assert_eq!(p.check(&"x".repeat(129), &none()), vec![Violation::TooLong { max: 128 }]);
        assert!(p.max_length >= MAX_LENGTH_FLOOR && p.min_length >= MIN_LENGTH_FLOOR);
        assert!(p.problems().is_empty());
    }

    #[test]
    fn no_composition_rules_by_default_and_unicode_counts_characters() {
        let p = PasswordPolicy::default();
        assert!(p.check("alllowercase", &none()).is_empty());
        // 8 characters, 16+ bytes.
        assert!(p.check("пароль12", &none()).is_empty());
        assert_eq!(p.check("ключ🔑", &none()), vec![Violation::TooShort { min: 8 }]);
    }

    fn strict() -> PasswordPolicy {
        PasswordPolicy {
            min_length: 10,
            require_lower: true,
            require_upper: true,
            require_digit: true,
            require_symbol: true,
            forbid_personal: true,
            max_repeated: 2,
            history: 3,
            ..PasswordPolicy::default()
        }
    }

    #[test]
    fn each_broken_rule_has_its_own_message() {
        let ada = Personal::new("ada", "lovelace@example.com", "Ada King");
        assert_eq!(
            strict().check("aaaking", &ada),
            vec![
                Violation::TooShort { min: 10 },
                Violation::NoUpper,
                Violation::NoDigit,
                Violation::NoSymbol,
                Violation::Repeated { max: 2 },
                Violation::Personal,
            ]
        );
        assert!(strict().check("Correct-Horse-9", &ada).is_empty());
        assert_eq!(strict().check("My-LOVELACE-99", &ada), vec![Violation::Personal], "email local part, any case");
        let messages: Vec<Msg> = strict().check("", &ada).iter().map(Violation::msg).collect();
        assert!(messages.contains(&k::error_password_no_digit()));
        assert_eq!(Violation::Reused { last: 3 }.msg(), k::error_password_reused(3));
    }

    #[test]
    fn short_personal_words_are_not_looked_for() {
        let p = Personal::new("al", "al@example.com", "Al B");
        assert!(p.is_empty());
        assert!(strict().check("Al-is-here-99", &p).is_empty());
    }

    #[test]
    fn evaluation_follows_the_same_rules_as_the_check() {
        let ada = Personal::new("ada", "ada@example.com", "Ada");
        for p in [PasswordPolicy::default(), strict()] {
            assert_eq!(p.evaluate("", &ada)[0].met, None);
            let too_long = "x".repeat(129);
            for pw in ["", "short", "long enough", "Correct-Horse-9", "ada-Is-Great-99", "xxx", too_long.as_str()] {
                // A rule shows as broken exactly when the server's check would refuse (once typed).
                let shown_broken = p.evaluate(pw, &ada).iter().any(|r| r.met == Some(false));
                assert_eq!(shown_broken, !pw.is_empty() && !p.check(pw, &ada).is_empty(), "{pw:?} {p:?}");
            }
        }
        let states = PasswordPolicy::default().evaluate(&"x".repeat(129), &none());
        assert_eq!(states[1], RuleState { text: k::error_rule_max_length(128), met: Some(false) });
        // Without personal words the browser leaves that rule to the server.
        let unknown = strict().evaluate("ada-Is-Great-99", &none());
        assert!(unknown.iter().any(|r| r.text == k::error_rule_personal() && r.met.is_none()));
        assert_eq!(strict().evaluate("", &none()).last().map(|r| &r.text), Some(&k::error_rule_common()));
    }

    #[test]
    fn the_policy_itself_is_checked() {
        let bad = PasswordPolicy {
            min_length: 4,
            max_length: 32,
            history: 99,
            max_age_days: 10_000,
            max_repeated: 1,
            ..PasswordPolicy::default()
        };
        let fields: Vec<&str> = bad.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, vec!["min_length", "max_length", "history", "max_age_days", "max_repeated"]);
        let inverted = PasswordPolicy { min_length: 100, max_length: 64, ..PasswordPolicy::default() };
        assert_eq!(inverted.problems(), vec![("min_length", k::error_policy_min_above_max())]);
    }

    #[test]
    fn expiry_counts_whole_days_from_the_change() {
        let day = 86_400_000;
        let p = PasswordPolicy { max_age_days: 30, ..PasswordPolicy::default() };
        assert!(!p.is_expired(0, 30 * day - 1));
        assert!(p.is_expired(0, 30 * day));
        assert!(!PasswordPolicy::default().is_expired(0, i64::MAX / 2), "0 means never");
    }

    #[test]
    fn stored_policies_without_new_fields_still_load() {
        let old: PasswordPolicy = serde_json::from_str(r#"{"min_length":12}"#).unwrap();
        assert_eq!(old, PasswordPolicy { min_length: 12, ..PasswordPolicy::default() });
    }
}
