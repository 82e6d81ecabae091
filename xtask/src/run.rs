//! `cargo xtask run`: build, migrate, seed demo data on first run, serve until Ctrl-C/SIGTERM.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use ourplan_shared::demo;

use crate::{cmd, frontend, root, setup};

const DEFAULT_BIND: &str = "127.0.0.1:8080";

static SERVER_PID: AtomicU32 = AtomicU32::new(0);

pub(crate) fn build_server(root: &std::path::Path) -> Result<std::path::PathBuf> {
    build_server_with(root, &[])
}

/// The release server with these cargo features of the backend turned on (the bench's
/// `bench`).
pub(crate) fn build_server_with(
    root: &std::path::Path,
    features: &[&str],
) -> Result<std::path::PathBuf> {
    setup::libpq()?;
    let mut build = crate::cmd::cargo();
    build
        .args([
            "build",
            "--release",
            "--package",
            "ourplan-backend",
            "--bin",
            "ourplan",
        ])
        .current_dir(root);
    if !features.is_empty() {
        build.args(["--features", &features.join(",")]);
    }
    cmd::run(&mut build)?;
    let target_dir = crate::target_dir();
    Ok(target_dir.join("release/ourplan"))
}

/// `cargo xtask seed --people N`: load-test data through the release server binary.
pub fn seed(args: &[String]) -> Result<()> {
    let people = match args {
        [flag, count] if flag == "--people" => count
            .parse::<usize>()
            .with_context(|| format!("--people takes a whole number, not {count:?}"))?,
        _ => bail!("usage: cargo xtask seed --people N"),
    };
    server_task(&["seed", "--people", &people.to_string()])
}

/// Runs one of the server binary's tasks on the database in `DATABASE_URL`.
pub fn server_task(args: &[&str]) -> Result<()> {
    let root = root();
    let server = build_server(&root)?;
    cmd::run(Command::new(server).args(args).current_dir(&root))
}

pub fn run() -> Result<()> {
    let started = Instant::now();
    setup::frontend_tools()?;
    let dist = frontend::build()?;
    let root = root();
    let server_bin = build_server(&root)?;
    let bind = std::env::var("OURPLAN_BIND").unwrap_or_else(|_| DEFAULT_BIND.to_owned());
    let addr: SocketAddr = bind
        .parse()
        .with_context(|| format!("OURPLAN_BIND must be an address like {DEFAULT_BIND}"))?;

    // Demo data unless asked for none (`OURPLAN_DEMO=0`): a real organisation starts from an
    // empty database, and the server prints the link that sets it up.
    let demo_data =
        std::env::var("OURPLAN_DEMO").map_or(true, |v| !matches!(v.as_str(), "0" | "false" | "no"));
    let mut server = Command::new(server_bin)
        .current_dir(&root)
        .env("OURPLAN_DIST", &dist)
        .env("OURPLAN_DEMO", if demo_data { "1" } else { "0" })
        .spawn()
        .context("starting the server")?;
    SERVER_PID.store(server.id(), Ordering::SeqCst);
    // Ctrl-C reaches the server through the terminal too; SIGTERM to us is passed on, and
    // either way the server finishes its requests and stops.
    ctrlc::set_handler(|| {
        let pid = SERVER_PID.load(Ordering::SeqCst);
        if pid != 0 {
            let _ = Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status();
        }
    })?;

    if wait_for_health(addr, &mut server)? {
        let url = format!("http://{addr}");
        println!(
            "\nOurplan is running at {url}  (ready after {:.0?})",
            started.elapsed()
        );
        if demo_data {
            println!(
                "Demo sign-ins (fictional people; password for all: {}):",
                demo::DEMO_PASSWORD
            );
            for account in &demo::ACCOUNTS {
                println!("  {:<34} {}", account.email, account.role.label());
            }
        }
        println!("Press Ctrl-C to stop.\n");
    }
    let status = server.wait()?;
    SERVER_PID.store(0, Ordering::SeqCst);
    // 130 / 143: stopped by SIGINT / SIGTERM as asked.
    match status.code() {
        Some(0 | 130 | 143) | None => Ok(()),
        Some(code) => bail!("the server stopped with exit code {code}"),
    }
}

/// Polls `/api/v1/health` until the server answers; false if it exited first.
pub(crate) fn wait_for_health(addr: SocketAddr, server: &mut std::process::Child) -> Result<bool> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if server.try_wait()?.is_some() {
            return Ok(false);
        }
        if health_ok(addr) {
            return Ok(true);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    bail!("the server did not answer on http://{addr} within 60 s")
}

fn health_ok(addr: SocketAddr) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else {
        return false;
    };
    let request = format!("GET /api/v1/health HTTP/1.0\r\nHost: {addr}\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.starts_with("HTTP/1.0 200") || response.starts_with("HTTP/1.1 200")
}
