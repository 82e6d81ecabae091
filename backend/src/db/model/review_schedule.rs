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

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::{count, exists, not};
use diesel::prelude::*;
use ourplan_shared::programme::{PlanFacts, next_review_due};
use ourplan_shared::review::ReviewStatus;
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
pub fn refresh(conn: &mut DbConnection, plan_ids: &[String]) -> QueryResult<()> {
    for chunk in plan_ids.chunks(CHUNK) {
        let due = work_out(conn, chunk)?;
        store(conn, due)?;
    }
    Ok(())
}

/// The plan of one person, after their start day changed.
pub fn refresh_person(conn: &mut DbConnection, person_id: &str) -> QueryResult<()> {
    refresh_persons(conn, &[person_id.to_owned()])
}

/// The plans of these people, after their teams changed.
pub fn refresh_persons(conn: &mut DbConnection, person_ids: &[String]) -> QueryResult<()> {
    for chunk in person_ids.chunks(CHUNK) {
        let plan_ids: Vec<String> = plans::table
            .filter(plans::person_id.eq_any(chunk))
            .select(plans::id)
            .load(conn)?;
        refresh(conn, &plan_ids)?;
    }
    Ok(())
}

/// The plan a review belongs to, after the review moved on.
pub fn refresh_review(conn: &mut DbConnection, review_id: &str) -> QueryResult<()> {
    let plan_ids: Vec<String> = reviews::table
        .find(review_id)
        .select(reviews::plan_id)
        .load(conn)?;
    refresh(conn, &plan_ids)
}

/// The plan a version belongs to, after someone read it.
pub fn refresh_version(conn: &mut DbConnection, version_id: &str) -> QueryResult<()> {
    let plan_ids: Vec<String> = plan_versions::table
        .find(version_id)
        .select(plan_versions::plan_id)
        .load(conn)?;
    refresh(conn, &plan_ids)
}

/// The plans of the people on a team, after its members changed.
pub fn refresh_team(conn: &mut DbConnection, team_id: &str) -> QueryResult<()> {
    let plan_ids: Vec<String> = plans::table
        .inner_join(team_persons::table.on(team_persons::person_id.eq(plans::person_id)))
        .filter(team_persons::team_id.eq(team_id))
        .select(plans::id)
        .load(conn)?;
    refresh(conn, &plan_ids)
}

/// The plans of the people on a member of staff's teams, after their account was disabled
/// or enabled.
pub fn refresh_user(conn: &mut DbConnection, user_id: &str) -> QueryResult<()> {
    let plan_ids: Vec<String> = plans::table
        .inner_join(team_persons::table.on(team_persons::person_id.eq(plans::person_id)))
        .inner_join(team_members::table.on(team_members::team_id.eq(team_persons::team_id)))
        .filter(team_members::user_id.eq(user_id))
        .select(plans::id)
        .distinct()
        .load(conn)?;
    refresh(conn, &plan_ids)
}

/// Every plan of an organisation, after its review policy or time zone changed.
pub fn refresh_organisation(conn: &mut DbConnection, organisation_id: &str) -> QueryResult<()> {
    let plan_ids: Vec<String> = plans::table
        .inner_join(persons::table)
        .filter(persons::organisation_id.eq(organisation_id))
        .select(plans::id)
        .load(conn)?;
    refresh(conn, &plan_ids)
}

/// Plans without what is kept yet: those made before the columns existed. Run at start-up.
pub fn fill_in(conn: &mut DbConnection) -> QueryResult<usize> {
    let plan_ids: Vec<String> = plans::table
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Kept {
    due_on: NaiveDate,
    kind: &'static str,
    stage: Option<&'static str>,
    staff_not_read: i32,
}

/// What is kept of each plan in `plan_ids` (at most [`CHUNK`]), from four queries.
fn work_out(conn: &mut DbConnection, plan_ids: &[String]) -> QueryResult<Vec<(String, Kept)>> {
    let plans: Vec<(String, NaiveDate, i32, String)> = plans::table
        .inner_join(persons::table)
        .inner_join(organisations::table.on(organisations::id.eq(persons::organisation_id)))
        .filter(plans::id.eq_any(plan_ids))
        .select((
            plans::id,
            persons::support_started_on,
            organisations::review_interval_months,
            organisations::time_zone,
        ))
        .load(conn)?;
    let completed: HashMap<String, NaiveDateTime> = reviews::table
        .filter(reviews::plan_id.eq_any(plan_ids))
        .filter(reviews::status.eq(ReviewStatus::Completed.key()))
        .group_by(reviews::plan_id)
        .select((reviews::plan_id, diesel::dsl::max(reviews::completed_at)))
        .load::<(String, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(plan, at)| Some((plan, at?)))
        .collect();
    let open = ReviewRow::open_of_plans(conn, plan_ids)?;
    // Active staff on any of the person's teams without an acknowledgement of the version
    // agreed last, each counted once.
    let not_read: HashMap<String, i64> = plans::table
        .inner_join(team_persons::table.on(team_persons::person_id.eq(plans::person_id)))
        .inner_join(team_members::table.on(team_members::team_id.eq(team_persons::team_id)))
        .inner_join(users::table.on(users::id.eq(team_members::user_id)))
        .filter(plans::id.eq_any(plan_ids))
        .filter(plans::current_version.is_not_null())
        .filter(users::disabled_at.is_null())
        .filter(not(exists(
            plan_acknowledgements::table
                .inner_join(
                    plan_versions::table
                        .on(plan_versions::id.eq(plan_acknowledgements::plan_version_id)),
                )
                .filter(plan_versions::plan_id.eq(plans::id))
                .filter(plan_versions::number.nullable().eq(plans::current_version))
                .filter(plan_acknowledgements::user_id.eq(team_members::user_id)),
        )))
        .group_by(plans::id)
        .select((plans::id, count(team_members::user_id).aggregate_distinct()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(plans
        .into_iter()
        .map(|(plan, support_started_on, months, time_zone)| {
            let policy = OrganisationRow::policy_of(months);
            let facts = PlanFacts {
                support_started_on,
                // Not read by the rule; the programme reads it from the plan itself.
                current_version: None,
                last_review_on: completed
                    .get(&plan)
                    .map(|at| OrganisationRow::day_in(&time_zone, *at)),
                open_review: open.get(&plan).copied(),
                not_read_by: Vec::new(),
            };
            let ReviewDue { due_on, kind } = next_review_due(&facts, policy);
            let stage = facts.open_review.map(|(_, stage, _)| stage.key());
            let staff_not_read = not_read.get(&plan).copied().unwrap_or(0);
            let kept = Kept {
                due_on,
                kind: kind.key(),
                stage,
                staff_not_read: i32::try_from(staff_not_read).unwrap_or(i32::MAX),
            };
            (plan, kept)
        })
        .collect())
}

/// Writes what is kept, one UPDATE per distinct value rather than per plan.
fn store(conn: &mut DbConnection, kept: Vec<(String, Kept)>) -> QueryResult<()> {
    let mut groups: BTreeMap<Kept, Vec<String>> = BTreeMap::new();
    for (plan, kept) in kept {
        groups.entry(kept).or_default().push(plan);
    }
    for (kept, plan_ids) in groups {
        diesel::update(plans::table.filter(plans::id.eq_any(plan_ids)))
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
