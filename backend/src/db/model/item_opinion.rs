//! What the person said about parts of their plan: append-only.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::{DecisionId, PlanId, UserId};
use ourplan_shared::plan::ItemOpinion;

use super::utc;
use crate::db::DbConnection;
use crate::db::schema::item_opinions;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = item_opinions)]
pub struct ItemOpinionRow {
    pub id: String,
    pub plan_id: PlanId,
    pub item_kind: String,
    pub item_id: String,
    pub user_id: UserId,
    pub agrees: bool,
    pub comment: Option<String>,
    pub decision_id: Option<DecisionId>,
    pub created_at: NaiveDateTime,
}

impl ItemOpinionRow {
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<usize> {
        diesel::insert_into(item_opinions::table)
            .values(self)
            .execute(conn)
    }

    pub fn into_wire(self) -> QueryResult<ItemOpinion> {
        Ok(ItemOpinion {
            id: self.id,
            item_kind: self.item_kind,
            item_id: self.item_id,
            agrees: self.agrees,
            comment: self.comment,
            decision_id: self.decision_id,
            created_at: utc(self.created_at),
        })
    }
}
