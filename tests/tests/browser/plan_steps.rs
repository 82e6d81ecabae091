//! The person's own plan in easy read, a part at a time (issue 24): a menu of the parts, then
//! every screen of every part walked with the keyboard alone in easy read and pictures first,
//! at 1280 and 320 px, clean under axe, and in easy read no taller than three 1280 × 900
//! screens.

use fantoccini::Locator;
use fantoccini::key::Key;
use ourplan_shared::demo::DEMO_PASSWORD;
use ourplan_shared::role::Role;
use ourplan_tests::browser::Browser;
use ourplan_tests::{TestApp, demo_email};
use serde_json::Value;

/// Presses Enter on a link or button, as a keyboard user does once it has the focus.
async fn press_enter_on(browser: &Browser, css: &str) {
    let element = browser.wait_for(css).await;
    browser
        .client
        .execute(
            "arguments[0].focus();",
            vec![serde_json::to_value(&element).unwrap()],
        )
        .await
        .unwrap();
    browser.press(Key::Enter).await;
}

/// The page's height and whether it scrolls sideways.
async fn measure(browser: &Browser) -> (f64, bool) {
    let size: Value = browser
        .client
        .execute(
            "const root = document.documentElement;
             return [root.scrollHeight, root.scrollWidth > root.clientWidth];",
            vec![],
        )
        .await
        .unwrap();
    (size[0].as_f64().unwrap(), size[1].as_bool().unwrap())
}

/// Walks from the menu through every screen with Next, back to the menu; returns each
/// screen's progress line and points line.
async fn walk(browser: &Browser, mode: &str, width: u32) -> Vec<String> {
    let mut seen = Vec::new();
    press_enter_on(browser, "#plan-parts a[data-part='about']").await;
    loop {
        let progress = browser.wait_for("#plan-progress").await;
        let progress = browser.text(&progress).await;
        let heading = browser.heading().await;
        let points = match browser.client.find(Locator::Css("#plan-points")).await {
            Ok(element) => browser.text(&element).await,
            Err(_) => String::new(),
        };
        let name =
            format!("my plan step by step, {mode}, {heading}, {progress} {points}, {width} px");
        // The new screen's heading has the focus, so a screen reader starts there.
        let focused: Value = browser
            .client
            .execute("return document.activeElement.id;", vec![])
            .await
            .unwrap();
        if !seen.is_empty() {
            assert_eq!(focused, "plan-heading", "{name}: focus on the heading");
        }
        browser.assert_accessible(&name).await;
        let (height, sideways) = measure(browser).await;
        // Easy read's promise: no screen longer than three screens at 1280 × 900.
        if width == 1280 && mode == "easy read" {
            assert!(height <= 2700.0, "{name}: {height} px tall");
        }
        assert!(!sideways, "{name}: scrolls sideways");
        seen.push(format!("{progress} {points}").trim().to_owned());
        let next = browser.text_of("#step-next").await;
        press_enter_on(browser, "#step-next").await;
        if next != "Next" {
            break;
        }
        // Wait for the next screen before reading it.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let now = browser.text_of("#plan-progress").await;
            let points_now = match browser.client.find(Locator::Css("#plan-points")).await {
                Ok(element) => browser.text(&element).await,
                Err(_) => String::new(),
            };
            if format!("{now} {points_now}").trim() != seen.last().unwrap() {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{name}: Next did nothing"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
    // The last Next leads back to the menu.
    assert_eq!(browser.text_becomes("main h1", "My plan").await, "My plan");
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_person_reads_their_plan_a_part_at_a_time_with_the_keyboard() {
    if ourplan_tests::browser::skip_detail() {
        return;
    }
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let browser = Browser::start().await;
    browser
        .sign_in(&app, demo_email(Role::Individual), DEMO_PASSWORD)
        .await;
    browser
        .open(&app.url(&format!("/people/{alex}/plan")))
        .await;
    assert_eq!(browser.text_becomes("main h1", "My plan").await, "My plan");
    assert_eq!(
        browser.root_attribute("data-mode").await.as_deref(),
        Some("easy-read")
    );
    let parts: Value = browser
        .client
        .execute(
            "return [...document.querySelectorAll('#plan-parts a')].map(a => a.innerText.trim());",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        parts,
        serde_json::json!([
            "About me",
            "What I need help with",
            "My goals",
            "How I am supported",
            "Keeping safe",
            "Things I want that cannot happen yet"
        ])
    );
    browser
        .assert_accessible("my plan step by step, the parts")
        .await;

    let screens = walk(&browser, "easy read", 1280).await;
    // 42 needs, 6 goals and 12 supports, five at a time.
    assert_eq!(
        screens,
        [
            "Part 1 of 6",
            "Part 2 of 6 Points 1 to 5 of 42",
            "Part 2 of 6 Points 6 to 10 of 42",
            "Part 2 of 6 Points 11 to 15 of 42",
            "Part 2 of 6 Points 16 to 20 of 42",
            "Part 2 of 6 Points 21 to 25 of 42",
            "Part 2 of 6 Points 26 to 30 of 42",
            "Part 2 of 6 Points 31 to 35 of 42",
            "Part 2 of 6 Points 36 to 40 of 42",
            "Part 2 of 6 Points 41 to 42 of 42",
            "Part 3 of 6 Points 1 to 5 of 6",
            "Part 3 of 6 Points 6 to 6 of 6",
            "Part 4 of 6 Points 1 to 5 of 12",
            "Part 4 of 6 Points 6 to 10 of 12",
            "Part 4 of 6 Points 11 to 12 of 12",
            "Part 5 of 6",
            "Part 6 of 6",
        ]
    );

    // Back goes a screen back, across parts too.
    browser
        .open(&app.url(&format!("/people/{alex}/plan?part=goals")))
        .await;
    press_enter_on(&browser, "#step-back").await;
    assert_eq!(
        browser
            .text_becomes("#plan-points", "Points 41 to 42 of 42")
            .await,
        "Points 41 to 42 of 42"
    );

    // On a phone-sized screen every screen still works with the keyboard alone.
    browser.client.set_window_size(320, 800).await.unwrap();
    browser
        .open(&app.url(&format!("/people/{alex}/plan")))
        .await;
    assert_eq!(walk(&browser, "easy read", 320).await, screens);

    // Pictures first draws every point as a card with a big picture, a part at a time too.
    for width in [1280, 320] {
        browser.client.set_window_size(width, 900).await.unwrap();
        browser
            .open_in_mode(
                &app.url(&format!("/people/{alex}/plan")),
                "pictorial",
                false,
            )
            .await;
        assert_eq!(walk(&browser, "pictures first", width).await, screens);
    }
    browser.close().await;
}

/// Waits until `script` (an expression) is true in the page.
async fn until(browser: &Browser, what: &str, script: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let done: Value = browser
            .client
            .execute(&format!("return !!({script});"), vec![])
            .await
            .unwrap();
        if done == Value::Bool(true) {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "{what}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_person_adds_their_own_photo_and_voice_to_a_goal() {
    if ourplan_tests::browser::Engine::current() != ourplan_tests::browser::Engine::Chromium {
        // Chromium's made-up microphone.
        return;
    }
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let browser = Browser::start_with(
        &[
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
        ],
        serde_json::json!({}),
    )
    .await;
    browser
        .sign_in(&app, demo_email(Role::Individual), DEMO_PASSWORD)
        .await;
    browser
        .open(&app.url(&format!("/people/{alex}/plan?part=goals")))
        .await;
    // A photo of my own, beside the pictures to choose from.
    press_enter_on(&browser, ".app-choose-picture").await;
    let photo = browser.wait_for("input[type=file][accept^=image]").await;
    let id = photo.attr("id").await.unwrap().unwrap();

    // A photo from a phone, with where it was taken in it.
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("bus-stop.jpg");
    std::fs::write(&file, ourplan_tests::media::jpeg_with_gps(64, 32)).unwrap();
    browser
        .replace_text(&id.replace("photo-", "media-words-"), "My bus stop")
        .await;
    browser.choose_file(&id, &file).await;
    until(
        &browser,
        "the photo shows",
        "[...document.querySelectorAll('.app-media__photo')].some(i => i.complete && i.naturalWidth === 32 && i.alt === 'My bus stop')",
    )
    .await;

    // My voice, beside writing in my words, from the (made-up) microphone: record, stop,
    // listen, save.
    press_enter_on(&browser, ".app-my-item__write").await;
    press_enter_on(&browser, ".app-media__record").await;
    browser.wait_for(".app-media__stop").await;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    press_enter_on(&browser, ".app-media__stop").await;
    browser.wait_for(".app-media__preview").await;
    browser
        .assert_accessible("my goal, a recording to listen to before saving")
        .await;
    press_enter_on(&browser, ".app-media__save").await;
    until(
        &browser,
        "the recording is listed",
        "document.querySelector('.app-media__item[data-kind=recording] audio')",
    )
    .await;
    assert!(
        browser
            .text_of(".app-media__item[data-kind=recording] figcaption")
            .await
            .starts_with("I recorded this on ")
    );
    browser
        .assert_accessible("my goal with my photo and my voice")
        .await;

    // "Listen" on the goal now plays my own recording, not the synthetic voice (which headless
    // Chromium does not have: trying it would say it cannot read aloud).
    let listen = "main .app-my-item .app-speak";
    until(
        &browser,
        "the goal's Listen knows my newest recording",
        &format!(
            "document.querySelector('{listen}').dataset.recording === \
             [...document.querySelectorAll('.app-media__item[data-kind=recording] audio')].pop().getAttribute('src')"
        ),
    )
    .await;
    press_enter_on(&browser, listen).await;
    until(
        &browser,
        "my recording is being played",
        &format!("document.querySelector('{listen}').getAttribute('aria-pressed') === 'true'"),
    )
    .await;
    until(
        &browser,
        "it plays to its end and stops",
        &format!("document.querySelector('{listen}').getAttribute('aria-pressed') === 'false'"),
    )
    .await;
    assert_eq!(
        browser.text_of("#read-aloud-status").await,
        "",
        "nothing was left unread"
    );

    // Kept as recorded, and as long as it was (the blocking client off the async workers).
    tokio::task::block_in_place(|| {
        let person = app.demo(Role::Individual);
        let listed: Vec<ourplan_shared::media::Media> = person
            .get(app.url(&format!("/api/v1/persons/{alex}/media")))
            .send()
            .unwrap()
            .json()
            .unwrap();
        // The newest: the demo plan has a recording of its own.
        let recording = listed
            .iter()
            .rfind(|m| m.kind == ourplan_shared::media::MediaKind::Recording)
            .unwrap();
        let length = recording.duration_ms.unwrap();
        assert!((1_500..=6_000).contains(&length), "{length} ms");
        let served = person
            .get(app.url(&format!("/api/v1/persons/{alex}/media/{}", recording.id)))
            .send()
            .unwrap();
        assert_eq!(served.headers()["content-type"], "audio/webm");
        // The photo as served carries nothing of where it was taken.
        let photo = listed
            .iter()
            .rfind(|m| m.kind == ourplan_shared::media::MediaKind::Photo)
            .unwrap();
        assert_eq!(photo.words.as_deref(), Some("My bus stop"));
        let bytes = person
            .get(app.url(&format!("/api/v1/persons/{alex}/media/{}", photo.id)))
            .send()
            .unwrap()
            .bytes()
            .unwrap();
        let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(!holds(b"Exif") && !holds(ourplan_tests::media::EXIF_SECRET.as_bytes()));
    });
    browser.close().await;
}
