//! Who is asking: client address and user agent (set on every request by the server's
//! middleware), and the cookies a request carries.

use http::{header, HeaderMap};

/// Who is asking: set on every request by the server's middleware.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientMeta {
    pub ip: String,
    pub user_agent: String,
    /// The browser's device id (a random id it keeps for a long time in a cookie, so that a
    /// sign-in from a browser the account has not used before can be told apart): set for the
    /// server functions that sign a browser in, None for every other request.
    pub device: Option<BrowserDevice>,
}

/// A browser's device id, from its cookie, or new for a browser that has none (then a sign-in
/// gives it the cookie). Never printed: it identifies the browser.
#[derive(Clone, PartialEq, Eq)]
pub struct BrowserDevice {
    pub id: String,
    pub new: bool,
}

impl std::fmt::Debug for BrowserDevice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrowserDevice").field("id", &"[redacted]").field("new", &self.new).finish()
    }
}

impl ClientMeta {
    /// A client at `ip` with `user_agent`, without a device cookie.
    pub fn new(ip: impl Into<String>, user_agent: impl Into<String>) -> Self {
        ClientMeta { ip: ip.into(), user_agent: user_agent.into(), device: None }
    }

    /// For work that no request started (the command line, background jobs).
    pub fn local(what: &str) -> Self {
        ClientMeta::new("local", what)
    }

    /// Whether this is [`ClientMeta::local`]'s: no client, no address.
    pub fn is_local(&self) -> bool {
        self.ip == "local"
    }

    /// Reads the client from the headers and the peer address. `X-Forwarded-For` is believed
    /// only when the operator said a proxy sets it; then its last entry (the one our proxy
    /// added; in the last header line when the client sent lines of its own) is the client.
    pub fn from_request(headers: &HeaderMap, peer: Option<std::net::IpAddr>, trust_proxy: bool) -> Self {
        let forwarded = trust_proxy
            .then(|| headers.get_all("x-forwarded-for").iter().next_back().and_then(|v| v.to_str().ok()))
            .flatten()
            .and_then(|v| v.rsplit(',').next())
            .map(str::trim)
            .and_then(|v| v.parse::<std::net::IpAddr>().ok());
        let ip = forwarded.or(peer).map(|ip| ip.to_string()).unwrap_or_else(|| "unknown".to_owned());
        let user_agent: String =
            headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").chars().take(512).collect();
        ClientMeta { ip, user_agent, device: None }
    }
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value for the whole site: HttpOnly, SameSite=Lax, Secure unless turned off
/// for plain-http development; `max_age_s` None makes it last as long as the browser session.
pub fn set_cookie(name: &str, value: &str, max_age_s: Option<i64>, secure: bool) -> String {
    let max_age = max_age_s.map(|s| format!("; Max-Age={s}")).unwrap_or_default();
    format!("{name}={value}; Path=/{max_age}; HttpOnly; SameSite=Lax{}", if secure { "; Secure" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn finds_a_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.append(header::COOKIE, HeaderValue::from_static("a=1; gatehouse_session=tok; b=2"));
        assert_eq!(cookie(&h, "gatehouse_session"), Some("tok"));
        assert_eq!(cookie(&h, "missing"), None);
    }

    #[test]
    fn forwarded_for_is_only_believed_when_trusted() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 10.0.0.7"));
        h.insert(header::USER_AGENT, HeaderValue::from_static("curl/8"));
        let peer = Some("127.0.0.1".parse().unwrap());
        assert_eq!(ClientMeta::from_request(&h, peer, false).ip, "127.0.0.1");
        assert_eq!(ClientMeta::from_request(&h, peer, true).ip, "10.0.0.7");
        assert_eq!(ClientMeta::from_request(&h, peer, true).user_agent, "curl/8");
    }

    #[test]
    fn forwarded_for_in_several_lines_is_read_from_the_last() {
        // The client sent a line of its own; the proxy appended the address it saw.
        let mut h = HeaderMap::new();
        h.append("x-forwarded-for", HeaderValue::from_static("6.6.6.6"));
        h.append("x-forwarded-for", HeaderValue::from_static("7.7.7.7, 198.51.100.9"));
        let peer = Some("127.0.0.1".parse().unwrap());
        assert_eq!(ClientMeta::from_request(&h, peer, true).ip, "198.51.100.9");
    }
}
