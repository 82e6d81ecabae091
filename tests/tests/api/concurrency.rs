//! Concurrent edits never overwrite each other, and many writers at once never see "database
//! is locked" (issue: prove it holds). Run on SQLite and on PostgreSQL.

use std::sync::Barrier;

use ourplan_shared::plan::{Goal, PlanDocument};
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[test]
fn fifty_saves_of_one_goal_with_the_same_etag_let_exactly_one_through() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let goal = plan.goals[0].clone();
    let path = format!("/api/v1/persons/{alex}/goals/{}", goal.id);
    let etag = format!("\"v{}\"", goal.row_version);
    let start = Barrier::new(50);
    let statuses: Vec<(StatusCode, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..50)
            .map(|n| {
                let (app, jordan, path, etag, goal, start) =
                    (&app, &jordan, &path, &etag, &goal, &start);
                s.spawn(move || {
                    let mut body = serde_json::to_value(goal).unwrap();
                    body["target"] = json!(format!("Target from writer {n}"));
                    start.wait();
                    let response = app.send_if_match(jordan, Method::PUT, path, Some(etag), &body);
                    (response.status(), format!("Target from writer {n}"))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let won: Vec<&String> = statuses
        .iter()
        .filter(|(status, _)| *status == StatusCode::OK)
        .map(|(_, target)| target)
        .collect();
    let stale = statuses
        .iter()
        .filter(|(status, _)| *status == StatusCode::PRECONDITION_FAILED)
        .count();
    assert_eq!(won.len(), 1, "exactly one save: {statuses:?}");
    assert_eq!(stale, 49, "every other one told it is stale: {statuses:?}");
    let saved: Goal = app.get(&jordan, &path).json().unwrap();
    assert_eq!(&saved.target, won[0], "the one that won is what is stored");
    assert_eq!(saved.row_version, goal.row_version + 1);
}

#[test]
fn twenty_writers_at_once_are_all_answered_and_never_locked_out() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let plan: PlanDocument = app
        .get(
            &app.demo(Role::SupportWorker),
            &format!("/api/v1/persons/{alex}/plan"),
        )
        .json()
        .unwrap();
    let heading = plan.headings[0].id;
    let path = format!("/api/v1/persons/{alex}/findings");
    let clients: Vec<_> = (0..20)
        .map(|n| {
            if n % 2 == 0 {
                app.demo(Role::SupportWorker)
            } else {
                app.demo(Role::Manager)
            }
        })
        .collect();
    let start = Barrier::new(20);
    let answers: Vec<(StatusCode, Value)> = std::thread::scope(|s| {
        let handles: Vec<_> = clients
            .iter()
            .enumerate()
            .map(|(n, client)| {
                let (app, path, start) = (&app, &path, &start);
                s.spawn(move || {
                    start.wait();
                    (0..5)
                        .map(|i| {
                            let response = app.post(
                                client,
                                path,
                                json!({
                                    "heading_id": heading, "kind": "strength",
                                    "text": format!("Writer {n}, finding {i}"), "source": "staff_observation",
                                }),
                            );
                            let status = response.status();
                            (status, response.json().unwrap_or(Value::Null))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let refused: Vec<&(StatusCode, Value)> = answers
        .iter()
        .filter(|(status, _)| *status != StatusCode::CREATED)
        .collect();
    assert!(refused.is_empty(), "every write answered 201: {refused:?}");
    let after: PlanDocument = app
        .get(
            &app.demo(Role::SupportWorker),
            &format!("/api/v1/persons/{alex}/plan"),
        )
        .json()
        .unwrap();
    assert_eq!(after.findings.len(), plan.findings.len() + 100);
}

#[test]
fn ten_retries_of_one_save_at_once_make_one_item() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let path = app.url(&format!("/api/v1/persons/{alex}/wishes"));
    let body = json!({
        "text": "A holiday by the sea", "reason": "No funding this year",
        "next_steps": "Ask again in April", "recorded_on": "2026-11-20",
    });
    let start = Barrier::new(10);
    let ids: Vec<(StatusCode, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..10)
            .map(|_| {
                let (jordan, path, body, start) = (&jordan, &path, &body, &start);
                s.spawn(move || {
                    start.wait();
                    let response = jordan
                        .post(path)
                        .header("x-ourplan-csrf", "1")
                        .header("idempotency-key", "retry-of-one-save-0001")
                        .json(body)
                        .send()
                        .unwrap();
                    let status = response.status();
                    let value: Value = response.json().unwrap();
                    (status, value["id"].as_str().unwrap_or_default().to_owned())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(
        ids.iter()
            .all(|(status, id)| *status == StatusCode::CREATED && *id == ids[0].1),
        "every retry gets the first answer: {ids:?}"
    );
    let after: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    assert_eq!(after.wishes_not_met.len(), plan.wishes_not_met.len() + 1);
}
