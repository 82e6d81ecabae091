//! What every criterion's rule works with: the records read together, the outcome a rule
//! gives, and the links it cites.

use chrono::NaiveDate;

use super::{EvidenceLink, EvidenceState};
use crate::id::PlanVersionId;
use crate::plan::overview::ItemRef;
use crate::plan::{Finding, PlanDocument, Strategy};
use crate::review::{Review, ReviewStatus};
use crate::timescale::ReviewPolicy;

/// The plan's records on the day of the report, under the organisation's review policy.
pub(super) struct Records<'a> {
    pub doc: &'a PlanDocument,
    pub today: NaiveDate,
    pub policy: ReviewPolicy,
}

/// What a rule found, before it is named by its criterion.
pub(super) struct Outcome {
    pub state: EvidenceState,
    pub note: String,
    pub evidence: Vec<EvidenceLink>,
}

pub(super) fn evidenced(note: impl Into<String>, evidence: Vec<EvidenceLink>) -> Outcome {
    Outcome {
        state: EvidenceState::Evidenced,
        note: note.into(),
        evidence,
    }
}

pub(super) fn missing(note: impl Into<String>) -> Outcome {
    Outcome {
        state: EvidenceState::Missing,
        note: note.into(),
        evidence: Vec::new(),
    }
}

pub(super) fn not_yet(note: impl Into<String>) -> Outcome {
    Outcome {
        state: EvidenceState::NotYet,
        note: note.into(),
        evidence: Vec::new(),
    }
}

/// The rule of a criterion about how the work is done, which no record can show.
pub(super) fn outside_records(_: &Records<'_>) -> Outcome {
    Outcome {
        state: EvidenceState::OutsideRecords,
        note: "This is about how the work is done; no record in the plan can show it.".to_owned(),
        evidence: Vec::new(),
    }
}

/// Evidenced by `found` when there is any, else missing with `lacking`.
pub(super) fn any(found: Vec<EvidenceLink>, note: &str, lacking: &str) -> Outcome {
    if found.is_empty() {
        missing(lacking)
    } else {
        evidenced(note, found)
    }
}

/// A link to an item of the plan.
pub(super) fn link(text: impl Into<String>, collection: &str, id: impl ToString) -> EvidenceLink {
    EvidenceLink {
        text: text.into(),
        item: Some(ItemRef {
            collection: collection.to_owned(),
            id: id.to_string(),
        }),
    }
}

/// A fact with nothing of the plan to link to.
pub(super) fn fact(text: impl Into<String>) -> EvidenceLink {
    EvidenceLink {
        text: text.into(),
        item: None,
    }
}

impl Records<'_> {
    pub fn goals_linked(&self) -> Vec<EvidenceLink> {
        self.doc
            .goals
            .iter()
            .map(|g| link(format!("Goal: {}", g.text), "goals", g.id))
            .collect()
    }

    pub fn strategies(&self, keep: impl Fn(&Strategy) -> bool) -> Vec<EvidenceLink> {
        self.doc
            .strategies
            .iter()
            .filter(|s| keep(s))
            .map(|s| {
                link(
                    format!("How I am supported: {}", s.text),
                    "strategies",
                    s.id,
                )
            })
            .collect()
    }

    pub fn findings(&self, keep: impl Fn(&Finding) -> bool) -> Vec<EvidenceLink> {
        self.doc
            .findings
            .iter()
            .filter(|f| keep(f))
            .map(|f| link(format!("{}: {}", f.kind.label(), f.text), "findings", f.id))
            .collect()
    }

    /// The agreed version in force, if the plan has been agreed.
    pub fn current_version_id(&self) -> Option<PlanVersionId> {
        let number = self.doc.plan.current_version?;
        self.doc
            .versions
            .iter()
            .find(|v| v.number == number)
            .map(|v| v.id)
    }

    /// Whether the person or their representative signed this version.
    pub fn signed_by_person(&self, version: PlanVersionId) -> bool {
        self.doc
            .signatures
            .iter()
            .any(|s| s.plan_version_id == Some(version) && s.signer_role.is_the_persons())
    }

    pub fn completed_reviews(&self) -> Vec<&Review> {
        self.doc
            .reviews
            .iter()
            .filter(|r| r.status == ReviewStatus::Completed)
            .collect()
    }
}

pub(super) fn review_link(review: &Review) -> EvidenceLink {
    link(
        format!("{}, due {}", review.kind.label(), review.due_on),
        "reviews",
        review.id,
    )
}
