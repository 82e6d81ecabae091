//! Team members confirming they have read an agreed version.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::{PlanVersionId, UserId};

use crate::db::DbConnection;
use crate::db::schema::plan_acknowledgements;

/// Records that a user read a version; reading it again changes nothing.
pub fn acknowledge(
    conn: &mut DbConnection,
    version_id: PlanVersionId,
    user_id: UserId,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let already: bool = diesel::select(diesel::dsl::exists(
        plan_acknowledgements::table
            .filter(plan_acknowledgements::plan_version_id.eq(version_id))
            .filter(plan_acknowledgements::user_id.eq(user_id)),
    ))
    .get_result(conn)?;
    if !already {
        diesel::insert_into(plan_acknowledgements::table)
            .values((
                plan_acknowledgements::plan_version_id.eq(version_id),
                plan_acknowledgements::user_id.eq(user_id),
                plan_acknowledgements::acknowledged_at.eq(at),
            ))
            .execute(conn)?;
        super::review_schedule::refresh_version(conn, version_id)?;
    }
    Ok(())
}

/// Who read a version, and when.
pub fn readers(
    conn: &mut DbConnection,
    version_id: PlanVersionId,
) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    plan_acknowledgements::table
        .filter(plan_acknowledgements::plan_version_id.eq(version_id))
        .select((
            plan_acknowledgements::user_id,
            plan_acknowledgements::acknowledged_at,
        ))
        .load(conn)
}
