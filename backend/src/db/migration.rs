//! Embedded migrations: `migrations/sqlite` and `migrations/postgres` hold the same names.

use diesel::Connection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;

pub const SQLITE: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
pub const POSTGRES: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

pub type MigrationError = Box<dyn std::error::Error + Send + Sync>;

/// Applies every pending migration, fills in what a migration added but only the server's
/// rules can work out, and returns the newest applied version.
pub fn run_pending(conn: &mut DbConnection) -> Result<String, MigrationError> {
    match conn {
        DbConnection::Sqlite(conn) => {
            conn.run_pending_migrations(SQLITE)?;
        }
        DbConnection::Postgres(conn) => {
            conn.run_pending_migrations(POSTGRES)?;
        }
    }
    conn.transaction(super::model::review_schedule::fill_in)?;
    current_version(conn)
}

/// The newest applied migration version, such as `20261124000001`; empty when none ran.
pub fn current_version(conn: &mut DbConnection) -> Result<String, MigrationError> {
    let versions = match conn {
        DbConnection::Sqlite(conn) => conn.applied_migrations()?,
        DbConnection::Postgres(conn) => conn.applied_migrations()?,
    };
    Ok(versions
        .iter()
        .map(ToString::to_string)
        .max()
        .unwrap_or_default())
}

/// Reverts every applied migration, newest first (used by the migration tests).
pub fn revert_all(conn: &mut DbConnection) -> Result<(), MigrationError> {
    match conn {
        DbConnection::Sqlite(conn) => {
            conn.revert_all_migrations(SQLITE)?;
        }
        DbConnection::Postgres(conn) => {
            conn.revert_all_migrations(POSTGRES)?;
        }
    }
    Ok(())
}
