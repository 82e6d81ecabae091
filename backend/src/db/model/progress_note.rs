use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::id::{GoalId, PlanId, ProgressNoteId, UserId};
use ourplan_shared::progress::ProgressNote;

use super::{insert_rows, naive, utc};
use crate::db::DbConnection;
use crate::db::schema::progress_notes;

/// A dated check-in: added, never edited (a correction is a new note).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = progress_notes)]
pub struct ProgressNoteRow {
    pub id: ProgressNoteId,
    pub plan_id: PlanId,
    pub goal_id: GoalId,
    pub recorded_on: NaiveDate,
    pub recorded_by: Option<UserId>,
    pub progress: String,
    pub measure_value: Option<String>,
    pub positive_changes: String,
    pub negative_changes: String,
    pub barriers: String,
    pub own_words: Option<String>,
    pub picture: Option<String>,
    pub created_at: NaiveDateTime,
}

impl ProgressNoteRow {
    pub fn from_wire(n: &ProgressNote) -> Self {
        Self {
            id: n.id,
            plan_id: n.plan_id,
            goal_id: n.goal_id,
            recorded_on: n.recorded_on,
            recorded_by: n.recorded_by,
            progress: n.progress.clone(),
            measure_value: n.measure_value.clone(),
            positive_changes: n.positive_changes.clone(),
            negative_changes: n.negative_changes.clone(),
            barriers: n.barriers.clone(),
            own_words: n.own_words.clone(),
            picture: n.picture.clone(),
            created_at: naive(n.created_at),
        }
    }

    pub fn into_wire(self) -> QueryResult<ProgressNote> {
        Ok(ProgressNote {
            id: self.id,
            plan_id: self.plan_id,
            goal_id: self.goal_id,
            recorded_on: self.recorded_on,
            recorded_by: self.recorded_by,
            progress: self.progress,
            measure_value: self.measure_value,
            positive_changes: self.positive_changes,
            negative_changes: self.negative_changes,
            barriers: self.barriers,
            own_words: self.own_words,
            picture: self.picture,
            created_at: utc(self.created_at),
        })
    }

    super::plan_rows!(progress_notes, Self, (recorded_on, id));

    /// One goal's check-ins, oldest first (for a chart over time).
    pub fn for_goal(conn: &mut DbConnection, goal_id: GoalId) -> QueryResult<Vec<Self>> {
        progress_notes::table
            .filter(progress_notes::goal_id.eq(goal_id))
            .order((
                progress_notes::recorded_on,
                progress_notes::created_at,
                progress_notes::id,
            ))
            .select(Self::as_select())
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, progress_notes::table, rows)
    }
}
