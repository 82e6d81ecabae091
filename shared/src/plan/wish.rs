//! Wishes that could not be met.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{PlanId, WishId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishNotMet {
    pub id: WishId,
    pub plan_id: PlanId,
    /// What the person wanted.
    pub text: String,
    pub own_words: Option<String>,
    pub picture: Option<String>,
    pub reason: String,
    pub next_steps: String,
    /// The person was told they may appeal through the complaints procedure.
    pub appeal_explained: bool,
    pub recorded_on: NaiveDate,
    pub row_version: i64,
}
