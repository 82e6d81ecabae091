use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::contribution::{ContributionKind, ContributionStatus, FamilyContribution};

use super::{id, insert_rows, key, naive, utc};
use crate::db::DbConnection;
use crate::db::schema::family_contributions;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = family_contributions)]
pub struct ContributionRow {
    pub id: String,
    pub plan_id: String,
    pub author_user_id: String,
    pub section: String,
    pub item_id: Option<String>,
    pub kind: String,
    pub text: String,
    pub status: String,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub row_version: i64,
}

impl ContributionRow {
    pub fn from_wire(c: &FamilyContribution) -> Self {
        Self {
            id: c.id.to_string(),
            plan_id: c.plan_id.to_string(),
            author_user_id: c.author_user_id.to_string(),
            section: c.section.key().to_owned(),
            item_id: c.item_id.clone(),
            kind: c.kind.key().to_owned(),
            text: c.text.clone(),
            status: c.status.key().to_owned(),
            decided_at: c.decided_at.map(naive),
            created_at: naive(c.created_at),
            row_version: c.row_version,
        }
    }

    pub fn into_wire(self) -> QueryResult<FamilyContribution> {
        Ok(FamilyContribution {
            id: id(&self.id)?,
            plan_id: id(&self.plan_id)?,
            author_user_id: id(&self.author_user_id)?,
            section: key(&self.section, PlanSection::from_key)?,
            item_id: self.item_id,
            kind: key(&self.kind, ContributionKind::from_key)?,
            text: self.text,
            status: key(&self.status, ContributionStatus::from_key)?,
            decided_at: self.decided_at.map(utc),
            created_at: utc(self.created_at),
            row_version: self.row_version,
        })
    }

    pub fn for_plan(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Vec<Self>> {
        family_contributions::table
            .filter(family_contributions::plan_id.eq(plan_id))
            .order((family_contributions::created_at, family_contributions::id))
            .select(Self::as_select())
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, family_contributions::table, rows)
    }
}
