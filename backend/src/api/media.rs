//! The person's photos and recordings on their plan:
//!
//! - `POST /persons/{id}/media?section=…&item=…&words=…` with the file as the body: the person,
//!   or their team for them, as they write their own words. The file is known by its bytes;
//!   photos are re-encoded without their metadata, recordings checked to be short Opus.
//! - `GET /persons/{id}/media`: the list, only of sections the reader may read.
//! - `GET /persons/{id}/media/{media_id}`: the file, to readers of its section only (404 to
//!   anyone else, as for what does not exist), never cached by shared caches, audited.
//! - `DELETE /persons/{id}/media/{media_id}`: no longer shown; kept as evidence.

use actix_web::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, ContentDisposition, DispositionParam, DispositionType,
    LOCATION,
};
use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::id::{PersonId, PlanId};
use ourplan_shared::media::{Media, MediaKind, MediaTarget, PHOTO_UPLOAD_MAX};

use super::guard::{self, plan_id};
use crate::access;
use crate::api::path::{ItemPath, PersonPath};
use crate::auth::CurrentUser;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::media::{self, NewMedia};
use crate::db::model::{new_id, now};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::media::store::sha256_hex;
use crate::server::AppState;

const ENTITY: &str = "media";

fn not_found() -> AppError {
    AppError::client(
        ErrorCode::NotFound,
        "There is no such photo or recording in this plan.",
    )
}

/// A media id from the path: any UUID; anything else is simply not found.
fn media_id(text: &str) -> Result<String, AppError> {
    uuid::Uuid::parse_str(text)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| not_found())
}

/// The body, up to the largest upload: a larger one is refused as soon as it is seen to be.
async fn read_upload(req: &HttpRequest, payload: web::Payload) -> Result<Vec<u8>, AppError> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > PHOTO_UPLOAD_MAX) {
        return Err(crate::media::too_large("file", PHOTO_UPLOAD_MAX));
    }
    let bytes = payload
        .to_bytes_limited(PHOTO_UPLOAD_MAX)
        .await
        .map_err(|_| crate::media::too_large("file", PHOTO_UPLOAD_MAX))?
        .map_err(|_| {
            AppError::client(
                ErrorCode::BadRequest,
                "The file did not arrive whole. Try again.",
            )
        })?;
    if bytes.is_empty() {
        return Err(AppError::invalid(
            "file",
            "Choose a photo or make a recording first.",
        ));
    }
    Ok(bytes.to_vec())
}

/// The plan's id, once the actor may add to the person's own words on it.
fn may_add(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
    entry: &AuditEntry,
) -> Result<PlanId, AppError> {
    guard::may_change(conn, actor, person_id, access::may_write_own_words, entry)?;
    plan_id(conn, person_id)
}

#[utoipa::path(
    post,
    path = "/api/v1/persons/{person_id}/media",
    tag = "plan items",
    summary = "Add a photo or a recording to About me or a point of the plan, the file as the body (the person, or their team with them)",
    params(("person_id" = PersonId, Path, description = "The person"), MediaTarget),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "A photo (JPEG, PNG, WebP, GIF; at most 15 MiB) or a recording (Opus in WebM or Ogg; at most 2 minutes and 2 MiB)"),
    responses(
        (status = 201, body = Media),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the person, or their team, adds photos and recordings", body = ErrorBody),
        (status = 404, description = "No such person or point, or out of reach", body = ErrorBody),
        (status = 413, description = "The file is too big", body = ErrorBody),
        (status = 415, description = "Not a photo or recording Ourplan keeps", body = ErrorBody),
        (status = 422, description = "Unreadable, too long, or the target is wrong", body = ErrorBody),
    )
)]
pub async fn upload(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    PersonPath(person_id): PersonPath,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    // Who may add comes first, before the file is read at all.
    let check = {
        let (actor, person_id) = (actor.clone(), person_id);
        db::run(&state.pool, move |conn| {
            let entry = actor.audit(AuditAction::Create, ENTITY).about(person_id);
            may_add(conn, &actor, person_id, &entry).map(|_| ())
        })
    };
    check.await?;
    let target = web::Query::<MediaTarget>::from_query(req.query_string())
        .map_err(|_| {
            AppError::invalid(
                "section",
                "Say where the photo or recording goes: About me or a point of the plan.",
            )
        })?
        .into_inner();
    if let Some((field, message)) = target.problem() {
        return Err(AppError::invalid(field, message));
    }
    let bytes = read_upload(&req, payload).await?;
    let prepared = web::block(move || crate::media::prepare(bytes))
        .await
        .map_err(|error| AppError::Internal(format!("preparing media: {error}")))??;
    let store = state.media.clone();
    let item = db::run(&state.pool, move |conn| {
        let id = new_id();
        let entry = actor
            .audit(AuditAction::Create, ENTITY)
            .about(person_id)
            .object(&id);
        let plan_id = may_add(conn, &actor, person_id, &entry)?;
        if let Some(item) = target.item.as_deref()
            && !media::point_exists(conn, plan_id, target.section, item)?
        {
            return Err(AppError::client(
                ErrorCode::NotFound,
                "There is no such point in this part of the plan.",
            ));
        }
        let hash = sha256_hex(&prepared.bytes);
        let in_row = store.put(&id, &prepared.bytes)?;
        let words = target.stored_words();
        let size = |n: Option<u32>| n.and_then(|n| i32::try_from(n).ok());
        let row = NewMedia {
            id: &id,
            plan_id,
            section: target.section,
            item_id: target.item.as_deref(),
            kind: prepared.kind,
            content_type: prepared.content_type,
            words: words.as_deref(),
            bytes: in_row.as_deref(),
            byte_size: i64::try_from(prepared.bytes.len()).unwrap_or(i64::MAX),
            sha256: &hash,
            width: size(prepared.width),
            height: size(prepared.height),
            duration_ms: size(prepared.duration_ms),
            created_by: actor.user.id,
            created_at: now(),
        };
        let written = db::write_transaction(conn, |conn| {
            media::insert(conn, &row)?;
            audit_event::append(conn, std::slice::from_ref(&entry))?;
            media::find(conn, plan_id, &id)?.ok_or_else(not_found)
        });
        if written.is_err() {
            store.discard(&id);
        }
        written
    })
    .await?;
    let location = format!("{}/{}", req.path().trim_end_matches('/'), item.id);
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, location))
        .json(item))
}

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/media",
    tag = "plan items",
    summary = "The photos and recordings on the plan, of the parts the reader may see",
    params(("person_id" = PersonId, Path, description = "The person")),
    responses(
        (status = 200, body = Vec<Media>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such person, or out of reach", body = ErrorBody),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentUser,
    PersonPath(person_id): PersonPath,
) -> Result<HttpResponse, AppError> {
    let entry = actor.audit(AuditAction::Read, ENTITY).about(person_id);
    let items = guard::audited_read(&state, entry, move |conn, entry| {
        let scope = guard::readable_plan(conn, &actor, person_id, None, entry)?;
        let items = media::list(conn, scope.plan_id)?;
        Ok(match scope.access.sections() {
            Some(sections) => items
                .into_iter()
                .filter(|m| sections.contains(&m.section))
                .collect(),
            None => items,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(items))
}

/// A media file, as the documentation describes the body.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct MediaFileBody(pub Vec<u8>);

#[utoipa::path(
    get,
    path = "/api/v1/persons/{person_id}/media/{media_id}",
    tag = "plan items",
    summary = "A photo (JPEG) or recording (WebM or Ogg), to readers of its part of the plan (audited)",
    params(
        ("person_id" = PersonId, Path, description = "The person"),
        ("media_id" = String, Path, description = "The photo or recording"),
    ),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream", body = MediaFileBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such photo or recording, or not shared with the reader", body = ErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<String>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: media,
    } = path;
    let media_id = media_id(&media)?;
    let store = state.media.clone();
    let entry = actor
        .audit(AuditAction::Read, ENTITY)
        .about(person_id)
        .object(&media_id);
    let file = guard::audited_read(&state, entry, move |conn, entry| {
        let scope = guard::readable_plan(conn, &actor, person_id, None, entry)?;
        let file = media::file(conn, scope.plan_id, &media_id)?.ok_or_else(not_found)?;
        // Out of a reader's sections it does not exist for them.
        access::may_read_section(&scope.access, file.section).map_err(|_| not_found())?;
        let bytes = store.get(&file.id, file.bytes.clone(), &file.sha256)?;
        Ok((file, bytes))
    })
    .await?;
    let (file, bytes) = file;
    let extension = match file.content_type.as_str() {
        "image/jpeg" => "jpg",
        "audio/ogg" => "ogg",
        _ => "webm",
    };
    let name = match file.kind {
        MediaKind::Photo => "photo",
        MediaKind::Recording => "recording",
    };
    Ok(HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Inline,
            parameters: vec![DispositionParam::Filename(format!(
                "{name}-{}.{extension}",
                file.created_at.format("%Y-%m-%d")
            ))],
        })
        .insert_header((CACHE_CONTROL, "private, no-store"))
        // Opened on its own, it can run nothing and reach nothing.
        .insert_header((CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox"))
        .body(bytes))
}

#[utoipa::path(
    delete,
    path = "/api/v1/persons/{person_id}/media/{media_id}",
    tag = "plan items",
    summary = "Stop showing a photo or recording; it is kept as evidence (the person, or their team)",
    params(
        ("person_id" = PersonId, Path, description = "The person"),
        ("media_id" = String, Path, description = "The photo or recording"),
    ),
    responses(
        (status = 204, description = "No longer shown"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only the person, or their team", body = ErrorBody),
        (status = 404, description = "No such photo or recording", body = ErrorBody),
    )
)]
pub async fn remove(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<String>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: media,
    } = path;
    let media_id = media_id(&media)?;
    db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Delete, ENTITY)
            .about(person_id)
            .object(&media_id);
        guard::may_change(conn, &actor, person_id, access::may_write_own_words, &entry)?;
        let plan_id = plan_id(conn, person_id)?;
        media::find(conn, plan_id, &media_id)?.ok_or_else(not_found)?;
        db::write_transaction(conn, |conn| {
            media::remove(conn, &media_id, actor.user.id, now())?;
            audit_event::append(conn, std::slice::from_ref(&entry))?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The person's photos (with their bytes) and recordings for a document, of the sections the
/// reader may see.
pub fn for_document(
    conn: &mut DbConnection,
    store: &crate::media::store::MediaStore,
    person_id: PersonId,
    plan_access: &access::PlanAccess,
) -> Result<Vec<crate::pdf::edition::PdfMedia>, AppError> {
    let plan_id = plan_id(conn, person_id)?;
    let mut out = Vec::new();
    for item in media::list(conn, plan_id)? {
        if access::may_read_section(plan_access, item.section).is_err() {
            continue;
        }
        let jpeg = match item.kind {
            MediaKind::Photo => {
                let file = media::file(conn, plan_id, &item.id)?.ok_or_else(not_found)?;
                Some(store.get(&file.id, file.bytes, &file.sha256)?)
            }
            MediaKind::Recording => None,
        };
        out.push(crate::pdf::edition::PdfMedia { media: item, jpeg });
    }
    Ok(out)
}
