// Tests may unwrap: a failure should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

//! A new provider's first day in the browser (issue 21, R-24, R-25), on a database that was
//! never seeded: the setup link the server prints opens the setup form, the first admin is
//! signed in; a support worker admits the first person, is asked about a possible duplicate,
//! and lands on the person's page, then corrects a spelling. axe finds nothing on the new
//! pages in any display mode.

use diesel::prelude::*;
use ourplan_backend::db::model::now;
use ourplan_backend::db::schema::persons;
use ourplan_backend::setup::{self, LinkDetails};
use ourplan_shared::organisation::{TeamDetail, User};
use ourplan_tests::browser::Browser;
use ourplan_tests::{NEW_PASSWORD, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn fill(browser: &Browser, fields: &[(&str, &str)]) {
    for (id, text) in fields {
        browser.replace_text(id, text).await;
    }
}

/// Runs blocking HTTP calls off the browser test's async runtime.
fn blocking<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(work).join().unwrap())
}

/// The admin's team, with a support worker on it (their screens are the next part of issue 21).
fn team_and_worker(app: &TestApp) {
    let admin = app.signed_in("ada@brookside.example", NEW_PASSWORD);
    let team: TeamDetail = app
        .post(&admin, "/api/v1/teams", json!({"name": "Hillside"}))
        .json()
        .unwrap();
    let worker: User = app
        .post(
            &admin,
            "/api/v1/users",
            json!({"email": "jo@brookside.example", "display_name": "Jo Mensah",
                "role": "support_worker", "password": NEW_PASSWORD}),
        )
        .json()
        .unwrap();
    let members = format!("/api/v1/teams/{}/members/{}", team.id, worker.id);
    assert_eq!(
        app.send(&admin, Method::PUT, &members, Value::Null)
            .status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_organisation_is_set_up_and_admits_its_first_person() {
    let app = TestApp::start();
    // As the server prints it at start on an empty database.
    let token =
        setup::issue_link(&mut app.database.connect(), LinkDetails::default(), now()).unwrap();
    let browser = Browser::start().await;

    // Before setup, signing in says where to go.
    browser.open(&app.url("/sign-in")).await;
    browser.wait_for("#not-set-up").await;

    let link = app.url(&format!("/setup#{token}"));
    let violations = browser
        .violations_in_every_mode("setup", &link, "#setup-form")
        .await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    assert_eq!(browser.open(&link).await, "Set up Ourplan");
    browser.wait_for("#setup-form").await;
    // A short password is caught on the page, in the GOV.UK summary.
    fill(
        &browser,
        &[
            ("organisation_name", "Brookside Support (fictional)"),
            ("admin_name", "Ada Okafor"),
            ("admin_email", "ada@brookside.example"),
            ("password", "short"),
        ],
    )
    .await;
    browser.click("#set-up").await;
    browser
        .text_contains(".app-error-summary__list", "at least 8 characters")
        .await;
    fill(&browser, &[("password", NEW_PASSWORD)]).await;
    browser.click("#set-up").await;
    assert_eq!(
        browser.text_becomes(".app-nav__user", "Ada Okafor").await,
        "Ada Okafor"
    );
    // The link is spent and the setup page is gone; the admin makes a team and a worker.
    blocking(|| {
        let page = reqwest::blocking::get(app.url("/setup")).unwrap();
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
        team_and_worker(&app);
    });

    browser.click(".app-nav__button").await;
    browser.wait_for("#email").await;
    browser
        .sign_in(&app, "jo@brookside.example", NEW_PASSWORD)
        .await;
    browser.open(&app.url("/people")).await;
    browser.click("#admit-link").await;
    browser.wait_for("#admit-form").await;
    let violations = browser
        .violations_in_every_mode("admit a person", &app.url("/people/new"), "#admit-form")
        .await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));

    let admit = async |name: &str| {
        browser.wait_for("#admit-form").await;
        fill(
            &browser,
            &[
                ("full_name", name),
                ("preferred_name", "Mo"),
                ("preferred_language", "pl"),
            ],
        )
        .await;
        browser.set_value("date_of_birth", "1990-04-12").await;
        browser.set_value("support_started_on", "2026-12-01").await;
        browser.click("#preferred_format-easy-read").await;
        browser.click("#admit").await;
    };
    admit("Mohammed Saleh").await;
    assert_eq!(
        browser.text_becomes("main h1", "Mo").await,
        "Mo",
        "the new person's page"
    );

    // The same name and date of birth again: asked first, nothing saved until confirmed.
    browser.open(&app.url("/people/new")).await;
    admit("Mohammed Saleh").await;
    browser
        .text_contains("#duplicate", "already supported here")
        .await;
    let count = || {
        persons::table
            .count()
            .get_result::<i64>(&mut app.database.connect())
            .unwrap()
    };
    assert_eq!(count(), 1);
    browser
        .assert_accessible("admit a person, possible duplicate")
        .await;
    browser.click("#not-a-duplicate").await;
    assert_eq!(browser.text_becomes("main h1", "Mo").await, "Mo");
    assert_eq!(count(), 2);

    // A spelling put right later, on the same form, naming the version read.
    browser.click("#details-link").await;
    assert_eq!(
        browser.text_becomes("main h1", "Their details").await,
        "Their details"
    );
    browser.wait_for("#admit-form").await;
    browser.assert_accessible("their details").await;
    browser
        .replace_text("full_name", "Mohammed Saleh-Ahmed")
        .await;
    browser.click("#admit").await;
    assert_eq!(browser.text_becomes("main h1", "Mo").await, "Mo");
    let renamed = persons::table
        .filter(persons::full_name.eq("Mohammed Saleh-Ahmed"))
        .select(persons::row_version)
        .first::<i64>(&mut app.database.connect())
        .unwrap();
    assert_eq!(renamed, 2);
    browser.close().await;
}
