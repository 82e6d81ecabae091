//! The audit trail for those who answer for it: `GET /audit/verify` (an admin checks the hash
//! chain) and `GET /persons/{id}/access-log/export` (a manager answers a subject access
//! request with the whole log as CSV).

use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use ourplan_shared::audit::{AuditAction, AuditVerification};
use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::PersonId;

use super::guard::{self, audited};
use crate::access;
use crate::api::path::PersonPath;
use crate::auth::CurrentUser;
use crate::db::model::audit_event::{self, AuditEventRow, OrganisationCheck};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::server::AppState;

#[utoipa::path(
    get,
    path = "/api/v1/audit/verify",
    tag = "audit",
    summary = "Check the audit hash chain (admins)",
    responses(
        (status = 200, body = AuditVerification),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody)
    )
)]
pub async fn verify(
    state: web::Data<AppState>,
    actor: CurrentUser,
) -> Result<HttpResponse, AppError> {
    // Every entry stored so far is checked, including those still waiting to join the chain.
    state.audit.chain_pending().await?;
    let verification = db::run(&state.pool, move |conn| {
        let entry = actor.audit(AuditAction::Read, "audit_verify");
        audited(access::may_administer(&actor), conn, &entry)?;
        let organisation = actor.user.organisation_id;
        Ok(match audit_event::verify_for(conn, organisation)? {
            OrganisationCheck::Intact { checked } => AuditVerification {
                intact: true,
                checked,
                broken_at_seq: None,
                reason: None,
            },
            OrganisationCheck::BrokenHere { checked, at } => AuditVerification {
                intact: false,
                checked,
                broken_at_seq: Some(at.seq),
                reason: Some(at.reason),
            },
            OrganisationCheck::BrokenElsewhere { checked } => AuditVerification {
                intact: false,
                checked,
                broken_at_seq: None,
                reason: Some(
                    "The trail is broken in a part that belongs to another organisation on this server. Tell whoever runs the server."
                        .to_owned(),
                ),
            },
        })
    })
    .await?;
    if !verification.intact {
        log::error!(
            "audit chain broken at row {:?}: {:?}",
            verification.broken_at_seq,
            verification.reason
        );
    }
    Ok(HttpResponse::Ok().json(verification))
}

/// A spreadsheet program treats a cell starting with one of these as a formula.
fn defused(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/access-log/export",
    tag = "audit",
    summary = "The whole access log as CSV, for a subject access request (managers)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody)
    )
)]
pub async fn export_access_log(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor
        .audit(AuditAction::Export, "access_log")
        .about(person_id);
    let csv = guard::audited_read(&state, entry, move |conn, _| {
        access::may_export_access_log(conn, &actor, person_id)
            .and_then(|()| access_log_csv(conn, person_id))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            "attachment; filename=\"access-log.csv\"",
        ))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(csv))
}

/// Every allowed entry about the person, newest first, as CSV.
fn access_log_csv(conn: &mut DbConnection, person_id: PersonId) -> Result<Vec<u8>, AppError> {
    let entries = AuditEventRow::access_log(conn, person_id, i64::MAX)?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |error: csv::Error| AppError::Internal(format!("csv: {error}"));
    writer
        .write_record(["when (UTC)", "who", "role", "did", "what"])
        .map_err(failed)?;
    for e in &entries {
        writer
            .write_record([
                e.occurred_at.format("%Y-%m-%d %H:%M:%S").to_string(),
                defused(e.actor_name.as_deref().unwrap_or("Ourplan (the system)")),
                e.actor_role.map_or("system", |r| r.label()).to_owned(),
                e.verb().to_owned(),
                defused(&e.entity),
            ])
            .map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|error| AppError::Internal(format!("csv: {error}")))
}
