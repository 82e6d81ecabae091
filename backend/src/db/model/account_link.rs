//! Links that let someone choose their own password (invitations, password resets), stored
//! only as their SHA-256.

use ourplan_shared::id::UserId;
use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::account::LinkPurpose;

use crate::db::DbConnection;
use crate::db::schema::account_links;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = account_links)]
pub struct AccountLinkRow {
    pub id: String,
    pub user_id: UserId,
    pub purpose: LinkPurpose,
    pub token_hash: String,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

impl AccountLinkRow {
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<usize> {
        diesel::insert_into(account_links::table)
            .values(self)
            .execute(conn)
    }

    /// The link with this hash while it is good: not used, revoked or out of date.
    pub fn find_usable(
        conn: &mut DbConnection,
        token_hash: &str,
        at: NaiveDateTime,
    ) -> QueryResult<Option<Self>> {
        account_links::table
            .filter(account_links::token_hash.eq(token_hash))
            .filter(account_links::used_at.is_null())
            .filter(account_links::revoked_at.is_null())
            .filter(account_links::expires_at.gt(at))
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    /// Uses a link that is still good, in one conditional UPDATE so it works once however
    /// many tabs try. `false` if it no longer was.
    pub fn consume(conn: &mut DbConnection, link_id: &str, at: NaiveDateTime) -> QueryResult<bool> {
        let updated = diesel::update(
            account_links::table
                .filter(account_links::id.eq(link_id))
                .filter(account_links::used_at.is_null())
                .filter(account_links::revoked_at.is_null())
                .filter(account_links::expires_at.gt(at)),
        )
        .set(account_links::used_at.eq(at))
        .execute(conn)?;
        Ok(updated == 1)
    }

    /// Revokes every unused link of an account: a new one replaces them.
    pub fn revoke_unused(
        conn: &mut DbConnection,
        user_id: UserId,
        at: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(
            account_links::table
                .filter(account_links::user_id.eq(user_id))
                .filter(account_links::used_at.is_null())
                .filter(account_links::revoked_at.is_null()),
        )
        .set(account_links::revoked_at.eq(at))
        .execute(conn)
    }

    /// Until when each account's newest invitation works, for the accounts that have one
    /// still good at `at`.
    pub fn invited_until(
        conn: &mut DbConnection,
        user_ids: &[UserId],
        at: NaiveDateTime,
    ) -> QueryResult<HashMap<UserId, NaiveDateTime>> {
        let mut until = HashMap::new();
        for chunk in user_ids.chunks(500) {
            let rows: Vec<(UserId, NaiveDateTime)> = account_links::table
                .filter(account_links::user_id.eq_any(chunk))
                .filter(account_links::purpose.eq(LinkPurpose::Invitation))
                .filter(account_links::used_at.is_null())
                .filter(account_links::revoked_at.is_null())
                .filter(account_links::expires_at.gt(at))
                .select((account_links::user_id, account_links::expires_at))
                .load(conn)?;
            for (user, expires) in rows {
                let latest = until.entry(user).or_insert(expires);
                *latest = (*latest).max(expires);
            }
        }
        Ok(until)
    }
}
