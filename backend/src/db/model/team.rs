use ourplan_shared::id::{OrganisationId, PersonId, TeamId, UserId};
use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::organisation::{TeamDetail, TeamMember, TeamPerson, TeamStaff};
use ourplan_shared::role::Role;

use super::{id, insert_rows, opt_id, review_schedule};
use crate::db::DbConnection;
use crate::db::schema::{persons, team_members, team_persons, teams, users};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = teams)]
pub struct TeamRow {
    pub id: TeamId,
    pub organisation_id: OrganisationId,
    pub name: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = team_members)]
pub struct TeamMemberRow {
    pub team_id: TeamId,
    pub user_id: UserId,
}

/// How a member of staff reaches a person through their teams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// On a team that supports them.
    Supported,
    /// On a team that supported them until their support ended.
    Left,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = team_persons)]
pub struct TeamPersonRow {
    pub team_id: TeamId,
    pub person_id: PersonId,
    pub key_worker_user_id: Option<UserId>,
}

impl TeamRow {
    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, teams::table, rows)
    }

    pub fn find(conn: &mut DbConnection, team_id: TeamId) -> QueryResult<Option<Self>> {
        teams::table
            .find(team_id)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// An organisation's teams, or only those `member` is on.
    pub fn listed(
        conn: &mut DbConnection,
        organisation_id: OrganisationId,
        member: Option<UserId>,
    ) -> QueryResult<Vec<Self>> {
        let mut query = teams::table
            .filter(teams::organisation_id.eq(organisation_id.to_owned()))
            .order((teams::name, teams::id))
            .select(Self::as_select())
            .into_boxed();
        if let Some(member) = member {
            query = query.filter(
                teams::id.eq_any(
                    team_members::table
                        .filter(team_members::user_id.eq(member.to_owned()))
                        .select(team_members::team_id),
                ),
            );
        }
        query.load(conn)
    }

    /// A new name, unique in the organisation (a constraint violation otherwise).
    pub fn rename(conn: &mut DbConnection, team_id: TeamId, name: &str) -> QueryResult<usize> {
        diesel::update(teams::table.find(team_id))
            .set(teams::name.eq(name))
            .execute(conn)
    }

    /// The team with its staff and people: three queries.
    pub fn detail(self, conn: &mut DbConnection) -> QueryResult<TeamDetail> {
        let staff: Vec<(String, String, Role)> = team_members::table
            .inner_join(users::table.on(users::id.eq(team_members::user_id)))
            .filter(team_members::team_id.eq(&self.id))
            .order((users::display_name, users::id))
            .select((users::id, users::display_name, users::role))
            .load(conn)?;
        let people: Vec<(String, String, Option<String>)> = team_persons::table
            .inner_join(persons::table.on(persons::id.eq(team_persons::person_id)))
            .filter(team_persons::team_id.eq(&self.id))
            .order((persons::full_name, persons::id))
            .select((
                persons::id,
                persons::full_name,
                team_persons::key_worker_user_id,
            ))
            .load(conn)?;
        Ok(TeamDetail {
            id: self.id,
            name: self.name,
            members: staff
                .into_iter()
                .map(|(user_id, display_name, role)| {
                    Ok(TeamStaff {
                        user_id: id(&user_id)?,
                        display_name,
                        role,
                    })
                })
                .collect::<QueryResult<_>>()?,
            persons: people
                .into_iter()
                .map(|(person_id, full_name, key_worker)| {
                    Ok(TeamPerson {
                        person_id: id(&person_id)?,
                        full_name,
                        key_worker_user_id: opt_id(key_worker.as_deref())?,
                    })
                })
                .collect::<QueryResult<_>>()?,
        })
    }
}

impl TeamMemberRow {
    /// The names of the teams each of these staff members is on, by user id.
    pub fn team_names_of(
        conn: &mut DbConnection,
        user_ids: &[UserId],
    ) -> QueryResult<std::collections::HashMap<UserId, Vec<String>>> {
        let mut names: std::collections::HashMap<UserId, Vec<String>> = Default::default();
        for chunk in user_ids.chunks(500) {
            let rows: Vec<(UserId, String)> = team_members::table
                .inner_join(teams::table.on(teams::id.eq(team_members::team_id)))
                .filter(team_members::user_id.eq_any(chunk))
                .order(teams::name)
                .select((team_members::user_id, teams::name))
                .load(conn)?;
            for (user, team) in rows {
                names.entry(user).or_default().push(team);
            }
        }
        Ok(names)
    }

    /// New members, who have not read the plans of their teams' people yet.
    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        let inserted = insert_rows!(conn, team_members::table, rows)?;
        let mut teams: Vec<TeamId> = rows.iter().map(|row| row.team_id).collect();
        teams.sort_unstable();
        teams.dedup();
        for team in teams {
            review_schedule::refresh_team(conn, team)?;
        }
        Ok(inserted)
    }

    pub fn is_member(
        conn: &mut DbConnection,
        team_id: TeamId,
        user_id: UserId,
    ) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            team_members::table
                .filter(team_members::team_id.eq(team_id))
                .filter(team_members::user_id.eq(user_id)),
        ))
        .get_result(conn)
    }

    /// Adds a member; `false` if they already were one.
    pub fn add(conn: &mut DbConnection, team_id: TeamId, user_id: UserId) -> QueryResult<bool> {
        if Self::is_member(conn, team_id, user_id)? {
            return Ok(false);
        }
        Self::insert_all(
            conn,
            &[Self {
                team_id: team_id.to_owned(),
                user_id: user_id.to_owned(),
            }],
        )?;
        Ok(true)
    }

    pub fn remove(conn: &mut DbConnection, team_id: TeamId, user_id: UserId) -> QueryResult<bool> {
        let deleted = diesel::delete(
            team_members::table
                .filter(team_members::team_id.eq(team_id))
                .filter(team_members::user_id.eq(user_id)),
        )
        .execute(conn)?;
        review_schedule::refresh_team(conn, team_id)?;
        Ok(deleted == 1)
    }
}

impl TeamPersonRow {
    /// People joining teams, whose staff have not read their plans yet.
    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        let inserted = insert_rows!(conn, team_persons::table, rows)?;
        let persons: Vec<PersonId> = rows.iter().map(|row| row.person_id).collect();
        review_schedule::refresh_persons(conn, &persons)?;
        Ok(inserted)
    }

    /// The team supports the person, with this key worker: added, or the key worker changed.
    pub fn put(&self, conn: &mut DbConnection) -> QueryResult<()> {
        let updated = diesel::update(
            team_persons::table
                .filter(team_persons::team_id.eq(&self.team_id))
                .filter(team_persons::person_id.eq(&self.person_id)),
        )
        .set(team_persons::key_worker_user_id.eq(&self.key_worker_user_id))
        .execute(conn)?;
        if updated == 0 {
            Self::insert_all(conn, std::slice::from_ref(self))?;
        }
        Ok(())
    }

    pub fn remove(
        conn: &mut DbConnection,
        team_id: TeamId,
        person_id: PersonId,
    ) -> QueryResult<bool> {
        let deleted = diesel::delete(
            team_persons::table
                .filter(team_persons::team_id.eq(team_id))
                .filter(team_persons::person_id.eq(person_id)),
        )
        .execute(conn)?;
        review_schedule::refresh_person(conn, person_id)?;
        Ok(deleted == 1)
    }

    /// The people a team supports.
    pub fn persons_on(conn: &mut DbConnection, team_id: TeamId) -> QueryResult<Vec<PersonId>> {
        team_persons::table
            .filter(team_persons::team_id.eq(team_id))
            .select(team_persons::person_id)
            .load(conn)
    }

    /// The teams that support a person.
    pub fn teams_of(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<Vec<TeamId>> {
        team_persons::table
            .filter(team_persons::person_id.eq(person_id))
            .select(team_persons::team_id)
            .load(conn)
    }

    /// No team supports the person any more (before another takes them on).
    pub fn remove_everywhere(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<usize> {
        let deleted =
            diesel::delete(team_persons::table.filter(team_persons::person_id.eq(person_id)))
                .execute(conn)?;
        review_schedule::refresh_person(conn, person_id)?;
        Ok(deleted)
    }

    /// The people on any team `user_id` is on whose support goes on: a staff member's
    /// caseload.
    pub fn caseload(conn: &mut DbConnection, user_id: UserId) -> QueryResult<Vec<PersonId>> {
        team_persons::table
            .inner_join(team_members::table.on(team_members::team_id.eq(team_persons::team_id)))
            .inner_join(persons::table.on(persons::id.eq(team_persons::person_id)))
            .filter(team_members::user_id.eq(user_id))
            .filter(persons::left_on.is_null())
            .select(team_persons::person_id)
            .distinct()
            .load(conn)
    }

    /// How a staff member reaches this person through their teams, in one indexed look-up:
    /// not at all, or on a team that supports them or supported them until they left.
    pub fn reach(
        conn: &mut DbConnection,
        user_id: UserId,
        person_id: PersonId,
    ) -> QueryResult<Option<Reach>> {
        let left_on: Option<Option<chrono::NaiveDate>> = team_persons::table
            .inner_join(team_members::table.on(team_members::team_id.eq(team_persons::team_id)))
            .inner_join(persons::table.on(persons::id.eq(team_persons::person_id)))
            .filter(team_persons::person_id.eq(person_id))
            .filter(team_members::user_id.eq(user_id))
            .select(persons::left_on)
            .first(conn)
            .optional()?;
        Ok(left_on.map(|left| match left {
            Some(_) => Reach::Left,
            None => Reach::Supported,
        }))
    }

    /// Whether a staff member is on a team that supports this person: one indexed look-up.
    pub fn is_on_team(
        conn: &mut DbConnection,
        user_id: UserId,
        person_id: PersonId,
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
        person_id: PersonId,
    ) -> QueryResult<Vec<TeamMember>> {
        let rows: Vec<(String, MemberRow)> = team_persons::table
            .inner_join(team_members::table.on(team_members::team_id.eq(team_persons::team_id)))
            .inner_join(users::table.on(users::id.eq(team_members::user_id)))
            .filter(team_persons::person_id.eq(person_id))
            .filter(users::disabled_at.is_null())
            .order((users::display_name, users::id))
            .select((team_persons::person_id, MEMBER_COLUMNS))
            .distinct()
            .load(conn)?;
        members(rows.into_iter().map(|(_, row)| row))
    }

    /// The same for many people in one query, by person.
    pub fn teams_for_persons(
        conn: &mut DbConnection,
        person_ids: &[PersonId],
    ) -> QueryResult<HashMap<PersonId, Vec<TeamMember>>> {
        let rows: Vec<(PersonId, MemberRow)> = team_persons::table
            .inner_join(team_members::table.on(team_members::team_id.eq(team_persons::team_id)))
            .inner_join(users::table.on(users::id.eq(team_members::user_id)))
            .filter(team_persons::person_id.eq_any(person_ids))
            .filter(users::disabled_at.is_null())
            .order((users::display_name, users::id))
            .select((team_persons::person_id, MEMBER_COLUMNS))
            .distinct()
            .load(conn)?;
        let mut by_person: HashMap<PersonId, Vec<MemberRow>> = HashMap::new();
        for (person_id, row) in rows {
            by_person.entry(person_id).or_default().push(row);
        }
        by_person
            .into_iter()
            .map(|(person_id, rows)| Ok((person_id, members(rows)?)))
            .collect()
    }
}

/// A team member as the queries read them: user id, name, role, the person's key worker.
type MemberRow = (String, String, Role, Option<String>);

const MEMBER_COLUMNS: (
    users::id,
    users::display_name,
    users::role,
    team_persons::key_worker_user_id,
) = (
    users::id,
    users::display_name,
    users::role,
    team_persons::key_worker_user_id,
);

/// Rows in name order to members, key worker first, each once.
fn members(rows: impl IntoIterator<Item = MemberRow>) -> QueryResult<Vec<TeamMember>> {
    let mut members = rows
        .into_iter()
        .map(|(user_id, display_name, role, key_worker)| {
            Ok(TeamMember {
                key_worker: key_worker.as_deref() == Some(user_id.as_str()),
                user_id: id(&user_id)?,
                display_name,
                role,
            })
        })
        .collect::<QueryResult<Vec<_>>>()?;
    members.sort_by_key(|member| !member.key_worker);
    members.dedup_by_key(|member| member.user_id);
    Ok(members)
}
