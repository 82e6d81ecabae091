use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::{PersonId, ReviewId};
use ourplan_shared::plan::SignerRole;
use ourplan_shared::review::{Review, ReviewStep};

use super::{invalid, load, respond, settled, staged};
use crate::access;
use crate::api::agreement;
use crate::api::path::ItemPath;
use crate::auth::CurrentUser;
use crate::db;
use crate::db::model::audit_event;
use crate::db::model::plan::PlanRow;
use crate::db::model::review::ReviewRow;
use crate::db::model::signature::SignatureRow;
use crate::db::model::{fresh_id, now};
use crate::error::AppError;
use crate::http::precondition;
use crate::server::AppState;

#[utoipa::path(
    post, path = "/api/v1/persons/{person_id}/reviews/{review_id}/complete", tag = "reviews",
    summary = "Complete the review: the manager signs, the plan is agreed as its next version with what the review changed, and the review can never change again",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("review_id" = ReviewId, Path, description = "The review"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Completing a review is for a manager on the person's team", body = ErrorBody),
        (status = 404, description = "No such person or review, or out of reach", body = ErrorBody),
        (status = 409, description = "Part 1 is not submitted yet, or the review is complete", body = ErrorBody),
        (status = 412, description = "Someone saved first; `current` is the review now", body = ErrorBody),
        (status = 422, description = "Part 2 is not finished; `field` names what is missing", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn complete(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: ItemPath<ReviewId>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: review_id,
    } = path;
    let read_version = precondition::if_match(&req);
    let review = db::run(&state.pool, move |conn| {
        let change = staged(
            conn,
            &actor,
            (person_id, review_id),
            |a| access::may_write_part_two(&actor, a),
            read_version,
            ReviewStep::Complete,
        )?;
        let part = change.review.part_two_input();
        invalid(part.completion_problems())?;
        let review_id = change.review.id;
        db::write_transaction(conn, |conn| {
            let plan = PlanRow::lock(conn, change.plan_id)?;
            let at = now();
            SignatureRow::insert_all(
                conn,
                &[SignatureRow {
                    id: fresh_id(),
                    plan_id: plan.id,
                    plan_version_id: None,
                    signer_user_id: Some(actor.user.id),
                    signer_name: actor.user.display_name.clone(),
                    signer_role: SignerRole::Manager,
                    signed_at: at,
                    reason: None,
                    plan_row_version: Some(plan.row_version),
                }],
            )?;
            let preface = format!("From the review: {}", part.changes_agreed.trim());
            let completed_id = change.review.id;
            let version = agreement::agree(
                conn,
                person_id,
                &plan,
                actor.user.id,
                Some(&preface),
                |document| {
                    if let Some(r) = document.reviews.iter_mut().find(|r| r.id == completed_id) {
                        r.status = change.moves.1;
                    }
                },
            )?;
            let version_id = version.id;
            let outcome = ReviewRow::advance(
                conn,
                review_id,
                change.read_version,
                change.moves,
                Some(version_id),
                at,
            )?;
            settled(conn, outcome, change.plan_id, review_id)?;
            audit_event::append(
                conn,
                &[
                    change.entry.clone(),
                    actor
                        .audit(AuditAction::Agree, "plan_version")
                        .about(person_id)
                        .object(version_id),
                ],
            )?;
            Ok(())
        })?;
        load(conn, change.plan_id, review_id)
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &review))
}
