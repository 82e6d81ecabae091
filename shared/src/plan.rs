//! The support plan and everything in it, as sent on the wire.
//!
//! Every plan item carries the staff wording (`text` or a named field), the person's own words
//! (`own_words`) and an optional picture key for easy read. Every mutable item carries
//! `row_version`: an update names the version it read and is refused if the item has moved on.

pub mod decision;
pub mod finding;
pub mod goal;
pub mod profile;
pub mod risk;
pub mod signature;
pub mod strategy;
pub mod version;
pub mod wish;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use decision::{Decision, DecisionKind, DecisionStatus};
pub use finding::{Finding, FindingKind, FindingSource};
pub use goal::{Goal, GoalStatus, GoalTerm};
pub use profile::Profile;
pub use risk::{RiskLevel, RiskPlan};
pub use signature::{Signature, SignerRole};
pub use strategy::{ResponsibleParty, Strategy};
pub use version::PlanVersionSummary;
pub use wish::WishNotMet;

use crate::consent::{AccessGrant, Consent};
use crate::contribution::FamilyContribution;
use crate::feedback::Feedback;
use crate::id::{PersonId, PlanId};
use crate::needs::NeedsHeading;
use crate::organisation::{Person, TeamMember};
use crate::progress::ProgressNote;
use crate::review::Review;

crate::keyed_enum! {
    pub enum PlanStatus {
        /// Being written; not yet agreed.
        Draft = "draft",
        /// Agreed and signed: the current version is in force.
        Agreed = "agreed",
        /// Agreed, with a review under way.
        UnderReview = "under_review",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub id: PlanId,
    pub person_id: PersonId,
    pub status: PlanStatus,
    /// The number of the newest agreed version, if any.
    pub current_version: Option<i32>,
    pub row_version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The whole current plan as one document: `GET /api/v1/persons/{id}/plan`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDocument {
    pub person: Person,
    pub plan: Plan,
    pub team: Vec<TeamMember>,
    pub profile: Profile,
    pub headings: Vec<NeedsHeading>,
    pub findings: Vec<Finding>,
    pub goals: Vec<Goal>,
    pub strategies: Vec<Strategy>,
    pub risks: Vec<RiskPlan>,
    pub wishes_not_met: Vec<WishNotMet>,
    pub decisions: Vec<Decision>,
    pub signatures: Vec<Signature>,
    pub versions: Vec<PlanVersionSummary>,
    pub progress_notes: Vec<ProgressNote>,
    pub reviews: Vec<Review>,
    pub feedback: Vec<Feedback>,
    pub consents: Vec<Consent>,
    pub access_grants: Vec<AccessGrant>,
    pub contributions: Vec<FamilyContribution>,
}
