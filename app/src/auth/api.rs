//! Server functions for accounts: authorize → parse → core.

use leptos::server;

use super::model::{OneTimeCode, Password, Visitor};
use crate::error::AppError;

/// Where the browser goes after signing in or registering.
pub const HOME: &str = "/account/profile";
/// The sign-in's second step.
pub const SECOND_STEP: &str = "/signin/two-factor";
/// An invitation's page, back from signing in (its token in a cookie).
pub const INVITATION: &str = "/invitation";

#[server(prefix = "/fn", endpoint = "register")]
pub async fn register(name: String, username: String, email: String, password: Password) -> Result<(), AppError> {
    use gatehouse_core::{accounts::RegisterInput, auth, policy};
    use platform::ratelimit;

    let cx = crate::server::cx()?.signing_in();
    let env = cx.env();
    let previous = cx.principal().await?;
    let limit = ratelimit::Limit::per_minutes(cx.state.config.registrations_per_ip_hour, 60);
    ratelimit::hit(env.db, &format!("register:ip:{}", cx.meta.ip), limit, env.now).await?;
    let policy = policy::current(&env).await?;
    let input = RegisterInput { name: &name, username: &username, email: &email, password: password.expose() };
    // The page's language becomes the account's: its mail and pages speak it from the start.
    let language = wire::preferences::Language::parse(crate::words::lang()).ok();
    let (_, session) = auth::register_in(&env, cx.core().timeouts, input, language, &policy, &cx.meta).await?;
    cx.replace_session(previous, &session).await?;
    leptos_axum::redirect(if cx.invitation_cookie().is_some() { INVITATION } else { HOME });
    Ok(())
}

#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(identifier: String, password: Password) -> Result<(), AppError> {
    use gatehouse_core::auth::{self, SignInOutcome};

    let cx = crate::server::cx()?.signing_in();
    let env = cx.env();
    let previous = cx.principal().await?;
    match auth::sign_in(&env, cx.core().timeouts, &identifier, password.expose(), &cx.meta).await? {
        SignInOutcome::SignedIn { session, user } => {
            cx.replace_session(previous, &session).await?;
            leptos_axum::redirect(home_for(&cx, &user).await?);
        }
        SignInOutcome::SecondFactor { pending, .. } => {
            cx.set_pending_cookie(&pending);
            leptos_axum::redirect(SECOND_STEP);
        }
    }
    Ok(())
}

/// Where a new session starts: the Security page when a two-factor setup is required and not
/// done yet; the invitation this browser opened before signing in, if any; else My Account.
#[cfg(feature = "ssr")]
async fn home_for(cx: &crate::server::Cx, user: &gatehouse_core::accounts::UserRow) -> Result<&'static str, AppError> {
    let setup = gatehouse_core::factors::setup_required(&cx.env(), user).await?;
    Ok(if setup {
        "/account/security"
    } else if cx.invitation_cookie().is_some() {
        INVITATION
    } else {
        HOME
    })
}

/// The second step: a code from the authenticator app, a backup code or an emailed code.
#[server(prefix = "/fn", endpoint = "sign_in_second_factor")]
pub async fn sign_in_second_factor(method: String, code: OneTimeCode) -> Result<(), AppError> {
    use gatehouse_core::{auth, factors};

    let cx = crate::server::cx()?.signing_in();
    let env = cx.env();
    let previous = cx.principal().await?;
    let (method, code) = factors::parse_code(&method, code.expose())?;
    let token = cx.pending_token().ok_or(AppError::SignInExpired)?.to_owned();
    let (user, session) = auth::second_step(&env, cx.core().timeouts, &token, method, code, &cx.meta).await?;
    cx.clear_pending_cookie();
    cx.replace_session(previous, &session).await?;
    leptos_axum::redirect(home_for(&cx, &user).await?);
    Ok(())
}

#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let cx = crate::server::cx()?;
    if let Some(me) = cx.principal().await? {
        let session = me.session_id().unwrap_or_default();
        gatehouse_core::auth::sign_out(&cx.env(), session, &me.user.id, &cx.meta).await?;
    }
    cx.clear_session_cookie();
    leptos_axum::redirect("/signin");
    Ok(())
}

/// The signed-in user, or None, and the display settings of the page. Says when the password
/// has expired or a two-factor setup is due, so that the pages lead there first. Signed in,
/// the account's preferences are the display settings (and this browser keeps them for the
/// pages before the next sign-in); signed out, the ones this browser kept.
#[server(prefix = "/fn", endpoint = "current_user")]
pub async fn current_user() -> Result<Visitor, AppError> {
    use gatehouse_core::access;

    use wire::{
        preferences::{Display, Language},
        presence::AutoAway,
    };

    let cx = crate::server::cx()?;
    let Some(me) = cx.principal().await? else {
        // The page speaks the request's language (the kept one, or Accept-Language's).
        let display = Display {
            language: Language::parse(crate::words::lang()).unwrap_or_default(),
            ..cx.display_cookie().unwrap_or_default()
        };
        return Ok(Visitor { user: None, display, presence: None, auto_away: None });
    };
    let env = cx.env();
    let standing = access::standing(&env, &me.user).await?;
    // The preferences, and the presence (a page shown is the person at a device), at once.
    let (prefs, presence) = gatehouse_core::page::seen(&env, &me.user).await?;
    let display = Display::of(&prefs.values);
    cx.keep_display(display);
    Ok(Visitor {
        user: Some(access::view(&me.user, standing)),
        display,
        presence: Some(presence),
        auto_away: Some(AutoAway::of(&prefs.values)),
    })
}

/// The page's presence report: `online` or `away` (after the idle time of Enable Auto-Away).
#[server(prefix = "/fn", endpoint = "report_presence")]
pub async fn report_presence(connection: String) -> Result<wire::presence::PresenceView, AppError> {
    use gatehouse_core::{access::Opens, presence};

    let (cx, me) = crate::server::authorize(Opens::Always).await?;
    let connection = presence::Connection::parse_report(&connection).map_err(|m| AppError::field("connection", m))?;
    presence::report(&cx.env(), &me.user, connection).await
}
