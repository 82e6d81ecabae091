//! Consent and what follows from it, through the API: the person gives,
//! changes and withdraws consent; staff record best-interests decisions; withdrawal takes
//! effect on the family member's very next request; suggestions wait for the person.

use ourplan_shared::consent::{ConsentRecord, PlanSection};
use ourplan_shared::contribution::{ContributionRecord, ContributionStatus};
use ourplan_shared::id::PersonId;
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_tests::{TestApp, demo_email};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

struct Demo {
    app: TestApp,
    alex: PersonId,
}

fn demo() -> Demo {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    Demo { app, alex }
}

fn consents(d: &Demo, client: &reqwest::blocking::Client) -> Vec<ConsentRecord> {
    let response = d
        .app
        .get(client, &format!("/api/v1/persons/{}/consents", d.alex));
    assert_eq!(response.status(), StatusCode::OK);
    response.json().unwrap()
}

fn error_field(response: reqwest::blocking::Response) -> (StatusCode, Value) {
    let status = response.status();
    let body: Value = response.json().unwrap();
    (status, body["error"]["field"].clone())
}

#[test]
fn the_person_withdraws_consent_and_the_family_members_next_request_is_refused() {
    let d = demo();
    let alex = d.app.demo(Role::Individual);
    let morgan = d.app.demo(Role::Family);
    let plan = format!("/api/v1/persons/{}/plan", d.alex);
    assert_eq!(d.app.get(&morgan, &plan).status(), StatusCode::OK);

    let shared = consents(&d, &alex)
        .into_iter()
        .find(|c| c.active && c.consent.party_user_id.is_some())
        .expect("the demo shares Alex's plan with Morgan");
    // Morgan may see parts of the plan but not the consents themselves.
    assert_eq!(
        d.app
            .get(&morgan, &format!("/api/v1/persons/{}/consents", d.alex))
            .status(),
        StatusCode::FORBIDDEN
    );

    let withdraw = format!(
        "/api/v1/persons/{}/consents/{}/withdraw",
        d.alex, shared.consent.id
    );
    let response = d
        .app
        .post(&alex, &withdraw, json!({"reason": "I changed my mind"}));
    assert_eq!(response.status(), StatusCode::OK);
    let withdrawn: ConsentRecord = response.json().unwrap();
    assert!(!withdrawn.active);
    assert_eq!(
        withdrawn.consent.withdrawal_reason.as_deref(),
        Some("I changed my mind")
    );

    // The very next request, with the same still-valid access token.
    assert_eq!(d.app.get(&morgan, &plan).status(), StatusCode::NOT_FOUND);
    // Withdrawn stays withdrawn: never active again.
    assert_eq!(
        d.app.post(&alex, &withdraw, Value::Null).status(),
        StatusCode::CONFLICT
    );
    let history = consents(&d, &alex);
    let old = history
        .iter()
        .find(|c| c.consent.id == shared.consent.id)
        .unwrap();
    assert!(!old.active && old.consent.withdrawn_at.is_some());
}

#[test]
fn the_person_gives_and_changes_consent_and_the_scope_follows() {
    let d = demo();
    let alex = d.app.demo(Role::Individual);
    let morgan = d.app.demo(Role::Family);
    let give = format!("/api/v1/persons/{}/consents", d.alex);
    // Withdraw the demo's consent first, so only the new ones count.
    for c in consents(&d, &alex).into_iter().filter(|c| c.active) {
        let path = format!("{give}/{}/withdraw", c.consent.id);
        assert_eq!(
            d.app.post(&alex, &path, Value::Null).status(),
            StatusCode::OK
        );
    }

    let response = d.app.post(
        &alex,
        &give,
        json!({
            "party_email": demo_email(Role::Family),
            "sections": ["needs"],
            "access_level": "view",
            "basis": "person",
        }),
    );
    assert_eq!(response.status(), StatusCode::CREATED);
    let given: ConsentRecord = response.json().unwrap();
    assert!(given.active);
    assert_eq!(
        given.consent.party_name, "Morgan Rivers",
        "named from the account"
    );
    assert_eq!(given.recorded_by_name.as_deref(), Some("Alex Rivers"));

    let plan = format!("/api/v1/persons/{}/plan", d.alex);
    let seen: PlanDocument = d.app.get(&morgan, &plan).json().unwrap();
    assert!(!seen.findings.is_empty(), "needs are shared now");
    assert!(seen.goals.is_empty(), "goals are not");

    let change = format!("{give}/{}/change", given.consent.id);
    let response = d.app.post(
        &alex,
        &change,
        json!({"sections": ["goals"], "access_level": "comment", "basis": "person"}),
    );
    assert_eq!(response.status(), StatusCode::OK);
    let changed: ConsentRecord = response.json().unwrap();
    assert_ne!(
        changed.consent.id, given.consent.id,
        "a change is a new record"
    );
    assert_eq!(changed.consent.sections, vec![PlanSection::Goals]);
    let history = consents(&d, &alex);
    assert!(
        history
            .iter()
            .any(|c| c.consent.id == given.consent.id && !c.active),
        "the old record stays, withdrawn"
    );
    let seen: PlanDocument = d.app.get(&morgan, &plan).json().unwrap();
    assert!(seen.findings.is_empty() && !seen.goals.is_empty());
    // Changing the old record again is refused: it is no longer in force.
    assert_eq!(
        d.app
            .post(
                &alex,
                &change,
                json!({"sections": ["needs"], "access_level": "view", "basis": "person"})
            )
            .status(),
        StatusCode::CONFLICT
    );
}

#[test]
fn bad_consent_requests_name_the_field_and_only_staff_record_best_interests() {
    let d = demo();
    let alex = d.app.demo(Role::Individual);
    let jordan = d.app.demo(Role::SupportWorker);
    let give = format!("/api/v1/persons/{}/consents", d.alex);
    let base = json!({
        "party_email": demo_email(Role::Family),
        "sections": ["goals"],
        "access_level": "view",
        "basis": "person",
    });
    let with = |changes: Value| {
        let mut body = base.clone();
        for (k, v) in changes.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let cases = [
        (with(json!({"sections": []})), "sections"),
        (with(json!({"expires_on": "2020-01-01"})), "expires_on"),
        (
            with(json!({"party_email": "nobody@demo.ourplan.test"})),
            "party_email",
        ),
        (
            with(json!({"party_email": demo_email(Role::Manager)})),
            "party_email",
        ),
        (with(json!({"basis": "best_interests"})), "basis"),
        (
            with(json!({"party_email": null, "party_name": "  "})),
            "party_name",
        ),
    ];
    for (body, field) in cases {
        let (status, got) = error_field(d.app.post(&alex, &give, body.clone()));
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(got, field, "{body}");
    }
    let (status, field) = error_field(d.app.post(
        &jordan,
        &give,
        with(json!({"basis": "best_interests", "decision_maker": "Priya Sharma (manager)"})),
    ));
    assert_eq!(
        (status, field),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!("best_interests_reason")
        )
    );
    let response = d.app.post(
        &jordan,
        &give,
        with(json!({
            "basis": "best_interests",
            "decision_maker": "Priya Sharma (manager)",
            "best_interests_reason": "Alex cannot decide this now; Morgan helps with appointments.",
        })),
    );
    assert_eq!(response.status(), StatusCode::CREATED);
    let recorded: ConsentRecord = response.json().unwrap();
    assert_eq!(recorded.recorded_by_name.as_deref(), Some("Jordan Bell"));
    // Malformed JSON and a wrong type are 400/422 JSON errors, never 500.
    let response = alex
        .post(d.app.url(&give))
        .header("x-ourplan-csrf", "1")
        .header("content-type", "application/json")
        .body("{\"sections\": 5")
        .send()
        .unwrap();
    assert!(response.status().is_client_error());
}

#[test]
fn family_suggestions_wait_for_the_persons_agreement() {
    let d = demo();
    let alex = d.app.demo(Role::Individual);
    let morgan = d.app.demo(Role::Family);
    let jordan = d.app.demo(Role::SupportWorker);
    let path = format!("/api/v1/persons/{}/contributions", d.alex);
    // The demo consent: profile, goals and progress, at "suggest".
    let response = d.app.post(
        &morgan,
        &path,
        json!({"section": "goals", "kind": "suggestion", "text": "Swimming with me on Sundays?"}),
    );
    assert_eq!(response.status(), StatusCode::CREATED);
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let made: ContributionRecord = response.json().unwrap();
    assert_eq!(made.contribution.status, ContributionStatus::Pending);
    assert_eq!(
        d.app
            .post(
                &morgan,
                &path,
                json!({"section": "needs", "kind": "comment", "text": "Hi"})
            )
            .status(),
        StatusCode::FORBIDDEN,
        "needs are not shared with Morgan"
    );
    let (status, field) = error_field(d.app.post(
        &morgan,
        &path,
        json!({"section": "goals", "kind": "comment", "text": "   "}),
    ));
    assert_eq!(
        (status, field),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("text"))
    );
    assert_eq!(
        d.app
            .post(
                &jordan,
                &path,
                json!({"section": "goals", "kind": "comment", "text": "Hi"})
            )
            .status(),
        StatusCode::FORBIDDEN
    );

    let listed: Vec<ContributionRecord> = d.app.get(&alex, &path).json().unwrap();
    assert!(
        listed
            .iter()
            .any(|c| c.contribution.id == made.contribution.id)
    );
    let own: Vec<ContributionRecord> = d.app.get(&morgan, &path).json().unwrap();
    assert!(own.iter().all(|c| c.author_name == "Morgan Rivers"));

    let decide = format!("{path}/{}/decision", made.contribution.id);
    let agreed = json!({"status": "agreed"});
    assert_eq!(
        d.app.post(&jordan, &decide, agreed.clone()).status(),
        StatusCode::FORBIDDEN,
        "staff cannot agree for the person"
    );
    assert_eq!(
        d.app.post(&alex, &decide, agreed.clone()).status(),
        StatusCode::PRECONDITION_REQUIRED
    );
    let stale = alex
        .post(d.app.url(&decide))
        .header("x-ourplan-csrf", "1")
        .header("if-match", "\"v7\"")
        .json(&agreed)
        .send()
        .unwrap();
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let response = alex
        .post(d.app.url(&decide))
        .header("x-ourplan-csrf", "1")
        .header("if-match", &etag)
        .json(&agreed)
        .send()
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let decided: ContributionRecord = response.json().unwrap();
    assert_eq!(decided.contribution.status, ContributionStatus::Agreed);
    let again = d
        .app
        .send(&alex, Method::POST, &decide, json!({"status": "declined"}));
    assert_eq!(again.status(), StatusCode::PRECONDITION_REQUIRED);
}

/// Issue 22: the highest level among a family member's grants applied to every section they
/// held, so `view` on risks became `suggest` when another consent gave `suggest` on goals.
/// Each section has its own level now.
#[test]
fn a_grants_level_applies_to_its_own_sections_only() {
    let d = demo();
    let alex = d.app.demo(Role::Individual);
    let morgan = d.app.demo(Role::Family);
    // Besides the demo's consent (profile, goals and progress at "suggest"): risks, to view.
    let response = d.app.post(
        &alex,
        &format!("/api/v1/persons/{}/consents", d.alex),
        json!({
            "party_email": demo_email(Role::Family),
            "sections": ["risks"],
            "access_level": "view",
            "basis": "person",
        }),
    );
    assert_eq!(response.status(), StatusCode::CREATED);
    let path = format!("/api/v1/persons/{}/contributions", d.alex);
    let said = |section: &str, kind: &str| {
        d.app
            .post(
                &morgan,
                &path,
                json!({"section": section, "kind": kind, "text": "Could we try this?"}),
            )
            .status()
    };
    assert_eq!(said("risks", "suggestion"), StatusCode::FORBIDDEN);
    assert_eq!(said("risks", "comment"), StatusCode::FORBIDDEN);
    assert_eq!(said("goals", "suggestion"), StatusCode::CREATED);
    // Risks are shared to read all the same.
    let seen: PlanDocument = d
        .app
        .get(&morgan, &format!("/api/v1/persons/{}/plan", d.alex))
        .json()
        .unwrap();
    assert!(!seen.risks.is_empty());
}

#[test]
fn a_consents_last_day_ends_at_midnight_in_the_organisations_calendar() {
    use chrono::{Days, Timelike, Utc};
    let d = demo();
    let alex = d.app.demo(Role::Individual);
    let morgan = d.app.demo(Role::Family);
    let admin = d.app.demo(Role::Admin);
    let give = format!("/api/v1/persons/{}/consents", d.alex);
    for c in consents(&d, &alex).into_iter().filter(|c| c.active) {
        let path = format!("{give}/{}/withdraw", c.consent.id);
        assert_eq!(
            d.app.post(&alex, &path, Value::Null).status(),
            StatusCode::OK
        );
    }
    let set_zone = |zone: &str| {
        let read = d.app.get(&admin, "/api/v1/organisation");
        let etag = read.headers()["etag"].to_str().unwrap().to_owned();
        let changed = d.app.send_if_match(
            &admin,
            Method::PUT,
            "/api/v1/organisation",
            Some(&etag),
            &json!({"review_interval_months": 6, "time_zone": zone}),
        );
        assert_eq!(changed.status(), StatusCode::OK, "{zone}");
    };
    let share_until = |day: chrono::NaiveDate| {
        d.app.post(
            &alex,
            &give,
            json!({"party_email": demo_email(Role::Family), "sections": ["goals"],
                   "access_level": "view", "basis": "person", "expires_on": day}),
        )
    };
    let plan = format!("/api/v1/persons/{}/plan", d.alex);
    let utc_today = Utc::now().date_naive();
    if Utc::now().hour() >= 10 {
        // Shared until today (UTC); then the organisation's calendar is UTC+14, where
        // today is already tomorrow: the last day is over.
        set_zone("UTC");
        assert_eq!(share_until(utc_today).status(), StatusCode::CREATED);
        assert_eq!(d.app.get(&morgan, &plan).status(), StatusCode::OK);
        set_zone("Pacific/Kiritimati");
        assert_eq!(d.app.get(&morgan, &plan).status(), StatusCode::NOT_FOUND);
        assert!(consents(&d, &alex).iter().all(|c| !c.active));
    } else {
        // In a calendar at UTC−11 it is still yesterday (UTC): sharing until then is
        // sharing until today, and the family member reads the plan.
        set_zone("Pacific/Pago_Pago");
        let yesterday = utc_today - Days::new(1);
        assert_eq!(share_until(yesterday).status(), StatusCode::CREATED);
        assert_eq!(d.app.get(&morgan, &plan).status(), StatusCode::OK);
        assert!(consents(&d, &alex).iter().any(|c| c.active));
    }
}

#[test]
fn staff_write_down_a_persons_consent_with_a_witness_and_only_the_person_widens_it() {
    let d = demo();
    let alex = d.app.demo(Role::Individual);
    let jordan = d.app.demo(Role::SupportWorker);
    let give = format!("/api/v1/persons/{}/consents", d.alex);
    let base = json!({"party_name": "Casey Hill (neighbour)", "sections": ["goals", "progress"],
                      "access_level": "comment", "basis": "person"});
    let with = |changes: Value| {
        let mut body = base.clone();
        for (k, v) in changes.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    // Staff say how Alex gave it and who else saw it, and that is not themselves.
    for (body, field) in [
        (base.clone(), "given_how"),
        (with(json!({"given_how": "spoken"})), "witness"),
        (
            with(json!({"given_how": "spoken", "witness": "jordan bell"})),
            "witness",
        ),
    ] {
        let (status, got) = error_field(d.app.post(&jordan, &give, body.clone()));
        assert_eq!(
            (status, got),
            (StatusCode::UNPROCESSABLE_ENTITY, json!(field)),
            "{body}"
        );
    }
    let unknown = with(json!({"given_how": "shouted", "witness": "Morgan Rivers"}));
    assert!(
        d.app
            .post(&jordan, &give, unknown)
            .status()
            .is_client_error()
    );
    let response = d.app.post(
        &jordan,
        &give,
        with(json!({"given_how": "with_advocate", "witness": "Dev Patel (advocate)"})),
    );
    assert_eq!(response.status(), StatusCode::CREATED);
    let written: ConsentRecord = response.json().unwrap();
    assert_eq!(
        written.consent.given_how,
        Some(ourplan_shared::consent::ConsentGivenHow::WithAdvocate)
    );
    assert_eq!(
        written.consent.witness.as_deref(),
        Some("Dev Patel (advocate)")
    );

    // Alex sees it, with who wrote it down and who saw it.
    let seen = consents(&d, &alex)
        .into_iter()
        .find(|c| c.consent.id == written.consent.id)
        .unwrap();
    assert_eq!(seen.recorded_by_name.as_deref(), Some("Jordan Bell"));
    assert_eq!(seen.consent.witness, written.consent.witness);

    // Staff may narrow it, never widen it; Alex may do either.
    let change = |client, id: &ourplan_shared::id::ConsentId, sections: Value| {
        d.app.post(
            client,
            &format!("{give}/{id}/change"),
            json!({"sections": sections, "access_level": "comment", "basis": "person"}),
        )
    };
    let wider = change(
        &jordan,
        &written.consent.id,
        json!(["goals", "progress", "risks"]),
    );
    assert_eq!(wider.status(), StatusCode::FORBIDDEN);
    let narrower = change(&jordan, &written.consent.id, json!(["goals"]));
    assert_eq!(narrower.status(), StatusCode::OK);
    let narrower: ConsentRecord = narrower.json().unwrap();
    let widened = change(&alex, &narrower.consent.id, json!(["goals", "risks"]));
    assert_eq!(widened.status(), StatusCode::OK);

    // And Alex can stop it.
    let widened: ConsentRecord = widened.json().unwrap();
    let stopped = d.app.post(
        &alex,
        &format!("{give}/{}/withdraw", widened.consent.id),
        json!({"reason": "Not now"}),
    );
    assert_eq!(stopped.status(), StatusCode::OK);
}
