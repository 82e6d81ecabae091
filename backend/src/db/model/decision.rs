use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::id::{DecisionId, PlanId, UserId};
use ourplan_shared::plan::{Decision, DecisionKind, DecisionStatus, DisagreementAbout};

use super::{insert_rows, item_queries, opt_id, versioned_update};
use crate::db::DbConnection;
use crate::db::schema::decisions;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = decisions)]
pub struct DecisionRow {
    pub id: DecisionId,
    pub plan_id: PlanId,
    pub kind: DecisionKind,
    pub text: String,
    pub own_words: Option<String>,
    pub picture: Option<String>,
    pub who: String,
    pub occurred_on: NaiveDate,
    pub evidence: String,
    pub status: DecisionStatus,
    pub resolution: Option<String>,
    pub resolved_on: Option<NaiveDate>,
    pub recorded_by: Option<UserId>,
    pub row_version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub about_section: Option<PlanSection>,
    pub about_kind: Option<String>,
    pub about_id: Option<String>,
    pub about_words: Option<String>,
    pub resolves: Option<String>,
}

#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = decisions, treat_none_as_null = true)]
pub struct DecisionChanges {
    pub kind: DecisionKind,
    pub text: String,
    pub own_words: Option<String>,
    pub picture: Option<String>,
    pub who: String,
    pub occurred_on: NaiveDate,
    pub evidence: String,
    pub status: DecisionStatus,
    pub resolution: Option<String>,
    pub resolved_on: Option<NaiveDate>,
}

impl DecisionRow {
    pub fn from_wire(d: &Decision, at: NaiveDateTime) -> Self {
        Self {
            id: d.id,
            plan_id: d.plan_id,
            kind: d.kind,
            text: d.text.clone(),
            own_words: d.own_words.clone(),
            picture: d.picture.clone(),
            who: d.who.clone(),
            occurred_on: d.occurred_on,
            evidence: d.evidence.clone(),
            status: d.status,
            resolution: d.resolution.clone(),
            resolved_on: d.resolved_on,
            recorded_by: d.recorded_by,
            row_version: d.row_version,
            created_at: at,
            updated_at: at,
            about_section: d.about.as_ref().map(|a| a.section),
            about_kind: d.about.as_ref().map(|a| a.item_kind.clone()),
            about_id: d.about.as_ref().map(|a| a.item_id.clone()),
            about_words: d.about.as_ref().and_then(|a| a.words.clone()),
            resolves: d.resolves.map(|r| r.to_string()),
        }
    }

    pub fn into_wire(self) -> QueryResult<Decision> {
        let about = match (self.about_section, self.about_kind, self.about_id) {
            (Some(section), Some(item_kind), Some(item_id)) => Some(DisagreementAbout {
                section,
                item_kind,
                item_id,
                words: self.about_words,
            }),
            _ => None,
        };
        Ok(Decision {
            id: self.id,
            plan_id: self.plan_id,
            kind: self.kind,
            text: self.text,
            own_words: self.own_words,
            picture: self.picture,
            who: self.who,
            occurred_on: self.occurred_on,
            evidence: self.evidence,
            status: self.status,
            resolution: self.resolution,
            resolved_on: self.resolved_on,
            recorded_by: self.recorded_by,
            about,
            resolves: opt_id(self.resolves.as_deref())?,
            row_version: self.row_version,
        })
    }

    super::plan_rows!(decisions, Self, (occurred_on, id));

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, decisions::table, rows)
    }
}

impl DecisionChanges {
    pub fn from_wire(d: &Decision) -> Self {
        Self {
            kind: d.kind,
            text: d.text.clone(),
            own_words: d.own_words.clone(),
            picture: d.picture.clone(),
            who: d.who.clone(),
            occurred_on: d.occurred_on,
            evidence: d.evidence.clone(),
            status: d.status,
            resolution: d.resolution.clone(),
            resolved_on: d.resolved_on,
        }
    }
}

versioned_update!(decisions, DecisionChanges, id: DecisionId);

item_queries!(decisions, DecisionRow, DecisionId);
