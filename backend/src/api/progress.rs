//! Progress check-ins per goal: `GET`/`POST /persons/{id}/goals/{goal_id}/progress`.
//! A check-in records the date, who, progress against the goal's measure, what changed for
//! better and worse, barriers and the person's own view. Check-ins are evidence: added, never
//! changed (the database refuses), so a correction is a new check-in.

use actix_web::http::header::ETAG;
use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::{GoalId, PersonId, PlanId};
use ourplan_shared::progress::{ProgressInput, ProgressNote};
use ourplan_shared::validation::Validate;

use super::guard;
use crate::access;
use crate::api::path::ItemPath;
use crate::auth::CurrentUser;
use crate::db::model::audit_event;
use crate::db::model::goal::GoalRow;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::plan::PlanRow;
use crate::db::model::progress_note::ProgressNoteRow;
use crate::db::model::{id, new_id, now, utc};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::Body;
use crate::http::precondition;
use crate::server::AppState;

/// The plan and the goal in it named by the path.
fn goal_of(
    conn: &mut DbConnection,
    person_id: PersonId,
    goal_id: GoalId,
) -> Result<(PlanId, GoalId), AppError> {
    let no_such = || AppError::client(ErrorCode::NotFound, "There is no such goal.");
    let plan = PlanRow::for_person(conn, person_id)?.ok_or_else(access::not_found)?;
    GoalRow::find_in_plan(conn, plan.id, goal_id)?.ok_or_else(no_such)?;
    Ok((plan.id, goal_id))
}

#[utoipa::path(
    get, path = "/api/v1/persons/{person_id}/goals/{goal_id}/progress", tag = "progress",
    summary = "A goal's check-ins, oldest first",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("goal_id" = GoalId, Path, description = "The goal"),
    ),
    responses(
        (status = 200, body = Vec<ProgressNote>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Progress is not shared with you", body = ErrorBody),
        (status = 404, description = "No such person or goal, or out of reach", body = ErrorBody),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<GoalId>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: goal,
    } = path;
    let entry = actor
        .audit(AuditAction::Read, "progress")
        .about(person_id)
        .object(goal);
    let notes = guard::audited_read(&state, entry, move |conn, entry| {
        let plan_access = access::may_read_plan(conn, &actor, person_id, now())?;
        access::may_read_section(&plan_access, PlanSection::Progress)?;
        *entry = entry.clone().via(plan_access.grant_ids());
        let (_, goal_id) = goal_of(conn, person_id, goal)?;
        ProgressNoteRow::for_goal(conn, goal_id)?
            .into_iter()
            .map(|row| Ok(row.into_wire()?))
            .collect::<Result<Vec<_>, AppError>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(notes))
}

#[utoipa::path(
    post, path = "/api/v1/persons/{person_id}/goals/{goal_id}/progress", tag = "progress",
    summary = "Record a check-in on a goal (staff with the person, or the person themselves); never changed afterwards",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("goal_id" = GoalId, Path, description = "The goal"),
    ),
    request_body = ProgressInput,
    responses(
        (status = 201, body = ProgressNote, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Family members cannot record progress", body = ErrorBody),
        (status = 404, description = "No such person or goal, or out of reach", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<GoalId>,
    body: Body<ProgressInput>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: goal,
    } = path;
    let input = body.into_inner();
    let note = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Create, "progress_note")
            .about(person_id);
        guard::may_change(conn, &actor, person_id, access::may_write_own_words, &entry)?;
        let (plan_id, goal_id) = goal_of(conn, person_id, goal)?;
        if let Some(problem) = input.problems().into_iter().next() {
            return Err(AppError::invalid(problem.field, problem.message));
        }
        let organisation =
            OrganisationRow::of_person(conn, person_id)?.ok_or_else(access::not_found)?;
        if input.recorded_on > organisation.day_at(now()) {
            return Err(AppError::invalid(
                "recorded_on",
                "The date of a check-in cannot be in the future.",
            ));
        }
        let at = now();
        let note = ProgressNote {
            id: id(&new_id())?,
            plan_id,
            goal_id,
            recorded_on: input.recorded_on,
            recorded_by: Some(actor.user.id),
            progress: input.progress.trim().to_owned(),
            measure_value: input.measure_value.filter(|v| !v.trim().is_empty()),
            positive_changes: input.positive_changes,
            negative_changes: input.negative_changes,
            barriers: input.barriers,
            own_words: input.own_words.filter(|w| !w.trim().is_empty()),
            picture: input.picture,
            created_at: utc(at),
        };
        db::write_transaction(conn, |conn| {
            ProgressNoteRow::insert_all(conn, &[ProgressNoteRow::from_wire(&note)])?;
            audit_event::append(conn, &[entry.object(note.id)])?;
            Ok(())
        })?;
        Ok(note)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((ETAG, precondition::etag(1)))
        .json(note))
}
