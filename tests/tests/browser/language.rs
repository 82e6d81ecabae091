//! The interface language (R-20) in a real browser: a person whose recorded language is Polish
//! gets every page they reach in Polish, with `lang="pl"` for screen readers and not one
//! English text of the catalogue left; their own choice on "How pages look" wins over the
//! record and survives a reload; staff keep English.

use std::collections::BTreeMap;

use diesel::prelude::*;
use ourplan_backend::db::schema::{goals, persons};
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::role::Role;
use ourplan_tests::browser::Browser;
use ourplan_tests::{TestApp, demo_email, root};
use serde_json::Value;

/// Namespaces of the pages the person reaches (frontend/build.rs checks they are complete).
fn person_facing() -> Vec<String> {
    let path = root().join("frontend/locales/namespaces.json");
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    serde_json::from_value(value["person_facing"].clone()).unwrap()
}

/// Every text of a locale file, by its dotted key.
fn texts(language: &str, namespace: &str) -> BTreeMap<String, String> {
    let path = root().join(format!("frontend/locales/{language}/{namespace}.json"));
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut texts = BTreeMap::new();
    flatten(&value, String::new(), &mut texts);
    texts
}

fn flatten(value: &Value, prefix: String, texts: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(value, path, texts);
            }
        }
        Value::String(text) => {
            texts.insert(prefix, text.clone());
        }
        other => {
            texts.insert(prefix, other.to_string());
        }
    }
}

/// The English texts whose Polish differs (so seeing one on a Polish page is a miss), without
/// the interpolated ones (their rendered form differs from the template).
fn english_only() -> Vec<String> {
    let mut english = Vec::new();
    for namespace in person_facing() {
        let polish = texts("pl", &namespace);
        for (key, text) in texts("en", &namespace) {
            if !text.contains("{{") && !text.contains('<') && polish.get(&key) != Some(&text) {
                english.push(text);
            }
        }
    }
    english
}

/// Every text node, alt, aria-label, title and placeholder on the page, trimmed.
const PAGE_TEXTS: &str = r#"
const texts = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.textContent.trim();
  if (text) texts.push(text);
}
for (const el of document.querySelectorAll('[alt], [aria-label], [title], [placeholder]')) {
  for (const name of ['alt', 'aria-label', 'title', 'placeholder']) {
    const value = (el.getAttribute(name) || '').trim();
    if (value) texts.push(value);
  }
}
texts.push(document.title.replace(/ – Ourplan$/, ''));
return texts;
"#;

async fn english_left(browser: &Browser, english: &[String]) -> Vec<String> {
    let shown: Vec<String> =
        serde_json::from_value(browser.client.execute(PAGE_TEXTS, vec![]).await.unwrap()).unwrap();
    shown
        .into_iter()
        .filter(|text| english.iter().any(|e| e == text))
        .collect()
}

/// The demo, with the language recorded for Alex (the person supported) set to `tag`.
fn demo_with_language(tag: &str) -> TestApp {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    diesel::update(persons::table.filter(persons::id.eq(&alex)))
        .set(persons::preferred_language.eq(tag))
        .execute(&mut app.database.connect())
        .unwrap();
    app
}

async fn lang_becomes(browser: &Browser, expected: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let lang = browser.root_attribute("lang").await;
        if lang.as_deref() == Some(expected) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "lang is {lang:?}, not {expected}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_whose_language_is_polish_reads_every_page_in_polish() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = demo_with_language("pl-PL");
    let alex = app.demo_person();
    let english = english_only();
    assert!(english.len() > 300, "{} English texts", english.len());

    let browser = Browser::start().await;
    browser
        .sign_in(&app, demo_email(Role::Individual), DEMO_PASSWORD)
        .await;
    lang_becomes(&browser, "pl").await;
    let home = texts("pl", "home");
    browser
        .text_becomes("a.app-nav__link[href='/']", &texts("pl", "common")["home"])
        .await;

    let pages = app.person_pages();
    let mut failures = Vec::new();
    for (page, path) in &pages {
        browser.open(&app.url(path)).await;
        lang_becomes(&browser, "pl").await;
        browser.wait_for("main h1").await;
        if path.contains("/plan") {
            browser
                .wait_for(".app-point img, .app-picture-button img")
                .await;
        }
        // Let the page's own data arrive (its texts come with it).
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        for text in english_left(&browser, &english).await {
            failures.push(format!("{page}: English left: {text:?}"));
        }
        for violation in browser.check(&format!("person in Polish, {page}")).await {
            failures.push(format!("{page}: axe {violation}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The home page's picture buttons speak Polish too.
    browser.open(&app.url("/")).await;
    browser
        .text_becomes(
            "#my-home li:first-child .app-picture-button__label",
            &home["my_plan"],
        )
        .await;

    // What changed between versions is worded in Polish (version 1 against the plan now, after
    // a goal's target changed).
    let (_, goal) = app.demo_first_goal();
    diesel::update(goals::table.filter(goals::id.eq(&goal)))
        .set(goals::target.eq("Codziennie"))
        .execute(&mut app.database.connect())
        .unwrap();
    browser
        .open(&app.url(&format!("/people/{alex}/history")))
        .await;
    browser.wait_for("#compare-from").await;
    browser
        .client
        .execute(
            "const from = document.getElementById('compare-from');
             from.value = '1';
             from.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await
        .unwrap();
    browser.click("#compare").await;
    let changes = browser.wait_for("#changes li").await;
    let said = browser.text_of("#changes").await;
    assert!(changes.text().await.unwrap().contains(": "), "{said}");
    for english in [" changed from ", " added", " removed"] {
        assert!(!said.contains(english), "{english:?} in {said}");
    }
    assert!(
        ["zmiana", "dodano", "usunięto"]
            .iter()
            .any(|polish| said.contains(polish)),
        "{said}"
    );

    // The browser's own check of a new password speaks Polish.
    browser.open(&app.url("/account/password")).await;
    browser.set_value("current_password", DEMO_PASSWORD).await;
    browser.set_value("new_password", "krótkie").await;
    browser.click("main form button[type='submit']").await;
    browser
        .text_contains(
            ".app-error-summary__list",
            &texts("pl", "password")["too_short"].replace("{{ min }}", "8"),
        )
        .await;

    // The server's refusal (a reason over 2,000 characters) is told in Polish too.
    browser.open(&app.url("/ask-for-a-review")).await;
    browser.set_value("reason", &"a".repeat(2_001)).await;
    browser.click("#ask-for-review").await;
    browser
        .text_contains(
            ".app-error-summary__list",
            &texts("pl", "common")["errors.invalid"],
        )
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readers_own_choice_wins_over_the_record_and_is_remembered() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = demo_with_language("pl");
    let display_pl = texts("pl", "display");
    let browser = Browser::start().await;
    browser
        .sign_in(&app, demo_email(Role::Individual), DEMO_PASSWORD)
        .await;
    browser.open(&app.url("/display")).await;
    lang_becomes(&browser, "pl").await;
    assert_eq!(
        browser.text_becomes("main h1", &display_pl["title"]).await,
        display_pl["title"]
    );
    // Each language is named in itself and marked as that language.
    assert_eq!(browser.text_of("label[for='language-pl']").await, "Polski");
    assert_eq!(
        browser
            .wait_for("label[for='language-pl']")
            .await
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("pl")
    );

    // English, chosen by its label: the page is rebuilt in English and focus stays on the
    // choice.
    browser.click("label[for='language-en']").await;
    lang_becomes(&browser, "en").await;
    browser.text_becomes("main h1", "How pages look").await;
    assert_eq!(
        browser.focused_id_becomes("language-en").await.as_deref(),
        Some("language-en")
    );
    browser
        .assert_accessible("how pages look, English chosen")
        .await;

    // Remembered by this browser over the recorded language, after a reload and a new page.
    browser.client.refresh().await.unwrap();
    browser.text_becomes("main h1", "How pages look").await;
    browser.open(&app.url("/")).await;
    browser
        .text_becomes("a.app-nav__link[href='/']", "Home")
        .await;
    assert_eq!(browser.root_attribute("lang").await.as_deref(), Some("en"));

    // And back to Polish.
    browser.open(&app.url("/display")).await;
    browser.click("label[for='language-pl']").await;
    lang_becomes(&browser, "pl").await;
    browser.text_becomes("main h1", &display_pl["title"]).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_read_english_whatever_the_persons_language() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = demo_with_language("pl");
    let alex = app.demo_person();
    let browser = Browser::start().await;
    browser
        .sign_in(&app, demo_email(Role::SupportWorker), DEMO_PASSWORD)
        .await;
    browser
        .open(&app.url(&format!("/people/{alex}/plan")))
        .await;
    browser
        .wait_for(".app-point img, .app-picture-button img")
        .await;
    assert_eq!(browser.root_attribute("lang").await.as_deref(), Some("en"));
    browser
        .text_becomes("a.app-nav__link[href='/']", "Home")
        .await;
    browser.close().await;
}
