use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::PersonId;
use ourplan_shared::review::{NewReview, Review};
use ourplan_shared::timescale::{Triggers, next_review};
use ourplan_shared::validation::Validate;

use super::{invalid, new_row, open_review, plan_of, respond};
use crate::access;
use crate::api::guard;
use crate::api::path::PersonPath;
use crate::auth::CurrentUser;
use crate::db;
use crate::db::model::now;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::person::PersonRow;
use crate::db::model::review::ReviewRow;
use crate::error::AppError;
use crate::http::body::Body;
use crate::server::AppState;

#[utoipa::path(
    post, path = "/api/v1/persons/{person_id}/reviews", tag = "reviews",
    summary = "Start the review that is due (the first at 6 weeks, then as often as the organisation sets); a significant change makes it due today",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    request_body = NewReview,
    responses(
        (status = 201, body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only staff on the person's team start a review", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 409, description = "A review is already under way", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn start(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
    body: Body<NewReview>,
) -> Result<HttpResponse, AppError> {
    let request = body.into_inner();
    let review = db::run(&state.pool, {
        let state = state.clone();
        move |conn| {
            let entry = actor.audit(AuditAction::Create, "review").about(person_id);
            guard::may_change(conn, &actor, person_id, access::may_write_part_one, &entry)?;
            invalid(request.problems())?;
            let plan = plan_of(conn, person_id)?;
            let organisation =
                OrganisationRow::of_person(conn, person_id)?.ok_or_else(access::not_found)?;
            let person = PersonRow::find(conn, person_id)?.ok_or_else(access::not_found)?;
            let today = organisation.day_at(now());
            let last =
                ReviewRow::last_completed_at(conn, plan.id)?.map(|at| organisation.day_at(at));
            let triggers = Triggers {
                requested_on: None,
                significant_change_on: request.significant_change.then_some(today),
            };
            let due = next_review(
                person.support_started_on,
                last,
                triggers,
                organisation.review_policy(),
            );
            let mut row = new_row(plan.id, due.kind, due.due_on);
            row.request_reason = request.reason.filter(|r| !r.trim().is_empty());
            open_review(conn, &state, entry, row, None, person_id)
        }
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::CREATED, &review))
}
