//! Rows and the queries on them: read rows and insert rows, queries as methods returning
//! `QueryResult`, and conversion to and from the types in `shared`. Nothing outside `db/`
//! builds a query.

pub mod access_grant;
pub mod account_link;
pub mod acknowledgement;
pub mod audit_event;
pub mod caseload;
pub mod consent;
pub mod contribution;
pub mod decision;
pub mod email;
pub mod feedback;
pub mod finding;
pub mod goal;
pub mod idempotency_key;
pub mod item_opinion;
pub mod media;
pub mod needs_heading;
pub mod notification;
pub mod organisation;
pub mod person;
pub mod picture_sort;
pub mod plan;
pub mod plan_document;
pub mod plan_version;
pub mod profile;
pub mod programme;
pub mod progress_note;
pub mod purge;
pub mod review;
pub mod review_schedule;
pub mod risk_plan;
pub mod session;
pub mod setup_link;
pub mod sign_in_code;
pub mod signature;
pub mod strategy;
pub mod team;
pub mod user;
pub mod wish;

use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use diesel::QueryResult;
use diesel::result::Error;

/// A new UUID v7 id: time-ordered, so inserts land at the end of the primary-key index.
pub fn fresh_id<T: From<uuid::Uuid>>() -> T {
    uuid::Uuid::now_v7().into()
}

/// [`fresh_id`] as text, for the ids not yet typed in their rows.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current UTC time at the microsecond precision both databases keep.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// A stored UTC time as sent on the wire.
pub fn utc(time: NaiveDateTime) -> DateTime<Utc> {
    time.and_utc()
}

/// A wire time as stored (microseconds, as both databases keep).
pub fn naive(time: DateTime<Utc>) -> NaiveDateTime {
    time.naive_utc().trunc_subsecs(6)
}

fn corrupt(what: &str, value: &str) -> Error {
    Error::DeserializationError(format!("stored {what} {value:?} is not valid").into())
}

/// Reads a stored id into its typed form.
pub fn id<T: FromStr>(text: &str) -> QueryResult<T> {
    text.parse().map_err(|_| corrupt("id", text))
}

pub fn opt_id<T: FromStr>(text: Option<&str>) -> QueryResult<Option<T>> {
    text.map(id).transpose()
}

/// Reads a stored enum key with the type's `from_key`.
pub fn key<T>(text: &str, from_key: fn(&str) -> Option<T>) -> QueryResult<T> {
    from_key(text).ok_or_else(|| corrupt("key", text))
}

/// Inserts many rows with multi-row INSERTs, a chunk at a time. `MultiConnection` cannot
/// batch, so this runs on the concrete connection; the chunk keeps SQLite's bound-parameter
/// count well under its limit.
macro_rules! insert_rows {
    ($conn:expr, $table:path, $rows:expr) => {{
        use diesel::RunQueryDsl;
        let mut inserted = 0;
        for chunk in $rows.chunks(200) {
            inserted += match $conn {
                $crate::db::DbConnection::Sqlite(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
                $crate::db::DbConnection::Postgres(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
            };
        }
        diesel::QueryResult::Ok(inserted)
    }};
}
pub(crate) use insert_rows;

/// What a versioned update did: rows carry `row_version`, and an update names the version it
/// read so that two people editing at once never overwrite each other silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateOutcome {
    /// Saved; the row is now at this version.
    Updated {
        row_version: i64,
    },
    /// Someone saved first; nothing was changed. The row is at this version.
    Conflict {
        current_version: i64,
    },
    NotFound,
}

/// Settles a conditional update that matched `updated` rows: saved, or else a conflict or
/// not found, looked up only when nothing matched.
pub fn settle(
    updated: usize,
    read_version: i64,
    current_version: impl FnOnce() -> QueryResult<Option<i64>>,
) -> QueryResult<UpdateOutcome> {
    if updated == 1 {
        return Ok(UpdateOutcome::Updated {
            row_version: read_version + 1,
        });
    }
    Ok(match current_version()? {
        Some(current_version) => UpdateOutcome::Conflict { current_version },
        None => UpdateOutcome::NotFound,
    })
}

/// `update(conn, key, read_version, &changes)` for a table with `row_version` and
/// `updated_at` columns, keyed by the named column (`id: GoalId`): one conditional UPDATE,
/// and a look-up only when it matched nothing.
macro_rules! versioned_update {
    ($table:ident, $changes:ty, $key:ident: $key_type:ty) => {
        pub fn update(
            conn: &mut $crate::db::DbConnection,
            key: $key_type,
            read_version: i64,
            changes: &$changes,
        ) -> diesel::QueryResult<$crate::db::model::UpdateOutcome> {
            use diesel::prelude::*;
            use $crate::db::schema::$table;
            let updated = diesel::update(
                $table::table
                    .filter($table::$key.eq(key))
                    .filter($table::row_version.eq(read_version)),
            )
            .set((
                changes,
                $table::row_version.eq(read_version + 1),
                $table::updated_at.eq($crate::db::model::now()),
            ))
            .execute(conn)?;
            $crate::db::model::settle(updated, read_version, || {
                $table::table
                    .filter($table::$key.eq(key))
                    .select($table::row_version)
                    .first(conn)
                    .optional()
            })
        }
    };
}
pub(crate) use versioned_update;

/// `for_plan(conn, plan_id)`: a plan's rows of a table with a `plan_id` column, in the given
/// order; and `for_plans(conn, plan_ids)`: the rows of many plans in one query, each plan's in
/// the same order, for reading plans in batches.
macro_rules! plan_rows {
    ($table:ident, $row:ty, ($($order:ident),+)) => {
        pub fn for_plan(
            conn: &mut $crate::db::DbConnection,
            plan_id: ourplan_shared::id::PlanId,
        ) -> diesel::QueryResult<Vec<$row>> {
            use diesel::prelude::*;
            use $crate::db::schema::$table;
            $table::table
                .filter($table::plan_id.eq(plan_id))
                .order(($($table::$order),+))
                .select(<$row>::as_select())
                .load(conn)
        }

        pub fn for_plans(
            conn: &mut $crate::db::DbConnection,
            plan_ids: &[ourplan_shared::id::PlanId],
        ) -> diesel::QueryResult<Vec<$row>> {
            use diesel::prelude::*;
            use $crate::db::schema::$table;
            $table::table
                .filter($table::plan_id.eq_any(plan_ids))
                .order(($($table::$order),+))
                .select(<$row>::as_select())
                .load(conn)
        }
    };
}
pub(crate) use plan_rows;

/// `find_in_plan(conn, plan_id, id)` and `delete(conn, id, read_version)` for a plan item's
/// table (`id`, `plan_id`, `row_version` columns), and `next_position` when it is ordered.
macro_rules! item_queries {
    ($table:ident, $row:ty, $id:ty) => {
        /// One item of one plan.
        pub fn find_in_plan(
            conn: &mut $crate::db::DbConnection,
            plan_id: ourplan_shared::id::PlanId,
            item_id: $id,
        ) -> diesel::QueryResult<Option<$row>> {
            use diesel::prelude::*;
            use $crate::db::schema::$table;
            $table::table
                .filter($table::id.eq(item_id))
                .filter($table::plan_id.eq(plan_id))
                .select(<$row>::as_select())
                .first(conn)
                .optional()
        }

        /// Deletes an item read at `read_version`.
        pub fn delete(
            conn: &mut $crate::db::DbConnection,
            item_id: $id,
            read_version: i64,
        ) -> diesel::QueryResult<$crate::db::model::UpdateOutcome> {
            use diesel::prelude::*;
            use $crate::db::schema::$table;
            let deleted = diesel::delete(
                $table::table
                    .filter($table::id.eq(item_id))
                    .filter($table::row_version.eq(read_version)),
            )
            .execute(conn)?;
            $crate::db::model::settle(deleted, read_version, || {
                $table::table
                    .find(item_id)
                    .select($table::row_version)
                    .first(conn)
                    .optional()
            })
        }
    };
    ($table:ident, $row:ty, $id:ty, positioned) => {
        $crate::db::model::item_queries!($table, $row, $id);

        /// The position after the plan's last item.
        pub fn next_position(
            conn: &mut $crate::db::DbConnection,
            plan_id: ourplan_shared::id::PlanId,
        ) -> diesel::QueryResult<i32> {
            use diesel::prelude::*;
            use $crate::db::schema::$table;
            let last: Option<i32> = $table::table
                .filter($table::plan_id.eq(plan_id))
                .select(diesel::dsl::max($table::position))
                .first(conn)?;
            Ok(last.map_or(1, |p| p + 1))
        }
    };
}
pub(crate) use item_queries;
