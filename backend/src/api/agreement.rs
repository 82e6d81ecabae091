//! Agreement and versions: `POST /persons/{id}/plan/signatures` (the person, or a
//! representative with the reason, and a member of staff sign the draft; the second needed
//! signature agrees it as the next version, an immutable snapshot), `GET /persons/{id}/plan/
//! versions`, `GET …/versions/{number}`, and `GET /persons/{id}/plan/compare?from=&to=` (what
//! changed, in plain words; without `to`, against the current draft).

use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::{PersonId, PlanId, PlanVersionId, UserId};
use ourplan_shared::plan::diff::{self, PlanChange};
use ourplan_shared::plan::{
    Acknowledgements, PlanDocument, PlanStatus, PlanVersionSummary, Reader, SignOutcome,
    SignRequest, SignerRole,
};
use ourplan_shared::role::Role;
use serde::Deserialize;

use super::guard::{self, audited};
use crate::access::{self, PlanAccess};
use crate::api::path::{ItemPath, PersonPath};
use crate::auth::CurrentUser;
use crate::db::model::person::PersonRow;
use crate::db::model::plan::PlanRow;
use crate::db::model::plan_document;
use crate::db::model::plan_version::PlanVersionRow;
use crate::db::model::signature::SignatureRow;
use crate::db::model::team::TeamPersonRow;
use crate::db::model::{acknowledgement, audit_event, fresh_id};
use crate::db::model::{now, utc};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::Body;
use crate::server::AppState;

fn forbidden(message: &str) -> AppError {
    AppError::client(ErrorCode::Forbidden, message)
}

/// Who signs, as what, checked against who is signed in.
fn signer(
    actor: &CurrentUser,
    access: &PlanAccess,
    request: &SignRequest,
) -> Result<(String, Option<String>), AppError> {
    let own_name = actor.user.display_name.clone();
    access::may_change(access)?;
    match (request.role, access) {
        (SignerRole::Person, PlanAccess::Owner) => Ok((own_name, None)),
        (SignerRole::Person, _) => Err(forbidden("Only the person signs as themselves.")),
        (SignerRole::Representative, PlanAccess::Team) => {
            let name = request
                .signer_name
                .clone()
                .filter(|n| !n.trim().is_empty() && n.chars().count() <= 200)
                .ok_or_else(|| {
                    AppError::invalid("signer_name", "Enter the representative's name.")
                })?;
            let reason = request
                .reason
                .clone()
                .filter(|r| !r.trim().is_empty() && r.chars().count() <= 2000)
                .ok_or_else(|| {
                    AppError::invalid("reason", "Enter why the person could not sign themselves.")
                })?;
            Ok((name, Some(reason)))
        }
        (SignerRole::Staff, PlanAccess::Team) => Ok((own_name, None)),
        (SignerRole::Manager, PlanAccess::Team) if actor.role == Role::Manager => {
            Ok((own_name, None))
        }
        (SignerRole::Manager, PlanAccess::Team) => Err(AppError::invalid(
            "role",
            "Only a manager signs as manager; sign as staff.",
        )),
        (_, _) => Err(forbidden(
            "Staff on the person's team sign as staff or record a representative.",
        )),
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/plan/signatures",
    tag = "plan",
    summary = "Sign the draft; with the person's (or a representative's) and a staff signature it becomes the next agreed version",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    request_body = SignRequest,
    responses(
        (status = 201, body = SignOutcome),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "May not sign in this role", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 409, description = "Nothing has changed since the last agreed version", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn sign(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
    body: Body<SignRequest>,
) -> Result<HttpResponse, AppError> {
    let request = body.into_inner();
    let outcome = db::run(&state.pool, move |conn| {
        let entry = actor.audit(AuditAction::Sign, "plan").about(person_id);
        let plan_access = audited(
            access::may_read_plan(conn, &actor, person_id, now()),
            conn,
            &entry,
        )?;
        let (signer_name, reason) = audited(signer(&actor, &plan_access, &request), conn, &entry)?;
        let plan_id = guard::plan_id(conn, person_id)?;
        db::write_transaction(conn, |conn| {
            let plan = PlanRow::lock(conn, plan_id)?;
            if plan.status == PlanStatus::Agreed {
                return Err(AppError::client(
                    ErrorCode::Conflict,
                    "This version is agreed already. Change something in the plan to start the next version.",
                ));
            }
            // Two different people agree a version: nobody signs the same draft twice, so
            // whoever records a representative's signature cannot also sign as staff.
            let pending = SignatureRow::pending(conn, plan_id, plan.row_version)?;
            if pending
                .iter()
                .any(|s| s.signer_user_id == Some(actor.user.id))
            {
                return Err(AppError::client(
                    ErrorCode::Conflict,
                    "You have signed this draft already. It is agreed when someone else signs \
                     too: the person (or their representative) and a member of staff, two \
                     different people.",
                ));
            }
            let at = now();
            let row = SignatureRow {
                id: fresh_id(),
                plan_id,
                plan_version_id: None,
                signer_user_id: Some(actor.user.id),
                signer_name,
                signer_role: request.role,
                signed_at: at,
                reason,
                plan_row_version: Some(plan.row_version),
            };
            SignatureRow::insert_all(conn, std::slice::from_ref(&row))?;
            let mut entries = vec![entry.clone().object(row.id)];
            let pending = SignatureRow::pending(conn, plan_id, plan.row_version)?;
            let for_person = |s: &&SignatureRow| {
                s.signer_role == SignerRole::Person
                    || s.signer_role == SignerRole::Representative
            };
            let for_staff = |s: &&SignatureRow| {
                s.signer_role == SignerRole::Staff || s.signer_role == SignerRole::Manager
            };
            let two_people = pending.iter().filter(for_person).any(|p| {
                pending
                    .iter()
                    .filter(for_staff)
                    .any(|s| s.signer_user_id != p.signer_user_id)
            });
            let mut agreed_version = None;
            if two_people {
                let summary = agree(conn, person_id, &plan, actor.user.id, None, |_| {})?;
                entries.push(
                    actor
                        .audit(AuditAction::Agree, "plan_version")
                        .about(person_id)
                        .object(summary.id),
                );
                agreed_version = Some(summary);
            }
            audit_event::append(conn, &entries)?;
            let signature = SignatureRow {
                plan_version_id: agreed_version.as_ref().map(|v| v.id),
                ..row
            };
            Ok(SignOutcome {
                signature: signature.into_wire()?,
                agreed_version,
            })
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(outcome))
}

/// Snapshots the draft as the next agreed version, with what changed since the last one
/// (after `preface`, when a review made it); `adjust` settles the snapshot first (a review
/// completing in the same transaction shows as completed).
pub(crate) fn agree(
    conn: &mut DbConnection,
    person_id: PersonId,
    plan: &PlanRow,
    agreed_by: UserId,
    preface: Option<&str>,
    adjust: impl FnOnce(&mut PlanDocument),
) -> Result<PlanVersionSummary, AppError> {
    let number = plan.current_version.unwrap_or(0) + 1;
    let at = now();
    let mut document =
        plan_document::load_within(conn, person_id)?.ok_or_else(access::not_found)?;
    let changes = match plan.current_version {
        Some(previous) => {
            let before = version_document(conn, plan.id, previous)?;
            diff::summary(&diff::compare(&before, &document))
        }
        None => "The first agreed version.".to_owned(),
    };
    let changes = match preface {
        // Kept within the column's 10,000 characters, the preface cut first.
        Some(preface) => {
            let room = 9_000_usize.saturating_sub(changes.chars().count().min(8_000));
            let preface: String = preface.chars().take(room).collect();
            format!("{preface}\n{changes}")
        }
        None => changes,
    };
    adjust(&mut document);
    let version_id: PlanVersionId = fresh_id();
    document.plan.status = PlanStatus::Agreed;
    document.plan.current_version = Some(number);
    let json = serde_json::to_string(&document)
        .map_err(|error| AppError::Internal(format!("plan to JSON: {error}")))?;
    PlanVersionRow::insert_all(
        conn,
        &[PlanVersionRow {
            id: version_id,
            plan_id: plan.id,
            number,
            agreed_at: at,
            agreed_by: Some(agreed_by.to_owned()),
            change_summary: changes.clone(),
            document: json,
        }],
    )?;
    SignatureRow::attach(conn, plan.id, plan.row_version, version_id)?;
    PlanRow::agreed(conn, plan.id, number, at)?;
    Ok(PlanVersionSummary {
        id: version_id,
        number,
        agreed_at: utc(at),
        agreed_by: Some(agreed_by),
        change_summary: changes,
    })
}

pub(super) fn version_document(
    conn: &mut DbConnection,
    plan_id: PlanId,
    number: i32,
) -> Result<PlanDocument, AppError> {
    let text = PlanVersionRow::document(conn, plan_id, number)?.ok_or_else(|| {
        AppError::client(
            ErrorCode::NotFound,
            format!("There is no version {number}."),
        )
    })?;
    serde_json::from_str(&text)
        .map_err(|error| AppError::Internal(format!("stored version {number}: {error}")))
}

/// The plan's id, for the person and their team (versions hold the whole plan).
pub(super) fn whole_plan(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
) -> Result<PlanId, AppError> {
    let plan_access = access::may_read_plan(conn, actor, person_id, now())?;
    access::may_read_whole_plan(&plan_access)?;
    guard::plan_id(conn, person_id)
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/plan/versions",
    tag = "plan",
    summary = "Every agreed version, oldest first (audited)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Vec<PlanVersionSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Versions are for the person and their team", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
    )
)]
pub async fn versions(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor
        .audit(AuditAction::Read, "plan_versions")
        .about(person_id);
    let list = guard::audited_read(&state, entry, move |conn, _| {
        whole_plan(conn, &actor, person_id)
            .and_then(|plan_id| Ok(PlanVersionRow::summaries(conn, plan_id)?))
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/plan/versions/{number}",
    tag = "plan",
    summary = "One agreed version, exactly as agreed (audited)",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("number" = i32, Path, description = "The version number, from 1"),
    ),
    responses(
        (status = 200, body = PlanDocument),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Versions are for the person and their team", body = ErrorBody),
        (status = 404, description = "No such person or version, or out of reach", body = ErrorBody),
    )
)]
pub async fn version(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<i32>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: number,
    } = path;
    let entry = actor
        .audit(AuditAction::Read, "plan_version")
        .about(person_id)
        .object(number);
    let document = guard::audited_read(&state, entry, move |conn, _| {
        whole_plan(conn, &actor, person_id)
            .and_then(|plan_id| version_document(conn, plan_id, number))
    })
    .await?;
    Ok(HttpResponse::Ok().json(document))
}

/// The latest agreed version's id and number, after the check that the actor is on the team.
fn latest_version(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
) -> Result<(PlanId, Option<(PlanVersionId, i32)>), AppError> {
    let plan_access = access::may_read_plan(conn, actor, person_id, now())?;
    if !matches!(plan_access, PlanAccess::Team | PlanAccess::Archive) {
        return Err(forbidden("This is for the person's support team."));
    }
    let plan = PlanRow::for_person(conn, person_id)?.ok_or_else(access::not_found)?;
    let latest = match plan.current_version {
        Some(number) => PlanVersionRow::id_of(conn, plan.id, number)?.map(|id| (id, number)),
        None => None,
    };
    Ok((plan.id, latest))
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/plan/acknowledgements",
    tag = "plan",
    summary = "I have read the latest agreed version (staff on the team)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Acknowledgements),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "For the person's support team", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 409, description = "There is no agreed version yet", body = ErrorBody),
    )
)]
pub async fn acknowledge(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let summary = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Update, "acknowledgement")
            .about(person_id);
        let (_, latest) = audited(latest_version(conn, &actor, person_id), conn, &entry)?;
        if PersonRow::has_left(conn, person_id)? {
            return Err(access::read_only());
        }
        let (version_id, _) = latest.ok_or_else(|| {
            AppError::client(
                ErrorCode::Conflict,
                "There is no agreed version to read yet.",
            )
        })?;
        db::write_transaction(conn, |conn| {
            acknowledgement::acknowledge(conn, version_id, actor.user.id, now())?;
            audit_event::append(conn, &[entry.object(version_id)])?;
            Ok(())
        })?;
        acknowledgements_of(conn, person_id, &actor)
    })
    .await?;
    Ok(HttpResponse::Ok().json(summary))
}

fn acknowledgements_of(
    conn: &mut DbConnection,
    person_id: PersonId,
    actor: &CurrentUser,
) -> Result<Acknowledgements, AppError> {
    let (_, latest) = latest_version(conn, actor, person_id)?;
    let team = TeamPersonRow::team_for_person(conn, person_id)?;
    let read = match &latest {
        Some((version_id, _)) => acknowledgement::readers(conn, *version_id)?,
        None => Vec::new(),
    };
    let (mut have, mut have_not) = (Vec::new(), Vec::new());
    for member in team {
        let read_at = read
            .iter()
            .find(|(user, _)| *user == member.user_id.to_string())
            .map(|(_, at)| utc(*at));
        let reader = Reader {
            user_id: member.user_id,
            display_name: member.display_name,
            read_at,
        };
        if read_at.is_some() {
            have.push(reader);
        } else {
            have_not.push(reader);
        }
    }
    Ok(Acknowledgements {
        version: latest.map(|(_, number)| number),
        read: have,
        not_read: have_not,
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/plan/acknowledgements",
    tag = "plan",
    summary = "Who on the team has read the latest agreed version, and who has not",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Acknowledgements),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "For the person's support team", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
    )
)]
pub async fn acknowledgements(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor
        .audit(AuditAction::Read, "acknowledgements")
        .about(person_id);
    let summary = guard::audited_read(&state, entry, move |conn, _| {
        acknowledgements_of(conn, person_id, &actor)
    })
    .await?;
    Ok(HttpResponse::Ok().json(summary))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CompareQuery {
    /// The earlier version number.
    pub from: i32,
    /// The later version number; the current draft when left out.
    pub to: Option<i32>,
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/plan/compare",
    tag = "plan",
    summary = "What changed between two versions (or a version and the draft), in plain words",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        CompareQuery,
    ),
    responses(
        (status = 200, body = Vec<PlanChange>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Versions are for the person and their team", body = ErrorBody),
        (status = 404, description = "No such person or version, or out of reach", body = ErrorBody),
    )
)]
pub async fn compare(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
    query: web::Query<CompareQuery>,
) -> Result<HttpResponse, AppError> {
    let CompareQuery { from, to } = query.into_inner();
    let entry = actor
        .audit(AuditAction::Read, "plan_versions")
        .about(person_id);
    let changes = guard::audited_read(&state, entry, move |conn, _| {
        let plan_id = whole_plan(conn, &actor, person_id)?;
        let before = version_document(conn, plan_id, from)?;
        let after = match to {
            Some(number) => version_document(conn, plan_id, number)?,
            None => plan_document::load(conn, person_id)?.ok_or_else(access::not_found)?,
        };
        Ok(diff::compare(&before, &after))
    })
    .await?;
    Ok(HttpResponse::Ok().json(changes))
}
