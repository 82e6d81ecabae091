// Tests may unwrap: a failure should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Disabling an account ends every session of it at once, and only an admin of the same
//! organisation may do it.

use diesel::prelude::*;
use ourplan_backend::db::model::audit_event;
use ourplan_backend::db::model::user::UserRow;
use ourplan_backend::db::schema::audit_events;
use ourplan_shared::demo::{ACCOUNTS, DEMO_PASSWORD};
use ourplan_shared::organisation::User;
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

fn email(role: Role) -> &'static str {
    ACCOUNTS.iter().find(|a| a.role == role).unwrap().email
}

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
    assert_eq!(disable(&worker, &priya.id).status(), StatusCode::NOT_FOUND);
    let admin = app.signed_in(email(Role::Admin), DEMO_PASSWORD);
    assert_eq!(disable(&admin, &sam.id).status(), StatusCode::NOT_FOUND);
    assert_eq!(
        disable(&admin, &Uuid::now_v7().to_string()).status(),
        StatusCode::NOT_FOUND
    );

    let response = disable(&admin, &jordan.id);
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
