//! First run (R-25, issue 21): a database that was never seeded is set up from a one-time
//! link, once, and then the setup routes are gone.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Duration as Days;
use diesel::prelude::*;
use ourplan_backend::db::model::{audit_event, now};
use ourplan_backend::db::schema::setup_links;
use ourplan_backend::setup::{self, LinkDetails};
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::organisation::{Organisation, User};
use ourplan_shared::role::Role;
use ourplan_shared::setup::{SetupDetails, SetupStatus};
use ourplan_tests::{TestApp, TestDatabase, dist_dir};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn setup_request(token: &str) -> Value {
    json!({
        "token": token,
        "organisation_name": "Brookside Support (fictional)",
        "time_zone": "Europe/Warsaw",
        "admin_name": "Ada Okafor",
        "admin_email": "Ada@Brookside.example",
        "password": "tulip lantern harbour",
    })
}

fn refused(response: reqwest::blocking::Response, status: StatusCode) -> ErrorBody {
    assert_eq!(response.status(), status);
    response.json().unwrap()
}

#[test]
fn a_new_installation_is_set_up_once_from_its_link() {
    let app = TestApp::start();
    let anyone = app.client();
    let status: SetupStatus = app.get(&anyone, "/api/v1/setup").json().unwrap();
    assert!(status.needed, "an empty database needs setting up");
    assert_eq!(app.get(&anyone, "/setup").status(), StatusCode::OK);

    let token = {
        let mut conn = app.database.connect();
        let details = LinkDetails {
            organisation_name: Some("Brookside Support (fictional)".to_owned()),
            ..LinkDetails::default()
        };
        setup::issue_link(&mut conn, details, now()).unwrap()
    };
    // Only the hash is kept.
    let stored: Vec<String> = setup_links::table
        .select(setup_links::token_hash)
        .load(&mut app.database.connect())
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(!stored.contains(&token));

    let details: SetupDetails = app
        .post(&anyone, "/api/v1/setup/link", json!({"token": token}))
        .json()
        .unwrap();
    assert_eq!(
        details.organisation_name.as_deref(),
        Some("Brookside Support (fictional)")
    );
    assert_eq!(details.admin_email, None);
    let wrong = app.post(
        &anyone,
        "/api/v1/setup/link",
        json!({"token": "0".repeat(64)}),
    );
    assert_eq!(
        refused(wrong, StatusCode::NOT_FOUND).error.code,
        ErrorCode::NotFound
    );

    // The password policy of a password change, and a real time zone.
    let mut weak = setup_request(&token);
    weak["password"] = json!("password1");
    let error = refused(
        app.post(&anyone, "/api/v1/setup", weak),
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    assert_eq!(error.error.field.as_deref(), Some("password"));
    let mut nowhere = setup_request(&token);
    nowhere["time_zone"] = json!("Europe/Atlantis");
    let error = refused(
        app.post(&anyone, "/api/v1/setup", nowhere),
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    assert_eq!(error.error.field.as_deref(), Some("time_zone"));

    let admin: User = {
        let response = app.post(&anyone, "/api/v1/setup", setup_request(&token));
        assert_eq!(response.status(), StatusCode::OK);
        response.json().unwrap()
    };
    assert_eq!(admin.role, Role::Admin);
    assert_eq!(admin.email, "ada@brookside.example");
    // Signed in at once, as the admin of the new organisation.
    let me: User = app.get(&anyone, "/api/v1/me").json().unwrap();
    assert_eq!(me.id, admin.id);
    let organisation: Organisation = app.get(&anyone, "/api/v1/organisation").json().unwrap();
    assert_eq!(organisation.name, "Brookside Support (fictional)");
    assert_eq!(organisation.time_zone, "Europe/Warsaw");
    // And with the password chosen.
    app.signed_in("ada@brookside.example", "tulip lantern harbour");

    // Single use, and setup is over.
    let again = app.post(&app.client(), "/api/v1/setup", setup_request(&token));
    assert_eq!(
        refused(again, StatusCode::NOT_FOUND).error.code,
        ErrorCode::NotFound
    );
    let status: SetupStatus = app.get(&anyone, "/api/v1/setup").json().unwrap();
    assert!(!status.needed);
    assert_eq!(
        app.get(&app.client(), "/setup").status(),
        StatusCode::NOT_FOUND
    );
    let mut conn = app.database.connect();
    assert!(setup::issue_link(&mut conn, LinkDetails::default(), now()).is_err());
    assert!(audit_event::verify(&mut conn).unwrap().is_ok());
}

#[test]
fn a_link_older_than_a_day_is_refused() {
    let app = TestApp::start();
    let token = setup::issue_link(
        &mut app.database.connect(),
        LinkDetails::default(),
        now() - Days::hours(25),
    )
    .unwrap();
    let anyone = app.client();
    let response = app.post(&anyone, "/api/v1/setup/link", json!({"token": token}));
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = app.post(&anyone, "/api/v1/setup", setup_request(&token));
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let status: SetupStatus = app.get(&anyone, "/api/v1/setup").json().unwrap();
    assert!(status.needed, "nothing was set up");
}

/// The token at the end of the first line that holds a setup link.
fn token_in(text: &str) -> Option<String> {
    text.lines()
        .find_map(|line| line.trim().split_once("/setup#"))
        .map(|(_, token)| token.to_owned())
}

#[test]
fn ourplan_setup_and_the_server_at_start_print_working_links() {
    let binary = std::env::var("OURPLAN_TEST_SERVER").expect(
        "OURPLAN_TEST_SERVER names the server binary: run `cargo xtask test`, which builds it",
    );
    let database = TestDatabase::create();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let asked = Command::new(&binary)
        .args([
            "setup",
            "--organisation",
            "Brookside Support (fictional)",
            "--time-zone",
            "Europe/London",
            "--admin-name",
            "Ada Okafor",
            "--admin-email",
            "ada@brookside.example",
        ])
        .env("DATABASE_URL", database.url())
        .env("OURPLAN_BIND", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&asked.stdout).into_owned();
    assert!(asked.status.success(), "{printed}");
    assert!(printed.contains(&format!("{base}/setup#")), "{printed}");
    let from_setup = token_in(&printed).unwrap();

    let mut server = Command::new(&binary)
        .env("DATABASE_URL", database.url())
        .env("OURPLAN_BIND", format!("127.0.0.1:{port}"))
        .env("OURPLAN_DIST", dist_dir())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let from_start = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| token_in(&line))
        .expect("the server printed a setup link at start");
    let client = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !client
        .get(format!("{base}/api/v1/health"))
        .send()
        .is_ok_and(|r| r.status() == StatusCode::OK)
    {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let post = |path: &str, body: Value| {
        client
            .post(format!("{base}{path}"))
            .header("x-ourplan-csrf", "1")
            .json(&body)
            .send()
            .unwrap()
    };
    // What `ourplan setup` asked for comes with its link.
    let details: SetupDetails = post("/api/v1/setup/link", json!({"token": from_setup}))
        .json()
        .unwrap();
    assert_eq!(details.admin_name.as_deref(), Some("Ada Okafor"));
    assert_eq!(details.time_zone.as_deref(), Some("Europe/London"));
    // Either link sets it up; then neither works.
    assert_eq!(
        post("/api/v1/setup", setup_request(&from_start)).status(),
        StatusCode::OK
    );
    assert_eq!(
        post("/api/v1/setup/link", json!({"token": from_setup})).status(),
        StatusCode::NOT_FOUND
    );
    let _ = server.kill();
    let _ = server.wait();
    // Set up, `ourplan setup` says so and prints no link.
    let again = Command::new(&binary)
        .args(["setup", "--organisation", "Another"])
        .env("DATABASE_URL", database.url())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(token_in(&String::from_utf8_lossy(&again.stdout)).is_none());
}
