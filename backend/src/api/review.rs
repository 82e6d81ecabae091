//! Reviews in two parts: staff start the review that is due, or the person
//! asks for one at any time; a support worker writes Part 1 with the person and submits it,
//! which tells the managers on the person's team; a manager writes Part 2 and completes the
//! review, which agrees the plan as its next version. A completed review never changes.
//!
//! `GET`/`POST /persons/{id}/reviews`, `POST /persons/{id}/review-requests`,
//! `GET /persons/{id}/reviews/{review_id}`, `PUT …/part-one`, `POST …/part-one/submit`,
//! `PUT …/part-two`, `POST …/complete`. Every change names the version it read (`If-Match`).

use actix_web::HttpResponse;
use actix_web::http::header::ETAG;
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::{PersonId, PlanId, ReviewId};
use ourplan_shared::review::{Review, ReviewKind, ReviewStatus, ReviewStep};
use ourplan_shared::validation::FieldError;

use super::guard;
use crate::access::{self, PlanAccess};
use crate::auth::CurrentUser;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::person::PersonRow;
use crate::db::model::plan::PlanRow;
use crate::db::model::review::{ReviewGoalProgressRow, ReviewRow};
use crate::db::model::{UpdateOutcome, fresh_id, now};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::precondition;
use crate::notify::{self, Message};
use crate::server::AppState;

mod complete;
mod get;
mod list;
mod part_one;
mod part_two;
mod request;
mod start;
mod submit_part_one;

// Each handler with the `__path_` twin utoipa generates beside it, which `openapi.rs` reads.
pub use complete::{__path_complete, complete};
pub use get::{__path_get, get};
pub use list::{__path_list, list};
pub use part_one::{__path_part_one, part_one};
pub use part_two::{__path_part_two, part_two};
pub use request::{__path_request, request};
pub use start::{__path_start, start};
pub use submit_part_one::{__path_submit_part_one, submit_part_one};

fn respond(status: actix_web::http::StatusCode, review: &Review) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((ETAG, precondition::etag(review.row_version)))
        .json(review)
}

fn invalid(problems: Vec<FieldError>) -> Result<(), AppError> {
    match problems.into_iter().next() {
        Some(problem) => Err(AppError::invalid(problem.field, problem.message)),
        None => Ok(()),
    }
}

/// A review as the reader may see it: under consent, per-goal progress needs goals and
/// progress shared as well.
fn scoped(access: &PlanAccess, review: Review) -> Review {
    match access.sections() {
        Some(sections) => review.scoped_to(sections),
        None => review,
    }
}

fn plan_of(conn: &mut DbConnection, person_id: PersonId) -> Result<PlanRow, AppError> {
    PlanRow::for_person(conn, person_id)?.ok_or_else(access::not_found)
}

fn no_such_review() -> AppError {
    AppError::client(ErrorCode::NotFound, "There is no such review.")
}

/// One review of the plan, with its goal progress.
fn load(conn: &mut DbConnection, plan_id: PlanId, review_id: ReviewId) -> Result<Review, AppError> {
    let row = ReviewRow::find_in_plan(conn, plan_id, review_id)?.ok_or_else(no_such_review)?;
    let progress = ReviewGoalProgressRow::for_review(conn, review_id)?;
    Ok(row.into_wire(progress)?)
}

/// The person's name as others read it, for a notification.
fn name_of(conn: &mut DbConnection, person_id: PersonId) -> Result<String, AppError> {
    let person = PersonRow::find(conn, person_id)?.ok_or_else(access::not_found)?;
    Ok(person.preferred_name.unwrap_or(person.full_name))
}

/// A version-checked change: saved, or 412 with the review as it is now.
fn settled(
    conn: &mut DbConnection,
    outcome: UpdateOutcome,
    plan_id: PlanId,
    review_id: ReviewId,
) -> Result<(), AppError> {
    match outcome {
        UpdateOutcome::Updated { .. } => Ok(()),
        UpdateOutcome::NotFound => Err(no_such_review()),
        UpdateOutcome::Conflict { .. } => {
            let current = load(conn, plan_id, review_id)?;
            Err(AppError::Stale {
                current: serde_json::to_value(current)
                    .map_err(|e| AppError::Internal(format!("review to JSON: {e}")))?,
            })
        }
    }
}

fn wrong_stage(message: &str) -> AppError {
    AppError::client(ErrorCode::Conflict, message)
}

/// Creates a review row and its audit entry; tells the reviewers when asked for.
fn open_review(
    conn: &mut DbConnection,
    state: &AppState,
    entry: AuditEntry,
    row: ReviewRow,
    notice: Option<Message>,
    person_id: PersonId,
) -> Result<Review, AppError> {
    db::write_transaction(conn, |conn| {
        if ReviewRow::open_for_plan(conn, row.plan_id)?.is_some() {
            return Err(wrong_stage(
                "A review is already under way. Finish it before starting another.",
            ));
        }
        ReviewRow::insert_all(conn, std::slice::from_ref(&row))?;
        if let Some(mut message) = notice {
            message.review_id = Some(row.id);
            let to = notify::reviewers_of(conn, person_id, true)?;
            state.notifier.send(conn, &to, &message)?;
        }
        audit_event::append(conn, &[entry.object(row.id)])?;
        Ok(())
    })?;
    Ok(row.into_wire(Vec::new())?)
}

fn new_row(plan_id: PlanId, kind: ReviewKind, due_on: chrono::NaiveDate) -> ReviewRow {
    let at = now();
    ReviewRow {
        id: fresh_id(),
        plan_id: plan_id.to_owned(),
        kind,
        status: ReviewStatus::PartOne,
        due_on,
        requested_by: None,
        request_reason: None,
        what_is_working: None,
        what_is_not_working: None,
        persons_views: None,
        proposed_changes: None,
        part_one_by: None,
        part_one_submitted_at: None,
        outcome: None,
        changes_agreed: None,
        effectiveness_evidence: None,
        part_two_by: None,
        completed_at: None,
        resulting_version_id: None,
        row_version: 1,
        created_at: at,
        updated_at: at,
    }
}

/// What a change to a review works with once it may go ahead.
struct Change {
    plan_id: PlanId,
    read_version: i64,
    /// The review as it is now.
    review: Review,
    /// From the stage it is at to the stage after the step.
    moves: (ReviewStatus, ReviewStatus),
    entry: AuditEntry,
}

/// The first steps of every change to a review: access for `check` (a refusal audited), the
/// version read, and the review at the stage `step` is taken from, or 409 saying why not.
fn staged(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    (person_id, review_id): (PersonId, ReviewId),
    check: impl FnOnce(&PlanAccess) -> Result<(), AppError>,
    read_version: Result<i64, AppError>,
    step: ReviewStep,
) -> Result<Change, AppError> {
    let entry = actor
        .audit(AuditAction::Update, "review")
        .about(person_id)
        .object(review_id);
    guard::may_change(conn, actor, person_id, check, &entry)?;
    let plan_id = guard::plan_id(conn, person_id)?;
    let read_version = read_version?;
    let review = load(conn, plan_id, review_id)?;
    let next = step.from(review.status).map_err(wrong_stage)?;
    Ok(Change {
        plan_id,
        read_version,
        moves: (review.status, next),
        review,
        entry,
    })
}
