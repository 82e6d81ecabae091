use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::display::DisplayMode;
use ourplan_shared::organisation::{Person, PersonSummary};

use super::{id, insert_rows, key, utc};
use crate::db::DbConnection;
use crate::db::schema::persons;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = persons)]
pub struct PersonRow {
    pub id: String,
    pub organisation_id: String,
    pub full_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub support_started_on: NaiveDate,
    pub preferred_format: String,
    pub preferred_language: String,
    pub communication_needs: String,
    pub communication_aids: String,
    pub row_version: i64,
    pub created_at: NaiveDateTime,
}

impl PersonRow {
    pub fn from_wire(person: &Person) -> Self {
        Self {
            id: person.id.to_string(),
            organisation_id: person.organisation_id.to_string(),
            full_name: person.full_name.clone(),
            preferred_name: person.preferred_name.clone(),
            date_of_birth: person.date_of_birth,
            support_started_on: person.support_started_on,
            preferred_format: person.preferred_format.key().to_owned(),
            preferred_language: person.preferred_language.clone(),
            communication_needs: person.communication_needs.clone(),
            communication_aids: person.communication_aids.clone(),
            row_version: person.row_version,
            created_at: super::naive(person.created_at),
        }
    }

    pub fn into_wire(self) -> QueryResult<Person> {
        Ok(Person {
            id: id(&self.id)?,
            organisation_id: id(&self.organisation_id)?,
            full_name: self.full_name,
            preferred_name: self.preferred_name,
            date_of_birth: self.date_of_birth,
            support_started_on: self.support_started_on,
            preferred_format: key(&self.preferred_format, DisplayMode::from_key)?,
            preferred_language: self.preferred_language,
            communication_needs: self.communication_needs,
            communication_aids: self.communication_aids,
            row_version: self.row_version,
            created_at: utc(self.created_at),
        })
    }

    pub fn find(conn: &mut DbConnection, person_id: &str) -> QueryResult<Option<Self>> {
        persons::table
            .find(person_id)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    pub fn find_all(conn: &mut DbConnection, person_ids: &[String]) -> QueryResult<Vec<Self>> {
        persons::table
            .filter(persons::id.eq_any(person_ids))
            .select(Self::as_select())
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, persons::table, rows)
    }

    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        persons::table.count().get_result(conn)
    }

    /// Names of the given people, or of every person in an organisation, by name. Large id
    /// lists are read a chunk at a time to stay under SQLite's bound-parameter limit.
    pub fn summaries(
        conn: &mut DbConnection,
        organisation_id: &str,
        only: Option<&[String]>,
    ) -> QueryResult<Vec<PersonSummary>> {
        let base = || {
            persons::table
                .filter(persons::organisation_id.eq(organisation_id.to_owned()))
                .select((persons::id, persons::full_name, persons::preferred_name))
                .into_boxed()
        };
        let mut rows: Vec<(String, String, Option<String>)> = match only {
            None => base().load(conn)?,
            Some(ids) => {
                let mut rows = Vec::with_capacity(ids.len());
                for chunk in ids.chunks(500) {
                    rows.extend(base().filter(persons::id.eq_any(chunk)).load(conn)?);
                }
                rows
            }
        };
        rows.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
        rows.into_iter()
            .map(|(person_id, full_name, preferred_name)| {
                Ok(PersonSummary {
                    id: id(&person_id)?,
                    full_name,
                    preferred_name,
                })
            })
            .collect()
    }
}
