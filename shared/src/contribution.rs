//! Comments and suggestions from family and advocates: never applied to the plan
//! without the person's agreement.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::consent::PlanSection;
use crate::id::{ContributionId, PlanId, UserId};

crate::keyed_enum! {
    pub enum ContributionKind {
        Comment = "comment",
        Suggestion = "suggestion",
    }
}

crate::keyed_enum! {
    pub enum ContributionStatus {
        /// Waiting for the person to decide.
        Pending = "pending",
        /// The person agreed; staff may now apply it.
        Agreed = "agreed",
        Declined = "declined",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilyContribution {
    pub id: ContributionId,
    pub plan_id: PlanId,
    pub author_user_id: UserId,
    pub section: PlanSection,
    /// The plan item it is about, if one.
    pub item_id: Option<String>,
    pub kind: ContributionKind,
    pub text: String,
    pub status: ContributionStatus,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub row_version: i64,
}

/// `POST /api/v1/persons/{id}/contributions`: a family member comments or suggests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContributionRequest {
    pub section: PlanSection,
    #[serde(default)]
    pub item_id: Option<String>,
    pub kind: ContributionKind,
    pub text: String,
}

/// `POST /api/v1/persons/{id}/contributions/{id}/decision`: the person agrees or declines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContributionDecision {
    pub status: ContributionStatus,
}

/// A contribution as listed, with its author's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContributionRecord {
    pub contribution: FamilyContribution,
    pub author_name: String,
}
