//! `GET /api/v1/caseload`: the people a member of staff supports, searched and filtered on
//! the server and paged (issue 21 item 6); with `left=true`, the people who have left, for
//! managers and admins. Support workers and managers see their teams' people, admins
//! everyone in the organisation.

use std::collections::HashMap;

use ourplan_shared::id::PersonId;

use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::caseload::{
    Caseload, CaseloadQuery, CaseloadRow, FilterChoice, PAGE_SIZE, SEARCH_MAX, pages,
};
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::role::Role;

use super::guard;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::db::model::caseload::{self as model, Filters, Scope};
use crate::db::model::team::TeamRow;
use crate::error::AppError;
use crate::server::AppState;

fn load(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    query: &CaseloadQuery,
) -> Result<Caseload, AppError> {
    let left = query.left == Some(true);
    let organisation_id = actor.user.organisation_id;
    let teams = match actor.role {
        Role::Admin => None,
        Role::Manager => Some(model::teams_of(conn, actor.user.id)?),
        Role::SupportWorker if !left => Some(model::teams_of(conn, actor.user.id)?),
        Role::SupportWorker => {
            return Err(AppError::client(
                ErrorCode::Forbidden,
                "People who have left are for managers.",
            ));
        }
        Role::Individual | Role::Family => {
            return Err(AppError::client(
                ErrorCode::Forbidden,
                "The caseload is for staff.",
            ));
        }
    };
    let search = query.search();
    if search
        .as_ref()
        .is_some_and(|q| q.chars().count() > SEARCH_MAX)
    {
        return Err(AppError::invalid(
            "q",
            format!("Search for at most {SEARCH_MAX} characters of a name."),
        ));
    }
    // A filter outside the reader's own teams or staff matches nobody, as it should.
    let filters = Filters {
        search,
        team: query.team.map(|t| t.to_string()),
        key_worker: query.key_worker.map(|u| u.to_string()),
        plan_status: query.plan,
    };
    let scope = Scope {
        organisation_id,
        member: teams.is_some().then_some(actor.user.id),
        left,
    };
    let (total, rows) = model::page(conn, &scope, &filters, query.page(), PAGE_SIZE)?;
    let ids: Vec<PersonId> = rows.iter().map(|r| r.id).collect();
    let mut support: HashMap<PersonId, (Vec<String>, Vec<String>)> = HashMap::new();
    for s in model::support_of(conn, &ids)? {
        let entry = support.entry(s.person_id).or_default();
        entry.0.push(s.team_name);
        entry.1.extend(s.key_worker);
    }
    let rows = rows
        .into_iter()
        .map(|row| {
            let (teams, key_workers) = support.remove(&row.id).unwrap_or_default();
            Ok(CaseloadRow {
                id: row.id,
                full_name: row.full_name,
                preferred_name: row.preferred_name,
                teams,
                key_workers,
                plan_status: row.plan_status,
                left_on: row.left_on,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let team_choices = TeamRow::listed(
        conn,
        organisation_id,
        teams.is_some().then_some(actor.user.id),
    )?
    .into_iter()
    .map(|t| FilterChoice {
        id: t.id.to_string(),
        name: t.name,
    })
    .collect();
    let key_workers = model::staff_on(conn, organisation_id, teams.as_deref())?
        .into_iter()
        .map(|(id, name)| FilterChoice { id, name })
        .collect();
    Ok(Caseload {
        rows,
        total,
        page: query.page(),
        pages: pages(total),
        teams: team_choices,
        key_workers,
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/caseload",
    tag = "persons",
    summary = "The people you support, searched by name and filtered by team, key worker and plan state, 50 a page; with left=true the people who have left (managers, admins)",
    params(CaseloadQuery),
    responses(
        (status = 200, body = Caseload),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The caseload is for staff; people who have left for managers", body = ErrorBody),
        (status = 400, description = "A filter is not understood", body = ErrorBody),
        (status = 422, description = "The search is too long (`field` is `q`)", body = ErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    query: web::Query<CaseloadQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let entry = actor.audit(AuditAction::Read, "caseload");
    let caseload =
        guard::audited_read(&state, entry, move |conn, _| load(conn, &actor, &query)).await?;
    Ok(HttpResponse::Ok().json(caseload))
}
