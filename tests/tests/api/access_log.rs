//! "Who has looked at my plan": the person sees every look at their plan, by name.

use fantoccini::Locator;
use ourplan_backend::db::model::user::UserRow;
use ourplan_shared::audit::{AccessLogEntry, AuditAction};
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::id::PersonId;
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use ourplan_tests::browser::Browser;
use ourplan_tests::demo_email as email;
use reqwest::StatusCode;

fn alex(app: &TestApp) -> PersonId {
    UserRow::find_by_email(&mut app.database.connect(), email(Role::Individual))
        .unwrap()
        .unwrap()
        .person_id
        .unwrap()
}

#[test]
fn the_person_and_their_team_see_who_looked_and_others_do_not() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = alex(&app);
    let plan = app.url(&format!("/api/v1/persons/{alex}/plan"));
    let log = app.url(&format!("/api/v1/persons/{alex}/access-log"));
    let worker = app.signed_in(email(Role::SupportWorker), DEMO_PASSWORD);
    let family = app.signed_in(email(Role::Family), DEMO_PASSWORD);
    assert_eq!(worker.get(&plan).send().unwrap().status(), StatusCode::OK);
    assert_eq!(family.get(&plan).send().unwrap().status(), StatusCode::OK);

    let person = app.signed_in(email(Role::Individual), DEMO_PASSWORD);
    let entries: Vec<AccessLogEntry> = person.get(&log).send().unwrap().json().unwrap();
    let names: Vec<(&str, AuditAction, &str)> = entries
        .iter()
        .map(|e| {
            (
                e.actor_name.as_deref().unwrap(),
                e.action,
                e.entity.as_str(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Morgan Rivers", AuditAction::Read, "plan"),
            ("Jordan Bell", AuditAction::Read, "plan"),
        ],
        "newest first"
    );
    assert_eq!(entries[1].actor_role, Some(Role::SupportWorker));

    // Staff on the team may see it (a subject access request); family and admins may not.
    let manager = app.signed_in(email(Role::Manager), DEMO_PASSWORD);
    let seen: Vec<AccessLogEntry> = manager.get(&log).send().unwrap().json().unwrap();
    assert_eq!(
        seen.len(),
        3,
        "the person's own look at the log is recorded too"
    );
    assert_eq!(
        family.get(&log).send().unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let admin = app.signed_in(email(Role::Admin), DEMO_PASSWORD);
    assert_eq!(
        admin.get(&log).send().unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.client().get(&log).send().unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[test]
fn the_person_reads_who_looked_in_easy_read() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = alex(&app);
    let worker = app.signed_in(email(Role::SupportWorker), DEMO_PASSWORD);
    let plan = app.url(&format!("/api/v1/persons/{alex}/plan"));
    assert_eq!(worker.get(&plan).send().unwrap().status(), StatusCode::OK);
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(read_in_the_browser(&app));
}

async fn read_in_the_browser(app: &TestApp) {
    let browser = Browser::start().await;
    browser.open(&app.url("/sign-in")).await;
    let email_input = browser.client.find(Locator::Id("email")).await.unwrap();
    email_input
        .send_keys(email(Role::Individual))
        .await
        .unwrap();
    let password = browser.client.find(Locator::Id("password")).await.unwrap();
    password.send_keys(DEMO_PASSWORD).await.unwrap();
    browser.click("button.app-button").await;
    browser
        .client
        .wait()
        .for_element(Locator::Css("a[href='/who-has-looked']"))
        .await
        .unwrap();
    browser.click("main a[href='/who-has-looked']").await;
    let line = "Jordan Bell (Support worker) looked at your plan.";
    assert_eq!(
        browser.text_becomes(".app-access-log__what", line).await,
        line
    );
    assert_eq!(
        browser.client.title().await.unwrap(),
        "Who has looked at my plan – Ourplan"
    );
    let violations = browser.check("who has looked").await;
    assert!(violations.is_empty(), "axe: {}", violations.join("\n"));
    browser.close().await;
}
