//! The log of actions, decisions and disagreements about the plan.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::consent::PlanSection;
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
    /// The part of the plan a disagreement the person opened is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<DisagreementAbout>,
    /// The disagreement this entry resolves: a resolution is a new entry, so the person's
    /// words are never rewritten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolves: Option<DecisionId>,
    pub row_version: i64,
}

/// What a disagreement is about: one item of the plan, named by its section so that only
/// readers of that section see its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisagreementAbout {
    pub section: PlanSection,
    /// The kind of item, as in the audit log: `goal`, `risk_plan`…
    pub item_kind: String,
    pub item_id: String,
    /// The item's words when the person disagreed; left out for a reader who may not see
    /// its section.
    #[serde(default)]
    pub words: Option<String>,
}

impl Decision {
    /// Whether the entry is kept exactly as recorded: the person's disagreement, and the
    /// entry that resolved one.
    pub fn is_kept_as_said(&self) -> bool {
        self.kind == DecisionKind::Disagreement || self.resolves.is_some()
    }

    /// The entry as a reader of only `sections` may see it: what a disagreement is about
    /// stays out unless its own section is shared.
    pub fn scoped_to(mut self, sections: &[PlanSection]) -> Self {
        if let Some(about) = self.about.as_mut()
            && !sections.contains(&about.section)
        {
            about.words = None;
        }
        self
    }

    /// What a disagreement is about, in English for the PDFs: the item's words, or that the
    /// reader cannot see that part.
    pub fn about_text(&self) -> Option<&str> {
        self.about.as_ref().map(|about| {
            about
                .words
                .as_deref()
                .unwrap_or("A part of the plan you cannot see.")
        })
    }
}

/// `POST /api/v1/persons/{id}/decisions/{id}/resolution`: how staff and the person resolved a
/// disagreement, recorded as a new entry in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResolutionRequest {
    /// How it was resolved.
    pub resolution: String,
    /// Who was involved, in words.
    pub who: String,
    pub resolved_on: NaiveDate,
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
            about: None,
            resolves: None,
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
