//! The Gatehouse server: state, router, background jobs and serving. `main.rs` is the CLI.

pub mod activity;
pub mod api;
pub mod avatar;
pub mod form_errors;
pub mod languages;
pub mod metrics;
pub mod my_data;
pub mod outbound;
pub mod sounds;
pub mod web;

use std::{
    net::SocketAddr,
    sync::{Arc, OnceLock},
    time::Duration,
};

use app::{server::AppState, shell, App};
use axum::{
    extract::State,
    middleware,
    response::{IntoResponse, Json},
    routing::get,
    Router,
};
use gatehouse_core::{sessions::Timeouts, Core};
use http::{header, HeaderValue, StatusCode};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes, ResponseOptions};
use platform::{
    clock::Clock,
    config::{redact_url, Config},
    db,
    hasher::PasswordHasher,
    mail::{sender::Mailer, transport::Transport},
    settings::Settings,
    Platform,
};

/// How long an instance keeps a copy of the administrators' settings before reading them
/// again: a change applies at once on the instance that saved it, and within this on the others.
pub const SETTINGS_LIFETIME_MS: i64 = 2_000;

/// Applies the migrations, then what they leave to the application (search terms of accounts
/// from before the search index). Every instance may run it at once.
pub async fn upgrade(pool: &db::Db) -> Result<(), StartError> {
    db::migrate(pool).await.map_err(|e| StartError::new(format!("cannot apply migrations: {e}")))?;
    let indexed = gatehouse_core::accounts::repo::index_unindexed(pool)
        .await
        .map_err(|e| StartError::new(format!("cannot index accounts for the search: {e}")))?;
    if indexed > 0 {
        tracing::info!(indexed, "wrote the search terms of accounts from before the search index");
    }
    Ok(())
}

/// Opens the database, applies migrations and builds the state.
pub async fn build_state(config: Config, leptos_options: LeptosOptions, clock: Clock) -> Result<AppState, StartError> {
    let pool = db::connect(&config.database_url).await.map_err(|e| {
        StartError::new(format!("cannot open the database ({}): {e}", redact_url(&config.database_url)))
    })?;
    upgrade(&pool).await?;
    let metrics = Arc::new(platform::metrics::Metrics::default());
    let hasher = PasswordHasher::with_params(config.argon2.clone())
        .map_err(|_| StartError::new("cannot initialise password hashing"))?
        .reporting_to(metrics.clone());
    let transport = match &config.smtp {
        Some(smtp) => Transport::smtp(smtp).map_err(StartError::new)?,
        None => Transport::outbox(config.data_dir.join("outbox")),
    };
    let platform = Platform {
        db: pool,
        hasher,
        mailer: Mailer::new(transport, config.secret_key.clone()),
        public_url: config.public_url.clone(),
        key: config.secret_key.clone(),
        settings: Arc::new(Settings::new(SETTINGS_LIFETIME_MS)),
        clock,
        tasks: Default::default(),
        metrics,
    };
    let timeouts = Timeouts { idle_ms: config.session_idle_ms, lifetime_ms: config.session_lifetime_ms };
    let core = Core::new(platform, timeouts, config.api_calls_per_minute);
    Ok(AppState::new(leptos_options, core, config))
}

/// Sets the page CSP with the nonce leptos_axum made for this render, and the language the
/// page (or server function) speaks.
fn page_context() {
    app::server::provide_words();
    if let (Some(nonce), Some(res)) = (use_nonce(), use_context::<ResponseOptions>()) {
        if let Ok(v) = HeaderValue::from_str(&web::page_csp(&nonce)) {
            res.insert_header(header::CONTENT_SECURITY_POLICY, v);
        }
    }
}

/// The page routes, generated once per process.
///
/// `generate_route_list` renders the app once with resource loading switched off, and Leptos
/// keeps that switch in one process-wide flag: `SuppressResourceLoad` (held by
/// `RouteList::generate`, leptos_router 0.8.17 src/generate_route_list.rs:237) sets
/// `IS_SUPPRESSING_RESOURCE_LOAD` (leptos_server 0.8.8 src/resource.rs:37), and while it is set
/// every `Resource` created anywhere in the process, on any thread, awaits
/// `std::future::pending()` for ever (src/resource.rs:317). A page that another router renders
/// meanwhile never gets an answer (leptos-rs/leptos#4773). The integration tests, which start a
/// server per test in one process, met it about once in two runs. Generating the list once,
/// before any router exists, leaves no render to overlap with it: a second router waits in
/// `get_or_init` instead of generating again. Nothing else in the process may generate a route
/// list while pages are served.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application: pages, server functions, `/healthz`, files, middleware.
pub fn router(state: AppState) -> Router {
    let routes = routes();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .merge(api::router())
        .merge(activity::routes())
        .merge(my_data::routes())
        .merge(avatar::routes())
        .merge(sounds::routes())
        .merge(languages::routes())
        .merge(metrics::routes(&state))
        .leptos_routes_with_context(&state, routes, page_context, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(page_context, shell))
        .layer(middleware::from_fn_with_state(state.clone(), web::security))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::count))
        .with_state(state)
}

async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match db::ping(&state.core.platform.db).await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({ "status": "ok" }))),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "unavailable" })))
        }
    }
}

/// Deletes dead sessions and old rate-limit windows now and then. Every instance may run it:
/// the deletes are idempotent.
pub fn spawn_housekeeping(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            housekeeping(&state).await;
        }
    })
}

/// Writes the My Data exports people asked for, on whichever instance claims them first. A new
/// request waits at most [`EXPORT_POLL`].
pub fn spawn_exports(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EXPORT_POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = gatehouse_core::my_data::run_due(&state.core.platform, &state.config.data_dir).await {
                tracing::warn!(error = %e, "My Data exports: a round failed");
            }
        }
    })
}

/// How often the export worker looks for requests.
pub const EXPORT_POLL: Duration = Duration::from_secs(2);

/// One round of housekeeping: each delete reads an index of what it deletes (expiry times),
/// so a round costs what it removes, not the size of the tables. Failures are logged.
pub async fn housekeeping(state: &AppState) {
    let env = state.env();
    let (db, now) = (env.db, env.now);
    if let Err(e) = gatehouse_core::sessions::repo::purge_expired(db, now, state.config.session_idle_ms).await {
        tracing::warn!(error = %e, "session purge failed");
    }
    if let Err(e) = platform::ratelimit::purge(db, now - 24 * 3_600_000).await {
        tracing::warn!(error = ?e, "rate-limit purge failed");
    }
    if let Err(e) = platform::links::purge(db, now).await {
        tracing::warn!(error = ?e, "one-time link purge failed");
    }
    if let Err(e) = gatehouse_core::factors::pending::purge(db, now).await {
        tracing::warn!(error = ?e, "pending sign-in purge failed");
    }
    if let Err(e) = gatehouse_core::factors::email_code::purge(db, now).await {
        tracing::warn!(error = ?e, "email code purge failed");
    }
    if let Err(e) = gatehouse_core::devices::purge(db, now - gatehouse_core::devices::FORGET_AFTER_MS).await {
        tracing::warn!(error = %e, "known device purge failed");
    }
    if let Err(e) = gatehouse_core::organizations::repo::purge_invitations(db, now).await {
        tracing::warn!(error = %e, "invitation purge failed");
    }
    // The webhook refuses signatures older than five minutes: its events need not be kept long.
    if let Err(e) = gatehouse_core::organizations::repo::purge_events(db, now - 30 * 24 * 3_600_000).await {
        tracing::warn!(error = %e, "contract event purge failed");
    }
    // Deleted accounts whose grace period is over: gone for good (on whichever instance gets
    // there first; the final DELETE is the claim).
    if let Err(e) = gatehouse_core::deletion::complete_due(&env, 100).await {
        tracing::warn!(error = %e, "account deletion failed");
    }
    // Exports whose link expired: their files go.
    if let Err(e) = gatehouse_core::my_data::purge(&env).await {
        tracing::warn!(error = %e, "My Data purge failed");
    }
    // Delivered mail may hold one-time links: keep it a week for diagnosis, no longer.
    if let Err(e) = platform::mail::queue::purge_sent(db, now - 7 * 24 * 3_600_000).await {
        tracing::warn!(error = %e, "mail purge failed");
    }
    // The file outbox likewise (it exists only without SMTP).
    if let Err(e) = state.core.platform.mailer.transport.purge_outbox(now - 7 * 24 * 3_600_000).await {
        tracing::warn!(error = %e, "outbox purge failed");
    }
}

/// Serves until SIGTERM or Ctrl-C, then finishes the requests in flight.
pub async fn serve(state: AppState) -> Result<(), StartError> {
    let addr = state.config.listen;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| StartError::new(format!("cannot listen on {addr} (GATEHOUSE_LISTEN): {e}")))?;
    tracing::info!(
        listen = %addr,
        public_url = %state.config.public_url.origin(),
        database = %redact_url(&state.config.database_url),
        "Gatehouse is serving"
    );
    if !state.config.cookie_secure {
        tracing::warn!(
            "GATEHOUSE_COOKIE_SECURE=false: session cookies travel over plain http; for local development only"
        );
    }
    if let Some(origin) = state.config.avatar_test_origin {
        tracing::warn!(
            %origin,
            "GATEHOUSE_AVATAR_TEST_ORIGIN is set: avatar URLs may reach this loopback address; for tests only"
        );
    }
    let metrics_server = match state.config.metrics_listen {
        Some(at) => {
            let listener = tokio::net::TcpListener::bind(at)
                .await
                .map_err(|e| StartError::new(format!("cannot listen on {at} (GATEHOUSE_METRICS_LISTEN): {e}")))?;
            tracing::info!(listen = %at, "metrics on /metrics");
            let app = metrics::listener_router(state.clone());
            Some(tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, app).await {
                    tracing::error!(error = %e, "metrics server stopped");
                }
            }))
        }
        None => None,
    };
    let housekeeping = spawn_housekeeping(state.clone());
    let exports = spawn_exports(state.clone());
    let p = state.core.platform.clone();
    tracing::info!(transport = %p.mailer.transport.describe(), "mail delivery");
    let sender = tokio::spawn(p.mailer.clone().run(p.db.clone(), p.clock.clone()));
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| StartError::new(format!("server error: {e}")))?;
    // Mail that requests queued from background tasks (reset links) is in the queue before we go.
    p.tasks.idle().await;
    housekeeping.abort();
    exports.abort();
    sender.abort();
    if let Some(m) = metrics_server {
        m.abort();
    }
    tracing::info!("Gatehouse stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}

/// A one-line error for start-up and the command line.
#[derive(Debug)]
pub struct StartError(String);

impl StartError {
    pub fn new(msg: impl Into<String>) -> Self {
        StartError(msg.into())
    }
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}
