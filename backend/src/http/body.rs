//! [`Body<T>`]: a JSON request body whose shape errors name the field at fault, so a form can
//! put the message next to the right input ("due_on: not a date" rather than "line 1, column
//! 40"). Size and content type follow the same rules as every other JSON body.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{FromRequest, HttpRequest, web};
use ourplan_shared::error::ErrorCode;
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::http::json_errors::MAX_JSON_BYTES;

/// The request body, read as JSON into `T`.
pub struct Body<T>(pub T);

impl<T> Body<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<actix_web::mime::Mime>().ok())
        .is_some_and(|m| {
            m.subtype() == actix_web::mime::JSON || m.suffix() == Some(actix_web::mime::JSON)
        })
}

/// The error for a body that is JSON but not the expected shape.
fn shape_error(error: &serde_path_to_error::Error<serde_json::Error>) -> AppError {
    let inner = error.inner();
    if inner.is_syntax() || inner.is_eof() {
        return AppError::client(
            ErrorCode::BadRequest,
            format!("The request body is not valid JSON: {inner}."),
        );
    }
    let text = inner.to_string();
    let path = error.path().to_string();
    // serde reports a missing field at its parent, naming it in the message.
    if let Some(name) = text
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        let field = if path == "." {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        return AppError::invalid(field, "This is required.");
    }
    let message = text.split(" at line ").next().unwrap_or(&text).to_owned();
    AppError::invalid(
        if path == "." { String::new() } else { path },
        format!("This could not be read: {message}."),
    )
}

impl<T: DeserializeOwned + 'static> FromRequest for Body<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = is_json(req);
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move { read(json, bytes.await).map(Body) })
    }
}

/// A request body that may be left out (sent empty, or `null`); when sent, read as [`Body`]. Unlike
/// `Option<Body<T>>`, a body that is sent but wrong is refused, not taken for none.
pub struct OptionalBody<T>(pub Option<T>);

impl<T: DeserializeOwned + 'static> FromRequest for OptionalBody<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = is_json(req);
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            match bytes.await {
                Ok(bytes) if bytes.is_empty() => Ok(OptionalBody(None)),
                // JSON `null` is none too.
                bytes => read(json, bytes).map(OptionalBody),
            }
        })
    }
}

/// The body's bytes (or the error reading them) as JSON into `T`.
fn read<T: DeserializeOwned>(
    json: bool,
    bytes: Result<web::Bytes, actix_web::Error>,
) -> Result<T, AppError> {
    if !json {
        return Err(AppError::client(
            ErrorCode::UnsupportedMediaType,
            "Send the request body as JSON with Content-Type: application/json.",
        ));
    }
    let bytes = bytes.map_err(|_| {
        AppError::client(
            ErrorCode::PayloadTooLarge,
            format!("The request is larger than {} KiB.", MAX_JSON_BYTES / 1024),
        )
    })?;
    if let Some(error) = crate::http::nul::in_json(&bytes) {
        return Err(error);
    }
    let deserializer = &mut serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize(deserializer).map_err(|error| shape_error(&error))
}
