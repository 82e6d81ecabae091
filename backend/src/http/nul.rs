//! The NUL character (U+0000) in what a client sends. PostgreSQL cannot store it in text, and
//! nothing a person types contains it, so it is refused the same way on both databases: in a
//! JSON body as an invalid field, in a query string as a bad request. Nothing is stored.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use ourplan_shared::error::ErrorCode;
use serde_json::Value;

use crate::error::AppError;

/// What a field holding a NUL is told.
const MESSAGE: &str =
    "This has a character that cannot be stored (NUL, U+0000). Remove it and try again.";

/// The error for a JSON body holding a NUL in a string or a key, naming the first field that
/// does ("" for the body itself); `None` when it has none or is not JSON (which the reader
/// then says).
pub fn in_json(bytes: &[u8]) -> Option<AppError> {
    if !has_nul_escape(bytes) {
        return None;
    }
    let value: Value = serde_json::from_slice(bytes).ok()?;
    let field = path_of_nul(&value, "")?;
    Some(AppError::invalid(field, MESSAGE))
}

/// Whether JSON text holds the escape `\u0000` (a raw NUL is not valid JSON at all). An
/// escaped backslash followed by `u0000` is text, not a NUL, so escapes are stepped over whole.
fn has_nul_escape(bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'\\') {
        let escape = at + offset;
        if bytes.get(escape + 1..escape + 6) == Some(b"u0000".as_slice()) {
            return true;
        }
        at = escape + 2;
        if at >= bytes.len() {
            return false;
        }
    }
    false
}

/// The path (`plan.goals[2].text`) of the first string or key holding a NUL.
fn path_of_nul(value: &Value, path: &str) -> Option<String> {
    match value {
        Value::String(text) => text.contains('\0').then(|| path.to_owned()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| path_of_nul(item, &format!("{path}[{i}]"))),
        Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            let inner = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            if key.contains('\0') {
                return Some(inner);
            }
            path_of_nul(item, &inner)
        }),
        _ => None,
    }
}

/// Refuses an `/api` request whose query string holds an encoded NUL (`%00`).
pub async fn refuse_in_query(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let query = req.query_string().as_bytes();
    if !query.windows(3).any(|w| w.eq_ignore_ascii_case(b"%00")) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let error = AppError::client(
        ErrorCode::BadRequest,
        "The query string has a character that cannot be stored (NUL, %00).",
    );
    let response = actix_web::ResponseError::error_response(&error);
    Ok(req.into_response(response).map_into_right_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(json: &str) -> Option<String> {
        in_json(json.as_bytes()).map(|error| match error {
            AppError::Client { field, .. } => field.unwrap_or_default(),
            other => panic!("{other:?}"),
        })
    }

    #[test]
    fn a_nul_anywhere_names_its_field() {
        assert_eq!(field(r#"{"text": "a\u0000b"}"#).as_deref(), Some("text"));
        assert_eq!(
            field(r#"{"goals": [{"text": "ok"}, {"text": "\u0000"}]}"#).as_deref(),
            Some("goals[1].text")
        );
        assert_eq!(field(r#"{"a\u0000": 1}"#).as_deref(), Some("a\0"));
        assert_eq!(field(r#""\u0000""#).as_deref(), Some(""));
    }

    #[test]
    fn text_that_only_looks_like_a_nul_is_kept() {
        // A backslash, then the letters u0000.
        assert_eq!(field(r#"{"text": "C:\\u0000"}"#), None);
        assert_eq!(field(r#"{"text": "\u0001 and \\"}"#), None);
        assert_eq!(field(r#"{"text": "ends with \\"#), None);
        assert_eq!(field("not json \\u0000"), None);
    }
}
