//! The care-standard evidence report: for the seeded draft plan it lists
//! exactly the criteria its data lacks, and a criterion leaves the list when the record that
//! evidences it is written; the seeded agreed and reviewed plan lacks none; the manager sees
//! the same counted across their plans. For the team only.

use chrono::{Days, Utc};
use ourplan_shared::evidence::{EvidenceCounts, EvidenceReport, EvidenceState};
use ourplan_shared::organisation::PersonSummary;
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use reqwest::StatusCode;
use serde_json::json;

#[test]
fn the_draft_plan_lists_exactly_what_its_records_lack() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let jordan = app.demo(Role::SupportWorker);
    let people: Vec<PersonSummary> = app.get(&jordan, "/api/v1/persons").json().unwrap();
    let beata = people
        .iter()
        .find(|p| p.full_name == "Beata Wiśniewska")
        .unwrap()
        .id
        .to_string();
    let path = format!("/api/v1/persons/{beata}/plan/evidence");
    let report: EvidenceReport = app.get(&jordan, &path).json().unwrap();
    assert_eq!(report.criteria.len(), 38 + 7);
    // Beata's draft: no risk plan, no decision logged, not agreed or signed, no progress,
    // no feedback; the reviews and the 28 days are not due yet.
    assert_eq!(
        report.codes_in(EvidenceState::Missing),
        [
            "P9",
            "P10",
            "P13",
            "P15",
            "P17",
            "P22",
            "P24",
            "P27",
            "P28",
            "P29",
            "Signatures"
        ]
    );
    assert_eq!(
        report.codes_in(EvidenceState::OutsideRecords),
        ["P4", "P12"]
    );
    assert!(
        report
            .codes_in(EvidenceState::NotYet)
            .contains(&"28-day plan")
    );
    // Evidence links to where it is: P3's are the goals.
    let p3 = report.criteria.iter().find(|c| c.code == "P3").unwrap();
    assert_eq!(p3.evidence.len(), 2);
    assert!(
        p3.evidence
            .iter()
            .all(|e| e.item.as_ref().unwrap().collection == "goals")
    );

    // A risk plan with the person's choice and a review date evidences P9, P10 and P22.
    let review_on = Utc::now()
        .date_naive()
        .checked_add_days(Days::new(60))
        .unwrap();
    let added = app.post(
        &jordan,
        &format!("/api/v1/persons/{beata}/risks"),
        json!({
            "activity": "Going to choir by bus on her own",
            "hazards": "Missing the last bus home",
            "likelihood": "low", "impact": "medium",
            "persons_choice": "Beata wants to go on her own",
            "safety_measures": "Bus times on her phone and a taxi number she can call",
            "review_on": review_on.to_string(),
        }),
    );
    assert_eq!(added.status(), StatusCode::CREATED, "{:?}", added.text());
    let report: EvidenceReport = app.get(&jordan, &path).json().unwrap();
    assert_eq!(
        report.codes_in(EvidenceState::Missing),
        [
            "P13",
            "P15",
            "P17",
            "P24",
            "P27",
            "P28",
            "P29",
            "Signatures"
        ]
    );

    // The seeded agreed plan, reviewed on time, lacks nothing the records can show.
    let alex = app.demo_person();
    let report: EvidenceReport = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan/evidence"))
        .json()
        .unwrap();
    assert!(
        report.codes_in(EvidenceState::Missing).is_empty(),
        "{:?}",
        report.codes_in(EvidenceState::Missing)
    );

    // Across the manager's plans: Alex's lacks nothing, Beata's lacks what it lacked above.
    let priya = app.demo(Role::Manager);
    let counts: EvidenceCounts = app
        .get(&priya, "/api/v1/review-programme/evidence")
        .json()
        .unwrap();
    assert_eq!(counts.plans, 2);
    let count = |code: &str| counts.criteria.iter().find(|c| c.code == code).unwrap();
    assert_eq!((count("P3").evidenced, count("P3").missing), (2, 0));
    assert_eq!((count("P13").evidenced, count("P13").missing), (1, 1));
    assert_eq!(count("P4").outside_records, 2);
    assert_eq!(
        counts.criteria.iter().map(|c| c.missing).sum::<usize>(),
        8,
        "Beata's eight"
    );

    // For the team: the person and family are refused.
    for role in [Role::Individual, Role::Family] {
        let client = app.demo(role);
        let status = app
            .get(&client, &format!("/api/v1/persons/{alex}/plan/evidence"))
            .status();
        assert_eq!(status, StatusCode::FORBIDDEN, "{role:?}");
    }
}
