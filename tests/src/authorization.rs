//! The authorization matrix's fixture (`tests/tests/api/authorization_matrix.rs`): the actors
//! it asks every endpoint as, and the records their paths name.

use chrono::{Days, Duration, Utc};
use diesel::prelude::*;
use ourplan_backend::db::model::access_grant::AccessGrantRow;
use ourplan_backend::db::model::consent::ConsentRow;
use ourplan_backend::db::model::person::PersonRow;
use ourplan_backend::db::model::user::UserRow;
use ourplan_backend::db::model::{fresh_id, naive, now};
use ourplan_backend::db::schema::{organisations, persons, teams, users};
use ourplan_backend::demo;
use ourplan_shared::account::SignInCodeIssued;
use ourplan_shared::consent::{AccessLevel, ConsentBasis, ConsentPurpose, ConsentRecord};
use ourplan_shared::contribution::ContributionRecord;
use ourplan_shared::demo::ORGANISATION;
use ourplan_shared::id::PersonId;
use ourplan_shared::organisation::User;
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use reqwest::blocking::Client;
use serde_json::{Value, json};

use crate::{TestApp, demo_email};

/// The password of the family members the fixture adds.
pub const FAMILY_PASSWORD: &str = "Matrix-kettle-harbour-9";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    Active,
    Expired,
    Withdrawn,
    OutOfScope,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Individual,
    /// The person, signed in a moment ago with a sign-in card Jordan just made.
    CardHolder,
    Family(Grant),
    SupportWorker,
    Manager,
    Admin,
}

/// Every kind of actor, as the matrix asks each endpoint.
pub const ACTORS: [Actor; 10] = [
    Actor::Anonymous,
    Actor::Individual,
    Actor::CardHolder,
    Actor::Family(Grant::Active),
    Actor::Family(Grant::Expired),
    Actor::Family(Grant::Withdrawn),
    Actor::Family(Grant::OutOfScope),
    Actor::SupportWorker,
    Actor::Manager,
    Actor::Admin,
];

/// One demo organisation with Alex's plan and an item of each kind, another organisation with a
/// person, team and account, family members with each kind of grant, and records in the states
/// the writes need (a withdrawn consent, a decided suggestion, a used sign-in card).
pub struct Fixture {
    pub app: TestApp,
    pub alex: PersonId,
    pub other_person: PersonId,
    pub loose_person: PersonId,
    pub own_team: String,
    pub other_team: String,
    pub jordan: String,
    pub sam: String,
    pub disabled_user: String,
    pub other_user: String,
    pub withdrawn_consent: String,
    pub decided_contribution: String,
    pub used_code: String,
    /// Alex's completed review.
    pub review: String,
    /// An item of each kind in Alex's plan, by collection.
    pub items: Vec<(&'static str, String)>,
    pub family_emails: Vec<(Grant, String)>,
}

impl Fixture {
    /// A client signed in as the actor.
    pub fn client(&self, actor: Actor) -> Client {
        match actor {
            Actor::Anonymous => self.app.client(),
            Actor::Individual => self.app.demo(Role::Individual),
            Actor::CardHolder => {
                let jordan = self.app.demo(Role::SupportWorker);
                let codes = format!("/api/v1/persons/{}/sign-in-codes", self.alex);
                let card: SignInCodeIssued =
                    self.app.post(&jordan, &codes, Value::Null).json().unwrap();
                let holder = self.app.client();
                let signed_in =
                    self.app
                        .post(&holder, "/api/v1/session/code", json!({"code": card.code}));
                assert_eq!(signed_in.status(), reqwest::StatusCode::OK);
                holder
            }
            Actor::SupportWorker => self.app.demo(Role::SupportWorker),
            Actor::Manager => self.app.demo(Role::Manager),
            Actor::Admin => self.app.demo(Role::Admin),
            Actor::Family(Grant::Active) => self.app.demo(Role::Family),
            Actor::Family(grant) => {
                let email = &self
                    .family_emails
                    .iter()
                    .find(|(g, _)| *g == grant)
                    .unwrap()
                    .1;
                self.app.signed_in(email, FAMILY_PASSWORD)
            }
        }
    }

    /// The item of the collection the path names.
    pub fn item(&self, path: &str) -> String {
        self.items
            .iter()
            .find(|(collection, _)| path.contains(&format!("/{collection}/")))
            .map(|(_, id)| id.clone())
            .unwrap_or_default()
    }
}

/// Builds the fixture on a fresh demo database.
pub fn fixture() -> Fixture {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn = app.database.connect();
    demo::seed_people(&mut conn, 1).unwrap();
    let alex = UserRow::find_by_email(&mut conn, demo_email(Role::Individual))
        .unwrap()
        .unwrap()
        .person_id
        .unwrap();
    let own_org: String = organisations::table
        .filter(organisations::name.eq(ORGANISATION))
        .select(organisations::id)
        .first(&mut conn)
        .unwrap();
    let other_person: PersonId = persons::table
        .filter(persons::organisation_id.ne(&own_org))
        .select(persons::id)
        .first(&mut conn)
        .unwrap();
    let other_team: String = teams::table
        .filter(teams::organisation_id.ne(&own_org))
        .select(teams::id)
        .first(&mut conn)
        .unwrap();
    let own_team: String = teams::table
        .filter(teams::organisation_id.eq(&own_org))
        .select(teams::id)
        .first(&mut conn)
        .unwrap();
    let other_user: String = users::table
        .filter(users::organisation_id.ne(&own_org))
        .select(users::id)
        .first(&mut conn)
        .unwrap();
    let id_of = |conn: &mut _, role| {
        UserRow::find_by_email(conn, demo_email(role))
            .unwrap()
            .unwrap()
            .id
    };
    let jordan = id_of(&mut conn, Role::SupportWorker);
    let sam = id_of(&mut conn, Role::Admin);
    let morgan = id_of(&mut conn, Role::Family);

    // Someone in the organisation on no team.
    let loose_person: PersonId = fresh_id();
    let mut loose = PersonRow::find(&mut conn, alex).unwrap().unwrap();
    loose.id = loose_person;
    loose.full_name = "Cai Jones".to_owned();
    loose.preferred_name = None;
    PersonRow::insert_all(&mut conn, &[loose]).unwrap();

    let admin = app.demo(Role::Admin);
    let person = app.demo(Role::Individual);
    let worker = app.demo(Role::SupportWorker);
    let morgan_client = app.demo(Role::Family);

    // A disabled staff account to disable again.
    let spare: User = app
        .post(&admin, "/api/v1/users", json!({"email": "spare@demo.ourplan.test", "display_name": "Spare", "role": "support_worker"}))
        .json()
        .unwrap();
    assert_eq!(
        app.post(
            &admin,
            &format!("/api/v1/users/{}/disable", spare.id),
            Value::Null
        )
        .status(),
        200
    );

    // Family members whose grants are expired, withdrawn, or do not cover goals.
    let consents = format!("/api/v1/persons/{alex}/consents");
    let mut family_emails = Vec::new();
    let mut withdrawn_consent = String::new();
    for grant in [Grant::Expired, Grant::Withdrawn, Grant::OutOfScope] {
        let email = format!("{grant:?}.family@demo.ourplan.test").to_lowercase();
        let user: User = app.invited_account(
            &admin,
            json!({"email": email, "display_name": format!("{grant:?} Relative"), "role": "family"}),
            FAMILY_PASSWORD,
        );
        match grant {
            Grant::OutOfScope | Grant::Withdrawn => {
                let sections = if grant == Grant::OutOfScope {
                    "reviews"
                } else {
                    "goals"
                };
                let given: ConsentRecord = app
                    .post(&person, &consents, json!({"party_email": email, "sections": [sections], "access_level": "view", "basis": "person"}))
                    .json()
                    .unwrap();
                if grant == Grant::Withdrawn {
                    let path = format!("{consents}/{}/withdraw", given.consent.id);
                    assert_eq!(app.post(&person, &path, Value::Null).status(), 200);
                    withdrawn_consent = given.consent.id.to_string();
                }
            }
            Grant::Expired => {
                let long_ago = Utc::now() - Duration::days(400);
                let consent = ConsentRow {
                    id: fresh_id(),
                    person_id: alex,
                    purpose: ConsentPurpose::ShareWith,
                    party_name: "Expired Relative".to_owned(),
                    party_user_id: Some(user.id),
                    sections: "goals".to_owned(),
                    access_level: AccessLevel::Suggest,
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
                ConsentRow::insert_all(&mut conn, std::slice::from_ref(&consent)).unwrap();
                AccessGrantRow::insert_all(
                    &mut conn,
                    &[AccessGrantRow {
                        id: fresh_id(),
                        consent_id: consent.id,
                        person_id: alex,
                        grantee_user_id: user.id,
                        sections: "goals".to_owned(),
                        access_level: AccessLevel::Suggest,
                        starts_at: naive(long_ago),
                        expires_at: Some(now() - Duration::hours(1)),
                        revoked_at: None,
                    }],
                )
                .unwrap();
            }
            Grant::Active => unreachable!(),
        }
        family_emails.push((grant, email));
    }

    // A suggestion the person has already declined.
    let contributions = format!("/api/v1/persons/{alex}/contributions");
    let made: ContributionRecord = app
        .post(
            &morgan_client,
            &contributions,
            json!({"section": "goals", "kind": "suggestion", "text": "Cinema on Fridays?"}),
        )
        .json()
        .unwrap();
    let decided = person
        .post(app.url(&format!(
            "{contributions}/{}/decision",
            made.contribution.id
        )))
        .header("x-ourplan-csrf", "1")
        .header("if-match", "\"v1\"")
        .json(&json!({"status": "declined"}))
        .send()
        .unwrap();
    assert_eq!(decided.status(), 200);

    // A sign-in card already used.
    let card: SignInCodeIssued = app
        .post(
            &worker,
            &format!("/api/v1/persons/{alex}/sign-in-codes"),
            Value::Null,
        )
        .json()
        .unwrap();
    assert_eq!(
        app.post(
            &app.client(),
            "/api/v1/session/code",
            json!({"code": card.code})
        )
        .status(),
        200
    );
    let _ = morgan;
    let plan: PlanDocument = app
        .get(&worker, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();

    Fixture {
        app,
        alex,
        other_person,
        loose_person,
        own_team,
        other_team,
        jordan: jordan.to_string(),
        sam: sam.to_string(),
        disabled_user: spare.id.to_string(),
        other_user,
        withdrawn_consent,
        decided_contribution: made.contribution.id.to_string(),
        used_code: card.id.to_string(),
        review: plan.reviews[0].id.to_string(),
        items: vec![
            // A need a goal addresses, so deleting it is refused.
            ("findings", plan.goals[0].addresses[0].to_string()),
            ("goals", plan.goals[0].id.to_string()),
            ("strategies", plan.strategies[0].id.to_string()),
            ("risks", plan.risks[0].id.to_string()),
            ("wishes", plan.wishes_not_met[0].id.to_string()),
            // An entry staff may change: not the person's disagreement, kept as said.
            (
                "decisions",
                plan.decisions
                    .iter()
                    .find(|d| !d.is_kept_as_said())
                    .unwrap()
                    .id
                    .to_string(),
            ),
        ],
        family_emails,
    }
}
