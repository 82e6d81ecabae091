//! Disabling an account ends every session of it at once, and only an admin of the same
//! organisation may do it.

use diesel::prelude::*;
use ourplan_backend::db::model::audit_event;
use ourplan_backend::db::model::user::UserRow;
use ourplan_backend::db::schema::audit_events;
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::organisation::User;
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use ourplan_tests::demo_email as email;
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

#[test]
fn an_admin_disables_an_account_and_its_sessions_end_at_once() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn = app.database.connect();
    let jordan = UserRow::find_by_email(&mut conn, email(Role::SupportWorker))
        .unwrap()
        .unwrap();
    let priya = UserRow::find_by_email(&mut conn, email(Role::Manager))
        .unwrap()
        .unwrap();
    let sam = UserRow::find_by_email(&mut conn, email(Role::Admin))
        .unwrap()
        .unwrap();
    let disable = |client: &reqwest::blocking::Client, id: &str| {
        client
            .post(app.url(&format!("/api/v1/users/{id}/disable")))
            .header("x-ourplan-csrf", "1")
            .send()
            .unwrap()
    };

    let worker = app.signed_in(email(Role::SupportWorker), DEMO_PASSWORD);
    assert_eq!(
        worker.get(app.url("/api/v1/me")).send().unwrap().status(),
        StatusCode::OK
    );

    // Only an admin, and not on their own account.
    assert_eq!(
        disable(&worker, &priya.id.to_string()).status(),
        StatusCode::NOT_FOUND
    );
    let admin = app.signed_in(email(Role::Admin), DEMO_PASSWORD);
    assert_eq!(
        disable(&admin, &sam.id.to_string()).status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        disable(&admin, &Uuid::now_v7().to_string()).status(),
        StatusCode::NOT_FOUND
    );

    let response = disable(&admin, &jordan.id.to_string());
    assert_eq!(response.status(), StatusCode::OK);
    let user: User = response.json().unwrap();
    assert!(user.disabled);

    // Jordan's open session ends on the very next request, and signing in again fails with
    // the usual answer.
    assert_eq!(
        worker.get(app.url("/api/v1/me")).send().unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let again = app
        .client()
        .post(app.url("/api/v1/session"))
        .header("x-ourplan-csrf", "1")
        .json(&json!({"email": email(Role::SupportWorker), "password": DEMO_PASSWORD}))
        .send()
        .unwrap();
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);

    let audited: i64 = audit_events::table
        .filter(audit_events::entity.eq("user_disabled"))
        .filter(audit_events::entity_id.eq(&jordan.id))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(audited, 1);
    assert!(audit_event::verify(&mut conn).unwrap().is_ok());
}

#[test]
fn a_password_change_ends_every_session_and_common_passwords_are_refused() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let laptop = app.signed_in(email(Role::SupportWorker), DEMO_PASSWORD);
    let phone = app.signed_in(email(Role::SupportWorker), DEMO_PASSWORD);
    let change = |client: &reqwest::blocking::Client, current: &str, new: &str| {
        app.post(
            client,
            "/api/v1/me/password",
            json!({"current_password": current, "new_password": new}),
        )
    };
    let field = |response: reqwest::blocking::Response| {
        let status = response.status();
        let body: serde_json::Value = response.json().unwrap();
        (
            status,
            body["error"]["field"].as_str().unwrap_or("").to_owned(),
        )
    };
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    assert_eq!(
        field(change(&laptop, "wrong", "Rivers-lantern-42-otter")),
        (invalid, "current_password".to_owned())
    );
    for weak in [
        "short",
        "password1",
        "12345678",
        "jordan.bell@demo.ourplan.test",
    ] {
        assert_eq!(
            field(change(&laptop, DEMO_PASSWORD, weak)),
            (invalid, "new_password".to_owned()),
            "{weak}"
        );
    }
    let response = change(&laptop, DEMO_PASSWORD, "Rivers-lantern-42-otter");
    assert_eq!(response.status(), StatusCode::OK);
    // This device carries on with its new session; every other session has ended.
    assert_eq!(app.get(&laptop, "/api/v1/me").status(), StatusCode::OK);
    assert_eq!(
        app.get(&phone, "/api/v1/me").status(),
        StatusCode::UNAUTHORIZED
    );
    app.signed_in(email(Role::SupportWorker), "Rivers-lantern-42-otter");
    let old = app.post(
        &app.client(),
        "/api/v1/session",
        json!({"email": email(Role::SupportWorker), "password": DEMO_PASSWORD}),
    );
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
}

#[test]
fn admins_make_accounts_and_teams_and_managers_run_their_own_teams() {
    use ourplan_shared::organisation::{PersonSummary, TeamDetail};
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let sam = app.demo(Role::Admin);
    let priya = app.demo(Role::Manager);
    let jordan = app.demo(Role::SupportWorker);

    let people: Vec<PersonSummary> = app.get(&sam, "/api/v1/persons").json().unwrap();
    let beata = people
        .iter()
        .find(|p| p.full_name == "Beata Wiśniewska")
        .unwrap();
    let caseload: Vec<PersonSummary> = app.get(&jordan, "/api/v1/persons").json().unwrap();
    assert_eq!(caseload.len(), 2, "Jordan's team supports Alex and Beata");
    let morgan_list: Vec<PersonSummary> = app
        .get(&app.demo(Role::Family), "/api/v1/persons")
        .json()
        .unwrap();
    assert_eq!(morgan_list.len(), 1, "Morgan sees only Alex");

    // An account for Beata, with no password: she will use a sign-in card.
    let new_user = json!({
        "email": "Beata.W@demo.ourplan.test", "display_name": "Beata Wiśniewska",
        "role": "individual", "person_id": beata.id,
    });
    assert_eq!(
        app.post(&jordan, "/api/v1/users", new_user.clone())
            .status(),
        StatusCode::FORBIDDEN
    );
    let response = app.post(&sam, "/api/v1/users", new_user.clone());
    assert_eq!(response.status(), StatusCode::CREATED);
    let beata_user: User = response.json().unwrap();
    assert_eq!(beata_user.email, "beata.w@demo.ourplan.test");
    assert_eq!(
        app.post(&sam, "/api/v1/users", new_user).status(),
        StatusCode::CONFLICT
    );
    let weak = json!({"email": "x@demo.ourplan.test", "display_name": "X", "role": "support_worker", "password": "password"});
    assert_eq!(
        app.post(&sam, "/api/v1/users", weak).status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let worker = json!({"email": "kai@demo.ourplan.test", "display_name": "Kai Moss", "role": "support_worker", "password": "Moss-garden-lamp-7"});
    let kai: User = app.post(&sam, "/api/v1/users", worker).json().unwrap();
    let users: Vec<User> = app.get(&sam, "/api/v1/users").json().unwrap();
    assert_eq!(users.len(), 7);

    // Teams: the admin makes one; its manager runs it; a support worker cannot.
    assert_eq!(
        app.post(&priya, "/api/v1/teams", json!({"name": "Riverside South"}))
            .status(),
        StatusCode::FORBIDDEN
    );
    let response = app.post(&sam, "/api/v1/teams", json!({"name": "Riverside South"}));
    assert_eq!(response.status(), StatusCode::CREATED);
    let south: TeamDetail = response.json().unwrap();
    assert_eq!(
        app.post(&sam, "/api/v1/teams", json!({"name": "Riverside South"}))
            .status(),
        StatusCode::CONFLICT
    );
    let priya_id = app.get(&priya, "/api/v1/me").json::<User>().unwrap().id;
    let put = |client: &reqwest::blocking::Client, path: String, body: serde_json::Value| {
        app.send(client, reqwest::Method::PUT, &path, body)
    };
    let members = format!("/api/v1/teams/{}/members", south.id);
    assert_eq!(
        put(
            &priya,
            format!("{members}/{}", kai.id),
            serde_json::Value::Null
        )
        .status(),
        StatusCode::NOT_FOUND,
        "Priya is not on it yet"
    );
    assert_eq!(
        put(
            &sam,
            format!("{members}/{priya_id}"),
            serde_json::Value::Null
        )
        .status(),
        StatusCode::OK
    );
    assert_eq!(
        put(
            &priya,
            format!("{members}/{}", kai.id),
            serde_json::Value::Null
        )
        .status(),
        StatusCode::OK
    );
    assert_eq!(
        put(
            &priya,
            format!("{members}/{}", beata_user.id),
            serde_json::Value::Null
        )
        .status(),
        StatusCode::NOT_FOUND,
        "only staff join teams"
    );
    let kai_client = app.signed_in("kai@demo.ourplan.test", "Moss-garden-lamp-7");
    let plan = format!("/api/v1/persons/{}/plan", beata.id);
    assert_eq!(
        app.get(&kai_client, &plan).status(),
        StatusCode::NOT_FOUND,
        "not on Beata's team yet"
    );
    let persons = format!("/api/v1/teams/{}/persons/{}", south.id, beata.id);
    let response = put(
        &priya,
        persons.clone(),
        json!({"key_worker_user_id": kai.id}),
    );
    assert_eq!(response.status(), StatusCode::OK);
    let team: TeamDetail = response.json().unwrap();
    assert_eq!(team.persons[0].key_worker_user_id, Some(kai.id));
    assert_eq!(
        app.get(&kai_client, &plan).status(),
        StatusCode::OK,
        "the next request sees the change"
    );
    assert_eq!(
        put(&kai_client, persons.clone(), serde_json::Value::Null).status(),
        StatusCode::FORBIDDEN,
        "a support worker cannot change the team"
    );
    assert_eq!(
        app.send(
            &priya,
            reqwest::Method::DELETE,
            &persons,
            serde_json::Value::Null
        )
        .status(),
        StatusCode::OK
    );
    assert_eq!(app.get(&kai_client, &plan).status(), StatusCode::NOT_FOUND);
    let teams: Vec<TeamDetail> = app.get(&kai_client, "/api/v1/teams").json().unwrap();
    assert_eq!(teams.len(), 1);
    let all: Vec<TeamDetail> = app.get(&sam, "/api/v1/teams").json().unwrap();
    assert_eq!(all.len(), 2);
}

#[test]
fn a_manager_exports_a_persons_access_log_for_a_subject_access_request() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn = app.database.connect();
    let alex = UserRow::find_by_email(&mut conn, email(Role::Individual))
        .unwrap()
        .unwrap()
        .person_id
        .unwrap();
    let jordan = app.demo(Role::SupportWorker);
    assert_eq!(
        app.get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
            .status(),
        StatusCode::OK
    );
    let export = format!("/api/v1/persons/{alex}/access-log/export");
    let response = app.get(&app.demo(Role::Manager), &export);
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let csv = response.text().unwrap();
    assert!(csv.starts_with("when (UTC),who,role,did,what\n"), "{csv}");
    assert!(
        csv.contains("Jordan Bell,Support worker,looked at,plan"),
        "{csv}"
    );
    assert_eq!(app.get(&jordan, &export).status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&app.demo(Role::Family), &export).status(),
        StatusCode::NOT_FOUND
    );
    let exported: i64 = audit_events::table
        .filter(audit_events::entity.eq("access_log"))
        .filter(audit_events::action.eq("export"))
        .filter(audit_events::outcome.eq("allowed"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(exported, 1);
}
