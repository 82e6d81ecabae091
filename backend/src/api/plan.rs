//! `GET /api/v1/persons/{person_id}/plan`: the whole current plan as one document, as much of
//! it as the reader may see. Every read is audited before the answer leaves.

use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::id::PersonId;

use crate::access::{self, PlanAccess};
use crate::auth::CurrentUser;
use crate::db::model::audit_event::AuditEventRow;
use crate::db::model::{now, plan_document};
use crate::db::{self, model};
use crate::error::AppError;
use crate::server::AppState;

pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let person_id = PersonId::parse(&path)
        .ok_or_else(access::not_found)?
        .to_string();
    let document = db::run(&state.pool, move |conn| {
        let access = access::may_read_plan(conn, &actor, &person_id, now())?;
        let document = plan_document::load(conn, &person_id)?.ok_or_else(access::not_found)?;
        AuditEventRow::insert_all(
            conn,
            &[AuditEventRow::new(
                &actor.user.organisation_id,
                Some(&actor.user.id),
                AuditAction::Read,
                "plan",
                Some(&document.plan.id.to_string()),
                Some(&person_id),
            )],
        )?;
        Ok(match access {
            PlanAccess::Team | PlanAccess::Owner => document,
            PlanAccess::Grant { sections, .. } => {
                document.scoped_to(&sections, model::id(&actor.user.id)?)
            }
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(document))
}
