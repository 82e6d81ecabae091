//! Every error is JSON `{"error": {"code", "message", "field"}}`, never an HTML page.
//!
//! Handlers return [`AppError`]; extractor failures get specific messages from
//! [`json_config`] and [`query_config`]; anything actix answers by itself (a wrong method,
//! an oversized body) is rewritten by [`middleware`].

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::error::{JsonPayloadError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{HttpRequest, HttpResponse, web};
use ourplan_shared::error::{ErrorBody, ErrorCode};

use crate::error::AppError;

/// The largest JSON body accepted: a whole plan section with room to spare.
pub const MAX_JSON_BYTES: usize = 256 * 1024;

pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(MAX_JSON_BYTES)
        .error_handler(|error, _req| json_error(&error).into())
}

/// Browsers send violation reports as `application/csp-report` or `application/reports+json`.
pub fn json_config_for_reports() -> web::JsonConfig {
    json_config().limit(16 * 1024).content_type(|mime| {
        mime.essence_str() == "application/csp-report"
            || mime.essence_str() == "application/reports+json"
            || mime.essence_str() == "application/json"
    })
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error, _req| {
        let QueryPayloadError::Deserialize(inner) = &error else {
            return AppError::client(ErrorCode::BadRequest, "The query string could not be read.")
                .into();
        };
        AppError::client(
            ErrorCode::BadRequest,
            format!("The query string could not be read: {inner}."),
        )
        .into()
    })
}

fn json_error(error: &JsonPayloadError) -> AppError {
    match error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            AppError::client(
                ErrorCode::PayloadTooLarge,
                format!("The request is larger than {} KiB.", MAX_JSON_BYTES / 1024),
            )
        }
        JsonPayloadError::ContentType => AppError::client(
            ErrorCode::UnsupportedMediaType,
            "Send the request body as JSON with Content-Type: application/json.",
        ),
        JsonPayloadError::Deserialize(inner) if inner.is_data() => AppError::client(
            ErrorCode::Invalid,
            format!("The request body has the wrong shape: {inner}."),
        ),
        JsonPayloadError::Deserialize(inner) => AppError::client(
            ErrorCode::BadRequest,
            format!("The request body is not valid JSON: {inner}."),
        ),
        _ => AppError::client(ErrorCode::BadRequest, "The request body could not be read."),
    }
}

/// The default service of `/api`: no such route.
pub async fn api_not_found(req: HttpRequest) -> Result<HttpResponse, AppError> {
    Err(AppError::client(
        ErrorCode::NotFound,
        format!("There is no API route {}.", req.path()),
    ))
}

/// Rewrites any error response that is not JSON yet into the JSON error shape.
pub fn middleware<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(rewrite_as_json)
}

fn rewrite_as_json<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if is_json {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (req, old) = res.into_parts();
    let body = ErrorBody::new(
        ErrorCode::from_status(status.as_u16()),
        message_for(status),
        None,
    );
    let mut new: HttpResponse<BoxBody> = HttpResponse::build(status).json(body);
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            new.headers_mut().insert(name.clone(), value.clone());
        }
    }
    let res: ServiceResponse<EitherBody<B>> = ServiceResponse::new(req, new).map_into_right_body();
    Ok(ErrorHandlerResponse::Response(res))
}

fn message_for(status: StatusCode) -> String {
    match status {
        StatusCode::NOT_FOUND => "There is nothing at this address.".to_owned(),
        StatusCode::METHOD_NOT_ALLOWED => {
            "This address does not accept that kind of request.".to_owned()
        }
        StatusCode::PAYLOAD_TOO_LARGE => "The request is too large.".to_owned(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "The request body is not in a format we accept.".to_owned()
        }
        status if status.is_client_error() => {
            format!("The request could not be handled ({}).", status.as_u16())
        }
        _ => "Something went wrong on the server. Please try again.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use actix_web::{App, test, web};
    use serde_json::Value;

    use super::*;

    async fn echo(body: web::Json<Value>) -> HttpResponse {
        HttpResponse::Ok().json(body.into_inner())
    }

    async fn call(request: test::TestRequest) -> (StatusCode, ErrorBody) {
        let app = test::init_service(
            App::new()
                .app_data(json_config())
                .wrap(middleware())
                .route("/echo", web::post().to(echo)),
        )
        .await;
        let response = test::call_service(&app, request.uri("/echo").to_request()).await;
        let status = response.status();
        (status, test::read_body_json(response).await)
    }

    #[actix_web::test]
    async fn malformed_json_is_a_json_400() {
        let request = test::TestRequest::post()
            .insert_header(("content-type", "application/json"))
            .set_payload("{\"goal\": ");
        let (status, body) = call(request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body.error.code, ErrorCode::BadRequest);
        assert!(
            body.error
                .message
                .starts_with("The request body is not valid JSON")
        );
    }

    #[actix_web::test]
    async fn a_body_that_is_not_json_is_a_json_415() {
        let request = test::TestRequest::post()
            .insert_header(("content-type", "text/plain"))
            .set_payload("hello");
        let (status, body) = call(request).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(body.error.code, ErrorCode::UnsupportedMediaType);
    }

    #[actix_web::test]
    async fn an_oversized_body_is_a_json_413() {
        let big = format!("\"{}\"", "x".repeat(MAX_JSON_BYTES + 1));
        let request = test::TestRequest::post()
            .insert_header(("content-type", "application/json"))
            .set_payload(big);
        let (status, body) = call(request).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(body.error.code, ErrorCode::PayloadTooLarge);
    }

    #[actix_web::test]
    async fn a_wrong_method_is_rewritten_as_json() {
        let (status, body) = call(test::TestRequest::get()).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body.error.code, ErrorCode::NotFound);
    }
}
