use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::{PersonId, ReviewId};
use ourplan_shared::review::{PartTwoInput, Review, ReviewStep};
use ourplan_shared::validation::Validate;

use super::{invalid, load, respond, settled, staged};
use crate::access;
use crate::api::path::ItemPath;
use crate::auth::CurrentUser;
use crate::db;
use crate::db::model::audit_event;
use crate::db::model::now;
use crate::db::model::review::ReviewRow;
use crate::error::AppError;
use crate::http::body::Body;
use crate::http::precondition;
use crate::server::AppState;

#[utoipa::path(
    put, path = "/api/v1/persons/{person_id}/reviews/{review_id}/part-two", tag = "reviews",
    summary = "Write Part 2: the outcome, the changes agreed and the evidence of whether the plan works (managers)",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("review_id" = ReviewId, Path, description = "The review"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    request_body = PartTwoInput,
    responses(
        (status = 200, body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Part 2 is for a manager on the person's team", body = ErrorBody),
        (status = 404, description = "No such person or review, or out of reach", body = ErrorBody),
        (status = 409, description = "Part 1 is not submitted yet, or the review is complete", body = ErrorBody),
        (status = 412, description = "Someone saved first; `current` is the review now", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn part_two(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: ItemPath<ReviewId>,
    body: Body<PartTwoInput>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: review_id,
    } = path;
    let part = body.into_inner();
    let read_version = precondition::if_match(&req);
    let review = db::run(&state.pool, move |conn| {
        let change = staged(
            conn,
            &actor,
            (person_id, review_id),
            |a| access::may_write_part_two(&actor, a),
            read_version,
            ReviewStep::WritePartTwo,
        )?;
        invalid(part.problems())?;
        let review_id = change.review.id;
        db::write_transaction(conn, |conn| {
            let outcome = ReviewRow::write_part_two(
                conn,
                review_id,
                change.read_version,
                &part,
                actor.user.id,
                now(),
            )?;
            settled(conn, outcome, change.plan_id, review_id)?;
            audit_event::append(conn, std::slice::from_ref(&change.entry))?;
            Ok(())
        })?;
        load(conn, change.plan_id, review_id)
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &review))
}
