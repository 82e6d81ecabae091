//! The easy-read pictures come from our own server: every concept of the vocabulary as
//! an SVG, with the symbol set's licence beside them. Nothing is fetched elsewhere at run time.

use ourplan_shared::pictures::VOCABULARY;
use ourplan_tests::TestApp;
use reqwest::StatusCode;

#[test]
fn every_picture_and_its_licence_are_served_by_our_server() {
    let app = TestApp::start();
    let client = app.client();
    for concept in VOCABULARY {
        let response = client
            .get(app.url(&format!("/assets/pictures/{}.svg", concept.key)))
            .send()
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{}", concept.key);
        assert_eq!(response.headers()["content-type"], "image/svg+xml");
        let body = response.text().unwrap();
        assert!(body.starts_with("<svg"), "{}", concept.key);
    }
    let licence = client
        .get(app.url("/assets/pictures/LICENSE.txt"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(licence.contains("Microsoft") && licence.contains("MIT License"));
}

/// The person chooses a picture for their own point; only the vocabulary's pictures are taken,
/// and leaving the picture out keeps the one chosen.
#[test]
fn the_person_chooses_a_picture_for_their_point() {
    use ourplan_shared::plan::{Goal, PlanDocument};
    use ourplan_shared::role::Role;
    use serde_json::{Value, json};

    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let person = app.demo(Role::Individual);
    let plan: PlanDocument = app
        .get(&person, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let goal = &plan.goals[0];
    let path = format!("/api/v1/persons/{alex}/goals/{}/own-words", goal.id);
    let put = |etag: i64, body: Value| {
        app.send_if_match(
            &person,
            reqwest::Method::PUT,
            &path,
            Some(&format!("\"v{etag}\"")),
            &body,
        )
    };
    let refused = put(
        goal.row_version,
        json!({"own_words": goal.own_words, "picture": "../../etc/passwd"}),
    );
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = refused.json().unwrap();
    assert_eq!(error["error"]["field"], "picture");

    let chosen = put(
        goal.row_version,
        json!({"own_words": goal.own_words, "picture": "bus"}),
    );
    assert_eq!(chosen.status(), StatusCode::OK, "{:?}", chosen.text());
    let goal: Goal = chosen.json().unwrap();
    assert_eq!(goal.picture.as_deref(), Some("bus"));
    assert_eq!(goal.own_words, plan.goals[0].own_words, "the words stay");

    let words_only = put(goal.row_version, json!({"own_words": "I take the 42 bus"}));
    assert_eq!(words_only.status(), StatusCode::OK);
    let goal: Goal = words_only.json().unwrap();
    assert_eq!(goal.picture.as_deref(), Some("bus"), "the picture stays");
    assert_eq!(goal.own_words.as_deref(), Some("I take the 42 bus"));
}
