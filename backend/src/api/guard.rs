//! What every person-scoped handler does first: read the id from the path and run its named
//! access check, auditing a refusal before it is answered.

use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::PersonId;

use crate::access;
use crate::audit;
use crate::db::model::audit_event::{self, AuditEntry};
use crate::db::model::person::PersonRow;
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::server::AppState;

/// A person id from the path; anything that is not one is simply not found.
pub fn person_id(text: &str) -> Result<String, AppError> {
    Ok(PersonId::parse(text)
        .ok_or_else(access::not_found)?
        .to_string())
}

/// The id of the person's plan; out of reach reads as not found.
pub fn plan_id(conn: &mut DbConnection, person_id: &str) -> Result<String, AppError> {
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
                Some(person) => PersonRow::find(conn, person)?.is_some(),
                None => false,
            };
        audit_event::append(conn, &[entry.clone().refused(person_known)])?;
    }
    check
}

/// Runs an audited read: the work on the blocking pool, then its audit row (allowed or
/// refused) through the group commit; the answer leaves only once that row is durable.
pub async fn read<T, F>(state: &AppState, work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> audit::Read<T> + Send + 'static,
{
    let read = db::run(&state.pool, move |conn| Ok(work(conn))).await?;
    if let Some(entry) = read.entry_to_record() {
        state.audit.record(vec![entry]).await?;
    }
    read.result
}
