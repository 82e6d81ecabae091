//! Outcomes and goals: SMART, linked to the needs they address.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{FindingId, GoalId, PlanId};

crate::keyed_enum! {
    pub enum GoalTerm {
        Short = "short",
        Long = "long",
    }
}

crate::keyed_enum! {
    pub enum GoalStatus {
        NotStarted = "not_started",
        InProgress = "in_progress",
        Achieved = "achieved",
        PartlyAchieved = "partly_achieved",
        NotAchieved = "not_achieved",
        Discontinued = "discontinued",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Goal {
    pub id: GoalId,
    pub plan_id: PlanId,
    pub position: i32,
    pub term: GoalTerm,
    /// Specific: what will be different.
    pub text: String,
    pub own_words: Option<String>,
    pub picture: Option<String>,
    /// Measurable: how progress is measured, where it starts and what counts as done.
    pub measure: String,
    pub baseline: String,
    pub target: String,
    /// Time-bound.
    pub start_on: NaiveDate,
    pub due_on: NaiveDate,
    pub status: GoalStatus,
    /// The need findings this goal addresses (relevant).
    pub addresses: Vec<FindingId>,
    pub row_version: i64,
}
