//! Reviews in two parts and progress check-ins, through the API on the
//! database under test: the person asks for a review and their team is told; a support worker
//! writes and submits Part 1, which tells the manager; only a manager writes and completes
//! Part 2, which agrees the plan as its next version; a completed review and every check-in are
//! evidence the database itself refuses to change.

use chrono::Days;
use diesel::prelude::*;
use ourplan_shared::notification::{NotificationKind, Notifications};
use ourplan_shared::organisation::PersonSummary;
use ourplan_shared::plan::{PlanDocument, PlanVersionSummary};
use ourplan_shared::progress::ProgressNote;
use ourplan_shared::review::{Review, ReviewKind, ReviewStatus};
use ourplan_shared::role::Role;
use ourplan_shared::timescale::first_review_due_on;
use ourplan_tests::TestApp;
use reqwest::blocking::{Client, Response};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn etag(response: &Response) -> String {
    response.headers()["etag"].to_str().unwrap().to_owned()
}

fn field(response: Response) -> (StatusCode, String) {
    let status = response.status();
    let body: Value = response.json().unwrap();
    (
        status,
        body["error"]["field"].as_str().unwrap_or("").to_owned(),
    )
}

/// Today in the demo organisation's zone (London), as the server counts days.
fn today() -> chrono::NaiveDate {
    use ourplan_backend::db::model::organisation::OrganisationRow;
    OrganisationRow {
        id: uuid::Uuid::nil().into(),
        name: String::new(),
        review_interval_months: 6,
        created_at: ourplan_backend::db::model::now(),
        time_zone: "Europe/London".to_owned(),
        row_version: 1,
        retention_years: 8,
    }
    .day_at(ourplan_backend::db::model::now())
}

fn notifications(app: &TestApp, client: &Client) -> Notifications {
    app.get(client, "/api/v1/me/notifications").json().unwrap()
}

#[test]
fn a_review_the_person_asks_for_goes_through_both_parts_to_a_new_version() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let person = app.demo(Role::Individual);
    let jordan = app.demo(Role::SupportWorker);
    let priya = app.demo(Role::Manager);
    let morgan = app.demo(Role::Family);
    let reviews = format!("/api/v1/persons/{alex}/reviews");
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let version_before = plan.plan.current_version.unwrap();

    // Alex asks for a review; asking again gives the same one. Morgan may not ask.
    let requests = format!("/api/v1/persons/{alex}/review-requests");
    let asked = app.post(
        &person,
        &requests,
        json!({"reason": "I want to move to my own flat"}),
    );
    assert_eq!(asked.status(), StatusCode::CREATED);
    let review: Review = asked.json().unwrap();
    assert_eq!(review.kind, ReviewKind::Requested);
    assert_eq!(review.status, ReviewStatus::PartOne);
    assert_eq!(review.due_on, today(), "due at once");
    let again = app.post(&person, &requests, json!({}));
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Review>().unwrap().id, review.id);
    assert_eq!(
        app.post(&morgan, &requests, json!({})).status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post(&jordan, &reviews, json!({})).status(),
        StatusCode::CONFLICT,
        "one review at a time"
    );
    for staff in [&jordan, &priya] {
        let told = notifications(&app, staff);
        assert_eq!(told.unread, 1);
        assert_eq!(told.items[0].kind, NotificationKind::ReviewRequested);
        assert_eq!(told.items[0].text, "Alex asked for a review of their plan.");
    }
    // Morgan's grant covers goals and progress, not reviews.
    assert_eq!(app.get(&morgan, &reviews).status(), StatusCode::FORBIDDEN);

    // Part 1: Jordan with Alex. If-Match is required; a goal must be of this plan.
    let one = format!("{reviews}/{}", review.id);
    let part_one = format!("{one}/part-one");
    let goal = plan.goals[0].id;
    let mut body = json!({
        "what_is_working": "Cooking on Tuesdays with Jordan",
        "what_is_not_working": "",
        "persons_views": "Alex wants more time on his own",
        "goal_progress": [{"goal_id": goal, "progress": "Cooked 3 meals in 4 weeks", "own_words": "I like cooking pasta"}],
    });
    let put = |body: &Value, tag: Option<&str>| {
        app.send_if_match(&jordan, Method::PUT, &part_one, tag, body)
    };
    assert_eq!(put(&body, None).status(), StatusCode::PRECONDITION_REQUIRED);
    let elsewhere = json!({"goal_progress": [{"goal_id": uuid::Uuid::now_v7(), "progress": "x"}]});
    assert_eq!(
        field(put(&elsewhere, Some("\"v1\""))),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "goal_progress[0].goal_id".to_owned()
        )
    );
    let saved = put(&body, Some("\"v1\""));
    assert_eq!(saved.status(), StatusCode::OK);
    let tag = etag(&saved);
    assert_eq!(
        put(&body, Some("\"v1\"")).status(),
        StatusCode::PRECONDITION_FAILED
    );

    // Submitting names what is missing; once whole, it goes to Priya.
    let submit = format!("{part_one}/submit");
    assert_eq!(
        field(app.send_if_match(&jordan, Method::POST, &submit, Some(&tag), &Value::Null)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "what_is_not_working".to_owned()
        )
    );
    body["what_is_not_working"] = json!("Evenings alone are long");
    let live_goals: Vec<Value> = plan
        .goals
        .iter()
        .filter(|g| matches!(g.status.key(), "not_started" | "in_progress"))
        .map(|g| json!({"goal_id": g.id, "progress": format!("Going well: {}", g.text)}))
        .collect();
    body["goal_progress"] = Value::Array(live_goals);
    let saved = put(&body, Some(&tag));
    assert_eq!(saved.status(), StatusCode::OK);
    let submitted = app.send_if_match(
        &jordan,
        Method::POST,
        &submit,
        Some(&etag(&saved)),
        &Value::Null,
    );
    assert_eq!(submitted.status(), StatusCode::OK);
    let tag = etag(&submitted);
    let review: Review = submitted.json().unwrap();
    assert_eq!(review.status, ReviewStatus::AwaitingPartTwo);
    assert!(review.part_one.unwrap().submitted_at.is_some());
    let told = notifications(&app, &priya);
    assert_eq!(told.unread, 2);
    assert_eq!(told.items[0].kind, NotificationKind::PartTwoWaiting);
    assert_eq!(told.items[0].review_id, Some(review.id));
    assert_eq!(
        told.items[0].text,
        "Part 1 of Alex's review is ready. Part 2 is yours to complete."
    );
    assert_eq!(
        notifications(&app, &jordan).unread,
        1,
        "Part 2 is not Jordan's"
    );
    assert_eq!(
        put(&body, Some(&tag)).status(),
        StatusCode::CONFLICT,
        "Part 1 is fixed once submitted"
    );

    // Part 2 is the manager's: Jordan is refused; Priya writes it and completes the review.
    let part_two = format!("{one}/part-two");
    let complete = format!("{one}/complete");
    let outcome = json!({
        "outcome": "The plan works; Alex wants more independence",
        "changes_agreed": "Add a goal about living on his own",
        "effectiveness_evidence": "3 of 4 cooking goals met; Alex says he feels more confident",
    });
    assert_eq!(
        app.send_if_match(&jordan, Method::PUT, &part_two, Some(&tag), &outcome)
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.send_if_match(&jordan, Method::POST, &complete, Some(&tag), &Value::Null)
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        field(app.send_if_match(&priya, Method::POST, &complete, Some(&tag), &Value::Null)),
        (StatusCode::UNPROCESSABLE_ENTITY, "outcome".to_owned()),
        "Part 2 first"
    );
    let written = app.send_if_match(&priya, Method::PUT, &part_two, Some(&tag), &outcome);
    assert_eq!(written.status(), StatusCode::OK);
    let tag = etag(&written);
    assert_eq!(
        app.send_if_match(
            &priya,
            Method::POST,
            &complete,
            Some("\"v1\""),
            &Value::Null
        )
        .status(),
        StatusCode::PRECONDITION_FAILED
    );
    let completed = app.send_if_match(&priya, Method::POST, &complete, Some(&tag), &Value::Null);
    assert_eq!(completed.status(), StatusCode::OK);
    let review: Review = completed.json().unwrap();
    assert_eq!(review.status, ReviewStatus::Completed);
    let resulting = review.part_two.unwrap().resulting_version_id.unwrap();

    // The plan's next version, agreed by the review, says what the review changed.
    let versions: Vec<PlanVersionSummary> = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan/versions"))
        .json()
        .unwrap();
    let newest = versions.last().unwrap();
    assert_eq!(newest.number, version_before + 1);
    assert_eq!(newest.id, resulting);
    assert!(
        newest
            .change_summary
            .starts_with("From the review: Add a goal about living on his own"),
        "{}",
        newest.change_summary
    );
    let agreed: PlanDocument = app
        .get(
            &jordan,
            &format!("/api/v1/persons/{alex}/plan/versions/{}", newest.number),
        )
        .json()
        .unwrap();
    let in_version = agreed.reviews.iter().find(|r| r.id == review.id).unwrap();
    assert_eq!(in_version.status, ReviewStatus::Completed);

    // Complete means complete: the API refuses, and so does the database itself.
    assert_eq!(
        app.send_if_match(
            &priya,
            Method::PUT,
            &part_two,
            Some(&etag(&app.get(&priya, &one))),
            &outcome
        )
        .status(),
        StatusCode::CONFLICT
    );
    let mut conn = app.database.connect();
    use ourplan_backend::db::schema::{review_goal_progress, reviews as table};
    let changed = diesel::update(table::table.find(review.id.to_string()))
        .set(table::outcome.eq("Rewritten"))
        .execute(&mut conn);
    assert!(changed.is_err(), "a completed review cannot be changed");
    let changed = diesel::update(
        review_goal_progress::table
            .filter(review_goal_progress::review_id.eq(review.id.to_string())),
    )
    .set(review_goal_progress::progress.eq("Rewritten"))
    .execute(&mut conn);
    assert!(changed.is_err(), "nor its goal progress");

    // Notifications are read one by one, and only your own.
    let told = notifications(&app, &priya);
    let first = told.items[0].id;
    let read = format!("/api/v1/me/notifications/{first}/read");
    assert_eq!(
        app.post(&priya, &read, Value::Null).status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.post(&priya, &read, Value::Null).status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(notifications(&app, &priya).unread, told.unread - 1);
    assert_eq!(
        app.post(&jordan, &read, Value::Null).status(),
        StatusCode::NOT_FOUND
    );
    // The review completed into a new version nobody has read yet; the counts say so.
    ourplan_tests::programme::counts_say_what_the_rows_say(&app, &priya);
}

#[test]
fn staff_start_the_review_that_is_due_and_a_significant_change_makes_it_due_now() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let jordan = app.demo(Role::SupportWorker);
    let people: Vec<PersonSummary> = app.get(&jordan, "/api/v1/persons").json().unwrap();
    let beata = people
        .iter()
        .find(|p| p.full_name == "Beata Wiśniewska")
        .unwrap()
        .id;
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{beata}/plan"))
        .json()
        .unwrap();
    let reviews = format!("/api/v1/persons/{beata}/reviews");
    assert_eq!(
        field(app.post(&jordan, &reviews, json!({"significant_change": true}))),
        (StatusCode::UNPROCESSABLE_ENTITY, "reason".to_owned()),
        "say what changed"
    );
    let started: Review = app.post(&jordan, &reviews, json!({})).json().unwrap();
    assert_eq!(started.kind, ReviewKind::First, "no review yet: the first");
    assert_eq!(
        started.due_on,
        first_review_due_on(plan.person.support_started_on)
    );

    // With Alex, whose first review is done, a significant change makes one due today.
    let alex = app.demo_person();
    let changed: Review = app
        .post(
            &jordan,
            &format!("/api/v1/persons/{alex}/reviews"),
            json!({"significant_change": true, "reason": "Alex moved house"}),
        )
        .json()
        .unwrap();
    assert_eq!(changed.kind, ReviewKind::SignificantChange);
    assert_eq!(changed.due_on, today());
    assert_eq!(changed.request_reason.as_deref(), Some("Alex moved house"));
}

#[test]
fn check_ins_are_added_never_changed_and_shared_only_in_scope() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let person = app.demo(Role::Individual);
    let morgan = app.demo(Role::Family);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let goal = &plan.goals[0];
    let path = format!("/api/v1/persons/{alex}/goals/{}/progress", goal.id);
    let before: Vec<ProgressNote> = app.get(&jordan, &path).json().unwrap();
    let today = today();
    let note = json!({
        "recorded_on": today, "progress": "Cooked twice this week", "measure_value": "2",
        "positive_changes": "Chose the recipe himself", "barriers": "The oven door is stiff",
    });
    let added = app.post(&jordan, &path, note.clone());
    assert_eq!(added.status(), StatusCode::CREATED);
    let added: ProgressNote = added.json().unwrap();
    let mine =
        json!({"recorded_on": today, "progress": "I made pasta", "own_words": "It was good"});
    assert_eq!(app.post(&person, &path, mine).status(), StatusCode::CREATED);
    let tomorrow = today + Days::new(1);
    assert_eq!(
        field(app.post(
            &jordan,
            &path,
            json!({"recorded_on": tomorrow, "progress": "x"})
        )),
        (StatusCode::UNPROCESSABLE_ENTITY, "recorded_on".to_owned())
    );
    assert_eq!(
        field(app.post(
            &jordan,
            &path,
            json!({"recorded_on": today, "progress": " "})
        )),
        (StatusCode::UNPROCESSABLE_ENTITY, "progress".to_owned())
    );
    assert_eq!(
        app.post(&morgan, &path, note).status(),
        StatusCode::FORBIDDEN,
        "family read progress but do not record it"
    );
    let after: Vec<ProgressNote> = app.get(&morgan, &path).json().unwrap();
    assert_eq!(after.len(), before.len() + 2);
    assert!(
        after
            .iter()
            .any(|n| n.id == added.id && n.measure_value.as_deref() == Some("2"))
    );
    assert!(
        after
            .windows(2)
            .all(|w| w[0].recorded_on <= w[1].recorded_on),
        "oldest first"
    );

    let mut conn = app.database.connect();
    use ourplan_backend::db::schema::progress_notes;
    let changed = diesel::update(progress_notes::table.find(added.id.to_string()))
        .set(progress_notes::progress.eq("Rewritten"))
        .execute(&mut conn);
    assert!(changed.is_err(), "a check-in cannot be changed");
    let deleted =
        diesel::delete(progress_notes::table.find(added.id.to_string())).execute(&mut conn);
    assert!(deleted.is_err(), "nor removed");
}

fn programme(
    app: &TestApp,
    client: &Client,
    query: &str,
) -> ourplan_shared::programme::ReviewProgramme {
    let response = app.get(client, &format!("/api/v1/review-programme{query}"));
    assert_eq!(response.status(), StatusCode::OK);
    response.json().unwrap()
}

fn count(p: &ourplan_shared::programme::ReviewProgramme, key: Option<&str>) -> usize {
    p.counts
        .iter()
        .find(|c| c.attention.map(|a| a.key()) == key)
        .unwrap()
        .count
}

#[test]
fn the_review_programme_counts_what_needs_attention_on_the_managers_teams() {
    use ourplan_shared::programme::Attention;
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let priya = app.demo(Role::Manager);
    let jordan = app.demo(Role::SupportWorker);
    let person = app.demo(Role::Individual);
    let before = programme(&app, &priya, "");
    assert_eq!(count(&before, None), 2, "Alex and Beata");
    let beata = before
        .rows
        .iter()
        .find(|r| r.person_name.starts_with("Beata"))
        .unwrap();
    assert!(beata.current_version.is_none());
    assert_eq!(beata.next_review.kind, ReviewKind::First);
    assert_eq!(
        app.get(&jordan, "/api/v1/review-programme").status(),
        StatusCode::FORBIDDEN,
        "for managers"
    );
    assert_eq!(
        app.get(&priya, "/api/v1/review-programme?sort=sideways")
            .status(),
        StatusCode::BAD_REQUEST
    );

    // Alex asks for a review: due today, so due soon; Part 1 submitted, it waits for Part 2.
    let asked: Review = app
        .post(
            &person,
            &format!("/api/v1/persons/{alex}/review-requests"),
            json!({}),
        )
        .json()
        .unwrap();
    let row = |p: &ourplan_shared::programme::ReviewProgramme| {
        p.rows.iter().find(|r| r.person_id == alex).unwrap().clone()
    };
    let now = programme(&app, &priya, "");
    assert_eq!(row(&now).next_review.kind, ReviewKind::Requested);
    assert!(row(&now).attention.contains(&Attention::DueSoon));
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let one = format!("/api/v1/persons/{alex}/reviews/{}", asked.id);
    let goal_progress: Vec<Value> = plan
        .goals
        .iter()
        .map(|g| json!({"goal_id": g.id, "progress": "Going well"}))
        .collect();
    let body = json!({
        "what_is_working": "Cooking", "what_is_not_working": "Evenings",
        "persons_views": "More time alone", "goal_progress": goal_progress,
    });
    let saved = app.send_if_match(
        &jordan,
        Method::PUT,
        &format!("{one}/part-one"),
        Some("\"v1\""),
        &body,
    );
    assert_eq!(saved.status(), StatusCode::OK);
    let submitted = app.send_if_match(
        &jordan,
        Method::POST,
        &format!("{one}/part-one/submit"),
        Some(&etag(&saved)),
        &Value::Null,
    );
    assert_eq!(submitted.status(), StatusCode::OK);
    let waiting = programme(&app, &priya, "?attention=part_two_waiting");
    assert_eq!(count(&waiting, Some("part_two_waiting")), 1);
    assert_eq!(waiting.rows.len(), 1, "filtered to what waits");
    assert_eq!(
        waiting.rows[0].review_stage,
        Some(ReviewStatus::AwaitingPartTwo)
    );

    // Nobody on the team has said they read Alex's agreed version yet; Jordan does.
    let unread = row(&now).not_read_by;
    assert!(unread.contains(&"Jordan Bell".to_owned()), "{unread:?}");
    let read = app.post(
        &jordan,
        &format!("/api/v1/persons/{alex}/plan/acknowledgements"),
        Value::Null,
    );
    assert_eq!(read.status(), StatusCode::OK);
    let after = programme(&app, &priya, "?sort=name");
    assert!(!row(&after).not_read_by.contains(&"Jordan Bell".to_owned()));
    let names: Vec<&str> = after.rows.iter().map(|r| r.person_name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let team = after.teams[0].id;
    assert_eq!(
        count(&programme(&app, &priya, &format!("?team={team}")), None),
        2
    );
    ourplan_tests::programme::counts_say_what_the_rows_say(&app, &priya);
}

#[test]
fn an_organisation_reviews_more_often_if_it_chooses_but_never_less_than_yearly() {
    use ourplan_shared::organisation::Organisation;
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let admin = app.demo(Role::Admin);
    let jordan = app.demo(Role::SupportWorker);
    let read = app.get(&admin, "/api/v1/organisation");
    let tag = etag(&read);
    let organisation: Organisation = read.json().unwrap();
    assert_eq!(organisation.review_interval_months, 6);
    assert_eq!(organisation.time_zone, "Europe/London");
    let put = |client: &Client, body: Value, tag: &str| {
        app.send_if_match(
            client,
            Method::PUT,
            "/api/v1/organisation",
            Some(tag),
            &body,
        )
    };
    assert_eq!(
        field(put(
            &admin,
            json!({"review_interval_months": 13, "time_zone": "Europe/London"}),
            &tag
        )),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "review_interval_months".to_owned()
        )
    );
    assert_eq!(
        field(put(
            &admin,
            json!({"review_interval_months": 3, "time_zone": "Atlantis/Capital"}),
            &tag
        )),
        (StatusCode::UNPROCESSABLE_ENTITY, "time_zone".to_owned())
    );
    let body = json!({"review_interval_months": 3, "time_zone": "Europe/London"});
    assert_eq!(
        put(&jordan, body.clone(), &tag).status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(put(&admin, body.clone(), &tag).status(), StatusCode::OK);
    assert_eq!(
        put(&admin, body, &tag).status(),
        StatusCode::PRECONDITION_FAILED,
        "someone changed it first"
    );

    // Alex's first review was completed: the next is 3 months after it.
    let alex = app.demo_person();
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let last = plan
        .reviews
        .iter()
        .filter_map(|r| r.part_two.as_ref().and_then(|p| p.completed_at))
        .max()
        .unwrap();
    // The review programme's stored next review moved with the policy, as the plan's did.
    let priya = app.demo(Role::Manager);
    let row = programme(&app, &priya, "")
        .rows
        .into_iter()
        .find(|r| r.person_id == alex)
        .unwrap();
    assert_eq!(plan.next_review, Some(row.next_review));
    assert_eq!(
        row.next_review.due_on,
        ourplan_shared::timescale::add_months(last.date_naive(), 3)
    );
    let started: Review = app
        .post(
            &jordan,
            &format!("/api/v1/persons/{alex}/reviews"),
            json!({}),
        )
        .json()
        .unwrap();
    assert_eq!(started.kind, ReviewKind::Scheduled);
    assert_eq!(
        started.due_on,
        ourplan_shared::timescale::add_months(last.date_naive(), 3)
    );
}

/// Issue 25: "not read by all staff" is kept on each plan for the programme's counts; it
/// follows acknowledgements, the team's members and accounts disabled and enabled, and the
/// counts stay what the rows say.
#[test]
fn who_has_not_read_the_latest_version_follows_the_team() {
    use ourplan_shared::organisation::User;
    use ourplan_shared::programme::Attention;
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let priya = app.demo(Role::Manager);
    let admin = app.demo(Role::Admin);
    let row = || {
        programme(&app, &priya, "")
            .rows
            .into_iter()
            .find(|r| r.person_id == alex)
            .unwrap()
    };
    let read = |client: &Client| {
        let path = format!("/api/v1/persons/{alex}/plan/acknowledgements");
        assert_eq!(
            app.post(client, &path, Value::Null).status(),
            StatusCode::OK
        );
    };
    assert!(row().attention.contains(&Attention::NotRead));
    read(&app.demo(Role::SupportWorker));
    read(&priya);
    let left = row().not_read_by;
    assert!(!left.contains(&"Jordan Bell".to_owned()), "{left:?}");
    ourplan_tests::programme::counts_say_what_the_rows_say(&app, &priya);

    // Someone new joins Alex's team: they have not read it.
    let team = row().team_id;
    let kim: User = app
        .post(
            &admin,
            "/api/v1/users",
            json!({"email": "kim@example.org", "display_name": "Kim Novak",
                   "role": "support_worker", "password": ourplan_tests::NEW_PASSWORD}),
        )
        .json()
        .unwrap();
    let member = format!("/api/v1/teams/{team}/members/{}", kim.id);
    assert_eq!(
        app.send(&admin, Method::PUT, &member, Value::Null).status(),
        StatusCode::OK
    );
    assert!(row().not_read_by.contains(&"Kim Novak".to_owned()));
    assert!(row().attention.contains(&Attention::NotRead));
    ourplan_tests::programme::counts_say_what_the_rows_say(&app, &priya);

    // Kim's account disabled: not counted; enabled again: counted again.
    let disable = format!("/api/v1/users/{}/disable", kim.id);
    assert_eq!(
        app.post(&admin, &disable, Value::Null).status(),
        StatusCode::OK
    );
    assert!(!row().not_read_by.contains(&"Kim Novak".to_owned()));
    ourplan_tests::programme::counts_say_what_the_rows_say(&app, &priya);
    let enable = format!("/api/v1/users/{}/enable", kim.id);
    assert_eq!(
        app.post(&admin, &enable, Value::Null).status(),
        StatusCode::OK
    );
    assert!(row().not_read_by.contains(&"Kim Novak".to_owned()));
    ourplan_tests::programme::counts_say_what_the_rows_say(&app, &priya);

    // Kim leaves the team.
    assert_eq!(
        app.send(&admin, Method::DELETE, &member, Value::Null)
            .status(),
        StatusCode::OK
    );
    assert!(!row().not_read_by.contains(&"Kim Novak".to_owned()));
    ourplan_tests::programme::counts_say_what_the_rows_say(&app, &priya);
}
