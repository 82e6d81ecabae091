//! The database: one code path over SQLite (embedded, the default) and PostgreSQL.
//!
//! Queries live only in this module's submodules, as methods returning `QueryResult`.
//! Diesel is blocking, so callers run them through [`crate::db::run`] on actix's blocking
//! thread pool, never on the async executor.

pub mod backup;
pub mod connection;
pub mod migration;
pub mod model;
pub mod schema;

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

pub use connection::{DbConnection, Pool, PooledConnection};
use ourplan_shared::health::DatabaseBackend;

use crate::error::AppError;

/// Which database to use, decided from the `DATABASE_URL` scheme. Chosen here rather than by
/// `MultiConnection::establish`, which would try a PostgreSQL URL as a SQLite file name first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite://path` or a plain path is
    /// SQLite.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Ok(Self::Postgres(text.to_owned()));
        }
        let path = text
            .strip_prefix("sqlite://")
            .or_else(|| text.strip_prefix("sqlite:"))
            .unwrap_or(text);
        if path.is_empty() {
            return Err("expected a SQLite file path or a postgres:// URL".to_owned());
        }
        if path.contains("://") {
            return Err(format!("unsupported database scheme in {text:?}"));
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn backend(&self) -> DatabaseBackend {
        match self {
            Self::Sqlite(_) => DatabaseBackend::Sqlite,
            Self::Postgres(_) => DatabaseBackend::Postgres,
        }
    }
}

/// A transaction that will write. On SQLite it takes the write lock first (with a no-op update
/// of the audit chain's head row, which writes no longer hold otherwise: their entries wait in
/// `pending_audit_events`), waiting under the busy timeout; a transaction that read first and then tried to write after another writer
/// committed would fail at once with "database is locked" instead of waiting. PostgreSQL needs
/// nothing: row locks and MVCC handle it.
///
/// On SQLite the writers of this process also take turns on [`sqlite_writer_turn`] first, so
/// they queue in memory and each starts the moment the last one commits, instead of polling
/// SQLite's busy handler, whose growing sleeps (up to 100 ms a try) made the slowest saves
/// hundreds of milliseconds under load.
pub fn write_transaction<T, F>(conn: &mut DbConnection, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError>,
{
    use diesel::{Connection, RunQueryDsl};
    let _turn = sqlite_writer_turn(conn);
    conn.transaction(|conn| {
        if let DbConnection::Sqlite(sqlite) = conn {
            diesel::sql_query("UPDATE audit_chain SET last_seq = last_seq WHERE id = 1")
                .execute(sqlite)?;
        }
        work(conn)
    })
}

/// This process's SQLite writers, one at a time (another process on the same file still
/// waits in SQLite's busy handler, as before).
static SQLITE_WRITER: Mutex<()> = Mutex::new(());

thread_local! {
    /// Whether this thread has the turn already (a write inside a write).
    static HAS_TURN: Cell<bool> = const { Cell::new(false) };
}

/// The turn to write, held until dropped; `None` on PostgreSQL, or when this thread has it.
pub struct WriterTurn {
    _guard: MutexGuard<'static, ()>,
}

impl Drop for WriterTurn {
    fn drop(&mut self) {
        HAS_TURN.set(false);
    }
}

/// Waits for this process's turn to write to SQLite (see [`write_transaction`]).
pub fn sqlite_writer_turn(conn: &DbConnection) -> Option<WriterTurn> {
    if !matches!(conn, DbConnection::Sqlite(_)) || HAS_TURN.get() {
        return None;
    }
    let guard = SQLITE_WRITER.lock().unwrap_or_else(PoisonError::into_inner);
    HAS_TURN.set(true);
    Some(WriterTurn { _guard: guard })
}

/// Runs blocking database work on actix's blocking pool with a pooled connection.
pub async fn run<T, F>(pool: &Pool, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get()?;
        work(&mut conn)
    })
    .await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_decides_the_backend() {
        assert_eq!(
            DatabaseUrl::parse("postgres://u@localhost/db")
                .unwrap()
                .backend(),
            DatabaseBackend::Postgres
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://u@localhost/db")
                .unwrap()
                .backend(),
            DatabaseBackend::Postgres
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db").unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from("data/x.db"))
        );
        assert_eq!(
            DatabaseUrl::parse("/var/lib/ourplan.db").unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from("/var/lib/ourplan.db"))
        );
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        assert!(DatabaseUrl::parse("  ").is_err());
    }
}
