//! The audit trail: append-only (the database refuses updates and deletes) and hash-chained,
//! so that a row changed or deleted behind the database's back is detected by [`verify`].

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::audit::{AccessLogEntry, AuditAction};
use ourplan_shared::role::Role;

use super::{new_id, now};
use crate::auth::secret::sha256_hex;
use crate::db::DbConnection;
use crate::db::schema::{audit_chain, audit_events, users};

/// One audited action, before it joins the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub organisation_id: Option<String>,
    pub actor_user_id: Option<String>,
    /// The actor's role at the time, or `system`.
    pub actor_role: Option<String>,
    pub action: AuditAction,
    pub entity: String,
    pub entity_id: Option<String>,
    pub person_id: Option<String>,
    pub allowed: bool,
    pub grant_id: Option<String>,
}

impl AuditEntry {
    /// An allowed action by a signed-in user (`actor_role` is their role now).
    pub fn by(
        organisation_id: &str,
        user_id: &str,
        role: Role,
        action: AuditAction,
        entity: &str,
    ) -> Self {
        Self {
            organisation_id: Some(organisation_id.to_owned()),
            actor_user_id: Some(user_id.to_owned()),
            actor_role: Some(role.key().to_owned()),
            action,
            entity: entity.to_owned(),
            entity_id: None,
            person_id: None,
            allowed: true,
            grant_id: None,
        }
    }

    /// An allowed action by the server itself, on an operator's command.
    pub fn system(organisation_id: &str, action: AuditAction, entity: &str) -> Self {
        Self {
            organisation_id: Some(organisation_id.to_owned()),
            actor_user_id: None,
            actor_role: Some("system".to_owned()),
            action,
            entity: entity.to_owned(),
            entity_id: None,
            person_id: None,
            allowed: true,
            grant_id: None,
        }
    }

    /// The person whose record this is.
    pub fn about(mut self, person_id: &str) -> Self {
        self.person_id = Some(person_id.to_owned());
        self
    }

    /// The object acted on.
    pub fn object(mut self, entity_id: &str) -> Self {
        self.entity_id = Some(entity_id.to_owned());
        self
    }

    /// The grants the access came through.
    pub fn via(mut self, grant_ids: &[String]) -> Self {
        self.grant_id = (!grant_ids.is_empty()).then(|| grant_ids.join(","));
        self
    }

    /// Refused. A refused attempt names what was asked for, which may not exist, as its
    /// object and not as the person, so it never shows in that person's access log.
    pub fn refused(mut self) -> Self {
        self.allowed = false;
        if let Some(person_id) = self.person_id.take() {
            self.entity_id.get_or_insert(person_id);
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditEventRow {
    pub id: String,
    pub seq: i64,
    pub organisation_id: Option<String>,
    pub occurred_at: NaiveDateTime,
    pub actor_user_id: Option<String>,
    pub actor_role: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub person_id: Option<String>,
    pub outcome: String,
    pub grant_id: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The entity of an entry whose contents were cleared when its person was purged.
pub const TOMBSTONE: &str = "purged";

/// The entity of an entry about a person whose team a member of staff joined or left; its
/// object is that staff member's account.
pub const TEAM_MEMBER: &str = "team_member";

/// One line of the access log as the query returns it.
#[derive(Debug, Queryable)]
struct AccessLogRow {
    occurred_at: NaiveDateTime,
    actor_name: Option<String>,
    actor_role: Option<String>,
    action: String,
    entity: String,
    subject_name: Option<String>,
}

// The account an entry is about, beside the one who made it: who joined the person's team.
diesel::alias!(users as subjects: SubjectAlias);

impl AuditEventRow {
    /// The hash of this row's fields and the previous row's hash.
    pub fn compute_hash(&self) -> String {
        let fields = [
            self.prev_hash.as_str(),
            &self.seq.to_string(),
            &self.id,
            self.organisation_id.as_deref().unwrap_or(""),
            &self.occurred_at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
            self.actor_user_id.as_deref().unwrap_or(""),
            self.actor_role.as_deref().unwrap_or(""),
            &self.action,
            &self.entity,
            self.entity_id.as_deref().unwrap_or(""),
            self.person_id.as_deref().unwrap_or(""),
            &self.outcome,
            self.grant_id.as_deref().unwrap_or(""),
        ];
        // The unit separator cannot occur in any field, so no two rows hash alike by accident.
        sha256_hex(&fields.join("\u{1f}"))
    }

    /// The newest entries about one person, with the actor's name: "who has looked at my
    /// plan". One indexed query.
    pub fn access_log(
        conn: &mut DbConnection,
        person_id: &str,
        limit: i64,
    ) -> QueryResult<Vec<AccessLogEntry>> {
        let rows: Vec<AccessLogRow> = audit_events::table
            .left_join(users::table.on(users::id.nullable().eq(audit_events::actor_user_id)))
            .left_join(
                subjects.on(audit_events::entity.eq(TEAM_MEMBER).and(
                    subjects
                        .field(users::id)
                        .nullable()
                        .eq(audit_events::entity_id),
                )),
            )
            .filter(audit_events::person_id.eq(person_id))
            .filter(audit_events::outcome.eq("allowed"))
            .order(audit_events::seq.desc())
            .limit(limit)
            .select((
                audit_events::occurred_at,
                users::display_name.nullable(),
                audit_events::actor_role,
                audit_events::action,
                audit_events::entity,
                subjects.field(users::display_name).nullable(),
            ))
            .load(conn)?;
        rows.into_iter()
            .map(|row| {
                Ok(AccessLogEntry {
                    occurred_at: super::utc(row.occurred_at),
                    actor_name: row.actor_name,
                    actor_role: row.actor_role.as_deref().and_then(Role::from_key),
                    action: super::key(&row.action, AuditAction::from_key)?,
                    entity: row.entity,
                    subject_name: row.subject_name,
                })
            })
            .collect()
    }

    pub fn for_person(conn: &mut DbConnection, person_id: &str) -> QueryResult<Vec<Self>> {
        audit_events::table
            .filter(audit_events::person_id.eq(person_id))
            .order(audit_events::seq)
            .select(Self::as_select())
            .load(conn)
    }
}

/// Appends entries to the chain in one transaction. The first statement updates the chain's
/// head row, which takes the write lock on SQLite and the row lock on PostgreSQL, so appends
/// from several instances queue instead of forking the chain.
pub fn append(conn: &mut DbConnection, entries: &[AuditEntry]) -> QueryResult<usize> {
    let identified: Vec<(String, &AuditEntry)> = entries.iter().map(|e| (new_id(), e)).collect();
    append_identified(conn, &identified)
}

/// [`append`], each entry with an id chosen beforehand (a purge's tombstones name its entry).
pub fn append_identified(
    conn: &mut DbConnection,
    entries: &[(String, &AuditEntry)],
) -> QueryResult<usize> {
    if entries.is_empty() {
        return Ok(0);
    }
    conn.transaction(|conn| {
        diesel::update(audit_chain::table.find(1))
            .set(audit_chain::last_seq.eq(audit_chain::last_seq))
            .execute(conn)?;
        let (mut seq, mut prev_hash): (i64, String) = audit_chain::table
            .find(1)
            .select((audit_chain::last_seq, audit_chain::last_hash))
            .first(conn)?;
        let at = now();
        let mut rows = Vec::with_capacity(entries.len());
        for (entry_id, entry) in entries {
            seq += 1;
            let mut row = AuditEventRow {
                id: entry_id.clone(),
                seq,
                organisation_id: entry.organisation_id.clone(),
                occurred_at: at,
                actor_user_id: entry.actor_user_id.clone(),
                actor_role: entry.actor_role.clone(),
                action: entry.action.key().to_owned(),
                entity: entry.entity.clone(),
                entity_id: entry.entity_id.clone(),
                person_id: entry.person_id.clone(),
                outcome: if entry.allowed { "allowed" } else { "refused" }.to_owned(),
                grant_id: entry.grant_id.clone(),
                prev_hash: prev_hash.clone(),
                hash: String::new(),
            };
            row.hash = row.compute_hash();
            prev_hash = row.hash.clone();
            rows.push(row);
        }
        let inserted = super::insert_rows!(conn, audit_events::table, &rows)?;
        diesel::update(audit_chain::table.find(1))
            .set((
                audit_chain::last_seq.eq(seq),
                audit_chain::last_hash.eq(&prev_hash),
            ))
            .execute(conn)?;
        Ok(inserted)
    })
}

/// Where the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The first row that does not fit, or the head's sequence number if rows are missing
    /// from the end.
    pub seq: i64,
    pub reason: String,
}

/// Walks the whole chain in order; returns how many rows it checked.
pub fn verify(conn: &mut DbConnection) -> QueryResult<Result<i64, ChainBreak>> {
    const PAGE: i64 = 10_000;
    let mut expected_seq = 1;
    let mut prev_hash = "0".repeat(64);
    // Purges seen, and tombstones by the purge they name, with the first one's place.
    let mut purges = std::collections::HashSet::new();
    let mut tombstones = std::collections::HashMap::new();
    loop {
        let page: Vec<AuditEventRow> = audit_events::table
            .filter(audit_events::seq.ge(expected_seq))
            .order(audit_events::seq)
            .limit(PAGE)
            .select(AuditEventRow::as_select())
            .load(conn)?;
        let done = (page.len() as i64) < PAGE;
        for row in page {
            let broken = |reason: &str| {
                Ok(Err(ChainBreak {
                    seq: row.seq,
                    reason: reason.to_owned(),
                }))
            };
            if row.seq != expected_seq {
                return Ok(Err(ChainBreak {
                    seq: expected_seq,
                    reason: "a row is missing".to_owned(),
                }));
            }
            if row.prev_hash != prev_hash {
                return broken("it does not follow the row before it");
            }
            if row.entity == TOMBSTONE {
                // Its contents went with a purged person; its purge must follow, intact.
                match &row.entity_id {
                    Some(purge) => {
                        tombstones.entry(purge.clone()).or_insert(row.seq);
                    }
                    None => return broken("it is a tombstone that names no purge"),
                }
            } else if row.compute_hash() != row.hash {
                return broken("its contents were changed");
            } else if row.entity == "person"
                && row.action == AuditAction::Delete.key()
                && row.actor_role.as_deref() == Some("system")
            {
                purges.insert(row.id.clone());
            }
            prev_hash = row.hash;
            expected_seq += 1;
        }
        if done {
            break;
        }
    }
    if let Some(seq) = tombstones
        .iter()
        .filter(|(purge, _)| !purges.contains(*purge))
        .map(|(_, seq)| *seq)
        .min()
    {
        return Ok(Err(ChainBreak {
            seq,
            reason: "it is a tombstone that no purge accounts for".to_owned(),
        }));
    }
    let (last_seq, last_hash): (i64, String) = audit_chain::table
        .find(1)
        .select((audit_chain::last_seq, audit_chain::last_hash))
        .first(conn)?;
    if last_seq != expected_seq - 1 || last_hash != prev_hash {
        return Ok(Err(ChainBreak {
            seq: last_seq,
            reason: "rows are missing from the end".to_owned(),
        }));
    }
    Ok(Ok(expected_seq - 1))
}
