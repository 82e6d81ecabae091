//! Password hashing off the request threads and outside the database pool. argon2 takes tens
//! of milliseconds of a core and 19 MiB on purpose; a few threads of its own take jobs from a
//! bounded queue, and when the queue is full a sign-in is told "busy" at once instead of
//! waiting. A flood of made-up sign-ins then costs those threads, never a database connection
//! or a worker that other requests need.

use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};

use futures_channel::oneshot;
use ourplan_shared::error::ErrorCode;

use crate::error::AppError;

type Job = Box<dyn FnOnce() + Send + 'static>;

/// A password checked against its stored hash.
pub struct Verified {
    pub matches: bool,
    /// A hash of the same password with today's parameters, when the stored one had others.
    pub renewed: Option<String>,
}

/// The sending end of the hashing threads' queue; cheap to clone.
#[derive(Clone)]
pub struct HashQueue {
    jobs: SyncSender<Job>,
}

fn busy() -> AppError {
    AppError::client(
        ErrorCode::Unavailable,
        "Many people are signing in at once. Please try again in a minute.",
    )
}

impl HashQueue {
    /// Starts `threads` hashing threads behind a queue of `capacity` waiting jobs.
    pub fn start(threads: usize, capacity: usize) -> std::io::Result<Self> {
        let (jobs, receiver) = mpsc::sync_channel::<Job>(capacity);
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..threads.max(1) {
            let receiver = Arc::clone(&receiver);
            std::thread::Builder::new()
                .name(format!("ourplan-hash-{n}"))
                .spawn(move || {
                    loop {
                        // The lock is held only while waiting for the next job.
                        let job = match receiver.lock() {
                            Ok(receiver) => receiver.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                })?;
        }
        Ok(Self { jobs })
    }

    /// As many threads as half the cores, so requests keep the rest.
    pub fn start_default() -> std::io::Result<Self> {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self::start(cores / 2, 32)
    }

    /// Queues `work`, or says busy at once when the queue is full.
    fn submit<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<oneshot::Receiver<T>, AppError> {
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            // The request may have gone; then nobody waits for the answer.
            let _ = done.send(work());
        });
        match self.jobs.try_send(job) {
            Ok(()) => Ok(result),
            Err(TrySendError::Full(_)) => Err(busy()),
            Err(TrySendError::Disconnected(_)) => Err(AppError::Internal(
                "the password hashing threads stopped".to_owned(),
            )),
        }
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        self.submit(work)?
            .await
            .map_err(|_| AppError::Internal("a password job was dropped".to_owned()))
    }

    /// Whether `password` matches the stored hash; with no stored hash, a decoy is checked so
    /// the answer takes as long either way.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, AppError> {
        Ok(self.verify_and_renew(password, stored).await?.matches)
    }

    /// As [`Self::verify`], and when the password matches a hash made with other parameters,
    /// a new hash of it to store in its place.
    pub async fn verify_and_renew(
        &self,
        password: String,
        stored: Option<String>,
    ) -> Result<Verified, AppError> {
        self.run(move || match stored {
            Some(stored) => {
                let matches = super::verify(&password, &stored);
                let renewed = (matches && !super::is_current(&stored))
                    .then(|| super::hash(&password).ok())
                    .flatten();
                Verified { matches, renewed }
            }
            None => {
                super::verify(&password, super::decoy_hash());
                Verified {
                    matches: false,
                    renewed: None,
                }
            }
        })
        .await
    }

    /// A new hash of `password`.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.run(move || super::hash(&password)).await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn hashes_and_verifies_off_the_caller_and_says_busy_when_full() {
        let queue = HashQueue::start(1, 1).unwrap();
        let stored = queue
            .hash("correct horse battery".to_owned())
            .await
            .unwrap();
        assert!(
            queue
                .verify("correct horse battery".to_owned(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(!queue.verify("x".to_owned(), None).await.unwrap());

        // One thread busy, one job waiting: the next is refused at once.
        let (started, has_started) = std::sync::mpsc::channel::<()>();
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let blocker = queue
            .submit(move || {
                let _ = started.send(());
                wait.recv().is_ok()
            })
            .unwrap();
        has_started.recv().unwrap();
        let waiting = queue.submit(|| 1).unwrap();
        let refused = queue.submit(|| 2).map(drop).unwrap_err();
        assert_eq!(refused.code(), ErrorCode::Unavailable);
        release.send(()).unwrap();
        assert!(blocker.await.unwrap());
        assert_eq!(waiting.await.unwrap(), 1);
    }
}
