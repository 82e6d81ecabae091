//! Risk management plans with positive risk-taking.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{PlanId, RiskPlanId};

crate::keyed_enum! {
    pub enum RiskLevel {
        Low = "low",
        Medium = "medium",
        High = "high",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskPlan {
    pub id: RiskPlanId,
    pub plan_id: PlanId,
    pub position: i32,
    /// The activity, e.g. "Taking the bus to college alone".
    pub activity: String,
    pub own_words: Option<String>,
    /// The easy-read sentence in the person's own voice ("I need a reminder…"): what the
    /// person reads of their own plan.
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub hazards: String,
    pub likelihood: RiskLevel,
    pub impact: RiskLevel,
    /// What the person chooses to do.
    pub persons_choice: String,
    /// How the risk the person chooses to take is made as safe as possible.
    pub safety_measures: String,
    pub review_on: NaiveDate,
    pub safeguarding_concern: bool,
    pub row_version: i64,
}

/// A risk plan as staff write it (`POST`/`PUT /api/v1/persons/{id}/risks`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskPlanInput {
    pub activity: String,
    #[serde(default)]
    pub own_words: Option<String>,
    #[serde(default)]
    pub easy_read: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    pub hazards: String,
    pub likelihood: RiskLevel,
    pub impact: RiskLevel,
    pub persons_choice: String,
    pub safety_measures: String,
    pub review_on: NaiveDate,
    #[serde(default)]
    pub safeguarding_concern: bool,
    #[serde(default)]
    pub position: Option<i32>,
}

impl RiskPlanInput {
    pub fn into_risk_plan(
        self,
        id: RiskPlanId,
        plan_id: PlanId,
        position: i32,
        row_version: i64,
    ) -> RiskPlan {
        RiskPlan {
            id,
            plan_id,
            position: self.position.unwrap_or(position),
            activity: self.activity,
            own_words: self.own_words.filter(|w| !w.trim().is_empty()),
            easy_read: self.easy_read.filter(|w| !w.trim().is_empty()),
            picture: self.picture,
            hazards: self.hazards,
            likelihood: self.likelihood,
            impact: self.impact,
            persons_choice: self.persons_choice,
            safety_measures: self.safety_measures,
            review_on: self.review_on,
            safeguarding_concern: self.safeguarding_concern,
            row_version,
        }
    }
}
