//! Server-only glue between the pages' server functions and the core: the state every request
//! shares, the request a server function answers, and the adapters every server function
//! starts with. Each server function is a public endpoint: it authorizes itself here, whatever
//! the UI shows, then parses its input and calls one core service.

use std::sync::Arc;

use axum::{extract::FromRef, response::IntoResponse};
use gatehouse_core::{
    access::{self, Opens},
    callers,
    factors::pending::{self, PendingToken},
    principal::Principal,
    sessions::{self, Issued, SessionToken},
    two_factor::AssistantCookie,
    Core,
};
use http::{header, request::Parts, HeaderValue};
use leptos::prelude::{use_context, LeptosOptions};
use leptos_axum::ResponseOptions;
use platform::{
    config::Config,
    request::{BrowserDevice, ClientMeta},
    Env,
};
use wire::error::AppError;

/// Everything a request needs, built once at start-up.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub core: Arc<Core>,
    pub config: Arc<Config>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, core: Core, config: Config) -> Self {
        // Server functions answer their errors with the REST API's statuses and headers.
        wire::error::on_server_error(set_error_status);
        AppState { leptos_options, core: Arc::new(core), config: Arc::new(config) }
    }

    pub fn env(&self) -> Env<'_> {
        self.core.env()
    }
}

/// The request a server function (or a page render) is answering, with the clock read once.
pub struct Cx {
    pub state: AppState,
    pub parts: Parts,
    pub meta: ClientMeta,
    now: i64,
}

/// The current request, its state and client: for server functions open to everyone.
pub fn cx() -> Result<Cx, AppError> {
    let state = use_context::<AppState>().ok_or_else(|| missing("AppState"))?;
    let parts = use_context::<Parts>().ok_or_else(|| missing("request"))?;
    let meta = parts.extensions.get::<ClientMeta>().cloned().unwrap_or_else(|| ClientMeta::local("unknown"));
    let now = state.core.platform.clock.now_ms();
    Ok(Cx { state, parts, meta, now })
}

fn missing(what: &str) -> AppError {
    tracing::error!(what, "missing from the server function's context");
    AppError::Internal
}

impl Cx {
    pub fn env(&self) -> Env<'_> {
        self.state.core.platform.env_at(self.now)
    }

    pub fn core(&self) -> &Core {
        &self.state.core
    }

    /// The signed-in caller, if the request carries a live session cookie.
    pub async fn principal(&self) -> Result<Option<Principal>, AppError> {
        let Some(token) = self.cookie(sessions::cookie_name(self.secure())) else { return Ok(None) };
        callers::by_session(&self.env(), self.core(), token, &self.meta).await
    }

    fn secure(&self) -> bool {
        self.state.config.cookie_secure
    }

    fn cookie(&self, name: &str) -> Option<&str> {
        platform::request::cookie(&self.parts.headers, name)
    }

    /// For a browser signing in: the request's client with the browser's device id (from its
    /// cookie, or new: [`Cx::replace_session`] then gives it the cookie), by which the sign-in
    /// is known as from a new device or not. Only here: no other request needs one.
    pub fn signing_in(mut self) -> Self {
        use gatehouse_core::devices;
        let kept = self.cookie(devices::cookie_name(self.secure())).filter(|v| devices::is_device_id(v));
        self.meta.device = Some(match kept {
            Some(id) => BrowserDevice { id: id.to_owned(), new: false },
            None => BrowserDevice { id: platform::crypto::random_token(32), new: true },
        });
        self
    }

    /// After a sign-in: the browser's previous session (if any) ends and the new token goes
    /// into the cookie. A new token at every sign-in.
    pub async fn replace_session(&self, previous: Option<Principal>, new: &Issued) -> Result<(), AppError> {
        if let Some(id) = previous.as_ref().and_then(Principal::session_id) {
            sessions::end(self.env().db, id).await?;
        }
        self.set_session_cookie(&new.token);
        // A browser signing in for the first time keeps the device id its sign-in was known by.
        if let Some(device) = self.meta.device.as_ref().filter(|d| d.new) {
            self.set_cookie(gatehouse_core::devices::set_cookie(self.secure(), &device.id));
        }
        Ok(())
    }

    fn set_session_cookie(&self, token: &SessionToken) {
        self.set_cookie(sessions::set_cookie(self.secure(), token));
    }

    pub fn clear_session_cookie(&self) {
        self.set_cookie(sessions::clear_cookie(self.secure()));
    }

    /// The cookie of a sign-in waiting for its second factor.
    pub fn pending_token(&self) -> Option<&str> {
        self.cookie(pending::cookie_name(self.secure()))
    }

    pub fn set_pending_cookie(&self, token: &PendingToken) {
        self.set_cookie(pending::set_cookie(self.secure(), token));
    }

    pub fn clear_pending_cookie(&self) {
        self.set_cookie(pending::clear_cookie(self.secure()));
    }

    /// The display settings this browser keeps for the pages before sign-in.
    pub fn display_cookie(&self) -> Option<wire::preferences::Display> {
        let name = gatehouse_core::preferences::display_cookie_name(self.secure());
        self.cookie(name).map(wire::preferences::Display::from_cookie)
    }

    /// Keeps `display` for the pages before sign-in (when it is not kept already).
    pub fn keep_display(&self, display: wire::preferences::Display) {
        if self.display_cookie() != Some(display) {
            self.set_cookie(gatehouse_core::preferences::set_display_cookie(self.secure(), display));
        }
    }

    /// The invitation this browser opened before signing in (see
    /// `gatehouse_core::organizations::invitation_cookie_name`).
    pub fn invitation_cookie(&self) -> Option<&str> {
        self.cookie(gatehouse_core::organizations::invitation_cookie_name(self.secure())).filter(|v| !v.is_empty())
    }

    pub fn set_invitation_cookie(&self, token: &str) {
        self.set_cookie(gatehouse_core::organizations::set_invitation_cookie(self.secure(), token));
    }

    pub fn clear_invitation_cookie(&self) {
        if self.invitation_cookie().is_some() {
            self.set_cookie(gatehouse_core::organizations::clear_invitation_cookie(self.secure()));
        }
    }

    /// A cookie of the two-factor setup assistant, when the request carries it.
    pub fn assistant_cookie(&self, which: AssistantCookie) -> Option<&str> {
        self.cookie(which.name(self.secure())).filter(|v| !v.is_empty())
    }

    pub fn set_assistant_cookie(&self, which: AssistantCookie, value: &str) {
        self.set_cookie(which.set(self.secure(), value));
    }

    pub fn clear_assistant_cookie(&self, which: AssistantCookie) {
        self.set_cookie(which.clear(self.secure()));
    }

    fn set_cookie(&self, value: String) {
        match (use_context::<ResponseOptions>(), HeaderValue::from_str(&value)) {
            (Some(res), Ok(v)) => res.append_header(header::SET_COOKIE, v),
            _ => tracing::error!("cannot set a cookie"),
        }
    }
}

/// The language a page request is answered in: the one this browser keeps in the display
/// cookie (signed in, every page keeps the account's Language there, so the preference wins;
/// signed out, the last one chosen here), else the most wanted one of `Accept-Language`, else
/// English.
pub fn request_language(headers: &http::HeaderMap, secure: bool) -> wire::preferences::Language {
    use wire::preferences::{Display, Language};

    let name = gatehouse_core::preferences::display_cookie_name(secure);
    if let Some(kept) = platform::request::cookie(headers, name) {
        return Display::from_cookie(kept).language;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(i18n::negotiate)
        .and_then(|code| Language::parse(code).ok())
        .unwrap_or_default()
}

/// Puts the catalogue of the request's language into the render's (or server function's)
/// context, where `words::t` finds it.
pub fn provide_words() {
    let secure = use_context::<AppState>().is_none_or(|s| s.config.cookie_secure);
    let lang = use_context::<Parts>().map(|p| request_language(&p.headers, secure)).unwrap_or_default();
    leptos::prelude::provide_context(crate::words::Words(i18n::catalogue(lang.as_str())));
}

/// The signed-in caller, let through the access gate for an operation that `opens` so:
/// `Unauthenticated` without a session, `PasswordExpired` or `TwoFactorSetupRequired` when the
/// account's standing closes the operation.
pub async fn authorize(opens: Opens) -> Result<(Cx, Principal), AppError> {
    let cx = cx()?;
    let me = cx.principal().await?.ok_or(AppError::Unauthenticated)?;
    access::admit(&cx.env(), &me, opens).await?;
    Ok((cx, me))
}

/// A method and code as a form sends them (both optional; an empty method is none).
pub fn code_of<'a>(
    method: &'a Option<String>,
    code: &'a Option<wire::account::OneTimeCode>,
) -> Option<(&'a str, &'a str)> {
    let method = method.as_deref().filter(|m| !m.trim().is_empty())?;
    Some((method, code.as_ref().map(|c| c.expose()).unwrap_or_default()))
}

/// Whether the server function is answering a form posted without JavaScript (the browser
/// asked for a page, as `server_fn` and `leptos_axum::redirect` tell them apart): its answer is
/// a redirect to a page, not data for a script.
pub fn plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|p| p.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html")))
        .unwrap_or(false)
}

/// Sets the status and headers of a server function's error response from the one
/// `IntoResponse` of `AppError` (installed as `wire`'s hook; it runs inside the request's
/// reactive scope). A plain form post (no JavaScript) is left alone: `server_fn` answers it with
/// a redirect back to the form, the error in the URL.
fn set_error_status(e: &AppError) {
    let Some(res) = use_context::<ResponseOptions>() else { return };
    if plain_form_post() {
        return;
    }
    let answer = e.clone().into_response();
    res.set_status(answer.status());
    for (name, value) in answer.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            res.insert_header(name.clone(), value.clone());
        }
    }
}
