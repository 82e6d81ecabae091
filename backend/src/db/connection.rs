//! Connections and the pool.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel::{PgConnection, SqliteConnection};

use super::DatabaseUrl;

/// A connection to either database; diesel queries run unchanged on both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConnection = r2d2::PooledConnection<Manager>;

/// SQLite settings for every connection: a busy timeout first, so that connections opened at
/// once wait for each other (switching to WAL takes a lock) rather than fail; WAL so readers
/// never block the writer; FULL sync so an acknowledged write survives a power cut; foreign
/// keys enforced. The soft heap limit (6 MiB) is SQLite's for the whole process, shared by
/// every connection, which would otherwise keep 2 MiB of pages each, mostly the same pages;
/// beyond it SQLite reuses its least recently used pages, which the operating system's file
/// cache still holds. 4 MiB cost about a sixth of the plan reads a second (2026-12-07).
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA soft_heap_limit = 6291456;";

/// Opens connections of the backend the URL names, never guessing.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl Manager {
    pub fn new(url: DatabaseUrl) -> Self {
        Self { url }
    }

    /// Opens one connection outside any pool (migrations, tasks).
    pub fn establish(&self) -> Result<DbConnection, diesel::ConnectionError> {
        match &self.url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|error| {
                        diesel::ConnectionError::BadConnection(format!(
                            "cannot create the folder {}: {error}",
                            parent.display()
                        ))
                    })?;
                }
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Sqlite(conn))
            }
            DatabaseUrl::Postgres(url) => {
                let mut conn = PgConnection::establish(url)?;
                conn.batch_execute("SET TIME ZONE 'UTC'")
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Postgres(conn))
            }
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        self.establish().map_err(r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// Connections kept open while the server is idle; more open as requests need them, up to the
/// pool's size, and close again after r2d2's idle timeout (ten minutes).
const MIN_IDLE: u32 = 2;

/// Builds the pool; the first connection is opened now so a bad URL fails at start-up.
pub fn pool(url: &DatabaseUrl, size: u32) -> Result<Pool, diesel::r2d2::PoolError> {
    r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(MIN_IDLE.min(size)))
        .test_on_check_out(false)
        .build(Manager::new(url.clone()))
}

ourplan_shared::multi_backend_ids!(MultiBackend);

#[cfg(test)]
mod tests {
    use diesel::prelude::*;
    use diesel::sql_types::Text;
    use diesel::{IntoSql, SqliteConnection};
    use ourplan_shared::id::PersonId;
    use ourplan_shared::plan::GoalStatus;

    use super::DbConnection;

    fn read<T>(conn: &mut DbConnection, text: &str) -> QueryResult<T>
    where
        T: diesel::deserialize::FromSqlRow<Text, super::MultiBackend> + 'static,
    {
        diesel::select(text.into_sql::<Text>()).get_result(conn)
    }

    #[test]
    fn ids_and_keys_are_stored_as_the_text_they_travel_as() {
        let mut conn = DbConnection::Sqlite(SqliteConnection::establish(":memory:").unwrap());
        let text = "0192f0a4-7c1e-7b3a-9d2e-1a2b3c4d5e6f";
        let person = PersonId::parse(text).unwrap();

        let stored: String = diesel::select(person.into_sql::<Text>())
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(stored, text);
        assert_eq!(read::<PersonId>(&mut conn, text).unwrap(), person);
        let stored: String = diesel::select(GoalStatus::InProgress.into_sql::<Text>())
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(stored, "in_progress");
        assert_eq!(
            read::<GoalStatus>(&mut conn, "achieved").unwrap(),
            GoalStatus::Achieved
        );

        // What the type cannot hold fails the read rather than passing on as text.
        assert!(read::<PersonId>(&mut conn, "goal-1").is_err());
        assert!(read::<GoalStatus>(&mut conn, "finished").is_err());
    }
}
