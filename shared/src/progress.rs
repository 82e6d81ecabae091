//! Progress check-ins per goal.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{GoalId, PlanId, ProgressNoteId, UserId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressNote {
    pub id: ProgressNoteId,
    pub plan_id: PlanId,
    pub goal_id: GoalId,
    pub recorded_on: NaiveDate,
    pub recorded_by: Option<UserId>,
    /// Progress against the goal's measure, in words.
    pub progress: String,
    /// Where the measure stands now, e.g. "3 of 5 trips", if it can be counted.
    pub measure_value: Option<String>,
    pub positive_changes: String,
    pub negative_changes: String,
    pub barriers: String,
    /// The person's own view, in their words.
    pub own_words: Option<String>,
    pub picture: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/persons/{id}/goals/{goal_id}/progress`: a dated check-in. Check-ins are
/// evidence: added, never changed (a correction is a new check-in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressInput {
    pub recorded_on: NaiveDate,
    pub progress: String,
    #[serde(default)]
    pub measure_value: Option<String>,
    #[serde(default)]
    pub positive_changes: String,
    #[serde(default)]
    pub negative_changes: String,
    #[serde(default)]
    pub barriers: String,
    #[serde(default)]
    pub own_words: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
}
