//! Fictional demo data: the demo organisation for `cargo xtask run` (`OURPLAN_DEMO=1`, into an
//! empty database only, so it never mixes with real records) and generated people for load
//! tests (`cargo xtask seed --people N`).

mod content;
mod media;
pub mod plan;
mod views;

use chrono::{NaiveDateTime, Utc};
use diesel::Connection;
use ourplan_shared::audit::AuditAction;
use ourplan_shared::demo;
use ourplan_shared::id::{OrganisationId, PersonId, TeamId};
use ourplan_shared::needs::NeedsHeading;
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;

use crate::db::DbConnection;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::needs_heading::NeedsHeadingRow;
use crate::db::model::organisation::{DEFAULT_TIME_ZONE, OrganisationRow};
use crate::db::model::plan_document;
use crate::db::model::team::{TeamMemberRow, TeamPersonRow, TeamRow};
use crate::db::model::user::UserRow;
use crate::db::model::{fresh_id, new_id, now};
use crate::error::AppError;
use crate::password;
use plan::{Cast, PersonSpec};

/// An organisation with its default needs headings, ready for people.
fn organisation(
    conn: &mut DbConnection,
    name: &str,
    at: NaiveDateTime,
) -> Result<(OrganisationId, Vec<NeedsHeading>), AppError> {
    let organisation = crate::setup::new_organisation(conn, name, DEFAULT_TIME_ZONE, at)?;
    let headings = NeedsHeadingRow::for_organisation(conn, organisation.id)?;
    let organisation_id = organisation.id;
    let headings = headings
        .into_iter()
        .map(NeedsHeadingRow::into_wire)
        .collect::<diesel::QueryResult<Vec<_>>>()?;
    Ok((organisation_id, headings))
}

fn user(
    organisation_id: OrganisationId,
    email: &str,
    display_name: &str,
    role: Role,
    person_id: Option<PersonId>,
    password_hash: &str,
    at: NaiveDateTime,
) -> UserRow {
    UserRow {
        id: fresh_id(),
        organisation_id,
        email: email.to_owned(),
        display_name: display_name.to_owned(),
        role,
        person_id,
        password_hash: Some(password_hash.to_owned()),
        created_at: at,
        disabled_at: None,
    }
}

/// Seeds the demo organisation when the database has none. Returns whether it seeded.
pub fn seed_if_empty(conn: &mut DbConnection) -> Result<bool, AppError> {
    if OrganisationRow::count(conn)? > 0 {
        return Ok(false);
    }
    // Hash before the transaction: argon2 is deliberately slow and holds no lock.
    let password_hash = password::hash(demo::DEMO_PASSWORD)?;
    let today = Utc::now().date_naive();
    conn.transaction(|conn| {
        let at = now();
        let (organisation_id, headings) = organisation(conn, demo::ORGANISATION, at)?;
        let account = |role: Role| {
            demo::ACCOUNTS
                .iter()
                .find(|a| a.role == role)
                .ok_or_else(|| AppError::Internal(format!("no demo account for {role}")))
        };
        let staff = |role: Role| -> Result<UserRow, AppError> {
            let a = account(role)?;
            Ok(user(
                organisation_id,
                a.email,
                a.display_name,
                role,
                None,
                &password_hash,
                at,
            ))
        };
        let key_worker = staff(Role::SupportWorker)?;
        let manager = staff(Role::Manager)?;
        let admin = staff(Role::Admin)?;
        let family = staff(Role::Family)?;
        let cast = Cast {
            organisation_id,
            headings: &headings,
            key_worker: (key_worker.id, &key_worker.display_name),
            manager: (manager.id, &manager.display_name),
            family: Some((family.id, &family.display_name)),
            individual_user: None,
        };
        let alex = plan::build(
            &cast,
            &PersonSpec {
                full_name: demo::PERSON_FULL_NAME,
                preferred_name: demo::PERSON_PREFERRED_NAME,
                family_name: &family.display_name,
                // Alex's six-monthly review then falls due within the next fortnight, so the
                // demo shows (and emails) the review reminder.
                days_supported: 215,
                draft: false,
            },
            today,
        );
        let draft = plan::build(
            &Cast {
                family: None,
                ..cast
            },
            &PersonSpec {
                full_name: "Beata Wiśniewska",
                preferred_name: "Beata",
                family_name: "Zofia Wiśniewska",
                days_supported: 12,
                draft: true,
            },
            today,
        );
        UserRow::insert_all(conn, &[key_worker.clone(), manager.clone(), admin, family])?;
        plan_document::insert_all(conn, &[alex.clone(), draft.clone()])?;
        let individual = account(Role::Individual)?;
        let individual = user(
            organisation_id,
            individual.email,
            individual.display_name,
            Role::Individual,
            Some(alex.person.id),
            &password_hash,
            at,
        );
        UserRow::insert_all(conn, std::slice::from_ref(&individual))?;
        // Alex's own photos and voice, added a few days ago.
        media::seed(conn, &alex, individual.id, at - chrono::Duration::days(3))?;
        views::seed(conn, &alex, key_worker.id)?;
        assign_team(
            conn,
            organisation_id,
            "Riverside North",
            &[&key_worker, &manager],
            &[&alex, &draft],
            at,
        )?;
        audit_seed(conn, organisation_id, 2)?;
        Ok::<_, AppError>(())
    })?;
    Ok(true)
}

fn assign_team(
    conn: &mut DbConnection,
    organisation_id: OrganisationId,
    name: &str,
    staff: &[&UserRow],
    people: &[&PlanDocument],
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let team_id: TeamId = fresh_id();
    TeamRow::insert_all(
        conn,
        &[TeamRow {
            id: team_id,
            organisation_id,
            name: name.to_owned(),
            created_at: at,
        }],
    )?;
    let members: Vec<TeamMemberRow> = staff
        .iter()
        .map(|u| TeamMemberRow {
            team_id,
            user_id: u.id,
        })
        .collect();
    TeamMemberRow::insert_all(conn, &members)?;
    let key_worker = staff.first().map(|u| u.id);
    let persons: Vec<TeamPersonRow> = people
        .iter()
        .map(|doc| TeamPersonRow {
            team_id,
            person_id: doc.person.id,
            key_worker_user_id: key_worker,
        })
        .collect();
    TeamPersonRow::insert_all(conn, &persons)?;
    Ok(())
}

/// System writes are audited too: one entry per seeded batch.
fn audit_seed(
    conn: &mut DbConnection,
    organisation_id: OrganisationId,
    people: usize,
) -> Result<(), AppError> {
    audit_event::append(
        conn,
        &[AuditEntry {
            organisation_id: Some(organisation_id),
            actor_user_id: None,
            actor_role: Some("system".to_owned()),
            action: AuditAction::Seed,
            entity: "fictional_people".to_owned(),
            entity_id: Some(people.to_string()),
            person_id: None,
            allowed: true,
            grant_id: None,
            card_id: None,
        }],
    )?;
    Ok(())
}

const FIRST_NAMES: [&str; 24] = [
    "Aisha", "Ben", "Carys", "Dafydd", "Eilidh", "Farah", "Gareth", "Hana", "Idris", "Jasmine",
    "Kacper", "Leah", "Mohammed", "Niamh", "Olu", "Priyanka", "Rhys", "Siân", "Tomasz", "Uma",
    "Viktor", "Wen", "Yusuf", "Zara",
];
const LAST_NAMES: [&str; 20] = [
    "Ahmed",
    "Bennett",
    "Chowdhury",
    "Davies",
    "Evans",
    "Fraser",
    "Górski",
    "Hughes",
    "Ince",
    "Jones",
    "Kaur",
    "Lewandowska",
    "McLeod",
    "Nowak",
    "O'Brien",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Williams",
];

/// People per team and per transaction when generating load-test data.
const BATCH: usize = 100;

/// What [`seed_people`] wrote, and who may look at all of it.
#[derive(Debug, Clone)]
pub struct Seeded {
    /// Rows written.
    pub rows: usize,
    /// The manager on every team of the new organisation (password: the demo password).
    pub manager_email: String,
}

/// Generates `people` fictional people with full plans in a new organisation, in teams of
/// [`BATCH`] with a key worker each, one transaction per team.
pub fn seed_people(conn: &mut DbConnection, people: usize) -> Result<Seeded, AppError> {
    let password_hash = password::hash(demo::DEMO_PASSWORD)?;
    let today = Utc::now().date_naive();
    let at = now();
    let tag = &new_id()[..8];
    let (organisation_id, headings) = conn.transaction(|conn| {
        organisation(
            conn,
            &format!("Load test organisation {tag} (fictional)"),
            at,
        )
    })?;
    let manager = user(
        organisation_id,
        &format!("manager.{tag}@load.ourplan.test"),
        "Morgan Ellis",
        Role::Manager,
        None,
        &password_hash,
        at,
    );
    conn.transaction(|conn| UserRow::insert_all(conn, std::slice::from_ref(&manager)))?;
    let mut written = 2 + headings.len();
    let mut index = 0;
    while index < people {
        let count = BATCH.min(people - index);
        let batch = index / BATCH;
        written += conn.transaction(|conn| {
            let worker_name = format!(
                "{} {}",
                FIRST_NAMES[(batch * 7) % FIRST_NAMES.len()],
                LAST_NAMES[(batch * 3) % LAST_NAMES.len()]
            );
            let key_worker = user(
                organisation_id,
                &format!("worker.{batch}.{tag}@load.ourplan.test"),
                &worker_name,
                Role::SupportWorker,
                None,
                &password_hash,
                at,
            );
            UserRow::insert_all(conn, std::slice::from_ref(&key_worker))?;
            let cast = Cast {
                organisation_id,
                headings: &headings,
                key_worker: (key_worker.id, &key_worker.display_name),
                manager: (manager.id, &manager.display_name),
                family: None,
                individual_user: None,
            };
            let documents: Vec<PlanDocument> = (index..index + count)
                .map(|n| {
                    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
                    let last = LAST_NAMES[(n / FIRST_NAMES.len()) % LAST_NAMES.len()];
                    plan::build(
                        &cast,
                        &PersonSpec {
                            full_name: &format!("{first} {last}"),
                            preferred_name: first,
                            family_name: &format!("Sam {last}"),
                            days_supported: 60 + (n as u64 % 300),
                            draft: false,
                        },
                        today,
                    )
                })
                .collect();
            let rows = plan_document::insert_all(conn, &documents)?;
            let refs: Vec<&PlanDocument> = documents.iter().collect();
            assign_team(
                conn,
                organisation_id,
                &format!("Team {batch}"),
                &[&key_worker, &manager],
                &refs,
                at,
            )?;
            audit_seed(conn, organisation_id, documents.len())?;
            Ok::<_, AppError>(rows + 1)
        })?;
        index += count;
    }
    Ok(Seeded {
        rows: written,
        manager_email: manager.email,
    })
}
