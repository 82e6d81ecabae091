//! The words a reader sees for each choice in the plan's forms and pages, kept beside the keys
//! so the browser and any server-made document say the same thing.

use crate::plan::{
    DecisionKind, DecisionStatus, FindingKind, FindingSource, GoalStatus, GoalTerm,
    ResponsibleParty, RiskLevel, SignerRole,
};

impl FindingKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Strength => "A strength",
            Self::Need => "A need",
            Self::Preference => "A preference",
        }
    }
}

impl FindingSource {
    pub fn label(self) -> &'static str {
        match self {
            Self::Individual => "The person told us",
            Self::FamilyOrAdvocate => "Family or advocate",
            Self::PreviousRecords => "Previous records",
            Self::StaffObservation => "Staff saw it",
            Self::OtherProfessional => "Another professional",
        }
    }
}

impl GoalTerm {
    pub fn label(self) -> &'static str {
        match self {
            Self::Short => "Short term",
            Self::Long => "Long term",
        }
    }
}

impl GoalStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::InProgress => "In progress",
            Self::Achieved => "Achieved",
            Self::PartlyAchieved => "Partly achieved",
            Self::NotAchieved => "Not achieved",
            Self::Discontinued => "Stopped",
        }
    }
}

impl ResponsibleParty {
    pub fn label(self) -> &'static str {
        match self {
            Self::Staff => "Staff",
            Self::Person => "The person",
            Self::Family => "Family",
            Self::OtherAgency => "Another organisation",
        }
    }
}

impl RiskLevel {
    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "Low",
            Self::Medium => "Medium",
            Self::High => "High",
        }
    }
}

impl DecisionKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Action => "An action",
            Self::Decision => "A decision",
            Self::Disagreement => "A disagreement",
        }
    }
}

impl DecisionStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Resolved => "Resolved",
        }
    }
}

impl SignerRole {
    /// In the middle of a sentence: "Beata Nowak, the person, signed on …".
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "the person",
            Self::Representative => "representative",
            Self::Staff => "staff",
            Self::Manager => "manager",
        }
    }
}
