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

/// The one-page profile as staff write it with the person
/// (`PUT /api/v1/persons/{id}/profile`, with `If-Match`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ProfileInput {
    pub important_to_me: String,
    pub like_about_me: String,
    pub how_to_support_me: String,
    pub culture_and_beliefs: String,
    pub lifestyle: String,
    pub aspirations: String,
    pub medical_history: String,
    pub own_words: Option<String>,
    pub picture: Option<String>,
}

impl ProfileInput {
    pub fn into_profile(self, plan_id: PlanId, row_version: i64) -> Profile {
        Profile {
            plan_id: Some(plan_id),
            important_to_me: self.important_to_me,
            like_about_me: self.like_about_me,
            how_to_support_me: self.how_to_support_me,
            culture_and_beliefs: self.culture_and_beliefs,
            lifestyle: self.lifestyle,
            aspirations: self.aspirations,
            medical_history: self.medical_history,
            own_words: self.own_words.filter(|w| !w.trim().is_empty()),
            picture: self.picture,
            row_version,
        }
    }
}

/// The person's own words for one part of their plan
/// (`PUT /api/v1/persons/{id}/…/own-words`, with `If-Match`); empty or none clears them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnWords {
    #[serde(default)]
    pub own_words: Option<String>,
    /// A picture the person chose for it from the vocabulary; the picture stays as it is when
    /// this is left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
}

impl OwnWords {
    /// The picture asked for, if any, when it is one of the vocabulary's.
    pub fn chosen_picture(&self) -> Result<Option<String>, crate::validation::FieldError> {
        match self.picture.as_deref() {
            None => Ok(None),
            Some(key) if crate::pictures::find(key).is_some() => Ok(Some(key.to_owned())),
            Some(_) => Err(crate::validation::FieldError {
                field: "picture".to_owned(),
                message: "Choose one of the pictures offered.".to_owned(),
            }),
        }
    }

    /// What is stored: trimmed of nothing, but empty means none.
    pub fn into_stored(self) -> Option<String> {
        self.own_words.filter(|w| !w.trim().is_empty())
    }
}
