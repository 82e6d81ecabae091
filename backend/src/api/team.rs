//! Teams (R-11: staff see only their team's people): `GET`/`POST /teams`, `PUT /teams/{id}`
//! (rename), `PUT`/`DELETE /teams/{id}/members/{user_id}`, `PUT`/`DELETE
//! /teams/{id}/persons/{person_id}`, and `PUT /persons/{id}/team` (move to another team).
//! Admins manage every team of their organisation; managers the teams they are on. The
//! people a team supports see who joins or leaves it.

use actix_web::{HttpResponse, web};
use diesel::Connection;
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::{PersonId, TeamId, UserId};
use ourplan_shared::organisation::{NewTeam, TeamDetail, TeamMove, TeamPersonRequest};
use ourplan_shared::role::Role;
use ourplan_shared::validation::limits;

use super::guard::audited;
use crate::access;
use crate::api::path::{IdPairPath, IdPath, PersonPath};
use crate::auth::CurrentUser;
use crate::db::model::audit_event::{self, AuditEntry, TEAM_MEMBER};
use crate::db::model::person::PersonRow;
use crate::db::model::team::{TeamMemberRow, TeamPersonRow, TeamRow};
use crate::db::model::user::UserRow;
use crate::db::model::{fresh_id, now};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::{Body, OptionalBody};
use crate::server::AppState;

fn no_team() -> AppError {
    AppError::client(ErrorCode::NotFound, "There is no such team.")
}

/// An admin sees every team of the organisation; anyone else the teams they are on.
#[utoipa::path(
    get,
    path = "/api/v1/teams",
    tag = "teams",
    summary = "Teams you are on (admins: every team of the organisation)",
    responses(
        (status = 200, body = Vec<TeamDetail>),
        (status = 401, description = "Not signed in", body = ErrorBody)
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let teams = db::run(&state.pool, move |conn| {
        let member = (actor.role != Role::Admin).then_some(actor.user.id);
        if !actor.role.is_staff() {
            return Ok(Vec::new());
        }
        TeamRow::listed(conn, actor.user.organisation_id, member)?
            .into_iter()
            .map(|team| Ok(team.detail(conn)?))
            .collect::<Result<Vec<TeamDetail>, AppError>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(teams))
}

#[utoipa::path(
    post,
    path = "/api/v1/teams",
    tag = "teams",
    summary = "Create a team (admins)",
    request_body = NewTeam,
    responses(
        (status = 201, body = TeamDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "Conflicts with what is stored", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    actor: CurrentUser,
    body: Body<NewTeam>,
) -> Result<HttpResponse, AppError> {
    let name = body.into_inner().name;
    let team = db::run(&state.pool, move |conn| {
        let refused = actor.audit(AuditAction::Create, "team");
        audited(access::may_administer(&actor), conn, &refused)?;
        let name = checked_name(name)?;
        let row = TeamRow {
            id: fresh_id(),
            organisation_id: actor.user.organisation_id,
            name,
            created_at: now(),
        };
        conn.transaction(|conn| {
            TeamRow::insert_all(conn, std::slice::from_ref(&row))
                .map_err(|error| duplicate_name(error.into()))?;
            audit_event::append(
                conn,
                &[actor.audit(AuditAction::Create, "team").object(row.id)],
            )?;
            Ok::<_, AppError>(())
        })?;
        Ok(row.detail(conn)?)
    })
    .await?;
    Ok(HttpResponse::Created().json(team))
}

fn duplicate_name(error: AppError) -> AppError {
    match error.code() {
        ErrorCode::Conflict => AppError::Client {
            code: ErrorCode::Conflict,
            message: "There is already a team with this name.".to_owned(),
            field: Some("name".to_owned()),
        },
        _ => error,
    }
}

/// The team, after the named check that the actor may manage it.
fn managed_team(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    team_id: TeamId,
) -> Result<TeamRow, AppError> {
    let team = TeamRow::find(conn, team_id)?.ok_or_else(no_team)?;
    let refused = actor.audit(AuditAction::Update, "team").object(team.id);
    let check = access::may_manage_team(conn, actor, &team);
    audited(check, conn, &refused)?;
    Ok(team)
}

/// A staff account of the same organisation.
fn staff_member(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    user_id: UserId,
) -> Result<UserRow, AppError> {
    let no_such = || AppError::client(ErrorCode::NotFound, "There is no such staff account.");
    UserRow::find(conn, user_id)?
        .filter(|u| u.organisation_id == actor.user.organisation_id)
        .filter(|u| u.role.is_staff())
        .ok_or_else(no_such)
}

fn person_row(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
) -> Result<PersonRow, AppError> {
    let no_such = || AppError::client(ErrorCode::NotFound, "There is no such person.");
    let person = PersonRow::find(conn, person_id)?
        .filter(|p| p.organisation_id == actor.user.organisation_id)
        .ok_or_else(no_such)?;
    // The teams of someone whose support has ended stay as they were, for the managers who
    // still read their plan.
    if PersonRow::has_left(conn, person_id)? {
        return Err(crate::access::read_only());
    }
    Ok(person)
}

/// Each person the team supports sees who joined or left their team in "Who has looked at
/// my plan" (R-11): one entry about each of them, naming the member of staff.
fn tell_the_people(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    team_id: TeamId,
    user_id: UserId,
    action: AuditAction,
) -> Result<(), AppError> {
    let entries: Vec<AuditEntry> = TeamPersonRow::persons_on(conn, team_id)?
        .iter()
        .map(|person_id| {
            actor
                .audit(action, TEAM_MEMBER)
                .object(user_id)
                .about(*person_id)
        })
        .collect();
    audit_event::append(conn, &entries)?;
    Ok(())
}

/// Runs a change to a team with its audit row in one transaction, then answers the team.
fn change_team(
    conn: &mut DbConnection,
    team: TeamRow,
    entry: AuditEntry,
    change: impl FnOnce(&mut DbConnection) -> Result<(), AppError>,
) -> Result<TeamDetail, AppError> {
    conn.transaction(|conn| {
        change(conn)?;
        audit_event::append(conn, &[entry])?;
        Ok::<_, AppError>(())
    })?;
    Ok(team.detail(conn)?)
}

#[utoipa::path(
    put,
    path = "/api/v1/teams/{team_id}/members/{user_id}",
    tag = "teams",
    summary = "Add a staff member to a team (admins, managers on it)",
    params(("team_id" = TeamId, Path), ("user_id" = UserId, Path)),
    responses(
        (status = 200, body = TeamDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such team or staff account", body = ErrorBody)
    )
)]
pub async fn add_member(
    state: web::Data<AppState>,
    actor: CurrentUser,
    IdPairPath(team_id, user_id): IdPairPath<TeamId, UserId>,
) -> Result<HttpResponse, AppError> {
    let team = db::run(&state.pool, move |conn| {
        let team = managed_team(conn, &actor, team_id)?;
        let user = staff_member(conn, &actor, user_id)?;
        let entry = actor
            .audit(AuditAction::Create, "team_member")
            .object(format!("{}/{}", team.id, user.id));
        let team_key = team.id;
        change_team(conn, team, entry, |conn| {
            if TeamMemberRow::add(conn, team_key, user.id)? {
                tell_the_people(conn, &actor, team_key, user.id, AuditAction::Create)?;
            }
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(team))
}

#[utoipa::path(
    delete,
    path = "/api/v1/teams/{team_id}/members/{user_id}",
    tag = "teams",
    summary = "Remove a staff member from a team; idempotent",
    params(("team_id" = TeamId, Path), ("user_id" = UserId, Path)),
    responses(
        (status = 200, body = TeamDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such team or staff account", body = ErrorBody)
    )
)]
pub async fn remove_member(
    state: web::Data<AppState>,
    actor: CurrentUser,
    IdPairPath(team_id, user_id): IdPairPath<TeamId, UserId>,
) -> Result<HttpResponse, AppError> {
    let team = db::run(&state.pool, move |conn| {
        let team = managed_team(conn, &actor, team_id)?;
        let user = staff_member(conn, &actor, user_id)?;
        let entry = actor
            .audit(AuditAction::Delete, "team_member")
            .object(format!("{}/{}", team.id, user.id));
        let team_key = team.id;
        // Idempotent, like any DELETE: someone not on the team is already off it.
        change_team(conn, team, entry, |conn| {
            if TeamMemberRow::remove(conn, team_key, user.id)? {
                tell_the_people(conn, &actor, team_key, user.id, AuditAction::Delete)?;
            }
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(team))
}

#[utoipa::path(
    put,
    path = "/api/v1/teams/{team_id}/persons/{person_id}",
    tag = "teams",
    summary = "The team supports this person, with this key worker",
    params(("team_id" = TeamId, Path), ("person_id" = PersonId, Path, description = "The person the plan is about")),
    request_body = TeamPersonRequest,
    responses(
        (status = 200, body = TeamDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such team or person", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn put_person(
    state: web::Data<AppState>,
    actor: CurrentUser,
    IdPairPath(team_id, person_id): IdPairPath<TeamId, PersonId>,
    body: OptionalBody<TeamPersonRequest>,
) -> Result<HttpResponse, AppError> {
    let request = body.0.unwrap_or_default();
    let team = db::run(&state.pool, move |conn| {
        let team = managed_team(conn, &actor, team_id)?;
        let person = person_row(conn, &actor, person_id)?;
        let key_worker = match request.key_worker_user_id {
            Some(user_id) => {
                let user = staff_member(conn, &actor, user_id).map_err(|_| {
                    AppError::invalid("key_worker_user_id", "The key worker must be on the staff.")
                })?;
                if !TeamMemberRow::is_member(conn, team.id, user.id)? {
                    return Err(AppError::invalid(
                        "key_worker_user_id",
                        "The key worker must be on this team.",
                    ));
                }
                Some(user.id)
            }
            None => None,
        };
        let entry = actor
            .audit(AuditAction::Update, "team_person")
            .object(team.id)
            .about(person.id);
        let row = TeamPersonRow {
            team_id: team.id,
            person_id: person.id,
            key_worker_user_id: key_worker,
        };
        change_team(conn, team, entry, |conn| Ok(row.put(conn)?))
    })
    .await?;
    Ok(HttpResponse::Ok().json(team))
}

#[utoipa::path(
    delete,
    path = "/api/v1/teams/{team_id}/persons/{person_id}",
    tag = "teams",
    summary = "The team no longer supports this person; idempotent",
    params(("team_id" = TeamId, Path), ("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = TeamDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such team or person", body = ErrorBody)
    )
)]
pub async fn remove_person(
    state: web::Data<AppState>,
    actor: CurrentUser,
    IdPairPath(team_id, person_id): IdPairPath<TeamId, PersonId>,
) -> Result<HttpResponse, AppError> {
    let team = db::run(&state.pool, move |conn| {
        let team = managed_team(conn, &actor, team_id)?;
        let person = person_row(conn, &actor, person_id)?;
        let entry = actor
            .audit(AuditAction::Delete, "team_person")
            .object(team.id)
            .about(person.id);
        let team_key = team.id;
        change_team(conn, team, entry, |conn| {
            TeamPersonRow::remove(conn, team_key, person.id)?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(team))
}

#[utoipa::path(
    put,
    path = "/api/v1/teams/{team_id}",
    tag = "teams",
    summary = "Rename a team (admins, managers on it)",
    params(("team_id" = TeamId, Path)),
    request_body = NewTeam,
    responses(
        (status = 200, body = TeamDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "On the team, but not its manager", body = ErrorBody),
        (status = 404, description = "No such team", body = ErrorBody),
        (status = 409, description = "Another team has this name", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn rename(
    state: web::Data<AppState>,
    actor: CurrentUser,
    IdPath(team_id): IdPath<TeamId>,
    body: Body<NewTeam>,
) -> Result<HttpResponse, AppError> {
    let name = body.into_inner().name;
    let team = db::run(&state.pool, move |conn| {
        let team = managed_team(conn, &actor, team_id)?;
        let name = checked_name(name)?;
        let entry = actor.audit(AuditAction::Update, "team").object(team.id);
        let team_key = team.id;
        let renamed = TeamRow {
            name: name.clone(),
            ..team
        };
        change_team(conn, renamed, entry, |conn| {
            TeamRow::rename(conn, team_key, &name).map_err(|error| duplicate_name(error.into()))?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(team))
}

#[utoipa::path(
    put,
    path = "/api/v1/persons/{person_id}/team",
    tag = "teams",
    summary = "Move a person to another team, with their key worker there (admins, managers on both teams)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    request_body = TeamMove,
    responses(
        (status = 200, body = TeamDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "On the team, but not its manager", body = ErrorBody),
        (status = 404, description = "No such team or person, or out of reach", body = ErrorBody),
        (status = 422, description = "The key worker is not on the new team", body = ErrorBody)
    )
)]
pub async fn move_person(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
    body: Body<TeamMove>,
) -> Result<HttpResponse, AppError> {
    let TeamMove {
        team_id,
        key_worker_user_id,
    } = body.into_inner();
    let team = db::run(&state.pool, move |conn| {
        let team = managed_team(conn, &actor, team_id)?;
        let person = person_row(conn, &actor, person_id)?;
        // A manager moves only the people of the teams they manage.
        if actor.role != Role::Admin {
            for current in TeamPersonRow::teams_of(conn, person.id)? {
                let current = TeamRow::find(conn, current)?.ok_or_else(no_team)?;
                let refused = actor.audit(AuditAction::Update, "team").object(current.id);
                let check = access::may_manage_team(conn, &actor, &current);
                audited(check, conn, &refused)?;
            }
        }
        let key_worker = match key_worker_user_id {
            Some(user_id) => {
                if !TeamMemberRow::is_member(conn, team.id, user_id)? {
                    return Err(AppError::invalid(
                        "key_worker_user_id",
                        "The key worker must be on the new team.",
                    ));
                }
                Some(user_id)
            }
            None => None,
        };
        let entry = actor
            .audit(AuditAction::Update, "team_person")
            .object(team.id)
            .about(person.id);
        let row = TeamPersonRow {
            team_id: team.id,
            person_id: person.id,
            key_worker_user_id: key_worker,
        };
        change_team(conn, team, entry, |conn| {
            TeamPersonRow::remove_everywhere(conn, person.id)?;
            row.put(conn)?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(team))
}

/// A team name as stored: trimmed, 1 to 200 characters.
fn checked_name(name: String) -> Result<String, AppError> {
    let name = name.trim().to_owned();
    if name.is_empty() || name.chars().count() > limits::NAME {
        return Err(AppError::invalid(
            "name",
            format!("Enter a team name of 1 to {} characters.", limits::NAME),
        ));
    }
    Ok(name)
}
