//! The care-standard evidence report as a document for inspectors: what is missing first, then
//! what the records evidence (with the evidence), what is not due yet, and what records cannot
//! show.

use ourplan_shared::evidence::{EvidenceReport, EvidenceState};

use super::edition::Edition;
use super::sheet::{STANDARD, Sheet};

/// Evidence listed under each criterion; the rest is counted.
const SHOWN: usize = 12;

pub fn write(edition: &Edition, report: &EvidenceReport) -> Sheet {
    let mut sheet = Sheet::new(STANDARD);
    sheet.title(&format!(
        "Care-standard evidence: {}",
        edition.person_name()
    ));
    sheet.bold(&format!("Plan: {}.", edition.version_line()));
    sheet.paragraph(&format!(
        "{}. Criteria of the standard “Lead the planning process with individuals” (HSC416, P1 to P38) and of the support planning and review procedure.",
        edition.organisation
    ));
    let count = |state| report.codes_in(state).len();
    sheet.paragraph(&format!(
        "{} evidenced, {} missing, {} not due yet, {} outside what records can show.",
        count(EvidenceState::Evidenced),
        count(EvidenceState::Missing),
        count(EvidenceState::NotYet),
        count(EvidenceState::OutsideRecords),
    ));
    for (state, heading) in [
        (EvidenceState::Missing, "Missing from the records"),
        (EvidenceState::Evidenced, "Evidenced by the records"),
        (EvidenceState::NotYet, "Not due yet"),
        (
            EvidenceState::OutsideRecords,
            "To evidence outside the records",
        ),
    ] {
        sheet.section(heading, |s| {
            for criterion in report.criteria.iter().filter(|c| c.state == state) {
                s.subsection(&format!("{}: {}", criterion.code, criterion.text), |s| {
                    s.paragraph(&criterion.note);
                    for evidence in criterion.evidence.iter().take(SHOWN) {
                        s.indented(&evidence.text);
                    }
                    if criterion.evidence.len() > SHOWN {
                        s.indented(&format!("and {} more.", criterion.evidence.len() - SHOWN));
                    }
                });
            }
        });
    }
    sheet
}
