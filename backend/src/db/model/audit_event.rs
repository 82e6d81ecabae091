use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::audit::AuditAction;

use super::{insert_rows, new_id, now};
use crate::db::DbConnection;
use crate::db::schema::audit_events;

/// One audited action. Rows are never changed or deleted (the database refuses it).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditEventRow {
    pub id: String,
    pub organisation_id: String,
    pub occurred_at: NaiveDateTime,
    pub actor_user_id: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub person_id: Option<String>,
}

impl AuditEventRow {
    pub fn new(
        organisation_id: &str,
        actor_user_id: Option<&str>,
        action: AuditAction,
        entity: &str,
        entity_id: Option<&str>,
        person_id: Option<&str>,
    ) -> Self {
        Self {
            id: new_id(),
            organisation_id: organisation_id.to_owned(),
            occurred_at: now(),
            actor_user_id: actor_user_id.map(str::to_owned),
            action: action.key().to_owned(),
            entity: entity.to_owned(),
            entity_id: entity_id.map(str::to_owned),
            person_id: person_id.map(str::to_owned),
        }
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, audit_events::table, rows)
    }

    pub fn for_person(conn: &mut DbConnection, person_id: &str) -> QueryResult<Vec<Self>> {
        audit_events::table
            .filter(audit_events::person_id.eq(person_id))
            .order((audit_events::occurred_at, audit_events::id))
            .select(Self::as_select())
            .load(conn)
    }
}
