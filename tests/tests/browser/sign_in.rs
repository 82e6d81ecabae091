//! Signing in and out in a real browser, with the GOV.UK error summary, and axe finding
//! nothing on the way.

use fantoccini::Locator;
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_tests::TestApp;
use ourplan_tests::browser::Browser;

fn assert_no_violations(page: &str, violations: Vec<String>) {
    assert!(
        violations.is_empty(),
        "axe found on {page}:\n{}",
        violations.join("\n")
    );
}

async fn type_into(browser: &Browser, id: &str, text: &str) {
    let input = browser.client.find(Locator::Id(id)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_support_worker_signs_in_after_a_mistake_and_signs_out() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let browser = Browser::start().await;

    assert_eq!(browser.open(&app.url("/sign-in")).await, "Sign in");
    browser.click("button.app-button").await;
    // Focus moves to the summary (it has no id) once the app has rendered it.
    for _ in 0..300 {
        let focused = browser.client.active_element().await.unwrap();
        if focused.attr("class").await.unwrap().as_deref() == Some("app-error-summary") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let focused = browser.client.active_element().await.unwrap();
    assert_eq!(
        focused.attr("class").await.unwrap().as_deref(),
        Some("app-error-summary")
    );
    let summary = browser.text_of(".app-error-summary__list").await;
    assert_eq!(summary, "Enter your email address\nEnter your password");
    assert_eq!(
        browser.client.title().await.unwrap(),
        "Error: Sign in – Ourplan"
    );
    assert_no_violations(
        "sign-in with errors",
        browser.check("sign-in with errors").await,
    );

    // The summary's link takes focus to the field.
    browser
        .click(".app-error-summary__list a[href='#email']")
        .await;
    assert_eq!(
        browser.focused_id_becomes("email").await.as_deref(),
        Some("email")
    );

    type_into(&browser, "email", "jordan.bell@demo.ourplan.test").await;
    type_into(&browser, "password", "not my password").await;
    browser.click("button.app-button").await;
    let wrong = "The email address or password is not right.";
    assert_eq!(
        browser
            .text_becomes(".app-error-summary__list", wrong)
            .await,
        wrong
    );

    type_into(&browser, "password", DEMO_PASSWORD).await;
    browser.click("button.app-button").await;
    browser
        .client
        .wait()
        .for_element(Locator::Css(".app-nav__user"))
        .await
        .unwrap();
    assert_eq!(browser.text_becomes("main h1", "Ourplan").await, "Ourplan");
    assert_eq!(browser.text_of(".app-nav__user").await, "Jordan Bell");
    let hello = "Hello, Jordan Bell.";
    assert_eq!(browser.text_becomes("main .app-body-l", hello).await, hello);
    assert_no_violations("home, signed in", browser.check("home, signed in").await);

    // Still signed in after a reload: the session lives in HttpOnly cookies.
    browser.client.refresh().await.unwrap();
    browser
        .client
        .wait()
        .for_element(Locator::Css(".app-nav__user"))
        .await
        .unwrap();

    // While the home page sits idle, the pieces of the pages a support worker opens are
    // fetched (the people and editing pages), and not the managers' and administrators'.
    let fetched = "return performance.getEntriesByType('resource')
        .map((e) => e.name.split('/').pop()).filter((n) => n.startsWith('split_'));";
    let mut pieces = Vec::new();
    for _ in 0..300 {
        pieces = browser
            .client
            .execute(fetched, vec![])
            .await
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        if pieces.len() >= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mut pieces: Vec<&str> = pieces.iter().filter_map(|p| p.as_str()).collect();
    pieces.sort_unstable();
    assert_eq!(
        pieces,
        [
            "split_editing.wasm",
            "split_people.wasm",
            "split_person.wasm"
        ]
    );

    browser.click(".app-nav__button").await;
    browser
        .client
        .wait()
        .for_element(Locator::Css("a.app-nav__link[href='/sign-in']"))
        .await
        .unwrap();
    assert_eq!(browser.text_becomes("main h1", "Sign in").await, "Sign in");
    browser.close().await;
}
