//! `GET /api/v1/health`: is the database answering, which one, at which migration.

use actix_web::{HttpResponse, web};
use ourplan_shared::health::Health;

use crate::db::{self, migration};
use crate::error::AppError;
use crate::server::AppState;

#[utoipa::path(
    get,
    path = "/api/v1/health",
    tag = "system",
    summary = "Is the database answering, which one, at which migration",
    security(()),
    responses(
        (status = 200, body = Health)
    )
)]
pub async fn get(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let migration = db::run(&state.pool, |conn| {
        migration::current_version(conn).map_err(|error| AppError::Internal(error.to_string()))
    })
    .await?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ok".to_owned(),
        database: state.database,
        migration,
        version: env!("CARGO_PKG_VERSION").to_owned(),
    }))
}
