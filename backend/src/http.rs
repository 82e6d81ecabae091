//! HTTP plumbing shared by every route: headers, error bodies and the browser app's files.

pub mod body;
pub mod idempotency;
pub mod json_errors;
pub mod nul;
pub mod precondition;
pub mod security_headers;
pub mod spa;
