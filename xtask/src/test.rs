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
    let mut command = crate::cmd::cargo();
    command.args(args).current_dir(root());
    // A clean clone gains nothing from incremental state, which doubles the size of
    // `target/` (a CI run once failed with a full disk).
    if std::env::var_os("CI").is_some() {
        command.env("CARGO_INCREMENTAL", "0");
    }
    command
}

/// What runs in Firefox as well as Chromium (issue 27): the person co-authoring in
/// easy read with read-aloud, a family member under consent, staff writing, agreeing and
/// reviewing, a sign-in card, and the display modes with axe on every page they reach.
const ENGINE_TESTS: [&str; 7] = [
    "goal_edit::the_person_writes_a_goal_in_their_own_words_and_says_they_do_not_agree",
    "read_aloud::every_point_can_be_read_aloud_with_the_keyboard",
    "sharing::the_person_stops_sharing_in_easy_read_and_the_family_page_loses_access",
    "sharing::staff_make_a_sign_in_card_that_signs_the_person_in_once",
    "plan_journey::staff_write_a_plan_the_person_agrees_it_and_a_change_starts_version_2",
    "review::the_person_asks_staff_review_in_two_parts_and_the_plan_moves_on",
    "display_modes::every_page_the_person_reaches_measures_up_in_every_mode",
];

/// The engines besides Chromium, as `OURPLAN_TEST_ENGINE` names them.
const OTHER_ENGINES: [(&str, &str); 2] = [("firefox", "Firefox ESR"), ("webkit", "WebKitGTK")];

/// `cargo test` over the same packages every time, so that the runs on each database and
/// engine reuse one build: selecting fewer packages or targets changes the unified features
/// and rebuilds the backend and every test binary (minutes on 2 cores).
fn cargo_test() -> Command {
    cargo(&[
        "test",
        "--workspace",
        "--exclude",
        "ourplan-frontend",
        "--no-fail-fast",
    ])
}

/// `cargo <tool>` with the pinned tool built into `target/xtask` found first on the path.
fn cargo_with_tool(tool: &std::path::Path, args: &[&str]) -> Command {
    let mut path = std::ffi::OsString::from(tool.parent().unwrap_or(tool));
    if let Some(rest) = std::env::var_os("PATH") {
        path.push(":");
        path.push(rest);
    }
    let mut command = cargo(args);
    command.env("PATH", path);
    command
}

/// The browser app's `view!` macros are laid out as `leptosfmt.toml` says (`leptosfmt frontend`
/// and then `cargo fmt` put them right).
fn view_format() -> Result<()> {
    let leptosfmt = setup::cargo_tool("leptosfmt", setup::LEPTOSFMT, "leptosfmt")?;
    crate::cmd::run(
        Command::new(leptosfmt)
            .args(["--check", "frontend"])
            .current_dir(root()),
    )
}

/// Every dependency's licence suits AGPL-3.0-or-later, no banned crate is in the tree, and
/// everything comes from crates.io (`deny.toml`).
fn dependency_policy() -> Result<()> {
    let deny = setup::cargo_tool("cargo-deny", setup::CARGO_DENY, "cargo-deny")?;
    crate::cmd::run(&mut cargo_with_tool(
        &deny,
        &["deny", "check", "licenses", "bans", "sources"],
    ))
}

/// No crate declares a dependency it does not use. Run directly, not as `cargo machete`: under
/// `cargo xtask` (itself `cargo run`), cargo-machete would take `machete` for a path to look in.
fn unused_dependencies() -> Result<()> {
    let machete = setup::cargo_tool("cargo-machete", setup::CARGO_MACHETE, "cargo-machete")?;
    crate::cmd::run(Command::new(machete).current_dir(root()))
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
    let mail_python = setup::mail_sink()?;
    let geckodriver = setup::firefox()?;
    setup::webkit()?;

    let mut tally = Tally::default();
    tally.check(
        "cargo fmt --check",
        crate::cmd::run(&mut cargo(&["fmt", "--all", "--", "--check"])),
    );
    // All features, so the bench-only routes (`bench`) are type-checked on every run too.
    tally.check(
        "clippy (native)",
        crate::cmd::run(&mut cargo(&[
            "clippy",
            "--workspace",
            "--exclude",
            "ourplan-frontend",
            "--all-targets",
            "--all-features",
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
    tally.check("leptosfmt --check", view_format());
    tally.check("cargo deny (licences, bans, sources)", dependency_policy());
    tally.check("unused dependencies (cargo machete)", unused_dependencies());
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
    let server = crate::target_dir().join("debug/ourplan");

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
            .env("OURPLAN_TEST_MAIL_PYTHON", &mail_python)
            .env_remove("OURPLAN_TEST_POSTGRES");
    };

    println!("\n== Unit, API and browser tests on SQLite ==");
    let mut sqlite = cargo_test();
    test_env(&mut sqlite);
    tally.tests("tests on SQLite", crate::cmd::run_teed(&mut sqlite));

    // The journeys on the other engines, on SQLite: the database makes no difference to a
    // browser, and the whole browser suite has already run on Chromium. Each engine runs
    // alone, after the rest: WebKitGTK's driver lost elements now and then when it ran
    // beside the whole suite.
    for (engine, name) in OTHER_ENGINES {
        println!("\n== Journeys in {name} (SQLite) ==");
        let mut run = cargo_test();
        run.arg("--").args(ENGINE_TESTS).arg("--exact");
        test_env(&mut run);
        run.env("OURPLAN_TEST_ENGINE", engine)
            .env("OURPLAN_TEST_GECKODRIVER", &geckodriver);
        tally.tests(
            &format!("journeys in {name}"),
            crate::cmd::run_teed(&mut run),
        );
    }

    println!("\n== Schemathesis against the OpenAPI document ==");
    tally.check("schemathesis", crate::fuzz::run(&server, &dist));

    // Everything again on PostgreSQL but the browser tests of a page's details
    // (`ourplan_tests::browser::skip_detail`), which the database cannot change.
    println!("\n== Unit, API and browser journeys on PostgreSQL ==");
    match Cluster::start() {
        Ok(cluster) => {
            let mut pg = cargo_test();
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
