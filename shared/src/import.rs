//! Importing people and staff from a provider's old system (issue 21 item 7): one CSV file,
//! checked whole before anything is written; every problem names its line and column.
//!
//! The first line names the columns, in any order:
//!
//! | column | staff | person |
//! |---|---|---|
//! | `kind` | `staff` | `person` |
//! | `full_name` | their name | their full name |
//! | `email` | their email (required) | – |
//! | `role` | `support_worker`, `manager` or `admin` | – |
//! | `teams` | team names, `;` between them (optional) | the one team that supports them |
//! | `preferred_name`, `date_of_birth` (YYYY-MM-DD) | – | optional |
//! | `support_started_on` (YYYY-MM-DD) | – | required |
//! | `key_worker_email` | – | a member of staff on that team, in the file or already here |
//! | `preferred_format` | – | `standard`, `large-type`, `easy-read` or `pictorial` (default `standard`) |
//! | `preferred_language` | – | a language code such as `en-GB` (default `en-GB`) |
//! | `communication_needs`, `communication_aids` | – | optional |
//!
//! A team that does not exist yet is made. Staff get a 7-day invitation each.

use serde::{Deserialize, Serialize};

use crate::account::AccountLinkIssued;

/// Every column an import file may have.
pub const COLUMNS: [&str; 13] = [
    "kind",
    "full_name",
    "email",
    "role",
    "teams",
    "preferred_name",
    "date_of_birth",
    "support_started_on",
    "key_worker_email",
    "preferred_format",
    "preferred_language",
    "communication_needs",
    "communication_aids",
];

/// The largest file accepted, in bytes (about 20,000 rows).
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// `POST /api/v1/import`: the CSV file's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportFile {
    pub csv: String,
}

/// One thing wrong with the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportProblem {
    /// The line of the file, from 1 (the column names).
    pub line: u64,
    /// The column, when one is at fault.
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}, column {column}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// A 422 answer to an import: the usual error, and every problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRefused {
    pub error: crate::error::ErrorDetail,
    /// Empty when the request itself was wrong (not JSON, say) rather than the file's rows.
    #[serde(default)]
    pub problems: Vec<ImportProblem>,
}

/// A member of staff brought in, with the invitation to pass on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportedStaff {
    pub email: String,
    pub display_name: String,
    pub invitation: AccountLinkIssued,
}

/// What an import brought in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// The names of the teams it made.
    pub teams_created: Vec<String>,
    pub staff: Vec<ImportedStaff>,
    /// How many people supported it admitted, each with an empty draft plan.
    pub people: u32,
}
