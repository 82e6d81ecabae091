//! Backups and restores of the database in `DATABASE_URL`, safe while the server runs.
//!
//! SQLite: `VACUUM INTO` writes a consistent snapshot of a live database (one read
//! transaction; writers carry on under WAL). A restore checks the file first (integrity, that
//! it is an Ourplan database, that its audit chain is whole) and only ever writes a new file,
//! so a running database is never overwritten.
//! PostgreSQL: `pg_dump --format=custom` (a consistent snapshot too) and `pg_restore` into an
//! empty database; both come with PostgreSQL.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use diesel::sql_types::Text;

use super::connection::Manager;
use super::model::audit_event;
use super::{DatabaseUrl, DbConnection};

/// What a backup or restore did, for the person running it.
pub struct Done {
    pub bytes: u64,
    pub took: Duration,
}

fn connect(url: &DatabaseUrl) -> Result<DbConnection, String> {
    Manager::new(url.clone())
        .establish()
        .map_err(|e| format!("cannot open the database: {e}"))
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Writes a consistent copy of the database in `url` to the new file `to`.
pub fn backup(url: &DatabaseUrl, to: &Path) -> Result<Done, String> {
    if to.exists() {
        return Err(format!(
            "{} already exists; choose a new file name so no backup is overwritten",
            to.display()
        ));
    }
    let started = Instant::now();
    match url {
        DatabaseUrl::Sqlite(_) => {
            let mut conn = connect(url)?;
            let DbConnection::Sqlite(sqlite) = &mut conn else {
                return Err("expected a SQLite connection".to_owned());
            };
            diesel::sql_query("VACUUM INTO ?")
                .bind::<Text, _>(to.to_string_lossy())
                .execute(sqlite)
                .map_err(|e| format!("the backup failed: {e}"))?;
        }
        DatabaseUrl::Postgres(address) => run(Command::new("pg_dump")
            .arg("--format=custom")
            .arg("--no-owner")
            .arg(format!("--file={}", to.display()))
            .arg(address))?,
    }
    Ok(Done {
        bytes: size(to),
        took: started.elapsed(),
    })
}

/// Restores the backup `from` into the database in `url`, which must be new: a SQLite file
/// that does not exist yet, or an empty PostgreSQL database.
pub fn restore(from: &Path, url: &DatabaseUrl) -> Result<Done, String> {
    if !from.is_file() {
        return Err(format!("there is no backup at {}", from.display()));
    }
    let started = Instant::now();
    match url {
        DatabaseUrl::Sqlite(target) => {
            if target.exists() {
                return Err(format!(
                    "{} already exists; restore into a new file and point DATABASE_URL at it",
                    target.display()
                ));
            }
            // Copied beside the target, checked, and renamed: the backup itself is never
            // opened, and a half-written or damaged copy never has the target's name.
            let partial = target.with_extension("restoring");
            std::fs::copy(from, &partial).map_err(|e| format!("cannot copy the backup: {e}"))?;
            if let Err(problem) = check(&DatabaseUrl::Sqlite(partial.clone())) {
                let _ = std::fs::remove_file(&partial);
                return Err(problem);
            }
            std::fs::rename(&partial, target)
                .map_err(|e| format!("cannot put the restored file in place: {e}"))?;
        }
        DatabaseUrl::Postgres(address) => {
            if tables(&mut connect(url)?, None)? > 0 {
                return Err(
                    "the database in DATABASE_URL is not empty; restore into a new database"
                        .to_owned(),
                );
            }
            run(Command::new("pg_restore")
                .arg("--no-owner")
                .arg("--exit-on-error")
                .arg(format!("--dbname={address}"))
                .arg(from))?;
        }
    }
    check(url)?;
    Ok(Done {
        bytes: size(from),
        took: started.elapsed(),
    })
}

/// A restored (or to-be-restored) database is whole: SQLite's own check passes, it has been
/// migrated by Ourplan, and its audit chain verifies.
pub fn check(url: &DatabaseUrl) -> Result<(), String> {
    let mut conn = connect(url)?;
    if let DbConnection::Sqlite(sqlite) = &mut conn {
        #[derive(diesel::QueryableByName)]
        struct Integrity {
            #[diesel(sql_type = Text)]
            integrity_check: String,
        }
        let rows: Vec<Integrity> = diesel::sql_query("PRAGMA integrity_check")
            .load(sqlite)
            .map_err(|e| format!("not a SQLite database: {e}"))?;
        if rows.first().map(|r| r.integrity_check.as_str()) != Some("ok") {
            return Err("the backup is damaged (SQLite's integrity check failed)".to_owned());
        }
    }
    if tables(&mut conn, Some("__diesel_schema_migrations"))? == 0 {
        return Err("this is not an Ourplan database".to_owned());
    }
    match audit_event::verify(&mut conn).map_err(|e| e.to_string())? {
        Ok(_) => Ok(()),
        Err(broken) => Err(format!(
            "the audit trail in the backup is broken at entry {}: {}",
            broken.seq, broken.reason
        )),
    }
}

/// How many of the database's own tables there are (named `name`, if given), without
/// creating any (diesel's migration look-up would create its table).
fn tables(conn: &mut DbConnection, name: Option<&str>) -> Result<i64, String> {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let name = name.unwrap_or("%");
    let count = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name LIKE ?",
        )
        .bind::<Text, _>(name)
        .get_result::<Count>(c),
        DbConnection::Postgres(c) => diesel::sql_query(
            "SELECT COUNT(*) AS n FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_name LIKE $1",
        )
        .bind::<Text, _>(name)
        .get_result::<Count>(c),
    };
    count.map(|c| c.n).map_err(|e| e.to_string())
}

fn run(command: &mut Command) -> Result<(), String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let output = command.output().map_err(|e| {
        format!("cannot run {program} ({e}); it comes with PostgreSQL's client tools")
    })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// Where the photos and recordings of the backup `file` go when they are kept in
/// `OURPLAN_MEDIA_DIR`: a directory beside it, `FILE.media`.
pub fn media_beside(file: &Path) -> std::path::PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".media");
    name.into()
}

/// Copies the media directory beside the backup `to`, after the database. Files written after
/// the database's snapshot have no row in it and do no harm.
pub fn backup_media(media_dir: Option<&Path>, to: &Path) -> Result<u64, String> {
    match media_dir {
        Some(dir) => crate::media::store::copy_dir(dir, &media_beside(to)),
        None => Ok(0),
    }
}

/// Puts the media directory beside the backup `from` into `OURPLAN_MEDIA_DIR`, which must be
/// empty or missing.
pub fn restore_media(from: &Path, media_dir: Option<&Path>) -> Result<u64, String> {
    let beside = media_beside(from);
    match (beside.is_dir(), media_dir) {
        (false, _) => Ok(0),
        (true, Some(dir)) => crate::media::store::copy_dir(&beside, dir),
        (true, None) => Err(format!(
            "this backup keeps photos and recordings in {}: set OURPLAN_MEDIA_DIR to a new \
             directory to restore them",
            beside.display()
        )),
    }
}
