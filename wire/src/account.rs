//! Accounts on the wire: the signed-in user as the browser sees it, the role, and the
//! parse-don't-validate newtypes of their fields (email, username, display name, password).

use std::fmt;

use i18n::{k, Msg};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    User,
    /// Support staff: the support desk (look an account up, check the PIN a caller gives).
    Support,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Support => "support",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "user" => Some(Role::User),
            "support" => Some(Role::Support),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// The signed-in user as the browser sees it. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: String,
    pub username: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub created_at: i64,
    /// The current address was confirmed by its link.
    pub email_verified: bool,
    /// The password passed the policy's maximum age: it must be changed before anything else.
    pub password_expired: bool,
    /// An administrator requires two-factor authentication and it is not set up yet: the pages
    /// lead to setting it up first.
    pub two_factor_setup_required: bool,
    pub nickname: String,
    pub bio: String,
    pub status: crate::profile::Status,
    pub status_text: String,
    /// The version of the account's picture (its etag, or for the default avatar one drawn
    /// from the initials): part of the picture's address, see [`UserView::avatar_url`].
    pub avatar: String,
}

/// Who is looking at a page: the signed-in user (if any), and the settings every page applies
/// (theirs, or before sign-in the ones this browser last had).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visitor {
    pub user: Option<UserView>,
    pub display: crate::preferences::Display,
    /// Signed in: the account's presence (what its clients report) and Enable Auto-Away.
    pub presence: Option<crate::presence::PresenceView>,
    pub auto_away: Option<crate::presence::AutoAway>,
}

impl UserView {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Support staff and administrators open the support desk.
    pub fn is_support(&self) -> bool {
        matches!(self.role, Role::Support | Role::Admin)
    }

    /// Words the password policy may forbid inside this user's password.
    pub fn personal(&self) -> crate::password::Personal {
        crate::password::Personal::new(&self.username, &self.email, &self.name)
    }

    /// The picture's address at `size` pixels (64 or 256). A new picture, or new initials on
    /// the default one, is a new address.
    pub fn avatar_url(&self, size: u32) -> String {
        format!("/avatar/{}?s={size}&v={}", self.id, self.avatar)
    }

    /// Sets [`UserView::avatar`] from the picture's etag, or from the initials without one.
    pub fn with_avatar(mut self, etag: Option<&str>) -> Self {
        self.avatar = avatar_version(etag, &self.name, &self.username);
        self
    }

    /// One or two letters for the avatar.
    pub fn initials(&self) -> String {
        initials(&self.name, &self.username)
    }
}

/// One or two letters for an avatar: the first of the name's first two words, else of the
/// username.
pub fn initials(name: &str, username: &str) -> String {
    let from_name: String = name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect();
    let letters = if from_name.is_empty() { username.chars().take(1).collect() } else { from_name };
    letters.to_uppercase()
}

/// The version of an account's picture: its etag, or for the default avatar an FNV-1a hash of
/// the initials it shows (so it changes when they do).
pub fn avatar_version(etag: Option<&str>, name: &str, username: &str) -> String {
    match etag {
        Some(etag) => etag.to_owned(),
        None => {
            let hash = initials(name, username)
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
            format!("d{:012x}", hash & 0xffff_ffff_ffff)
        }
    }
}

/// A password on its way from the browser to the server. Input only: it is never sent back,
/// and it prints as `[redacted]`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Password(String);

impl Password {
    pub fn new(s: impl Into<String>) -> Self {
        Password(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A one-time code (TOTP, backup or emailed) or a sealed setup value as typed into a form:
/// the same redacting wrapper as a password.
pub type OneTimeCode = Password;

/// An email address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, Msg> {
        let s = raw.trim().to_lowercase();
        let invalid = k::error_email_invalid;
        if s.is_empty() {
            return Err(k::error_email_empty());
        }
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = s.rsplit_once('@').ok_or_else(invalid)?;
        if !is_local_part(local) || !is_domain(domain) {
            return Err(invalid());
        }
        Ok(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A bare addr-spec's local part (RFC 5322 dot-atom; letters beyond ASCII too, RFC 6531): no
/// quotes, angle brackets or display names, so the address stored is the one mail goes to.
fn is_local_part(local: &str) -> bool {
    let atext = |c: char| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    !local.is_empty() && local.len() <= 64 && local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atext))
}

/// A domain of at least two labels, each of letters, digits and inner hyphens.
fn is_domain(domain: &str) -> bool {
    let label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    domain.len() <= 253 && domain.split('.').count() >= 2 && domain.split('.').all(label)
}

/// Fewest and most characters of a username.
pub const USERNAME_MIN: usize = 3;
pub const USERNAME_MAX: usize = 32;
/// Most characters of a display name.
pub const NAME_MAX: usize = 100;

/// A username: 3 to 32 letters, digits, dots, dashes or underscores, starting with a letter or
/// digit. Unique without regard to case; shown as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username {
    display: String,
}

impl Username {
    pub fn parse(raw: &str) -> Result<Username, Msg> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(k::error_username_empty());
        }
        let n = s.chars().count();
        if !(USERNAME_MIN..=USERNAME_MAX).contains(&n) {
            return Err(k::error_username_length(USERNAME_MIN, USERNAME_MAX));
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
            return Err(k::error_username_characters());
        }
        if !s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
            return Err(k::error_username_start());
        }
        Ok(Username { display: s.to_owned() })
    }

    /// The unique, lower-case form.
    pub fn canonical(&self) -> String {
        self.display.to_ascii_lowercase()
    }

    pub fn display(&self) -> &str {
        &self.display
    }
}

/// A person's name as they want it shown: 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<DisplayName, Msg> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(k::error_name_empty());
        }
        if s.chars().count() > NAME_MAX {
            return Err(k::error_too_long(NAME_MAX));
        }
        if s.chars().any(char::is_control) {
            return Err(k::error_control_characters());
        }
        Ok(DisplayName(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Ada@Example.COM ").unwrap().as_str(), "ada@example.com");
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a da@example.com",
            "ada@.example.com",
            "ada@example..com",
            // Display names and quoted or bracketed forms: mail would go elsewhere.
            "\"ceo@corp.test\"<m@evil.test>",
            "<m@evil.test>",
            "m@evil.test>",
            "ceo@corp.test<m@evil.test>",
            "\"a\"@example.com",
            "a,b@example.com",
            "a..b@example.com",
            ".a@example.com",
            "a.@example.com",
            "a@-example.com",
            "a@example-.com",
            "a@exa_mple.com",
            "a@example.com.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(Email::parse(" "), Err(k::error_email_empty()));
        assert_eq!(Email::parse("ada@"), Err(k::error_email_invalid()));
        for good in
            ["name+tag@example.com", "o'brien@example.ie", "a.b@sub.example.co.uk", "jörg@bücher.de", "x@1.example"]
        {
            assert!(Email::parse(good).is_ok(), "{good:?} should be accepted");
        }
    }

    #[test]
    fn usernames_keep_their_case_for_display() {
        let u = Username::parse(" Ada.Lovelace ").unwrap();
        assert_eq!(u.display(), "Ada.Lovelace");
        assert_eq!(u.canonical(), "ada.lovelace");
        for bad in ["", "ab", "has space", "ümlaut", ".dot", &"x".repeat(33)] {
            assert!(Username::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(Username::parse("ab"), Err(k::error_username_length(3, 32)));
        assert_eq!(Username::parse(".dot"), Err(k::error_username_start()));
    }

    #[test]
    fn names_and_initials() {
        assert_eq!(DisplayName::parse("   "), Err(k::error_name_empty()));
        assert_eq!(DisplayName::parse("Ada\u{7}"), Err(k::error_control_characters()));
        assert_eq!(DisplayName::parse(&"x".repeat(101)), Err(k::error_too_long(100)));
        let v = UserView {
            id: "1".into(),
            username: "ada".into(),
            email: "ada@example.com".into(),
            name: "Ada King Lovelace".into(),
            role: Role::User,
            created_at: 0,
            email_verified: false,
            password_expired: false,
            two_factor_setup_required: false,
            nickname: String::new(),
            bio: String::new(),
            status: Default::default(),
            status_text: String::new(),
            avatar: String::new(),
        };
        assert_eq!(v.initials(), "AK");
        assert_eq!(UserView { name: "".into(), ..v }.initials(), "A");
    }

    #[test]
    fn passwords_never_print() {
        let p = Password::new("hunter2hunter2");
        assert_eq!(format!("{p:?}"), "[redacted]");
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"hunter2hunter2\"");
    }
}
