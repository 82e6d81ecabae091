//! Importing people and staff from a provider's old system (issue 21 item 7): `ourplan import
//! FILE` and `POST /api/v1/import`. The whole file is read and checked first, against itself
//! and the database; if any row is wrong nothing is written and every problem is reported with
//! its line and column. Otherwise one transaction makes the missing teams, the staff (each
//! with an invitation) and the people (each with an empty draft plan), audited.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use ourplan_shared::account::LinkPurpose;
use ourplan_shared::admission::PersonDetails;
use ourplan_shared::audit::AuditAction;
use ourplan_shared::display::DisplayMode;
use ourplan_shared::import::{COLUMNS, ImportProblem, ImportReport, ImportedStaff};
use ourplan_shared::role::Role;
use ourplan_shared::validation::Validate;

use crate::api::account_link;
use crate::api::person::insert_admitted;
use crate::auth::Maker;
use crate::db::model::audit_event;
use ourplan_shared::id::{OrganisationId, PersonId, TeamId, UserId};

use crate::db::model::fresh_id;
use crate::db::model::person::PersonRow;
use crate::db::model::team::{TeamMemberRow, TeamRow};
use crate::db::model::user::UserRow;
use crate::db::{self, DbConnection};
use crate::error::AppError;

/// Why an import wrote nothing.
#[derive(Debug)]
pub enum Refused {
    /// Rows are wrong: each problem names its line and column.
    Problems(Vec<ImportProblem>),
    Failed(AppError),
}

impl From<AppError> for Refused {
    fn from(error: AppError) -> Self {
        Refused::Failed(error)
    }
}

impl From<diesel::result::Error> for Refused {
    fn from(error: diesel::result::Error) -> Self {
        Refused::Failed(error.into())
    }
}

#[derive(Debug, Clone)]
struct Staff {
    line: u64,
    display_name: String,
    email: String,
    role: Role,
    teams: Vec<String>,
}

#[derive(Debug, Clone)]
struct Person {
    line: u64,
    details: PersonDetails,
    team: String,
    key_worker_email: Option<String>,
}

#[derive(Debug, Default)]
struct Rows {
    staff: Vec<Staff>,
    people: Vec<Person>,
}

/// Collects problems; a row with any is left out of the later checks.
#[derive(Default)]
struct Problems(Vec<ImportProblem>);

impl Problems {
    fn add(&mut self, line: u64, column: Option<&str>, message: impl Into<String>) {
        self.0.push(ImportProblem {
            line,
            column: column.map(str::to_owned),
            message: message.into(),
        });
    }
}

fn date(
    problems: &mut Problems,
    line: u64,
    column: &str,
    text: &str,
) -> Result<Option<NaiveDate>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            problems.add(
                line,
                Some(column),
                "Write the date as YYYY-MM-DD, such as 2026-12-06.",
            )
        })
}

/// Reads the file into rows, checking each on its own.
fn parse(text: &str, problems: &mut Problems) -> Rows {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(error) => {
            problems.add(
                1,
                None,
                format!("The first line could not be read: {error}."),
            );
            return Rows::default();
        }
    };
    for header in &headers {
        if !COLUMNS.contains(&header.as_str()) {
            problems.add(
                1,
                Some(header),
                format!(
                    "Ourplan does not know this column. The columns are: {}.",
                    COLUMNS.join(", ")
                ),
            );
        }
    }
    for needed in ["kind", "full_name"] {
        if !headers.iter().any(|h| h == needed) {
            problems.add(1, Some(needed), "This column is needed.");
        }
    }
    if !problems.0.is_empty() {
        return Rows::default();
    }
    let mut rows = Rows::default();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                problems.add(line, None, format!("This line could not be read: {error}."));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let field = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| record.get(i))
                .unwrap_or("")
                .to_owned()
        };
        let before = problems.0.len();
        match field("kind").to_lowercase().as_str() {
            "staff" => {
                let email = field("email").to_lowercase();
                let at = email.find('@');
                if at.is_none_or(|i| i == 0 || i + 1 == email.len()) || email.len() > 254 {
                    problems.add(
                        line,
                        Some("email"),
                        "Enter an email address like name@example.org.",
                    );
                }
                let role = Role::from_key(&field("role")).filter(|r| r.is_staff());
                if role.is_none() {
                    problems.add(
                        line,
                        Some("role"),
                        "Write support_worker, manager or admin.",
                    );
                }
                let display_name = field("full_name");
                if display_name.is_empty() || display_name.chars().count() > 200 {
                    problems.add(
                        line,
                        Some("full_name"),
                        "Enter their name (1 to 200 characters).",
                    );
                }
                let teams: Vec<String> = field("teams")
                    .split(';')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect();
                if let (Some(role), true) = (role, problems.0.len() == before) {
                    rows.staff.push(Staff {
                        line,
                        display_name,
                        email,
                        role,
                        teams,
                    });
                }
            }
            "person" => {
                let born = date(problems, line, "date_of_birth", &field("date_of_birth"));
                let started = date(
                    problems,
                    line,
                    "support_started_on",
                    &field("support_started_on"),
                );
                let started = match started {
                    Ok(Some(day)) => Some(day),
                    Ok(None) => {
                        problems.add(
                            line,
                            Some("support_started_on"),
                            "Enter the day support starts.",
                        );
                        None
                    }
                    Err(()) => None,
                };
                let format = match field("preferred_format").as_str() {
                    "" => Some(DisplayMode::Standard),
                    key => DisplayMode::from_key(key),
                };
                if format.is_none() {
                    problems.add(
                        line,
                        Some("preferred_format"),
                        "Write standard, large-type, easy-read or pictorial.",
                    );
                }
                let language = match field("preferred_language").as_str() {
                    "" => "en-GB".to_owned(),
                    tag => tag.to_owned(),
                };
                let team = field("teams");
                if team.is_empty() || team.contains(';') {
                    problems.add(line, Some("teams"), "Name the one team that supports them.");
                }
                let key_worker_email =
                    Some(field("key_worker_email").to_lowercase()).filter(|e| !e.is_empty());
                let (Ok(born), Some(started), Some(format)) = (born, started, format) else {
                    continue;
                };
                let details = PersonDetails {
                    full_name: field("full_name"),
                    preferred_name: Some(field("preferred_name")),
                    date_of_birth: born,
                    support_started_on: started,
                    preferred_format: format,
                    preferred_language: language,
                    communication_needs: field("communication_needs"),
                    communication_aids: field("communication_aids"),
                }
                .tidied();
                for problem in details.problems() {
                    problems.add(line, Some(&problem.field), problem.message);
                }
                if problems.0.len() == before {
                    rows.people.push(Person {
                        line,
                        details,
                        team,
                        key_worker_email,
                    });
                }
            }
            _ => problems.add(line, Some("kind"), "Write staff or person."),
        }
    }
    if rows.staff.is_empty() && rows.people.is_empty() && problems.0.is_empty() {
        problems.add(1, None, "The file has no rows under its column names.");
    }
    rows
}

/// What the checks against the database found to do.
struct Plan {
    /// Team names (as in the file) to make, and the ids every named team will have.
    new_teams: Vec<String>,
    team_ids: HashMap<String, TeamId>,
    /// Staff emails to the id their account will have, or has already.
    staff_ids: HashMap<String, UserId>,
}

fn team_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Checks the rows against each other and the database.
fn check(
    conn: &mut DbConnection,
    organisation_id: OrganisationId,
    rows: &Rows,
    problems: &mut Problems,
) -> Result<Plan, AppError> {
    let mut team_ids: HashMap<String, TeamId> = TeamRow::listed(conn, organisation_id, None)?
        .into_iter()
        .map(|t| (team_key(&t.name), t.id))
        .collect();
    let mut new_teams = Vec::new();
    let named = rows
        .staff
        .iter()
        .flat_map(|s| s.teams.iter())
        .chain(rows.people.iter().map(|p| &p.team));
    for name in named {
        if let std::collections::hash_map::Entry::Vacant(entry) = team_ids.entry(team_key(name)) {
            entry.insert(fresh_id());
            new_teams.push(name.trim().to_owned());
        }
    }
    // Staff: each email once, in the file and in Ourplan.
    let mut staff_ids = HashMap::new();
    let mut staff_teams: HashMap<String, HashSet<String>> = HashMap::new();
    for staff in &rows.staff {
        if staff_ids.contains_key(&staff.email) {
            problems.add(
                staff.line,
                Some("email"),
                "This email address is in the file twice.",
            );
        } else if UserRow::find_by_email(conn, &staff.email)?.is_some() {
            problems.add(
                staff.line,
                Some("email"),
                "There is already an account with this email address.",
            );
        }
        staff_ids.insert(staff.email.clone(), fresh_id());
        staff_teams.insert(
            staff.email.clone(),
            staff.teams.iter().map(|t| team_key(t)).collect(),
        );
    }
    // People: a key worker on their team; nobody twice, in the file or already here.
    let mut seen = HashSet::new();
    for person in &rows.people {
        let details = &person.details;
        if let Some(born) = details.date_of_birth {
            let key = (details.full_name.to_lowercase(), born);
            if !seen.insert(key) {
                problems.add(
                    person.line,
                    Some("full_name"),
                    "Someone with this name and date of birth is in the file twice.",
                );
            } else if PersonRow::possible_duplicate(
                conn,
                organisation_id,
                &details.full_name,
                born,
                None,
            )? {
                problems.add(
                    person.line,
                    Some("full_name"),
                    "Someone with this name and date of birth is supported here already.",
                );
            }
        }
        let Some(email) = &person.key_worker_email else {
            continue;
        };
        let team = team_key(&person.team);
        let on_team = match staff_teams.get(email) {
            Some(teams) => teams.contains(&team),
            None => {
                match UserRow::find_by_email(conn, email)? {
                    Some(user) if user.organisation_id == organisation_id => {
                        staff_ids.insert(email.clone(), user.id);
                        match team_ids.get(&team) {
                            Some(team_id) => TeamMemberRow::is_member(conn, *team_id, user.id)?,
                            None => false,
                        }
                    }
                    _ => {
                        problems.add(person.line, Some("key_worker_email"), "There is no member of staff with this email, in the file or in Ourplan.");
                        continue;
                    }
                }
            }
        };
        if !on_team {
            problems.add(
                person.line,
                Some("key_worker_email"),
                "The key worker must be on the person's team.",
            );
        }
    }
    Ok(Plan {
        new_teams,
        team_ids,
        staff_ids,
    })
}

/// Reads, checks and (if every row is right) imports `text` into an organisation.
/// Each new member of staff's invitation is also emailed when `mail` is on.
pub fn import(
    conn: &mut DbConnection,
    by: &Maker,
    text: &str,
    origin: &str,
    at: NaiveDateTime,
    mail: &crate::email::Mail,
) -> Result<ImportReport, Refused> {
    if text.contains('\0') {
        // PostgreSQL cannot store it; refused on SQLite too, so both answer alike.
        return Err(Refused::Failed(AppError::invalid(
            "csv",
            "The file has a character that cannot be stored (NUL, U+0000). Save it again as \
             CSV text and try again.",
        )));
    }
    let organisation_id = by.organisation_id().to_owned();
    let mut problems = Problems::default();
    let rows = parse(text, &mut problems);
    let plan = check(conn, organisation_id, &rows, &mut problems)?;
    if !problems.0.is_empty() {
        problems
            .0
            .sort_by(|a, b| (a.line, &a.column).cmp(&(b.line, &b.column)));
        return Err(Refused::Problems(problems.0));
    }
    let team_id = |name: &str| plan.team_ids[&team_key(name)];
    let report = db::write_transaction(conn, |conn| {
        let mut entries = Vec::new();
        for name in &plan.new_teams {
            let row = TeamRow {
                id: team_id(name),
                organisation_id,
                name: name.clone(),
                created_at: at,
            };
            TeamRow::insert_all(conn, std::slice::from_ref(&row))?;
            entries.push(by.audit(AuditAction::Create, "team").object(row.id));
        }
        let mut staff = Vec::new();
        for member in &rows.staff {
            let row = UserRow {
                id: plan.staff_ids[&member.email],
                organisation_id,
                email: member.email.clone(),
                display_name: member.display_name.clone(),
                role: member.role,
                person_id: None,
                password_hash: None,
                created_at: at,
                disabled_at: None,
            };
            UserRow::insert_all(conn, std::slice::from_ref(&row))?;
            let memberships: Vec<TeamMemberRow> = member
                .teams
                .iter()
                .map(|t| team_key(t))
                .collect::<HashSet<_>>()
                .into_iter()
                .map(|t| TeamMemberRow {
                    team_id: plan.team_ids[&t],
                    user_id: row.id,
                })
                .collect();
            TeamMemberRow::insert_all(conn, &memberships)?;
            entries.push(by.audit(AuditAction::Create, "user").object(row.id));
            let invitation =
                account_link::issue(conn, by, &row, LinkPurpose::Invitation, origin, at, mail)?;
            staff.push(ImportedStaff {
                email: row.email,
                display_name: row.display_name,
                invitation,
            });
        }
        for person in &rows.people {
            let person_id: PersonId = fresh_id();
            let key_worker = person
                .key_worker_email
                .as_ref()
                .map(|email| plan.staff_ids[email]);
            insert_admitted(
                conn,
                person_id,
                organisation_id,
                &person.details,
                team_id(&person.team),
                key_worker,
                at,
            )?;
            entries.push(
                by.audit(AuditAction::Create, "person")
                    .object(person_id)
                    .about(person_id),
            );
        }
        audit_event::append(conn, &entries)?;
        Ok(ImportReport {
            teams_created: plan.new_teams.clone(),
            staff,
            people: u32::try_from(rows.people.len()).unwrap_or(u32::MAX),
        })
    })?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(text: &str) -> Vec<String> {
        let mut problems = Problems::default();
        parse(text, &mut problems);
        problems.0.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn each_problem_names_its_line_and_column() {
        let text = "kind,full_name,email,role,teams,support_started_on,date_of_birth\n\
                    staff,Jo Mensah,jo@example.org,support_worker,Hillside,,\n\
                    staff,Sam,not-an-email,boss,,,\n\
                    person,Priya Nair,,,Hillside,2026-13-01,\n\
                    person,,,,Hillside;Meadow,2026-12-01,1990-01-01\n\
                    visitor,Someone,,,,,\n";
        assert_eq!(
            problems_of(text),
            vec![
                "line 3, column email: Enter an email address like name@example.org.",
                "line 3, column role: Write support_worker, manager or admin.",
                "line 4, column support_started_on: Write the date as YYYY-MM-DD, such as 2026-12-06.",
                "line 5, column teams: Name the one team that supports them.",
                "line 5, column full_name: Enter the person's full name.",
                "line 6, column kind: Write staff or person.",
            ]
        );
    }

    #[test]
    fn unknown_and_missing_columns_are_named() {
        let problems = problems_of("kind,dob\nperson,1990-01-01\n");
        assert!(problems[0].starts_with("line 1, column dob: Ourplan does not know this column"));
        assert_eq!(
            problems[1],
            "line 1, column full_name: This column is needed."
        );
        assert_eq!(
            problems_of("kind,full_name\n"),
            vec!["line 1: The file has no rows under its column names."]
        );
    }
}
