//! Who may read whose plan, decided from the database on every request: role, team, and the
//! person's active consent. Out of reach answers 404, like a missing plan.

use chrono::{Days, Duration, Utc};
use diesel::prelude::*;
use ourplan_backend::db::model::access_grant::AccessGrantRow;
use ourplan_backend::db::model::consent::ConsentRow;
use ourplan_backend::db::model::user::UserRow;
use ourplan_backend::db::model::{naive, now};
use ourplan_backend::db::schema::{access_grants, audit_events, persons};
use ourplan_backend::demo;
use ourplan_shared::consent::{AccessLevel, ConsentBasis, ConsentPurpose, PlanSection};
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::id::PersonId;
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use ourplan_tests::demo_email as email;
use reqwest::StatusCode;
use reqwest::blocking::Client;
use uuid::Uuid;

struct World {
    app: TestApp,
    alex: PersonId,
    beata: PersonId,
    stranger: PersonId,
}

/// The demo organisation (Alex and Beata on one team) plus one person in another
/// organisation and team.
fn world() -> World {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn = app.database.connect();
    demo::seed_people(&mut conn, 1).unwrap();
    let alex = UserRow::find_by_email(&mut conn, email(Role::Individual))
        .unwrap()
        .unwrap()
        .person_id
        .unwrap();
    let beata: PersonId = persons::table
        .filter(persons::full_name.eq("Beata Wiśniewska"))
        .select(persons::id)
        .first(&mut conn)
        .unwrap();
    let stranger: PersonId = persons::table
        .filter(persons::id.ne(&alex))
        .filter(persons::id.ne(&beata))
        .select(persons::id)
        .first(&mut conn)
        .unwrap();
    World {
        app,
        alex,
        beata,
        stranger,
    }
}

fn read(app: &TestApp, client: &Client, person: PersonId) -> (StatusCode, Option<PlanDocument>) {
    let response = client
        .get(app.url(&format!("/api/v1/persons/{person}/plan")))
        .send()
        .unwrap();
    let status = response.status();
    (
        status,
        (status == StatusCode::OK).then(|| response.json().unwrap()),
    )
}

#[test]
fn each_role_reads_exactly_the_plans_it_should() {
    let w = world();
    let ok = StatusCode::OK;
    let hidden = StatusCode::NOT_FOUND;
    let matrix = [
        (Role::Individual, [ok, hidden, hidden]),
        (Role::Family, [ok, hidden, hidden]),
        (Role::SupportWorker, [ok, ok, hidden]),
        (Role::Manager, [ok, ok, hidden]),
        // Admins manage users, but see no plan content unless on the team.
        (Role::Admin, [hidden, hidden, hidden]),
    ];
    let mut mismatches = Vec::new();
    for (role, expected) in matrix {
        let client = w.app.signed_in(email(role), DEMO_PASSWORD);
        for (person, want) in [&w.alex, &w.beata, &w.stranger].into_iter().zip(expected) {
            let (got, _) = read(&w.app, &client, *person);
            if got != want {
                mismatches.push(format!("{role} reading {person}: got {got}, want {want}"));
            }
        }
    }
    let anonymous = w.app.client();
    for person in [&w.alex, &w.beata, &w.stranger] {
        let (got, _) = read(&w.app, &anonymous, *person);
        if got != StatusCode::UNAUTHORIZED {
            mismatches.push(format!("anonymous reading {person}: got {got}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));

    // Every successful read of Alex's plan was audited, and nothing else was.
    let mut conn = w.app.database.connect();
    let alex_reads: i64 = audit_events::table
        .filter(audit_events::person_id.eq(&w.alex))
        .filter(audit_events::action.eq("read"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(
        alex_reads, 4,
        "individual, family, worker and manager read Alex's plan"
    );
}

#[test]
fn a_family_member_sees_only_the_sections_in_scope() {
    let w = world();
    let staff = w.app.signed_in(email(Role::SupportWorker), DEMO_PASSWORD);
    let (_, full) = read(&w.app, &staff, w.alex);
    let full = full.unwrap();
    let family = w.app.signed_in(email(Role::Family), DEMO_PASSWORD);
    let (status, scoped) = read(&w.app, &family, w.alex);
    assert_eq!(status, StatusCode::OK);
    let scoped = scoped.unwrap();
    // The demo consent shares the profile, goals and progress.
    assert_eq!(scoped.profile, full.profile);
    assert_eq!(scoped.goals, full.goals);
    assert_eq!(scoped.progress_notes, full.progress_notes);
    assert!(
        !full.findings.is_empty() && scoped.findings.is_empty(),
        "needs are not shared"
    );
    assert!(
        !full.risks.is_empty() && scoped.risks.is_empty(),
        "risks are not shared"
    );
    assert!(!full.strategies.is_empty() && scoped.strategies.is_empty());
    assert!(!full.decisions.is_empty() && scoped.decisions.is_empty());
    assert!(!full.reviews.is_empty() && scoped.reviews.is_empty());
    assert!(scoped.consents.is_empty() && scoped.team.is_empty());
    assert_eq!(scoped.access_grants.len(), 1, "their own grant only");
}

#[test]
fn withdrawn_or_expired_consent_ends_access_on_the_next_request() {
    let w = world();
    let family = w.app.signed_in(email(Role::Family), DEMO_PASSWORD);
    assert_eq!(read(&w.app, &family, w.alex).0, StatusCode::OK);

    let mut conn = w.app.database.connect();
    let consents = ConsentRow::for_person(&mut conn, w.alex).unwrap();
    let shared = consents
        .iter()
        .find(|c| c.purpose == ConsentPurpose::ShareWith)
        .unwrap()
        .clone();
    assert!(
        ConsentRow::withdraw(&mut conn, shared.id, None, Some("I changed my mind"), now()).unwrap()
    );
    assert_eq!(read(&w.app, &family, w.alex).0, StatusCode::NOT_FOUND);

    // A new consent that has already expired grants nothing either.
    let family_user = UserRow::find_by_email(&mut conn, email(Role::Family))
        .unwrap()
        .unwrap();
    let long_ago = Utc::now() - Duration::days(800);
    let expired = ConsentRow {
        id: Uuid::now_v7().into(),
        person_id: w.alex,
        purpose: ConsentPurpose::ShareWith,
        party_name: "Morgan Rivers (sister)".to_owned(),
        party_user_id: Some(family_user.id),
        sections: PlanSection::Goals.key().to_owned(),
        access_level: AccessLevel::View,
        basis: ConsentBasis::Person,
        decision_maker: None,
        best_interests_reason: None,
        given_at: naive(long_ago),
        expires_on: Some(Utc::now().date_naive() - Days::new(1)),
        recorded_by: None,
        withdrawn_at: None,
        withdrawn_by: None,
        withdrawal_reason: None,
        given_how: None,
        witness: None,
    };
    ConsentRow::insert_all(&mut conn, std::slice::from_ref(&expired)).unwrap();
    let grant = AccessGrantRow {
        id: Uuid::now_v7().into(),
        consent_id: expired.id,
        person_id: w.alex,
        grantee_user_id: family_user.id,
        sections: expired.sections.clone(),
        access_level: expired.access_level,
        starts_at: naive(long_ago),
        expires_at: None,
        revoked_at: None,
    };
    AccessGrantRow::insert_all(&mut conn, std::slice::from_ref(&grant)).unwrap();
    assert_eq!(read(&w.app, &family, w.alex).0, StatusCode::NOT_FOUND);

    // And a grant that has run out, under a consent still in force, likewise.
    let live = ConsentRow {
        id: Uuid::now_v7().into(),
        given_at: naive(Utc::now() - Duration::days(10)),
        expires_on: None,
        ..expired
    };
    ConsentRow::insert_all(&mut conn, std::slice::from_ref(&live)).unwrap();
    let lapsed = AccessGrantRow {
        id: Uuid::now_v7().into(),
        consent_id: live.id,
        starts_at: naive(Utc::now() - Duration::days(10)),
        expires_at: Some(naive(Utc::now() - Duration::days(1))),
        ..grant
    };
    AccessGrantRow::insert_all(&mut conn, std::slice::from_ref(&lapsed)).unwrap();
    assert_eq!(read(&w.app, &family, w.alex).0, StatusCode::NOT_FOUND);

    // Renewing that grant restores access at once, through the same look-up.
    diesel::update(access_grants::table.filter(access_grants::id.eq(&lapsed.id)))
        .set(access_grants::expires_at.eq(Some(naive(Utc::now() + Duration::days(30)))))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(read(&w.app, &family, w.alex).0, StatusCode::OK);
}
