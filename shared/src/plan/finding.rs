//! Needs-assessment findings under a needs heading.

use serde::{Deserialize, Serialize};

use crate::id::{FindingId, NeedsHeadingId, PlanId};

crate::keyed_enum! {
    pub enum FindingKind {
        Strength = "strength",
        Need = "need",
        Preference = "preference",
    }
}

crate::keyed_enum! {
    /// Where a finding came from (P2).
    pub enum FindingSource {
        Individual = "individual",
        FamilyOrAdvocate = "family_or_advocate",
        PreviousRecords = "previous_records",
        StaffObservation = "staff_observation",
        OtherProfessional = "other_professional",
    }
}

impl FindingSource {
    /// Input from others than the person and our own staff needs the person's consent.
    pub fn needs_consent(self) -> bool {
        matches!(
            self,
            Self::FamilyOrAdvocate | Self::PreviousRecords | Self::OtherProfessional
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    pub id: FindingId,
    pub plan_id: PlanId,
    pub heading_id: NeedsHeadingId,
    pub kind: FindingKind,
    pub position: i32,
    pub text: String,
    pub own_words: Option<String>,
    pub picture: Option<String>,
    pub source: FindingSource,
    /// Gathered with the person's consent (required when the source is not the person).
    pub with_consent: bool,
    pub row_version: i64,
}
