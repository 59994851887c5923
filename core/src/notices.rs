//! The texts of the mails Gatehouse sends. Every link is built from the configured public URL,
//! never from a request.

use platform::mail::OutgoingMail;

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

fn wrap(paragraphs: &[String]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!("<!doctype html><html><body style=\"font-family: sans-serif\">{body}</body></html>")
}

/// "Your password was changed", to the account's address.
pub fn password_changed(to: &str, name: &str, security_url: &str) -> OutgoingMail {
    let text = format!(
        "Hello {name},\n\nThe password of your Gatehouse account was just changed, and every other \
         session was signed out.\n\nIf you did not do this, reset your password at once and review \
         your sessions: {security_url}\n"
    );
    let html = wrap(&[
        format!("Hello {},", escape_html(name)),
        "The password of your Gatehouse account was just changed, and every other session was signed out.".to_owned(),
        format!(
            "If you did not do this, reset your password at once and <a href=\"{}\">review your sessions</a>.",
            escape_html(security_url)
        ),
    ]);
    OutgoingMail { to: to.to_owned(), subject: "Your Gatehouse password was changed".to_owned(), text, html }
}

/// A message whose main part is one link to follow.
fn with_link(to: &str, subject: &str, name: &str, lead: &str, action: &str, link: &str, tail: &str) -> OutgoingMail {
    let text = format!("Hello {name},\n\n{lead}\n\n{action}: {link}\n\n{tail}\n");
    let html = wrap(&[
        format!("Hello {},", escape_html(name)),
        escape_html(lead),
        format!("<a href=\"{}\">{}</a>", escape_html(link), escape_html(action)),
        escape_html(tail),
    ]);
    OutgoingMail { to: to.to_owned(), subject: subject.to_owned(), text, html }
}

/// The link that confirms the account's address (after registration, or a resend).
pub fn verify_email(to: &str, name: &str, link: &str) -> OutgoingMail {
    with_link(
        to,
        "Confirm your Gatehouse email address",
        name,
        "Please confirm that this is your email address.",
        "Confirm your email address",
        link,
        "The link works once, for 24 hours. If you did not create a Gatehouse account, ignore this message.",
    )
}

/// The link that makes a new address the account's address.
pub fn confirm_new_email(to: &str, name: &str, link: &str) -> OutgoingMail {
    with_link(
        to,
        "Confirm your new Gatehouse email address",
        name,
        "You asked to use this address for your Gatehouse account. It takes effect once you confirm it.",
        "Confirm your new email address",
        link,
        "The link works once, for 24 hours. If you did not ask for this, ignore this message.",
    )
}

/// To the old address when a change of address is asked for.
pub fn email_change_requested(to: &str, name: &str, new_address: &str, security_url: &str) -> OutgoingMail {
    with_link(
        to,
        "A change of your Gatehouse email address was requested",
        name,
        &format!(
            "Someone signed in to your Gatehouse account asked to change its email address to {new_address}. \
             It changes only once the link sent to that address is opened."
        ),
        "Review your account's security",
        security_url,
        "If this was not you, change your password at once.",
    )
}

/// To the old address once a change of address is done.
pub fn email_changed(to: &str, name: &str, new_address: &str, security_url: &str) -> OutgoingMail {
    with_link(
        to,
        "Your Gatehouse email address was changed",
        name,
        &format!(
            "The email address of your Gatehouse account is now {new_address}. Mail about the account, \
             password reset links included, goes there from now on."
        ),
        "Review your account's security",
        security_url,
        "If this was not you, contact your administrator at once: whoever changed it can now reset your password.",
    )
}

/// To an address already in use, when another account asks to move to it: the asker is told
/// the same as for a free address (nothing to learn about who is registered), and the owner
/// learns what happened.
pub fn email_already_in_use(to: &str, name: &str, security_url: &str) -> OutgoingMail {
    with_link(
        to,
        "Someone tried to use your address for another Gatehouse account",
        name,
        "Another Gatehouse account asked to change its email address to this one. This address already \
         belongs to your account, so nothing changed. If that was you, sign in with this address instead.",
        "Review your account's security",
        security_url,
        "If you do not recognise this, you need not do anything.",
    )
}

/// The password reset link.
pub fn reset_password(to: &str, name: &str, link: &str) -> OutgoingMail {
    with_link(
        to,
        "Reset your Gatehouse password",
        name,
        "Someone asked to reset the password of your Gatehouse account.",
        "Choose a new password",
        link,
        "The link works once, for one hour. If you did not ask for this, ignore this message: your password \
         stays as it is.",
    )
}

/// A six-digit code for the second step (sign-in, or confirming a change).
pub fn two_factor_code(to: &str, name: &str, code: &str) -> OutgoingMail {
    let lead = "Your Gatehouse verification code is:";
    let tail = "It works once, for 10 minutes. If you did not just sign in or ask for it, change your password: \
                someone knows it.";
    let text = format!("Hello {name},\n\n{lead}\n\n{code}\n\n{tail}\n");
    let html = wrap(&[
        format!("Hello {},", escape_html(name)),
        escape_html(lead),
        format!("<strong style=\"font-size: 1.5em; letter-spacing: 0.2em\">{}</strong>", escape_html(code)),
        escape_html(tail),
    ]);
    // Not in the subject: only bodies are sealed in the mail queue.
    OutgoingMail { to: to.to_owned(), subject: "Your Gatehouse verification code".to_owned(), text, html }
}

/// A change of the account's second factors.
pub fn two_factor_changed(to: &str, name: &str, what: &str, security_url: &str) -> OutgoingMail {
    with_link(
        to,
        "Two-factor authentication changed on your Gatehouse account",
        name,
        &format!("{what}."),
        "Review your account's security",
        security_url,
        "If this was not you, change your password at once and contact your administrator.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_bodies_escape_what_users_typed() {
        let m = password_changed("a@example.test", "<b>Ada</b> & co", "https://id.example/account/security");
        assert!(m.html.contains("&lt;b&gt;Ada&lt;/b&gt; &amp; co"));
        assert!(m.text.contains("https://id.example/account/security"));
        assert!(m.html.contains("href=\"https://id.example/account/security\""));
    }

    #[test]
    fn link_mails_carry_the_link_in_both_bodies() {
        let link = "https://id.example/reset-password?token=abc&x=1";
        for m in [
            reset_password("a@example.test", "Ada", link),
            verify_email("a@example.test", "Ada", link),
            confirm_new_email("a@example.test", "Ada", link),
        ] {
            assert!(m.text.contains(link), "{}", m.subject);
            assert!(m.html.contains("href=\"https://id.example/reset-password?token=abc&amp;x=1\""), "{}", m.subject);
        }
        let notice = email_change_requested("old@example.test", "Ada", "<new>@example.test", "https://id.example/s");
        assert!(notice.html.contains("&lt;new&gt;@example.test") && notice.text.contains("<new>@example.test"));
    }
}
