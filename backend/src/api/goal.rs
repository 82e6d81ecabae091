//! Goals: `POST /persons/{id}/goals` (with `Idempotency-Key`),
//! `GET`/`PUT`/`DELETE /persons/{id}/goals/{goal_id}` (updates and deletes with `If-Match`).
//! The shared SMART rules decide what is valid, with the same words the browser shows. An edit
//! after agreement makes the plan a draft of its next version; the agreed one stays as it was.

use actix_web::http::header::{ETAG, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::{GoalId, PersonId};
use ourplan_shared::plan::{Goal, GoalInput};
use ourplan_shared::validation::Validate;

use super::guard::{self, audited, person_id};
use crate::access::{self, PlanAccess};
use crate::audit::Read;
use crate::auth::CurrentUser;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::finding::FindingRow;
use crate::db::model::goal::{self as goal_rows, GoalChanges, GoalNeedRow, GoalRow};
use crate::db::model::plan::PlanRow;
use crate::db::model::{UpdateOutcome, id, now};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::Body;
use crate::http::{idempotency, precondition};
use crate::server::AppState;

fn no_goal() -> AppError {
    AppError::client(ErrorCode::NotFound, "There is no such goal in this plan.")
}

fn goal_id(text: &str) -> Result<String, AppError> {
    Ok(GoalId::parse(text).ok_or_else(no_goal)?.to_string())
}

fn with_etag(mut response: actix_web::HttpResponseBuilder, goal: &Goal) -> HttpResponse {
    response
        .insert_header((ETAG, precondition::etag(goal.row_version)))
        .json(goal)
}

/// The plan's id, after the named check that the actor may write it.
fn editable_plan(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: &str,
    entry: &AuditEntry,
) -> Result<String, AppError> {
    let plan_access = audited(
        access::may_read_plan(conn, actor, person_id, now()),
        conn,
        entry,
    )?;
    audited(access::may_edit_plan(&plan_access), conn, entry)?;
    Ok(PlanRow::for_person(conn, person_id)?
        .ok_or_else(access::not_found)?
        .id)
}

/// The first problem with a goal, as a 422 naming its field; or a need from another plan.
fn check(conn: &mut DbConnection, plan_id: &str, goal: &Goal) -> Result<(), AppError> {
    if let Some(problem) = goal.problems().into_iter().next() {
        return Err(AppError::invalid(problem.field, problem.message));
    }
    let mut findings: Vec<String> = goal.addresses.iter().map(ToString::to_string).collect();
    findings.sort();
    findings.dedup();
    if FindingRow::count_in_plan(conn, plan_id, &findings)? != findings.len() as i64 {
        return Err(AppError::invalid(
            "addresses",
            "Choose needs from this person's plan.",
        ));
    }
    Ok(())
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/goals",
    tag = "plan",
    summary = "Add a goal (staff on the person's team)",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("Idempotency-Key" = Option<String>, Header, description = "Send the same key again and you get the same goal, never a second one"),
    ),
    request_body = GoalInput,
    responses(
        (status = 201, body = Goal, headers(("ETag" = String), ("Location" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "May see the plan but not change it", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: web::Path<String>,
    body: Body<GoalInput>,
) -> Result<HttpResponse, AppError> {
    let person_id = person_id(&path)?;
    let input = body.into_inner();
    let key = idempotency::key(&req)?;
    let hash = idempotency::request_hash("POST", req.path(), &input);
    let goal = db::run(&state.pool, move |conn| {
        let entry = actor.audit(AuditAction::Create, "goal").about(&person_id);
        let plan_id = editable_plan(conn, &actor, &person_id, &entry)?;
        let user_id = actor.user.id.clone();
        idempotency::create_once(conn, &user_id, key.as_deref(), &hash, |conn| {
            let at = now();
            let position = GoalRow::next_position(conn, &plan_id)?;
            let goal = input.into_goal(GoalId(uuid::Uuid::now_v7()), id(&plan_id)?, position, 1);
            check(conn, &plan_id, &goal)?;
            GoalRow::insert_all(conn, &[GoalRow::from_wire(&goal, at)])?;
            GoalNeedRow::replace(conn, &goal.id.to_string(), &goal.addresses)?;
            PlanRow::edited(conn, &plan_id, at)?;
            audit_event::append(conn, &[entry.object(&goal.id.to_string())])?;
            Ok(goal)
        })
    })
    .await?;
    let location = format!("{}/{}", req.path().trim_end_matches('/'), goal.id);
    Ok(with_etag(
        HttpResponse::Created()
            .insert_header((LOCATION, location))
            .take(),
        &goal,
    ))
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/goals/{goal_id}",
    tag = "plan",
    summary = "One goal, with its ETag (audited)",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("goal_id" = GoalId, Path, description = "The goal"),
    ),
    responses(
        (status = 200, body = Goal, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Goals are not shared with you", body = ErrorBody),
        (status = 404, description = "No such person or goal, or out of reach", body = ErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (person, goal) = path.into_inner();
    let person_id = person_id(&person)?;
    let goal_id = goal_id(&goal)?;
    let goal = guard::read(&state, move |conn| {
        let mut entry = actor
            .audit(AuditAction::Read, "goal")
            .about(&person_id)
            .object(&goal_id);
        let result = (|| {
            let plan_access = access::may_read_plan(conn, &actor, &person_id, now())?;
            access::may_read_section(&plan_access, PlanSection::Goals)?;
            if let PlanAccess::Grant { grant_ids, .. } = &plan_access {
                entry = entry.clone().via(grant_ids);
            }
            let plan_id = PlanRow::for_person(conn, &person_id)?
                .ok_or_else(access::not_found)?
                .id;
            GoalRow::find_in_plan(conn, &plan_id, &goal_id)?.ok_or_else(no_goal)
        })();
        Read { entry, result }
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &goal))
}

#[utoipa::path(
    put,
    path = "/api/v1/persons/{person_id}/goals/{goal_id}",
    tag = "plan",
    summary = "Change a goal, naming the version you read",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("goal_id" = GoalId, Path, description = "The goal"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    request_body = GoalInput,
    responses(
        (status = 200, body = Goal, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "May see the plan but not change it", body = ErrorBody),
        (status = 404, description = "No such person or goal, or out of reach", body = ErrorBody),
        (status = 412, description = "Someone saved first: nothing changed; `current` is their version", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: Body<GoalInput>,
) -> Result<HttpResponse, AppError> {
    let (person, goal) = path.into_inner();
    let person_id = person_id(&person)?;
    let goal_id = goal_id(&goal)?;
    let read_version = precondition::if_match(&req);
    let input = body.into_inner();
    let goal = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Update, "goal")
            .about(&person_id)
            .object(&goal_id);
        let plan_id = editable_plan(conn, &actor, &person_id, &entry)?;
        let read_version = read_version?;
        let stored = GoalRow::find_in_plan(conn, &plan_id, &goal_id)?.ok_or_else(no_goal)?;
        let goal = input.into_goal(stored.id, stored.plan_id, stored.position, read_version + 1);
        check(conn, &plan_id, &goal)?;
        db::write_transaction(conn, |conn| {
            match goal_rows::update(conn, &goal_id, read_version, &GoalChanges::from_wire(&goal))? {
                UpdateOutcome::Updated { .. } => {}
                UpdateOutcome::Conflict { .. } => return Err(stale(conn, &plan_id, &goal_id)),
                UpdateOutcome::NotFound => return Err(no_goal()),
            }
            GoalNeedRow::replace(conn, &goal_id, &goal.addresses)?;
            PlanRow::edited(conn, &plan_id, now())?;
            audit_event::append(conn, &[entry])?;
            Ok(())
        })?;
        Ok(goal)
    })
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &goal))
}

#[utoipa::path(
    delete,
    path = "/api/v1/persons/{person_id}/goals/{goal_id}",
    tag = "plan",
    summary = "Remove a goal that has no support or progress recorded against it",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("goal_id" = GoalId, Path, description = "The goal"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 204, description = "Removed from the draft; agreed versions keep it"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "May see the plan but not change it", body = ErrorBody),
        (status = 404, description = "No such person or goal, or out of reach", body = ErrorBody),
        (status = 409, description = "Support or progress is recorded against it: mark it discontinued instead", body = ErrorBody),
        (status = 412, description = "Someone saved first: nothing changed; `current` is their version", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (person, goal) = path.into_inner();
    let person_id = person_id(&person)?;
    let goal_id = goal_id(&goal)?;
    let read_version = precondition::if_match(&req);
    db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Delete, "goal")
            .about(&person_id)
            .object(&goal_id);
        let plan_id = editable_plan(conn, &actor, &person_id, &entry)?;
        let read_version = read_version?;
        GoalRow::find_in_plan(conn, &plan_id, &goal_id)?.ok_or_else(no_goal)?;
        if GoalRow::has_records(conn, &goal_id)? {
            return Err(AppError::client(
                ErrorCode::Conflict,
                "Support or progress is recorded against this goal, so it stays as evidence. Mark it as discontinued instead.",
            ));
        }
        db::write_transaction(conn, |conn| {
            match GoalRow::delete(conn, &goal_id, read_version)? {
                UpdateOutcome::Updated { .. } => {}
                UpdateOutcome::Conflict { .. } => return Err(stale(conn, &plan_id, &goal_id)),
                UpdateOutcome::NotFound => return Err(no_goal()),
            }
            PlanRow::edited(conn, &plan_id, now())?;
            audit_event::append(conn, &[entry])?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 412 with the goal as it is now.
fn stale(conn: &mut DbConnection, plan_id: &str, goal_id: &str) -> AppError {
    match GoalRow::find_in_plan(conn, plan_id, goal_id) {
        Ok(Some(current)) => match serde_json::to_value(current) {
            Ok(current) => AppError::Stale { current },
            Err(error) => AppError::Internal(format!("goal to JSON: {error}")),
        },
        Ok(None) => no_goal(),
        Err(error) => error.into(),
    }
}
