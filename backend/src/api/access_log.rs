//! `GET /api/v1/persons/{person_id}/access-log`: who has looked at or changed the plan,
//! newest first. Looking at it is audited too.

use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::id::PersonId;

use crate::access;
use crate::auth::CurrentUser;
use crate::db;
use crate::db::model::audit_event::{self, AuditEntry, AuditEventRow};
use crate::error::AppError;
use crate::server::AppState;

/// Entries shown at once; the rest stay in the trail.
const LIMIT: i64 = 200;

pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let person_id = PersonId::parse(&path)
        .ok_or_else(access::not_found)?
        .to_string();
    let entries = db::run(&state.pool, move |conn| {
        access::may_see_access_log(conn, &actor, &person_id)?;
        let entries = AuditEventRow::access_log(conn, &person_id, LIMIT)?;
        audit_event::append(
            conn,
            &[AuditEntry {
                organisation_id: Some(actor.user.organisation_id.clone()),
                actor_user_id: Some(actor.user.id.clone()),
                actor_role: Some(actor.role.key().to_owned()),
                action: AuditAction::Read,
                entity: "access_log".to_owned(),
                entity_id: None,
                person_id: Some(person_id.clone()),
                allowed: true,
                grant_id: None,
            }],
        )?;
        Ok(entries)
    })
    .await?;
    Ok(HttpResponse::Ok().json(entries))
}
