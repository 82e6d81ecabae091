//! `cargo xtask <task>`: Ourplan's build, run and test tasks. Each installs what it needs
//! (wasm target, npm tools, Chromium, PostgreSQL) or stops with one sentence saying what to run.

mod bench;
mod cmd;
mod frontend;
mod fuzz;
mod pictures;
mod postgres;
mod run;
mod setup;
mod test;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  run     build the browser app and the server, migrate, seed demo data on first run, serve
          (OURPLAN_DEMO=0: no demo data; an empty database then prints a setup link)
  test    every check: fmt, clippy (native and wasm32), unit, API on SQLite and PostgreSQL, browser
  build   build the browser app into dist/ only
  bench   measure the release server on loopback, the browser download, the plan page's
          render time in headless Chromium and Lighthouse scores: Markdown tables and
          target/bench.json
  bench browser
          only the browser part (download, plan page timing, Lighthouse, layout shift); its
          figures replace the same ones in target/bench.json
  bench layout
          only how much every page moves as it loads (cumulative layout shift), signed out
          and as each demo role, on a desktop window and a phone's
  bench server
          only the server part, on SQLite and PostgreSQL; its figures replace the same ones
          in target/bench.json
  setup [--organisation NAME] [--time-zone ZONE] [--admin-name NAME] [--admin-email EMAIL]
          on a database with no organisation (DATABASE_URL), ask for the organisation and its
          first admin and print a one-time link that finishes setting it up in the browser
  seed --people N
          add N fictional people with full plans to the database in DATABASE_URL
  import FILE [--organisation NAME]
          bring in people and staff from a CSV file (columns in the README), checked whole
          first: nothing is written if any row is wrong
  purge [--dry-run]
          remove (or only list) the people in DATABASE_URL past their organisation's
          retention period; their audit entries stay as tombstones
  audit-verify
          check the audit chain of the database in DATABASE_URL (non-zero exit if broken)
  backup FILE
          write a consistent copy of the database in DATABASE_URL to FILE, while it runs
  restore FILE
          put the backup FILE into the new database in DATABASE_URL, checked";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run::run(),
        Some("test") => test::test(),
        Some("bench") => bench::bench(&args[1..]),
        Some("seed") => run::seed(&args[1..]),
        Some("audit-verify") => run::server_task(&["audit-verify"]),
        Some("import") => match &args[1..] {
            [file] => run::server_task(&["import", &absolute(file)]),
            [file, flag, name] if flag == "--organisation" => {
                run::server_task(&["import", &absolute(file), flag, name])
            }
            _ => {
                eprintln!("usage: cargo xtask import FILE [--organisation NAME]");
                return ExitCode::from(2);
            }
        },
        Some("purge") => match &args[1..] {
            [] => run::server_task(&["purge"]),
            [flag] if flag == "--dry-run" => run::server_task(&["purge", "--dry-run"]),
            _ => {
                eprintln!("usage: cargo xtask purge [--dry-run]");
                return ExitCode::from(2);
            }
        },
        Some("setup") => {
            let mut task = vec!["setup"];
            task.extend(args[1..].iter().map(String::as_str));
            run::server_task(&task)
        }
        Some(task @ ("backup" | "restore")) => match &args[1..] {
            [file] => run::server_task(&[task, &absolute(file)]),
            _ => {
                eprintln!("usage: cargo xtask {task} FILE");
                return ExitCode::from(2);
            }
        },
        Some("build") => setup::frontend_tools().and_then(|()| frontend::build().map(|_| ())),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// A path as given from where cargo was started, for a task that runs from the root.
fn absolute(path: &str) -> String {
    std::env::current_dir()
        .map(|dir| dir.join(path).to_string_lossy().into_owned())
        .unwrap_or_else(|_| path.to_owned())
}

/// Where cargo builds: `CARGO_TARGET_DIR` when set; under CI, `<cache>/target`; else
/// `target/` in the workspace. CI builds each commit in a fresh clone, and keeping its build
/// in the cache saves compiling every dependency again (about 15 minutes of a run on 2
/// cores); cargo's fingerprints still rebuild whatever changed.
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    if std::env::var_os("CI").is_some() {
        return cache_dir().join("target");
    }
    root().join("target")
}

/// What outlives a clone: the pinned tools, the Python environments and, under CI, the build.
/// `OURPLAN_CACHE_DIR`, else `$XDG_CACHE_HOME/ourplan`, else `~/.cache/ourplan`; `target/`
/// when there is no home.
pub fn cache_dir() -> PathBuf {
    let var = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("OURPLAN_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|dir| dir.join("ourplan")))
        .or_else(|| var("HOME").map(|dir| dir.join(".cache/ourplan")))
        .unwrap_or_else(|| root().join("target/xtask"))
}

/// The workspace root, whatever directory cargo was started from.
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
