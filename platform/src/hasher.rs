//! Argon2id password hashing on a bounded blocking pool.
//!
//! Each hash costs ~19 MiB and tens of milliseconds of one core. Hashing runs on tokio's
//! blocking threads, never on the async workers, and at most `max_parallel` at once: a flood
//! of sign-ins queues here (asynchronously) instead of stalling every other request.

use std::{
    sync::{atomic::Ordering::Relaxed, Arc},
    time::{Duration, Instant},
};

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString},
    Algorithm, Argon2, Params, Version,
};
use tokio::sync::Semaphore;

use wire::error::AppError;

use crate::metrics::Metrics;

/// How long a request waits for a hashing slot before it is told to come back.
const QUEUE_WAIT: Duration = Duration::from_secs(15);

#[derive(Clone)]
pub struct PasswordHasher {
    inner: Arc<Inner>,
    /// Where the queue's depth and waits are reported.
    metrics: Arc<Metrics>,
}

struct Inner {
    params: Params,
    permits: Semaphore,
    /// A hash of a random password, verified when the account does not exist so that the
    /// answer takes as long as for a real account.
    dummy: String,
}

impl PasswordHasher {
    /// OWASP's minimum for argon2id: m = 19456 KiB, t = 2, p = 1.
    pub fn owasp_params() -> Params {
        #[allow(clippy::expect_used)]
        Params::new(19_456, 2, 1, None).expect("valid argon2 parameters")
    }

    pub fn new(params: Params, max_parallel: usize) -> Result<Self, AppError> {
        let argon = argon2(&params);
        let random = crate::crypto::random_token(24);
        let dummy = hash_with(&argon, &random)?;
        let inner = Arc::new(Inner { params, permits: Semaphore::new(max_parallel.max(1)), dummy });
        Ok(PasswordHasher { inner, metrics: Arc::default() })
    }

    /// Argon2id with OWASP parameters, one slot per core.
    pub fn standard() -> Result<Self, AppError> {
        Self::new(Self::owasp_params(), cores())
    }

    /// Argon2id with `params` (see [`checked_params`]), one slot per core.
    pub fn with_params(params: Params) -> Result<Self, AppError> {
        Self::new(params, cores())
    }

    /// Reports the queue to `metrics`.
    pub fn reporting_to(mut self, metrics: Arc<Metrics>) -> Self {
        self.metrics = metrics;
        self
    }

    /// The parameters new hashes get.
    pub fn params(&self) -> &Params {
        &self.inner.params
    }

    /// The stored hash was made otherwise than new hashes are (another algorithm, version or
    /// parameters): worth replacing once the password is known to be right.
    pub fn needs_rehash(&self, phc: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(phc) else { return false };
        let same_kind =
            parsed.algorithm == Algorithm::Argon2id.ident() && parsed.version == Some(Version::V0x13 as u32);
        let same_params = Params::try_from(&parsed).is_ok_and(|p| {
            let want = &self.inner.params;
            (p.m_cost(), p.t_cost(), p.p_cost()) == (want.m_cost(), want.t_cost(), want.p_cost())
        });
        !(same_kind && same_params)
    }

    /// A PHC string for `password`.
    pub async fn hash(&self, password: &str) -> Result<String, AppError> {
        let password = password.to_owned();
        self.run(move |argon| hash_with(&argon, &password)).await?
    }

    /// Checks `password` against `phc`; with no hash (unknown account), checks against the
    /// dummy hash and answers false, spending the same time.
    pub async fn verify(&self, password: &str, phc: Option<&str>) -> Result<bool, AppError> {
        let password = password.to_owned();
        let (phc, real) = match phc {
            Some(p) => (p.to_owned(), true),
            None => (self.inner.dummy.clone(), false),
        };
        let ok = self
            .run(move |argon| match PasswordHash::new(&phc) {
                Ok(parsed) => argon.verify_password(password.as_bytes(), &parsed).is_ok(),
                Err(e) => {
                    tracing::error!(error = %e, "stored password hash cannot be parsed");
                    false
                }
            })
            .await?;
        Ok(ok && real)
    }

    /// Argon2id of each of `secrets` under one `salt`, as raw 32-byte digests (hex): for backup
    /// codes, where one salt per set lets a code be checked with one hash. Always with the
    /// OWASP parameters, whatever the configured ones: the digests keep no parameters, and
    /// codes saved before a calibration must still match after it.
    pub async fn derive_all(&self, secrets: Vec<String>, salt: Vec<u8>) -> Result<Vec<String>, AppError> {
        self.run(move |_| {
            let argon = argon2(&Self::owasp_params());
            secrets
                .iter()
                .map(|s| {
                    let mut out = [0u8; 32];
                    argon.hash_password_into(s.as_bytes(), &salt, &mut out).map(|()| hex::encode(out)).map_err(|e| {
                        tracing::error!(error = %e, "key derivation failed");
                        AppError::Internal
                    })
                })
                .collect()
        })
        .await?
    }

    async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(Argon2<'static>) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let asked = Instant::now();
        self.metrics.hash_waiting.fetch_add(1, Relaxed);
        let permit = tokio::time::timeout(QUEUE_WAIT, self.inner.permits.acquire()).await;
        self.metrics.hash_waiting.fetch_sub(1, Relaxed);
        self.metrics.hash_wait.observe(asked.elapsed());
        let _permit = permit
            .map_err(|_| {
                tracing::warn!("password hashing queue is full");
                AppError::RateLimited { retry_after: 5 }
            })?
            .map_err(|_| AppError::Internal)?;
        let argon = argon2(&self.inner.params);
        tokio::task::spawn_blocking(move || job(argon)).await.map_err(|e| {
            tracing::error!(error = %e, "password hashing task failed");
            AppError::Internal
        })
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
}

/// The most memory one hash may take (1 GiB), and the most passes and lanes: beyond them a
/// setting is a typo, not a choice.
pub const MAX_MEMORY_KIB: u32 = 1 << 20;
pub const MAX_ITERATIONS: u32 = 64;
pub const MAX_PARALLELISM: u32 = 16;

/// Parameters as configured: never weaker than OWASP's minimum for argon2id (m = 19456 KiB,
/// t = 2, p = 1), within the bounds above. The error names what is wrong, for the setting.
pub fn checked_params(memory_kib: u32, iterations: u32, parallelism: u32) -> Result<Params, String> {
    let min = PasswordHasher::owasp_params();
    if !(min.m_cost()..=MAX_MEMORY_KIB).contains(&memory_kib) {
        return Err(format!("memory must be {} to {MAX_MEMORY_KIB} KiB (OWASP's minimum is the first)", min.m_cost()));
    }
    if !(min.t_cost()..=MAX_ITERATIONS).contains(&iterations) {
        return Err(format!("iterations must be {} to {MAX_ITERATIONS} (OWASP's minimum is the first)", min.t_cost()));
    }
    if !(1..=MAX_PARALLELISM).contains(&parallelism) {
        return Err(format!("parallelism must be 1 to {MAX_PARALLELISM}"));
    }
    Params::new(memory_kib, iterations, parallelism, None).map_err(|e| e.to_string())
}

/// What `gatehouse calibrate-argon2` found.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    /// The time one hash took with them.
    pub took: Duration,
    /// Even OWASP's minimum takes longer than the target here: the minimum is kept.
    pub slower_than_target: bool,
}

/// Parameters whose hash takes about `target` (at most 10 % more) by `measure`: the memory
/// grows first (up to `max_memory_kib`), then the passes. Never below OWASP's minimum.
/// `measure` times one hash with the given parameters (the real one takes the best of a few).
pub fn calibrate(target: Duration, max_memory_kib: u32, mut measure: impl FnMut(&Params) -> Duration) -> Calibration {
    let min = PasswordHasher::owasp_params();
    let max_m = max_memory_kib.clamp(min.m_cost(), MAX_MEMORY_KIB);
    let params = |m: u32, t: u32| Params::new(m, t, 1, None).unwrap_or_else(|_| PasswordHasher::owasp_params());
    let done = |m: u32, t: u32, took: Duration, slower: bool| Calibration {
        memory_kib: m,
        iterations: t,
        parallelism: 1,
        took,
        slower_than_target: slower,
    };
    let (m0, t0) = (min.m_cost(), min.t_cost());
    let base = measure(&params(m0, t0));
    if base >= target {
        return done(m0, t0, base, base > target.mul_f64(1.1));
    }
    // The time grows about linearly with memory × passes.
    let scale = target.as_secs_f64() / base.as_secs_f64().max(1e-6);
    let m = ((f64::from(m0) * scale) as u32 / 1024 * 1024).clamp(m0, max_m);
    let mut took = if m == m0 { base } else { measure(&params(m, t0)) };
    let mut t = t0;
    if took < target {
        let more = (f64::from(t0) * target.as_secs_f64() / took.as_secs_f64().max(1e-6)) as u32;
        t = more.clamp(t0, MAX_ITERATIONS);
        if t != t0 {
            took = measure(&params(m, t));
        }
    }
    // Estimates may overshoot: step back while over the target (never below the minimum).
    let mut m = m;
    for _ in 0..MAX_ITERATIONS {
        if took <= target.mul_f64(1.1) {
            break;
        }
        if t > t0 {
            t -= 1;
        } else if m > m0 {
            m = (m - m / 8).max(m0) / 1024 * 1024;
            m = m.max(m0);
        } else {
            break;
        }
        took = measure(&params(m, t));
    }
    done(m, t, took, took > target.mul_f64(1.1))
}

/// Times one real argon2id hash with `params`: the best of three.
pub fn time_one_hash(params: &Params) -> Duration {
    let argon = argon2(params);
    let mut out = [0u8; 32];
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let _ = argon.hash_password_into(b"calibration password", b"calibration salt", &mut out);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn argon2(params: &Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
}

fn hash_with(argon: &Argon2<'_>, password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon.hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_phc_with_owasp_parameters() {
        let h = PasswordHasher::standard().unwrap();
        let phc = h.hash("correct horse battery staple").await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(h.verify("correct horse battery staple", Some(&phc)).await.unwrap());
        assert!(!h.verify("wrong horse battery staple", Some(&phc)).await.unwrap());
        assert_ne!(phc, h.hash("correct horse battery staple").await.unwrap(), "salted");
    }

    #[tokio::test]
    async fn unknown_accounts_verify_against_the_dummy_and_fail() {
        let h = PasswordHasher::standard().unwrap();
        assert!(!h.verify("anything", None).await.unwrap());
        assert!(!h.verify("anything", Some("not a phc string")).await.unwrap());
    }

    #[tokio::test]
    async fn hashes_with_other_parameters_need_a_rehash() {
        let stronger = checked_params(24_576, 3, 1).unwrap();
        let h = PasswordHasher::new(stronger, 1).unwrap();
        let phc = h.hash("correct horse").await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=24576,t=3,p=1$"), "{phc}");
        assert!(!h.needs_rehash(&phc));
        let old = PasswordHasher::new(PasswordHasher::owasp_params(), 1).unwrap();
        let owasp = old.hash("correct horse").await.unwrap();
        assert!(h.needs_rehash(&owasp));
        assert!(h.verify("correct horse", Some(&owasp)).await.unwrap(), "old hashes still verify");
        let argon2i = "$argon2i$v=19$m=24576,t=3,p=1$c2FsdHNhbHRzYWx0$2gnN6j6ySQI1ULSBiEcgWZ+RwrR3ZMiD9vXnMjmrqTU";
        assert!(h.needs_rehash(argon2i));
        assert!(!h.needs_rehash("not a hash"), "an unreadable hash is left for the verify to refuse");
    }

    #[tokio::test]
    async fn backup_code_digests_do_not_depend_on_the_configured_parameters() {
        let a = PasswordHasher::new(PasswordHasher::owasp_params(), 1).unwrap();
        let b = PasswordHasher::new(checked_params(32_768, 4, 2).unwrap(), 1).unwrap();
        let salt = vec![7u8; 16];
        let x = a.derive_all(vec!["abcde23456".into()], salt.clone()).await.unwrap();
        let y = b.derive_all(vec!["abcde23456".into()], salt).await.unwrap();
        assert_eq!(x, y);
    }

    #[test]
    fn configured_parameters_are_never_below_the_owasp_minimum() {
        assert!(checked_params(19_456, 2, 1).is_ok());
        assert!(checked_params(19_455, 2, 1).unwrap_err().contains("memory"));
        assert!(checked_params(65_536, 1, 1).unwrap_err().contains("iterations"));
        assert!(checked_params(65_536, 2, 0).unwrap_err().contains("parallelism"));
        assert!(checked_params(MAX_MEMORY_KIB + 1, 2, 1).is_err());
        assert!(checked_params(65_536, MAX_ITERATIONS + 1, 1).is_err());
    }

    /// A machine where a hash takes `ns_per_block` nanoseconds per KiB and pass.
    fn machine(ns_per_block: f64) -> impl FnMut(&Params) -> Duration {
        move |p| Duration::from_nanos((f64::from(p.m_cost()) * f64::from(p.t_cost()) * ns_per_block) as u64)
    }

    #[test]
    fn calibration_meets_the_target_within_ten_percent_growing_memory_then_passes() {
        let target = Duration::from_millis(250);
        // 19456 KiB x 2 passes = 39 ms here: memory grows to the cap, then passes.
        let c = calibrate(target, 65_536, machine(1_000.0));
        assert_eq!(c.memory_kib, 65_536);
        assert!(c.iterations >= 3, "{c:?}");
        assert!(c.took <= target.mul_f64(1.1) && c.took >= target.mul_f64(0.6), "{c:?}");
        assert!(!c.slower_than_target);
        // A large memory cap: memory alone meets the target.
        let c = calibrate(target, 1 << 20, machine(1_000.0));
        assert_eq!(c.iterations, 2);
        assert!(c.memory_kib > 65_536 && c.took <= target.mul_f64(1.1), "{c:?}");
        assert!(c.memory_kib.is_multiple_of(1024));
        // Whatever the machine, the result is valid and never below the minimum.
        for speed in [1.0, 50.0, 400.0, 3_000.0, 20_000.0] {
            let c = calibrate(target, 65_536, machine(speed));
            assert!(checked_params(c.memory_kib, c.iterations, c.parallelism).is_ok(), "{speed}: {c:?}");
        }
    }

    #[test]
    fn a_machine_slower_than_the_target_keeps_the_minimum_and_says_so() {
        let c = calibrate(Duration::from_millis(10), 65_536, machine(1_000.0));
        assert_eq!((c.memory_kib, c.iterations, c.parallelism), (19_456, 2, 1));
        assert!(c.slower_than_target);
    }

    #[test]
    fn the_real_clock_measures_a_real_hash() {
        assert!(time_one_hash(&PasswordHasher::owasp_params()) > Duration::from_micros(100));
    }

    #[tokio::test]
    async fn waits_for_a_slot_are_reported() {
        let metrics = Arc::new(Metrics::default());
        let h = PasswordHasher::new(PasswordHasher::owasp_params(), 1).unwrap().reporting_to(metrics.clone());
        h.hash("x").await.unwrap();
        let text = metrics.render(&Default::default());
        assert!(text.contains("gatehouse_password_hash_wait_seconds_count 1"), "{text}");
        assert!(text.contains("gatehouse_password_hash_queue_depth 0"), "{text}");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn hashing_runs_off_the_async_worker() {
        // On a current-thread runtime the test's own thread is the only async worker.
        let h = PasswordHasher::standard().unwrap();
        let worker = std::thread::current().id();
        let hashing_thread = h.run(|_| std::thread::current().id()).await.unwrap();
        assert_ne!(hashing_thread, worker);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn at_most_max_parallel_hashes_run_at_once() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let h = PasswordHasher::new(PasswordHasher::owasp_params(), 2).unwrap();
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let jobs: Vec<_> = (0..8)
            .map(|_| {
                let (h, running, peak) = (h.clone(), running.clone(), peak.clone());
                tokio::spawn(async move {
                    h.run(move |_| {
                        let now = running.fetch_add(1, SeqCst) + 1;
                        peak.fetch_max(now, SeqCst);
                        std::thread::sleep(Duration::from_millis(20));
                        running.fetch_sub(1, SeqCst);
                    })
                    .await
                })
            })
            .collect();
        for j in jobs {
            j.await.unwrap().unwrap();
        }
        assert!(peak.load(SeqCst) <= 2, "peak {}", peak.load(SeqCst));
        assert!(peak.load(SeqCst) >= 1);
    }
}
