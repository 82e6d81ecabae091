//! The app shell in a real headless Chromium: deep links, the display mode surviving a
//! reload, keyboard entry through the skip link, and axe-core finding nothing (WCAG 2.2 AA).

use fantoccini::Locator;
use fantoccini::key::Key;
use ourplan_tests::TestApp;
use ourplan_tests::browser::Browser;
use serde_json::json;

fn assert_no_violations(page: &str, violations: Vec<String>) {
    assert!(
        violations.is_empty(),
        "axe found on {page}:\n{}",
        violations.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shell_loads_deep_links_remembers_easy_read_and_passes_axe() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = TestApp::start();
    let browser = Browser::start().await;

    assert_eq!(browser.open(&app.url("/")).await, "Ourplan");
    assert_eq!(browser.client.title().await.unwrap(), "Home – Ourplan");
    assert_eq!(
        browser.root_attribute("data-mode").await.as_deref(),
        Some("standard")
    );
    assert_no_violations("/", browser.check("/").await);

    // A deep link loads the right page straight away.
    assert_eq!(browser.open(&app.url("/display")).await, "How pages look");
    assert_eq!(
        browser.client.title().await.unwrap(),
        "How pages look – Ourplan"
    );
    assert_eq!(
        browser
            .text_of("a.app-nav__link[aria-current='page']")
            .await,
        "How pages look"
    );

    // Choose easy read by its label, as a person would.
    browser.click("label[for='display-mode-easy-read']").await;
    assert_eq!(
        browser.root_attribute("data-mode").await.as_deref(),
        Some("easy-read")
    );
    assert_eq!(
        browser.text_of(".app-display-form__status").await,
        "Now showing: Easy read."
    );
    assert_no_violations(
        "/display in easy read",
        browser.check("/display in easy read").await,
    );

    // Still easy read after a reload, with the radio still chosen.
    browser.client.refresh().await.unwrap();
    assert_eq!(browser.heading().await, "How pages look");
    assert_eq!(
        browser.root_attribute("data-mode").await.as_deref(),
        Some("easy-read")
    );
    let radio = browser
        .client
        .find(Locator::Id("display-mode-easy-read"))
        .await
        .unwrap();
    assert!(radio.is_selected().await.unwrap());

    // Easy read makes body text at least 20px (here 24px).
    let size = browser
        .client
        .execute(
            "return getComputedStyle(document.querySelector('main p')).fontSize;",
            vec![],
        )
        .await
        .unwrap();
    let px: f64 = size
        .as_str()
        .unwrap()
        .trim_end_matches("px")
        .parse()
        .unwrap();
    assert!(px >= 20.0, "easy-read body text is {px}px");

    // High contrast combines with easy read.
    browser.click("label[for='display-high-contrast']").await;
    assert_eq!(
        browser.root_attribute("data-contrast").await.as_deref(),
        Some("high")
    );
    assert_eq!(
        browser.root_attribute("data-mode").await.as_deref(),
        Some("easy-read")
    );
    assert_no_violations(
        "/display in easy read, high contrast",
        browser.check("/display in easy read, high contrast").await,
    );

    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_users_start_at_the_skip_link_and_unknown_pages_say_so() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = TestApp::start();
    let browser = Browser::start().await;

    assert_eq!(
        browser.open(&app.url("/no/such/page")).await,
        "Page not found"
    );
    assert_eq!(
        browser.client.title().await.unwrap(),
        "Page not found – Ourplan"
    );
    assert_no_violations("the 404 page", browser.check("the 404 page").await);

    // The first Tab reaches the skip link; Enter moves focus to the main content.
    let body = browser.client.find(Locator::Css("body")).await.unwrap();
    body.send_keys(&Key::Tab.to_string()).await.unwrap();
    let focused = browser.client.active_element().await.unwrap();
    assert_eq!(focused.text().await.unwrap(), "Skip to main content");
    focused.send_keys(&Key::Enter.to_string()).await.unwrap();
    assert_eq!(
        browser.focused_id_becomes("main-content").await.as_deref(),
        Some("main-content")
    );

    // Following a link moves focus to the new page's content for screen readers.
    browser
        .click("a.app-nav__link[href='/accessibility']")
        .await;
    assert_eq!(browser.heading().await, "Accessibility");
    assert_eq!(
        browser.focused_id_becomes("main-content").await.as_deref(),
        Some("main-content")
    );
    assert_no_violations("/accessibility", browser.check("/accessibility").await);

    browser.close().await;
}

/// Copies a built app, leaving out the files `leave_out` says no to.
fn copy_app(from: &std::path::Path, to: &std::path::Path, leave_out: &dyn Fn(&str) -> bool) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            copy_app(&entry.path(), &to.join(&name), leave_out);
        } else if !leave_out(&name) {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_that_cannot_be_fetched_says_so_and_the_app_keeps_working() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    // As a tab opened before a newer version was installed finds: the pages of the person's
    // group of pages (the display settings among them) are gone from the server.
    let dist = tempfile::tempdir().unwrap();
    copy_app(&ourplan_tests::dist_dir(), dist.path(), &|name| {
        name == "split_person.wasm"
    });
    let dist_path = dist.path().to_string_lossy().into_owned();
    let app = TestApp::start_with(&[("OURPLAN_DIST", &dist_path)]);
    let browser = Browser::start().await;

    assert_eq!(browser.open(&app.url("/")).await, "Ourplan");
    browser.click("main a[href='/display']").await;
    assert_eq!(
        browser
            .text_becomes("main h1", "This page could not be loaded")
            .await,
        "This page could not be loaded"
    );
    assert_eq!(
        browser.client.title().await.unwrap(),
        "This page could not be loaded – Ourplan"
    );
    assert_eq!(
        browser.text_of("#try-again").await,
        "Try again",
        "a way to load the page again"
    );
    // The piece taken away answers 404, as meant; nothing else fails.
    let mut found = browser.check("not loaded").await;
    found.retain(|v| !(v.starts_with("404 ") && v.ends_with("split_person.wasm")));
    assert_no_violations("the page not loaded", found);

    // The rest of the app still works: the shell's own link home.
    browser.click("a.app-nav__link[href='/']").await;
    assert_eq!(browser.text_becomes("main h1", "Ourplan").await, "Ourplan");

    // Trying again loads the page afresh; here the piece is still missing, so it says so again.
    browser.click("main a[href='/display']").await;
    assert_eq!(
        browser
            .text_becomes("main h1", "This page could not be loaded")
            .await,
        "This page could not be loaded"
    );
    browser
        .client
        .execute("window.beforeTryingAgain = true;", vec![])
        .await
        .unwrap();
    browser.click("#try-again").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while browser
        .client
        .execute("return window.beforeTryingAgain === true;", vec![])
        .await
        .map_or(true, |same| same.as_bool() == Some(true))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "trying again loads the page again"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        browser
            .text_becomes("main h1", "This page could not be loaded")
            .await,
        "This page could not be loaded"
    );

    browser.close().await;
}

/// A browser that cannot run the app (issue 27): with JavaScript off, or without WebAssembly,
/// the reader gets a plain page saying which browsers work and how to get their plan as a
/// PDF, in English and Polish, never a blank screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_that_cannot_run_the_app_says_what_to_do() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    // Chromium's switches make the browser that lacks them.
    if ourplan_tests::browser::Engine::current() != ourplan_tests::browser::Engine::Chromium {
        return;
    }
    let app = TestApp::start();

    let no_script = Browser::start_with(
        &[],
        json!({"profile.managed_default_content_settings.javascript": 2}),
    )
    .await;
    no_script.client.goto(&app.url("/people")).await.unwrap();
    let page = no_script.wait_for("#no-javascript").await;
    let text = page.text().await.unwrap();
    assert!(
        text.contains("Ourplan cannot open in this browser"),
        "{text}"
    );
    assert!(text.contains("Firefox, Chrome, Edge"), "{text}");
    assert!(text.contains("as a PDF"), "{text}");
    assert!(text.contains("Ourplan nie otworzy się"), "{text}");
    no_script.close().await;

    let no_wasm = Browser::start_with(&["--js-flags=--jitless"], json!({})).await;
    no_wasm.client.goto(&app.url("/")).await.unwrap();
    let page = no_wasm.wait_for("#unsupported").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !page.is_displayed().await.unwrap() {
        assert!(
            std::time::Instant::now() < deadline,
            "the unsupported page shows"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("ask your support staff for your plan")
    );
    no_wasm.assert_accessible("no WebAssembly").await;
    no_wasm.close().await;
}
