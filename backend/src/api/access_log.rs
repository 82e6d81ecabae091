//! `GET /api/v1/persons/{person_id}/access-log`: who has looked at or changed the plan,
//! newest first. Looking at it is audited too.

use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AccessLogEntry;
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::PersonId;

use super::guard;
use crate::access;
use crate::api::path::PersonPath;
use crate::auth::CurrentUser;
use crate::db::model::audit_event::AuditEventRow;
use crate::error::AppError;
use crate::server::AppState;

/// Entries shown at once; the rest stay in the trail.
const LIMIT: i64 = 200;

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/access-log",
    tag = "audit",
    summary = "Who has looked at or changed the plan (R-11)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Vec<AccessLogEntry>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody)
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor
        .audit(AuditAction::Read, "access_log")
        .about(person_id);
    let entries = guard::audited_read(&state, entry, move |conn, _| {
        access::may_see_access_log(conn, &actor, person_id)
            .and_then(|()| Ok(AuditEventRow::access_log(conn, person_id, LIMIT)?))
    })
    .await?;
    Ok(HttpResponse::Ok().json(entries))
}
