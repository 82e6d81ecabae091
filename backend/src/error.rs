//! The server's error type.
//!
//! Policy: a client mistake becomes [`AppError::Client`] with a code, a plain-words message and
//! the field at fault, and is answered with its 4xx status. Everything else (database, pool,
//! thread pool) is logged here with its cause and answered with a generic 500 or 503 that
//! reveals nothing about the data. Handlers return `Result<_, AppError>` and never panic.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use ourplan_shared::error::{ErrorBody, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    Client {
        code: ErrorCode,
        message: String,
        field: Option<String>,
    },
    #[error("database: {0}")]
    Database(diesel::result::Error),
    #[error("database pool: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("blocking task: {0}")]
    Blocking(#[from] actix_web::error::BlockingError),
    /// 412: someone saved a newer version first; `current` is that version.
    #[error("stale precondition")]
    Stale { current: serde_json::Value },
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    pub fn client(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Client {
            code,
            message: message.into(),
            field: None,
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Client {
            code: ErrorCode::Invalid,
            message: message.into(),
            field: Some(field.into()),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Client { code, .. } => *code,
            Self::Stale { .. } => ErrorCode::PreconditionFailed,
            Self::Pool(_) => ErrorCode::Unavailable,
            Self::Database(_) | Self::Blocking(_) | Self::Internal(_) => ErrorCode::Internal,
        }
    }

    fn body(&self) -> ErrorBody {
        match self {
            Self::Client {
                code,
                message,
                field,
            } => ErrorBody::new(*code, message.clone(), field.clone()),
            Self::Stale { current } => ErrorBody {
                current: Some(current.clone()),
                ..ErrorBody::new(
                    ErrorCode::PreconditionFailed,
                    "Someone else changed this since you opened it. Nothing was saved; here is \
                     their version, so you can keep either or combine them.",
                    None,
                )
            },
            Self::Pool(_) => ErrorBody::new(
                ErrorCode::Unavailable,
                "The database is busy or unreachable. Please try again in a moment.",
                None,
            ),
            _ => ErrorBody::new(
                ErrorCode::Internal,
                "Something went wrong on the server. Nothing you sent was lost; please try again.",
                None,
            ),
        }
    }
}

/// Messages of the database triggers that guard evidence (see `migrations/`).
const IMMUTABLE_MESSAGES: [&str; 3] = [
    "consent records are append-only",
    "agreed plan versions cannot be changed",
    "audit events cannot be changed",
];

/// Constraint violations become typed client errors naming the rule, never a 500; anything
/// else from the database stays an internal error.
impl From<diesel::result::Error> for AppError {
    fn from(error: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind as Kind, Error};
        let Error::DatabaseError(kind, info) = &error else {
            return match error {
                Error::NotFound => Self::client(ErrorCode::NotFound, "That record does not exist."),
                other => Self::Database(other),
            };
        };
        let field = info.column_name().map(str::to_owned);
        let client = |code, message: &str| Self::Client {
            code,
            message: message.to_owned(),
            field: field.clone(),
        };
        match kind {
            Kind::UniqueViolation => client(ErrorCode::Conflict, "That already exists."),
            Kind::ForeignKeyViolation => client(
                ErrorCode::Invalid,
                "This refers to something that does not exist.",
            ),
            Kind::CheckViolation => client(
                ErrorCode::Invalid,
                "A value breaks one of the record's rules (a date order, a length or a choice).",
            ),
            Kind::NotNullViolation => client(ErrorCode::Invalid, "A required value is missing."),
            Kind::SerializationFailure | Kind::ReadOnlyTransaction => client(
                ErrorCode::Conflict,
                "Someone else changed this at the same moment. Please try again.",
            ),
            _ if IMMUTABLE_MESSAGES
                .iter()
                .any(|m| info.message().contains(m)) =>
            {
                client(
                    ErrorCode::Conflict,
                    "This record is kept as evidence and cannot be changed.",
                )
            }
            _ => Self::Database(error),
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        if !matches!(self, Self::Client { .. } | Self::Stale { .. }) {
            // The cause goes to the log only; it may name tables but never plan content.
            log::error!("{self}");
        }
        HttpResponse::build(self.status_code()).json(self.body())
    }
}
