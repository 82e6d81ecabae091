//! Goals through the API: SMART rules with the field named, If-Match on every change (412
//! with the current goal, 428 without), Idempotency-Key on create, and an edit after agreement
//! making a draft while the agreed version stays.

use diesel::prelude::*;
use ourplan_backend::db::schema::goals;
use ourplan_shared::id::PersonId;
use ourplan_shared::plan::{Goal, PlanDocument, PlanStatus};
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::blocking::{Client, Response};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

struct Demo {
    app: TestApp,
    alex: PersonId,
    jordan: Client,
}

fn demo() -> Demo {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    Demo { app, alex, jordan }
}

impl Demo {
    fn plan(&self) -> PlanDocument {
        self.app
            .get(&self.jordan, &format!("/api/v1/persons/{}/plan", self.alex))
            .json()
            .unwrap()
    }

    fn goals_path(&self) -> String {
        format!("/api/v1/persons/{}/goals", self.alex)
    }

    fn goal_count(&self) -> i64 {
        let mut conn = self.app.database.connect();
        goals::table.count().get_result(&mut conn).unwrap()
    }

    fn send(&self, method: Method, path: &str, etag: Option<&str>, body: &Value) -> Response {
        self.app
            .send_if_match(&self.jordan, method, path, etag, body)
    }
}

fn valid_goal(finding: &str) -> Value {
    json!({
        "term": "short",
        "text": "Cook a meal each week",
        "own_words": "I want to cook my own tea",
        "measure": "Meals cooked in a week",
        "baseline": "0",
        "target": "1",
        "start_on": "2026-12-01",
        "due_on": "2027-03-01",
        "addresses": [finding],
    })
}

fn field_of(response: Response) -> (StatusCode, String) {
    let status = response.status();
    let body: Value = response.json().unwrap();
    (
        status,
        body["error"]["field"].as_str().unwrap_or("").to_owned(),
    )
}

#[test]
fn a_goal_is_created_read_and_changed_with_if_match_and_stale_saves_are_refused() {
    let d = demo();
    let before = d.plan();
    assert_eq!(before.plan.status, PlanStatus::Agreed);
    let finding = before.findings[0].id.to_string();

    let created = d.send(Method::POST, &d.goals_path(), None, &valid_goal(&finding));
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(created.headers()["etag"], "\"v1\"");
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let goal: Goal = created.json().unwrap();
    assert_eq!(location, format!("{}/{}", d.goals_path(), goal.id));
    assert!(
        before.goals.iter().all(|g| g.position < goal.position),
        "added at the end"
    );

    let read = d.app.get(&d.jordan, &location);
    assert_eq!(read.headers()["etag"], "\"v1\"");
    assert_eq!(read.json::<Goal>().unwrap(), goal);

    // An edit after agreement: the plan is a draft again; agreed versions are untouched.
    let after = d.plan();
    assert_eq!(after.plan.status, PlanStatus::Draft);
    assert_eq!(after.versions, before.versions);

    let mut change = valid_goal(&finding);
    change["target"] = json!("2");
    assert_eq!(
        d.send(Method::PUT, &location, None, &change).status(),
        StatusCode::PRECONDITION_REQUIRED
    );
    let saved = d.send(Method::PUT, &location, Some("\"v1\""), &change);
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(saved.headers()["etag"], "\"v2\"");
    assert_eq!(saved.json::<Goal>().unwrap().target, "2");

    // A second person saving from the old version is told, and shown the current goal.
    let mut other = valid_goal(&finding);
    other["target"] = json!("3");
    let stale = d.send(Method::PUT, &location, Some("\"v1\""), &other);
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let body: Value = stale.json().unwrap();
    assert_eq!(body["error"]["code"], "precondition_failed");
    assert_eq!(body["current"]["target"], "2");
    assert_eq!(body["current"]["row_version"], 2);
    let now: Goal = d.app.get(&d.jordan, &location).json().unwrap();
    assert_eq!(now.target, "2", "nothing overwritten");
    for etag in ["*", "\"2\"", "W/\"v2\"", "v2"] {
        assert_eq!(
            d.send(Method::PUT, &location, Some(etag), &other).status(),
            StatusCode::PRECONDITION_FAILED,
            "{etag}"
        );
    }

    // Delete: with If-Match; goals with support or progress recorded stay as evidence.
    assert_eq!(
        d.send(Method::DELETE, &location, Some("\"v1\""), &Value::Null)
            .status(),
        StatusCode::PRECONDITION_FAILED
    );
    assert_eq!(
        d.send(Method::DELETE, &location, Some("\"v2\""), &Value::Null)
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        d.app.get(&d.jordan, &location).status(),
        StatusCode::NOT_FOUND
    );
    let evidence = format!("{}/{}", d.goals_path(), before.goals[0].id);
    let etag = format!("\"v{}\"", before.goals[0].row_version);
    assert_eq!(
        d.send(Method::DELETE, &evidence, Some(&etag), &Value::Null)
            .status(),
        StatusCode::CONFLICT
    );

    // Family read goals in scope but never change them; the person writes in their own words.
    let morgan = d.app.demo(Role::Family);
    assert_eq!(d.app.get(&morgan, &evidence).status(), StatusCode::OK);
    for role in [Role::Family, Role::Individual] {
        let client = d.app.demo(role);
        let status = client
            .put(d.app.url(&evidence))
            .header("x-ourplan-csrf", "1")
            .header("if-match", &etag)
            .json(&change)
            .send()
            .unwrap()
            .status();
        assert_eq!(status, StatusCode::FORBIDDEN, "{role:?}");
    }
}

#[test]
fn every_invalid_field_is_named_and_nothing_is_stored() {
    let d = demo();
    let plan = d.plan();
    let finding = plan.findings[0].id.to_string();
    let count = d.goal_count();
    let edit = |change: &dyn Fn(&mut Value)| {
        let mut body = valid_goal(&finding);
        change(&mut body);
        body
    };
    let too_long = "x".repeat(2001);
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "missing text",
            edit(&|b| drop(b.as_object_mut().unwrap().remove("text"))),
            "text",
        ),
        ("empty text", edit(&|b| b["text"] = json!("  ")), "text"),
        ("long text", edit(&|b| b["text"] = json!(too_long)), "text"),
        ("text a number", edit(&|b| b["text"] = json!(5)), "text"),
        (
            "missing measure",
            edit(&|b| drop(b.as_object_mut().unwrap().remove("measure"))),
            "measure",
        ),
        (
            "empty measure",
            edit(&|b| b["measure"] = json!("")),
            "measure",
        ),
        ("empty target", edit(&|b| b["target"] = json!("")), "target"),
        (
            "long own words",
            edit(&|b| b["own_words"] = json!(too_long)),
            "own_words",
        ),
        (
            "unknown picture",
            edit(&|b| b["picture"] = json!("no such picture!")),
            "picture",
        ),
        (
            "unknown term",
            edit(&|b| b["term"] = json!("medium")),
            "term",
        ),
        (
            "unknown status",
            edit(&|b| b["status"] = json!("done")),
            "status",
        ),
        (
            "due before start",
            edit(&|b| b["due_on"] = json!("2026-11-01")),
            "due_on",
        ),
        (
            "due a word",
            edit(&|b| b["due_on"] = json!("tomorrow")),
            "due_on",
        ),
        (
            "start not a date",
            edit(&|b| b["start_on"] = json!("2026-02-30")),
            "start_on",
        ),
        (
            "no needs",
            edit(&|b| b["addresses"] = json!([])),
            "addresses",
        ),
        (
            "a need that is not an id",
            edit(&|b| b["addresses"] = json!(["x"])),
            "addresses[0]",
        ),
        (
            "a need from nowhere",
            edit(&|b| b["addresses"] = json!([uuid::Uuid::now_v7().to_string()])),
            "addresses",
        ),
        (
            "position a word",
            edit(&|b| b["position"] = json!("first")),
            "position",
        ),
    ];
    let mut wrong = Vec::new();
    for (what, body, field) in cases {
        let (status, got) = field_of(d.send(Method::POST, &d.goals_path(), None, &body));
        if status != StatusCode::UNPROCESSABLE_ENTITY || got != field {
            wrong.push(format!("{what}: got {status} {got:?}, want 422 {field:?}"));
        }
        let location = format!("{}/{}", d.goals_path(), plan.goals[1].id);
        let etag = format!("\"v{}\"", plan.goals[1].row_version);
        let (status, got) = field_of(d.send(Method::PUT, &location, Some(&etag), &body));
        if status != StatusCode::UNPROCESSABLE_ENTITY || got != field {
            wrong.push(format!(
                "PUT {what}: got {status} {got:?}, want 422 {field:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let not_json = d
        .jordan
        .post(d.app.url(&d.goals_path()))
        .header("x-ourplan-csrf", "1")
        .header("content-type", "application/json")
        .body("{\"text\": ")
        .send()
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
    let not_json_type = d
        .jordan
        .post(d.app.url(&d.goals_path()))
        .header("x-ourplan-csrf", "1")
        .body(valid_goal(&finding).to_string())
        .send()
        .unwrap();
    assert_eq!(not_json_type.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(d.goal_count(), count, "nothing stored");
    assert_eq!(d.plan().goals, plan.goals, "nothing changed");
}

#[test]
fn a_retried_create_with_the_same_idempotency_key_makes_one_goal() {
    let d = demo();
    let finding = d.plan().findings[0].id.to_string();
    let count = d.goal_count();
    let post = |key: &str, body: &Value| {
        d.jordan
            .post(d.app.url(&d.goals_path()))
            .header("x-ourplan-csrf", "1")
            .header("idempotency-key", key)
            .json(body)
            .send()
            .unwrap()
    };
    let body = valid_goal(&finding);
    let first: Goal = post("retry-1", &body).json().unwrap();
    let again = post("retry-1", &body);
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.json::<Goal>().unwrap(), first);
    assert_eq!(d.goal_count(), count + 1);

    let mut different = body.clone();
    different["text"] = json!("Walk to the shop");
    assert_eq!(
        field_of(post("retry-1", &different)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "Idempotency-Key".to_owned()
        )
    );
    assert_eq!(
        field_of(post(&"k".repeat(256), &body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "Idempotency-Key".to_owned()
        )
    );

    // Eight retries racing each other: one goal, the same answer for all.
    let ids: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                s.spawn(|| {
                    let response = post("race-1", &different);
                    assert_eq!(response.status(), StatusCode::CREATED);
                    response.json::<Goal>().unwrap().id.to_string()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    assert_eq!(d.goal_count(), count + 2);
    // The same key from another user is theirs alone.
    let priya = d.app.demo(Role::Manager);
    let theirs = priya
        .post(d.app.url(&d.goals_path()))
        .header("x-ourplan-csrf", "1")
        .header("idempotency-key", "retry-1")
        .json(&body)
        .send()
        .unwrap();
    assert_eq!(theirs.status(), StatusCode::CREATED);
    assert_ne!(theirs.json::<Goal>().unwrap().id, first.id);
}
