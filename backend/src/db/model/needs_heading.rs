use diesel::prelude::*;
use ourplan_shared::id::{NeedsHeadingId, OrganisationId};
use ourplan_shared::needs::{DEFAULT_HEADINGS, NeedsHeading};

use super::{fresh_id, insert_rows};
use crate::db::DbConnection;
use crate::db::schema::needs_headings;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = needs_headings)]
pub struct NeedsHeadingRow {
    pub id: NeedsHeadingId,
    pub organisation_id: OrganisationId,
    pub key: String,
    pub label: String,
    pub position: i32,
    pub archived: bool,
    pub row_version: i64,
}

impl NeedsHeadingRow {
    pub fn into_wire(self) -> QueryResult<NeedsHeading> {
        Ok(NeedsHeading {
            id: self.id,
            key: self.key,
            label: self.label,
            position: self.position,
            archived: self.archived,
        })
    }

    /// The default headings for a new organisation, which it may then rename or add to.
    pub fn defaults(organisation_id: OrganisationId) -> Vec<Self> {
        DEFAULT_HEADINGS
            .iter()
            .zip(0..)
            .map(|((key, label), position)| Self {
                id: fresh_id(),
                organisation_id: organisation_id.to_owned(),
                key: (*key).to_owned(),
                label: (*label).to_owned(),
                position,
                archived: false,
                row_version: 1,
            })
            .collect()
    }

    pub fn for_organisation(
        conn: &mut DbConnection,
        organisation_id: OrganisationId,
    ) -> QueryResult<Vec<Self>> {
        needs_headings::table
            .filter(needs_headings::organisation_id.eq(organisation_id))
            .order((needs_headings::position, needs_headings::key))
            .select(Self::as_select())
            .load(conn)
    }

    /// Whether a heading is one of the organisation's, still in use.
    pub fn is_current(
        conn: &mut DbConnection,
        heading_id: NeedsHeadingId,
        organisation_id: OrganisationId,
    ) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            needs_headings::table
                .filter(needs_headings::id.eq(heading_id))
                .filter(needs_headings::organisation_id.eq(organisation_id))
                .filter(needs_headings::archived.eq(false)),
        ))
        .get_result(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, needs_headings::table, rows)
    }

    /// Renames a heading; its key, and so every finding under it, stays.
    pub fn rename(
        conn: &mut DbConnection,
        heading_id: NeedsHeadingId,
        read_version: i64,
        label: &str,
    ) -> QueryResult<super::UpdateOutcome> {
        let updated = diesel::update(
            needs_headings::table
                .filter(needs_headings::id.eq(heading_id))
                .filter(needs_headings::row_version.eq(read_version)),
        )
        .set((
            needs_headings::label.eq(label),
            needs_headings::row_version.eq(read_version + 1),
        ))
        .execute(conn)?;
        super::settle(updated, read_version, || {
            needs_headings::table
                .find(heading_id)
                .select(needs_headings::row_version)
                .first(conn)
                .optional()
        })
    }
}
