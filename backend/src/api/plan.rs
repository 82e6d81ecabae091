//! `GET /api/v1/persons/{person_id}/plan`: the whole current plan as one document, as much of
//! it as the reader may see; and `GET …/plan/plain-language`: the staff wording not plain yet.
//! Every read is audited before the answer leaves.

use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::evidence::EvidenceReport;
use ourplan_shared::id::PersonId;
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::plan::wording::WordingToSimplify;

use super::guard;
use crate::access::{self, PlanAccess};
use crate::api::path::PersonPath;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::db::model;
use crate::db::model::audit_event::AuditEntry;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::{now, plan_document};
use crate::error::AppError;
use crate::server::AppState;

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/plan",
    tag = "plan",
    summary = "The whole current plan, as much of it as you may see (audited)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = PlanDocument),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody)
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor.audit(AuditAction::Read, "plan").about(person_id);
    let document = guard::audited_read(&state, entry, move |conn, entry| {
        readable(conn, &actor, person_id, entry).map(|(document, _)| document)
    })
    .await?;
    Ok(HttpResponse::Ok().json(document))
}

/// The whole plan with its next review due under the organisation's policy.
pub(super) fn with_next_review(
    conn: &mut DbConnection,
    person_id: PersonId,
    document: PlanDocument,
) -> Result<PlanDocument, AppError> {
    let organisation =
        OrganisationRow::of_person(conn, person_id)?.ok_or_else(access::not_found)?;
    let next_review = document.next_review_under(organisation.review_policy(), |at| {
        organisation.day_at(model::naive(at))
    });
    Ok(PlanDocument {
        next_review: Some(next_review),
        ..document
    })
}

/// The current plan as far as the actor may read it: whole for the person and their team, only
/// the shared sections under consent (the entry then names the grants it relied on).
pub(super) fn readable(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
    entry: &mut AuditEntry,
) -> Result<(PlanDocument, PlanAccess), AppError> {
    let access = access::may_read_plan(conn, actor, person_id, now())?;
    let document = plan_document::load(conn, person_id)?.ok_or_else(access::not_found)?;
    let document = match &access {
        PlanAccess::Team | PlanAccess::Owner | PlanAccess::Archive => {
            with_next_review(conn, person_id, document)?
        }
        PlanAccess::Grant {
            sections,
            grant_ids,
            ..
        } => {
            *entry = entry.clone().via(grant_ids);
            document.scoped_to(sections, actor.user.id)
        }
    };
    Ok((document, access))
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/plan/plain-language",
    tag = "plan",
    summary = "The staff wording in the plan that is not plain yet: long sentences and hard words, with simpler ones (staff on the team)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Vec<WordingToSimplify>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "For the person's support team", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody)
    )
)]
pub async fn plain_language(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor
        .audit(AuditAction::Read, "plan_wording")
        .about(person_id);
    let found = guard::audited_read(&state, entry, move |conn, _| {
        let plan_access = access::may_read_plan(conn, &actor, person_id, now())?;
        access::may_edit_plan(&plan_access)?;
        let document = plan_document::load(conn, person_id)?.ok_or_else(access::not_found)?;
        Ok(document.wording_to_simplify())
    })
    .await?;
    Ok(HttpResponse::Ok().json(found))
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/plan/evidence",
    tag = "plan",
    summary = "Which criteria of the care standard (HSC416 P1 to P38) and of the planning and review procedure the plan's records evidence, with links, and which are missing (staff on the team)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = EvidenceReport),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "For the person's support team", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody)
    )
)]
pub async fn evidence(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor
        .audit(AuditAction::Read, "plan_evidence")
        .about(person_id);
    let report = guard::audited_read(&state, entry, move |conn, _| {
        let plan_access = access::may_read_plan(conn, &actor, person_id, now())?;
        access::may_read_as_team(&plan_access)?;
        let document = plan_document::load(conn, person_id)?.ok_or_else(access::not_found)?;
        let organisation =
            OrganisationRow::of_person(conn, person_id)?.ok_or_else(access::not_found)?;
        Ok(document.evidence(organisation.day_at(now()), organisation.review_policy()))
    })
    .await?;
    Ok(HttpResponse::Ok().json(report))
}
