//! The caseload, paged in SQL (issue 21 item 6): one count and one page of people matching the
//! filters, then the teams and key workers of that page only, so a page costs the same with
//! 50 people or 10,000.

use chrono::NaiveDate;
use diesel::dsl::exists;
use diesel::prelude::*;
use ourplan_shared::id::{OrganisationId, PersonId, UserId};
use ourplan_shared::plan::PlanStatus;

use super::person::lower;
use crate::db::DbConnection;
use crate::db::schema::{persons, plans, team_members, team_persons, teams, users};

/// Whose people, and which of them.
#[derive(Debug, Clone)]
pub struct Scope {
    pub organisation_id: OrganisationId,
    /// The member of staff whose teams' people count; `None`: every person in the
    /// organisation (admins).
    pub member: Option<UserId>,
    /// The people whose support has ended, instead of those supported now.
    pub left: bool,
}

/// The filters, checked.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Lower case, without wildcards of its own.
    pub search: Option<String>,
    pub team: Option<String>,
    pub key_worker: Option<String>,
    pub plan_status: Option<PlanStatus>,
}

/// One person on the page, as read.
#[derive(Debug, Clone, Queryable)]
pub struct PageRow {
    pub id: PersonId,
    pub full_name: String,
    pub preferred_name: Option<String>,
    pub left_on: Option<NaiveDate>,
    pub plan_status: PlanStatus,
}

/// A person's team and key worker, for the rows on a page.
#[derive(Debug, Clone, Queryable)]
pub struct Support {
    pub person_id: PersonId,
    pub team_name: String,
    pub key_worker: Option<String>,
}

/// `%text%` for LIKE, with the pattern's own wildcards and the escape taken literally.
fn contains(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

macro_rules! matching {
    ($scope:expr, $filters:expr) => {{
        let scope: &Scope = $scope;
        let filters: &Filters = $filters;
        let mut query = persons::table
            .inner_join(plans::table.on(plans::person_id.eq(persons::id)))
            .filter(persons::organisation_id.eq(scope.organisation_id.clone()))
            .into_boxed();
        query = if scope.left {
            query.filter(persons::left_on.is_not_null())
        } else {
            query.filter(persons::left_on.is_null())
        };
        // Through the member's own memberships, not a list of their team ids: SQLite tested
        // each row against the list (1.7 s a page for a manager of 100 teams).
        if let Some(member) = &scope.member {
            query = query.filter(exists(
                team_persons::table
                    .inner_join(
                        team_members::table.on(team_members::team_id.eq(team_persons::team_id)),
                    )
                    .filter(team_persons::person_id.eq(persons::id))
                    .filter(team_members::user_id.eq(member.clone())),
            ));
        }
        if let Some(team) = &filters.team {
            query = query.filter(exists(
                team_persons::table
                    .filter(team_persons::person_id.eq(persons::id))
                    .filter(team_persons::team_id.eq(team.clone())),
            ));
        }
        if let Some(key_worker) = &filters.key_worker {
            query = query.filter(exists(
                team_persons::table
                    .filter(team_persons::person_id.eq(persons::id))
                    .filter(team_persons::key_worker_user_id.eq(key_worker.clone())),
            ));
        }
        if let Some(status) = filters.plan_status {
            query = query.filter(plans::status.eq(status));
        }
        if let Some(search) = &filters.search {
            let pattern = contains(search);
            query = query.filter(
                lower(persons::full_name)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(persons::preferred_name.assume_not_null())
                        .like(pattern)
                        .escape('\\')),
            );
        }
        query
    }};
}

/// How many people match, and those on page `page` (from 1) of `size`: by name, or for
/// those who have left, the most recent first.
pub fn page(
    conn: &mut DbConnection,
    scope: &Scope,
    filters: &Filters,
    page: u32,
    size: u32,
) -> QueryResult<(u64, Vec<PageRow>)> {
    let total: i64 = matching!(scope, filters).count().get_result(conn)?;
    let offset = i64::from(page.saturating_sub(1)) * i64::from(size);
    let columns = (
        persons::id,
        persons::full_name,
        persons::preferred_name,
        persons::left_on,
        plans::status,
    );
    let query = matching!(scope, filters)
        .select(columns)
        .limit(i64::from(size))
        .offset(offset);
    let rows = if scope.left {
        query
            .order((
                persons::left_on.desc(),
                lower(persons::full_name),
                persons::id,
            ))
            .load(conn)?
    } else {
        query
            .order((lower(persons::full_name), persons::id))
            .load(conn)?
    };
    Ok((u64::try_from(total).unwrap_or(0), rows))
}

/// The teams and key workers of these people.
pub fn support_of(conn: &mut DbConnection, person_ids: &[PersonId]) -> QueryResult<Vec<Support>> {
    team_persons::table
        .inner_join(teams::table.on(teams::id.eq(team_persons::team_id)))
        .left_join(users::table.on(users::id.nullable().eq(team_persons::key_worker_user_id)))
        .filter(team_persons::person_id.eq_any(person_ids))
        .order((teams::name, teams::id))
        .select((
            team_persons::person_id,
            teams::name,
            users::display_name.nullable(),
        ))
        .load(conn)
}

/// The ids of the teams `member` is on.
pub fn teams_of(conn: &mut DbConnection, member: UserId) -> QueryResult<Vec<String>> {
    team_members::table
        .filter(team_members::user_id.eq(member))
        .select(team_members::team_id)
        .load(conn)
}

/// Staff on these teams (every team in the organisation when `None`) who are key workers or
/// could be: `(id, name)` by name.
pub fn staff_on(
    conn: &mut DbConnection,
    organisation_id: OrganisationId,
    teams: Option<&[String]>,
) -> QueryResult<Vec<(String, String)>> {
    let mut query = team_members::table
        .inner_join(users::table.on(users::id.eq(team_members::user_id)))
        .filter(users::organisation_id.eq(organisation_id.to_owned()))
        .filter(users::disabled_at.is_null())
        .select((users::id, users::display_name))
        .distinct()
        .into_boxed();
    if let Some(teams) = teams {
        query = query.filter(team_members::team_id.eq_any(teams.to_vec()));
    }
    let mut staff: Vec<(String, String)> = query.load(conn)?;
    staff.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    Ok(staff)
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn a_search_matches_its_own_wildcards_literally() {
        assert_eq!(contains("jo"), "%jo%");
        assert_eq!(contains("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
