//! The care-standard evidence report in the browser (issue 11): the key worker opens it from a
//! person's overview, sees what is missing first with counts, follows a piece of evidence to
//! the goal it points at, and downloads the report as a PDF; on the plan page, the points not
//! yet in easy read are marked for staff. The pages pass axe.

use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::role::Role;
use ourplan_tests::browser::Browser;
use ourplan_tests::{TestApp, demo_email};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_read_the_evidence_and_follow_it_to_the_records() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = Browser::start().await;
    jordan
        .sign_in(&app, demo_email(Role::SupportWorker), DEMO_PASSWORD)
        .await;
    jordan.open(&app.url(&format!("/people/{alex}"))).await;
    jordan.click("#evidence-link").await;
    assert_eq!(
        jordan
            .text_becomes("main h1", "Care-standard evidence")
            .await,
        "Care-standard evidence"
    );
    // Alex's agreed, reviewed plan: nothing missing; P4 and P12 are outside the records.
    assert_eq!(
        jordan
            .text_becomes("#missing-heading", "Missing from the records (0)")
            .await,
        "Missing from the records (0)"
    );
    assert!(jordan.text_of("#evidence-outside").await.contains("P4:"));
    jordan.assert_accessible("care-standard evidence").await;

    let (status, kind, start) = jordan.download("#download-evidence").await;
    assert_eq!(
        (status, kind.as_str(), start.as_str()),
        (200, "application/pdf", "%PDF-")
    );

    // P3's evidence is the goals: the first link opens that goal.
    jordan.click("#criterion-p3 a").await;
    jordan.wait_for("form").await;
    let url = jordan.client.current_url().await.unwrap();
    assert!(
        url.path().starts_with(&format!("/people/{alex}/goals/")),
        "{url}"
    );

    // On the plan page, staff see which points are not in easy read yet: exactly those
    // without the person's own wording.
    jordan.open(&app.url(&format!("/people/{alex}/plan"))).await;
    jordan.wait_for("li.app-item").await;
    let points: serde_json::Value = jordan
        .client
        .execute(
            "return [...document.querySelectorAll('li.app-item')].map(li =>
                 [!!li.querySelector('.app-item__words'), !!li.querySelector('.app-tag')]);",
            vec![],
        )
        .await
        .unwrap();
    let points = points.as_array().unwrap();
    assert!(points.len() > 20);
    assert!(
        points.iter().any(|p| p[1] == true),
        "some are not in easy read yet"
    );
    for point in points {
        assert_ne!(
            point[0], point[1],
            "own words or the marker, never both or neither"
        );
    }
    jordan
        .assert_accessible("the plan with easy-read markers")
        .await;
    jordan.close().await;
}
