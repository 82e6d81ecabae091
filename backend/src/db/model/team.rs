use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::organisation::TeamMember;
use ourplan_shared::role::Role;

use super::{id, insert_rows, key};
use crate::db::DbConnection;
use crate::db::schema::{team_members, team_persons, teams, users};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = teams)]
pub struct TeamRow {
    pub id: String,
    pub organisation_id: String,
    pub name: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = team_members)]
pub struct TeamMemberRow {
    pub team_id: String,
    pub user_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = team_persons)]
pub struct TeamPersonRow {
    pub team_id: String,
    pub person_id: String,
    pub key_worker_user_id: Option<String>,
}

impl TeamRow {
    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, teams::table, rows)
    }
}

impl TeamMemberRow {
    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, team_members::table, rows)
    }
}

impl TeamPersonRow {
    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, team_persons::table, rows)
    }

    /// Whether a staff member is on a team that supports this person: one indexed look-up.
    pub fn is_on_team(
        conn: &mut DbConnection,
        user_id: &str,
        person_id: &str,
    ) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            team_persons::table
                .inner_join(team_members::table.on(team_members::team_id.eq(team_persons::team_id)))
                .filter(team_persons::person_id.eq(person_id))
                .filter(team_members::user_id.eq(user_id)),
        ))
        .get_result(conn)
    }

    /// Everyone on the teams that support a person, in one query, key worker first.
    pub fn team_for_person(
        conn: &mut DbConnection,
        person_id: &str,
    ) -> QueryResult<Vec<TeamMember>> {
        let rows: Vec<(String, String, String, Option<String>)> = team_persons::table
            .inner_join(team_members::table.on(team_members::team_id.eq(team_persons::team_id)))
            .inner_join(users::table.on(users::id.eq(team_members::user_id)))
            .filter(team_persons::person_id.eq(person_id))
            .filter(users::disabled_at.is_null())
            .order((users::display_name, users::id))
            .select((
                users::id,
                users::display_name,
                users::role,
                team_persons::key_worker_user_id,
            ))
            .distinct()
            .load(conn)?;
        let mut members = rows
            .into_iter()
            .map(|(user_id, display_name, role, key_worker)| {
                Ok(TeamMember {
                    key_worker: key_worker.as_deref() == Some(user_id.as_str()),
                    user_id: id(&user_id)?,
                    display_name,
                    role: key(&role, Role::from_key)?,
                })
            })
            .collect::<QueryResult<Vec<_>>>()?;
        members.sort_by_key(|member| !member.key_worker);
        members.dedup_by_key(|member| member.user_id);
        Ok(members)
    }
}
