//! Several server instances on one database (issue: prove it holds): a session works on both,
//! consent withdrawn through one is refused by the other on the very next request, and two
//! people saving one goal through different instances are still caught. (Throttling shared
//! across instances is proved in `sign_in.rs`.)

use ourplan_shared::consent::ConsentRecord;
use ourplan_shared::organisation::User;
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[test]
fn two_instances_share_sessions_consent_and_concurrency_checks() {
    let a = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let b = TestApp::start_beside(&a, &[]);
    let alex = a.demo_person();

    // Signed in on one, known on the other (cookies are per host, as behind one proxy).
    let jordan = a.demo(Role::SupportWorker);
    for app in [&a, &b, &a, &b] {
        let me: User = app.get(&jordan, "/api/v1/me").json().unwrap();
        assert_eq!(me.display_name, "Jordan Bell");
    }

    // Alex withdraws Morgan's consent through A; Morgan's next request to B is refused.
    let morgan = b.demo(Role::Family);
    let plan_path = format!("/api/v1/persons/{alex}/plan");
    assert_eq!(b.get(&morgan, &plan_path).status(), StatusCode::OK);
    let person = a.demo(Role::Individual);
    let consents: Vec<ConsentRecord> = a
        .get(&person, &format!("/api/v1/persons/{alex}/consents"))
        .json()
        .unwrap();
    let active = consents
        .iter()
        .find(|c| c.consent.withdrawn_at.is_none() && c.consent.party_user_id.is_some())
        .unwrap();
    let withdraw = format!(
        "/api/v1/persons/{alex}/consents/{}/withdraw",
        active.consent.id
    );
    assert_eq!(
        a.post(&person, &withdraw, Value::Null).status(),
        StatusCode::OK
    );
    assert_eq!(
        b.get(&morgan, &plan_path).status(),
        StatusCode::NOT_FOUND,
        "refused by the other instance at once"
    );

    // One goal saved through A and, with the same ETag, through B: B's save is stale.
    let plan: PlanDocument = a.get(&jordan, &plan_path).json().unwrap();
    let goal = &plan.goals[0];
    let path = format!("/api/v1/persons/{alex}/goals/{}", goal.id);
    let etag = format!("\"v{}\"", goal.row_version);
    let mut body = serde_json::to_value(goal).unwrap();
    body["target"] = json!("Twice a week");
    assert_eq!(
        a.send_if_match(&jordan, Method::PUT, &path, Some(&etag), &body)
            .status(),
        StatusCode::OK
    );
    body["target"] = json!("Three times a week");
    let stale = b.send_if_match(&jordan, Method::PUT, &path, Some(&etag), &body);
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let error: Value = stale.json().unwrap();
    assert_eq!(error["current"]["target"], "Twice a week");
}
