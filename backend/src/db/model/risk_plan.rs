use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::id::{PlanId, RiskPlanId};
use ourplan_shared::plan::{RiskLevel, RiskPlan};

use super::{insert_rows, item_queries, versioned_update};
use crate::db::DbConnection;
use crate::db::schema::risk_plans;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = risk_plans)]
pub struct RiskPlanRow {
    pub id: RiskPlanId,
    pub plan_id: PlanId,
    pub position: i32,
    pub activity: String,
    pub own_words: Option<String>,
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub hazards: String,
    pub likelihood: RiskLevel,
    pub impact: RiskLevel,
    pub persons_choice: String,
    pub safety_measures: String,
    pub review_on: NaiveDate,
    pub safeguarding_concern: bool,
    pub row_version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = risk_plans, treat_none_as_null = true)]
pub struct RiskPlanChanges {
    pub position: i32,
    pub activity: String,
    pub own_words: Option<String>,
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub hazards: String,
    pub likelihood: RiskLevel,
    pub impact: RiskLevel,
    pub persons_choice: String,
    pub safety_measures: String,
    pub review_on: NaiveDate,
    pub safeguarding_concern: bool,
}

impl RiskPlanRow {
    pub fn from_wire(r: &RiskPlan, at: NaiveDateTime) -> Self {
        Self {
            id: r.id,
            plan_id: r.plan_id,
            position: r.position,
            activity: r.activity.clone(),
            own_words: r.own_words.clone(),
            easy_read: r.easy_read.clone(),
            picture: r.picture.clone(),
            hazards: r.hazards.clone(),
            likelihood: r.likelihood,
            impact: r.impact,
            persons_choice: r.persons_choice.clone(),
            safety_measures: r.safety_measures.clone(),
            review_on: r.review_on,
            safeguarding_concern: r.safeguarding_concern,
            row_version: r.row_version,
            created_at: at,
            updated_at: at,
        }
    }

    pub fn into_wire(self) -> QueryResult<RiskPlan> {
        Ok(RiskPlan {
            id: self.id,
            plan_id: self.plan_id,
            position: self.position,
            activity: self.activity,
            own_words: self.own_words,
            easy_read: self.easy_read,
            picture: self.picture,
            hazards: self.hazards,
            likelihood: self.likelihood,
            impact: self.impact,
            persons_choice: self.persons_choice,
            safety_measures: self.safety_measures,
            review_on: self.review_on,
            safeguarding_concern: self.safeguarding_concern,
            row_version: self.row_version,
        })
    }

    super::plan_rows!(risk_plans, Self, (position, id));

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, risk_plans::table, rows)
    }
}

impl RiskPlanChanges {
    pub fn from_wire(r: &RiskPlan) -> Self {
        Self {
            position: r.position,
            activity: r.activity.clone(),
            own_words: r.own_words.clone(),
            easy_read: r.easy_read.clone(),
            picture: r.picture.clone(),
            hazards: r.hazards.clone(),
            likelihood: r.likelihood,
            impact: r.impact,
            persons_choice: r.persons_choice.clone(),
            safety_measures: r.safety_measures.clone(),
            review_on: r.review_on,
            safeguarding_concern: r.safeguarding_concern,
        }
    }
}

versioned_update!(risk_plans, RiskPlanChanges, id: RiskPlanId);

item_queries!(risk_plans, RiskPlanRow, RiskPlanId, positioned);
