//! Loading a whole plan: one query per table, never one per goal, so the cost of a read does
//! not grow with the plan's size.

use std::collections::HashMap;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use ourplan_shared::id::FindingId;
use ourplan_shared::plan::{PlanDocument, Profile};

use super::access_grant::AccessGrantRow;
use super::consent::ConsentRow;
use super::contribution::ContributionRow;
use super::decision::DecisionRow;
use super::feedback::FeedbackRow;
use super::finding::FindingRow;
use super::goal::{GoalNeedRow, GoalRow};
use super::id;
use super::needs_heading::NeedsHeadingRow;
use super::person::PersonRow;
use super::plan::PlanRow;
use super::plan_version::PlanVersionRow;
use super::profile::ProfileRow;
use super::progress_note::ProgressNoteRow;
use super::review::{ReviewGoalProgressRow, ReviewRow};
use super::risk_plan::RiskPlanRow;
use super::signature::SignatureRow;
use super::strategy::StrategyRow;
use super::team::TeamPersonRow;
use super::wish::WishRow;
use crate::db::DbConnection;

/// The queries [`load`] runs for any plan, however large.
pub const QUERIES_PER_PLAN: usize = 21;

/// The person's current plan as one document, read in one consistent snapshot; `None` if
/// there is no such person or they have no plan yet.
pub fn load(conn: &mut DbConnection, person_id: &str) -> QueryResult<Option<PlanDocument>> {
    conn.transaction(|conn| {
        if let DbConnection::Postgres(pg) = conn {
            pg.batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        }
        load_within(conn, person_id)
    })
}

/// The same, inside a transaction the caller holds (a write that snapshots the plan).
pub fn load_within(conn: &mut DbConnection, person_id: &str) -> QueryResult<Option<PlanDocument>> {
    {
        let Some(person) = PersonRow::find(conn, person_id)? else {
            return Ok(None);
        };
        let Some(plan) = PlanRow::for_person(conn, person_id)? else {
            return Ok(None);
        };
        let plan_id = plan.id.clone();
        let team = TeamPersonRow::team_for_person(conn, person_id)?;
        let profile = match ProfileRow::for_plan(conn, &plan_id)? {
            Some(row) => row.into_wire()?,
            None => Profile {
                plan_id: Some(id(&plan_id)?),
                row_version: 1,
                ..Profile::default()
            },
        };
        let headings = NeedsHeadingRow::for_organisation(conn, &person.organisation_id)?;
        let findings = FindingRow::for_plan(conn, &plan_id)?;
        let goals = GoalRow::for_plan(conn, &plan_id)?;
        let mut needs_by_goal: HashMap<String, Vec<FindingId>> = HashMap::new();
        for link in GoalNeedRow::for_plan(conn, &plan_id)? {
            needs_by_goal
                .entry(link.goal_id)
                .or_default()
                .push(id(&link.finding_id)?);
        }
        let strategies = StrategyRow::for_plan(conn, &plan_id)?;
        let risks = RiskPlanRow::for_plan(conn, &plan_id)?;
        let wishes = WishRow::for_plan(conn, &plan_id)?;
        let decisions = DecisionRow::for_plan(conn, &plan_id)?;
        let signatures = SignatureRow::for_plan(conn, &plan_id)?;
        let versions = PlanVersionRow::summaries(conn, &plan_id)?;
        let progress_notes = ProgressNoteRow::for_plan(conn, &plan_id)?;
        let reviews = ReviewRow::for_plan(conn, &plan_id)?;
        let mut progress_by_review: HashMap<String, Vec<ReviewGoalProgressRow>> = HashMap::new();
        for row in ReviewGoalProgressRow::for_plan(conn, &plan_id)? {
            progress_by_review
                .entry(row.review_id.clone())
                .or_default()
                .push(row);
        }
        let feedback = FeedbackRow::for_plan(conn, &plan_id)?;
        let consents = ConsentRow::for_person(conn, person_id)?;
        let grants = AccessGrantRow::for_person(conn, person_id)?;
        let contributions = ContributionRow::for_plan(conn, &plan_id)?;

        Ok(Some(PlanDocument {
            person: person.into_wire()?,
            plan: plan.into_wire()?,
            team,
            profile,
            headings: collect(headings, NeedsHeadingRow::into_wire)?,
            findings: collect(findings, FindingRow::into_wire)?,
            goals: goals
                .into_iter()
                .map(|goal| {
                    let needs = needs_by_goal.remove(&goal.id).unwrap_or_default();
                    goal.into_wire(needs)
                })
                .collect::<QueryResult<_>>()?,
            strategies: collect(strategies, StrategyRow::into_wire)?,
            risks: collect(risks, RiskPlanRow::into_wire)?,
            wishes_not_met: collect(wishes, WishRow::into_wire)?,
            decisions: collect(decisions, DecisionRow::into_wire)?,
            signatures: collect(signatures, SignatureRow::into_wire)?,
            versions,
            progress_notes: collect(progress_notes, ProgressNoteRow::into_wire)?,
            reviews: reviews
                .into_iter()
                .map(|review| {
                    let progress = progress_by_review.remove(&review.id).unwrap_or_default();
                    review.into_wire(progress)
                })
                .collect::<QueryResult<_>>()?,
            feedback: collect(feedback, FeedbackRow::into_wire)?,
            consents: collect(consents, ConsentRow::into_wire)?,
            access_grants: collect(grants, AccessGrantRow::into_wire)?,
            contributions: collect(contributions, ContributionRow::into_wire)?,
        }))
    }
}

fn collect<R, T>(rows: Vec<R>, convert: fn(R) -> QueryResult<T>) -> QueryResult<Vec<T>> {
    rows.into_iter().map(convert).collect()
}

/// Inserts whole plans (person, plan and every item) with one multi-row INSERT per table and
/// chunk, however many plans: the fast path for demo data and load-test seeding. Each agreed
/// version stores the document as its snapshot. Call inside a transaction.
pub fn insert_all(conn: &mut DbConnection, documents: &[PlanDocument]) -> QueryResult<usize> {
    use super::naive;
    let mut persons = Vec::new();
    let mut plans = Vec::new();
    let mut profiles = Vec::new();
    let mut findings = Vec::new();
    let mut goals = Vec::new();
    let mut goal_needs = Vec::new();
    let mut strategies = Vec::new();
    let mut risks = Vec::new();
    let mut wishes = Vec::new();
    let mut decisions = Vec::new();
    let mut signatures = Vec::new();
    let mut versions = Vec::new();
    let mut notes = Vec::new();
    let mut reviews = Vec::new();
    let mut review_progress = Vec::new();
    let mut feedback = Vec::new();
    let mut consents = Vec::new();
    let mut grants = Vec::new();
    let mut contributions = Vec::new();
    for doc in documents {
        let at = naive(doc.plan.created_at);
        let plan_id = doc.plan.id.to_string();
        persons.push(PersonRow::from_wire(&doc.person));
        plans.push(PlanRow {
            id: plan_id.clone(),
            person_id: doc.person.id.to_string(),
            status: doc.plan.status.key().to_owned(),
            current_version: doc.plan.current_version,
            row_version: doc.plan.row_version,
            created_at: at,
            updated_at: naive(doc.plan.updated_at),
        });
        profiles.push(ProfileRow::from_wire(&plan_id, &doc.profile, at));
        findings.extend(doc.findings.iter().map(|f| FindingRow::from_wire(f, at)));
        for goal in &doc.goals {
            goals.push(GoalRow::from_wire(goal, at));
            goal_needs.extend(goal.addresses.iter().map(|need| GoalNeedRow {
                goal_id: goal.id.to_string(),
                finding_id: need.to_string(),
            }));
        }
        strategies.extend(doc.strategies.iter().map(|s| StrategyRow::from_wire(s, at)));
        risks.extend(doc.risks.iter().map(|r| RiskPlanRow::from_wire(r, at)));
        wishes.extend(doc.wishes_not_met.iter().map(|w| WishRow::from_wire(w, at)));
        decisions.extend(doc.decisions.iter().map(|d| DecisionRow::from_wire(d, at)));
        if !doc.versions.is_empty() {
            let snapshot = serde_json::to_string(doc)
                .map_err(|error| diesel::result::Error::SerializationError(Box::new(error)))?;
            versions.extend(doc.versions.iter().map(|v| PlanVersionRow {
                id: v.id.to_string(),
                plan_id: plan_id.clone(),
                number: v.number,
                agreed_at: naive(v.agreed_at),
                agreed_by: v.agreed_by.map(|u| u.to_string()),
                change_summary: v.change_summary.clone(),
                document: snapshot.clone(),
            }));
        }
        signatures.extend(doc.signatures.iter().map(SignatureRow::from_wire));
        notes.extend(doc.progress_notes.iter().map(ProgressNoteRow::from_wire));
        for review in &doc.reviews {
            reviews.push(ReviewRow::from_wire(review, at));
            review_progress.extend(review.goal_progress.iter().map(|p| ReviewGoalProgressRow {
                review_id: review.id.to_string(),
                goal_id: p.goal_id.to_string(),
                progress: p.progress.clone(),
                own_words: p.own_words.clone(),
            }));
        }
        feedback.extend(doc.feedback.iter().map(FeedbackRow::from_wire));
        consents.extend(doc.consents.iter().map(ConsentRow::from_wire));
        grants.extend(doc.access_grants.iter().map(AccessGrantRow::from_wire));
        contributions.extend(doc.contributions.iter().map(ContributionRow::from_wire));
    }
    // Parents before children, so foreign keys hold at every step.
    let mut inserted = PersonRow::insert_all(conn, &persons)?;
    inserted += PlanRow::insert_all(conn, &plans)?;
    inserted += ProfileRow::insert_all(conn, &profiles)?;
    inserted += FindingRow::insert_all(conn, &findings)?;
    inserted += GoalRow::insert_all(conn, &goals)?;
    inserted += GoalNeedRow::insert_all(conn, &goal_needs)?;
    inserted += StrategyRow::insert_all(conn, &strategies)?;
    inserted += RiskPlanRow::insert_all(conn, &risks)?;
    inserted += WishRow::insert_all(conn, &wishes)?;
    inserted += DecisionRow::insert_all(conn, &decisions)?;
    inserted += PlanVersionRow::insert_all(conn, &versions)?;
    inserted += SignatureRow::insert_all(conn, &signatures)?;
    inserted += ProgressNoteRow::insert_all(conn, &notes)?;
    inserted += ReviewRow::insert_all(conn, &reviews)?;
    inserted += ReviewGoalProgressRow::insert_all(conn, &review_progress)?;
    inserted += FeedbackRow::insert_all(conn, &feedback)?;
    inserted += ConsentRow::insert_all(conn, &consents)?;
    inserted += AccessGrantRow::insert_all(conn, &grants)?;
    inserted += ContributionRow::insert_all(conn, &contributions)?;
    Ok(inserted)
}
