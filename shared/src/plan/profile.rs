//! The one-page profile, "about me".

use serde::{Deserialize, Serialize};

use crate::id::PlanId;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    pub plan_id: Option<PlanId>,
    pub important_to_me: String,
    pub like_about_me: String,
    pub how_to_support_me: String,
    pub culture_and_beliefs: String,
    pub lifestyle: String,
    pub aspirations: String,
    pub medical_history: String,
    /// The person's own summary, in their words.
    pub own_words: Option<String>,
    pub picture: Option<String>,
    pub row_version: i64,
}
