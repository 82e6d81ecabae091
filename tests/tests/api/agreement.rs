//! Agreeing a plan: the person (or a representative, with the reason) and a member of staff
//! sign the draft; the second needed signature makes it the next agreed version, immutable,
//! with what changed in plain words. An edit after someone signed voids their signature.

use ourplan_shared::plan::diff::PlanChange;
use ourplan_shared::plan::{PlanDocument, PlanStatus, PlanVersionSummary, SignOutcome};
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[test]
fn the_person_and_staff_agree_the_draft_as_the_next_version() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let person = app.demo(Role::Individual);
    let jordan = app.demo(Role::SupportWorker);
    let plan_path = format!("/api/v1/persons/{alex}/plan");
    let sign = format!("{plan_path}/signatures");
    let before: PlanDocument = app.get(&jordan, &plan_path).json().unwrap();
    assert_eq!(before.plan.status, PlanStatus::Agreed);
    assert_eq!(before.plan.current_version, Some(2));
    assert_eq!(
        app.post(&person, &sign, json!({"role": "person"})).status(),
        StatusCode::CONFLICT,
        "nothing to agree: nothing changed"
    );

    // Staff change a goal's target: a draft of version 3.
    let goal = &before.goals[0];
    let goal_path = format!("/api/v1/persons/{alex}/goals/{}", goal.id);
    let mut body: Value = serde_json::to_value(goal).unwrap();
    body["target"] = json!("Twice a week");
    let etag = format!("\"v{}\"", goal.row_version);
    let saved = app.send_if_match(&jordan, Method::PUT, &goal_path, Some(&etag), &body);
    assert_eq!(saved.status(), StatusCode::OK);

    // Alex signs; then the draft changes again, which voids Alex's signature.
    let signed: SignOutcome = app
        .post(&person, &sign, json!({"role": "person"}))
        .json()
        .unwrap();
    assert!(signed.agreed_version.is_none());
    assert_eq!(signed.signature.signer_name, "Alex Rivers");
    let words = format!("{goal_path}/own-words");
    let etag = saved.headers()["etag"].to_str().unwrap().to_owned();
    let mine = json!({"own_words": "Cook with Jordan twice a week"});
    assert_eq!(
        app.send_if_match(&person, Method::PUT, &words, Some(&etag), &mine)
            .status(),
        StatusCode::OK
    );
    let staff: SignOutcome = app
        .post(&jordan, &sign, json!({"role": "staff"}))
        .json()
        .unwrap();
    assert!(
        staff.agreed_version.is_none(),
        "Alex signed an earlier draft"
    );

    // Signing the draft as it is now agrees it.
    let response = app.post(&person, &sign, json!({"role": "person"}));
    assert_eq!(response.status(), StatusCode::CREATED);
    let agreed: SignOutcome = response.json().unwrap();
    let version = agreed
        .agreed_version
        .expect("the second needed signature agrees");
    assert_eq!(version.number, 3);
    let target_change = format!(
        "Goal “{}”: target changed from “{}” to “Twice a week”",
        goal.text, goal.target
    );
    assert!(
        version.change_summary.contains(&target_change),
        "{}",
        version.change_summary
    );
    assert!(version.change_summary.contains("own words changed from"));

    let after: PlanDocument = app.get(&jordan, &plan_path).json().unwrap();
    assert_eq!(after.plan.status, PlanStatus::Agreed);
    assert_eq!(after.plan.current_version, Some(3));
    let versions: Vec<PlanVersionSummary> = app
        .get(&person, &format!("{plan_path}/versions"))
        .json()
        .unwrap();
    assert_eq!(
        versions.iter().map(|v| v.number).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let three: PlanDocument = app
        .get(&person, &format!("{plan_path}/versions/3"))
        .json()
        .unwrap();
    assert_eq!(three.goals[0].target, "Twice a week");
    let signatures_of_three = after
        .signatures
        .iter()
        .filter(|s| s.plan_version_id == Some(version.id))
        .count();
    assert_eq!(
        signatures_of_three, 2,
        "Alex's voided signature is not among them"
    );

    let changes: Vec<PlanChange> = app
        .get(&jordan, &format!("{plan_path}/compare?from=2&to=3"))
        .json()
        .unwrap();
    assert!(
        changes.iter().any(|c| c.description == target_change),
        "{changes:?}"
    );
    let none: Vec<PlanChange> = app
        .get(&jordan, &format!("{plan_path}/compare?from=3"))
        .json()
        .unwrap();
    assert!(none.is_empty(), "the draft is version 3: {none:?}");
    assert_eq!(
        app.get(&jordan, &format!("{plan_path}/versions/9"))
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&app.demo(Role::Family), &format!("{plan_path}/versions"))
            .status(),
        StatusCode::FORBIDDEN
    );

    // Version 3 stays as agreed when the plan changes again.
    let goal3: PlanDocument = app.get(&jordan, &plan_path).json().unwrap();
    let mut body: Value = serde_json::to_value(&goal3.goals[0]).unwrap();
    body["target"] = json!("Three times a week");
    let etag = format!("\"v{}\"", goal3.goals[0].row_version);
    assert_eq!(
        app.send_if_match(&jordan, Method::PUT, &goal_path, Some(&etag), &body)
            .status(),
        StatusCode::OK
    );
    let still: PlanDocument = app
        .get(&person, &format!("{plan_path}/versions/3"))
        .json()
        .unwrap();
    assert_eq!(still.goals[0].target, "Twice a week");
    let draft: PlanDocument = app.get(&jordan, &plan_path).json().unwrap();
    assert_eq!(draft.plan.status, PlanStatus::Draft);
}

#[test]
fn a_representative_signs_with_the_reason_and_roles_are_checked() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let sign = format!("/api/v1/persons/{alex}/plan/signatures");
    // Make a draft.
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let risk = &plan.risks[0];
    let mut body: Value = serde_json::to_value(risk).unwrap();
    body["safety_measures"] = json!("A text message on arrival");
    let path = format!("/api/v1/persons/{alex}/risks/{}", risk.id);
    let etag = format!("\"v{}\"", risk.row_version);
    assert_eq!(
        app.send_if_match(&jordan, Method::PUT, &path, Some(&etag), &body)
            .status(),
        StatusCode::OK
    );
    let field = |response: reqwest::blocking::Response| {
        let status = response.status();
        let body: Value = response.json().unwrap();
        (
            status,
            body["error"]["field"].as_str().unwrap_or("").to_owned(),
        )
    };
    assert_eq!(
        field(app.post(
            &jordan,
            &sign,
            json!({"role": "representative", "signer_name": "Morgan Rivers"})
        )),
        (StatusCode::UNPROCESSABLE_ENTITY, "reason".to_owned())
    );
    assert_eq!(
        field(app.post(&jordan, &sign, json!({"role": "manager"}))),
        (StatusCode::UNPROCESSABLE_ENTITY, "role".to_owned())
    );
    assert_eq!(
        app.post(&jordan, &sign, json!({"role": "person"})).status(),
        StatusCode::FORBIDDEN
    );
    let morgan = app.demo(Role::Family);
    assert_eq!(
        app.post(&morgan, &sign, json!({"role": "person"})).status(),
        StatusCode::FORBIDDEN
    );
    let represented: SignOutcome = app
        .post(
            &jordan,
            &sign,
            json!({"role": "representative", "signer_name": "Morgan Rivers (sister, lasting power of attorney)",
                   "reason": "Alex was in hospital and asked Morgan to sign"}),
        )
        .json()
        .unwrap();
    assert!(represented.agreed_version.is_none());
    // Whoever recorded the representative cannot sign as staff too: a version needs two
    // different people, and nobody signs the same draft twice.
    let again = app.post(&jordan, &sign, json!({"role": "staff"}));
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let twice = app.post(
        &jordan,
        &sign,
        json!({"role": "representative", "signer_name": "Someone else",
               "reason": "To get it agreed"}),
    );
    assert_eq!(twice.status(), StatusCode::CONFLICT);
    let still: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    assert_eq!(
        still.plan.status,
        PlanStatus::Draft,
        "not agreed by one person"
    );
    let manager: SignOutcome = app
        .post(&app.demo(Role::Manager), &sign, json!({"role": "manager"}))
        .json()
        .unwrap();
    let version = manager
        .agreed_version
        .expect("representative and manager agree it");
    assert_eq!(version.number, 3);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let reasons: Vec<_> = plan
        .signatures
        .iter()
        .filter(|s| s.plan_version_id == Some(version.id))
        .filter_map(|s| s.reason.clone())
        .collect();
    assert_eq!(reasons, ["Alex was in hospital and asked Morgan to sign"]);

    // The agreed version says who recorded the representative's signature.
    let jordan_name = plan
        .team
        .iter()
        .find(|m| m.role == Role::SupportWorker)
        .unwrap()
        .display_name
        .clone();
    let pdf = app.get(&jordan, &format!("/api/v1/persons/{alex}/plan.pdf"));
    assert_eq!(pdf.status(), StatusCode::OK);
    let text = ourplan_tests::pdf::PdfFile::new(&pdf.bytes().unwrap()).text();
    // Words as read, whatever the line breaks.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains(&format!("recorded by {jordan_name}")),
        "{text}"
    );
}

#[test]
fn staff_say_they_have_read_the_latest_version_and_the_team_sees_who_has_not() {
    use ourplan_shared::plan::Acknowledgements;
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let priya = app.demo(Role::Manager);
    let path = format!("/api/v1/persons/{alex}/plan/acknowledgements");
    let before: Acknowledgements = app.get(&priya, &path).json().unwrap();
    assert_eq!(before.version, Some(2));
    assert!(before.read.is_empty());
    assert_eq!(before.not_read.len(), 2, "Jordan and Priya");

    let after: Acknowledgements = app.post(&jordan, &path, Value::Null).json().unwrap();
    assert_eq!(
        after
            .read
            .iter()
            .map(|r| r.display_name.as_str())
            .collect::<Vec<_>>(),
        ["Jordan Bell"]
    );
    assert!(after.read[0].read_at.is_some());
    assert_eq!(
        after
            .not_read
            .iter()
            .map(|r| r.display_name.as_str())
            .collect::<Vec<_>>(),
        ["Priya Sharma"]
    );
    let again: Acknowledgements = app.post(&jordan, &path, Value::Null).json().unwrap();
    assert_eq!(again, after, "reading it twice changes nothing");
    assert_eq!(
        app.post(&app.demo(Role::Individual), &path, Value::Null)
            .status(),
        StatusCode::FORBIDDEN
    );
}
