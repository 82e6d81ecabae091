//! Comments and suggestions from family and advocates:
//! `GET`/`POST /persons/{id}/contributions` and `POST /persons/{id}/contributions/{id}/decision`.
//! A suggestion never changes the plan: the person agrees or declines it, and only then may
//! staff act on it.

use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::contribution::{
    ContributionDecision, ContributionRecord, ContributionRequest, ContributionStatus,
    FamilyContribution,
};
use ourplan_shared::error::ErrorBody;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::{ContributionId, PersonId, PlanId, UserId};
use ourplan_shared::notification::NotificationKind;
use ourplan_shared::validation::Validate;

use super::guard;
use crate::access::{self, PlanAccess};
use crate::api::path::{ItemPath, PersonPath};
use crate::auth::CurrentUser;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::contribution::ContributionRow;
use crate::db::model::user::UserRow;
use crate::db::model::{UpdateOutcome, now, utc};
use crate::db::{self};
use crate::error::AppError;
use crate::http::body::Body;
use crate::http::precondition;
use crate::notify::{self, Message};
use crate::server::AppState;

/// The person and staff see every contribution; a family member sees their own.
#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/contributions",
    tag = "contributions",
    summary = "Comments and suggestions from family (a family member sees their own)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Vec<ContributionRecord>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody)
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor
        .audit(AuditAction::Read, "contributions")
        .about(person_id);
    let records = guard::audited_read(&state, entry, move |conn, entry| {
        let scope = guard::readable_plan(conn, &actor, person_id, None, entry)?;
        let author = matches!(scope.access, PlanAccess::Grant { .. }).then_some(actor.user.id);
        ContributionRow::listed(conn, scope.plan_id, author)?
            .into_iter()
            .map(|(row, author_name)| {
                Ok(ContributionRecord {
                    contribution: row.into_wire()?,
                    author_name,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(records))
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/contributions",
    tag = "contributions",
    summary = "Comment on or suggest a change to a part shared with you",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    request_body = ContributionRequest,
    responses(
        (status = 201, body = ContributionRecord, headers(("ETag" = String, description = "The new record's version"))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
    body: Body<ContributionRequest>,
) -> Result<HttpResponse, AppError> {
    let request = body.into_inner();
    let notifier = state.notifier.clone();
    let record = db::run(&state.pool, move |conn| {
        let at = now();
        let entry = actor
            .audit(AuditAction::Create, "contribution")
            .about(person_id);
        let may_contribute = |a: &_| access::may_contribute(a, request.section, request.kind);
        let plan_access = guard::may_change(conn, &actor, person_id, may_contribute, &entry)?;
        if let Some(problem) = request.problems().into_iter().next() {
            return Err(AppError::invalid(problem.field, problem.message));
        }
        let plan_id: PlanId = guard::plan_id(conn, person_id)?;
        let contribution = FamilyContribution {
            id: ContributionId(uuid::Uuid::now_v7()),
            plan_id,
            author_user_id: actor.user.id,
            section: request.section,
            item_id: request.item_id,
            kind: request.kind,
            text: request.text.trim().to_owned(),
            status: ContributionStatus::Pending,
            decided_at: None,
            created_at: utc(at),
            row_version: 1,
        };
        let entry = entry.object(contribution.id).via(plan_access.grant_ids());
        // The person and their key worker hear of it, in the app and by email.
        let mut readers: Vec<UserId> = UserRow::for_person(conn, person_id)?
            .map(|u| u.id)
            .into_iter()
            .collect();
        readers.extend(notify::key_workers_of(conn, person_id)?);
        let notice = Message::new(
            NotificationKind::SuggestionMade,
            person_id,
            "A family member suggested something for the plan. It waits for an answer.".to_owned(),
        );
        diesel::Connection::transaction(conn, |conn| {
            ContributionRow::insert_all(conn, &[ContributionRow::from_wire(&contribution)])?;
            audit_event::append(conn, &[entry])?;
            notifier.send(conn, &readers, &notice)?;
            Ok::<_, AppError>(())
        })?;
        Ok(ContributionRecord {
            contribution,
            author_name: actor.user.display_name.clone(),
        })
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::ETAG,
            precondition::etag(record.contribution.row_version),
        ))
        .json(record))
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/contributions/{contribution_id}/decision",
    tag = "contributions",
    summary = "The person agrees to or declines a suggestion",
    params(("person_id" = PersonId, Path, description = "The person the plan is about"), ("contribution_id" = ContributionId, Path), ("If-Match" = String, Header, description = "The ETag you read")),
    request_body = ContributionDecision,
    responses(
        (status = 200, body = ContributionRecord),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Signed in and may see the person, but may not do this", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach (never 403, so existence is not revealed)", body = ErrorBody),
        (status = 409, description = "Already decided", body = ErrorBody),
        (status = 412, description = "Someone changed it since you read it", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody)
    )
)]
pub async fn decide(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: ItemPath<ContributionId>,
    body: Body<ContributionDecision>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: contribution_id,
    } = path;
    let status = body.into_inner().status;
    if status == ContributionStatus::Pending {
        return Err(AppError::invalid(
            "status",
            "Choose \"agreed\" or \"declined\".",
        ));
    }
    // Checked after access, so someone who may not decide learns nothing more.
    let read_version = precondition::if_match(&req);
    let notifier = state.notifier.clone();
    let record = db::run(&state.pool, move |conn| {
        let at = now();
        let entry: AuditEntry = actor
            .audit(AuditAction::Update, "contribution")
            .about(person_id);
        guard::may_change(
            conn,
            &actor,
            person_id,
            access::may_decide_contribution,
            &entry,
        )?;
        let read_version = read_version?;
        let no_such = || AppError::client(ErrorCode::NotFound, "There is no such suggestion.");
        let plan_id = guard::plan_id(conn, person_id)?;
        let row = ContributionRow::find(conn, plan_id, contribution_id)?.ok_or_else(no_such)?;
        if row.status != ContributionStatus::Pending {
            return Err(AppError::client(
                ErrorCode::Conflict,
                "This has already been decided.",
            ));
        }
        diesel::Connection::transaction(conn, |conn| {
            match ContributionRow::decide(conn, contribution_id, read_version, status, at)? {
                UpdateOutcome::Updated { .. } => {}
                UpdateOutcome::Conflict { .. } => return Err(precondition::stale()),
                UpdateOutcome::NotFound => return Err(no_such()),
            }
            audit_event::append(conn, &[entry.object(contribution_id)])?;
            let agreed = status == ContributionStatus::Agreed;
            let notice = Message {
                variant: Some(if agreed { "agreed" } else { "declined" }),
                ..Message::new(
                    NotificationKind::SuggestionDecided,
                    person_id,
                    if agreed {
                        "Your suggestion was agreed."
                    } else {
                        "Your suggestion was not taken up."
                    }
                    .to_owned(),
                )
            };
            notifier.send(conn, std::slice::from_ref(&row.author_user_id), &notice)?;
            Ok::<_, AppError>(())
        })?;
        let (row, author_name) = ContributionRow::listed(conn, plan_id, None)?
            .into_iter()
            .find(|(row, _)| row.id == contribution_id)
            .ok_or_else(no_such)?;
        Ok(ContributionRecord {
            contribution: row.into_wire()?,
            author_name,
        })
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            actix_web::http::header::ETAG,
            precondition::etag(record.contribution.row_version),
        ))
        .json(record))
}
