//! Schemathesis (from PyPI, pinned) against the real server with a signed-in session, inside
//! `cargo xtask test`: every check on, time-boxed by the number of examples per operation. It
//! fails on a server error, a status code the OpenAPI document does not list, or a response
//! that does not match its schema (`xtask/schemathesis/run.py` says which findings count).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{cmd, root};

const SCHEMATHESIS: &str = "schemathesis==4.32.5";

/// A virtual environment with the pinned schemathesis, made once.
fn install() -> Result<PathBuf> {
    crate::setup::python_venv("schemathesis-venv", SCHEMATHESIS)
}

/// Runs the server binary on a new demo database and schemathesis against it.
pub fn run(server: &Path, dist: &Path) -> Result<()> {
    let venv = install()?;
    let work = crate::target_dir().join(format!("xtask/schemathesis-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let mut child = Command::new(server)
        .env("DATABASE_URL", work.join("fuzz.db"))
        .env("OURPLAN_BIND", format!("127.0.0.1:{port}"))
        .env("OURPLAN_DIST", dist)
        .env("OURPLAN_DEMO", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {}", server.display()))?;
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            let _ = child.kill();
            bail!("the server did not start for schemathesis");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let result = cmd::run(
        Command::new(venv.join("bin/python"))
            .arg(root().join("xtask/schemathesis/run.py"))
            .arg(format!("http://127.0.0.1:{port}"))
            .arg(work.join("report")),
    );
    let _ = child.kill();
    let _ = child.wait();
    // The database and report are kept only when there is something to read in them.
    if result.is_ok() {
        let _ = std::fs::remove_dir_all(&work);
    }
    result
}
