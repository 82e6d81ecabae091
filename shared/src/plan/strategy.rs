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
