use ourplan_shared::id::{GoalId, PlanId, PlanVersionId, ReviewId, UserId};
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::review::{
    PartOneInput, PartTwoInput, Review, ReviewGoalProgress, ReviewKind, ReviewPartOne,
    ReviewPartTwo, ReviewStatus,
};

use super::{UpdateOutcome, insert_rows, naive, settle, utc};
use crate::db::DbConnection;
use crate::db::schema::{review_goal_progress, reviews};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = reviews)]
pub struct ReviewRow {
    pub id: ReviewId,
    pub plan_id: PlanId,
    pub kind: ReviewKind,
    pub status: ReviewStatus,
    pub due_on: NaiveDate,
    pub requested_by: Option<UserId>,
    pub request_reason: Option<String>,
    pub what_is_working: Option<String>,
    pub what_is_not_working: Option<String>,
    pub persons_views: Option<String>,
    pub proposed_changes: Option<String>,
    pub part_one_by: Option<UserId>,
    pub part_one_submitted_at: Option<NaiveDateTime>,
    pub outcome: Option<String>,
    pub changes_agreed: Option<String>,
    pub effectiveness_evidence: Option<String>,
    pub part_two_by: Option<UserId>,
    pub completed_at: Option<NaiveDateTime>,
    pub resulting_version_id: Option<PlanVersionId>,
    pub row_version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = review_goal_progress)]
pub struct ReviewGoalProgressRow {
    pub review_id: ReviewId,
    pub goal_id: GoalId,
    pub progress: String,
    pub own_words: Option<String>,
}

impl ReviewRow {
    pub fn from_wire(r: &Review, at: NaiveDateTime) -> Self {
        let one = r.part_one.as_ref();
        let two = r.part_two.as_ref();
        Self {
            id: r.id,
            plan_id: r.plan_id,
            kind: r.kind,
            status: r.status,
            due_on: r.due_on,
            requested_by: r.requested_by,
            request_reason: r.request_reason.clone(),
            what_is_working: one.map(|p| p.what_is_working.clone()),
            what_is_not_working: one.map(|p| p.what_is_not_working.clone()),
            persons_views: one.map(|p| p.persons_views.clone()),
            proposed_changes: one.map(|p| p.proposed_changes.clone()),
            part_one_by: one.and_then(|p| p.completed_by),
            part_one_submitted_at: one.and_then(|p| p.submitted_at.map(naive)),
            outcome: two.map(|p| p.outcome.clone()),
            changes_agreed: two.map(|p| p.changes_agreed.clone()),
            effectiveness_evidence: two.map(|p| p.effectiveness_evidence.clone()),
            part_two_by: two.and_then(|p| p.completed_by),
            completed_at: two.and_then(|p| p.completed_at.map(naive)),
            resulting_version_id: two.and_then(|p| p.resulting_version_id),
            row_version: r.row_version,
            created_at: at,
            updated_at: at,
        }
    }

    /// A part is present once any of its fields has been written.
    pub fn into_wire(self, goal_progress: Vec<ReviewGoalProgressRow>) -> QueryResult<Review> {
        let part_one = match (
            self.what_is_working,
            self.what_is_not_working,
            self.persons_views,
            self.proposed_changes,
        ) {
            (None, None, None, None) => None,
            (working, not_working, views, changes) => Some(ReviewPartOne {
                what_is_working: working.unwrap_or_default(),
                what_is_not_working: not_working.unwrap_or_default(),
                persons_views: views.unwrap_or_default(),
                proposed_changes: changes.unwrap_or_default(),
                completed_by: self.part_one_by,
                submitted_at: self.part_one_submitted_at.map(utc),
            }),
        };
        let part_two = match (
            self.outcome,
            self.changes_agreed,
            self.effectiveness_evidence,
        ) {
            (None, None, None) => None,
            (outcome, changes, evidence) => Some(ReviewPartTwo {
                outcome: outcome.unwrap_or_default(),
                changes_agreed: changes.unwrap_or_default(),
                effectiveness_evidence: evidence.unwrap_or_default(),
                completed_by: self.part_two_by,
                completed_at: self.completed_at.map(utc),
                resulting_version_id: self.resulting_version_id,
            }),
        };
        Ok(Review {
            id: self.id,
            plan_id: self.plan_id,
            kind: self.kind,
            status: self.status,
            due_on: self.due_on,
            requested_by: self.requested_by,
            request_reason: self.request_reason,
            part_one,
            part_two,
            goal_progress: goal_progress
                .into_iter()
                .map(|p| {
                    Ok(ReviewGoalProgress {
                        goal_id: p.goal_id,
                        progress: p.progress,
                        own_words: p.own_words,
                    })
                })
                .collect::<QueryResult<_>>()?,
            row_version: self.row_version,
        })
    }

    super::plan_rows!(reviews, Self, (due_on, id));

    /// New reviews; each plan's next review becomes the one opened (or, for reviews
    /// recorded as completed, the one after it).
    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        let inserted = insert_rows!(conn, reviews::table, rows)?;
        let mut plan_ids: Vec<PlanId> = rows.iter().map(|row| row.plan_id).collect();
        plan_ids.sort_unstable();
        plan_ids.dedup();
        super::review_schedule::refresh(conn, &plan_ids)?;
        Ok(inserted)
    }

    pub fn find_in_plan(
        conn: &mut DbConnection,
        plan_id: PlanId,
        review_id: ReviewId,
    ) -> QueryResult<Option<Self>> {
        reviews::table
            .filter(reviews::id.eq(review_id))
            .filter(reviews::plan_id.eq(plan_id))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// The review under way, if any (a plan has at most one at a time).
    pub fn open_for_plan(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<Option<Self>> {
        reviews::table
            .filter(reviews::plan_id.eq(plan_id))
            .filter(reviews::status.ne(ReviewStatus::Completed))
            .order(reviews::created_at)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// The review under way of each of these plans: its kind, stage and due day, by plan.
    pub fn open_of_plans(
        conn: &mut DbConnection,
        plan_ids: &[PlanId],
    ) -> QueryResult<HashMap<PlanId, (ReviewKind, ReviewStatus, NaiveDate)>> {
        let rows: Vec<(PlanId, ReviewKind, ReviewStatus, NaiveDate)> = reviews::table
            .filter(reviews::plan_id.eq_any(plan_ids))
            // The open stages named, not "not completed": SQLite would otherwise scan the
            // partial index of open reviews rather than look the plans up.
            .filter(reviews::status.eq_any([ReviewStatus::PartOne, ReviewStatus::AwaitingPartTwo]))
            .select((
                reviews::plan_id,
                reviews::kind,
                reviews::status,
                reviews::due_on,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(plan, kind, status, due_on)| (plan, (kind, status, due_on)))
            .collect())
    }

    /// The day the last review was completed, in UTC.
    pub fn last_completed_at(
        conn: &mut DbConnection,
        plan_id: PlanId,
    ) -> QueryResult<Option<NaiveDateTime>> {
        reviews::table
            .filter(reviews::plan_id.eq(plan_id))
            .filter(reviews::status.eq(ReviewStatus::Completed))
            .select(diesel::dsl::max(reviews::completed_at))
            .first(conn)
    }

    /// Part 1 written (not yet submitted), at the version read.
    pub fn write_part_one(
        conn: &mut DbConnection,
        review_id: ReviewId,
        read_version: i64,
        part: &PartOneInput,
        by: UserId,
        at: NaiveDateTime,
    ) -> QueryResult<UpdateOutcome> {
        let updated = diesel::update(
            reviews::table
                .filter(reviews::id.eq(review_id))
                .filter(reviews::row_version.eq(read_version))
                .filter(reviews::status.eq(ReviewStatus::PartOne)),
        )
        .set((
            reviews::what_is_working.eq(&part.what_is_working),
            reviews::what_is_not_working.eq(&part.what_is_not_working),
            reviews::persons_views.eq(&part.persons_views),
            reviews::proposed_changes.eq(&part.proposed_changes),
            reviews::part_one_by.eq(by),
            reviews::row_version.eq(read_version + 1),
            reviews::updated_at.eq(at),
        ))
        .execute(conn)?;
        settle(updated, read_version, || Self::version_of(conn, review_id))
    }

    /// Moves the review on from `from` to `to` at the version read, stamping the part done;
    /// a completed review names the plan version it produced, in the same (last) update.
    pub fn advance(
        conn: &mut DbConnection,
        review_id: ReviewId,
        read_version: i64,
        (from, to): (ReviewStatus, ReviewStatus),
        resulting_version: Option<PlanVersionId>,
        at: NaiveDateTime,
    ) -> QueryResult<UpdateOutcome> {
        let target = reviews::table
            .filter(reviews::id.eq(review_id))
            .filter(reviews::row_version.eq(read_version))
            .filter(reviews::status.eq(from));
        let common = (
            reviews::status.eq(to),
            reviews::row_version.eq(read_version + 1),
            reviews::updated_at.eq(at),
        );
        let updated = match to {
            ReviewStatus::AwaitingPartTwo => diesel::update(target)
                .set((common, reviews::part_one_submitted_at.eq(at)))
                .execute(conn)?,
            _ => diesel::update(target)
                .set((
                    common,
                    reviews::completed_at.eq(at),
                    reviews::resulting_version_id.eq(resulting_version),
                ))
                .execute(conn)?,
        };
        if updated == 1 {
            super::review_schedule::refresh_review(conn, review_id)?;
        }
        settle(updated, read_version, || Self::version_of(conn, review_id))
    }

    /// Part 2 written, at the version read, while it waits for the manager.
    pub fn write_part_two(
        conn: &mut DbConnection,
        review_id: ReviewId,
        read_version: i64,
        part: &PartTwoInput,
        by: UserId,
        at: NaiveDateTime,
    ) -> QueryResult<UpdateOutcome> {
        let updated = diesel::update(
            reviews::table
                .filter(reviews::id.eq(review_id))
                .filter(reviews::row_version.eq(read_version))
                .filter(reviews::status.eq(ReviewStatus::AwaitingPartTwo)),
        )
        .set((
            reviews::outcome.eq(&part.outcome),
            reviews::changes_agreed.eq(&part.changes_agreed),
            reviews::effectiveness_evidence.eq(&part.effectiveness_evidence),
            reviews::part_two_by.eq(by),
            reviews::row_version.eq(read_version + 1),
            reviews::updated_at.eq(at),
        ))
        .execute(conn)?;
        settle(updated, read_version, || Self::version_of(conn, review_id))
    }

    fn version_of(conn: &mut DbConnection, review_id: ReviewId) -> QueryResult<Option<i64>> {
        reviews::table
            .find(review_id)
            .select(reviews::row_version)
            .first(conn)
            .optional()
    }
}

impl ReviewGoalProgressRow {
    pub fn for_review(conn: &mut DbConnection, review_id: ReviewId) -> QueryResult<Vec<Self>> {
        review_goal_progress::table
            .filter(review_goal_progress::review_id.eq(review_id))
            .order(review_goal_progress::goal_id)
            .select(Self::as_select())
            .load(conn)
    }

    /// Part 1's goal progress, replaced as a whole while Part 1 is being written.
    pub fn replace(conn: &mut DbConnection, review_id: ReviewId, rows: &[Self]) -> QueryResult<()> {
        diesel::delete(
            review_goal_progress::table.filter(review_goal_progress::review_id.eq(review_id)),
        )
        .execute(conn)?;
        Self::insert_all(conn, rows)?;
        Ok(())
    }

    /// The progress rows of many plans in one query, each with its plan.
    pub fn for_plans(
        conn: &mut DbConnection,
        plan_ids: &[PlanId],
    ) -> QueryResult<Vec<(PlanId, Self)>> {
        review_goal_progress::table
            .inner_join(reviews::table)
            .filter(reviews::plan_id.eq_any(plan_ids))
            .order((
                review_goal_progress::review_id,
                review_goal_progress::goal_id,
            ))
            .select((reviews::plan_id, Self::as_select()))
            .load(conn)
    }

    pub fn for_plan(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<Vec<Self>> {
        review_goal_progress::table
            .inner_join(reviews::table)
            .filter(reviews::plan_id.eq(plan_id))
            .order((
                review_goal_progress::review_id,
                review_goal_progress::goal_id,
            ))
            .select(Self::as_select())
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, review_goal_progress::table, rows)
    }
}
