//! Feedback: the person, family and staff compliment, comment, challenge or complain
//! about the plan or how it is carried out; staff answer with If-Match; a family member sees
//! only their own; closed feedback stays closed.

use ourplan_shared::feedback::{Feedback, FeedbackStatus};
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[test]
fn feedback_is_given_by_everyone_answered_by_staff_and_shown_to_its_author() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let person = app.demo(Role::Individual);
    let morgan = app.demo(Role::Family);
    let jordan = app.demo(Role::SupportWorker);
    let path = format!("/api/v1/persons/{alex}/feedback");
    let before: Vec<Feedback> = app.get(&jordan, &path).json().unwrap();

    let complaint = app.post(
        &person,
        &path,
        json!({"kind": "complaint", "about": "implementation", "text": "Staff came late three times"}),
    );
    assert_eq!(complaint.status(), StatusCode::CREATED);
    let complaint: Feedback = complaint.json().unwrap();
    assert_eq!(complaint.status, FeedbackStatus::Open);
    assert_eq!(complaint.author_name, "Alex Rivers");
    let praise = app.post(
        &morgan,
        &path,
        json!({"kind": "compliment", "about": "plan", "text": "The cooking goal is great"}),
    );
    assert_eq!(praise.status(), StatusCode::CREATED);
    for (body, field) in [
        (
            json!({"kind": "moan", "about": "plan", "text": "x"}),
            "kind",
        ),
        (
            json!({"kind": "comment", "about": "plan", "text": " "}),
            "text",
        ),
        (
            json!({"kind": "comment", "about": "plan", "text": "x".repeat(2001)}),
            "text",
        ),
    ] {
        let refused = app.post(&person, &path, body);
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let error: serde_json::Value = refused.json().unwrap();
        assert_eq!(error["error"]["field"], field);
    }

    // Staff and the person see both; Morgan sees only Morgan's.
    let all: Vec<Feedback> = app.get(&jordan, &path).json().unwrap();
    assert_eq!(all.len(), before.len() + 2);
    let mine: Vec<Feedback> = app.get(&morgan, &path).json().unwrap();
    assert!(
        mine.iter().all(|f| f.author_name == "Morgan Rivers"),
        "{mine:?}"
    );
    assert_eq!(
        app.get(&person, &path)
            .json::<Vec<Feedback>>()
            .unwrap()
            .len(),
        all.len()
    );

    // Jordan answers and closes the complaint; the person cannot answer; closed is closed.
    let answer = format!("{path}/{}/response", complaint.id);
    let body = json!({"response": "Sorry. The rota is fixed from Monday.", "close": true});
    assert_eq!(
        app.send_if_match(&person, Method::POST, &answer, Some("\"v1\""), &body)
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.send_if_match(&jordan, Method::POST, &answer, None, &body)
            .status(),
        StatusCode::PRECONDITION_REQUIRED
    );
    let answered = app.send_if_match(&jordan, Method::POST, &answer, Some("\"v1\""), &body);
    assert_eq!(answered.status(), StatusCode::OK);
    let answered: Feedback = answered.json().unwrap();
    assert_eq!(answered.status, FeedbackStatus::Closed);
    assert_eq!(
        answered.response.as_deref(),
        Some("Sorry. The rota is fixed from Monday.")
    );
    assert_eq!(
        app.send_if_match(&jordan, Method::POST, &answer, Some("\"v2\""), &body)
            .status(),
        StatusCode::CONFLICT
    );
}
