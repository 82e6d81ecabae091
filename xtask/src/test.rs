//! `cargo xtask test`: every check, on both databases, with the browser tests really run.
//! Ends with one line `N passed, N failed` (tests plus the fmt, clippy and build checks).

use std::process::Command;
use std::time::Instant;

use anyhow::Result;

use crate::postgres::Cluster;
use crate::setup::{self, WASM_TARGET};
use crate::{frontend, postgres, root};

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    failures: Vec<String>,
}

impl Tally {
    /// A whole step counts as one check.
    fn check(&mut self, name: &str, ok: Result<()>) {
        match ok {
            Ok(()) => self.passed += 1,
            Err(error) => {
                println!("✗ {name}: {error:#}");
                self.failed += 1;
                self.failures.push(name.to_owned());
            }
        }
    }

    /// Adds the counts from `cargo test` output; a run that failed without a count (a build
    /// error) counts as one failure.
    fn tests(&mut self, name: &str, result: Result<(bool, String)>) {
        let (ok, output) = match result {
            Ok(result) => result,
            Err(error) => return self.check(name, Err(error)),
        };
        let (passed, failed) = count_results(&output);
        self.passed += passed;
        self.failed += failed;
        if !ok || failed > 0 {
            if failed == 0 {
                self.failed += 1;
            }
            self.failures.push(name.to_owned());
        }
    }
}

/// Sums `test result: … N passed; M failed; …` lines.
fn count_results(output: &str) -> (u64, u64) {
    let mut totals = (0, 0);
    for line in output.lines().filter(|l| l.starts_with("test result:")) {
        for part in line.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(number), Some(word)) = (words.next(), words.next()) {
                let Ok(number) = number.parse::<u64>() else {
                    continue;
                };
                match word {
                    "passed" => totals.0 += number,
                    "failed" => totals.1 += number,
                    _ => {}
                }
            }
        }
    }
    totals
}

fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command.args(args).current_dir(root());
    command
}

pub fn test() -> Result<()> {
    let started = Instant::now();
    ctrlc::set_handler(|| {
        postgres::stop_all();
        std::process::exit(130);
    })?;
    setup::frontend_tools()?;
    setup::libpq()?;
    setup::chromium()?;
    setup::poppler()?;

    let mut tally = Tally::default();
    tally.check(
        "cargo fmt --check",
        crate::cmd::run(&mut cargo(&["fmt", "--all", "--", "--check"])),
    );
    tally.check(
        "clippy (native)",
        crate::cmd::run(&mut cargo(&[
            "clippy",
            "--workspace",
            "--exclude",
            "ourplan-frontend",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])),
    );
    tally.check(
        "clippy (wasm32)",
        crate::cmd::run(&mut cargo(&[
            "clippy",
            "--package",
            "ourplan-frontend",
            "--package",
            "ourplan-shared",
            "--target",
            WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ])),
    );
    let dist = frontend::build();
    let dist = match dist {
        Ok(dist) => {
            tally.passed += 1;
            dist
        }
        Err(error) => {
            tally.check("browser app build", Err(error));
            frontend::dist_dir()
        }
    };

    // The server binary itself, for the tests that kill and stop it as a process.
    let server = crate::cmd::run(&mut cargo(&[
        "build",
        "--package",
        "ourplan-backend",
        "--bin",
        "ourplan",
    ]));
    tally.check("server binary build", server);
    let server = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
        .join("debug/ourplan");

    let test_env = |command: &mut Command| {
        command
            .env("OURPLAN_TEST_SERVER", &server)
            .env("OURPLAN_TEST_DIST", &dist)
            .env(
                "OURPLAN_TEST_AXE",
                setup::node_modules().join("axe-core/axe.min.js"),
            )
            .env("OURPLAN_TEST_CHROMIUM", setup::CHROMIUM)
            .env("OURPLAN_TEST_CHROMEDRIVER", setup::CHROMEDRIVER)
            .env_remove("OURPLAN_TEST_POSTGRES");
    };

    println!("\n== Unit, API and browser tests on SQLite ==");
    let mut sqlite = cargo(&["test", "--workspace", "--exclude", "ourplan-frontend"]);
    test_env(&mut sqlite);
    tally.tests("tests on SQLite", crate::cmd::run_teed(&mut sqlite));

    println!("\n== Schemathesis against the OpenAPI document ==");
    tally.check("schemathesis", crate::fuzz::run(&server, &dist));

    println!("\n== API and browser tests on PostgreSQL ==");
    match Cluster::start() {
        Ok(cluster) => {
            let mut pg = cargo(&["test", "--package", "ourplan-tests"]);
            test_env(&mut pg);
            pg.env("OURPLAN_TEST_POSTGRES", cluster.url());
            tally.tests("tests on PostgreSQL", crate::cmd::run_teed(&mut pg));
        }
        Err(error) => tally.check("PostgreSQL test cluster", Err(error)),
    }

    println!("\nFinished in {:.0?}.", started.elapsed());
    if !tally.failures.is_empty() {
        println!("Failed: {}", tally.failures.join(", "));
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_every_test_binary() {
        let output = "running 2 tests\n\
            test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
            test result: FAILED. 5 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(count_results(output), (7, 1));
        assert_eq!(count_results("error: could not compile"), (0, 0));
    }
}
