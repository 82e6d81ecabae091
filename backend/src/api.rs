//! Every API route, declared in one place under `/api/v1`.

pub mod access_log;
pub mod csp_report;
pub mod health;
pub mod plan;
pub mod session;
pub mod user;

use actix_web::web;

use crate::auth::csrf;
use crate::http::json_errors;

/// Declares every route, in one place.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let v1 = web::scope("/v1")
        .service(web::resource("/health").route(web::get().to(health::get)))
        .service(
            web::resource("/session")
                .route(web::post().to(session::sign_in))
                .route(web::delete().to(session::sign_out)),
        )
        .service(web::resource("/session/refresh").route(web::post().to(session::refresh)))
        .service(web::resource("/me").route(web::get().to(session::me)))
        .service(web::resource("/users/{user_id}/disable").route(web::post().to(user::disable)))
        .service(web::resource("/persons/{person_id}/plan").route(web::get().to(plan::get)))
        .service(
            web::resource("/persons/{person_id}/access-log").route(web::get().to(access_log::get)),
        )
        .service(
            web::resource("/csp-reports")
                .app_data(json_errors::json_config_for_reports())
                .route(web::post().to(csp_report::post)),
        )
        .default_service(web::to(json_errors::api_not_found));
    cfg.service(
        web::scope("/api")
            .wrap(actix_web::middleware::from_fn(csrf::require_header))
            .service(v1)
            .default_service(web::to(json_errors::api_not_found)),
    );
}
