//! Email: what is sent, how each account chooses to hear of it, and the outbox an admin reads.
//! No email holds plan content, only that something waits and a link to it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::id::EmailId;
use crate::role::Role;

crate::keyed_enum! {
    /// What an email is about. The first three are always sent at once; the others follow
    /// the reader's [`Delivery`] choice.
    pub enum EmailKind {
        /// A new account's link to choose a password.
        Invitation = "invitation",
        /// A member of staff's link to choose a new password.
        PasswordReset = "password_reset",
        /// An admin checking that email works.
        Test = "test",
        /// One email a day listing the news a reader chose to hear of daily.
        Digest = "digest",
        /// A plan's review is due in 14 days, or is overdue (key worker and managers).
        ReviewDue = "review_due",
        /// Part 1 of a review was submitted; Part 2 waits for a manager.
        PartTwoWaiting = "part_two_waiting",
        /// Someone asked for a review.
        ReviewRequested = "review_requested",
        /// A family member suggested something (the person and their key worker).
        SuggestionMade = "suggestion_made",
        /// A suggestion was agreed or declined (the family member who made it).
        SuggestionDecided = "suggestion_decided",
        /// A consent to share ends in 14 days (the person and the family member).
        ConsentEnding = "consent_ending",
        /// A sign-in card was made for a person (the team's managers).
        SignInCardIssued = "sign_in_card_issued",
    }
}

impl EmailKind {
    /// Whether the reader chooses how to hear of it: an invitation, a password reset and a
    /// test email are the thing itself, so they always go at once.
    pub fn is_chosen(self) -> bool {
        !matches!(
            self,
            Self::Invitation | Self::PasswordReset | Self::Test | Self::Digest
        )
    }

    /// The kinds a reader chooses for.
    pub fn chosen() -> impl Iterator<Item = Self> {
        Self::ALL.iter().copied().filter(|k| k.is_chosen())
    }

    /// The chosen kinds someone in `role` can receive, so their settings ask only about
    /// those (a person supported is never asked about Part 2 of a review).
    pub fn for_role(role: Role) -> Vec<Self> {
        match role {
            Role::Individual => vec![Self::SuggestionMade, Self::ConsentEnding],
            Role::Family => vec![Self::SuggestionDecided, Self::ConsentEnding],
            Role::SupportWorker => {
                vec![Self::ReviewDue, Self::ReviewRequested, Self::SuggestionMade]
            }
            Role::Manager => vec![
                Self::ReviewDue,
                Self::PartTwoWaiting,
                Self::ReviewRequested,
                Self::SuggestionMade,
                Self::SignInCardIssued,
            ],
            Role::Admin => Vec::new(),
        }
    }
}

crate::keyed_enum! {
    /// How a reader hears of one kind of news.
    pub enum Delivery {
        /// An email as soon as it happens.
        AtOnce = "at_once",
        /// One email a day listing what happened.
        Daily = "daily",
        /// Only in Ourplan's notifications.
        AppOnly = "app_only",
    }
}

crate::keyed_enum! {
    /// The languages emails are written in: those of the translation catalogue.
    pub enum EmailLanguage {
        English = "en",
        Polish = "pl",
    }
}

crate::keyed_enum! {
    /// Where an email is in the outbox.
    pub enum EmailStatus {
        /// Waiting to be sent (again, after a failed try, at `next_attempt_at`).
        Pending = "pending",
        /// Handed to the mail server and not yet answered; left so by a crash, it is not sent
        /// again on its own, because it may have arrived.
        Sending = "sending",
        Sent = "sent",
        /// Given up, with the mail server's answer.
        Failed = "failed",
        /// Waiting for the reader's daily digest.
        Held = "held",
        /// Went out inside a daily digest.
        Digested = "digested",
    }
}

/// One kind and how the reader hears of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindDelivery {
    pub kind: EmailKind,
    pub delivery: Delivery,
}

/// `GET`/`PUT /api/v1/me/email-preferences`: the reader's language and choice per kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailPreferences {
    pub language: EmailLanguage,
    /// Every kind the reader may receive and choose for; a kind left out of a `PUT` keeps its
    /// choice.
    pub kinds: Vec<KindDelivery>,
    /// Whether this server sends email at all (read-only).
    #[serde(default)]
    pub email_on: bool,
    /// Where emails go (read-only).
    #[serde(default)]
    pub address: String,
}

/// `POST /api/v1/email/unsubscribe`: the token from an email's unsubscribe link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnsubscribeToken {
    pub token: String,
}

/// What an unsubscribe did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unsubscribed {
    pub kind: EmailKind,
    /// Now `app_only`.
    pub delivery: Delivery,
}

/// One email in the admin's outbox: who, what about and how it went, never its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxEmail {
    pub id: EmailId,
    pub to_address: String,
    pub kind: EmailKind,
    pub subject: String,
    pub status: EmailStatus,
    pub attempts: i32,
    /// The mail server's answer to the last failed try.
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/admin/outbox`: whether email is on, counts by status, the newest 100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outbox {
    pub email_on: bool,
    /// The sender's address, when email is on.
    pub from: Option<String>,
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    pub items: Vec<OutboxEmail>,
}

/// `POST /api/v1/admin/outbox/test`: send a test email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestEmail {
    pub to: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_tests_are_never_held_back() {
        assert!(!EmailKind::Invitation.is_chosen());
        assert!(!EmailKind::PasswordReset.is_chosen());
        assert!(EmailKind::chosen().all(|k| k != EmailKind::Test));
        assert_eq!(EmailKind::chosen().count(), EmailKind::ALL.len() - 4);
    }
}
