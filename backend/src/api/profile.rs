//! The one-page profile ("about me"): `GET /persons/{id}/profile` with its ETag,
//! `PUT /persons/{id}/profile` (staff, `If-Match`), and `PUT /persons/{id}/profile/own-words`
//! (the person, or staff writing for them).

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::{PersonId, PlanId};
use ourplan_shared::plan::{OwnWords, Profile, ProfileInput};
use ourplan_shared::validation::Validate;

use super::guard;
use crate::access;
use crate::api::path::PersonPath;
use crate::auth::CurrentUser;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::plan::PlanRow;
use crate::db::model::profile::{self as profiles, ProfileChanges, ProfileRow};
use crate::db::model::{UpdateOutcome, now};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::Body;
use crate::http::precondition;
use crate::server::AppState;

fn respond(profile: &Profile) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((ETAG, precondition::etag(profile.row_version)))
        .json(profile)
}

fn stored(conn: &mut DbConnection, plan_id: PlanId) -> Result<Profile, AppError> {
    ProfileRow::for_plan(conn, plan_id)?
        .ok_or_else(|| AppError::client(ErrorCode::NotFound, "This plan has no profile yet."))?
        .into_wire()
        .map_err(Into::into)
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/profile",
    tag = "plan",
    summary = "The one-page profile, with its ETag (audited)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, body = Profile, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The profile is not shared with you", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor.audit(AuditAction::Read, "profile").about(person_id);
    let profile = guard::audited_read(&state, entry, move |conn, entry| {
        let scope =
            guard::readable_plan(conn, &actor, person_id, Some(PlanSection::Profile), entry)?;
        stored(conn, scope.plan_id)
    })
    .await?;
    Ok(respond(&profile))
}

/// Checks and stores the profile read at `read_version`; 412 with the current one if stale.
fn save(
    conn: &mut DbConnection,
    plan_id: PlanId,
    read_version: i64,
    profile: &Profile,
    entry: AuditEntry,
) -> Result<(), AppError> {
    if let Some(problem) = profile.problems().into_iter().next() {
        return Err(AppError::invalid(problem.field, problem.message));
    }
    db::write_transaction(conn, |conn| {
        match profiles::update(
            conn,
            plan_id,
            read_version,
            &ProfileChanges::from_wire(profile),
        )? {
            UpdateOutcome::Updated { .. } => {}
            UpdateOutcome::Conflict { .. } => {
                let current = serde_json::to_value(stored(conn, plan_id)?)
                    .map_err(|error| AppError::Internal(format!("profile to JSON: {error}")))?;
                return Err(AppError::Stale { current });
            }
            UpdateOutcome::NotFound => {
                return Err(AppError::client(
                    ErrorCode::NotFound,
                    "This plan has no profile yet.",
                ));
            }
        }
        PlanRow::edited(conn, plan_id, now())?;
        audit_event::append(conn, &[entry])?;
        Ok(())
    })
}

#[utoipa::path(
    put,
    path = "/api/v1/persons/{person_id}/profile",
    tag = "plan",
    summary = "Change the one-page profile, naming the version you read (staff)",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    request_body = ProfileInput,
    responses(
        (status = 200, body = Profile, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "May see the plan but not change it", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 412, description = "Someone saved first: nothing changed; `current` is their version", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    PersonPath(person_id): PersonPath,
    body: Body<ProfileInput>,
) -> Result<HttpResponse, AppError> {
    let read_version = precondition::if_match(&req);
    let input = body.into_inner();
    let profile = db::run(&state.pool, move |conn| {
        let entry = actor.audit(AuditAction::Update, "profile").about(person_id);
        guard::may_change(conn, &actor, person_id, access::may_edit_plan, &entry)?;
        let plan_id = guard::plan_id(conn, person_id)?;
        let read_version = read_version?;
        let profile = input.into_profile(plan_id, read_version + 1);
        save(conn, plan_id, read_version, &profile, entry)?;
        Ok(profile)
    })
    .await?;
    Ok(respond(&profile))
}

#[utoipa::path(
    put,
    path = "/api/v1/persons/{person_id}/profile/own-words",
    tag = "plan",
    summary = "The person's own words about themselves (the person, or staff writing for them)",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    request_body = OwnWords,
    responses(
        (status = 200, body = Profile, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the person or their team writes their own words", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 412, description = "Someone saved first: nothing changed; `current` is their version", body = ErrorBody),
        (status = 422, description = "Too long; `field` names it", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn own_words(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    PersonPath(person_id): PersonPath,
    body: Body<OwnWords>,
) -> Result<HttpResponse, AppError> {
    let read_version = precondition::if_match(&req);
    let body = body.into_inner();
    let picture = body
        .chosen_picture()
        .map_err(|e| AppError::invalid("picture", e.message))?;
    let words = body.into_stored();
    let profile = db::run(&state.pool, move |conn| {
        let entry = actor.audit(AuditAction::Update, "profile").about(person_id);
        guard::may_change(conn, &actor, person_id, access::may_write_own_words, &entry)?;
        let plan_id = guard::plan_id(conn, person_id)?;
        let read_version = read_version?;
        let stored = stored(conn, plan_id)?;
        let profile = Profile {
            own_words: words,
            picture: picture.or(stored.picture.clone()),
            row_version: read_version + 1,
            ..stored
        };
        save(conn, plan_id, read_version, &profile, entry)?;
        Ok(profile)
    })
    .await?;
    Ok(respond(&profile))
}
