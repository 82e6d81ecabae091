//! `cargo xtask bench`: what Ourplan costs, measured on this machine against the release server
//! on loopback. What a browser downloads (wasm, JS and CSS, gzipped); then, on SQLite and on
//! PostgreSQL, over a fresh database with the demo organisation and 10,000 seeded people with
//! full plans: the PDF exports of the demo plan (time and size, both layouts), and under load
//! from wrk the requests per second and p50/p99 latency of reading a whole plan, saving a goal,
//! the review-programme dashboard, the caseload searched and paged, and the easy-read PDF, each
//! also as a share of a bare JSON route that only the bench's build has (the backend's `bench`
//! feature), and the plan read and goal save as a share of their unchecked twins (the same
//! queries without the session, access check and audit: what our checks cost); the organisation-wide
//! evidence count; and the server's resident memory under that load. Prints Markdown tables and
//! writes `target/bench.json`.
//!
//! Then, in headless Chromium on loopback, how long the plan page takes from navigation until
//! its points are in the page, and Lighthouse's performance and accessibility scores for the
//! main pages (the `browser` part, which `cargo xtask bench browser` runs alone).
//!
//! `OURPLAN_BENCH_SECONDS` (default 10) sets how long each load runs.

mod browser;
mod layout;
mod load;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use ourplan_shared::demo;
use serde_json::{Value, json};

use crate::{cmd, frontend, postgres, root, run, setup};
use load::{Goal, Measured, Requests, RssSampler, Run};

/// Requests timed per PDF figure, after warming up.
const SAMPLES: usize = 30;
/// The people seeded for the load.
const PEOPLE: usize = 10_000;
/// Connections for the throughput runs (the baseline and the whole plan).
const CONNECTIONS: u32 = 32;

/// A figure's goal.
#[derive(Debug, Clone, Copy)]
enum Target {
    AtMost(f64),
    AtLeast(f64),
}

/// One measured figure.
struct Figure {
    /// `SQLite`, `PostgreSQL`, or `browser` for what does not depend on the database.
    group: &'static str,
    name: String,
    value: f64,
    unit: &'static str,
    target: Option<Target>,
}

impl Figure {
    fn new(
        group: &'static str,
        name: impl Into<String>,
        value: f64,
        unit: &'static str,
        target: Option<Target>,
    ) -> Self {
        Self {
            group,
            name: name.into(),
            value,
            unit,
            target,
        }
    }

    fn met(&self) -> Option<bool> {
        self.target.map(|target| match target {
            Target::AtMost(t) => self.value <= t,
            Target::AtLeast(t) => self.value >= t,
        })
    }

    fn target_text(&self) -> String {
        let unit = if self.unit == "×" { "" } else { self.unit };
        match self.target {
            None => String::new(),
            Some(Target::AtMost(t)) => format!("≤ {}", with_unit(t, unit)),
            Some(Target::AtLeast(t)) => format!("≥ {}", with_unit(t, unit)),
        }
    }
}

fn number(value: f64) -> String {
    if value >= 100.0 || value == value.round() {
        format!("{value:.0}")
    } else if value >= 10.0 {
        format!("{value:.1}")
    } else if value < 1.0 {
        format!("{value:.3}")
    } else {
        format!("{value:.2}")
    }
}

/// A figure as the tables show it: the number, then its unit if it has one.
fn with_unit(value: f64, unit: &str) -> String {
    if unit.is_empty() {
        number(value)
    } else {
        format!("{} {unit}", number(value))
    }
}

/// Stops the server however the bench ends.
struct Server(Child);

impl Server {
    /// Stops it as a service manager does (SIGTERM): it finishes and closes the database.
    fn stop(mut self) -> Result<()> {
        cmd::run(Command::new("kill").args(["-TERM", &self.0.id().to_string()]))?;
        self.0.wait()?;
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn percentile(sorted: &[f64], share: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * share).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn seconds() -> u32 {
    std::env::var("OURPLAN_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|s| *s > 0)
        .unwrap_or(10)
}

/// `cargo xtask bench`, or one part of it whose figures then replace the same ones in
/// `target/bench.json`: `browser` (the download, the plan page's timing, Lighthouse and the
/// layout shift), `layout` (the layout shift alone) or `server` (both databases, no browser).
pub fn bench(args: &[String]) -> Result<()> {
    let (browser_only, layout_only, server_only) = match args {
        [] => (false, false, false),
        [part] if part == "browser" => (true, false, false),
        [part] if part == "layout" => (true, true, false),
        [part] if part == "server" => (false, false, true),
        _ => bail!("usage: cargo xtask bench [browser | layout | server]"),
    };
    setup::frontend_tools()?;
    if !browser_only {
        setup::wrk()?;
    }
    let dist = frontend::build()?;
    let mut figures = bundle(&dist)?;
    let server_bin = run::build_server_with(&root(), &["bench"])?;
    let scratch = tempdir()?;
    if layout_only {
        figures = browser::layout_only(&server_bin, &dist, &scratch)?;
        report(&figures, true)?;
        let _ = std::fs::remove_dir_all(&scratch);
        return Ok(());
    }
    if browser_only {
        figures.extend(browser::browser(&server_bin, &dist, &scratch)?);
        report(&figures, true)?;
        let _ = std::fs::remove_dir_all(&scratch);
        return Ok(());
    }

    let sqlite = scratch.join("bench.db");
    figures.extend(backend(
        "SQLite",
        &server_bin,
        &dist,
        &scratch,
        &sqlite.to_string_lossy(),
    )?);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
    }
    {
        // Durable, as a deployment runs: fsync and synchronous commit on.
        let cluster = postgres::Cluster::start_with(true)?;
        figures.extend(backend(
            "PostgreSQL",
            &server_bin,
            &dist,
            &scratch,
            &cluster.url(),
        )?);
    }
    if !server_only {
        figures.extend(browser::browser(&server_bin, &dist, &scratch)?);
    }

    report(&figures, server_only)?;
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}

fn tempdir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("ourplan-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Everything measured against one database: the demo organisation and [`PEOPLE`] seeded
/// people, the server started on it with the bench route.
fn backend(
    group: &'static str,
    server_bin: &Path,
    dist: &Path,
    scratch: &Path,
    database_url: &str,
) -> Result<Vec<Figure>> {
    println!("\n== {group} ==");
    let port = free_port()?;
    let addr = format!("127.0.0.1:{port}");
    // The demo organisation, seeded by the server on an empty database.
    start_server(server_bin, dist, database_url, &addr)?.stop()?;

    let started = Instant::now();
    let mut seed = Command::new(server_bin);
    seed.args(["seed", "--people", &PEOPLE.to_string()])
        .current_dir(root())
        .env("DATABASE_URL", database_url)
        .env_remove("OURPLAN_DEMO")
        .env("RUST_LOG", "warn");
    let (ok, seeded) = cmd::run_teed(&mut seed)?;
    if !ok {
        bail!("seeding {PEOPLE} people failed");
    }
    let seed_seconds = started.elapsed().as_secs_f64();
    let manager_email = seeded
        .lines()
        .find_map(|l| l.split(" signs in as ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .context("the seed names the manager of the people it made")?
        .to_owned();
    // Settled after the bulk load, as a deployment would be by the time it is busy: SQLite
    // checkpointed its log when the seed closed it; PostgreSQL gets its statistics and a
    // checkpoint now, rather than from autovacuum in the middle of a measurement.
    if database_url.starts_with("postgres") {
        cmd::run(Command::new("psql").args([
            database_url,
            "-q",
            "-c",
            "VACUUM ANALYZE",
            "-c",
            "CHECKPOINT",
        ]))?;
    }
    let server = start_server(server_bin, dist, database_url, &addr)?;
    let pid = server.0.id();
    // Once start-up's own work (migrations checked, kept facts filled in) has settled.
    std::thread::sleep(std::time::Duration::from_secs(2));
    let idle_mib = load::status_kib(pid, "VmRSS").unwrap_or(0) as f64 / 1024.0;

    let base = format!("http://{addr}/api/v1");
    let mut figures = vec![
        Figure::new(
            group,
            format!("seed {PEOPLE} people with full plans"),
            seed_seconds,
            "s",
            None,
        ),
        Figure::new(
            group,
            "server RSS idle after start, before any request",
            idle_mib,
            "MiB",
            Some(Target::AtMost(30.0)),
        ),
    ];
    let worker = demo::ACCOUNTS
        .iter()
        .find(|a| a.role == ourplan_shared::role::Role::SupportWorker)
        .context("the demo has a support worker")?;
    let (client, _) = signed_in(&base, worker.email)?;
    figures.extend(pdfs(group, &client, &base)?);

    let (manager, cookie) = signed_in(&base, &manager_email)?;
    figures.extend(under_load(
        group,
        &manager,
        &cookie,
        &format!("http://{addr}"),
        scratch,
        pid,
    )?);
    Ok(figures)
}

/// The release server on `addr`, once it answers.
fn start_server(server_bin: &Path, dist: &Path, database_url: &str, addr: &str) -> Result<Server> {
    let child = Command::new(server_bin)
        .current_dir(root())
        .env("DATABASE_URL", database_url)
        .env("OURPLAN_DIST", dist)
        .env("OURPLAN_DEMO", "1")
        .env("OURPLAN_BIND", addr)
        .env("RUST_LOG", "warn")
        .spawn()
        .context("starting the release server")?;
    let mut server = Server(child);
    if !run::wait_for_health(addr.parse()?, &mut server.0)? {
        bail!("the release server stopped before it answered");
    }
    Ok(server)
}

/// Signs in with the demo password; the client keeps the cookies, and the access cookie is
/// returned too, as wrk sends it.
fn signed_in(base: &str, email: &str) -> Result<(reqwest::blocking::Client, String)> {
    let client = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .timeout(std::time::Duration::from_secs(600))
        .build()?;
    let answer = client
        .post(format!("{base}/session"))
        .header("x-ourplan-csrf", "1")
        .json(&json!({"email": email, "password": demo::DEMO_PASSWORD}))
        .send()?;
    if !answer.status().is_success() {
        bail!(
            "signing in to the bench server as {email}: {}",
            answer.status()
        );
    }
    let cookie = answer
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("ourplan-access="))
        .and_then(|v| v.split(';').next())
        .context("signing in sets the access cookie")?
        .to_owned();
    Ok((client, cookie))
}

/// The gzipped size of what a browser downloads: first, by kind (the target), then the pages
/// fetched on demand as they are opened.
fn bundle(dist: &Path) -> Result<Vec<Figure>> {
    let downloads = frontend::downloads(dist)?;
    let mut by_kind = [("wasm", 0usize), ("js", 0), ("css", 0)];
    for path in &downloads.first {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if let Some(kind) = by_kind.iter_mut().find(|(k, _)| *k == extension) {
            kind.1 += frontend::gzipped_len(&std::fs::read(path)?)?;
        }
    }
    let kib = |bytes: usize| bytes as f64 / 1024.0;
    let total: usize = by_kind.iter().map(|(_, n)| n).sum();
    let mut figures: Vec<Figure> = by_kind
        .iter()
        .map(|(kind, bytes)| {
            Figure::new(
                "browser",
                format!("first download: {kind}, gzipped"),
                kib(*bytes),
                "KiB",
                None,
            )
        })
        .collect();
    figures.push(Figure::new(
        "browser",
        "first download: wasm + JS + CSS, gzipped",
        kib(total),
        "KiB",
        Some(Target::AtMost(250.0)),
    ));
    for (group, files) in &downloads.groups {
        figures.push(Figure::new(
            "browser",
            format!(
                "then the first {group} page: {} more files, gzipped",
                files.len()
            ),
            kib(frontend::gzipped_total(files)?),
            "KiB",
            None,
        ));
    }
    figures.push(Figure::new(
        "browser",
        format!(
            "all {} files fetched on demand, gzipped",
            downloads.on_demand.len()
        ),
        kib(frontend::gzipped_total(&downloads.on_demand)?),
        "KiB",
        None,
    ));
    Ok(figures)
}

/// Each layout of the demo plan's PDF, one request at a time: median and 95th-percentile
/// time, and size.
fn pdfs(
    group: &'static str,
    client: &reqwest::blocking::Client,
    base: &str,
) -> Result<Vec<Figure>> {
    let person = demo_person(client, base)?;
    let mut figures = Vec::new();
    for layout in ["standard", "easy-read"] {
        let url = format!("{base}/persons/{person}/plan.pdf?layout={layout}");
        let mut size = 0;
        let mut times = Vec::with_capacity(SAMPLES);
        for round in 0..SAMPLES + 3 {
            let started = Instant::now();
            let answer = client.get(&url).send()?;
            if !answer.status().is_success() {
                bail!("{url}: {}", answer.status());
            }
            size = answer.bytes()?.len();
            if round >= 3 {
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
        times.sort_by(f64::total_cmp);
        figures.push(Figure::new(
            group,
            format!("PDF {layout} of the demo plan: median time"),
            percentile(&times, 0.5),
            "ms",
            Some(Target::AtMost(300.0)),
        ));
        figures.push(Figure::new(
            group,
            format!("PDF {layout} of the demo plan: 95th percentile time"),
            percentile(&times, 0.95),
            "ms",
            None,
        ));
        figures.push(Figure::new(
            group,
            format!("PDF {layout} of the demo plan: size"),
            size as f64 / 1024.0,
            "KiB",
            Some(Target::AtMost(1024.0)),
        ));
    }
    Ok(figures)
}

/// The id of the demo person, as `client` sees the people.
fn demo_person(client: &reqwest::blocking::Client, base: &str) -> Result<String> {
    let people: Vec<Value> = client
        .get(format!("{base}/persons"))
        .send()?
        .error_for_status()?
        .json()?;
    Ok(people
        .iter()
        .find(|p| p["full_name"] == demo::PERSON_FULL_NAME)
        .and_then(|p| p["id"].as_str())
        .context("the demo person")?
        .to_owned())
}

/// Goals to save, read from the plans of `people`: their ids, current ETags and bodies.
fn goals_of(
    client: &reqwest::blocking::Client,
    base: &str,
    people: &[String],
) -> Result<Vec<Goal>> {
    let mut goals = Vec::new();
    for person in people {
        let plan: Value = client
            .get(format!("{base}/persons/{person}/plan"))
            .send()?
            .error_for_status()?
            .json()?;
        for goal in plan["goals"].as_array().into_iter().flatten() {
            let id = goal["id"].as_str().context("a goal id")?.to_owned();
            let mut body = serde_json::Map::new();
            for field in [
                "term",
                "text",
                "own_words",
                "easy_read",
                "picture",
                "measure",
                "baseline",
                "target",
                "start_on",
                "due_on",
                "status",
                "addresses",
                "position",
            ] {
                body.insert(field.to_owned(), goal[field].clone());
            }
            goals.push(Goal {
                path: format!("/api/v1/persons/{person}/goals/{id}"),
                id,
                body: serde_json::to_string(&body)?,
                etag: format!("\"v{}\"", goal["row_version"].as_i64().unwrap_or(1)),
            });
        }
    }
    Ok(goals)
}

/// The path of a route's unchecked twin (the backend's `api::unchecked`, in the bench's build).
fn unchecked(path: &str) -> String {
    path.replacen("/api/v1/", "/bench/unchecked/", 1)
}

/// The load runs, signed in as the manager of every seeded person.
fn under_load(
    group: &'static str,
    manager: &reqwest::blocking::Client,
    cookie: &str,
    origin: &str,
    scratch: &Path,
    pid: u32,
) -> Result<Vec<Figure>> {
    let base = format!("{origin}/api/v1");
    let seconds = seconds();
    let rss = RssSampler::start(pid);
    let people: Vec<Value> = manager
        .get(format!("{base}/persons"))
        .send()?
        .error_for_status()?
        .json()?;
    // Every tenth of the people the manager sees, so reads spread over the database.
    let spread: Vec<String> = people
        .iter()
        .step_by(10)
        .filter_map(|p| p["id"].as_str().map(str::to_owned))
        .collect();
    if spread.len() < 100 {
        bail!(
            "expected {PEOPLE} people for the manager, found {}",
            people.len()
        );
    }
    let plan_paths: Vec<String> = spread
        .iter()
        .map(|p| format!("/api/v1/persons/{p}/plan"))
        .collect();
    let unchecked_plan_paths: Vec<String> = plan_paths.iter().map(|p| unchecked(p)).collect();
    let pdf_paths: Vec<String> = spread
        .iter()
        .map(|p| format!("/api/v1/persons/{p}/plan.pdf?layout=easy-read"))
        .collect();
    let goals = goals_of(manager, &base, &spread[..300])?;
    let baseline_paths = vec!["/bench/baseline".to_owned()];
    let dashboard_paths = vec!["/api/v1/review-programme".to_owned()];
    // The caseload as staff page and search it: the first page, a far page, a name, a state.
    let caseload_paths: Vec<String> = ["", "?page=150", "?q=son", "?plan=agreed&page=20"]
        .iter()
        .map(|query| format!("/api/v1/caseload{query}"))
        .collect();

    // The high-water mark of resident memory from start to here, then one for each run: the
    // highest of them is the load's, and each says where a peak between samples came from.
    let mut marks: Vec<(String, f64)> = vec![("start".to_owned(), load::take_hwm_mib(pid))];
    let mut run = |name: &str, cookie: &str, requests: Requests<'_>, connections: u32, think_ms| {
        let seconds = if name == "warm-up" { 3 } else { seconds };
        marks.push((format!("before {name}"), load::take_hwm_mib(pid)));
        let run = Run {
            name,
            url: origin,
            cookie,
            requests,
            connections,
            seconds,
            think_ms,
        };
        let measured = load::wrk(scratch, &run);
        let mark = load::take_hwm_mib(pid);
        // A run tried twice (the half rate) keeps the higher of its marks.
        match marks.iter_mut().find(|(run, _)| run == name) {
            Some((_, kept)) => *kept = kept.max(mark),
            None => marks.push((name.to_owned(), mark)),
        }
        measured
    };
    let plans = || Requests::Paths(&plan_paths);
    // Warm up the server and the database's caches on the reads.
    run("warm-up", cookie, plans(), CONNECTIONS, 0)?;
    let baseline = run(
        "baseline",
        "",
        Requests::Paths(&baseline_paths),
        CONNECTIONS,
        0,
    )?;
    let plan = run("plan", cookie, plans(), CONNECTIONS, 0)?;
    let plan_unchecked = run(
        "plan-unchecked",
        "",
        Requests::Paths(&unchecked_plan_paths),
        CONNECTIONS,
        0,
    )?;
    // Half the plan's top rate, held by connections that each wait between requests (wrk has
    // no fixed-rate mode, wrk2 is not in Debian): about 20 ms a round per connection, the wait
    // corrected once by what the first try reached.
    let half = plan.rate() / 2.0;
    let connections = ((half * 0.02).round() as u32).clamp(2, 256);
    let round_ms = f64::from(connections) * 1000.0 / half;
    let mut think = round_ms.round().max(1.0);
    let mut at_half = run("plan-half-rate", cookie, plans(), connections, think as u32)?;
    if (at_half.rate() - half).abs() / half > 0.05 {
        let overhead = f64::from(connections) * 1000.0 / at_half.rate() - think;
        think = (round_ms - overhead).round().max(1.0);
        at_half = run("plan-half-rate", cookie, plans(), connections, think as u32)?;
    }
    let put = run(
        "put-goal",
        cookie,
        Requests::Goals(&goals),
        CONNECTIONS / 2,
        0,
    )?;
    // The same goals again, read afresh (the run above moved each one's ETag on).
    let unchecked_goals: Vec<Goal> = goals_of(manager, &base, &spread[..300])?
        .into_iter()
        .map(|goal| Goal {
            path: unchecked(&goal.path),
            ..goal
        })
        .collect();
    let put_unchecked = run(
        "put-goal-unchecked",
        "",
        Requests::Goals(&unchecked_goals),
        CONNECTIONS / 2,
        0,
    )?;
    let dashboard = run("dashboard", cookie, Requests::Paths(&dashboard_paths), 1, 0)?;
    let caseload = run("caseload", cookie, Requests::Paths(&caseload_paths), 4, 0)?;
    let pdf = run("pdf-easy-read", cookie, Requests::Paths(&pdf_paths), 4, 0)?;
    let peak_rss = rss.peak_mib();
    drop(rss);
    marks.push(("after the load".to_owned(), load::take_hwm_mib(pid)));
    let hwm = marks.iter().map(|(_, mib)| *mib).fold(0.0, f64::max);

    // The evidence counted across all the manager's plans, one request at a time.
    let mut evidence_times = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        manager
            .get(format!("{base}/review-programme/evidence"))
            .send()?
            .error_for_status()?
            .bytes()?;
        evidence_times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    evidence_times.sort_by(f64::total_cmp);
    let hwm_of_evidence = load::take_hwm_mib(pid);

    let b = baseline.rate();
    let mut out = Figures {
        group,
        list: Vec::new(),
    };
    let c = baseline.connections;
    out.add(
        format!("baseline: bare JSON route ({c} connections): requests/s"),
        b,
        "/s",
        None,
    );
    out.add(
        format!("baseline ({c} connections): p50"),
        baseline.p50_ms,
        "ms",
        None,
    );
    out.add(
        format!("baseline ({c} connections): p99"),
        baseline.p99_ms,
        "ms",
        None,
    );
    // What our own checks cost: each route's rate as a share of its unchecked twin's (the
    // same queries and writes without the session, access check and audit). The share of
    // the bare baseline stays as context.
    out.load("GET whole plan, signed in", &plan, b, None, None);
    out.load(
        "GET whole plan, unchecked twin",
        &plan_unchecked,
        b,
        None,
        None,
    );
    out.add(
        "GET whole plan: share of its unchecked twin's requests/s",
        plan.rate() / plan_unchecked.rate(),
        "×",
        Some(Target::AtLeast(0.7)),
    );
    let half_rate = "GET whole plan at about half that rate";
    out.add(
        format!("{half_rate}: requests/s reached"),
        at_half.rate(),
        "/s",
        None,
    );
    let waiting = f64::from(at_half.connections);
    out.add(
        format!("{half_rate}: connections, each waiting"),
        waiting,
        "",
        None,
    );
    out.add(
        format!("{half_rate}: wait after each answer"),
        think,
        "ms",
        None,
    );
    let p99_target = Some(Target::AtMost(10.0));
    out.add(
        format!("{half_rate}: p99"),
        at_half.p99_ms,
        "ms",
        p99_target,
    );
    out.load("PUT goal with If-Match", &put, b, None, None);
    let twin = "PUT goal with If-Match, unchecked twin";
    out.load(twin, &put_unchecked, b, None, None);
    out.add(
        "PUT goal: share of its unchecked twin's requests/s",
        put.rate() / put_unchecked.rate(),
        "×",
        Some(Target::AtLeast(0.6)),
    );
    let programme = format!("review programme, {PEOPLE} people");
    out.load(&programme, &dashboard, b, None, Some(Target::AtMost(50.0)));
    let caseload_name = format!("caseload searched and paged, {PEOPLE} people");
    out.load(
        &caseload_name,
        &caseload,
        b,
        None,
        Some(Target::AtMost(50.0)),
    );
    out.load("easy-read PDF", &pdf, b, None, None);
    let evidence = percentile(&evidence_times, 0.5);
    let name = format!("evidence counted across {PEOPLE} plans: median of 3");
    out.add(name, evidence, "ms", None);
    let rss_target = Some(Target::AtMost(60.0));
    out.add(
        "server RSS under load: highest VmRSS sampled",
        peak_rss,
        "MiB",
        rss_target,
    );
    out.add("server RSS: VmHWM after the load", hwm, "MiB", rss_target);
    // Where the high-water mark was reached: each run's own, and the highest between runs.
    let between = marks
        .iter()
        .filter(|(name, _)| name.starts_with("before ") || name == "after the load")
        .map(|(_, mib)| *mib)
        .fold(0.0, f64::max);
    let runs = marks
        .iter()
        .filter(|(name, _)| !name.starts_with("before ") && name != "after the load");
    for (name, mib) in runs {
        out.add(
            format!("server RSS: VmHWM during {name}"),
            *mib,
            "MiB",
            None,
        );
    }
    out.add("server RSS: VmHWM between the runs", between, "MiB", None);
    let name = "server RSS: VmHWM during the evidence counts";
    out.add(name, hwm_of_evidence, "MiB", None);
    Ok(out.list)
}

/// The figures of one database, as they are measured.
struct Figures {
    group: &'static str,
    list: Vec<Figure>,
}

impl Figures {
    fn add(
        &mut self,
        name: impl Into<String>,
        value: f64,
        unit: &'static str,
        target: Option<Target>,
    ) {
        self.list
            .push(Figure::new(self.group, name, value, unit, target));
    }

    /// One load's rate, its share of the baseline's rate, p50 and p99.
    fn load(
        &mut self,
        name: &str,
        measured: &Measured,
        baseline: f64,
        share_target: Option<Target>,
        p50_target: Option<Target>,
    ) {
        let label = format!("{name} ({} connections)", measured.connections);
        let rate = measured.rate();
        self.add(format!("{label}: requests/s"), rate, "/s", None);
        let share = format!("{label}: share of the baseline's requests/s");
        self.add(share, rate / baseline, "×", share_target);
        self.add(format!("{label}: p50"), measured.p50_ms, "ms", p50_target);
        self.add(format!("{label}: p99"), measured.p99_ms, "ms", None);
    }
}

/// Prints the tables and writes `target/bench.json`; with `merge`, the figures measured replace
/// those of the same group and name already there, and the rest are kept.
fn report(figures: &[Figure], merge: bool) -> Result<()> {
    let groups = ["SQLite", "PostgreSQL"];
    println!("\n| measure | value | target | met |\n|---|---:|---:|:---:|");
    for figure in figures.iter().filter(|f| f.group == "browser") {
        println!(
            "| {} | {} | {} | {} |",
            figure.name,
            with_unit(figure.value, figure.unit),
            figure.target_text(),
            met_text(figure.met())
        );
    }
    if figures.iter().any(|f| f.group != "browser") {
        println!("\n| measure | SQLite | PostgreSQL | target |\n|---|---:|---:|---:|");
    }
    let mut names: Vec<&str> = Vec::new();
    for figure in figures.iter().filter(|f| f.group != "browser") {
        if !names.contains(&figure.name.as_str()) {
            names.push(&figure.name);
        }
    }
    for name in names {
        let mut cells = Vec::new();
        let mut target = String::new();
        for group in groups {
            match figures.iter().find(|f| f.group == group && f.name == name) {
                Some(f) => {
                    let met = match f.met() {
                        Some(false) => " **missed**",
                        _ => "",
                    };
                    cells.push(format!("{}{met}", with_unit(f.value, f.unit)));
                    target = f.target_text();
                }
                None => cells.push(String::new()),
            }
        }
        println!("| {name} | {} | {target} |", cells.join(" | "));
    }
    let mut json: Vec<Value> = figures
        .iter()
        .map(|f| {
            let (at_most, at_least) = match f.target {
                Some(Target::AtMost(t)) => (Some(t), None),
                Some(Target::AtLeast(t)) => (None, Some(t)),
                None => (None, None),
            };
            json!({
                "group": f.group, "name": f.name, "value": f.value, "unit": f.unit,
                "target_at_most": at_most, "target_at_least": at_least, "met": f.met(),
            })
        })
        .collect();
    let path = root().join("target/bench.json");
    if merge && let Ok(before) = std::fs::read(&path) {
        let before: Value = serde_json::from_slice(&before).unwrap_or_default();
        let kept: Vec<Value> = before["figures"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|old| {
                !json
                    .iter()
                    .any(|new| new["group"] == old["group"] && new["name"] == old["name"])
            })
            .cloned()
            .collect();
        json.splice(0..0, kept);
    }
    std::fs::write(
        &path,
        serde_json::to_vec_pretty(&json!({"machine": machine(), "figures": json}))?,
    )?;
    println!("\nwritten to {}", path.display());
    Ok(())
}

fn met_text(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "yes",
        Some(false) => "**no**",
        None => "",
    }
}

/// The date and the machine the figures were measured on.
fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(|m| m.trim().to_owned())
        .unwrap_or_default();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let ram_kib: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    json!({
        "date": today(),
        "cores": std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        "cpu": model,
        "ram_gib": (ram_kib as f64 / 1_048_576.0 * 10.0).round() / 10.0,
        "load_generator": "wrk 4 on the same machine, loopback",
    })
}

/// Today's date from the system clock (xtask has no calendar crate; `date` has).
fn today() -> String {
    cmd::output(
        Command::new("date")
            .args(["-u", "+%Y-%m-%d"])
            .stdin(Stdio::null()),
    )
    .map(|s| s.trim().to_owned())
    .unwrap_or_default()
}
