//! The Support PIN (seed 004, "Set Support PIN") and the support desk on the wire: the PIN's
//! rules (the same code checks it in the browser and on the server), the owner's view of it, the
//! administrators' settings, and what a support person sees of an account.
//!
//! A PIN proves a caller on the phone is the account's owner. It is a short secret, so the rules
//! refuse the ones people guess first (1234, 0000, 1212, 2580…), and the server keeps only an
//! argon2id hash of it, keyed by the server key (see `gatehouse_core::support_pin`).

use std::fmt;

use i18n::{k, Msg};
use serde::{Deserialize, Serialize};

/// The shortest a PIN may ever be, whatever the administrators set.
pub const PIN_FLOOR: u8 = 4;
/// The longest a PIN may ever be.
pub const PIN_CEILING: u8 = 12;

/// Administration → Support PIN: how many digits a PIN has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PinSettings {
    pub min_length: u8,
    pub max_length: u8,
}

impl Default for PinSettings {
    fn default() -> Self {
        PinSettings { min_length: 4, max_length: 8 }
    }
}

impl PinSettings {
    /// What is wrong with these settings, per field (nothing when they can be saved).
    pub fn problems(&self) -> Vec<(&'static str, Msg)> {
        let mut out = Vec::new();
        if !(PIN_FLOOR..=PIN_CEILING).contains(&self.min_length) {
            out.push(("min_length", k::error_pin_length_bounds(PIN_FLOOR, PIN_CEILING)));
        }
        if !(PIN_FLOOR..=PIN_CEILING).contains(&self.max_length) {
            out.push(("max_length", k::error_pin_length_bounds(PIN_FLOOR, PIN_CEILING)));
        } else if self.max_length < self.min_length {
            out.push(("max_length", k::error_pin_max_below_min()));
        }
        out
    }

    /// The settings a stored value stands for, kept within the bounds (a stored value is checked
    /// when saved; this keeps a hand-edited row from opening anything).
    pub fn bounded(self) -> PinSettings {
        let min_length = self.min_length.clamp(PIN_FLOOR, PIN_CEILING);
        PinSettings { min_length, max_length: self.max_length.clamp(min_length, PIN_CEILING) }
    }
}

/// A PIN as typed: input only, never sent back, printed as `[redacted]`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PinInput(String);

impl PinInput {
    pub fn new(s: impl Into<String>) -> Self {
        PinInput(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PinInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A PIN that passed the rules: its digits, trimmed.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl Pin {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin([redacted])")
    }
}

/// PINs people choose first (DataGenetics' study of 3.4 million PINs, and straight lines on a
/// keypad) that the patterns of [`is_trivial`] do not already catch.
const COMMON: &[&str] = &[
    "1004", "2000", "2001", "6969", "1122", "1998", "1999", "2580", "0852", "1470", "0741", "3690", "0963", "1379",
    "1397", "7931", "9731", "1357", "2468", "8642", "0007", "1984", "1337", "5683", "4455", "1100",
];

/// A PIN anyone would try first: one block repeated (0000, 1212, 123123), digits counting up or
/// down (1234, 9876, 7890, 3210), or one of the [`COMMON`] ones.
pub fn is_trivial(digits: &str) -> bool {
    let d: Vec<u8> = digits.bytes().map(|b| b.wrapping_sub(b'0')).collect();
    let n = d.len();
    let repeated = (1..=n / 2).any(|p| n.is_multiple_of(p) && d.chunks(p).all(|c| c == &d[..p]));
    let counting = |step: u8| d.windows(2).all(|w| (w[0] + step) % 10 == w[1]);
    repeated || counting(1) || counting(9) || COMMON.contains(&digits)
}

/// Checks a typed PIN against the rules: digits only, as long as the settings say, not trivial.
pub fn parse_pin(typed: &str, settings: PinSettings) -> Result<Pin, Msg> {
    let s = settings.bounded();
    let pin = typed.trim();
    if pin.is_empty() {
        return Err(k::error_pin_empty());
    }
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(k::error_pin_digits());
    }
    let len = pin.len();
    if len < usize::from(s.min_length) || len > usize::from(s.max_length) {
        return Err(k::error_pin_length(s.min_length, s.max_length));
    }
    if is_trivial(pin) {
        return Err(k::error_pin_trivial());
    }
    Ok(Pin(pin.to_owned()))
}

/// The owner's Support PIN as the Security page shows it: never the PIN, only when it was set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinState {
    /// When the PIN was last set (unix milliseconds); None: no PIN.
    pub set_at: Option<i64>,
    pub settings: PinSettings,
}

/// What a support person learns from a PIN check: a verdict and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PinVerdict {
    Matches,
    DoesNotMatch,
    NoPinSet,
}

impl PinVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            PinVerdict::Matches => "matches",
            PinVerdict::DoesNotMatch => "does_not_match",
            PinVerdict::NoPinSet => "no_pin_set",
        }
    }
}

/// Whether an account can be used now, as the support desk and the administrators see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    Active,
    /// An administrator disabled it.
    Disabled,
    /// Its owner asked for it to be deleted; it is kept until the grace period ends.
    DeletionPending,
}

/// An account as the support desk shows it: its basic facts, nothing secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportAccount {
    pub id: String,
    pub username: String,
    pub name: String,
    pub email: String,
    pub email_verified: bool,
    pub created_at: i64,
    pub state: AccountState,
    pub pin_set: bool,
}

/// A PIN check's answer: the verdict, and the account it was about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinCheck {
    pub account: SupportAccount,
    pub verdict: PinVerdict,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DEFAULT: PinSettings = PinSettings { min_length: 4, max_length: 8 };

    #[test]
    fn trivial_pins_are_refused() {
        for pin in [
            "0000", "1111", "1234", "4321", "0123", "9876", "7890", "8901", "3210", "1212", "1010", "123123",
            "12341234", "2580", "1004", "6969", "12345678", "987654",
        ] {
            assert_eq!(parse_pin(pin, DEFAULT), Err(k::error_pin_trivial()), "{pin}");
        }
        for pin in ["4826", "7391", "0482", "19283746", "5519", "1235"] {
            assert!(parse_pin(pin, DEFAULT).is_ok(), "{pin}");
        }
    }

    #[test]
    fn digits_within_the_lengths_only() {
        assert_eq!(parse_pin("", DEFAULT), Err(k::error_pin_empty()));
        assert_eq!(parse_pin("   ", DEFAULT), Err(k::error_pin_empty()));
        assert_eq!(parse_pin("48a6", DEFAULT), Err(k::error_pin_digits()));
        assert_eq!(parse_pin("48 26", DEFAULT), Err(k::error_pin_digits()));
        assert_eq!(parse_pin("٤٨٢٦", DEFAULT), Err(k::error_pin_digits()), "ASCII digits only");
        assert_eq!(parse_pin("482", DEFAULT), Err(k::error_pin_length(4, 8)));
        assert_eq!(parse_pin("482619375", DEFAULT), Err(k::error_pin_length(4, 8)));
        assert_eq!(parse_pin(" 4826 ", DEFAULT).map(|p| p.expose().to_owned()), Ok("4826".to_owned()));
        let six = PinSettings { min_length: 6, max_length: 6 };
        assert_eq!(parse_pin("4826", six), Err(k::error_pin_length(6, 6)));
        assert!(parse_pin("482619", six).is_ok());
    }

    #[test]
    fn settings_stay_within_their_bounds() {
        assert!(DEFAULT.problems().is_empty());
        let bad = PinSettings { min_length: 3, max_length: 13 };
        let fields: Vec<&str> = bad.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, vec!["min_length", "max_length"]);
        let crossed = PinSettings { min_length: 8, max_length: 6 };
        assert_eq!(crossed.problems(), vec![("max_length", k::error_pin_max_below_min())]);
        assert_eq!(bad.bounded(), PinSettings { min_length: 4, max_length: 12 });
        assert_eq!(crossed.bounded(), PinSettings { min_length: 8, max_length: 8 });
    }

    #[test]
    fn a_pin_never_prints() {
        let pin = parse_pin("4826", DEFAULT).unwrap();
        assert!(!format!("{pin:?}").contains("4826"));
        assert!(!format!("{:?}", PinInput::new("4826")).contains("4826"));
    }

    proptest! {
        /// Whatever is typed: never a panic, and an accepted PIN is digits within the bounds
        /// and not trivial.
        #[test]
        fn accepted_pins_follow_the_rules(typed in any::<String>(), min in 0u8..20, max in 0u8..20) {
            let s = PinSettings { min_length: min, max_length: max };
            if let Ok(pin) = parse_pin(&typed, s) {
                let b = s.bounded();
                let p = pin.expose();
                prop_assert!(p.bytes().all(|c| c.is_ascii_digit()));
                prop_assert!(p.len() >= usize::from(b.min_length) && p.len() <= usize::from(b.max_length));
                prop_assert!(!is_trivial(p));
            }
        }

        #[test]
        fn every_repeated_block_is_trivial(block in "[0-9]{1,4}", times in 2usize..4) {
            prop_assert!(is_trivial(&block.repeat(times)));
        }
    }
}
