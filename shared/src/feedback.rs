//! Compliments, comments, challenges and complaints.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{FeedbackId, PlanId, UserId};

crate::keyed_enum! {
    pub enum FeedbackKind {
        Compliment = "compliment",
        Comment = "comment",
        Challenge = "challenge",
        Complaint = "complaint",
    }
}

crate::keyed_enum! {
    pub enum FeedbackAbout {
        /// The plan itself.
        Plan = "plan",
        /// How the plan is carried out.
        Implementation = "implementation",
    }
}

crate::keyed_enum! {
    pub enum FeedbackStatus {
        Open = "open",
        Responded = "responded",
        Closed = "closed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Feedback {
    pub id: FeedbackId,
    pub plan_id: PlanId,
    pub author_user_id: Option<UserId>,
    pub author_name: String,
    pub kind: FeedbackKind,
    pub about: FeedbackAbout,
    pub text: String,
    pub picture: Option<String>,
    pub status: FeedbackStatus,
    pub response: Option<String>,
    pub responded_by: Option<UserId>,
    pub responded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub row_version: i64,
}
