//! Every API route, declared in one place under `/api/v1`.

pub mod health;

use actix_web::web;

use crate::http::json_errors;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api")
            .service(
                web::scope("/v1")
                    .service(web::resource("/health").route(web::get().to(health::get)))
                    .default_service(web::to(json_errors::api_not_found)),
            )
            .default_service(web::to(json_errors::api_not_found)),
    );
}
