//! The common-password blocklist: 19,640 passwords (see data/common-passwords.LICENSE).

use std::{collections::HashSet, sync::OnceLock};

static LIST: &str = include_str!("../../data/common-passwords.txt");

fn set() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| LIST.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
}

/// True when `password` (ignoring case and surrounding spaces) is on the list.
pub fn is_common(password: &str) -> bool {
    set().contains(password.trim().to_lowercase().as_str())
}

pub fn len() -> usize {
    set().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ships_at_least_ten_thousand_passwords() {
        assert!(len() >= 10_000, "{}", len());
    }

    #[test]
    fn finds_common_passwords_in_any_case() {
        assert!(is_common("password"));
        assert!(is_common("Password1"));
        assert!(is_common("qwertyuiop"));
        assert!(!is_common("correct horse battery staple 7"));
    }
}
