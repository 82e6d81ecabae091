//! Email through a real SMTP server (aiosmtpd on a loopback port, one per test): invitations
//! on a database that was never seeded, the demo key worker's review-due reminder, the
//! person's easy-read email and the family member's answer, in each reader's language and
//! without plan content; preferences, digests and one-click unsubscribe; an SMTP outage; and
//! several instances sharing one outbox.

use std::time::Duration;

use ourplan_shared::account::NewAccount;
use ourplan_shared::demo::{PERSON_FULL_NAME, PERSON_PREFERRED_NAME};
use ourplan_shared::email::{EmailPreferences, EmailStatus, Outbox};
use ourplan_shared::role::Role;
use ourplan_tests::mail::MailSink;
use ourplan_tests::{NEW_PASSWORD, TestApp, demo_email};
use reqwest::StatusCode;
use serde_json::json;

fn app_with(sink: &MailSink, extra: &[(&str, &str)]) -> TestApp {
    let mail = sink.settings();
    let mut settings: Vec<(&str, &str)> = mail.iter().map(|(k, v)| (*k, v.as_str())).collect();
    settings.extend_from_slice(extra);
    TestApp::start_with(&settings)
}

fn outbox(app: &TestApp, admin: &reqwest::blocking::Client) -> Outbox {
    let response = app.get(admin, "/api/v1/admin/outbox");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().unwrap()
}

/// Words of the demo plan that must never travel by email.
const PLAN_WORDS: [&str; 3] = ["evening tablets", "Thursday club", "pill box"];

/// No plan content, and the person is not named to anyone but themselves.
fn assert_no_plan_content(email: &ourplan_tests::mail::Received) {
    let mut words = PLAN_WORDS.to_vec();
    if !email.to.iter().any(|t| t == demo_email(Role::Individual)) {
        words.push(PERSON_PREFERRED_NAME);
    }
    for word in words {
        assert!(
            !email.text.contains(word)
                && !email.html.contains(word)
                && !email.subject.contains(word),
            "{word:?} is in the email {:?}",
            email.subject
        );
    }
}

#[test]
fn a_new_organisation_invites_its_staff_by_email() {
    let sink = MailSink::start();
    let app = app_with(&sink, &[]);
    let admin = app.set_up_organisation("ada@brookside.test");

    let outbox_now = outbox(&app, &admin);
    assert!(outbox_now.email_on);
    assert_eq!(outbox_now.from.as_deref(), Some(ourplan_tests::mail::FROM));

    let created = app.post(
        &admin,
        "/api/v1/users",
        json!({"email": "kai@brookside.test", "display_name": "Kai Mensah", "role": "manager"}),
    );
    assert_eq!(created.status(), StatusCode::CREATED);
    let account: NewAccount = created.json().unwrap();
    assert_eq!(
        account.invitation.as_ref().unwrap().emailed_to.as_deref(),
        Some("kai@brookside.test")
    );

    let email = sink.wait_for_to("kai@brookside.test", "Your Ourplan account is ready");
    assert!(email.text.contains("Hello Kai Mensah,"));
    assert!(
        email
            .text
            .contains("Brookside Support (fictional) made an Ourplan account")
    );
    assert!(email.html.contains("<html lang=\"en\">"));
    assert!(
        email
            .header("Content-Type")
            .unwrap()
            .starts_with("multipart/alternative")
    );
    // An invitation is the link itself: it cannot be unsubscribed from.
    assert_eq!(email.header("List-Unsubscribe"), None);
    let link = email
        .link_starting(&app.url("/welcome"))
        .expect("the invitation link");
    let (_, token) = link.split_once('#').unwrap();
    let used = app.post(
        &app.client(),
        "/api/v1/account-links/use",
        json!({"token": token, "password": NEW_PASSWORD}),
    );
    assert_eq!(used.status(), StatusCode::OK, "the emailed link signs in");

    // Sent, and its words (the link) are gone from the database.
    let sent = outbox(&app, &admin);
    let row = sent
        .items
        .iter()
        .find(|e| e.to_address == "kai@brookside.test")
        .unwrap();
    assert_eq!(row.status, EmailStatus::Sent);
    let mut conn = app.database.connect();
    let bodies: Vec<String> = {
        use diesel::prelude::*;
        use ourplan_backend::db::schema::emails;
        emails::table
            .select(emails::text_body)
            .load(&mut conn)
            .unwrap()
    };
    assert!(bodies.iter().all(|b| !b.contains(token)));

    // A test email from the admin screen.
    let test = app.post(
        &admin,
        "/api/v1/admin/outbox/test",
        json!({"to": "it@brookside.test"}),
    );
    assert_eq!(test.status(), StatusCode::ACCEPTED);
    sink.wait_for_to("it@brookside.test", "Ourplan test email");
    let refused = app.post(
        &admin,
        "/api/v1/admin/outbox/test",
        json!({"to": "not an address"}),
    );
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: serde_json::Value = refused.json().unwrap();
    assert_eq!(error["error"]["field"], "to");
}

#[test]
fn the_demo_team_hears_of_reviews_and_suggestions_in_their_own_words() {
    let sink = MailSink::start();
    let app = app_with(&sink, &[("OURPLAN_DEMO", "1")]);
    let key_worker = demo_email(Role::SupportWorker);

    // The daily round runs as the server starts.
    let due = sink.wait_for_to(key_worker, "plan review");
    assert!(due.text.contains("Hello Jordan Bell,"));
    assert!(due.text.contains(&app.url("/people/")));
    assert!(
        due.header("List-Unsubscribe")
            .unwrap()
            .contains("/api/v1/email/unsubscribe?token=")
    );
    assert_eq!(
        due.header("List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    assert_no_plan_content(&due);

    // The person reads Polish: their email is in Polish, easy read, with a picture.
    let alex = app.demo_person();
    {
        use diesel::prelude::*;
        use ourplan_backend::db::schema::persons;
        diesel::update(persons::table.find(&alex))
            .set(persons::preferred_language.eq("pl"))
            .execute(&mut app.database.connect())
            .unwrap();
    }
    let family = app.demo(Role::Family);
    let suggested = app.post(
        &family,
        &format!("/api/v1/persons/{alex}/contributions"),
        json!({"section": "goals", "kind": "suggestion", "text": "Try the Tuesday swimming club"}),
    );
    assert_eq!(suggested.status(), StatusCode::CREATED);
    let etag = suggested.headers()["etag"].to_str().unwrap().to_owned();
    let contribution: serde_json::Value = suggested.json().unwrap();

    let to_person = sink.wait_for_to(demo_email(Role::Individual), "Ktoś ma pomysł");
    assert!(
        to_person
            .text
            .contains(&format!("Cześć {PERSON_FULL_NAME}."))
    );
    assert!(to_person.html.contains("<html lang=\"pl\">"));
    assert!(to_person.html.contains("💡"), "a picture");
    assert!(!to_person.text.contains("swimming"), "no plan content");
    let to_key_worker = sink.wait_for_to(key_worker, "A family member made a suggestion");
    assert!(!to_key_worker.text.contains("swimming"));

    // The person agrees: the family member hears.
    let person = app.demo(Role::Individual);
    let id = contribution["contribution"]["id"].as_str().unwrap();
    let decided = app.send_if_match(
        &person,
        reqwest::Method::POST,
        &format!("/api/v1/persons/{alex}/contributions/{id}/decision"),
        Some(&etag),
        &json!({"status": "agreed"}),
    );
    assert_eq!(
        decided.status(),
        StatusCode::OK,
        "{}",
        decided.text().unwrap()
    );
    let answer = sink.wait_for_to(demo_email(Role::Family), "Your suggestion was agreed");
    assert!(!answer.text.contains("swimming"));
    assert!(!answer.text.contains(PERSON_PREFERRED_NAME));
    for email in sink.messages() {
        assert_no_plan_content(&email);
        assert!(!email.text.contains("swimming"));
    }
}

#[test]
fn each_reader_chooses_and_one_click_stops_a_kind() {
    let sink = MailSink::start();
    let app = app_with(
        &sink,
        &[("OURPLAN_DEMO", "1"), ("OURPLAN_MAIL_DIGEST_HOUR", "0")],
    );
    let alex = app.demo_person();
    let key_worker_email = demo_email(Role::SupportWorker);
    let key_worker = app.demo(Role::SupportWorker);
    sink.wait_for_to(key_worker_email, "plan review");

    // The key worker takes suggestions in a daily digest, in Polish; the person in the app only.
    let chosen = app.send(
        &key_worker,
        reqwest::Method::PUT,
        "/api/v1/me/email-preferences",
        json!({"language": "pl", "kinds": [{"kind": "suggestion_made", "delivery": "daily"}]}),
    );
    assert_eq!(chosen.status(), StatusCode::OK);
    let preferences: EmailPreferences = chosen.json().unwrap();
    assert!(preferences.email_on);
    assert!(
        preferences
            .kinds
            .iter()
            .any(|k| k.kind.key() == "suggestion_made" && k.delivery.key() == "daily")
    );
    let person = app.demo(Role::Individual);
    let chosen = app.send(
        &person,
        reqwest::Method::PUT,
        "/api/v1/me/email-preferences",
        json!({"language": "en", "kinds": [{"kind": "suggestion_made", "delivery": "app_only"}]}),
    );
    assert_eq!(chosen.status(), StatusCode::OK);
    let fixed = app.send(
        &person,
        reqwest::Method::PUT,
        "/api/v1/me/email-preferences",
        json!({"language": "en", "kinds": [{"kind": "invitation", "delivery": "app_only"}]}),
    );
    assert_eq!(fixed.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let family = app.demo(Role::Family);
    let suggested = app.post(
        &family,
        &format!("/api/v1/persons/{alex}/contributions"),
        json!({"section": "goals", "kind": "suggestion", "text": "Try the library on Fridays"}),
    );
    assert_eq!(suggested.status(), StatusCode::CREATED);
    // The digest hour is 0 here, so the held news goes out as a digest at the next round.
    let digest = sink.wait_for_to(key_worker_email, "Twoje wiadomości z Ourplan");
    assert!(
        digest.text.contains("• Członek rodziny coś zaproponował"),
        "{}",
        digest.text
    );
    assert_eq!(digest.header("List-Unsubscribe"), None);

    // The person chose the app only: no email, but the notification is there.
    std::thread::sleep(Duration::from_secs(3));
    assert!(
        !sink
            .messages()
            .iter()
            .any(|m| m.to.iter().any(|t| t == demo_email(Role::Individual))),
        "the person chose the app only"
    );

    // One click on the review reminder's List-Unsubscribe, as a mail program makes it:
    // no session, no CSRF header, a form body.
    let due = sink.wait_for_to(key_worker_email, "plan review");
    let url = due
        .header("List-Unsubscribe")
        .unwrap()
        .trim_matches(['<', '>'])
        .to_owned();
    let clicked = reqwest::blocking::Client::new()
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .unwrap();
    assert_eq!(clicked.status(), StatusCode::OK);
    let now: EmailPreferences = app
        .get(&key_worker, "/api/v1/me/email-preferences")
        .json()
        .unwrap();
    assert!(
        now.kinds
            .iter()
            .any(|k| k.kind.key() == "review_due" && k.delivery.key() == "app_only")
    );
    let forged = reqwest::blocking::Client::new()
        .post(url.replace("review_due", "consent_ending"))
        .send()
        .unwrap();
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
}

#[test]
fn email_arrives_after_the_mail_server_was_down_for_a_minute() {
    if std::env::var_os("OURPLAN_TEST_POSTGRES").is_some() {
        // A detail of the sender, not of the database: run once, on SQLite.
        return;
    }
    let mut sink = MailSink::start();
    let app = app_with(&sink, &[("OURPLAN_MAIL_RETRY_SECONDS", "1")]);
    let admin = app.set_up_organisation("ada@brookside.test");
    sink.stop();
    let test = app.post(
        &admin,
        "/api/v1/admin/outbox/test",
        json!({"to": "it@brookside.test"}),
    );
    assert_eq!(test.status(), StatusCode::ACCEPTED);
    std::thread::sleep(Duration::from_secs(5));
    let waiting = outbox(&app, &admin);
    let row = &waiting.items[0];
    assert_eq!(row.status, EmailStatus::Pending);
    assert!(row.attempts >= 2, "tried again: {row:?}");
    assert!(
        row.last_error.as_deref().is_some_and(|e| !e.is_empty()),
        "the answer is kept"
    );
    std::thread::sleep(Duration::from_secs(55));
    sink.restart();
    let email = sink.wait_for(Duration::from_secs(90), |m| {
        m.subject == "Ourplan test email"
    });
    assert_eq!(email.to, ["it@brookside.test"]);
    let sent = outbox(&app, &admin);
    assert_eq!(sent.items[0].status, EmailStatus::Sent);
    assert_eq!(sink.messages().len(), 1, "sent once");
}

#[test]
fn several_instances_share_the_outbox_and_send_each_email_once() {
    let sink = MailSink::start();
    let first = app_with(&sink, &[]);
    let admin = first.set_up_organisation("ada@brookside.test");
    let mail = sink.settings();
    let settings: Vec<(&str, &str)> = mail.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let second = TestApp::start_beside(&first, &settings);
    let admin_two = second.signed_in("ada@brookside.test", NEW_PASSWORD);
    for n in 0..15 {
        for (app, client) in [(&first, &admin), (&second, &admin_two)] {
            let sent = app.post(
                client,
                "/api/v1/admin/outbox/test",
                json!({"to": format!("box{n}@brookside.test")}),
            );
            assert_eq!(sent.status(), StatusCode::ACCEPTED);
        }
    }
    sink.wait_for(Duration::from_secs(60), |_| sink.messages().len() >= 30);
    std::thread::sleep(Duration::from_secs(3));
    let mut to: Vec<String> = sink.messages().into_iter().flat_map(|m| m.to).collect();
    assert_eq!(to.len(), 30, "each email once");
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 15);
    assert_eq!(outbox(&first, &admin).sent, 30);
}

#[test]
fn without_smtp_settings_email_is_off_and_says_so() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let admin = app.demo(Role::Admin);
    let outbox_now = outbox(&app, &admin);
    assert!(!outbox_now.email_on);
    assert!(outbox_now.items.is_empty());
    let refused = app.post(
        &admin,
        "/api/v1/admin/outbox/test",
        json!({"to": "it@example.org"}),
    );
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let preferences: EmailPreferences = app
        .get(&app.demo(Role::Family), "/api/v1/me/email-preferences")
        .json()
        .unwrap();
    assert!(!preferences.email_on);
}

#[test]
fn consents_reviews_cards_and_resets_are_emailed() {
    // The demo seeded without email, then a consent set to end in ten days; an instance with
    // email on starts beside it and its daily round finds the consent.
    let seeded = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = seeded.demo_person();
    let ends = ourplan_backend::db::model::now().date() + chrono::Duration::days(10);
    let given = seeded.post(
        &seeded.demo(Role::Individual),
        &format!("/api/v1/persons/{alex}/consents"),
        json!({"party_email": demo_email(Role::Family), "sections": ["goals"],
               "access_level": "view", "basis": "person", "expires_on": ends}),
    );
    assert_eq!(
        given.status(),
        StatusCode::CREATED,
        "{}",
        given.text().unwrap()
    );
    let sink = MailSink::start();
    let mail = sink.settings();
    let settings: Vec<(&str, &str)> = mail.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = TestApp::start_beside(&seeded, &settings);

    let to_person = sink.wait_for_to(demo_email(Role::Individual), "Sharing your plan stops soon");
    assert!(to_person.text.contains("This stops on"));
    assert!(to_person.text.contains(&app.url("/who-can-see")));
    let to_family = sink.wait_for_to(demo_email(Role::Family), "Sharing of a plan ends on");
    assert_no_plan_content(&to_family);

    // The person asks for a review: the managers and the key worker hear.
    let person = app.demo(Role::Individual);
    let asked = app.post(
        &person,
        &format!("/api/v1/persons/{alex}/review-requests"),
        json!({"reason": "Things changed at home"}),
    );
    assert!(asked.status().is_success(), "{}", asked.status());
    for reader in [Role::Manager, Role::SupportWorker] {
        let email = sink.wait_for_to(demo_email(reader), "Someone asked for a review");
        assert!(
            !email.text.contains("changed at home"),
            "no reason in the email"
        );
    }
    let review: serde_json::Value = asked.json().unwrap();

    // The key worker submits Part 1: the manager hears Part 2 is theirs, with a link to it.
    let jordan = app.demo(Role::SupportWorker);
    let one = format!(
        "/api/v1/persons/{alex}/reviews/{}",
        review["id"].as_str().unwrap()
    );
    let plan: serde_json::Value = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    let goal_progress: Vec<serde_json::Value> = plan["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| json!({"goal_id": g["id"], "progress": "Going well"}))
        .collect();
    let saved = app.send_if_match(
        &jordan,
        reqwest::Method::PUT,
        &format!("{one}/part-one"),
        Some("\"v1\""),
        &json!({"what_is_working": "Cooking", "what_is_not_working": "Evenings",
                "persons_views": "More time alone", "goal_progress": goal_progress}),
    );
    assert_eq!(saved.status(), StatusCode::OK);
    let etag = saved.headers()["etag"].to_str().unwrap().to_owned();
    let submitted = app.send_if_match(
        &jordan,
        reqwest::Method::POST,
        &format!("{one}/part-one/submit"),
        Some(&etag),
        &serde_json::Value::Null,
    );
    assert_eq!(submitted.status(), StatusCode::OK);
    let waiting = sink.wait_for_to(demo_email(Role::Manager), "Part 2 of a review is waiting");
    assert!(
        waiting
            .text
            .contains(&app.url(&format!("/people/{alex}/reviews/")))
    );
    assert!(!waiting.text.contains("Cooking"));

    // A sign-in card is made: the manager hears, and can check it was meant.
    let card = app.post(
        &jordan,
        &format!("/api/v1/persons/{alex}/sign-in-codes"),
        serde_json::Value::Null,
    );
    assert_eq!(card.status(), StatusCode::CREATED);
    let told = sink.wait_for_to(demo_email(Role::Manager), "A sign-in card was made");
    assert!(
        told.text
            .contains(&app.url(&format!("/people/{alex}/sign-in-card")))
    );

    // A password reset reaches the member of staff.
    let admin = app.demo(Role::Admin);
    let manager_id = {
        use diesel::prelude::*;
        use ourplan_backend::db::schema::users;
        users::table
            .filter(users::email.eq(demo_email(Role::Manager)))
            .select(users::id)
            .first::<String>(&mut app.database.connect())
            .unwrap()
    };
    let reset = app.post(
        &admin,
        &format!("/api/v1/users/{manager_id}/password-reset"),
        serde_json::Value::Null,
    );
    assert_eq!(reset.status(), StatusCode::CREATED);
    let email = sink.wait_for_to(demo_email(Role::Manager), "Choose a new Ourplan password");
    assert!(email.text.contains("for one hour"));
    assert!(email.link_starting(&app.url("/welcome#")).is_some());
}
