//! Fetching a picture from a URL a user typed, without letting that URL reach anything but the
//! public internet (server-side request forgery).
//!
//! Every name is resolved by [`PublicOnly`], which hands the connector only addresses that
//! [`platform::outbound::check`] passes: the address checked is the address connected to, so a
//! name that resolves to a public address once and a private one the next time (DNS rebinding)
//! gains nothing. A URL whose host is an IP address skips resolution and is checked here
//! first. Redirects are followed by hand, at most [`MAX_REDIRECTS`], each target checked the
//! same way. No proxy from the environment is used; the body is read up to a limit.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use reqwest::{
    dns::{Addrs, Name, Resolve, Resolving},
    header, redirect, StatusCode, Url,
};

pub const MAX_REDIRECTS: usize = 3;

/// Why a URL gave no picture; the messages ([`FetchError::msg`]) are the ones shown next to
/// the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    Disabled,
    BadUrl,
    HttpNotAllowed,
    AddressNotAllowed,
    NotReachable,
    TooLarge,
    NotAnImage,
}

impl FetchError {
    pub fn msg(self) -> i18n::Msg {
        use i18n::k;
        match self {
            FetchError::Disabled => k::error_avatar_url_disabled(),
            FetchError::BadUrl => k::error_avatar_url_invalid(),
            FetchError::HttpNotAllowed => k::error_avatar_url_http(),
            FetchError::AddressNotAllowed => k::error_avatar_url_not_public(),
            FetchError::NotReachable => k::error_avatar_url_unreachable(),
            FetchError::TooLarge => k::error_avatar_url_too_large(),
            FetchError::NotAnImage => k::error_avatar_url_not_an_image(),
        }
    }
}

/// What the administrator allows (`platform::config`).
#[derive(Debug, Clone, Default)]
pub struct FetchPolicy {
    /// Pictures from addresses at all (`GATEHOUSE_AVATAR_URLS`).
    pub enabled: bool,
    /// Plain `http://` too (`GATEHOUSE_AVATAR_ALLOW_HTTP`).
    pub allow_http: bool,
    /// One loopback address and port the tests' picture server listens on, reachable by an IP
    /// URL only (never through a name, never another port). The configuration accepts it only
    /// while the server itself listens on loopback: see `platform::config`.
    pub test_origin: Option<SocketAddr>,
    pub timeout: Duration,
}

/// A resolver that returns only public addresses.
struct PublicOnly;

#[derive(Debug)]
struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no public address")
    }
}

impl std::error::Error for Refused {}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let public: Vec<SocketAddr> = found.filter(|a| platform::outbound::is_public(a.ip())).collect();
            if public.is_empty() {
                return Err(Box::new(Refused) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

fn client(policy: &FetchPolicy) -> Result<reqwest::Client, FetchError> {
    reqwest::Client::builder()
        .dns_resolver(Arc::new(PublicOnly))
        .no_proxy()
        .redirect(redirect::Policy::none())
        .timeout(policy.timeout)
        .connect_timeout(policy.timeout)
        .user_agent("Gatehouse avatar fetcher")
        .build()
        .map_err(|e| {
            tracing::error!(error = %e, "avatar fetch client");
            FetchError::NotReachable
        })
}

/// True when the error's chain holds [`PublicOnly`]'s refusal (not, say, a refused connection).
fn refused_by_resolver(e: &reqwest::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(c) = cause {
        if c.downcast_ref::<Refused>().is_some() {
            return true;
        }
        cause = c.source();
    }
    false
}

/// The host of a URL, for logs and the audit (its path and query may carry someone's token).
pub fn host_of(raw: &str) -> Option<String> {
    Url::parse(raw.trim()).ok().and_then(|u| u.host_str().map(str::to_owned))
}

/// Checks a URL before it is requested: scheme, no credentials, and an IP host's address.
fn check_url(url: &Url, policy: &FetchPolicy) -> Result<(), FetchError> {
    let ip = match url.host() {
        None => return Err(FetchError::BadUrl),
        Some(url::Host::Domain(_)) => None,
        Some(url::Host::Ipv4(ip)) => Some(std::net::IpAddr::from(ip)),
        Some(url::Host::Ipv6(ip)) => Some(std::net::IpAddr::from(ip)),
    };
    // The tests' picture server, by its address and port exactly (it speaks plain http).
    let test_origin =
        ip.is_some_and(|ip| policy.test_origin == Some(SocketAddr::new(ip, url.port_or_known_default().unwrap_or(0))));
    match url.scheme() {
        "https" => {}
        "http" if policy.allow_http || test_origin => {}
        "http" => return Err(FetchError::HttpNotAllowed),
        _ => return Err(FetchError::BadUrl),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(FetchError::BadUrl);
    }
    match ip {
        Some(ip) if !test_origin && !platform::outbound::is_public(ip) => Err(FetchError::AddressNotAllowed),
        _ => Ok(()),
    }
}

/// The body at `raw` (at most `max_bytes`), following at most [`MAX_REDIRECTS`] redirects.
pub async fn fetch(raw: &str, policy: &FetchPolicy, max_bytes: usize) -> Result<Vec<u8>, FetchError> {
    if !policy.enabled {
        return Err(FetchError::Disabled);
    }
    let mut url = Url::parse(raw.trim()).map_err(|_| FetchError::BadUrl)?;
    let client = client(policy)?;
    for _ in 0..=MAX_REDIRECTS {
        check_url(&url, policy)?;
        let res = client.get(url.clone()).send().await.map_err(|e| {
            // The resolver's refusal comes back inside a connect error.
            if refused_by_resolver(&e) {
                FetchError::AddressNotAllowed
            } else {
                FetchError::NotReachable
            }
        })?;
        // Defence in depth: the address actually connected to.
        if let Some(peer) = res.remote_addr() {
            if policy.test_origin != Some(peer) && !platform::outbound::is_public(peer.ip()) {
                return Err(FetchError::AddressNotAllowed);
            }
        }
        if res.status().is_redirection() {
            let next =
                res.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).ok_or(FetchError::NotReachable)?;
            url = url.join(next).map_err(|_| FetchError::BadUrl)?;
            continue;
        }
        if res.status() != StatusCode::OK {
            return Err(FetchError::NotReachable);
        }
        if res.content_length().is_some_and(|n| n > max_bytes as u64) {
            return Err(FetchError::TooLarge);
        }
        return read_capped(res, max_bytes).await;
    }
    Err(FetchError::NotReachable)
}

async fn read_capped(mut res: reqwest::Response, max_bytes: usize) -> Result<Vec<u8>, FetchError> {
    let mut body = Vec::new();
    while let Some(chunk) = res.chunk().await.map_err(|_| FetchError::NotReachable)? {
        if body.len() + chunk.len() > max_bytes {
            return Err(FetchError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    if body.is_empty() {
        return Err(FetchError::NotAnImage);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> FetchPolicy {
        FetchPolicy { enabled: true, timeout: Duration::from_secs(2), ..Default::default() }
    }

    #[test]
    fn urls_are_checked_before_any_request() {
        let p = policy();
        let check = |u: &str| check_url(&Url::parse(u).unwrap(), &p);
        assert_eq!(check("https://pictures.example/a.png"), Ok(()));
        assert_eq!(check("http://pictures.example/a.png"), Err(FetchError::HttpNotAllowed));
        assert_eq!(check("ftp://pictures.example/a.png"), Err(FetchError::BadUrl));
        assert_eq!(check("file:///etc/passwd"), Err(FetchError::BadUrl));
        assert_eq!(check("https://user:pw@pictures.example/a.png"), Err(FetchError::BadUrl));
        for inner in [
            "https://127.0.0.1/",
            "https://127.0.0.2:8443/",
            "https://[::1]/",
            "https://169.254.169.254/latest/meta-data/",
            "https://10.0.0.1/",
            "https://[fd00::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://2130706433/",
            "https://0x7f.1/",
        ] {
            assert_eq!(check(inner), Err(FetchError::AddressNotAllowed), "{inner}");
        }
        let http = FetchPolicy { allow_http: true, ..policy() };
        assert_eq!(check_url(&Url::parse("http://pictures.example/").unwrap(), &http), Ok(()));
    }

    #[tokio::test]
    async fn names_that_resolve_only_to_loopback_give_the_connector_nothing() {
        let name: Name = "localhost".parse().unwrap();
        let resolved = PublicOnly.resolve(name).await;
        assert!(resolved.err().is_some_and(|e| e.to_string() == "no public address"));
    }

    #[test]
    fn the_test_origin_opens_one_port_of_one_address_and_nothing_else() {
        let p = FetchPolicy { test_origin: Some("127.0.0.1:4010".parse().unwrap()), ..policy() };
        let check = |u: &str| check_url(&Url::parse(u).unwrap(), &p);
        assert_eq!(check("http://127.0.0.1:4010/a.png"), Ok(()));
        for other in ["https://127.0.0.1:4011/", "https://127.0.0.1/", "https://127.0.0.2:4010/", "https://[::1]:4010/"]
        {
            assert_eq!(check(other), Err(FetchError::AddressNotAllowed), "{other}");
        }
        // Plain http stays refused everywhere else.
        assert_eq!(check("http://127.0.0.1:4011/"), Err(FetchError::HttpNotAllowed));
        assert_eq!(check("http://pictures.example/"), Err(FetchError::HttpNotAllowed));
    }
}
