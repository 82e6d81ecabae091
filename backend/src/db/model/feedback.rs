use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::feedback::{Feedback, FeedbackAbout, FeedbackKind, FeedbackStatus};
use ourplan_shared::id::{FeedbackId, PlanId, UserId};

use super::{UpdateOutcome, insert_rows, naive, settle, utc};
use crate::db::DbConnection;
use crate::db::schema::feedback;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = feedback)]
pub struct FeedbackRow {
    pub id: FeedbackId,
    pub plan_id: PlanId,
    pub author_user_id: Option<UserId>,
    pub author_name: String,
    pub kind: FeedbackKind,
    pub about: FeedbackAbout,
    pub text: String,
    pub picture: Option<String>,
    pub status: FeedbackStatus,
    pub response: Option<String>,
    pub responded_by: Option<UserId>,
    pub responded_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub row_version: i64,
}

impl FeedbackRow {
    pub fn from_wire(f: &Feedback) -> Self {
        Self {
            id: f.id,
            plan_id: f.plan_id,
            author_user_id: f.author_user_id,
            author_name: f.author_name.clone(),
            kind: f.kind,
            about: f.about,
            text: f.text.clone(),
            picture: f.picture.clone(),
            status: f.status,
            response: f.response.clone(),
            responded_by: f.responded_by,
            responded_at: f.responded_at.map(naive),
            created_at: naive(f.created_at),
            row_version: f.row_version,
        }
    }

    pub fn into_wire(self) -> QueryResult<Feedback> {
        Ok(Feedback {
            id: self.id,
            plan_id: self.plan_id,
            author_user_id: self.author_user_id,
            author_name: self.author_name,
            kind: self.kind,
            about: self.about,
            text: self.text,
            picture: self.picture,
            status: self.status,
            response: self.response,
            responded_by: self.responded_by,
            responded_at: self.responded_at.map(utc),
            created_at: utc(self.created_at),
            row_version: self.row_version,
        })
    }

    super::plan_rows!(feedback, Self, (created_at, id));

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, feedback::table, rows)
    }

    pub fn find_in_plan(
        conn: &mut DbConnection,
        plan_id: PlanId,
        feedback_id: FeedbackId,
    ) -> QueryResult<Option<Self>> {
        feedback::table
            .filter(feedback::id.eq(feedback_id))
            .filter(feedback::plan_id.eq(plan_id))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// Staff answer it, at the version read; closed or answered.
    pub fn respond(
        conn: &mut DbConnection,
        feedback_id: FeedbackId,
        read_version: i64,
        (response, status): (&str, FeedbackStatus),
        by: UserId,
        at: NaiveDateTime,
    ) -> QueryResult<UpdateOutcome> {
        let updated = diesel::update(
            feedback::table
                .filter(feedback::id.eq(feedback_id))
                .filter(feedback::row_version.eq(read_version)),
        )
        .set((
            feedback::response.eq(response),
            feedback::status.eq(status),
            feedback::responded_by.eq(by),
            feedback::responded_at.eq(at),
            feedback::row_version.eq(read_version + 1),
        ))
        .execute(conn)?;
        settle(updated, read_version, || {
            feedback::table
                .find(feedback_id)
                .select(feedback::row_version)
                .first(conn)
                .optional()
        })
    }
}
