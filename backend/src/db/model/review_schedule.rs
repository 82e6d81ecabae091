//! Each plan's next review due, and the stage of a review under way, kept on the plan
//! (`plans.next_review_on`, `next_review_kind`, `review_stage`) so that the review programme
//! filters, counts, sorts and pages them in SQL (issue 25). The
//! date is the rule's own (`programme::next_review_due`: the review under way, else the first
//! review six weeks after support starts, else the last completed review plus the
//! organisation's months), worked out here from the stored facts. Every write that moves an
//! input calls [`refresh`] in its own transaction: a plan made, a review opened, moved on or
//! completed,
//! support's start day corrected, the organisation's policy or time zone changed.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::programme::{PlanFacts, next_review_due};
use ourplan_shared::review::ReviewStatus;
use ourplan_shared::timescale::ReviewDue;

use super::organisation::OrganisationRow;
use super::review::ReviewRow;
use crate::db::DbConnection;
use crate::db::schema::{organisations, persons, plans, reviews};

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
    let plan_ids: Vec<String> = plans::table
        .filter(plans::person_id.eq(person_id))
        .select(plans::id)
        .load(conn)?;
    refresh(conn, &plan_ids)
}

/// The plan a review belongs to, after the review moved on.
pub fn refresh_review(conn: &mut DbConnection, review_id: &str) -> QueryResult<()> {
    let plan_ids: Vec<String> = reviews::table
        .find(review_id)
        .select(reviews::plan_id)
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

/// Plans without a next review yet: those made before the column existed. Run at start-up.
pub fn fill_in(conn: &mut DbConnection) -> QueryResult<usize> {
    let plan_ids: Vec<String> = plans::table
        .filter(plans::next_review_on.is_null())
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
}

/// The next review of each plan in `plan_ids` (at most [`CHUNK`]), from three queries.
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
            let kept = Kept {
                due_on,
                kind: kind.key(),
                stage,
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
            ))
            .execute(conn)?;
    }
    Ok(())
}
