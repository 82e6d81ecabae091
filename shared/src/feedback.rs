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

/// `POST /api/v1/persons/{id}/feedback`: a compliment, comment, challenge or complaint about
/// the plan or how it is carried out, from the person, family or staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackInput {
    pub kind: FeedbackKind,
    pub about: FeedbackAbout,
    pub text: String,
    #[serde(default)]
    pub picture: Option<String>,
}

/// `POST /api/v1/persons/{id}/feedback/{feedback_id}/response` (with `If-Match`): staff answer
/// it, and say whether it is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackResponse {
    pub response: String,
    #[serde(default)]
    pub close: bool,
}

impl FeedbackKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Compliment => "Something good",
            Self::Comment => "A comment",
            Self::Challenge => "Something I want changed",
            Self::Complaint => "A complaint",
        }
    }
}

impl FeedbackAbout {
    pub fn label(self) -> &'static str {
        match self {
            Self::Plan => "The plan",
            Self::Implementation => "How my support is given",
        }
    }
}

/// How to complain, shown wherever feedback is given (R-12, and R-7's right to appeal).
pub const COMPLAINTS_ROUTE: &str = "If you are not happy with the answer, you can make a formal \
complaint. Ask any member of staff for the complaints form, or write to the manager. You can \
ask an advocate or someone you trust to help you. If you are still not happy, you can contact \
the Local Government and Social Care Ombudsman.";
