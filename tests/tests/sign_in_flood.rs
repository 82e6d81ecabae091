// Tests may unwrap: a failure should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Sign-in cannot be used to stall the server: password checks run on threads of their own
//! behind a bounded queue, never holding a database connection, and an address that keeps
//! failing waits. A plan read stays quick while a hundred made-up sign-ins arrive at once.

use std::time::{Duration, Instant};

use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::StatusCode;
use serde_json::json;

#[test]
fn a_flood_of_made_up_sign_ins_does_not_hold_up_a_plan_read() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let plan = format!("/api/v1/persons/{alex}/plan");
    assert_eq!(app.get(&jordan, &plan).status(), StatusCode::OK);

    let (statuses, mut reads) = std::thread::scope(|s| {
        let flood: Vec<_> = (0..100)
            .map(|n| {
                let app = &app;
                s.spawn(move || {
                    let body =
                        json!({"email": format!("nobody{n}@example.org"), "password": "a guess"});
                    app.post(&app.client(), "/api/v1/session", body).status()
                })
            })
            .collect();
        let mut reads = Vec::new();
        for _ in 0..15 {
            let started = Instant::now();
            assert_eq!(app.get(&jordan, &plan).status(), StatusCode::OK);
            reads.push(started.elapsed());
        }
        let statuses: Vec<StatusCode> = flood.into_iter().map(|t| t.join().unwrap()).collect();
        (statuses, reads)
    });

    // Each is refused: wrong, too many from this address, or busy; never a 500.
    assert!(
        statuses.iter().all(|s| [
            StatusCode::UNAUTHORIZED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::SERVICE_UNAVAILABLE
        ]
        .contains(s)),
        "{statuses:?}"
    );
    assert!(statuses.contains(&StatusCode::UNAUTHORIZED), "{statuses:?}");
    reads.sort();
    let median = reads[reads.len() / 2];
    eprintln!(
        "plan reads during the flood: median {median:?}, slowest {:?}",
        reads.last()
    );
    assert!(
        median < Duration::from_millis(200),
        "plan reads during the flood: {reads:?}"
    );

    // Fifty failures from one address make it wait, even for a real account.
    let locked = (0..60).any(|n| {
        let body = json!({"email": format!("again{n}@example.org"), "password": "a guess"});
        app.post(&app.client(), "/api/v1/session", body).status() == StatusCode::TOO_MANY_REQUESTS
    });
    assert!(locked, "the address was never made to wait");
    let body = json!({"email": ourplan_tests::demo_email(Role::Manager), "password": ourplan_shared::demo::DEMO_PASSWORD});
    let refused = app.post(&app.client(), "/api/v1/session", body);
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[test]
fn a_wrong_current_password_counts_as_a_failed_sign_in() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let jordan = app.demo(Role::SupportWorker);
    let change = |current: &str| {
        let body = json!({"current_password": current, "new_password": "Harbour-lantern-quiet-77"});
        app.post(&jordan, "/api/v1/me/password", body).status()
    };
    for _ in 0..4 {
        assert_eq!(change("not my password"), StatusCode::UNPROCESSABLE_ENTITY);
    }
    // The fifth wrong one locks the account: the right password waits too, and so does
    // signing in.
    assert_eq!(change("not my password"), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        change(ourplan_shared::demo::DEMO_PASSWORD),
        StatusCode::TOO_MANY_REQUESTS
    );
    let body = json!({"email": ourplan_tests::demo_email(Role::SupportWorker),
                      "password": ourplan_shared::demo::DEMO_PASSWORD});
    assert_eq!(
        app.post(&app.client(), "/api/v1/session", body).status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[test]
fn behind_a_proxy_each_forwarded_client_has_its_own_limit() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let from = |client: &str, body: serde_json::Value| {
        app.client()
            .post(app.url("/api/v1/session"))
            .header("x-ourplan-csrf", "1")
            // What the client claims comes first; the proxy adds what it saw last.
            .header("x-forwarded-for", format!("198.51.100.1, {client}"))
            .json(&body)
            .send()
            .unwrap()
            .status()
    };
    let locked = (0..60).any(|n| {
        let body = json!({"email": format!("guess{n}@example.org"), "password": "a guess"});
        from("203.0.113.7", body) == StatusCode::TOO_MANY_REQUESTS
    });
    assert!(locked, "the guessing client was never made to wait");
    let real = json!({"email": ourplan_tests::demo_email(Role::Manager),
                      "password": ourplan_shared::demo::DEMO_PASSWORD});
    assert_eq!(
        from("203.0.113.7", real.clone()),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        from("203.0.113.8", real),
        StatusCode::OK,
        "another client behind the same proxy signs in"
    );
}
