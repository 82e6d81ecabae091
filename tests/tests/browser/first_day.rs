//! A new provider's first day in the browser (issue 21, R-24, R-25), on a database that was
//! never seeded: the setup link the server prints opens the setup form, the first admin is
//! signed in, makes a team and invites a support worker onto it, who chooses their own password from the link;
//! they admit the first person, are asked about a possible duplicate, land on the person's
//! page and correct a spelling. A manager searches the caseload, ends the person's support
//! and undoes it. axe finds nothing on the new pages in any display mode.

use diesel::prelude::*;
use ourplan_backend::db::model::now;
use ourplan_backend::db::schema::{persons, teams};
use ourplan_backend::setup::{self, LinkDetails};
use ourplan_shared::id::PersonId;
use ourplan_tests::browser::Browser;
use ourplan_tests::mail::MailSink;
use ourplan_tests::{NEW_PASSWORD, TestApp};
use reqwest::StatusCode;

async fn fill(browser: &Browser, fields: &[(&str, &str)]) {
    for (id, text) in fields {
        browser.replace_text(id, text).await;
    }
}

/// Runs blocking HTTP calls off the browser test's async runtime.
fn blocking<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(work).join().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_organisation_is_set_up_and_admits_its_first_person() {
    // Email is on: the invitation reaches Jo through a real SMTP server.
    let sink = MailSink::start();
    let mail = sink.settings();
    let settings: Vec<(&str, &str)> = mail.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = TestApp::start_with(&settings);
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
    // The link is spent and the setup page is gone.
    blocking(|| {
        let page = reqwest::blocking::get(app.url("/setup")).unwrap();
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
    });

    // The admin makes the first team.
    browser.click("a[href='/teams']").await;
    browser.wait_for("#new-team-form").await;
    let violations = browser
        .violations_in_every_mode("teams, none yet", &app.url("/teams"), "#no-teams")
        .await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    fill(&browser, &[("new-team", "Hillside")]).await;
    browser.click("#create-team").await;
    browser.text_contains("#teams-status", "Hillside").await;
    browser.wait_for("section.app-team").await;
    browser.assert_accessible("teams, the first made").await;
    let team: String = teams::table
        .select(teams::id)
        .first(&mut app.database.connect())
        .unwrap();

    // The admin invites a support worker onto the team and copies the link shown.
    browser.click("a.app-nav__link[href='/']").await;
    browser.click("a[href='/accounts']").await;
    browser.wait_for("#invite-form").await;
    let violations = browser
        .violations_in_every_mode("accounts", &app.url("/accounts"), "#accounts")
        .await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    fill(
        &browser,
        &[("name", "Jo Mensah"), ("email", "jo@brookside.example")],
    )
    .await;
    browser.click(&format!("[id='team-{team}']")).await;
    browser.click("#invite").await;
    let link = browser
        .wait_for("#new-link")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    assert!(link.starts_with(&app.url("/welcome#")), "{link}");
    browser
        .text_contains(
            "#new-link-hint",
            "We emailed this link to jo@brookside.example",
        )
        .await;
    // Jo's copy arrives by email, with the same link.
    let email =
        blocking(|| sink.wait_for_to("jo@brookside.example", "Your Ourplan account is ready"));
    let emailed = email.link_starting(&app.url("/welcome#")).unwrap();
    assert_eq!(emailed, link);
    browser.text_contains("#accounts", "Jo Mensah").await;
    browser.replace_text("q", "MENSAH").await;
    browser.click("#search").await;
    browser
        .text_contains("#accounts-caption", "Accounts found: 1")
        .await;
    browser
        .assert_accessible("accounts, an invitation made")
        .await;

    // The admin sees the invitation in the outbox, sent, and sends a test email.
    let outbox = app.url("/organisation/email");
    browser.open(&outbox).await;
    browser
        .text_contains("#outbox", "jo@brookside.example")
        .await;
    let violations = browser
        .violations_in_every_mode("outbox", &outbox, "#outbox")
        .await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    browser.open(&outbox).await;
    browser.wait_for("#send-test").await;
    fill(&browser, &[("to", "it@brookside.example")]).await;
    browser.click("#send-test").await;
    browser
        .text_contains("#outbox-status", "in the outbox")
        .await;
    blocking(|| sink.wait_for_to("it@brookside.example", "Ourplan test email"));

    // Jo opens the emailed link on their own device and chooses a password; they are
    // signed in.
    browser.click(".app-nav__button").await;
    browser.wait_for("#email").await;
    let violations = browser
        .violations_in_every_mode("welcome", &emailed, "#welcome-form")
        .await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    fill(&browser, &[("password", NEW_PASSWORD)]).await;
    browser.click("#save-password").await;
    assert_eq!(
        browser.text_becomes(".app-nav__user", "Jo Mensah").await,
        "Jo Mensah"
    );
    // Jo takes review reminders in one email a day, and unsubscribing asks first.
    let settings = app.url("/account/email");
    let violations = browser
        .violations_in_every_mode("my emails", &settings, "#save-email-settings")
        .await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    browser.open(&settings).await;
    browser
        .text_contains("#email-address", "jo@brookside.example")
        .await;
    browser.click("#kind-review_due-daily").await;
    browser.click("#save-email-settings").await;
    browser
        .text_contains("#email-settings-status", "Your choices are saved")
        .await;
    let unsubscribe = app.url("/email/unsubscribe#not-a-real-token");
    let violations = browser
        .violations_in_every_mode("stop these emails", &unsubscribe, "#stop-emails")
        .await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    browser.open(&unsubscribe).await;
    browser.click("#stop-emails").await;
    browser.wait_for("#emails-not-stopped").await;
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

    // The admin's view of the team now: its staff and the people it supports, each with a
    // key worker to choose.
    browser.click(".app-nav__button").await;
    browser.wait_for("#email").await;
    browser
        .sign_in(&app, "ada@brookside.example", NEW_PASSWORD)
        .await;
    browser.open(&app.url("/teams")).await;
    browser.text_contains("section.app-team", "Jo Mensah").await;
    browser
        .text_contains("section.app-team", "Mohammed Saleh-Ahmed")
        .await;
    browser
        .assert_accessible("teams, with staff and people")
        .await;

    // The admin imports from the old system: a mistake first, named by line and column.
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("old-system.csv");
    let import = async |text: &str| {
        std::fs::write(&file, text).unwrap();
        browser.choose_file("import-file", &file).await;
        browser.click("#import").await;
    };
    browser.open(&app.url("/accounts")).await;
    import(
        "kind,full_name,email,role,teams,support_started_on\n\
         staff,Kim Lee,kim@brookside.example,support_worker,Meadow,\n\
         person,Tom Cole,,,Meadow,1/11/2026\n",
    )
    .await;
    browser
        .text_contains("#import-problems", "line 3, column support_started_on")
        .await;
    browser
        .assert_accessible("accounts, an import refused")
        .await;
    import(
        "kind,full_name,email,role,teams,support_started_on\n\
         staff,Kim Lee,kim@brookside.example,support_worker,Meadow,\n\
         person,Tom Cole,,,Meadow,2026-11-01\n",
    )
    .await;
    browser
        .text_contains("#import-done", "People admitted: 1. Staff invited: 1.")
        .await;
    browser.wait_for("#import-link-0").await;
    browser.assert_accessible("accounts, imported").await;

    // A manager joins the team; they search the caseload on the server.
    blocking(|| {
        let admin = app.signed_in("ada@brookside.example", NEW_PASSWORD);
        let created = app.post(
            &admin,
            "/api/v1/users",
            serde_json::json!({"email": "sam@brookside.example", "display_name": "Sam Reyes",
                               "role": "manager", "password": NEW_PASSWORD, "team_ids": [team]}),
        );
        assert_eq!(created.status(), StatusCode::CREATED);
    });
    browser.click(".app-nav__button").await;
    browser.wait_for("#email").await;
    browser
        .sign_in(&app, "sam@brookside.example", NEW_PASSWORD)
        .await;
    browser.open(&app.url("/people")).await;
    browser.text_contains("#caseload-count", "2 people").await;
    browser.replace_text("q", "SALEH-ahmed").await;
    browser.click("#search").await;
    browser.text_contains("#caseload-count", "1 person").await;
    let violations = browser
        .violations_in_every_mode("people, searched", &app.url("/people?q=saleh"), "#caseload")
        .await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));

    // Their support ends, and is undone.
    let person: PersonId = persons::table
        .filter(persons::full_name.eq("Mohammed Saleh-Ahmed"))
        .select(persons::id)
        .first(&mut app.database.connect())
        .unwrap();
    browser.open(&app.url(&format!("/people/{person}"))).await;
    browser.click("#end-support-link").await;
    browser.wait_for("#leaving-form").await;
    let violations = browser
        .violations_in_every_mode(
            "end support",
            &app.url(&format!("/people/{person}/leaving")),
            "#leaving-form",
        )
        .await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    browser.click("#end-support").await;
    browser.text_contains(".app-error-summary", "Say why").await;
    browser
        .replace_text("reason", "Moved to a service nearer his family")
        .await;
    browser.click("#end-support").await;
    browser
        .text_contains("#support-ended", "nearer his family")
        .await;
    browser.assert_accessible("a person who has left").await;
    let violations = browser
        .violations_in_every_mode(
            "people who have left",
            &app.url("/people?left=true"),
            "#caseload",
        )
        .await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    browser.text_contains("#caseload", "Support ended").await;
    browser.open(&app.url(&format!("/people/{person}"))).await;
    browser.click("#undo-leaving").await;
    browser
        .text_contains("#leaving-status", "Support goes on")
        .await;
    browser.wait_for("#end-support-link").await;
    browser.close().await;
}
