//! The overview's open tasks, computed by the shared rules from the plan document the API
//! serves: a disagreement is a task until staff record how it was resolved, and a draft
//! says who still has to sign.

use ourplan_shared::plan::PlanDocument;
use ourplan_shared::plan::overview::{TaskKind, shorten};
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[test]
fn a_disagreement_is_an_open_task_until_it_is_resolved() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let person = app.demo(Role::Individual);
    let plan_path = format!("/api/v1/persons/{alex}/plan");
    let today = chrono::Utc::now().date_naive();
    let plan: PlanDocument = app.get(&jordan, &plan_path).json().unwrap();
    let kinds = |plan: &PlanDocument| -> Vec<TaskKind> {
        plan.overview(today).tasks.iter().map(|t| t.kind).collect()
    };
    assert!(!kinds(&plan).contains(&TaskKind::ResolveDisagreement));
    assert!(!kinds(&plan).contains(&TaskKind::AgreeDraft), "agreed");

    let goal = &plan.goals[0];
    let said = app.post(
        &person,
        &format!("/api/v1/persons/{alex}/goals/{}/opinion", goal.id),
        json!({"agrees": false, "comment": "Too often"}),
    );
    assert_eq!(said.status(), StatusCode::CREATED);
    let decision_id = said.json::<Value>().unwrap()["decision_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let plan: PlanDocument = app.get(&jordan, &plan_path).json().unwrap();
    let overview = plan.overview(today);
    let task = overview
        .tasks
        .iter()
        .find(|t| t.kind == TaskKind::ResolveDisagreement)
        .unwrap();
    assert_eq!(task.item.as_ref().unwrap().collection, "decisions");
    assert_eq!(task.item.as_ref().unwrap().id, decision_id);
    assert_eq!(
        overview.tasks[0].kind,
        TaskKind::ResolveDisagreement,
        "first"
    );

    assert_eq!(task.subject, shorten(&goal.text, 80), "what it is about");

    let path = format!("/api/v1/persons/{alex}/decisions/{decision_id}/resolution");
    let resolution = json!({"resolution": "Agreed to cook every other week",
                            "who": "Alex, Jordan", "resolved_on": today});
    let saved = app.post(&jordan, &path, resolution);
    assert_eq!(saved.status(), StatusCode::CREATED);
    let plan: PlanDocument = app.get(&jordan, &plan_path).json().unwrap();
    assert!(!kinds(&plan).contains(&TaskKind::ResolveDisagreement));
}

#[test]
fn the_server_lists_staff_wording_that_is_not_plain_yet() {
    use ourplan_shared::plan::wording::WordingToSimplify;
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let added = app.post(
        &jordan,
        &format!("/api/v1/persons/{alex}/findings"),
        json!({"heading_id": plan.headings[0].id, "kind": "need", "source": "staff_observation",
               "text": "Staff facilitate the administration of medication prior to breakfast."}),
    );
    assert_eq!(added.status(), StatusCode::CREATED);
    let id = added.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/persons/{alex}/plan/plain-language");
    let found: Vec<WordingToSimplify> = app.get(&jordan, &path).json().unwrap();
    let mine = found
        .iter()
        .find(|w| w.item_id.as_deref() == Some(id.as_str()))
        .unwrap();
    assert_eq!(mine.part, "Finding");
    assert_eq!(mine.collection.as_deref(), Some("findings"));
    let words: Vec<&str> = mine
        .report
        .hard_words
        .iter()
        .map(|h| h.word.as_str())
        .collect();
    assert_eq!(words, ["facilitate", "medication", "prior to"]);
    // The list is for the team.
    assert_eq!(
        app.get(&app.demo(Role::Individual), &path).status(),
        StatusCode::FORBIDDEN
    );
}

/// Issue 21: the overview said "Next review: None planned" while the review programme gave a
/// date for the same person. Both now show the date of one rule (`shared::programme`).
#[test]
fn the_overview_and_the_review_programme_give_the_same_next_review() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let manager = app.demo(Role::Manager);
    let programme: ourplan_shared::programme::ReviewProgramme = app
        .get(&manager, "/api/v1/review-programme")
        .json()
        .unwrap();
    assert!(
        programme.rows.len() >= 2,
        "the demo's agreed plan and its draft"
    );
    let today = chrono::Utc::now().date_naive();
    for row in &programme.rows {
        let plan: PlanDocument = app
            .get(&manager, &format!("/api/v1/persons/{}/plan", row.person_id))
            .json()
            .unwrap();
        assert_eq!(
            plan.next_review,
            Some(row.next_review),
            "{}",
            row.person_name
        );
        assert_eq!(
            plan.overview(today).next_review_on,
            Some(row.next_review.due_on)
        );
    }
}
