use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::consent::{
    AccessLevel, Consent, ConsentBasis, ConsentGivenHow, ConsentPurpose, sections_from_text,
    sections_to_text,
};
use ourplan_shared::id::{ConsentId, PersonId, UserId};

use super::{insert_rows, key, naive, utc};
use crate::db::DbConnection;
use crate::db::schema::{consents, users};

/// A consent record: append-only; the only change ever made is withdrawal, once.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = consents)]
pub struct ConsentRow {
    pub id: ConsentId,
    pub person_id: PersonId,
    pub purpose: ConsentPurpose,
    pub party_name: String,
    pub party_user_id: Option<UserId>,
    pub sections: String,
    pub access_level: AccessLevel,
    pub basis: ConsentBasis,
    pub decision_maker: Option<String>,
    pub best_interests_reason: Option<String>,
    pub given_at: NaiveDateTime,
    pub expires_on: Option<NaiveDate>,
    pub recorded_by: Option<UserId>,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub withdrawn_by: Option<UserId>,
    pub withdrawal_reason: Option<String>,
    pub given_how: Option<ConsentGivenHow>,
    pub witness: Option<String>,
}

impl ConsentRow {
    pub fn from_wire(c: &Consent) -> Self {
        Self {
            id: c.id,
            person_id: c.person_id,
            purpose: c.purpose,
            party_name: c.party_name.clone(),
            party_user_id: c.party_user_id,
            sections: sections_to_text(&c.sections),
            access_level: c.access_level,
            basis: c.basis,
            decision_maker: c.decision_maker.clone(),
            best_interests_reason: c.best_interests_reason.clone(),
            given_at: naive(c.given_at),
            expires_on: c.expires_on,
            recorded_by: c.recorded_by,
            withdrawn_at: c.withdrawn_at.map(naive),
            withdrawn_by: c.withdrawn_by,
            withdrawal_reason: c.withdrawal_reason.clone(),
            given_how: c.given_how,
            witness: c.witness.clone(),
        }
    }

    pub fn into_wire(self) -> QueryResult<Consent> {
        Ok(Consent {
            id: self.id,
            person_id: self.person_id,
            purpose: self.purpose,
            party_name: self.party_name,
            party_user_id: self.party_user_id,
            sections: key(&self.sections, sections_from_text)?,
            access_level: self.access_level,
            basis: self.basis,
            decision_maker: self.decision_maker,
            best_interests_reason: self.best_interests_reason,
            given_at: utc(self.given_at),
            expires_on: self.expires_on,
            recorded_by: self.recorded_by,
            withdrawn_at: self.withdrawn_at.map(utc),
            withdrawn_by: self.withdrawn_by,
            withdrawal_reason: self.withdrawal_reason,
            given_how: self.given_how,
            witness: self.witness,
        })
    }

    /// Consents not withdrawn that end between `from` and `to` (both days included).
    pub fn ending_between(
        conn: &mut DbConnection,
        from: NaiveDate,
        to: NaiveDate,
    ) -> QueryResult<Vec<Self>> {
        consents::table
            .filter(consents::withdrawn_at.is_null())
            .filter(consents::expires_on.between(from, to))
            .order(consents::id)
            .select(Self::as_select())
            .load(conn)
    }

    pub fn for_person(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<Vec<Self>> {
        consents::table
            .filter(consents::person_id.eq(person_id))
            .order((consents::given_at, consents::id))
            .select(Self::as_select())
            .load(conn)
    }

    /// The consents of many people in one query, each person's in the same order.
    pub fn for_persons(conn: &mut DbConnection, person_ids: &[PersonId]) -> QueryResult<Vec<Self>> {
        consents::table
            .filter(consents::person_id.eq_any(person_ids))
            .order((consents::given_at, consents::id))
            .select(Self::as_select())
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, consents::table, rows)
    }

    /// Withdraws a consent that is still in force; `false` if it was already withdrawn.
    pub fn withdraw(
        conn: &mut DbConnection,
        consent_id: ConsentId,
        by: Option<UserId>,
        reason: Option<&str>,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let updated = diesel::update(
            consents::table
                .filter(consents::id.eq(consent_id))
                .filter(consents::withdrawn_at.is_null()),
        )
        .set((
            consents::withdrawn_at.eq(at),
            consents::withdrawn_by.eq(by),
            consents::withdrawal_reason.eq(reason),
        ))
        .execute(conn)?;
        Ok(updated == 1)
    }

    pub fn find(
        conn: &mut DbConnection,
        person_id: PersonId,
        consent_id: ConsentId,
    ) -> QueryResult<Option<Self>> {
        consents::table
            .filter(consents::id.eq(consent_id))
            .filter(consents::person_id.eq(person_id))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// A person's consents, newest first, with the name of who recorded each.
    pub fn history(
        conn: &mut DbConnection,
        person_id: PersonId,
    ) -> QueryResult<Vec<(Self, Option<String>)>> {
        consents::table
            .left_join(users::table.on(consents::recorded_by.eq(users::id.nullable())))
            .filter(consents::person_id.eq(person_id))
            .order((consents::given_at.desc(), consents::id.desc()))
            .select((Self::as_select(), users::display_name.nullable()))
            .load(conn)
    }
}
