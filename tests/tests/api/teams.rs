//! Teams on a database that was never seeded (R-11, R-25; issue 21): renamed by an admin or
//! their manager; a person moved to another team with their key worker, by a manager of both;
//! everyone a team supports sees who joined or left it in "Who has looked at my plan";
//! managers list staff accounts, to put on their teams, and nobody else's.

use ourplan_shared::account::Account;
use ourplan_shared::audit::{AccessLogEntry, AuditAction};
use ourplan_shared::organisation::{Person, TeamDetail, User};
use ourplan_shared::role::Role;
use ourplan_tests::{NEW_PASSWORD, TestApp};
use reqwest::blocking::Client;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn account(app: &TestApp, admin: &Client, email: &str, name: &str, role: &str) -> User {
    let response = app.post(
        admin,
        "/api/v1/users",
        json!({"email": email, "display_name": name, "role": role, "password": NEW_PASSWORD}),
    );
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().unwrap()
}

fn team(app: &TestApp, admin: &Client, name: &str) -> TeamDetail {
    app.post(admin, "/api/v1/teams", json!({"name": name}))
        .json()
        .unwrap()
}

fn join(app: &TestApp, who: &Client, team: &TeamDetail, user: &User) -> StatusCode {
    let path = format!("/api/v1/teams/{}/members/{}", team.id, user.id);
    app.send(who, Method::PUT, &path, Value::Null).status()
}

#[test]
fn people_see_who_joins_and_leaves_their_team_and_move_with_their_key_worker() {
    let app = TestApp::start();
    let admin = app.set_up_organisation("ada@brookside.example");
    let hillside = team(&app, &admin, "Hillside");
    let lakeside = team(&app, &admin, "Lakeside");
    let sam = account(
        &app,
        &admin,
        "sam@brookside.example",
        "Sam Reyes",
        "manager",
    );
    let jo = account(
        &app,
        &admin,
        "jo@brookside.example",
        "Jo Mensah",
        "support_worker",
    );
    assert_eq!(join(&app, &admin, &hillside, &sam), StatusCode::OK);
    let person: Person = app
        .post(
            &admin,
            "/api/v1/persons",
            json!({"person": {"full_name": "Nia Jones", "support_started_on": "2026-12-01",
                "preferred_language": "cy"}, "team_id": hillside.id}),
        )
        .json()
        .unwrap();
    // Nia has an account of her own, to read her access log.
    let nia = app.invited_account(
        &admin,
        json!({"email": "nia@brookside.example", "display_name": "Nia Jones",
            "role": "individual", "person_id": person.id}),
        "marble orchard kettle",
    );
    assert_eq!(nia.role, Role::Individual);
    let nia = app.signed_in("nia@brookside.example", "marble orchard kettle");

    // The manager puts Jo on the team and takes them off again.
    let manager = app.signed_in("sam@brookside.example", NEW_PASSWORD);
    assert_eq!(join(&app, &manager, &hillside, &jo), StatusCode::OK);
    let path = format!("/api/v1/teams/{}/members/{}", hillside.id, jo.id);
    assert_eq!(
        app.send(&manager, Method::DELETE, &path, Value::Null)
            .status(),
        StatusCode::OK
    );
    assert_eq!(join(&app, &manager, &hillside, &jo), StatusCode::OK);
    let log: Vec<AccessLogEntry> = app
        .get(&nia, &format!("/api/v1/persons/{}/access-log", person.id))
        .json()
        .unwrap();
    let team_lines: Vec<(AuditAction, Option<&str>)> = log
        .iter()
        .filter(|e| e.entity == "team_member")
        .map(|e| (e.action, e.subject_name.as_deref()))
        .collect();
    assert_eq!(
        team_lines,
        [
            (AuditAction::Create, Some("Jo Mensah")),
            (AuditAction::Delete, Some("Jo Mensah")),
            (AuditAction::Create, Some("Jo Mensah")),
        ],
        "newest first"
    );

    // A manager of Hillside only cannot move Nia to Lakeside; on both teams, they can, and
    // Jo, on Lakeside too, stays her key worker.
    let to_lakeside = json!({"team_id": lakeside.id, "key_worker_user_id": jo.id});
    let moved = format!("/api/v1/persons/{}/team", person.id);
    assert_eq!(
        app.send(&manager, Method::PUT, &moved, to_lakeside.clone())
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(join(&app, &admin, &lakeside, &sam), StatusCode::OK);
    assert_eq!(
        app.send(&manager, Method::PUT, &moved, to_lakeside.clone())
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "Jo is not on Lakeside yet"
    );
    assert_eq!(join(&app, &admin, &lakeside, &jo), StatusCode::OK);
    let lakeside_now: TeamDetail = app
        .send(&manager, Method::PUT, &moved, to_lakeside)
        .json()
        .unwrap();
    let nia_there = &lakeside_now.persons[0];
    assert_eq!(nia_there.person_id, person.id);
    assert_eq!(nia_there.key_worker_user_id, Some(jo.id));
    let teams: Vec<TeamDetail> = app.get(&admin, "/api/v1/teams").json().unwrap();
    let hillside_now = teams.iter().find(|t| t.id == hillside.id).unwrap();
    assert!(hillside_now.persons.is_empty(), "one team at a time");

    // Renaming: the manager of a team, or an admin; never a name another team has.
    let rename = format!("/api/v1/teams/{}", lakeside.id);
    let renamed: TeamDetail = app
        .send(
            &manager,
            Method::PUT,
            &rename,
            json!({"name": "Lakeside North"}),
        )
        .json()
        .unwrap();
    assert_eq!(renamed.name, "Lakeside North");
    assert_eq!(
        app.send(&admin, Method::PUT, &rename, json!({"name": "Hillside"}))
            .status(),
        StatusCode::CONFLICT
    );
    let worker = app.signed_in("jo@brookside.example", NEW_PASSWORD);
    assert_eq!(
        app.send(&worker, Method::PUT, &rename, json!({"name": "Jo's team"}))
            .status(),
        StatusCode::FORBIDDEN
    );

    // Managers list staff accounts only.
    let listed: Vec<Account> = app.get(&manager, "/api/v1/users").json().unwrap();
    assert!(listed.iter().all(|a| a.user.role.is_staff()));
    assert!(listed.iter().any(|a| a.user.display_name == "Jo Mensah"));
    assert_eq!(
        app.get(&worker, "/api/v1/users").status(),
        StatusCode::FORBIDDEN
    );
}
