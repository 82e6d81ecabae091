//! Single-use sign-in codes, stored only as their SHA-256.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::account::{SignInCodeStatus, SignInCodeSummary};
use ourplan_shared::id::{SignInCodeId, UserId};

use super::utc;
use crate::db::DbConnection;
use crate::db::schema::{sign_in_codes, users};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = sign_in_codes)]
pub struct SignInCodeRow {
    pub id: SignInCodeId,
    pub user_id: UserId,
    pub code_hash: String,
    pub issued_by: UserId,
    pub issued_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

impl SignInCodeRow {
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<usize> {
        diesel::insert_into(sign_in_codes::table)
            .values(self)
            .execute(conn)
    }

    pub fn find_by_hash(conn: &mut DbConnection, code_hash: &str) -> QueryResult<Option<Self>> {
        sign_in_codes::table
            .filter(sign_in_codes::code_hash.eq(code_hash))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// Uses a code that is still good: one conditional UPDATE, so two devices racing with the
    /// same card cannot both get in. `false` if it was used, revoked or out of date.
    pub fn consume(
        conn: &mut DbConnection,
        code_id: SignInCodeId,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let updated = diesel::update(
            sign_in_codes::table
                .filter(sign_in_codes::id.eq(code_id))
                .filter(sign_in_codes::used_at.is_null())
                .filter(sign_in_codes::revoked_at.is_null())
                .filter(sign_in_codes::expires_at.gt(at)),
        )
        .set(sign_in_codes::used_at.eq(at))
        .execute(conn)?;
        Ok(updated == 1)
    }

    /// Revokes one unused code of a user; `false` if there was none to revoke.
    pub fn revoke(
        conn: &mut DbConnection,
        user_id: UserId,
        code_id: SignInCodeId,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let updated = diesel::update(
            sign_in_codes::table
                .filter(sign_in_codes::id.eq(code_id))
                .filter(sign_in_codes::user_id.eq(user_id))
                .filter(sign_in_codes::used_at.is_null())
                .filter(sign_in_codes::revoked_at.is_null()),
        )
        .set(sign_in_codes::revoked_at.eq(at))
        .execute(conn)?;
        Ok(updated == 1)
    }

    pub fn exists(
        conn: &mut DbConnection,
        user_id: UserId,
        code_id: SignInCodeId,
    ) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            sign_in_codes::table
                .filter(sign_in_codes::id.eq(code_id))
                .filter(sign_in_codes::user_id.eq(user_id)),
        ))
        .get_result(conn)
    }

    /// Revokes every unused code of a user: a new card replaces the old ones.
    pub fn revoke_all_unused(
        conn: &mut DbConnection,
        user_id: UserId,
        at: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(
            sign_in_codes::table
                .filter(sign_in_codes::user_id.eq(user_id))
                .filter(sign_in_codes::used_at.is_null())
                .filter(sign_in_codes::revoked_at.is_null()),
        )
        .set(sign_in_codes::revoked_at.eq(at))
        .execute(conn)
    }

    /// A user's codes, newest first, with who issued each.
    pub fn summaries(
        conn: &mut DbConnection,
        user_id: UserId,
        at: NaiveDateTime,
    ) -> QueryResult<Vec<SignInCodeSummary>> {
        let rows: Vec<(Self, String)> = sign_in_codes::table
            .inner_join(users::table.on(users::id.eq(sign_in_codes::issued_by)))
            .filter(sign_in_codes::user_id.eq(user_id))
            .order(sign_in_codes::issued_at.desc())
            .limit(50)
            .select((Self::as_select(), users::display_name))
            .load(conn)?;
        rows.into_iter()
            .map(|(row, issued_by)| {
                let status = if row.used_at.is_some() {
                    SignInCodeStatus::Used
                } else if row.revoked_at.is_some() {
                    SignInCodeStatus::Revoked
                } else if row.expires_at <= at {
                    SignInCodeStatus::Expired
                } else {
                    SignInCodeStatus::Active
                };
                Ok(SignInCodeSummary {
                    id: row.id,
                    issued_at: utc(row.issued_at),
                    issued_by,
                    expires_at: utc(row.expires_at),
                    status,
                })
            })
            .collect()
    }
}
