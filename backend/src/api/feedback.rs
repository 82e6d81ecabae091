//! Feedback on the plan and how it is carried out: `GET`/`POST /persons/{id}/feedback`
//! and `POST /persons/{id}/feedback/{feedback_id}/response`. The person, family under any
//! active grant, and staff can compliment, comment, challenge or complain; staff answer. The
//! person and staff see all of it; a family member sees their own. It is shown again in the
//! next review's Part 1.

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::feedback::{Feedback, FeedbackInput, FeedbackResponse, FeedbackStatus};
use ourplan_shared::id::{FeedbackId, PersonId};
use ourplan_shared::validation::Validate;

use super::guard;
use crate::access::{self, PlanAccess};
use crate::api::path::{ItemPath, PersonPath};
use crate::auth::CurrentUser;
use crate::db::model::feedback::FeedbackRow;
use crate::db::model::{UpdateOutcome, audit_event, id, new_id, now, utc};
use crate::db::{self};
use crate::error::AppError;
use crate::http::body::Body;
use crate::http::precondition;
use crate::server::AppState;

fn respond_with(status: actix_web::http::StatusCode, feedback: &Feedback) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((ETAG, precondition::etag(feedback.row_version)))
        .json(feedback)
}

#[utoipa::path(
    get, path = "/api/v1/persons/{person_id}/feedback", tag = "feedback",
    summary = "Feedback on the plan, oldest first (a family member sees their own)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Vec<Feedback>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor.audit(AuditAction::Read, "feedback").about(person_id);
    let list = guard::audited_read(&state, entry, move |conn, entry| {
        let scope = guard::readable_plan(conn, &actor, person_id, None, entry)?;
        let own_only = matches!(scope.access, PlanAccess::Grant { .. });
        FeedbackRow::for_plan(conn, scope.plan_id)?
            .into_iter()
            .filter(|f| !own_only || f.author_user_id == Some(actor.user.id))
            .map(|f| Ok(f.into_wire()?))
            .collect::<Result<Vec<_>, AppError>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(
    post, path = "/api/v1/persons/{person_id}/feedback", tag = "feedback",
    summary = "Give a compliment, comment, challenge or complaint about the plan or how it is carried out",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    request_body = FeedbackInput,
    responses(
        (status = 201, body = Feedback, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
    body: Body<FeedbackInput>,
) -> Result<HttpResponse, AppError> {
    let input = body.into_inner();
    let feedback = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Create, "feedback")
            .about(person_id);
        let plan_access = guard::may_change(conn, &actor, person_id, access::may_change, &entry)?;
        if let Some(problem) = input.problems().into_iter().next() {
            return Err(AppError::invalid(problem.field, problem.message));
        }
        let at = now();
        let feedback = Feedback {
            id: id(&new_id())?,
            plan_id: guard::plan_id(conn, person_id)?,
            author_user_id: Some(actor.user.id),
            author_name: actor.user.display_name.clone(),
            kind: input.kind,
            about: input.about,
            text: input.text.trim().to_owned(),
            picture: input.picture,
            status: FeedbackStatus::Open,
            response: None,
            responded_by: None,
            responded_at: None,
            created_at: utc(at),
            row_version: 1,
        };
        let entry = entry.object(feedback.id).via(plan_access.grant_ids());
        db::write_transaction(conn, |conn| {
            FeedbackRow::insert_all(conn, &[FeedbackRow::from_wire(&feedback)])?;
            audit_event::append(conn, &[entry])?;
            Ok(())
        })?;
        Ok(feedback)
    })
    .await?;
    Ok(respond_with(
        actix_web::http::StatusCode::CREATED,
        &feedback,
    ))
}

#[utoipa::path(
    post, path = "/api/v1/persons/{person_id}/feedback/{feedback_id}/response", tag = "feedback",
    summary = "Staff answer feedback, and may close it",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("feedback_id" = FeedbackId, Path, description = "The feedback"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    request_body = FeedbackResponse,
    responses(
        (status = 200, body = Feedback, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The support team answers feedback", body = ErrorBody),
        (status = 404, description = "No such person or feedback, or out of reach", body = ErrorBody),
        (status = 409, description = "It is closed", body = ErrorBody),
        (status = 412, description = "Someone answered first", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn respond(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: ItemPath<FeedbackId>,
    body: Body<FeedbackResponse>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: feedback_id,
    } = path;
    let answer = body.into_inner();
    let read_version = precondition::if_match(&req);
    let feedback = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Update, "feedback")
            .about(person_id);
        guard::may_change(
            conn,
            &actor,
            person_id,
            access::may_respond_to_feedback,
            &entry,
        )?;
        let read_version = read_version?;
        if let Some(problem) = answer.problems().into_iter().next() {
            return Err(AppError::invalid(problem.field, problem.message));
        }
        let no_such = || AppError::client(ErrorCode::NotFound, "There is no such feedback.");
        let plan_id = guard::plan_id(conn, person_id)?;
        let row = FeedbackRow::find_in_plan(conn, plan_id, feedback_id)?.ok_or_else(no_such)?;
        if row.status == FeedbackStatus::Closed {
            return Err(AppError::client(
                ErrorCode::Conflict,
                "This feedback is closed.",
            ));
        }
        let status = if answer.close {
            FeedbackStatus::Closed
        } else {
            FeedbackStatus::Responded
        };
        db::write_transaction(conn, |conn| {
            match FeedbackRow::respond(
                conn,
                feedback_id,
                read_version,
                (answer.response.trim(), status),
                actor.user.id,
                now(),
            )? {
                UpdateOutcome::Updated { .. } => {}
                UpdateOutcome::Conflict { .. } => return Err(precondition::stale()),
                UpdateOutcome::NotFound => return Err(no_such()),
            }
            audit_event::append(conn, &[entry.object(feedback_id)])?;
            Ok(())
        })?;
        Ok(FeedbackRow::find_in_plan(conn, plan_id, feedback_id)?
            .ok_or_else(no_such)?
            .into_wire()?)
    })
    .await?;
    Ok(respond_with(actix_web::http::StatusCode::OK, &feedback))
}
