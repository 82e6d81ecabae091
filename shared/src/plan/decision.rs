//! The log of actions, decisions and disagreements about the plan.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{DecisionId, PlanId, UserId};

crate::keyed_enum! {
    pub enum DecisionKind {
        Action = "action",
        Decision = "decision",
        Disagreement = "disagreement",
    }
}

crate::keyed_enum! {
    pub enum DecisionStatus {
        Open = "open",
        Resolved = "resolved",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub id: DecisionId,
    pub plan_id: PlanId,
    pub kind: DecisionKind,
    /// What was done, decided or disagreed about.
    pub text: String,
    pub own_words: Option<String>,
    pub picture: Option<String>,
    /// Who was involved, in words.
    pub who: String,
    pub occurred_on: NaiveDate,
    pub evidence: String,
    pub status: DecisionStatus,
    pub resolution: Option<String>,
    pub resolved_on: Option<NaiveDate>,
    pub recorded_by: Option<UserId>,
    pub row_version: i64,
}
