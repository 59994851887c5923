//! Mail texts. Every link is built from the configured public URL, never from a request.

use super::OutgoingMail;

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
}
