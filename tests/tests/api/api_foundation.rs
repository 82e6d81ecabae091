//! The server's foundations, against the real server on a loopback port: health, the JSON
//! error shape for anything that goes wrong, security headers everywhere, the SPA fallback.

use ourplan_shared::error::{ErrorBody, ErrorCode};
use ourplan_shared::health::Health;
use ourplan_tests::TestApp;
use reqwest::StatusCode;
use reqwest::blocking::Response;

const SECURITY_HEADERS: [(&str, &str); 4] = [
    (
        "content-security-policy",
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; \
         media-src 'self' blob:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; \
         report-uri /api/v1/csp-reports",
    ),
    (
        "strict-transport-security",
        "max-age=63072000; includeSubDomains",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
];

fn assert_security_headers(response: &Response) {
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(
            response.headers().get(name).and_then(|v| v.to_str().ok()),
            Some(value),
            "{name} on {}",
            response.url()
        );
    }
}

fn assert_json_error(response: Response, status: StatusCode, code: ErrorCode) -> ErrorBody {
    assert_eq!(response.status(), status, "{}", response.url());
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let body: ErrorBody = response.json().unwrap();
    assert_eq!(body.error.code, code);
    assert!(!body.error.message.is_empty());
    body
}

/// The newest migration's version, as diesel names it: the digits of its folder's date and
/// number (`2026-11-25-000008_reviews` is `20261125000008`).
fn newest_migration() -> String {
    let folder = std::fs::read_dir(ourplan_tests::root().join("migrations/sqlite"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .max()
        .unwrap();
    let (date, _) = folder.split_once('_').unwrap();
    date.replace('-', "")
}

#[test]
fn health_names_the_database_and_the_migration() {
    let app = TestApp::start();
    let response = app.client().get(app.url("/api/v1/health")).send().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_security_headers(&response);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let health: Health = response.json().unwrap();
    assert_eq!(health.status, "ok");
    assert_eq!(health.database, app.database.backend());
    assert_eq!(health.migration, newest_migration());
}

#[test]
fn unknown_api_routes_are_json_404s() {
    let app = TestApp::start();
    for path in [
        "/api/v1/no-such-thing",
        "/api/v2/health",
        "/api",
        "/api/v1/health/extra",
    ] {
        let response = app.client().get(app.url(path)).send().unwrap();
        assert_security_headers(&response);
        assert_json_error(response, StatusCode::NOT_FOUND, ErrorCode::NotFound);
    }
}

#[test]
fn a_wrong_method_is_a_json_405() {
    let app = TestApp::start();
    let response = app
        .client()
        .post(app.url("/api/v1/health"))
        .header("x-ourplan-csrf", "1")
        .header("content-type", "application/json")
        .body("{\"not\": \"wanted\"}")
        .send()
        .unwrap();
    assert_json_error(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
    );
    let response = app
        .client()
        .delete(app.url("/api/v1/health"))
        .header("x-ourplan-csrf", "1")
        .send()
        .unwrap();
    assert_json_error(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
    );
}

#[test]
fn bad_json_bodies_get_json_errors_and_a_good_report_is_accepted() {
    let app = TestApp::start();
    let post = |content_type: &str, body: String| {
        app.client()
            .post(app.url("/api/v1/csp-reports"))
            .header("content-type", content_type)
            .body(body)
            .send()
            .unwrap()
    };
    let malformed = post("application/csp-report", "{\"csp-report\": {".to_owned());
    assert_security_headers(&malformed);
    let body = assert_json_error(malformed, StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    assert!(
        body.error
            .message
            .starts_with("The request body is not valid JSON"),
        "{body:?}"
    );

    let wrong_shape = post("application/json", "{\"csp-report\": 7}".to_owned());
    assert_json_error(
        wrong_shape,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::Invalid,
    );

    let not_json = post("text/plain", "hello".to_owned());
    assert_json_error(
        not_json,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::UnsupportedMediaType,
    );

    let huge = format!(
        "{{\"csp-report\": {{\"blocked-uri\": \"{}\"}}}}",
        "x".repeat(64 * 1024)
    );
    let too_large = post("application/csp-report", huge);
    assert_json_error(
        too_large,
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::PayloadTooLarge,
    );

    let report = post(
        "application/csp-report",
        r#"{"csp-report": {"effective-directive": "script-src-elem", "blocked-uri": "inline"}}"#
            .to_owned(),
    );
    assert_eq!(report.status(), StatusCode::NO_CONTENT);
}

#[test]
fn static_files_carry_the_security_headers_and_hashed_assets_are_immutable() {
    let app = TestApp::start();
    let index = app.client().get(app.url("/")).send().unwrap();
    assert_eq!(index.status(), StatusCode::OK);
    assert_security_headers(&index);
    assert_eq!(index.headers()["cache-control"], "no-cache");
    let html = index.text().unwrap();
    // The boot script is an external module: the CSP allows no inline script.
    assert!(!html.contains("<script>"), "inline script in index.html");
    let boot = html
        .split("src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a script src in index.html");
    assert!(boot.starts_with("/assets/boot-"), "{boot}");
    let script = app.client().get(app.url(boot)).send().unwrap();
    assert_eq!(script.status(), StatusCode::OK);
    assert_security_headers(&script);
    assert_eq!(
        script.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(
        script.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let font = app
        .client()
        .get(app.url("/assets/fonts/AtkinsonHyperlegible-Regular-latin.woff2"))
        .send()
        .unwrap();
    assert_eq!(font.status(), StatusCode::OK);
    assert_eq!(font.headers()["content-type"], "font/woff2");
    assert_security_headers(&font);
}

#[test]
fn deep_links_get_the_app_and_missing_files_get_a_json_404() {
    let app = TestApp::start();
    let index = app
        .client()
        .get(app.url("/"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    for path in ["/display", "/persons/0190f0a0/plan", "/no/such/page"] {
        let response = app.client().get(app.url(path)).send().unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_security_headers(&response);
        assert_eq!(response.text().unwrap(), index, "{path} serves index.html");
    }
    let response = app
        .client()
        .get(app.url("/assets/ourplan-missing.js"))
        .send()
        .unwrap();
    assert_security_headers(&response);
    assert_json_error(response, StatusCode::NOT_FOUND, ErrorCode::NotFound);
}
