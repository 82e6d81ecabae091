//! A fresh database per test: a SQLite file in a temporary folder, or a new database on the
//! PostgreSQL server named by `OURPLAN_TEST_POSTGRES`, dropped afterwards.

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use ourplan_backend::db::connection::Manager;
use ourplan_backend::db::{DatabaseUrl, DbConnection};
use ourplan_shared::health::DatabaseBackend;

pub enum TestDatabase {
    Sqlite {
        dir: tempfile::TempDir,
    },
    Postgres {
        admin_url: String,
        name: String,
    },
    /// Another test app's database, left for its owner to drop.
    Shared {
        url: String,
    },
}

impl TestDatabase {
    pub fn create() -> Self {
        match std::env::var("OURPLAN_TEST_POSTGRES") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("ourplan_test_{}", uuid::Uuid::now_v7().simple());
                let mut admin = PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("connecting to OURPLAN_TEST_POSTGRES: {e}"));
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .unwrap();
                Self::Postgres { admin_url, name }
            }
            _ => Self::Sqlite {
                dir: tempfile::tempdir().unwrap(),
            },
        }
    }

    pub fn backend(&self) -> DatabaseBackend {
        DatabaseUrl::parse(&self.url()).unwrap().backend()
    }

    pub fn url(&self) -> String {
        match self {
            Self::Sqlite { dir } => dir.path().join("ourplan.db").to_string_lossy().into_owned(),
            Self::Postgres { admin_url, name } => {
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(b, _)| b);
                format!("{base}/{name}")
            }
            Self::Shared { url } => url.clone(),
        }
    }

    /// A direct connection to the migrated database.
    pub fn migrated(&self) -> DbConnection {
        let mut conn = self.connect();
        ourplan_backend::db::migration::run_pending(&mut conn).unwrap();
        conn
    }

    /// A direct connection, for checks the API does not offer.
    pub fn connect(&self) -> DbConnection {
        Manager::new(DatabaseUrl::parse(&self.url()).unwrap())
            .establish()
            .unwrap()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Self::Postgres { admin_url, name } = self
            && let Ok(mut admin) = PgConnection::establish(admin_url)
        {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// Does what an attacker with the database could: switches off the triggers that keep the
/// audit trail append-only, so a test can show that tampering is still found.
pub fn disable_audit_guard(conn: &mut DbConnection) {
    match conn {
        DbConnection::Sqlite(c) => c
            .batch_execute(
                "DROP TRIGGER audit_events_immutable; DROP TRIGGER audit_events_no_delete;",
            )
            .unwrap(),
        DbConnection::Postgres(c) => c
            .batch_execute("ALTER TABLE audit_events DISABLE TRIGGER audit_events_immutable")
            .unwrap(),
    }
}
