use chrono::{NaiveDate, NaiveDateTime, Offset, TimeZone};
use diesel::prelude::*;
use ourplan_shared::id::{OrganisationId, PersonId};
use ourplan_shared::organisation::Organisation;
use ourplan_shared::timescale::{ReviewPolicy, local_day};

use super::{UpdateOutcome, settle, utc};
use crate::db::DbConnection;
use crate::db::schema::{organisations, persons};

/// Where organisations are unless they say otherwise.
pub const DEFAULT_TIME_ZONE: &str = "Europe/London";

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = organisations)]
pub struct OrganisationRow {
    pub id: OrganisationId,
    pub name: String,
    pub review_interval_months: i32,
    pub created_at: NaiveDateTime,
    /// An IANA zone name, such as `Europe/London`: its calendar days are the timescales' days.
    pub time_zone: String,
    pub row_version: i64,
    /// Years records are kept after support ends.
    pub retention_years: i32,
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

    /// Every organisation on this installation, by name.
    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Self>> {
        organisations::table
            .order((organisations::name, organisations::id))
            .select(Self::as_select())
            .load(conn)
    }

    pub fn find(
        conn: &mut DbConnection,
        organisation_id: OrganisationId,
    ) -> QueryResult<Option<Self>> {
        organisations::table
            .find(organisation_id)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// New settings at the version read.
    pub fn settle_settings(
        conn: &mut DbConnection,
        organisation_id: OrganisationId,
        read_version: i64,
        (months, time_zone, retention_years): (i32, &str, i32),
    ) -> QueryResult<UpdateOutcome> {
        let updated = diesel::update(
            organisations::table
                .filter(organisations::id.eq(organisation_id))
                .filter(organisations::row_version.eq(read_version)),
        )
        .set((
            organisations::review_interval_months.eq(months),
            organisations::time_zone.eq(time_zone),
            organisations::retention_years.eq(retention_years),
            organisations::row_version.eq(read_version + 1),
        ))
        .execute(conn)?;
        if updated == 1 {
            super::review_schedule::refresh_organisation(conn, organisation_id)?;
        }
        settle(updated, read_version, || {
            organisations::table
                .find(organisation_id)
                .select(organisations::row_version)
                .first(conn)
                .optional()
        })
    }

    /// The organisation a person is supported by.
    pub fn of_person(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<Option<Self>> {
        organisations::table
            .inner_join(persons::table.on(persons::organisation_id.eq(organisations::id)))
            .filter(persons::id.eq(person_id))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// How often it reviews plans (the database keeps it to 1 to 12 months).
    pub fn review_policy(&self) -> ReviewPolicy {
        Self::policy_of(self.review_interval_months)
    }

    /// The policy of `months` as stored (the default if the stored value is out of range).
    pub fn policy_of(months: i32) -> ReviewPolicy {
        u32::try_from(months)
            .ok()
            .and_then(|months| ReviewPolicy::new(months).ok())
            .unwrap_or_default()
    }

    /// The organisation's calendar day at `at` (UTC), in its own time zone; a zone name that
    /// is not known counts as London's.
    pub fn day_at(&self, at: NaiveDateTime) -> NaiveDate {
        Self::day_in(&self.time_zone, at)
    }

    /// The moment (UTC) `day` ends in the organisation's time zone: the next local midnight.
    pub fn end_of_day(&self, day: NaiveDate) -> NaiveDateTime {
        let zone: chrono_tz::Tz = self.time_zone.parse().unwrap_or(chrono_tz::Europe::London);
        let next = day
            .succ_opt()
            .unwrap_or(day)
            .and_time(chrono::NaiveTime::MIN);
        // A midnight skipped by a clock change ends at the first moment that exists after it.
        match zone.from_local_datetime(&next) {
            chrono::LocalResult::Single(at) | chrono::LocalResult::Ambiguous(at, _) => {
                at.naive_utc()
            }
            chrono::LocalResult::None => (next + chrono::Duration::hours(1)).and_utc().naive_utc(),
        }
    }

    /// The calendar day at `at` (UTC) in the zone named `time_zone` (London's if unknown).
    pub fn day_in(time_zone: &str, at: NaiveDateTime) -> NaiveDate {
        let zone: chrono_tz::Tz = time_zone.parse().unwrap_or(chrono_tz::Europe::London);
        let offset = zone.offset_from_utc_datetime(&at).fix();
        local_day(utc(at), offset)
    }

    pub fn into_wire(self) -> QueryResult<Organisation> {
        Ok(Organisation {
            id: self.id,
            name: self.name,
            review_interval_months: u32::try_from(self.review_interval_months).unwrap_or(6),
            created_at: utc(self.created_at),
            time_zone: self.time_zone,
            retention_years: u32::try_from(self.retention_years)
                .unwrap_or(ourplan_shared::leaving::DEFAULT_RETENTION_YEARS),
            row_version: self.row_version,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn organisation(time_zone: &str) -> OrganisationRow {
        OrganisationRow {
            id: OrganisationId(uuid::Uuid::nil()),
            name: String::new(),
            review_interval_months: 6,
            created_at: NaiveDateTime::default(),
            time_zone: time_zone.to_owned(),
            row_version: 1,
            retention_years: 8,
        }
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_day_follows_the_organisations_zone_and_its_summer_time() {
        let london = organisation("Europe/London");
        // Summer: 23:30 UTC is 00:30 the next day in London.
        assert_eq!(london.day_at(at("2026-06-30 23:30")), day("2026-07-01"));
        // Winter: London is on UTC.
        assert_eq!(london.day_at(at("2026-12-31 23:30")), day("2026-12-31"));
        // The night the clocks go forward (29 March 2026, 01:00 UTC).
        assert_eq!(london.day_at(at("2026-03-28 23:59")), day("2026-03-28"));
        assert_eq!(london.day_at(at("2026-03-29 23:30")), day("2026-03-30"));
        let auckland = organisation("Pacific/Auckland");
        assert_eq!(auckland.day_at(at("2026-11-25 11:00")), day("2026-11-26"));
        let unknown = organisation("Atlantis/Capital");
        assert_eq!(
            unknown.day_at(at("2026-06-30 23:30")),
            day("2026-07-01"),
            "as London"
        );
    }
}
