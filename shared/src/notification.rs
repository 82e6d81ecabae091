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
