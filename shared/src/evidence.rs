//! The care-standard evidence report: for one plan, which criteria of the
//! standard "Lead the planning process with individuals" (HSC416, P1 to P38) and of the support
//! planning and review procedure the records evidence, with links to the evidence, and which
//! are missing. Computed from the plan document alone, so the server, the page and the PDF say
//! the same; some criteria are about practice no record can show, and say so.
//!
//! Each criterion is data: its code, its words and the rule that reads the records for it, side
//! by side in `standard.rs` (HSC416) and `procedure.rs` (the organisation's procedure).

mod procedure;
mod rule;
mod standard;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::plan::PlanDocument;
use crate::plan::overview::ItemRef;
use crate::timescale::ReviewPolicy;

pub use procedure::PROCEDURE;
pub use standard::STANDARD;

use rule::{Outcome, Records};

/// One criterion of the standard or the procedure, and how the records show it.
pub struct Criterion {
    /// "P13", or "28-day plan" for the procedure's rules.
    pub code: &'static str,
    pub text: &'static str,
    rule: fn(&Records<'_>) -> Outcome,
}

/// Every criterion with its source ("HSC416" or "Procedure"), in the report's order.
pub fn criteria() -> impl Iterator<Item = (&'static str, &'static Criterion)> {
    STANDARD
        .iter()
        .map(|c| ("HSC416", c))
        .chain(PROCEDURE.iter().map(|c| ("Procedure", c)))
}

crate::keyed_enum! {
    /// What the records say about one criterion.
    pub enum EvidenceState {
        /// The records show it, with links.
        Evidenced = "evidenced",
        /// The records should show it and do not.
        Missing = "missing",
        /// Not due yet, or nothing has happened that it is about.
        NotYet = "not_yet",
        /// About practice the records cannot show: evidence it another way.
        OutsideRecords = "outside_records",
    }
}

/// One piece of evidence: what it is, and where it is in the plan when it is an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceLink {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub item: Option<ItemRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionEvidence {
    /// "P13", or "28-day plan" for the procedure's rules.
    pub code: String,
    /// "HSC416" or "Procedure".
    pub source: String,
    pub text: String,
    pub state: EvidenceState,
    /// Why, in one sentence.
    pub note: String,
    pub evidence: Vec<EvidenceLink>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceReport {
    pub criteria: Vec<CriterionEvidence>,
}

impl EvidenceReport {
    pub fn codes_in(&self, state: EvidenceState) -> Vec<&str> {
        self.criteria
            .iter()
            .filter(|c| c.state == state)
            .map(|c| c.code.as_str())
            .collect()
    }
}

/// One criterion counted across plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionCount {
    pub code: String,
    pub source: String,
    pub text: String,
    pub evidenced: usize,
    pub missing: usize,
    pub not_yet: usize,
    pub outside_records: usize,
}

/// The evidence of many plans counted: the organisation-wide view for managers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceCounts {
    pub plans: usize,
    pub criteria: Vec<CriterionCount>,
}

/// Counts each criterion's state across the reports (all made by the same rules).
pub fn tally(reports: &[EvidenceReport]) -> EvidenceCounts {
    let criteria: Vec<CriterionCount> = criteria()
        .map(|(source, criterion)| CriterionCount {
            code: criterion.code.to_owned(),
            source: source.to_owned(),
            text: criterion.text.to_owned(),
            evidenced: 0,
            missing: 0,
            not_yet: 0,
            outside_records: 0,
        })
        .collect();
    let mut counts = EvidenceCounts { plans: 0, criteria };
    for report in reports {
        counts.add(report);
    }
    counts
}

impl EvidenceCounts {
    /// Counts one more plan's report (made by the same rules), so reports can be counted as
    /// they are made and let go.
    pub fn add(&mut self, report: &EvidenceReport) {
        self.plans += 1;
        for (count, criterion) in self.criteria.iter_mut().zip(&report.criteria) {
            match criterion.state {
                EvidenceState::Evidenced => count.evidenced += 1,
                EvidenceState::Missing => count.missing += 1,
                EvidenceState::NotYet => count.not_yet += 1,
                EvidenceState::OutsideRecords => count.outside_records += 1,
            }
        }
    }
}

impl PlanDocument {
    /// The evidence report on `today`, under the organisation's review policy.
    pub fn evidence(&self, today: NaiveDate, policy: ReviewPolicy) -> EvidenceReport {
        let records = Records {
            doc: self,
            today,
            policy,
        };
        EvidenceReport {
            criteria: criteria()
                .map(|(source, criterion)| {
                    let outcome = (criterion.rule)(&records);
                    CriterionEvidence {
                        code: criterion.code.to_owned(),
                        source: source.to_owned(),
                        text: criterion.text.to_owned(),
                        state: outcome.state,
                        note: outcome.note,
                        evidence: outcome.evidence,
                    }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(states: &[EvidenceState]) -> EvidenceReport {
        EvidenceReport {
            criteria: criteria()
                .zip(states.iter().cycle())
                .map(|((source, criterion), state)| CriterionEvidence {
                    code: criterion.code.to_owned(),
                    source: source.to_owned(),
                    text: criterion.text.to_owned(),
                    state: *state,
                    note: String::new(),
                    evidence: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn counts_add_up_per_criterion() {
        use EvidenceState::*;
        let counts = tally(&[
            report(&[Evidenced]),
            report(&[Missing, NotYet]),
            report(&[OutsideRecords]),
        ]);
        assert_eq!(counts.plans, 3);
        assert_eq!(counts.criteria.len(), STANDARD.len() + PROCEDURE.len());
        let p1 = &counts.criteria[0];
        assert_eq!(
            (p1.evidenced, p1.missing, p1.not_yet, p1.outside_records),
            (1, 1, 0, 1)
        );
        let p2 = &counts.criteria[1];
        assert_eq!(
            (p2.evidenced, p2.missing, p2.not_yet, p2.outside_records),
            (1, 0, 1, 1)
        );
        for c in &counts.criteria {
            assert_eq!(c.evidenced + c.missing + c.not_yet + c.outside_records, 3);
        }
    }

    #[test]
    fn every_criterion_p1_to_p38_is_listed_once() {
        let codes: Vec<String> = STANDARD.iter().map(|c| c.code.to_owned()).collect();
        let expected: Vec<String> = (1..=38).map(|n| format!("P{n}")).collect();
        assert_eq!(codes, expected);
        assert!(criteria().all(|(_, c)| c.text.ends_with('.')));
        let mut names: Vec<&str> = PROCEDURE.iter().map(|c| c.code).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PROCEDURE.len());
    }

    /// A plan with nothing recorded yet, for a person whose support started on 2026-03-02.
    fn empty_plan() -> PlanDocument {
        let id = "0190e8a5-0000-7000-8000-000000000001";
        let at = "2026-03-02T09:00:00Z";
        serde_json::from_value(serde_json::json!({
            "person": {
                "id": id, "organisation_id": id, "full_name": "Ada Test", "preferred_name": null,
                "date_of_birth": null, "support_started_on": "2026-03-02",
                "preferred_format": "easy-read", "preferred_language": "en-GB",
                "communication_needs": "", "communication_aids": "", "row_version": 1,
                "created_at": at
            },
            "plan": {
                "id": id, "person_id": id, "status": "draft", "current_version": null,
                "row_version": 1, "created_at": at, "updated_at": at
            },
            "profile": {
                "plan_id": id, "important_to_me": "", "like_about_me": "",
                "how_to_support_me": "", "culture_and_beliefs": "", "lifestyle": "",
                "aspirations": "", "medical_history": "", "own_words": null, "picture": null,
                "row_version": 1
            },
            "team": [], "headings": [], "findings": [], "goals": [], "strategies": [],
            "risks": [], "wishes_not_met": [], "decisions": [], "signatures": [],
            "versions": [], "progress_notes": [], "reviews": [], "feedback": [],
            "consents": [], "access_grants": [], "contributions": []
        }))
        .expect("the fixture is a plan document")
    }

    fn disagreement(status: &str, resolution: Option<&str>) -> crate::plan::Decision {
        serde_json::from_value(serde_json::json!({
            "id": "0190e8a5-0000-7000-8000-000000000002",
            "plan_id": "0190e8a5-0000-7000-8000-000000000001",
            "kind": "disagreement", "text": "I want to go to bed later", "own_words": null,
            "picture": null, "who": "Ada", "occurred_on": "2026-03-10", "evidence": "",
            "status": status, "resolution": resolution, "resolved_on": null,
            "recorded_by": null, "row_version": 1
        }))
        .expect("the fixture is a decision")
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    fn states(report: &EvidenceReport) -> Vec<(&str, EvidenceState)> {
        report
            .criteria
            .iter()
            .map(|c| (c.code.as_str(), c.state))
            .collect()
    }

    fn state_of(report: &EvidenceReport, code: &str) -> EvidenceState {
        report
            .criteria
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.state)
            .expect("the criterion is in the report")
    }

    #[test]
    fn an_empty_plan_lacks_evidence_and_waits_on_what_is_not_due() {
        use EvidenceState::*;
        let report = empty_plan().evidence(day("2026-03-10"), ReviewPolicy::default());
        assert_eq!(report.criteria.len(), STANDARD.len() + PROCEDURE.len());
        let states = states(&report);
        for (code, expected) in [
            ("P1", Missing),
            ("P2", Missing),
            ("P4", OutsideRecords),
            ("P11", NotYet),
            ("P12", OutsideRecords),
            ("P13", Missing),
            ("P14", Evidenced),
            ("P30", NotYet),
            ("P38", NotYet),
            ("28-day plan", NotYet),
            ("First review at 6 weeks", NotYet),
            ("Reviews on time", NotYet),
            ("Signatures", Missing),
        ] {
            assert!(
                states.contains(&(code, expected)),
                "{code} should be {expected:?}"
            );
        }
        let p2 = &report.criteria[1];
        assert_eq!(
            p2.note,
            "The assessment has no record of: a strength, a need, a preference."
        );
    }

    #[test]
    fn the_procedures_timescales_turn_waiting_into_missing() {
        let plan = empty_plan();
        let on = |date: &str, code: &str| {
            state_of(&plan.evidence(day(date), ReviewPolicy::default()), code)
        };
        // 28 days after 2 March is 30 March; 6 weeks is 13 April.
        assert_eq!(on("2026-03-30", "28-day plan"), EvidenceState::NotYet);
        assert_eq!(on("2026-03-31", "28-day plan"), EvidenceState::Missing);
        assert_eq!(
            on("2026-04-13", "First review at 6 weeks"),
            EvidenceState::NotYet
        );
        assert_eq!(
            on("2026-04-14", "First review at 6 weeks"),
            EvidenceState::Missing
        );
        assert_eq!(on("2026-04-14", "Reviews on time"), EvidenceState::Missing);
    }

    #[test]
    fn disagreements_are_one_rule_for_p11_p16_and_the_procedure() {
        let mut plan = empty_plan();
        plan.decisions.push(disagreement("open", None));
        let report = plan.evidence(day("2026-03-10"), ReviewPolicy::default());
        for code in ["P11", "P16", "Disagreements resolved"] {
            let criterion = report
                .criteria
                .iter()
                .find(|c| c.code == code)
                .expect("listed");
            assert_eq!(criterion.state, EvidenceState::Missing, "{code}");
            assert_eq!(criterion.note, "1 disagreement(s) are not resolved yet.");
        }
        plan.decisions[0] = disagreement("resolved", Some("Bedtime is 11pm at weekends"));
        let report = plan.evidence(day("2026-03-10"), ReviewPolicy::default());
        let p16 = report
            .criteria
            .iter()
            .find(|c| c.code == "P16")
            .expect("listed");
        assert_eq!(p16.state, EvidenceState::Evidenced);
        assert_eq!(
            p16.evidence[0].text,
            "I want to go to bed later — Bedtime is 11pm at weekends"
        );
        assert_eq!(
            p16.evidence[0].item.as_ref().map(|i| i.collection.as_str()),
            Some("decisions")
        );
    }
}
