//! The bench's browser part: how long headless Chromium takes, on loopback, from navigating to
//! a plan until the plan's points are in the page, and Lighthouse's performance and
//! accessibility scores for the main pages. Against the release server on a fresh SQLite
//! database holding the demo organisation, signed in as its manager.
//!
//! Chromium is driven through chromedriver's W3C WebDriver API (plain HTTP and JSON, as the
//! browser tests' fantoccini speaks it), with the flags the browser tests use. When the plan
//! is rendered is read inside the page: a script Chromium runs in every new document, before
//! the app's own, watches the DOM with a `MutationObserver` and notes `performance.now()` (the
//! time since the navigation started) when the first point appears.
//!
//! Firefox ESR and WebKitGTK have no such hook in WebDriver, so the plan's full load is also
//! timed in all three engines the same way: the page is asked, from the moment the new
//! document can answer (`pageLoadStrategy: eager`), to watch for the first point.

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use ourplan_shared::demo;
use ourplan_shared::role::Role;
use serde_json::{Value, json};

use super::{Figure, Target, demo_person, free_port, layout, percentile, signed_in, start_server};
use crate::{cmd, setup};

/// Loads timed of each kind, after [`WARM_UP`] untimed ones.
const LOADS: usize = 10;
const WARM_UP: usize = 3;
/// The target for the plan page, from navigation to its points in the page.
const RENDER_TARGET_MS: f64 = 300.0;
/// The flags Chromium runs with, for the timing and for Lighthouse.
const FLAGS: [&str; 4] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
];

/// Notes, in every new document, when the plan's first point (`main .app-point`, as the plan
/// page renders each) is in the DOM.
const OBSERVER: &str = "new MutationObserver(() => {
  if (window.__ourplanRendered === undefined && document.querySelector('main .app-point')) {
    window.__ourplanRendered = performance.now();
  }
}).observe(document, { childList: true, subtree: true });";

pub fn browser(server_bin: &Path, dist: &Path, scratch: &Path) -> Result<Vec<Figure>> {
    setup::chromium()?;
    setup::npm_packages()?;
    println!("\n== browser: headless Chromium and Lighthouse ==");
    let database = scratch.join("browser.db");
    let addr = format!("127.0.0.1:{}", free_port()?);
    let server = start_server(server_bin, dist, &database.to_string_lossy(), &addr)?;
    let origin = format!("http://{addr}");
    let manager = demo::ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Manager)
        .context("the demo has a manager")?
        .email;
    let (client, cookie) = signed_in(&format!("{origin}/api/v1"), manager)?;
    let person = demo_person(&client, &format!("{origin}/api/v1"))?;

    let mut figures = plan_render(&origin, manager, &person, scratch)?;
    for engine in Engine::ALL {
        figures.extend(plan_render_in(engine, &origin, manager, &person, scratch)?);
    }
    figures.extend(lighthouse(&origin, &cookie, &person, scratch)?);
    figures.extend(layout::layout_shift(&origin, scratch)?);
    server.stop()?;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
    }
    Ok(figures)
}

/// Only the pages' layout shift (`cargo xtask bench layout`), against the same server and data.
pub fn layout_only(server_bin: &Path, dist: &Path, scratch: &Path) -> Result<Vec<Figure>> {
    setup::chromium()?;
    let database = scratch.join("layout.db");
    let addr = format!("127.0.0.1:{}", free_port()?);
    let server = start_server(server_bin, dist, &database.to_string_lossy(), &addr)?;
    let figures = layout::layout_shift(&format!("http://{addr}"), scratch)?;
    server.stop()?;
    Ok(figures)
}

/// Median and 95th percentile, in milliseconds, of each way of reaching the plan.
fn plan_render(origin: &str, email: &str, person: &str, scratch: &Path) -> Result<Vec<Figure>> {
    let driver = Driver::start(scratch, Engine::Chromium, "normal")?;
    driver.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": OBSERVER}),
    )?;
    driver.sign_in(origin, email)?;

    let plan_url = format!("{origin}/people/{person}/plan");
    let rendered = "return window.__ourplanRendered ?? null;";
    let mut figures = Vec::new();
    for (kind, clear_cache) in [
        ("plan page, full load with an empty cache", true),
        ("plan page, full load with the cache warm", false),
    ] {
        let mut times = Vec::with_capacity(LOADS);
        for round in 0..WARM_UP + LOADS {
            // From another document, so that each load is a new navigation, not a reload.
            driver.goto("about:blank")?;
            if clear_cache {
                driver.cdp("Network.clearBrowserCache", json!({}))?;
            }
            driver.goto(&plan_url)?;
            let at = driver.wait_for(rendered, json!([]), "the plan's points")?;
            if round >= WARM_UP {
                times.push(at.as_f64().context("a time")?);
            }
        }
        figures.extend(render_figures(
            kind,
            times,
            Some(Target::AtMost(RENDER_TARGET_MS)),
        ));
    }

    // In the app: from the person's page, the link to their plan.
    let person_url = format!("{origin}/people/{person}");
    let link = format!("main a[href$=\"/people/{person}/plan\"]");
    let mut times = Vec::with_capacity(LOADS);
    for round in 0..WARM_UP + LOADS {
        driver.goto(&person_url)?;
        driver.wait_for(
            "return document.querySelector(arguments[0]) ? true : null;",
            json!([link]),
            "the link to the plan",
        )?;
        let clicked = driver.run(
            "window.__ourplanRendered = undefined;
             window.__ourplanClicked = performance.now();
             document.querySelector(arguments[0]).click();
             return window.__ourplanClicked;",
            json!([link]),
        )?;
        let at = driver.wait_for(
            "return window.__ourplanClicked === undefined ? 'reloaded'
                 : (window.__ourplanRendered ?? null);",
            json!([]),
            "the plan's points after the link",
        )?;
        let (Some(clicked), Some(at)) = (clicked.as_f64(), at.as_f64()) else {
            bail!("the link to the plan loaded a new page instead of navigating in the app");
        };
        if round >= WARM_UP {
            times.push(at - clicked);
        }
    }
    figures.extend(render_figures(
        "plan page, in the app from the person's page",
        times,
        Some(Target::AtMost(RENDER_TARGET_MS)),
    ));
    Ok(figures)
}

/// Asked of the page until it answers a time: once the plan's document is there, a
/// `MutationObserver` notes `performance.now()` when the first point appears (or at once, if
/// one is already there).
const WATCH: &str = "if (!location.pathname.endsWith(arguments[0])) return null;
if (window.__ourplanRendered === undefined && !window.__ourplanWatching) {
  window.__ourplanWatching = true;
  const seen = () => {
    if (window.__ourplanRendered === undefined && document.querySelector('main .app-point')) {
      window.__ourplanRendered = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
  seen();
}
return window.__ourplanRendered ?? null;";

/// The plan page's full load with the cache warm in one engine, timed the same way in each
/// (noted, without a target: the target is Chromium's, above).
fn plan_render_in(
    engine: Engine,
    origin: &str,
    email: &str,
    person: &str,
    scratch: &Path,
) -> Result<Vec<Figure>> {
    let driver = Driver::start(scratch, engine, "eager")?;
    driver.sign_in(origin, email)?;
    let path = format!("/people/{person}/plan");
    let plan_url = format!("{origin}{path}");
    let mut times = Vec::with_capacity(LOADS);
    for round in 0..WARM_UP + LOADS {
        driver.goto("about:blank")?;
        driver.goto(&plan_url)?;
        let at = driver.poll(WATCH, json!([path]), "the plan's points")?;
        if round >= WARM_UP {
            times.push(at.as_f64().context("a time")?);
        }
    }
    Ok(render_figures(
        &format!(
            "plan page in {}, full load with the cache warm",
            engine.name()
        ),
        times,
        None,
    ))
}

/// Median (against `target`) and 95th percentile of the times, in milliseconds.
fn render_figures(kind: &str, mut times: Vec<f64>, target: Option<Target>) -> Vec<Figure> {
    times.sort_by(f64::total_cmp);
    println!(
        "{kind}: {}",
        times
            .iter()
            .map(|t| format!("{t:.0}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    vec![
        Figure::new(
            "browser",
            format!("{kind}: median of {LOADS}"),
            percentile(&times, 0.5),
            "ms",
            target,
        ),
        Figure::new(
            "browser",
            format!("{kind}: 95th percentile"),
            percentile(&times, 0.95),
            "ms",
            None,
        ),
    ]
}

/// Lighthouse runs per page; its performance score moves between runs, so the median counts.
const LIGHTHOUSE_RUNS: usize = 3;

/// Lighthouse's scores (0 to 100) for the home page, the sign-in page and a plan signed in,
/// with its default settings (a phone on a throttled connection, simulated): the median of
/// [`LIGHTHOUSE_RUNS`] runs of each.
fn lighthouse(origin: &str, cookie: &str, person: &str, scratch: &Path) -> Result<Vec<Figure>> {
    let plan = format!("/people/{person}/plan");
    let pages = [
        ("home page", "/".to_owned(), None),
        ("sign-in page", "/sign-in".to_owned(), None),
        ("plan page, signed in", plan, Some(cookie)),
    ];
    let mut figures = Vec::new();
    for (page, path, cookie) in pages {
        let mut runs = Vec::with_capacity(LIGHTHOUSE_RUNS);
        for round in 0..LIGHTHOUSE_RUNS {
            let report = lighthouse_report(origin, &path, cookie, scratch)?;
            let score = |category: &str| {
                report["categories"][category]["score"]
                    .as_f64()
                    .map(|s| (s * 100.0).round())
                    .with_context(|| format!("Lighthouse gave no {category} score for {path}"))
            };
            let scores = (score("performance")?, score("accessibility")?);
            println!(
                "Lighthouse {page}, run {}: performance {}, accessibility {}",
                round + 1,
                scores.0,
                scores.1
            );
            print_losses(page, &report);
            runs.push(scores);
        }
        for (category, target, pick) in [
            (
                "performance",
                90.0,
                (|s: &(f64, f64)| s.0) as fn(&(f64, f64)) -> f64,
            ),
            ("accessibility", 100.0, |s: &(f64, f64)| s.1),
        ] {
            let mut scores: Vec<f64> = runs.iter().map(pick).collect();
            scores.sort_by(f64::total_cmp);
            figures.push(Figure::new(
                "browser",
                format!("Lighthouse {category}: {page}, median of {LIGHTHOUSE_RUNS}"),
                percentile(&scores, 0.5),
                "/100",
                Some(Target::AtLeast(target)),
            ));
        }
    }
    Ok(figures)
}

/// One Lighthouse run of `path`, its JSON report.
fn lighthouse_report(
    origin: &str,
    path: &str,
    cookie: Option<&str>,
    scratch: &Path,
) -> Result<Value> {
    let report_path = scratch.join("lighthouse.json");
    let mut run = Command::new("node");
    run.arg(setup::node_modules().join("lighthouse/cli/index.js"))
        .arg(format!("{origin}{path}"))
        .args([
            "--only-categories=performance,accessibility",
            "--output=json",
            "--quiet",
        ])
        .arg(format!("--output-path={}", report_path.display()))
        .arg(format!("--chrome-flags={}", FLAGS.join(" ")))
        .env("CHROME_PATH", setup::CHROMIUM)
        .stdin(Stdio::null());
    if let Some(cookie) = cookie {
        // The access cookie with every request, as the signed-in browser sends it; from a
        // file, so that the command printed does not show it.
        let headers = scratch.join("lighthouse-headers.json");
        std::fs::write(&headers, json!({"Cookie": cookie}).to_string())?;
        run.arg(format!("--extra-headers={}", headers.display()));
    }
    // Lighthouse now and then fails to record the trace of a load (NO_NAVSTART); the
    // same run again succeeds.
    let mut attempt = 1;
    while let Err(error) = cmd::run(&mut run) {
        if attempt == 3 {
            return Err(error);
        }
        println!("Lighthouse failed ({error:#}); trying again");
        attempt += 1;
    }
    let report: Value = serde_json::from_slice(&std::fs::read(&report_path)?)?;
    let _ = std::fs::remove_file(&report_path);
    let shown = report["finalDisplayedUrl"].as_str().unwrap_or_default();
    if !shown.ends_with(path) {
        bail!("Lighthouse on {path} ended on {shown}");
    }
    Ok(report)
}

/// What cost the points, so that the table can be explained: each weighed audit under 0.9.
fn print_losses(page: &str, report: &Value) {
    for category in ["performance", "accessibility"] {
        let refs = report["categories"][category]["auditRefs"].as_array();
        for audit in refs.into_iter().flatten().filter(|r| r["weight"] != 0) {
            let id = audit["id"].as_str().unwrap_or_default();
            let found = &report["audits"][id];
            if found["score"].as_f64().is_some_and(|s| s < 0.9) {
                println!(
                    "  {page}, {category}: {} ({}){}",
                    found["title"].as_str().unwrap_or(id),
                    found["score"],
                    found["displayValue"]
                        .as_str()
                        .map(|v| format!(": {v}"))
                        .unwrap_or_default()
                );
                let items = found["details"]["items"].as_array();
                for item in items.into_iter().flatten().take(3) {
                    if let Some(snippet) = item["node"]["snippet"].as_str() {
                        println!("    {snippet}");
                    }
                }
            }
        }
    }
}

/// The engines the browser tests run in, with their versions as the README states them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

impl Engine {
    const ALL: [Self; 3] = [Self::Chromium, Self::Firefox, Self::WebKit];

    fn name(self) -> &'static str {
        match self {
            Self::Chromium => "Chromium",
            Self::Firefox => "Firefox ESR",
            Self::WebKit => "WebKitGTK",
        }
    }
}

/// One headless browser through its WebDriver server, one session.
pub(super) struct Driver {
    http: reqwest::blocking::Client,
    session: String,
    engine: Engine,
    driver: Child,
    /// WebKitGTK's X display (Xvfb), stopped with the browser.
    display: Option<Child>,
}

impl Driver {
    /// `load` is the W3C page load strategy: `normal` (navigation waits for the page's load
    /// event) or `eager` (for the document only).
    pub(super) fn start(scratch: &Path, engine: Engine, load: &str) -> Result<Self> {
        Self::start_sized(scratch, engine, load, (1280, 900))
    }

    /// As [`Self::start`], in a window of this size (width, height in CSS pixels; Chromium
    /// only, whose headless window is its viewport).
    pub(super) fn start_sized(
        scratch: &Path,
        engine: Engine,
        load: &str,
        (width, height): (u32, u32),
    ) -> Result<Self> {
        let port = free_port()?;
        let mut display = None;
        let profile = scratch.join(format!("{engine:?}-profile").to_lowercase());
        std::fs::create_dir_all(&profile)?;
        let (mut driver, mut capabilities) = match engine {
            Engine::Chromium => {
                let mut args: Vec<String> = FLAGS.iter().map(|f| (*f).to_owned()).collect();
                args.extend(
                    [
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-component-update",
                        "--disable-sync",
                    ]
                    .map(str::to_owned),
                );
                args.push(format!("--window-size={width},{height}"));
                args.push(format!("--user-data-dir={}", profile.display()));
                let mut driver = Command::new(setup::CHROMEDRIVER);
                driver.arg(format!("--port={port}"));
                let capabilities = json!({
                    "browserName": "chrome",
                    "goog:chromeOptions": {"binary": setup::CHROMIUM, "args": args},
                });
                (driver, capabilities)
            }
            Engine::Firefox => {
                let mut driver = Command::new(setup::firefox()?);
                driver.args(["--port", &port.to_string()]);
                let capabilities = json!({
                    "browserName": "firefox",
                    "moz:firefoxOptions": {
                        "binary": setup::FIREFOX,
                        "args": ["-headless", "-profile", profile],
                        // No update checks or telemetry: nothing but the server is reached.
                        "prefs": {
                            "app.update.enabled": false,
                            "datareporting.policy.dataSubmissionEnabled": false,
                            "toolkit.telemetry.enabled": false,
                            "network.captive-portal-service.enabled": false,
                        },
                    },
                });
                (driver, capabilities)
            }
            Engine::WebKit => {
                setup::webkit()?;
                let (xvfb, name) = x_display()?;
                display = Some(xvfb);
                let mut driver = Command::new(setup::WEBKITDRIVER);
                driver.arg(format!("--port={port}")).env("DISPLAY", name);
                let capabilities = json!({
                    "browserName": "MiniBrowser",
                    "webkitgtk:browserOptions": {
                        "binary": setup::MINIBROWSER,
                        "args": ["--automation"],
                    },
                });
                (driver, capabilities)
            }
        };
        capabilities["pageLoadStrategy"] = json!(load);
        let driver = driver
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting the WebDriver server for {}", engine.name()))?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                bail!("the WebDriver server for {} did not start", engine.name());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(120))
            .build()?;
        let base = format!("http://127.0.0.1:{port}");
        let answer: Value = http
            .post(format!("{base}/session"))
            .json(&json!({"capabilities": {"alwaysMatch": capabilities}}))
            .send()?
            .json()?;
        let Some(session) = answer["value"]["sessionId"].as_str() else {
            bail!("starting {}: {answer}", engine.name());
        };
        let started = Self {
            session: format!("{base}/session/{session}"),
            http,
            engine,
            driver,
            display,
        };
        if engine != Engine::Chromium {
            started.call("window/rect", json!({"width": 1280, "height": 900}))?;
        }
        Ok(started)
    }

    /// Signs in from the page, as the app does, so that the browser holds the cookies.
    pub(super) fn sign_in(&self, origin: &str, email: &str) -> Result<()> {
        self.goto(&format!("{origin}/"))?;
        let status = self.call(
            "execute/async",
            json!({
                "script": "const done = arguments[arguments.length - 1];
                    fetch('/api/v1/session', {method: 'POST', credentials: 'same-origin',
                        headers: {'content-type': 'application/json', 'x-ourplan-csrf': '1'},
                        body: JSON.stringify({email: arguments[0], password: arguments[1]})})
                    .then(r => done(r.status), e => done(String(e)));",
                "args": [email, demo::DEMO_PASSWORD],
            }),
        )?;
        if !status.as_u64().is_some_and(|s| (200..300).contains(&s)) {
            bail!("signing in from {}: {status}", self.engine.name());
        }
        Ok(())
    }

    /// Forgets the cookies of `origin` (its session, if one signed in before).
    pub(super) fn sign_out(&self, origin: &str) -> Result<()> {
        self.goto(&format!("{origin}/"))?;
        let answer: Value = self
            .http
            .delete(format!("{}/cookie", self.session))
            .send()?
            .json()?;
        if let Some(error) = answer["value"]["error"].as_str() {
            bail!("WebDriver delete cookies: {error}");
        }
        Ok(())
    }

    /// A WebDriver command of the session, answering its value.
    pub(super) fn call(&self, command: &str, body: Value) -> Result<Value> {
        let mut answer: Value = self
            .http
            .post(format!("{}/{command}", self.session))
            .json(&body)
            .send()?
            .json()?;
        if let Some(error) = answer["value"]["error"].as_str() {
            bail!(
                "WebDriver {command}: {error}: {}",
                answer["value"]["message"]
            );
        }
        Ok(answer["value"].take())
    }

    pub(super) fn goto(&self, url: &str) -> Result<()> {
        self.call("url", json!({"url": url})).map(drop)
    }

    pub(super) fn run(&self, script: &str, args: Value) -> Result<Value> {
        self.call("execute/sync", json!({"script": script, "args": args}))
    }

    /// A Chrome DevTools Protocol command, through chromedriver.
    pub(super) fn cdp(&self, command: &str, params: Value) -> Result<Value> {
        self.call(
            "goog/cdp/execute",
            json!({"cmd": command, "params": params}),
        )
    }

    /// Like [`Self::wait_for`], but an error (the document still being replaced while the
    /// page loads) is asked again too.
    pub(super) fn poll(&self, script: &str, args: Value, what: &str) -> Result<Value> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match self.run(script, args.clone()) {
                Ok(answer) if !answer.is_null() => return Ok(answer),
                Ok(_) => {}
                Err(error) if Instant::now() > deadline => return Err(error),
                Err(_) => {}
            }
            if Instant::now() > deadline {
                bail!("waited 20 s for {what} in {}", self.engine.name());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The script's answer once it is not null, asked every 5 ms for up to 20 s.
    pub(super) fn wait_for(&self, script: &str, args: Value, what: &str) -> Result<Value> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let answer = self.run(script, args.clone())?;
            if !answer.is_null() {
                return Ok(answer);
            }
            if Instant::now() > deadline {
                bail!("waited 20 s for {what} in {}", self.engine.name());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.http.delete(&self.session).send();
        for child in std::iter::once(&mut self.driver).chain(self.display.as_mut()) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A new X display of its own (`Xvfb -displayfd`) for WebKitGTK, and its name.
fn x_display() -> Result<(Child, String)> {
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
        .context("starting Xvfb")?;
    let mut number = String::new();
    BufReader::new(xvfb.stdout.take().context("Xvfb's output")?).read_line(&mut number)?;
    Ok((xvfb, format!(":{}", number.trim())))
}
