//! Immutable agreed versions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{PlanVersionId, UserId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanVersionSummary {
    pub id: PlanVersionId,
    pub number: i32,
    pub agreed_at: DateTime<Utc>,
    pub agreed_by: Option<UserId>,
    /// What changed from the previous version, e.g. after a review.
    pub change_summary: String,
}
