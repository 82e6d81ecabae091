//! The rest of a new provider's first day (issue 21 item 8), on a database that was never
//! seeded: after setup and admission (the first-day test walks those in the browser), the
//! support worker writes the first plan in the browser; the person opens their invitation,
//! chooses a password and signs; the worker signs and version 1 is agreed; the person shares
//! their goals with their sister, who opens her own invitation and sees the goals and nothing
//! else. axe finds nothing on the pages the person and the family member reach.

use chrono::{Days, Utc};
use ourplan_shared::account::NewAccount;
use ourplan_shared::id::PersonId;
use ourplan_shared::organisation::{Person, TeamDetail, User};
use ourplan_shared::plan::PlanDocument;
use ourplan_tests::browser::Browser;
use ourplan_tests::{NEW_PASSWORD, TestApp};
use reqwest::StatusCode;
use serde_json::json;

/// Runs blocking HTTP calls off the browser test's async runtime.
fn blocking<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(work).join().unwrap())
}

struct Day {
    person: PersonId,
    person_link: String,
    family_link: String,
}

/// An organisation from nothing, as the first-day test leaves it: a team with a support
/// worker, a person admitted, and invitations for the person and their sister.
fn organisation(app: &TestApp) -> Day {
    blocking(|| {
        let admin = app.set_up_organisation("ada@brookside.example");
        let team: TeamDetail = app
            .post(&admin, "/api/v1/teams", json!({"name": "Hillside"}))
            .json()
            .unwrap();
        let worker = app.post(
            &admin,
            "/api/v1/users",
            json!({"email": "jo@brookside.example", "display_name": "Jo Mensah",
                   "role": "support_worker", "password": NEW_PASSWORD, "team_ids": [team.id]}),
        );
        assert_eq!(worker.status(), StatusCode::CREATED);
        let jo: User = worker.json::<NewAccount>().unwrap().user;
        let started = Utc::now().date_naive() - Days::new(3);
        let admitted = app.post(
            &app.signed_in("jo@brookside.example", NEW_PASSWORD),
            "/api/v1/persons",
            json!({
                "person": {"full_name": "Priya Nair", "preferred_name": "Priya",
                           "support_started_on": started, "preferred_language": "en-GB",
                           "preferred_format": "easy-read"},
                "team_id": team.id,
                "key_worker_id": jo.id,
            }),
        );
        assert_eq!(admitted.status(), StatusCode::CREATED);
        let person: Person = admitted.json().unwrap();
        let invite = |body: serde_json::Value| {
            let made = app.post(&admin, "/api/v1/users", body);
            assert_eq!(made.status(), StatusCode::CREATED);
            made.json::<NewAccount>().unwrap().invitation.unwrap().link
        };
        let person_link = invite(json!({"email": "priya@brookside.example",
            "display_name": "Priya Nair", "role": "individual", "person_id": person.id}));
        let family_link = invite(json!({"email": "asha@brookside.example",
            "display_name": "Asha Nair", "role": "family"}));
        Day {
            person: person.id,
            person_link,
            family_link,
        }
    })
}

/// Opens an invitation as its owner would, chooses a password and is signed in.
async fn accept(browser: &Browser, link: &str) {
    browser.open(link).await;
    browser.wait_for("#welcome-form").await;
    browser.replace_text("password", NEW_PASSWORD).await;
    browser.click("#save-password").await;
    browser.wait_for(".app-nav__user").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_plan_is_written_signed_and_shared_with_family_under_consent() {
    let app = TestApp::start();
    let day = organisation(&app);
    let p = day.person;

    // Jo writes the first plan: a need, and a goal that addresses it.
    let jo = Browser::start().await;
    jo.sign_in(&app, "jo@brookside.example", NEW_PASSWORD).await;
    jo.open(&app.url(&format!("/people/{p}/edit"))).await;
    jo.click(&format!("a[href^='/people/{p}/findings/new?heading=']"))
        .await;
    jo.replace_text("text", "Needs help to plan the week's shopping")
        .await;
    jo.click("#save-item").await;
    jo.text_becomes("#plan-news", "The finding is saved.").await;
    jo.click("#add-goal").await;
    jo.replace_text("text", "Cook a meal with friends every week")
        .await;
    jo.replace_text("measure", "Meals cooked with friends")
        .await;
    jo.replace_text("target", "1 a week").await;
    let due = (Utc::now().date_naive() + Days::new(90)).to_string();
    jo.set_value("due_on", &due).await;
    jo.click("input[name='addresses']").await;
    jo.click("#save-item").await;
    jo.text_becomes("#plan-news", "The goal is saved.").await;
    // A part of the plan Priya will not share.
    blocking(|| {
        let worker = app.signed_in("jo@brookside.example", NEW_PASSWORD);
        let risk = app.post(
            &worker,
            &format!("/api/v1/persons/{p}/risks"),
            json!({"activity": "Swimming at the lido alone", "hazards": "Tiredness",
                   "likelihood": "low", "impact": "medium",
                   "persons_choice": "Priya wants to swim on her own",
                   "safety_measures": "A friend knows when she goes", "review_on": due}),
        );
        assert_eq!(risk.status(), StatusCode::CREATED);
    });

    // Priya opens her invitation, reads her plan and signs.
    let priya = Browser::start().await;
    accept(&priya, &day.person_link).await;
    priya.open(&app.url(&format!("/people/{p}"))).await;
    priya.click("#sign-plan").await;
    let signed = "You signed. A member of your support team signs too.";
    assert_eq!(priya.text_becomes("#agree-status", signed).await, signed);

    // Jo signs: version 1 is agreed.
    jo.open(&app.url(&format!("/people/{p}"))).await;
    jo.click("#sign-plan").await;
    assert_eq!(
        jo.text_becomes("#agree-status", "Version 1 is agreed.")
            .await,
        "Version 1 is agreed."
    );

    // Priya shares her goals with her sister, to look at.
    priya.open(&app.url("/who-can-see")).await;
    priya.click("#share-new").await;
    priya
        .replace_text("party_email", "asha@brookside.example")
        .await;
    priya.click("#sections-goals").await;
    priya.click("#access_level").await;
    priya
        .assert_accessible("who can see my plan, sharing")
        .await;
    priya.click(".app-consent-form button[type='submit']").await;
    priya.text_contains("main", "Asha Nair").await;

    // Asha opens her invitation: Priya's goals, and nothing else of the plan.
    let asha = Browser::start().await;
    accept(&asha, &day.family_link).await;
    asha.open(&app.url("/people")).await;
    asha.click(&format!("a[href='/people/{p}']")).await;
    asha.open(&app.url(&format!("/people/{p}/plan"))).await;
    let shown = asha
        .text_contains("main", "Cook a meal with friends every week")
        .await;
    assert!(!shown.contains("Swimming at the lido"), "{shown}");
    assert!(!shown.contains("shopping"), "needs are not shared: {shown}");
    asha.assert_accessible("a family member's view, goals only")
        .await;
    let plan: PlanDocument = blocking(|| {
        let family = app.signed_in("asha@brookside.example", NEW_PASSWORD);
        app.get(&family, &format!("/api/v1/persons/{p}/plan"))
            .json()
            .unwrap()
    });
    assert_eq!(plan.goals.len(), 1);
    assert!(plan.risks.is_empty() && plan.findings.is_empty());
    assert_eq!(plan.plan.current_version, Some(1));
    jo.close().await;
    priya.close().await;
    asha.close().await;
}
