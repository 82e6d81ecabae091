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
    /// The easy-read sentence in the person's own voice ("I need a reminder…"): what the
    /// person reads of their own plan.
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub source: FindingSource,
    /// Gathered with the person's consent (required when the source is not the person).
    pub with_consent: bool,
    pub row_version: i64,
}

/// A finding of the needs assessment as staff record it, under one heading
/// (`POST`/`PUT /api/v1/persons/{id}/findings`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FindingInput {
    pub heading_id: NeedsHeadingId,
    pub kind: FindingKind,
    pub text: String,
    #[serde(default)]
    pub own_words: Option<String>,
    #[serde(default)]
    pub easy_read: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    pub source: FindingSource,
    #[serde(default)]
    pub with_consent: bool,
    #[serde(default)]
    pub position: Option<i32>,
}

impl FindingInput {
    pub fn into_finding(
        self,
        id: FindingId,
        plan_id: PlanId,
        position: i32,
        row_version: i64,
    ) -> Finding {
        Finding {
            id,
            plan_id,
            heading_id: self.heading_id,
            kind: self.kind,
            position: self.position.unwrap_or(position),
            text: self.text,
            own_words: self.own_words.filter(|w| !w.trim().is_empty()),
            easy_read: self.easy_read.filter(|w| !w.trim().is_empty()),
            picture: self.picture,
            source: self.source,
            with_consent: self.with_consent,
            row_version,
        }
    }
}
