//! PDF exports: the plan (standard or easy read, current or an agreed version),
//! a review record and the decisions report. The same access as reading each: a family member's
//! copy holds only what is shared with them. Every export is audited as one.

use std::collections::HashMap;
use std::sync::LazyLock;

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::display::PdfLayout;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::{PersonId, ReviewId, UserId};
use ourplan_shared::plan::PlanDocument;
use serde::Deserialize;
use tokio::sync::Semaphore;

use super::agreement::{version_document, whole_plan};
use super::guard;
use super::plan::readable;
use crate::access::{self, PlanAccess};
use crate::api::path::{ItemPath, PersonPath};
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::db::model::now;
use crate::db::model::organisation::OrganisationRow;
use crate::db::model::plan_document;
use crate::db::model::user::UserRow;
use crate::error::AppError;
use crate::pdf::edition::Edition;
use crate::pdf::render::Pictures;
use crate::pdf::{self, Pdf};
use crate::server::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanPdfQuery {
    /// An agreed version by number (for the person and their team); the current plan if left out.
    pub version: Option<i32>,
    /// `standard` (the default) or `easy-read`.
    pub layout: Option<PdfLayout>,
}

/// A PDF file, as the documentation describes the body.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct PdfFile(pub Vec<u8>);

/// The organisation's name and time zone and the names of the people the records mention.
fn edition(
    conn: &mut DbConnection,
    doc: PlanDocument,
    version: Option<i32>,
    plan_access: &PlanAccess,
) -> Result<Edition, AppError> {
    let organisation =
        OrganisationRow::of_person(conn, doc.person.id)?.ok_or_else(access::not_found)?;
    let zone = organisation
        .time_zone
        .parse()
        .unwrap_or(chrono_tz::Europe::London);
    let mut wanted: Vec<UserId> = doc.decisions.iter().filter_map(|d| d.recorded_by).collect();
    for review in &doc.reviews {
        wanted.extend(review.requested_by);
        wanted.extend(review.part_one.as_ref().and_then(|p| p.completed_by));
        wanted.extend(review.part_two.as_ref().and_then(|p| p.completed_by));
    }
    let mut names: HashMap<UserId, String> = doc
        .team
        .iter()
        .map(|m| (m.user_id, m.display_name.clone()))
        .collect();
    for id in wanted {
        if !names.contains_key(&id)
            && let Some(user) = UserRow::find(conn, id)?
        {
            names.insert(id, user.display_name);
        }
    }
    Ok(Edition {
        doc,
        organisation: organisation.name,
        zone,
        names,
        version,
        signatures_shared: !matches!(plan_access, PlanAccess::Grant { .. }),
        media: Vec::new(),
        picture_sorts: Vec::new(),
    })
}

/// Renders off the async workers: a long plan takes a few tens of milliseconds.
/// PDFs rendered at once: one per core. Rendering is all computation, so more at once would
/// only share the cores and hold every document's pages in memory together; the rest wait
/// their turn, in order.
static RENDERS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(1, usize::from)));

async fn respond(
    state: &AppState,
    make: impl FnOnce(&Pictures) -> Pdf + Send + 'static,
) -> Result<HttpResponse, AppError> {
    let pictures = Pictures::new(state.pictures_dir.clone());
    let turn = RENDERS
        .acquire()
        .await
        .map_err(|error| AppError::Internal(format!("waiting to render a PDF: {error}")))?;
    let pdf = web::block(move || make(&pictures))
        .await
        .map_err(|error| AppError::Internal(format!("rendering a PDF: {error}")))?;
    drop(turn);
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(pdf.file_name)],
        })
        .body(pdf.bytes))
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/plan.pdf",
    tag = "exports",
    summary = "The plan as a PDF, standard or easy read (audited as an export)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about"), PlanPdfQuery),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = PdfFile),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Earlier versions are for the person and their team", body = ErrorBody),
        (status = 404, description = "No such person or version, or out of reach", body = ErrorBody),
    )
)]
pub async fn plan(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
    query: web::Query<PlanPdfQuery>,
) -> Result<HttpResponse, AppError> {
    let PlanPdfQuery { version, layout } = query.into_inner();
    let layout = layout.unwrap_or_default();
    let store = state.media.clone();
    let entry = actor
        .audit(AuditAction::Export, "plan")
        .about(person_id)
        .object(format!(
            "{}:{}",
            layout.key(),
            version.map_or("current".to_owned(), |v| v.to_string())
        ));
    let edition = guard::audited_read(&state, entry, move |conn, entry| {
        // Versions are for the person and the team, who see every part.
        let (doc, plan_access) = match version {
            Some(number) => {
                let plan_id = whole_plan(conn, &actor, person_id)?;
                let mut doc = version_document(conn, plan_id, number)?;
                // A version is snapshotted before it is signed and dated: take those
                // (append-only) facts from the records as they are now.
                let now = plan_document::load(conn, person_id)?.ok_or_else(access::not_found)?;
                doc.versions = now.versions;
                doc.signatures = now.signatures;
                (doc, PlanAccess::Team)
            }
            None => readable(conn, &actor, person_id, entry)?,
        };
        let mut edition = edition(conn, doc, version, &plan_access)?;
        // The person's photos and recordings belong to their own copy of the plan as it is.
        if layout == PdfLayout::EasyRead && version.is_none() {
            edition.media = super::media::for_document(conn, &store, person_id, &plan_access)?;
        }
        Ok(edition)
    })
    .await?;
    respond(&state, move |pictures| {
        pdf::plan(&edition, layout, pictures)
    })
    .await
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/reviews/{review_id}/record.pdf",
    tag = "exports",
    summary = "A review's record as a PDF: Part 1, Part 2 and the version it led to (audited as an export)",
    params(
        ("person_id" = PersonId, Path, description = "The person the plan is about"),
        ("review_id" = ReviewId, Path, description = "The review"),
    ),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = PdfFile),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Reviews are not shared with you", body = ErrorBody),
        (status = 404, description = "No such person or review, or out of reach", body = ErrorBody),
    )
)]
pub async fn review(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<ReviewId>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: review_id,
    } = path;
    let entry = actor
        .audit(AuditAction::Export, "review")
        .about(person_id)
        .object(review_id);
    let (edition, review) = guard::audited_read(&state, entry, move |conn, entry| {
        let (doc, plan_access) = readable(conn, &actor, person_id, entry)?;
        access::may_read_section(&plan_access, PlanSection::Reviews)?;
        let review = doc
            .reviews
            .iter()
            .find(|r| r.id == review_id)
            .cloned()
            .ok_or_else(|| AppError::client(ErrorCode::NotFound, "There is no such review."))?;
        let mut edition = edition(conn, doc, None, &plan_access)?;
        let plan_id = guard::plan_id(conn, person_id)?;
        edition.picture_sorts = crate::db::model::picture_sort::list(conn, plan_id)?
            .into_iter()
            .filter(|s| s.review_id == Some(review_id.to_string()))
            .collect();
        Ok((edition, review))
    })
    .await?;
    respond(&state, move |pictures| {
        pdf::review(&edition, &review, pictures)
    })
    .await
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/plan/decisions.pdf",
    tag = "exports",
    summary = "The evidence report of actions, decisions and disagreements and how each was resolved, as a PDF (audited as an export)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = PdfFile),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Decisions are not shared with you", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
    )
)]
pub async fn decisions(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor
        .audit(AuditAction::Export, "decisions")
        .about(person_id);
    let edition = guard::audited_read(&state, entry, move |conn, entry| {
        let (doc, plan_access) = readable(conn, &actor, person_id, entry)?;
        access::may_read_section(&plan_access, PlanSection::Decisions)?;
        edition(conn, doc, None, &plan_access)
    })
    .await?;
    respond(&state, move |pictures| pdf::decisions(&edition, pictures)).await
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/plan/evidence.pdf",
    tag = "exports",
    summary = "The care-standard evidence report as a PDF (staff on the team; audited as an export)",
    params(("person_id" = PersonId, Path, description = "The person the plan is about")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = PdfFile),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "For the person's support team", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
    )
)]
pub async fn evidence(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor
        .audit(AuditAction::Export, "plan_evidence")
        .about(person_id);
    let (edition, report) = guard::audited_read(&state, entry, move |conn, entry| {
        let (doc, plan_access) = readable(conn, &actor, person_id, entry)?;
        access::may_read_as_team(&plan_access)?;
        let organisation =
            OrganisationRow::of_person(conn, person_id)?.ok_or_else(access::not_found)?;
        let report = doc.evidence(organisation.day_at(now()), organisation.review_policy());
        Ok((edition(conn, doc, None, &plan_access)?, report))
    })
    .await?;
    respond(&state, move |pictures| {
        pdf::evidence(&edition, &report, pictures)
    })
    .await
}
