//! The OpenAPI document describes exactly the routes the server has, and the docs page shows it.

use std::time::Duration;

use fantoccini::Locator;
use ourplan_backend::api::endpoints;
use ourplan_tests::TestApp;
use ourplan_tests::browser::Browser;
use reqwest::StatusCode;
use serde_json::Value;

#[test]
fn the_document_describes_every_route_in_the_table_and_no_other() {
    let app = TestApp::start();
    let response = app.get(&app.client(), "/api/v1/openapi.json");
    assert_eq!(response.status(), StatusCode::OK);
    let doc: Value = response.json().unwrap();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let paths = doc["paths"].as_object().unwrap();
    let mut documented = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            documented.push(format!("{} {path}", method.to_uppercase()));
        }
    }
    let mut routes: Vec<String> = endpoints()
        .iter()
        .map(|e| format!("{} /api/v1{}", e.method, e.path))
        .collect();
    routes.sort();
    documented.sort();
    assert_eq!(documented, routes);

    // Every operation says what it is, and names its errors' shape.
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            assert!(op["summary"].is_string(), "{method} {path} has no summary");
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{method} {path}"
            );
        }
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "ErrorBody",
        "PlanDocument",
        "ConsentRequest",
        "Goal",
        "PlanSection",
        "PersonId",
    ] {
        assert!(schemas.contains_key(name), "schema {name} missing");
    }
    assert_eq!(
        schemas["PlanSection"]["enum"].as_array().unwrap().len(),
        9,
        "enums list their keys"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_docs_page_renders_every_operation_from_our_own_server() {
    let app = TestApp::start();
    let browser = Browser::start().await;
    browser.client.goto(&app.url("/api/docs/")).await.unwrap();
    let operations = browser
        .client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(".opblock"))
        .await;
    assert!(operations.is_ok(), "Swagger UI showed no operations");
    let count = browser
        .client
        .find_all(Locator::Css(".opblock"))
        .await
        .unwrap()
        .len();
    assert_eq!(count, endpoints().len());
    browser.close().await;
}
