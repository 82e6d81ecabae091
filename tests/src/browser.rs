//! A real headless Chromium driven through chromedriver, and axe-core run inside the page.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::{TestApp, root};

/// The display modes, as `data-mode` names them.
pub const DISPLAY_MODES: [&str; 4] = ["standard", "large-type", "easy-read", "pictorial"];

/// The WCAG levels every page must pass.
pub const AXE_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

fn env_path(name: &str, default: PathBuf) -> PathBuf {
    std::env::var_os(name).map(PathBuf::from).unwrap_or(default)
}

/// The browser engine the tests drive, from `OURPLAN_TEST_ENGINE`: `chromium` (the default),
/// `firefox` (Firefox ESR through geckodriver) or `webkit` (WebKitGTK's MiniBrowser through
/// WebKitWebDriver, on an Xvfb display of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

impl Engine {
    pub fn current() -> Self {
        match std::env::var("OURPLAN_TEST_ENGINE").as_deref() {
            Ok("firefox") => Self::Firefox,
            Ok("webkit") => Self::WebKit,
            _ => Self::Chromium,
        }
    }
}

/// Whether to skip a browser test of a page's details (layout, words, keyboard, axe) rather
/// than a journey through the app: the database cannot change what such a test checks, so it
/// runs once, on SQLite, while the journeys run on both databases (`cargo xtask test`).
pub fn skip_detail() -> bool {
    std::env::var_os("OURPLAN_TEST_POSTGRES").is_some()
}

pub struct Browser {
    pub client: Client,
    pub engine: Engine,
    driver: Child,
    /// WebKit's X display, stopped with the browser.
    display: Option<Child>,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A new X display of its own (`Xvfb -displayfd`), for an engine that needs one.
fn x_display() -> (Child, String) {
    use std::io::{BufRead, BufReader};
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x900x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb is not installed: run `cargo xtask test`, which installs it");
    let mut number = String::new();
    BufReader::new(xvfb.stdout.take().unwrap())
        .read_line(&mut number)
        .unwrap();
    (xvfb, format!(":{}", number.trim()))
}

impl Browser {
    pub async fn start() -> Self {
        Self::start_with(&[], json!({})).await
    }

    /// With extra Chromium switches and profile preferences, to be a browser that lacks
    /// something: `--js-flags=--jitless` (V8 without its compilers has no WebAssembly), or the preference
    /// `profile.managed_default_content_settings.javascript: 2` (JavaScript off). Other
    /// engines take neither.
    pub async fn start_with(switches: &[&str], prefs: serde_json::Value) -> Self {
        let engine = Engine::current();
        let profile = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut display = None;
        let (driver, capabilities) = match engine {
            Engine::Chromium => chromium(port, &profile, switches, prefs),
            Engine::Firefox => firefox(port, &profile),
            Engine::WebKit => {
                let (xvfb, name) = x_display();
                display = Some(xvfb);
                webkit(port, &name)
            }
        };
        wait_for_port(port, "the WebDriver server").await;
        let client = ClientBuilder::rustls()
            .unwrap()
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|e| panic!("starting {engine:?}: {e}"));
        if engine != Engine::Chromium {
            client.set_window_size(1280, 900).await.unwrap();
        }
        Self {
            client,
            engine,
            driver,
            display,
            _profile: profile,
        }
    }

    /// Loads a page and waits for the app to render its heading.
    pub async fn open(&self, url: &str) -> String {
        self.client.goto(url).await.unwrap();
        self.heading().await
    }

    /// Loads a page in a display mode (`standard`, `large-type`, `easy-read`, `pictorial`),
    /// with or without high contrast, as the reader's own choice on "How pages look" is kept,
    /// and waits until the app has applied it.
    pub async fn open_in_mode(&self, url: &str, mode: &str, high_contrast: bool) {
        self.client
            .execute(
                "localStorage.setItem('ourplan.display.mode', arguments[0]);
                 localStorage.setItem('ourplan.display.high-contrast', arguments[1] ? 'on' : 'off');",
                vec![json!(mode), json!(high_contrast)],
            )
            .await
            .unwrap();
        // Going to the address the tab is at, fragment and all, would not load the page again.
        if self
            .client
            .current_url()
            .await
            .is_ok_and(|at| at.as_str() == url)
        {
            self.client.refresh().await.unwrap();
            self.heading().await;
        } else {
            self.open(url).await;
        }
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.root_attribute("data-mode").await.as_deref() != Some(mode) {
            assert!(Instant::now() < deadline, "{mode} is applied");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// axe's findings on the page at `url` in every display mode, with and without high
    /// contrast (screenshots kept as `name, mode`); `ready` is an element the page shows once
    /// loaded. Leaves the standard mode set.
    pub async fn violations_in_every_mode(
        &self,
        name: &str,
        url: &str,
        ready: &str,
    ) -> Vec<String> {
        let mut found = Vec::new();
        for mode in DISPLAY_MODES {
            for contrast in [false, true] {
                self.open_in_mode(url, mode, contrast).await;
                self.wait_for(ready).await;
                let label = format!(
                    "{name}, {mode}{}",
                    if contrast { ", high contrast" } else { "" }
                );
                found.extend(
                    self.check(&label)
                        .await
                        .into_iter()
                        .map(|v| format!("{label}: {v}")),
                );
            }
        }
        self.open_in_mode(url, "standard", false).await;
        found
    }

    /// The main heading's text, once the app has rendered it. A heading replaced while it is
    /// read (a loading state giving way to the page) is read again.
    pub async fn heading(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            // WebKit's driver may call a heading stale while finding it, when the page replaces
            // it meanwhile: find it again.
            let heading = match self
                .client
                .wait()
                .at_most(Duration::from_secs(20))
                .for_element(Locator::Css("main h1"))
                .await
            {
                Ok(heading) => heading,
                Err(error) if Instant::now() < deadline => {
                    let _ = error;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
                Err(error) => panic!("the page rendered no main heading: {error}"),
            };
            // An engine may answer between the page's loading and its heading's words
            // (WebKit does): wait for the words.
            match heading.text().await {
                Ok(text) if !text.is_empty() => return text,
                Ok(_) if Instant::now() >= deadline => return String::new(),
                Ok(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                Err(error) => assert!(Instant::now() < deadline, "reading the heading: {error}"),
            }
        }
    }

    /// The id of the focused element, waiting up to 15 s for it to become `id` (focus moves
    /// after the app has rendered the new page).
    pub async fn focused_id_becomes(&self, id: &str) -> Option<String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let focused = self.client.active_element().await.unwrap();
            let current = focused.attr("id").await.unwrap();
            if current.as_deref() == Some(id) || Instant::now() >= deadline {
                return current;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks the element `css` selects, as a person would, once the app has rendered it
    /// (waiting up to 10 s: pages fill in after a round trip to the server).
    /// An element replaced between being found and clicked (the page re-rendered, as a list
    /// filtering while someone types does) is found again.
    pub async fn click(&self, css: &str) {
        for _ in 0..5 {
            let element = self
                .client
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::Css(css))
                .await
                .unwrap_or_else(|e| panic!("no element {css}: {e}"));
            if self.engine != Engine::Chromium {
                self.settled(&element).await;
            }
            match element.click().await {
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference =>
                {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                other => return other.unwrap(),
            }
        }
        panic!("{css} kept being replaced before it could be clicked");
    }

    /// Waits (up to 3 s) until `element` stays where it is for 100 ms: a click lands where the
    /// element was measured, and a page still filling in may move it first (WebKit's driver
    /// then clicks whatever took its place).
    async fn settled(&self, element: &fantoccini::elements::Element) {
        let at = || async {
            self.client
                .execute(
                    "const r = arguments[0].getBoundingClientRect();
                     return [r.x, r.y, r.width, r.height];",
                    vec![serde_json::to_value(element).unwrap()],
                )
                .await
                .ok()
        };
        let deadline = Instant::now() + Duration::from_secs(3);
        let mut last = at().await;
        while Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let now = at().await;
            if now == last {
                return;
            }
            last = now;
        }
    }

    /// The visible text of the element `css` selects.
    pub async fn text_of(&self, css: &str) -> String {
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"));
        self.text(&element).await
    }

    /// An element's text as the page renders it (`innerText`, the same in every engine:
    /// WebDriver's own element text runs list items together in WebKit).
    pub async fn text(&self, element: &fantoccini::elements::Element) -> String {
        self.client
            .execute(
                "return arguments[0].innerText;",
                vec![serde_json::to_value(element).unwrap()],
            )
            .await
            .ok()
            .and_then(|text| text.as_str().map(|t| t.trim().to_owned()))
            .unwrap_or_default()
    }

    /// The text of `css`, waiting up to 15 s (a busy 2-core machine) for it to become `expected` (the app answers
    /// after a round trip to the server).
    pub async fn text_becomes(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(element) => self.text(&element).await,
                Err(_) => String::new(),
            };
            if text == expected || Instant::now() >= deadline {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The text of `css`, waiting up to 15 s for it to contain `needle` (a list the app fills
    /// in after a round trip). Fails the test, with the text, if it never does.
    pub async fn text_contains(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(element) => self.text(&element).await,
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never said {needle:?}; it says {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// An attribute of `<html>`.
    pub async fn root_attribute(&self, name: &str) -> Option<String> {
        let value = self
            .client
            .execute(
                "return document.documentElement.getAttribute(arguments[0]);",
                vec![json!(name)],
            )
            .await
            .unwrap();
        value.as_str().map(str::to_owned)
    }

    /// Fetches the link `css` points at with the page's own session, as a click on it would
    /// download it: its status, content type and first bytes.
    pub async fn download(&self, css: &str) -> (u16, String, String) {
        let link = self.wait_for(css).await;
        let href = link.attr("href").await.unwrap().unwrap();
        let answer = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 fetch(arguments[0]).then(async r => {
                     const bytes = new Uint8Array(await r.arrayBuffer()).slice(0, 5);
                     done([r.status, r.headers.get('content-type'), String.fromCharCode(...bytes)]);
                 }).catch(e => done([0, String(e), '']));",
                vec![json!(href)],
            )
            .await
            .unwrap();
        (
            answer[0].as_u64().unwrap() as u16,
            answer[1].as_str().unwrap_or_default().to_owned(),
            answer[2].as_str().unwrap_or_default().to_owned(),
        )
    }

    /// Keeps a screenshot of the page as a test artefact (`target/screenshots/NAME.png`), then
    /// runs axe-core on it; returns one line per violation, and one per request the page made
    /// that failed (see [`Browser::failed_requests`]).
    pub async fn check(&self, name: &str) -> Vec<String> {
        let file: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let dir = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root().join("target"))
            .join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        // The top of the page: the heading, and any error summary or status, are in view.
        self.client
            .execute("window.scrollTo(0, 0);", vec![])
            .await
            .unwrap();
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(dir.join(format!("{file}.png")), png).unwrap();
        let mut found = self.failed_requests().await;
        found.extend(self.axe_violations().await);
        found
    }

    /// Every request this page asked for that failed on the server (5xx) or asked for a file
    /// that is not there (404 outside the API: a broken picture, a missing piece of the app),
    /// as `404 URL`. (The API answers 404 for what a reader may not see, by design.)
    pub async fn failed_requests(&self) -> Vec<String> {
        let failed = self
            .client
            .execute(
                "return [...performance.getEntriesByType('navigation'),
                         ...performance.getEntriesByType('resource')]
                   .filter(e => e.responseStatus >= 500 || (e.responseStatus === 404
                       && !new URL(e.name).pathname.startsWith('/api/')))
                   .map(e => e.responseStatus + ' ' + e.name);",
                vec![],
            )
            .await
            .unwrap();
        serde_json::from_value(failed).unwrap()
    }

    /// Runs axe-core on the current page; returns one line per violation.
    pub async fn axe_violations(&self) -> Vec<String> {
        let axe_path = env_path(
            "OURPLAN_TEST_AXE",
            root().join("xtask/npm/node_modules/axe-core/axe.min.js"),
        );
        let axe = std::fs::read_to_string(&axe_path).unwrap_or_else(|e| {
            panic!(
                "axe-core is missing at {} ({e}): run `cargo xtask test`",
                axe_path.display()
            )
        });
        self.client.execute(&axe, vec![]).await.unwrap();
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: arguments[0] } })
                   .then(r => done(r.violations.map(v =>
                       v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
                       v.nodes.map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed to run: ' + e]));",
                vec![json!(AXE_TAGS)],
            )
            .await
            .unwrap();
        serde_json::from_value(result).unwrap()
    }

    /// Signs in on the sign-in page and waits until the header names the user.
    pub async fn sign_in(&self, app: &TestApp, email: &str, password: &str) {
        self.open(&app.url("/sign-in")).await;
        for (id, text) in [("email", email), ("password", password)] {
            self.replace_text(id, text).await;
        }
        self.click("button.app-button").await;
        self.wait_for(".app-nav__user").await;
    }

    /// The element `css` selects, once the app has rendered it (up to 20 s). If it never does,
    /// the failure says where the browser is and what the page shows instead.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(error) => {
                let url = self.client.current_url().await.map(|u| u.to_string());
                let shown = self
                    .client
                    .execute(
                        "return (document.querySelector('main') || document.body).innerText;",
                        vec![],
                    )
                    .await
                    .ok()
                    .and_then(|text| text.as_str().map(str::to_owned))
                    .unwrap_or_default();
                panic!("no element {css} at {url:?} ({error}); the page shows:\n{shown}")
            }
        }
    }

    /// Empties the input with `id` and types `text` into it, as a person would.
    pub async fn replace_text(&self, id: &str, text: &str) {
        let input = self.wait_for(&format!("[id='{id}']")).await;
        // As a person does it: select what is there and type over it. (WebDriver's clear sends
        // no input event, so a re-render in between could put the old words back.)
        input
            .send_keys(&(fantoccini::key::Key::Control + "a"))
            .await
            .unwrap();
        input.send_keys(text).await.unwrap();
    }

    /// Chooses the file at `path` in the file input with `id`, as the file picker would.
    pub async fn choose_file(&self, id: &str, path: &std::path::Path) {
        let input = self.wait_for(&format!("[id='{id}']")).await;
        input.send_keys(&path.to_string_lossy()).await.unwrap();
    }

    /// Sets an input's value and tells the app, for inputs whose typing depends on the
    /// browser's locale (dates).
    pub async fn set_value(&self, id: &str, value: &str) {
        self.wait_for(&format!("[id='{id}']")).await;
        self.client
            .execute(
                "const input = document.getElementById(arguments[0]);
                 input.value = arguments[1];
                 input.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![json!(id), json!(value)],
            )
            .await
            .unwrap();
    }

    /// Presses and releases `key` on whatever has focus, as a keyboard does (WebDriver's
    /// actions: sending keys to a button does nothing in WebKit's driver).
    pub async fn press(&self, key: fantoccini::key::Key) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let value: char = key.into();
        let keys = KeyActions::new("keyboard".to_owned())
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
        self.client.perform_actions(keys).await.unwrap();
    }

    /// Keeps a screenshot of the page as `name` and fails the test on any axe violation.
    pub async fn assert_accessible(&self, name: &str) {
        let violations = self.check(name).await;
        assert!(
            violations.is_empty(),
            "axe found on {name}:\n{}",
            violations.join("\n")
        );
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if let Some(display) = &mut self.display {
            let _ = display.kill();
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        if let Some(display) = &mut self.display {
            let _ = display.kill();
        }
    }
}

type Launch = (Child, serde_json::Map<String, serde_json::Value>);

fn chromium(
    port: u16,
    profile: &tempfile::TempDir,
    switches: &[&str],
    prefs: serde_json::Value,
) -> Launch {
    let chromium = env_path("OURPLAN_TEST_CHROMIUM", PathBuf::from("/usr/bin/chromium"));
    let chromedriver = env_path(
        "OURPLAN_TEST_CHROMEDRIVER",
        PathBuf::from("/usr/bin/chromedriver"),
    );
    assert!(
        chromium.exists() && chromedriver.exists(),
        "Chromium is not installed: run `cargo xtask test`, which installs it"
    );
    let driver = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--window-size=1280,900".to_owned(),
        format!("--user-data-dir={}", profile.path().display()),
    ];
    args.extend(switches.iter().map(|s| (*s).to_owned()));
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        json!({"binary": chromium, "args": args, "prefs": prefs}),
    );
    (driver, capabilities)
}

fn firefox(port: u16, profile: &tempfile::TempDir) -> Launch {
    let firefox = env_path(
        "OURPLAN_TEST_FIREFOX",
        PathBuf::from("/usr/bin/firefox-esr"),
    );
    let geckodriver = env_path(
        "OURPLAN_TEST_GECKODRIVER",
        PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo/bin/geckodriver"),
    );
    assert!(
        firefox.exists() && geckodriver.exists(),
        "Firefox ESR or geckodriver is not installed: run `cargo xtask test`, which installs them"
    );
    let driver = Command::new(&geckodriver)
        .arg("--port")
        .arg(port.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "moz:firefoxOptions".to_owned(),
        json!({
            "binary": firefox,
            "args": ["-headless", "-profile", profile.path()],
            // No update checks, telemetry or other calls out: the machine has no network.
            "prefs": {
                "app.update.enabled": false,
                "datareporting.policy.dataSubmissionEnabled": false,
                "toolkit.telemetry.enabled": false,
                "network.captive-portal-service.enabled": false,
                "browser.shell.checkDefaultBrowser": false,
            },
        }),
    );
    (driver, capabilities)
}

fn webkit(port: u16, display: &str) -> Launch {
    let driver_path = env_path(
        "OURPLAN_TEST_WEBKITDRIVER",
        PathBuf::from("/usr/bin/WebKitWebDriver"),
    );
    let minibrowser = env_path(
        "OURPLAN_TEST_MINIBROWSER",
        PathBuf::from("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"),
    );
    assert!(
        driver_path.exists() && minibrowser.exists(),
        "WebKitGTK's driver is not installed: run `cargo xtask test`, which installs it"
    );
    let driver = Command::new(&driver_path)
        .arg(format!("--port={port}"))
        .env("DISPLAY", display)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".to_owned(), json!("MiniBrowser"));
    capabilities.insert(
        "webkitgtk:browserOptions".to_owned(),
        json!({"binary": minibrowser, "args": ["--automation"]}),
    );
    (driver, capabilities)
}
