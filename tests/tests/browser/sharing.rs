//! In a real browser: the person stops sharing in easy read and the family member's open page
//! loses access on its next request; staff make a sign-in card and it signs the person in.
//! axe finds nothing on any of the pages on the way.

use std::time::Duration;

use fantoccini::Locator;
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::role::Role;
use ourplan_tests::browser::Browser;
use ourplan_tests::{TestApp, demo_email};

fn assert_no_violations(page: &str, violations: Vec<String>) {
    assert!(
        violations.is_empty(),
        "axe found on {page}:\n{}",
        violations.join("\n")
    );
}

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    assert_eq!(browser.open(&app.url("/sign-in")).await, "Sign in");
    for (id, text) in [("email", email), ("password", DEMO_PASSWORD)] {
        let input = browser.client.find(Locator::Id(id)).await.unwrap();
        input.send_keys(text).await.unwrap();
    }
    browser.click("button.app-button").await;
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(".app-nav__user"))
        .await
        .unwrap();
}

async fn wait_for(browser: &Browser, css: &str) -> fantoccini::elements::Element {
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_person_stops_sharing_in_easy_read_and_the_family_page_loses_access() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let family = Browser::start().await;
    let person = Browser::start().await;

    // Morgan has Alex's plan open.
    sign_in(&family, &app, demo_email(Role::Family)).await;
    let plan = app.url(&format!("/people/{alex}/plan"));
    family.open(&plan).await;
    assert_eq!(
        family.text_becomes("main h1", "Alex's plan").await,
        "Alex's plan"
    );
    assert_eq!(family.text_of("#goals-heading").await, "Goals");
    assert_no_violations(
        "the plan, as family",
        family.check("the plan, as family").await,
    );

    // Morgan suggests something; it waits for Alex.
    wait_for(&family, "#text").await;
    family.click("label[for='kind-suggestion']").await;
    family
        .client
        .find(Locator::Id("text"))
        .await
        .unwrap()
        .send_keys("Could we go swimming on Saturdays?")
        .await
        .unwrap();
    family.click("section form button[type='submit']").await;
    let sent = "Sent. The person and their support team can read it.";
    assert_eq!(
        family.text_becomes("#contributions-status", sent).await,
        sent
    );

    // Alex reads it on their plan and says yes.
    sign_in(&person, &app, demo_email(Role::Individual)).await;
    person.open(&plan).await;
    let suggestion = wait_for(&person, ".app-contribution .app-button").await;
    assert_no_violations(
        "the plan, as the person",
        person.check("the plan, as the person").await,
    );
    suggestion.click().await.unwrap();
    let yes = "You said yes. Your support team will add it to your plan with you.";
    assert_eq!(person.text_becomes("#contributions-status", yes).await, yes);

    // Alex, in easy read, stops sharing with Morgan.
    person.open(&app.url("/display")).await;
    person.click("label[for='display-mode-easy-read']").await;
    assert_eq!(
        person.root_attribute("data-mode").await.as_deref(),
        Some("easy-read")
    );
    person.click("a[href='/']").await;
    person.click("a[href='/who-can-see']").await;
    assert_eq!(
        person.text_becomes("main h1", "Who can see my plan").await,
        "Who can see my plan"
    );
    let card = wait_for(&person, ".app-consent h3").await;
    assert_eq!(card.text().await.unwrap(), "Morgan Rivers (sister)");
    assert_no_violations(
        "who can see my plan",
        person.check("who can see my plan").await,
    );

    person.click(".app-consent .app-button--warning").await;
    let question = wait_for(&person, ".app-confirm__question").await;
    assert!(
        question
            .text()
            .await
            .unwrap()
            .starts_with("Stop sharing with Morgan Rivers")
    );
    assert_no_violations("stop sharing?", person.check("stop sharing?").await);
    // "No" changes nothing; then "Yes".
    person.click(".app-confirm .app-button--secondary").await;
    person.click(".app-consent .app-button--warning").await;
    wait_for(&person, ".app-confirm .app-button--warning").await;
    person.click(".app-confirm .app-button--warning").await;
    let stopped = "Morgan Rivers (sister) cannot see the plan any more.";
    assert_eq!(person.text_becomes(".app-status", stopped).await, stopped);
    assert_eq!(
        person
            .text_becomes(".app-consents--ended h3", "Morgan Rivers (sister)")
            .await,
        "Morgan Rivers (sister)"
    );
    assert_no_violations("after stopping", person.check("after stopping").await);

    // Morgan's open page: the very next request is refused.
    family.click("#check-for-changes").await;
    assert_eq!(
        family
            .text_becomes("main h1", "You cannot see this plan")
            .await,
        "You cannot see this plan"
    );
    assert_no_violations(
        "the plan, no longer shared",
        family.check("the plan, no longer shared").await,
    );

    person.close().await;
    family.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_make_a_sign_in_card_that_signs_the_person_in_once() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let browser = Browser::start().await;
    sign_in(&browser, &app, demo_email(Role::SupportWorker)).await;

    browser.click("a[href='/people']").await;
    assert_eq!(
        browser.text_becomes("main h1", "My people").await,
        "My people"
    );
    wait_for(&browser, ".app-people a").await;
    assert_no_violations("my people", browser.check("my people").await);

    // The staff view of who can see Alex's plan, with the form open.
    browser
        .open(&app.url(&format!("/people/{alex}/sharing")))
        .await;
    let heading = "Who can see Alex's plan";
    assert_eq!(browser.text_becomes("main h1", heading).await, heading);
    wait_for(&browser, ".app-consent").await;
    browser.click(".app-button--secondary:last-of-type").await;
    wait_for(&browser, "#sections").await;
    browser.click("label[for='basis-best_interests']").await;
    wait_for(&browser, "#best_interests_reason").await;
    browser
        .click(".app-consent-form button[type='submit']")
        .await;
    let summary = wait_for(&browser, ".app-error-summary").await;
    assert!(
        summary
            .text()
            .await
            .unwrap()
            .contains("Choose at least one part of the plan.")
    );
    assert_no_violations(
        "share with someone new, staff",
        browser.check("share with someone new, staff").await,
    );

    // Jordan writes down a consent Alex gave: how he gave it, and who else saw it.
    browser.click("#basis").await;
    wait_for(&browser, "#witness").await;
    browser
        .replace_text("party_name", "Casey Hill (neighbour)")
        .await;
    browser.click("#sections-goals").await;
    browser.click("#given_how-with_advocate").await;
    browser
        .replace_text("witness", "Dev Patel (advocate)")
        .await;
    browser
        .click(".app-consent-form button[type='submit']")
        .await;
    browser
        .text_contains(
            ".app-consent__witnessed",
            "Jordan Bell wrote this down for you. You said yes with your advocate. Dev Patel (advocate) was there too.",
        )
        .await;

    browser
        .open(&app.url(&format!("/people/{alex}/sign-in-card")))
        .await;
    browser.click("#make-card").await;
    let code = wait_for(&browser, "#card-code").await.text().await.unwrap();
    assert_eq!(code.len(), 14, "{code}");
    wait_for(&browser, ".app-sign-in-card__qr svg").await;
    assert_no_violations("sign-in card", browser.check("sign-in card").await);

    // Sign Jordan out; the card signs Alex in, from the QR code's address.
    browser.click(".app-nav__button").await;
    wait_for(&browser, "a.app-nav__link[href='/sign-in']").await;
    browser
        .client
        .goto(&app.url(&format!("/sign-in/code#{code}")))
        .await
        .unwrap();
    let hello = "Hello, Alex Rivers.";
    assert_eq!(browser.text_becomes("main .app-body-l", hello).await, hello);
    assert!(
        !browser
            .client
            .current_url()
            .await
            .unwrap()
            .as_str()
            .contains(&code)
    );

    // Alex sees the sign-in, and who made the card.
    browser.open(&app.url("/who-has-looked")).await;
    browser
        .text_contains(
            ".app-access-log",
            "You signed in with a sign-in card that Jordan Bell made on",
        )
        .await;
    browser
        .text_contains(".app-access-log", "made a sign-in card for you.")
        .await;

    // Used once: the same card no longer works.
    browser.click(".app-nav__button").await;
    wait_for(&browser, "a.app-nav__link[href='/sign-in']").await;
    browser.open(&app.url("/sign-in/code")).await;
    browser
        .client
        .find(Locator::Id("code"))
        .await
        .unwrap()
        .send_keys(&code)
        .await
        .unwrap();
    browser.click("form button[type='submit']").await;
    let summary = wait_for(&browser, ".app-error-summary").await;
    assert!(summary.text().await.unwrap().contains("does not work"));
    assert_no_violations(
        "sign in with a card, refused",
        browser.check("sign in with a card, refused").await,
    );

    sign_in(&browser, &app, demo_email(Role::Manager)).await;
    assert_eq!(
        browser.open(&app.url("/account/password")).await,
        "Change your password"
    );
    assert_no_violations(
        "change your password",
        browser.check("change your password").await,
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_read_the_versions_compare_them_and_say_they_have_read_the_plan() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let browser = Browser::start().await;
    sign_in(&browser, &app, demo_email(Role::SupportWorker)).await;

    browser.open(&app.url(&format!("/people/{alex}"))).await;
    let button = wait_for(&browser, "#mark-read").await;
    assert_eq!(button.text().await.unwrap(), "I have read version 2");
    assert_eq!(
        browser.text_of("#not-read-by").await,
        "Not read yet: Jordan Bell, Priya Sharma"
    );
    assert_no_violations(
        "the person page, staff",
        browser.check("the person page, staff").await,
    );
    button.click().await.unwrap();
    let read = "Version 2 read by: Jordan Bell";
    assert_eq!(browser.text_becomes("#read-by", read).await, read);

    // A change since version 2 (through the API, on a thread of its own: the client blocks).
    let target_change = std::thread::scope(|s| {
        s.spawn(|| {
            let jordan = app.demo(Role::SupportWorker);
            let plan: ourplan_shared::plan::PlanDocument = app
                .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
                .json()
                .unwrap();
            let goal = &plan.goals[0];
            let mut body = serde_json::to_value(goal).unwrap();
            body["target"] = serde_json::json!("Every day");
            let response = app.send_if_match(
                &jordan,
                reqwest::Method::PUT,
                &format!("/api/v1/persons/{alex}/goals/{}", goal.id),
                Some(&format!("\"v{}\"", goal.row_version)),
                &body,
            );
            assert_eq!(response.status(), reqwest::StatusCode::OK);
            format!(
                "Goal “{}”: target changed from “{}” to “Every day”",
                goal.text, goal.target
            )
        })
        .join()
        .unwrap()
    });

    browser
        .click(&format!("a[href='/people/{alex}/history']"))
        .await;
    let heading = "Versions of the plan";
    assert_eq!(browser.text_becomes("main h1", heading).await, heading);
    wait_for(&browser, ".app-version").await;
    assert_no_violations("versions", browser.check("versions").await);
    // Version 2 (the newest, chosen already) against the plan as it is now.
    browser.click("#compare").await;
    assert_eq!(
        browser.text_becomes("#changes", &target_change).await,
        target_change
    );
    assert_no_violations(
        "versions compared",
        browser.check("versions compared").await,
    );
    browser.close().await;
}
