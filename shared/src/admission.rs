//! Admitting a person to the service: their details, the team that supports
//! them and their key worker. The date support starts starts the 28-day clock.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::display::DisplayMode;
use crate::id::{TeamId, UserId};
use crate::organisation::Person;

/// A person's own details, as admitted and as corrected later (`PUT /persons/{id}` with
/// `If-Match`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonDetails {
    pub full_name: String,
    #[serde(default)]
    pub preferred_name: Option<String>,
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
    /// The day support starts: the plan is due 28 days after it, the first review 6 weeks.
    pub support_started_on: NaiveDate,
    #[serde(default)]
    pub preferred_format: DisplayMode,
    /// A BCP 47 language tag such as `en-GB`, `cy` or `pl`.
    pub preferred_language: String,
    #[serde(default)]
    pub communication_needs: String,
    #[serde(default)]
    pub communication_aids: String,
}

impl PersonDetails {
    /// The same details with spaces trimmed and an empty preferred name left out, as stored.
    pub fn tidied(self) -> Self {
        let preferred_name = self
            .preferred_name
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty());
        Self {
            full_name: self.full_name.trim().to_owned(),
            preferred_name,
            preferred_language: self.preferred_language.trim().to_owned(),
            communication_needs: self.communication_needs.trim().to_owned(),
            communication_aids: self.communication_aids.trim().to_owned(),
            ..self
        }
    }
}

impl From<&Person> for PersonDetails {
    fn from(person: &Person) -> Self {
        Self {
            full_name: person.full_name.clone(),
            preferred_name: person.preferred_name.clone(),
            date_of_birth: person.date_of_birth,
            support_started_on: person.support_started_on,
            preferred_format: person.preferred_format,
            preferred_language: person.preferred_language.clone(),
            communication_needs: person.communication_needs.clone(),
            communication_aids: person.communication_aids.clone(),
        }
    }
}

/// `POST /api/v1/persons`: admit a person; their empty draft plan is made with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Admission {
    pub person: PersonDetails,
    /// The team that supports them: one the admitting staff member is on (admins: any).
    pub team_id: TeamId,
    /// A member of that team.
    #[serde(default)]
    pub key_worker_id: Option<UserId>,
    /// Admit them even though someone with the same name and date of birth is supported
    /// already (the first try is refused with 409 and field `duplicate`, so staff can check).
    #[serde(default)]
    pub not_a_duplicate: bool,
}

/// The field a possible duplicate is refused on (409), so the form can ask "is this someone
/// else?" rather than show an error.
pub const DUPLICATE_FIELD: &str = "duplicate";
