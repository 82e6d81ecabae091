//! Every API route, declared once in [`endpoints`] under `/api/v1`. The same table drives the
//! router and the authorization-matrix test, so a new endpoint without a row there fails.

pub mod access_log;
pub mod account;
pub mod account_link;
pub mod agreement;
pub mod audit;
pub mod caseload;
pub mod consent;
pub mod contribution;
pub mod csp_report;
pub mod email;
pub mod export;
pub mod feedback;
pub mod fhir;
pub mod guard;
pub mod health;
pub mod import;
pub mod leaving;
pub mod media;
pub mod notification;
pub mod openapi;
pub mod organisation;
pub mod path;
pub mod person;
pub mod picture_sort;
pub mod plan;
pub mod plan_item;
pub mod profile;
pub mod programme;
pub mod progress;
pub mod review;
pub mod session;
pub mod setup;
pub mod sign_in_code;
pub mod team;
#[cfg(feature = "bench")]
pub mod unchecked;
pub mod user;

use actix_web::http::Method;
use actix_web::{Resource, Route, web};

use crate::auth::csrf;
use crate::http::json_errors;

/// One route: method, path under `/api/v1`, and how to build its handler.
pub struct Endpoint {
    pub method: Method,
    pub path: &'static str,
    route: fn() -> Route,
    /// Per-resource settings, such as a different body parser.
    resource: Option<fn(Resource) -> Resource>,
}

macro_rules! endpoint {
    ($method:ident $path:literal => $handler:path) => {
        Endpoint {
            method: Method::$method,
            path: $path,
            route: || web::method(Method::$method).to($handler),
            resource: None,
        }
    };
}

/// The route table.
pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(GET "/health" => health::get),
        endpoint!(GET "/openapi.json" => openapi::get),
        endpoint!(POST "/session" => session::sign_in),
        endpoint!(DELETE "/session" => session::sign_out),
        endpoint!(POST "/session/refresh" => session::refresh),
        endpoint!(POST "/session/code" => sign_in_code::sign_in),
        endpoint!(GET "/setup" => setup::status),
        endpoint!(POST "/setup/link" => setup::link),
        endpoint!(POST "/setup" => setup::complete),
        endpoint!(GET "/me" => session::me),
        endpoint!(POST "/me/password" => account::change_password),
        endpoint!(GET "/me/notifications" => notification::list),
        endpoint!(POST "/me/notifications/{notification_id}/read" => notification::read),
        endpoint!(GET "/me/email-preferences" => email::preferences),
        endpoint!(PUT "/me/email-preferences" => email::set_preferences),
        endpoint!(POST "/email/unsubscribe" => email::unsubscribe),
        endpoint!(GET "/admin/outbox" => email::outbox),
        endpoint!(POST "/admin/outbox/test" => email::test),
        endpoint!(POST "/admin/outbox/{email_id}/retry" => email::retry),
        endpoint!(GET "/organisation" => organisation::get),
        endpoint!(PUT "/organisation" => organisation::update),
        endpoint!(GET "/users" => account::list_users),
        endpoint!(POST "/users" => account::create_user),
        endpoint!(POST "/users/{user_id}/disable" => user::disable),
        endpoint!(POST "/users/{user_id}/enable" => user::enable),
        endpoint!(PUT "/users/{user_id}/role" => user::change_role),
        endpoint!(POST "/users/{user_id}/invitation" => account_link::invite),
        endpoint!(POST "/users/{user_id}/password-reset" => account_link::reset),
        endpoint!(POST "/account-links/check" => account_link::check),
        endpoint!(POST "/account-links/use" => account_link::use_link),
        endpoint!(GET "/teams" => team::list),
        endpoint!(POST "/teams" => team::create),
        endpoint!(PUT "/teams/{team_id}" => team::rename),
        endpoint!(PUT "/teams/{team_id}/members/{user_id}" => team::add_member),
        endpoint!(DELETE "/teams/{team_id}/members/{user_id}" => team::remove_member),
        endpoint!(PUT "/teams/{team_id}/persons/{person_id}" => team::put_person),
        endpoint!(DELETE "/teams/{team_id}/persons/{person_id}" => team::remove_person),
        endpoint!(GET "/caseload" => caseload::get),
        endpoint!(GET "/persons" => person::list),
        endpoint!(POST "/persons" => person::admit),
        endpoint!(GET "/persons/{person_id}" => person::get),
        endpoint!(PUT "/persons/{person_id}" => person::update),
        endpoint!(PUT "/persons/{person_id}/team" => team::move_person),
        endpoint!(POST "/persons/{person_id}/leaving" => leaving::end),
        endpoint!(DELETE "/persons/{person_id}/leaving" => leaving::undo),
        endpoint!(GET "/persons/{person_id}/plan" => plan::get),
        endpoint!(GET "/persons/{person_id}/plan/plain-language" => plan::plain_language),
        endpoint!(GET "/persons/{person_id}/plan/evidence" => plan::evidence),
        endpoint!(GET "/persons/{person_id}/plan/evidence.pdf" => export::evidence),
        endpoint!(GET "/persons/{person_id}/plan.pdf" => export::plan),
        endpoint!(GET "/persons/{person_id}/plan/decisions.pdf" => export::decisions),
        endpoint!(GET "/persons/{person_id}/fhir" => fhir::get),
        endpoint!(POST "/persons/{person_id}/plan/signatures" => agreement::sign),
        endpoint!(GET "/persons/{person_id}/plan/versions" => agreement::versions),
        endpoint!(GET "/persons/{person_id}/plan/versions/{number}" => agreement::version),
        endpoint!(GET "/persons/{person_id}/plan/compare" => agreement::compare),
        endpoint!(GET "/persons/{person_id}/plan/acknowledgements" => agreement::acknowledgements),
        endpoint!(POST "/persons/{person_id}/plan/acknowledgements" => agreement::acknowledge),
        endpoint!(GET "/persons/{person_id}/profile" => profile::get),
        endpoint!(PUT "/persons/{person_id}/profile" => profile::update),
        endpoint!(PUT "/persons/{person_id}/profile/own-words" => profile::own_words),
        Endpoint {
            // The file is the body, up to the largest photo: read by the handler, not as JSON.
            resource: Some(|r| {
                r.app_data(web::PayloadConfig::new(
                    ourplan_shared::media::PHOTO_UPLOAD_MAX,
                ))
            }),
            ..endpoint!(POST "/persons/{person_id}/media" => media::upload)
        },
        endpoint!(GET "/persons/{person_id}/media" => media::list),
        endpoint!(GET "/persons/{person_id}/media/{media_id}" => media::get),
        endpoint!(DELETE "/persons/{person_id}/media/{media_id}" => media::remove),
        endpoint!(POST "/persons/{person_id}/findings" => plan_item::routes::finding::create),
        endpoint!(GET "/persons/{person_id}/findings/{item_id}" => plan_item::routes::finding::get),
        endpoint!(PUT "/persons/{person_id}/findings/{item_id}" => plan_item::routes::finding::update),
        endpoint!(PUT "/persons/{person_id}/findings/{item_id}/own-words" => plan_item::routes::finding::own_words),
        endpoint!(POST "/persons/{person_id}/findings/{item_id}/opinion" => plan_item::routes::finding::opinion),
        endpoint!(DELETE "/persons/{person_id}/findings/{item_id}" => plan_item::routes::finding::delete),
        endpoint!(POST "/persons/{person_id}/goals" => plan_item::routes::goal::create),
        endpoint!(GET "/persons/{person_id}/goals/{item_id}" => plan_item::routes::goal::get),
        endpoint!(PUT "/persons/{person_id}/goals/{item_id}" => plan_item::routes::goal::update),
        endpoint!(PUT "/persons/{person_id}/goals/{item_id}/own-words" => plan_item::routes::goal::own_words),
        endpoint!(POST "/persons/{person_id}/goals/{item_id}/opinion" => plan_item::routes::goal::opinion),
        endpoint!(DELETE "/persons/{person_id}/goals/{item_id}" => plan_item::routes::goal::delete),
        endpoint!(POST "/persons/{person_id}/strategies" => plan_item::routes::strategy::create),
        endpoint!(GET "/persons/{person_id}/strategies/{item_id}" => plan_item::routes::strategy::get),
        endpoint!(PUT "/persons/{person_id}/strategies/{item_id}" => plan_item::routes::strategy::update),
        endpoint!(PUT "/persons/{person_id}/strategies/{item_id}/own-words" => plan_item::routes::strategy::own_words),
        endpoint!(POST "/persons/{person_id}/strategies/{item_id}/opinion" => plan_item::routes::strategy::opinion),
        endpoint!(DELETE "/persons/{person_id}/strategies/{item_id}" => plan_item::routes::strategy::delete),
        endpoint!(POST "/persons/{person_id}/risks" => plan_item::routes::risk_plan::create),
        endpoint!(GET "/persons/{person_id}/risks/{item_id}" => plan_item::routes::risk_plan::get),
        endpoint!(PUT "/persons/{person_id}/risks/{item_id}" => plan_item::routes::risk_plan::update),
        endpoint!(PUT "/persons/{person_id}/risks/{item_id}/own-words" => plan_item::routes::risk_plan::own_words),
        endpoint!(POST "/persons/{person_id}/risks/{item_id}/opinion" => plan_item::routes::risk_plan::opinion),
        endpoint!(DELETE "/persons/{person_id}/risks/{item_id}" => plan_item::routes::risk_plan::delete),
        endpoint!(POST "/persons/{person_id}/wishes" => plan_item::routes::wish::create),
        endpoint!(GET "/persons/{person_id}/wishes/{item_id}" => plan_item::routes::wish::get),
        endpoint!(PUT "/persons/{person_id}/wishes/{item_id}" => plan_item::routes::wish::update),
        endpoint!(PUT "/persons/{person_id}/wishes/{item_id}/own-words" => plan_item::routes::wish::own_words),
        endpoint!(POST "/persons/{person_id}/wishes/{item_id}/opinion" => plan_item::routes::wish::opinion),
        endpoint!(POST "/persons/{person_id}/decisions" => plan_item::routes::decision::create),
        endpoint!(GET "/persons/{person_id}/decisions/{item_id}" => plan_item::routes::decision::get),
        endpoint!(PUT "/persons/{person_id}/decisions/{item_id}" => plan_item::routes::decision::update),
        endpoint!(PUT "/persons/{person_id}/decisions/{item_id}/own-words" => plan_item::routes::decision::own_words),
        endpoint!(POST "/persons/{person_id}/decisions/{item_id}/opinion" => plan_item::routes::decision::opinion),
        endpoint!(POST "/persons/{person_id}/decisions/{item_id}/resolution" => plan_item::resolution::resolve),
        endpoint!(GET "/persons/{person_id}/goals/{goal_id}/progress" => progress::list),
        endpoint!(POST "/persons/{person_id}/goals/{goal_id}/progress" => progress::create),
        endpoint!(GET "/persons/{person_id}/reviews" => review::list),
        endpoint!(POST "/persons/{person_id}/reviews" => review::start),
        endpoint!(POST "/persons/{person_id}/review-requests" => review::request),
        endpoint!(GET "/persons/{person_id}/reviews/{review_id}" => review::get),
        endpoint!(GET "/persons/{person_id}/reviews/{review_id}/record.pdf" => export::review),
        endpoint!(PUT "/persons/{person_id}/reviews/{review_id}/part-one" => review::part_one),
        endpoint!(POST "/persons/{person_id}/reviews/{review_id}/part-one/submit" => review::submit_part_one),
        endpoint!(PUT "/persons/{person_id}/reviews/{review_id}/part-two" => review::part_two),
        endpoint!(POST "/persons/{person_id}/reviews/{review_id}/complete" => review::complete),
        endpoint!(GET "/persons/{person_id}/picture-sorts" => picture_sort::list),
        endpoint!(POST "/persons/{person_id}/picture-sorts" => picture_sort::create),
        endpoint!(GET "/persons/{person_id}/feedback" => feedback::list),
        endpoint!(POST "/persons/{person_id}/feedback" => feedback::create),
        endpoint!(POST "/persons/{person_id}/feedback/{feedback_id}/response" => feedback::respond),
        endpoint!(GET "/persons/{person_id}/consents" => consent::list),
        endpoint!(POST "/persons/{person_id}/consents" => consent::give),
        endpoint!(POST "/persons/{person_id}/consents/{consent_id}/change" => consent::change),
        endpoint!(POST "/persons/{person_id}/consents/{consent_id}/withdraw" => consent::withdraw),
        endpoint!(GET "/persons/{person_id}/contributions" => contribution::list),
        endpoint!(POST "/persons/{person_id}/contributions" => contribution::create),
        endpoint!(POST "/persons/{person_id}/contributions/{contribution_id}/decision" => contribution::decide),
        endpoint!(GET "/persons/{person_id}/sign-in-codes" => sign_in_code::list),
        endpoint!(POST "/persons/{person_id}/sign-in-codes" => sign_in_code::issue),
        endpoint!(DELETE "/persons/{person_id}/sign-in-codes/{code_id}" => sign_in_code::revoke),
        endpoint!(GET "/persons/{person_id}/access-log" => access_log::get),
        endpoint!(GET "/persons/{person_id}/access-log/export" => audit::export_access_log),
        endpoint!(GET "/review-programme" => programme::get),
        endpoint!(GET "/review-programme/evidence" => programme::evidence),
        endpoint!(GET "/audit/verify" => audit::verify),
        Endpoint {
            resource: Some(|r| r.app_data(import::json_config())),
            ..endpoint!(POST "/import" => import::post)
        },
        Endpoint {
            resource: Some(|r| r.app_data(json_errors::json_config_for_reports())),
            ..endpoint!(POST "/csp-reports" => csp_report::post)
        },
    ]
}

/// Registers the table: one resource per path, with a route per method on it (a second
/// resource with the same path would never be reached).
pub fn configure(cfg: &mut web::ServiceConfig) {
    let mut v1 = web::scope("/v1");
    let table = endpoints();
    let mut paths: Vec<&'static str> = table.iter().map(|e| e.path).collect();
    paths.dedup();
    let mut seen = Vec::new();
    for path in paths {
        if seen.contains(&path) {
            continue;
        }
        seen.push(path);
        let mut resource = web::resource(path);
        for endpoint in table.iter().filter(|e| e.path == path) {
            resource = resource.route((endpoint.route)());
            if let Some(tweak) = endpoint.resource {
                resource = tweak(resource);
            }
        }
        v1 = v1.service(resource);
    }
    cfg.service(
        web::scope("/api")
            .wrap(actix_web::middleware::from_fn(csrf::require_header))
            .wrap(actix_web::middleware::from_fn(
                crate::http::nul::refuse_in_query,
            ))
            .wrap(actix_web::middleware::from_fn(
                crate::audit::chain_after_writes,
            ))
            .service(v1.default_service(web::to(json_errors::api_not_found)))
            .default_service(web::to(json_errors::api_not_found)),
    );
}
