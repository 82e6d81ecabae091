//! HSC416 "Lead the planning process with individuals", P1 to P38: each criterion's words
//! beside the rule that reads the plan's records for it.

use super::Criterion;
use super::rule::{
    Outcome, Records, any, evidenced, fact, link, missing, not_yet, outside_records, review_link,
};
use crate::plan::{DecisionKind, DecisionStatus, FindingKind, FindingSource, ResponsibleParty};
use crate::review::Review;

/// The criteria in order, P1 to P38.
pub const STANDARD: &[Criterion] = &[
    Criterion {
        code: "P1",
        text: "Agree the roles and responsibilities of all concerned with the development of the plan.",
        rule: key_worker,
    },
    Criterion {
        code: "P2",
        text: "Review the needs assessment to clarify preferences, needs, strengths and circumstances.",
        rule: assessment_complete,
    },
    Criterion {
        code: "P3",
        text: "Confirm the outcomes that the plan must aim to achieve.",
        rule: outcomes_as_goals,
    },
    Criterion {
        code: "P4",
        text: "Review literature and research relevant to the preferences and needs of the individual.",
        rule: outside_records,
    },
    Criterion {
        code: "P5",
        text: "Work in partnership with the individual, key people and others to develop the plan.",
        rule: assessed_together,
    },
    Criterion {
        code: "P6",
        text: "Support the individual and key people to contribute at every point in developing the plan.",
        rule: own_words,
    },
    Criterion {
        code: "P7",
        text: "Place the preferences and needs of the individual at the centre of planning.",
        rule: preferences_at_centre,
    },
    Criterion {
        code: "P8",
        text: "Promote the individual's active participation and protect them from harm and abuse.",
        rule: active_participation,
    },
    Criterion {
        code: "P9",
        text: "Manage risks proactively in the plan.",
        rule: risk_plans,
    },
    Criterion {
        code: "P10",
        text: "Use risk management plans so risks the individual chooses can be taken as safely as possible.",
        rule: chosen_risks_made_safe,
    },
    Criterion {
        code: "P11",
        text: "Work together to resolve conflicts or differences of view about the plan.",
        rule: disagreements_resolved,
    },
    Criterion {
        code: "P12",
        text: "Confirm that the plan meets legal and work setting requirements.",
        rule: outside_records,
    },
    Criterion {
        code: "P13",
        text: "The individual, key people and others agree the plan; the individual takes ownership of it.",
        rule: signed_by_person,
    },
    Criterion {
        code: "P14",
        text: "Use a format and language that make the plan understandable to all who need it.",
        rule: format_and_language,
    },
    Criterion {
        code: "P15",
        text: "Provide evidence-based reports of actions and decisions about the plan.",
        rule: actions_and_decisions,
    },
    Criterion {
        code: "P16",
        text: "Provide evidence-based reports of disagreements and how each was resolved.",
        rule: disagreements_resolved,
    },
    Criterion {
        code: "P17",
        text: "Support the individual to complete the paperwork when the plan is agreed.",
        rule: signed_by_person,
    },
    Criterion {
        code: "P18",
        text: "Make the plan available to the individual in their preferred format and language.",
        rule: format_and_language,
    },
    Criterion {
        code: "P19",
        text: "Store the plan and give access within confidentiality agreements.",
        rule: access_within_consent,
    },
    Criterion {
        code: "P20",
        text: "Support the individual and key people to understand how the plan will be implemented.",
        rule: who_and_how_often,
    },
    Criterion {
        code: "P21",
        text: "Support them to understand where preferences could not be met, and why.",
        rule: wishes_with_why,
    },
    Criterion {
        code: "P22",
        text: "Support them to understand how emerging and future problems will be addressed.",
        rule: risk_review_dates,
    },
    Criterion {
        code: "P23",
        text: "Agree the roles and responsibilities of all concerned with implementing the plan.",
        rule: who_and_how_often,
    },
    Criterion {
        code: "P24",
        text: "Carry out your own role in implementing the plan, demonstrating best practice.",
        rule: progress_recorded,
    },
    Criterion {
        code: "P25",
        text: "Support team members to understand their roles in the plan's activities.",
        rule: who_and_how_often,
    },
    Criterion {
        code: "P26",
        text: "Support team members to use methods that suit the individual and promote participation.",
        rule: least_intrusive,
    },
    Criterion {
        code: "P27",
        text: "Support the individual and key people to compliment, challenge and complain.",
        rule: feedback_or_complaint,
    },
    Criterion {
        code: "P28",
        text: "Support them to give feedback on the implementation of the plan.",
        rule: feedback_or_complaint,
    },
    Criterion {
        code: "P29",
        text: "Identify positive and negative changes the plan makes to health and well-being.",
        rule: progress_recorded,
    },
    Criterion {
        code: "P30",
        text: "Address difficulties from changes in resources, preferences, needs or circumstances.",
        rule: review_agreed_changes,
    },
    Criterion {
        code: "P31",
        text: "Agree roles and criteria for judging the quality and effectiveness of the plan.",
        rule: measurable_goals,
    },
    Criterion {
        code: "P32",
        text: "Organise reviews so the individual and key people can participate fully.",
        rule: review_heard_the_person,
    },
    Criterion {
        code: "P33",
        text: "Collate review information within agreed timescales.",
        rule: review_part_one_submitted,
    },
    Criterion {
        code: "P34",
        text: "Review all aspects of the plan with the individual, key people and others; propose changes.",
        rule: review_covered_every_goal,
    },
    Criterion {
        code: "P35",
        text: "Lead discussions to agree revisions, taking account of benefits and risks.",
        rule: review_agreed_changes,
    },
    Criterion {
        code: "P36",
        text: "Revise the plan within agreed timescales.",
        rule: review_revised_plan,
    },
    Criterion {
        code: "P37",
        text: "Ensure the individual and key people understand the revisions and their implications.",
        rule: review_revision_signed,
    },
    Criterion {
        code: "P38",
        text: "Manage records of revisions and make them available as the original plan was.",
        rule: review_revised_plan,
    },
];

fn key_worker(r: &Records<'_>) -> Outcome {
    any(
        r.doc
            .team
            .iter()
            .filter(|m| m.key_worker)
            .map(|m| fact(format!("{} is the key worker", m.display_name)))
            .collect(),
        "The support team and the key worker are recorded.",
        "No key worker is recorded for the person.",
    )
}

fn assessment_complete(r: &Records<'_>) -> Outcome {
    let lacking: Vec<&str> = [
        FindingKind::Strength,
        FindingKind::Need,
        FindingKind::Preference,
    ]
    .into_iter()
    .filter(|k| !r.doc.findings.iter().any(|f| f.kind == *k))
    .map(FindingKind::label)
    .collect();
    if lacking.is_empty() {
        evidenced(
            "The assessment records strengths, needs and preferences.",
            r.findings(|_| true),
        )
    } else {
        missing(format!(
            "The assessment has no record of: {}.",
            lacking.join(", ").to_lowercase()
        ))
    }
}

fn outcomes_as_goals(r: &Records<'_>) -> Outcome {
    any(
        r.goals_linked(),
        "The outcomes are recorded as goals.",
        "No goals are recorded.",
    )
}

fn assessed_together(r: &Records<'_>) -> Outcome {
    let own = r.findings(|f| f.source == FindingSource::Individual);
    let others = r.findings(|f| f.source != FindingSource::Individual);
    if own.is_empty() || others.is_empty() {
        missing("The assessment should hold what the person said and what others said.")
    } else {
        evidenced(
            "The person and others contributed to the assessment.",
            own.into_iter().chain(others).collect(),
        )
    }
}

fn written(words: Option<&str>) -> bool {
    words.is_some_and(|w| !w.trim().is_empty())
}

fn own_words(r: &Records<'_>) -> Outcome {
    let doc = r.doc;
    let profile = written(doc.profile.own_words.as_deref())
        .then(|| link("Profile in the person's own words", "profile", doc.plan.id));
    let goals = doc
        .goals
        .iter()
        .filter(|g| written(g.own_words.as_deref()))
        .map(|g| {
            link(
                format!("In my words: {}", g.own_words.clone().unwrap_or_default()),
                "goals",
                g.id,
            )
        });
    any(
        profile.into_iter().chain(goals).collect(),
        "The person wrote parts of the plan in their own words.",
        "Nothing in the plan is in the person's own words.",
    )
}

fn preferences_at_centre(r: &Records<'_>) -> Outcome {
    let important = (!r.doc.profile.important_to_me.trim().is_empty())
        .then(|| link("What is important to me", "profile", r.doc.plan.id));
    any(
        important
            .into_iter()
            .chain(r.findings(|f| f.kind == FindingKind::Preference))
            .collect(),
        "What matters to the person and their preferences are recorded.",
        "Neither what is important to the person nor their preferences are recorded.",
    )
}

fn active_participation(r: &Records<'_>) -> Outcome {
    any(
        r.strategies(|s| s.responsible == ResponsibleParty::Person || s.self_managed),
        "Some support is done by the person themselves.",
        "No strategy has the person doing part of their own support.",
    )
}

fn risk_plans(r: &Records<'_>) -> Outcome {
    any(
        r.doc
            .risks
            .iter()
            .map(|risk| link(format!("Risk plan: {}", risk.activity), "risks", risk.id))
            .collect(),
        "Risks are managed in risk plans.",
        "No risk plan is recorded.",
    )
}

fn chosen_risks_made_safe(r: &Records<'_>) -> Outcome {
    any(
        r.doc
            .risks
            .iter()
            .filter(|risk| {
                !risk.persons_choice.trim().is_empty() && !risk.safety_measures.trim().is_empty()
            })
            .map(|risk| {
                link(
                    format!("The person's choice: {}", risk.persons_choice),
                    "risks",
                    risk.id,
                )
            })
            .collect(),
        "Risk plans record the person's choice and how it is made safe.",
        "No risk plan records the person's choice and what keeps it safe.",
    )
}

/// P11 and P16, and the procedure's "Disagreements resolved".
pub(super) fn disagreements_resolved(r: &Records<'_>) -> Outcome {
    let disagreements: Vec<_> = r
        .doc
        .decisions
        .iter()
        .filter(|d| d.kind == DecisionKind::Disagreement)
        .collect();
    if disagreements.is_empty() {
        return not_yet("No disagreement has been recorded.");
    }
    let open = disagreements
        .iter()
        .filter(|d| d.status == DecisionStatus::Open)
        .count();
    if open > 0 {
        return missing(format!("{open} disagreement(s) are not resolved yet."));
    }
    evidenced(
        "Every disagreement is resolved, with how.",
        disagreements
            .iter()
            .map(|d| {
                link(
                    format!("{} — {}", d.text, d.resolution.clone().unwrap_or_default()),
                    "decisions",
                    d.id,
                )
            })
            .collect(),
    )
}

fn signed_by_person(r: &Records<'_>) -> Outcome {
    let Some(version) = r.current_version_id() else {
        return missing("The plan has not been agreed and signed yet.");
    };
    let signed = r
        .doc
        .signatures
        .iter()
        .filter(|s| s.plan_version_id == Some(version) && s.signer_role.is_the_persons())
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

fn format_and_language(r: &Records<'_>) -> Outcome {
    let person = &r.doc.person;
    evidenced(
        format!(
            "The person's format ({}) and language ({}) are recorded; the plan is shown and printed in them.",
            person.preferred_format.label(),
            person.preferred_language
        ),
        vec![fact(format!(
            "Preferred format: {}",
            person.preferred_format.label()
        ))],
    )
}

fn actions_and_decisions(r: &Records<'_>) -> Outcome {
    any(
        r.doc
            .decisions
            .iter()
            .filter(|d| d.kind != DecisionKind::Disagreement)
            .map(|d| link(format!("{}: {}", d.kind.label(), d.text), "decisions", d.id))
            .collect(),
        "Actions and decisions are logged.",
        "No action or decision is logged.",
    )
}

fn access_within_consent(r: &Records<'_>) -> Outcome {
    evidenced(
        "Only the team, the person and people they consented to can read the plan; every read is audited.",
        r.doc
            .consents
            .iter()
            .map(|c| fact(format!("Consent: shared with {}", c.party_name)))
            .collect(),
    )
}

fn who_and_how_often(r: &Records<'_>) -> Outcome {
    let strategies = &r.doc.strategies;
    if strategies.is_empty() {
        return missing("No strategy says who supports what and how often.");
    }
    let lacking = strategies
        .iter()
        .filter(|s| s.frequency.trim().is_empty())
        .count();
    if lacking == 0 {
        evidenced(
            "Every strategy says who does it and how often.",
            r.strategies(|_| true),
        )
    } else {
        missing(format!("{lacking} strategies do not say how often."))
    }
}

fn wishes_with_why(r: &Records<'_>) -> Outcome {
    let wishes = &r.doc.wishes_not_met;
    if wishes.is_empty() {
        return not_yet("No wish that cannot be met is recorded.");
    }
    any(
        wishes
            .iter()
            .filter(|w| !w.reason.trim().is_empty())
            .map(|w| link(format!("Wish: {}", w.text), "wishes", w.id))
            .collect(),
        "Wishes that cannot be met are recorded with why.",
        "Wishes not met have no reason recorded.",
    )
}

fn risk_review_dates(r: &Records<'_>) -> Outcome {
    any(
        r.doc
            .risks
            .iter()
            .map(|risk| {
                link(
                    format!("Risk plan reviewed by {}", risk.review_on),
                    "risks",
                    risk.id,
                )
            })
            .collect(),
        "Risk plans have review dates for what may come up.",
        "No risk plan has a review date.",
    )
}

fn progress_recorded(r: &Records<'_>) -> Outcome {
    any(
        r.doc
            .progress_notes
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
    )
}

fn least_intrusive(r: &Records<'_>) -> Outcome {
    let strategies = &r.doc.strategies;
    if strategies.is_empty() {
        return missing("No strategy is recorded.");
    }
    let without = strategies
        .iter()
        .filter(|s| s.least_intrusive_reason.trim().is_empty())
        .count();
    if without == 0 {
        evidenced(
            "Every strategy says why it is the least intrusive way.",
            r.strategies(|_| true),
        )
    } else {
        missing(format!(
            "{without} strategies do not say why they are the least intrusive way."
        ))
    }
}

fn feedback_or_complaint(r: &Records<'_>) -> Outcome {
    let feedback = r
        .doc
        .feedback
        .iter()
        .map(|f| link(format!("Feedback: {}", f.text), "feedback", f.id));
    let appeals = r
        .doc
        .wishes_not_met
        .iter()
        .filter(|w| w.appeal_explained)
        .map(|w| link(format!("Appeal explained: {}", w.text), "wishes", w.id));
    any(
        feedback.chain(appeals).collect(),
        "The person has given feedback or been told how to complain.",
        "No feedback and no explanation of how to complain are recorded.",
    )
}

fn measurable_goals(r: &Records<'_>) -> Outcome {
    let goals = &r.doc.goals;
    if goals.is_empty() {
        return missing("No goals are recorded.");
    }
    let vague = goals
        .iter()
        .filter(|g| g.measure.trim().is_empty() || g.target.trim().is_empty())
        .count();
    if vague == 0 {
        evidenced(
            "Every goal says how it is measured and its target.",
            r.goals_linked(),
        )
    } else {
        missing(format!(
            "{vague} goals do not say how they are measured or their target."
        ))
    }
}

/// Evidenced by the completed reviews that `shows` it; not yet before any is completed.
fn completed_review_shows(r: &Records<'_>, shows: impl Fn(&Review) -> bool) -> Outcome {
    let completed = r.completed_reviews();
    if completed.is_empty() {
        return not_yet("No review has been completed yet.");
    }
    any(
        completed
            .into_iter()
            .filter(|review| shows(review))
            .map(review_link)
            .collect(),
        "The completed reviews show it.",
        "No completed review shows it.",
    )
}

fn review_heard_the_person(r: &Records<'_>) -> Outcome {
    completed_review_shows(r, |review| {
        review
            .part_one
            .as_ref()
            .is_some_and(|p| !p.persons_views.trim().is_empty())
    })
}

fn review_part_one_submitted(r: &Records<'_>) -> Outcome {
    completed_review_shows(r, |review| {
        review
            .part_one
            .as_ref()
            .is_some_and(|p| p.submitted_at.is_some())
    })
}

fn review_covered_every_goal(r: &Records<'_>) -> Outcome {
    completed_review_shows(r, |review| {
        r.doc
            .goals
            .iter()
            .all(|g| review.goal_progress.iter().any(|p| p.goal_id == g.id))
    })
}

fn review_agreed_changes(r: &Records<'_>) -> Outcome {
    completed_review_shows(r, |review| {
        review
            .part_two
            .as_ref()
            .is_some_and(|p| !p.changes_agreed.trim().is_empty())
    })
}

fn review_revised_plan(r: &Records<'_>) -> Outcome {
    completed_review_shows(r, |review| {
        review
            .part_two
            .as_ref()
            .is_some_and(|p| p.resulting_version_id.is_some())
    })
}

fn review_revision_signed(r: &Records<'_>) -> Outcome {
    completed_review_shows(r, |review| {
        review
            .part_two
            .as_ref()
            .and_then(|p| p.resulting_version_id)
            .is_some_and(|v| r.signed_by_person(v))
    })
}
