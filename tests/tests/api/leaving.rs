//! Leaving the service (R-10; issue 21 item 5). On a database that was never seeded a
//! manager ends a person's support: the plan turns read-only, the person leaves the caseload
//! and the review programme, their sign-in and their family's grants end, and managers still
//! read everything; it can be undone within 30 days. On the demo, `ourplan purge` removes a
//! person past the retention period and leaves an audit chain that `audit-verify` accepts.

use std::process::Command;

use chrono::{Days, Utc};
use diesel::prelude::*;
use ourplan_backend::db::schema::{audit_events, persons};
use ourplan_shared::organisation::{Organisation, Person, PersonSummary, TeamDetail, User};
use ourplan_shared::programme::ReviewProgramme;
use ourplan_shared::role::Role;
use ourplan_tests::{NEW_PASSWORD, TestApp};
use reqwest::blocking::Client;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

struct Provider {
    app: TestApp,
    admin: Client,
    worker: Client,
    manager: Client,
    person: Person,
    person_email: &'static str,
}

fn staff(app: &TestApp, admin: &Client, team: &TeamDetail, email: &str, role: &str) -> User {
    let response = app.post(
        admin,
        "/api/v1/users",
        json!({"email": email, "display_name": email, "role": role, "password": NEW_PASSWORD}),
    );
    assert_eq!(response.status(), StatusCode::CREATED);
    let user: User = response.json().unwrap();
    let path = format!("/api/v1/teams/{}/members/{}", team.id, user.id);
    assert_eq!(
        app.send(admin, Method::PUT, &path, Value::Null).status(),
        StatusCode::OK
    );
    user
}

/// An organisation from nothing with one person admitted, who has their own account.
fn provider() -> Provider {
    let app = TestApp::start();
    let admin = app.set_up_organisation("ada@brookside.example");
    let team: TeamDetail = app
        .post(&admin, "/api/v1/teams", json!({"name": "Hillside"}))
        .json()
        .unwrap();
    let jo = staff(
        &app,
        &admin,
        &team,
        "jo@brookside.example",
        "support_worker",
    );
    staff(&app, &admin, &team, "sam@brookside.example", "manager");
    let worker = app.signed_in("jo@brookside.example", NEW_PASSWORD);
    let manager = app.signed_in("sam@brookside.example", NEW_PASSWORD);
    let started = Utc::now().date_naive() - Days::new(90);
    let admitted = app.post(
        &worker,
        "/api/v1/persons",
        json!({
            "person": {
                "full_name": "Priya Nair",
                "support_started_on": started,
                "preferred_language": "en-GB",
            },
            "team_id": team.id,
            "key_worker_id": jo.id,
        }),
    );
    assert_eq!(admitted.status(), StatusCode::CREATED);
    let person: Person = admitted.json().unwrap();
    let person_email = "priya@brookside.example";
    app.invited_account(
        &admin,
        json!({"email": person_email, "display_name": "Priya", "role": "individual",
               "person_id": person.id}),
        NEW_PASSWORD,
    );
    Provider {
        app,
        admin,
        worker,
        manager,
        person,
        person_email,
    }
}

fn caseload(app: &TestApp, client: &Client) -> Vec<PersonSummary> {
    let response = app.get(client, "/api/v1/persons");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().unwrap()
}

fn programme_size(app: &TestApp, manager: &Client) -> usize {
    let programme: ReviewProgramme = app.get(manager, "/api/v1/review-programme").json().unwrap();
    programme.rows.len()
}

fn error_of(response: reqwest::blocking::Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, response.json::<Value>().unwrap()["error"].clone())
}

#[test]
fn a_manager_ends_support_and_the_plan_is_kept_read_only_until_it_is_undone() {
    let p = provider();
    let app = &p.app;
    let person = p.person.id.to_string();
    let leaving = format!("/api/v1/persons/{person}/leaving");
    let plan = format!("/api/v1/persons/{person}/plan");
    let own = app.signed_in(p.person_email, NEW_PASSWORD);
    assert_eq!(app.get(&own, &plan).status(), StatusCode::OK);
    assert_eq!(programme_size(app, &p.manager), 1);
    let today = Utc::now().date_naive();

    // Only a manager (or an admin) ends support; the day and the reason are checked.
    let by_worker = app.post(
        &p.worker,
        &leaving,
        json!({"left_on": today, "reason": "Moved to Leeds"}),
    );
    assert_eq!(by_worker.status(), StatusCode::FORBIDDEN);
    for (body, field) in [
        (
            json!({"left_on": today + Days::new(1), "reason": "Moved"}),
            "left_on",
        ),
        (
            json!({"left_on": today - Days::new(400), "reason": "Moved"}),
            "left_on",
        ),
        (json!({"left_on": today, "reason": " "}), "reason"),
    ] {
        let (status, error) = error_of(app.post(&p.manager, &leaving, body));
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["field"], field);
    }
    let ended = app.post(
        &p.manager,
        &leaving,
        json!({"left_on": today, "reason": "Moved to a service nearer her family"}),
    );
    let status = ended.status();
    let text = ended.text().unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    let ended: Person = serde_json::from_str(&text).unwrap();
    let left = ended.leaving.expect("support has ended");
    assert_eq!(left.left_on, today);
    assert_eq!(left.recorded_by.as_deref(), Some("sam@brookside.example"));
    let (status, _) = error_of(app.post(
        &p.manager,
        &leaving,
        json!({"left_on": today, "reason": "Again"}),
    ));
    assert_eq!(status, StatusCode::CONFLICT, "support ends once");

    // Off the caseload and the programme; the worker no longer reaches the plan.
    assert!(caseload(app, &p.worker).is_empty());
    assert!(caseload(app, &p.admin).is_empty());
    assert_eq!(programme_size(app, &p.manager), 0);
    assert_eq!(app.get(&p.worker, &plan).status(), StatusCode::NOT_FOUND);

    // The manager still reads everything, and changes nothing.
    assert_eq!(app.get(&p.manager, &plan).status(), StatusCode::OK);
    for path in ["consents", "plan/evidence", "plan/versions", "reviews"] {
        let path = format!("/api/v1/persons/{person}/{path}");
        assert_eq!(
            app.get(&p.manager, &path).status(),
            StatusCode::OK,
            "{path}"
        );
    }
    let details = app.get(&p.manager, &format!("/api/v1/persons/{person}"));
    assert_eq!(details.status(), StatusCode::OK);
    let etag = details.headers()["etag"].to_str().unwrap().to_owned();
    let refused = app.send_if_match(
        &p.manager,
        Method::PUT,
        &format!("/api/v1/persons/{person}"),
        Some(&etag),
        &json!({"full_name": "Priya Nair", "support_started_on": today - Days::new(90),
                "preferred_language": "en-GB"}),
    );
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let profile = app.send_if_match(
        &p.manager,
        Method::PUT,
        &format!("/api/v1/persons/{person}/profile"),
        Some("\"v1\""),
        &json!({"important_to_me": "My cat, Pixel"}),
    );
    assert_eq!(profile.status(), StatusCode::FORBIDDEN);

    // Their own sign-in ended with their support: the session and the password.
    assert_eq!(app.get(&own, &plan).status(), StatusCode::UNAUTHORIZED);
    let again = app.post(
        &app.client(),
        "/api/v1/session",
        json!({"email": p.person_email, "password": NEW_PASSWORD}),
    );
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);

    // Undone within 30 days: back on the caseload, signing in as before.
    let undone = app.send(&p.manager, Method::DELETE, &leaving, Value::Null);
    assert_eq!(undone.status(), StatusCode::OK);
    assert!(undone.json::<Person>().unwrap().leaving.is_none());
    assert_eq!(caseload(app, &p.worker).len(), 1);
    assert_eq!(programme_size(app, &p.manager), 1);
    let own = app.signed_in(p.person_email, NEW_PASSWORD);
    assert_eq!(app.get(&own, &plan).status(), StatusCode::OK);
    // Both show in "Who has looked at my plan", as what they were.
    let log: Vec<ourplan_shared::audit::AccessLogEntry> = app
        .get(&own, &format!("/api/v1/persons/{person}/access-log"))
        .json()
        .unwrap();
    for entity in ["support_ended", "support_resumed"] {
        assert!(log.iter().any(|e| e.entity == entity), "{entity}");
    }
    let (status, _) = error_of(app.send(&p.manager, Method::DELETE, &leaving, Value::Null));
    assert_eq!(status, StatusCode::CONFLICT, "nothing to undo");

    // After 30 days it cannot be undone.
    let ended = app.post(
        &p.manager,
        &leaving,
        json!({"left_on": today, "reason": "Moved away"}),
    );
    assert_eq!(ended.status(), StatusCode::OK);
    let long_ago = Utc::now().naive_utc() - chrono::Duration::days(31);
    diesel::update(persons::table.find(&person))
        .set(persons::left_recorded_at.eq(long_ago))
        .execute(&mut app.database.connect())
        .unwrap();
    let (status, error) = error_of(app.send(&p.manager, Method::DELETE, &leaving, Value::Null));
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(error["message"].as_str().unwrap().contains("30 days"));
}

#[test]
fn the_retention_period_is_a_setting_of_one_to_a_hundred_years() {
    let app = TestApp::start();
    let admin = app.set_up_organisation("ada@brookside.example");
    let read = app.get(&admin, "/api/v1/organisation");
    let etag = read.headers()["etag"].to_str().unwrap().to_owned();
    let organisation: Organisation = read.json().unwrap();
    assert_eq!(organisation.retention_years, 8, "8 years unless set");
    let settings = |years: u32| {
        json!({"review_interval_months": 6, "time_zone": "Europe/London",
               "retention_years": years})
    };
    for years in [0, 101] {
        let (status, error) = error_of(app.send_if_match(
            &admin,
            Method::PUT,
            "/api/v1/organisation",
            Some(&etag),
            &settings(years),
        ));
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["field"], "retention_years");
    }
    let changed = app.send_if_match(
        &admin,
        Method::PUT,
        "/api/v1/organisation",
        Some(&etag),
        &settings(10),
    );
    assert_eq!(changed.status(), StatusCode::OK);
    let organisation: Organisation = changed.json().unwrap();
    assert_eq!(organisation.retention_years, 10);
}

fn ourplan(app: &TestApp, args: &[&str]) -> String {
    let binary = std::env::var("OURPLAN_TEST_SERVER").expect(
        "OURPLAN_TEST_SERVER names the server binary: run `cargo xtask test`, which builds it",
    );
    let output = Command::new(binary)
        .args(args)
        .env("DATABASE_URL", app.database.url())
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "ourplan {args:?}: {printed}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    printed
}

#[test]
fn a_person_past_the_retention_period_is_purged_and_the_audit_chain_still_verifies() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let manager = app.demo(Role::Manager);
    let family = app.demo(Role::Family);
    let plan = format!("/api/v1/persons/{alex}/plan");
    assert_eq!(app.get(&family, &plan).status(), StatusCode::OK);
    let others = caseload(&app, &manager).len() - 1;

    let today = Utc::now().date_naive();
    let ended = app.post(
        &manager,
        &format!("/api/v1/persons/{alex}/leaving"),
        json!({"left_on": today, "reason": "Moved to a service nearer his sister"}),
    );
    assert_eq!(ended.status(), StatusCode::OK);
    // The family member's grant ends with the support.
    assert_eq!(app.get(&family, &plan).status(), StatusCode::NOT_FOUND);
    assert!(caseload(&app, &family).is_empty());

    // Not yet past 8 years: nothing to purge.
    assert!(ourplan(&app, &["purge", "--dry-run"]).contains("nobody"));

    // Nine years on (the day support ended, moved back).
    let mut conn = app.database.connect();
    let long_ago = today - Days::new(9 * 366);
    diesel::update(persons::table.find(&alex))
        .set(persons::left_on.eq(long_ago))
        .execute(&mut conn)
        .unwrap();
    let listed = ourplan(&app, &["purge", "--dry-run"]);
    assert!(
        listed.contains(&alex.to_string()) && listed.contains("would purge"),
        "{listed}"
    );
    let exists = |conn: &mut ourplan_backend::db::DbConnection| {
        persons::table
            .filter(persons::id.eq(alex))
            .count()
            .get_result::<i64>(conn)
            .unwrap()
    };
    assert_eq!(exists(&mut conn), 1, "a dry run changes nothing");

    let about_alex = || {
        audit_events::table
            .filter(audit_events::person_id.eq(alex))
            .count()
            .get_result::<i64>(&mut app.database.connect())
            .unwrap()
    };
    assert!(about_alex() > 0);
    let purged = ourplan(&app, &["purge"]);
    assert!(purged.contains("1 people purged"), "{purged}");
    println!("{purged}");
    assert_eq!(exists(&mut conn), 0);
    assert_eq!(about_alex(), 0, "only tombstones are left");
    let tombstones: i64 = audit_events::table
        .filter(audit_events::entity.eq("purged"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert!(tombstones > 0);
    let verified = ourplan(&app, &["audit-verify"]);
    assert!(verified.contains("intact"), "{verified}");

    // Gone for the manager too; everyone else is as they were.
    assert_eq!(app.get(&manager, &plan).status(), StatusCode::NOT_FOUND);
    assert_eq!(caseload(&app, &manager).len(), others);
    assert!(ourplan(&app, &["purge", "--dry-run"]).contains("nobody"));

    // A tombstone cannot be forged afterwards: the triggers refuse it without an open purge.
    let forged = diesel::update(audit_events::table.filter(audit_events::seq.eq(1)))
        .set(audit_events::entity.eq("purged"))
        .execute(&mut conn);
    assert!(forged.is_err(), "an audit entry changed outside a purge");
}
