//! A throwaway PostgreSQL cluster for the test suite: created in a temporary folder on a free
//! loopback port, removed when dropped (or on Ctrl-C).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

use crate::{cmd, setup};

/// Clusters to stop if the task is interrupted.
static RUNNING: Mutex<Vec<(PathBuf, PathBuf, bool)>> = Mutex::new(Vec::new());

pub struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl Cluster {
    /// A cluster for the tests, with durability off: it is thrown away after the run.
    pub fn start() -> Result<Self> {
        Self::start_with(false)
    }

    /// `durable`: fsync and synchronous commit on, as a deployment runs, for the bench.
    pub fn start_with(durable: bool) -> Result<Self> {
        let bin = setup::postgres()?;
        // PostgreSQL refuses to run as root, so root runs it as the `postgres` user.
        let as_postgres = cmd::is_root();
        let dir = std::env::temp_dir().join(format!("ourplan-pg-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        if as_postgres {
            cmd::run(Command::new("chown").arg("postgres:postgres").arg(&dir))?;
        }
        let port = free_port()?;
        let cluster = Self {
            bin,
            dir,
            port,
            as_postgres,
        };
        let data = cluster.dir.join("data");
        cluster.pg(
            "initdb",
            &[
                "-D",
                &data.to_string_lossy(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
        )?;
        let durability = if durable {
            ""
        } else {
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        };
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300{durability}",
            cluster.dir.display()
        );
        if let Ok(mut running) = RUNNING.lock() {
            running.push((cluster.bin.clone(), data.clone(), as_postgres));
        }
        cluster.pg(
            "pg_ctl",
            &[
                "-D",
                &data.to_string_lossy(),
                "-o",
                &options,
                "-l",
                &cluster.dir.join("server.log").to_string_lossy(),
                "-w",
                "start",
            ],
        )?;
        Ok(cluster)
    }

    /// A superuser URL; tests create a database of their own through it.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn pg(&self, program: &str, args: &[&str]) -> Result<()> {
        run_pg(&self.bin, program, args, self.as_postgres, &self.dir)
    }
}

fn run_pg(bin: &Path, program: &str, args: &[&str], as_postgres: bool, cwd: &Path) -> Result<()> {
    let program = bin.join(program);
    let mut command = if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    };
    command.args(args).current_dir(cwd);
    cmd::run(&mut command)
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.pg(
            "pg_ctl",
            &["-D", &data.to_string_lossy(), "-m", "immediate", "stop"],
        );
        if let Ok(mut running) = RUNNING.lock() {
            running.retain(|(_, d, _)| d != &data);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Stops every cluster still running (called from the Ctrl-C handler).
pub fn stop_all() {
    let Ok(running) = RUNNING.lock() else { return };
    for (bin, data, as_postgres) in running.iter() {
        let _ = run_pg(
            bin,
            "pg_ctl",
            &["-D", &data.to_string_lossy(), "-m", "immediate", "stop"],
            *as_postgres,
            Path::new("/"),
        );
        if let Some(dir) = data.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    let port = listener.local_addr()?.port();
    if port == 0 {
        bail!("the system gave port 0");
    }
    Ok(port)
}
