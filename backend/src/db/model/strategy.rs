use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::id::{GoalId, PlanId, StrategyId};
use ourplan_shared::plan::{ResponsibleParty, Strategy};

use super::{insert_rows, item_queries, versioned_update};
use crate::db::DbConnection;
use crate::db::schema::strategies;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = strategies)]
pub struct StrategyRow {
    pub id: StrategyId,
    pub plan_id: PlanId,
    pub goal_id: GoalId,
    pub position: i32,
    pub text: String,
    pub own_words: Option<String>,
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub responsible: ResponsibleParty,
    pub responsible_name: String,
    pub frequency: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub resources: String,
    pub least_intrusive_reason: String,
    pub community_resource: Option<String>,
    pub budget_pence_per_month: Option<i64>,
    pub self_managed: bool,
    pub information_shared: bool,
    pub row_version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = strategies, treat_none_as_null = true)]
pub struct StrategyChanges {
    pub goal_id: GoalId,
    pub position: i32,
    pub text: String,
    pub own_words: Option<String>,
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub responsible: ResponsibleParty,
    pub responsible_name: String,
    pub frequency: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub resources: String,
    pub least_intrusive_reason: String,
    pub community_resource: Option<String>,
    pub budget_pence_per_month: Option<i64>,
    pub self_managed: bool,
    pub information_shared: bool,
}

impl StrategyRow {
    pub fn from_wire(s: &Strategy, at: NaiveDateTime) -> Self {
        Self {
            id: s.id,
            plan_id: s.plan_id,
            goal_id: s.goal_id,
            position: s.position,
            text: s.text.clone(),
            own_words: s.own_words.clone(),
            easy_read: s.easy_read.clone(),
            picture: s.picture.clone(),
            responsible: s.responsible,
            responsible_name: s.responsible_name.clone(),
            frequency: s.frequency.clone(),
            start_on: s.start_on,
            end_on: s.end_on,
            resources: s.resources.clone(),
            least_intrusive_reason: s.least_intrusive_reason.clone(),
            community_resource: s.community_resource.clone(),
            budget_pence_per_month: s.budget_pence_per_month,
            self_managed: s.self_managed,
            information_shared: s.information_shared,
            row_version: s.row_version,
            created_at: at,
            updated_at: at,
        }
    }

    pub fn into_wire(self) -> QueryResult<Strategy> {
        Ok(Strategy {
            id: self.id,
            plan_id: self.plan_id,
            goal_id: self.goal_id,
            position: self.position,
            text: self.text,
            own_words: self.own_words,
            easy_read: self.easy_read,
            picture: self.picture,
            responsible: self.responsible,
            responsible_name: self.responsible_name,
            frequency: self.frequency,
            start_on: self.start_on,
            end_on: self.end_on,
            resources: self.resources,
            least_intrusive_reason: self.least_intrusive_reason,
            community_resource: self.community_resource,
            budget_pence_per_month: self.budget_pence_per_month,
            self_managed: self.self_managed,
            information_shared: self.information_shared,
            row_version: self.row_version,
        })
    }

    super::plan_rows!(strategies, Self, (goal_id, position, id));

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, strategies::table, rows)
    }
}

impl StrategyChanges {
    pub fn from_wire(s: &Strategy) -> Self {
        Self {
            goal_id: s.goal_id,
            position: s.position,
            text: s.text.clone(),
            own_words: s.own_words.clone(),
            easy_read: s.easy_read.clone(),
            picture: s.picture.clone(),
            responsible: s.responsible,
            responsible_name: s.responsible_name.clone(),
            frequency: s.frequency.clone(),
            start_on: s.start_on,
            end_on: s.end_on,
            resources: s.resources.clone(),
            least_intrusive_reason: s.least_intrusive_reason.clone(),
            community_resource: s.community_resource.clone(),
            budget_pence_per_month: s.budget_pence_per_month,
            self_managed: s.self_managed,
            information_shared: s.information_shared,
        }
    }
}

versioned_update!(strategies, StrategyChanges, id: StrategyId);

item_queries!(strategies, StrategyRow, StrategyId, positioned);
