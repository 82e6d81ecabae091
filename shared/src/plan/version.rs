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

/// Who on the person's team has read the latest agreed version, and who has not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Acknowledgements {
    /// The latest agreed version; none before the first agreement.
    pub version: Option<i32>,
    pub read: Vec<Reader>,
    pub not_read: Vec<Reader>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reader {
    pub user_id: UserId,
    pub display_name: String,
    pub read_at: Option<DateTime<Utc>>,
}
