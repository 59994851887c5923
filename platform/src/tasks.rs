//! Work a request starts but does not wait for (the lookup and mail of a password reset, so
//! that the answer takes the same time for every address). Such tasks are counted, so that a
//! shutdown, or a test, can wait until none is left.

use std::{future::Future, sync::Arc};

use tokio::sync::watch;

/// The background tasks of one server. Cheap to clone.
#[derive(Clone)]
pub struct Tasks {
    running: Arc<watch::Sender<usize>>,
}

impl Default for Tasks {
    fn default() -> Self {
        Self::new()
    }
}

impl Tasks {
    pub fn new() -> Self {
        Tasks { running: Arc::new(watch::Sender::new(0)) }
    }

    /// Runs `work` on its own task.
    pub fn spawn(&self, work: impl Future<Output = ()> + Send + 'static) -> tokio::task::JoinHandle<()> {
        self.running.send_modify(|n| *n += 1);
        let done = Done(self.running.clone());
        tokio::spawn(async move {
            work.await;
            drop(done);
        })
    }

    /// Waits until no background task is running.
    pub async fn idle(&self) {
        let mut rx = self.running.subscribe();
        // The sender lives in `self`, so the channel cannot close while we wait.
        let _ = rx.wait_for(|n| *n == 0).await;
    }
}

/// Counts a task as finished when dropped: also when it panicked or was aborted.
struct Done(Arc<watch::Sender<usize>>);

impl Drop for Done {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n = n.saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn idle_waits_for_every_task() {
        let tasks = Tasks::new();
        tasks.idle().await;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let flag = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let f = flag.clone();
        tasks.spawn(async move {
            let _ = rx.await;
            f.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let waiter = tokio::spawn({
            let tasks = tasks.clone();
            async move { tasks.idle().await }
        });
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished(), "a task is still running");
        tx.send(()).unwrap();
        waiter.await.unwrap();
        assert!(flag.load(std::sync::atomic::Ordering::SeqCst));
    }
}
