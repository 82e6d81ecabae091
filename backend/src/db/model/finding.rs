use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::{FindingId, NeedsHeadingId, PlanId};
use ourplan_shared::plan::{Finding, FindingKind, FindingSource};

use super::{insert_rows, item_queries, versioned_update};
use crate::db::DbConnection;
use crate::db::schema::findings;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = findings)]
pub struct FindingRow {
    pub id: FindingId,
    pub plan_id: PlanId,
    pub heading_id: NeedsHeadingId,
    pub kind: FindingKind,
    pub position: i32,
    pub text: String,
    pub own_words: Option<String>,
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub source: FindingSource,
    pub with_consent: bool,
    pub row_version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = findings, treat_none_as_null = true)]
pub struct FindingChanges {
    pub heading_id: NeedsHeadingId,
    pub kind: FindingKind,
    pub position: i32,
    pub text: String,
    pub own_words: Option<String>,
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub source: FindingSource,
    pub with_consent: bool,
}

impl FindingRow {
    pub fn from_wire(finding: &Finding, at: NaiveDateTime) -> Self {
        Self {
            id: finding.id,
            plan_id: finding.plan_id,
            heading_id: finding.heading_id,
            kind: finding.kind,
            position: finding.position,
            text: finding.text.clone(),
            own_words: finding.own_words.clone(),
            easy_read: finding.easy_read.clone(),
            picture: finding.picture.clone(),
            source: finding.source,
            with_consent: finding.with_consent,
            row_version: finding.row_version,
            created_at: at,
            updated_at: at,
        }
    }

    pub fn into_wire(self) -> QueryResult<Finding> {
        Ok(Finding {
            id: self.id,
            plan_id: self.plan_id,
            heading_id: self.heading_id,
            kind: self.kind,
            position: self.position,
            text: self.text,
            own_words: self.own_words,
            easy_read: self.easy_read,
            picture: self.picture,
            source: self.source,
            with_consent: self.with_consent,
            row_version: self.row_version,
        })
    }

    super::plan_rows!(findings, Self, (heading_id, position, id));

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, findings::table, rows)
    }
}

impl FindingChanges {
    pub fn from_wire(finding: &Finding) -> Self {
        Self {
            heading_id: finding.heading_id,
            kind: finding.kind,
            position: finding.position,
            text: finding.text.clone(),
            own_words: finding.own_words.clone(),
            easy_read: finding.easy_read.clone(),
            picture: finding.picture.clone(),
            source: finding.source,
            with_consent: finding.with_consent,
        }
    }
}

versioned_update!(findings, FindingChanges, id: FindingId);

impl FindingRow {
    /// How many of these findings belong to the plan: a goal may only address its own plan's
    /// needs.
    pub fn count_in_plan(
        conn: &mut DbConnection,
        plan_id: PlanId,
        finding_ids: &[String],
    ) -> QueryResult<i64> {
        findings::table
            .filter(findings::plan_id.eq(plan_id))
            .filter(findings::id.eq_any(finding_ids))
            .count()
            .get_result(conn)
    }
}

item_queries!(findings, FindingRow, FindingId, positioned);
