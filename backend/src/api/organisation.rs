//! The organisation's settings: `GET /organisation` for anyone signed in to it, and
//! `PUT /organisation` for its admins (with `If-Match`): how often plans are reviewed after the
//! first review, 1 to 12 months, and its time zone, whose days the timescales count.

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::ErrorBody;
use ourplan_shared::id::OrganisationId;
use ourplan_shared::leaving::{DEFAULT_RETENTION_YEARS, RETENTION_YEARS};
use ourplan_shared::organisation::{Organisation, OrganisationSettings};
use ourplan_shared::timescale::ReviewPolicy;

use crate::access;
use crate::auth::CurrentUser;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::{UpdateOutcome, audit_event};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::Body;
use crate::http::precondition;
use crate::server::AppState;

fn respond(organisation: &Organisation) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((ETAG, precondition::etag(organisation.row_version)))
        .json(organisation)
}

fn load(
    conn: &mut DbConnection,
    organisation_id: OrganisationId,
) -> Result<Organisation, AppError> {
    Ok(OrganisationRow::find(conn, organisation_id)?
        .ok_or_else(|| AppError::Internal("a user with no organisation".to_owned()))?
        .into_wire()?)
}

#[utoipa::path(
    get, path = "/api/v1/organisation", tag = "organisation",
    summary = "Your organisation and its settings, with the ETag to change them",
    responses(
        (status = 200, body = Organisation, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn get(state: web::Data<AppState>, actor: CurrentUser) -> Result<HttpResponse, AppError> {
    let organisation = db::run(&state.pool, move |conn| {
        load(conn, actor.user.organisation_id)
    })
    .await?;
    Ok(respond(&organisation))
}

#[utoipa::path(
    put, path = "/api/v1/organisation", tag = "organisation",
    summary = "Change how often plans are reviewed (1 to 12 months) and the time zone (admins)",
    params(("If-Match" = String, Header, description = "The ETag you read")),
    request_body = OrganisationSettings,
    responses(
        (status = 200, body = Organisation, headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "For the organisation's admins", body = ErrorBody),
        (status = 412, description = "Someone changed the settings first", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    body: Body<OrganisationSettings>,
) -> Result<HttpResponse, AppError> {
    let settings = body.into_inner();
    let read_version = precondition::if_match(&req);
    let organisation = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Update, "organisation")
            .object(actor.user.organisation_id);
        if let Err(refused) = access::may_administer(&actor) {
            audit_event::append(conn, &[entry.refused(false)])?;
            return Err(refused);
        }
        let read_version = read_version?;
        let policy = ReviewPolicy::new(settings.review_interval_months)
            .map_err(|e| AppError::invalid(e.field, e.message))?;
        let time_zone = settings.time_zone.trim();
        crate::setup::check_time_zone(time_zone)?;
        let months = i32::try_from(policy.interval_months).unwrap_or(6);
        let retention_years = match settings.retention_years {
            None => OrganisationRow::find(conn, actor.user.organisation_id)?
                .map_or(DEFAULT_RETENTION_YEARS as i32, |o| o.retention_years),
            Some(years) if RETENTION_YEARS.contains(&years) => years as i32,
            Some(_) => {
                return Err(AppError::invalid(
                    "retention_years",
                    format!(
                        "Keep records for {} to {} years after support ends.",
                        RETENTION_YEARS.start(),
                        RETENTION_YEARS.end()
                    ),
                ));
            }
        };
        db::write_transaction(conn, |conn| {
            match OrganisationRow::settle_settings(
                conn,
                actor.user.organisation_id,
                read_version,
                (months, time_zone, retention_years),
            )? {
                UpdateOutcome::Updated { .. } => {}
                UpdateOutcome::Conflict { .. } | UpdateOutcome::NotFound => {
                    return Err(precondition::stale());
                }
            }
            audit_event::append(conn, &[entry])?;
            Ok(())
        })?;
        load(conn, actor.user.organisation_id)
    })
    .await?;
    Ok(respond(&organisation))
}
