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
