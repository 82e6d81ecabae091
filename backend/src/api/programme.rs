//! `GET /review-programme`: the review programme for managers. Every plan on the teams
//! they manage, with when its next review is due and what needs attention, counted; filtered
//! by team or by kind of attention and sorted. It loads in a fixed number of queries; the
//! evidence counted across the plans reads them in batches.

use ourplan_shared::id::{PersonId, TeamId, UserId};
use std::collections::HashSet;

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use ourplan_shared::audit::AuditAction;
use ourplan_shared::caseload::pages;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::evidence::{self, EvidenceCounts};
use ourplan_shared::programme::{
    self, Attention, PAGE_SIZE, PlanFacts, ProgrammeRow, ProgrammeSort, ReviewProgramme, TeamName,
};
use ourplan_shared::role::Role;
use ourplan_shared::timescale::ReviewDue;
use serde::Deserialize;

use super::guard;

/// How many whole plans the evidence counts hold at once: 50 took the server to 50 MiB over
/// 10,000 plans where 250 took it to 92 MiB, in the same 5.3 s (20: 47 MiB, no faster).
const EVIDENCE_BATCH: usize = 50;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::programme::{self as model, Entry, Loaded};
use crate::db::model::{now, plan_document};
use crate::error::AppError;
use crate::server::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ProgrammeQuery {
    /// Only this team (one the manager is on).
    pub team: Option<TeamId>,
    /// Only plans that need this kind of attention.
    #[param(value_type = Option<String>)]
    pub attention: Option<Attention>,
    /// `due` (the default), `name` or `team`.
    #[param(value_type = Option<String>)]
    pub sort: Option<ProgrammeSort>,
    /// From 1; 50 rows a page.
    pub page: Option<u32>,
}

/// What the programme knows of one entry's plan.
pub(crate) fn facts(entry: &Entry, loaded: &Loaded, organisation: &OrganisationRow) -> PlanFacts {
    let read = loaded.read.get(&entry.plan_id);
    let not_read_by = match entry.current_version {
        None => Vec::new(),
        Some(_) => loaded
            .staff
            .get(&entry.team_id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|(user, _)| read.is_none_or(|r: &HashSet<UserId>| !r.contains(user)))
            .map(|(_, name)| name.clone())
            .collect(),
    };
    PlanFacts {
        support_started_on: entry.support_started_on,
        current_version: entry.current_version,
        last_review_on: loaded
            .last_completed
            .get(&entry.plan_id)
            .map(|at| organisation.day_at(*at)),
        open_review: loaded.open_reviews.get(&entry.plan_id).copied(),
        not_read_by,
    }
}

/// The page's rows, each with what needs attention worked out by the shared rules.
fn rows(
    rows: Vec<model::PageRow>,
    details: &model::Details,
    today: NaiveDate,
) -> Result<Vec<ProgrammeRow>, AppError> {
    rows.into_iter()
        .map(|row| {
            let model::PageRow {
                entry,
                next_review_on,
                next_review_kind,
                review_stage,
            } = row;
            let (Some(due_on), Some(kind)) = (next_review_on, next_review_kind) else {
                return Err(AppError::Internal(
                    "a plan has no next review worked out".to_owned(),
                ));
            };
            let next_review = ReviewDue { due_on, kind };
            let stage = review_stage;
            // A review under way is the next review (`programme::next_review_due`).
            let open = stage.map(|stage| (next_review.kind, stage, next_review.due_on));
            let facts = PlanFacts {
                support_started_on: entry.support_started_on,
                current_version: entry.current_version,
                last_review_on: None,
                open_review: open,
                not_read_by: not_read_by(&entry, details),
            };
            let (urgency, attention) = programme::attention(next_review, &facts, today);
            Ok(ProgrammeRow {
                person_id: entry.person_id,
                person_name: entry.preferred_name.map_or_else(
                    || entry.full_name.clone(),
                    |p| format!("{p} ({})", entry.full_name),
                ),
                team_id: entry.team_id,
                team_name: entry.team_name,
                key_worker: entry
                    .key_worker
                    .and_then(|k| details.names.get(&k).cloned()),
                plan_status: entry.plan_status,
                current_version: entry.current_version,
                plan_due_on: programme::plan_due(&facts),
                next_review,
                urgency,
                review_stage: open.map(|(_, stage, _)| stage),
                not_read_by: facts.not_read_by,
                attention,
            })
        })
        .collect()
}

/// Staff on the person's teams who have not read the latest agreed version.
fn not_read_by(entry: &Entry, details: &model::Details) -> Vec<String> {
    if entry.current_version.is_none() {
        return Vec::new();
    }
    let read = details.read.get(&entry.plan_id);
    details
        .staff
        .get(&entry.person_id)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(|(user, _)| read.is_none_or(|r| !r.contains(user)))
        .map(|(_, name)| name.clone())
        .collect()
}

/// The organisation of the manager asking; anyone else is refused.
fn managers_organisation(
    conn: &mut DbConnection,
    actor: &CurrentUser,
) -> Result<OrganisationRow, AppError> {
    if actor.role != Role::Manager {
        return Err(AppError::client(
            ErrorCode::Forbidden,
            "The review programme is for managers.",
        ));
    }
    OrganisationRow::find(conn, actor.user.organisation_id)?
        .ok_or_else(|| AppError::Internal("the manager has no organisation".to_owned()))
}

#[utoipa::path(
    get, path = "/api/v1/review-programme", tag = "reviews",
    summary = "The review programme for managers: the plans on their teams, when each review is due and what needs attention, counted, then 50 rows a page",
    params(ProgrammeQuery),
    responses(
        (status = 200, body = ReviewProgramme),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The review programme is for managers", body = ErrorBody),
        (status = 422, description = "A filter is not understood; `field` names it", body = ErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    query: web::Query<ProgrammeQuery>,
) -> Result<HttpResponse, AppError> {
    let ProgrammeQuery {
        team,
        attention,
        sort,
        page,
    } = query.into_inner();
    let page = page.unwrap_or(1).max(1);
    let entry = actor.audit(AuditAction::Read, "review_programme");
    let programme = guard::audited_read(&state, entry, move |conn, _| {
        let organisation = managers_organisation(conn, &actor)?;
        let today = organisation.day_at(now());
        let teams = model::teams_of(conn, actor.user.id)?;
        // Only one of the manager's own teams can be chosen; any other shows nobody.
        let scope = model::Scope {
            overlap: team.is_none() && teams.len() > 1 && model::overlap(conn, actor.user.id)?,
            manager: actor.user.id,
            team,
            today,
        };
        let (people, each) = model::counts(conn, &scope)?;
        let sort = sort.unwrap_or(ProgrammeSort::Due);
        // The rows matching are those counted: everyone, or those needing the attention.
        let total = match attention {
            None => people,
            Some(attention) => Attention::ALL
                .iter()
                .zip(each)
                .find_map(|(&a, count)| (a == attention).then_some(count))
                .unwrap_or(0),
        };
        let total = u64::try_from(total).unwrap_or(u64::MAX);
        let page_rows = model::page(conn, &scope, attention, sort, page, PAGE_SIZE)?;
        let details = model::details(conn, &page_rows)?;
        Ok(ReviewProgramme {
            today,
            teams: teams
                .into_iter()
                .map(|(team_id, name)| Ok(TeamName { id: team_id, name }))
                .collect::<Result<Vec<_>, AppError>>()?,
            counts: programme::counts(people, each),
            rows: rows(page_rows, &details, today)?,
            total,
            page,
            pages: pages(total),
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(programme))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct EvidenceQuery {
    /// Only this team (one the manager is on).
    pub team: Option<TeamId>,
}

#[utoipa::path(
    get, path = "/api/v1/review-programme/evidence", tag = "reviews",
    summary = "The care-standard evidence counted across every plan on the manager's teams (or one team): for each criterion, how many plans evidence it, lack it, are not due yet",
    params(EvidenceQuery),
    responses(
        (status = 200, body = EvidenceCounts),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The review programme is for managers", body = ErrorBody),
    )
)]
pub async fn evidence(
    state: web::Data<AppState>,
    actor: CurrentUser,
    query: web::Query<EvidenceQuery>,
) -> Result<HttpResponse, AppError> {
    let team = query.into_inner().team;
    let entry = actor.audit(AuditAction::Read, "programme_evidence");
    let counts = guard::audited_read(&state, entry, move |conn, _| {
        let organisation = managers_organisation(conn, &actor)?;
        let today = organisation.day_at(now());
        let policy = organisation.review_policy();
        let loaded = model::load(conn, actor.user.id, team)?;
        let people: Vec<PersonId> = loaded.entries.into_iter().map(|e| e.person_id).collect();
        // A batch of whole documents at a time (the rules read the whole plan), each counted
        // as its report is made and the batch let go before the next, so neither queries
        // nor memory grow per plan.
        let mut counts = evidence::tally(&[]);
        for batch in people.chunks(EVIDENCE_BATCH) {
            for document in plan_document::load_many(conn, batch)? {
                counts.add(&document.evidence(today, policy));
            }
        }
        Ok(counts)
    })
    .await?;
    Ok(HttpResponse::Ok().json(counts))
}
