//! The review programme's read model: everything about the plans on a manager's teams
//! in a fixed number of queries, however many people there are — each joins through the
//! teams, so no list of ids grows with the caseload.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::review::{ReviewKind, ReviewStatus};

use super::key;
use crate::db::DbConnection;
use crate::db::schema::{
    persons, plan_acknowledgements, plan_versions, plans, reviews, team_members, team_persons,
    teams, users,
};

/// One person on one of the teams, with their plan.
#[derive(Queryable)]
pub struct Entry {
    pub team_id: String,
    pub team_name: String,
    pub person_id: String,
    pub full_name: String,
    pub preferred_name: Option<String>,
    pub support_started_on: NaiveDate,
    pub key_worker: Option<String>,
    pub plan_id: String,
    pub plan_status: String,
    pub current_version: Option<i32>,
}

/// What the programme is worked out from.
pub struct Loaded {
    pub teams: Vec<(String, String)>,
    pub entries: Vec<Entry>,
    /// When each plan's last review was completed.
    pub last_completed: HashMap<String, NaiveDateTime>,
    /// Each plan's review under way.
    pub open_reviews: HashMap<String, (ReviewKind, ReviewStatus, NaiveDate)>,
    /// Staff on each team, by team: (user id, name).
    pub staff: HashMap<String, Vec<(String, String)>>,
    /// Who has read each plan's latest agreed version, by plan.
    pub read: HashMap<String, HashSet<String>>,
    /// Staff names by user id, for key workers.
    pub names: HashMap<String, String>,
}

/// Loads the programme for the teams `user_id` is on (or the one team asked for, if they are
/// on it): nine queries whatever the number of people.
pub fn load(conn: &mut DbConnection, user_id: &str, team: Option<&str>) -> QueryResult<Loaded> {
    let mut mine = team_members::table
        .inner_join(teams::table)
        .filter(team_members::user_id.eq(user_id))
        .select((teams::id, teams::name))
        .order(teams::name)
        .into_boxed();
    if let Some(team) = team {
        mine = mine.filter(teams::id.eq(team.to_owned()));
    }
    let team_rows: Vec<(String, String)> = mine.load(conn)?;
    let all_teams: Vec<(String, String)> = team_members::table
        .inner_join(teams::table)
        .filter(team_members::user_id.eq(user_id))
        .select((teams::id, teams::name))
        .order(teams::name)
        .load(conn)?;
    let ids: Vec<String> = team_rows.iter().map(|(id, _)| id.clone()).collect();

    let rows: Vec<Entry> = team_persons::table
        .inner_join(teams::table)
        .inner_join(persons::table)
        .inner_join(plans::table.on(plans::person_id.eq(team_persons::person_id)))
        .filter(team_persons::team_id.eq_any(&ids))
        .filter(persons::left_on.is_null())
        .select((
            teams::id,
            teams::name,
            persons::id,
            persons::full_name,
            persons::preferred_name,
            persons::support_started_on,
            team_persons::key_worker_user_id,
            plans::id,
            plans::status,
            plans::current_version,
        ))
        .order((teams::name, persons::full_name, persons::id))
        .load(conn)?;
    // Someone on two of the manager's teams is listed once, under the first.
    let mut seen = HashSet::new();
    let entries = rows
        .into_iter()
        .filter(|entry| seen.insert(entry.person_id.clone()))
        .collect();

    // The plans of the people on these teams, as a join every query below shares.
    let on_teams = || {
        team_persons::table
            .inner_join(plans::table.on(plans::person_id.eq(team_persons::person_id)))
            .filter(team_persons::team_id.eq_any(ids.clone()))
    };
    let completed: Vec<(String, Option<NaiveDateTime>)> = on_teams()
        .inner_join(reviews::table.on(reviews::plan_id.eq(plans::id)))
        .filter(reviews::status.eq(ReviewStatus::Completed.key()))
        .group_by(plans::id)
        .select((plans::id, diesel::dsl::max(reviews::completed_at)))
        .load(conn)?;
    let open: Vec<(String, String, String, NaiveDate)> = on_teams()
        .inner_join(reviews::table.on(reviews::plan_id.eq(plans::id)))
        .filter(reviews::status.ne(ReviewStatus::Completed.key()))
        .select((plans::id, reviews::kind, reviews::status, reviews::due_on))
        .load(conn)?;
    let mut open_reviews = HashMap::new();
    for (plan, kind, status, due_on) in open {
        open_reviews.insert(
            plan,
            (
                key(&kind, ReviewKind::from_key)?,
                key(&status, ReviewStatus::from_key)?,
                due_on,
            ),
        );
    }
    let read_rows: Vec<(String, String)> = on_teams()
        .inner_join(
            plan_versions::table.on(plan_versions::plan_id
                .eq(plans::id)
                .and(plans::current_version.eq(plan_versions::number.nullable()))),
        )
        .inner_join(
            plan_acknowledgements::table
                .on(plan_acknowledgements::plan_version_id.eq(plan_versions::id)),
        )
        .select((plans::id, plan_acknowledgements::user_id))
        .load(conn)?;
    let mut read: HashMap<String, HashSet<String>> = HashMap::new();
    for (plan, user) in read_rows {
        read.entry(plan).or_default().insert(user);
    }
    let staff_rows: Vec<(String, String, String)> = team_members::table
        .inner_join(users::table)
        .filter(team_members::team_id.eq_any(&ids))
        .filter(users::disabled_at.is_null())
        .select((team_members::team_id, users::id, users::display_name))
        .order(users::display_name)
        .load(conn)?;
    let mut staff: HashMap<String, Vec<(String, String)>> = HashMap::new();
    let mut names = HashMap::new();
    for (team, user, name) in staff_rows {
        names.insert(user.clone(), name.clone());
        staff.entry(team).or_default().push((user, name));
    }
    // Key workers who are not on the team itself still have a name.
    let key_workers: Vec<(String, String)> = on_teams()
        .inner_join(users::table.on(team_persons::key_worker_user_id.eq(users::id.nullable())))
        .select((users::id, users::display_name))
        .distinct()
        .load(conn)?;
    names.extend(key_workers);
    Ok(Loaded {
        teams: all_teams,
        entries,
        last_completed: completed
            .into_iter()
            .filter_map(|(plan, at)| at.map(|at| (plan, at)))
            .collect(),
        open_reviews,
        staff,
        read,
        names,
    })
}
