//! First run: a new installation is set up from a one-time link, which opens a form
//! for the organisation and its first admin.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::account::password_length_problem;
use crate::validation::{FieldError, Validate, is_email, limits};

/// Hours a setup link stays good.
pub const SETUP_LINK_HOURS: i64 = 24;

/// Where a setup link leads: the token rides in the fragment, which browsers never send to a
/// server or proxy, so it stays out of every access log.
pub const SETUP_PATH: &str = "/setup";

/// The link for `token` on the server at `base` (such as `https://plans.example.org`).
pub fn setup_link(base: &str, token: &str) -> String {
    format!("{}{SETUP_PATH}#{token}", base.trim_end_matches('/'))
}

/// `GET /api/v1/setup`: whether the installation still has no organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetupStatus {
    pub needed: bool,
}

/// `POST /api/v1/setup/link`: a setup link's token, to see whether it is still good.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetupToken {
    pub token: String,
}

/// What a good setup link already knows (from `ourplan setup`), to fill in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetupDetails {
    pub organisation_name: Option<String>,
    pub time_zone: Option<String>,
    pub admin_name: Option<String>,
    pub admin_email: Option<String>,
    pub expires_at: DateTime<Utc>,
}

/// `POST /api/v1/setup`: the organisation and its first admin, who is signed in at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetupRequest {
    pub token: String,
    pub organisation_name: String,
    /// An IANA zone name, such as `Europe/London`: the organisation's calendar days.
    pub time_zone: String,
    pub admin_name: String,
    pub admin_email: String,
    pub password: String,
}

impl Validate for SetupRequest {
    /// The rules both sides know; the server also checks the time zone against its zone
    /// database and refuses common passwords.
    fn problems(&self) -> Vec<FieldError> {
        let mut problems = detail_problems(
            &self.organisation_name,
            &self.time_zone,
            &self.admin_name,
            &self.admin_email,
        );
        if let Some(problem) = password_length_problem(&self.password) {
            problems.push(FieldError {
                field: "password".to_owned(),
                message: problem,
            });
        }
        problems
    }
}

/// The problems with the organisation's and its admin's details, in field order (the form and
/// `ourplan setup` ask the same).
pub fn detail_problems(
    organisation_name: &str,
    time_zone: &str,
    admin_name: &str,
    admin_email: &str,
) -> Vec<FieldError> {
    [
        ("organisation_name", organisation_name),
        ("time_zone", time_zone),
        ("admin_name", admin_name),
        ("admin_email", admin_email),
    ]
    .into_iter()
    .filter_map(|(field, value)| {
        detail_problem(field, value).map(|message| FieldError {
            field: field.to_owned(),
            message,
        })
    })
    .collect()
}

/// What is wrong with one detail (`organisation_name`, `time_zone`, `admin_name` or
/// `admin_email`), in plain words; `None` when it is fine.
pub fn detail_problem(field: &str, value: &str) -> Option<String> {
    let value = value.trim();
    let what = match field {
        "organisation_name" => "the organisation's name",
        "time_zone" => "a time zone",
        "admin_name" => "your name",
        _ => {
            return (!is_email(value))
                .then(|| "Enter an email address like name@example.org.".to_owned());
        }
    };
    let length = value.chars().count();
    if length == 0 {
        Some(format!("Enter {what}."))
    } else if length > limits::NAME {
        Some(format!(
            "This must be {} characters or fewer.",
            limits::NAME
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> SetupRequest {
        SetupRequest {
            token: "t".to_owned(),
            organisation_name: "Brookside Support".to_owned(),
            time_zone: "Europe/London".to_owned(),
            admin_name: "Ada Okafor".to_owned(),
            admin_email: "ada@brookside.example".to_owned(),
            password: "tulip lantern harbour".to_owned(),
        }
    }

    #[test]
    fn a_complete_request_has_no_problems() {
        assert!(request().problems().is_empty());
    }

    #[test]
    fn each_missing_or_wrong_field_is_named() {
        let wrong = SetupRequest {
            organisation_name: " ".to_owned(),
            admin_email: "ada".to_owned(),
            password: "short".to_owned(),
            ..request()
        };
        let fields: Vec<String> = wrong.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["organisation_name", "admin_email", "password"]);
    }

    #[test]
    fn the_token_rides_in_the_fragment() {
        assert_eq!(
            setup_link("https://plans.example.org/", "abc"),
            "https://plans.example.org/setup#abc"
        );
    }
}
