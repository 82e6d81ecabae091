//! Group commit for the audit trail. Every read is audited, and its row must be durable
//! before the answer leaves; every write stores its entries with itself, to be moved into the
//! chain (`db::model::audit_event`). Committing each on its own would make every request
//! wait for its own fsync and queue on the chain's head. Instead one writer thread takes
//! whatever waits (reads' rows, and the requests that follow a write), moves the pending
//! entries into the chain and appends the reads' rows in one transaction, and then releases
//! every request in that batch.

pub mod key;

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;
use futures_channel::oneshot;
use ourplan_shared::error::ErrorCode;

use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::{DbConnection, Pool};
use crate::error::AppError;
use crate::server::AppState;

/// Rows committed together at most; more wait for the next commit.
const MAX_BATCH: usize = 512;

/// How soon entries stored outside a request (a background task's) join the chain, at the
/// latest, when no request comes to take them.
const IDLE_CHAIN: Duration = Duration::from_secs(1);

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
                // What `appended()` said at the last chain that moved something, and whether
                // that chain may have left entries whose writes had not committed yet.
                let mut seen = audit_event::appended();
                let mut again = false;
                loop {
                    let first = match queue.recv_timeout(IDLE_CHAIN) {
                        Ok(job) => job,
                        Err(RecvTimeoutError::Timeout) => {
                            let now = audit_event::appended();
                            if now != seen || again {
                                again = chain_pending(&pool);
                                seen = now;
                            }
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => break,
                    };
                    seen = audit_event::appended();
                    again = true;
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
        self.commit(entries).await
    }

    /// Returns once every entry stored by a write that committed before now is in the chain.
    pub async fn chain_pending(&self) -> Result<(), AppError> {
        self.commit(Vec::new()).await
    }

    async fn commit(&self, entries: Vec<AuditEntry>) -> Result<(), AppError> {
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
    audit_event::chain(conn, entries)
        .map(drop)
        .map_err(|error| format!("audit group commit: {error}"))
}

/// The idle chain: entries stored by background work, with no request waiting on them.
/// Says whether to look again at the next turn: something joined (a write that had not
/// committed yet may have been left), or the chain failed (logged, tried again).
fn chain_pending(pool: &Pool) -> bool {
    let moved = pool
        .get()
        .map_err(|error| format!("audit pool: {error}"))
        .and_then(|mut conn| {
            let _turn = crate::db::sqlite_writer_turn(&conn);
            audit_event::chain(&mut conn, &[]).map_err(|error| format!("audit chain: {error}"))
        });
    match moved {
        Ok(rows) => rows > 0,
        Err(error) => {
            log::error!("chaining stored audit entries failed: {error}");
            true
        }
    }
}

/// Middleware: when a request's handler stored audit entries (this process stored some while
/// it ran), the answer waits until they are in the chain, as a read's does; so whatever
/// follows a write, the person's access log or `audit-verify`, finds it there. If the chain
/// cannot take them now the write still stands, its entries stored with it: the answer goes
/// and the entries join at the next group commit.
pub async fn chain_after_writes(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let before = audit_event::appended();
    let writer = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.audit.clone());
    let response = next.call(req).await?;
    if audit_event::appended() != before
        && let Some(writer) = writer
        && let Err(error) = writer.chain_pending().await
    {
        log::error!("a write's audit entries wait for the next group commit: {error}");
    }
    Ok(response)
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
