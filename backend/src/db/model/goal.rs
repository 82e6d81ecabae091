use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::id::{FindingId, GoalId, PlanId};
use ourplan_shared::plan::{Goal, GoalStatus, GoalTerm};

use super::{UpdateOutcome, id, insert_rows, settle, versioned_update};
use crate::db::DbConnection;
use crate::db::schema::{goal_needs, goals, progress_notes, review_goal_progress, strategies};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = goals)]
pub struct GoalRow {
    pub id: GoalId,
    pub plan_id: PlanId,
    pub position: i32,
    pub term: GoalTerm,
    pub text: String,
    pub own_words: Option<String>,
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub measure: String,
    pub baseline: String,
    pub target: String,
    pub start_on: NaiveDate,
    pub due_on: NaiveDate,
    pub status: GoalStatus,
    pub row_version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What an edit may change; the id, plan and version are not among them.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = goals, treat_none_as_null = true)]
pub struct GoalChanges {
    pub position: i32,
    pub term: GoalTerm,
    pub text: String,
    pub own_words: Option<String>,
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub measure: String,
    pub baseline: String,
    pub target: String,
    pub start_on: NaiveDate,
    pub due_on: NaiveDate,
    pub status: GoalStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = goal_needs)]
pub struct GoalNeedRow {
    pub goal_id: GoalId,
    pub finding_id: FindingId,
}

impl GoalRow {
    pub fn from_wire(goal: &Goal, at: NaiveDateTime) -> Self {
        Self {
            id: goal.id,
            plan_id: goal.plan_id,
            position: goal.position,
            term: goal.term,
            text: goal.text.clone(),
            own_words: goal.own_words.clone(),
            easy_read: goal.easy_read.clone(),
            picture: goal.picture.clone(),
            measure: goal.measure.clone(),
            baseline: goal.baseline.clone(),
            target: goal.target.clone(),
            start_on: goal.start_on,
            due_on: goal.due_on,
            status: goal.status,
            row_version: goal.row_version,
            created_at: at,
            updated_at: at,
        }
    }

    pub fn into_wire(self, addresses: Vec<FindingId>) -> QueryResult<Goal> {
        Ok(Goal {
            id: self.id,
            plan_id: self.plan_id,
            position: self.position,
            term: self.term,
            text: self.text,
            own_words: self.own_words,
            easy_read: self.easy_read,
            picture: self.picture,
            measure: self.measure,
            baseline: self.baseline,
            target: self.target,
            start_on: self.start_on,
            due_on: self.due_on,
            status: self.status,
            addresses,
            row_version: self.row_version,
        })
    }

    super::plan_rows!(goals, Self, (position, id));

    pub fn find(conn: &mut DbConnection, goal_id: GoalId) -> QueryResult<Option<Self>> {
        goals::table
            .find(goal_id)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, goals::table, rows)
    }

    /// One goal of one plan, with the needs it addresses.
    pub fn find_in_plan(
        conn: &mut DbConnection,
        plan_id: PlanId,
        goal_id: GoalId,
    ) -> QueryResult<Option<Goal>> {
        let Some(row) = goals::table
            .filter(goals::id.eq(goal_id))
            .filter(goals::plan_id.eq(plan_id))
            .select(Self::as_select())
            .first(conn)
            .optional()?
        else {
            return Ok(None);
        };
        let addresses = goal_needs::table
            .filter(goal_needs::goal_id.eq(goal_id))
            .order(goal_needs::finding_id)
            .select(goal_needs::finding_id)
            .load::<String>(conn)?
            .iter()
            .map(|f| id(f))
            .collect::<QueryResult<Vec<FindingId>>>()?;
        row.into_wire(addresses).map(Some)
    }

    /// The position after the last goal of a plan.
    pub fn next_position(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<i32> {
        let last: Option<i32> = goals::table
            .filter(goals::plan_id.eq(plan_id))
            .select(diesel::dsl::max(goals::position))
            .first(conn)?;
        Ok(last.map_or(1, |p| p + 1))
    }

    /// Deletes a goal read at `read_version`, with its need links.
    pub fn delete(
        conn: &mut DbConnection,
        goal_id: GoalId,
        read_version: i64,
    ) -> QueryResult<UpdateOutcome> {
        diesel::delete(goal_needs::table.filter(goal_needs::goal_id.eq(goal_id))).execute(conn)?;
        let deleted = diesel::delete(
            goals::table
                .filter(goals::id.eq(goal_id))
                .filter(goals::row_version.eq(read_version)),
        )
        .execute(conn)?;
        settle(deleted, read_version, || {
            goals::table
                .find(goal_id)
                .select(goals::row_version)
                .first(conn)
                .optional()
        })
    }

    /// Whether support or progress is recorded against the goal: then it is evidence, and is
    /// discontinued rather than deleted.
    pub fn has_records(conn: &mut DbConnection, goal_id: GoalId) -> QueryResult<bool> {
        let strategies: bool = diesel::select(diesel::dsl::exists(
            strategies::table.filter(strategies::goal_id.eq(goal_id)),
        ))
        .get_result(conn)?;
        let progress: bool = diesel::select(diesel::dsl::exists(
            progress_notes::table.filter(progress_notes::goal_id.eq(goal_id)),
        ))
        .get_result(conn)?;
        let reviewed: bool = diesel::select(diesel::dsl::exists(
            review_goal_progress::table.filter(review_goal_progress::goal_id.eq(goal_id)),
        ))
        .get_result(conn)?;
        Ok(strategies || progress || reviewed)
    }
}

impl GoalChanges {
    pub fn from_wire(goal: &Goal) -> Self {
        Self {
            position: goal.position,
            term: goal.term,
            text: goal.text.clone(),
            own_words: goal.own_words.clone(),
            easy_read: goal.easy_read.clone(),
            picture: goal.picture.clone(),
            measure: goal.measure.clone(),
            baseline: goal.baseline.clone(),
            target: goal.target.clone(),
            start_on: goal.start_on,
            due_on: goal.due_on,
            status: goal.status,
        }
    }
}

versioned_update!(goals, GoalChanges, id: GoalId);

impl GoalNeedRow {
    /// Whether any goal addresses this finding.
    pub fn addressed(conn: &mut DbConnection, finding_id: FindingId) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            goal_needs::table.filter(goal_needs::finding_id.eq(finding_id)),
        ))
        .get_result(conn)
    }

    /// Replaces the needs a goal addresses.
    pub fn replace(
        conn: &mut DbConnection,
        goal_id: GoalId,
        findings: &[FindingId],
    ) -> QueryResult<()> {
        diesel::delete(goal_needs::table.filter(goal_needs::goal_id.eq(goal_id))).execute(conn)?;
        let rows: Vec<Self> = findings
            .iter()
            .map(|f| Self {
                goal_id: goal_id.to_owned(),
                finding_id: *f,
            })
            .collect();
        Self::insert_all(conn, &rows)?;
        Ok(())
    }

    /// Every goal-to-need link of one plan, in one query.
    /// The links of many plans in one query, each with its plan.
    pub fn for_plans(
        conn: &mut DbConnection,
        plan_ids: &[PlanId],
    ) -> QueryResult<Vec<(PlanId, Self)>> {
        goal_needs::table
            .inner_join(goals::table)
            .filter(goals::plan_id.eq_any(plan_ids))
            .order((goal_needs::goal_id, goal_needs::finding_id))
            .select((goals::plan_id, Self::as_select()))
            .load(conn)
    }

    pub fn for_plan(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<Vec<Self>> {
        goal_needs::table
            .inner_join(goals::table)
            .filter(goals::plan_id.eq(plan_id))
            .order((goal_needs::goal_id, goal_needs::finding_id))
            .select(Self::as_select())
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, goal_needs::table, rows)
    }
}
