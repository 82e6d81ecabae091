//! The plan's data model on the database under test (SQLite, or PostgreSQL in the second run):
//! a whole plan round-trips through the API unchanged, stale updates are refused, constraint
//! violations are typed errors, loading costs a fixed number of queries.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{Days, Utc};
use diesel::Connection;
use diesel::connection::{Instrumentation, InstrumentationEvent};
use ourplan_backend::db::DbConnection;
use ourplan_backend::db::model::consent::ConsentRow;
use ourplan_backend::db::model::goal::{GoalChanges, GoalRow, update as update_goal};
use ourplan_backend::db::model::needs_heading::NeedsHeadingRow;
use ourplan_backend::db::model::organisation::OrganisationRow;
use ourplan_backend::db::model::plan::PlanRow;
use ourplan_backend::db::model::plan_document::{self, QUERIES_PER_PLAN};
use ourplan_backend::db::model::profile::{ProfileChanges, update as update_profile};
use ourplan_backend::db::model::team::{TeamMemberRow, TeamPersonRow, TeamRow};
use ourplan_backend::db::model::user::UserRow;
use ourplan_backend::db::model::{UpdateOutcome, now};
use ourplan_backend::demo::{self, plan};
use ourplan_backend::error::AppError;
use ourplan_backend::password;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::{GoalId, OrganisationId, PersonId, TeamId, UserId};
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_shared::validation::Validate;
use ourplan_tests::{TestApp, TestDatabase};
use reqwest::StatusCode;
use uuid::Uuid;

/// A fresh organisation with the default headings and one fictional plan in it.
fn seeded_plan(conn: &mut DbConnection, draft: bool) -> PlanDocument {
    let organisation_id: OrganisationId = Uuid::now_v7().into();
    OrganisationRow {
        id: organisation_id,
        name: "Test organisation (fictional)".to_owned(),
        review_interval_months: 6,
        created_at: now(),
        time_zone: "Europe/London".to_owned(),
        row_version: 1,
        retention_years: 8,
    }
    .insert(conn)
    .unwrap();
    let headings = NeedsHeadingRow::defaults(organisation_id);
    NeedsHeadingRow::insert_all(conn, &headings).unwrap();
    let headings: Vec<_> = headings
        .into_iter()
        .map(|h| h.into_wire().unwrap())
        .collect();
    let cast = plan::Cast {
        organisation_id,
        headings: &headings,
        key_worker: (UserId(Uuid::now_v7()), "Jordan Bell"),
        manager: (UserId(Uuid::now_v7()), "Priya Sharma"),
        family: None,
        individual_user: None,
    };
    // Staff ids must exist for the foreign keys: the users are inserted by the demo seeding in
    // other tests; here the plan is written by people without accounts.
    let mut document = plan::build(
        &cast,
        &plan::PersonSpec {
            full_name: "Nia Ffion Hughes",
            preferred_name: "Nia",
            family_name: "Gwen Hughes",
            days_supported: 190,
            draft,
        },
        Utc::now().date_naive(),
    );
    strip_user_links(&mut document);
    conn.transaction(|conn| plan_document::insert_all(conn, std::slice::from_ref(&document)))
        .unwrap();
    document
}

/// The cast's staff have no user rows in these tests, so their ids are left out.
fn strip_user_links(doc: &mut PlanDocument) {
    for d in &mut doc.decisions {
        d.recorded_by = None;
    }
    for v in &mut doc.versions {
        v.agreed_by = None;
    }
    for s in &mut doc.signatures {
        s.signer_user_id = None;
    }
    for n in &mut doc.progress_notes {
        n.recorded_by = None;
    }
    for r in &mut doc.reviews {
        if let Some(p) = &mut r.part_one {
            p.completed_by = None;
        }
        if let Some(p) = &mut r.part_two {
            p.completed_by = None;
        }
    }
    for f in &mut doc.feedback {
        f.responded_by = None;
    }
    for c in &mut doc.consents {
        c.recorded_by = None;
    }
}

#[test]
fn the_demo_plan_is_complete_and_seeded_once() {
    let database = TestDatabase::create();
    let mut conn = database.migrated();
    assert!(demo::seed_if_empty(&mut conn).unwrap());
    assert!(
        !demo::seed_if_empty(&mut conn).unwrap(),
        "seeds an empty database only"
    );

    let alex = ourplan_backend::db::model::user::UserRow::find_by_email(
        &mut conn,
        "alex.rivers@demo.ourplan.test",
    )
    .unwrap()
    .unwrap();
    let person_id = alex.person_id.unwrap();
    let doc = plan_document::load(&mut conn, person_id).unwrap().unwrap();
    assert_eq!(doc.person.full_name, "Alex Rivers");
    let headings_with_findings = doc
        .headings
        .iter()
        .filter(|h| doc.findings.iter().any(|f| f.heading_id == h.id))
        .count();
    assert_eq!(headings_with_findings, 14, "every heading filled in");
    assert_eq!(doc.goals.len(), 6);
    assert_eq!(doc.strategies.len(), 12);
    assert_eq!(doc.risks.len(), 2);
    assert!(
        doc.progress_notes.len() >= 30,
        "{} notes",
        doc.progress_notes.len()
    );
    let first = doc.progress_notes.first().unwrap().recorded_on;
    let last = doc.progress_notes.last().unwrap().recorded_on;
    assert!(
        last - first >= chrono::Duration::days(120),
        "notes span months"
    );
    assert_eq!(doc.reviews.len(), 1);
    assert_eq!(doc.versions.len(), 2);
    assert_eq!(doc.consents.len(), 2);
    assert_eq!(doc.access_grants.len(), 1);
    assert_eq!(doc.team.len(), 2);
    assert!(doc.team[0].key_worker);
    for goal in &doc.goals {
        assert_eq!(
            goal.problems(),
            vec![],
            "demo goal {:?} is SMART",
            goal.text
        );
    }
    for strategy in &doc.strategies {
        assert_eq!(strategy.problems(), vec![]);
    }
    for consent in &doc.consents {
        assert_eq!(consent.problems(), vec![]);
    }
}

/// A support worker on a team that supports the plan's person; returns their email.
fn team_member(conn: &mut DbConnection, document: &PlanDocument) -> String {
    let at = now();
    let user_id = UserId(Uuid::now_v7());
    let email = format!("worker.{}@test.ourplan.test", &user_id.to_string()[..8]);
    UserRow::insert_all(
        conn,
        &[UserRow {
            id: user_id,
            organisation_id: document.person.organisation_id,
            email: email.clone(),
            display_name: "Ceri Morgan".to_owned(),
            role: Role::SupportWorker,
            person_id: None,
            password_hash: Some(password::hash(PASSWORD).unwrap()),
            created_at: at,
            disabled_at: None,
        }],
    )
    .unwrap();
    let team_id: TeamId = Uuid::now_v7().into();
    TeamRow::insert_all(
        conn,
        &[TeamRow {
            id: team_id,
            organisation_id: document.person.organisation_id,
            name: format!("Team {}", &team_id.to_string()[..8]),
            created_at: at,
        }],
    )
    .unwrap();
    TeamMemberRow::insert_all(conn, &[TeamMemberRow { team_id, user_id }]).unwrap();
    TeamPersonRow::insert_all(
        conn,
        &[TeamPersonRow {
            team_id,
            person_id: document.person.id,
            key_worker_user_id: Some(user_id),
        }],
    )
    .unwrap();
    email
}

const PASSWORD: &str = "a fictional password for tests";

#[test]
fn a_full_plan_round_trips_through_the_api_unchanged() {
    let database = TestDatabase::create();
    let mut conn = database.migrated();
    let mut document = seeded_plan(&mut conn, false);
    let email = team_member(&mut conn, &document);
    document.team = plan_document::load(&mut conn, document.person.id)
        .unwrap()
        .unwrap()
        .team;
    assert_eq!(document.team.len(), 1);
    let person = document.person.id;
    let app = TestApp::start_on(database, &[]);
    let client = app.signed_in(&email, PASSWORD);
    let response = client
        .get(app.url(&format!("/api/v1/persons/{person}/plan")))
        .send()
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let mut served: serde_json::Value = response.json().unwrap();
    // The server adds when the next review is due; the rest is the stored plan as it was.
    let next_review = served.as_object_mut().unwrap().remove("next_review");
    assert!(next_review.is_some_and(|due| due["due_on"].is_string()));
    assert_eq!(served, serde_json::to_value(&document).unwrap());

    let unknown = client
        .get(app.url(&format!("/api/v1/persons/{}/plan", Uuid::now_v7())))
        .send()
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let not_an_id = client
        .get(app.url("/api/v1/persons/42/plan"))
        .send()
        .unwrap();
    assert_eq!(not_an_id.status(), StatusCode::NOT_FOUND);
}

#[test]
fn plan_reads_need_a_signed_in_user() {
    let database = TestDatabase::create();
    let document = seeded_plan(&mut database.migrated(), false);
    let app = TestApp::start_on(database, &[]);
    let response = app
        .client()
        .get(app.url(&format!("/api/v1/persons/{}/plan", document.person.id)))
        .send()
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[test]
fn a_stale_update_is_refused_and_changes_nothing() {
    let database = TestDatabase::create();
    let mut conn = database.migrated();
    let document = seeded_plan(&mut conn, false);
    let goal = &document.goals[0];
    let id = goal.id;

    let mut mine = goal.clone();
    mine.text = "Catch the 42 bus and the 17 bus on my own".to_owned();
    let outcome = update_goal(&mut conn, id, 1, &GoalChanges::from_wire(&mine)).unwrap();
    assert_eq!(outcome, UpdateOutcome::Updated { row_version: 2 });

    let mut theirs = goal.clone();
    theirs.text = "Something else entirely".to_owned();
    let outcome = update_goal(&mut conn, id, 1, &GoalChanges::from_wire(&theirs)).unwrap();
    assert_eq!(outcome, UpdateOutcome::Conflict { current_version: 2 });

    let stored = GoalRow::find(&mut conn, id).unwrap().unwrap();
    assert_eq!(stored.text, mine.text);
    assert_eq!(stored.row_version, 2);

    let missing = GoalId(Uuid::now_v7());
    let outcome = update_goal(&mut conn, missing, 1, &GoalChanges::from_wire(&mine)).unwrap();
    assert_eq!(outcome, UpdateOutcome::NotFound);

    // The profile is keyed by its plan; the same rule holds.
    let plan_id = document.plan.id;
    let mut profile = document.profile.clone();
    profile.aspirations = "A job in a café and a trip to Tenby".to_owned();
    let changes = ProfileChanges::from_wire(&profile);
    assert_eq!(
        update_profile(&mut conn, plan_id, 1, &changes).unwrap(),
        UpdateOutcome::Updated { row_version: 2 }
    );
    assert_eq!(
        update_profile(&mut conn, plan_id, 1, &changes).unwrap(),
        UpdateOutcome::Conflict { current_version: 2 }
    );
}

fn code_of(result: diesel::QueryResult<usize>) -> ErrorCode {
    AppError::from(result.expect_err("the database refused it")).code()
}

#[test]
fn each_constraint_violation_is_a_typed_error() {
    let database = TestDatabase::create();
    let mut conn = database.migrated();
    let document = seeded_plan(&mut conn, false);
    let goal = GoalRow::find(&mut conn, document.goals[0].id)
        .unwrap()
        .unwrap();

    // CHECK: a goal due before it starts.
    let mut backwards = goal.clone();
    backwards.id = Uuid::now_v7().into();
    backwards.due_on = backwards.start_on - Days::new(1);
    assert_eq!(
        code_of(GoalRow::insert_all(&mut conn, &[backwards])),
        ErrorCode::Invalid
    );

    // FOREIGN KEY: a goal on a plan that does not exist.
    let mut orphan = goal.clone();
    orphan.id = Uuid::now_v7().into();
    orphan.plan_id = Uuid::now_v7().into();
    assert_eq!(
        code_of(GoalRow::insert_all(&mut conn, &[orphan])),
        ErrorCode::Invalid
    );

    // UNIQUE: the same goal twice, and a second plan for the same person.
    assert_eq!(
        code_of(GoalRow::insert_all(&mut conn, &[goal])),
        ErrorCode::Conflict
    );
    let plan = PlanRow::for_person(&mut conn, document.person.id)
        .unwrap()
        .unwrap();
    let second = PlanRow {
        id: Uuid::now_v7().into(),
        ..plan
    };
    assert_eq!(
        code_of(PlanRow::insert_all(&mut conn, &[second])),
        ErrorCode::Conflict
    );

    // Evidence cannot change: a consent record beyond its withdrawal.
    let consent = document.consents[0].id;
    assert!(
        ConsentRow::withdraw(&mut conn, consent, None, Some("Changed my mind"), now()).unwrap()
    );
    assert!(!ConsentRow::withdraw(&mut conn, consent, None, None, now()).unwrap());
    let result = {
        use diesel::prelude::*;
        use ourplan_backend::db::schema::consents;
        diesel::update(consents::table.filter(consents::id.eq(&consent)))
            .set(consents::party_name.eq("Someone else"))
            .execute(&mut conn)
    };
    assert_eq!(code_of(result), ErrorCode::Conflict);
    let reloaded = ConsentRow::for_person(&mut conn, document.person.id).unwrap();
    assert!(reloaded.iter().all(|c| c.party_name != "Someone else"));
}

/// Counts the statements a connection runs.
struct QueryCounter(Arc<AtomicUsize>);

impl Instrumentation for QueryCounter {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if matches!(event, InstrumentationEvent::StartQuery { .. }) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
}

#[test]
fn loading_a_plan_takes_the_same_queries_however_big_it_is() {
    let database = TestDatabase::create();
    let mut conn = database.migrated();
    let small = seeded_plan(&mut conn, true);
    let large = seeded_plan(&mut conn, false);
    assert!(large.goals.len() > small.goals.len());

    let counted = |conn: &mut DbConnection, person: PersonId| {
        let count = Arc::new(AtomicUsize::new(0));
        conn.set_instrumentation(QueryCounter(count.clone()));
        let doc = plan_document::load(conn, person).unwrap().unwrap();
        conn.set_instrumentation(QueryCounter(Arc::new(AtomicUsize::new(0))));
        (doc, count.load(Ordering::SeqCst))
    };
    let (small_doc, small_queries) = counted(&mut conn, small.person.id);
    let (large_doc, large_queries) = counted(&mut conn, large.person.id);
    assert_eq!(small_doc.goals.len(), 2);
    assert_eq!(large_doc.goals.len(), 6);
    assert_eq!(small_queries, large_queries);
    // The data queries plus the transaction's own statements (begin, commit, and on
    // PostgreSQL the isolation level).
    assert!(
        (QUERIES_PER_PLAN..=QUERIES_PER_PLAN + 3).contains(&large_queries),
        "{large_queries} statements"
    );
    println!("loading a whole plan ran {large_queries} statements");
}

#[test]
fn an_organisation_renames_and_adds_needs_headings_without_code() {
    let database = TestDatabase::create();
    let mut conn = database.migrated();
    let document = seeded_plan(&mut conn, false);
    let heading = &document.headings[7];
    assert_eq!(heading.key, "money");
    let outcome = NeedsHeadingRow::rename(&mut conn, heading.id, 1, "Money and benefits").unwrap();
    assert_eq!(outcome, UpdateOutcome::Updated { row_version: 2 });
    let added = NeedsHeadingRow {
        id: Uuid::now_v7().into(),
        organisation_id: document.person.organisation_id,
        key: "pets".to_owned(),
        label: "Pets".to_owned(),
        position: 14,
        archived: false,
        row_version: 1,
    };
    NeedsHeadingRow::insert_all(&mut conn, &[added]).unwrap();
    let doc = plan_document::load(&mut conn, document.person.id)
        .unwrap()
        .unwrap();
    assert_eq!(doc.headings.len(), 15);
    assert_eq!(doc.headings[7].label, "Money and benefits");
    assert_eq!(doc.headings[7].key, "money", "the key never changes");
    assert_eq!(doc.headings[14].key, "pets");
}
