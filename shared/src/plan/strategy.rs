//! Strategies under each goal and who carries them out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{GoalId, PlanId, StrategyId};

crate::keyed_enum! {
    pub enum ResponsibleParty {
        Staff = "staff",
        Person = "person",
        Family = "family",
        OtherAgency = "other_agency",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Strategy {
    pub id: StrategyId,
    pub plan_id: PlanId,
    pub goal_id: GoalId,
    pub position: i32,
    /// What the support is.
    pub text: String,
    pub own_words: Option<String>,
    /// The easy-read sentence in the person's own voice ("I need a reminder…"): what the
    /// person reads of their own plan.
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub responsible: ResponsibleParty,
    /// Who by name or job, e.g. "Jordan (key worker)".
    pub responsible_name: String,
    /// How often or by when, in words: "Every Tuesday morning".
    pub frequency: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub resources: String,
    /// Why this is the least intrusive way to meet the need.
    pub least_intrusive_reason: String,
    /// A community resource or social prescription used, if any.
    pub community_resource: Option<String>,
    /// Personal-budget cost per month in pence, if funded that way.
    pub budget_pence_per_month: Option<i64>,
    /// The person does this themselves (self-management).
    pub self_managed: bool,
    /// Everyone who carries this out has had the information or training.
    pub information_shared: bool,
    pub row_version: i64,
}

/// A strategy as staff write it (`POST`/`PUT /api/v1/persons/{id}/strategies`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StrategyInput {
    /// The goal it serves, in the same plan.
    pub goal_id: GoalId,
    pub text: String,
    #[serde(default)]
    pub own_words: Option<String>,
    #[serde(default)]
    pub easy_read: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    pub responsible: ResponsibleParty,
    pub responsible_name: String,
    pub frequency: String,
    pub start_on: NaiveDate,
    #[serde(default)]
    pub end_on: Option<NaiveDate>,
    #[serde(default)]
    pub resources: String,
    pub least_intrusive_reason: String,
    #[serde(default)]
    pub community_resource: Option<String>,
    #[serde(default)]
    pub budget_pence_per_month: Option<i64>,
    #[serde(default)]
    pub self_managed: bool,
    #[serde(default)]
    pub information_shared: bool,
    #[serde(default)]
    pub position: Option<i32>,
}

impl StrategyInput {
    pub fn into_strategy(
        self,
        id: StrategyId,
        plan_id: PlanId,
        position: i32,
        row_version: i64,
    ) -> Strategy {
        Strategy {
            id,
            plan_id,
            goal_id: self.goal_id,
            position: self.position.unwrap_or(position),
            text: self.text,
            own_words: self.own_words.filter(|w| !w.trim().is_empty()),
            easy_read: self.easy_read.filter(|w| !w.trim().is_empty()),
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
            row_version,
        }
    }
}
