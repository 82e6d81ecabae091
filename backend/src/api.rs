//! Every API route, declared in one place under `/api/v1`.

pub mod csp_report;
pub mod health;
pub mod plan;

use actix_web::web;

use crate::config::Config;
use crate::http::json_errors;

/// Declares every route. Routes that need sign-in are only mounted in development, behind
/// `OURPLAN_DEV_OPEN_READS`, until the access checks exist.
pub fn configure(cfg: &mut web::ServiceConfig, config: &Config) {
    let mut v1 = web::scope("/v1");
    if config.dev_open_reads {
        v1 = v1.service(web::resource("/persons/{person_id}/plan").route(web::get().to(plan::get)));
    }
    cfg.service(
        web::scope("/api")
            .service(
                v1.service(web::resource("/health").route(web::get().to(health::get)))
                    .service(
                        web::resource("/csp-reports")
                            .app_data(json_errors::json_config_for_reports())
                            .route(web::post().to(csp_report::post)),
                    )
                    .default_service(web::to(json_errors::api_not_found)),
            )
            .default_service(web::to(json_errors::api_not_found)),
    );
}
