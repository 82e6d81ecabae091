//! Sessions (one per sign-in on a device), their rotating refresh tokens, sign-in throttling
//! and the secrets every server instance shares.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::{SignInCodeId, UserId};

use super::user::UserRow;
use crate::db::DbConnection;
use crate::db::schema::{
    refresh_tokens, server_secrets, sessions, sign_in_codes, sign_in_throttles, users,
};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub user_id: UserId,
    pub created_at: NaiveDateTime,
    pub last_used_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_reason: Option<String>,
    /// The sign-in card the session began with, if it did.
    pub sign_in_code_id: Option<SignInCodeId>,
}

/// A session that began with a sign-in card: which card, who made it and when, and when it
/// was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardSession {
    pub code_id: SignInCodeId,
    pub issued_by: UserId,
    pub issued_at: NaiveDateTime,
    pub signed_in_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    pub token_hash: String,
    pub session_id: String,
    pub issued_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

impl SessionRow {
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<usize> {
        diesel::insert_into(sessions::table)
            .values(self)
            .execute(conn)
    }

    /// The signed-in user, if the session is live and the account enabled, with the card it
    /// began with: one indexed look-up on every authenticated request, so sign-out and
    /// disabling work at once.
    pub fn live_user(
        conn: &mut DbConnection,
        session_id: &str,
        user_id: UserId,
        now: NaiveDateTime,
    ) -> QueryResult<Option<(UserRow, Option<CardSession>)>> {
        type Card = (
            Option<SignInCodeId>,
            Option<UserId>,
            Option<NaiveDateTime>,
            NaiveDateTime,
        );
        let found: Option<(UserRow, Card)> = sessions::table
            .inner_join(users::table)
            .left_join(
                sign_in_codes::table.on(sign_in_codes::id.nullable().eq(sessions::sign_in_code_id)),
            )
            .filter(sessions::id.eq(session_id))
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::expires_at.gt(now))
            .filter(users::disabled_at.is_null())
            .select((
                UserRow::as_select(),
                (
                    sign_in_codes::id.nullable(),
                    sign_in_codes::issued_by.nullable(),
                    sign_in_codes::issued_at.nullable(),
                    sessions::created_at,
                ),
            ))
            .first(conn)
            .optional()?;
        Ok(
            found.map(|(user, (code_id, issued_by, issued_at, signed_in_at))| {
                let card = match (code_id, issued_by, issued_at) {
                    (Some(code_id), Some(issued_by), Some(issued_at)) => Some(CardSession {
                        code_id,
                        issued_by,
                        issued_at,
                        signed_in_at,
                    }),
                    _ => None,
                };
                (user, card)
            }),
        )
    }

    pub fn find(conn: &mut DbConnection, session_id: &str) -> QueryResult<Option<Self>> {
        sessions::table
            .find(session_id)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    pub fn revoke(
        conn: &mut DbConnection,
        session_id: &str,
        reason: &str,
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(
            sessions::table
                .filter(sessions::id.eq(session_id))
                .filter(sessions::revoked_at.is_null()),
        )
        .set((
            sessions::revoked_at.eq(now),
            sessions::revoked_reason.eq(reason),
        ))
        .execute(conn)
    }

    /// Ends every session of a user (password change, account disabled).
    pub fn revoke_all_for_user(
        conn: &mut DbConnection,
        user_id: UserId,
        reason: &str,
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(
            sessions::table
                .filter(sessions::user_id.eq(user_id))
                .filter(sessions::revoked_at.is_null()),
        )
        .set((
            sessions::revoked_at.eq(now),
            sessions::revoked_reason.eq(reason),
        ))
        .execute(conn)
    }

    pub fn touch(
        conn: &mut DbConnection,
        session_id: &str,
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(sessions::table.find(session_id))
            .set(sessions::last_used_at.eq(now))
            .execute(conn)
    }
}

impl RefreshTokenRow {
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<usize> {
        diesel::insert_into(refresh_tokens::table)
            .values(self)
            .execute(conn)
    }

    pub fn find(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<Self>> {
        refresh_tokens::table
            .find(token_hash)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// Marks the token used; `false` if it already was (a replay, or a race with another
    /// request holding the same token).
    pub fn mark_used(
        conn: &mut DbConnection,
        token_hash: &str,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let updated = diesel::update(
            refresh_tokens::table
                .filter(refresh_tokens::token_hash.eq(token_hash))
                .filter(refresh_tokens::used_at.is_null()),
        )
        .set(refresh_tokens::used_at.eq(now))
        .execute(conn)?;
        Ok(updated == 1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = sign_in_throttles, treat_none_as_null = true)]
pub struct ThrottleRow {
    pub email_hash: String,
    pub failures: i32,
    pub locked_until: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

impl ThrottleRow {
    pub fn find(conn: &mut DbConnection, email_hash: &str) -> QueryResult<Option<Self>> {
        sign_in_throttles::table
            .find(email_hash)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// Counts one failed sign-in, and locks the key until `lock_until` once `max` are
    /// reached. The count is incremented in the database (an upsert adding one), so failures
    /// arriving at once on several instances are all counted; a lock that has run out, or a
    /// count last added to before `forget_before`, starts the count again.
    pub fn record_failure(
        conn: &mut DbConnection,
        email_hash: &str,
        at: NaiveDateTime,
        max: i32,
        (forget_before, lock_until): (NaiveDateTime, NaiveDateTime),
    ) -> QueryResult<()> {
        use sign_in_throttles::dsl as t;
        diesel::delete(
            t::sign_in_throttles.find(email_hash).filter(
                t::locked_until.le(at).or(t::locked_until
                    .is_null()
                    .and(t::updated_at.lt(forget_before))),
            ),
        )
        .execute(conn)?;
        let first = (
            t::email_hash.eq(email_hash),
            t::failures.eq(1),
            t::updated_at.eq(at),
        );
        let again = (t::failures.eq(t::failures + 1), t::updated_at.eq(at));
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(t::sign_in_throttles)
                .values(first)
                .on_conflict(t::email_hash)
                .do_update()
                .set(again)
                .execute(c)?,
            DbConnection::Postgres(c) => diesel::insert_into(t::sign_in_throttles)
                .values(first)
                .on_conflict(t::email_hash)
                .do_update()
                .set(again)
                .execute(c)?,
        };
        diesel::update(
            t::sign_in_throttles
                .find(email_hash)
                .filter(t::failures.ge(max))
                .filter(t::locked_until.is_null()),
        )
        .set(t::locked_until.eq(lock_until))
        .execute(conn)?;
        Ok(())
    }

    pub fn clear(conn: &mut DbConnection, email_hash: &str) -> QueryResult<usize> {
        diesel::delete(sign_in_throttles::table.find(email_hash)).execute(conn)
    }
}

/// A secret shared by every server instance on this database, created by whichever starts
/// first.
pub fn server_secret(
    conn: &mut DbConnection,
    name: &str,
    fresh: &str,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let row = (
        server_secrets::name.eq(name),
        server_secrets::value.eq(fresh),
        server_secrets::created_at.eq(now),
    );
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(server_secrets::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c)?,
        DbConnection::Postgres(c) => diesel::insert_into(server_secrets::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c)?,
    };
    server_secrets::table
        .find(name)
        .select(server_secrets::value)
        .first(conn)
}
