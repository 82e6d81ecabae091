//! `GET /api/v1/health`.

use serde::{Deserialize, Serialize};

/// Which database engine the server runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DatabaseBackend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `"ok"` when the database answered.
    pub status: String,
    pub database: DatabaseBackend,
    /// The newest applied migration, e.g. `20261124000001`.
    pub migration: String,
    /// The server's package version.
    pub version: String,
}
