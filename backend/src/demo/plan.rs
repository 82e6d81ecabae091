//! Builds a realistic fictional plan for one person from the demo content.

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use ourplan_shared::consent::{
    AccessGrant, AccessLevel, Consent, ConsentBasis, ConsentPurpose, PlanSection,
};
use ourplan_shared::contribution::{ContributionKind, ContributionStatus, FamilyContribution};
use ourplan_shared::display::DisplayMode;
use ourplan_shared::feedback::{Feedback, FeedbackAbout, FeedbackKind, FeedbackStatus};
use ourplan_shared::id::*;
use ourplan_shared::needs::NeedsHeading;
use ourplan_shared::organisation::Person;
use ourplan_shared::plan::*;
use ourplan_shared::progress::ProgressNote;
use ourplan_shared::review::{
    Review, ReviewGoalProgress, ReviewKind, ReviewPartOne, ReviewPartTwo, ReviewStatus,
};
use uuid::Uuid;

use super::content::{FINDINGS, GOALS, STRATEGIES};

fn v7() -> Uuid {
    Uuid::now_v7()
}

/// Who the plan is written with.
pub struct Cast<'a> {
    pub organisation_id: OrganisationId,
    pub headings: &'a [NeedsHeading],
    pub key_worker: (UserId, &'a str),
    pub manager: (UserId, &'a str),
    /// The family member with an account, who gets a grant from the person's consent.
    pub family: Option<(UserId, &'a str)>,
    /// The person's own account, if they have one.
    pub individual_user: Option<UserId>,
}

pub struct PersonSpec<'a> {
    pub full_name: &'a str,
    pub preferred_name: &'a str,
    pub family_name: &'a str,
    /// Days since support started.
    pub days_supported: u64,
    /// Only the start of an assessment: no goals agreed yet.
    pub draft: bool,
}

/// A whole plan, in the shape the API returns it.
pub fn build(cast: &Cast<'_>, spec: &PersonSpec<'_>, today: NaiveDate) -> PlanDocument {
    let words = |text: &str| {
        let key_first = cast
            .key_worker
            .1
            .split(' ')
            .next()
            .unwrap_or(cast.key_worker.1);
        text.replace("Jordan Bell", cast.key_worker.1)
            .replace("Jordan", key_first)
            .replace("Morgan Rivers", spec.family_name)
            .replace("Alex", spec.preferred_name)
    };
    let start = today - Days::new(spec.days_supported);
    let at = |day: NaiveDate, hour: u32| -> DateTime<Utc> {
        day.and_hms_opt(hour, 0, 0).unwrap_or_default().and_utc()
    };
    let person_id = PersonId(v7());
    let plan_id = PlanId(v7());
    let created = start + Days::new(20);
    let agreed_v1 = start + Days::new(25);
    let review_day = start + Days::new(44);

    let person = Person {
        id: person_id,
        organisation_id: cast.organisation_id,
        full_name: spec.full_name.to_owned(),
        preferred_name: Some(spec.preferred_name.to_owned()),
        date_of_birth: NaiveDate::from_ymd_opt(2001, 3, 14),
        support_started_on: start,
        preferred_format: DisplayMode::EasyRead,
        preferred_language: "en-GB".to_owned(),
        communication_needs: "Short sentences, one question at a time, time to answer.".to_owned(),
        communication_aids: "Easy-read letters with pictures; a picture planner.".to_owned(),
        row_version: 1,
        created_at: at(start, 9),
        leaving: None,
    };
    let profile = Profile {
        plan_id: Some(plan_id),
        important_to_me: words(
            "My sister Morgan Rivers, my friends at Thursday club, music, and doing things for myself.",
        ),
        like_about_me: "Funny, kind, a great dancer, always on time.".to_owned(),
        how_to_support_me: "Give me time. Show me, then let me try. Use pictures. Do not rush me."
            .to_owned(),
        culture_and_beliefs: "Hindu. Vegetarian. Diwali with family is the best day of the year."
            .to_owned(),
        lifestyle: "Early riser. Likes a routine and a quiet evening with music.".to_owned(),
        aspirations: "A job in a café, my own flat one day, and a holiday by the sea.".to_owned(),
        medical_history: "Epilepsy, well controlled. Mild asthma.".to_owned(),
        own_words: Some(words(
            "I am Alex. I like music and my friends. I want to do more by myself.",
        )),
        picture: Some("happy".to_owned()),
        row_version: 1,
    };

    let headings: Vec<&NeedsHeading> = cast.headings.iter().filter(|h| !h.archived).collect();
    let mut findings = Vec::new();
    let mut need_by_heading = Vec::new();
    let heading_count = if spec.draft { 4 } else { headings.len() };
    for (index, heading) in headings.iter().take(heading_count).enumerate() {
        let found = &FINDINGS[index % FINDINGS.len()];
        let entries = [
            (
                FindingKind::Strength,
                found.strength,
                FindingSource::StaffObservation,
            ),
            (FindingKind::Need, found.need, FindingSource::Individual),
            (
                FindingKind::Preference,
                found.preference,
                FindingSource::FamilyOrAdvocate,
            ),
        ];
        for (position, ((kind, (text, easy_read), source), picture)) in
            (0..).zip(entries.into_iter().zip(found.pictures))
        {
            let id = FindingId(v7());
            if kind == FindingKind::Need {
                need_by_heading.push(id);
            }
            findings.push(Finding {
                id,
                plan_id,
                heading_id: heading.id,
                kind,
                position,
                text: words(text),
                own_words: (kind == FindingKind::Preference).then(|| words(text)),
                easy_read: Some(words(easy_read)),
                picture: Some(picture.to_owned()),
                source,
                with_consent: true,
                row_version: 1,
            });
        }
    }

    let goal_count = if spec.draft { 2 } else { GOALS.len() };
    let goals: Vec<Goal> = GOALS
        .iter()
        .take(goal_count)
        .zip(0..)
        .map(|(goal, position)| Goal {
            id: GoalId(v7()),
            plan_id,
            position,
            term: GoalTerm::from_key(goal.term).unwrap_or(GoalTerm::Short),
            text: words(goal.text),
            own_words: Some(words(goal.own_words)),
            easy_read: Some(words(goal.easy_read)),
            picture: Some(goal.picture.to_owned()),
            measure: goal.measure.to_owned(),
            baseline: goal.baseline.to_owned(),
            target: goal.target.to_owned(),
            start_on: agreed_v1,
            due_on: agreed_v1 + Days::new(goal.months_to_due * 30),
            status: if spec.draft {
                GoalStatus::NotStarted
            } else {
                GoalStatus::InProgress
            },
            addresses: need_by_heading
                .get(goal.need)
                .or(need_by_heading.first())
                .copied()
                .into_iter()
                .collect(),
            row_version: 1,
        })
        .collect();

    let strategies: Vec<Strategy> = STRATEGIES
        .iter()
        .filter(|s| s.goal < goals.len())
        .zip(0..)
        .map(|(s, position)| {
            let goal = &goals[s.goal];
            Strategy {
                id: StrategyId(v7()),
                plan_id,
                goal_id: goal.id,
                position: position % 2,
                text: words(s.text.0),
                own_words: None,
                easy_read: Some(words(s.text.1)),
                picture: goal.picture.clone(),
                responsible: ResponsibleParty::from_key(s.responsible)
                    .unwrap_or(ResponsibleParty::Staff),
                responsible_name: words(s.who),
                frequency: s.often.to_owned(),
                start_on: agreed_v1,
                end_on: Some(goal.due_on),
                resources: s.resources.to_owned(),
                least_intrusive_reason: words(s.reason),
                community_resource: (s.responsible == "other_agency").then(|| words(s.who)),
                budget_pence_per_month: (s.goal == 0).then_some(2_400),
                self_managed: s.responsible == "person",
                information_shared: true,
                row_version: 1,
            }
        })
        .collect();

    let mut document = PlanDocument {
        person,
        plan: Plan {
            id: plan_id,
            person_id,
            status: PlanStatus::Draft,
            current_version: None,
            row_version: 1,
            created_at: at(created, 10),
            updated_at: at(created, 10),
        },
        team: Vec::new(),
        profile,
        headings: cast.headings.to_vec(),
        findings,
        goals,
        strategies,
        risks: Vec::new(),
        wishes_not_met: Vec::new(),
        decisions: Vec::new(),
        signatures: Vec::new(),
        versions: Vec::new(),
        progress_notes: Vec::new(),
        reviews: Vec::new(),
        feedback: Vec::new(),
        consents: Vec::new(),
        next_review: None,
        access_grants: Vec::new(),
        contributions: Vec::new(),
    };
    if !spec.draft {
        agree_and_review(&mut document, cast, spec, today, agreed_v1, review_day);
    }
    document
}

/// Everything an agreed plan half a year in has: risks, the decision log, versions and
/// signatures, monthly progress, a completed first review, feedback and consent.
fn agree_and_review(
    doc: &mut PlanDocument,
    cast: &Cast<'_>,
    spec: &PersonSpec<'_>,
    today: NaiveDate,
    agreed_v1: NaiveDate,
    review_day: NaiveDate,
) {
    let plan_id = doc.plan.id;
    let at = |day: NaiveDate, hour: u32| -> DateTime<Utc> {
        day.and_hms_opt(hour, 0, 0).unwrap_or_default().and_utc()
    };
    let name = spec.preferred_name;
    doc.risks = vec![
        RiskPlan {
            id: RiskPlanId(v7()),
            plan_id,
            position: 0,
            activity: "Taking the bus to college alone".to_owned(),
            own_words: Some("I want to go on the bus by myself".to_owned()),
            easy_read: Some("I take the bus to college by myself.".to_owned()),
            picture: Some("bus".to_owned()),
            hazards: "Getting lost; missing the stop; a seizure on the bus".to_owned(),
            likelihood: RiskLevel::Medium,
            impact: RiskLevel::Medium,
            persons_choice: format!("{name} chooses to travel alone after training"),
            safety_measures: "Route card, charged phone with family number, seizure card in wallet, practised the route 12 times".to_owned(),
            review_on: agreed_v1 + Days::new(90),
            safeguarding_concern: false,
            row_version: 1,
        },
        RiskPlan {
            id: RiskPlanId(v7()),
            plan_id,
            position: 1,
            activity: "Cooking on the hob".to_owned(),
            own_words: Some("I want to cook curry".to_owned()),
            easy_read: Some("I cook hot food on the hob.".to_owned()),
            picture: Some("kitchen".to_owned()),
            hazards: "Burns; pans left on".to_owned(),
            likelihood: RiskLevel::Low,
            impact: RiskLevel::High,
            persons_choice: format!("{name} chooses to cook hot meals"),
            safety_measures: "Hob guard, timer with a picture, cooks with staff until confident".to_owned(),
            review_on: agreed_v1 + Days::new(60),
            safeguarding_concern: false,
            row_version: 1,
        },
    ];
    doc.wishes_not_met = vec![WishNotMet {
        id: WishId(v7()),
        plan_id,
        text: "Have a dog in the flat".to_owned(),
        own_words: Some("I want a dog".to_owned()),
        easy_read: Some("I want a dog in my flat.".to_owned()),
        picture: Some("dog".to_owned()),
        reason: "The tenancy does not allow pets".to_owned(),
        next_steps:
            "Volunteer at the Riverside dog shelter on Saturdays; ask the landlord again at renewal"
                .to_owned(),
        appeal_explained: true,
        recorded_on: agreed_v1,
        row_version: 1,
    }];
    let money_disagreement = DecisionId(v7());
    let money_resolution =
        format!("{name} keeps the money with a weekly envelope budget; reviewed at 6 weeks");
    doc.decisions = vec![
        Decision {
            id: DecisionId(v7()),
            plan_id,
            kind: DecisionKind::Decision,
            text: format!("{name} will have travel training rather than taxis"),
            own_words: Some("I want to learn the bus".to_owned()),
            picture: Some("bus".to_owned()),
            who: format!("{name}, {}, {}", cast.key_worker.1, spec.family_name),
            occurred_on: agreed_v1 - Days::new(2),
            evidence: "Planning meeting notes".to_owned(),
            status: DecisionStatus::Resolved,
            resolution: Some("Agreed by everyone".to_owned()),
            resolved_on: Some(agreed_v1 - Days::new(2)),
            recorded_by: Some(cast.key_worker.0),
            about: None,
            resolves: None,
            row_version: 1,
        },
        Decision {
            id: money_disagreement,
            plan_id,
            kind: DecisionKind::Disagreement,
            text: format!("{} wanted staff to hold {name}'s money", spec.family_name),
            own_words: Some("I want to look after my own money".to_owned()),
            picture: Some("money".to_owned()),
            who: format!("{name}, {}, {}", spec.family_name, cast.manager.1),
            occurred_on: agreed_v1 - Days::new(3),
            evidence: "Meeting notes; capacity assessment for day-to-day money".to_owned(),
            status: DecisionStatus::Resolved,
            resolution: Some(money_resolution.clone()),
            resolved_on: Some(agreed_v1 - Days::new(1)),
            recorded_by: Some(cast.manager.0),
            about: None,
            resolves: None,
            row_version: 1,
        },
        // How it was resolved is an entry of its own; the disagreement keeps the words.
        Decision {
            id: DecisionId(v7()),
            plan_id,
            kind: DecisionKind::Decision,
            text: money_resolution.clone(),
            own_words: None,
            picture: Some("money".to_owned()),
            who: format!("{name}, {}, {}", spec.family_name, cast.manager.1),
            occurred_on: agreed_v1 - Days::new(1),
            evidence: String::new(),
            status: DecisionStatus::Resolved,
            resolution: Some(money_resolution),
            resolved_on: Some(agreed_v1 - Days::new(1)),
            recorded_by: Some(cast.manager.0),
            about: None,
            resolves: Some(money_disagreement),
            row_version: 1,
        },
        Decision {
            id: DecisionId(v7()),
            plan_id,
            kind: DecisionKind::Action,
            text: "Ask the GP for an epilepsy review".to_owned(),
            own_words: None,
            picture: Some("doctor".to_owned()),
            who: cast.key_worker.1.to_owned(),
            occurred_on: review_day,
            evidence: String::new(),
            status: DecisionStatus::Open,
            resolution: None,
            resolved_on: None,
            recorded_by: Some(cast.key_worker.0),
            about: None,
            resolves: None,
            row_version: 1,
        },
    ];

    doc.decisions.sort_by_key(|d| (d.occurred_on, d.id));

    let v1 = PlanVersionSummary {
        id: PlanVersionId(v7()),
        number: 1,
        agreed_at: at(agreed_v1, 15),
        agreed_by: Some(cast.manager.0),
        change_summary: "First plan agreed.".to_owned(),
    };
    let v2 = PlanVersionSummary {
        id: PlanVersionId(v7()),
        number: 2,
        agreed_at: at(review_day, 16),
        agreed_by: Some(cast.manager.0),
        change_summary:
            "After the 6-week review: budget envelopes continue; Thursday club lift share added."
                .to_owned(),
    };
    for version in [&v1, &v2] {
        doc.signatures.push(Signature {
            id: SignatureId(v7()),
            plan_id,
            plan_version_id: Some(version.id),
            signer_user_id: cast.individual_user,
            signer_name: spec.full_name.to_owned(),
            signer_role: SignerRole::Person,
            signed_at: version.agreed_at,
            reason: None,
        });
        doc.signatures.push(Signature {
            id: SignatureId(v7()),
            plan_id,
            plan_version_id: Some(version.id),
            signer_user_id: Some(cast.key_worker.0),
            signer_name: cast.key_worker.1.to_owned(),
            signer_role: SignerRole::Staff,
            signed_at: version.agreed_at + Duration::minutes(5),
            reason: None,
        });
    }

    // Monthly check-ins on every goal since agreement.
    let mut month = 1;
    while let Some(day) = agreed_v1.checked_add_days(Days::new(month * 30)) {
        if day >= today || month > 6 {
            break;
        }
        for goal in &doc.goals {
            doc.progress_notes.push(ProgressNote {
                id: ProgressNoteId(v7()),
                plan_id,
                goal_id: goal.id,
                recorded_on: day,
                recorded_by: Some(cast.key_worker.0),
                progress: format!("Month {month}: steady progress towards \"{}\"", goal.target),
                measure_value: Some(format!("{} of 4", month.min(4))),
                positive_changes: "More confident; asks for less help".to_owned(),
                negative_changes: if month == 2 {
                    "Tired after a seizure in week 2".to_owned()
                } else {
                    String::new()
                },
                barriers: if month == 3 {
                    "Bus strike for a week".to_owned()
                } else {
                    String::new()
                },
                own_words: Some("I did it!".to_owned()),
                picture: Some("happy".to_owned()),
                created_at: at(day, 17),
            });
        }
        month += 1;
    }

    doc.reviews = vec![Review {
        id: ReviewId(v7()),
        plan_id,
        kind: ReviewKind::First,
        status: ReviewStatus::Completed,
        due_on: doc.person.support_started_on + Days::new(42),
        requested_by: None,
        request_reason: None,
        part_one: Some(ReviewPartOne {
            what_is_working: "Travel training and the pill box".to_owned(),
            what_is_not_working: "Getting to Thursday club when it rains".to_owned(),
            persons_views: format!("{name} is proud of catching the bus and wants to keep going"),
            proposed_changes: "Add a lift share for Thursday club".to_owned(),
            completed_by: Some(cast.key_worker.0),
            submitted_at: Some(at(review_day - Days::new(1), 14)),
        }),
        part_two: Some(ReviewPartTwo {
            outcome: "Plan continues with one change".to_owned(),
            changes_agreed: "Lift share to Thursday club arranged by family".to_owned(),
            effectiveness_evidence:
                "Bus trips alone rose from 0 to 2 a week; tablets on time 6 days of 7".to_owned(),
            completed_by: Some(cast.manager.0),
            completed_at: Some(at(review_day, 16)),
            resulting_version_id: Some(v2.id),
        }),
        goal_progress: doc
            .goals
            .iter()
            .map(|goal| ReviewGoalProgress {
                goal_id: goal.id,
                progress: "Started well".to_owned(),
                own_words: Some("Good".to_owned()),
            })
            .collect(),
        row_version: 1,
    }];
    doc.versions = vec![v1, v2];
    doc.plan.status = PlanStatus::Agreed;
    doc.plan.current_version = Some(2);
    doc.plan.updated_at = at(review_day, 16);

    doc.feedback = vec![
        Feedback {
            id: FeedbackId(v7()),
            plan_id,
            author_user_id: cast.family.map(|f| f.0),
            author_name: spec.family_name.to_owned(),
            kind: FeedbackKind::Compliment,
            about: FeedbackAbout::Implementation,
            text: format!(
                "{} has been brilliant with the bus training.",
                cast.key_worker.1
            ),
            picture: Some("happy".to_owned()),
            status: FeedbackStatus::Responded,
            response: Some("Thank you, we have passed this on.".to_owned()),
            responded_by: Some(cast.manager.0),
            responded_at: Some(at(review_day + Days::new(3), 11)),
            created_at: at(review_day + Days::new(2), 19),
            row_version: 1,
        },
        Feedback {
            id: FeedbackId(v7()),
            plan_id,
            author_user_id: cast.individual_user,
            author_name: spec.full_name.to_owned(),
            kind: FeedbackKind::Comment,
            about: FeedbackAbout::Plan,
            text: "I want more cooking days.".to_owned(),
            picture: Some("kitchen".to_owned()),
            status: FeedbackStatus::Open,
            response: None,
            responded_by: None,
            responded_at: None,
            created_at: at(review_day + Days::new(30), 18),
            row_version: 1,
        },
    ];

    let share = Consent {
        id: ConsentId(v7()),
        person_id: doc.person.id,
        purpose: ConsentPurpose::ShareWith,
        party_name: format!("{} (sister)", spec.family_name),
        party_user_id: cast.family.map(|f| f.0),
        sections: vec![
            PlanSection::Profile,
            PlanSection::Goals,
            PlanSection::Progress,
        ],
        access_level: AccessLevel::Suggest,
        basis: ConsentBasis::Person,
        decision_maker: None,
        best_interests_reason: None,
        given_at: at(agreed_v1 - Days::new(5), 10),
        expires_on: Some(agreed_v1 + Days::new(365)),
        recorded_by: Some(cast.key_worker.0),
        withdrawn_at: None,
        withdrawn_by: None,
        withdrawal_reason: None,
        given_how: None,
        witness: None,
    };
    let records = Consent {
        id: ConsentId(v7()),
        person_id: doc.person.id,
        purpose: ConsentPurpose::CollectFrom,
        party_name: "Riverside Medical Practice (GP records)".to_owned(),
        party_user_id: None,
        sections: vec![PlanSection::Needs],
        access_level: AccessLevel::View,
        basis: ConsentBasis::Person,
        decision_maker: None,
        best_interests_reason: None,
        given_at: at(agreed_v1 - Days::new(10), 10),
        expires_on: None,
        recorded_by: Some(cast.key_worker.0),
        withdrawn_at: None,
        withdrawn_by: None,
        withdrawal_reason: None,
        given_how: None,
        witness: None,
    };
    if let Some((family_user, _)) = cast.family {
        doc.access_grants.push(AccessGrant {
            id: AccessGrantId(v7()),
            consent_id: share.id,
            person_id: doc.person.id,
            grantee_user_id: family_user,
            sections: share.sections.clone(),
            access_level: share.access_level,
            starts_at: share.given_at,
            expires_at: share.expires_on.map(|day| at(day, 23)),
            revoked_at: None,
        });
        doc.contributions.push(FamilyContribution {
            id: ContributionId(v7()),
            plan_id,
            author_user_id: family_user,
            section: PlanSection::Goals,
            item_id: doc.goals.get(5).map(|g| g.id.to_string()),
            kind: ContributionKind::Suggestion,
            text: "Could swimming on Saturdays be a new goal?".to_owned(),
            status: ContributionStatus::Pending,
            decided_at: None,
            created_at: at(review_day + Days::new(20), 20),
            row_version: 1,
        });
    }
    doc.consents = vec![records, share];
    doc.consents.sort_by_key(|c| (c.given_at, c.id));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use ourplan_shared::validation::Validate;

    use super::*;
    use crate::db::model::needs_heading::NeedsHeadingRow;

    /// Demo data is written without the API's checks, so it is checked here: every item
    /// passes the rules the API applies (a picture from the vocabulary among them: `cook`
    /// and `celebrate` were not, and the person's plan showed broken pictures).
    #[test]
    fn every_demo_item_passes_the_apis_rules() {
        let headings: Vec<NeedsHeading> =
            NeedsHeadingRow::defaults(OrganisationId(uuid::Uuid::nil()))
                .into_iter()
                .map(|row| row.into_wire().unwrap())
                .collect();
        let cast = Cast {
            organisation_id: OrganisationId(Uuid::now_v7()),
            headings: &headings,
            key_worker: (UserId(Uuid::now_v7()), "Jordan Bell"),
            manager: (UserId(Uuid::now_v7()), "Morgan Ellis"),
            family: Some((UserId(Uuid::now_v7()), "Sam Rivers")),
            individual_user: None,
        };
        let today = chrono::Utc::now().date_naive();
        for draft in [false, true] {
            let spec = PersonSpec {
                full_name: "Alex Rivers",
                preferred_name: "Alex",
                family_name: "Sam Rivers",
                days_supported: 200,
                draft,
            };
            let plan = build(&cast, &spec, today);
            let mut problems = plan.profile.problems();
            for items in [
                plan.findings
                    .iter()
                    .flat_map(Validate::problems)
                    .collect::<Vec<_>>(),
                plan.goals.iter().flat_map(Validate::problems).collect(),
                plan.strategies
                    .iter()
                    .flat_map(Validate::problems)
                    .collect(),
                plan.risks.iter().flat_map(Validate::problems).collect(),
                plan.wishes_not_met
                    .iter()
                    .flat_map(Validate::problems)
                    .collect(),
                plan.decisions.iter().flat_map(Validate::problems).collect(),
            ] {
                problems.extend(items);
            }
            assert!(problems.is_empty(), "{problems:?}");
            // Each point shows its own picture, not its heading's.
            for heading in &plan.headings {
                let mut under: Vec<_> = plan
                    .findings
                    .iter()
                    .filter(|f| f.heading_id == heading.id)
                    .map(|f| f.picture.clone())
                    .collect();
                let count = under.len();
                under.sort();
                under.dedup();
                assert_eq!(
                    under.len(),
                    count,
                    "{}: one picture per point",
                    heading.label
                );
            }
            // The person reads every point in their own voice, short and in the first person.
            let voiced = plan
                .findings
                .iter()
                .map(|f| (&f.text, &f.easy_read))
                .chain(plan.goals.iter().map(|g| (&g.text, &g.easy_read)))
                .chain(plan.strategies.iter().map(|s| (&s.text, &s.easy_read)))
                .chain(plan.risks.iter().map(|r| (&r.activity, &r.easy_read)))
                .chain(plan.wishes_not_met.iter().map(|w| (&w.text, &w.easy_read)));
            for (text, easy_read) in voiced {
                let said = easy_read
                    .as_deref()
                    .unwrap_or_else(|| panic!("{text}: no easy read"));
                let words: Vec<&str> = said.split_whitespace().collect();
                assert!(
                    words
                        .iter()
                        .any(|w| matches!(*w, "I" | "my" | "My" | "me" | "me.")),
                    "{text}: \"{said}\" is not in the person's voice"
                );
                assert!(
                    ourplan_shared::plain_language::check(said).is_plain(),
                    "{text}: \"{said}\" is not plain"
                );
            }
        }
    }
}
