//! The idle watch of Enable Auto-Away (Preferences → User Presence): while a page is open, no
//! keyboard, pointer, wheel or focus input for the idle time makes the account *away*, and the
//! next input makes it *online* again. Each change is reported at once (and the header's dot
//! follows), and the current state again every minute, so that the account goes offline when
//! no page is open any more (see `gatehouse_core::presence`).
//!
//! Time comes from `Date.now()` and a `setInterval` tick, which browser tests can move with a
//! fake clock.

use leptos::prelude::*;

/// Mounted with the header's account menu: it lives as long as someone is signed in.
#[component]
pub fn PresenceWatcher() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    watch::start();
}

#[cfg(feature = "hydrate")]
mod watch {
    use std::time::Duration;

    use leptos::prelude::*;
    use wire::presence::Connection;

    use crate::auth::{api::report_presence, ui::Auth};

    /// How often the watch looks at the clock, and repeats its report.
    const TICK: Duration = Duration::from_secs(5);
    const REPEAT_MS: f64 = 60_000.0;

    #[derive(Clone, Copy)]
    struct State {
        last_input: f64,
        last_report: f64,
        here: Connection,
    }

    fn now() -> f64 {
        js_sys::Date::now()
    }

    fn report(auth: Auth, state: StoredValue<State>, here: Connection) {
        let Some(me) = untrack(|| auth.user_id()) else { return };
        state.update_value(|s| {
            s.here = here;
            s.last_report = now();
        });
        auth.connection.set(Some((me, here)));
        leptos::task::spawn_local(async move {
            // A failed report is repeated by the next tick's (and the page shows the state).
            let _ = report_presence(here.as_str().to_owned()).await;
        });
    }

    pub fn start() {
        let auth = Auth::get();
        // The header is drawn again at each navigation: the watch goes on from its last report.
        let here = untrack(|| auth.reported()).unwrap_or(Connection::Online);
        let state = StoredValue::new(State { last_input: now(), last_report: now(), here });
        let input = move || {
            let back = state.with_value(|s| s.here == Connection::Away);
            state.update_value(|s| s.last_input = now());
            if back {
                report(auth, state, Connection::Online);
            }
        };
        let mut handles = vec![
            window_event_listener(leptos::ev::keydown, move |_| input()),
            window_event_listener(leptos::ev::pointerdown, move |_| input()),
            window_event_listener(leptos::ev::pointermove, move |_| input()),
            window_event_listener(leptos::ev::wheel, move |_| input()),
            window_event_listener(leptos::ev::focus, move |_| input()),
        ];
        handles.push(window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                input();
            }
        }));
        let tick = set_interval_with_handle(
            move || {
                let Some(rule) = auth.auto_away_untracked() else { return };
                let s = state.get_value();
                let t = now();
                let idle = t - s.last_input >= f64::from(rule.idle_seconds) * 1000.0;
                if rule.enabled && idle && s.here == Connection::Online {
                    report(auth, state, Connection::Away);
                } else if !rule.enabled && s.here == Connection::Away {
                    report(auth, state, Connection::Online);
                } else if t - s.last_report >= REPEAT_MS {
                    report(auth, state, s.here);
                }
            },
            TICK,
        );
        on_cleanup(move || {
            for h in handles {
                h.remove();
            }
            if let Ok(tick) = tick {
                tick.clear();
            }
        });
    }
}
