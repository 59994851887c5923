//! The languages of the pages: their catalogue files, and the chooser of the pages before
//! sign-in.
//!
//! Every language's catalogue is compiled into the binary and served as
//! `/i18n/de.0123456789abcdef.ftl`. A page names its own language's file (`app::shell`) and the
//! browser downloads only that one before hydrating; the name changes with the content, so a
//! file is cached for ever.

use app::server::AppState;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Response},
    routing::{get, post},
    Form, Router,
};
use http::{header, HeaderMap, HeaderValue, StatusCode};
use serde::Deserialize;
use wire::preferences::{Display, Language};

/// `/i18n/de.<hash>.ftl`, cached for ever; `/i18n/de.ftl`, the same text revalidated each time
/// (for a page whose `preload` link went missing: see `frontend::catalogue`).
async fn catalogue(Path(name): Path<String>) -> Response {
    let (lang, cache) = match i18n::lang_of_file(&name) {
        Some(lang) => (Some(lang), "public, max-age=31536000, immutable"),
        None => (name.strip_suffix(".ftl").and_then(i18n::known).filter(|l| name == format!("{l}.ftl")), "no-cache"),
    };
    match lang.and_then(i18n::source) {
        Some(text) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8")),
                (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            ],
            text,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Deserialize)]
struct Choice {
    language: String,
    #[serde(default)]
    back: String,
}

/// The chooser's form (cross-site posts are refused by `web::security`): keeps the language in
/// the display cookie, with the theme and time format it held, and goes back to the page.
async fn choose(State(state): State<AppState>, headers: HeaderMap, Form(choice): Form<Choice>) -> Response {
    let Ok(language) = Language::parse(&choice.language) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "Unknown language.").into_response();
    };
    let secure = state.config.cookie_secure;
    let name = gatehouse_core::preferences::display_cookie_name(secure);
    let kept = platform::request::cookie(&headers, name).map(Display::from_cookie).unwrap_or_default();
    let cookie = gatehouse_core::preferences::set_display_cookie(secure, Display { language, ..kept });
    let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, local_path(&choice.back))]).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

/// `back` if it is a path of this site, else the home page: the chooser sends nobody elsewhere.
fn local_path(back: &str) -> String {
    let local = back.starts_with('/')
        && !back.starts_with("//")
        && !back.contains('\\')
        && !back.chars().any(char::is_control)
        && back.len() <= 2048;
    if local {
        back.to_owned()
    } else {
        "/".to_owned()
    }
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/i18n/{name}", get(catalogue)).route("/language", post(choose))
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn the_chooser_goes_back_only_to_this_site() {
        assert_eq!(local_path("/signin?next=%2Faccount"), "/signin?next=%2Faccount");
        for elsewhere in ["https://evil.example/", "//evil.example", "/\\evil.example", "", "signin", "/a\nb"] {
            assert_eq!(local_path(elsewhere), "/", "{elsewhere:?}");
        }
    }
}
