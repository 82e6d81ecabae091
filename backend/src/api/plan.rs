//! `GET /api/v1/persons/{person_id}/plan`: the whole current plan as one document.

use actix_web::{HttpResponse, web};
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::PersonId;

use crate::db::{self, model::plan_document};
use crate::error::AppError;
use crate::server::AppState;

pub async fn get(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let not_found = || AppError::client(ErrorCode::NotFound, "There is no plan for that person.");
    let person_id = PersonId::parse(&path).ok_or_else(not_found)?.to_string();
    let document = db::run(&state.pool, move |conn| {
        plan_document::load(conn, &person_id).map_err(AppError::from)
    })
    .await?
    .ok_or_else(not_found)?;
    Ok(HttpResponse::Ok().json(document))
}
