//! Every migration goes up, down and up again on the database under test.

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use ourplan_backend::db::migration;
use ourplan_shared::health::DatabaseBackend;
use ourplan_tests::TestDatabase;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn table_count(conn: &mut ourplan_backend::db::DbConnection, backend: &TestDatabase) -> i64 {
    let sql = match backend.backend() {
        DatabaseBackend::Sqlite => {
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name != '__diesel_schema_migrations'"
        }
        DatabaseBackend::Postgres => {
            "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public' \
             AND table_name != '__diesel_schema_migrations'"
        }
    };
    diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n
}

#[test]
fn migrations_go_up_down_and_up_again() {
    let database = TestDatabase::create();
    let mut conn = database.connect();
    let version = migration::run_pending(&mut conn).unwrap();
    assert_eq!(version, "20261207000021", "the newest migration");
    let tables = table_count(&mut conn, &database);
    assert_eq!(tables, 46, "tables after migrating");

    migration::revert_all(&mut conn).unwrap();
    assert_eq!(
        table_count(&mut conn, &database),
        0,
        "down.sql leaves nothing behind"
    );
    assert_eq!(migration::current_version(&mut conn).unwrap(), "");

    assert_eq!(migration::run_pending(&mut conn).unwrap(), version);
    assert_eq!(table_count(&mut conn, &database), tables);
}
