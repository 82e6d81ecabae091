use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::{PersonId, ReviewId};
use ourplan_shared::review::Review;

use super::{load, respond, scoped};
use crate::api::guard;
use crate::api::path::ItemPath;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::server::AppState;

#[utoipa::path(
    get, path = "/api/v1/persons/{person_id}/reviews/{review_id}", tag = "reviews",
    summary = "One review, with its ETag",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("review_id" = ReviewId, Path, description = "The review"),
    ),
    responses(
        (status = 200, body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Reviews are not shared with you", body = ErrorBody),
        (status = 404, description = "No such person or review, or out of reach", body = ErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<String>,
) -> Result<HttpResponse, AppError> {
    // Read as text so that even a path that names no review is audited as a read (as
    // "invalid"), then refused as not found.
    let ItemPath {
        person: person_id,
        item: review_id,
    } = path;
    let entry = actor
        .audit(AuditAction::Read, "review")
        .about(person_id)
        .object(&review_id);
    let review = guard::audited_read(&state, entry, move |conn, entry| {
        let scope =
            guard::readable_plan(conn, &actor, person_id, Some(PlanSection::Reviews), entry)?;
        let review_id = ReviewId::parse(&review_id).ok_or_else(super::no_such_review)?;
        Ok(scoped(&scope.access, load(conn, scope.plan_id, review_id)?))
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &review))
}
