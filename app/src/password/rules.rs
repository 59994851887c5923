//! The password policy. The same code checks a password in the browser (as it is typed) and
//! on the server; only the common-password list is server-side (it would bloat the bundle).
//!
//! Defaults follow NIST SP 800-63B and ASVS 5.0 §6.2: at least 8 characters, at least 64
//! accepted, no composition rules, no common passwords.

use serde::{Deserialize, Serialize};

/// Fewest characters a policy may ask for.
pub const MIN_LENGTH_FLOOR: usize = 8;
/// The longest password we accept must be at least this long (ASVS 6.2.9).
pub const MAX_LENGTH_FLOOR: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordPolicy {
    pub min_length: usize,
    pub max_length: usize,
    pub block_common: bool,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy { min_length: 8, max_length: 128, block_common: true }
    }
}

/// One rule a password breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Violation {
    TooShort { min: usize },
    TooLong { max: usize },
    Common,
}

impl Violation {
    pub fn message(&self) -> String {
        match self {
            Violation::TooShort { min } => format!("Use at least {min} characters."),
            Violation::TooLong { max } => format!("Use at most {max} characters."),
            Violation::Common => "This password is too common. Choose one that is harder to guess.".to_owned(),
        }
    }
}

/// One rule as shown beside the field while typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleState {
    pub text: String,
    /// None until there is something to check, or when only the server can check it.
    pub met: Option<bool>,
}

impl PasswordPolicy {
    /// Each rule with whether `password` meets it: the same code as the server's check.
    pub fn evaluate(&self, password: &str) -> Vec<RuleState> {
        let len = password.chars().count();
        let typed = !password.is_empty();
        let mut out = vec![RuleState {
            text: format!("At least {} characters.", self.min_length),
            met: typed.then_some(len >= self.min_length),
        }];
        if len > self.max_length {
            out.push(RuleState { text: format!("At most {} characters.", self.max_length), met: Some(false) });
        }
        if self.block_common {
            out.push(RuleState { text: "Not a commonly used password (checked when you save).".to_owned(), met: None });
        }
        out
    }

    /// The rules as sentences, to show beside the field.
    pub fn describe(&self) -> Vec<String> {
        let mut rules = vec![format!("At least {} characters.", self.min_length)];
        if self.block_common {
            rules.push("Not a commonly used password.".to_owned());
        }
        rules
    }

    /// The rules `password` breaks, except the common-password list (see `check_common`).
    /// Length counts characters (Unicode scalar values), not bytes.
    pub fn check_shape(&self, password: &str) -> Vec<Violation> {
        let mut out = Vec::new();
        let len = password.chars().count();
        if len < self.min_length {
            out.push(Violation::TooShort { min: self.min_length });
        }
        if len > self.max_length {
            out.push(Violation::TooLong { max: self.max_length });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_needs_eight_characters_and_accepts_long_ones() {
        let p = PasswordPolicy::default();
        assert_eq!(p.check_shape("short"), vec![Violation::TooShort { min: 8 }]);
        assert!(p.check_shape("eight ch").is_empty());
        assert!(p.check_shape(&"x".repeat(64)).is_empty(), "64 characters must be accepted");
        assert_eq!(p.check_shape(&"x".repeat(129)), vec![Violation::TooLong { max: 128 }]);
        assert!(p.max_length >= MAX_LENGTH_FLOOR && p.min_length >= MIN_LENGTH_FLOOR);
    }

    #[test]
    fn evaluation_follows_the_same_rules_as_the_check() {
        let p = PasswordPolicy::default();
        assert_eq!(p.evaluate("")[0].met, None);
        assert_eq!(p.evaluate("short")[0].met, Some(false));
        assert_eq!(p.evaluate("long enough")[0].met, Some(true));
        let too_long = "x".repeat(129);
        assert_eq!(p.evaluate(&too_long)[1], RuleState { text: "At most 128 characters.".into(), met: Some(false) });
        for pw in ["", "short", "long enough", too_long.as_str()] {
            // A rule shows as broken exactly when the server's check would refuse (once typed).
            let shown_broken = p.evaluate(pw).iter().any(|r| r.met == Some(false));
            assert_eq!(shown_broken, !pw.is_empty() && !p.check_shape(pw).is_empty(), "{pw:?}");
        }
    }

    #[test]
    fn no_composition_rules_and_unicode_counts_characters() {
        let p = PasswordPolicy::default();
        assert!(p.check_shape("alllowercase").is_empty());
        // 8 characters, 16+ bytes.
        assert!(p.check_shape("пароль12").is_empty());
        assert_eq!(p.check_shape("ключ🔑"), vec![Violation::TooShort { min: 8 }]);
    }
}
