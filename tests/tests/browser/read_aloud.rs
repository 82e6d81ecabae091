//! Read aloud on the person's own plan and on a family member's view: a speaker button
//! on every point (the points, not the headings that name their sections), each a real button at least 44 × 44 px, pressed with the keyboard alone;
//! "Read this page" too. Headless Chromium has no voices, so pressing either must visibly
//! take: the point is marked as being read, or the page says it cannot read aloud here —
//! never nothing. Both pages pass axe.

use fantoccini::key::Key;
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::role::Role;
use ourplan_tests::browser::Browser;
use ourplan_tests::{TestApp, demo_email};
use serde_json::Value;

async fn check_page(browser: &Browser, name: &str) {
    browser.wait_for(".app-point .app-speak").await;
    // Every point (an item, or a part of "About me") has its speaker.
    let counts: Value = browser
        .client
        .execute(
            "const points = [...document.querySelectorAll('main .app-point:not(h2, h3, h4)')]
                 .filter(p => p.querySelector('.app-point__text'));
             const speakers = points.map(p => p.querySelector('button.app-speak'));
             const small = speakers.filter(b => b && (b.getBoundingClientRect().width < 44
                 || b.getBoundingClientRect().height < 44)).length;
             return [points.length, speakers.filter(Boolean).length, small];",
            vec![],
        )
        .await
        .unwrap();
    let (points, speakers, small) = (
        counts[0].as_u64().unwrap(),
        counts[1].as_u64().unwrap(),
        counts[2].as_u64().unwrap(),
    );
    assert!(points >= 5, "{name}: {points} points");
    if speakers != points {
        let missing: Value = browser
            .client
            .execute(
                "return [...document.querySelectorAll('main .app-point:not(h2, h3, h4)')]
                     .filter(p => !p.querySelector('button.app-speak')).map(p => p.outerHTML.slice(0, 200));",
                vec![],
            )
            .await
            .unwrap();
        panic!("{name}: points without a speaker: {missing:#}");
    }
    assert_eq!(small, 0, "{name}: every speaker at least 44 × 44 px");

    // Watches what the app hands to the browser's speech engine (and still hands it on): an
    // engine with voices but no sound card, as WebKitGTK's here, finishes a point at once.
    browser
        .client
        .execute(
            "window.ourplanSpoken = [];
             if (window.speechSynthesis) {
                 const speak = speechSynthesis.speak.bind(speechSynthesis);
                 speechSynthesis.speak = u => { window.ourplanSpoken.push(u.text); speak(u); };
             }",
            vec![],
        )
        .await
        .unwrap();
    // The keyboard alone: focus the first speaker and press Enter.
    let first = browser.wait_for("button.app-speak").await;
    browser
        .client
        .execute(
            "arguments[0].focus();",
            vec![serde_json::to_value(&first).unwrap()],
        )
        .await
        .unwrap();
    browser.press(Key::Enter).await;
    took(browser, name).await;
    // An engine still reading the point (WebKitGTK here has voices but no sound card, so it
    // never finishes) shows "Stop reading": that stops it, and then the page can be read.
    if browser.text_of("#read-page").await == "Stop reading" {
        browser.click("#read-page").await;
        assert_eq!(
            browser.text_becomes("#read-page", "Read this page").await,
            "Read this page"
        );
    }
    browser.click("#read-page").await;
    took(browser, name).await;
    browser.assert_accessible(name).await;
}

/// Pressing read aloud shows: the point is being read, or the page says why it cannot be;
/// or the words went to the speech engine, which had finished them before we looked.
async fn took(browser: &Browser, name: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let state: Value = browser
            .client
            .execute(
                "const spoken = window.ourplanSpoken || [];
                 const given = spoken.length > 0;
                 window.ourplanSpoken = [];
                 return [!!document.querySelector('.app-speak[aria-pressed=\"true\"]') || given,
                         document.getElementById('read-aloud-status').textContent];",
                vec![],
            )
            .await
            .unwrap();
        let reading = state[0].as_bool().unwrap();
        let said = state[1].as_str().unwrap_or_default();
        if reading || said.contains("cannot read aloud") {
            return;
        }
        if std::time::Instant::now() >= deadline {
            let focused: Value = browser
                .client
                .execute(
                    "return document.activeElement.outerHTML.slice(0, 200);",
                    vec![],
                )
                .await
                .unwrap();
            panic!("{name}: pressing read aloud did nothing; focus was on {focused}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_point_can_be_read_aloud_with_the_keyboard() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let person = Browser::start().await;
    person
        .sign_in(&app, demo_email(Role::Individual), DEMO_PASSWORD)
        .await;
    // In easy read his plan comes a part at a time: the first screen of his needs.
    person
        .open(&app.url(&format!("/people/{alex}/plan?part=needs")))
        .await;
    check_page(&person, "my plan, read aloud").await;
    person.close().await;

    let family = Browser::start().await;
    family
        .sign_in(&app, demo_email(Role::Family), DEMO_PASSWORD)
        .await;
    family.open(&app.url(&format!("/people/{alex}/plan"))).await;
    check_page(&family, "a shared plan, read aloud").await;
    family.close().await;
}
