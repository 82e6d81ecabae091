use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::{NotificationId, PersonId, ReviewId, UserId};
use ourplan_shared::notification::{Notification, NotificationKind};

use super::{insert_rows, utc};
use crate::db::DbConnection;
use crate::db::schema::notifications;

/// How many notifications a list shows, newest first.
const SHOWN: i64 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: NotificationId,
    pub user_id: UserId,
    pub kind: NotificationKind,
    pub person_id: PersonId,
    pub review_id: Option<ReviewId>,
    pub text: String,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

impl NotificationRow {
    pub fn into_wire(self) -> QueryResult<Notification> {
        Ok(Notification {
            id: self.id,
            kind: self.kind,
            person_id: self.person_id,
            review_id: self.review_id,
            text: self.text,
            created_at: utc(self.created_at),
            read_at: self.read_at.map(utc),
        })
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, notifications::table, rows)
    }

    /// A user's newest notifications.
    pub fn for_user(conn: &mut DbConnection, user_id: UserId) -> QueryResult<Vec<Self>> {
        notifications::table
            .filter(notifications::user_id.eq(user_id))
            .order((notifications::created_at.desc(), notifications::id.desc()))
            .limit(SHOWN)
            .select(Self::as_select())
            .load(conn)
    }

    /// How many a user has not read (an index on the unread ones keeps this cheap).
    pub fn unread(conn: &mut DbConnection, user_id: UserId) -> QueryResult<i64> {
        notifications::table
            .filter(notifications::user_id.eq(user_id))
            .filter(notifications::read_at.is_null())
            .count()
            .get_result(conn)
    }

    /// Marks one of the user's own notifications read; false if it is not theirs.
    pub fn mark_read(
        conn: &mut DbConnection,
        user_id: UserId,
        notification_id: NotificationId,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let mine = notifications::table
            .filter(notifications::id.eq(notification_id))
            .filter(notifications::user_id.eq(user_id));
        diesel::update(mine.filter(notifications::read_at.is_null()))
            .set(notifications::read_at.eq(at))
            .execute(conn)?;
        diesel::select(diesel::dsl::exists(mine)).get_result(conn)
    }
}
