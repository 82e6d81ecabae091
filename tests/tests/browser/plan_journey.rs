//! The plan editor, end to end in two browsers: staff write a plan with findings
//! under two needs headings, two goals, a strategy and a risk plan; the person signs in,
//! writes in their own words, agrees and signs; staff sign and version 1 is agreed and locked;
//! a further edit makes the draft of version 2, and the comparison says what changed. Every
//! page passes axe and is kept as a screenshot.

use chrono::{Days, Utc};
use fantoccini::Locator;
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::id::PersonId;
use ourplan_shared::organisation::PersonSummary;
use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_tests::browser::Browser;
use ourplan_tests::{TestApp, demo_email};
use reqwest::StatusCode;
use serde_json::json;

const BEATA_EMAIL: &str = "beata.wisniewska@demo.ourplan.test";
const BEATA_PASSWORD: &str = "Beata-plans-her-week-2026";

/// Runs blocking API calls off the test's async runtime.
fn blocking<T: Send>(call: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(call).join().unwrap())
}

fn plan_of(app: &TestApp, person: PersonId) -> PlanDocument {
    blocking(|| {
        let jordan = app.demo(Role::SupportWorker);
        app.get(&jordan, &format!("/api/v1/persons/{person}/plan"))
            .json()
            .unwrap()
    })
}

/// Beata (the demo's second person, with a draft plan) gets an account of her own.
fn beata_signs_up(app: &TestApp) -> PersonId {
    blocking(|| {
        let jordan = app.demo(Role::SupportWorker);
        let people: Vec<PersonSummary> = app.get(&jordan, "/api/v1/persons").json().unwrap();
        let beata = people
            .iter()
            .find(|p| p.full_name == "Beata Wiśniewska")
            .unwrap()
            .id;
        let admin = app.demo(Role::Admin);
        // Beata chooses her own password from her invitation.
        app.invited_account(
            &admin,
            json!({
                "email": BEATA_EMAIL, "display_name": "Beata Wiśniewska", "role": "individual",
                "person_id": beata,
            }),
            BEATA_PASSWORD,
        );
        beata
    })
}

fn day_in(days: u64) -> String {
    (Utc::now().date_naive() + Days::new(days)).to_string()
}

/// Fills a form field by field: text boxes typed, dates set.
async fn fill(browser: &Browser, fields: &[(&str, &str)]) {
    for (id, value) in fields {
        if id.ends_with("_on") {
            browser.set_value(id, value).await;
        } else {
            browser.replace_text(id, value).await;
        }
    }
}

/// Saves a new item's form and waits for the plan editor to say it is saved.
async fn save_new(browser: &Browser, noun: &str) {
    browser.click("#save-item").await;
    let news = format!("The {noun} is saved.");
    assert_eq!(browser.text_becomes("#plan-news", &news).await, news);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_write_a_plan_the_person_agrees_it_and_a_change_starts_version_2() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let beata = beata_signs_up(&app);
    let before = plan_of(&app, beata);
    assert_eq!(before.plan.current_version, None, "a draft never agreed");
    let heading = |key: &str| before.headings.iter().find(|h| h.key == key).unwrap().id;
    let (money, social) = (heading("money"), heading("social_and_community"));

    // Jordan: caseload, the person's overview, the plan editor.
    let jordan = Browser::start().await;
    jordan
        .sign_in(&app, demo_email(Role::SupportWorker), DEMO_PASSWORD)
        .await;
    jordan.open(&app.url("/people")).await;
    jordan.assert_accessible("caseload").await;
    jordan.click(&format!("a[href='/people/{beata}']")).await;
    jordan.wait_for("#tasks-heading").await;
    assert_eq!(jordan.heading().await, "Beata");
    let tasks = jordan.text_of(".app-tasks").await;
    assert!(
        tasks.contains(
            "Agree the draft: still to sign: Beata (or their representative) and a member of staff."
        ),
        "{tasks}"
    );
    jordan.assert_accessible("person overview").await;
    jordan.click("#write-plan").await;
    assert_eq!(
        jordan
            .text_becomes("main h1", "Beata's plan: write and change it")
            .await,
        "Beata's plan: write and change it"
    );
    jordan.assert_accessible("plan editor").await;

    // A finding under Money: saving it empty names what is missing, in the summary.
    jordan
        .click(&format!(
            "a[href='/people/{beata}/findings/new?heading={money}']"
        ))
        .await;
    assert_eq!(
        jordan.text_becomes("main h1", "Add a finding").await,
        "Add a finding"
    );
    jordan.click("#save-item").await;
    let summary = jordan.wait_for(".app-error-summary").await;
    assert!(
        summary
            .text()
            .await
            .unwrap()
            .contains("Enter what was found.")
    );
    let focused = jordan.client.active_element().await.unwrap();
    assert_eq!(
        focused.attr("class").await.unwrap().as_deref(),
        Some("app-error-summary"),
        "the error summary takes focus"
    );
    jordan.assert_accessible("finding form with an error").await;
    // Plain-language help as staff type.
    fill(&jordan, &[("text", "Staff will facilitate budgeting")]).await;
    jordan
        .text_contains("#plain-language", "Write “help” instead of “facilitate”.")
        .await;
    fill(&jordan, &[("text", "Needs help to budget for the week")]).await;
    save_new(&jordan, "finding").await;

    // A preference under Social and community.
    jordan
        .click(&format!(
            "a[href='/people/{beata}/findings/new?heading={social}']"
        ))
        .await;
    jordan.click("#kind-preference").await;
    fill(&jordan, &[("text", "Would like to sing in a choir")]).await;
    save_new(&jordan, "finding").await;
    let need = plan_of(&app, beata)
        .findings
        .into_iter()
        .find(|f| f.text == "Needs help to budget for the week")
        .unwrap();
    assert_eq!(need.heading_id, money);

    // Two goals, each addressing the budgeting need, with SMART checks as they are typed.
    for (text, measure, target) in [
        (
            "Keep a weekly budget",
            "Weeks Beata keeps to her budget",
            "4 weeks in a row",
        ),
        (
            "Sing with a choir every month",
            "Choir evenings Beata goes to",
            "1 a month",
        ),
    ] {
        jordan.click("#add-goal").await;
        assert_eq!(
            jordan.text_becomes("main h1", "Add a goal").await,
            "Add a goal"
        );
        fill(&jordan, &[("text", text), ("measure", measure)]).await;
        let check = "Enter the result that means the goal is met.";
        assert!(
            jordan.text_of("#checks").await.contains(check),
            "SMART checks as you type"
        );
        fill(&jordan, &[("target", target), ("due_on", &day_in(90))]).await;
        jordan
            .click(&format!("input[name='addresses'][value='{}']", need.id))
            .await;
        jordan.assert_accessible("goal form").await;
        save_new(&jordan, "goal").await;
    }
    let plan = plan_of(&app, beata);
    let goal = |text: &str| plan.goals.iter().find(|g| g.text == text).unwrap().clone();
    let (budget, choir) = (
        goal("Keep a weekly budget"),
        goal("Sing with a choir every month"),
    );
    assert_eq!(budget.addresses, [need.id]);

    // A strategy under the budgeting goal, and a risk plan.
    jordan
        .click(&format!(
            "a[href='/people/{beata}/strategies/new?goal={}']",
            budget.id
        ))
        .await;
    fill(
        &jordan,
        &[
            ("text", "Jordan and Beata plan the week's spending together"),
            ("responsible_name", "Jordan (key worker)"),
            ("frequency", "Every Monday morning"),
            (
                "least_intrusive_reason",
                "Beata decides; Jordan only prompts and checks the sums with her",
            ),
        ],
    )
    .await;
    jordan.assert_accessible("strategy form").await;
    save_new(&jordan, "strategy").await;
    jordan.click("#add-risk").await;
    fill(
        &jordan,
        &[
            ("activity", "Going to choir by bus on her own"),
            ("persons_choice", "Beata wants to go on her own"),
            ("hazards", "Missing the last bus home"),
            (
                "safety_measures",
                "Bus times on her phone and a taxi number she can call",
            ),
            ("review_on", &day_in(60)),
        ],
    )
    .await;
    jordan.click("#likelihood-medium").await;
    jordan.assert_accessible("risk plan form").await;
    save_new(&jordan, "risk plan").await;
    let plan = plan_of(&app, beata);
    assert_eq!(plan.strategies.len(), before.strategies.len() + 1);
    let risk = plan
        .risks
        .iter()
        .find(|r| r.activity == "Going to choir by bus on her own")
        .unwrap();
    assert_eq!(risk.likelihood.key(), "medium");
    jordan
        .assert_accessible("plan editor with the new plan")
        .await;

    // Beata signs in, writes in her own words, agrees and signs.
    let person = Browser::start().await;
    person.sign_in(&app, BEATA_EMAIL, BEATA_PASSWORD).await;
    person
        .open(&app.url(&format!("/people/{beata}/plan")))
        .await;
    // In easy read her plan opens as its parts; her goals are one of them.
    assert_eq!(person.text_becomes("main h1", "My plan").await, "My plan");
    person.click("#plan-parts a[data-part='goals']").await;
    let item = format!("#item-{}", budget.id);
    person.wait_for(&item).await;
    // Nobody has put this point in Beata's voice yet, so she reads the staff wording, marked.
    assert_eq!(
        person
            .text_of(&format!("{item} .app-my-item__by-staff"))
            .await,
        "Written by staff"
    );
    person.click(&format!("{item} .app-my-item__write")).await;
    let words = person.wait_for(&format!("{item} textarea")).await;
    words
        .send_keys("I want to know what I can spend each week")
        .await
        .unwrap();
    person.click(&format!("{item} .app-my-item__save")).await;
    // Her own words are now what she reads there, in place of the staff wording.
    let mine = "I want to know what I can spend each week";
    assert_eq!(
        person
            .text_becomes(&format!("{item} .app-my-item__reads"), mine)
            .await,
        mine
    );
    assert!(
        person
            .client
            .find(fantoccini::Locator::Css(&format!(
                "{item} .app-my-item__by-staff"
            )))
            .await
            .is_err(),
        "her words are not marked as written by staff"
    );
    person.click(&format!("{item} .app-my-item__agree")).await;
    let thanks = "Thank you. You said you agree.";
    assert_eq!(
        person
            .text_becomes(&format!("{item} .app-status"), thanks)
            .await,
        thanks
    );
    person
        .open(&app.url(&format!("/people/{beata}/plan?part=about")))
        .await;
    person
        .replace_text("profile-own-words", "My cat Tola and singing")
        .await;
    person.click("#save-profile-words").await;
    let about = "In my words: My cat Tola and singing";
    assert_eq!(
        person
            .text_becomes("#my-profile-words .app-item__words", about)
            .await,
        about
    );
    person.assert_accessible("my plan, co-authoring").await;
    person.open(&app.url(&format!("/people/{beata}"))).await;
    person.click("#sign-plan").await;
    let signed = "You signed. A member of your support team signs too.";
    assert_eq!(person.text_becomes("#agree-status", signed).await, signed);

    // Jordan sees Beata's signature and signs: version 1 is agreed.
    jordan.open(&app.url(&format!("/people/{beata}"))).await;
    let so_far = jordan
        .wait_for("#signed-so-far")
        .await
        .text()
        .await
        .unwrap();
    assert!(so_far.contains("Beata Wiśniewska (the person)"), "{so_far}");
    jordan.click("#sign-plan").await;
    assert_eq!(
        jordan
            .text_becomes("#agree-status", "Version 1 is agreed.")
            .await,
        "Version 1 is agreed."
    );
    let state = "Version 1 is agreed. Any change starts the next version.";
    assert_eq!(jordan.text_becomes("#plan-state", state).await, state);
    jordan.assert_accessible("person overview, agreed").await;

    // A further edit makes the draft of version 2; version 1 stays as agreed.
    jordan
        .open(&app.url(&format!("/people/{beata}/goals/{}", choir.id)))
        .await;
    jordan.replace_text("target", "2 a month").await;
    jordan.click("#save-item").await;
    assert_eq!(
        jordan.text_becomes("#save-status", "Saved.").await,
        "Saved."
    );
    jordan
        .open(&app.url(&format!("/people/{beata}/edit")))
        .await;
    let draft =
        "This is the draft of version 2. Version 1 stays as agreed until this one is signed.";
    assert_eq!(jordan.text_becomes("#plan-state", draft).await, draft);
    let agreed: PlanDocument = blocking(|| {
        let client = app.demo(Role::SupportWorker);
        app.get(&client, &format!("/api/v1/persons/{beata}/plan/versions/1"))
            .json()
            .unwrap()
    });
    let kept = agreed.goals.iter().find(|g| g.id == choir.id).unwrap();
    assert_eq!(kept.target, "1 a month", "version 1 is locked");
    assert_eq!(
        agreed.profile.own_words.as_deref(),
        Some("My cat Tola and singing")
    );

    // The comparison says what changed, in plain words.
    jordan
        .open(&app.url(&format!("/people/{beata}/history")))
        .await;
    jordan.click("#compare").await;
    let text = jordan
        .text_contains("#changes", "target changed from “1 a month” to “2 a month”")
        .await;
    assert!(text.contains("Sing with a choir every month"), "{text}");
    jordan.assert_accessible("versions compared").await;
    jordan.close().await;
    person.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_resolve_a_disagreement_and_record_a_representatives_signature() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let decision = blocking(|| {
        let person = app.demo(Role::Individual);
        let jordan = app.demo(Role::SupportWorker);
        let plan: PlanDocument = app
            .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
            .json()
            .unwrap();
        let said = app.post(
            &person,
            &format!("/api/v1/persons/{alex}/goals/{}/opinion", plan.goals[0].id),
            json!({"agrees": false, "comment": "Too often for me"}),
        );
        assert_eq!(said.status(), StatusCode::CREATED);
        said.json::<serde_json::Value>().unwrap()["decision_id"]
            .as_str()
            .unwrap()
            .to_owned()
    });
    let jordan = Browser::start().await;
    jordan
        .sign_in(&app, demo_email(Role::SupportWorker), DEMO_PASSWORD)
        .await;

    // Every form of the plan passes axe, empty and new.
    for (path, name) in [
        ("about-me", "profile form"),
        ("wishes/new", "wish not met form"),
        ("decisions/new", "decision log form"),
    ] {
        jordan
            .open(&app.url(&format!("/people/{alex}/{path}")))
            .await;
        jordan.wait_for("#save-item").await;
        jordan.assert_accessible(name).await;
    }

    // The overview lists the disagreement; its link opens the form to record how it was
    // resolved, which keeps what Alex said and adds a new entry to the log.
    jordan.open(&app.url(&format!("/people/{alex}"))).await;
    let task = format!(".app-tasks a[href='/people/{alex}/decisions/{decision}/resolve']");
    jordan.click(&task).await;
    let title = "Record how the disagreement was resolved";
    assert_eq!(jordan.text_becomes("main h1", title).await, title);
    jordan.wait_for("#disagreement").await;
    jordan.click("#save-resolution").await;
    let summary = jordan.wait_for(".app-error-summary").await;
    let problems = summary.text().await.unwrap();
    assert!(
        problems.contains("Enter how it was resolved.")
            && problems.contains("Enter who was involved."),
        "{problems}"
    );
    jordan
        .assert_accessible("resolving a disagreement, with errors")
        .await;
    jordan
        .replace_text("resolution", "Agreed to cook every other week")
        .await;
    jordan.replace_text("who", "Alex and Jordan").await;
    jordan.click("#save-resolution").await;
    jordan
        .text_contains("#plan-news", "The decision log entry is saved.")
        .await;
    jordan
        .text_contains(
            "section[aria-labelledby='decisions']",
            "This records how a disagreement was resolved.",
        )
        .await;
    jordan.open(&app.url(&format!("/people/{alex}"))).await;
    jordan.wait_for("#tasks-heading").await;
    assert!(
        jordan.client.find(Locator::Css(&task)).await.is_err(),
        "resolved, so no longer a task"
    );

    // Alex's advocate signs for him, with the reason; the overview shows who has signed.
    jordan.click("#sign-for").await;
    jordan.replace_text("signer_name", "Morgan Rivers").await;
    jordan
        .replace_text("reason", "Alex asked Morgan to sign for him today")
        .await;
    jordan
        .assert_accessible("person overview, a representative signs")
        .await;
    jordan.click("#sign-as-representative").await;
    jordan
        .text_contains(
            "#signed-so-far",
            "Morgan Rivers (representative, because Alex asked Morgan to sign for him today; recorded by Jordan Bell)",
        )
        .await;
    jordan.close().await;
}
