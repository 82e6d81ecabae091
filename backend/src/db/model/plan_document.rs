//! Loading a whole plan: one query per table, never one per goal, so the cost of a read does
//! not grow with the plan's size.

use std::collections::HashMap;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use ourplan_shared::id::{FindingId, GoalId, OrganisationId, PersonId, PlanId, ReviewId};
use ourplan_shared::organisation::TeamMember;
use ourplan_shared::plan::{PlanDocument, PlanVersionSummary, Profile};

use super::access_grant::AccessGrantRow;
use super::consent::ConsentRow;
use super::contribution::ContributionRow;
use super::decision::DecisionRow;
use super::feedback::FeedbackRow;
use super::finding::FindingRow;
use super::goal::{GoalNeedRow, GoalRow};
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
pub fn load(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<Option<PlanDocument>> {
    conn.transaction(|conn| {
        if let DbConnection::Postgres(pg) = conn {
            pg.batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        }
        load_within(conn, person_id)
    })
}

/// The same, inside a transaction the caller holds (a write that snapshots the plan).
pub fn load_within(
    conn: &mut DbConnection,
    person_id: PersonId,
) -> QueryResult<Option<PlanDocument>> {
    let Some(person) = PersonRow::find(conn, person_id)? else {
        return Ok(None);
    };
    let Some(plan) = PlanRow::for_person(conn, person_id)? else {
        return Ok(None);
    };
    let plan_id = plan.id;
    let parts = Parts {
        team: TeamPersonRow::team_for_person(conn, person_id)?,
        profile: ProfileRow::for_plan(conn, plan_id)?,
        headings: NeedsHeadingRow::for_organisation(conn, person.organisation_id)?,
        findings: FindingRow::for_plan(conn, plan_id)?,
        goals: GoalRow::for_plan(conn, plan_id)?,
        goal_needs: GoalNeedRow::for_plan(conn, plan_id)?,
        strategies: StrategyRow::for_plan(conn, plan_id)?,
        risks: RiskPlanRow::for_plan(conn, plan_id)?,
        wishes: WishRow::for_plan(conn, plan_id)?,
        decisions: DecisionRow::for_plan(conn, plan_id)?,
        signatures: SignatureRow::for_plan(conn, plan_id)?,
        versions: PlanVersionRow::summaries(conn, plan_id)?,
        progress_notes: ProgressNoteRow::for_plan(conn, plan_id)?,
        reviews: ReviewRow::for_plan(conn, plan_id)?,
        review_progress: ReviewGoalProgressRow::for_plan(conn, plan_id)?,
        feedback: FeedbackRow::for_plan(conn, plan_id)?,
        consents: ConsentRow::for_person(conn, person_id)?,
        grants: AccessGrantRow::for_person(conn, person_id)?,
        contributions: ContributionRow::for_plan(conn, plan_id)?,
        person,
        plan,
    };
    parts.assemble().map(Some)
}

/// How many plans [`load_many`] reads per round of queries.
pub const BATCH: usize = 250;

/// The current plans of many people (those who have one), in the order given, read
/// [`BATCH`] at a time with the same queries as [`load`] each covering the whole batch:
/// [`QUERIES_PER_PLAN`] queries per batch rather than per plan. Each batch is one snapshot.
pub fn load_many(
    conn: &mut DbConnection,
    person_ids: &[PersonId],
) -> QueryResult<Vec<PlanDocument>> {
    let mut documents = Vec::with_capacity(person_ids.len());
    for batch in person_ids.chunks(BATCH) {
        documents.extend(conn.transaction(|conn| {
            if let DbConnection::Postgres(pg) = conn {
                pg.batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
            }
            load_batch(conn, batch)
        })?);
    }
    Ok(documents)
}

fn load_batch(conn: &mut DbConnection, person_ids: &[PersonId]) -> QueryResult<Vec<PlanDocument>> {
    let mut persons: HashMap<PersonId, PersonRow> = PersonRow::find_all(conn, person_ids)?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let mut plans: HashMap<PersonId, PlanRow> = PlanRow::for_persons(conn, person_ids)?
        .into_iter()
        .map(|row| (row.person_id, row))
        .collect();
    let plan_ids: Vec<PlanId> = plans.values().map(|plan| plan.id).collect();
    let ids = plan_ids.as_slice();
    let mut teams = TeamPersonRow::teams_for_persons(conn, person_ids)?;
    let mut profiles: HashMap<PlanId, ProfileRow> = ProfileRow::for_plans(conn, ids)?
        .into_iter()
        .map(|row| (row.plan_id, row))
        .collect();
    let mut headings: HashMap<OrganisationId, Vec<NeedsHeadingRow>> = HashMap::new();
    for person in persons.values() {
        if let std::collections::hash_map::Entry::Vacant(e) = headings.entry(person.organisation_id)
        {
            let rows = NeedsHeadingRow::for_organisation(conn, person.organisation_id)?;
            e.insert(rows);
        }
    }
    let mut findings = by_key(FindingRow::for_plans(conn, ids)?, |r| &r.plan_id);
    let mut goals = by_key(GoalRow::for_plans(conn, ids)?, |r| &r.plan_id);
    let mut goal_needs = by_first(GoalNeedRow::for_plans(conn, ids)?);
    let mut strategies = by_key(StrategyRow::for_plans(conn, ids)?, |r| &r.plan_id);
    let mut risks = by_key(RiskPlanRow::for_plans(conn, ids)?, |r| &r.plan_id);
    let mut wishes = by_key(WishRow::for_plans(conn, ids)?, |r| &r.plan_id);
    let mut decisions = by_key(DecisionRow::for_plans(conn, ids)?, |r| &r.plan_id);
    let mut signatures = by_key(SignatureRow::for_plans(conn, ids)?, |r| &r.plan_id);
    let mut versions = by_first(PlanVersionRow::summaries_for_plans(conn, ids)?);
    let mut notes = by_key(ProgressNoteRow::for_plans(conn, ids)?, |r| &r.plan_id);
    let mut reviews = by_key(ReviewRow::for_plans(conn, ids)?, |r| &r.plan_id);
    let mut review_progress = by_first(ReviewGoalProgressRow::for_plans(conn, ids)?);
    let mut feedback = by_key(FeedbackRow::for_plans(conn, ids)?, |r| &r.plan_id);
    let mut consents = by_key(ConsentRow::for_persons(conn, person_ids)?, |r| &r.person_id);
    let mut grants = by_key(AccessGrantRow::for_persons(conn, person_ids)?, |r| {
        &r.person_id
    });
    let mut contributions = by_key(ContributionRow::for_plans(conn, ids)?, |r| &r.plan_id);

    let mut documents = Vec::with_capacity(person_ids.len());
    for person_id in person_ids {
        let (Some(person), Some(plan)) = (persons.remove(person_id), plans.remove(person_id))
        else {
            continue;
        };
        let plan_id = plan.id;
        let parts = Parts {
            team: teams.remove(person_id).unwrap_or_default(),
            profile: profiles.remove(&plan_id),
            headings: headings
                .get(&person.organisation_id)
                .cloned()
                .unwrap_or_default(),
            findings: findings.remove(&plan_id).unwrap_or_default(),
            goals: goals.remove(&plan_id).unwrap_or_default(),
            goal_needs: goal_needs.remove(&plan_id).unwrap_or_default(),
            strategies: strategies.remove(&plan_id).unwrap_or_default(),
            risks: risks.remove(&plan_id).unwrap_or_default(),
            wishes: wishes.remove(&plan_id).unwrap_or_default(),
            decisions: decisions.remove(&plan_id).unwrap_or_default(),
            signatures: signatures.remove(&plan_id).unwrap_or_default(),
            versions: versions.remove(&plan_id).unwrap_or_default(),
            progress_notes: notes.remove(&plan_id).unwrap_or_default(),
            reviews: reviews.remove(&plan_id).unwrap_or_default(),
            review_progress: review_progress.remove(&plan_id).unwrap_or_default(),
            feedback: feedback.remove(&plan_id).unwrap_or_default(),
            consents: consents.remove(person_id).unwrap_or_default(),
            grants: grants.remove(person_id).unwrap_or_default(),
            contributions: contributions.remove(&plan_id).unwrap_or_default(),
            person,
            plan,
        };
        documents.push(parts.assemble()?);
    }
    Ok(documents)
}

/// Rows grouped by a key, each group in the order the rows came.
fn by_key<K, R>(rows: Vec<R>, key: impl Fn(&R) -> &K) -> HashMap<K, Vec<R>>
where
    K: Clone + Eq + std::hash::Hash,
{
    let mut groups: HashMap<K, Vec<R>> = HashMap::new();
    for row in rows {
        groups.entry(key(&row).clone()).or_default().push(row);
    }
    groups
}

/// Rows that come with their plan's id, grouped by it.
fn by_first<K: Eq + std::hash::Hash, R>(rows: Vec<(K, R)>) -> HashMap<K, Vec<R>> {
    let mut groups: HashMap<K, Vec<R>> = HashMap::new();
    for (key, row) in rows {
        groups.entry(key).or_default().push(row);
    }
    groups
}

/// One plan's rows, as read, before they become the document.
struct Parts {
    person: PersonRow,
    plan: PlanRow,
    team: Vec<TeamMember>,
    profile: Option<ProfileRow>,
    headings: Vec<NeedsHeadingRow>,
    findings: Vec<FindingRow>,
    goals: Vec<GoalRow>,
    goal_needs: Vec<GoalNeedRow>,
    strategies: Vec<StrategyRow>,
    risks: Vec<RiskPlanRow>,
    wishes: Vec<WishRow>,
    decisions: Vec<DecisionRow>,
    signatures: Vec<SignatureRow>,
    versions: Vec<PlanVersionSummary>,
    progress_notes: Vec<ProgressNoteRow>,
    reviews: Vec<ReviewRow>,
    review_progress: Vec<ReviewGoalProgressRow>,
    feedback: Vec<FeedbackRow>,
    consents: Vec<ConsentRow>,
    grants: Vec<AccessGrantRow>,
    contributions: Vec<ContributionRow>,
}

impl Parts {
    fn assemble(self) -> QueryResult<PlanDocument> {
        let profile = match self.profile {
            Some(row) => row.into_wire()?,
            None => Profile {
                plan_id: Some(self.plan.id),
                row_version: 1,
                ..Profile::default()
            },
        };
        let mut needs_by_goal: HashMap<GoalId, Vec<FindingId>> = HashMap::new();
        for link in self.goal_needs {
            needs_by_goal
                .entry(link.goal_id)
                .or_default()
                .push(link.finding_id);
        }
        let mut progress_by_review: HashMap<ReviewId, Vec<ReviewGoalProgressRow>> = HashMap::new();
        for row in self.review_progress {
            progress_by_review
                .entry(row.review_id)
                .or_default()
                .push(row);
        }
        Ok(PlanDocument {
            person: self.person.into_wire()?,
            plan: self.plan.into_wire()?,
            team: self.team,
            profile,
            headings: collect(self.headings, NeedsHeadingRow::into_wire)?,
            findings: collect(self.findings, FindingRow::into_wire)?,
            goals: self
                .goals
                .into_iter()
                .map(|goal| {
                    let needs = needs_by_goal.remove(&goal.id).unwrap_or_default();
                    goal.into_wire(needs)
                })
                .collect::<QueryResult<_>>()?,
            strategies: collect(self.strategies, StrategyRow::into_wire)?,
            risks: collect(self.risks, RiskPlanRow::into_wire)?,
            wishes_not_met: collect(self.wishes, WishRow::into_wire)?,
            decisions: collect(self.decisions, DecisionRow::into_wire)?,
            signatures: collect(self.signatures, SignatureRow::into_wire)?,
            versions: self.versions,
            progress_notes: collect(self.progress_notes, ProgressNoteRow::into_wire)?,
            reviews: self
                .reviews
                .into_iter()
                .map(|review| {
                    let progress = progress_by_review.remove(&review.id).unwrap_or_default();
                    review.into_wire(progress)
                })
                .collect::<QueryResult<_>>()?,
            feedback: collect(self.feedback, FeedbackRow::into_wire)?,
            consents: collect(self.consents, ConsentRow::into_wire)?,
            access_grants: collect(self.grants, AccessGrantRow::into_wire)?,
            contributions: collect(self.contributions, ContributionRow::into_wire)?,
            next_review: None,
        })
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
        let plan_id = doc.plan.id;
        persons.push(PersonRow::from_wire(&doc.person));
        plans.push(PlanRow {
            id: plan_id,
            person_id: doc.person.id,
            status: doc.plan.status,
            current_version: doc.plan.current_version,
            row_version: doc.plan.row_version,
            created_at: at,
            updated_at: naive(doc.plan.updated_at),
        });
        profiles.push(ProfileRow::from_wire(plan_id, &doc.profile, at));
        findings.extend(doc.findings.iter().map(|f| FindingRow::from_wire(f, at)));
        for goal in &doc.goals {
            goals.push(GoalRow::from_wire(goal, at));
            goal_needs.extend(goal.addresses.iter().map(|need| GoalNeedRow {
                goal_id: goal.id,
                finding_id: *need,
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
                id: v.id,
                plan_id,
                number: v.number,
                agreed_at: naive(v.agreed_at),
                agreed_by: v.agreed_by,
                change_summary: v.change_summary.clone(),
                document: snapshot.clone(),
            }));
        }
        signatures.extend(doc.signatures.iter().map(SignatureRow::from_wire));
        notes.extend(doc.progress_notes.iter().map(ProgressNoteRow::from_wire));
        for review in &doc.reviews {
            reviews.push(ReviewRow::from_wire(review, at));
            review_progress.extend(review.goal_progress.iter().map(|p| ReviewGoalProgressRow {
                review_id: review.id,
                goal_id: p.goal_id,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{DatabaseUrl, connection::Manager, migration};

    /// Reading plans in batches gives exactly the documents read one by one, in the order
    /// asked, across batches, and skips an id without a plan.
    #[test]
    fn a_batch_reads_the_same_documents_as_one_at_a_time() {
        let dir = std::env::temp_dir().join(format!("ourplan-load-many-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = DatabaseUrl::Sqlite(dir.join("test.db"));
        let mut conn = Manager::new(url).establish().unwrap();
        migration::run_pending(&mut conn).unwrap();
        crate::demo::seed_if_empty(&mut conn).unwrap();
        crate::demo::seed_people(&mut conn, BATCH + 3).unwrap();
        let mut people: Vec<PersonId> = crate::db::schema::persons::table
            .select(crate::db::schema::persons::id)
            .order(crate::db::schema::persons::full_name)
            .load(&mut conn)
            .unwrap();
        // Someone nobody has admitted reads as nothing, in a batch as alone.
        people.insert(1, crate::db::model::fresh_id());
        let one_by_one: Vec<PlanDocument> = people
            .iter()
            .filter_map(|person| load(&mut conn, *person).unwrap())
            .collect();
        assert_eq!(one_by_one.len(), BATCH + 5, "the demo's two and the seeded");
        assert_eq!(load_many(&mut conn, &people).unwrap(), one_by_one);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
