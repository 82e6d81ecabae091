// Tests may unwrap: a failure should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Sign-in codes for people who cannot manage a password: issued by their team, single use,
//! 7 days, revocable, and a new card replaces the old one.

use chrono::Duration;
use diesel::prelude::*;
use ourplan_backend::db::model::now;
use ourplan_backend::db::model::user::UserRow;
use ourplan_backend::db::schema::sign_in_codes;
use ourplan_shared::account::{SignInCodeIssued, SignInCodeStatus, SignInCodeSummary};
use ourplan_shared::organisation::User;
use ourplan_shared::role::Role;
use ourplan_tests::{TestApp, demo_email};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn code_sign_in(app: &TestApp, code: &str) -> (StatusCode, reqwest::blocking::Client) {
    let device = app.client();
    let status = app
        .post(&device, "/api/v1/session/code", json!({"code": code}))
        .status();
    (status, device)
}

#[test]
fn a_card_signs_the_person_in_once_and_can_be_revoked() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn = app.database.connect();
    let alex = UserRow::find_by_email(&mut conn, demo_email(Role::Individual))
        .unwrap()
        .unwrap();
    let person = alex.person_id.clone().unwrap();
    let codes = format!("/api/v1/persons/{person}/sign-in-codes");
    let jordan = app.demo(Role::SupportWorker);

    let response = app.post(&jordan, &codes, Value::Null);
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let card: SignInCodeIssued = response.json().unwrap();
    assert_eq!(card.person_name, "Alex");
    assert_eq!(card.code.len(), 14, "ABCD-EFGH-JKMN");
    assert!(card.qr_svg.starts_with("<?xml") && card.qr_svg.contains("<svg"));
    assert!(
        card.sign_in_url
            .ends_with(&format!("/sign-in/code#{}", card.code))
    );
    let days = (card.expires_at - chrono::Utc::now()).num_hours();
    assert!((167..=168).contains(&days), "7 days, was {days} hours");

    // Typed in lower case with spaces, it still works, and only once.
    let typed = card.code.to_lowercase().replace('-', " ");
    let (status, device) = code_sign_in(&app, &typed);
    assert_eq!(status, StatusCode::OK);
    let me: User = app.get(&device, "/api/v1/me").json().unwrap();
    assert_eq!(me.email, demo_email(Role::Individual));
    assert_eq!(code_sign_in(&app, &card.code).0, StatusCode::UNAUTHORIZED);
    assert_eq!(code_sign_in(&app, "not a code").0, StatusCode::UNAUTHORIZED);

    // A new card replaces an unused one; a revoked card does nothing.
    let first: SignInCodeIssued = app.post(&jordan, &codes, Value::Null).json().unwrap();
    let second: SignInCodeIssued = app.post(&jordan, &codes, Value::Null).json().unwrap();
    assert_eq!(code_sign_in(&app, &first.code).0, StatusCode::UNAUTHORIZED);
    let revoke = format!("{codes}/{}", second.id);
    assert_eq!(
        app.send(&jordan, Method::DELETE, &revoke, Value::Null)
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(code_sign_in(&app, &second.code).0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.send(&jordan, Method::DELETE, &revoke, Value::Null)
            .status(),
        StatusCode::CONFLICT
    );

    // An expired card does nothing either.
    let third: SignInCodeIssued = app.post(&jordan, &codes, Value::Null).json().unwrap();
    let past = now() - Duration::days(8);
    diesel::update(sign_in_codes::table.filter(sign_in_codes::id.eq(third.id.to_string())))
        .set((
            sign_in_codes::issued_at.eq(past),
            sign_in_codes::expires_at.eq(past + Duration::days(7)),
        ))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(code_sign_in(&app, &third.code).0, StatusCode::UNAUTHORIZED);

    let listed: Vec<SignInCodeSummary> = app.get(&jordan, &codes).json().unwrap();
    let statuses: Vec<SignInCodeStatus> = listed.iter().map(|c| c.status).collect();
    assert_eq!(
        statuses,
        // Newest first; the expired one was moved back 8 days.
        [
            SignInCodeStatus::Revoked,
            SignInCodeStatus::Revoked,
            SignInCodeStatus::Used,
            SignInCodeStatus::Expired,
        ]
    );
    assert!(listed.iter().all(|c| c.issued_by == "Jordan Bell"));
    let stored: Vec<String> = sign_in_codes::table
        .select(sign_in_codes::code_hash)
        .load(&mut conn)
        .unwrap();
    assert!(
        stored
            .iter()
            .all(|h| h.len() == 64 && !h.contains(&card.code)),
        "only hashes are kept"
    );

    // Only the person's team issues cards.
    for role in [Role::Individual, Role::Family] {
        let client = app.demo(role);
        let status = app.post(&client, &codes, Value::Null).status();
        assert_eq!(status, StatusCode::FORBIDDEN, "{role:?}");
    }
    let sam = app.demo(Role::Admin);
    assert_eq!(
        app.post(&sam, &codes, Value::Null).status(),
        StatusCode::NOT_FOUND,
        "an admin off the team cannot see the person"
    );
}
