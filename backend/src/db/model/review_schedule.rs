//! What the review programme counts, kept on each plan so that it filters, counts, sorts and
//! pages in SQL (issue 25): the next review due (`plans.next_review_on`, `next_review_kind`),
//! the stage of a review under way (`review_stage`), and how many staff on the person's teams
//! have not read the latest agreed version (`staff_not_read`). The
//! date is the rule's own (`programme::next_review_due`: the review under way, else the first
//! review six weeks after support starts, else the last completed review plus the
//! organisation's months), worked out here from the stored facts. Every write that moves an
//! input calls [`refresh`] in its own transaction: a plan made, a review opened, moved on or
//! completed,
//! support's start day corrected, the organisation's policy or time zone changed.

use ourplan_shared::id::{
    OrganisationId, PersonId, PlanId, PlanVersionId, ReviewId, TeamId, UserId,
};
use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::programme::{PlanFacts, next_review_due};
use ourplan_shared::review::{ReviewKind, ReviewStatus};
use ourplan_shared::timescale::ReviewDue;

use super::organisation::OrganisationRow;
use super::review::ReviewRow;
use crate::db::DbConnection;
use crate::db::schema::{
    organisations, persons, plan_acknowledgements, plan_versions, plans, reviews, team_members,
    team_persons, users,
};

/// Plans worked out per round of queries; keeps `IN (…)` lists well inside SQLite's limits.
const CHUNK: usize = 500;

/// Works out and stores the next review of these plans.
pub fn refresh(conn: &mut DbConnection, plan_ids: &[PlanId]) -> QueryResult<()> {
    for chunk in plan_ids.chunks(CHUNK) {
        let due = work_out(conn, chunk)?;
        store(conn, due)?;
    }
    Ok(())
}

/// The plan of one person, after their start day changed.
pub fn refresh_person(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<()> {
    refresh_persons(conn, &[person_id])
}

/// The plans of these people, after their teams changed.
pub fn refresh_persons(conn: &mut DbConnection, person_ids: &[PersonId]) -> QueryResult<()> {
    for chunk in person_ids.chunks(CHUNK) {
        let plan_ids: Vec<PlanId> = plans::table
            .filter(plans::person_id.eq_any(chunk))
            .select(plans::id)
            .load(conn)?;
        refresh(conn, &plan_ids)?;
    }
    Ok(())
}

/// The plan a review belongs to, after the review moved on.
pub fn refresh_review(conn: &mut DbConnection, review_id: ReviewId) -> QueryResult<()> {
    let plan_ids: Vec<PlanId> = reviews::table
        .find(review_id)
        .select(reviews::plan_id)
        .load(conn)?;
    refresh(conn, &plan_ids)
}

/// The plan a version belongs to, after someone read it.
pub fn refresh_version(conn: &mut DbConnection, version_id: PlanVersionId) -> QueryResult<()> {
    let plan_ids: Vec<PlanId> = plan_versions::table
        .find(version_id)
        .select(plan_versions::plan_id)
        .load(conn)?;
    refresh(conn, &plan_ids)
}

/// The plans of the people on a team, after its members changed.
pub fn refresh_team(conn: &mut DbConnection, team_id: TeamId) -> QueryResult<()> {
    let plan_ids: Vec<PlanId> = plans::table
        .inner_join(team_persons::table.on(team_persons::person_id.eq(plans::person_id)))
        .filter(team_persons::team_id.eq(team_id))
        .select(plans::id)
        .load(conn)?;
    refresh(conn, &plan_ids)
}

/// The plans of the people on a member of staff's teams, after their account was disabled
/// or enabled.
pub fn refresh_user(conn: &mut DbConnection, user_id: UserId) -> QueryResult<()> {
    let teams: Vec<String> = team_members::table
        .filter(team_members::user_id.eq(user_id))
        .select(team_members::team_id)
        .load(conn)?;
    let mut persons: Vec<PersonId> = team_persons::table
        .filter(team_persons::team_id.eq_any(&teams))
        .select(team_persons::person_id)
        .load(conn)?;
    persons.sort_unstable();
    persons.dedup();
    refresh_persons(conn, &persons)
}

/// Every plan of an organisation, after its review policy or time zone changed.
pub fn refresh_organisation(
    conn: &mut DbConnection,
    organisation_id: OrganisationId,
) -> QueryResult<()> {
    let plan_ids: Vec<PlanId> = plans::table
        .inner_join(persons::table)
        .filter(persons::organisation_id.eq(organisation_id))
        .select(plans::id)
        .load(conn)?;
    refresh(conn, &plan_ids)
}

/// Plans without what is kept yet: those made before the columns existed. Run at start-up.
pub fn fill_in(conn: &mut DbConnection) -> QueryResult<usize> {
    let plan_ids: Vec<PlanId> = plans::table
        .filter(
            plans::next_review_on
                .is_null()
                .or(plans::staff_not_read.is_null()),
        )
        .select(plans::id)
        .load(conn)?;
    refresh(conn, &plan_ids)?;
    Ok(plan_ids.len())
}

/// What is kept on a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Kept {
    due_on: NaiveDate,
    kind: ReviewKind,
    stage: Option<ReviewStatus>,
    staff_not_read: i32,
}

/// What is kept of each plan in `plan_ids` (at most [`CHUNK`]). Each query is driven by the
/// ids it is given and reads by an index whatever the planner knows: this runs inside the
/// writes of every request and of a seed of 10,000 people, often before any statistics exist.
fn work_out(conn: &mut DbConnection, plan_ids: &[PlanId]) -> QueryResult<Vec<(PlanId, Kept)>> {
    let plans: Vec<(PlanId, PersonId, Option<i32>)> = plans::table
        .filter(plans::id.eq_any(plan_ids))
        .select((plans::id, plans::person_id, plans::current_version))
        .load(conn)?;
    let person_ids: Vec<PersonId> = plans.iter().map(|(_, person, _)| *person).collect();
    let persons: HashMap<PersonId, (NaiveDate, OrganisationId)> = persons::table
        .filter(persons::id.eq_any(&person_ids))
        .select((
            persons::id,
            persons::support_started_on,
            persons::organisation_id,
        ))
        .load::<(PersonId, NaiveDate, OrganisationId)>(conn)?
        .into_iter()
        .map(|(id, started, organisation)| (id, (started, organisation)))
        .collect();
    let mut organisation_ids: Vec<OrganisationId> = persons.values().map(|(_, o)| *o).collect();
    organisation_ids.sort_unstable();
    organisation_ids.dedup();
    let organisations: HashMap<OrganisationId, (i32, String)> = organisations::table
        .filter(organisations::id.eq_any(&organisation_ids))
        .select((
            organisations::id,
            organisations::review_interval_months,
            organisations::time_zone,
        ))
        .load::<(OrganisationId, i32, String)>(conn)?
        .into_iter()
        .map(|(id, months, zone)| (id, (months, zone)))
        .collect();
    let completed: HashMap<PlanId, NaiveDateTime> = reviews::table
        .filter(reviews::plan_id.eq_any(plan_ids))
        .filter(reviews::status.eq(ReviewStatus::Completed))
        .group_by(reviews::plan_id)
        .select((reviews::plan_id, diesel::dsl::max(reviews::completed_at)))
        .load::<(PlanId, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(plan, at)| Some((plan, at?)))
        .collect();
    let open = ReviewRow::open_of_plans(conn, plan_ids)?;
    let not_read = staff_not_read(conn, &plans)?;
    let mut kept = Vec::with_capacity(plans.len());
    for (plan, person, _) in plans {
        let Some((support_started_on, organisation)) = persons.get(&person) else {
            continue;
        };
        let Some((months, time_zone)) = organisations.get(organisation) else {
            continue;
        };
        let facts = PlanFacts {
            support_started_on: *support_started_on,
            // Not read by the rule; the programme reads it from the plan itself.
            current_version: None,
            last_review_on: completed
                .get(&plan)
                .map(|at| OrganisationRow::day_in(time_zone, *at)),
            open_review: open.get(&plan).copied(),
            not_read_by: Vec::new(),
        };
        let ReviewDue { due_on, kind } =
            next_review_due(&facts, OrganisationRow::policy_of(*months));
        let staff_not_read = not_read.get(&plan).copied().unwrap_or(0);
        let stage = facts.open_review.map(|(_, stage, _)| stage);
        kept.push((
            plan,
            Kept {
                due_on,
                kind,
                stage,
                staff_not_read: i32::try_from(staff_not_read).unwrap_or(i32::MAX),
            },
        ));
    }
    Ok(kept)
}

/// For each agreed plan of `(plan, person, current version)`: how many active staff on any of
/// the person's teams have not acknowledged the current version, each counted once.
fn staff_not_read(
    conn: &mut DbConnection,
    plans: &[(PlanId, PersonId, Option<i32>)],
) -> QueryResult<HashMap<PlanId, usize>> {
    let agreed: Vec<(PlanId, PersonId, i32)> = plans
        .iter()
        .filter_map(|(plan, person, version)| Some((*plan, *person, (*version)?)))
        .collect();
    if agreed.is_empty() {
        return Ok(HashMap::new());
    }
    let person_ids: Vec<PersonId> = agreed.iter().map(|(_, person, _)| *person).collect();
    let mut teams_of: HashMap<PersonId, Vec<String>> = HashMap::new();
    let memberships: Vec<(PersonId, String)> = team_persons::table
        .filter(team_persons::person_id.eq_any(&person_ids))
        .select((team_persons::person_id, team_persons::team_id))
        .load(conn)?;
    for (person, team) in memberships {
        teams_of.entry(person).or_default().push(team);
    }
    let mut team_ids: Vec<&str> = teams_of.values().flatten().map(String::as_str).collect();
    team_ids.sort_unstable();
    team_ids.dedup();
    let members: Vec<(String, String)> = team_members::table
        .filter(team_members::team_id.eq_any(&team_ids))
        .select((team_members::team_id, team_members::user_id))
        .load(conn)?;
    let member_ids: Vec<&str> = members.iter().map(|(_, user)| user.as_str()).collect();
    let disabled: HashSet<String> = users::table
        .filter(users::id.eq_any(&member_ids))
        .filter(users::disabled_at.is_not_null())
        .select(users::id)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let mut staff_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for (team, user) in &members {
        if !disabled.contains(user) {
            staff_of
                .entry(team.as_str())
                .or_default()
                .push(user.as_str());
        }
    }
    let plan_ids: Vec<PlanId> = agreed.iter().map(|(plan, _, _)| *plan).collect();
    let versions: Vec<(PlanId, i32, String)> = plan_versions::table
        .filter(plan_versions::plan_id.eq_any(&plan_ids))
        .select((
            plan_versions::plan_id,
            plan_versions::number,
            plan_versions::id,
        ))
        .load(conn)?;
    let current: HashMap<PlanId, &str> = versions
        .iter()
        .filter(|(plan, number, _)| {
            agreed
                .iter()
                .any(|(p, _, version)| p == plan && version == number)
        })
        .map(|(plan, _, id)| (*plan, id.as_str()))
        .collect();
    let version_ids: Vec<&str> = current.values().copied().collect();
    let read: HashSet<(String, String)> = plan_acknowledgements::table
        .filter(plan_acknowledgements::plan_version_id.eq_any(&version_ids))
        .select((
            plan_acknowledgements::plan_version_id,
            plan_acknowledgements::user_id,
        ))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let mut counts = HashMap::new();
    for (plan, person, _) in agreed {
        let version = current.get(&plan).copied().unwrap_or_default();
        let staff: HashSet<&str> = teams_of
            .get(&person)
            .into_iter()
            .flatten()
            .filter_map(|team| staff_of.get(team.as_str()))
            .flatten()
            .copied()
            .collect();
        let unread = staff
            .into_iter()
            .filter(|user| !read.contains(&(version.to_owned(), (*user).to_owned())))
            .count();
        counts.insert(plan, unread);
    }
    Ok(counts)
}

/// Writes what is kept, a plan at a time: SQLite scans the whole table for an UPDATE whose
/// WHERE is an `IN` list of keys, but finds one key by its index.
fn store(conn: &mut DbConnection, kept: Vec<(PlanId, Kept)>) -> QueryResult<()> {
    for (plan, kept) in kept {
        diesel::update(plans::table.find(plan))
            .set((
                plans::next_review_on.eq(kept.due_on),
                plans::next_review_kind.eq(kept.kind),
                plans::review_stage.eq(kept.stage),
                plans::staff_not_read.eq(kept.staff_not_read),
            ))
            .execute(conn)?;
    }
    Ok(())
}
