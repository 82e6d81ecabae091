//! The care-standard evidence report: for one plan, which criteria of the
//! standard "Lead the planning process with individuals" (HSC416, P1 to P38) and of the support
//! planning and review procedure the records evidence, with links to the evidence, and which
//! are missing. Computed from the plan document alone, so the server, the page and the PDF say
//! the same; some criteria are about practice no record can show, and say so.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::plan::overview::ItemRef;
use crate::plan::{
    DecisionKind, DecisionStatus, FindingKind, FindingSource, PlanDocument, ResponsibleParty,
    SignerRole,
};
use crate::review::{ReviewKind, ReviewStatus};
use crate::timescale::{self, ReviewPolicy};

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
    let mut criteria: Vec<CriterionCount> = STANDARD
        .iter()
        .map(|(code, text)| (*code, "HSC416", *text))
        .chain(
            PROCEDURE
                .iter()
                .map(|(code, text)| (*code, "Procedure", *text)),
        )
        .map(|(code, source, text)| CriterionCount {
            code: code.to_owned(),
            source: source.to_owned(),
            text: text.to_owned(),
            evidenced: 0,
            missing: 0,
            not_yet: 0,
            outside_records: 0,
        })
        .collect();
    for report in reports {
        for (count, criterion) in criteria.iter_mut().zip(&report.criteria) {
            match criterion.state {
                EvidenceState::Evidenced => count.evidenced += 1,
                EvidenceState::Missing => count.missing += 1,
                EvidenceState::NotYet => count.not_yet += 1,
                EvidenceState::OutsideRecords => count.outside_records += 1,
            }
        }
    }
    EvidenceCounts {
        plans: reports.len(),
        criteria,
    }
}

fn link(text: impl Into<String>, collection: &str, id: impl ToString) -> EvidenceLink {
    EvidenceLink {
        text: text.into(),
        item: Some(ItemRef {
            collection: collection.to_owned(),
            id: id.to_string(),
        }),
    }
}

fn fact(text: impl Into<String>) -> EvidenceLink {
    EvidenceLink {
        text: text.into(),
        item: None,
    }
}

/// The outcome of one rule before it is named.
struct Outcome {
    state: EvidenceState,
    note: String,
    evidence: Vec<EvidenceLink>,
}

fn evidenced(note: impl Into<String>, evidence: Vec<EvidenceLink>) -> Outcome {
    Outcome {
        state: EvidenceState::Evidenced,
        note: note.into(),
        evidence,
    }
}

fn missing(note: impl Into<String>) -> Outcome {
    Outcome {
        state: EvidenceState::Missing,
        note: note.into(),
        evidence: Vec::new(),
    }
}

fn not_yet(note: impl Into<String>) -> Outcome {
    Outcome {
        state: EvidenceState::NotYet,
        note: note.into(),
        evidence: Vec::new(),
    }
}

fn outside(note: &str) -> Outcome {
    Outcome {
        state: EvidenceState::OutsideRecords,
        note: note.to_owned(),
        evidence: Vec::new(),
    }
}

/// Evidenced by `found` when there is any, else missing with `lacking`.
fn any(found: Vec<EvidenceLink>, note: &str, lacking: &str) -> Outcome {
    if found.is_empty() {
        missing(lacking)
    } else {
        evidenced(note, found)
    }
}

const OUTSIDE: &str = "This is about how the work is done; no record in the plan can show it.";

impl PlanDocument {
    /// The evidence report on `today`, under the organisation's review policy.
    pub fn evidence(&self, today: NaiveDate, policy: ReviewPolicy) -> EvidenceReport {
        let mut criteria: Vec<CriterionEvidence> = STANDARD
            .iter()
            .map(|(code, text)| {
                let outcome = self.standard_rule(code, today);
                CriterionEvidence {
                    code: (*code).to_owned(),
                    source: "HSC416".to_owned(),
                    text: (*text).to_owned(),
                    state: outcome.state,
                    note: outcome.note,
                    evidence: outcome.evidence,
                }
            })
            .collect();
        for (code, text) in PROCEDURE {
            let outcome = self.procedure_rule(code, today, policy);
            criteria.push(CriterionEvidence {
                code: (*code).to_owned(),
                source: "Procedure".to_owned(),
                text: (*text).to_owned(),
                state: outcome.state,
                note: outcome.note,
                evidence: outcome.evidence,
            });
        }
        EvidenceReport { criteria }
    }

    fn goals_linked(&self) -> Vec<EvidenceLink> {
        self.goals
            .iter()
            .map(|g| link(format!("Goal: {}", g.text), "goals", g.id))
            .collect()
    }

    fn current_version_id(&self) -> Option<crate::id::PlanVersionId> {
        let number = self.plan.current_version?;
        self.versions
            .iter()
            .find(|v| v.number == number)
            .map(|v| v.id)
    }

    fn completed_reviews(&self) -> Vec<&crate::review::Review> {
        self.reviews
            .iter()
            .filter(|r| r.status == ReviewStatus::Completed)
            .collect()
    }

    fn review_link(review: &crate::review::Review) -> EvidenceLink {
        link(
            format!("{}, due {}", review.kind.label(), review.due_on),
            "reviews",
            review.id,
        )
    }

    fn standard_rule(&self, code: &str, _today: NaiveDate) -> Outcome {
        let strategies = |f: &dyn Fn(&crate::plan::Strategy) -> bool| -> Vec<EvidenceLink> {
            self.strategies
                .iter()
                .filter(|s| f(s))
                .map(|s| {
                    link(
                        format!("How I am supported: {}", s.text),
                        "strategies",
                        s.id,
                    )
                })
                .collect()
        };
        let findings = |f: &dyn Fn(&crate::plan::Finding) -> bool| -> Vec<EvidenceLink> {
            self.findings
                .iter()
                .filter(|x| f(x))
                .map(|x| link(format!("{}: {}", x.kind.label(), x.text), "findings", x.id))
                .collect()
        };
        let risks: Vec<EvidenceLink> = self
            .risks
            .iter()
            .map(|r| link(format!("Risk plan: {}", r.activity), "risks", r.id))
            .collect();
        let completed = self.completed_reviews();
        match code {
            "P1" => {
                let key = self
                    .team
                    .iter()
                    .filter(|m| m.key_worker)
                    .map(|m| fact(format!("{} is the key worker", m.display_name)));
                let found: Vec<_> = key.collect();
                any(
                    found,
                    "The support team and the key worker are recorded.",
                    "No key worker is recorded for the person.",
                )
            }
            "P2" => {
                let kinds = [
                    FindingKind::Strength,
                    FindingKind::Need,
                    FindingKind::Preference,
                ];
                let lacking: Vec<&str> = kinds
                    .iter()
                    .filter(|k| !self.findings.iter().any(|f| f.kind == **k))
                    .map(|k| k.label())
                    .collect();
                if lacking.is_empty() {
                    evidenced(
                        "The assessment records strengths, needs and preferences.",
                        findings(&|_| true),
                    )
                } else {
                    missing(format!(
                        "The assessment has no record of: {}.",
                        lacking.join(", ").to_lowercase()
                    ))
                }
            }
            "P3" => any(
                self.goals_linked(),
                "The outcomes are recorded as goals.",
                "No goals are recorded.",
            ),
            "P5" => {
                let others = findings(&|f| f.source != FindingSource::Individual);
                let own = findings(&|f| f.source == FindingSource::Individual);
                if own.is_empty() || others.is_empty() {
                    missing("The assessment should hold what the person said and what others said.")
                } else {
                    evidenced(
                        "The person and others contributed to the assessment.",
                        own.into_iter().chain(others).collect(),
                    )
                }
            }
            "P6" => {
                let mut found: Vec<EvidenceLink> = Vec::new();
                if self
                    .profile
                    .own_words
                    .as_deref()
                    .is_some_and(|w| !w.trim().is_empty())
                {
                    found.push(link(
                        "Profile in the person's own words",
                        "profile",
                        self.plan.id,
                    ));
                }
                found.extend(
                    self.goals
                        .iter()
                        .filter(|g| g.own_words.as_deref().is_some_and(|w| !w.trim().is_empty()))
                        .map(|g| {
                            link(
                                format!("In my words: {}", g.own_words.clone().unwrap_or_default()),
                                "goals",
                                g.id,
                            )
                        }),
                );
                any(
                    found,
                    "The person wrote parts of the plan in their own words.",
                    "Nothing in the plan is in the person's own words.",
                )
            }
            "P7" => {
                let mut found = findings(&|f| f.kind == FindingKind::Preference);
                if !self.profile.important_to_me.trim().is_empty() {
                    found.insert(0, link("What is important to me", "profile", self.plan.id));
                }
                any(
                    found,
                    "What matters to the person and their preferences are recorded.",
                    "Neither what is important to the person nor their preferences are recorded.",
                )
            }
            "P8" => any(
                strategies(&|s| s.responsible == ResponsibleParty::Person || s.self_managed),
                "Some support is done by the person themselves.",
                "No strategy has the person doing part of their own support.",
            ),
            "P9" => any(
                risks,
                "Risks are managed in risk plans.",
                "No risk plan is recorded.",
            ),
            "P10" => any(
                self.risks
                    .iter()
                    .filter(|r| {
                        !r.persons_choice.trim().is_empty() && !r.safety_measures.trim().is_empty()
                    })
                    .map(|r| {
                        link(
                            format!("The person's choice: {}", r.persons_choice),
                            "risks",
                            r.id,
                        )
                    })
                    .collect(),
                "Risk plans record the person's choice and how it is made safe.",
                "No risk plan records the person's choice and what keeps it safe.",
            ),
            "P11" | "P16" => {
                let disagreements: Vec<_> = self
                    .decisions
                    .iter()
                    .filter(|d| d.kind == DecisionKind::Disagreement)
                    .collect();
                if disagreements.is_empty() {
                    return not_yet("No disagreement has been recorded.");
                }
                let open: Vec<_> = disagreements
                    .iter()
                    .filter(|d| d.status == DecisionStatus::Open)
                    .collect();
                if open.is_empty() {
                    evidenced(
                        "Every disagreement is resolved, with how.",
                        disagreements
                            .iter()
                            .map(|d| {
                                link(
                                    format!(
                                        "{} — {}",
                                        d.text,
                                        d.resolution.clone().unwrap_or_default()
                                    ),
                                    "decisions",
                                    d.id,
                                )
                            })
                            .collect(),
                    )
                } else {
                    missing(format!(
                        "{} disagreement(s) are not resolved yet.",
                        open.len()
                    ))
                }
            }
            "P13" | "P17" => {
                let Some(version) = self.current_version_id() else {
                    return missing("The plan has not been agreed and signed yet.");
                };
                let signed: Vec<EvidenceLink> = self
                    .signatures
                    .iter()
                    .filter(|s| {
                        s.plan_version_id == Some(version)
                            && matches!(
                                s.signer_role,
                                SignerRole::Person | SignerRole::Representative
                            )
                    })
                    .map(|s| {
                        fact(format!(
                            "Signed by {} ({})",
                            s.signer_name,
                            s.signer_role.label()
                        ))
                    })
                    .collect();
                any(
                    signed,
                    "The person (or their representative) signed the agreed plan.",
                    "The agreed plan has no signature from the person or their representative.",
                )
            }
            "P14" | "P18" => evidenced(
                format!(
                    "The person's format ({}) and language ({}) are recorded; the plan is shown and printed in them.",
                    self.person.preferred_format.label(),
                    self.person.preferred_language
                ),
                vec![fact(format!(
                    "Preferred format: {}",
                    self.person.preferred_format.label()
                ))],
            ),
            "P15" => any(
                self.decisions
                    .iter()
                    .filter(|d| d.kind != DecisionKind::Disagreement)
                    .map(|d| link(format!("{}: {}", d.kind.label(), d.text), "decisions", d.id))
                    .collect(),
                "Actions and decisions are logged.",
                "No action or decision is logged.",
            ),
            "P19" => evidenced(
                "Only the team, the person and people they consented to can read the plan; every read is audited.",
                self.consents
                    .iter()
                    .map(|c| fact(format!("Consent: shared with {}", c.party_name)))
                    .collect(),
            ),
            "P20" | "P23" | "P25" => {
                let lacking: Vec<&str> = self
                    .strategies
                    .iter()
                    .filter(|s| s.frequency.trim().is_empty())
                    .map(|s| s.text.as_str())
                    .collect();
                if self.strategies.is_empty() {
                    missing("No strategy says who supports what and how often.")
                } else if lacking.is_empty() {
                    evidenced(
                        "Every strategy says who does it and how often.",
                        strategies(&|_| true),
                    )
                } else {
                    missing(format!(
                        "{} strategies do not say how often.",
                        lacking.len()
                    ))
                }
            }
            "P21" => {
                if self.wishes_not_met.is_empty() {
                    return not_yet("No wish that cannot be met is recorded.");
                }
                any(
                    self.wishes_not_met
                        .iter()
                        .filter(|w| !w.reason.trim().is_empty())
                        .map(|w| link(format!("Wish: {}", w.text), "wishes", w.id))
                        .collect(),
                    "Wishes that cannot be met are recorded with why.",
                    "Wishes not met have no reason recorded.",
                )
            }
            "P22" => any(
                self.risks
                    .iter()
                    .map(|r| {
                        link(
                            format!("Risk plan reviewed by {}", r.review_on),
                            "risks",
                            r.id,
                        )
                    })
                    .collect(),
                "Risk plans have review dates for what may come up.",
                "No risk plan has a review date.",
            ),
            "P26" => {
                if self.strategies.is_empty() {
                    return missing("No strategy is recorded.");
                }
                let without: usize = self
                    .strategies
                    .iter()
                    .filter(|s| s.least_intrusive_reason.trim().is_empty())
                    .count();
                if without == 0 {
                    evidenced(
                        "Every strategy says why it is the least intrusive way.",
                        strategies(&|_| true),
                    )
                } else {
                    missing(format!(
                        "{without} strategies do not say why they are the least intrusive way."
                    ))
                }
            }
            "P27" | "P28" => {
                let mut found: Vec<EvidenceLink> = self
                    .feedback
                    .iter()
                    .map(|f| link(format!("Feedback: {}", f.text), "feedback", f.id))
                    .collect();
                found.extend(
                    self.wishes_not_met
                        .iter()
                        .filter(|w| w.appeal_explained)
                        .map(|w| link(format!("Appeal explained: {}", w.text), "wishes", w.id)),
                );
                any(
                    found,
                    "The person has given feedback or been told how to complain.",
                    "No feedback and no explanation of how to complain are recorded.",
                )
            }
            "P24" | "P29" => any(
                self.progress_notes
                    .iter()
                    .map(|n| {
                        link(
                            format!("Progress on {}: {}", n.recorded_on, n.progress),
                            "progress",
                            n.goal_id,
                        )
                    })
                    .collect(),
                "Progress against the goals is recorded.",
                "No progress has been recorded against the goals.",
            ),
            "P31" => {
                if self.goals.is_empty() {
                    return missing("No goals are recorded.");
                }
                let vague = self
                    .goals
                    .iter()
                    .filter(|g| g.measure.trim().is_empty() || g.target.trim().is_empty())
                    .count();
                if vague == 0 {
                    evidenced(
                        "Every goal says how it is measured and its target.",
                        self.goals_linked(),
                    )
                } else {
                    missing(format!(
                        "{vague} goals do not say how they are measured or their target."
                    ))
                }
            }
            "P30" | "P32" | "P33" | "P34" | "P35" | "P36" | "P37" | "P38" => {
                if completed.is_empty() {
                    return not_yet("No review has been completed yet.");
                }
                let found: Vec<EvidenceLink> = completed
                    .iter()
                    .filter(|r| match code {
                        "P32" => r
                            .part_one
                            .as_ref()
                            .is_some_and(|p| !p.persons_views.trim().is_empty()),
                        "P34" => self
                            .goals
                            .iter()
                            .all(|g| r.goal_progress.iter().any(|p| p.goal_id == g.id)),
                        "P30" | "P35" => r
                            .part_two
                            .as_ref()
                            .is_some_and(|p| !p.changes_agreed.trim().is_empty()),
                        "P36" | "P38" => r
                            .part_two
                            .as_ref()
                            .is_some_and(|p| p.resulting_version_id.is_some()),
                        "P37" => r
                            .part_two
                            .as_ref()
                            .and_then(|p| p.resulting_version_id)
                            .is_some_and(|v| {
                                self.signatures.iter().any(|s| {
                                    s.plan_version_id == Some(v)
                                        && matches!(
                                            s.signer_role,
                                            SignerRole::Person | SignerRole::Representative
                                        )
                                })
                            }),
                        _ => r
                            .part_one
                            .as_ref()
                            .is_some_and(|p| p.submitted_at.is_some()),
                    })
                    .map(|r| Self::review_link(r))
                    .collect();
                any(
                    found,
                    "The completed reviews show it.",
                    "No completed review shows it.",
                )
            }
            _ => outside(OUTSIDE),
        }
    }

    fn procedure_rule(&self, code: &str, today: NaiveDate, policy: ReviewPolicy) -> Outcome {
        let started = self.person.support_started_on;
        let first_agreed = self.versions.iter().min_by_key(|v| v.number);
        let completed = self.completed_reviews();
        let completed_on = |r: &crate::review::Review| {
            r.part_two
                .as_ref()
                .and_then(|p| p.completed_at)
                .map(|at| at.date_naive())
        };
        match code {
            "28-day plan" => {
                let due = timescale::plan_due_on(started);
                match first_agreed {
                    Some(v) if v.agreed_at.date_naive() <= due => evidenced(
                        format!("Agreed on {}, by {due}.", v.agreed_at.date_naive()),
                        vec![fact(format!("Version {} agreed", v.number))],
                    ),
                    Some(v) => missing(format!(
                        "Agreed on {}, after the 28 days ended on {due}.",
                        v.agreed_at.date_naive()
                    )),
                    None if today <= due => not_yet(format!("Due by {due}.")),
                    None => missing(format!("No plan was agreed by {due}.")),
                }
            }
            "First review at 6 weeks" => {
                let due = timescale::first_review_due_on(started);
                match self
                    .reviews
                    .iter()
                    .find(|r| r.kind == ReviewKind::First && r.status == ReviewStatus::Completed)
                {
                    Some(review) => evidenced(
                        "The first review was held.",
                        vec![Self::review_link(review)],
                    ),
                    None if today <= due => not_yet(format!("Due by {due}.")),
                    None => missing(format!("The first review was due by {due}.")),
                }
            }
            "Reviews on time" => {
                let last = completed.iter().filter_map(|r| completed_on(r)).max();
                let due =
                    timescale::next_review(started, last, timescale::Triggers::default(), policy)
                        .due_on;
                match last {
                    _ if today <= due => match last {
                        Some(on) => evidenced(
                            format!("Last reviewed on {on}; next due by {due}."),
                            completed.iter().map(|r| Self::review_link(r)).collect(),
                        ),
                        None => not_yet(format!("The first review is due by {due}.")),
                    },
                    _ => missing(format!("A review was due by {due}.")),
                }
            }
            "Two-part review" => {
                if completed.is_empty() {
                    return not_yet("No review has been completed yet.");
                }
                let whole: Vec<EvidenceLink> = completed
                    .iter()
                    .filter(|r| {
                        r.part_one
                            .as_ref()
                            .is_some_and(|p| p.submitted_at.is_some())
                            && r.part_two
                                .as_ref()
                                .is_some_and(|p| p.completed_at.is_some())
                    })
                    .map(|r| Self::review_link(r))
                    .collect();
                if whole.len() == completed.len() {
                    evidenced("Every completed review has Part 1 and Part 2.", whole)
                } else {
                    missing("A completed review lacks Part 1 or Part 2.")
                }
            }
            "Wishes not met recorded" => {
                if self.wishes_not_met.is_empty() {
                    return not_yet("No wish that cannot be met is recorded.");
                }
                let unexplained = self
                    .wishes_not_met
                    .iter()
                    .filter(|w| !w.appeal_explained)
                    .count();
                if unexplained == 0 {
                    evidenced(
                        "Each is recorded with why, and the right to appeal was explained.",
                        self.wishes_not_met
                            .iter()
                            .map(|w| link(format!("Wish: {}", w.text), "wishes", w.id))
                            .collect(),
                    )
                } else {
                    missing(format!(
                        "For {unexplained} wish(es) the right to appeal has not been explained."
                    ))
                }
            }
            "Disagreements resolved" => self.standard_rule("P16", today),
            _ => {
                // "Signatures": the plan in force is signed by the person (or representative) and staff.
                let Some(version) = self.current_version_id() else {
                    return missing("The plan has not been agreed and signed yet.");
                };
                let roles: Vec<SignerRole> = self
                    .signatures
                    .iter()
                    .filter(|s| s.plan_version_id == Some(version))
                    .map(|s| s.signer_role)
                    .collect();
                let person = roles
                    .iter()
                    .any(|r| matches!(r, SignerRole::Person | SignerRole::Representative));
                let staff = roles
                    .iter()
                    .any(|r| matches!(r, SignerRole::Staff | SignerRole::Manager));
                if person && staff {
                    evidenced(
                        "The plan in force is signed by the person and by staff.",
                        self.signatures
                            .iter()
                            .filter(|s| s.plan_version_id == Some(version))
                            .map(|s| fact(format!("{} ({})", s.signer_name, s.signer_role.label())))
                            .collect(),
                    )
                } else {
                    missing("The plan in force lacks a signature from the person or from staff.")
                }
            }
        }
    }
}

/// The procedure's rules, by name.
pub const PROCEDURE: &[(&str, &str)] = &[
    (
        "28-day plan",
        "A detailed support plan is in place within the first 28 days of support.",
    ),
    (
        "First review at 6 weeks",
        "The plan is first reviewed 6 weeks after support starts.",
    ),
    (
        "Reviews on time",
        "The plan is reviewed at least as often as the organisation's policy (at most every 6 months).",
    ),
    (
        "Two-part review",
        "Part 1 by a support worker, Part 2 by a team manager or reviewing officer.",
    ),
    (
        "Wishes not met recorded",
        "Where the person's wishes cannot be met, this is recorded with the right to appeal.",
    ),
    (
        "Disagreements resolved",
        "Disagreements about the plan are recorded and resolved.",
    ),
    (
        "Signatures",
        "The plan in force is signed by the person (or their representative) and staff.",
    ),
];

/// HSC416 "Lead the planning process with individuals", P1 to P38.
pub const STANDARD: &[(&str, &str)] = &[
    (
        "P1",
        "Agree the roles and responsibilities of all concerned with the development of the plan.",
    ),
    (
        "P2",
        "Review the needs assessment to clarify preferences, needs, strengths and circumstances.",
    ),
    (
        "P3",
        "Confirm the outcomes that the plan must aim to achieve.",
    ),
    (
        "P4",
        "Review literature and research relevant to the preferences and needs of the individual.",
    ),
    (
        "P5",
        "Work in partnership with the individual, key people and others to develop the plan.",
    ),
    (
        "P6",
        "Support the individual and key people to contribute at every point in developing the plan.",
    ),
    (
        "P7",
        "Place the preferences and needs of the individual at the centre of planning.",
    ),
    (
        "P8",
        "Promote the individual's active participation and protect them from harm and abuse.",
    ),
    ("P9", "Manage risks proactively in the plan."),
    (
        "P10",
        "Use risk management plans so risks the individual chooses can be taken as safely as possible.",
    ),
    (
        "P11",
        "Work together to resolve conflicts or differences of view about the plan.",
    ),
    (
        "P12",
        "Confirm that the plan meets legal and work setting requirements.",
    ),
    (
        "P13",
        "The individual, key people and others agree the plan; the individual takes ownership of it.",
    ),
    (
        "P14",
        "Use a format and language that make the plan understandable to all who need it.",
    ),
    (
        "P15",
        "Provide evidence-based reports of actions and decisions about the plan.",
    ),
    (
        "P16",
        "Provide evidence-based reports of disagreements and how each was resolved.",
    ),
    (
        "P17",
        "Support the individual to complete the paperwork when the plan is agreed.",
    ),
    (
        "P18",
        "Make the plan available to the individual in their preferred format and language.",
    ),
    (
        "P19",
        "Store the plan and give access within confidentiality agreements.",
    ),
    (
        "P20",
        "Support the individual and key people to understand how the plan will be implemented.",
    ),
    (
        "P21",
        "Support them to understand where preferences could not be met, and why.",
    ),
    (
        "P22",
        "Support them to understand how emerging and future problems will be addressed.",
    ),
    (
        "P23",
        "Agree the roles and responsibilities of all concerned with implementing the plan.",
    ),
    (
        "P24",
        "Carry out your own role in implementing the plan, demonstrating best practice.",
    ),
    (
        "P25",
        "Support team members to understand their roles in the plan's activities.",
    ),
    (
        "P26",
        "Support team members to use methods that suit the individual and promote participation.",
    ),
    (
        "P27",
        "Support the individual and key people to compliment, challenge and complain.",
    ),
    (
        "P28",
        "Support them to give feedback on the implementation of the plan.",
    ),
    (
        "P29",
        "Identify positive and negative changes the plan makes to health and well-being.",
    ),
    (
        "P30",
        "Address difficulties from changes in resources, preferences, needs or circumstances.",
    ),
    (
        "P31",
        "Agree roles and criteria for judging the quality and effectiveness of the plan.",
    ),
    (
        "P32",
        "Organise reviews so the individual and key people can participate fully.",
    ),
    (
        "P33",
        "Collate review information within agreed timescales.",
    ),
    (
        "P34",
        "Review all aspects of the plan with the individual, key people and others; propose changes.",
    ),
    (
        "P35",
        "Lead discussions to agree revisions, taking account of benefits and risks.",
    ),
    ("P36", "Revise the plan within agreed timescales."),
    (
        "P37",
        "Ensure the individual and key people understand the revisions and their implications.",
    ),
    (
        "P38",
        "Manage records of revisions and make them available as the original plan was.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn report(states: &[EvidenceState]) -> EvidenceReport {
        EvidenceReport {
            criteria: STANDARD
                .iter()
                .chain(PROCEDURE)
                .zip(states.iter().cycle())
                .map(|((code, text), state)| CriterionEvidence {
                    code: (*code).to_owned(),
                    source: String::new(),
                    text: (*text).to_owned(),
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
        let codes: Vec<String> = STANDARD.iter().map(|(c, _)| (*c).to_owned()).collect();
        let expected: Vec<String> = (1..=38).map(|n| format!("P{n}")).collect();
        assert_eq!(codes, expected);
        assert!(STANDARD.iter().all(|(_, text)| text.ends_with('.')));
        let mut names: Vec<&str> = PROCEDURE.iter().map(|(n, _)| *n).collect();
        names.dedup();
        assert_eq!(names.len(), PROCEDURE.len());
    }
}
