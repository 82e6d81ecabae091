//! What every person-scoped handler does first: read the id from the path and run its named
//! access check, auditing a refusal before it is answered. A change opens with
//! `guard::may_change(conn, &actor, &person_id, access::may_edit_plan, &entry)?`; a read is
//! then only its action:
//!
//! ```ignore
//! let entry = actor.audit(AuditAction::Read, "profile").about(&person_id);
//! guard::audited_read(&state, entry, move |conn, entry| {
//!     let scope = guard::readable_plan(conn, &actor, &person_id, Some(PlanSection::Profile), entry)?;
//!     stored(conn, &scope.plan_id)
//! })
//! ```

use ourplan_shared::consent::PlanSection;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::{PersonId, PlanId};

use crate::access::{self, PlanAccess};
use crate::audit;
use crate::auth::CurrentUser;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::now;
use crate::db::model::person::PersonRow;
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::server::AppState;

/// The id of the person's plan; out of reach reads as not found.
pub fn plan_id(conn: &mut DbConnection, person_id: PersonId) -> Result<PlanId, AppError> {
    Ok(
        crate::db::model::plan::PlanRow::for_person(conn, person_id)?
            .ok_or_else(access::not_found)?
            .id,
    )
}

/// Passes an allowed check through; records a refused one in the audit trail first.
pub fn audited<T>(
    check: Result<T, AppError>,
    conn: &mut DbConnection,
    entry: &AuditEntry,
) -> Result<T, AppError> {
    if let Err(error) = &check {
        // Forbidden says the person may be seen; that they exist is checked all the same.
        let person_known = error.code() == ErrorCode::Forbidden
            && match &entry.person_id {
                Some(person) => PersonRow::find(conn, *person)?.is_some(),
                None => false,
            };
        audit_event::append(conn, &[entry.clone().refused(person_known)])?;
    }
    check
}

/// The actor's access to the person's plan, when they may read it and `may` allows the change
/// too; either refusal is audited before it is answered.
pub fn may_change(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
    may: impl FnOnce(&PlanAccess) -> Result<(), AppError>,
    entry: &AuditEntry,
) -> Result<PlanAccess, AppError> {
    let access = audited(
        access::may_read_plan(conn, actor, person_id, now()),
        conn,
        entry,
    )?;
    audited(may(&access), conn, entry)?;
    Ok(access)
}

/// The person's plan as one reader may read it: how they may (their access, whose grants
/// limit them to some parts) and the plan's id.
pub struct PlanScope {
    pub access: PlanAccess,
    pub plan_id: PlanId,
}

/// The plan of `person_id`, if the actor may read it, and `section` of it when one is named;
/// the consent grants the reader came through are noted on the audit entry. Out of reach, and
/// a person without a plan, read as not found.
pub fn readable_plan(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    person_id: PersonId,
    section: Option<PlanSection>,
    entry: &mut AuditEntry,
) -> Result<PlanScope, AppError> {
    let access = access::may_read_plan(conn, actor, person_id, now())?;
    if let Some(section) = section {
        access::may_read_section(&access, section)?;
    }
    *entry = entry.clone().via(access.grant_ids());
    let plan_id = plan_id(conn, person_id)?;
    Ok(PlanScope { access, plan_id })
}

/// Runs an audited read: the work on the blocking pool, with the entry it may add to (the
/// grants used), then the entry (allowed or refused) through the group commit; the answer
/// leaves only once that row is durable.
pub async fn audited_read<T, F>(state: &AppState, entry: AuditEntry, work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &mut AuditEntry) -> Result<T, AppError> + Send + 'static,
{
    let read = db::run(&state.pool, move |conn| {
        let mut entry = entry;
        let result = work(conn, &mut entry);
        Ok(audit::Read { entry, result })
    })
    .await?;
    if let Some(entry) = read.entry_to_record() {
        state.audit.record(vec![entry]).await?;
    }
    read.result
}
