//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 document, generated from the handlers'
//! `#[utoipa::path]` attributes and the `shared` types, and the Swagger UI page that reads it
//! at `/api/docs/`. A test checks that every route in the table is in the document.

use std::sync::OnceLock;

use actix_web::HttpResponse;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::{Config, SwaggerUi};

use super::plan_item::resolution;
use super::plan_item::routes::{decision, finding, goal, risk_plan, strategy, wish};
use super::{
    access_log, account, account_link, agreement, audit, caseload, consent, contribution,
    csp_report, email, export, feedback, fhir, health, import, leaving, media, notification,
    organisation, person, picture_sort, plan, profile, programme, progress, review, session, setup,
    sign_in_code, team, user,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Ourplan API",
        description = "Person-centred support plans. Sign in with `POST /api/v1/session`: the session \
            travels in HttpOnly cookies. Every state-changing request must carry the header \
            `X-Ourplan-Csrf: 1`. Every error is `{\"error\": {\"code\", \"message\", \"field\"}}`. \
            Something you may not see answers 404, never 403."
    ),
    paths(
        health::get, get,
        setup::status, setup::link, setup::complete,
        session::sign_in, session::refresh, session::sign_out, session::me, sign_in_code::sign_in,
        account::change_password, notification::list, notification::read,
        email::preferences, email::set_preferences, email::unsubscribe, email::outbox, email::test,
        email::retry, organisation::get,
        organisation::update, account::list_users, account::create_user, user::disable,
        user::enable, user::change_role, account_link::invite, account_link::reset,
        account_link::check, account_link::use_link,
        team::list, team::create, team::rename, team::move_person, team::add_member, team::remove_member, team::put_person,
        team::remove_person,
        caseload::get, person::list, person::admit, person::get, person::update, leaving::end, leaving::undo, plan::get, plan::plain_language, plan::evidence,
        export::plan, export::review, export::decisions, export::evidence, fhir::get,
        agreement::sign, agreement::versions, agreement::version, agreement::compare,
        agreement::acknowledgements, agreement::acknowledge,
        profile::get, profile::update, profile::own_words,
        media::upload, media::list, media::get, media::remove,
        finding::create, finding::get, finding::update, finding::own_words, finding::opinion, finding::delete,
        goal::create, goal::get, goal::update, goal::own_words, goal::opinion, goal::delete,
        strategy::create, strategy::get, strategy::update, strategy::own_words, strategy::opinion, strategy::delete,
        risk_plan::create, risk_plan::get, risk_plan::update, risk_plan::own_words, risk_plan::opinion, risk_plan::delete,
        wish::create, wish::get, wish::update, wish::own_words, wish::opinion,
        decision::create, decision::get, decision::update, decision::own_words, decision::opinion,
        resolution::resolve,
        progress::list, progress::create,
        review::list, review::start, review::request, review::get, review::part_one,
        review::submit_part_one, review::part_two, review::complete, programme::get,
        programme::evidence,
        picture_sort::list, picture_sort::create,
        feedback::list, feedback::create, feedback::respond,
        consent::list, consent::give, consent::change, consent::withdraw,
        contribution::list, contribution::create, contribution::decide,
        sign_in_code::list, sign_in_code::issue, sign_in_code::revoke,
        access_log::get, audit::export_access_log, audit::verify,
        csp_report::post, import::post,
    ),
    modifiers(&SessionCookie, &CommonErrors),
    security(("session" = []))
)]
pub struct ApiDoc;

/// The access-token cookie, as the security scheme every operation uses.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "ourplan-access",
                "The access token; `__Host-ourplan-access` when served over TLS",
            ))),
        );
    }
}

/// The answers any operation can give besides its own: a body or query that cannot be read
/// (400), a body too large (413) or not JSON (415), a path naming nothing (404), a
/// state-changing request without the CSRF header (403), and with `If-Match` 412 and 428.
/// Added to every operation that does not already say, so the document lists every status the
/// server really sends.
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::Operation;
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = |text: &str| {
            ResponseBuilder::new()
                .description(text)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build()
        };
        let add = |operation: &mut Operation, status: &str, text: &str| {
            operation
                .responses
                .responses
                .entry(status.to_owned())
                .or_insert_with(|| error(text).into());
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let named = path.contains('{');
            let unsafe_ops = [&mut item.post, &mut item.put, &mut item.delete];
            for operation in unsafe_ops.into_iter().flatten() {
                add(
                    operation,
                    "403",
                    "Signed in, but not allowed, or the X-Ourplan-Csrf header is missing",
                );
            }
            let all = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
            ];
            for operation in all.into_iter().flatten() {
                add(
                    operation,
                    "400",
                    "The request or its query could not be read",
                );
                if named {
                    add(operation, "404", "No such record, or out of reach");
                }
                if operation.request_body.is_some() {
                    add(operation, "413", "The request body is too large");
                    add(operation, "415", "The request body is not JSON");
                    add(operation, "422", "A field is invalid; `field` names it");
                }
                let if_match = operation
                    .parameters
                    .iter()
                    .flatten()
                    .any(|p| p.name == "If-Match");
                if if_match {
                    add(operation, "412", "Someone saved first");
                    add(operation, "428", "If-Match is missing");
                }
            }
        }
    }
}

/// Swagger UI may set inline styles; its own pages get a policy that allows them, and still no
/// script but its own files.
const DOCS_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
frame-ancestors 'none'; form-action 'self'";

/// The readable docs page at `/api/docs/`, reading `/api/v1/openapi.json`.
pub fn docs_page() -> actix_web::Scope<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    actix_web::web::scope("/api/docs")
        .wrap(
            actix_web::middleware::DefaultHeaders::new()
                .add(("Content-Security-Policy", DOCS_CONTENT_SECURITY_POLICY)),
        )
        .service(SwaggerUi::new("/{_:.*}").config(Config::new(["/api/v1/openapi.json"])))
}

/// The document, serialised once.
pub fn document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        ApiDoc::openapi()
            .to_json()
            .unwrap_or_else(|_| "{}".to_owned())
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "system",
    summary = "This document",
    security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json"))
)]
pub async fn get() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/json"))
        .insert_header((CACHE_CONTROL, "no-cache"))
        .body(document())
}
