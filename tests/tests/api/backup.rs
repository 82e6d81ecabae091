//! Backup and restore (issue: prove it holds), on the database under test: a backup taken
//! while people keep writing restores into a fresh instance whose rows, audit chain and access
//! rules are all as they were; a restore never overwrites a database that exists.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use diesel::prelude::*;
use ourplan_backend::db::DatabaseUrl;
use ourplan_backend::db::backup;
use ourplan_backend::db::model::audit_event;
use ourplan_backend::db::schema::{audit_events, findings, persons, users};
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_tests::{TestApp, TestDatabase};
use reqwest::StatusCode;
use serde_json::json;

fn counts(database: &TestDatabase) -> (i64, i64, i64, i64) {
    let mut conn = database.connect();
    (
        persons::table.count().get_result(&mut conn).unwrap(),
        users::table.count().get_result(&mut conn).unwrap(),
        findings::table.count().get_result(&mut conn).unwrap(),
        audit_events::table.count().get_result(&mut conn).unwrap(),
    )
}

#[test]
fn a_backup_under_write_load_restores_whole_into_a_fresh_instance() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let plan: PlanDocument = app
        .get(
            &app.demo(Role::SupportWorker),
            &format!("/api/v1/persons/{alex}/plan"),
        )
        .json()
        .unwrap();
    let heading = plan.headings[0].id;
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("ourplan.backup");
    let url = DatabaseUrl::parse(&app.database.url()).unwrap();
    let findings_before = counts(&app.database).2;

    // Two writers keep adding findings while the backup is taken.
    let writing = AtomicBool::new(true);
    let acknowledged = AtomicUsize::new(0);
    let done = std::thread::scope(|s| {
        for _ in 0..2 {
            let (app, writing, acknowledged, alex) = (&app, &writing, &acknowledged, &alex);
            let client = app.demo(Role::SupportWorker);
            s.spawn(move || {
                let path = format!("/api/v1/persons/{alex}/findings");
                let mut n = 0;
                while writing.load(Ordering::SeqCst) {
                    let response = app.post(
                        &client,
                        &path,
                        json!({"heading_id": heading, "kind": "strength",
                               "text": format!("Written during the backup {n}"), "source": "staff_observation"}),
                    );
                    assert_eq!(response.status(), StatusCode::CREATED);
                    acknowledged.fetch_add(1, Ordering::SeqCst);
                    n += 1;
                }
            });
        }
        // Let the writers get going first.
        while acknowledged.load(Ordering::SeqCst) < 5 {
            std::thread::yield_now();
        }
        let done = backup::backup(&url, &file).unwrap();
        writing.store(false, Ordering::SeqCst);
        done
    });
    assert!(done.bytes > 0);
    let written = acknowledged.load(Ordering::SeqCst);
    let live = counts(&app.database);
    assert_eq!(
        live.2 as usize,
        findings_before as usize + written,
        "every acknowledged write is stored"
    );
    assert!(
        backup::backup(&url, &file).is_err(),
        "a backup never overwrites another"
    );

    // Restore into a fresh instance, timed; it refuses to overwrite one that exists.
    let fresh = TestDatabase::create();
    let fresh_url = DatabaseUrl::parse(&fresh.url()).unwrap();
    let started = Instant::now();
    backup::restore(&file, &fresh_url).unwrap();
    println!(
        "restored a {:.1} MiB backup in {:.0} ms",
        done.bytes as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64() * 1000.0
    );
    assert!(
        backup::restore(&file, &fresh_url).is_err(),
        "a restore never overwrites a database"
    );
    let restored = counts(&fresh);
    assert_eq!(
        (restored.0, restored.1),
        (live.0, live.1),
        "people and accounts"
    );
    assert!(
        restored.2 >= findings_before + 5 && restored.2 <= live.2,
        "the findings written before the backup, and none that never existed: {} of {}..{}",
        restored.2,
        findings_before + 5,
        live.2
    );
    assert!(restored.3 > 0 && restored.3 <= live.3);
    let mut conn = fresh.connect();
    assert!(
        audit_event::verify(&mut conn).unwrap().is_ok(),
        "the audit chain is whole"
    );
    drop(conn);

    // The restored instance serves, and decides access exactly as before.
    let restored_app = TestApp::start_on(fresh, &[]);
    let path = format!("/api/v1/persons/{alex}/plan");
    for (role, status) in [
        (Role::SupportWorker, StatusCode::OK),
        (Role::Manager, StatusCode::OK),
        (Role::Individual, StatusCode::OK),
        (Role::Family, StatusCode::OK),
        (Role::Admin, StatusCode::NOT_FOUND),
    ] {
        assert_eq!(
            restored_app.get(&restored_app.demo(role), &path).status(),
            status,
            "{role:?}"
        );
    }
    assert_eq!(
        restored_app.get(&restored_app.client(), &path).status(),
        StatusCode::UNAUTHORIZED
    );
    let family: PlanDocument = restored_app
        .get(&restored_app.demo(Role::Family), &path)
        .json()
        .unwrap();
    assert!(family.risks.is_empty(), "family still see only their scope");
}

#[test]
fn a_file_that_is_not_an_ourplan_backup_is_refused() {
    let folder = tempfile::tempdir().unwrap();
    let junk = folder.path().join("junk.backup");
    std::fs::write(&junk, b"this is not a database").unwrap();
    let fresh = TestDatabase::create();
    let url = DatabaseUrl::parse(&fresh.url()).unwrap();
    assert!(backup::restore(&junk, &url).is_err());
    assert!(backup::restore(&folder.path().join("missing"), &url).is_err());
}
