//! First run: `GET /api/v1/setup` says whether the installation still needs setting
//! up, `POST /api/v1/setup/link` checks a setup link and gives what it already knows, and
//! `POST /api/v1/setup` makes the organisation and its first admin, who is signed in. Once an
//! organisation exists, the last two answer 404.

use actix_web::{HttpResponse, web};
use ourplan_shared::error::ErrorBody;
use ourplan_shared::organisation::User;
use ourplan_shared::setup::{SetupDetails, SetupRequest, SetupStatus, SetupToken};
use ourplan_shared::validation::Validate;

use super::session::{respond_signed_in, start_session};
use crate::db::model::{now, utc};
use crate::error::AppError;
use crate::http::body::Body;
use crate::server::AppState;
use crate::setup::{self, NewInstallation};
use crate::{db, password};

#[utoipa::path(
    get, path = "/api/v1/setup", tag = "setup",
    summary = "Whether this installation still needs setting up (it has no organisation yet)",
    security(()),
    responses(
        (status = 200, body = SetupStatus),
    )
)]
pub async fn status(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let set_up = db::run(&state.pool, |conn| Ok(setup::is_set_up(conn)?)).await?;
    Ok(HttpResponse::Ok().json(SetupStatus { needed: !set_up }))
}

#[utoipa::path(
    post, path = "/api/v1/setup/link", tag = "setup",
    summary = "Check a setup link; gives the details `ourplan setup` already asked for",
    security(()),
    request_body = SetupToken,
    responses(
        (status = 200, body = SetupDetails),
        (status = 404, description = "The link was used, ran out or is wrong, or setup is over", body = ErrorBody),
    )
)]
pub async fn link(
    state: web::Data<AppState>,
    body: Body<SetupToken>,
) -> Result<HttpResponse, AppError> {
    let SetupToken { token } = body.into_inner();
    let link = db::run(&state.pool, move |conn| {
        setup::usable_link(conn, &token, now())
    })
    .await?;
    Ok(HttpResponse::Ok().json(SetupDetails {
        organisation_name: link.organisation_name,
        time_zone: link.time_zone,
        admin_name: link.admin_name,
        admin_email: link.admin_email,
        expires_at: utc(link.expires_at),
    }))
}

#[utoipa::path(
    post, path = "/api/v1/setup", tag = "setup",
    summary = "Set up the organisation and its first admin from a setup link; signs the admin in",
    security(()),
    request_body = SetupRequest,
    responses(
        (status = 200, description = "Set up; the admin is signed in", body = User),
        (status = 404, description = "The link was used, ran out or is wrong, or setup is over", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn complete(
    state: web::Data<AppState>,
    body: Body<SetupRequest>,
) -> Result<HttpResponse, AppError> {
    let request = body.into_inner();
    if let Some(problem) = request.problems().into_iter().next() {
        return Err(AppError::invalid(problem.field, problem.message));
    }
    let time_zone = request.time_zone.trim().to_owned();
    setup::check_time_zone(&time_zone)?;
    let admin_email = request.admin_email.trim().to_lowercase();
    let admin_name = request.admin_name.trim().to_owned();
    if let Some(problem) = password::policy_problem(
        &request.password,
        &[admin_email.as_str(), admin_name.as_str()],
    ) {
        return Err(AppError::invalid("password", problem));
    }
    // Hashed before the transaction: argon2 is slow by design and should hold no lock.
    let password_hash = state.hashing.hash(request.password.clone()).await?;
    let new = NewInstallation {
        organisation_name: request.organisation_name.trim().to_owned(),
        time_zone,
        admin_name,
        admin_email,
        password_hash,
    };
    let token = request.token;
    let (admin, session_id, refresh) = db::run(&state.pool, move |conn| {
        let at = now();
        let admin = setup::complete(conn, &token, new, at)?;
        let (session_id, refresh) = start_session(conn, admin.id, None, at)?;
        Ok((admin, session_id, refresh))
    })
    .await?;
    log::info!("this installation is set up; its first admin is signed in");
    respond_signed_in(&state, admin, &session_id, refresh)
}
