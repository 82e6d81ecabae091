//! The error contract: every API error is `{"error": {"code", "message", "field"}}` with a
//! 4xx or 5xx status. The frontend matches on [`ErrorCode`]; people read `message`.

use serde::{Deserialize, Serialize};

/// What went wrong, as a stable snake_case tag the client can match on.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body or query could not be read (malformed JSON, wrong types).
    BadRequest,
    /// A field's value breaks a rule; `field` names it.
    Invalid,
    /// Not signed in, or the session has ended.
    Unauthenticated,
    /// Signed in, but this person may not do this.
    Forbidden,
    /// No such thing, or no such API route.
    NotFound,
    /// The route exists but not for this HTTP method.
    MethodNotAllowed,
    /// Someone else changed the record since it was read.
    Conflict,
    /// An `If-Match` header named a version that is no longer current.
    PreconditionFailed,
    /// An update was sent without `If-Match`.
    PreconditionRequired,
    /// The body is larger than the server accepts.
    PayloadTooLarge,
    /// The body is not JSON where JSON is required.
    UnsupportedMediaType,
    /// Too many attempts; try again later.
    TooManyRequests,
    /// Something failed on the server; nothing the client sent was wrong.
    Internal,
    /// The database is not reachable right now.
    Unavailable,
}

impl ErrorCode {
    /// The HTTP status that goes with this code.
    pub fn status(self) -> u16 {
        match self {
            Self::BadRequest => 400,
            Self::Invalid => 422,
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Conflict => 409,
            Self::PreconditionFailed => 412,
            Self::PreconditionRequired => 428,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::TooManyRequests => 429,
            Self::Internal => 500,
            Self::Unavailable => 503,
        }
    }

    /// The code that best describes a bare HTTP error status.
    pub fn from_status(status: u16) -> Self {
        match status {
            401 => Self::Unauthenticated,
            403 => Self::Forbidden,
            404 => Self::NotFound,
            405 => Self::MethodNotAllowed,
            409 => Self::Conflict,
            412 => Self::PreconditionFailed,
            413 => Self::PayloadTooLarge,
            415 => Self::UnsupportedMediaType,
            422 => Self::Invalid,
            428 => Self::PreconditionRequired,
            429 => Self::TooManyRequests,
            503 => Self::Unavailable,
            400..=499 => Self::BadRequest,
            _ => Self::Internal,
        }
    }
}

/// The inner object of an error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// A plain-words explanation a person can act on.
    pub message: String,
    /// The request field at fault, as a JSON path such as `goals.0.due_date`.
    pub field: Option<String>,
}

/// The whole error response body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
    /// With 412: the record as it is now, so the client can show both versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub current: Option<serde_json::Value>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>, field: Option<String>) -> Self {
        Self {
            error: ErrorDetail {
                code,
                message: message.into(),
                field,
            },
            current: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_to_the_documented_shape() {
        let body = ErrorBody::new(ErrorCode::NotFound, "No such page.", None);
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"error": {"code": "not_found", "message": "No such page.", "field": null}})
        );
    }

    #[test]
    fn status_and_code_agree_both_ways() {
        for code in [
            ErrorCode::BadRequest,
            ErrorCode::Unauthenticated,
            ErrorCode::Forbidden,
            ErrorCode::NotFound,
            ErrorCode::MethodNotAllowed,
            ErrorCode::Conflict,
            ErrorCode::PreconditionFailed,
            ErrorCode::PreconditionRequired,
            ErrorCode::PayloadTooLarge,
            ErrorCode::UnsupportedMediaType,
            ErrorCode::Invalid,
            ErrorCode::TooManyRequests,
            ErrorCode::Internal,
            ErrorCode::Unavailable,
        ] {
            assert_eq!(ErrorCode::from_status(code.status()), code);
        }
        assert_eq!(ErrorCode::from_status(418), ErrorCode::BadRequest);
        assert_eq!(ErrorCode::from_status(502), ErrorCode::Internal);
    }
}
