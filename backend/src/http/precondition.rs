//! Optimistic concurrency on the wire: a record's ETag is its row version, and an update must
//! send it back in `If-Match`, so two people editing at once never overwrite each other.

use actix_web::HttpRequest;
use actix_web::http::header::{HeaderValue, IF_MATCH};
use ourplan_shared::error::ErrorCode;

use crate::error::AppError;

/// The ETag of a record at a row version: `"v3"`.
pub fn etag(row_version: i64) -> HeaderValue {
    // Digits and ASCII only, so the header value is always valid.
    HeaderValue::from_str(&format!("\"v{row_version}\""))
        .unwrap_or(HeaderValue::from_static("\"\""))
}

/// The row version named by `If-Match`: 428 when it is missing; 412 when it cannot be the
/// current version of anything (`*`, a list, a weak or malformed tag).
pub fn if_match(req: &HttpRequest) -> Result<i64, AppError> {
    let value = req.headers().get(IF_MATCH).ok_or_else(|| {
        AppError::client(
            ErrorCode::PreconditionRequired,
            "Send the ETag you read in an If-Match header, so a newer change is not overwritten.",
        )
    })?;
    value
        .to_str()
        .ok()
        .and_then(|text| {
            text.trim()
                .strip_prefix("\"v")?
                .strip_suffix('"')?
                .parse()
                .ok()
        })
        .ok_or_else(stale)
}

/// Someone saved a newer version first.
pub fn stale() -> AppError {
    AppError::client(
        ErrorCode::PreconditionFailed,
        "Someone else changed this since you opened it. Nothing was saved; look at the new version and try again.",
    )
}
