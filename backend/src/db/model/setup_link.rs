//! One-time setup links for a new installation, stored only as their SHA-256, and the one row
//! that says the installation is set up.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::OrganisationId;

use crate::db::DbConnection;
use crate::db::schema::{installation, setup_links};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = setup_links)]
pub struct SetupLinkRow {
    pub id: String,
    pub token_hash: String,
    pub organisation_name: Option<String>,
    pub time_zone: Option<String>,
    pub admin_name: Option<String>,
    pub admin_email: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

impl SetupLinkRow {
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<usize> {
        diesel::insert_into(setup_links::table)
            .values(self)
            .execute(conn)
    }

    /// The link with this hash while it is still good: not used and not out of date.
    pub fn find_usable(
        conn: &mut DbConnection,
        token_hash: &str,
        at: NaiveDateTime,
    ) -> QueryResult<Option<Self>> {
        setup_links::table
            .filter(setup_links::token_hash.eq(token_hash))
            .filter(setup_links::used_at.is_null())
            .filter(setup_links::expires_at.gt(at))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// Uses a link that is still good, in one conditional UPDATE so two tabs racing with the
    /// same link cannot both use it. `false` if it was used or is out of date.
    pub fn consume(conn: &mut DbConnection, link_id: &str, at: NaiveDateTime) -> QueryResult<bool> {
        let updated = diesel::update(
            setup_links::table
                .filter(setup_links::id.eq(link_id))
                .filter(setup_links::used_at.is_null())
                .filter(setup_links::expires_at.gt(at)),
        )
        .set(setup_links::used_at.eq(at))
        .execute(conn)?;
        Ok(updated == 1)
    }
}

/// Marks the installation set up by `organisation_id`. A second call fails on the primary key
/// (a constraint violation), whoever makes it.
pub fn mark_set_up(
    conn: &mut DbConnection,
    organisation_id: OrganisationId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(installation::table)
        .values((
            installation::id.eq(1),
            installation::organisation_id.eq(organisation_id),
            installation::set_up_at.eq(at),
        ))
        .execute(conn)
}
