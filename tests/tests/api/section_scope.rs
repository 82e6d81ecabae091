//! A family member sees only the sections the person shared, including through every
//! view that mixes sections: the decisions log naming an item the person disagreed with, a
//! review's per-goal progress, the PDFs, notifications and the FHIR export. A word planted in
//! each section is looked for in every response and PDF a family member can reach, with one
//! section shared at a time.

use ourplan_backend::api::endpoints;
use ourplan_shared::consent::{ConsentRecord, PlanSection};
use ourplan_shared::id::PersonId;
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::review::Review;
use ourplan_shared::role::Role;
use ourplan_tests::pdf::PdfFile;
use ourplan_tests::{TestApp, demo_email};
use reqwest::blocking::Client;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// The word planted in a section, unlike any word the demo uses.
fn sentinel(section: PlanSection) -> String {
    format!("Zqx{}", section.key().replace('_', ""))
}

/// Planted in a review's progress on a goal: it belongs to goals and progress together, so no
/// single section shows it.
const GOAL_PROGRESS: &str = "Zqxgoalprogress";

/// What was planted, by the ids the paths need.
struct Planted {
    alex: PersonId,
    items: Vec<(&'static str, String)>,
    goal: String,
    review: String,
}

fn created_id(response: reqwest::blocking::Response) -> String {
    assert!(
        response.status().is_success(),
        "planting: {}",
        response.status()
    );
    let body: Value = response.json().unwrap();
    body["id"].as_str().unwrap().to_owned()
}

fn plant(app: &TestApp) -> Planted {
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let person = app.demo(Role::Individual);
    let morgan = app.demo(Role::Family);
    let at = |path: &str| format!("/api/v1/persons/{alex}/{path}");
    let plan: PlanDocument = app.get(&jordan, &at("plan")).json().unwrap();

    let profile = app.send_if_match(
        &jordan,
        Method::PUT,
        &at("profile"),
        Some(&format!("\"v{}\"", plan.profile.row_version)),
        &json!({"important_to_me": format!("My {}", sentinel(PlanSection::Profile))}),
    );
    assert_eq!(profile.status(), StatusCode::OK);
    let finding = created_id(app.post(
        &jordan,
        &at("findings"),
        json!({"heading_id": plan.headings[0].id, "kind": "need", "source": "individual",
               "text": format!("Needs {}", sentinel(PlanSection::Needs))}),
    ));
    let goal = created_id(app.post(
        &jordan,
        &at("goals"),
        json!({"term": "short", "text": format!("Learn {}", sentinel(PlanSection::Goals)),
               "measure": "Times a week", "target": "Twice a week",
               "start_on": "2026-12-01", "due_on": "2027-06-01", "addresses": [finding]}),
    ));
    let strategy = created_id(app.post(
        &jordan,
        &at("strategies"),
        json!({"goal_id": goal, "text": format!("Practise {}", sentinel(PlanSection::Strategies)),
               "responsible": "staff", "responsible_name": "Jordan", "frequency": "Weekly",
               "start_on": "2026-12-01", "end_on": "2027-06-01",
               "least_intrusive_reason": "Alex leads"}),
    ));
    let risk = created_id(app.post(
        &jordan,
        &at("risks"),
        json!({"activity": format!("Crossing {}", sentinel(PlanSection::Risks)),
               "hazards": "Traffic", "likelihood": "low", "impact": "medium",
               "persons_choice": "Alex wants to go alone", "safety_measures": "A phone call",
               "review_on": "2027-03-01"}),
    ));
    let wish = created_id(app.post(
        &jordan,
        &at("wishes"),
        json!({"text": format!("A {}", sentinel(PlanSection::WishesNotMet)),
               "reason": "Not yet", "next_steps": "Ask in March", "appeal_explained": true,
               "recorded_on": "2026-11-20"}),
    ));
    created_id(app.post(
        &jordan,
        &at("decisions"),
        json!({"kind": "decision", "text": format!("Agreed {}", sentinel(PlanSection::Decisions)),
               "who": "Alex, Jordan", "occurred_on": "2026-11-20"}),
    ));
    // Alex does not agree with the risk plan nor the goal: each opens a disagreement.
    let mut disagreements = Vec::new();
    for (collection, id) in [("risks", &risk), ("goals", &goal)] {
        let said = app.post(
            &person,
            &at(&format!("{collection}/{id}/opinion")),
            json!({"agrees": false}),
        );
        assert_eq!(said.status(), StatusCode::CREATED);
        let said: Value = said.json().unwrap();
        disagreements.push(said["decision_id"].as_str().unwrap().to_owned());
    }
    let note = app.post(
        &jordan,
        &at(&format!("goals/{goal}/progress")),
        json!({"recorded_on": chrono::Utc::now().date_naive(), "measure_value": "2",
               "progress": format!("Did {}", sentinel(PlanSection::Progress))}),
    );
    assert_eq!(note.status(), StatusCode::CREATED);

    let started = app.post(&jordan, &at("reviews"), json!({}));
    assert!(
        started.status().is_success(),
        "a review: {}",
        started.status()
    );
    let review: Review = started.json().unwrap();
    let part_one = app.send_if_match(
        &jordan,
        Method::PUT,
        &at(&format!("reviews/{}/part-one", review.id)),
        Some(&format!("\"v{}\"", review.row_version)),
        &json!({"what_is_working": format!("Going {}", sentinel(PlanSection::Reviews)),
                "what_is_not_working": "", "persons_views": "Fine", "proposed_changes": "",
                "goal_progress": [{"goal_id": goal, "progress": GOAL_PROGRESS}]}),
    );
    assert_eq!(part_one.status(), StatusCode::OK);

    // Morgan (the demo's consent: goals at "suggest") suggests something about the goal and
    // Alex declines it, so Morgan is told about it.
    let suggested = app.post(
        &morgan,
        &at("contributions"),
        json!({"section": "goals", "item_id": goal, "kind": "suggestion", "text": "Swim?"}),
    );
    assert_eq!(suggested.status(), StatusCode::CREATED);
    let etag = suggested.headers()["etag"].to_str().unwrap().to_owned();
    let suggestion: Value = suggested.json().unwrap();
    let decided = app.send_if_match(
        &person,
        Method::POST,
        &at(&format!(
            "contributions/{}/decision",
            suggestion["contribution"]["id"].as_str().unwrap()
        )),
        Some(&etag),
        &json!({"status": "declined"}),
    );
    assert_eq!(decided.status(), StatusCode::OK);

    let mut items = vec![
        ("findings", finding),
        ("goals", goal.clone()),
        ("strategies", strategy),
        ("risks", risk),
        ("wishes", wish),
    ];
    items.extend(disagreements.into_iter().map(|d| ("decisions", d)));
    Planted {
        alex,
        items,
        goal,
        review: review.id.to_string(),
    }
}

/// Every path a family member could ask for, from the server's own route table: each GET with
/// its placeholders filled from what was planted (paths naming other things are skipped).
fn reachable_paths(planted: &Planted) -> Vec<String> {
    let mut paths = Vec::new();
    for endpoint in endpoints() {
        if endpoint.method != actix_web::http::Method::GET {
            continue;
        }
        let path = endpoint
            .path
            .replace("{person_id}", &planted.alex.to_string())
            .replace("{goal_id}", &planted.goal)
            .replace("{review_id}", &planted.review)
            .replace("{number}", "1");
        if path.contains("{item_id}") {
            for (collection, id) in &planted.items {
                if path.contains(&format!("/{collection}/")) {
                    paths.push(format!("/api/v1{}", path.replace("{item_id}", id)));
                }
            }
        } else if !path.contains('{') {
            paths.push(format!("/api/v1{path}"));
        }
    }
    let plan_pdf = format!("/api/v1/persons/{}/plan.pdf", planted.alex);
    paths.push(format!("{plan_pdf}?layout=easy-read"));
    paths
}

/// What the reader gets: a PDF's text, or the body as it is.
fn read(app: &TestApp, client: &Client, path: &str) -> String {
    let response = app.get(client, path);
    let is_pdf = response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.as_bytes().starts_with(b"application/pdf"));
    let bytes = response.bytes().unwrap();
    if is_pdf {
        PdfFile::new(&bytes).text()
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// Shares exactly `section` with Morgan: every earlier consent to Morgan withdrawn first.
fn share_only(app: &TestApp, person: &Client, alex: PersonId, section: PlanSection) {
    let consents = format!("/api/v1/persons/{alex}/consents");
    let morgan = demo_email(Role::Family);
    let records: Vec<ConsentRecord> = app.get(person, &consents).json().unwrap();
    for record in records.iter().filter(|r| r.active) {
        let withdraw = format!("{consents}/{}/withdraw", record.consent.id);
        let response = app.post(person, &withdraw, json!({"reason": "One part at a time"}));
        assert_eq!(response.status(), StatusCode::OK);
    }
    let given = app.post(
        person,
        &consents,
        json!({"party_email": morgan, "sections": [section], "access_level": "suggest",
               "basis": "person"}),
    );
    assert_eq!(given.status(), StatusCode::CREATED, "sharing {section:?}");
}

#[test]
fn each_section_shared_alone_shows_no_other_sections_words_anywhere() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let planted = plant(&app);
    let person = app.demo(Role::Individual);
    let morgan = app.demo(Role::Family);
    let paths = reachable_paths(&planted);

    let mut leaks = Vec::new();
    for &section in PlanSection::ALL {
        share_only(&app, &person, planted.alex, section);
        let mut seen_own = false;
        for path in &paths {
            let body = read(&app, &morgan, path);
            seen_own |= body.contains(&sentinel(section));
            let others = PlanSection::ALL
                .iter()
                .filter(|s| **s != section)
                .map(|s| sentinel(*s))
                .chain([GOAL_PROGRESS.to_owned()]);
            for word in others.filter(|w| body.contains(w.as_str())) {
                leaks.push(format!("{section:?} alone: {path} shows {word}"));
            }
        }
        assert!(seen_own, "{section:?} shared, yet its own word is nowhere");
    }
    assert!(
        leaks.is_empty(),
        "words outside the shared section:\n{}",
        leaks.join("\n")
    );
}
