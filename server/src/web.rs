//! HTTP middleware: client metadata, CSRF refusal and security headers.

use std::net::SocketAddr;

use app::server::AppState;
use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use platform::request::ClientMeta;
use wire::AppError;

use crate::form_errors;

/// Why a state-changing request is refused, or None when it may go on.
///
/// Browsers say where a request comes from in `Sec-Fetch-Site` (and `Origin`); neither can be
/// forged by a page. Only same-origin requests may change state. Clients that send neither
/// header are not browsers, so they carry no ambient cookie authority worth forging.
pub fn csrf_refusal(method: &Method, headers: &HeaderMap, public_origin: &str) -> Option<&'static str> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return match site.as_bytes() {
            b"same-origin" | b"none" => None,
            _ => Some("sec-fetch-site"),
        };
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        return (origin.as_bytes() != public_origin.as_bytes()).then_some("origin");
    }
    None
}

/// The page CSP: scripts only from us or with this response's nonce; WASM may compile. `blob:`
/// is the preview of a picture chosen on the Profile page (an address this page made of the
/// file; Chromium reads it as a connection when the file turns out not to be a picture).
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: blob:; connect-src 'self' blob:; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// For everything that is not a page (JSON, files, errors).
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The signed-in person of a browser's request to a route beside the server functions (a
/// download, the avatar form): by the session cookie, admitted as the pages admit them.
pub async fn cookie_principal(
    state: &AppState,
    env: &platform::Env<'_>,
    headers: &HeaderMap,
    meta: &ClientMeta,
    opens: gatehouse_core::access::Opens,
) -> Result<(gatehouse_core::principal::Principal, gatehouse_core::access::Standing), AppError> {
    use gatehouse_core::{access, callers, sessions};
    let token = platform::request::cookie(headers, sessions::cookie_name(state.config.cookie_secure))
        .ok_or(AppError::Unauthenticated)?;
    let me = callers::by_session(env, &state.core, token, meta).await?.ok_or(AppError::Unauthenticated)?;
    let standing = access::admit(env, &me, opens).await?;
    Ok((me, standing))
}

/// Records the client, refuses cross-site writes and adds the security headers.
pub async fn security(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let meta = ClientMeta::from_request(req.headers(), peer, state.config.trust_proxy_headers);

    if let Some(why) = csrf_refusal(req.method(), req.headers(), state.config.public_url.origin()) {
        tracing::warn!(ip = %meta.ip, path = %req.uri().path(), header = why, "refused a cross-site request");
        // The API's one error body for API clients; a person whose browser posted a form from
        // another site reads a sentence, in their language.
        let mut res = if req.uri().path().starts_with("/api/") {
            AppError::Forbidden.into_response()
        } else {
            let text = words(req.headers(), &state).format(&i18n::k::error_cross_site());
            (StatusCode::FORBIDDEN, text).into_response()
        };
        add_headers(res.headers_mut(), state.config.public_url.is_https(), false);
        return res;
    }

    let key = &state.core.platform.key;
    let now = state.core.platform.clock.now_ms();
    let reads_page = matches!(*req.method(), Method::GET | Method::HEAD) && !req.uri().path().starts_with("/api/");
    if let Some(query) = reads_page.then(|| form_errors::refuse_unsigned(req.uri().query(), key, now)).flatten() {
        // An error in the address that this server did not write: the same page without it.
        tracing::warn!(ip = %meta.ip, path = %req.uri().path(), "dropped an unsigned form error from a page address");
        let to = if query.is_empty() { req.uri().path().to_owned() } else { format!("{}?{query}", req.uri().path()) };
        let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
        add_headers(res.headers_mut(), state.config.public_url.is_https(), false);
        return res;
    }

    req.extensions_mut().insert(meta);
    let from_server_fn = req.uri().path().starts_with("/fn/");
    let cacheable = is_static_asset(req.uri().path());
    let carries_link_token = matches!(req.uri().path(), "/reset-password" | "/verify-email" | "/invitation");
    // Pages are read with GET: the words of a page that fails after its render.
    let page_words = (reads_page && !cacheable).then(|| words(req.headers(), &state));
    let mut res = next.run(req).await;
    if from_server_fn {
        sign_form_error(&mut res, key, now);
    }
    if is_html(&res) && !res.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        res = page_csp_from_document(res, page_words.unwrap_or_else(|| i18n::catalogue(i18n::DEFAULT))).await;
    }
    if carries_link_token {
        // The token is in this page's URL: no request from the page may carry it onward.
        res.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    }
    add_headers(res.headers_mut(), state.config.public_url.is_https(), cacheable);
    res
}

/// The catalogue of the request's language (as its page would be answered in).
pub fn words(headers: &HeaderMap, state: &AppState) -> &'static i18n::Catalogue {
    i18n::catalogue(app::server::request_language(headers, state.config.cookie_secure).as_str())
}

/// A no-JavaScript form's redirect back with an error: signs the error (see [`form_errors`]).
fn sign_form_error(res: &mut Response, key: &platform::crypto::SecretKey, now: i64) {
    let signed = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|to| form_errors::sign_location(to, key, now))
        .and_then(|to| HeaderValue::from_str(&to).ok());
    if let Some(to) = signed {
        res.headers_mut().insert(header::LOCATION, to);
    }
}

fn is_html(res: &Response) -> bool {
    res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"))
}

/// A page whose render did not set its CSP. The page CSP names the nonce Leptos put on the
/// page's scripts, and Leptos sets it through the render's context (`page_context`). Now and
/// then, under concurrent renders with lazy routes, a page came out without it (Leptos
/// 0.8's `from_app` runs part of the render outside the request's reactive owner) and got the
/// default `default-src 'none'`: a page that can never hydrate. Here the nonce is read back
/// from the document's `<head>` (written by the server before any user content), so the
/// policy always matches the scripts the page carries; without one the default stays.
async fn page_csp_from_document(res: Response, words: &i18n::Catalogue) -> Response {
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 4 << 20).await else {
        let text = words.format(&i18n::k::error_page_failed());
        return (StatusCode::INTERNAL_SERVER_ERROR, text).into_response();
    };
    let nonce = std::str::from_utf8(&bytes).ok().and_then(nonce_in_head);
    if let Some(v) = nonce.and_then(|n| HeaderValue::from_str(&page_csp(n)).ok()) {
        tracing::warn!("a page came without its CSP from the render; set from the document's nonce");
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The nonce of the first `<script>` in the document's `<head>`, when it is a plausible one
/// (base64url, 16 to 64 characters).
fn nonce_in_head(html: &str) -> Option<&str> {
    let head = &html[..html.find("</head>")?];
    let script = &head[head.find("<script")?..];
    let tag = &script[..script.find('>')?];
    let value = &tag[tag.find(" nonce=\"")? + " nonce=\"".len()..];
    let nonce = &value[..value.find('"')?];
    let plausible = (16..=64).contains(&nonce.len())
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'+' || b == b'/' || b == b'=');
    plausible.then_some(nonce)
}

fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg"
}

fn add_headers(h: &mut HeaderMap, https: bool, cacheable: bool) {
    let mut set_default = |name: header::HeaderName, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set_default(header::CONTENT_SECURITY_POLICY, DEFAULT_CSP);
    set_default(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set_default(header::REFERRER_POLICY, "same-origin");
    set_default(header::X_FRAME_OPTIONS, "DENY");
    set_default(header::HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    set_default(header::HeaderName::from_static("cross-origin-resource-policy"), "same-origin");
    set_default(
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    if https {
        set_default(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    if !cacheable {
        set_default(header::CACHE_CONTROL, "no-store");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    const ORIGIN: &str = "https://id.example.com";

    #[test]
    fn reads_are_never_refused() {
        assert_eq!(csrf_refusal(&Method::GET, &headers(&[("sec-fetch-site", "cross-site")]), ORIGIN), None);
    }

    #[test]
    fn writes_must_be_same_origin() {
        let post = Method::POST;
        assert_eq!(csrf_refusal(&post, &headers(&[("sec-fetch-site", "same-origin")]), ORIGIN), None);
        assert_eq!(csrf_refusal(&post, &headers(&[("sec-fetch-site", "cross-site")]), ORIGIN), Some("sec-fetch-site"));
        assert_eq!(csrf_refusal(&post, &headers(&[("sec-fetch-site", "same-site")]), ORIGIN), Some("sec-fetch-site"));
        assert_eq!(csrf_refusal(&post, &headers(&[("origin", "https://id.example.com")]), ORIGIN), None);
        assert_eq!(csrf_refusal(&post, &headers(&[("origin", "https://evil.example")]), ORIGIN), Some("origin"));
        assert_eq!(csrf_refusal(&post, &headers(&[("origin", "null")]), ORIGIN), Some("origin"));
        assert_eq!(
            csrf_refusal(&Method::DELETE, &headers(&[("origin", "http://id.example.com")]), ORIGIN),
            Some("origin")
        );
        // Not a browser: nothing ambient to forge.
        assert_eq!(csrf_refusal(&post, &HeaderMap::new(), ORIGIN), None);
    }

    #[test]
    fn the_page_nonce_is_read_from_the_first_script_in_the_head_only() {
        let page =
            |head: &str, body: &str| format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>");
        let real = r#"<meta charset="utf-8"/><link rel="modulepreload" href="/pkg/gatehouse.js" nonce="aaaaaaaaaaaaaaaaaaaaaa"><script type="module" nonce="-1UQJmYw-r9Ct_5OzJWu7A">import x</script>"#;
        assert_eq!(nonce_in_head(&page(real, "")), Some("-1UQJmYw-r9Ct_5OzJWu7A"));
        // What a user wrote is in the body, after the head: never read.
        assert_eq!(nonce_in_head(&page("<title>x</title>", r#"<script nonce="bbbbbbbbbbbbbbbbbbbbbb">"#)), None);
        // Not plausible: too short, or characters a nonce does not have.
        assert_eq!(nonce_in_head(&page(r#"<script nonce="abc">"#, "")), None);
        assert_eq!(nonce_in_head(&page(r#"<script nonce="aaaaaaaaaaaaaaaa' 'unsafe-inline">"#, "")), None);
        assert_eq!(nonce_in_head("<html><head><script nonce=\"aaaaaaaaaaaaaaaaaaaa\">"), None, "no end of head");
    }

    #[test]
    fn page_csp_has_no_unsafe_inline() {
        let csp = page_csp("abc");
        assert!(csp.contains("'nonce-abc'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline") && !DEFAULT_CSP.contains("unsafe-inline"));
    }
}
