//! Every field of every plan item, and of the profile, refused the same way when it is wrong:
//! missing, empty, too long, the wrong type, not one of the choices, a date that is not a date,
//! dates in the wrong order, a reference to something outside the plan. Each answer is a 4xx
//! JSON error naming the field with a message in words, and nothing is stored: neither a new
//! item nor a change to an existing one.

use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};

/// What kind of value each field holds, and so which wrong values it is tried with.
#[derive(Clone, Copy)]
enum Shape {
    /// Text that must be filled in.
    Required,
    /// Text that may be empty or left out.
    Optional,
    /// One of a few keys.
    Choice,
    /// A date that must be given.
    Date,
    /// A date that may be left out.
    OptionalDate,
    /// Yes or no.
    Flag,
    /// The id of something in the same plan.
    Reference,
    /// A picture key from the symbol set.
    Picture,
    /// Pence, not below zero.
    Pence,
    /// A list of ids of needs in the same plan.
    References,
}

struct Kind {
    collection: &'static str,
    valid: Value,
    fields: Vec<(&'static str, Shape)>,
    /// Bodies whose dates are in the wrong order, and the field to blame.
    out_of_order: Vec<(Value, &'static str)>,
}

fn with(base: &Value, field: &str, value: Value) -> Value {
    let mut body = base.clone();
    body[field] = value;
    body
}

fn without(base: &Value, field: &str) -> Value {
    let mut body = base.clone();
    if let Some(map) = body.as_object_mut() {
        map.remove(field);
    }
    body
}

/// Longer than any text field allows (the longest, profile sections, take 10,000).
fn too_long() -> Value {
    json!("x".repeat(10_001))
}

fn kinds(plan: &PlanDocument) -> Vec<Kind> {
    let heading = json!(plan.headings[0].id.to_string());
    let goal = json!(plan.goals[0].id.to_string());
    let need = json!(plan.goals[0].addresses[0].to_string());
    use Shape::*;
    let own = [("own_words", Optional), ("picture", Picture)];
    let goal_body = json!({
        "term": "short", "text": "Catch the bus to the market", "measure": "Trips made alone",
        "target": "One trip a week", "start_on": "2026-12-01", "due_on": "2027-03-01",
        "addresses": [need],
    });
    let strategy = json!({
        "goal_id": goal, "text": "Practise the route together", "responsible": "staff",
        "responsible_name": "Jordan (key worker)", "frequency": "Every Saturday",
        "start_on": "2026-12-01", "least_intrusive_reason": "Alex leads the way",
    });
    let decision = json!({
        "kind": "decision", "text": "Alex chose the Saturday market", "who": "Alex, Jordan",
        "occurred_on": "2026-11-20",
    });
    vec![
        Kind {
            collection: "findings",
            valid: json!({
                "heading_id": heading, "kind": "strength", "text": "Knows the bus numbers",
                "source": "individual",
            }),
            fields: [
                ("heading_id", Reference),
                ("kind", Choice),
                ("text", Required),
                ("source", Choice),
                ("with_consent", Flag),
            ]
            .into_iter()
            .chain(own)
            .collect(),
            out_of_order: Vec::new(),
        },
        Kind {
            collection: "goals",
            fields: [
                ("term", Choice),
                ("text", Required),
                ("measure", Required),
                ("baseline", Optional),
                ("target", Required),
                ("start_on", Date),
                ("due_on", Date),
                ("status", Choice),
                ("addresses", References),
            ]
            .into_iter()
            .chain(own)
            .collect(),
            out_of_order: vec![(with(&goal_body, "due_on", json!("2026-11-30")), "due_on")],
            valid: goal_body,
        },
        Kind {
            collection: "strategies",
            fields: [
                ("goal_id", Reference),
                ("text", Required),
                ("responsible", Choice),
                ("responsible_name", Required),
                ("frequency", Required),
                ("start_on", Date),
                ("end_on", OptionalDate),
                ("resources", Optional),
                ("least_intrusive_reason", Required),
                ("community_resource", Optional),
                ("budget_pence_per_month", Pence),
                ("self_managed", Flag),
                ("information_shared", Flag),
            ]
            .into_iter()
            .chain(own)
            .collect(),
            out_of_order: vec![(with(&strategy, "end_on", json!("2026-11-30")), "end_on")],
            valid: strategy,
        },
        Kind {
            collection: "risks",
            valid: json!({
                "activity": "Crossing the ring road", "hazards": "Fast traffic",
                "likelihood": "medium", "impact": "high",
                "persons_choice": "Alex wants to cross at the lights alone",
                "safety_measures": "Practised with Jordan; uses the crossing only",
                "review_on": "2027-02-01",
            }),
            fields: [
                ("activity", Required),
                ("hazards", Required),
                ("likelihood", Choice),
                ("impact", Choice),
                ("persons_choice", Required),
                ("safety_measures", Required),
                ("review_on", Date),
                ("safeguarding_concern", Flag),
            ]
            .into_iter()
            .chain(own)
            .collect(),
            out_of_order: Vec::new(),
        },
        Kind {
            collection: "wishes",
            valid: json!({
                "text": "Live by the sea", "reason": "No vacancies in the coastal service",
                "next_steps": "On the waiting list; asked again in June",
                "recorded_on": "2026-11-20",
            }),
            fields: [
                ("text", Required),
                ("reason", Required),
                ("next_steps", Required),
                ("appeal_explained", Flag),
                ("recorded_on", Date),
            ]
            .into_iter()
            .chain(own)
            .collect(),
            out_of_order: Vec::new(),
        },
        Kind {
            collection: "decisions",
            fields: [
                ("kind", Choice),
                ("text", Required),
                ("who", Required),
                ("occurred_on", Date),
                ("evidence", Optional),
                ("status", Choice),
                ("resolution", Optional),
                ("resolved_on", OptionalDate),
            ]
            .into_iter()
            .chain(own)
            .collect(),
            out_of_order: vec![(
                with(
                    &with(
                        &with(&decision, "status", json!("resolved")),
                        "resolution",
                        json!("Agreed"),
                    ),
                    "resolved_on",
                    json!("2026-11-19"),
                ),
                "resolved_on",
            )],
            valid: decision,
        },
    ]
}

/// Every wrong version of `valid` for one field: (what is wrong, the body).
fn wrong_bodies(valid: &Value, field: &str, shape: Shape) -> Vec<(&'static str, Value)> {
    let elsewhere = json!(uuid::Uuid::now_v7().to_string());
    let mut cases = vec![("wrong type", with(valid, field, json!({"a": 1})))];
    let mut add = |why, value| cases.push((why, with(valid, field, value)));
    match shape {
        Shape::Required => {
            add("empty", json!(""));
            add("only spaces", json!("   "));
            add("too long", too_long());
            add("a number", json!(12));
            // PostgreSQL cannot store it: refused alike on both databases.
            add("a NUL character", json!("Catch the\u{0}bus"));
        }
        Shape::Optional => {
            add("too long", too_long());
            add("a number", json!(12));
            add("a NUL character", json!("\u{0}"));
        }
        Shape::Choice => {
            add("not a choice", json!("robot"));
            add("empty", json!(""));
        }
        Shape::Date | Shape::OptionalDate => {
            add("not a date", json!("soon"));
            add("no such day", json!("2027-02-30"));
            add("a number", json!(20270201));
        }
        Shape::Flag => add("text for yes", json!("yes")),
        Shape::Reference => {
            add("not in this plan", elsewhere);
            add("not an id", json!("kitchen"));
        }
        Shape::Picture => add("not a picture key", json!("A Dog!")),
        Shape::Pence => {
            add("below zero", json!(-1));
            add("text", json!("lots"));
        }
        Shape::References => {
            add("empty", json!([]));
            add("not in this plan", json!([elsewhere]));
            add("not an id", json!(["kitchen"]));
        }
    }
    let required = matches!(
        shape,
        Shape::Required | Shape::Choice | Shape::Date | Shape::Reference | Shape::References
    );
    let defaulted = matches!(
        (valid.get(field), field),
        (None, _) | (_, "status" | "baseline")
    );
    if required && !defaulted {
        cases.push(("missing", without(valid, field)));
    }
    cases
}

/// The answer must be a 4xx naming `field` (or an element of it) in words.
fn assert_names(response: reqwest::blocking::Response, field: &str, what: &str) {
    let status = response.status();
    let body: Value = response.json().unwrap_or(Value::Null);
    assert!(
        status.is_client_error(),
        "{what}: {status} {body}, not a 4xx"
    );
    let named = body["error"]["field"].as_str().unwrap_or_default();
    assert!(
        named == field || named.starts_with(&format!("{field}[")),
        "{what}: names {named:?}, not {field}: {body}"
    );
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.len() > 8, "{what}: says why in words: {body}");
}

fn items(plan: &Value, collection: &str) -> Value {
    let key = match collection {
        "wishes" => "wishes_not_met",
        other => other,
    };
    plan[key].clone()
}

#[test]
fn every_field_of_every_item_is_refused_by_name_and_nothing_is_stored() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let plan_path = format!("/api/v1/persons/{alex}/plan");
    let plan: PlanDocument = app.get(&jordan, &plan_path).json().unwrap();
    let mut tried = 0;
    for kind in kinds(&plan) {
        let collection = format!("/api/v1/persons/{alex}/{}", kind.collection);
        // One item of this kind to change, read with its ETag.
        let created = app.post(&jordan, &collection, kind.valid.clone());
        assert_eq!(created.status(), StatusCode::CREATED, "{}", kind.collection);
        let etag = created.headers()["etag"].to_str().unwrap().to_owned();
        let stored: Value = created.json().unwrap();
        let item_path = format!("{collection}/{}", stored["id"].as_str().unwrap());
        let after_create: Value = app.get(&jordan, &plan_path).json().unwrap();

        let mut cases: Vec<(String, &str, Value)> = Vec::new();
        for &(field, shape) in &kind.fields {
            for (why, body) in wrong_bodies(&kind.valid, field, shape) {
                cases.push((format!("{} {field} {why}", kind.collection), field, body));
            }
        }
        for (body, field) in &kind.out_of_order {
            cases.push((
                format!("{} dates out of order", kind.collection),
                field,
                body.clone(),
            ));
        }
        for (what, field, body) in cases {
            assert_names(app.post(&jordan, &collection, body.clone()), field, &what);
            let change = app.send_if_match(&jordan, Method::PUT, &item_path, Some(&etag), &body);
            assert_names(change, field, &format!("{what} (change)"));
            tried += 1;
        }
        let now: Value = app.get(&jordan, &plan_path).json().unwrap();
        assert_eq!(
            items(&now, kind.collection),
            items(&after_create, kind.collection),
            "nothing of {} was stored or changed",
            kind.collection
        );
    }
    assert!(tried > 150, "{tried} cases");

    // The profile: every section too long or the wrong type.
    let profile_path = format!("/api/v1/persons/{alex}/profile");
    let read = app.get(&jordan, &profile_path);
    let etag = read.headers()["etag"].to_str().unwrap().to_owned();
    let profile: Value = read.json().unwrap();
    let mut body: Map<String, Value> = profile.as_object().unwrap().clone();
    body.retain(|k, _| !matches!(k.as_str(), "plan_id" | "row_version"));
    let body = Value::Object(body);
    for field in [
        "important_to_me",
        "like_about_me",
        "how_to_support_me",
        "culture_and_beliefs",
        "lifestyle",
        "aspirations",
        "medical_history",
        "own_words",
    ] {
        for (why, value) in [("too long", too_long()), ("a number", json!(12))] {
            let response = app.send_if_match(
                &jordan,
                Method::PUT,
                &profile_path,
                Some(&etag),
                &with(&body, field, value),
            );
            assert_names(response, field, &format!("profile {field} {why}"));
        }
    }
    let after: Value = app.get(&jordan, &profile_path).json().unwrap();
    assert_eq!(after, profile, "the profile is unchanged");
}
