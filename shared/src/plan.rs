//! The support plan and everything in it, as sent on the wire.
//!
//! Every plan item carries the staff wording (`text` or a named field), the person's own words
//! (`own_words`) and an optional picture key for easy read. Every mutable item carries
//! `row_version`: an update names the version it read and is refused if the item has moved on.

pub mod decision;
pub mod diff;
pub mod finding;
pub mod goal;
pub mod labels;
pub mod overview;
pub mod profile;
pub mod risk;
pub mod signature;
pub mod strategy;
pub mod version;
pub mod wish;
pub mod wording;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use decision::{
    Decision, DecisionInput, DecisionKind, DecisionStatus, DisagreementAbout, ItemOpinion,
    OpinionRequest, ResolutionRequest,
};
pub use finding::{Finding, FindingInput, FindingKind, FindingSource};
pub use goal::{Goal, GoalInput, GoalStatus, GoalTerm};
pub use profile::{OwnWords, Profile, ProfileInput};
pub use risk::{RiskLevel, RiskPlan, RiskPlanInput};
pub use signature::{SignOutcome, SignRequest, Signature, SignerRole};
pub use strategy::{ResponsibleParty, Strategy, StrategyInput};
pub use version::{Acknowledgements, PlanVersionSummary, Reader};
pub use wish::{WishInput, WishNotMet};

use crate::consent::{AccessGrant, Consent, PlanSection};
use crate::contribution::FamilyContribution;
use crate::feedback::Feedback;
use crate::id::{PersonId, PlanId, UserId};
use crate::needs::NeedsHeading;
use crate::organisation::{Person, TeamMember};
use crate::progress::ProgressNote;
use crate::review::Review;
use crate::timescale::ReviewDue;

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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// The next review as the organisation's rules have it, worked out by the server
    /// when it answers the person or their team; never part of an agreed version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_review: Option<ReviewDue>,
}

impl PlanDocument {
    /// What a family member or advocate sees under consent: only the sections in
    /// scope, and of the records about sharing only their own grants and contributions. The
    /// person's name and preferred format stay, so the page can address them.
    pub fn scoped_to(&self, sections: &[PlanSection], viewer: UserId) -> PlanDocument {
        let has = |section: PlanSection| sections.contains(&section);
        let mut person = self.person.clone();
        if !has(PlanSection::Profile) {
            person.date_of_birth = None;
            person.communication_needs = String::new();
            person.communication_aids = String::new();
        }
        PlanDocument {
            person,
            plan: self.plan.clone(),
            team: Vec::new(),
            profile: if has(PlanSection::Profile) {
                self.profile.clone()
            } else {
                Profile {
                    plan_id: self.profile.plan_id,
                    row_version: self.profile.row_version,
                    ..Profile::default()
                }
            },
            headings: if has(PlanSection::Needs) {
                self.headings.clone()
            } else {
                Vec::new()
            },
            findings: if has(PlanSection::Needs) {
                self.findings.clone()
            } else {
                Vec::new()
            },
            goals: if has(PlanSection::Goals) {
                self.goals.clone()
            } else {
                Vec::new()
            },
            strategies: if has(PlanSection::Strategies) {
                self.strategies.clone()
            } else {
                Vec::new()
            },
            risks: if has(PlanSection::Risks) {
                self.risks.clone()
            } else {
                Vec::new()
            },
            wishes_not_met: if has(PlanSection::WishesNotMet) {
                self.wishes_not_met.clone()
            } else {
                Vec::new()
            },
            decisions: if has(PlanSection::Decisions) {
                self.decisions
                    .iter()
                    .map(|d| d.clone().scoped_to(sections))
                    .collect()
            } else {
                Vec::new()
            },
            signatures: Vec::new(),
            versions: Vec::new(),
            progress_notes: if has(PlanSection::Progress) {
                self.progress_notes.clone()
            } else {
                Vec::new()
            },
            reviews: if has(PlanSection::Reviews) {
                self.reviews
                    .iter()
                    .map(|r| r.clone().scoped_to(sections))
                    .collect()
            } else {
                Vec::new()
            },
            feedback: self
                .feedback
                .iter()
                .filter(|f| f.author_user_id == Some(viewer))
                .cloned()
                .collect(),
            consents: Vec::new(),
            next_review: None,
            access_grants: self
                .access_grants
                .iter()
                .filter(|g| g.grantee_user_id == viewer)
                .cloned()
                .collect(),
            contributions: self
                .contributions
                .iter()
                .filter(|c| c.author_user_id == viewer)
                .cloned()
                .collect(),
        }
    }
}
