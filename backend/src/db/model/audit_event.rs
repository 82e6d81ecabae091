//! The audit trail: append-only (the database refuses updates and deletes) and hash-chained,
//! so that a row changed or deleted behind the database's back is detected by [`verify`].
//!
//! A write stores its entries in `pending_audit_events` in its own transaction ([`append`]),
//! taking no lock; the next group commit ([`chain`], from `crate::audit`'s writer) moves them
//! into the chain, in the order they happened, under the head row's lock. Until then they are
//! as durable as the write, and the database lets them leave only into the chain.

use ourplan_shared::id::{AccessGrantId, OrganisationId, PersonId, SignInCodeId, UserId};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::audit::{AccessLogEntry, AuditAction};
use ourplan_shared::role::Role;

use super::{new_id, now};
use crate::auth::secret::sha256_hex;
use crate::db::DbConnection;
use crate::db::schema::{audit_chain, audit_events, pending_audit_events, sign_in_codes, users};

/// One audited action, before it joins the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub organisation_id: Option<OrganisationId>,
    pub actor_user_id: Option<String>,
    /// The actor's role at the time, or `system`.
    pub actor_role: Option<String>,
    pub action: AuditAction,
    pub entity: String,
    pub entity_id: Option<String>,
    pub person_id: Option<PersonId>,
    pub allowed: bool,
    pub grant_id: Option<String>,
    /// The sign-in card the actor's session began with.
    pub card_id: Option<String>,
}

impl AuditEntry {
    /// An allowed action by a signed-in user (`actor_role` is their role now).
    pub fn by(
        organisation_id: OrganisationId,
        user_id: UserId,
        role: Role,
        action: AuditAction,
        entity: &str,
    ) -> Self {
        Self {
            organisation_id: Some(organisation_id.to_owned()),
            actor_user_id: Some(user_id.to_string()),
            actor_role: Some(role.key().to_owned()),
            action,
            entity: entity.to_owned(),
            entity_id: None,
            person_id: None,
            allowed: true,
            grant_id: None,
            card_id: None,
        }
    }

    /// An allowed action by the server itself, on an operator's command.
    pub fn system(organisation_id: OrganisationId, action: AuditAction, entity: &str) -> Self {
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
            card_id: None,
        }
    }

    /// A sign-in that was refused: nobody is signed in, so there is no actor. It names the
    /// account tried, if there is one, and never what was typed.
    pub fn refused_sign_in(entity: &str, account: Option<&super::user::UserRow>) -> Self {
        Self {
            organisation_id: account.map(|a| a.organisation_id),
            actor_user_id: None,
            actor_role: None,
            action: AuditAction::Create,
            entity: entity.to_owned(),
            entity_id: account.map(|a| a.id.to_string()),
            person_id: None,
            allowed: false,
            grant_id: None,
            card_id: None,
        }
    }

    /// The person whose record this is.
    pub fn about(mut self, person_id: PersonId) -> Self {
        self.person_id = Some(person_id);
        self
    }

    /// The object acted on. Path text only enters the chain as an id: anything longer than
    /// one, or with other characters, is recorded as `invalid`.
    pub fn object(mut self, entity_id: impl std::fmt::Display) -> Self {
        let entity_id = entity_id.to_string();
        let plausible = entity_id.len() <= 80
            && entity_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '/' | '.'));
        self.entity_id = Some(if plausible {
            entity_id
        } else {
            "invalid".to_owned()
        });
        self
    }

    /// The grants the access came through.
    pub fn via(mut self, grant_ids: &[AccessGrantId]) -> Self {
        self.grant_id = (!grant_ids.is_empty()).then(|| {
            let ids: Vec<String> = grant_ids.iter().map(ToString::to_string).collect();
            ids.join(",")
        });
        self
    }

    /// Done in a session that began with this sign-in card.
    pub fn with_card(mut self, card_id: Option<SignInCodeId>) -> Self {
        self.card_id = card_id.map(|id| id.to_string());
        self
    }

    /// Refused. A refused attempt names what was asked for as its object. The person stays
    /// named too when the refusal says they exist (403: may see them, not do this) and an
    /// object is named; otherwise what was asked for may not exist, so the person's id
    /// becomes the object. The access log shows allowed entries only.
    pub fn refused(mut self, person_known: bool) -> Self {
        self.allowed = false;
        let keep = person_known
            && self.entity_id.is_some()
            && self.entity_id != self.person_id.map(|p| p.to_string());
        if !keep && let Some(person_id) = self.person_id.take() {
            self.entity_id.get_or_insert(person_id.to_string());
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
    pub card_id: Option<String>,
}

/// The entity of an entry whose contents were cleared when its person was purged.
pub const TOMBSTONE: &str = "purged";

/// The entity of a password sign-in; its object is the session it began.
pub const SIGN_IN: &str = "sign_in";

/// The entity of a sign-in with a card; its object is the card, and it is about the person,
/// so it shows in "who has looked at my plan" with who made the card.
pub const CARD_SIGN_IN: &str = "card_sign_in";

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
    card_maker: Option<String>,
    card_made_at: Option<NaiveDateTime>,
}

// The account an entry is about, beside the one who made it: who joined the person's team;
// and who made the card someone signed in with.
diesel::alias!(users as subjects: SubjectAlias, users as card_makers: CardMakerAlias);

impl AuditEventRow {
    /// The hash of this row's fields and the previous row's hash: HMAC-SHA-256 under the
    /// audit key installed in this process from the entry its file names, SHA-256 before that
    /// or without a key.
    pub fn compute_hash(&self) -> String {
        self.compute_hash_with(crate::audit::key::installed())
    }

    /// [`Self::compute_hash`] with the given key, or none: what someone without the key would
    /// compute.
    pub fn compute_hash_with(&self, key: Option<&crate::audit::key::AuditKey>) -> String {
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
        // The card joined the fields later: rows without one hash as they always did.
        let mut text = fields.join("\u{1f}");
        if let Some(card) = &self.card_id {
            text.push('\u{1f}');
            text.push_str(card);
        }
        // From where the key file says, the hash is keyed: the database alone cannot forge it.
        match key {
            Some(key) if self.seq >= key.from_seq => key.sign(&text),
            _ => sha256_hex(&text),
        }
    }

    /// The newest entries about one person, with the actor's name: "who has looked at my
    /// plan". One indexed query.
    pub fn access_log(
        conn: &mut DbConnection,
        person_id: PersonId,
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
            .left_join(
                sign_in_codes::table.on(audit_events::entity
                    .eq(CARD_SIGN_IN)
                    .and(sign_in_codes::id.nullable().eq(audit_events::entity_id))),
            )
            .left_join(
                card_makers.on(card_makers
                    .field(users::id)
                    .nullable()
                    .eq(sign_in_codes::issued_by.nullable())),
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
                card_makers.field(users::display_name).nullable(),
                sign_in_codes::issued_at.nullable(),
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
                    subject_name: row.subject_name.or(row.card_maker),
                    card_made_at: row.card_made_at.map(super::utc),
                })
            })
            .collect()
    }

    pub fn for_person(conn: &mut DbConnection, person_id: PersonId) -> QueryResult<Vec<Self>> {
        audit_events::table
            .filter(audit_events::person_id.eq(person_id))
            .order(audit_events::seq)
            .select(Self::as_select())
            .load(conn)
    }
}

/// The sequence number the next entry will take.
pub fn next_seq(conn: &mut DbConnection) -> QueryResult<i64> {
    let last: i64 = audit_chain::table
        .find(1)
        .select(audit_chain::last_seq)
        .first(conn)?;
    Ok(last + 1)
}

/// How many times this process has stored pending entries: the audit writer and the answer to
/// a request that wrote compare it to know whether something may wait to be chained.
static APPENDED: AtomicU64 = AtomicU64::new(0);

/// How many times this process has stored pending entries.
pub fn appended() -> u64 {
    APPENDED.load(Ordering::Acquire)
}

/// An entry stored with its write, not yet in the chain.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pending_audit_events)]
struct PendingRow {
    id: String,
    organisation_id: Option<String>,
    occurred_at: NaiveDateTime,
    actor_user_id: Option<String>,
    actor_role: Option<String>,
    action: String,
    entity: String,
    entity_id: Option<String>,
    person_id: Option<String>,
    outcome: String,
    grant_id: Option<String>,
    card_id: Option<String>,
}

impl PendingRow {
    fn new(id: String, occurred_at: NaiveDateTime, entry: &AuditEntry) -> Self {
        Self {
            id,
            organisation_id: entry.organisation_id.map(|o| o.to_string()),
            occurred_at,
            actor_user_id: entry.actor_user_id.clone(),
            actor_role: entry.actor_role.clone(),
            action: entry.action.key().to_owned(),
            entity: entry.entity.clone(),
            entity_id: entry.entity_id.clone(),
            person_id: entry.person_id.map(|p| p.to_string()),
            outcome: if entry.allowed { "allowed" } else { "refused" }.to_owned(),
            grant_id: entry.grant_id.clone(),
            card_id: entry.card_id.clone(),
        }
    }

    /// This entry at `seq`, after the row whose hash is `prev_hash`.
    fn chained(self, seq: i64, prev_hash: String) -> AuditEventRow {
        let mut row = AuditEventRow {
            id: self.id,
            seq,
            organisation_id: self.organisation_id,
            occurred_at: self.occurred_at,
            actor_user_id: self.actor_user_id,
            actor_role: self.actor_role,
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            person_id: self.person_id,
            outcome: self.outcome,
            grant_id: self.grant_id,
            prev_hash,
            hash: String::new(),
            card_id: self.card_id,
        };
        row.hash = row.compute_hash();
        row
    }
}

/// Stores entries in the caller's transaction, to join the chain at the next group commit.
/// Takes no lock, so writes do not queue on the chain's head; an answer that follows a write
/// waits for that commit (`crate::audit::chain_after_writes`).
pub fn append(conn: &mut DbConnection, entries: &[AuditEntry]) -> QueryResult<usize> {
    if entries.is_empty() {
        return Ok(0);
    }
    let at = now();
    let rows: Vec<PendingRow> = entries
        .iter()
        .map(|entry| PendingRow::new(new_id(), at, entry))
        .collect();
    let stored = super::insert_rows!(conn, pending_audit_events::table, &rows)?;
    APPENDED.fetch_add(1, Ordering::AcqRel);
    Ok(stored)
}

/// Moves every pending entry into the chain, then appends `entries` after them, in one
/// transaction: the group commit. Returns how many rows joined the chain.
pub fn chain(conn: &mut DbConnection, entries: &[AuditEntry]) -> QueryResult<usize> {
    let identified: Vec<(String, &AuditEntry)> = entries.iter().map(|e| (new_id(), e)).collect();
    chain_identified(conn, &identified)
}

/// [`chain`], each entry with an id chosen beforehand (a purge's tombstones name its entry).
/// The first statement updates the chain's head row, which takes the write lock on SQLite and
/// the row lock on PostgreSQL, so chains from several instances queue instead of forking.
pub fn chain_identified(
    conn: &mut DbConnection,
    entries: &[(String, &AuditEntry)],
) -> QueryResult<usize> {
    // Nothing to do, most often, for a request that follows a write another request's group
    // commit already chained: said without taking the lock (or writing at all).
    if entries.is_empty() {
        let waiting: Option<String> = pending_audit_events::table
            .select(pending_audit_events::id)
            .first(conn)
            .optional()?;
        if waiting.is_none() {
            return Ok(0);
        }
    }
    conn.transaction(|conn| {
        diesel::update(audit_chain::table.find(1))
            .set(audit_chain::last_seq.eq(audit_chain::last_seq))
            .execute(conn)?;
        // Read under the lock: whatever another instance chained first is gone from here.
        let pending: Vec<PendingRow> = pending_audit_events::table
            .order((pending_audit_events::occurred_at, pending_audit_events::id))
            .select(PendingRow::as_select())
            .load(conn)?;
        if pending.is_empty() && entries.is_empty() {
            return Ok(0);
        }
        let (mut seq, mut prev_hash): (i64, String) = audit_chain::table
            .find(1)
            .select((audit_chain::last_seq, audit_chain::last_hash))
            .first(conn)?;
        let moved: Vec<String> = pending.iter().map(|row| row.id.clone()).collect();
        let at = now();
        let new = entries
            .iter()
            .map(|(id, entry)| PendingRow::new(id.clone(), at, entry));
        let mut rows = Vec::with_capacity(moved.len() + entries.len());
        for entry in pending.into_iter().chain(new) {
            seq += 1;
            let row = entry.chained(seq, prev_hash);
            prev_hash = row.hash.clone();
            rows.push(row);
        }
        let inserted = super::insert_rows!(conn, audit_events::table, &rows)?;
        for chunk in moved.chunks(500) {
            diesel::delete(
                pending_audit_events::table.filter(pending_audit_events::id.eq_any(chunk)),
            )
            .execute(conn)?;
        }
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

/// The chain as one organisation's admin may see it checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrganisationCheck {
    /// Intact; `checked` of the rows are the organisation's.
    Intact { checked: i64 },
    /// Broken at one of the organisation's own rows (or at rows missing from the end).
    BrokenHere { checked: i64, at: ChainBreak },
    /// Broken in a part that belongs to another organisation: said, but not shown.
    BrokenElsewhere { checked: i64 },
}

/// The chain checked for one organisation: every row is walked, since the links run across
/// organisations on one server, but the answer counts and names only that organisation's
/// rows. The operator's `ourplan audit-verify` sees everything.
pub fn verify_for(
    conn: &mut DbConnection,
    organisation_id: OrganisationId,
) -> QueryResult<OrganisationCheck> {
    let outcome = verify(conn)?;
    let own = |conn: &mut DbConnection, before: Option<i64>| -> QueryResult<i64> {
        let mut query = audit_events::table
            .filter(audit_events::organisation_id.eq(organisation_id))
            .into_boxed();
        if let Some(seq) = before {
            query = query.filter(audit_events::seq.lt(seq));
        }
        query.count().get_result(conn)
    };
    Ok(match outcome {
        Ok(_) => OrganisationCheck::Intact {
            checked: own(conn, None)?,
        },
        Err(at) => {
            let broken_row: Option<Option<String>> = audit_events::table
                .filter(audit_events::seq.eq(at.seq))
                .select(audit_events::organisation_id)
                .first(conn)
                .optional()?;
            let checked = own(conn, Some(at.seq))?;
            match broken_row {
                Some(Some(org)) if org != organisation_id.to_string() => {
                    OrganisationCheck::BrokenElsewhere { checked }
                }
                // Its own row, a row with no organisation, or rows missing: said as it is.
                _ => OrganisationCheck::BrokenHere { checked, at },
            }
        }
    })
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
