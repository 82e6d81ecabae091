//! Organisations, their users and teams, and the people they support.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::display::DisplayMode;
use crate::id::{OrganisationId, PersonId, TeamId, UserId};
use crate::leaving::Leaving;
use crate::role::Role;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    /// Months between reviews after the first: 6 unless the organisation sets 1 to 12
    /// (R-14; `timescale::ReviewPolicy`).
    pub review_interval_months: u32,
    pub created_at: DateTime<Utc>,
    /// An IANA zone name such as `Europe/London`: its calendar days are the timescales' days.
    pub time_zone: String,
    /// Years a person's records are kept after their support ends: 8 unless the
    /// organisation sets 1 to 100. `ourplan purge` removes them after that.
    pub retention_years: u32,
    pub row_version: i64,
}

/// `PUT /api/v1/organisation` (admins, with `If-Match`): how often plans are reviewed after
/// the first review (1 to 12 months), the organisation's time zone, and how long records are
/// kept after support ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationSettings {
    pub review_interval_months: u32,
    pub time_zone: String,
    /// Left out: unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_years: Option<u32>,
}

/// A user as others see them: never the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: UserId,
    pub organisation_id: OrganisationId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The person an `individual` user is.
    pub person_id: Option<PersonId>,
    pub disabled: bool,
    /// For a person supported, the format recorded for them: their pages use it until they
    /// choose another (`GET /me` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_format: Option<DisplayMode>,
    /// For a person supported, the language recorded for them (a BCP 47 tag): their pages speak
    /// it, where the app has it, until they choose another (`GET /me` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_language: Option<String>,
}

/// The person the plan is about (the individual).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub id: PersonId,
    pub organisation_id: OrganisationId,
    pub full_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub support_started_on: NaiveDate,
    pub preferred_format: DisplayMode,
    /// A BCP 47 language tag such as `en-GB` or `cy`.
    pub preferred_language: String,
    pub communication_needs: String,
    pub communication_aids: String,
    pub row_version: i64,
    pub created_at: DateTime<Utc>,
    /// Set once their support has ended: the plan is read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaving: Option<Leaving>,
}

impl Person {
    /// The name to address the person by.
    pub fn name(&self) -> &str {
        self.preferred_name.as_deref().unwrap_or(&self.full_name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    pub id: TeamId,
    pub organisation_id: OrganisationId,
    pub name: String,
}

/// Someone on the team that supports a person (R-11: staff see only their team's people).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub user_id: UserId,
    pub display_name: String,
    pub role: Role,
    /// True for the person's key worker.
    pub key_worker: bool,
}

/// A person as listed: on a caseload, a team, a family member's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonSummary {
    pub id: PersonId,
    pub full_name: String,
    pub preferred_name: Option<String>,
}

/// A team with who is on it and whom it supports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamDetail {
    pub id: TeamId,
    pub name: String,
    pub members: Vec<TeamStaff>,
    pub persons: Vec<TeamPerson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamStaff {
    pub user_id: UserId,
    pub display_name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamPerson {
    pub person_id: PersonId,
    pub full_name: String,
    pub key_worker_user_id: Option<UserId>,
}

/// `POST /api/v1/teams`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTeam {
    pub name: String,
}

/// `PUT /api/v1/persons/{id}/team`: the team that supports the person from now on, with
/// their key worker there; every other team stops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMove {
    pub team_id: TeamId,
    #[serde(default)]
    pub key_worker_user_id: Option<UserId>,
}

/// `PUT /api/v1/teams/{id}/persons/{id}`: the team supports this person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamPersonRequest {
    #[serde(default)]
    pub key_worker_user_id: Option<UserId>,
}
