//! Importing people and staff from an old system (issue 21 item 7), on a database that was
//! never seeded: a file with mistakes writes nothing and names every line and column at fault;
//! the corrected file makes the teams, staff (each invited) and people (each with a draft
//! plan) in one go, through the API and through `ourplan import`.

use std::process::Command;

use diesel::prelude::*;
use ourplan_backend::db::schema::{persons, teams, users};
use ourplan_shared::caseload::Caseload;
use ourplan_shared::import::{ImportRefused, ImportReport};
use ourplan_tests::{NEW_PASSWORD, TestApp};
use reqwest::StatusCode;
use serde_json::json;

const HEADER: &str = "kind,full_name,email,role,teams,preferred_name,date_of_birth,\
                      support_started_on,key_worker_email,preferred_format,preferred_language";

fn counts(app: &TestApp) -> (i64, i64, i64) {
    let mut conn = app.database.connect();
    (
        persons::table.count().get_result(&mut conn).unwrap(),
        users::table.count().get_result(&mut conn).unwrap(),
        teams::table.count().get_result(&mut conn).unwrap(),
    )
}

#[test]
fn a_file_with_mistakes_writes_nothing_and_the_corrected_file_brings_everyone_in() {
    let app = TestApp::start();
    let admin = app.set_up_organisation("ada@brookside.example");
    let before = counts(&app);

    let wrong = format!(
        "{HEADER}\n\
         staff,Jo Mensah,jo@brookside.example,support_worker,Hillside,,,,,,\n\
         staff,Sam Reyes,sam@brookside.example,boss,Hillside;Meadow,,,,,,\n\
         person,Priya Nair,,,Hillside,Pri,1990-04-31,2026-11-01,jo@brookside.example,easy-read,en-GB\n\
         person,Tom Cole,,,Meadow,,1985-02-02,2026-11-01,jo@brookside.example,,\n\
         staff,Ada again,ada@brookside.example,admin,,,,,,,\n"
    );
    let refused = app.post(&admin, "/api/v1/import", json!({"csv": wrong}));
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: ImportRefused = refused.json().unwrap();
    let said: Vec<String> = refused.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        vec![
            "line 3, column role: Write support_worker, manager or admin.",
            "line 4, column date_of_birth: Write the date as YYYY-MM-DD, such as 2026-12-06.",
            "line 5, column key_worker_email: The key worker must be on the person's team.",
            "line 6, column email: There is already an account with this email address.",
        ],
        "{said:#?}"
    );
    assert_eq!(refused.error.field.as_deref(), Some("csv"));
    assert_eq!(counts(&app), before, "nothing was written");

    let right = format!(
        "{HEADER}\n\
         staff,Jo Mensah,jo@brookside.example,support_worker,Hillside,,,,,,\n\
         staff,Sam Reyes,sam@brookside.example,manager,Hillside;Meadow,,,,,,\n\
         person,Priya Nair,,,Hillside,Pri,1990-04-30,2026-11-01,jo@brookside.example,easy-read,en-GB\n\
         person,Tom Cole,,,Meadow,,1985-02-02,2026-11-01,sam@brookside.example,,\n"
    );
    let imported = app.post(&admin, "/api/v1/import", json!({"csv": right}));
    assert_eq!(imported.status(), StatusCode::OK);
    let report: ImportReport = imported.json().unwrap();
    assert_eq!(report.people, 2);
    assert_eq!(report.teams_created, vec!["Hillside", "Meadow"]);
    assert_eq!(report.staff.len(), 2);
    assert_eq!(counts(&app), (before.0 + 2, before.1 + 2, before.2 + 2));

    // Jo chooses a password from the invitation and finds Priya on their caseload, with Jo as
    // key worker; Tom is on Meadow, which Jo is not on.
    let link = &report.staff[0].invitation.link;
    let (_, token) = link.split_once('#').unwrap();
    let used = app.post(
        &app.client(),
        "/api/v1/account-links/use",
        json!({"token": token, "password": NEW_PASSWORD}),
    );
    assert_eq!(used.status(), StatusCode::OK);
    let jo = app.signed_in("jo@brookside.example", NEW_PASSWORD);
    let caseload: Caseload = app.get(&jo, "/api/v1/caseload").json().unwrap();
    assert_eq!(caseload.total, 1);
    assert_eq!(caseload.rows[0].preferred_name.as_deref(), Some("Pri"));
    assert_eq!(caseload.rows[0].key_workers, vec!["Jo Mensah"]);

    // The same file again: everyone is here already.
    let again = app.post(&admin, "/api/v1/import", json!({"csv": right}));
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.json::<ImportRefused>().unwrap().problems.len(), 4);

    // Only administrators import.
    let by_worker = app.post(&jo, "/api/v1/import", json!({"csv": right}));
    assert_eq!(by_worker.status(), StatusCode::FORBIDDEN);
}

#[test]
fn ourplan_import_reads_a_file_and_prints_the_invitations() {
    let app = TestApp::start();
    app.set_up_organisation("ada@brookside.example");
    let binary = std::env::var("OURPLAN_TEST_SERVER").expect(
        "OURPLAN_TEST_SERVER names the server binary: run `cargo xtask test`, which builds it",
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("people.csv");
    let run = |text: &str| {
        std::fs::write(&file, text).unwrap();
        Command::new(&binary)
            .arg("import")
            .arg(&file)
            .env("DATABASE_URL", app.database.url())
            .env("OURPLAN_PUBLIC_URL", "https://plans.brookside.example")
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let wrong = run("kind,full_name,support_started_on\nperson,Priya Nair,01/11/2026\n");
    assert!(!wrong.status.success());
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        said.contains("line 2, column support_started_on: Write the date as YYYY-MM-DD")
            && said.contains("nothing was imported"),
        "{said}"
    );
    let right = run("kind,full_name,email,role,teams,support_started_on\n\
         staff,Jo Mensah,jo@brookside.example,support_worker,Hillside,\n\
         person,Priya Nair,,,Hillside,2026-11-01\n");
    let printed = String::from_utf8_lossy(&right.stdout);
    assert!(
        right.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&right.stderr)
    );
    assert!(
        printed.contains("1 people, 1 staff, 1 new teams (Hillside)"),
        "{printed}"
    );
    assert!(
        printed.contains("Jo Mensah <jo@brookside.example>")
            && printed.contains("https://plans.brookside.example/welcome#"),
        "{printed}"
    );
    assert_eq!(counts(&app).0, 1);
}
