//! The browser app's files. Any path that is not a file and looks like a page (no file
//! extension) gets `index.html`, so deep links load; the router in the app takes it from there.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use ourplan_shared::error::ErrorCode;

use crate::error::AppError;

/// Hashed build output lives under `/assets/` and never changes under one name.
pub const ASSETS_PREFIX: &str = "/assets/";

pub fn service(dist: &Path) -> Files {
    let index = dist.join("index.html");
    Files::new("/", dist)
        .index_file("index.html")
        .use_etag(true)
        .use_last_modified(true)
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                let response = match fallback(&req, index).await {
                    Ok(file) => file.into_response(&req),
                    Err(error) => actix_web::ResponseError::error_response(&error),
                };
                Ok(ServiceResponse::new(req, response))
            }
        }))
}

async fn fallback(req: &actix_web::HttpRequest, index: PathBuf) -> Result<NamedFile, AppError> {
    let last_segment = req.path().rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') {
        return Err(AppError::client(
            ErrorCode::NotFound,
            "There is no file at this address.",
        ));
    }
    actix_web::web::block(move || NamedFile::open(index))
        .await?
        .map_err(|_| {
            AppError::client(
                ErrorCode::Unavailable,
                "The browser app has not been built. Run `cargo xtask run` to build and serve it.",
            )
        })
}

/// `GET /setup`: the app, as any page, but with 404 once the installation has an organisation
/// (the page then says so and points to signing in), so a setup page is never found once it
/// is of no use.
pub async fn setup_page(
    state: actix_web::web::Data<crate::server::AppState>,
    req: actix_web::HttpRequest,
    index: PathBuf,
) -> Result<actix_web::HttpResponse, AppError> {
    let set_up = crate::db::run(&state.pool, |conn| Ok(crate::setup::is_set_up(conn)?)).await?;
    let file = fallback(&req, index).await?;
    let mut response = file.into_response(&req);
    if set_up {
        *response.status_mut() = actix_web::http::StatusCode::NOT_FOUND;
    }
    Ok(response.map_into_boxed_body())
}

/// How long browsers may keep a response: hashed assets for a year, pages and the font
/// revalidated, API answers (plan content) never stored.
pub fn cache_policy(path: &str) -> &'static str {
    if path.starts_with("/api/") || path == "/api" {
        "no-store"
    } else if path.starts_with(ASSETS_PREFIX) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

pub async fn cache_control(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let policy = cache_policy(req.path());
    let mut res = next.call(req).await?;
    if !res.headers().contains_key(header::CACHE_CONTROL) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_content_is_never_cached_and_hashed_assets_are() {
        assert_eq!(cache_policy("/api/v1/health"), "no-store");
        assert_eq!(
            cache_policy("/assets/ourplan-1a2b.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_policy("/persons/1"), "no-cache");
    }
}
