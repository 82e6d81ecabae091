//! `cargo xtask bench`: what Ourplan costs, measured on this machine against the release server
//! on loopback. So far: the PDF exports of the seeded plan (time and size, both layouts) and
//! what a browser downloads (wasm, JS and CSS, gzipped). Prints a Markdown table and writes
//! `target/bench.json`.

use std::net::TcpListener;
use std::process::{Child, Command};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use ourplan_shared::demo;
use serde_json::{Value, json};

use crate::{frontend, root, run, setup};

/// Requests timed per figure, after warming up.
const SAMPLES: usize = 30;

/// One measured figure.
struct Figure {
    name: String,
    value: f64,
    unit: &'static str,
    target: Option<f64>,
}

impl Figure {
    fn new(name: impl Into<String>, value: f64, unit: &'static str, target: Option<f64>) -> Self {
        Self {
            name: name.into(),
            value,
            unit,
            target,
        }
    }

    fn met(&self) -> Option<bool> {
        self.target.map(|target| self.value <= target)
    }
}

/// Stops the server however the bench ends.
struct Server(Child);

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

pub fn bench() -> Result<()> {
    setup::frontend_tools()?;
    let dist = frontend::build()?;
    let mut figures = bundle(&dist)?;
    let server_bin = run::build_server(&root())?;

    let scratch = tempdir()?;
    let port = free_port()?;
    let addr = format!("127.0.0.1:{port}");
    let child = Command::new(server_bin)
        .current_dir(root())
        .env("DATABASE_URL", scratch.join("bench.db"))
        .env("OURPLAN_DIST", &dist)
        .env("OURPLAN_DEMO", "1")
        .env("OURPLAN_BIND", &addr)
        .env("RUST_LOG", "warn")
        .spawn()
        .context("starting the release server")?;
    let mut server = Server(child);
    if !run::wait_for_health(addr.parse()?, &mut server.0)? {
        bail!("the release server stopped before it answered");
    }
    let base = format!("http://{addr}/api/v1");
    let client = signed_in(&base)?;
    figures.extend(pdfs(&client, &base)?);

    report(&figures)?;
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}

fn tempdir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("ourplan-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The key worker of the demo, signed in.
fn signed_in(base: &str) -> Result<reqwest::blocking::Client> {
    let client = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .build()?;
    let worker = demo::ACCOUNTS
        .iter()
        .find(|a| a.role == ourplan_shared::role::Role::SupportWorker)
        .context("the demo has a support worker")?;
    let answer = client
        .post(format!("{base}/session"))
        .header("x-ourplan-csrf", "1")
        .json(&json!({"email": worker.email, "password": demo::DEMO_PASSWORD}))
        .send()?;
    if !answer.status().is_success() {
        bail!("signing in to the bench server: {}", answer.status());
    }
    Ok(client)
}

/// The gzipped size of what a browser downloads, by kind.
fn bundle(dist: &std::path::Path) -> Result<Vec<Figure>> {
    let mut by_kind = [("wasm", 0usize), ("js", 0), ("css", 0)];
    for entry in std::fs::read_dir(dist.join("assets"))? {
        let path = entry?.path();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if let Some(kind) = by_kind.iter_mut().find(|(k, _)| *k == extension) {
            kind.1 += frontend::gzipped_len(&std::fs::read(&path)?)?;
        }
    }
    let total: usize = by_kind.iter().map(|(_, n)| n).sum();
    let mut figures: Vec<Figure> = by_kind
        .iter()
        .map(|(kind, bytes)| {
            Figure::new(
                format!("{kind}, gzipped"),
                *bytes as f64 / 1024.0,
                "KiB",
                None,
            )
        })
        .collect();
    figures.push(Figure::new(
        "wasm + JS + CSS, gzipped",
        total as f64 / 1024.0,
        "KiB",
        Some(250.0),
    ));
    Ok(figures)
}

/// Each layout of the seeded plan's PDF: median and 95th-percentile time, and size.
fn pdfs(client: &reqwest::blocking::Client, base: &str) -> Result<Vec<Figure>> {
    let people: Vec<Value> = client.get(format!("{base}/persons")).send()?.json()?;
    let person = people
        .iter()
        .find(|p| p["full_name"] == demo::PERSON_FULL_NAME)
        .and_then(|p| p["id"].as_str())
        .context("the demo person")?
        .to_owned();
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
            format!("PDF {layout}: median time"),
            percentile(&times, 0.5),
            "ms",
            Some(300.0),
        ));
        figures.push(Figure::new(
            format!("PDF {layout}: 95th percentile time"),
            percentile(&times, 0.95),
            "ms",
            None,
        ));
        figures.push(Figure::new(
            format!("PDF {layout}: size"),
            size as f64 / 1024.0,
            "KiB",
            Some(1024.0),
        ));
    }
    Ok(figures)
}

fn report(figures: &[Figure]) -> Result<()> {
    println!("\n| measure | value | target | met |\n|---|---:|---:|:---:|");
    for figure in figures {
        let target = figure
            .target
            .map_or_else(String::new, |t| format!("≤ {t:.0} {}", figure.unit));
        let met = match figure.met() {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "",
        };
        println!(
            "| {} | {:.1} {} | {target} | {met} |",
            figure.name, figure.value, figure.unit
        );
    }
    let json: Vec<Value> = figures
        .iter()
        .map(|f| json!({"name": f.name, "value": f.value, "unit": f.unit, "target": f.target, "met": f.met()}))
        .collect();
    let path = root().join("target/bench.json");
    let machine = json!({
        "date": today(),
        "cores": std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
    });
    std::fs::write(
        &path,
        serde_json::to_vec_pretty(&json!({"machine": machine, "figures": json}))?,
    )?;
    println!("\nwritten to {}", path.display());
    Ok(())
}

/// Today's date from the system clock (xtask has no calendar crate; `date` has).
fn today() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}
