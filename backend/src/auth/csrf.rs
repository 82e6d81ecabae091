//! CSRF defence: a state-changing API request must carry the `X-Ourplan-Csrf` header. A page
//! on another site cannot add a custom header without a CORS preflight, which we never
//! answer, and the cookies are `SameSite=Strict` besides.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use ourplan_shared::error::ErrorCode;

use crate::error::AppError;

pub const HEADER: &str = "x-ourplan-csrf";

/// Browsers post violation reports themselves, without our header; that route changes nothing.
/// Mail programs post one-click unsubscribes (RFC 8058) themselves too: that route is
/// authorised by the signed token in its link, not by a session.
const EXEMPT: [&str; 2] = ["/api/v1/csp-reports", "/api/v1/email/unsubscribe"];

pub async fn require_header(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || EXEMPT.contains(&req.path()) || req.headers().contains_key(HEADER) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let error = AppError::client(
        ErrorCode::Forbidden,
        "This request is missing the X-Ourplan-Csrf header that proves it came from Ourplan.",
    );
    let response = actix_web::ResponseError::error_response(&error);
    Ok(req.into_response(response).map_into_right_body())
}
