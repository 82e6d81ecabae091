//! Needs headings. Every organisation starts with the default list and may rename or add
//! headings; the stable `key` is what findings and reports refer to.

use serde::{Deserialize, Serialize};

use crate::id::NeedsHeadingId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedsHeading {
    pub id: NeedsHeadingId,
    pub key: String,
    pub label: String,
    pub position: i32,
    /// A retired heading keeps its findings but is not offered for new ones.
    pub archived: bool,
}

/// The default headings, in order: (key, label).
pub const DEFAULT_HEADINGS: [(&str, &str); 14] = [
    ("health", "Health"),
    ("medication", "Medication"),
    ("personal_care", "Personal care"),
    ("eating_and_drinking", "Eating and drinking"),
    ("communication", "Communication"),
    ("mobility", "Mobility"),
    ("daily_living", "Daily living"),
    ("money", "Money"),
    ("home", "Home"),
    ("work_and_learning", "Work and learning"),
    ("relationships", "Relationships"),
    ("social_and_community", "Social and community"),
    ("culture_and_beliefs", "Culture and beliefs"),
    ("safety", "Safety"),
];
