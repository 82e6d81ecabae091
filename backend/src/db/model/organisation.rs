use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::organisation::Organisation;

use super::{id, utc};
use crate::db::DbConnection;
use crate::db::schema::organisations;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = organisations)]
pub struct OrganisationRow {
    pub id: String,
    pub name: String,
    pub review_interval_months: i32,
    pub created_at: NaiveDateTime,
}

impl OrganisationRow {
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<usize> {
        diesel::insert_into(organisations::table)
            .values(self)
            .execute(conn)
    }

    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        organisations::table.count().get_result(conn)
    }

    pub fn into_wire(self) -> QueryResult<Organisation> {
        Ok(Organisation {
            id: id(&self.id)?,
            name: self.name,
            review_interval_months: u32::try_from(self.review_interval_months).unwrap_or(6),
            created_at: utc(self.created_at),
        })
    }
}
