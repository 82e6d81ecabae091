use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::persons;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = persons)]
pub struct Person {
    pub id: String,
    pub organisation_id: String,
    pub full_name: String,
    pub preferred_name: Option<String>,
    pub support_started_on: NaiveDate,
    pub preferred_format: String,
    pub preferred_language: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = persons)]
pub struct NewPerson<'a> {
    pub id: &'a str,
    pub organisation_id: &'a str,
    pub full_name: &'a str,
    pub preferred_name: Option<&'a str>,
    pub support_started_on: NaiveDate,
    pub preferred_format: &'a str,
    pub preferred_language: &'a str,
    pub created_at: NaiveDateTime,
}

impl NewPerson<'_> {
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<usize> {
        diesel::insert_into(persons::table)
            .values(self)
            .execute(conn)
    }
}
