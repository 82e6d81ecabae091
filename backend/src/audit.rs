//! Group commit for the audit rows of reads. Every read is audited, and its row must be
//! durable before the answer leaves; committing each on its own would make every read wait
//! for its own fsync. Instead one writer thread takes whatever rows are waiting, appends them
//! to the chain in one transaction, and then releases every request in that batch. Writes
//! keep their audit row in their own transaction and do not come through here.

pub mod key;

use std::sync::mpsc;
use std::thread;

use futures_channel::oneshot;
use ourplan_shared::error::ErrorCode;

use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::{DbConnection, Pool};
use crate::error::AppError;

/// Rows committed together at most; more wait for the next commit.
const MAX_BATCH: usize = 512;

struct Job {
    entries: Vec<AuditEntry>,
    done: oneshot::Sender<Result<(), String>>,
}

/// The handle requests use; cheap to clone.
#[derive(Clone)]
pub struct AuditWriter {
    jobs: mpsc::Sender<Job>,
}

impl AuditWriter {
    /// Starts the writer thread. It ends when the last handle is dropped.
    pub fn start(pool: Pool) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("audit-writer".to_owned())
            .spawn(move || {
                while let Ok(first) = queue.recv() {
                    let mut batch = vec![first];
                    let mut rows = batch[0].entries.len();
                    while rows < MAX_BATCH {
                        let Ok(job) = queue.try_recv() else { break };
                        rows += job.entries.len();
                        batch.push(job);
                    }
                    let entries: Vec<AuditEntry> = batch
                        .iter()
                        .flat_map(|j| j.entries.iter().cloned())
                        .collect();
                    let result = pool
                        .get()
                        .map_err(|error| format!("audit pool: {error}"))
                        .and_then(|mut conn| append(&mut conn, &entries));
                    if let Err(error) = &result {
                        log::error!(
                            "audit group commit of {} rows failed: {error}",
                            entries.len()
                        );
                    }
                    for job in batch {
                        // The request may have gone away; its row is stored all the same.
                        let _ = job.done.send(result.clone());
                    }
                }
            })?;
        Ok(Self { jobs })
    }

    /// Appends the entries in the next group commit and returns once they are durable.
    pub async fn record(&self, entries: Vec<AuditEntry>) -> Result<(), AppError> {
        if entries.is_empty() {
            return Ok(());
        }
        let (done, committed) = oneshot::channel();
        self.jobs
            .send(Job { entries, done })
            .map_err(|_| AppError::Internal("the audit writer has stopped".to_owned()))?;
        committed
            .await
            .map_err(|_| AppError::Internal("the audit writer has stopped".to_owned()))?
            .map_err(AppError::Internal)
    }
}

fn append(conn: &mut DbConnection, entries: &[AuditEntry]) -> Result<(), String> {
    // In turn with this process's other writers, on SQLite.
    let _turn = crate::db::sqlite_writer_turn(conn);
    audit_event::append(conn, entries)
        .map(drop)
        .map_err(|error| format!("audit append: {error}"))
}

/// The outcome of an audited read: its entry, marked refused if the read was refused.
pub struct Read<T> {
    pub entry: AuditEntry,
    pub result: Result<T, AppError>,
}

impl<T> Read<T> {
    /// The entry to record: allowed if the read succeeded, refused if the client was refused
    /// (not found, forbidden), none if the server failed and nothing was read.
    pub fn entry_to_record(&self) -> Option<AuditEntry> {
        match &self.result {
            Ok(_) => Some(self.entry.clone()),
            Err(error @ AppError::Client { .. }) => Some(
                self.entry
                    .clone()
                    .refused(error.code() == ErrorCode::Forbidden),
            ),
            Err(_) => None,
        }
    }
}
