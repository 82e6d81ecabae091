use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::id::{PlanId, WishId};
use ourplan_shared::plan::WishNotMet;

use super::{insert_rows, item_queries, versioned_update};
use crate::db::DbConnection;
use crate::db::schema::wishes_not_met;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = wishes_not_met)]
pub struct WishRow {
    pub id: WishId,
    pub plan_id: PlanId,
    pub text: String,
    pub own_words: Option<String>,
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub reason: String,
    pub next_steps: String,
    pub appeal_explained: bool,
    pub recorded_on: NaiveDate,
    pub row_version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = wishes_not_met, treat_none_as_null = true)]
pub struct WishChanges {
    pub text: String,
    pub own_words: Option<String>,
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub reason: String,
    pub next_steps: String,
    pub appeal_explained: bool,
    pub recorded_on: NaiveDate,
}

impl WishRow {
    pub fn from_wire(w: &WishNotMet, at: NaiveDateTime) -> Self {
        Self {
            id: w.id,
            plan_id: w.plan_id,
            text: w.text.clone(),
            own_words: w.own_words.clone(),
            easy_read: w.easy_read.clone(),
            picture: w.picture.clone(),
            reason: w.reason.clone(),
            next_steps: w.next_steps.clone(),
            appeal_explained: w.appeal_explained,
            recorded_on: w.recorded_on,
            row_version: w.row_version,
            created_at: at,
            updated_at: at,
        }
    }

    pub fn into_wire(self) -> QueryResult<WishNotMet> {
        Ok(WishNotMet {
            id: self.id,
            plan_id: self.plan_id,
            text: self.text,
            own_words: self.own_words,
            easy_read: self.easy_read,
            picture: self.picture,
            reason: self.reason,
            next_steps: self.next_steps,
            appeal_explained: self.appeal_explained,
            recorded_on: self.recorded_on,
            row_version: self.row_version,
        })
    }

    super::plan_rows!(wishes_not_met, Self, (recorded_on, id));

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, wishes_not_met::table, rows)
    }
}

impl WishChanges {
    pub fn from_wire(w: &WishNotMet) -> Self {
        Self {
            text: w.text.clone(),
            own_words: w.own_words.clone(),
            easy_read: w.easy_read.clone(),
            picture: w.picture.clone(),
            reason: w.reason.clone(),
            next_steps: w.next_steps.clone(),
            appeal_explained: w.appeal_explained,
            recorded_on: w.recorded_on,
        }
    }
}

versioned_update!(wishes_not_met, WishChanges, id: WishId);

item_queries!(wishes_not_met, WishRow, WishId);
