//! `ourplan`: the server. With no arguments it serves, with configuration from the environment
//! (see the README); `ourplan seed --people N` adds N fictional people with full plans to the
//! database in `DATABASE_URL` (created and migrated if new), for load tests;
//! `ourplan audit-verify` checks that database's audit chain and exits non-zero if broken;
//! `ourplan backup FILE` writes a consistent copy of it while the server runs, and
//! `ourplan restore FILE` puts a backup into a new database (see the README);
//! `ourplan setup` asks for a new installation's organisation and first admin and prints a
//! one-time link that sets it up; `ourplan purge [--dry-run]` removes (or lists) the people
//! whose records are past their organisation's retention period; `ourplan import FILE`
//! brings in people and staff from a CSV file, checked whole first.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use ourplan_backend::auth::Maker;
use ourplan_backend::config::Config;
use ourplan_backend::db::backup;
use ourplan_backend::db::model::audit_event;
use ourplan_backend::db::model::now;
use ourplan_backend::db::model::organisation::OrganisationRow;
use ourplan_backend::import::Refused;
use ourplan_backend::setup::{self, LinkDetails};
use ourplan_backend::{demo, retention, server};
use ourplan_shared::setup::{SETUP_LINK_HOURS, detail_problem, setup_link};

const USAGE: &str = "usage: ourplan [setup [--organisation NAME] [--time-zone ZONE] \
                     [--admin-name NAME] [--admin-email EMAIL] | seed --people N | audit-verify | \
                     purge [--dry-run] | import FILE [--organisation NAME] | backup FILE | \
                     restore FILE]";

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    ourplan_backend::allocator::tune();
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
            [task] if task == "purge" => purge(&config, false),
            [task, file] if task == "import" => import(&config, file, None),
            [task, file, flag, name] if task == "import" && flag == "--organisation" => {
                import(&config, file, Some(name))
            }
            [task, flag] if task == "purge" && flag == "--dry-run" => purge(&config, true),
            [task, flags @ ..] if task == "setup" => setup(&config, flags),
            [task, file] if task == "backup" => use_audit_key(&config)
                .and_then(|()| backup::backup(&config.database, Path::new(file)))
                .and_then(|mut done| {
                    done.bytes +=
                        backup::backup_media(config.media_dir.as_deref(), Path::new(file))?;
                    Ok(done)
                })
                .map(|done| {
                    println!(
                        "backed up to {file} ({:.1} MiB) in {:.1} s",
                        done.bytes as f64 / 1_048_576.0,
                        done.took.as_secs_f64()
                    );
                }),
            [task, file] if task == "restore" => use_audit_key(&config)
                .and_then(|()| backup::restore(Path::new(file), &config.database))
                .and_then(|mut done| {
                    done.bytes +=
                        backup::restore_media(Path::new(file), config.media_dir.as_deref())?;
                    Ok(done)
                })
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

/// Backups and restores check the audit chain: with the key, when the server has one.
fn use_audit_key(config: &Config) -> Result<(), String> {
    match &config.audit_key_file {
        Some(path) => {
            ourplan_backend::audit::key::install(ourplan_backend::audit::key::AuditKey::load(path)?)
        }
        None => Ok(()),
    }
}

fn serve(config: Config) -> Result<(), String> {
    let state = server::prepare(&config).map_err(|error| error.to_string())?;
    print_setup_link_if_needed(&config, &state)?;
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

/// Lists, and unless `dry_run` removes, everyone past their organisation's retention period.
fn purge(config: &Config, dry_run: bool) -> Result<(), String> {
    let state = server::prepare(config).map_err(|error| error.to_string())?;
    let mut conn = state.pool.get().map_err(|error| error.to_string())?;
    let due = retention::due(&mut conn).map_err(|error| error.to_string())?;
    if due.is_empty() {
        println!("nobody is past their organisation's retention period");
        return Ok(());
    }
    for person in &due {
        let who = &person.person;
        println!(
            "{} {} ({}): support ended {}, kept {} years, due since {}",
            if dry_run { "would purge" } else { "purging" },
            who.person_id,
            who.full_name,
            who.left_on,
            who.retention_years,
            person.purge_from
        );
        if !dry_run {
            let removed = retention::purge(&mut conn, person, &state.media)
                .map_err(|error| error.to_string())?;
            println!(
                "  removed {} rows; {} audit entries are tombstones now",
                removed.rows, removed.tombstones
            );
        }
    }
    if dry_run {
        println!("{} people would be purged; nothing was changed", due.len());
    } else {
        println!(
            "{} people purged; `ourplan audit-verify` still checks the chain",
            due.len()
        );
    }
    Ok(())
}

/// Imports a CSV file of people and staff into the organisation (the only one, or the one
/// named), and prints each new member of staff's invitation for the operator to pass on.
fn import(config: &Config, file: &str, organisation: Option<&str>) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|error| format!("reading {file}: {error}"))?;
    let state = server::prepare(config).map_err(|error| error.to_string())?;
    let mut conn = state.pool.get().map_err(|error| error.to_string())?;
    let organisations = OrganisationRow::all(&mut conn).map_err(|error| error.to_string())?;
    let chosen = match organisation {
        Some(name) => organisations.iter().find(|o| o.name == name),
        None if organisations.len() == 1 => organisations.first(),
        None if organisations.is_empty() => {
            return Err("there is no organisation yet: run `ourplan setup` first".to_owned());
        }
        None => {
            let names: Vec<&str> = organisations.iter().map(|o| o.name.as_str()).collect();
            return Err(format!(
                "there are several organisations; name one with --organisation: {}",
                names.join(", ")
            ));
        }
    }
    .ok_or_else(|| format!("there is no organisation called {organisation:?}"))?;
    let by = Maker::System {
        organisation_id: chosen.id,
    };
    // Invitations go into the outbox, sent once the server runs; they carry no unsubscribe
    // link, so no key is needed here.
    let mail = ourplan_backend::email::Mail::new(
        config.mail.clone(),
        config.public_url.clone(),
        Vec::new(),
    );
    match ourplan_backend::import::import(&mut conn, &by, &text, &config.public_url, now(), &mail) {
        Ok(report) => {
            chain_stored(&mut conn)?;
            println!(
                "imported into {}: {} people, {} staff, {} new teams ({})",
                chosen.name,
                report.people,
                report.staff.len(),
                report.teams_created.len(),
                report.teams_created.join(", ")
            );
            for staff in &report.staff {
                println!(
                    "  invitation for {} <{}>, good for 7 days: {}",
                    staff.display_name, staff.email, staff.invitation.link
                );
            }
            Ok(())
        }
        Err(Refused::Failed(error)) => Err(error.to_string()),
        Err(Refused::Problems(problems)) => {
            for problem in &problems {
                eprintln!("{file}: {problem}");
            }
            Err(format!(
                "{} problems in {file}; nothing was imported",
                problems.len()
            ))
        }
    }
}

/// A task's audit entries join the chain before it ends, not at the server's next start.
fn chain_stored(conn: &mut ourplan_backend::db::DbConnection) -> Result<(), String> {
    audit_event::chain(conn, &[])
        .map(drop)
        .map_err(|error| format!("chaining the audit entries: {error}"))
}

fn seed_people(config: &Config, people: usize) -> Result<(), String> {
    let state = server::prepare(config).map_err(|error| error.to_string())?;
    let mut conn = state.pool.get().map_err(|error| error.to_string())?;
    let started = Instant::now();
    let seeded = demo::seed_people(&mut conn, people).map_err(|error| error.to_string())?;
    chain_stored(&mut conn)?;
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

/// With no organisation yet, a fresh one-time setup link, printed for whoever started the
/// server (not logged: the link is a secret until used).
fn print_setup_link_if_needed(config: &Config, state: &server::AppState) -> Result<(), String> {
    let mut conn = state.pool.get().map_err(|error| error.to_string())?;
    if setup::is_set_up(&mut conn).map_err(|error| error.to_string())? {
        return Ok(());
    }
    let token = setup::issue_link(&mut conn, LinkDetails::default(), now())
        .map_err(|error| error.to_string())?;
    println!(
        "\nThis Ourplan has no organisation yet. Open this one-time link within {SETUP_LINK_HOURS} \
         hours to set it up:\n\n  {}\n",
        setup_link(&config.public_url, &token)
    );
    Ok(())
}

/// `ourplan setup`: the organisation's name and time zone and the first admin's name and
/// email, from flags or asked for one by one, then a one-time link to finish in the browser
/// (where the admin chooses their password). An answer left empty is asked on that page.
fn setup(config: &Config, flags: &[String]) -> Result<(), String> {
    const FIELDS: [(&str, &str, &str); 4] = [
        (
            "--organisation",
            "organisation_name",
            "The organisation's name",
        ),
        (
            "--time-zone",
            "time_zone",
            "Its time zone (such as Europe/London)",
        ),
        ("--admin-name", "admin_name", "The first admin's name"),
        (
            "--admin-email",
            "admin_email",
            "The first admin's email address",
        ),
    ];
    let mut given: [Option<String>; 4] = Default::default();
    let mut rest = flags.iter();
    while let Some(flag) = rest.next() {
        let index = FIELDS
            .iter()
            .position(|(name, _, _)| name == flag)
            .ok_or_else(|| USAGE.to_owned())?;
        let value = rest.next().ok_or_else(|| format!("{flag} needs a value"))?;
        given[index] = Some(value.clone());
    }
    let state = server::prepare(config).map_err(|error| error.to_string())?;
    let mut conn = state.pool.get().map_err(|error| error.to_string())?;
    if setup::is_set_up(&mut conn).map_err(|error| error.to_string())? {
        return Err(
            "this Ourplan is already set up: its admins add people and staff after signing in"
                .to_owned(),
        );
    }
    let mut answers: [Option<String>; 4] = Default::default();
    for (((flag, field, question), given), answer) in FIELDS.iter().zip(given).zip(&mut answers) {
        let value = match given {
            Some(value) => value,
            None => loop {
                let typed = ask(question)?;
                match check_detail(field, &typed) {
                    Err(problem) if !typed.trim().is_empty() => eprintln!("  {problem}"),
                    _ => break typed,
                }
            },
        };
        let value = value.trim().to_owned();
        if value.is_empty() {
            continue;
        }
        check_detail(field, &value).map_err(|problem| format!("{flag}: {problem}"))?;
        *answer = Some(value);
    }
    let [organisation_name, time_zone, admin_name, admin_email] = answers;
    let details = LinkDetails {
        organisation_name,
        time_zone,
        admin_name,
        admin_email,
    };
    let token = setup::issue_link(&mut conn, details, now()).map_err(|error| error.to_string())?;
    println!(
        "\nOpen this one-time link within {SETUP_LINK_HOURS} hours, in a browser that reaches \
         the server, to finish setting up and choose the admin's password:\n\n  {}\n",
        setup_link(&config.public_url, &token)
    );
    Ok(())
}

fn check_detail(field: &str, value: &str) -> Result<(), String> {
    if let Some(problem) = detail_problem(field, value) {
        return Err(problem);
    }
    if field == "time_zone" {
        setup::check_time_zone(value.trim()).map_err(|error| error.to_string())?;
    }
    Ok(())
}

/// One question on the terminal; the answer without its line end (empty at end of input).
fn ask(question: &str) -> Result<String, String> {
    use std::io::Write;
    print!("{question} (Enter to leave it for the setup page): ");
    std::io::stdout()
        .flush()
        .map_err(|error| error.to_string())?;
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|error| error.to_string())?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
