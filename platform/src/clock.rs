//! Time as a parameter: services take `now` (unix milliseconds) from a `Clock`; tests move it.

use std::sync::{
    atomic::{AtomicI64, Ordering},
    Arc,
};

#[derive(Clone)]
pub struct Clock(Source);

#[derive(Clone)]
enum Source {
    System,
    /// The time, and how far each reading moves it.
    Manual(Arc<AtomicI64>, i64),
}

impl Clock {
    pub fn system() -> Self {
        Clock(Source::System)
    }

    /// A clock that only moves when told to.
    pub fn manual(start_ms: i64) -> Self {
        Clock(Source::Manual(Arc::new(AtomicI64::new(start_ms)), 0))
    }

    /// A manual clock that also moves one millisecond at every reading, as real time passes
    /// between two requests: what happens later reads a later time (mail queued by one request
    /// sorts after mail queued by the request before), yet nothing expires unless told to.
    pub fn ticking(start_ms: i64) -> Self {
        Clock(Source::Manual(Arc::new(AtomicI64::new(start_ms)), 1))
    }

    pub fn now_ms(&self) -> i64 {
        match &self.0 {
            Source::System => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0),
            Source::Manual(t, tick) => t.fetch_add(*tick, Ordering::SeqCst),
        }
    }

    /// Moves a manual clock forward; does nothing to the system clock.
    pub fn advance_ms(&self, ms: i64) {
        if let Source::Manual(t, _) = &self.0 {
            t.fetch_add(ms, Ordering::SeqCst);
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Source::System => f.write_str("Clock(system)"),
            Source::Manual(t, tick) => write!(f, "Clock(manual {}, +{tick} per reading)", t.load(Ordering::SeqCst)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clocks_move_when_told_and_ticking_ones_at_every_reading() {
        let still = Clock::manual(1_000);
        assert_eq!((still.now_ms(), still.now_ms()), (1_000, 1_000));
        still.advance_ms(500);
        assert_eq!(still.now_ms(), 1_500);
        let ticking = Clock::ticking(1_000);
        assert_eq!((ticking.now_ms(), ticking.now_ms()), (1_000, 1_001));
        ticking.advance_ms(60_000);
        assert_eq!(ticking.now_ms(), 61_002);
        let system = Clock::system().now_ms();
        assert!(system > 1_700_000_000_000, "{system}");
    }
}
