//! Reviews in two parts.
//!
//! What a review is on the wire, here; the steps it moves through and what they may do, in
//! `step.rs`; what the people told of it read, in `notice.rs`.

mod notice;
mod step;

pub use notice::{part_two_waiting, review_requested};
pub use step::ReviewStep;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::consent::PlanSection;
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

impl Review {
    /// The review as a reader of only `sections` may see it: progress on each goal names
    /// the goals and how they went, so it needs both of those parts shared.
    pub fn scoped_to(mut self, sections: &[PlanSection]) -> Self {
        if !(sections.contains(&PlanSection::Goals) && sections.contains(&PlanSection::Progress)) {
            self.goal_progress.clear();
        }
        self
    }
}

/// By a support worker with the person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// `POST /api/v1/persons/{id}/reviews`: staff start the next review. Its kind and due date
/// follow the timescales; a significant change can be named to make it due today.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReview {
    /// True when a significant change in the person's life or health is the reason.
    #[serde(default)]
    pub significant_change: bool,
    /// What changed, when it is a significant change.
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /api/v1/persons/{id}/review-requests`: the person (or staff for them) asks for a
/// review now, with an optional reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewRequest {
    #[serde(default)]
    pub reason: Option<String>,
}

/// How one goal is going, as Part 1 records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoalProgressInput {
    pub goal_id: GoalId,
    pub progress: String,
    #[serde(default)]
    pub own_words: Option<String>,
}

/// `PUT /api/v1/persons/{id}/reviews/{review_id}/part-one` (with `If-Match`): a support
/// worker writes Part 1 with the person; it may be saved unfinished and submitted later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PartOneInput {
    pub what_is_working: String,
    pub what_is_not_working: String,
    pub persons_views: String,
    pub proposed_changes: String,
    pub goal_progress: Vec<GoalProgressInput>,
}

/// `PUT /api/v1/persons/{id}/reviews/{review_id}/part-two` (with `If-Match`): the manager
/// or reviewing officer writes Part 2.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PartTwoInput {
    pub outcome: String,
    pub changes_agreed: String,
    pub effectiveness_evidence: String,
}

impl Review {
    /// Part 1 as it is stored, as the input the submission checks read.
    pub fn part_one_input(&self) -> PartOneInput {
        let one = self.part_one.clone().unwrap_or_default();
        PartOneInput {
            what_is_working: one.what_is_working,
            what_is_not_working: one.what_is_not_working,
            persons_views: one.persons_views,
            proposed_changes: one.proposed_changes,
            goal_progress: self
                .goal_progress
                .iter()
                .map(|g| GoalProgressInput {
                    goal_id: g.goal_id,
                    progress: g.progress.clone(),
                    own_words: g.own_words.clone(),
                })
                .collect(),
        }
    }

    /// Part 2 as it is stored, as the input the completion checks read.
    pub fn part_two_input(&self) -> PartTwoInput {
        self.part_two
            .as_ref()
            .map(|p| PartTwoInput {
                outcome: p.outcome.clone(),
                changes_agreed: p.changes_agreed.clone(),
                effectiveness_evidence: p.effectiveness_evidence.clone(),
            })
            .unwrap_or_default()
    }
}

impl ReviewKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::First => "First review",
            Self::Scheduled => "Regular review",
            Self::Requested => "Review asked for",
            Self::SignificantChange => "Review after a big change",
        }
    }
}

impl ReviewStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::PartOne => "Part 1 being written",
            Self::AwaitingPartTwo => "Waiting for Part 2",
            Self::Completed => "Completed",
        }
    }
}
