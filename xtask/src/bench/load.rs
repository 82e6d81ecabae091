//! Load on loopback with wrk (Debian's): a Lua script per kind of request, written with its
//! data into the bench's scratch folder, and the figures read back from the line of JSON the
//! script's `done` prints. While wrk runs, the server's resident memory is sampled from
//! `/proc/PID/status`.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::cmd;

const COMMON: &str = include_str!("common.lua");
const PATHS: &str = include_str!("paths.lua");
const PUT_GOAL: &str = include_str!("put_goal.lua");

/// wrk's threads: one per core of this machine's two.
pub const THREADS: u32 = 2;

/// What one wrk run measured.
#[derive(Debug, Clone)]
pub struct Measured {
    pub requests: u64,
    pub seconds: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub connections: u32,
}

impl Measured {
    pub fn rate(&self) -> f64 {
        self.requests as f64 / self.seconds
    }
}

/// One goal to save: where, the body, and the ETag it was read at.
pub struct Goal {
    pub id: String,
    pub path: String,
    pub body: String,
    pub etag: String,
}

/// What a script requests.
pub enum Requests<'a> {
    /// GETs, in turn.
    Paths(&'a [String]),
    /// PUTs of these goals with If-Match.
    Goals(&'a [Goal]),
}

/// One run of wrk.
pub struct Run<'a> {
    pub name: &'a str,
    pub url: &'a str,
    /// `ourplan-access=…`, or empty for the unauthenticated baseline.
    pub cookie: &'a str,
    pub requests: Requests<'a>,
    pub connections: u32,
    pub seconds: u32,
    /// Milliseconds each connection waits after an answer (0: as fast as it can).
    pub think_ms: u32,
}

/// A Lua string literal that holds any text (long brackets never found in it).
fn lua_string(text: &str) -> String {
    let mut level = 0;
    loop {
        let close = format!("]{}]", "=".repeat(level));
        if !text.contains(&close) {
            let eq = "=".repeat(level);
            return format!("[{eq}[{text}]{eq}]");
        }
        level += 1;
    }
}

fn script(run: &Run<'_>) -> String {
    let mut lua = format!(
        "COOKIE = {}\nTHREADS = {THREADS}\nTHINK_MS = {}\n",
        lua_string(run.cookie),
        run.think_ms
    );
    match &run.requests {
        Requests::Paths(paths) => {
            lua.push_str("PATHS = {\n");
            for path in *paths {
                lua.push_str(&format!("  {},\n", lua_string(path)));
            }
            lua.push_str("}\n");
            lua.push_str(COMMON);
            lua.push_str(PATHS);
        }
        Requests::Goals(goals) => {
            lua.push_str("GOALS = {\n");
            for goal in *goals {
                lua.push_str(&format!(
                    "  {{ id = {}, path = {}, etag = {}, body = {} }},\n",
                    lua_string(&goal.id),
                    lua_string(&goal.path),
                    lua_string(&goal.etag),
                    lua_string(&goal.body)
                ));
            }
            lua.push_str("}\n");
            lua.push_str(COMMON);
            lua.push_str(PUT_GOAL);
        }
    }
    lua
}

/// Runs wrk once; fails if any answer was not a success or a socket failed, since a figure
/// made of errors would say nothing.
pub fn wrk(scratch: &Path, run: &Run<'_>) -> Result<Measured> {
    let file = scratch.join(format!("{}.lua", run.name));
    std::fs::write(&file, script(run))?;
    let threads = THREADS.min(run.connections);
    let mut command = Command::new("wrk");
    command
        .arg(format!("-t{threads}"))
        .arg(format!("-c{}", run.connections))
        .arg(format!("-d{}s", run.seconds))
        .args(["--timeout", "30s", "-s"])
        .arg(&file)
        .arg(run.url);
    let text = cmd::describe(&command);
    println!("→ {text}");
    let out = command
        .output()
        .with_context(|| format!("cannot start `{text}`"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!(
            "`{text}` failed: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("BENCH "))
        .with_context(|| format!("wrk printed no figures: {stdout}"))?;
    let json: Value = serde_json::from_str(line)?;
    let number = |key: &str| json[key].as_f64().unwrap_or(0.0);
    if number("non_2xx") > 0.0 || number("socket_errors") > 0.0 {
        bail!(
            "{}: {} answers were not a success and {} sockets failed; wrk said:\n{stdout}",
            run.name,
            number("non_2xx"),
            number("socket_errors")
        );
    }
    let measured = Measured {
        requests: number("requests") as u64,
        seconds: number("duration_us") / 1e6,
        p50_ms: number("p50_us") / 1e3,
        p99_ms: number("p99_us") / 1e3,
        connections: run.connections,
    };
    println!(
        "  {}: {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms ({} connections)",
        run.name,
        measured.rate(),
        measured.p50_ms,
        measured.p99_ms,
        run.connections
    );
    Ok(measured)
}

/// A field of `/proc/PID/status` in KiB (`VmRSS`, `VmHWM`).
pub fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|line| {
        line.strip_prefix(field)?
            .strip_prefix(':')?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    })
}

/// The process's high-water mark of resident memory since the last call (or its start), in
/// MiB; then starts a new one from what is resident now (`clear_refs` 5), so each run of the
/// load can be given its own.
pub fn take_hwm_mib(pid: u32) -> f64 {
    let hwm = status_kib(pid, "VmHWM").unwrap_or(0) as f64 / 1024.0;
    // Without the reset (another user's process) the marks only ever rise: still true, coarser.
    let _ = std::fs::write(format!("/proc/{pid}/clear_refs"), "5");
    hwm
}

/// Samples a process's resident memory every 50 ms until dropped; keeps the highest.
pub struct RssSampler {
    peak_kib: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RssSampler {
    pub fn start(pid: u32) -> Self {
        let peak_kib = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (peak_kib, stop) = (peak_kib.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if let Some(rss) = status_kib(pid, "VmRSS") {
                        peak_kib.fetch_max(rss, Ordering::Relaxed);
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            })
        };
        Self {
            peak_kib,
            stop,
            thread: Some(thread),
        }
    }

    /// The highest resident memory seen so far, in MiB.
    pub fn peak_mib(&self) -> f64 {
        self.peak_kib.load(Ordering::Relaxed) as f64 / 1024.0
    }
}

impl Drop for RssSampler {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
