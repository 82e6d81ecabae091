use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::{PersonId, ReviewId};
use ourplan_shared::notification::NotificationKind;
use ourplan_shared::review::{self, Review, ReviewStep};

use super::{invalid, load, name_of, respond, settled, staged};
use crate::access;
use crate::api::path::ItemPath;
use crate::auth::CurrentUser;
use crate::db;
use crate::db::model::audit_event;
use crate::db::model::goal::GoalRow;
use crate::db::model::now;
use crate::db::model::review::ReviewRow;
use crate::error::AppError;
use crate::http::precondition;
use crate::notify::{self, Message};
use crate::server::AppState;

#[utoipa::path(
    post, path = "/api/v1/persons/{person_id}/reviews/{review_id}/part-one/submit", tag = "reviews",
    summary = "Submit Part 1: it can no longer change, and the managers on the person's team are told Part 2 waits for them",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("review_id" = ReviewId, Path, description = "The review"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, body = Review, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only staff on the person's team submit Part 1", body = ErrorBody),
        (status = 404, description = "No such person or review, or out of reach", body = ErrorBody),
        (status = 409, description = "Part 1 has been submitted already", body = ErrorBody),
        (status = 412, description = "Someone saved first; `current` is the review now", body = ErrorBody),
        (status = 422, description = "Part 1 is not finished; `field` names what is missing", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn submit_part_one(
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
    let review = db::run(&state.pool, {
        let state = state.clone();
        move |conn| {
            let change = staged(
                conn,
                &actor,
                (person_id, review_id),
                access::may_write_part_one,
                read_version,
                ReviewStep::SubmitPartOne,
            )?;
            let goals: Vec<_> = GoalRow::for_plan(conn, change.plan_id)?
                .into_iter()
                .filter(|g| g.status.is_open())
                .map(|g| g.id)
                .collect();
            invalid(change.review.part_one_input().submission_problems(&goals))?;
            let review_id = change.review.id;
            let name = name_of(conn, person_id)?;
            db::write_transaction(conn, |conn| {
                let outcome = ReviewRow::advance(
                    conn,
                    review_id,
                    change.read_version,
                    change.moves,
                    None,
                    now(),
                )?;
                settled(conn, outcome, change.plan_id, review_id)?;
                let managers = notify::reviewers_of(conn, person_id, false)?;
                state.notifier.send(
                    conn,
                    &managers,
                    &Message {
                        kind: NotificationKind::PartTwoWaiting,
                        person_id,
                        review_id: Some(review_id),
                        text: review::part_two_waiting(&name),
                        date: None,
                        variant: None,
                    },
                )?;
                audit_event::append(conn, std::slice::from_ref(&change.entry))?;
                Ok(())
            })?;
            load(conn, change.plan_id, review_id)
        }
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &review))
}
