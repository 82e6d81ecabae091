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

/// An entry in the decisions and disagreements log as staff write it
/// (`POST`/`PUT /api/v1/persons/{id}/decisions`). Who recorded it is the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionInput {
    pub kind: DecisionKind,
    pub text: String,
    #[serde(default)]
    pub own_words: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    pub who: String,
    pub occurred_on: NaiveDate,
    #[serde(default)]
    pub evidence: String,
    #[serde(default = "open")]
    pub status: DecisionStatus,
    #[serde(default)]
    pub resolution: Option<String>,
    #[serde(default)]
    pub resolved_on: Option<NaiveDate>,
}

fn open() -> DecisionStatus {
    DecisionStatus::Open
}

impl DecisionInput {
    pub fn into_decision(
        self,
        id: DecisionId,
        plan_id: PlanId,
        recorded_by: Option<UserId>,
        row_version: i64,
    ) -> Decision {
        Decision {
            id,
            plan_id,
            kind: self.kind,
            text: self.text,
            own_words: self.own_words.filter(|w| !w.trim().is_empty()),
            picture: self.picture,
            who: self.who,
            occurred_on: self.occurred_on,
            evidence: self.evidence,
            status: self.status,
            resolution: self.resolution.filter(|r| !r.trim().is_empty()),
            resolved_on: self.resolved_on,
            recorded_by,
            row_version,
        }
    }
}

/// `POST /api/v1/persons/{id}/{items}/{item_id}/opinion`: the person says whether they agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpinionRequest {
    pub agrees: bool,
    /// Why, in their own words.
    #[serde(default)]
    pub comment: Option<String>,
}

/// What the person said about one part of their plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemOpinion {
    pub id: String,
    pub item_kind: String,
    pub item_id: String,
    pub agrees: bool,
    pub comment: Option<String>,
    /// The disagreement it opened in the decisions log, when they do not agree.
    pub decision_id: Option<DecisionId>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
