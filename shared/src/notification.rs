//! In-app notifications: a manager hears that Part 2 of a review waits for them, staff hear
//! that the person asked for a review.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{NotificationId, PersonId, ReviewId};

crate::keyed_enum! {
    pub enum NotificationKind {
        /// Part 1 of a review was submitted; Part 2 is the manager's.
        PartTwoWaiting = "part_two_waiting",
        /// The person (or someone for them) asked for a review.
        ReviewRequested = "review_requested",
        /// A member of staff made a sign-in card for the person: the team's managers hear of
        /// it, since whoever holds the card can act as the person.
        SignInCardIssued = "sign_in_card_issued",
        /// A plan's review is due within 14 days, or is overdue.
        ReviewDue = "review_due",
        /// A family member suggested something.
        SuggestionMade = "suggestion_made",
        /// A suggestion was agreed or declined.
        SuggestionDecided = "suggestion_decided",
        /// A consent to share ends within 14 days.
        ConsentEnding = "consent_ending",
    }
}

impl NotificationKind {
    /// The email that tells the same news.
    pub fn email(self) -> crate::email::EmailKind {
        use crate::email::EmailKind;
        match self {
            Self::PartTwoWaiting => EmailKind::PartTwoWaiting,
            Self::ReviewRequested => EmailKind::ReviewRequested,
            Self::SignInCardIssued => EmailKind::SignInCardIssued,
            Self::ReviewDue => EmailKind::ReviewDue,
            Self::SuggestionMade => EmailKind::SuggestionMade,
            Self::SuggestionDecided => EmailKind::SuggestionDecided,
            Self::ConsentEnding => EmailKind::ConsentEnding,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: NotificationId,
    pub kind: NotificationKind,
    pub person_id: PersonId,
    pub review_id: Option<ReviewId>,
    /// What happened, in words: "Part 1 of Alex's review is ready for you".
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/me/notifications`: newest first, with how many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notifications {
    pub unread: i64,
    pub items: Vec<Notification>,
}
