use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::{PlanId, PlanVersionId, UserId};
use ourplan_shared::plan::PlanVersionSummary;

use super::{id, insert_rows, opt_id, utc};
use crate::db::DbConnection;
use crate::db::schema::plan_versions;

/// An agreed version: immutable once written (the database refuses updates and deletes).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = plan_versions)]
pub struct PlanVersionRow {
    pub id: PlanVersionId,
    pub plan_id: PlanId,
    pub number: i32,
    pub agreed_at: NaiveDateTime,
    pub agreed_by: Option<UserId>,
    pub change_summary: String,
    /// The whole plan as agreed, as JSON.
    pub document: String,
}

impl PlanVersionRow {
    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, plan_versions::table, rows)
    }

    /// The id of a plan's version `number`.
    pub fn id_of(
        conn: &mut DbConnection,
        plan_id: PlanId,
        number: i32,
    ) -> QueryResult<Option<PlanVersionId>> {
        plan_versions::table
            .filter(plan_versions::plan_id.eq(plan_id))
            .filter(plan_versions::number.eq(number))
            .select(plan_versions::id)
            .first(conn)
            .optional()
    }

    /// One version's document.
    pub fn document(
        conn: &mut DbConnection,
        plan_id: PlanId,
        number: i32,
    ) -> QueryResult<Option<String>> {
        plan_versions::table
            .filter(plan_versions::plan_id.eq(plan_id))
            .filter(plan_versions::number.eq(number))
            .select(plan_versions::document)
            .first(conn)
            .optional()
    }

    /// Every version of a plan, oldest first, without the (large) documents.
    pub fn summaries(
        conn: &mut DbConnection,
        plan_id: PlanId,
    ) -> QueryResult<Vec<PlanVersionSummary>> {
        let rows: Vec<SummaryRow> = plan_versions::table
            .filter(plan_versions::plan_id.eq(plan_id))
            .order(plan_versions::number)
            .select(SUMMARY_COLUMNS)
            .load(conn)?;
        rows.into_iter().map(summary).collect()
    }

    /// The same for many plans in one query, each with its plan.
    pub fn summaries_for_plans(
        conn: &mut DbConnection,
        plan_ids: &[PlanId],
    ) -> QueryResult<Vec<(PlanId, PlanVersionSummary)>> {
        let rows: Vec<(PlanId, SummaryRow)> = plan_versions::table
            .filter(plan_versions::plan_id.eq_any(plan_ids))
            .order(plan_versions::number)
            .select((plan_versions::plan_id, SUMMARY_COLUMNS))
            .load(conn)?;
        rows.into_iter()
            .map(|(plan_id, row)| Ok((plan_id, summary(row)?)))
            .collect()
    }
}

/// A version without its document: id, number, agreed at, agreed by, what changed.
type SummaryRow = (String, i32, NaiveDateTime, Option<String>, String);

const SUMMARY_COLUMNS: (
    plan_versions::id,
    plan_versions::number,
    plan_versions::agreed_at,
    plan_versions::agreed_by,
    plan_versions::change_summary,
) = (
    plan_versions::id,
    plan_versions::number,
    plan_versions::agreed_at,
    plan_versions::agreed_by,
    plan_versions::change_summary,
);

fn summary(
    (version_id, number, agreed_at, agreed_by, change_summary): SummaryRow,
) -> QueryResult<PlanVersionSummary> {
    Ok(PlanVersionSummary {
        id: id(&version_id)?,
        number,
        agreed_at: utc(agreed_at),
        agreed_by: opt_id(agreed_by.as_deref())?,
        change_summary,
    })
}
