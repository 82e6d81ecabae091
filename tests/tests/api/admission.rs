//! Admitting a person (R-24, R-1, R-14; issue 21) on a database that was never seeded: staff
//! on a team admit someone with their details, team and key worker; their empty draft plan is
//! due 28 days after support starts; a possible duplicate is flagged before anything is saved;
//! details are corrected with `If-Match`.

use chrono::{Days, NaiveDate, Utc};
use ourplan_shared::error::ErrorBody;
use ourplan_shared::organisation::{Person, PersonSummary, TeamDetail, User};
use ourplan_shared::plan::{PlanDocument, PlanStatus};
use ourplan_shared::programme::ReviewProgramme;
use ourplan_tests::{NEW_PASSWORD, TestApp};
use reqwest::blocking::Client;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// An organisation from nothing: its admin, a team with a support worker and a manager.
struct Organisation {
    app: TestApp,
    admin: Client,
    team: TeamDetail,
    worker: User,
    manager: User,
}

fn staff(app: &TestApp, admin: &Client, email: &str, name: &str, role: &str) -> User {
    let response = app.post(
        admin,
        "/api/v1/users",
        json!({"email": email, "display_name": name, "role": role, "password": NEW_PASSWORD}),
    );
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().unwrap()
}

fn organisation() -> Organisation {
    let app = TestApp::start();
    let admin = app.set_up_organisation("ada@brookside.example");
    let team: TeamDetail = app
        .post(&admin, "/api/v1/teams", json!({"name": "Hillside"}))
        .json()
        .unwrap();
    let worker = staff(
        &app,
        &admin,
        "jo@brookside.example",
        "Jo Mensah",
        "support_worker",
    );
    let manager = staff(
        &app,
        &admin,
        "sam@brookside.example",
        "Sam Reyes",
        "manager",
    );
    for user in [&worker, &manager] {
        let path = format!("/api/v1/teams/{}/members/{}", team.id, user.id);
        let response = app.send(&admin, Method::PUT, &path, Value::Null);
        assert_eq!(response.status(), StatusCode::OK);
    }
    Organisation {
        app,
        admin,
        team,
        worker,
        manager,
    }
}

fn admission(org: &Organisation, full_name: &str, started: NaiveDate) -> Value {
    json!({
        "person": {
            "full_name": full_name,
            "preferred_name": "Mo",
            "date_of_birth": "1990-04-12",
            "support_started_on": started,
            "preferred_format": "easy-read",
            "preferred_language": "pl",
            "communication_needs": "Short sentences; time to answer.",
            "communication_aids": "Picture cards",
        },
        "team_id": org.team.id,
        "key_worker_id": org.worker.id,
    })
}

#[test]
fn a_worker_admits_a_person_whose_draft_plan_is_due_in_28_days() {
    let org = organisation();
    let app = &org.app;
    let worker = app.signed_in("jo@brookside.example", NEW_PASSWORD);
    let started = Utc::now().date_naive();
    let response = app.post(
        &worker,
        "/api/v1/persons",
        admission(&org, "Mohammed Saleh", started),
    );
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "{:?}",
        response.text()
    );
    assert_eq!(response.headers()["etag"], "\"v1\"");
    let person: Person = response.json().unwrap();
    assert_eq!(person.full_name, "Mohammed Saleh");
    assert_eq!(person.preferred_language, "pl");

    // On the worker's caseload, with an empty draft plan that has a profile to write.
    let people: Vec<PersonSummary> = app.get(&worker, "/api/v1/persons").json().unwrap();
    assert_eq!(people.len(), 1);
    let plan: PlanDocument = app
        .get(&worker, &format!("/api/v1/persons/{}/plan", person.id))
        .json()
        .unwrap();
    assert_eq!(plan.plan.status, PlanStatus::Draft);
    assert!(plan.goals.is_empty() && plan.findings.is_empty());
    assert!(
        !plan.headings.is_empty(),
        "the organisation's needs headings"
    );
    assert!(
        plan.team
            .iter()
            .any(|m| m.user_id == org.worker.id && m.key_worker)
    );
    let profile = app.send_if_match(
        &worker,
        Method::PUT,
        &format!("/api/v1/persons/{}/profile", person.id),
        Some("\"v1\""),
        &json!({"important_to_me": "My cat, Pixel"}),
    );
    assert_eq!(profile.status(), StatusCode::OK);

    // In the manager's review programme, the plan due 28 days after support started.
    let manager = app.signed_in("sam@brookside.example", NEW_PASSWORD);
    let programme: ReviewProgramme = app
        .get(&manager, "/api/v1/review-programme")
        .json()
        .unwrap();
    let row = programme
        .rows
        .iter()
        .find(|r| r.person_id == person.id)
        .unwrap();
    assert_eq!(
        row.plan_due_on,
        started.checked_add_days(Days::new(28)).unwrap()
    );
    assert_eq!(row.plan_status, PlanStatus::Draft);
    assert_eq!(row.key_worker.as_deref(), Some("Jo Mensah"));
    // The overview's next review is the programme's: the first, 6 weeks after the start.
    assert_eq!(plan.next_review, Some(row.next_review));
    assert_eq!(
        row.next_review.due_on,
        started.checked_add_days(Days::new(42)).unwrap()
    );
}

#[test]
fn a_possible_duplicate_is_flagged_before_anything_is_saved() {
    let org = organisation();
    let app = &org.app;
    let started = Utc::now().date_naive();
    let first = app.post(
        &org.admin,
        "/api/v1/persons",
        admission(&org, "Mohammed Saleh", started),
    );
    assert_eq!(first.status(), StatusCode::CREATED);
    // The same name in other letters and the same date of birth.
    let again = app.post(
        &org.admin,
        "/api/v1/persons",
        admission(&org, "MOHAMMED SALEH", started),
    );
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let error: ErrorBody = again.json().unwrap();
    assert_eq!(error.error.field.as_deref(), Some("duplicate"));
    let count = |app: &TestApp| {
        app.get(&org.admin, "/api/v1/persons")
            .json::<Vec<PersonSummary>>()
            .unwrap()
            .len()
    };
    assert_eq!(count(app), 1, "nothing saved");
    let mut confirmed = admission(&org, "MOHAMMED SALEH", started);
    confirmed["not_a_duplicate"] = json!(true);
    assert_eq!(
        app.post(&org.admin, "/api/v1/persons", confirmed).status(),
        StatusCode::CREATED
    );
    assert_eq!(count(app), 2);
}

#[test]
fn details_are_corrected_with_if_match_and_checked() {
    let org = organisation();
    let app = &org.app;
    let worker = app.signed_in("jo@brookside.example", NEW_PASSWORD);
    let started = Utc::now().date_naive();
    let person: Person = app
        .post(
            &worker,
            "/api/v1/persons",
            admission(&org, "Mohamed Saleh", started),
        )
        .json()
        .unwrap();
    let path = format!("/api/v1/persons/{}", person.id);
    let mut details = admission(&org, "Mohammed Saleh", started)["person"].clone();
    let fixed = app.send_if_match(&worker, Method::PUT, &path, Some("\"v1\""), &details);
    assert_eq!(fixed.status(), StatusCode::OK);
    assert_eq!(fixed.headers()["etag"], "\"v2\"");
    // Someone who read version 1 is told, not overwritten; the stored spelling stays.
    details["full_name"] = json!("Mohammad Saleh");
    let stale = app.send_if_match(&worker, Method::PUT, &path, Some("\"v1\""), &details);
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let missing = app.send_if_match(&worker, Method::PUT, &path, None, &details);
    assert_eq!(missing.status(), StatusCode::PRECONDITION_REQUIRED);
    // Support cannot start before birth; a language needs a real code.
    details["support_started_on"] = json!("1980-01-01");
    let wrong = app.send_if_match(&worker, Method::PUT, &path, Some("\"v2\""), &details);
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: ErrorBody = wrong.json().unwrap();
    assert_eq!(error.error.field.as_deref(), Some("support_started_on"));
    let now: Person = app.get(&worker, &path).json().unwrap();
    assert_eq!(now.full_name, "Mohammed Saleh");
    assert_eq!(now.row_version, 2);

    // A team the worker is not on, or a key worker not on the team, is refused by field.
    let other: TeamDetail = app
        .post(&org.admin, "/api/v1/teams", json!({"name": "Lakeside"}))
        .json()
        .unwrap();
    let mut elsewhere = admission(&org, "Nia Jones", started);
    elsewhere["team_id"] = json!(other.id);
    let refused = app.post(&worker, "/api/v1/persons", elsewhere);
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.json::<ErrorBody>().unwrap().error.field.as_deref(),
        Some("team_id")
    );
    let mut no_key_worker = admission(&org, "Nia Jones", started);
    no_key_worker["team_id"] = json!(other.id);
    let refused = app.post(&org.admin, "/api/v1/persons", no_key_worker);
    assert_eq!(
        refused.json::<ErrorBody>().unwrap().error.field.as_deref(),
        Some("key_worker_id")
    );
}

/// Issue 25: the review programme of many people, on a database that was never seeded, is
/// counted and paged on the server, 50 a page; someone on two of the manager's teams is
/// listed once, under the first by name; the next review follows a corrected start day.
#[test]
fn the_review_programme_of_many_people_comes_50_a_page_with_counts_for_all() {
    let org = organisation();
    let app = &org.app;
    let worker = app.signed_in("jo@brookside.example", NEW_PASSWORD);
    let manager = app.signed_in("sam@brookside.example", NEW_PASSWORD);
    let today = Utc::now().date_naive();
    let mut people = Vec::new();
    for n in 0..61u64 {
        // Started from today to 180 days ago: plans not yet due, due, and missing, first
        // reviews later, due soon and overdue.
        let started = today.checked_sub_days(Days::new(n * 3)).unwrap();
        let mut body = admission(&org, &format!("Person {n:02} Example"), started);
        body["person"]["preferred_name"] = Value::Null;
        let response = app.post(&worker, "/api/v1/persons", body);
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "{:?}",
            response.text()
        );
        let person: Person = response.json().unwrap();
        people.push(person);
    }
    // A second team of the manager's, first by name, with one of the same people on it.
    let ashgrove: TeamDetail = app
        .post(&org.admin, "/api/v1/teams", json!({"name": "Ashgrove"}))
        .json()
        .unwrap();
    let path = format!("/api/v1/teams/{}/members/{}", ashgrove.id, org.manager.id);
    assert_eq!(
        app.send(&org.admin, Method::PUT, &path, Value::Null)
            .status(),
        StatusCode::OK
    );
    let both = &people[5];
    let path = format!("/api/v1/teams/{}/persons/{}", ashgrove.id, both.id);
    let put = app.send(&org.admin, Method::PUT, &path, json!({}));
    assert_eq!(put.status(), StatusCode::OK, "{:?}", put.text());

    let (first, rows) = ourplan_tests::programme::every_row(app, &manager, "");
    assert_eq!((first.total, first.pages, first.rows.len()), (61, 2, 50));
    let row = rows.iter().find(|r| r.person_id == both.id).unwrap();
    assert_eq!(
        row.team_name, "Ashgrove",
        "listed once, under the first team"
    );
    ourplan_tests::programme::counts_say_what_the_rows_say(app, &manager);
    let (one_team, _) =
        ourplan_tests::programme::every_row(app, &manager, &format!("team={}", org.team.id));
    assert_eq!(one_team.total, 61, "Hillside alone lists them all");

    // The start day corrected: the first review moves with it.
    let started = today.checked_sub_days(Days::new(100)).unwrap();
    let mut details = admission(&org, "Person 05 Example", started)["person"].clone();
    details["preferred_name"] = Value::Null;
    let saved = app.send_if_match(
        &worker,
        Method::PUT,
        &format!("/api/v1/persons/{}", both.id),
        Some("\"v1\""),
        &details,
    );
    assert_eq!(saved.status(), StatusCode::OK, "{:?}", saved.text());
    let (_, rows) = ourplan_tests::programme::every_row(app, &manager, "sort=name");
    let row = rows.iter().find(|r| r.person_id == both.id).unwrap();
    assert_eq!(
        row.next_review.due_on,
        started.checked_add_days(Days::new(42)).unwrap()
    );
}
