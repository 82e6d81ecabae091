//! Reviews in the browser: the person asks for a review from their home page in
//! easy read; their key worker starts on Part 1 with them and submits it; the manager sees the
//! notification and the review programme, writes Part 2 and completes the review; the plan's
//! next version exists and the programme's counts change. The person downloads their easy-read
//! copy from home, the manager the review record and counts the care-standard evidence.
//! Every page passes axe and is kept as a screenshot.

use fantoccini::Locator;
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_tests::browser::Browser;
use ourplan_tests::{TestApp, demo_email};

fn blocking<T: Send>(call: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(call).join().unwrap())
}

/// Focuses an element and presses Enter, as a keyboard or switch user does.
async fn press_enter_on(browser: &Browser, css: &str) {
    let element = browser.wait_for(css).await;
    browser
        .client
        .execute(
            "arguments[0].focus();",
            vec![serde_json::to_value(&element).unwrap()],
        )
        .await
        .unwrap();
    browser.press(fantoccini::key::Key::Enter).await;
}

async fn count_becomes(browser: &Browser, css: &str, want: u64) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let count = browser
            .client
            .execute(
                "return document.querySelectorAll(arguments[0]).length;",
                vec![serde_json::json!(css)],
            )
            .await
            .unwrap();
        if count.as_u64() == Some(want) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{css}: {count}, not {want}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// From the review's Part 1, Alex sorts the pictures about his home, keyboard alone: each
/// picture onto good, not sure or not good, one moved and placed again, then kept.
async fn sort_pictures_about_home(jordan: &Browser) {
    jordan.click("#sort-pictures").await;
    jordan.wait_for("#start-sorting").await;
    jordan
        .assert_accessible("views with pictures, choosing")
        .await;
    press_enter_on(jordan, "#start-sorting").await;
    jordan.wait_for("#sort-card").await;
    jordan
        .assert_accessible("views with pictures, sorting")
        .await;
    // My bedroom, the kitchen, the garden, the people I live with, my neighbours, noise,
    // quiet time.
    let places = [
        "good", "not_sure", "not_sure", "not_sure", "good", "not_good", "not_sure",
    ];
    for (done, place) in places.iter().enumerate() {
        press_enter_on(jordan, &format!("#place-{place}")).await;
        count_becomes(jordan, ".app-sort__placed li", done as u64 + 1).await;
    }
    // The garden was good after all.
    let garden = "li:nth-child(2) .app-sort__move";
    press_enter_on(jordan, &format!("#placed-not_sure {garden}")).await;
    jordan.text_contains("#sort-card", "The garden").await;
    press_enter_on(jordan, "#place-good").await;
    count_becomes(jordan, "#placed-good li", 3).await;
    let focused = jordan
        .client
        .execute("return document.activeElement.id;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, "sort-heading", "the next step is announced");
    jordan
        .assert_accessible("views with pictures, all sorted")
        .await;
    press_enter_on(jordan, "#save-sort").await;
    jordan.click("#back-from-sort").await;
    jordan.wait_for("#review-views").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_person_asks_staff_review_in_two_parts_and_the_plan_moves_on() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let before: PlanDocument = blocking(|| {
        let jordan = app.demo(Role::SupportWorker);
        app.get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
            .json()
            .unwrap()
    });
    let version = before.plan.current_version.unwrap();

    // Alex tells the team what he thinks, then asks for a review, from his home page.
    let person = Browser::start().await;
    person
        .sign_in(&app, demo_email(Role::Individual), DEMO_PASSWORD)
        .await;
    // His pages are in easy read, the format recorded for him.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while person.root_attribute("data-mode").await.as_deref() != Some("easy-read") {
        assert!(std::time::Instant::now() < deadline, "easy read is applied");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    person.assert_accessible("my home, easy read").await;
    // His home is big picture buttons: each with its picture loaded, at least 44 × 44 px.
    let buttons: serde_json::Value = person
        .client
        .execute(
            "return [...document.querySelectorAll('#my-home a')].map(a => {
                 const img = a.querySelector('img'); const box = a.getBoundingClientRect();
                 return [a.textContent.trim(), !!img && img.complete && img.naturalWidth > 0,
                         box.width >= 44 && box.height >= 44, box.width, box.top, box.height];
             });",
            vec![],
        )
        .await
        .unwrap();
    let labels: Vec<&str> = buttons
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            assert_eq!(
                (b[1].as_bool(), b[2].as_bool()),
                (Some(true), Some(true)),
                "{b}"
            );
            b[0].as_str().unwrap()
        })
        .collect();
    // A regular grid of equal cards: the same width, and the same height along a row.
    let cards = buttons.as_array().unwrap();
    let size = |b: &serde_json::Value, i: usize| b[i].as_f64().unwrap();
    for card in cards {
        assert!(
            (size(card, 3) - size(&cards[0], 3)).abs() < 1.0,
            "every card as wide as the first: {buttons}"
        );
        for other in cards
            .iter()
            .filter(|o| (size(o, 4) - size(card, 4)).abs() < 1.0)
        {
            assert!(
                (size(other, 5) - size(card, 5)).abs() < 1.0,
                "cards along a row as tall as each other: {buttons}"
            );
        }
    }
    assert_eq!(
        labels,
        [
            "My plan",
            "What is important to me",
            "My goals",
            "Who can see my plan",
            "Ask for a review",
            "Tell us what you think",
            "Download my plan (PDF)"
        ]
    );
    // On a phone-sized screen nothing scrolls sideways.
    person.client.set_window_size(320, 800).await.unwrap();
    let sideways: bool = person
        .client
        .execute(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(!sideways, "the home scrolls sideways at 320 px");
    person.assert_accessible("my home, easy read, 320 px").await;
    person.client.set_window_size(1280, 900).await.unwrap();
    // "My goals" opens that part of his plan.
    person
        .click(&format!("a[href='/people/{alex}/plan?part=goals']"))
        .await;
    assert_eq!(
        person.text_becomes("#plan-heading", "My goals").await,
        "My goals"
    );
    person.click(".app-header__brand").await;
    // His own copy of the plan, in easy read, from his home page.
    let (status, kind, start) = person.download("#download-easy-read").await;
    assert_eq!(
        (status, kind.as_str(), start.as_str()),
        (200, "application/pdf", "%PDF-")
    );
    person
        .click(&format!("a[href='/people/{alex}/feedback']"))
        .await;
    assert_eq!(
        person
            .text_becomes("main h1", "Tell us what you think")
            .await,
        "Tell us what you think"
    );
    assert!(
        person
            .text_of("#complaints-route")
            .await
            .contains("formal complaint")
    );
    person.click("#kind-challenge").await;
    person
        .replace_text("text", "I want to cook on my own some days")
        .await;
    person.click("#send-feedback").await;
    let sent = "Thank you. We have your message. Someone will answer you.";
    assert_eq!(person.text_becomes("#feedback-sent", sent).await, sent);
    person.assert_accessible("tell us what you think").await;
    person.click(".app-header__brand").await;
    person.click("a[href='/ask-for-a-review']").await;
    assert_eq!(
        person.text_becomes("main h1", "Ask for a review").await,
        "Ask for a review"
    );
    person.assert_accessible("ask for a review").await;
    person
        .replace_text("reason", "I want to move to my own flat")
        .await;
    person.click("#ask-for-review").await;
    let thanks =
        "Thank you. We have told your support team. They will talk with you about your plan soon.";
    assert_eq!(person.text_becomes("#asked", thanks).await, thanks);
    person.assert_accessible("asked for a review").await;
    person.close().await;

    // Jordan sees it, writes Part 1 with Alex and submits it.
    let jordan = Browser::start().await;
    jordan
        .sign_in(&app, demo_email(Role::SupportWorker), DEMO_PASSWORD)
        .await;
    assert_eq!(
        jordan
            .text_becomes("#notifications-link", "Notifications (1 new)")
            .await,
        "Notifications (1 new)"
    );
    jordan.click("#notifications-link").await;
    jordan.wait_for("#notifications").await;
    jordan.assert_accessible("notifications").await;
    jordan.click("#notifications a").await;
    assert_eq!(
        jordan.text_becomes("main h1", "Review asked for").await,
        "Review asked for"
    );
    jordan.wait_for("#what_is_working").await;
    // Feedback since the last review appears in Part 1.
    jordan
        .text_contains(
            "#review-feedback",
            "Something I want changed from Alex Rivers: I want to cook on my own some days",
        )
        .await;
    jordan.assert_accessible("review, Part 1").await;
    sort_pictures_about_home(&jordan).await;
    jordan
        .text_contains(
            "#review-views",
            "Good: My bedroom, The garden, My neighbours",
        )
        .await;
    // Beside what Alex thought at his first review.
    jordan.text_contains("#review-views", "Before, on ").await;
    jordan
        .replace_text("what_is_working", "Cooking on Tuesdays")
        .await;
    jordan
        .replace_text("what_is_not_working", "Evenings alone are long")
        .await;
    jordan
        .replace_text("persons_views", "I want my own flat")
        .await;
    // Submitting without progress on every goal names what is missing.
    jordan.click("#submit-part-one").await;
    let summary = jordan.wait_for(".app-error-summary").await;
    assert!(
        summary
            .text()
            .await
            .unwrap()
            .contains("Say how every goal is going.")
    );
    let boxes = jordan
        .client
        .find_all(Locator::Css("textarea[id^='progress-']"))
        .await
        .unwrap();
    for (index, _) in boxes.iter().enumerate() {
        jordan
            .replace_text(&format!("progress-{index}"), "Going well")
            .await;
    }
    jordan.click("#submit-part-one").await;
    let submitted = "Part 1 is submitted. The manager has been told.";
    assert_eq!(
        jordan.text_becomes("#review-status", submitted).await,
        submitted
    );
    jordan.assert_accessible("review, Part 1 submitted").await;

    // A check-in on the first goal: charted, and listed as a table.
    let goal = &before.goals[0];
    jordan
        .open(&app.url(&format!("/people/{alex}/goals/{}/progress", goal.id)))
        .await;
    jordan.wait_for("#check-ins").await;
    jordan
        .replace_text("progress", "Cooked 3 meals this month")
        .await;
    jordan.replace_text("measure_value", "3 of 4 meals").await;
    jordan.click("#add-check-in").await;
    let saved = "The check-in is saved.";
    assert_eq!(jordan.text_becomes("#progress-status", saved).await, saved);
    let table = jordan.wait_for("#check-ins tbody").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !table
        .text()
        .await
        .unwrap_or_default()
        .contains("3 of 4 meals")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the new check-in is listed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let chart = jordan.wait_for("#progress-chart desc").await;
    assert!(
        chart
            .html(true)
            .await
            .unwrap()
            .contains("check-ins with a number")
    );
    jordan.assert_accessible("goal progress").await;
    jordan.close().await;

    // Priya: the notification, Part 2, and the review completes into the next version.
    let priya = Browser::start().await;
    priya
        .sign_in(&app, demo_email(Role::Manager), DEMO_PASSWORD)
        .await;
    assert_eq!(
        priya
            .text_becomes("#notifications-link", "Notifications (2 new)")
            .await,
        "Notifications (2 new)"
    );
    // The programme shows the review Alex asked for, waiting for Part 2.
    priya.click("a[href='/review-programme']").await;
    let waiting = "[data-attention='part_two_waiting'] .app-counts__number";
    assert_eq!(priya.text_becomes(waiting, "1").await, "1");
    let table = priya.wait_for("#programme").await.text().await.unwrap();
    assert!(table.contains("review asked for"), "{table}");
    priya.assert_accessible("review programme").await;
    priya.click("#notifications-link").await;
    let newest = priya.wait_for("#notifications li:first-child a").await;
    assert_eq!(
        newest.text().await.unwrap(),
        "Part 1 of Alex's review is ready. Part 2 is yours to complete."
    );
    newest.click().await.unwrap();
    priya.wait_for("#outcome").await;
    priya.assert_accessible("review, Part 2").await;
    priya
        .replace_text("outcome", "The plan works; Alex wants his own flat")
        .await;
    priya
        .replace_text("changes_agreed", "Add a goal about finding a flat")
        .await;
    priya
        .replace_text("effectiveness_evidence", "3 of 4 goals going well")
        .await;
    priya.click("#complete-review").await;
    let done = "The review is complete. The plan's next version is agreed.";
    assert_eq!(priya.text_becomes("#review-status", done).await, done);
    priya.assert_accessible("review, completed").await;
    let (status, kind, start) = priya.download("#download-review").await;
    assert_eq!(
        (status, kind.as_str(), start.as_str()),
        (200, "application/pdf", "%PDF-")
    );
    priya
        .open(&app.url(&format!("/people/{alex}/reviews")))
        .await;
    priya.text_contains("#review-list", "Completed").await;
    priya.assert_accessible("reviews of a plan").await;
    priya.click("a[href='/review-programme']").await;
    assert_eq!(
        priya.text_becomes(waiting, "0").await,
        "0",
        "the counts change"
    );
    // The care-standard evidence counted across her plans, when she asks.
    priya.click("#count-evidence").await;
    priya.text_contains("#evidence-caption", "2 plans").await;
    priya
        .text_contains("#evidence-counts", "P13: The individual")
        .await;
    priya
        .assert_accessible("review programme with evidence counts")
        .await;
    // On a phone each person is a card: neither the page nor the table scrolls sideways.
    priya.client.set_window_size(320, 900).await.unwrap();
    let sideways: serde_json::Value = priya
        .client
        .execute(
            "const width = document.documentElement.clientWidth;
             const wide = el => el.scrollWidth > el.clientWidth + 1;
             if (!wide(document.documentElement)
                 && ![...document.querySelectorAll('.app-table-wrapper')].some(wide)) return [];
             return [...document.querySelectorAll('body *')]
                 .filter(el => el.getBoundingClientRect().right > width + 1)
                 .slice(-6)
                 .map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        sideways,
        serde_json::json!([]),
        "the programme scrolls sideways at 320 px"
    );
    priya.assert_accessible("review programme, 320 px").await;
    priya.close().await;

    let after: PlanDocument = blocking(|| {
        let jordan = app.demo(Role::SupportWorker);
        app.get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
            .json()
            .unwrap()
    });
    assert_eq!(after.plan.current_version, Some(version + 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sets_how_often_plans_are_reviewed_and_how_long_records_are_kept() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let admin = Browser::start().await;
    admin
        .sign_in(&app, demo_email(Role::Admin), DEMO_PASSWORD)
        .await;
    admin.click("a[href='/organisation']").await;
    admin.wait_for("#review_interval_months").await;
    admin.text_contains("main h1", "Riverside Support").await;
    admin.replace_text("review_interval_months", "13").await;
    admin.click("#save-organisation").await;
    admin
        .text_contains(".app-error-summary", "choose 1 to 12")
        .await;
    admin
        .assert_accessible("organisation settings with an error")
        .await;
    admin.replace_text("review_interval_months", "3").await;
    admin.replace_text("retention_years", "0").await;
    admin.click("#save-organisation").await;
    admin
        .text_contains(".app-error-summary", "1 to 100 years")
        .await;
    admin.replace_text("retention_years", "10").await;
    admin.click("#save-organisation").await;
    assert_eq!(
        admin.text_becomes("#organisation-status", "Saved.").await,
        "Saved."
    );
    admin.close().await;
}

/// Issue 25: a manager of many people sees the counts for all of them at once and the rows 50
/// a page, and moves between pages with the keyboard; choosing a filter starts at page 1.
#[tokio::test(flavor = "multi_thread")]
async fn a_manager_of_many_people_pages_through_the_programme() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = TestApp::start();
    let seeded = blocking(|| {
        let mut conn = app.database.connect();
        ourplan_backend::demo::seed_people(&mut conn, 60).unwrap()
    });
    let morgan = Browser::start().await;
    morgan
        .sign_in(&app, &seeded.manager_email, DEMO_PASSWORD)
        .await;
    morgan.open(&app.url("/review-programme")).await;
    let people = "[data-attention=''] .app-counts__number";
    assert_eq!(morgan.text_becomes(people, "60").await, "60");
    let caption = "#programme-caption";
    let first = "60 people, page 1 of 2";
    assert_eq!(morgan.text_becomes(caption, first).await, first);
    count_becomes(&morgan, "#programme tbody tr", 50).await;
    assert!(
        morgan
            .client
            .find(Locator::Css("#previous-page"))
            .await
            .is_err(),
        "no page before the first"
    );
    morgan
        .assert_accessible("review programme, page 1 of 2")
        .await;
    press_enter_on(&morgan, "#next-page").await;
    let second = "60 people, page 2 of 2";
    assert_eq!(morgan.text_becomes(caption, second).await, second);
    count_becomes(&morgan, "#programme tbody tr", 10).await;
    let url = morgan.client.current_url().await.unwrap();
    assert!(url.as_str().ends_with("page=2"), "{url}");
    morgan
        .assert_accessible("review programme, page 2 of 2")
        .await;
    // A filter starts again at page 1, with the counts for everyone unchanged.
    morgan
        .client
        .execute(
            "const s = document.getElementById('sort'); s.value = 'name';
             s.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(morgan.text_becomes(caption, first).await, first);
    assert_eq!(morgan.text_becomes(people, "60").await, "60");
    morgan.close().await;
}
