//! The person's views gathered with picture cards (issue 24): kept as sorted, for a review
//! only while its Part 1 is under way, listed newest first to readers of reviews, never
//! changed afterwards.

use diesel::prelude::*;
use ourplan_backend::db::schema::{goals, plans, reviews};
use ourplan_shared::picture_sort::{PictureSort, Placement, SortTopic};
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn cards(places: &[(&str, &str, &str)]) -> Value {
    json!(
        places
            .iter()
            .map(|(picture, label, placed)| json!({"picture": picture, "label": label, "placed": placed}))
            .collect::<Vec<_>>()
    )
}

#[test]
fn views_sorted_with_pictures_are_kept_for_the_review_and_read_as_reviews_are() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let mut conn = app.database.connect();
    let plan: String = plans::table
        .filter(plans::person_id.eq(&alex))
        .select(plans::id)
        .first(&mut conn)
        .unwrap();
    let goal: String = goals::table
        .filter(goals::plan_id.eq(&plan))
        .order(goals::position)
        .select(goals::id)
        .first(&mut conn)
        .unwrap();
    let statuses: Vec<(String, String)> = reviews::table
        .filter(reviews::plan_id.eq(&plan))
        .select((reviews::id, reviews::status))
        .load(&mut conn)
        .unwrap();
    let done = statuses
        .iter()
        .find(|(_, s)| s == "completed")
        .unwrap()
        .0
        .clone();
    let worker = app.demo(Role::SupportWorker);
    let person = app.demo(Role::Individual);
    let path = format!("/api/v1/persons/{alex}/picture-sorts");

    // A review under way: the team starts one (the demo's own may be finished).
    let open = app.post(
        &worker,
        &format!("/api/v1/persons/{alex}/reviews"),
        json!({}),
    );
    let open: Value = if open.status() == StatusCode::CREATED {
        open.json().unwrap()
    } else {
        let all: Vec<Value> = worker
            .get(app.url(&format!("/api/v1/persons/{alex}/reviews")))
            .send()
            .unwrap()
            .json()
            .unwrap();
        all.into_iter().find(|r| r["status"] == "part_one").unwrap()
    };
    let open = open["id"].as_str().unwrap().to_owned();

    let home = cards(&[
        ("bed", "My bedroom", "good"),
        ("noise", "Noise", "not_good"),
        ("neighbour", "My neighbours", "not_sure"),
    ]);
    let sent = app.post(
        &worker,
        &path,
        json!({"topic": "home", "review_id": open, "cards": home}),
    );
    assert_eq!(sent.status(), StatusCode::CREATED);
    let first: PictureSort = sent.json().unwrap();
    assert_eq!(first.topic_words, "My home");
    assert_eq!(first.placed(Placement::NotGood), vec!["Noise"]);

    // The person sorts about their goal themselves; the goal's words are kept with it.
    let sent = app.post(
        &person,
        &path,
        json!({"topic": "goal", "goal_id": goal, "cards": cards(&[("bus", "The bus", "good"), ("happy", "How it is going", "good")])}),
    );
    assert_eq!(sent.status(), StatusCode::CREATED);
    let second: PictureSort = sent.json().unwrap();
    assert_eq!(second.topic, SortTopic::Goal);
    assert!(!second.topic_words.is_empty());

    // Refused with the field named, nothing kept.
    let refuse = |body: Value| {
        let response = app.post(&worker, &path, body);
        let status = response.status().as_u16();
        let body: Value = response.json().unwrap();
        (status, body["error"]["field"].as_str().map(str::to_owned))
    };
    let one = cards(&[("bed", "My bedroom", "good")]);
    assert_eq!(
        refuse(json!({"topic": "home", "cards": one})),
        (422, Some("cards".into()))
    );
    let unknown = cards(&[("bed", "a", "good"), ("no-such-picture", "b", "good")]);
    assert_eq!(refuse(json!({"topic": "home", "cards": unknown})).0, 422);
    let two = cards(&[("bed", "a", "good"), ("garden", "b", "not_good")]);
    assert_eq!(
        refuse(json!({"topic": "goal", "cards": two})),
        (422, Some("goal_id".into()))
    );
    let elsewhere = uuid::Uuid::now_v7().to_string();
    assert_eq!(
        refuse(json!({"topic": "goal", "goal_id": elsewhere, "cards": two})).0,
        404
    );
    assert_eq!(
        refuse(json!({"topic": "home", "review_id": done, "cards": two})).0,
        409,
        "a finished review's Part 1 is not added to"
    );

    // Newest first, to the person and their team; family see it only with reviews shared.
    let listed: Vec<PictureSort> = person.get(app.url(&path)).send().unwrap().json().unwrap();
    let ids: Vec<&str> = listed.iter().map(|s| s.id.as_str()).collect();
    // The demo's own sort, at its first review, comes last.
    assert_eq!(ids[..2], [second.id.as_str(), first.id.as_str()]);
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[2].review_id.as_deref(), Some(done.as_str()));
    assert_eq!(listed[1].review_id.as_deref(), Some(open.as_str()));
    let family = app.demo(Role::Family);
    assert_eq!(
        family.get(app.url(&path)).send().unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let refused = app.post(&family, &path, json!({"topic": "home", "cards": two}));
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // The review's record says what the person thought.
    let record = worker
        .get(app.url(&format!("/api/v1/persons/{alex}/reviews/{open}/record.pdf")))
        .send()
        .unwrap();
    assert_eq!(record.status(), StatusCode::OK);
    let text = ourplan_tests::pdf::PdfFile::new(&record.bytes().unwrap()).text();
    assert!(text.contains("The person's views with pictures"), "{text}");
    assert!(text.contains("Not good: Noise"), "{text}");

    // Kept as sorted: the database refuses a change.
    let changed =
        diesel::sql_query("UPDATE picture_sorts SET topic_words = 'changed'").execute(&mut conn);
    assert!(changed.is_err(), "a sort is evidence");
}
