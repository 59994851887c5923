//! The mails Gatehouse sends, each in its recipient's language (the `mail-` messages of the
//! catalogues, `i18n/ftl/*/mail.ftl`). Every link is built from the configured public URL,
//! never from a request.
//!
//! The language of a mail is the account's: its own choice of the `language` preference, else
//! the server's default ([`language_of`]). It is read here, below every module that sends mail.

use i18n::{k, Catalogue, Msg};
use platform::{db::Db, mail::OutgoingMail, request::ClientMeta, settings::Key, Env};
use wire::{
    error::AppError,
    preferences::{Choices, Language, Preferences, Setting},
    session::{browser_msg, os_msg},
    time::minute_utc,
    user_agent::describe_user_agent,
};

/// The server's defaults of the preferences: the settings an administrator set for everyone
/// who did not choose (`preferences::DEFAULTS`, declared here so that mail can read the
/// default language).
pub const PREFERENCE_DEFAULTS: Key<Choices> = Key::new("preference_defaults");

/// The language of the server's default preferences (English when the administrator chose none).
pub async fn server_language(env: &Env<'_>) -> Result<Language, AppError> {
    Ok(env.setting(PREFERENCE_DEFAULTS).await?.apply(&Preferences::default()).0.language)
}

/// The language `user_id` chose, if it did: one row, on the primary key. A stored value that
/// no longer parses counts as no choice (and is logged).
pub async fn chosen_language(db: &Db, user_id: &str) -> Result<Option<Language>, AppError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT value FROM user_preferences WHERE user_id = $1 AND key = $2")
        .bind(user_id)
        .bind(Setting::language.key())
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(|(text,)| match serde_json::from_str::<Language>(&text) {
        Ok(language) => Some(language),
        Err(_) => {
            tracing::warn!(user = user_id, "a stored language that no longer parses; mail uses the default");
            None
        }
    }))
}

/// The language of mail to `user_id`: its choice, else the server's default.
pub async fn language_of(env: &Env<'_>, user_id: &str) -> Result<Language, AppError> {
    match chosen_language(env.db, user_id).await? {
        Some(language) => Ok(language),
        None => server_language(env).await,
    }
}

/// Escapes text for HTML bodies.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// When something happened to the account and, when its owner did it from a client, from where:
/// what a security notice tells, so that its reader can tell whether it was them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occasion {
    /// Unix milliseconds.
    pub at: i64,
    pub from: Option<Device>,
}

/// The client a change came from, as the sessions list names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// `Firefox`, or `Unknown client` / `Other client` (worded in the reader's language).
    pub browser: String,
    /// `Linux`, or `unknown system`.
    pub os: String,
    pub ip: String,
}

impl Occasion {
    /// A change made by the request of `meta` at `at`. The command line's has no device or
    /// address to tell.
    pub fn of(at: i64, meta: &ClientMeta) -> Occasion {
        if meta.is_local() {
            return Occasion::at(at);
        }
        let (browser, os) = describe_user_agent(&meta.user_agent);
        Occasion { at, from: Some(Device { browser, os, ip: meta.ip.clone() }) }
    }

    /// A change made at `at` by someone other than the owner (an administrator), whose device
    /// and address are not the owner's business.
    pub fn at(at: i64) -> Occasion {
        Occasion { at, from: None }
    }

    /// `of` for the owner's own change, `at` for an administrator's (`actor`).
    pub fn by(actor: Option<&str>, at: i64, meta: &ClientMeta) -> Occasion {
        match actor {
            Some(_) => Occasion::at(at),
            None => Occasion::of(at, meta),
        }
    }
}

/// A mail being written in one language.
struct Writer {
    lang: Language,
    words: &'static Catalogue,
}

impl Writer {
    fn new(lang: Language) -> Writer {
        Writer { lang, words: i18n::catalogue(lang.as_str()) }
    }

    fn say(&self, msg: &Msg) -> String {
        self.words.format(msg)
    }

    /// `msg` for an HTML body: the catalogue's words and the values in them escaped alike.
    fn html(&self, msg: &Msg) -> String {
        escape_html(&self.say(msg))
    }

    /// The HTML document of `paragraphs` (already HTML), marked with the mail's language and
    /// direction.
    fn wrap(&self, paragraphs: &[String]) -> String {
        let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
        format!(
            "<!doctype html><html lang=\"{}\" dir=\"{}\"><body style=\"font-family: sans-serif\">{body}</body></html>",
            self.lang.as_str(),
            self.lang.dir()
        )
    }

    /// The lines that say when (in UTC) and from which device and address.
    fn occasion(&self, o: &Occasion) -> Vec<String> {
        let mut lines = vec![self.say(&k::mail_when(minute_utc(o.at)))];
        if let Some(d) = &o.from {
            let browser = browser_msg(&d.browser).map_or_else(|| d.browser.clone(), |m| self.say(&m));
            let os = os_msg(&d.os).map_or_else(|| d.os.clone(), |m| self.say(&m));
            let device = self.say(&k::sessions_browser_on_os(browser.as_str(), os.as_str()));
            lines.push(self.say(&k::mail_device(device.as_str())));
            lines.push(self.say(&k::mail_ip(d.ip.as_str())));
        }
        lines
    }

    fn mail(&self, to: &str, subject: &Msg, text: String, html: String) -> OutgoingMail {
        OutgoingMail { to: to.to_owned(), subject: self.say(subject), text, html }
    }
}

/// "Your password was changed", to the account's address.
pub fn password_changed(lang: Language, to: &str, name: &str, o: &Occasion, security_url: &str) -> OutgoingMail {
    let w = Writer::new(lang);
    let hello = w.say(&k::mail_hello(name));
    let what = w.say(&k::mail_password_changed_body());
    let when = w.occasion(o);
    let advice = w.say(&k::mail_password_changed_advice(security_url));
    let text = format!("{hello}\n\n{what}\n\n{}\n\n{advice}\n", when.join("\n"));
    let html = w.wrap(&[
        escape_html(&hello),
        escape_html(&what),
        when.iter().map(|l| escape_html(l)).collect::<Vec<_>>().join("<br>"),
        format!(
            "{} <a href=\"{}\">{}</a>{}",
            w.html(&k::mail_password_changed_advice_before()),
            escape_html(security_url),
            w.html(&k::mail_password_changed_advice_link()),
            w.html(&k::mail_password_changed_advice_after()),
        ),
    ]);
    w.mail(to, &k::mail_password_changed_subject(), text, html)
}

/// What a mail whose main part is one link to follow says around it.
struct LinkMail<'a> {
    subject: Msg,
    lead: Msg,
    /// When and from where, for a security notice.
    occasion: Option<&'a Occasion>,
    action: Msg,
    tail: Msg,
}

fn with_link(lang: Language, to: &str, name: &str, link: &str, m: LinkMail<'_>) -> OutgoingMail {
    with_link_greeting(lang, to, k::mail_hello(name), link, m)
}

fn with_link_greeting(lang: Language, to: &str, hello: Msg, link: &str, m: LinkMail<'_>) -> OutgoingMail {
    let w = Writer::new(lang);
    let (hello, lead, action, tail) = (w.say(&hello), w.say(&m.lead), w.say(&m.action), w.say(&m.tail));
    let follow = w.say(&k::mail_action_line(action.as_str(), link));
    let when = m.occasion.map(|o| w.occasion(o)).unwrap_or_default();
    let mut text = format!("{hello}\n\n{lead}\n\n");
    let mut html = vec![escape_html(&hello), escape_html(&lead)];
    if !when.is_empty() {
        text.push_str(&format!("{}\n\n", when.join("\n")));
        html.push(when.iter().map(|l| escape_html(l)).collect::<Vec<_>>().join("<br>"));
    }
    text.push_str(&format!("{follow}\n\n{tail}\n"));
    html.push(format!("<a href=\"{}\">{}</a>", escape_html(link), escape_html(&action)));
    html.push(escape_html(&tail));
    let html = w.wrap(&html);
    w.mail(to, &m.subject, text, html)
}

/// The link that confirms the account's address (after registration, or a resend).
pub fn verify_email(lang: Language, to: &str, name: &str, link: &str) -> OutgoingMail {
    let m = LinkMail {
        occasion: None,
        subject: k::mail_verify_subject(),
        lead: k::mail_verify_lead(),
        action: k::mail_verify_action(),
        tail: k::mail_verify_tail(),
    };
    with_link(lang, to, name, link, m)
}

/// The link that makes a new address the account's address (in the account's language).
pub fn confirm_new_email(lang: Language, to: &str, name: &str, link: &str) -> OutgoingMail {
    let m = LinkMail {
        occasion: None,
        subject: k::mail_confirm_new_subject(),
        lead: k::mail_confirm_new_lead(),
        action: k::mail_confirm_new_action(),
        tail: k::mail_confirm_new_tail(),
    };
    with_link(lang, to, name, link, m)
}

/// To the old address when a change of address is asked for.
pub fn email_change_requested(
    lang: Language,
    to: &str,
    name: &str,
    o: &Occasion,
    new_address: &str,
    security_url: &str,
) -> OutgoingMail {
    let m = LinkMail {
        occasion: Some(o),
        subject: k::mail_change_requested_subject(),
        lead: k::mail_change_requested_lead(new_address),
        action: k::mail_review_security(),
        tail: k::mail_change_requested_tail(),
    };
    with_link(lang, to, name, security_url, m)
}

/// To the old address once a change of address is done.
pub fn email_changed(
    lang: Language,
    to: &str,
    name: &str,
    o: &Occasion,
    new_address: &str,
    security_url: &str,
) -> OutgoingMail {
    let m = LinkMail {
        occasion: Some(o),
        subject: k::mail_email_changed_subject(),
        lead: k::mail_email_changed_lead(new_address),
        action: k::mail_review_security(),
        tail: k::mail_email_changed_tail(),
    };
    with_link(lang, to, name, security_url, m)
}

/// To an address already in use, when another account asks to move to it: the asker is told
/// the same as for a free address (nothing to learn about who is registered), and the owner
/// learns what happened (in the owner's language).
pub fn email_already_in_use(lang: Language, to: &str, name: &str, security_url: &str) -> OutgoingMail {
    let m = LinkMail {
        occasion: None,
        subject: k::mail_in_use_subject(),
        lead: k::mail_in_use_lead(),
        action: k::mail_review_security(),
        tail: k::mail_in_use_tail(),
    };
    with_link(lang, to, name, security_url, m)
}

/// The password reset link.
pub fn reset_password(lang: Language, to: &str, name: &str, link: &str) -> OutgoingMail {
    let m = LinkMail {
        occasion: None,
        subject: k::mail_reset_subject(),
        lead: k::mail_reset_lead(),
        action: k::mail_reset_action(),
        tail: k::mail_reset_tail(),
    };
    with_link(lang, to, name, link, m)
}

/// A six-digit code for the second step (sign-in, or confirming a change).
pub fn two_factor_code(lang: Language, to: &str, name: &str, code: &str) -> OutgoingMail {
    let w = Writer::new(lang);
    let (hello, lead, tail) = (w.say(&k::mail_hello(name)), w.say(&k::mail_code_lead()), w.say(&k::mail_code_tail()));
    let text = format!("{hello}\n\n{lead}\n\n{code}\n\n{tail}\n");
    let html = w.wrap(&[
        escape_html(&hello),
        escape_html(&lead),
        format!("<strong style=\"font-size: 1.5em; letter-spacing: 0.2em\">{}</strong>", escape_html(code)),
        escape_html(&tail),
    ]);
    // Not in the subject: only bodies are sealed in the mail queue.
    w.mail(to, &k::mail_code_subject(), text, html)
}

/// A change of the account's second factors, as its notice names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactorChange {
    TotpOn,
    TotpOff,
    EmailOn,
    EmailOff,
    /// New backup codes replaced the old ones.
    BackupCodesRenewed,
    /// An administrator made two-factor authentication compulsory for the account...
    Required,
    /// ...or no longer.
    NoLongerRequired,
    /// An administrator removed the authenticator and backup codes (a lost device).
    ResetByAdministrator,
}

impl FactorChange {
    pub const ALL: &'static [FactorChange] = &[
        FactorChange::TotpOn,
        FactorChange::TotpOff,
        FactorChange::EmailOn,
        FactorChange::EmailOff,
        FactorChange::BackupCodesRenewed,
        FactorChange::Required,
        FactorChange::NoLongerRequired,
        FactorChange::ResetByAdministrator,
    ];

    /// The sentence the notice opens with.
    pub fn says(self) -> Msg {
        match self {
            FactorChange::TotpOn => k::mail_factors_totp_on(),
            FactorChange::TotpOff => k::mail_factors_totp_off(),
            FactorChange::EmailOn => k::mail_factors_email_on(),
            FactorChange::EmailOff => k::mail_factors_email_off(),
            FactorChange::BackupCodesRenewed => k::mail_factors_backup_codes_renewed(),
            FactorChange::Required => k::mail_factors_required(),
            FactorChange::NoLongerRequired => k::mail_factors_no_longer_required(),
            FactorChange::ResetByAdministrator => k::mail_factors_reset(),
        }
    }
}

/// A change of the account's second factors.
pub fn two_factor_changed(
    lang: Language,
    to: &str,
    name: &str,
    o: &Occasion,
    what: FactorChange,
    security_url: &str,
) -> OutgoingMail {
    let m = LinkMail {
        occasion: Some(o),
        subject: k::mail_factors_subject(),
        lead: what.says(),
        action: k::mail_review_security(),
        tail: k::mail_factors_tail(),
    };
    with_link(lang, to, name, security_url, m)
}

/// An organization now forces (or no longer forces) two-factor authentication for the member.
pub fn org_two_factor_changed(
    lang: Language,
    to: &str,
    name: &str,
    o: &Occasion,
    org: &str,
    required: bool,
    security_url: &str,
) -> OutgoingMail {
    let lead = if required { k::mail_org_two_factor_required(org) } else { k::mail_org_two_factor_lifted(org) };
    let m = LinkMail {
        occasion: Some(o),
        subject: k::mail_factors_subject(),
        lead,
        action: k::mail_review_security(),
        tail: k::mail_factors_tail(),
    };
    with_link(lang, to, name, security_url, m)
}

/// An invitation to join an organization: who invites, to what, with which role. The address
/// may have no account yet: no name to greet.
pub fn org_invitation(lang: Language, to: &str, inviter: &str, org: &str, role: &Msg, link: &str) -> OutgoingMail {
    let role = Writer::new(lang).say(role);
    let m = LinkMail {
        occasion: None,
        subject: k::mail_invitation_subject(org),
        lead: k::mail_invitation_lead(inviter, org, role.as_str()),
        action: k::mail_invitation_action(),
        tail: k::mail_invitation_tail(),
    };
    with_link_greeting(lang, to, k::mail_hello_there(), link, m)
}

/// A change of the account's Support PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinChange {
    Set,
    Changed,
    Removed,
}

/// The Support PIN was set, changed or removed (never the PIN itself).
pub fn support_pin_changed(
    lang: Language,
    to: &str,
    name: &str,
    o: &Occasion,
    what: PinChange,
    security_url: &str,
) -> OutgoingMail {
    let lead = match what {
        PinChange::Set => k::mail_pin_set(),
        PinChange::Changed => k::mail_pin_changed(),
        PinChange::Removed => k::mail_pin_removed(),
    };
    let m = LinkMail {
        occasion: Some(o),
        subject: k::mail_pin_subject(),
        lead,
        action: k::mail_review_security(),
        tail: k::mail_pin_tail(),
    };
    with_link(lang, to, name, security_url, m)
}

/// A support person checked a PIN a caller gave for the account: the verdict, so that the
/// owner knows whenever someone claimed to be them.
pub fn support_pin_checked(
    lang: Language,
    to: &str,
    name: &str,
    o: &Occasion,
    verdict: wire::support::PinVerdict,
    security_url: &str,
) -> OutgoingMail {
    use wire::support::PinVerdict;
    let lead = match verdict {
        PinVerdict::Matches => k::mail_pin_checked_matches(),
        PinVerdict::DoesNotMatch => k::mail_pin_checked_no_match(),
        PinVerdict::NoPinSet => k::mail_pin_checked_none(),
    };
    let m = LinkMail {
        occasion: Some(o),
        subject: k::mail_pin_checked_subject(),
        lead,
        action: k::mail_review_security(),
        tail: k::mail_pin_checked_tail(),
    };
    with_link(lang, to, name, security_url, m)
}

/// The account was deleted: kept, disabled, until `date`; signing in before then restores it.
pub fn deletion_scheduled(
    lang: Language,
    to: &str,
    name: &str,
    o: &Occasion,
    date: &str,
    sign_in_url: &str,
) -> OutgoingMail {
    let m = LinkMail {
        occasion: Some(o),
        subject: k::mail_deletion_subject(),
        lead: k::mail_deletion_scheduled(date),
        action: k::mail_deletion_action(),
        tail: k::mail_deletion_tail(),
    };
    with_link(lang, to, name, sign_in_url, m)
}

/// The owner signed in during the grace period: the account is restored.
pub fn account_restored(lang: Language, to: &str, name: &str, o: &Occasion, security_url: &str) -> OutgoingMail {
    let m = LinkMail {
        occasion: Some(o),
        subject: k::mail_restored_subject(),
        lead: k::mail_restored_lead(),
        action: k::mail_review_security(),
        tail: k::mail_restored_tail(),
    };
    with_link(lang, to, name, security_url, m)
}

/// The account was signed in to from a device or browser it was not signed in from before.
pub fn new_sign_in(lang: Language, to: &str, name: &str, o: &Occasion, security_url: &str) -> OutgoingMail {
    let m = LinkMail {
        occasion: Some(o),
        subject: k::mail_new_sign_in_subject(),
        lead: k::mail_new_sign_in_lead(),
        action: k::mail_review_sessions(),
        tail: k::mail_new_sign_in_tail(),
    };
    with_link(lang, to, name, security_url, m)
}

/// A personal access token was created (its name, never its secret).
pub fn token_created(
    lang: Language,
    to: &str,
    name: &str,
    o: &Occasion,
    token: &str,
    ignores_two_factor: bool,
    tokens_url: &str,
) -> OutgoingMail {
    let lead = if ignores_two_factor {
        k::mail_token_created_ignoring_two_factor(token)
    } else {
        k::mail_token_created(token)
    };
    let m = LinkMail {
        occasion: Some(o),
        subject: k::mail_token_created_subject(),
        lead,
        action: k::mail_review_tokens(),
        tail: k::mail_token_created_tail(),
    };
    with_link(lang, to, name, tokens_url, m)
}

/// The export of the person's data (Preferences → My Data) is ready: its link, which works once.
pub fn my_data_ready(lang: Language, to: &str, name: &str, html: bool, link: &str) -> OutgoingMail {
    let m = LinkMail {
        occasion: None,
        subject: k::mail_my_data_subject(),
        lead: if html { k::mail_my_data_lead_html() } else { k::mail_my_data_lead_json() },
        action: k::mail_my_data_action(),
        tail: k::mail_my_data_tail(),
    };
    with_link(lang, to, name, link, m)
}

/// The account is gone for good (the last mail to the address).
pub fn account_deleted(lang: Language, to: &str, name: &str) -> OutgoingMail {
    let w = Writer::new(lang);
    let (hello, body) = (w.say(&k::mail_hello(name)), w.say(&k::mail_deleted_body()));
    let text = format!("{hello}\n\n{body}\n");
    let html = w.wrap(&[escape_html(&hello), escape_html(&body)]);
    w.mail(to, &k::mail_deleted_subject(), text, html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{accounts::RegisterInput, auth, testing::TestEnv};
    use platform::{db::testing, request::ClientMeta};
    use wire::{password::PasswordPolicy, support::PinVerdict};

    const LINK: &str = "https://id.example/reset-password?token=abc&x=1";

    /// Every mail, in `lang`, to Ada.
    fn every_mail(lang: Language) -> Vec<OutgoingMail> {
        let (to, s) = ("a@example.test", "https://id.example/s");
        let o = &occasion();
        let mut all = vec![
            password_changed(lang, to, "Ada", o, s),
            verify_email(lang, to, "Ada", LINK),
            confirm_new_email(lang, to, "Ada", LINK),
            email_change_requested(lang, to, "Ada", o, "new@example.test", s),
            email_changed(lang, to, "Ada", o, "new@example.test", s),
            email_already_in_use(lang, to, "Ada", s),
            reset_password(lang, to, "Ada", LINK),
            two_factor_code(lang, to, "Ada", "123456"),
        ];
        all.extend(FactorChange::ALL.iter().map(|w| two_factor_changed(lang, to, "Ada", o, *w, s)));
        for what in [PinChange::Set, PinChange::Changed, PinChange::Removed] {
            all.push(support_pin_changed(lang, to, "Ada", o, what, s));
        }
        for verdict in [PinVerdict::Matches, PinVerdict::DoesNotMatch, PinVerdict::NoPinSet] {
            all.push(support_pin_checked(lang, to, "Ada", o, verdict, s));
        }
        all.push(org_two_factor_changed(lang, to, "Ada", o, "Acme", true, s));
        all.push(org_two_factor_changed(lang, to, "Ada", o, "Acme", false, s));
        all.push(org_invitation(lang, to, "Bob", "Acme", &k::org_role_admin(), LINK));
        all.push(deletion_scheduled(lang, to, "Ada", o, "2026-12-14", s));
        all.push(account_restored(lang, to, "Ada", o, s));
        all.push(account_deleted(lang, to, "Ada"));
        all.push(new_sign_in(lang, to, "Ada", o, s));
        all.push(token_created(lang, to, "Ada", o, "deploy", false, s));
        all.push(token_created(lang, to, "Ada", o, "deploy", true, s));
        all.push(my_data_ready(lang, to, "Ada", true, LINK));
        all.push(my_data_ready(lang, to, "Ada", false, LINK));
        all
    }

    /// 2026-12-07 14:03 UTC, from Firefox on Linux at 192.0.2.7.
    fn occasion() -> Occasion {
        let meta =
            ClientMeta::new("192.0.2.7", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
        Occasion::of(1_796_652_189_999, &meta)
    }

    #[test]
    fn security_notices_say_when_from_which_device_and_address() {
        let m = new_sign_in(Language::En, "a@example.test", "Ada", &occasion(), "https://id.example/s");
        assert_eq!(m.subject, "New sign-in to your Gatehouse account");
        assert!(
            m.text.contains("\n\nWhen: 2026-12-07 14:03 UTC\nDevice: Firefox on Linux\nIP address: 192.0.2.7\n\n"),
            "{}",
            m.text
        );
        assert!(m.text.contains("Review your sessions: https://id.example/s"), "{}", m.text);
        assert!(m.html.contains("When: 2026-12-07 14:03 UTC<br>Device: Firefox on Linux<br>IP address: 192.0.2.7"));
        let m = new_sign_in(Language::De, "a@example.test", "Ada", &occasion(), "https://id.example/s");
        assert!(m.text.contains("Gerät: Firefox unter Linux\nIP-Adresse: 192.0.2.7"), "{}", m.text);
        // An administrator's change tells when, not the administrator's device or address.
        let by_admin = Occasion::by(Some("admin-id"), 0, &ClientMeta::new("198.51.100.1", "Chrome/1"));
        let m = two_factor_changed(Language::En, "a@example.test", "Ada", &by_admin, FactorChange::Required, "s");
        assert!(m.text.contains("When: 1970-01-01 00:00 UTC\n\n"), "{}", m.text);
        assert!(!m.text.contains("198.51.100.1") && !m.text.contains("Device"), "{}", m.text);
        // The command line has no device either; an unnamed client is worded in the language.
        assert_eq!(Occasion::of(5, &ClientMeta::local("gatehouse reset-2fa")), Occasion::at(5));
        let m = token_created(
            Language::De,
            "a@e.test",
            "Ada",
            &Occasion::of(0, &ClientMeta::new("::1", "")),
            "ci",
            true,
            "t",
        );
        assert!(m.text.contains("„ci“") && m.text.contains("ohne Zwei-Faktor"), "{}", m.text);
        assert!(!m.text.contains("Unknown client"), "{}", m.text);
        // What a client sent is escaped in HTML like everything else.
        let odd = Occasion { at: 0, from: Some(Device { browser: "<b>".into(), os: "&".into(), ip: "<i>".into() }) };
        let m = new_sign_in(Language::En, "a@e.test", "Ada", &odd, "s");
        assert!(m.html.contains("&lt;b&gt; on &amp;") && m.html.contains("&lt;i&gt;") && !m.html.contains("<b>"));
    }

    #[test]
    fn html_bodies_escape_what_users_typed() {
        for lang in Language::ALL {
            let m = password_changed(
                *lang,
                "a@example.test",
                "<b>Ada</b> & co",
                &occasion(),
                "https://id.example/account/security",
            );
            assert!(m.html.contains("&lt;b&gt;Ada&lt;/b&gt; &amp; co"), "{lang:?}");
            assert!(!m.html.contains("<b>"), "{lang:?}");
            assert!(m.text.contains("https://id.example/account/security"));
            assert!(m.html.contains("href=\"https://id.example/account/security\""));
            let notice = email_change_requested(
                *lang,
                "old@example.test",
                "Ada",
                &occasion(),
                "<new>@example.test",
                "https://id.example/s",
            );
            assert!(notice.html.contains("&lt;new&gt;@example.test") && notice.text.contains("<new>@example.test"));
            assert!(!notice.html.contains("<new>"), "{lang:?}");
            let code = two_factor_code(*lang, "a@example.test", "<i>", "<script>");
            assert!(
                code.html.contains("&lt;script&gt;") && !code.html.contains("<script>") && !code.html.contains("<i>")
            );
        }
    }

    #[test]
    fn link_mails_carry_the_link_in_both_bodies() {
        for lang in Language::ALL {
            for m in [
                reset_password(*lang, "a@example.test", "Ada", LINK),
                verify_email(*lang, "a@example.test", "Ada", LINK),
                confirm_new_email(*lang, "a@example.test", "Ada", LINK),
            ] {
                assert!(m.text.contains(LINK), "{}", m.subject);
                let href = "href=\"https://id.example/reset-password?token=abc&amp;x=1\"";
                assert!(m.html.contains(href), "{}", m.subject);
            }
        }
    }

    #[test]
    fn english_mails_read_as_they_always_did() {
        let m = verify_email(Language::En, "a@example.test", "Ada", "https://id.example/v");
        assert_eq!(m.subject, "Confirm your Gatehouse email address");
        assert_eq!(
            m.text,
            "Hello Ada,\n\nPlease confirm that this is your email address.\n\nConfirm your email address: \
             https://id.example/v\n\nThe link works once, for 24 hours. If you did not create a Gatehouse \
             account, ignore this message.\n"
        );
        assert!(m.html.starts_with("<!doctype html><html lang=\"en\" dir=\"ltr\"><body"), "{}", m.html);
        assert!(
            m.html.contains("<p><a href=\"https://id.example/v\">Confirm your email address</a></p>"),
            "{}",
            m.html
        );

        let m = password_changed(Language::En, "a@example.test", "Ada", &occasion(), "https://id.example/s");
        assert_eq!(m.subject, "Your Gatehouse password was changed");
        assert_eq!(
            m.text,
            "Hello Ada,\n\nThe password of your Gatehouse account was just changed, and every other session was \
             signed out.\n\nWhen: 2026-12-07 14:03 UTC\nDevice: Firefox on Linux\nIP address: 192.0.2.7\n\nIf you did not do this, reset your password at once and review your sessions: \
             https://id.example/s\n"
        );
        assert!(m.html.contains(
            "<p>If you did not do this, reset your password at once and <a href=\"https://id.example/s\">review \
             your sessions</a>.</p>"
        ));

        let o = occasion();
        let m =
            two_factor_changed(Language::En, "a@example.test", "Ada", &o, FactorChange::TotpOn, "https://id.example/s");
        assert_eq!(m.subject, "Two-factor authentication changed on your Gatehouse account");
        assert!(m.text.contains("\n\nTwo-factor authentication via TOTP was turned on.\n\n"), "{}", m.text);
        assert!(m.text.contains("Review your account's security: https://id.example/s"), "{}", m.text);
        let m = two_factor_code(Language::En, "a@example.test", "Ada", "123456");
        assert_eq!(m.subject, "Your Gatehouse verification code");
        assert!(m.text.contains("Your Gatehouse verification code is:\n\n123456\n\n"), "{}", m.text);
    }

    #[test]
    fn a_german_mail_is_german() {
        let m = reset_password(Language::De, "a@example.test", "Ada", LINK);
        assert_eq!(m.subject, "Gatehouse-Passwort zurücksetzen");
        assert!(m.text.starts_with("Hallo Ada,\n\n"), "{}", m.text);
        assert!(m.text.contains(&format!("Neues Passwort wählen: {LINK}")), "{}", m.text);
        assert!(m.html.contains("<html lang=\"de\" dir=\"ltr\">"), "{}", m.html);
        assert!(m.html.contains(">Neues Passwort wählen</a>"), "{}", m.html);
        let m = verify_email(Language::De, "a@example.test", "Ada", LINK);
        assert_eq!(m.subject, "Bestätigen Sie Ihre E-Mail-Adresse für Gatehouse");
        assert!(m.text.contains("Bitte bestätigen Sie"), "{}", m.text);
    }

    #[test]
    fn an_arabic_mail_is_arabic_and_right_to_left() {
        for m in every_mail(Language::Ar) {
            assert!(m.html.starts_with("<!doctype html><html lang=\"ar\" dir=\"rtl\">"), "{}", m.html);
            assert!(m.text.starts_with("مرحبًا"), "{}", m.text);
            assert!(m.subject.chars().any(|c| ('\u{0600}'..='\u{06ff}').contains(&c)), "{}", m.subject);
            // No bidi control characters: the catalogue adds none, and Fluent's isolation is off.
            let controls = ['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{202b}'];
            assert!(!m.text.contains(controls) && !m.html.contains(controls) && !m.subject.contains(controls));
        }
        let m = reset_password(Language::Ar, "a@example.test", "Ada", LINK);
        assert_eq!(m.subject, "إعادة تعيين كلمة المرور في Gatehouse");
    }

    #[test]
    fn every_mail_is_written_in_every_language() {
        let english = every_mail(Language::En);
        for lang in Language::ALL {
            let mails = every_mail(*lang);
            for (m, en) in mails.iter().zip(&english) {
                // A message the catalogue lacks would come out as its id.
                assert!(!m.subject.contains("mail-") && !m.text.contains("mail-"), "{lang:?}: {}", m.text);
                assert!(m.html.contains(&format!("lang=\"{}\"", lang.as_str())), "{lang:?}");
                if *lang != Language::En {
                    assert_ne!((&m.subject, &m.text), (&en.subject, &en.text), "{lang:?}: untranslated");
                }
            }
            // Each change of factors says something of its own.
            let leads: std::collections::BTreeSet<String> =
                FactorChange::ALL.iter().map(|w| i18n::catalogue(lang.as_str()).format(&w.says())).collect();
            assert_eq!(leads.len(), FactorChange::ALL.len(), "{lang:?}");
        }
    }

    async fn choose(db: &Db, user_id: &str, value: &str) {
        sqlx::query("INSERT INTO user_preferences (user_id, key, value, updated_at) VALUES ($1, 'language', $2, 1)")
            .bind(user_id)
            .bind(value)
            .execute(db)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn mail_follows_the_account_s_choice_else_the_server_s_default() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(10);
            for (id, choice) in [("ann", None), ("bob", Some("\"ar\"")), ("cid", Some("\"xx\""))] {
                crate::accounts::repo::insert(&t.db, &crate::accounts::repo::test_row(id, id, &format!("{id}@e.test")))
                    .await
                    .unwrap();
                if let Some(value) = choice {
                    choose(&t.db, id, value).await;
                }
            }
            assert_eq!(language_of(&env, "ann").await.unwrap(), Language::En, "{:?}", t.backend);
            assert_eq!(language_of(&env, "bob").await.unwrap(), Language::Ar);
            assert_eq!(language_of(&env, "cid").await.unwrap(), Language::En, "a bad row is no choice");

            let mut defaults = Choices::default();
            defaults.insert(Setting::language, serde_json::json!("de"));
            env.put_setting(PREFERENCE_DEFAULTS, &defaults).await.unwrap();
            assert_eq!(server_language(&env).await.unwrap(), Language::De);
            assert_eq!(language_of(&env, "ann").await.unwrap(), Language::De, "the server's default");
            assert_eq!(language_of(&env, "bob").await.unwrap(), Language::Ar, "the account's choice first");
            assert_eq!(language_of(&env, "cid").await.unwrap(), Language::De);
            t.close().await;
        }
    }

    #[tokio::test]
    async fn registration_keeps_the_page_s_language_and_mails_in_it() {
        for t in testing::all().await {
            let te = TestEnv::new(&t.db);
            let env = te.at(10);
            let meta = ClientMeta::local("test");
            let policy = PasswordPolicy::default();
            let input = |username: &'static str, email: &'static str| RegisterInput {
                name: "Ada",
                username,
                email,
                password: "a long passphrase",
            };
            let (ada, _) = auth::register_in(
                &env,
                TestEnv::TIMEOUTS,
                input("ada", "ada@example.test"),
                Some(Language::De),
                &policy,
                &meta,
            )
            .await
            .unwrap();
            let mail = te.next_mail(i64::MAX / 2).await.unwrap();
            assert_eq!(mail.subject, "Bestätigen Sie Ihre E-Mail-Adresse für Gatehouse", "{:?}", t.backend);
            assert_eq!(chosen_language(&t.db, &ada.id).await.unwrap(), Some(Language::De));

            // The server's default language is no choice: the account follows the default.
            let (bob, _) = auth::register_in(
                &env,
                TestEnv::TIMEOUTS,
                input("bob", "bob@example.test"),
                Some(Language::En),
                &policy,
                &meta,
            )
            .await
            .unwrap();
            assert_eq!(te.next_mail(i64::MAX / 2).await.unwrap().subject, "Confirm your Gatehouse email address");
            assert_eq!(chosen_language(&t.db, &bob.id).await.unwrap(), None);
            t.close().await;
        }
    }
}
