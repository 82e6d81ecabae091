// Tests may unwrap: a failure should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Tamper evidence that holds against whoever can write to the database, the server's own role
//! included: the chain is keyed (HMAC) with a key in a file outside the database, so a row
//! rewritten and the chain recomputed after it is still caught. Without the key the same
//! forgery passes, which is why the key is there. On PostgreSQL, TRUNCATE is refused.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use ourplan_backend::db::DbConnection;
use ourplan_backend::db::model::audit_event::AuditEventRow;
use ourplan_backend::db::schema::{audit_chain, audit_events};
use ourplan_shared::audit::AuditVerification;
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use ourplan_tests::database::disable_audit_guard;

/// What someone with the database alone can do: switch off the guard, change a row, and
/// recompute every hash after it (plain SHA-256: they have no key) up to the head.
fn forge_from(conn: &mut DbConnection, seq: i64) {
    disable_audit_guard(conn);
    let rows: Vec<AuditEventRow> = audit_events::table
        .filter(audit_events::seq.ge(seq - 1))
        .order(audit_events::seq)
        .select(AuditEventRow::as_select())
        .load(conn)
        .unwrap();
    let mut prev_hash = rows[0].hash.clone();
    for mut row in rows.into_iter().skip(1) {
        if row.seq == seq {
            row.actor_user_id = None;
        }
        row.prev_hash = prev_hash;
        row.hash = row.compute_hash_with(None);
        prev_hash = row.hash.clone();
        diesel::update(audit_events::table.filter(audit_events::seq.eq(row.seq)))
            .set((
                audit_events::actor_user_id.eq(&row.actor_user_id),
                audit_events::prev_hash.eq(&row.prev_hash),
                audit_events::hash.eq(&row.hash),
            ))
            .execute(conn)
            .unwrap();
    }
    diesel::update(audit_chain::table.find(1))
        .set(audit_chain::last_hash.eq(&prev_hash))
        .execute(conn)
        .unwrap();
}

fn check(app: &TestApp) -> AuditVerification {
    let sam = app.demo(Role::Admin);
    app.get(&sam, "/api/v1/audit/verify").json().unwrap()
}

fn some_reads(app: &TestApp) {
    let jordan = app.demo(Role::SupportWorker);
    let plan = format!("/api/v1/persons/{}/plan", app.demo_person());
    for _ in 0..3 {
        assert!(app.get(&jordan, &plan).status().is_success());
    }
}

#[test]
fn a_rewritten_row_is_caught_with_the_key_even_when_the_chain_is_recomputed() {
    // Without a key, a row rewritten and the chain recomputed after it goes unseen. (First:
    // the servers run in this process, and a key once installed is the process's.)
    let plain = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    some_reads(&plain);
    let mut conn = plain.database.connect();
    forge_from(&mut conn, 3);
    assert!(check(&plain).intact, "unkeyed, the forgery passes");

    // With the key in a file outside the database, the same forgery is caught.
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("audit.key");
    let keyed = TestApp::start_with(&[
        ("OURPLAN_DEMO", "1"),
        ("OURPLAN_AUDIT_KEY_FILE", key_file.to_str().unwrap()),
    ]);
    let written = std::fs::read_to_string(&key_file).unwrap();
    assert!(
        written.contains("from_seq=1\n"),
        "keyed from the first entry: {written}"
    );
    some_reads(&keyed);
    assert!(check(&keyed).intact);
    let mut conn = keyed.database.connect();
    forge_from(&mut conn, 3);
    let caught = check(&keyed);
    assert_eq!(
        (caught.intact, caught.broken_at_seq),
        (false, Some(3)),
        "{caught:?}"
    );

    // On PostgreSQL nothing that is evidence can be emptied at a stroke.
    if let DbConnection::Postgres(c) = &mut keyed.database.connect() {
        for table in ["audit_events", "consents", "decisions", "plan_versions"] {
            assert!(
                c.batch_execute(&format!("TRUNCATE {table} CASCADE"))
                    .is_err(),
                "{table} was emptied"
            );
        }
    }
}
