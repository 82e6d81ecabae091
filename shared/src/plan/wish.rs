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
    /// The easy-read sentence in the person's own voice ("I need a reminder…"): what the
    /// person reads of their own plan.
    pub easy_read: Option<String>,
    pub picture: Option<String>,
    pub reason: String,
    pub next_steps: String,
    /// The person was told they may appeal through the complaints procedure.
    pub appeal_explained: bool,
    pub recorded_on: NaiveDate,
    pub row_version: i64,
}

/// A wish not met as staff record it (`POST`/`PUT /api/v1/persons/{id}/wishes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishInput {
    pub text: String,
    #[serde(default)]
    pub own_words: Option<String>,
    #[serde(default)]
    pub easy_read: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    pub reason: String,
    pub next_steps: String,
    #[serde(default)]
    pub appeal_explained: bool,
    pub recorded_on: NaiveDate,
}

impl WishInput {
    pub fn into_wish(self, id: WishId, plan_id: PlanId, row_version: i64) -> WishNotMet {
        WishNotMet {
            id,
            plan_id,
            text: self.text,
            own_words: self.own_words.filter(|w| !w.trim().is_empty()),
            easy_read: self.easy_read.filter(|w| !w.trim().is_empty()),
            picture: self.picture,
            reason: self.reason,
            next_steps: self.next_steps,
            appeal_explained: self.appeal_explained,
            recorded_on: self.recorded_on,
            row_version,
        }
    }
}
