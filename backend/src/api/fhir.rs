//! `GET /api/v1/persons/{person_id}/fhir`: the plan as a FHIR R4 Bundle, for the NHS and
//! other agencies. The same access as reading the plan, so a family member's export holds only
//! what is shared with them; audited as an export.

use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::PersonId;

use super::guard;
use super::plan::readable;
use crate::access;
use crate::api::path::PersonPath;
use crate::auth::CurrentUser;
use crate::db::model::now;
use crate::db::model::organisation::OrganisationRow;
use crate::error::AppError;
use crate::fhir;
use crate::server::AppState;

/// A FHIR R4 resource, as the documentation describes the body (its schema is FHIR's own).
#[derive(utoipa::ToSchema)]
#[schema(value_type = Object)]
pub struct FhirBundle(pub serde_json::Value);

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/fhir",
    tag = "exports",
    summary = "The plan as a FHIR R4 Bundle: Patient, CarePlan, Goals, Consents, RelatedPersons, Provenance of agreed versions (audited as an export)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, description = "A FHIR R4 Bundle of type collection", content_type = "application/fhir+json", body = FhirBundle),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor.audit(AuditAction::Export, "fhir").about(person_id);
    let bundle = guard::audited_read(&state, entry, move |conn, entry| {
        let (doc, _) = readable(conn, &actor, person_id, entry)?;
        let organisation =
            OrganisationRow::of_person(conn, person_id)?.ok_or_else(access::not_found)?;
        let at = now();
        Ok(fhir::bundle(&doc, organisation.day_at(at), at.and_utc()))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/fhir+json")
        .json(bundle))
}
