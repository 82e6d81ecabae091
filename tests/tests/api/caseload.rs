//! The caseload at scale (issue 21 item 6), on a database that was never seeded: searched by
//! name and filtered by team, key worker and plan state on the server, 50 people a page; each
//! member of staff sees their own teams' people, admins everyone; managers see the people who
//! have left.

use chrono::{Days, Utc};
use ourplan_shared::caseload::Caseload;
use ourplan_shared::organisation::{TeamDetail, User};
use ourplan_tests::{NEW_PASSWORD, TestApp};
use reqwest::blocking::Client;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn staff(app: &TestApp, admin: &Client, teams: &[&TeamDetail], email: &str, role: &str) -> User {
    let response = app.post(
        admin,
        "/api/v1/users",
        json!({"email": email, "display_name": email, "role": role, "password": NEW_PASSWORD}),
    );
    assert_eq!(response.status(), StatusCode::CREATED);
    let user: User = response.json().unwrap();
    for team in teams {
        let path = format!("/api/v1/teams/{}/members/{}", team.id, user.id);
        assert_eq!(
            app.send(admin, Method::PUT, &path, Value::Null).status(),
            StatusCode::OK
        );
    }
    user
}

fn caseload(app: &TestApp, client: &Client, query: &str) -> Caseload {
    let response = app.get(client, &format!("/api/v1/caseload?{query}"));
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    response.json().unwrap()
}

#[test]
fn staff_search_filter_and_page_their_caseload_on_the_server() {
    let app = TestApp::start();
    let admin = app.set_up_organisation("ada@brookside.example");
    let team = |name: &str| -> TeamDetail {
        app.post(&admin, "/api/v1/teams", json!({"name": name}))
            .json()
            .unwrap()
    };
    let (hillside, meadow) = (team("Hillside"), team("Meadow"));
    let jo = staff(
        &app,
        &admin,
        &[&hillside],
        "jo@brookside.example",
        "support_worker",
    );
    let kim = staff(
        &app,
        &admin,
        &[&hillside],
        "kim@brookside.example",
        "support_worker",
    );
    staff(
        &app,
        &admin,
        &[&hillside, &meadow],
        "sam@brookside.example",
        "manager",
    );
    let worker = app.signed_in("jo@brookside.example", NEW_PASSWORD);
    let manager = app.signed_in("sam@brookside.example", NEW_PASSWORD);
    let started = Utc::now().date_naive() - Days::new(10);

    // 55 people on Hillside (every third with Kim as key worker, the rest with Jo), 5 on
    // Meadow; one with a preferred name and one whose name has a percent sign.
    let admit =
        |name: &str, team: &TeamDetail, key_worker: Option<&User>, preferred: Option<&str>| {
            let response = app.post(
                &admin,
                "/api/v1/persons",
                json!({
                    "person": {"full_name": name, "preferred_name": preferred,
                               "support_started_on": started, "preferred_language": "en-GB"},
                    "team_id": team.id,
                    "key_worker_id": key_worker.map(|u| &u.id),
                }),
            );
            assert_eq!(response.status(), StatusCode::CREATED, "{name}");
            response.json::<Value>().unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        };
    for n in 0..53 {
        let key_worker = if n % 3 == 0 { &kim } else { &jo };
        admit(
            &format!("Person {n:02} Hill"),
            &hillside,
            Some(key_worker),
            None,
        );
    }
    admit("Robert Okafor", &hillside, Some(&jo), Some("Bobby"));
    admit("Zara 100% Smith", &hillside, None, None);
    let mut meadow_people = Vec::new();
    for n in 0..5 {
        meadow_people.push(admit(&format!("Person {n:02} Meadow"), &meadow, None, None));
    }

    // The worker's caseload: Hillside only, 50 a page, by name.
    let first = caseload(&app, &worker, "");
    assert_eq!((first.total, first.pages, first.rows.len()), (55, 2, 50));
    assert_eq!(first.rows[0].full_name, "Person 00 Hill");
    assert_eq!(first.rows[0].teams, vec!["Hillside"]);
    assert_eq!(first.rows[0].key_workers, vec!["kim@brookside.example"]);
    let second = caseload(&app, &worker, "page=2");
    assert_eq!(second.rows.len(), 5);
    assert_eq!(second.rows.last().unwrap().full_name, "Zara 100% Smith");
    assert!(caseload(&app, &worker, "page=9").rows.is_empty());

    // By name, full or preferred, in any case; the search's own wildcards are literal.
    let bobby = caseload(&app, &worker, "q=BOBBY");
    assert_eq!(bobby.total, 1);
    assert_eq!(bobby.rows[0].preferred_name.as_deref(), Some("Bobby"));
    assert_eq!(caseload(&app, &worker, "q=okaf").total, 1);
    assert_eq!(caseload(&app, &worker, "q=100%25").total, 1);
    assert_eq!(caseload(&app, &worker, "q=%25").total, 1);
    assert_eq!(caseload(&app, &worker, "q=_").total, 0);
    assert_eq!(
        caseload(&app, &worker, "q=meadow").total,
        0,
        "not the worker's team"
    );

    // By key worker, team and plan state.
    assert_eq!(
        caseload(&app, &worker, &format!("key_worker={}", kim.id)).total,
        18
    );
    assert_eq!(
        caseload(&app, &worker, &format!("key_worker={}&q=person%200", jo.id)).total,
        6
    );
    assert_eq!(caseload(&app, &worker, "plan=draft").total, 55);
    assert_eq!(caseload(&app, &worker, "plan=agreed").total, 0);
    let bad = app.get(&worker, "/api/v1/caseload?plan=finished");
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    // A NUL in the search, which PostgreSQL cannot take, is a bad request on both databases.
    let nul = app.get(&worker, "/api/v1/caseload?q=per%00son");
    assert_eq!(nul.status(), StatusCode::BAD_REQUEST);
    let body: Value = nul.json().unwrap();
    assert!(
        body["error"]["message"].as_str().unwrap().contains("NUL"),
        "{body}"
    );
    assert_eq!(first.teams.len(), 1, "filters offer the worker's own teams");

    // The manager sees both teams; the admin everyone, with every team to filter by.
    let managed = caseload(&app, &manager, "");
    assert_eq!(managed.total, 60);
    assert_eq!(managed.teams.len(), 2);
    assert_eq!(
        caseload(&app, &manager, &format!("team={}", meadow.id)).total,
        5
    );
    let everyone = caseload(&app, &admin, "q=person");
    assert_eq!(everyone.total, 58);

    // People who have left: managers and admins only, most recent first.
    let gone = &meadow_people[0];
    let ended = app.post(
        &manager,
        &format!("/api/v1/persons/{gone}/leaving"),
        json!({"left_on": Utc::now().date_naive(), "reason": "Moved away"}),
    );
    assert_eq!(ended.status(), StatusCode::OK);
    assert_eq!(caseload(&app, &manager, "").total, 59);
    let left = caseload(&app, &manager, "left=true");
    assert_eq!(left.total, 1);
    assert_eq!(left.rows[0].id.to_string(), *gone);
    assert!(left.rows[0].left_on.is_some());
    assert_eq!(caseload(&app, &admin, "left=true").total, 1);
    assert_eq!(
        app.get(&worker, "/api/v1/caseload?left=true").status(),
        StatusCode::FORBIDDEN
    );
}
