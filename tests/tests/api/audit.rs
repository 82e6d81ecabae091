//! The audit trail: every read is recorded, allowed or refused, in a hash chain that
//! shows when a row has been changed or removed behind the database's back.

use diesel::prelude::*;
use ourplan_backend::db::DbConnection;
use ourplan_backend::db::model::audit_event::{self, AuditEventRow};
use ourplan_backend::db::model::user::UserRow;
use ourplan_backend::db::schema::{audit_events, pending_audit_events};
use ourplan_shared::audit::AuditVerification;
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use ourplan_tests::database::disable_audit_guard;
use ourplan_tests::demo_email as email;
use reqwest::StatusCode;

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

    // The seed, two sign-ins and three reads (the refused read is not about Alex).
    assert_eq!(audit_event::verify(&mut conn).unwrap(), Ok(7));
    let rows = AuditEventRow::for_person(&mut conn, alex).unwrap();
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
    assert!(check.intact && check.checked == 7, "{check:?}");
    assert_eq!(
        worker.get(&verify_url).send().unwrap().status(),
        StatusCode::FORBIDDEN,
        "only an admin checks the trail"
    );

    // ...and if someone switches that off, verification finds the changed row,
    disable_audit_guard(&mut conn);
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
    // The seed, the sign-in and the read.
    assert_eq!(audit_event::verify(&mut conn2).unwrap(), Ok(3));
    disable_audit_guard(&mut conn2);
    diesel::delete(audit_events::table.filter(audit_events::seq.eq(3)))
        .execute(&mut conn2)
        .unwrap();
    let broken = audit_event::verify(&mut conn2).unwrap().unwrap_err();
    assert_eq!(broken.reason, "rows are missing from the end");
}

#[test]
fn a_writes_entries_are_chained_before_it_answers_and_leave_the_queue_only_for_the_chain() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn = app.database.connect();
    let waiting = |conn: &mut DbConnection| -> i64 {
        pending_audit_events::table
            .count()
            .get_result(conn)
            .unwrap()
    };
    let in_chain = |conn: &mut DbConnection, entity: &str| -> i64 {
        audit_events::table
            .filter(audit_events::entity.eq(entity))
            .count()
            .get_result(conn)
            .unwrap()
    };
    // A sign-in is a write: its entry is stored with it and in the chain by the answer.
    let worker = app.signed_in(email(Role::SupportWorker), DEMO_PASSWORD);
    assert_eq!(waiting(&mut conn), 0);
    assert_eq!(in_chain(&mut conn, audit_event::SIGN_IN), 1);

    // An entry stored by another process (a task) waits; it cannot be changed, nor leave
    // except into the chain.
    let user = UserRow::find_by_email(&mut conn, email(Role::SupportWorker))
        .unwrap()
        .unwrap();
    let entry = audit_event::AuditEntry::system(
        user.organisation_id,
        ourplan_shared::audit::AuditAction::Seed,
        "queued",
    );
    audit_event::append(&mut conn, &[entry]).unwrap();
    assert_eq!(waiting(&mut conn), 1);
    let changed = diesel::update(pending_audit_events::table)
        .set(pending_audit_events::entity.eq("other"))
        .execute(&mut conn);
    assert!(changed.is_err(), "a waiting entry cannot be changed");
    let removed = diesel::delete(pending_audit_events::table).execute(&mut conn);
    assert!(
        removed.is_err(),
        "a waiting entry leaves only for the chain"
    );
    assert_eq!(waiting(&mut conn), 1);

    // The next group commit (here a read's) takes it, before the read's own row.
    let person = UserRow::find_by_email(&mut conn, email(Role::Individual))
        .unwrap()
        .unwrap()
        .person_id
        .unwrap();
    let read = worker
        .get(app.url(&format!("/api/v1/persons/{person}/plan")))
        .send()
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    assert_eq!(waiting(&mut conn), 0);
    assert_eq!(in_chain(&mut conn, "queued"), 1);
    let rows = AuditEventRow::for_person(&mut conn, person).unwrap();
    let queued_seq: i64 = audit_events::table
        .filter(audit_events::entity.eq("queued"))
        .select(audit_events::seq)
        .first(&mut conn)
        .unwrap();
    assert!(rows.iter().all(|r| r.seq > queued_seq));
    // The seed, the sign-in, the queued entry and the read.
    assert_eq!(audit_event::verify(&mut conn).unwrap(), Ok(4));
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
    // Four sign-ins, then the reads.
    let mut audited = 4 + 24;
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

/// One audit row: (outcome, person, object, grant).
type Row = (String, Option<String>, Option<String>, Option<String>);

/// The rows of one entity, newest last.
fn rows_of(conn: &mut DbConnection, entity: &str) -> Vec<Row> {
    audit_events::table
        .filter(audit_events::entity.eq(entity))
        .order(audit_events::seq)
        .select((
            audit_events::outcome,
            audit_events::person_id,
            audit_events::entity_id,
            audit_events::grant_id,
        ))
        .load(conn)
        .unwrap()
}

#[test]
fn reads_refusals_and_odd_paths_all_reach_the_trail_as_they_should() {
    use ourplan_backend::db::model::organisation::OrganisationRow;
    use ourplan_shared::plan::PlanDocument;
    use serde_json::{Value, json};
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn = app.database.connect();
    let alex = UserRow::find_by_email(&mut conn, email(Role::Individual))
        .unwrap()
        .unwrap()
        .person_id
        .unwrap();
    let jordan = app.demo(Role::SupportWorker);
    let priya = app.demo(Role::Manager);
    let morgan = app.demo(Role::Family);
    let person = app.demo(Role::Individual);
    let sam = app.demo(Role::Admin);
    let at = |path: &str| format!("/api/v1/persons/{alex}/{path}");
    let plan: PlanDocument = app.get(&jordan, &at("plan")).json().unwrap();

    // Who has read the plan is itself a read.
    assert_eq!(
        app.get(&jordan, &at("plan/acknowledgements")).status(),
        StatusCode::OK
    );
    assert_eq!(rows_of(&mut conn, "acknowledgements").len(), 1);

    // Asking again for a review gives the open one, and that is a read of it.
    let ask = at("review-requests");
    assert_eq!(
        app.post(&person, &ask, json!({})).status(),
        StatusCode::CREATED
    );
    assert_eq!(app.post(&person, &ask, json!({})).status(), StatusCode::OK);
    assert_eq!(rows_of(&mut conn, "review").last().unwrap().0, "allowed");

    // Family reads of reviews and progress name the grant they rest on.
    app.get(
        &morgan,
        &at(&format!("goals/{}/progress", plan.goals[0].id)),
    );
    let rows = rows_of(&mut conn, "progress");
    assert!(rows.last().unwrap().3.is_some(), "{rows:?}");

    // Refused user, team and audit actions are recorded.
    let someone = plan.team[0].user_id;
    assert_eq!(
        app.post(
            &priya,
            &format!("/api/v1/users/{someone}/disable"),
            Value::Null
        )
        .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        rows_of(&mut conn, "user_disabled").last().unwrap().0,
        "refused"
    );
    let teams: Value = app.get(&jordan, "/api/v1/teams").json().unwrap();
    let team = teams[0]["id"].as_str().unwrap();
    let rename = app.send(
        &jordan,
        reqwest::Method::PUT,
        &format!("/api/v1/teams/{team}"),
        json!({"name": "Renamed"}),
    );
    assert!(rename.status().is_client_error());
    assert_eq!(rows_of(&mut conn, "team").last().unwrap().0, "refused");
    assert_eq!(
        app.get(&jordan, "/api/v1/audit/verify").status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        rows_of(&mut conn, "audit_verify").last().unwrap().0,
        "refused"
    );

    // A refusal that names an object keeps the person when they are known (403).
    let strategy = plan.strategies[0].id.to_string();
    assert_eq!(
        app.get(&morgan, &at(&format!("strategies/{strategy}")))
            .status(),
        StatusCode::FORBIDDEN
    );
    let refused = rows_of(&mut conn, "strategy");
    let last = refused.last().unwrap();
    assert_eq!(
        (last.0.as_str(), last.1.as_deref(), last.2.as_deref()),
        (
            "refused",
            Some(alex.to_string().as_str()),
            Some(strategy.as_str())
        )
    );

    // Path text enters the chain only as an id.
    let junk = format!("{}%27%3B%20DROP%20TABLE%20x", "z".repeat(90));
    assert_eq!(
        app.get(&jordan, &at(&format!("reviews/{junk}"))).status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        rows_of(&mut conn, "review").last().unwrap().2.as_deref(),
        Some("invalid")
    );

    // An admin checks their own organisation's part: a row of another organisation changed
    // behind the database's back is said to be elsewhere, and not shown.
    let other = OrganisationRow {
        id: uuid::Uuid::now_v7().into(),
        name: "Elsewhere Care".to_owned(),
        review_interval_months: 6,
        created_at: ourplan_backend::db::model::now(),
        time_zone: "Europe/London".to_owned(),
        row_version: 1,
        retention_years: 8,
    };
    other.insert(&mut conn).unwrap();
    audit_event::chain(
        &mut conn,
        &[audit_event::AuditEntry::system(
            other.id,
            ourplan_shared::audit::AuditAction::Seed,
            "elsewhere",
        )],
    )
    .unwrap();
    let own: AuditVerification = app.get(&sam, "/api/v1/audit/verify").json().unwrap();
    assert!(own.intact);
    disable_audit_guard(&mut conn);
    diesel::update(audit_events::table.filter(audit_events::entity.eq("elsewhere")))
        .set(audit_events::entity_id.eq("changed"))
        .execute(&mut conn)
        .unwrap();
    let check: AuditVerification = app.get(&sam, "/api/v1/audit/verify").json().unwrap();
    assert!(!check.intact, "{check:?}");
    assert_eq!(check.broken_at_seq, None, "another organisation's row");
    assert_eq!(
        check.checked, own.checked,
        "only Sam's organisation's rows are counted"
    );
}
