use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::PersonId;
use ourplan_shared::notification::NotificationKind;
use ourplan_shared::review::{self, Review, ReviewKind, ReviewRequest};
use ourplan_shared::validation::Validate;

use super::{invalid, name_of, new_row, open_review, plan_of, respond};
use crate::access::{self, PlanAccess};
use crate::api::guard;
use crate::api::path::PersonPath;
use crate::auth::CurrentUser;
use crate::db;
use crate::db::model::audit_event;
use crate::db::model::now;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::review::{ReviewGoalProgressRow, ReviewRow};
use crate::error::AppError;
use crate::http::body::Body;
use crate::notify::Message;
use crate::server::AppState;

#[utoipa::path(
    post, path = "/api/v1/persons/{person_id}/review-requests", tag = "reviews",
    summary = "The person asks for a review now (staff may ask for them); their key worker and managers are told. Asking again while one is under way gives that review",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    request_body = ReviewRequest,
    responses(
        (status = 201, description = "A review was asked for", body = Review, headers(("ETag" = String))),
        (status = 200, description = "A review is already under way", body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Family members cannot ask for a review", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn request(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
    body: Body<ReviewRequest>,
) -> Result<HttpResponse, AppError> {
    let request = body.into_inner();
    let (created, review) = db::run(&state.pool, {
        let state = state.clone();
        move |conn| {
            let entry = actor.audit(AuditAction::Create, "review").about(person_id);
            let plan_access =
                guard::may_change(conn, &actor, person_id, access::may_request_review, &entry)?;
            invalid(request.problems())?;
            let plan = plan_of(conn, person_id)?;
            if let Some(open) = ReviewRow::open_for_plan(conn, plan.id)? {
                // Asking again gives the review under way: that is a read of it.
                let read = actor
                    .audit(AuditAction::Read, "review")
                    .about(person_id)
                    .object(open.id);
                audit_event::append(conn, &[read])?;
                let progress = ReviewGoalProgressRow::for_review(conn, open.id)?;
                return Ok((false, open.into_wire(progress)?));
            }
            let organisation =
                OrganisationRow::of_person(conn, person_id)?.ok_or_else(access::not_found)?;
            let mut row = new_row(plan.id, ReviewKind::Requested, organisation.day_at(now()));
            row.requested_by = Some(actor.user.id);
            row.request_reason = request.reason.filter(|r| !r.trim().is_empty());
            let name = name_of(conn, person_id)?;
            let asked_by =
                (plan_access != PlanAccess::Owner).then_some(actor.user.display_name.as_str());
            let text = review::review_requested(&name, asked_by);
            let notice = Message {
                kind: NotificationKind::ReviewRequested,
                person_id,
                review_id: None,
                text,
                date: None,
                variant: None,
            };
            let review = open_review(conn, &state, entry, row, Some(notice), person_id)?;
            Ok((true, review))
        }
    })
    .await?;
    let status = if created {
        actix_web::http::StatusCode::CREATED
    } else {
        actix_web::http::StatusCode::OK
    };
    Ok(respond(status, &review))
}
