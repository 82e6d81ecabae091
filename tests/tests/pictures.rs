// Tests may unwrap: a failure should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The easy-read pictures come from our own server: every concept of the vocabulary as
//! an SVG, with the symbol set's licence beside them. Nothing is fetched elsewhere at run time.

use ourplan_shared::pictures::VOCABULARY;
use ourplan_tests::TestApp;
use reqwest::StatusCode;

#[test]
fn every_picture_and_its_licence_are_served_by_our_server() {
    let app = TestApp::start();
    let client = app.client();
    for concept in VOCABULARY {
        let response = client
            .get(app.url(&format!("/assets/pictures/{}.svg", concept.key)))
            .send()
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{}", concept.key);
        assert_eq!(response.headers()["content-type"], "image/svg+xml");
        let body = response.text().unwrap();
        assert!(body.starts_with("<svg"), "{}", concept.key);
    }
    let licence = client
        .get(app.url("/assets/pictures/LICENSE.txt"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(licence.contains("Microsoft") && licence.contains("MIT License"));
}
