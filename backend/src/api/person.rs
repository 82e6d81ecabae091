//! People supported: `GET /api/v1/persons`, the people the signed-in user may see, by name
//! (staff get their teams' people, a family member the people who share with them now, the
//! person themselves, an admin everyone in the organisation: names only, teams are made from
//! this list); `POST /api/v1/persons` admits a person with their empty draft plan;
//! `GET`/`PUT /api/v1/persons/{id}` read and correct their details with `If-Match`.

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::admission::{Admission, DUPLICATE_FIELD, PersonDetails};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::{OrganisationId, PersonId, PlanId, TeamId, UserId};
use ourplan_shared::organisation::{Person, PersonSummary};
use ourplan_shared::plan::Profile;
use ourplan_shared::role::Role;
use ourplan_shared::validation::Validate;

use super::guard::{self, audited};
use crate::access;
use crate::api::path::PersonPath;
use crate::auth::CurrentUser;
use crate::db;
use crate::db::model::access_grant::AccessGrantRow;
use crate::db::model::audit_event;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::person::{PersonChanges, PersonRow};
use crate::db::model::plan::PlanRow;
use crate::db::model::profile::ProfileRow;
use crate::db::model::team::{TeamMemberRow, TeamPersonRow, TeamRow};
use crate::db::model::{UpdateOutcome, fresh_id, now};
use crate::error::AppError;
use crate::http::body::Body;
use crate::http::precondition;
use crate::server::AppState;

#[utoipa::path(
    get,
    path = "/api/v1/persons",
    tag = "persons",
    summary = "The people you may see",
    responses(
        (status = 200, body = Vec<PersonSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody)
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let persons = db::run(&state.pool, move |conn| {
        let organisation = actor.user.organisation_id;
        let ids = match actor.role {
            Role::Admin => None,
            Role::SupportWorker | Role::Manager => {
                Some(TeamPersonRow::caseload(conn, actor.user.id)?)
            }
            Role::Family => {
                let at = now();
                let today = OrganisationRow::find(conn, organisation)?
                    .map_or_else(|| at.date(), |o| o.day_at(at));
                Some(AccessGrantRow::persons_with_active(
                    conn,
                    actor.user.id,
                    at,
                    today,
                )?)
            }
            Role::Individual => Some(actor.user.person_id.iter().copied().collect()),
        };
        Ok(PersonRow::summaries(conn, organisation, ids.as_deref())?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(persons))
}

/// The rows of a person just admitted: the person, their empty draft plan and profile, and
/// their place on a team, in the caller's transaction.
pub(crate) fn insert_admitted(
    conn: &mut crate::db::DbConnection,
    person_id: PersonId,
    organisation_id: OrganisationId,
    details: &PersonDetails,
    team_id: TeamId,
    key_worker: Option<UserId>,
    at: chrono::NaiveDateTime,
) -> Result<(), AppError> {
    let plan_id: PlanId = fresh_id();
    PersonRow::insert_all(
        conn,
        &[PersonRow::admitted(
            person_id,
            organisation_id.to_owned(),
            details,
            at,
        )],
    )?;
    PlanRow::insert_all(conn, &[PlanRow::new_draft(plan_id, person_id, at)])?;
    ProfileRow::insert_all(
        conn,
        &[ProfileRow::from_wire(
            plan_id,
            &Profile {
                row_version: 1,
                ..Profile::default()
            },
            at,
        )],
    )?;
    TeamPersonRow::insert_all(
        conn,
        &[TeamPersonRow {
            team_id: team_id.to_owned(),
            person_id: person_id.to_owned(),
            key_worker_user_id: key_worker,
        }],
    )?;
    Ok(())
}

/// A person's details with whether their support has ended.
pub(super) fn load_person(
    conn: &mut crate::db::DbConnection,
    person_id: PersonId,
) -> Result<Person, AppError> {
    let person = PersonRow::find(conn, person_id)?
        .ok_or_else(access::not_found)?
        .into_wire()?;
    Ok(Person {
        leaving: PersonRow::leaving(conn, person_id)?,
        ..person
    })
}

pub(super) fn respond(status: actix_web::http::StatusCode, person: &Person) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((ETAG, precondition::etag(person.row_version)))
        .json(person)
}

fn duplicate() -> AppError {
    AppError::Client {
        code: ErrorCode::Conflict,
        message: "Someone with this name and date of birth is already supported here. Check \
                  that this is someone else, then save again to admit them."
            .to_owned(),
        field: Some(DUPLICATE_FIELD.to_owned()),
    }
}

fn checked(details: PersonDetails) -> Result<PersonDetails, AppError> {
    let details = details.tidied();
    match details.problems().into_iter().next() {
        Some(problem) => Err(AppError::invalid(problem.field, problem.message)),
        None => Ok(details),
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/persons",
    tag = "persons",
    summary = "Admit a person (staff on the team, admins): their details, team and key worker; makes their empty draft plan",
    request_body = Admission,
    responses(
        (status = 201, body = Person, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only staff admit people", body = ErrorBody),
        (status = 409, description = "Someone with this name and date of birth is supported already (`field` is `duplicate`); send `not_a_duplicate` to admit them anyway", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn admit(
    state: web::Data<AppState>,
    actor: CurrentUser,
    body: Body<Admission>,
) -> Result<HttpResponse, AppError> {
    let Admission {
        person,
        team_id,
        key_worker_id,
        not_a_duplicate,
    } = body.into_inner();
    let person = db::run(&state.pool, move |conn| {
        let person_id: PersonId = fresh_id();
        let entry = actor
            .audit(AuditAction::Create, "person")
            .object(person_id)
            .about(person_id);
        let team = TeamRow::find(conn, team_id)?;
        audited(access::may_admit(conn, &actor, team.as_ref()), conn, &entry)?;
        let team = team.ok_or_else(access::not_found)?;
        let details = checked(person)?;
        let key_worker = match key_worker_id {
            Some(user_id) => {
                if !TeamMemberRow::is_member(conn, team.id, user_id)? {
                    return Err(AppError::invalid(
                        "key_worker_id",
                        "Choose a key worker from the team's staff.",
                    ));
                }
                Some(user_id)
            }
            None => None,
        };
        let at = now();
        let organisation_id = actor.user.organisation_id;
        db::write_transaction(conn, |conn| {
            if !not_a_duplicate
                && let Some(born) = details.date_of_birth
                && PersonRow::possible_duplicate(
                    conn,
                    organisation_id,
                    &details.full_name,
                    born,
                    None,
                )?
            {
                return Err(duplicate());
            }
            insert_admitted(
                conn,
                person_id,
                organisation_id,
                &details,
                team.id,
                key_worker,
                at,
            )?;
            audit_event::append(conn, &[entry])?;
            Ok(())
        })?;
        load_person(conn, person_id)
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::CREATED, &person))
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}",
    tag = "persons",
    summary = "A person's own details, with the ETag to correct them",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Person, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody)
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor.audit(AuditAction::Read, "person").about(person_id);
    let person = guard::audited_read(&state, entry, move |conn, _| {
        let plan_access = access::may_read_plan(conn, &actor, person_id, now())?;
        access::may_read_section(&plan_access, PlanSection::Profile)?;
        load_person(conn, person_id)
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &person))
}

#[utoipa::path(
    put,
    path = "/api/v1/persons/{person_id}",
    tag = "persons",
    summary = "Correct a person's details, naming the version you read (staff on their team)",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    request_body = PersonDetails,
    responses(
        (status = 200, body = Person, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "May see the person but not change their details", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 409, description = "Now matches someone else's name and date of birth (`field` is `duplicate`)", body = ErrorBody),
        (status = 412, description = "Someone saved first: nothing changed; `current` is their version", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    PersonPath(person_id): PersonPath,
    body: Body<PersonDetails>,
) -> Result<HttpResponse, AppError> {
    let read_version = precondition::if_match(&req);
    let details = body.into_inner();
    let person = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Update, "person")
            .object(person_id)
            .about(person_id);
        guard::may_change(conn, &actor, person_id, access::may_edit_plan, &entry)?;
        let read_version = read_version?;
        let details = checked(details)?;
        let organisation_id = actor.user.organisation_id;
        db::write_transaction(conn, |conn| {
            if let Some(born) = details.date_of_birth
                && PersonRow::possible_duplicate(
                    conn,
                    organisation_id,
                    &details.full_name,
                    born,
                    Some(person_id),
                )?
            {
                return Err(duplicate());
            }
            let changes = PersonChanges::from_wire(&details);
            match PersonRow::settle_details(conn, person_id, read_version, &changes)? {
                UpdateOutcome::Updated { .. } => {}
                UpdateOutcome::Conflict { .. } => {
                    let current = PersonRow::find(conn, person_id)?
                        .ok_or_else(access::not_found)?
                        .into_wire()?;
                    let current = serde_json::to_value(current)
                        .map_err(|error| AppError::Internal(format!("person to JSON: {error}")))?;
                    return Err(AppError::Stale { current });
                }
                UpdateOutcome::NotFound => return Err(access::not_found()),
            }
            audit_event::append(conn, &[entry])?;
            Ok(())
        })?;
        load_person(conn, person_id)
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &person))
}
