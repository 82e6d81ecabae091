use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::PersonId;
use ourplan_shared::review::Review;

use super::scoped;
use crate::api::guard;
use crate::api::path::PersonPath;
use crate::auth::CurrentUser;
use crate::db::model::review::{ReviewGoalProgressRow, ReviewRow};
use crate::error::AppError;
use crate::server::AppState;

#[utoipa::path(
    get, path = "/api/v1/persons/{person_id}/reviews", tag = "reviews",
    summary = "Every review of the plan, oldest first",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Vec<Review>),
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
    let entry = actor.audit(AuditAction::Read, "reviews").about(person_id);
    let reviews = guard::audited_read(&state, entry, move |conn, entry| {
        let scope =
            guard::readable_plan(conn, &actor, person_id, Some(PlanSection::Reviews), entry)?;
        let progress = ReviewGoalProgressRow::for_plan(conn, scope.plan_id)?;
        ReviewRow::for_plan(conn, scope.plan_id)?
            .into_iter()
            .map(|row| {
                let mine = progress
                    .iter()
                    .filter(|p| p.review_id == row.id)
                    .cloned()
                    .collect();
                Ok(scoped(&scope.access, row.into_wire(mine)?))
            })
            .collect::<Result<Vec<_>, AppError>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(reviews))
}
