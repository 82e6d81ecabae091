// Tests may unwrap: a failure should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Two people edit one goal in two browsers: the second save is told, shown what was
//! combined, and saves both changes; no text is lost. The SMART checks run as you type.

use std::time::Duration;

use fantoccini::Locator;
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::plan::{Goal, PlanDocument};
use ourplan_shared::role::Role;
use ourplan_tests::browser::Browser;
use ourplan_tests::{TestApp, demo_email};

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser.open(&app.url("/sign-in")).await;
    for (id, text) in [("email", email), ("password", DEMO_PASSWORD)] {
        browser
            .client
            .find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
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

async fn replace_text(browser: &Browser, id: &str, text: &str) {
    let input = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id(id))
        .await
        .unwrap();
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

fn assert_no_violations(page: &str, violations: Vec<String>) {
    assert!(
        violations.is_empty(),
        "axe found on {page}:\n{}",
        violations.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_editing_one_goal_lose_nothing() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let goal: Goal = std::thread::scope(|s| {
        s.spawn(|| {
            let jordan = app.demo(Role::SupportWorker);
            let plan: PlanDocument = app
                .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
                .json()
                .unwrap();
            plan.goals[0].clone()
        })
        .join()
        .unwrap()
    });
    let page = app.url(&format!("/people/{alex}/goals/{}", goal.id));
    let jordan = Browser::start().await;
    let priya = Browser::start().await;
    sign_in(&jordan, &app, demo_email(Role::SupportWorker)).await;
    sign_in(&priya, &app, demo_email(Role::Manager)).await;

    // Jordan reaches the editor from the plan page.
    jordan.open(&app.url(&format!("/people/{alex}/plan"))).await;
    jordan
        .click(&format!("a[href='/people/{alex}/goals/{}']", goal.id))
        .await;
    assert_eq!(
        jordan.text_becomes("main h1", "Change a goal").await,
        "Change a goal"
    );
    priya.open(&page).await;
    replace_text(&jordan, "target", "Cook twice a week").await;
    replace_text(
        &priya,
        "measure",
        "Meals Alex cooks, counted on the calendar",
    )
    .await;

    // Live SMART check, from the shared rules.
    replace_text(&jordan, "measure", " ").await;
    let said = "Enter how progress will be measured.";
    assert!(jordan.text_becomes("#smart-checks li", said).await == said);
    assert_no_violations(
        "goal editor with a SMART problem",
        jordan.check("goal editor with a SMART problem").await,
    );
    replace_text(&jordan, "measure", &goal.measure).await;

    jordan.click("#save-goal").await;
    assert_eq!(
        jordan.text_becomes("#save-status", "Saved.").await,
        "Saved."
    );
    priya.click("#save-goal").await;
    let heading = "Someone else changed this goal";
    assert_eq!(
        priya.text_becomes("#conflict-heading", heading).await,
        heading
    );
    let kept = "Their changes are kept: What counts as done.";
    assert_eq!(priya.text_becomes("#kept-theirs", kept).await, kept);
    let mine = "Your changes are kept: How progress is measured.";
    assert_eq!(priya.text_of("#kept-mine").await, mine);
    assert_no_violations(
        "the conflict screen",
        priya.check("the conflict screen").await,
    );
    priya.click("#save-combined").await;
    assert_eq!(priya.text_becomes("#save-status", "Saved.").await, "Saved.");

    let saved: Goal = std::thread::scope(|s| {
        s.spawn(|| {
            let client = app.demo(Role::SupportWorker);
            app.get(
                &client,
                &format!("/api/v1/persons/{alex}/goals/{}", goal.id),
            )
            .json()
            .unwrap()
        })
        .join()
        .unwrap()
    });
    assert_eq!(
        saved.target, "Cook twice a week",
        "Jordan's change is there"
    );
    assert_eq!(
        saved.measure, "Meals Alex cooks, counted on the calendar",
        "and Priya's"
    );
    assert_eq!(saved.row_version, goal.row_version + 2);
    jordan.close().await;
    priya.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_person_writes_a_goal_in_their_own_words_and_says_they_do_not_agree() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let browser = Browser::start().await;
    sign_in(&browser, &app, demo_email(Role::Individual)).await;
    browser
        .click(&format!("a[href='/people/{alex}/plan']"))
        .await;
    assert_eq!(
        browser.text_becomes("main h1", "Alex's plan").await,
        "Alex's plan"
    );
    browser
        .click(".app-my-goal .app-button-group .app-button--secondary")
        .await;
    let words = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(".app-my-goal textarea"))
        .await
        .unwrap();
    words.clear().await.unwrap();
    words
        .send_keys("I want to cook pasta for Morgan")
        .await
        .unwrap();
    assert_no_violations(
        "my plan, writing in my words",
        browser.check("my plan, writing in my words").await,
    );
    browser.click(".app-my-goal > .app-button").await;
    let mine = "In my words: I want to cook pasta for Morgan";
    assert_eq!(
        browser.text_becomes(".app-my-goal__words", mine).await,
        mine
    );

    // "I don't agree", with why.
    browser
        .click(".app-my-goal .app-button-group .app-button--secondary:last-child")
        .await;
    let why = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(".app-my-goal textarea"))
        .await
        .unwrap();
    why.send_keys("Once a week is too often for me")
        .await
        .unwrap();
    browser.click(".app-my-goal > .app-button").await;
    let thanks = "Thank you. Your support team will talk with you about it.";
    assert_eq!(
        browser
            .text_becomes(".app-my-goal .app-status", thanks)
            .await,
        thanks
    );
    assert_no_violations(
        "my plan, after saying I don't agree",
        browser.check("my plan, after saying I don't agree").await,
    );

    // The plan is a draft now; Alex signs to agree it, and Jordan's signature completes it.
    browser.open(&app.url(&format!("/people/{alex}"))).await;
    browser.click("#sign-plan").await;
    let signed = "You signed. A member of your support team signs too.";
    assert_eq!(browser.text_becomes("#agree-status", signed).await, signed);
    assert_no_violations(
        "the person page, agreeing",
        browser.check("the person page, agreeing").await,
    );
    let plan: PlanDocument = std::thread::scope(|s| {
        s.spawn(|| {
            let jordan = app.demo(Role::SupportWorker);
            let outcome: ourplan_shared::plan::SignOutcome = app
                .post(
                    &jordan,
                    &format!("/api/v1/persons/{alex}/plan/signatures"),
                    serde_json::json!({"role": "staff"}),
                )
                .json()
                .unwrap();
            assert_eq!(outcome.agreed_version.map(|v| v.number), Some(3));
            app.get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
                .json()
                .unwrap()
        })
        .join()
        .unwrap()
    });
    assert_eq!(
        plan.goals[0].own_words.as_deref(),
        Some("I want to cook pasta for Morgan")
    );
    assert!(
        plan.decisions.iter().any(|d| d.own_words.as_deref()
            == Some("Once a week is too often for me")
            && d.kind == ourplan_shared::plan::DecisionKind::Disagreement),
        "an open disagreement for the team"
    );
    browser.close().await;
}
