//! Reviews in two parts.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{GoalId, PlanId, PlanVersionId, ReviewId, UserId};

crate::keyed_enum! {
    pub enum ReviewKind {
        /// Six weeks after support starts.
        First = "first",
        /// At least every six months after that.
        Scheduled = "scheduled",
        /// Asked for by the person.
        Requested = "requested",
        /// Triggered by a significant change.
        SignificantChange = "significant_change",
    }
}

crate::keyed_enum! {
    pub enum ReviewStatus {
        /// Part 1 under way with the person.
        PartOne = "part_one",
        /// Part 1 submitted; the manager completes Part 2.
        AwaitingPartTwo = "awaiting_part_two",
        /// Done and immutable.
        Completed = "completed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Review {
    pub id: ReviewId,
    pub plan_id: PlanId,
    pub kind: ReviewKind,
    pub status: ReviewStatus,
    pub due_on: NaiveDate,
    pub requested_by: Option<UserId>,
    pub request_reason: Option<String>,
    pub part_one: Option<ReviewPartOne>,
    pub part_two: Option<ReviewPartTwo>,
    pub goal_progress: Vec<ReviewGoalProgress>,
    pub row_version: i64,
}

/// By a support worker with the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewPartOne {
    pub what_is_working: String,
    pub what_is_not_working: String,
    pub persons_views: String,
    pub proposed_changes: String,
    pub completed_by: Option<UserId>,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// By the manager or reviewing officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewPartTwo {
    pub outcome: String,
    pub changes_agreed: String,
    /// Evidence that the plan works.
    pub effectiveness_evidence: String,
    pub completed_by: Option<UserId>,
    pub completed_at: Option<DateTime<Utc>>,
    /// The plan version this review produced.
    pub resulting_version_id: Option<PlanVersionId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewGoalProgress {
    pub goal_id: GoalId,
    pub progress: String,
    pub own_words: Option<String>,
}
