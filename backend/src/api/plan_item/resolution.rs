//! Resolving the person's disagreement: how it was resolved is a new entry in the
//! decisions log that names the disagreement, and the disagreement keeps the person's words,
//! only turning from open to resolved. The database refuses any other change to either.

use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::{DecisionId, PersonId};
use ourplan_shared::plan::{
    Decision, DecisionInput, DecisionKind, DecisionStatus, ResolutionRequest,
};
use ourplan_shared::validation::Validate;

use super::{Item, NewItem, editable_plan, not_found, respond};
use crate::access;
use crate::api::path::ItemPath;
use crate::auth::CurrentUser;
use crate::db::model::audit_event;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::plan::PlanRow;
use crate::db::model::{UpdateOutcome, now};
use crate::db::{self};
use crate::error::AppError;
use crate::http::body::Body;
use crate::server::AppState;

fn resolved_already() -> AppError {
    AppError::client(
        ErrorCode::Conflict,
        "This disagreement has been resolved already.",
    )
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/decisions/{item_id}/resolution",
    tag = "plan",
    summary = "Record how a disagreement was resolved, as a new entry in the log; the person's words are never changed (staff on the team)",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("item_id" = DecisionId, Path, description = "The open disagreement"),
    ),
    request_body = ResolutionRequest,
    responses(
        (status = 201, description = "The new entry that resolves it", body = Decision, headers(("ETag" = String), ("Location" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "May see the plan but not change it", body = ErrorBody),
        (status = 404, description = "No such person or disagreement, or out of reach", body = ErrorBody),
        (status = 409, description = "Not an open disagreement", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn resolve(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<DecisionId>,
    body: Body<ResolutionRequest>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: item_id,
    } = path;
    let request = body.into_inner();
    let resolution = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Update, "decision")
            .about(person_id)
            .object(item_id);
        let plan_id = editable_plan(conn, &actor, person_id, &entry)?;
        let disagreement =
            Decision::find(conn, plan_id, item_id)?.ok_or_else(not_found::<Decision>)?;
        if disagreement.kind != DecisionKind::Disagreement {
            return Err(AppError::client(
                ErrorCode::Conflict,
                "Only a disagreement is resolved this way; change this entry instead.",
            ));
        }
        if disagreement.status == DecisionStatus::Resolved {
            return Err(resolved_already());
        }
        if let Some(problem) = request.problems().into_iter().next() {
            return Err(AppError::invalid(problem.field, problem.message));
        }
        let today = OrganisationRow::of_person(conn, person_id)?
            .ok_or_else(access::not_found)?
            .day_at(now());
        if request.resolved_on < disagreement.occurred_on {
            return Err(AppError::invalid(
                "resolved_on",
                "It cannot be resolved before the disagreement was raised.",
            ));
        }
        if request.resolved_on > today {
            return Err(AppError::invalid(
                "resolved_on",
                "Enter today's date or an earlier one.",
            ));
        }
        let words = request.resolution.trim().to_owned();
        let input = DecisionInput {
            kind: DecisionKind::Decision,
            text: words.clone(),
            own_words: None,
            picture: None,
            who: request.who.trim().to_owned(),
            occurred_on: request.resolved_on,
            evidence: String::new(),
            status: DecisionStatus::Resolved,
            resolution: Some(words.clone()),
            resolved_on: Some(request.resolved_on),
        };
        let new = NewItem {
            plan_id,
            position: 1,
            actor: &actor,
        };
        let resolution = Decision {
            resolves: Some(disagreement.id),
            ..<Decision as Item>::create(input, new)?
        };
        let read_version = disagreement.row_version;
        let resolved = Decision {
            status: DecisionStatus::Resolved,
            resolution: Some(words),
            resolved_on: Some(request.resolved_on),
            row_version: read_version + 1,
            ..disagreement
        };
        db::write_transaction(conn, |conn| {
            // The entry first: the database lets the disagreement turn resolved only once
            // an entry resolves it.
            resolution.insert(conn)?;
            match resolved.update(conn, read_version)? {
                UpdateOutcome::Updated { .. } => {}
                UpdateOutcome::Conflict { .. } => return Err(resolved_already()),
                UpdateOutcome::NotFound => return Err(not_found::<Decision>()),
            }
            PlanRow::edited(conn, plan_id, now())?;
            let created = actor
                .audit(AuditAction::Create, "decision")
                .about(person_id)
                .object(resolution.id);
            audit_event::append(conn, &[created, entry])?;
            Ok(resolution)
        })
    })
    .await?;
    let location = format!("/api/v1/persons/{person_id}/decisions/{}", resolution.id);
    Ok(respond(
        HttpResponse::Created()
            .insert_header((LOCATION, location))
            .take(),
        &resolution,
    ))
}
