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

impl GoalStatus {
    /// Still being worked on: a review's Part 1 must say how it is going.
    pub fn is_open(self) -> bool {
        matches!(self, Self::NotStarted | Self::InProgress)
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
    /// The easy-read sentence in the person's own voice ("I need a reminder…"): what the
    /// person reads of their own plan.
    pub easy_read: Option<String>,
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

/// A goal as staff write it: `POST /api/v1/persons/{id}/goals` and
/// `PUT /api/v1/persons/{id}/goals/{goal_id}` (with `If-Match`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoalInput {
    pub term: GoalTerm,
    pub text: String,
    #[serde(default)]
    pub own_words: Option<String>,
    #[serde(default)]
    pub easy_read: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    pub measure: String,
    #[serde(default)]
    pub baseline: String,
    pub target: String,
    pub start_on: NaiveDate,
    pub due_on: NaiveDate,
    #[serde(default = "not_started")]
    pub status: GoalStatus,
    /// The need findings it addresses, from the same plan.
    pub addresses: Vec<FindingId>,
    /// Where it goes in the list; at the end when not given.
    #[serde(default)]
    pub position: Option<i32>,
}

fn not_started() -> GoalStatus {
    GoalStatus::NotStarted
}

impl GoalInput {
    /// The goal this input describes, as stored.
    pub fn into_goal(self, id: GoalId, plan_id: PlanId, position: i32, row_version: i64) -> Goal {
        Goal {
            id,
            plan_id,
            position: self.position.unwrap_or(position),
            term: self.term,
            text: self.text,
            own_words: self.own_words.filter(|w| !w.trim().is_empty()),
            easy_read: self.easy_read.filter(|w| !w.trim().is_empty()),
            picture: self.picture,
            measure: self.measure,
            baseline: self.baseline,
            target: self.target,
            start_on: self.start_on,
            due_on: self.due_on,
            status: self.status,
            addresses: self.addresses,
            row_version,
        }
    }
}
