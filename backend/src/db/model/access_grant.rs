use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::consent::{AccessGrant, AccessLevel, sections_from_text, sections_to_text};
use ourplan_shared::id::{AccessGrantId, ConsentId, PersonId, UserId};

use super::{insert_rows, key, naive, utc};
use crate::db::DbConnection;
use crate::db::schema::{access_grants, consents};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = access_grants)]
pub struct AccessGrantRow {
    pub id: AccessGrantId,
    pub consent_id: ConsentId,
    pub person_id: PersonId,
    pub grantee_user_id: UserId,
    pub sections: String,
    pub access_level: AccessLevel,
    pub starts_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

impl AccessGrantRow {
    pub fn from_wire(g: &AccessGrant) -> Self {
        Self {
            id: g.id,
            consent_id: g.consent_id,
            person_id: g.person_id,
            grantee_user_id: g.grantee_user_id,
            sections: sections_to_text(&g.sections),
            access_level: g.access_level,
            starts_at: naive(g.starts_at),
            expires_at: g.expires_at.map(naive),
            revoked_at: g.revoked_at.map(naive),
        }
    }

    pub fn into_wire(self) -> QueryResult<AccessGrant> {
        Ok(AccessGrant {
            id: self.id,
            consent_id: self.consent_id,
            person_id: self.person_id,
            grantee_user_id: self.grantee_user_id,
            sections: key(&self.sections, sections_from_text)?,
            access_level: self.access_level,
            starts_at: utc(self.starts_at),
            expires_at: self.expires_at.map(utc),
            revoked_at: self.revoked_at.map(utc),
        })
    }

    pub fn for_person(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<Vec<Self>> {
        access_grants::table
            .filter(access_grants::person_id.eq(person_id))
            .order((access_grants::starts_at, access_grants::id))
            .select(Self::as_select())
            .load(conn)
    }

    /// The grants of many people in one query, each person's in the same order.
    pub fn for_persons(conn: &mut DbConnection, person_ids: &[PersonId]) -> QueryResult<Vec<Self>> {
        access_grants::table
            .filter(access_grants::person_id.eq_any(person_ids))
            .order((access_grants::starts_at, access_grants::id))
            .select(Self::as_select())
            .load(conn)
    }

    /// The grants in force now for one user on one person, whose consent is itself still in
    /// force (not withdrawn, not past its last day, `today` in the organisation's calendar):
    /// one indexed look-up, made on every request.
    pub fn active(
        conn: &mut DbConnection,
        grantee_user_id: UserId,
        person_id: PersonId,
        at: NaiveDateTime,
        today: NaiveDate,
    ) -> QueryResult<Vec<Self>> {
        access_grants::table
            .inner_join(consents::table.on(consents::id.eq(access_grants::consent_id)))
            .filter(consents::withdrawn_at.is_null())
            .filter(
                consents::expires_on
                    .is_null()
                    .or(consents::expires_on.ge(today)),
            )
            .filter(access_grants::grantee_user_id.eq(grantee_user_id))
            .filter(access_grants::person_id.eq(person_id))
            .filter(access_grants::starts_at.le(at))
            .filter(access_grants::revoked_at.is_null())
            .filter(
                access_grants::expires_at
                    .is_null()
                    .or(access_grants::expires_at.gt(at)),
            )
            .select(Self::as_select())
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, access_grants::table, rows)
    }

    /// Ends every grant that follows from a consent, as it is withdrawn.
    pub fn revoke_for_consent(
        conn: &mut DbConnection,
        consent_id: ConsentId,
        at: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(
            access_grants::table
                .filter(access_grants::consent_id.eq(consent_id))
                .filter(access_grants::revoked_at.is_null()),
        )
        .set(access_grants::revoked_at.eq(at))
        .execute(conn)
    }

    /// The people a family member or advocate may see now: their list of people.
    pub fn persons_with_active(
        conn: &mut DbConnection,
        grantee_user_id: UserId,
        at: NaiveDateTime,
        today: NaiveDate,
    ) -> QueryResult<Vec<PersonId>> {
        access_grants::table
            .inner_join(consents::table.on(consents::id.eq(access_grants::consent_id)))
            .filter(consents::withdrawn_at.is_null())
            .filter(
                consents::expires_on
                    .is_null()
                    .or(consents::expires_on.ge(today)),
            )
            .filter(access_grants::grantee_user_id.eq(grantee_user_id))
            .filter(access_grants::starts_at.le(at))
            .filter(access_grants::revoked_at.is_null())
            .filter(
                access_grants::expires_at
                    .is_null()
                    .or(access_grants::expires_at.gt(at)),
            )
            .select(access_grants::person_id)
            .distinct()
            .load(conn)
    }
}
