//! Rows and the queries on them: read structs and insert structs kept apart, queries as
//! methods returning `QueryResult`.

pub mod organisation;
pub mod person;
pub mod plan;
pub mod user;

use chrono::{NaiveDateTime, SubsecRound, Utc};

/// A new UUID v7 id: time-ordered, so inserts land at the end of the primary-key index.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current UTC time at the microsecond precision both databases keep.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}
