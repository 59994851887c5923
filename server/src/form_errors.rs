//! The no-JavaScript error round trip, made tamper-proof.
//!
//! Without WASM a form posts to `/fn/…`; on an error Leptos redirects back to the page with
//! `?__path=<function>&__err=<serialized error>`, and the page shows that error. The query is
//! the attacker's to write, so anyone could put their own text on the real site with a link.
//! Here every such redirect the server makes is signed (`__sig=<unix ms>.<HMAC>`, over the
//! function, the error and the time), and a page request that carries an error without a
//! valid, recent signature is sent to the same address without it. Only errors this server
//! produced in the last few minutes are ever shown.

use platform::crypto::{constant_time_eq, SecretKey};

const PATH: &str = "__path";
const ERR: &str = "__err";
const SIG: &str = "__sig";
/// How long a signed error may be shown (the redirect is followed at once; a reload or
/// "back" within this still shows it).
pub const VALID_MS: i64 = 10 * 60 * 1000;
const CONTEXT: &str = "form-error";

fn signature(key: &SecretKey, path: &str, err: &str, at: i64) -> Option<String> {
    let mac = key.mac(CONTEXT, format!("{path}\n{err}\n{at}").as_bytes()).ok()?;
    Some(format!("{at}.{mac}"))
}

/// The `Location` of a server function's redirect with the error it carries signed; `None`
/// when there is no error in it (nothing to do).
pub fn sign_location(location: &str, key: &SecretKey, now: i64) -> Option<String> {
    let mut url = url::Url::parse(location).ok()?;
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().filter(|(k, _)| k != SIG).collect();
    let path = pairs.iter().find(|(k, _)| k == PATH).map(|(_, v)| v.clone())?;
    let err = pairs.iter().find(|(k, _)| k == ERR).map(|(_, v)| v.clone())?;
    let sig = signature(key, &path, &err, now)?;
    url.query_pairs_mut().clear().extend_pairs(&pairs).append_pair(SIG, &sig);
    Some(url.to_string())
}

/// For a page request's query: `None` when it may be rendered as it is (no error in it, or a
/// valid one); otherwise the query to redirect to, with the error parameters removed.
pub fn refuse_unsigned(query: Option<&str>, key: &SecretKey, now: i64) -> Option<String> {
    let query = query?;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    if get(PATH).is_none() && get(ERR).is_none() && get(SIG).is_none() {
        return None;
    }
    let valid = match (get(PATH), get(ERR), get(SIG)) {
        (Some(path), Some(err), Some(sig)) => verify(key, path, err, sig, now),
        _ => false,
    };
    if valid {
        return None;
    }
    let kept = pairs.iter().filter(|(k, _)| k != PATH && k != ERR && k != SIG);
    Some(form_urlencoded::Serializer::new(String::new()).extend_pairs(kept).finish())
}

fn verify(key: &SecretKey, path: &str, err: &str, sig: &str, now: i64) -> bool {
    let Some(at) = sig.split_once('.').and_then(|(at, _)| at.parse::<i64>().ok()) else {
        return false;
    };
    if !(now - VALID_MS..=now + 60_000).contains(&at) {
        return false;
    }
    signature(key, path, err, at).is_some_and(|expected| constant_time_eq(expected.as_bytes(), sig.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    fn key() -> SecretKey {
        SecretKey::from_hex(&"ab".repeat(32)).unwrap()
    }

    fn query_of(location: &str) -> String {
        url::Url::parse(location).unwrap().query().unwrap_or_default().to_owned()
    }

    #[test]
    fn a_signed_error_is_shown_within_its_time() {
        let loc =
            sign_location("http://h/signin?next=%2Fa&__path=%2Ffn%2Fsign_in&__err=eyJ4Ijox", &key(), NOW).unwrap();
        assert!(loc.contains("next=%2Fa") && loc.contains("__sig="), "{loc}");
        let q = query_of(&loc);
        assert_eq!(refuse_unsigned(Some(&q), &key(), NOW + 1_000), None);
        assert_eq!(refuse_unsigned(Some(&q), &key(), NOW + VALID_MS), None);
        // Too old: shown no more.
        assert_eq!(refuse_unsigned(Some(&q), &key(), NOW + VALID_MS + 1).as_deref(), Some("next=%2Fa"));
        // Another server's key.
        let other = SecretKey::from_hex(&"cd".repeat(32)).unwrap();
        assert!(refuse_unsigned(Some(&q), &other, NOW).is_some());
    }

    #[test]
    fn a_written_or_changed_error_is_removed() {
        // No signature at all: the attack.
        assert_eq!(refuse_unsigned(Some("__path=/fn/sign_in&__err=ZXZpbA&x=1"), &key(), NOW).as_deref(), Some("x=1"));
        // A real signature with a different error text or function.
        let q = query_of(&sign_location("http://h/?__path=%2Ffn%2Fa&__err=AAAA", &key(), NOW).unwrap());
        assert!(refuse_unsigned(Some(&q.replace("AAAA", "BBBB")), &key(), NOW).is_some());
        assert!(refuse_unsigned(Some(&q.replace("%2Ffn%2Fa", "%2Ffn%2Fb")), &key(), NOW).is_some());
        // A signature alone, or a time moved forward.
        assert_eq!(refuse_unsigned(Some("__sig=1.2"), &key(), NOW).as_deref(), Some(""));
        let moved = q.replace(&format!("__sig={NOW}"), &format!("__sig={}", NOW + 5));
        assert!(refuse_unsigned(Some(&moved), &key(), NOW).is_some());
    }

    proptest::proptest! {
        /// Any query: no panic, and what is let through either has no error in it or was
        /// signed here; a redirect's query never carries one.
        #[test]
        fn nothing_unsigned_gets_through(query in proptest::prelude::any::<String>()) {
            match refuse_unsigned(Some(&query), &key(), NOW) {
                Some(clean) => {
                    let kept: Vec<(String, String)> = form_urlencoded::parse(clean.as_bytes()).into_owned().collect();
                    proptest::prop_assert!(kept.iter().all(|(k, _)| k != PATH && k != ERR && k != SIG));
                }
                None => {
                    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
                    proptest::prop_assert!(pairs.iter().all(|(k, _)| k != PATH && k != ERR && k != SIG));
                }
            }
        }
    }

    #[test]
    fn queries_without_an_error_pass() {
        assert_eq!(refuse_unsigned(None, &key(), NOW), None);
        assert_eq!(refuse_unsigned(Some("token=abc&next=%2F"), &key(), NOW), None);
        assert_eq!(sign_location("http://h/account/profile", &key(), NOW), None);
        assert_eq!(sign_location("/relative", &key(), NOW), None);
    }
}
