//! The first answer to a create request that carried an `Idempotency-Key`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::UserId;

use crate::db::DbConnection;
use crate::db::schema::idempotency_keys;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = idempotency_keys)]
pub struct IdempotencyKeyRow {
    pub user_id: UserId,
    pub idempotency_key: String,
    pub request_hash: String,
    pub response_status: i32,
    pub response_body: String,
    pub created_at: NaiveDateTime,
}

impl IdempotencyKeyRow {
    pub fn find(conn: &mut DbConnection, user_id: UserId, key: &str) -> QueryResult<Option<Self>> {
        idempotency_keys::table
            .find((user_id, key))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<usize> {
        diesel::insert_into(idempotency_keys::table)
            .values(self)
            .execute(conn)
    }
}
