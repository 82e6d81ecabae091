use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::{OrganisationId, PersonId, TeamId, UserId};
use ourplan_shared::organisation::User;
use ourplan_shared::role::Role;

use super::insert_rows;
use crate::db::DbConnection;
use crate::db::schema::{team_members, users};

/// What the accounts screen searches by.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub text: Option<String>,
    pub role: Option<Role>,
    pub team_id: Option<TeamId>,
    pub disabled: Option<bool>,
    /// Staff accounts only (support workers, managers, administrators).
    pub staff_only: bool,
    /// The most accounts answered.
    pub limit: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: UserId,
    pub organisation_id: OrganisationId,
    /// Stored lower-case so sign-in is case-insensitive.
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub person_id: Option<PersonId>,
    pub password_hash: Option<String>,
    pub created_at: NaiveDateTime,
    pub disabled_at: Option<NaiveDateTime>,
}

impl UserRow {
    /// As others see the user: never the password hash.
    pub fn into_wire(self) -> QueryResult<User> {
        Ok(User {
            id: self.id,
            organisation_id: self.organisation_id,
            email: self.email,
            display_name: self.display_name,
            role: self.role,
            person_id: self.person_id,
            disabled: self.disabled_at.is_some(),
            preferred_format: None,
            preferred_language: None,
        })
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, users::table, rows)
    }

    pub fn find(conn: &mut DbConnection, user_id: UserId) -> QueryResult<Option<Self>> {
        users::table
            .find(user_id)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// Disables an account; `false` if it already was.
    pub fn disable(
        conn: &mut DbConnection,
        user_id: UserId,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let updated = diesel::update(
            users::table
                .filter(users::id.eq(user_id))
                .filter(users::disabled_at.is_null()),
        )
        .set(users::disabled_at.eq(at))
        .execute(conn)?;
        super::review_schedule::refresh_user(conn, user_id)?;
        Ok(updated == 1)
    }

    pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<Self>> {
        users::table
            .filter(users::email.eq(email.to_lowercase()))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// The account of the person a plan is about, if they have one.
    pub fn for_person(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<Option<Self>> {
        users::table
            .filter(users::person_id.eq(person_id))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// Enables the person's own accounts that were disabled at exactly `at`: those that ending
    /// their support disabled, and no other.
    pub fn enable_disabled_at(
        conn: &mut DbConnection,
        person_id: PersonId,
        at: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(
            users::table
                .filter(users::person_id.eq(person_id))
                .filter(users::disabled_at.eq(at)),
        )
        .set(users::disabled_at.eq(None::<NaiveDateTime>))
        .execute(conn)
    }

    /// Every account in an organisation, by name.
    pub fn in_organisation(
        conn: &mut DbConnection,
        organisation_id: OrganisationId,
    ) -> QueryResult<Vec<Self>> {
        users::table
            .filter(users::organisation_id.eq(organisation_id))
            .order((users::display_name, users::id))
            .select(Self::as_select())
            .load(conn)
    }

    /// The organisation's accounts that match a search, by name: `text` in the name or email
    /// (any case), a role, membership of a team, disabled or not.
    pub fn search(
        conn: &mut DbConnection,
        organisation_id: OrganisationId,
        filter: &UserFilter,
    ) -> QueryResult<Vec<Self>> {
        let mut query = users::table
            .filter(users::organisation_id.eq(organisation_id.to_owned()))
            .order((users::display_name, users::id))
            .select(Self::as_select())
            .into_boxed();
        if let Some(text) = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            // `%` and `_` typed by the searcher match themselves.
            let escaped = text
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            let pattern = format!("%{escaped}%");
            query = query.filter(
                super::person::lower(users::display_name)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(users::email.like(pattern).escape('\\')),
            );
        }
        if let Some(role) = filter.role {
            query = query.filter(users::role.eq(role));
        }
        if let Some(team) = &filter.team_id {
            query = query.filter(
                users::id.eq_any(
                    team_members::table
                        .filter(team_members::team_id.eq(*team))
                        .select(team_members::user_id),
                ),
            );
        }
        if filter.staff_only {
            let staff: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.is_staff()).collect();
            query = query.filter(users::role.eq_any(staff));
        }
        match filter.disabled {
            Some(true) => query = query.filter(users::disabled_at.is_not_null()),
            Some(false) => query = query.filter(users::disabled_at.is_null()),
            None => {}
        }
        query.limit(filter.limit).load(conn)
    }

    /// Enables a disabled account; `false` if it was not disabled.
    pub fn enable(conn: &mut DbConnection, user_id: UserId) -> QueryResult<bool> {
        let updated = diesel::update(
            users::table
                .filter(users::id.eq(user_id))
                .filter(users::disabled_at.is_not_null()),
        )
        .set(users::disabled_at.eq(None::<NaiveDateTime>))
        .execute(conn)?;
        super::review_schedule::refresh_user(conn, user_id)?;
        Ok(updated == 1)
    }

    pub fn set_role(conn: &mut DbConnection, user_id: UserId, role: Role) -> QueryResult<usize> {
        diesel::update(users::table.find(user_id))
            .set(users::role.eq(role))
            .execute(conn)
    }

    pub fn set_password_hash(
        conn: &mut DbConnection,
        user_id: UserId,
        password_hash: &str,
    ) -> QueryResult<usize> {
        diesel::update(users::table.find(user_id))
            .set(users::password_hash.eq(password_hash))
            .execute(conn)
    }

    /// Replaces the stored hash with a new one of the same password, unless the password was
    /// changed since `was` was read (then the newer password stays).
    pub fn rehash_password(
        conn: &mut DbConnection,
        user_id: UserId,
        was: &str,
        rehashed: &str,
    ) -> QueryResult<usize> {
        diesel::update(
            users::table
                .find(user_id)
                .filter(users::password_hash.eq(was)),
        )
        .set(users::password_hash.eq(rehashed))
        .execute(conn)
    }
}
