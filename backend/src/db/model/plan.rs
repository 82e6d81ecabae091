use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::{PersonId, PlanId};
use ourplan_shared::plan::{Plan, PlanStatus};

use super::{insert_rows, utc};
use crate::db::DbConnection;
use crate::db::schema::plans;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = plans)]
pub struct PlanRow {
    pub id: PlanId,
    pub person_id: PersonId,
    pub status: PlanStatus,
    pub current_version: Option<i32>,
    /// Bumped by every update; an update names the version it read.
    pub row_version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl PlanRow {
    /// A new person's plan: an empty draft.
    pub fn new_draft(id: PlanId, person_id: PersonId, at: NaiveDateTime) -> Self {
        Self {
            id,
            person_id,
            status: PlanStatus::Draft,
            current_version: None,
            row_version: 1,
            created_at: at,
            updated_at: at,
        }
    }

    pub fn into_wire(self) -> QueryResult<Plan> {
        Ok(Plan {
            id: self.id,
            person_id: self.person_id,
            status: self.status,
            current_version: self.current_version,
            row_version: self.row_version,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        })
    }

    /// The person's plan (each person has one plan, with many versions).
    pub fn for_person(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<Option<Self>> {
        plans::table
            .filter(plans::person_id.eq(person_id))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// The plans of many people in one query.
    pub fn for_persons(conn: &mut DbConnection, person_ids: &[PersonId]) -> QueryResult<Vec<Self>> {
        plans::table
            .filter(plans::person_id.eq_any(person_ids))
            .select(Self::as_select())
            .load(conn)
    }

    /// New plans, with their first review due.
    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        let inserted = insert_rows!(conn, plans::table, rows)?;
        let ids: Vec<PlanId> = rows.iter().map(|row| row.id).collect();
        super::review_schedule::refresh(conn, &ids)?;
        Ok(inserted)
    }

    /// Takes the plan's row lock (PostgreSQL) before reading what decides a change, so two
    /// signers at once cannot both miss each other's signature.
    pub fn lock(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<Self> {
        diesel::update(plans::table.find(plan_id))
            .set(plans::updated_at.eq(plans::updated_at))
            .execute(conn)?;
        plans::table
            .find(plan_id)
            .select(Self::as_select())
            .first(conn)
    }

    /// The draft is agreed as version `number`.
    pub fn agreed(
        conn: &mut DbConnection,
        plan_id: PlanId,
        number: i32,
        at: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(plans::table.find(plan_id))
            .set((
                plans::status.eq(PlanStatus::Agreed),
                plans::current_version.eq(number),
                plans::updated_at.eq(at),
            ))
            .execute(conn)?;
        // Nobody has read the new version yet.
        super::review_schedule::refresh(conn, &[plan_id.to_owned()])
    }

    /// The person a plan is about.
    pub fn person_of(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<PersonId> {
        plans::table
            .find(plan_id)
            .select(plans::person_id)
            .first(conn)
    }

    /// An edit after agreement starts the draft of the next version: the agreed version stays
    /// as it was in `plan_versions`; the plan is a draft again. Any edit touches `updated_at`.
    pub fn edited(conn: &mut DbConnection, plan_id: PlanId, at: NaiveDateTime) -> QueryResult<()> {
        diesel::update(plans::table.find(plan_id))
            .set((
                plans::status.eq(PlanStatus::Draft),
                plans::row_version.eq(plans::row_version + 1),
                plans::updated_at.eq(at),
            ))
            .execute(conn)?;
        Ok(())
    }
}
