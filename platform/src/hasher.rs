//! Argon2id password hashing on a bounded blocking pool.
//!
//! Each hash costs ~19 MiB and tens of milliseconds of one core. Hashing runs on tokio's
//! blocking threads, never on the async workers, and at most `max_parallel` at once: a flood
//! of sign-ins queues here (asynchronously) instead of stalling every other request.

use std::{sync::Arc, time::Duration};

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString},
    Algorithm, Argon2, Params, Version,
};
use tokio::sync::Semaphore;

use wire::error::AppError;

/// How long a request waits for a hashing slot before it is told to come back.
const QUEUE_WAIT: Duration = Duration::from_secs(15);

#[derive(Clone)]
pub struct PasswordHasher {
    inner: Arc<Inner>,
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
        Ok(PasswordHasher { inner: Arc::new(Inner { params, permits: Semaphore::new(max_parallel.max(1)), dummy }) })
    }

    /// Argon2id with OWASP parameters, one slot per core.
    pub fn standard() -> Result<Self, AppError> {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Self::new(Self::owasp_params(), cores)
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
    /// codes, where one salt per set lets a code be checked with one hash.
    pub async fn derive_all(&self, secrets: Vec<String>, salt: Vec<u8>) -> Result<Vec<String>, AppError> {
        self.run(move |argon| {
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
        let _permit = tokio::time::timeout(QUEUE_WAIT, self.inner.permits.acquire())
            .await
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
