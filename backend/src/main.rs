//! `ourplan`: the server. With no arguments it serves, with configuration from the environment
//! (see the README); `ourplan seed --people N` adds N fictional people with full plans to the
//! database in `DATABASE_URL` (created and migrated if new), for load tests;
//! `ourplan audit-verify` checks that database's audit chain and exits non-zero if broken;
//! `ourplan backup FILE` writes a consistent copy of it while the server runs, and
//! `ourplan restore FILE` puts a backup into a new database (see the README).

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use ourplan_backend::config::Config;
use ourplan_backend::db::backup;
use ourplan_backend::db::model::audit_event;
use ourplan_backend::{demo, server};

const USAGE: &str = "usage: ourplan [seed --people N | audit-verify | backup FILE | restore FILE]";

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = Config::from_env()
        .map_err(|error| error.to_string())
        .and_then(|config| match args.as_slice() {
            [] => serve(config),
            [seed, flag, count] if seed == "seed" && flag == "--people" => match count.parse() {
                Ok(people) => seed_people(&config, people),
                Err(_) => Err(format!("--people takes a whole number, not {count:?}")),
            },
            [verify] if verify == "audit-verify" => audit_verify(&config),
            [task, file] if task == "backup" => backup::backup(&config.database, Path::new(file))
                .map(|done| {
                    println!(
                        "backed up to {file} ({:.1} MiB) in {:.1} s",
                        done.bytes as f64 / 1_048_576.0,
                        done.took.as_secs_f64()
                    );
                }),
            [task, file] if task == "restore" => backup::restore(Path::new(file), &config.database)
                .map(|done| {
                    println!(
                        "restored {file} ({:.1} MiB) in {:.1} s; its audit trail is intact",
                        done.bytes as f64 / 1_048_576.0,
                        done.took.as_secs_f64()
                    );
                }),
            _ => Err(USAGE.to_owned()),
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ourplan: {error}");
            ExitCode::FAILURE
        }
    }
}

fn serve(config: Config) -> Result<(), String> {
    let state = server::prepare(&config).map_err(|error| error.to_string())?;
    actix_web::rt::System::new()
        .block_on(server::serve(config, state))
        .map_err(|error| error.to_string())
}

/// Checks the audit chain of the database in `DATABASE_URL`; fails if a row was changed or
/// deleted.
fn audit_verify(config: &Config) -> Result<(), String> {
    let state = server::prepare(config).map_err(|error| error.to_string())?;
    let mut conn = state.pool.get().map_err(|error| error.to_string())?;
    match audit_event::verify(&mut conn).map_err(|error| error.to_string())? {
        Ok(rows) => {
            println!("the audit trail is intact: {rows} entries checked");
            Ok(())
        }
        Err(broken) => Err(format!(
            "the audit trail is broken at entry {}: {}",
            broken.seq, broken.reason
        )),
    }
}

fn seed_people(config: &Config, people: usize) -> Result<(), String> {
    let state = server::prepare(config).map_err(|error| error.to_string())?;
    let mut conn = state.pool.get().map_err(|error| error.to_string())?;
    let started = Instant::now();
    let seeded = demo::seed_people(&mut conn, people).map_err(|error| error.to_string())?;
    println!(
        "seeded {people} fictional people with full plans ({} rows) in {:.1} s",
        seeded.rows,
        started.elapsed().as_secs_f64()
    );
    println!(
        "the manager of all of them signs in as {} with the demo password",
        seeded.manager_email
    );
    Ok(())
}
