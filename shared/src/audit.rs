//! Audit events: every read and write of plan content is recorded.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{AuditEventId, PersonId, UserId};

crate::keyed_enum! {
    pub enum AuditAction {
        Read = "read",
        Create = "create",
        Update = "update",
        Delete = "delete",
        Export = "export",
        Agree = "agree",
        Sign = "sign",
        ConsentGiven = "consent_given",
        ConsentWithdrawn = "consent_withdrawn",
        /// Data written by the system itself, such as demo or load-test seeding.
        Seed = "seed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub id: AuditEventId,
    pub occurred_at: DateTime<Utc>,
    pub actor_user_id: Option<UserId>,
    pub action: AuditAction,
    /// The kind of record, e.g. `goal`.
    pub entity: String,
    pub entity_id: Option<String>,
    pub person_id: Option<PersonId>,
}
