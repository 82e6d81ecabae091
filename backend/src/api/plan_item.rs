//! The items of a plan that staff write — findings under each needs heading, goals,
//! strategies, risk plans, wishes not met, and the decisions and disagreements log — through
//! one set of generic handlers:
//!
//! - `POST /persons/{id}/{items}`, with an optional `Idempotency-Key`;
//! - `GET /persons/{id}/{items}/{item_id}`, with its ETag (audited like any read);
//! - `PUT /persons/{id}/{items}/{item_id}` with `If-Match` (412 carries the current item, 428
//!   without);
//! - `DELETE` the same way, except for logs, which are evidence and are never deleted.
//!
//! The shared rules decide what is valid, in the words the browser shows. An edit after
//! agreement makes the plan a draft of its next version; the agreed version stays as it was.

use actix_web::http::header::{ETAG, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::audit::AuditAction;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::{PersonId, PlanId};
use ourplan_shared::plan::{
    Decision, DecisionInput, DecisionKind, DecisionStatus, DisagreementAbout, OpinionRequest,
    OwnWords,
};
use ourplan_shared::validation::Validate;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::guard;
use crate::access;
use crate::api::path::{ItemPath, PersonPath};
use crate::auth::CurrentUser;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::item_opinion::ItemOpinionRow;
use crate::db::model::plan::PlanRow;
use crate::db::model::{UpdateOutcome, new_id, now};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::http::body::Body;
use crate::http::{idempotency, precondition};
use crate::server::AppState;

mod kinds;
pub mod resolution;
pub mod routes;

/// Where a new item's details come from, beyond what the client sent.
pub struct NewItem<'a> {
    pub plan_id: PlanId,
    /// The position after the plan's last item, for ordered items.
    pub position: i32,
    pub actor: &'a CurrentUser,
}

/// What every kind of plan item holds in the same shape (`kinds.rs` implements it for all of
/// them at once): its id and version, the words that name it, and the person's own words.
pub trait ItemFields {
    /// The item's own id type, so a goal's id is never looked for among the strategies.
    type Id: Copy + std::fmt::Display + std::str::FromStr + Send + 'static;
    fn id(&self) -> Self::Id;
    fn row_version(&self) -> i64;
    /// A few words naming the item, for the disagreement it may open: its text.
    fn summary(&self) -> &str;
    /// The same item at `row_version` with the person's own words replaced, and their picture
    /// when they chose one (`None` keeps it).
    fn with_own_words(
        self,
        own_words: Option<String>,
        picture: Option<String>,
        row_version: i64,
    ) -> Self;
}

/// One kind of plan item and how it is stored.
pub trait Item: ItemFields + Serialize + DeserializeOwned + Validate + Send + 'static {
    type Input: Serialize + DeserializeOwned + Send + 'static;
    /// The audit entity, e.g. `goal`.
    const ENTITY: &'static str;
    /// The part of the plan a consent must cover to read it.
    const SECTION: PlanSection;
    /// "There is no such goal in this plan."
    const NOT_FOUND: &'static str;

    /// A new item from what the client sent.
    fn create(input: Self::Input, new: NewItem<'_>) -> Result<Self, AppError>;
    /// The stored item changed as the client sent it, at `row_version`.
    fn revise(input: Self::Input, stored: Self, row_version: i64) -> Self;
    /// The next position, for ordered items.
    fn next_position(_conn: &mut DbConnection, _plan_id: PlanId) -> diesel::QueryResult<i32> {
        Ok(1)
    }
    /// Checks what the shared rules cannot: that what it refers to is in this plan.
    fn check_refs(&self, _conn: &mut DbConnection, _plan_id: PlanId) -> Result<(), AppError> {
        Ok(())
    }
    fn find(
        conn: &mut DbConnection,
        plan_id: PlanId,
        item_id: Self::Id,
    ) -> diesel::QueryResult<Option<Self>>;
    fn insert(&self, conn: &mut DbConnection) -> diesel::QueryResult<()>;
    fn update(
        &self,
        conn: &mut DbConnection,
        read_version: i64,
    ) -> diesel::QueryResult<UpdateOutcome>;
    /// Why it may not be changed at all (it is kept as it was said), if so.
    fn kept_as_said(&self) -> Result<(), AppError> {
        Ok(())
    }
    /// The item as a reader of only these sections may see it.
    fn scoped_to(self, _sections: &[PlanSection]) -> Self {
        self
    }
}

/// A kind of item that may be removed from the draft (agreed versions keep it). Wishes not
/// met and the decisions log are evidence and are not.
pub trait Removable: Item {
    fn delete(
        conn: &mut DbConnection,
        item_id: Self::Id,
        read_version: i64,
    ) -> diesel::QueryResult<UpdateOutcome>;
    /// Why it may not be removed (other records depend on it), if so.
    fn kept_as_evidence(_conn: &mut DbConnection, _item_id: Self::Id) -> Result<(), AppError> {
        Ok(())
    }
}

pub(super) fn not_found<T: Item>() -> AppError {
    AppError::client(ErrorCode::NotFound, T::NOT_FOUND)
}

pub(super) fn respond<T: Item>(
    mut response: actix_web::HttpResponseBuilder,
    item: &T,
) -> HttpResponse {
    response
        .insert_header((ETAG, precondition::etag(item.row_version())))
        .json(item)
}

/// The plan's id, after the named checks that the actor may see and write it.
fn editable_plan(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
    entry: &AuditEntry,
) -> Result<PlanId, AppError> {
    guard::may_change(conn, actor, person_id, access::may_edit_plan, entry)?;
    guard::plan_id(conn, person_id)
}

/// The first problem, as a 422 naming its field, then the cross-references.
pub(super) fn check<T: Item>(
    conn: &mut DbConnection,
    plan_id: PlanId,
    item: &T,
) -> Result<(), AppError> {
    if let Some(problem) = item.problems().into_iter().next() {
        return Err(AppError::invalid(problem.field, problem.message));
    }
    item.check_refs(conn, plan_id)
}

/// 412 with the item as it is now.
pub(super) fn stale<T: Item>(conn: &mut DbConnection, plan_id: PlanId, item_id: T::Id) -> AppError {
    match T::find(conn, plan_id, item_id) {
        Ok(Some(current)) => match serde_json::to_value(current) {
            Ok(current) => AppError::Stale { current },
            Err(error) => AppError::Internal(format!("{} to JSON: {error}", T::ENTITY)),
        },
        Ok(None) => not_found::<T>(),
        Err(error) => error.into(),
    }
}

pub async fn create<T: Item>(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    PersonPath(person_id): PersonPath,
    body: Body<T::Input>,
) -> Result<HttpResponse, AppError> {
    let input = body.into_inner();
    let key = idempotency::key(&req)?;
    let hash = idempotency::request_hash("POST", req.path(), &input);
    let item: T = db::run(&state.pool, move |conn| {
        let entry = actor.audit(AuditAction::Create, T::ENTITY).about(person_id);
        let plan_id = editable_plan(conn, &actor, person_id, &entry)?;
        let user_id = actor.user.id;
        idempotency::create_once(conn, user_id, key.as_deref(), &hash, |conn| {
            let at = now();
            let new = NewItem {
                plan_id,
                position: T::next_position(conn, plan_id)?,
                actor: &actor,
            };
            let item = T::create(input, new)?;
            check(conn, plan_id, &item)?;
            item.insert(conn)?;
            PlanRow::edited(conn, plan_id, at)?;
            audit_event::append(conn, &[entry.object(item.id())])?;
            Ok(item)
        })
    })
    .await?;
    let location = format!("{}/{}", req.path().trim_end_matches('/'), item.id());
    Ok(respond(
        HttpResponse::Created()
            .insert_header((LOCATION, location))
            .take(),
        &item,
    ))
}

pub async fn get<T: Item>(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<T::Id>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: item_id,
    } = path;
    let entry = actor
        .audit(AuditAction::Read, T::ENTITY)
        .about(person_id)
        .object(item_id);
    let item: T = guard::audited_read(&state, entry, move |conn, entry| {
        let scope = guard::readable_plan(conn, &actor, person_id, Some(T::SECTION), entry)?;
        let item = T::find(conn, scope.plan_id, item_id)?.ok_or_else(not_found::<T>)?;
        Ok(match scope.access.sections() {
            Some(sections) => item.scoped_to(sections),
            None => item,
        })
    })
    .await?;
    Ok(respond(HttpResponse::Ok(), &item))
}

pub async fn update<T: Item>(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: ItemPath<T::Id>,
    body: Body<T::Input>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: item_id,
    } = path;
    let read_version = precondition::if_match(&req);
    let input = body.into_inner();
    let item: T = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Update, T::ENTITY)
            .about(person_id)
            .object(item_id);
        let plan_id = editable_plan(conn, &actor, person_id, &entry)?;
        let read_version = read_version?;
        let stored = T::find(conn, plan_id, item_id)?.ok_or_else(not_found::<T>)?;
        stored.kept_as_said()?;
        let item = T::revise(input, stored, read_version + 1);
        save(conn, plan_id, item_id, read_version, &item, entry)?;
        Ok(item)
    })
    .await?;
    Ok(respond(HttpResponse::Ok(), &item))
}

/// The person (or staff for them) writes the item in their own words; nothing else changes.
pub async fn own_words<T: Item>(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: ItemPath<T::Id>,
    body: Body<OwnWords>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: item_id,
    } = path;
    let read_version = precondition::if_match(&req);
    let body = body.into_inner();
    let picture = body
        .chosen_picture()
        .map_err(|e| AppError::invalid("picture", e.message))?;
    let words = body.into_stored();
    let item: T = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Update, T::ENTITY)
            .about(person_id)
            .object(item_id);
        guard::may_change(conn, &actor, person_id, access::may_write_own_words, &entry)?;
        let plan_id = guard::plan_id(conn, person_id)?;
        let read_version = read_version?;
        let stored = T::find(conn, plan_id, item_id)?.ok_or_else(not_found::<T>)?;
        stored.kept_as_said()?;
        let item = stored.with_own_words(words, picture, read_version + 1);
        save(conn, plan_id, item_id, read_version, &item, entry)?;
        Ok(item)
    })
    .await?;
    Ok(respond(HttpResponse::Ok(), &item))
}

/// The person says whether they agree with an item. Not agreeing opens a disagreement in the
/// decisions log, which staff must resolve; the opinion and the log entry are written
/// together.
pub async fn opinion<T: Item>(
    state: web::Data<AppState>,
    actor: CurrentUser,
    path: ItemPath<T::Id>,
    body: Body<OpinionRequest>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: item_id,
    } = path;
    let request = body.into_inner();
    let comment = request.comment.filter(|c| !c.trim().is_empty());
    if comment.as_ref().is_some_and(|c| c.chars().count() > 2000) {
        return Err(AppError::invalid(
            "comment",
            "This must be 2000 characters or fewer.",
        ));
    }
    let opinion = db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Create, "opinion")
            .about(person_id)
            .object(item_id);
        guard::may_change(conn, &actor, person_id, access::may_give_opinion, &entry)?;
        let plan_id = guard::plan_id(conn, person_id)?;
        let item = T::find(conn, plan_id, item_id)?.ok_or_else(not_found::<T>)?;
        let at = now();
        // The item's words go with the disagreement apart from its text, shown only to readers
        // of the item's own section.
        let about = DisagreementAbout {
            section: T::SECTION,
            item_kind: T::ENTITY.to_owned(),
            item_id: item_id.to_string(),
            words: Some(item.summary().chars().take(2000).collect()),
        };
        let disagreement = (!request.agrees).then(|| {
            let name = actor.user.display_name.clone();
            let text: String = format!("{name} does not agree with a part of the plan.")
                .chars()
                .take(2000)
                .collect();
            DecisionInput {
                kind: DecisionKind::Disagreement,
                text,
                own_words: comment.clone(),
                picture: None,
                who: name,
                occurred_on: at.date(),
                evidence: String::new(),
                status: DecisionStatus::Open,
                resolution: None,
                resolved_on: None,
            }
        });
        db::write_transaction(conn, |conn| {
            let mut entries = vec![entry];
            let decision_id = match disagreement {
                Some(input) => {
                    let new = NewItem {
                        plan_id,
                        position: 1,
                        actor: &actor,
                    };
                    let decision = Decision {
                        about: Some(about),
                        ..<Decision as Item>::create(input, new)?
                    };
                    decision.insert(conn)?;
                    entries.push(
                        actor
                            .audit(AuditAction::Create, "decision")
                            .about(person_id)
                            .object(decision.id),
                    );
                    Some(decision.id)
                }
                None => None,
            };
            let row = ItemOpinionRow {
                id: new_id(),
                plan_id,
                item_kind: T::ENTITY.to_owned(),
                item_id: item_id.to_string(),
                user_id: actor.user.id,
                agrees: request.agrees,
                comment,
                decision_id,
                created_at: at,
            };
            row.insert(conn)?;
            audit_event::append(conn, &entries)?;
            Ok(row.into_wire()?)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(opinion))
}

/// Checks and stores a changed item read at `read_version`, with its audit row.
fn save<T: Item>(
    conn: &mut DbConnection,
    plan_id: PlanId,
    item_id: T::Id,
    read_version: i64,
    item: &T,
    entry: AuditEntry,
) -> Result<(), AppError> {
    check(conn, plan_id, item)?;
    db::write_transaction(conn, |conn| {
        match item.update(conn, read_version)? {
            UpdateOutcome::Updated { .. } => {}
            UpdateOutcome::Conflict { .. } => return Err(stale::<T>(conn, plan_id, item_id)),
            UpdateOutcome::NotFound => return Err(not_found::<T>()),
        }
        PlanRow::edited(conn, plan_id, now())?;
        audit_event::append(conn, &[entry])?;
        Ok(())
    })
}

pub async fn delete<T: Removable>(
    state: web::Data<AppState>,
    actor: CurrentUser,
    req: HttpRequest,
    path: ItemPath<T::Id>,
) -> Result<HttpResponse, AppError> {
    let ItemPath {
        person: person_id,
        item: item_id,
    } = path;
    let read_version = precondition::if_match(&req);
    db::run(&state.pool, move |conn| {
        let entry = actor
            .audit(AuditAction::Delete, T::ENTITY)
            .about(person_id)
            .object(item_id);
        let plan_id = editable_plan(conn, &actor, person_id, &entry)?;
        let read_version = read_version?;
        T::find(conn, plan_id, item_id)?.ok_or_else(not_found::<T>)?;
        T::kept_as_evidence(conn, item_id)?;
        db::write_transaction(conn, |conn| {
            match T::delete(conn, item_id, read_version)? {
                UpdateOutcome::Updated { .. } => {}
                UpdateOutcome::Conflict { .. } => return Err(stale::<T>(conn, plan_id, item_id)),
                UpdateOutcome::NotFound => return Err(not_found::<T>()),
            }
            PlanRow::edited(conn, plan_id, now())?;
            audit_event::append(conn, &[entry])?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
