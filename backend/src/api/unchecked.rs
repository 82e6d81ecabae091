//! The bench's unchecked twins (issue 25 item 1), compiled only with the `bench` feature:
//! the whole-plan read and the goal save doing the same queries and writes as the real
//! routes, without the session check, the access check and the audit entry. `cargo xtask
//! bench` reports each real route's rate as a share of its twin's: what our own checks cost.
//! A normal build has no such routes.

use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::plan::Goal;

use super::plan::with_next_review;
use super::plan_item::{Item, check, not_found, respond, stale};
use crate::access;
use crate::api::path::{ItemPath, PersonPath};
use crate::db;
use crate::db::model::plan::PlanRow;
use crate::db::model::{UpdateOutcome, now, plan_document};
use crate::error::AppError;
use crate::http::body::Body;
use crate::http::precondition;
use crate::server::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/bench/unchecked/persons/{person_id}/plan",
        web::get().to(plan),
    )
    .route(
        "/bench/unchecked/persons/{person_id}/goals/{goal_id}",
        web::put().to(update::<Goal>),
    );
}

/// `GET /api/v1/persons/{id}/plan` for the person's team, unchecked.
async fn plan(
    state: web::Data<AppState>,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let document = db::run(&state.pool, move |conn| {
        let document = plan_document::load(conn, person_id)?.ok_or_else(access::not_found)?;
        with_next_review(conn, person_id, document)
    })
    .await?;
    Ok(HttpResponse::Ok().json(document))
}

/// `PUT /api/v1/persons/{id}/goals/{id}` with If-Match, unchecked.
async fn update<T: Item>(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: ItemPath<T::Id>,
    body: Body<T::Input>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: item_id,
    } = path;
    let read_version = precondition::if_match(&req)?;
    let input = body.into_inner();
    let item: T = db::run(&state.pool, move |conn| {
        let plan_id = PlanRow::for_person(conn, person_id)?
            .ok_or_else(access::not_found)?
            .id;
        let stored = T::find(conn, plan_id, item_id)?.ok_or_else(not_found::<T>)?;
        stored.kept_as_said()?;
        let item = T::revise(input, stored, read_version + 1);
        check(conn, plan_id, &item)?;
        db::write_transaction(conn, |conn| {
            match item.update(conn, read_version)? {
                UpdateOutcome::Updated { .. } => {}
                UpdateOutcome::Conflict { .. } => return Err(stale::<T>(conn, plan_id, item_id)),
                UpdateOutcome::NotFound => return Err(not_found::<T>()),
            }
            PlanRow::edited(conn, plan_id, now())?;
            Ok(())
        })?;
        Ok(item)
    })
    .await?;
    Ok(respond(HttpResponse::Ok(), &item))
}
