//! Leaving the service: `POST /api/v1/persons/{id}/leaving` ends a person's support on
//! a date, for a reason; `DELETE` undoes it within 30 days. While support has ended the plan
//! is read-only, the person is off the caseload and the review programme, their own account
//! is disabled (every session ends) and no family grant shows their plan; managers on their
//! team still read everything.

use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::PersonId;
use ourplan_shared::leaving::{EndSupport, REVERSIBLE_DAYS};
use ourplan_shared::organisation::Person;

use super::guard::audited;
use super::person::{load_person, respond};
use crate::access;
use crate::api::path::PersonPath;
use crate::auth::CurrentUser;
use crate::db;
use crate::db::DbConnection;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::person::PersonRow;
use crate::db::model::session::SessionRow;
use crate::db::model::user::UserRow;
use crate::db::model::{naive, now};
use crate::error::AppError;
use crate::http::body::Body;
use crate::server::AppState;

/// Why an individual's sessions ended: their account was disabled as their support ended.
const ACCOUNT_DISABLED: &str = "account_disabled";

/// The person, once the actor may end their support or undo that; a refusal is audited.
fn reachable(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
    entry: &AuditEntry,
) -> Result<PersonRow, AppError> {
    let person = PersonRow::find(conn, person_id)?;
    audited(
        access::may_end_support(conn, actor, person.as_ref()),
        conn,
        entry,
    )?;
    person.ok_or_else(access::not_found)
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/leaving",
    tag = "persons",
    summary = "End a person's support on a date, for a reason: their plan becomes read-only, their sign-in and family grants end (managers on their team, admins)",
    params(("person_id" = PersonId, Path, description = "The person")),
    request_body = EndSupport,
    responses(
        (status = 200, body = Person),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only a manager ends a person's support", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 409, description = "Their support has ended already", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn end(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
    body: Body<EndSupport>,
) -> Result<HttpResponse, AppError> {
    let end = body.into_inner();
    let person = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Update, "support_ended")
            .object(person_id)
            .about(person_id);
        let person = reachable(conn, &actor, person_id, &entry)?;
        let organisation =
            OrganisationRow::find(conn, person.organisation_id)?.ok_or_else(access::not_found)?;
        let at = now();
        if let Some((field, message)) =
            end.problem(person.support_started_on, organisation.day_at(at))
        {
            return Err(AppError::invalid(field, message));
        }
        db::write_transaction(conn, |conn| {
            if !PersonRow::end_support(conn, person_id, &end, actor.user.id, at)? {
                return Err(AppError::client(
                    ErrorCode::Conflict,
                    "This person's support has ended already.",
                ));
            }
            // Their own sign-in ends with their support: disabled at this very moment, so
            // that undoing it enables exactly the accounts it disabled.
            if let Some(account) = UserRow::for_person(conn, person_id)?
                && UserRow::disable(conn, account.id, at)?
            {
                SessionRow::revoke_all_for_user(conn, account.id, ACCOUNT_DISABLED, at)?;
            }
            audit_event::append(conn, &[entry])?;
            Ok(())
        })?;
        load_person(conn, person_id)
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &person))
}

#[utoipa::path(
    delete,
    path = "/api/v1/persons/{person_id}/leaving",
    tag = "persons",
    summary = "Undo ending a person's support, within 30 days: they are back on the caseload and their own account signs in again (managers on their team, admins)",
    params(("person_id" = PersonId, Path, description = "The person")),
    responses(
        (status = 200, body = Person),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only a manager undoes it", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
        (status = 409, description = "Their support has not ended, or ended more than 30 days ago", body = ErrorBody),
    )
)]
pub async fn undo(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let person = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Update, "support_resumed")
            .object(person_id)
            .about(person_id);
        reachable(conn, &actor, person_id, &entry)?;
        let conflict = |message: String| AppError::client(ErrorCode::Conflict, message);
        let leaving = PersonRow::leaving(conn, person_id)?
            .ok_or_else(|| conflict("This person's support has not ended.".to_owned()))?;
        let at = now();
        if leaving.reversible_until <= crate::db::model::utc(at) {
            return Err(conflict(format!(
                "Support ended more than {REVERSIBLE_DAYS} days ago, so it cannot be undone. \
                 Admit them again instead."
            )));
        }
        let recorded_at = naive(leaving.recorded_at);
        db::write_transaction(conn, |conn| {
            if !PersonRow::resume_support(conn, person_id, recorded_at)? {
                return Err(conflict(
                    "Someone changed this at the same time.".to_owned(),
                ));
            }
            UserRow::enable_disabled_at(conn, person_id, recorded_at)?;
            audit_event::append(conn, &[entry])?;
            Ok(())
        })?;
        load_person(conn, person_id)
    })
    .await?;
    Ok(respond(actix_web::http::StatusCode::OK, &person))
}
