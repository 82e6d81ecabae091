//! `GET /api/v1/persons/{person_id}/plan`: the whole current plan as one document, as much of
//! it as the reader may see. Every read is audited before the answer leaves.

use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::id::PersonId;

use crate::access::{self, PlanAccess};
use crate::auth::CurrentUser;
use crate::db::model::audit_event::{self, AuditEntry};
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
        let entry = |allowed: bool, grant_id: Option<String>| AuditEntry {
            organisation_id: Some(actor.user.organisation_id.clone()),
            actor_user_id: Some(actor.user.id.clone()),
            actor_role: Some(actor.role.key().to_owned()),
            action: AuditAction::Read,
            entity: "plan".to_owned(),
            // A refused attempt names what was asked for, which may not exist.
            entity_id: (!allowed).then(|| person_id.clone()),
            person_id: allowed.then(|| person_id.clone()),
            allowed,
            grant_id,
        };
        let access = match access::may_read_plan(conn, &actor, &person_id, now()) {
            Ok(access) => access,
            Err(refused) => {
                audit_event::append(conn, &[entry(false, None)])?;
                return Err(refused);
            }
        };
        let document = plan_document::load(conn, &person_id)?.ok_or_else(access::not_found)?;
        let grant_id = match &access {
            PlanAccess::Grant { grant_ids, .. } => Some(grant_ids.join(",")),
            PlanAccess::Team | PlanAccess::Owner => None,
        };
        // Durable before the answer leaves: the append commits first.
        audit_event::append(conn, &[entry(true, grant_id)])?;
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
