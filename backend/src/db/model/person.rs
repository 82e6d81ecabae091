use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::admission::PersonDetails;
use ourplan_shared::display::DisplayMode;
use ourplan_shared::id::{OrganisationId, PersonId, UserId};
use ourplan_shared::leaving::{EndSupport, Leaving, reversible_until};
use ourplan_shared::organisation::{Person, PersonSummary};

use super::{UpdateOutcome, id, insert_rows, settle, utc};
use crate::db::DbConnection;
use crate::db::schema::{persons, users};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = persons)]
pub struct PersonRow {
    pub id: PersonId,
    pub organisation_id: OrganisationId,
    pub full_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub support_started_on: NaiveDate,
    pub preferred_format: DisplayMode,
    pub preferred_language: String,
    pub communication_needs: String,
    pub communication_aids: String,
    pub row_version: i64,
    pub created_at: NaiveDateTime,
}

diesel::define_sql_function! {
    /// SQL `lower()`, the same on both databases for the names compared here.
    fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// A person's own details as an update sets them.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = persons, treat_none_as_null = true)]
pub struct PersonChanges {
    pub full_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub support_started_on: NaiveDate,
    pub preferred_format: DisplayMode,
    pub preferred_language: String,
    pub communication_needs: String,
    pub communication_aids: String,
}

impl PersonChanges {
    pub fn from_wire(details: &PersonDetails) -> Self {
        Self {
            full_name: details.full_name.clone(),
            preferred_name: details.preferred_name.clone(),
            date_of_birth: details.date_of_birth,
            support_started_on: details.support_started_on,
            preferred_format: details.preferred_format,
            preferred_language: details.preferred_language.clone(),
            communication_needs: details.communication_needs.clone(),
            communication_aids: details.communication_aids.clone(),
        }
    }
}

impl PersonRow {
    /// A new person in an organisation, with these details.
    pub fn admitted(
        id: PersonId,
        organisation_id: OrganisationId,
        details: &PersonDetails,
        at: NaiveDateTime,
    ) -> Self {
        let changes = PersonChanges::from_wire(details);
        Self {
            id,
            organisation_id,
            full_name: changes.full_name,
            preferred_name: changes.preferred_name,
            date_of_birth: changes.date_of_birth,
            support_started_on: changes.support_started_on,
            preferred_format: changes.preferred_format,
            preferred_language: changes.preferred_language,
            communication_needs: changes.communication_needs,
            communication_aids: changes.communication_aids,
            row_version: 1,
            created_at: at,
        }
    }

    /// Whether the organisation supports someone else with this name (in any case) and date
    /// of birth: possibly the same person admitted twice.
    pub fn possible_duplicate(
        conn: &mut DbConnection,
        organisation_id: OrganisationId,
        full_name: &str,
        date_of_birth: NaiveDate,
        except: Option<PersonId>,
    ) -> QueryResult<bool> {
        let mut query = persons::table
            .filter(persons::organisation_id.eq(organisation_id.to_owned()))
            .filter(lower(persons::full_name).eq(full_name.to_lowercase()))
            .filter(persons::date_of_birth.eq(date_of_birth))
            .select(persons::id)
            .into_boxed();
        if let Some(except) = except {
            query = query.filter(persons::id.ne(except.to_owned()));
        }
        Ok(query.first::<String>(conn).optional()?.is_some())
    }

    /// New details at the version read.
    pub fn settle_details(
        conn: &mut DbConnection,
        person_id: PersonId,
        read_version: i64,
        changes: &PersonChanges,
    ) -> QueryResult<UpdateOutcome> {
        let updated = diesel::update(
            persons::table
                .filter(persons::id.eq(person_id))
                .filter(persons::row_version.eq(read_version)),
        )
        .set((changes, persons::row_version.eq(read_version + 1)))
        .execute(conn)?;
        if updated == 1 {
            super::review_schedule::refresh_person(conn, person_id)?;
        }
        settle(updated, read_version, || {
            persons::table
                .find(person_id)
                .select(persons::row_version)
                .first(conn)
                .optional()
        })
    }

    pub fn from_wire(person: &Person) -> Self {
        Self {
            id: person.id,
            organisation_id: person.organisation_id,
            full_name: person.full_name.clone(),
            preferred_name: person.preferred_name.clone(),
            date_of_birth: person.date_of_birth,
            support_started_on: person.support_started_on,
            preferred_format: person.preferred_format,
            preferred_language: person.preferred_language.clone(),
            communication_needs: person.communication_needs.clone(),
            communication_aids: person.communication_aids.clone(),
            row_version: person.row_version,
            created_at: super::naive(person.created_at),
        }
    }

    pub fn into_wire(self) -> QueryResult<Person> {
        Ok(Person {
            id: self.id,
            organisation_id: self.organisation_id,
            full_name: self.full_name,
            preferred_name: self.preferred_name,
            date_of_birth: self.date_of_birth,
            support_started_on: self.support_started_on,
            preferred_format: self.preferred_format,
            preferred_language: self.preferred_language,
            communication_needs: self.communication_needs,
            communication_aids: self.communication_aids,
            row_version: self.row_version,
            created_at: utc(self.created_at),
            leaving: None,
        })
    }

    pub fn find(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<Option<Self>> {
        persons::table
            .find(person_id)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    pub fn find_all(conn: &mut DbConnection, person_ids: &[PersonId]) -> QueryResult<Vec<Self>> {
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
        organisation_id: OrganisationId,
        only: Option<&[PersonId]>,
    ) -> QueryResult<Vec<PersonSummary>> {
        let base = || {
            persons::table
                .filter(persons::organisation_id.eq(organisation_id.to_owned()))
                .filter(persons::left_on.is_null())
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

    /// Whether this person's support has ended: one look-up by primary key.
    pub fn has_left(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<bool> {
        Ok(persons::table
            .find(person_id)
            .select(persons::left_on)
            .first::<Option<NaiveDate>>(conn)
            .optional()?
            .flatten()
            .is_some())
    }

    /// That this person's support has ended, with the name of who recorded it.
    pub fn leaving(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<Option<Leaving>> {
        let row: Option<LeavingRow> = persons::table
            .left_join(users::table.on(persons::left_recorded_by.eq(users::id.nullable())))
            .filter(persons::id.eq(person_id))
            .select((
                persons::left_on,
                persons::leaving_reason,
                persons::left_recorded_at,
                users::display_name.nullable(),
            ))
            .first(conn)
            .optional()?;
        Ok(match row {
            Some((Some(left_on), reason, Some(recorded_at), recorded_by)) => Some(Leaving {
                left_on,
                reason: reason.unwrap_or_default(),
                recorded_at: utc(recorded_at),
                recorded_by,
                reversible_until: reversible_until(utc(recorded_at)),
            }),
            _ => None,
        })
    }

    /// Ends this person's support, unless it has ended already: whether it did.
    pub fn end_support(
        conn: &mut DbConnection,
        person_id: PersonId,
        end: &EndSupport,
        by: UserId,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let updated = diesel::update(
            persons::table
                .filter(persons::id.eq(person_id))
                .filter(persons::left_on.is_null()),
        )
        .set((
            persons::left_on.eq(end.left_on),
            persons::leaving_reason.eq(end.reason.trim()),
            persons::left_recorded_at.eq(at),
            persons::left_recorded_by.eq(by),
            persons::row_version.eq(persons::row_version + 1),
        ))
        .execute(conn)?;
        Ok(updated == 1)
    }

    /// Puts back a person whose support ended at `recorded_at` (as read): whether it did.
    pub fn resume_support(
        conn: &mut DbConnection,
        person_id: PersonId,
        recorded_at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let updated = diesel::update(
            persons::table
                .filter(persons::id.eq(person_id))
                .filter(persons::left_recorded_at.eq(recorded_at)),
        )
        .set((
            persons::left_on.eq(None::<NaiveDate>),
            persons::leaving_reason.eq(None::<String>),
            persons::left_recorded_at.eq(None::<NaiveDateTime>),
            persons::left_recorded_by.eq(None::<String>),
            persons::row_version.eq(persons::row_version + 1),
        ))
        .execute(conn)?;
        Ok(updated == 1)
    }
}

type LeavingRow = (
    Option<NaiveDate>,
    Option<String>,
    Option<NaiveDateTime>,
    Option<String>,
);
