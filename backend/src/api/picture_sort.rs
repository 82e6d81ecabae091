//! Picture sorts, the person's views gathered with picture cards (see
//! `shared::picture_sort`):
//!
//! - `POST /persons/{id}/picture-sorts`: a finished sort, by the person or their team with
//!   them; for a review only while its Part 1 is under way;
//! - `GET /persons/{id}/picture-sorts`: every sort, newest first, to readers of reviews.

use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::{GoalId, PersonId, PlanId, ReviewId};
use ourplan_shared::picture_sort::{self, PictureSort, PictureSortInput, SortTopic};
use ourplan_shared::review::ReviewStatus;

use super::guard::{self, plan_id};
use crate::access;
use crate::api::path::PersonPath;
use crate::auth::CurrentUser;
use crate::db::model::audit_event;
use crate::db::model::goal::GoalRow;
use crate::db::model::picture_sort::{self as model, NewPictureSort};
use crate::db::model::review::ReviewRow;
use crate::db::model::{new_id, now};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::Body;
use crate::server::AppState;

const ENTITY: &str = "picture_sort";

/// The goal's words as the person reads them, when the sort is about a goal of this plan.
fn goal_words(
    conn: &mut DbConnection,
    plan_id: PlanId,
    goal_id: GoalId,
) -> Result<String, AppError> {
    let goal = GoalRow::find(conn, goal_id)?
        .filter(|g| g.plan_id == plan_id)
        .ok_or_else(|| {
            AppError::client(ErrorCode::NotFound, "There is no such goal in this plan.")
        })?;
    Ok(goal
        .easy_read
        .filter(|w| !w.trim().is_empty())
        .unwrap_or(goal.text))
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/picture-sorts",
    tag = "reviews",
    summary = "Keep the person's views as they sorted picture cards onto good, not sure and not good (the person, or their team with them)",
    params(("person_id" = PersonId, Path, description = "The person")),
    request_body = PictureSortInput,
    responses(
        (status = 201, body = PictureSort),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the person, or their team with them", body = ErrorBody),
        (status = 404, description = "No such person, goal or review, or out of reach", body = ErrorBody),
        (status = 409, description = "The review's Part 1 is finished", body = ErrorBody),
        (status = 422, description = "Too few or too many cards, or a card without a picture or words", body = ErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    PersonPath(person_id): PersonPath,
    body: Body<PictureSortInput>,
) -> Result<HttpResponse, AppError> {
    let input = body.into_inner();
    let sort = db::run(&state.pool, move |conn| {
        let id = new_id();
        let entry = actor
            .audit(AuditAction::Create, ENTITY)
            .about(person_id)
            .object(&id);
        guard::may_change(conn, &actor, person_id, access::may_write_own_words, &entry)?;
        if let Some((field, message)) = input.problem() {
            return Err(AppError::invalid(field, message));
        }
        let plan_id = plan_id(conn, person_id)?;
        let no_such_goal =
            || AppError::client(ErrorCode::NotFound, "There is no such goal in this plan.");
        let topic_words = match (input.topic, input.goal_id.as_deref()) {
            (SortTopic::Goal, Some(goal)) => {
                goal_words(conn, plan_id, GoalId::parse(goal).ok_or_else(no_such_goal)?)?
            }
            (topic, _) => picture_sort::topic_words(topic, None),
        };
        if let Some(review) = input.review_id.as_deref() {
            let no_such_review =
                || AppError::client(ErrorCode::NotFound, "There is no such review of this plan.");
            let review = ReviewId::parse(review).ok_or_else(no_such_review)?;
            let review =
                ReviewRow::find_in_plan(conn, plan_id, review)?.ok_or_else(no_such_review)?;
            if review.status != ReviewStatus::PartOne {
                return Err(AppError::client(
                    ErrorCode::Conflict,
                    "Part 1 of this review is finished: keep these views without the review.",
                ));
            }
        }
        let cards = serde_json::to_string(&input.cards)
            .map_err(|e| AppError::Internal(format!("cards to JSON: {e}")))?;
        db::write_transaction(conn, |conn| {
            model::insert(
                conn,
                &NewPictureSort {
                    id: &id,
                    plan_id,
                    review_id: input.review_id.as_deref(),
                    topic: input.topic,
                    goal_id: input.goal_id.as_deref(),
                    topic_words: &topic_words,
                    cards: &cards,
                    sorted_by: actor.user.id,
                    sorted_at: now(),
                },
            )?;
            audit_event::append(conn, std::slice::from_ref(&entry))?;
            model::list(conn, plan_id)?
                .into_iter()
                .find(|s| s.id == id)
                .ok_or_else(|| AppError::Internal("the new sort was not kept".to_owned()))
        })
    })
    .await?;
    let location = format!("{}/{}", req.path().trim_end_matches('/'), sort.id);
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, location))
        .json(sort))
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/picture-sorts",
    tag = "reviews",
    summary = "The person's picture sorts, newest first (to readers of reviews)",
    params(("person_id" = PersonId, Path, description = "The person")),
    responses(
        (status = 200, body = Vec<PictureSort>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Reviews are not shared with you", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor.audit(AuditAction::Read, ENTITY).about(person_id);
    let sorts = guard::audited_read(&state, entry, move |conn, entry| {
        let scope =
            guard::readable_plan(conn, &actor, person_id, Some(PlanSection::Reviews), entry)?;
        Ok(model::list(conn, scope.plan_id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(sorts))
}
