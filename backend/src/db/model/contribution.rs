use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::contribution::{ContributionKind, ContributionStatus, FamilyContribution};
use ourplan_shared::id::{ContributionId, PlanId, UserId};

use super::{UpdateOutcome, insert_rows, naive, settle, utc};
use crate::db::DbConnection;
use crate::db::schema::{family_contributions, users};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = family_contributions)]
pub struct ContributionRow {
    pub id: ContributionId,
    pub plan_id: PlanId,
    pub author_user_id: UserId,
    pub section: PlanSection,
    pub item_id: Option<String>,
    pub kind: ContributionKind,
    pub text: String,
    pub status: ContributionStatus,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub row_version: i64,
}

impl ContributionRow {
    pub fn from_wire(c: &FamilyContribution) -> Self {
        Self {
            id: c.id,
            plan_id: c.plan_id,
            author_user_id: c.author_user_id,
            section: c.section,
            item_id: c.item_id.clone(),
            kind: c.kind,
            text: c.text.clone(),
            status: c.status,
            decided_at: c.decided_at.map(naive),
            created_at: naive(c.created_at),
            row_version: c.row_version,
        }
    }

    pub fn into_wire(self) -> QueryResult<FamilyContribution> {
        Ok(FamilyContribution {
            id: self.id,
            plan_id: self.plan_id,
            author_user_id: self.author_user_id,
            section: self.section,
            item_id: self.item_id,
            kind: self.kind,
            text: self.text,
            status: self.status,
            decided_at: self.decided_at.map(utc),
            created_at: utc(self.created_at),
            row_version: self.row_version,
        })
    }

    super::plan_rows!(family_contributions, Self, (created_at, id));

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, family_contributions::table, rows)
    }

    pub fn find(
        conn: &mut DbConnection,
        plan_id: PlanId,
        contribution_id: ContributionId,
    ) -> QueryResult<Option<Self>> {
        family_contributions::table
            .filter(family_contributions::id.eq(contribution_id))
            .filter(family_contributions::plan_id.eq(plan_id))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// A plan's contributions with their authors' names, newest first; only one author's
    /// when `author` is given.
    pub fn listed(
        conn: &mut DbConnection,
        plan_id: PlanId,
        author: Option<UserId>,
    ) -> QueryResult<Vec<(Self, String)>> {
        let mut query = family_contributions::table
            .inner_join(users::table.on(users::id.eq(family_contributions::author_user_id)))
            .filter(family_contributions::plan_id.eq(plan_id))
            .order((
                family_contributions::created_at.desc(),
                family_contributions::id.desc(),
            ))
            .select((Self::as_select(), users::display_name))
            .into_boxed();
        if let Some(author) = author {
            query = query.filter(family_contributions::author_user_id.eq(author.to_owned()));
        }
        query.load(conn)
    }

    /// The person's decision on a pending contribution, made against the version they read.
    pub fn decide(
        conn: &mut DbConnection,
        contribution_id: ContributionId,
        read_version: i64,
        status: ContributionStatus,
        at: NaiveDateTime,
    ) -> QueryResult<UpdateOutcome> {
        let updated = diesel::update(
            family_contributions::table
                .filter(family_contributions::id.eq(contribution_id))
                .filter(family_contributions::row_version.eq(read_version)),
        )
        .set((
            family_contributions::status.eq(status),
            family_contributions::decided_at.eq(at),
            family_contributions::row_version.eq(read_version + 1),
        ))
        .execute(conn)?;
        settle(updated, read_version, || {
            family_contributions::table
                .find(contribution_id)
                .select(family_contributions::row_version)
                .first(conn)
                .optional()
        })
    }
}
