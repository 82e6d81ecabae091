//! The review programme's read model. The page the manager sees is counted, filtered,
//! sorted and paged in SQL ([`counts`], [`page`]) from each plan's stored next review
//! (`review_schedule`), then only that page's details are read ([`details`]): one page costs
//! the same with 50 people or 10,000. [`load`] reads everything at once, for the daily digest.

use ourplan_shared::id::{PersonId, PlanId, TeamId, UserId};
use ourplan_shared::plan::PlanStatus;
use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::review::{ReviewKind, ReviewStatus};

use diesel::dsl::{case_when, count_star, exists, not, sum};
use diesel::sql_types::Integer;
use ourplan_shared::programme::{Attention, ProgrammeSort};
use ourplan_shared::timescale::{due_soon_until, plan_missing_before};

use crate::db::DbConnection;
use crate::db::schema::{
    persons, plan_acknowledgements, plan_versions, plans, reviews, team_members, team_persons,
    teams, users,
};

diesel::define_sql_function! {
    /// SQL `coalesce()` of an optional name and a name.
    fn coalesce(first: diesel::sql_types::Nullable<diesel::sql_types::Text>, second: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// Whose plans, and the day the attention is worked out for.
pub struct Scope {
    /// The manager whose teams are shown.
    pub manager: UserId,
    /// One of their teams, or (`None`) all of them.
    pub team: Option<TeamId>,
    /// Someone is on two of the teams shown: each person is then listed once, under the
    /// first of their teams by name (see [`overlap`]).
    pub overlap: bool,
    pub today: NaiveDate,
}

impl Scope {
    fn due_soon_until(&self) -> NaiveDate {
        due_soon_until(self.today)
    }

    fn plan_missing_before(&self) -> NaiveDate {
        plan_missing_before(self.today)
    }
}

/// Whether anyone is on two of `manager`'s teams. Asked first, because listing such people
/// once costs a subquery per row, and most organisations have nobody to list twice.
pub fn overlap(conn: &mut DbConnection, manager: UserId) -> QueryResult<bool> {
    let (other, mine, other_mine) = diesel::alias!(
        team_persons as other,
        team_members as mine,
        team_members as other_mine
    );
    let found: Option<String> = team_persons::table
        .inner_join(
            mine.on(mine
                .field(team_members::team_id)
                .eq(team_persons::team_id)
                .and(mine.field(team_members::user_id).eq(manager.to_owned()))),
        )
        .inner_join(
            other.on(other
                .field(team_persons::person_id)
                .eq(team_persons::person_id)
                .and(other.field(team_persons::team_id).ne(team_persons::team_id))),
        )
        .inner_join(
            other_mine.on(other_mine
                .field(team_members::team_id)
                .eq(other.field(team_persons::team_id))
                .and(
                    other_mine
                        .field(team_members::user_id)
                        .eq(manager.to_owned()),
                )),
        )
        .select(team_persons::person_id)
        .first(conn)
        .optional()?;
    Ok(found.is_some())
}

/// The people listed: on the teams shown (joined through the manager's own membership, not a
/// list of ids) and still supported, each once.
macro_rules! listed {
    ($scope:expr) => {{
        let scope: &Scope = $scope;
        // Two aliases of one table must come from one `alias!`.
        let (mine, other, other_team, other_mine) = diesel::alias!(
            team_members as mine,
            team_persons as other,
            teams as other_team,
            team_members as other_mine
        );
        let mut query = team_persons::table
            .inner_join(teams::table)
            .inner_join(persons::table)
            .inner_join(plans::table.on(plans::person_id.eq(team_persons::person_id)))
            .inner_join(
                mine.on(mine
                    .field(team_members::team_id)
                    .eq(team_persons::team_id)
                    .and(mine.field(team_members::user_id).eq(scope.manager.clone()))),
            )
            .filter(persons::left_on.is_null())
            .into_boxed();
        if let Some(team) = &scope.team {
            query = query.filter(team_persons::team_id.eq(team.clone()));
        } else if scope.overlap {
            query = query.filter(not(exists(
                other
                    .inner_join(
                        other_team.on(other_team
                            .field(teams::id)
                            .eq(other.field(team_persons::team_id))),
                    )
                    .inner_join(
                        other_mine.on(other_mine
                            .field(team_members::team_id)
                            .eq(other.field(team_persons::team_id))
                            .and(
                                other_mine
                                    .field(team_members::user_id)
                                    .eq(scope.manager.clone()),
                            )),
                    )
                    .filter(
                        other
                            .field(team_persons::person_id)
                            .eq(team_persons::person_id),
                    )
                    .filter(
                        other_team.field(teams::name).lt(teams::name).or(other_team
                            .field(teams::name)
                            .eq(teams::name)
                            .and(other_team.field(teams::id).lt(teams::id))),
                    ),
            )));
        }
        query
    }};
}

/// Waiting for Part 2 (false, not unknown, when no review is under way).
macro_rules! waiting {
    () => {
        plans::review_stage
            .is_not_null()
            .and(plans::review_stage.eq(ReviewStatus::AwaitingPartTwo))
    };
}

/// Each kind of attention as SQL, saying what `programme::attention` says.
macro_rules! needs {
    ($scope:expr, PlanMissing) => {
        plans::current_version
            .is_null()
            .and(persons::support_started_on.lt($scope.plan_missing_before()))
    };
    ($scope:expr, FirstReviewDue) => {
        not(waiting!())
            .and(plans::next_review_kind.eq(ReviewKind::First))
            .and(plans::next_review_on.le($scope.due_soon_until()))
    };
    ($scope:expr, Overdue) => {
        not(waiting!()).and(plans::next_review_on.lt($scope.today))
    };
    ($scope:expr, DueSoon) => {
        not(waiting!())
            .and(plans::next_review_on.ge($scope.today))
            .and(plans::next_review_on.le($scope.due_soon_until()))
    };
    ($scope:expr, PartTwoWaiting) => {
        waiting!()
    };
    // Someone on the person's teams has not read the latest agreed version (kept on the
    // plan by `review_schedule`).
    ($scope:expr, NotRead) => {
        plans::staff_not_read.gt(0)
    };
}

/// 1 for a row that needs this kind of attention, for summing.
macro_rules! one_if {
    ($scope:expr, $kind:ident) => {
        sum(case_when(needs!($scope, $kind), 1.into_sql::<Integer>())
            .otherwise(0.into_sql::<Integer>()))
    };
}

/// `COUNT(*)`, then a `SUM` per kind of attention (none when nobody is listed).
type Counted = (
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

/// Everyone listed, and how many need each kind of attention (in `Attention::ALL`'s order):
/// one aggregate query.
pub fn counts(conn: &mut DbConnection, scope: &Scope) -> QueryResult<(usize, [usize; 6])> {
    let (people, missing, first, overdue, soon, waiting, not_read): Counted = listed!(scope)
        .select((
            count_star(),
            one_if!(scope, PlanMissing),
            one_if!(scope, FirstReviewDue),
            one_if!(scope, Overdue),
            one_if!(scope, DueSoon),
            one_if!(scope, PartTwoWaiting),
            one_if!(scope, NotRead),
        ))
        .first(conn)?;
    let size = |n: Option<i64>| usize::try_from(n.unwrap_or(0)).unwrap_or(0);
    Ok((
        size(Some(people)),
        [missing, first, overdue, soon, waiting, not_read].map(size),
    ))
}

/// Who has read each plan's latest agreed version, by plan; a few hundred plans a query.
fn read_by(
    conn: &mut DbConnection,
    plan_ids: &[PlanId],
) -> QueryResult<HashMap<PlanId, HashSet<UserId>>> {
    let mut read: HashMap<PlanId, HashSet<UserId>> = HashMap::new();
    for chunk in plan_ids.chunks(500) {
        let rows: Vec<(PlanId, UserId)> = plans::table
            .inner_join(
                plan_versions::table.on(plan_versions::plan_id
                    .eq(plans::id)
                    .and(plans::current_version.eq(plan_versions::number.nullable()))),
            )
            .inner_join(
                plan_acknowledgements::table
                    .on(plan_acknowledgements::plan_version_id.eq(plan_versions::id)),
            )
            .filter(plans::id.eq_any(chunk))
            .select((plans::id, plan_acknowledgements::user_id))
            .load(conn)?;
        for (plan, user) in rows {
            read.entry(plan).or_default().insert(user);
        }
    }
    Ok(read)
}

/// The teams `user_id` is on: (id, name), by name.
pub fn teams_of(conn: &mut DbConnection, user_id: UserId) -> QueryResult<Vec<(TeamId, String)>> {
    team_members::table
        .inner_join(teams::table)
        .filter(team_members::user_id.eq(user_id))
        .select((teams::id, teams::name))
        .order((teams::name, teams::id))
        .load(conn)
}

/// One person on a page, as read.
#[derive(Queryable, Selectable)]
#[diesel(table_name = plans)]
pub struct PageRow {
    #[diesel(embed)]
    pub entry: Entry,
    pub next_review_on: Option<NaiveDate>,
    pub next_review_kind: Option<ReviewKind>,
    pub review_stage: Option<ReviewStatus>,
}

/// Page `page` (from 1) of `size` of the rows matching (how many match is in [`counts`]).
pub fn page(
    conn: &mut DbConnection,
    scope: &Scope,
    attention: Option<Attention>,
    sort: ProgrammeSort,
    page: u32,
    size: u32,
) -> QueryResult<Vec<PageRow>> {
    macro_rules! matching {
        () => {{
            let query = listed!(scope);
            match attention {
                None => query,
                Some(Attention::PlanMissing) => query.filter(needs!(scope, PlanMissing)),
                Some(Attention::FirstReviewDue) => query.filter(needs!(scope, FirstReviewDue)),
                Some(Attention::Overdue) => query.filter(needs!(scope, Overdue)),
                Some(Attention::DueSoon) => query.filter(needs!(scope, DueSoon)),
                Some(Attention::PartTwoWaiting) => query.filter(needs!(scope, PartTwoWaiting)),
                Some(Attention::NotRead) => query.filter(needs!(scope, NotRead)),
            }
        }};
    }
    let name = coalesce(persons::preferred_name, persons::full_name);
    let query = matching!()
        .select(PageRow::as_select())
        .limit(i64::from(size))
        .offset(i64::from(page.saturating_sub(1)) * i64::from(size));
    match sort {
        ProgrammeSort::Due => query
            .order((plans::next_review_on, name, persons::full_name, persons::id))
            .load(conn),
        ProgrammeSort::Name => query
            .order((name, persons::full_name, persons::id))
            .load(conn),
        ProgrammeSort::Team => query
            .order((
                teams::name,
                teams::id,
                plans::next_review_on,
                name,
                persons::id,
            ))
            .load(conn),
    }
}

/// What a page's rows show besides their own columns.
pub struct Details {
    /// Active staff on each person's teams, by person: (user id, name), by name, once each.
    pub staff: HashMap<PersonId, Vec<(UserId, String)>>,
    /// Who has read each plan's latest agreed version, by plan.
    pub read: HashMap<PlanId, HashSet<UserId>>,
    /// Key workers' names by user id.
    pub names: HashMap<UserId, String>,
}

/// The details of the rows on one page: three queries over the page's plans only.
pub fn details(conn: &mut DbConnection, rows: &[PageRow]) -> QueryResult<Details> {
    let plan_ids: Vec<PlanId> = rows.iter().map(|r| r.entry.plan_id).collect();
    let person_ids: Vec<PersonId> = rows.iter().map(|r| r.entry.person_id).collect();
    let key_workers: Vec<UserId> = rows.iter().filter_map(|r| r.entry.key_worker).collect();
    let mut staff: HashMap<PersonId, Vec<(UserId, String)>> = HashMap::new();
    let staff_rows: Vec<(PersonId, UserId, String)> = team_persons::table
        .inner_join(team_members::table.on(team_members::team_id.eq(team_persons::team_id)))
        .inner_join(users::table.on(users::id.eq(team_members::user_id)))
        .filter(team_persons::person_id.eq_any(&person_ids))
        .filter(users::disabled_at.is_null())
        .select((team_persons::person_id, users::id, users::display_name))
        .order((users::display_name, users::id))
        .distinct()
        .load(conn)?;
    for (person, user, name) in staff_rows {
        staff.entry(person).or_default().push((user, name));
    }
    let read = read_by(conn, &plan_ids)?;
    let names = users::table
        .filter(users::id.eq_any(&key_workers))
        .select((users::id, users::display_name))
        .load::<(UserId, String)>(conn)?
        .into_iter()
        .collect();
    Ok(Details { staff, read, names })
}

/// One person on one of the teams, with their plan.
#[derive(Queryable, Selectable)]
#[diesel(table_name = plans)]
pub struct Entry {
    #[diesel(select_expression = teams::id)]
    pub team_id: TeamId,
    #[diesel(select_expression = teams::name)]
    pub team_name: String,
    #[diesel(select_expression = persons::id)]
    pub person_id: PersonId,
    #[diesel(select_expression = persons::full_name)]
    pub full_name: String,
    #[diesel(select_expression = persons::preferred_name)]
    pub preferred_name: Option<String>,
    #[diesel(select_expression = persons::support_started_on)]
    pub support_started_on: NaiveDate,
    #[diesel(select_expression = team_persons::key_worker_user_id)]
    pub key_worker: Option<UserId>,
    #[diesel(column_name = id)]
    pub plan_id: PlanId,
    #[diesel(column_name = status)]
    pub plan_status: PlanStatus,
    pub current_version: Option<i32>,
}

/// What the programme is worked out from.
pub struct Loaded {
    pub teams: Vec<(TeamId, String)>,
    pub entries: Vec<Entry>,
    /// When each plan's last review was completed.
    pub last_completed: HashMap<PlanId, NaiveDateTime>,
    /// Each plan's review under way.
    pub open_reviews: HashMap<PlanId, (ReviewKind, ReviewStatus, NaiveDate)>,
    /// Staff on each team, by team: (user id, name).
    pub staff: HashMap<TeamId, Vec<(UserId, String)>>,
    /// Who has read each plan's latest agreed version, by plan.
    pub read: HashMap<PlanId, HashSet<UserId>>,
    /// Staff names by user id, for key workers.
    pub names: HashMap<UserId, String>,
}

/// Loads the programme for the teams `user_id` is on (or the one team asked for, if they are
/// on it), for the daily digest: eight queries, and one more for each 500 plans.
pub fn load(conn: &mut DbConnection, user_id: UserId, team: Option<TeamId>) -> QueryResult<Loaded> {
    let mut mine = team_members::table
        .inner_join(teams::table)
        .filter(team_members::user_id.eq(user_id))
        .select((teams::id, teams::name))
        .order(teams::name)
        .into_boxed();
    if let Some(team) = team {
        mine = mine.filter(teams::id.eq(team));
    }
    let team_rows: Vec<(TeamId, String)> = mine.load(conn)?;
    let all_teams: Vec<(TeamId, String)> = team_members::table
        .inner_join(teams::table)
        .filter(team_members::user_id.eq(user_id))
        .select((teams::id, teams::name))
        .order(teams::name)
        .load(conn)?;
    let ids: Vec<TeamId> = team_rows.iter().map(|(id, _)| *id).collect();

    let rows: Vec<Entry> = team_persons::table
        .inner_join(teams::table)
        .inner_join(persons::table)
        .inner_join(plans::table.on(plans::person_id.eq(team_persons::person_id)))
        .filter(team_persons::team_id.eq_any(&ids))
        .filter(persons::left_on.is_null())
        .select(Entry::as_select())
        .order((teams::name, persons::full_name, persons::id))
        .load(conn)?;
    // Someone on two of the manager's teams is listed once, under the first.
    let mut seen = HashSet::new();
    let entries: Vec<Entry> = rows
        .into_iter()
        .filter(|entry| seen.insert(entry.person_id))
        .collect();

    // The plans of the people on these teams, as a join every query below shares.
    let on_teams = || {
        team_persons::table
            .inner_join(plans::table.on(plans::person_id.eq(team_persons::person_id)))
            .filter(team_persons::team_id.eq_any(ids.clone()))
    };
    let completed: Vec<(PlanId, Option<NaiveDateTime>)> = on_teams()
        .inner_join(reviews::table.on(reviews::plan_id.eq(plans::id)))
        .filter(reviews::status.eq(ReviewStatus::Completed))
        .group_by(plans::id)
        .select((plans::id, diesel::dsl::max(reviews::completed_at)))
        .load(conn)?;
    let open: Vec<(PlanId, ReviewKind, ReviewStatus, NaiveDate)> = on_teams()
        .inner_join(reviews::table.on(reviews::plan_id.eq(plans::id)))
        .filter(reviews::status.ne(ReviewStatus::Completed))
        .select((plans::id, reviews::kind, reviews::status, reviews::due_on))
        .load(conn)?;
    let open_reviews: HashMap<_, _> = open
        .into_iter()
        .map(|(plan, kind, status, due_on)| (plan, (kind, status, due_on)))
        .collect();
    let plan_ids: Vec<PlanId> = entries.iter().map(|e| e.plan_id).collect();
    let read = read_by(conn, &plan_ids)?;
    let staff_rows: Vec<(TeamId, UserId, String)> = team_members::table
        .inner_join(users::table)
        .filter(team_members::team_id.eq_any(&ids))
        .filter(users::disabled_at.is_null())
        .select((team_members::team_id, users::id, users::display_name))
        .order(users::display_name)
        .load(conn)?;
    let mut staff: HashMap<TeamId, Vec<(UserId, String)>> = HashMap::new();
    let mut names = HashMap::new();
    for (team, user, name) in staff_rows {
        names.insert(user, name.clone());
        staff.entry(team).or_default().push((user, name));
    }
    // Key workers who are not on the team itself still have a name.
    let key_workers: Vec<(UserId, String)> = on_teams()
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
