//! No lost work (issue: the plan editor). Two people edit one goal in two browsers: the second
//! save is told, shown what was combined, and saves both changes. Leaving with unsaved changes
//! asks first, and coming back offers them again. The SMART checks run as you type.

use ourplan_shared::id::PersonId;
use std::time::Duration;

use fantoccini::Locator;
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::plan::{Goal, PlanDocument};
use ourplan_shared::role::Role;
use ourplan_tests::browser::Browser;
use ourplan_tests::{TestApp, demo_email};

/// The demo plan's first goal, read over the API as the key worker.
/// The person's plan as their key worker reads it (on a thread of its own: the blocking
/// client cannot run inside the test's runtime).
fn plan_of(app: &TestApp, person: PersonId) -> PlanDocument {
    std::thread::scope(|s| {
        s.spawn(|| {
            let jordan = app.demo(Role::SupportWorker);
            app.get(&jordan, &format!("/api/v1/persons/{person}/plan"))
                .json()
                .unwrap()
        })
        .join()
        .unwrap()
    })
}

fn first_goal(app: &TestApp, person: PersonId) -> Goal {
    plan_of(app, person).goals[0].clone()
}

fn read_goal(app: &TestApp, person: PersonId, goal: &Goal) -> Goal {
    std::thread::scope(|s| {
        s.spawn(|| {
            let client = app.demo(Role::SupportWorker);
            app.get(
                &client,
                &format!("/api/v1/persons/{person}/goals/{}", goal.id),
            )
            .json()
            .unwrap()
        })
        .join()
        .unwrap()
    })
}

/// Jordan (key worker) and Priya (manager), each signed in in a browser of their own.
async fn key_worker_and_manager(app: &TestApp) -> (Browser, Browser) {
    let jordan = Browser::start().await;
    let priya = Browser::start().await;
    jordan
        .sign_in(app, demo_email(Role::SupportWorker), DEMO_PASSWORD)
        .await;
    priya
        .sign_in(app, demo_email(Role::Manager), DEMO_PASSWORD)
        .await;
    (jordan, priya)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_editing_one_goal_lose_nothing() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let goal = first_goal(&app, alex);
    let page = app.url(&format!("/people/{alex}/goals/{}", goal.id));
    let (jordan, priya) = key_worker_and_manager(&app).await;

    // Jordan reaches the goal's form from the plan editor.
    jordan.open(&app.url(&format!("/people/{alex}/edit"))).await;
    jordan
        .click(&format!("a[href='/people/{alex}/goals/{}']", goal.id))
        .await;
    assert_eq!(
        jordan.text_becomes("main h1", "Change a goal").await,
        "Change a goal"
    );
    priya.open(&page).await;
    jordan.replace_text("target", "Cook twice a week").await;
    priya
        .replace_text("measure", "Meals Alex cooks, counted on the calendar")
        .await;

    // Live SMART check, from the shared rules.
    jordan.replace_text("measure", " ").await;
    let said = "Enter how progress will be measured.";
    assert_eq!(jordan.text_becomes("#checks li", said).await, said);
    jordan
        .assert_accessible("goal editor with a SMART problem")
        .await;
    jordan.replace_text("measure", &goal.measure).await;

    jordan.click("#save-item").await;
    assert_eq!(
        jordan.text_becomes("#save-status", "Saved.").await,
        "Saved."
    );
    priya.click("#save-item").await;
    let heading = "Someone else changed this goal";
    assert_eq!(
        priya.text_becomes("#conflict-heading", heading).await,
        heading
    );
    let kept = "Their changes are kept: What counts as done.";
    assert_eq!(priya.text_becomes("#kept-theirs", kept).await, kept);
    let mine = "Your changes are kept: How progress is measured.";
    assert_eq!(priya.text_of("#kept-mine").await, mine);
    priya.assert_accessible("the conflict screen").await;
    priya.click("#save-combined").await;
    assert_eq!(priya.text_becomes("#save-status", "Saved.").await, "Saved.");

    let saved = read_goal(&app, alex, &goal);
    assert_eq!(
        saved.target, "Cook twice a week",
        "Jordan's change is there"
    );
    assert_eq!(
        saved.measure, "Meals Alex cooks, counted on the calendar",
        "and Priya's"
    );
    assert_eq!(saved.row_version, goal.row_version + 2);

    // Staff choose the goal's own picture, which the person then sees beside it.
    jordan.open(&page).await;
    jordan.replace_text("picture", "walk").await;
    jordan.click("[data-picture='walk']").await;
    jordan.text_contains("#picture-chosen", "Picture: ").await;
    jordan
        .assert_accessible("goal editor choosing a picture")
        .await;
    jordan.click("#save-item").await;
    assert_eq!(
        jordan.text_becomes("#save-status", "Saved.").await,
        "Saved."
    );
    assert_eq!(
        read_goal(&app, alex, &goal).picture.as_deref(),
        Some("walk")
    );
    jordan.close().await;
    priya.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_changing_the_same_field_shows_both_wordings_and_keeps_the_choice() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let goal = first_goal(&app, alex);
    let page = app.url(&format!("/people/{alex}/goals/{}", goal.id));
    let (jordan, priya) = key_worker_and_manager(&app).await;
    jordan.open(&page).await;
    priya.open(&page).await;
    jordan.replace_text("target", "Cook twice a week").await;
    priya
        .replace_text("target", "Cook three times a week")
        .await;
    jordan.click("#save-item").await;
    assert_eq!(
        jordan.text_becomes("#save-status", "Saved.").await,
        "Saved."
    );
    priya.click("#save-item").await;
    priya.wait_for("#conflict-heading").await;
    assert_eq!(
        priya.text_of("label[for='choose-target-mine']").await,
        "Yours: Cook three times a week"
    );
    assert_eq!(
        priya.text_of("label[for='choose-target-theirs']").await,
        "Theirs: Cook twice a week"
    );
    // Priya keeps Jordan's wording: nothing of hers is saved over it.
    priya.click("#choose-target-theirs").await;
    priya.click("#save-combined").await;
    assert_eq!(priya.text_becomes("#save-status", "Saved.").await, "Saved.");
    assert_eq!(read_goal(&app, alex, &goal).target, "Cook twice a week");
    jordan.close().await;
    priya.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_with_unsaved_changes_asks_and_coming_back_offers_them() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let goal = first_goal(&app, alex);
    let browser = Browser::start().await;
    browser
        .sign_in(&app, demo_email(Role::SupportWorker), DEMO_PASSWORD)
        .await;
    browser
        .open(&app.url(&format!("/people/{alex}/goals/{}", goal.id)))
        .await;
    browser
        .replace_text("target", "Cook for the whole house")
        .await;

    // A link in the app asks first; staying keeps the form as it was.
    browser.click(".app-header__brand").await;
    let question = browser.client.get_alert_text().await.unwrap();
    assert!(
        question.starts_with("You have changes you have not saved."),
        "{question}"
    );
    browser.client.dismiss_alert().await.unwrap();
    assert_eq!(browser.heading().await, "Change a goal");

    // Leaving anyway, and coming back: the changes are offered again.
    browser.click(".app-header__brand").await;
    browser.client.accept_alert().await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while browser.client.current_url().await.unwrap().path() != "/" {
        assert!(
            std::time::Instant::now() < deadline,
            "the link was not followed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    browser
        .open(&app.url(&format!("/people/{alex}/edit")))
        .await;
    browser
        .click(&format!("a[href='/people/{alex}/goals/{}']", goal.id))
        .await;
    browser.wait_for("#unsaved-notice").await;
    browser
        .assert_accessible("goal editor offering unsaved changes")
        .await;
    browser.click("#restore-unsaved").await;
    let target = browser
        .client
        .find(Locator::Id("target"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(target.as_deref(), Some("Cook for the whole house"));
    browser.click("#save-item").await;
    assert_eq!(
        browser.text_becomes("#save-status", "Saved.").await,
        "Saved."
    );
    assert_eq!(
        read_goal(&app, alex, &goal).target,
        "Cook for the whole house"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_person_writes_a_goal_in_their_own_words_and_says_they_do_not_agree() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let goal = first_goal(&app, alex);
    let item = format!("#item-{}", goal.id);
    let browser = Browser::start().await;
    browser
        .sign_in(&app, demo_email(Role::Individual), DEMO_PASSWORD)
        .await;
    // "My goals" on his home opens that part of his plan, on a screen of its own.
    browser
        .click(&format!("a[href='/people/{alex}/plan?part=goals']"))
        .await;
    assert_eq!(
        browser.text_becomes("main h1", "My goals").await,
        "My goals"
    );
    assert_eq!(browser.text_of("#plan-progress").await, "Part 3 of 6");
    // Each point is in his voice.
    let reads = goal
        .easy_read
        .clone()
        .expect("every demo goal is in Alex's voice");
    assert_eq!(
        browser
            .text_of(&format!("{item} .app-my-item__reads"))
            .await,
        reads
    );
    // Alex's recorded format is easy read, and nothing else was chosen in this browser.
    assert_eq!(
        browser.root_attribute("data-mode").await.as_deref(),
        Some("easy-read")
    );
    // Each point has its picture to the left, served by our own server and loaded.
    browser
        .wait_for(&format!("{item} img.app-point__picture"))
        .await;
    let loaded = browser
        .client
        .execute_async(
            "const [css, done] = arguments;
             const img = document.querySelector(css);
             img.decode()
                .then(() => done(img.naturalWidth > 0 && img.src.includes('/assets/pictures/')))
                .catch(e => done(String(e)));",
            vec![serde_json::json!(format!("{item} img.app-point__picture"))],
        )
        .await
        .unwrap();
    assert_eq!(loaded, serde_json::json!(true), "the picture loads");
    browser.click(&format!("{item} .app-my-item__write")).await;
    let words = browser.wait_for(&format!("{item} textarea")).await;
    words.clear().await.unwrap();
    words
        .send_keys("I want to cook pasta for Morgan")
        .await
        .unwrap();
    browser
        .assert_accessible("my plan, writing in my words")
        .await;
    browser.click(&format!("{item} .app-my-item__save")).await;
    let mine = "In my words: I want to cook pasta for Morgan";
    assert_eq!(
        browser
            .text_becomes(&format!("{item} .app-item__words"), mine)
            .await,
        mine
    );

    // He changes the picture: finds "bus" by the word and picks it.
    browser.click(&format!("{item} .app-choose-picture")).await;
    let search = browser
        .wait_for(&format!("{item} input[type=search]"))
        .await;
    search.send_keys("bus").await.unwrap();
    browser
        .click(&format!("{item} .app-picture-choice[data-picture=bus]"))
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let src = browser
            .client
            .execute(
                "const img = document.querySelector(arguments[0]); return img ? img.getAttribute('src') : '';",
                vec![serde_json::json!(format!("{item} img.app-point__picture"))],
            )
            .await
            .unwrap();
        if src == serde_json::json!("/assets/pictures/bus.svg") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the picture did not change: {src}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // "I don't agree", with why. The plan redraws itself after the new picture is saved (more
    // than once on a slow database); a redraw closes an open form, so a person whose form
    // closed under them opens it again and says it again.
    let thanks = "Thank you. Your support team will talk with you about it.";
    let mut sent = false;
    for _ in 0..4 {
        sent = say_i_do_not_agree(&browser, &item, thanks).await.is_some();
        if sent {
            break;
        }
    }
    assert!(sent, "\"I don't agree\" was not sent");
    browser
        .assert_accessible("my plan, after saying I don't agree")
        .await;

    // The plan is a draft now; Alex signs to agree it, and Jordan's signature completes it.
    browser.open(&app.url(&format!("/people/{alex}"))).await;
    browser.click("#sign-plan").await;
    let signed = "You signed. A member of your support team signs too.";
    assert_eq!(browser.text_becomes("#agree-status", signed).await, signed);
    browser.assert_accessible("the person page, agreeing").await;
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

/// Opens "I don't agree" on `item`, says why and sends it; `None` if a redraw of the plan closed
/// the form on the way (the caller tries again).
async fn say_i_do_not_agree(browser: &Browser, item: &str, thanks: &str) -> Option<()> {
    let find = |css: String, secs: u64| async move {
        browser
            .client
            .wait()
            .at_most(std::time::Duration::from_secs(secs))
            .for_element(fantoccini::Locator::Css(&css))
            .await
            .ok()
    };
    find(format!("{item} .app-my-item__disagree"), 10)
        .await?
        .click()
        .await
        .ok()?;
    find(format!("{item} textarea"), 3)
        .await?
        .send_keys("Once a week is too often for me")
        .await
        .ok()?;
    find(format!("{item} .app-my-item__send"), 3)
        .await?
        .click()
        .await
        .ok()?;
    let status = find(format!("{item} .app-status"), 3).await?;
    for _ in 0..60 {
        if status.text().await.ok()? == thanks {
            return Some(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    None
}

/// Two clicks on "Send" in the same moment (before the page can disable it) say "I don't agree"
/// once: one disagreement for the team, not two.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clicks_at_once_send_the_persons_answer_once() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let goal = first_goal(&app, alex);
    let item = format!("#item-{}", goal.id);
    let browser = Browser::start().await;
    browser
        .sign_in(&app, demo_email(Role::Individual), DEMO_PASSWORD)
        .await;
    browser
        .open(&app.url(&format!("/people/{alex}/plan?part=goals")))
        .await;
    browser
        .click(&format!("{item} .app-my-item__disagree"))
        .await;
    let why = "Twice is once too many";
    browser
        .wait_for(&format!("{item} textarea"))
        .await
        .send_keys(why)
        .await
        .unwrap();
    browser
        .client
        .execute(
            "const send = document.querySelector(arguments[0]); send.click(); send.click();",
            vec![serde_json::json!(format!("{item} .app-my-item__send"))],
        )
        .await
        .unwrap();
    let thanks = "Thank you. Your support team will talk with you about it.";
    assert_eq!(
        browser
            .text_becomes(&format!("{item} .app-status"), thanks)
            .await,
        thanks
    );
    // Long enough for a second request to have been answered, had one gone.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let said = plan_of(&app, alex)
        .decisions
        .iter()
        .filter(|d| d.own_words.as_deref() == Some(why))
        .count();
    assert_eq!(said, 1, "one disagreement, however many clicks");
    browser.close().await;
}
