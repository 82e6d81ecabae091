//! `GET /api/v1/persons`: the people the signed-in user may see, by name. Staff get their
//! teams' people, a family member the people who share with them now, the person themselves,
//! an admin everyone in the organisation (names only: teams are made from this list).

use actix_web::{HttpResponse, web};
use ourplan_shared::error::ErrorBody;
use ourplan_shared::organisation::PersonSummary;
use ourplan_shared::role::Role;

use crate::auth::CurrentUser;
use crate::db;
use crate::db::model::access_grant::AccessGrantRow;
use crate::db::model::now;
use crate::db::model::person::PersonRow;
use crate::db::model::team::TeamPersonRow;
use crate::error::AppError;
use crate::server::AppState;

#[utoipa::path(
    get,
    path = "/api/v1/persons",
    tag = "persons",
    summary = "The people you may see",
    responses(
        (status = 200, body = Vec<PersonSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody)
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let persons = db::run(&state.pool, move |conn| {
        let organisation = actor.user.organisation_id.as_str();
        let ids = match actor.role {
            Role::Admin => None,
            Role::SupportWorker | Role::Manager => {
                Some(TeamPersonRow::caseload(conn, &actor.user.id)?)
            }
            Role::Family => Some(AccessGrantRow::persons_with_active(
                conn,
                &actor.user.id,
                now(),
            )?),
            Role::Individual => Some(actor.user.person_id.iter().cloned().collect()),
        };
        Ok(PersonRow::summaries(conn, organisation, ids.as_deref())?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(persons))
}
