//! Every kind of plan item through the same API: create with an ETag and a Location, read it,
//! change it with If-Match, be refused with the current item when stale, be told which field is
//! wrong, and (where the kind allows) delete it. References must stay inside the plan.

use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::blocking::Response;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

struct Kind {
    collection: &'static str,
    valid: Value,
    /// A field to change, and its new value.
    change: (&'static str, Value),
    /// A body with one problem, and the field that must be named.
    invalid: Vec<(Value, &'static str)>,
    deletable: bool,
}

fn with(base: &Value, field: &str, value: Value) -> Value {
    let mut body = base.clone();
    body[field] = value;
    body
}

fn kinds(plan: &PlanDocument) -> Vec<Kind> {
    let nowhere = json!(uuid::Uuid::now_v7().to_string());
    let heading = json!(plan.headings[0].id.to_string());
    let goal = json!(plan.goals[0].id.to_string());
    let finding = json!({"heading_id": heading, "kind": "need", "text": "Needs help with shopping lists", "source": "individual",
        "easy_read": "I need help to write my shopping lists."});
    let strategy = json!({
        "goal_id": goal, "text": "Plan the week's meals together", "responsible": "staff",
        "responsible_name": "Jordan (key worker)", "frequency": "Every Monday",
        "start_on": "2026-12-01", "end_on": "2027-06-01",
        "least_intrusive_reason": "Alex leads; Jordan only prompts",
        "easy_read": "Jordan and I plan my meals every Monday.",
    });
    let risk = json!({
        "activity": "Using the cooker alone", "hazards": "Burns", "likelihood": "low",
        "impact": "medium", "persons_choice": "Alex wants to cook alone",
        "safety_measures": "Timer and a check-in call", "review_on": "2027-03-01",
        "easy_read": "I use the cooker by myself.",
    });
    let wish = json!({
        "text": "A dog of my own", "reason": "The tenancy does not allow pets",
        "next_steps": "Ask the landlord in March", "appeal_explained": true,
        "recorded_on": "2026-11-20", "easy_read": "I want a dog of my own.",
    });
    // An action: the person's disagreements are kept as said (tested on their own).
    let decision = json!({
        "kind": "action", "text": "Ask the landlord about a later bedtime rule",
        "who": "Alex, Jordan", "occurred_on": "2026-11-20",
    });
    vec![
        Kind {
            collection: "findings",
            invalid: vec![
                (with(&finding, "text", json!("")), "text"),
                (
                    with(&finding, "easy_read", json!("x".repeat(2001))),
                    "easy_read",
                ),
                (with(&finding, "heading_id", nowhere.clone()), "heading_id"),
                (
                    with(&finding, "source", json!("previous_records")),
                    "with_consent",
                ),
            ],
            change: ("kind", json!("strength")),
            valid: finding,
            deletable: true,
        },
        Kind {
            collection: "strategies",
            invalid: vec![
                (
                    with(&strategy, "responsible_name", json!(" ")),
                    "responsible_name",
                ),
                (with(&strategy, "end_on", json!("2026-01-01")), "end_on"),
                (
                    with(&strategy, "easy_read", json!("x".repeat(2001))),
                    "easy_read",
                ),
                (with(&strategy, "goal_id", nowhere.clone()), "goal_id"),
                (
                    with(&strategy, "responsible", json!("robot")),
                    "responsible",
                ),
            ],
            change: ("frequency", json!("Every Monday and Thursday")),
            valid: strategy,
            deletable: true,
        },
        Kind {
            collection: "risks",
            invalid: vec![
                (with(&risk, "activity", json!("")), "activity"),
                (
                    with(&risk, "easy_read", json!("x".repeat(2001))),
                    "easy_read",
                ),
                (with(&risk, "likelihood", json!("certain")), "likelihood"),
                (with(&risk, "review_on", json!("soon")), "review_on"),
            ],
            change: ("likelihood", json!("medium")),
            valid: risk,
            deletable: true,
        },
        Kind {
            collection: "wishes",
            invalid: vec![
                (with(&wish, "reason", json!("")), "reason"),
                (
                    with(&wish, "easy_read", json!("x".repeat(2001))),
                    "easy_read",
                ),
                (with(&wish, "text", json!("x".repeat(2001))), "text"),
            ],
            change: ("next_steps", json!("Ask the landlord in April")),
            valid: wish,
            deletable: false,
        },
        Kind {
            collection: "decisions",
            invalid: vec![
                (with(&decision, "who", json!("")), "who"),
                (with(&decision, "status", json!("resolved")), "resolution"),
            ],
            change: ("who", json!("Alex, Jordan, Sam")),
            valid: decision,
            deletable: false,
        },
    ]
}

fn status_field(response: Response) -> (StatusCode, String) {
    let status = response.status();
    let body: Value = response.json().unwrap();
    (
        status,
        body["error"]["field"].as_str().unwrap_or("").to_owned(),
    )
}

#[test]
fn every_kind_of_item_is_written_with_if_match_and_named_errors() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let send = |method: Method, path: &str, etag: Option<&str>, body: &Value| {
        app.send_if_match(&jordan, method, path, etag, body)
    };
    let mut wrong = Vec::new();
    for kind in kinds(&plan) {
        let c = kind.collection;
        let collection = format!("/api/v1/persons/{alex}/{c}");
        for (body, field) in &kind.invalid {
            let got = status_field(send(Method::POST, &collection, None, body));
            if got != (StatusCode::UNPROCESSABLE_ENTITY, (*field).to_owned()) {
                wrong.push(format!("{c}: {body} gave {got:?}, want 422 {field}"));
            }
        }
        let created = send(Method::POST, &collection, None, &kind.valid);
        assert_eq!(created.status(), StatusCode::CREATED, "{c}");
        assert_eq!(created.headers()["etag"], "\"v1\"", "{c}");
        let location = created.headers()["location"].to_str().unwrap().to_owned();
        let item: Value = created.json().unwrap();
        assert_eq!(
            location,
            format!("{collection}/{}", item["id"].as_str().unwrap())
        );
        let read: Value = app.get(&jordan, &location).json().unwrap();
        assert_eq!(read, item, "{c}");
        if let Some(said) = kind.valid.get("easy_read") {
            assert_eq!(
                &item["easy_read"], said,
                "{c}: the point in the person's voice"
            );
        }

        let (field, value) = &kind.change;
        let changed_body = with(&kind.valid, field, value.clone());
        assert_eq!(
            send(Method::PUT, &location, None, &changed_body).status(),
            StatusCode::PRECONDITION_REQUIRED,
            "{c}"
        );
        let saved = send(Method::PUT, &location, Some("\"v1\""), &changed_body);
        assert_eq!(saved.status(), StatusCode::OK, "{c}");
        assert_eq!(saved.headers()["etag"], "\"v2\"", "{c}");
        let stale = send(Method::PUT, &location, Some("\"v1\""), &kind.valid);
        assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED, "{c}");
        let body: Value = stale.json().unwrap();
        assert_eq!(
            &body["current"][*field], value,
            "{c}: the 412 carries the current item"
        );
        for (body, field) in &kind.invalid {
            let got = status_field(send(Method::PUT, &location, Some("\"v2\""), body));
            if got != (StatusCode::UNPROCESSABLE_ENTITY, (*field).to_owned()) {
                wrong.push(format!("PUT {c}: {body} gave {got:?}, want 422 {field}"));
            }
        }
        let still: Value = app.get(&jordan, &location).json().unwrap();
        assert_eq!(&still[*field], value, "{c}: refused changes store nothing");

        let deleted = send(Method::DELETE, &location, Some("\"v2\""), &Value::Null);
        if kind.deletable {
            assert_eq!(deleted.status(), StatusCode::NO_CONTENT, "{c}");
            assert_eq!(
                app.get(&jordan, &location).status(),
                StatusCode::NOT_FOUND,
                "{c}"
            );
        } else {
            assert_eq!(
                deleted.status(),
                StatusCode::METHOD_NOT_ALLOWED,
                "{c}: logs are evidence"
            );
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Family and the person read what is shared but never write the staff wording.
    let morgan = app.demo(Role::Family);
    let strategy = format!(
        "/api/v1/persons/{alex}/strategies/{}",
        plan.strategies[0].id
    );
    assert_eq!(app.get(&morgan, &strategy).status(), StatusCode::FORBIDDEN);
    let person = app.demo(Role::Individual);
    assert_eq!(app.get(&person, &strategy).status(), StatusCode::OK);
}

#[test]
fn the_person_writes_in_their_own_words_and_staff_keep_the_profile() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let person = app.demo(Role::Individual);
    let jordan = app.demo(Role::SupportWorker);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let goal = &plan.goals[0];
    let words = format!("/api/v1/persons/{alex}/goals/{}/own-words", goal.id);
    let etag = format!("\"v{}\"", goal.row_version);
    let mine = json!({"own_words": "I want to make my own tea on Fridays"});

    let saved = app.send_if_match(&person, Method::PUT, &words, Some(&etag), &mine);
    assert_eq!(saved.status(), StatusCode::OK);
    let item: Value = saved.json().unwrap();
    assert_eq!(item["own_words"], mine["own_words"]);
    assert_eq!(
        item["text"],
        json!(goal.text),
        "the staff wording is unchanged"
    );
    assert_eq!(
        app.send_if_match(&person, Method::PUT, &words, Some(&etag), &mine)
            .status(),
        StatusCode::PRECONDITION_FAILED,
        "the same old version again is stale"
    );
    let too_long = json!({"own_words": "x".repeat(2001)});
    let next = format!("\"v{}\"", goal.row_version + 1);
    assert_eq!(
        status_field(app.send_if_match(&person, Method::PUT, &words, Some(&next), &too_long)),
        (StatusCode::UNPROCESSABLE_ENTITY, "own_words".to_owned())
    );
    let morgan = app.demo(Role::Family);
    assert_eq!(
        app.send_if_match(&morgan, Method::PUT, &words, Some(&next), &mine)
            .status(),
        StatusCode::FORBIDDEN
    );

    // The profile: staff write it with If-Match; the person adds their own words.
    let profile_path = format!("/api/v1/persons/{alex}/profile");
    let read = app.get(&person, &profile_path);
    let etag = read.headers()["etag"].to_str().unwrap().to_owned();
    let profile: Value = read.json().unwrap();
    let mut change = profile.clone();
    change["how_to_support_me"] = json!("Give me time to answer; do not finish my sentences.");
    let saved = app.send_if_match(&jordan, Method::PUT, &profile_path, Some(&etag), &change);
    assert_eq!(saved.status(), StatusCode::OK);
    let new_etag = saved.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_etag, etag);
    assert_eq!(
        app.send_if_match(
            &person,
            Method::PUT,
            &profile_path,
            Some(&new_etag),
            &change
        )
        .status(),
        StatusCode::FORBIDDEN,
        "the person writes their own words, not the staff wording"
    );
    let about_me = json!({"own_words": "I like buses, my sister Morgan and loud music."});
    let stale = app.send_if_match(
        &person,
        Method::PUT,
        &format!("{profile_path}/own-words"),
        Some(&etag),
        &about_me,
    );
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let body: Value = stale.json().unwrap();
    assert_eq!(
        body["current"]["how_to_support_me"],
        change["how_to_support_me"]
    );
    let saved = app.send_if_match(
        &person,
        Method::PUT,
        &format!("{profile_path}/own-words"),
        Some(&new_etag),
        &about_me,
    );
    assert_eq!(saved.status(), StatusCode::OK);
    let now: Value = app.get(&jordan, &profile_path).json().unwrap();
    assert_eq!(now["own_words"], about_me["own_words"]);
    assert_eq!(now["how_to_support_me"], change["how_to_support_me"]);
}

#[test]
fn not_agreeing_opens_a_disagreement_that_staff_resolve() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let person = app.demo(Role::Individual);
    let jordan = app.demo(Role::SupportWorker);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let risk = &plan.risks[0];
    let opinion = format!("/api/v1/persons/{alex}/risks/{}/opinion", risk.id);

    let agreed = app.post(&person, &opinion, json!({"agrees": true}));
    assert_eq!(agreed.status(), StatusCode::CREATED);
    let agreed: Value = agreed.json().unwrap();
    assert_eq!(agreed["decision_id"], Value::Null);

    let said = json!({"agrees": false, "comment": "I can take the bus on my own now"});
    let response = app.post(&person, &opinion, said);
    assert_eq!(response.status(), StatusCode::CREATED);
    let disagreed: Value = response.json().unwrap();
    let decision_id = disagreed["decision_id"].as_str().unwrap().to_owned();
    let decision_path = format!("/api/v1/persons/{alex}/decisions/{decision_id}");
    let read = app.get(&jordan, &decision_path);
    let etag = read.headers()["etag"].to_str().unwrap().to_owned();
    let decision: Value = read.json().unwrap();
    assert_eq!(decision["kind"], "disagreement");
    assert_eq!(decision["status"], "open");
    assert_eq!(decision["own_words"], "I can take the bus on my own now");
    // The item's words go with it apart, for readers of the risks section only.
    assert_eq!(
        decision["text"],
        "Alex Rivers does not agree with a part of the plan."
    );
    assert_eq!(decision["about"]["section"], "risks");
    assert_eq!(decision["about"]["item_id"], json!(risk.id));
    assert_eq!(decision["about"]["words"], json!(risk.activity));

    // Staff cannot speak for the person here, and resolve the disagreement in the log.
    assert_eq!(
        app.post(&jordan, &opinion, json!({"agrees": true}))
            .status(),
        StatusCode::FORBIDDEN
    );
    // The person's words are never rewritten, by staff nor by changing their own words.
    let mut rewritten = decision.clone();
    rewritten["text"] = json!("Alex agreed in the end");
    assert_eq!(
        status_field(app.send_if_match(
            &jordan,
            Method::PUT,
            &decision_path,
            Some(&etag),
            &rewritten
        )),
        (StatusCode::CONFLICT, String::new())
    );
    assert_eq!(
        app.send_if_match(
            &person,
            Method::PUT,
            &format!("{decision_path}/own-words"),
            Some(&etag),
            &json!({"own_words": "Never mind"})
        )
        .status(),
        StatusCode::CONFLICT
    );
    // How it was resolved is a new entry; the disagreement only turns resolved.
    let resolve = format!("{decision_path}/resolution");
    let today = chrono::Utc::now().date_naive();
    let how = "Agreed to try the bus alone twice a week, with a text on arrival.";
    let body = |resolution: &str, on: chrono::NaiveDate| json!({"resolution": resolution, "who": "Alex, Jordan", "resolved_on": on});
    assert_eq!(
        status_field(app.post(&jordan, &resolve, body(" ", today))),
        (StatusCode::UNPROCESSABLE_ENTITY, "resolution".to_owned())
    );
    assert_eq!(
        status_field(app.post(&jordan, &resolve, body(how, today - chrono::Days::new(1)))),
        (StatusCode::UNPROCESSABLE_ENTITY, "resolved_on".to_owned())
    );
    assert_eq!(
        app.post(&person, &resolve, body(how, today)).status(),
        StatusCode::FORBIDDEN,
        "staff resolve it with the person"
    );
    let made = app.post(&jordan, &resolve, body(how, today));
    assert_eq!(made.status(), StatusCode::CREATED);
    let entry: Value = made.json().unwrap();
    assert_eq!(entry["resolves"], json!(decision_id));
    assert_eq!(entry["text"], how);
    let now: Value = app.get(&jordan, &decision_path).json().unwrap();
    assert_eq!(now["status"], "resolved");
    assert_eq!(now["resolution"], how);
    assert_eq!(now["text"], decision["text"]);
    assert_eq!(now["own_words"], decision["own_words"]);
    assert_eq!(
        app.post(&jordan, &resolve, body(how, today)).status(),
        StatusCode::CONFLICT,
        "resolved once"
    );
    let entry_path = format!(
        "/api/v1/persons/{alex}/decisions/{}",
        entry["id"].as_str().unwrap()
    );
    let entry_etag = format!("\"v{}\"", entry["row_version"]);
    assert_eq!(
        app.send_if_match(&jordan, Method::PUT, &entry_path, Some(&entry_etag), &entry)
            .status(),
        StatusCode::CONFLICT,
        "nor is the resolution changed"
    );

    // The database itself refuses: even the server's own connection cannot rewrite them.
    {
        use diesel::prelude::*;
        use ourplan_backend::db::schema::decisions;
        let mut conn = app.database.connect();
        for id in [decision_id.as_str(), entry["id"].as_str().unwrap()] {
            let rewrite = diesel::update(decisions::table.filter(decisions::id.eq(id)))
                .set(decisions::text.eq("Rewritten"))
                .execute(&mut conn);
            assert!(rewrite.is_err(), "the text of {id} was rewritten");
            let removed =
                diesel::delete(decisions::table.filter(decisions::id.eq(id))).execute(&mut conn);
            assert!(removed.is_err(), "{id} was deleted");
        }
    }
    let too_long = json!({"agrees": false, "comment": "x".repeat(2001)});
    assert_eq!(
        status_field(app.post(&person, &opinion, too_long)),
        (StatusCode::UNPROCESSABLE_ENTITY, "comment".to_owned())
    );
}
