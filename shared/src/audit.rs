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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// `GET /api/v1/audit/verify`: whether the hash chain is whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditVerification {
    pub intact: bool,
    /// Rows checked before the end or the first break.
    pub checked: i64,
    /// Where the chain breaks, and why, in words.
    pub broken_at_seq: Option<i64>,
    pub reason: Option<String>,
}

/// One line of "who has looked at my plan", in words a person can read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessLogEntry {
    pub occurred_at: DateTime<Utc>,
    /// Who did it, by name; `None` for the system itself.
    pub actor_name: Option<String>,
    pub actor_role: Option<crate::role::Role>,
    pub action: AuditAction,
    /// What was looked at or changed, e.g. `plan`.
    pub entity: String,
    /// Who it was about, by name, where that is someone else than who did it: the member of
    /// staff who joined or left the person's team (`team_member`), or who made the sign-in
    /// card the person signed in with (`card_sign_in`).
    #[serde(default)]
    pub subject_name: Option<String>,
    /// When the card of a `card_sign_in` was made.
    #[serde(default)]
    pub card_made_at: Option<DateTime<Utc>>,
}

impl AccessLogEntry {
    /// "looked at", "changed"… as a person would say it.
    pub fn verb(&self) -> &'static str {
        match self.action {
            AuditAction::Read => "looked at",
            AuditAction::Create => "added to",
            AuditAction::Update => "changed",
            AuditAction::Delete => "removed part of",
            AuditAction::Export => "downloaded",
            AuditAction::Agree => "agreed",
            AuditAction::Sign => "signed",
            AuditAction::ConsentGiven => "recorded consent for",
            AuditAction::ConsentWithdrawn => "recorded a withdrawal of consent for",
            AuditAction::Seed => "set up",
        }
    }
}
