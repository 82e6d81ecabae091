// Tests may unwrap: a failure should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The audit trail: every read is recorded, allowed or refused, in a hash chain that
//! shows when a row has been changed or removed behind the database's back.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use ourplan_backend::db::DbConnection;
use ourplan_backend::db::model::audit_event::{self, AuditEventRow};
use ourplan_backend::db::model::user::UserRow;
use ourplan_backend::db::schema::audit_events;
use ourplan_shared::audit::AuditVerification;
use ourplan_shared::demo::{ACCOUNTS, DEMO_PASSWORD};
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::StatusCode;

fn email(role: Role) -> &'static str {
    ACCOUNTS.iter().find(|a| a.role == role).unwrap().email
}

/// Lets the test do what an attacker with database access could: switch off the guard.
fn disable_guard(conn: &mut DbConnection) {
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

#[test]
fn every_read_is_chained_and_tampering_is_detected() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn = app.database.connect();
    let alex = UserRow::find_by_email(&mut conn, email(Role::Individual))
        .unwrap()
        .unwrap()
        .person_id
        .unwrap();
    let seeded = audit_event::verify(&mut conn).unwrap().unwrap();
    assert_eq!(seeded, 1, "seeding the demo is itself audited");

    let worker = app.signed_in(email(Role::SupportWorker), DEMO_PASSWORD);
    let admin = app.signed_in(email(Role::Admin), DEMO_PASSWORD);
    let url = app.url(&format!("/api/v1/persons/{alex}/plan"));
    for _ in 0..3 {
        assert_eq!(worker.get(&url).send().unwrap().status(), StatusCode::OK);
    }
    assert_eq!(
        admin.get(&url).send().unwrap().status(),
        StatusCode::NOT_FOUND
    );

    assert_eq!(audit_event::verify(&mut conn).unwrap(), Ok(5));
    let rows = AuditEventRow::for_person(&mut conn, &alex).unwrap();
    assert_eq!(rows.len(), 3, "three allowed reads of Alex's plan");
    assert!(
        rows.iter()
            .all(|r| r.outcome == "allowed" && r.actor_role.as_deref() == Some("support_worker"))
    );
    let refused: i64 = audit_events::table
        .filter(audit_events::outcome.eq("refused"))
        .filter(audit_events::entity_id.eq(&alex))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(refused, 1, "the admin's refused attempt is recorded too");

    // The database refuses to change the trail...
    let blocked = diesel::update(audit_events::table.filter(audit_events::seq.eq(3)))
        .set(audit_events::entity.eq("nothing"))
        .execute(&mut conn);
    assert!(blocked.is_err());

    let verify_url = app.url("/api/v1/audit/verify");
    let check: AuditVerification = admin.get(&verify_url).send().unwrap().json().unwrap();
    assert!(check.intact && check.checked == 5, "{check:?}");
    assert_eq!(
        worker.get(&verify_url).send().unwrap().status(),
        StatusCode::FORBIDDEN,
        "only an admin checks the trail"
    );

    // ...and if someone switches that off, verification finds the changed row,
    disable_guard(&mut conn);
    diesel::update(audit_events::table.filter(audit_events::seq.eq(3)))
        .set(audit_events::actor_user_id.eq(None::<String>))
        .execute(&mut conn)
        .unwrap();
    let broken = audit_event::verify(&mut conn).unwrap().unwrap_err();
    assert_eq!(broken.seq, 3);
    let check: AuditVerification = admin.get(&verify_url).send().unwrap().json().unwrap();
    assert_eq!((check.intact, check.broken_at_seq), (false, Some(3)));

    // and a deleted row at the end.
    let app2 = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn2 = app2.database.connect();
    let worker = app2.signed_in(email(Role::SupportWorker), DEMO_PASSWORD);
    let alex2 = UserRow::find_by_email(&mut conn2, email(Role::Individual))
        .unwrap()
        .unwrap()
        .person_id
        .unwrap();
    worker
        .get(app2.url(&format!("/api/v1/persons/{alex2}/plan")))
        .send()
        .unwrap();
    assert_eq!(audit_event::verify(&mut conn2).unwrap(), Ok(2));
    disable_guard(&mut conn2);
    diesel::delete(audit_events::table.filter(audit_events::seq.eq(2)))
        .execute(&mut conn2)
        .unwrap();
    let broken = audit_event::verify(&mut conn2).unwrap().unwrap_err();
    assert_eq!(broken.reason, "rows are missing from the end");
}

#[test]
fn a_scripted_run_leaves_exactly_one_row_per_audited_request() {
    use ourplan_tests::demo_email;
    use serde_json::{Value, json};
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn = app.database.connect();
    let alex = UserRow::find_by_email(&mut conn, demo_email(Role::Individual))
        .unwrap()
        .unwrap()
        .person_id
        .unwrap();
    let before = audit_event::verify(&mut conn).unwrap().unwrap();
    let jordan = app.demo(Role::SupportWorker);
    let morgan = app.demo(Role::Family);
    let person = app.demo(Role::Individual);
    let sam = app.demo(Role::Admin);
    let plan = format!("/api/v1/persons/{alex}/plan");
    let consents = format!("/api/v1/persons/{alex}/consents");
    let contributions = format!("/api/v1/persons/{alex}/contributions");
    let access_log = format!("/api/v1/persons/{alex}/access-log");

    // Reads from many threads at once go through the group commit.
    std::thread::scope(|s| {
        for _ in 0..24 {
            s.spawn(|| assert_eq!(app.get(&jordan, &plan).status(), StatusCode::OK));
        }
    });
    let mut audited = 24;
    let steps: Vec<(&reqwest::blocking::Client, &str, Option<Value>, StatusCode)> = vec![
        (&morgan, &plan, None, StatusCode::OK),
        (&sam, &plan, None, StatusCode::NOT_FOUND),
        (&person, &consents, None, StatusCode::OK),
        (&morgan, &consents, None, StatusCode::FORBIDDEN),
        (
            &morgan,
            &contributions,
            Some(json!({"section": "goals", "kind": "comment", "text": "Well done!"})),
            StatusCode::CREATED,
        ),
        (&person, &contributions, None, StatusCode::OK),
        (&person, &access_log, None, StatusCode::OK),
    ];
    for (client, path, body, expected) in steps {
        let response = match body {
            Some(body) => app.post(client, path, body),
            None => app.get(client, path),
        };
        assert_eq!(response.status(), expected, "{path}");
        audited += 1;
    }
    // Not audited: who am I, and health.
    app.get(&jordan, "/api/v1/me");
    app.get(&jordan, "/api/v1/health");
    let after = audit_event::verify(&mut conn).unwrap().unwrap();
    assert_eq!(after - before, audited);
}
